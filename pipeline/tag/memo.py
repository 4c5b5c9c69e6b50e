"""Exact, memoised stand-ins for the English pipeline's two rule components.

In en_core_web_sm, `attribute_ruler` (179 Matcher patterns: the tag map, and
exceptions such as "n't" -> PART) and the rule `lemmatizer` took 45% of tagging time,
more than the neural tok2vec and tagger together. Yet each decides a token from a
few of its own attributes: the ruler's one-token patterns read its text, tag and
dependency label; the lemmatizer reads its text, POS and morphology. So both are
run through a memo keyed by those attributes: the first token with a key is decided
by spaCy's own component, every later one is a dict lookup, and the results are
written back to the Doc in one `from_array`. Patterns that look at more than one
token (or at anything else) still go through a spaCy Matcher, a small one, and only
for a doc holding a token their first token could be (its text, lower case or label,
as the patterns say: "gon" of "gonna", "let" of "let's"): most docs hold none.

The annotations are spaCy's own, token for token (tests/test_memo_pipes.py compares
the two pipelines over every answer of the corpora), so features, models and
accuracy do not change. Memos are bounded (`MEMO_MAX` entries each, cleared when
full, so a long run that keeps meeting new words, numbers and names does not grow them)
and keyed by string hashes, which stay valid across memory zones; a lemma is re-added to
the StringStore of the doc's zone every time it is written.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

MEMO_MAX = 10_000  # entries of each memo; a full memo starts again (memory stays flat over a long run)
# Token attributes a one-token pattern may read and still be decided by (text, tag, dependency):
# the lexical ones follow from the text, TAG and DEP are in the key.
_LEXICAL = {"ORTH", "TEXT", "LOWER", "LENGTH", "SHAPE", "PREFIX", "SUFFIX", "IS_ALPHA", "IS_ASCII", "IS_DIGIT",
            "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_BRACKET", "IS_QUOTE",
            "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"}
_KEYED = _LEXICAL | {"TAG", "DEP"}
# Attributes written back with from_array; a rule setting anything else is applied as spaCy does.
_ARRAY_ATTRS = {TAG, POS, MORPH, LEMMA}
MEMO_RULER = "foi_attribute_ruler"
MEMO_LEMMATIZER = "foi_lemmatizer"


def _one_token(pattern: list[dict[str, Any]], index: int) -> bool:
    """Whether a pattern matches one token by attributes of that token alone."""
    return (len(pattern) == 1 and index in (0, -1)
            and all(key.upper() in _KEYED for key in pattern[0]))


# The attributes whose value a pattern's first token may be gated on, as to_array reads them.
_GATE_ATTRS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "DEP": DEP}
Gate = tuple[int, "set[str] | re.Pattern[str]"]  # (attribute id, the values it may take, or a REGEX)


def first_token_gate(pattern: Sequence[dict[str, Any]]) -> Gate | None:
    """A condition a doc must meet for `pattern` to match in it: a token whose text, lower case or
    label is one the pattern's first token asks for (equal, IN, or REGEX, as the Matcher reads
    them). None when the first token may be skipped (an operator) or asks only for other things."""
    first = {key.upper(): value for key, value in pattern[0].items()} if pattern else {"OP": "*"}
    if "OP" in first:
        return None
    for name, attr in _GATE_ATTRS.items():
        value = first.get(name)
        if isinstance(value, str):
            return attr, {value}
        if isinstance(value, dict) and len(value) == 1 and "IN" in value:
            return attr, set(value["IN"])
        if isinstance(value, dict) and len(value) == 1 and "REGEX" in value:
            return attr, re.compile(value["REGEX"])
    return None


class MemoAttributeRuler:
    """`attribute_ruler` with its one-token rules memoised by (text, tag, dependency)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, int]] = ruler.attrs
        self.single = Matcher(self.vocab, validate=False)
        self.context = Matcher(self.vocab, validate=False)
        self.odd = set()  # rules that set attributes from_array does not write
        gates: list[Gate | None] = []
        for rule, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
            key = self.vocab.strings.add(str(rule))
            patterns = ruler.matcher.get(key)[1]
            alone = [p for p in patterns if _one_token(p, index)]
            rest = [p for p in patterns if not _one_token(p, index)]
            if alone:
                self.single.add(key, alone)
            if rest:
                self.context.add(key, rest)
                gates.extend(first_token_gate(p) for p in rest)
            if not set(attrs) <= _ARRAY_ATTRS:
                self.odd.add(rule)
        # A doc meeting none of the context patterns' gates cannot match any (None: some pattern has none).
        # The values asked for, by attribute: as string hashes (what to_array gives), or REGEXes.
        self.gates: dict[int, tuple[set[int], list[re.Pattern[str]]]] | None = None if None in gates else {}
        for attr, values in (g for g in gates if g is not None and self.gates is not None):
            literals, regexes = self.gates.setdefault(attr, (set(), []))
            if isinstance(values, set):
                literals.update(self.vocab.strings.add(value) for value in values)
            else:
                regexes.append(values)
        self.searched: dict[tuple[int, int], bool] = {}  # (attribute, a value's hash) -> whether a gate's REGEX finds it
        self.indices = ruler.indices
        self.rules: dict[tuple[int, int, int], tuple[int, ...]] = {}
        self.folded: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], bool]] = {}

    def _rules_for(self, orth: int, tag: int, dep: int) -> tuple[int, ...]:
        """The one-token rules a token with this text, tag and label matches, asking spaCy's Matcher."""
        if len(self.rules) >= MEMO_MAX:
            self.rules.clear()
        probe = Doc(self.vocab, words=[self.vocab.strings[orth]], spaces=[False])
        probe[0].tag, probe[0].dep = tag, dep
        found = tuple(sorted({int(self.vocab.strings[m]) for m, _, _ in self.single(probe, allow_missing=True)}))
        self.rules[(orth, tag, dep)] = found
        return found

    def _fold(self, rules: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], bool]:
        """The attributes rules set that from_array writes, later rules winning (spaCy applies them in rule
        order), and whether any of the rules sets another attribute."""
        folded = self.folded.get(rules)
        if folded is None:
            merged: dict[int, int] = {}
            for rule in rules:
                merged.update(self.attrs[rule])
            folded = tuple((attr, value) for attr, value in merged.items() if attr in _ARRAY_ATTRS), bool(self.odd.intersection(rules))
            self.folded[rules] = folded
        return folded

    def _may_match_context(self, doc: Doc) -> bool:
        """Whether a context pattern could match in `doc` (some token meets some pattern's gate)."""
        if self.gates is None:
            return True
        for attr, (literals, regexes) in self.gates.items():
            present = set(doc.to_array(attr).tolist())
            if not literals.isdisjoint(present):
                return True
            for value in present if regexes else ():
                found = self.searched.get((attr, value))
                if found is None:
                    if len(self.searched) >= MEMO_MAX:
                        self.searched.clear()
                    text = self.vocab.strings[value] if value else ""  # a missing value read as "": the Matcher then runs
                    found = self.searched[(attr, value)] = any(regex.search(text) for regex in regexes)
                if found:
                    return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        memo = self.rules
        per_token = []
        for key in map(tuple, doc.to_array([ORTH, TAG, DEP]).tolist()):
            rules = memo.get(key)
            per_token.append(self._rules_for(*key) if rules is None else rules)
        if len(self.context) and self._may_match_context(doc):
            for match, start, end in self.context(doc, allow_missing=True):
                rule = int(self.vocab.strings[match])
                i = range(start, end)[self.indices[rule]]
                per_token[i] = tuple(sorted({*per_token[i], rule}))
        folds = [self._fold(rules) for rules in per_token]
        columns = sorted({attr for fold in set(folds) for attr, _ in fold[0]})
        if columns:
            values = doc.to_array(columns)
            rows = values.tolist()
            position = {attr: c for c, attr in enumerate(columns)}
            for row, (written, _) in zip(rows, folds):
                for attr, value in written:
                    row[position[attr]] = value
            doc.from_array(columns, np.asarray(rows, dtype=values.dtype).reshape(values.shape))
        for i, (rules, (_, odd)) in enumerate(zip(per_token, folds)):
            if odd:  # as spaCy does it, in rule order
                for rule in rules:
                    set_token_attrs(doc[i], self.attrs[rule])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class MemoLemmatizer:
    """The rule `lemmatizer` memoised by (text, POS, morphology), the only things its rules read."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        overwrite = self.lemmatizer.overwrite
        memo, strings = self.memo, doc.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = [row[3] for row in rows]
        added: dict[str, int] = {}
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                continue
            text = memo.get((orth, pos, morph))
            if text is None:
                if len(memo) >= MEMO_MAX:
                    memo.clear()
                text = memo[(orth, pos, morph)] = self.lemmatizer.lemmatize(doc[i])[0]
            value = added.get(text)
            if value is None:
                value = added[text] = strings.add(text)  # into this doc's memory zone, as spaCy does
            lemmas[i] = value
        doc.from_array([LEMMA], np.asarray(lemmas, dtype=np.uint64))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(MEMO_RULER)
def _make_memo_ruler(nlp: Language, name: str) -> MemoAttributeRuler:
    return MemoAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory(MEMO_LEMMATIZER)
def _make_memo_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.get_pipe("lemmatizer"))


def memoise_rules(nlp: Language) -> Language:
    """Swap `attribute_ruler` and a rule `lemmatizer` for their memoised stand-ins, in place."""
    for stock, memoised in (("attribute_ruler", MEMO_RULER), ("lemmatizer", MEMO_LEMMATIZER)):
        if stock not in nlp.pipe_names:
            continue
        if stock == "lemmatizer" and getattr(nlp.get_pipe(stock), "mode", None) != "rule":
            continue
        nlp.add_pipe(memoised, after=stock)
        nlp.remove_pipe(stock)
    return nlp


