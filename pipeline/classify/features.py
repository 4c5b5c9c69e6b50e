"""Features of a tagged answer: what the classifier reads of spaCy's output.

Each feature reads a `TaggedAnswer` (spaCy's tokens plus what extract found); the
blocks of the feature union (train/fit.py fits them, linear.py computes them) are
built over these. The design goal is to carry what generalises across bodies'
wording:

- lemma n-grams where every token inside a negation's scope is prefixed `NEG_`,
  so "no specific budget" (NEG_specific NEG_budget) and "a specific budget"
  (specific budget) share no feature; numbers become NUM/YEAR/FY/MONEY shapes;
- explicit, wording-independent cues (cues.py): negation over holding and
  existence words, what the answer gives besides, exemptions and where they sit,
  numbers and table rows, data files, redirection, the question's count-or-thing;
- the question's topic (its lemmas);
- for every label, how much of its one-line definition (labels.py, the scheme
  file) the answer's best sentence echoes, negated or not, and whether that
  sentence carries a number: a user's own scheme gets these features for free;
  for a scheme whose findings each code one question (`Scheme.per_question`), also
  how much the answer's question asks about what sets each definition apart.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..labels import OUTCOMES, Scheme
from ..tag import NEGATION_CUES, TaggedAnswer, Tokens
from .cues import _CURRENCY, leading_label


def _tokens(text: Tokens | Doc | Span) -> Tokens:
    return text if isinstance(text, Tokens) else Tokens.from_doc(text)


def answer_terms(answer: Tokens | Doc | Span) -> list[str]:
    """The answer as normalised terms: lemmas, number shapes, NEG_ inside negation scope; its own list label
    ("5.", "(c)", "Q4:": `cues.leading_label`) is none of them."""
    tokens = _tokens(answer)
    terms = []
    previous = None
    start = leading_label(tokens.words)
    for word, fill, found, lemma, negated, lower in zip(tokens.words[start:], tokens.filler[start:], tokens.shape[start:],
                                                         tokens.lemma[start:], tokens.negated[start:], tokens.lower[start:]):
        if fill:
            previous = word
            continue
        if found is not None and (found == "NUM" or found == "YEAR") and previous in _CURRENCY:
            found = "MONEY"
        term = found or lemma
        terms.append(f"NEG_{term}" if negated and lower not in NEGATION_CUES else term)
        previous = word
    return terms


def question_terms(question: Tokens | Doc | None) -> list[str]:
    """The question's lemmas (its topic), numbers as shapes."""
    if question is None:
        return []
    tokens = _tokens(question)
    return [found or lemma for found, lemma, skip in zip(tokens.shape, tokens.lemma, tokens.qskip) if not skip]


def definition_terms(scheme: Scheme, nlp: Language) -> dict[str, list[str]]:
    """Content lemmas of every outcome's and finding's definition, for DefinitionOverlap."""
    labels = (*OUTCOMES, *scheme.findings)
    return {
        label.name: sorted({t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop})
        for label, doc in zip(labels, nlp.pipe(label.definition for label in labels))
    }


def definition_index(definitions: dict[str, list[str]]) -> dict[str, list[int]]:
    """Each definition lemma -> the positions of the labels whose definitions hold it."""
    index: dict[str, list[int]] = {}
    for position, terms in enumerate(definitions.values()):
        for term in set(terms):
            index.setdefault(term, []).append(position)
    return index


def _label_hits(terms: set[str], index: dict[str, list[int]], labels: int) -> list[int]:
    """How many of `terms` each label's definition holds."""
    hits = [0] * labels
    for term in terms:
        for position in index.get(term, ()):
            hits[position] += 1
    return hits


def definition_overlap(item: TaggedAnswer, definitions: dict[str, list[str]],
                       index: dict[str, list[int]] | None = None, *, asked: bool = False) -> dict[str, float]:
    """Per label: the largest share of its definition's lemmas that one sentence states, states
    negated (`~negated`), and states beside a number (`~number`); with `asked`, how much the
    question asks about the label (`~asked`, see `asked_overlap`).

    Counted through `index` (`definition_index`): a sentence's lemmas look up their labels,
    rather than every label's definition meeting every sentence."""
    tokens = item.tokens
    if not tokens.sents:
        return {}
    index = definition_index(definitions) if index is None else index
    lemma, negated_flags, shapes = tokens.lemma, tokens.negated, tokens.shape
    label = leading_label(tokens.words)  # the answer's own "5." is no number beside its words
    sizes = [max(len(terms), 1) for terms in definitions.values()]
    plain_best, negated_best, number_best = [0.0] * len(sizes), [0.0] * len(sizes), [0.0] * len(sizes)
    for start, end in tokens.sents:
        plain_count = _label_hits({lemma[k] for k in range(start, end) if not negated_flags[k]}, index, len(sizes))
        negated_count = _label_hits({lemma[k] for k in range(start, end) if negated_flags[k]}, index, len(sizes))
        numeric = "NUM" in shapes[max(start, label):end]
        for position, size in enumerate(sizes):
            share = plain_count[position] / size
            plain_best[position] = max(plain_best[position], share)
            negated_best[position] = max(negated_best[position], negated_count[position] / size)
            number_best[position] = max(number_best[position], share * numeric)
    row: dict[str, float] = {}
    for name, plain, negated, number in zip(definitions, plain_best, negated_best, number_best):
        row[name], row[f"{name}~negated"], row[f"{name}~number"] = plain, negated, number
    if asked:
        row.update(asked_overlap(item.question_tokens, definitions, index))
    return row


def asked_overlap(question: Tokens | None, definitions: dict[str, list[str]], index: dict[str, list[int]]) -> dict[str, float]:
    """Per label (`~asked`): how much of what sets its definition apart from the other labels' the
    question asks about (each definition lemma weighs 1 / the number of definitions holding it), as a
    share of the best-matched label's. Two findings worded alike but for what they are about
    ("for inpatients" / "in the community") are told apart by the question they answer."""
    if question is None or not definitions:
        return {}
    weights = [0.0] * len(definitions)
    for term in set(question.lemma):
        holders = index.get(term)
        if holders:
            for position in holders:
                weights[position] += 1.0 / len(holders)
    sizes = [sum(1.0 / len(index[t]) for t in set(terms)) or 1.0 for terms in definitions.values()]
    scores = [w / s for w, s in zip(weights, sizes)]
    best = max(scores)
    if best <= 0.0:
        return {}
    return {f"{name}~asked": score / best for name, score in zip(definitions, scores)}


# Answer n-grams: 1-2 terms (not 1-3): better grouped-CV findings, the same round-robin outcomes and
# fewer features, so less of one corpus's phrasing to memorise. (min_df 3 scored alike but leaves
# small training sets, e.g. a learning curve's first point, with no vocabulary.)
ANSWER_NGRAMS = (1, 2)
QUESTION_BLOCK = "question"  # the block of the question's own terms
ANSWER_MIN_DF = 2
