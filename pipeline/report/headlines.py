"""Headlines: per canonical question, what the bodies said, as sentences with counts; and how
each body's reply went as a whole (its status, rolled up from its answers: labels.reply_status).

Written for a reader, not a spreadsheet ("9 of 12 bodies said the information is
not held; 2 refused on cost grounds (section 12(1))"), and shared by the HTML,
the Markdown and the terminal summary at the end of `classify`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import re

from ..labels import OUTCOME_NAMES, STATUS_NAMES
from ..output import period_words
from .summary import Summary
from .values import QuestionValues, body_noun, cell_value, name_index, summarise_values

# How each outcome reads after a count of bodies (past tense: right for one body or many).
# Keyed by the outcome names of labels.py; a test keeps the two in step.
OUTCOME_PHRASES: dict[str, str] = {
    "ncnd": "neither confirmed nor denied holding it",
    "refused_cost": "refused on cost grounds",
    "refused_exemption": "refused under an exemption",
    "partially_provided": "gave part and withheld the rest",
    "not_held": "said the information is not held or does not exist",
    "provided": "provided the information or an answer",
    "other": "asked for clarification, transferred or only acknowledged",
}
# How each reply status reads after a count of bodies; keyed by labels.py's status names (a test keeps them in step).
STATUS_PHRASES: dict[str, str] = {
    "successful": "answered every question",
    "partially_successful": "gave part of what was asked",
    "not_held": "held none of it",
    "rejected": "refused, giving nothing",
    "other": "only acknowledged, transferred or asked for clarification",
}
_NAMED_LIMIT = 5  # name the bodies that gave no answer when there are at most this many


@dataclass(frozen=True)
class Headline:
    """The sentences for one canonical question."""

    key: str
    title: str
    sentences: tuple[str, ...]


def plural(count: int, singular: str, many: str | None = None) -> str:
    """'1 body', '2 bodies': a count with its noun in the right number."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def sections(cited: list[str]) -> str:
    """'section 12(1)' or 'sections 31(1)(a) and 40(2)'."""
    return ("section " if len(cited) == 1 else "sections ") + join_words(cited)


def _outcome_phrase(outcome: str, cited: list[str]) -> str:
    phrase = OUTCOME_PHRASES.get(outcome, outcome.replace("_", " "))
    if not cited:
        return phrase
    if outcome == "refused_exemption":
        return f"refused under {sections(cited)}"
    return f"{phrase} ({sections(cited)})"


def status_sentence(summary: Summary) -> str:
    """The replies as a whole, most common status first ("Replies as a whole (12 bodies): 5 answered every
    question (successful); 4 gave part of what was asked (partially successful); 2 refused, giving nothing
    (rejected): A and B."), the bodies named where few."""
    statuses = {row.name: row.status for row in summary.bodies if row.status}
    if not statuses:
        return ""
    counts = Counter(statuses.values())
    rank = {name: i for i, name in enumerate(STATUS_NAMES)}
    parts = []
    for status in sorted(counts, key=lambda s: (-counts[s], rank[s])):
        who = [name for name, s in statuses.items() if s == status]
        named = f": {join_words(who)}" if len(who) <= _NAMED_LIMIT and len(counts) > 1 else ""
        parts.append(f"{counts[status]} {STATUS_PHRASES[status]} ({status.replace('_', ' ')}){named}")
    return f"Replies as a whole ({plural(len(statuses), 'body', 'bodies')}): " + "; ".join(parts) + "."


def question_headlines(summary: Summary) -> list[Headline]:
    """One Headline per canonical question, in the table's column order: the values in words first."""
    headlines = []
    total = len(summary.bodies)
    names = name_index(summary)
    for question in summary.questions:
        answered = summary.answered(question.key)
        n = len(answered)
        if not n:
            headlines.append(Headline(question.key, question.title, ("No body answered this question.",)))
            continue
        counts = summary.outcome_counts(question.key)
        rank = {name: i for i, name in enumerate(OUTCOME_NAMES)}
        ordered = sorted(counts, key=lambda o: (-counts[o], rank.get(o, len(rank))))
        parts = []
        for outcome in ordered:
            cited = sorted({e for _, cell in answered if cell.outcome == outcome for e in cell.exemptions})
            count = f"{counts[outcome]} of {plural(n, 'body', 'bodies')}" if not parts else str(counts[outcome])
            parts.append(f"{count} {_outcome_phrase(outcome, cited)}")
        sentences = value_sentences(summary, question.key, summarise_values(summary, question.key, names))
        sentences.append("; ".join(parts) + ".")
        findings = summary.finding_counts(question.key)
        if findings:
            order = {name: i for i, name in enumerate(summary.scheme.finding_names)}
            ranked = sorted(findings, key=lambda f: (-findings[f], order.get(f, len(order)), f))
            items = [f"{f.replace('_', ' ')} ({findings[f]})" for f in ranked]
            sentences.append(f"What the {plural(n, 'answer')} showed: {join_words(items)}.")
        review = sum(cell.needs_review for _, cell in answered)
        if review:
            sentences.append(f"{plural(review, 'answer')} {'is' if review == 1 else 'are'} marked for review.")
        missing = [row.name for row in summary.bodies if question.key not in row.cells]
        if missing:
            who = f": {join_words(missing)}" if len(missing) <= _NAMED_LIMIT else ""
            sentences.append(f"{plural(len(missing), 'body', 'bodies')} of {total} gave no answer to it{who}.")
        headlines.append(Headline(question.key, question.title, tuple(sentences)))
    return headlines


_CLOSED = re.compile(r"^(?:do|does|did|have|has)\s+(?:you|your\s+\w+|the\s+[\w\s]+?|it|they)\s+(?P<rest>[^?]+)\?", re.I)


def _predicate(question: str) -> str | None:
    """'Do you publish a disclosure log? ...' -> 'publish a disclosure log' (for '21 of 110 councils publish ...')."""
    match = _CLOSED.match(question.strip())
    return match.group("rest").strip() if match else None


_ASKS_COUNT = re.compile(r"\b(?:how\s+many|number\s+of)\s+", re.I)
_TOKEN = re.compile(r"[^\W_][\w'’-]*|[^\w\s]")
# Words that end the phrase naming what is counted: determiners, prepositions, pronouns, auxiliaries,
# question words and conjunctions ("How many public toilets | does the council ...", "... sites | the council had").
_STOPS = frozenset("""
a an the this that these those your its their our his her my any each every all some no such other
in on at by for from to with within during since between across over under per into onto about after before
as than through via without against among upon around throughout including of and or
you it they we he she them us i there
is are was were be been being do does did done have has had will would can could should may might must shall
which who whom whose where when what why how whether if but so while because not
""".split())
_JOINERS = frozenset({"of", "and", "or"})  # inside the phrase when a word of it follows: "members of staff"
_OF_WHICH = frozenset({"the", "these", "those", "your", "its", "their", "our", "all"})
_LONGEST = 6  # words: a phrase that runs on past this without a stop is not read as one


def _verb_after(previous: str, word: str) -> bool:
    """Whether `word`, after a word of the phrase, reads as its verb: 'complaints received', 'staff work'
    (not 'newly qualified': an adverb's participle describes the noun to come)."""
    return (word.endswith("ed") or word in ("work", "works")) and not previous.lower().endswith("ly")


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _counted(question: str, heads: Counter[str] | None = None) -> str:
    """What a count question counts, as its words say it: 'How many public toilets does ...' -> 'public toilets',
    'The number of school crossing patrol sites the council had' -> 'school crossing patrol sites', 'How many of
    the claims were ...' -> 'claims'. The phrase runs from 'how many' / 'number of' to the first word that cannot
    be part of it (_STOPS, punctuation); where the answers name what they counted (`heads`, the values' `counted`),
    it ends at the last word they name, dropping what trails the noun ('posts vacant' -> 'posts'). '' when no
    phrase can be read ('How many of those ...'): better no noun than a wrong one."""
    match = _ASKS_COUNT.search(question)
    if not match:
        return ""
    tokens = _TOKEN.findall(question[match.end():])
    if len(tokens) > 1 and tokens[0].lower() == "of" and tokens[1].lower() in _OF_WHICH:
        tokens = tokens[2:]  # "how many of the claims": the claims are counted
    phrase: list[str] = []
    for k, token in enumerate(tokens):
        word = token.lower()
        following = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
        joins = word in _JOINERS and phrase and following[:1].isalnum() and following not in _STOPS
        if not token[:1].isalnum() or (word in _STOPS and not joins) or (phrase and _verb_after(phrase[-1], word)):
            break
        phrase.append(token)
    named = {_stem(w) for head in heads or () for w in re.findall(r"[\w'’-]+", head)}
    last = max((k for k, w in enumerate(phrase) if _stem(w) in named), default=None)
    if last is not None:
        phrase = phrase[: last + 1]
    elif len(phrase) > _LONGEST:
        return ""
    while phrase and phrase[-1].lower() in _JOINERS:
        phrase.pop()
    return " ".join(phrase)


def value_sentences(summary: Summary, key: str, values: QuestionValues) -> list[str]:
    """The values in words: '21 of 110 councils publish a disclosure log (19%); 89 do not.',
    '105 councils gave a number of people: median 1 (range 0–15); 35 of them said zero.', 'most named: iCasework (5), ...'.
    A value of 0 is an answer that says there were none ("no one", "nil"; an amount "Nil."): said zero, counted in
    the median, as distinct from an answer saying the information is not held, which gives no value."""
    single, many = body_noun(summary)
    question = next((q.text for q in summary.questions if q.key == key), "")
    said = len(values.yes) + len(values.no)
    out = []
    if values.kind == "yes_no" and said:
        share = round(100 * len(values.yes) / said)
        predicate = _predicate(question)
        if predicate:
            out.append(f"{len(values.yes)} of {plural(said, single, many)} {predicate} ({share}%); {len(values.no)} do not.")
        else:
            out.append(f"{len(values.yes)} of {plural(said, single, many)} said yes ({share}%); {len(values.no)} said no.")
    if values.kind == "name" and values.names:
        named = sum(cell_value(cell)[0] == "name" for _, cell in summary.answered(key))
        top = [f"{name} ({count})" for name, count in values.names.most_common(5)]
        out.append(f"{named} of {plural(values.answered, single, many)} named one; most named: {join_words(top)}"
                   + (f"; {len(values.no)} said no." if values.no else "."))
    if values.kind in ("count", "money") and values.numbers:
        what = _counted(question, values.counted) if values.kind == "count" else ""
        line = (f"{plural(len(values.numbers), single, many)} gave "
                f"{'a number' + (' of ' + what if what else '') if values.kind == 'count' else 'an amount'}: "
                f"median {values.format(values.median)}")
        if values.low != values.high:
            line += f" (range {values.format(values.low)}–{values.format(values.high)})"
        if values.zeros:  # inside the bodies counted and the median, so "of them"; "zero", not the ambiguous "none"
            line += f"; {values.zeros} of them said zero"
        if len(values.periods) > 1:
            ranked = sorted(values.periods.items(), key=lambda kv: (-kv[1], kv[0] == "", kv[0]))
            line += "; not like for like, the amounts are for " + join_words(
                [f"{period_words(period) or 'no stated period'} ({count})" for period, count in ranked])
        out.append(line + ".")
    return out
