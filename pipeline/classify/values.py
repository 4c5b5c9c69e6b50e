"""The value of an answer: the number, amount, yes/no or name a researcher would code from it.

A comparative table of FOI replies is a table of values ("2 people", "£34,000 a year",
"yes", "iCasework"), so each classified answer also gets `value` and `value_kind`:

- `count`: a number of people or things, with what is counted (FTE fractions and
  ranges kept: "0.75 FTE", "2-3 officers"); 0 when the answer says none or no one;
- `money`: an amount with its currency and period;
- `yes_no`: the answer to a closed question ("Do you publish ...?"); planned,
  forthcoming or discontinued is "no";
- `name`: a named thing (software, supplier, system, a document's title);
- `text`: a short substantive answer with none of these;
- `none`: nothing given (the outcome says why).

The question's form decides what is looked for ("how many", "the number of" ->
count; budget, cost, spend, "the value of", or "how much did ..." answered with an
amount -> money; "which", "who", a document asked for -> name; "Do you / Is there /
Does the council" -> yes/no; "Do you ...? If so, which?" -> a name when one is given,
else yes/no). spaCy's tags (POS, lemmas, number shapes,
negation scope in `Tokens`) find the candidates: every number with the noun after
it, every run of proper nouns, the answer's polarity. Which candidate is the value is
decided by three small logistic regressions over wording-independent features (is
the number followed by a person noun or by the noun the question counts, is it the
first number, inside a negation, a year, a date, a percentage of a post ...): learnt
from labelled values by pipeline/train/values.py (`scripts/train_values.py`) and
shipped as plain JSON weights (value_weights.json), so loading them runs no code.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..extract import find_money, find_years, number_key
from ..labels import WITHHOLDING_OUTCOMES
from ..output import PER_YEAR
from ..tag import Tokens
from .cues import ATTACHMENT_LEMMAS, REFERENCE_WORDS, leading_label, reference_numbers

WEIGHTS_FILE = Path(__file__).with_name("value_weights.json")

# ------------------------------------------------------------------ what the question asks for

_AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could", "will",
                          "would", "should", "may", "must", "shall"})
MONEY_WORDS = frozenset({"budget", "cost", "spend", "spending", "expenditure", "amount", "salary", "fee", "price",
                         "funding", "fund", "pay", "payment", "income", "revenue", "charge", "spent", "saving", "grant",
                         "compensation", "reimbursement", "bill", "money", "debt", "arrears", "arrear", "worth"})
# What a "which/what X" question names.
NAME_HEADS = frozenset({"software", "system", "supplier", "provider", "product", "company", "vendor", "contractor",
                        "tool", "platform", "database", "package", "firm", "organisation", "organization", "name",
                        "application", "app", "brand", "model", "make"})
# What a document asked for is called.
DOCUMENT_HEADS = frozenset({"policy", "protocol", "procedure", "document", "strategy", "plan", "guidance", "statement",
                            "framework", "charter", "handbook", "manual", "standard", "guideline", "report", "minutes",
                            "agreement", "contract"})
_ASKING_FOR = frozenset({"provide", "send", "copy", "state", "disclose", "supply", "share", "attach"})


@dataclass(frozen=True)
class QuestionForm:
    """What a question asks for: the value kinds to look for (in the question's order), the nouns it
    counts, its content lemmas, whether the name it asks for is a document's, and whether it asks "how
    much" of the thing itself (`amount`)."""

    kinds: tuple[str, ...]
    counted: frozenset[str] = frozenset()
    content: frozenset[str] = frozenset()
    document: bool = False
    amount: bool = False  # "How much did the council receive?": money if the answer states an amount, else a count


def _interrogative(question: Tokens, words: list[int]) -> bool:
    """'which'/'who' opening a sentence, or right after an opening clause ("If so, which one?"), not a relative pronoun."""
    for position, k in enumerate(words[:6]):
        if question.lower[k] in ("which", "who", "whom", "whose"):
            return position == 0 or question.words[k - 1] in (",", ";", ":", "-", "–") \
                or question.lower[k - 1] in ("to", "from", "with", "by", "for")
    return False


def _counted_after(question: Tokens, k: int, end: int) -> set[str]:
    """The nouns of the phrase after 'how many' / 'the number of' (what is counted)."""
    counted = set()
    j = k
    while j < end and question.pos[j] in ("NOUN", "PROPN", "ADJ", "CCONJ", "DET", "VERB") and j - k < 6:
        if question.pos[j] in ("NOUN", "PROPN"):
            counted.add(question.lemma[j])
        elif question.pos[j] == "VERB" and counted:
            break
        j += 1
    return counted


def _asks_amount(question: Tokens, k: int, end: int) -> bool:
    """Whether "how much" asks for an amount of the thing itself ("How much did the council receive?", "How much
    was recovered?"), not for a quantity of a noun ("how much waste", "how much time") nor a share ("how much of")."""
    return k < end and question.pos[k] in ("AUX", "VERB", "PRON")


def question_form(question: Tokens | None) -> QuestionForm:
    """The kinds of value a question asks for, read from its words and tags (see the module docstring)."""
    if question is None or not len(question):
        return QuestionForm(("text",))
    low, lemma, pos = question.lower, question.lemma, question.pos
    kinds: list[str] = []
    counted: set[str] = set()
    document = amount = False
    content = frozenset(lemma[i] for i in range(len(low)) if pos[i] in ("NOUN", "PROPN", "VERB", "ADJ") and not question.qskip[i])
    for start, end in question.sents:
        words = [i for i in range(start, end) if not question.filler[i]]
        if not words:
            continue
        text = " ".join(low[i] for i in words)
        found: list[str] = []
        money = any(lemma[k] in MONEY_WORDS for k in words) or any(question.words[k] in ("£", "$", "€") for k in words) \
            or "value of" in text
        for k in words:
            if low[k] == "how" and k + 1 < end and low[k + 1] in ("many", "much"):
                if low[k + 1] == "many" or not money:
                    found.append("count")
                    counted |= _counted_after(question, k + 2, end)
                amount = amount or (low[k + 1] == "much" and not money and _asks_amount(question, k + 2, end))
            if lemma[k] == "number" and k + 1 < end and low[k + 1] == "of":
                found.append("count")
                counted |= _counted_after(question, k + 2, end)
        if money:
            found.append("money")
        if _interrogative(question, words) or re.search(r"\bwhat (?:\w+ )?(?:" + "|".join(NAME_HEADS) + r")s?\b", text) \
                or re.search(r"\bname (?:of|the)\b", text):
            found.append("name")
        if any(lemma[k] in DOCUMENT_HEADS for k in words) and any(lemma[k] in _ASKING_FOR for k in words):
            found.append("name")
            document = True
        if low[words[0]] in _AUXILIARIES and pos[words[0]] in ("AUX", "VERB"):
            found.append("yes_no")
        kinds += [kind for kind in found if kind not in kinds]
    if "count" in kinds and "money" in kinds:  # "how many ... staff, and their cost": the first asked wins
        kinds.remove("money" if kinds.index("count") < kinds.index("money") else "count")
    return QuestionForm(tuple(kinds) or ("text",), frozenset(counted), content, document, amount and "count" in kinds)


# ------------------------------------------------------------------ the answer proper

_LIST_LABEL = re.compile(r"^(?:\(?[qa]?\d{1,2}[a-z]?[.):]|[qa]\d{1,2}[a-z]?)$", re.IGNORECASE)
_LABEL_MARK = frozenset({".", ")", ":", "-", "\u2013"})


def _label_end(words: list[str], start: int, q: str) -> int:
    """Past the answer's own label at `start`: any list label ("3.", "(b)", "Q4"; `cues.leading_label`), and
    the question's own number however written ("2 -" answering question 2). A number that is not the
    question's and is not closed is a figure ("2 - an officer and an assistant" answering question 1
    gives a count of 2)."""
    own = leading_label(words, start)
    if own:
        return start + own
    key = number_key(q)
    if not key or start >= len(words):
        return start
    if _LIST_LABEL.match(words[start]) and number_key(words[start]).lstrip("qa") == key:
        return start + 1
    if start + 1 < len(words) and words[start] == key and words[start + 1] in _LABEL_MARK:
        return start + 2
    return start


def answer_start(answer: Tokens, question: Tokens | None, q: str = "") -> int:
    """Where the answer starts: after its own number (`q`: "2.", "Q2") and after a restated question
    (leading text up to a '?' made of the question's words)."""
    if question is None or "?" not in answer.words[:80]:
        return _label_end(answer.words, 0, q)
    asked = {w for w, fill in zip(question.lower, question.filler) if not fill}
    start = 0
    for k, word in enumerate(answer.words[:80]):
        if word == "?":
            span = [answer.lower[j] for j in range(start, k) if not answer.filler[j]]
            if span and sum(w in asked for w in span) >= 0.8 * len(span):
                start = k + 1
                continue
            break
    return _label_end(answer.words, start, q)


def tail(tokens: Tokens, start: int) -> Tokens:
    """tokens[start:] with its sentences kept."""
    if start <= 0:
        return tokens
    n = len(tokens)
    part = tokens.span(start, n)
    part.sents = [(max(s, start) - start, e - start) for s, e in tokens.sents if e > start] or [(0, n - start)]
    return part


def span_text(tokens: Tokens, start: int, end: int) -> str:
    """The text of tokens [start, end) as written."""
    if start >= end:
        return ""
    a = tokens.idx[start] - tokens.offset
    b = tokens.idx[end - 1] + len(tokens.words[end - 1]) - tokens.offset
    return tokens.text[a:b]


def _sentence_of(tokens: Tokens, i: int) -> int:
    for k, (s, e) in enumerate(tokens.sents):
        if s <= i < e:
            return k
    return max(len(tokens.sents) - 1, 0)


# ------------------------------------------------------------------ numbers

_WORD_NUMBERS = {
    "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5, "dozen": 12,
}
_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
_UNITS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})
# Words that scale the number before them: "two hundred", "2.3 million", "12 thousand".
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUMERIC = re.compile(
    rf"^(?P<x1>[x×])?(?P<a>{_NUM})(?P<p1>%)?(?:(?:-|–|to)(?P<b>{_NUM})(?P<p2>%)?)?(?P<unit>fte|wte)?(?P<x2>[x×])?$", re.I)
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
_NOT_ONE_BEFORE = frozenset({"no", "any", "every", "each", "this", "that", "the"})  # "no one", "any one": not 1
# Nouns of people and posts: what most FOI count questions count.
PERSON_NOUNS = frozenset({
    "person", "people", "staff", "officer", "employee", "member", "post", "role", "worker", "individual", "fte", "wte",
    "manager", "assistant", "administrator", "adviser", "advisor", "coordinator", "co-ordinator", "nurse", "clerk",
    "colleague", "head", "lead", "specialist", "practitioner", "analyst", "personnel", "employ", "team", "position",
})


@dataclass
class Number:
    """A number at tokens [i, end] of an answer: low-high (equal unless a range), and how it was written."""

    i: int
    end: int
    low: float
    high: float
    percent: bool = False
    word: bool = False
    times: bool = False
    unit: str = ""

    @property
    def value(self) -> float:
        return (self.low + self.high) / 2

    @property
    def year_like(self) -> bool:
        """A year, or a range between two years ("from 2021 to 2023"): a period, never a count."""
        return 1990 <= self.low <= self.high <= 2039 and self.low == int(self.low) and self.high == int(self.high) \
            and not self.word


def _float(text: str) -> float:
    return float(text.replace(",", ""))


def _is_date(low: list[str], i: int, end: int) -> bool:
    """A day or year beside a month name ("25 May 2018", "May 2018", "1 st January")."""
    near = low[max(i - 1, 0) : i] + low[end + 1 : end + 3]
    return any(w in _MONTHS for w in near) or (end + 1 < len(low) and low[end + 1] in ("st", "nd", "rd", "th"))


def _written_out(low: list[str], number: Number) -> None:
    """A number written over several words, read whole: tens and units ("thirty-four", "twenty one") and
    scales ("two hundred and fifty", "one thousand two hundred", "2.3 million", "2-3 thousand"); else only
    its first word would be read ("Thirty-four" as 30, "2.3 million" as 2.3)."""
    if number.percent or number.times:
        return
    n, k = len(low), number.end + 1
    if number.low != number.high:  # a range takes one scale, on both its ends
        if k < n and low[k] in _SCALES:
            number.low, number.high, number.end = number.low * _SCALES[low[k]], number.high * _SCALES[low[k]], k
        return
    last, total, current = low[number.end], 0.0, number.low
    while k < n:
        joined = k + 1 < n and (low[k] == "-" and last in _TENS or low[k] == "and" and last in _SCALES)
        word = low[k + 1] if joined else low[k]
        if word == "hundred":
            current *= 100
        elif word in _SCALES:
            total, current = total + current * _SCALES[word], 0.0
        elif word in _UNITS and last in _TENS or last in _SCALES and _WORD_NUMBERS.get(word, 0) >= 1:
            current += _WORD_NUMBERS[word]
        else:
            break
        last, k = word, k + 2 if joined else k + 1
    if k > number.end + 1:
        number.low = number.high = total + current
        number.end = k - 1


def _below(low: list[str], number: Number) -> None:
    """A count given only as under a bound ("fewer than 5", "less than 10", "<5"), as bodies suppress small
    numbers: the range up to the bound (0-4), read from the comparison on, never the bound itself."""
    i = number.i
    if i >= 1 and low[i - 1] == "<":
        start = i - 1
    elif i >= 2 and low[i - 1] == "than" and low[i - 2] in ("less", "fewer"):
        start = i - 2
    else:
        return
    whole = number.high == int(number.high) and number.high >= 2 and not number.percent
    number.i, number.low, number.high = start, 0.0, number.high - 1 if whole else number.high


def numbers(tokens: Tokens) -> list[Number]:
    """Every number of the answer that could be a count: digits, number words, ranges ("2-3", "2 to 3"),
    "x1", "1FTE", "75% of an FTE" (0.75) and "fewer than 5" (0-4); dates, amounts of money and "no one" are
    left out."""
    words, low = tokens.words, tokens.lower
    found: list[Number] = []
    i, n = 0, len(words)
    while i < n:
        word = low[i]
        match = _NUMERIC.match(word)
        number: Number | None = None
        if match:
            a = _float(match.group("a"))
            b = _float(match.group("b")) if match.group("b") else a
            percent = bool(match.group("p1") or match.group("p2"))
            end = i + 1 if i + 1 < n and words[i + 1] == "%" else i
            number = Number(i, end, min(a, b), max(a, b), percent or end > i, False,
                            bool(match.group("x1") or match.group("x2")), (match.group("unit") or "").lower())
        elif word in _WORD_NUMBERS and (word != "half" or (i + 1 < n and low[i + 1] in ("a", "an", "of", "time"))):
            value = float(_WORD_NUMBERS[word])
            number = Number(i, i, value, value, word=True)
        previous = low[i - 1] if i else ""
        if number is not None and (word == "one" and previous in _NOT_ONE_BEFORE or previous in ("£", "$", "€")
                                   or _is_date(low, number.i, number.end)):
            number = None
        if number is None:
            i += 1
            continue
        j = number.end + 1  # a range over three tokens: "2 - 3", "2 to 3"
        if j + 1 < n and low[j] in ("-", "–", "to") and _NUMERIC.match(low[j + 1]):
            other = _float(_NUMERIC.match(low[j + 1]).group("a"))
            if other > number.high:
                number.high, number.end = other, j + 1
        _written_out(low, number)
        _below(low, number)
        k = number.end + 1  # "75% of an FTE", "90% of one post": a fraction of one
        if number.percent and k + 2 < n and low[k] == "of" and low[k + 1] in ("a", "an", "one", "1") \
                and (low[k + 2] in ("fte", "wte", "full") or tokens.lemma[k + 2] in PERSON_NOUNS):
            number.low, number.high, number.percent, number.unit = number.low / 100, number.high / 100, False, "fte"
            number.end = k + 1  # through "of one": the post is what is counted
        found.append(number)
        i = number.end + 1
    return found


def counted_phrase(tokens: Tokens, number: Number) -> tuple[int, int] | None:
    """The noun phrase a number counts, as token indices [first, last]: past adjectives, 'x', 'full/part time' and
    'members of' ("4 members of staff"), through a compound ("Information Governance Officers", joined by '&')."""
    n = len(tokens)
    j = number.end + 1
    while j < n and j - number.end <= 5:
        low, pos = tokens.lower[j], tokens.pos[j]
        if tokens.filler[j] and tokens.words[j] != "-":
            return None
        skip = low in ("x", "×", "-", "of", "the", "a", "an", "full", "part", "time", "full-time", "part-time") \
            or pos in ("ADJ", "NUM") or (pos == "CCONJ" and j + 1 < n and tokens.pos[j + 1] == "ADJ") \
            or (pos == "VERB" and low.endswith("ed"))
        if skip:
            j += 1
            continue
        if pos not in ("NOUN", "PROPN"):
            return None
        while j + 2 < n and tokens.lower[j + 1] == "of" and tokens.pos[j + 2] == "NOUN" and tokens.lemma[j] in ("member", "number"):
            j += 2
        k = j
        while k + 1 < n and k - j < 5:
            if tokens.pos[k + 1] in ("NOUN", "PROPN") and not tokens.filler[k + 1]:
                k += 1
            elif tokens.words[k + 1] in ("&", "/") and k + 2 < n and tokens.pos[k + 2] in ("NOUN", "PROPN"):
                k += 2
            else:
                break
        return j, k
    return None


def _noun_forms(tokens: Tokens, k: int) -> set[str]:
    """A noun's lemma and lower form, singular too: a capitalised "Officers" is a PROPN whose lemma stays plural."""
    low = tokens.lower[k]
    return {tokens.lemma[k], low, low[:-1] if low.endswith("s") and not low.endswith("ss") else low}


def counted_noun(tokens: Tokens, number: Number) -> int | None:
    """The noun a number counts: the phrase's first person noun ("3 staff work ..."), else its last noun."""
    phrase = counted_phrase(tokens, number)
    if phrase is None:
        return None
    first, last = phrase
    return next((k for k in range(first, last + 1) if _noun_forms(tokens, k) & PERSON_NOUNS), last)


# ------------------------------------------------------------------ count features

_APPROX = frozenset({"approximately", "approx", "about", "around", "circa", "c.", "roughly", "some", "nearly", "almost", "over", "up"})
EXCLUSIVE = frozenset({"solely", "specifically", "exclusively", "dedicated", "only", "specific", "full", "sole", "purely",
                       "primarily", "specialist"})
_OTHER = frozenset({"other", "others", "further", "additional", "more", "several", "various"})
NONE_WORDS = frozenset({"none", "nobody", "nil", "zero", "0", "n/a", "na", "noone"})
_TIME_UNITS = frozenset({"hours", "hour", "days", "day", "weeks", "week", "months", "month", "years", "year", "per",
                         "minutes", "am", "pm", "hrs"})
_REFERENCE_WORDS = re.compile(r"^(section|s|page|paragraph|question|q|act|regulation|room|floor|no|ref|tel|telephone)\.?$")
_CUES = frozenset({"no", "not", "n't", "never", "none", "nor", "neither", "without", "nobody", "nothing"})


def count_features(tokens: Tokens, number: Number, order: int, form: QuestionForm, total: int) -> dict[str, float]:
    """Why a number could be the count asked for: its noun, place, company and how it is written."""
    low, lemma = tokens.lower, tokens.lemma
    n = len(tokens)
    i = number.i
    s = _sentence_of(tokens, i)
    start, end = tokens.sents[s] if tokens.sents else (0, n)
    phrase = counted_phrase(tokens, number)
    head = counted_noun(tokens, number)
    nouns = {form for k in range(phrase[0], phrase[1] + 1) for form in _noun_forms(tokens, k)} if phrase else set()
    after = low[number.end + 1 : number.end + 5]
    before = low[max(start, i - 3) : i]
    sentence_lemmas = set(lemma[start:end])
    value = number.value
    f = {
        "bias": 1.0,
        "first": float(order == 0),
        "only": float(total == 1),
        "sent0": float(s == 0),
        "late": float(s >= 2),
        "negated": float(tokens.negated[i]),
        "sentence_negation": float(any(tokens.negated[start:end]) or bool(sentence_lemmas & _CUES)),
        "head_person": float(bool(nouns & PERSON_NOUNS)),
        "head_counted": float(bool(nouns & form.counted)),
        "head_question": float(bool(nouns & form.content)),
        "alone": float(head is None and len([k for k in range(start, end) if not tokens.filler[k]]) <= 2),
        "fte": float(number.unit in ("fte", "wte") or any(w in ("fte", "wte", "f.t.e", "equivalent") for w in after[:3])),
        "approx": float(any(w in _APPROX for w in before)),
        "fraction": float(0 < value < 1 and not number.percent),
        "small": float(1 <= value <= 20),
        "large": float(20 < value < 1000 and not number.percent),
        "huge": float(value >= 1000),
        "year_like": float(number.year_like),
        "percent": float(number.percent),
        "range": float(number.low != number.high),
        "word": float(number.word),
        "times": float(number.times or bool(after[:1] and after[0] in ("x", "×")) or bool(i and low[i - 1] in ("x", "×"))),
        "money_like": float(any(w in ("k", "pounds") for w in after[:1])),
        "other_after": float(any(w in _OTHER for w in after[:2]) or any(w in _OTHER for w in before[-1:])),
        "exclusive_sentence": float(bool(sentence_lemmas & EXCLUSIVE)),
        "exclusive_near": float(any(low[k] in EXCLUSIVE for k in range(max(start, i - 6), min(end, number.end + 8)))),
        "part_time": float(any(w in ("part", "p/t", "pt", "part-time") for w in after[:3])),
        "time_unit": float(any(w in _TIME_UNITS for w in after[:2])),
        "after_team": float("team" in before and any(w in ("team", "of") for w in before[-2:])),
        "in_parens": float("(" in before[-2:]),
    }
    f["no_head"] = float(head is None and not f["alone"])
    f["head_other"] = float(head is not None and not f["head_person"] and not f["head_counted"])
    return f


def zero_features(tokens: Tokens, form: QuestionForm, candidates: int) -> dict[str, float]:
    """Why the answer could mean none (0): no one/none/nobody, a negated person or counted noun."""
    low, lemma, negated, pos = tokens.lower, tokens.lemma, tokens.negated, tokens.pos
    n = len(low)
    first_end = tokens.sents[0][1] if tokens.sents else n
    nouns = PERSON_NOUNS | form.counted
    negated_all = {lemma[k] for k in range(n) if negated[k] and pos[k] in ("NOUN", "PROPN", "VERB")}
    negated_first = {lemma[k] for k in range(first_end) if negated[k]}
    first_text = " ".join(low[:first_end])
    return {
        "zero_bias": 1.0,
        "z_has_numbers": float(candidates > 0),
        "z_none_word": float(any(w in NONE_WORDS for w in low[:first_end]) or "no one" in first_text),
        "z_neg_person": float(bool(negated_all & nouns)),
        "z_neg_person_first": float(bool(negated_first & nouns)),
        "z_neg_exclusive": float(bool({low[k] for k in range(n) if negated[k]} & EXCLUSIVE)),
        "z_first_no": float(bool(low) and low[0] in ("no", "none", "nobody", "nil", "0")),
        "z_neg_first": float(any(negated[:first_end]) or any(w in _CUES for w in low[:first_end])),
        "z_short": float(n <= 6),
    }


def _of_population(tokens: Tokens, number: Number) -> bool:
    """A population's size ("a population of some 718,800 people"): GUIDE.md says it is never the count."""
    return "population" in tokens.lower[max(0, number.i - 4) : number.i]


# Parts of a file a number can name, beside cues.REFERENCE_WORDS: "tab 2", "sheet 3", "column 4" are no counts.
_POINTER_WORDS = REFERENCE_WORDS | {"tab", "tabs", "sheet", "sheets", "worksheet", "worksheets", "column", "columns", "row",
                                    "rows", "annexe", "annexes", "appendices", "enclosure", "attachment", "attachments"}
# Where an answer's figures are, beside an attachment's words (cues.ATTACHMENT_LEMMAS): a file or a web page.
_ELSEWHERE_LEMMAS = ATTACHMENT_LEMMAS | {"workbook", "csv", "xlsx", "website", "webpage", "url", "attached", "enclosed",
                                         "sheet", "worksheet", "tab", "annexe"}


def says_none(tokens: Tokens) -> bool:
    """Whether an answer says there are none: a none word ("nil", "no one", "zero"), a negated person noun
    ("we do not employ any staff for this") or a negated 'dedicated/specific' ("no dedicated resource"). An
    answer that only says a record is not held or is withheld ("we do not hold the number of requests") does not."""
    zero = zero_features(tokens, QuestionForm(("count",)), 0)  # no counted nouns: z_neg_person is a person noun's
    return any(zero[k] for k in ("z_none_word", "z_neg_person", "z_neg_exclusive"))


def points_elsewhere(tokens: Tokens, zero: dict[str, float]) -> bool:
    """Whether an answer gives its figures elsewhere (an attachment, an appendix, a link: "Please see the attached
    spreadsheet") without saying none: its count is in the file, not 0, so it has no zero candidate. "Link" only as
    a noun: a trust that "can link in with" social services points nowhere."""
    if any(zero.get(k) for k in ("z_none_word", "z_first_no", "z_neg_person", "z_neg_exclusive")):
        return False
    return any(lemma in _ELSEWHERE_LEMMAS or (lemma == "link" and pos == "NOUN") or lower.startswith(("http", "www."))
               for lemma, pos, lower in zip(tokens.lemma, tokens.pos, tokens.lower))


def count_candidates(tokens: Tokens, form: QuestionForm) -> list[tuple[Number | None, dict[str, float]]]:
    """Every number with its features (but a population's size), the total of an itemised list ("1 x manager,
    3 x officers"), and a zero candidate (None) for answers that say no one or none, unless the answer points
    to its figures elsewhere (`points_elsewhere`). A number that points at a part ("Appendix 1", "questions one
    and two", "section 12", "tab 2": cues.reference_numbers) is no candidate."""
    references = reference_numbers(tokens, _POINTER_WORDS)
    found = [n for n in numbers(tokens) if not _of_population(tokens, n) and n.i not in references]
    plausible = [n for n in found if not n.year_like]
    order = {id(n): k for k, n in enumerate(plausible)}
    out: list[tuple[Number | None, dict[str, float]]] = [
        (number, count_features(tokens, number, order.get(id(number), -1), form, len(plausible)))
        for number in found]
    items = [n for n in found if count_features(tokens, n, 0, form, 1)["times"]]
    if len(items) >= 2:
        total = sum(n.value for n in items)
        features = count_features(tokens, items[0], 0, form, len(plausible))
        features["sum"] = 1.0
        out.append((Number(items[0].i, items[-1].end, total, total, times=True), features))
    zero = zero_features(tokens, form, len(plausible))
    if not points_elsewhere(tokens, zero):
        out.append((None, zero))
    return out


# ------------------------------------------------------------------ yes / no

YES_WORDS = frozenset({"yes", "yep", "yeah", "correct", "indeed", "certainly", "affirmative"})
NO_WORDS = frozenset({"no", "not", "none", "nope", "never", "n/a", "na", "nil", "nothing", "negative"})
_FUTURE = frozenset({"will", "plan", "intend", "develop", "hope", "future", "aim", "propose", "consider", "look",
                     "forthcoming", "soon", "shortly", "upcoming", "process", "work", "explore", "review", "anticipate",
                     "expect", "planning", "shall"})
_NOW = frozenset({"currently", "present", "yet", "moment", "now", "presently"})
_PAST = frozenset({"previously", "formerly", "longer", "cease", "discontinue", "stop", "former", "past", "historically"})
_PUBLIC = frozenset({"publicly", "public", "website", "online", "available", "accessible", "link", "web", "page", "site"})


def yes_no_features(tokens: Tokens, form: QuestionForm, exemptions: tuple[str, ...] = ()) -> dict[str, float]:
    """The answer's polarity: a yes/no word first, negation over the question's own words, plans,
    past practice, a link or section 21 (published elsewhere)."""
    low, lemma, negated, pos = tokens.lower, tokens.lemma, tokens.negated, tokens.pos
    n = len(low)
    words = [k for k in range(n) if not tokens.filler[k]]
    if not words:
        return {"bias": 1.0, "empty": 1.0}
    first = "n/a" if tokens.text.lstrip().lower().startswith("n/a") else low[words[0]]
    first_sentence = range(tokens.sents[0][1] if tokens.sents else n)
    lemmas = set(lemma)
    return {
        "bias": 1.0,
        "first_yes": float(first in YES_WORDS),
        "first_no": float(first in NO_WORDS),
        "neg_q_first": float(any(negated[k] and lemma[k] in form.content for k in first_sentence)),
        "neg_q": float(any(negated[k] and lemma[k] in form.content for k in range(n))),
        "neg_first": float(any(low[k] in _CUES for k in first_sentence)),
        "neg_any": float(any(w in _CUES for w in low)),
        "affirm_q_first": float(any(not negated[k] and lemma[k] in form.content and pos[k] in ("VERB", "NOUN")
                                    for k in first_sentence)),
        "future": float(bool(lemmas & _FUTURE)),
        "future_first": float(bool({lemma[k] for k in first_sentence} & _FUTURE)),
        "now": float(bool(set(low) & _NOW)),
        "past": float(bool(lemmas & _PAST)),
        "url": float("URL" in tokens.shape or any("www." in w or "http" in w for w in low)),
        "public": float(bool(lemmas & _PUBLIC)),
        "s21": float(any(e.startswith("21") for e in exemptions)),
        "contrast": float(bool(set(low) & {"however", "but", "although", "though"})),
        "short": float(len(words) <= 3),
        "long": float(len(words) > 25),
    }


# ------------------------------------------------------------------ names

_CONNECTORS = frozenset({"of", "on", "the", "&", "for", "@", "/", "and", "-"})
GENERIC_HEADS = NAME_HEADS | DOCUMENT_HEADS | frozenset({"case", "crm", "spreadsheet", "sheet", "list", "solution", "log",
                                                         "management", "module", "suite", "workbook", "file", "folder"})
_SENTENCE_WORDS = frozenset({"yes", "no", "the", "we", "our", "a", "an", "this", "there", "it", "they", "all", "in", "as",
                             "please", "i", "any", "each", "at", "for", "if", "when", "where", "these", "those", "its"})
# Words of the FOI process itself: never the name a question asks for.
FOI_WORDS = frozenset({"foi", "fois", "foia", "foisa", "eir", "eirs", "freedom", "information", "act", "request", "requests",
                       "council", "trust", "authority", "commissioner", "ico", "section", "regulation", "regulations"})
# What names a part of an organisation, not a thing it uses or publishes.
_DEPARTMENTS = frozenset({"team", "section", "department", "service", "services", "unit", "division", "directorate", "office",
                          "board", "group", "committee", "partnership", "council", "panel", "forum", "agency"})
_NAMING = frozenset({"use", "call", "know", "name", "via", "with", "on", "by", "from", "using", "through", "utilise", "utilize"})


def asked_words(question: Tokens | None) -> frozenset[str]:
    """The question's own words and lemmas, and the FOI process's: never the name an answer gives."""
    return (frozenset(question.lower) | frozenset(question.lemma) if question is not None else frozenset()) | FOI_WORDS


def _name_like(tokens: Tokens, k: int, sentence_start: bool) -> bool:
    word = tokens.words[k]
    if sum(c.isalpha() for c in word) < 2 or tokens.filler[k]:
        return False
    if tokens.lower[k] in NO_WORDS or tokens.lower[k] in YES_WORDS or tokens.lower[k] in _MONTHS:
        return False
    if (any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)) or (word.isupper() and word.isalpha()):
        return True  # iCasework, SharePoint, CXM
    if not word[:1].isupper() or tokens.pos[k] not in ("PROPN", "NOUN", "X", "ADJ"):
        return False
    return not (sentence_start and tokens.lower[k] in _SENTENCE_WORDS)


def name_spans(tokens: Tokens) -> list[tuple[int, int]]:
    """Runs of name-like tokens (capitalised nouns, inner capitals, acronyms), joined over 'of', '&', 'on the',
    a hyphen inside a word ("Anti-Slavery"), digits ("Workflow 360"), with an other form in brackets
    ("Customer Experience Management (CXM)"); "A and B" stays one name only when it ends in what it names."""
    n = len(tokens)
    starts = {s for s, _ in tokens.sents}
    spans: list[tuple[int, int]] = []
    k = 0
    while k < n:
        if not _name_like(tokens, k, k in starts):
            k += 1
            continue
        end = k + 1
        while end < n:
            if _name_like(tokens, end, False) or tokens.shape[end] == "NUM":
                end += 1
                continue
            gap = end
            while gap < n and gap - end < 2 and tokens.lower[gap] in _CONNECTORS:
                gap += 1
            touching = tokens.words[end] != "-" or (
                tokens.idx[end] == tokens.idx[end - 1] + len(tokens.words[end - 1]) and gap < n and tokens.idx[gap] == tokens.idx[end] + 1)
            if end < gap < n and touching and _name_like(tokens, gap, False):
                end = gap + 1
                continue
            break
        if "and" in tokens.lower[k:end] and tokens.lemma[end - 1] not in GENERIC_HEADS | _DEPARTMENTS:
            end = k + tokens.lower[k:end].index("and")
        if end + 2 < n and tokens.words[end] == "(" and _name_like(tokens, end + 1, False):
            close = next((j for j in range(end + 1, min(end + 8, n)) if tokens.words[j] == ")"), None)
            if close is not None and all(_name_like(tokens, j, False) or tokens.lower[j] in _CONNECTORS for j in range(end + 1, close)):
                end = close + 1
        spans.append((k, end))
        k = end
    return spans


def _document_span(tokens: Tokens, span: tuple[int, int]) -> tuple[int, int] | None:
    """A document's title: the span holds a document word ("... Policy", a .pdf), or one follows it ("Care policy")."""
    start, end = span
    if any(tokens.lemma[k] in DOCUMENT_HEADS or ".pdf" in tokens.lower[k] or ".doc" in tokens.lower[k] for k in range(start, end)):
        return span
    if end < len(tokens) and tokens.lemma[end] in DOCUMENT_HEADS:
        return start, end + 1
    return None


def name_features(tokens: Tokens, span: tuple[int, int], order: int, form: QuestionForm, owner: frozenset[str],
                  asked: frozenset[str]) -> dict[str, float]:
    """Why a span could be the name asked for: how it is written, where it sits, what surrounds it."""
    start, end = span
    words = tokens.words[start:end]
    low = tokens.lower[start:end]
    sentence_starts = {a for a, _ in tokens.sents}
    content_words = [k for k in range(len(tokens)) if not tokens.filler[k]]
    s = _sentence_of(tokens, start)
    return {
        "bias": 1.0,
        "first": float(order == 0),
        "sent0": float(s == 0),
        "late": float(s >= 2),
        "tokens1": float(end - start == 1),
        "tokens3+": float(end - start >= 3),
        "inner_caps": float(any(any(c.isupper() for c in w[1:]) and any(c.islower() for c in w) for w in words)),
        "acronym": float(all(w.isupper() for w in words if w.isalpha())),
        "all_propn": float(all(p == "PROPN" for p in tokens.pos[start:end])),
        "negated": float(any(tokens.negated[start:end])),
        "after_naming": float(any(w in _NAMING for w in tokens.lemma[max(0, start - 2) : start])),
        "head_after": float(end < len(tokens) and tokens.lemma[end] in GENERIC_HEADS),
        "head_inside": float(any(lemma in GENERIC_HEADS for lemma in tokens.lemma[start:end])),
        "question_word": sum(w in asked or w.rstrip("s") in asked or tokens.lemma[start + j] in asked
                             for j, w in enumerate(low)) / len(low),
        "question_head": float(tokens.lemma[end - 1] in form.content or (end < len(tokens) and tokens.lemma[end] in form.content)),
        "common_noun_start": float(start in sentence_starts and tokens.pos[start] == "NOUN" and end - start == 1),
        "owner_word": sum(w in owner for w in low) / len(low),
        "digits": float(any(any(c.isdigit() for c in w) for w in words)),
        "department": float(any(lemma in _DEPARTMENTS for lemma in tokens.lemma[start : end + 1])),
        "in_parens": float(start > 0 and tokens.words[start - 1] == "("),
        "sentence_start": float(start in sentence_starts),
        "answer_start": float(start == 0),
        "whole_answer": float(end - start >= len(content_words) - 1),
    }


def name_candidates(tokens: Tokens, form: QuestionForm, owner: frozenset[str],
                    asked: frozenset[str]) -> list[tuple[tuple[int, int], dict[str, float]]]:
    """Name spans with their features; never the body's own name or the FOI process's words, and for
    a document asked for, only spans that name a document."""
    spans = []
    for span in name_spans(tokens):
        words = tokens.lower[span[0] : span[1]]
        if all(w in owner or w in FOI_WORDS or tokens.filler[span[0] + j] for j, w in enumerate(words)):
            continue
        if form.document:
            span = _document_span(tokens, span)
            if span is None:
                continue
        spans.append(span)
    return [(span, name_features(tokens, span, k, form, owner, asked)) for k, span in enumerate(spans)]


# ------------------------------------------------------------------ money

_BARE_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d\d)?$|^\d{4,}\.\d\d$")
_PER_YEAR = re.compile(r"\b(?:per (?:annum|year)|a year|each year|annual(?:ly)?|p\.?a\.?|yearly)\b", re.I)


def _total(tokens: Tokens, first: int, last: int) -> bool:
    """Whether the amount at tokens [first, last] is given as a total ("a total of £490,875", "Total: £12,000",
    "totalling £9,500", "£8,000 in total", "£8,000 overall")."""
    before = tokens.lemma[max(0, first - 3) : first]
    after = tokens.lower[last + 1 : last + 3]
    return "total" in before or "overall" in before or after == ["in", "total"] or after[:1] in (["overall"], ["altogether"])


def amounts(tokens: Tokens) -> list[dict[str, Any]]:
    """Amounts in an answer to a money question, a total first ("Cleaning £402,115 and maintenance £88,760, a total
    of £490,875": the total is the amount asked for), else in order: with a currency (the extract stage's money
    facts), else written as bare thousands ("90,000", "78,767.50")."""
    starts = [k - tokens.offset for k in tokens.idx]
    found: list[tuple[bool, int, dict[str, Any]]] = []
    at = 0
    for item in find_money(tokens.text):  # the money facts alone: the other kinds of fact are not read
        position = max(tokens.text.find(item["text"], at), at)
        at = position + len(item["text"])
        first, last = bisect_right(starts, position) - 1, bisect_left(starts, at) - 1
        found.append((not _total(tokens, first, last), first, item))
    if not found:
        for k, word in enumerate(tokens.words):
            if _BARE_AMOUNT.match(word) and not (k and _REFERENCE_WORDS.match(tokens.lower[k - 1])):
                found.append((not _total(tokens, k, k), k, {"text": word, "amount": _float(word), "currency": ""}))
    return [item for _, _, item in sorted(found, key=lambda t: (t[0], t[1]))]


def _period(text: str, sentence: str) -> str:
    """The period an amount is for: the financial or calendar year named beside it, else 'year' for 'per annum'."""
    years = find_years(sentence)
    if years:
        return years[0]["text"]
    return PER_YEAR if _PER_YEAR.search(sentence) or _PER_YEAR.search(text) else ""


# ------------------------------------------------------------------ the value

@dataclass
class Value:
    """An answer's value: its kind, the value (number, 'yes'/'no', name, text or None), the words it was
    read from, kind-specific detail and how sure the scorer was (0-1)."""

    kind: str
    value: Any = None
    text: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0

    def to_record(self) -> dict[str, Any]:
        """The keys a classified record gains."""
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return {"value": value, "value_kind": self.kind,
                "value_detail": {"text": self.text, **self.detail} if self.kind != "none" else {},
                "value_confidence": round(self.confidence, 3)}


@dataclass(frozen=True)
class ValueWeights:
    """The three scorers' weights (feature -> weight) and the score a count or a name needs."""

    count: dict[str, float]
    name: dict[str, float]
    yes_no: dict[str, float]
    count_threshold: float = 0.3
    name_threshold: float = 0.35

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "name": self.name, "yes_no": self.yes_no,
                "count_threshold": self.count_threshold, "name_threshold": self.name_threshold}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ValueWeights":
        return cls({k: float(v) for k, v in data["count"].items()}, {k: float(v) for k, v in data["name"].items()},
                   {k: float(v) for k, v in data["yes_no"].items()}, float(data.get("count_threshold", 0.3)),
                   float(data.get("name_threshold", 0.35)))


@lru_cache(maxsize=4)
def load_weights(path: str | None = None) -> ValueWeights:
    """The shipped weights (or a file written by scripts/train_values.py): JSON numbers only."""
    with open(path or WEIGHTS_FILE, encoding="utf-8") as handle:
        return ValueWeights.from_json(json.load(handle))


def score(features: dict[str, float], weights: dict[str, float]) -> float:
    """A logistic regression's probability from its weights (the bias is a feature)."""
    z = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


NO_VALUE_OUTCOMES = frozenset({"refused_cost", "ncnd"})
# The other outcomes that give none of what was asked (withheld, or not held): a count of 0 only where the answer
# says there are none ("We do not hold this information" is no "said none").
WITHHELD_OUTCOMES = WITHHOLDING_OUTCOMES - NO_VALUE_OUTCOMES
SECOND_NAME = 0.6  # another name is kept beside the best when its score is at least this share of the best's


def owner_words(name: str | None) -> frozenset[str]:
    """The lower-cased words of a body's name (a name asked for is never the body's own)."""
    return frozenset(re.findall(r"[a-z]+", (name or "").lower()))


def _count(tokens: Tokens, form: QuestionForm, weights: ValueWeights, withheld: bool = False) -> Value | None:
    """The best count candidate above the threshold; for an answer that withholds or does not hold
    what was asked (`withheld`), 0 only where it says none (`says_none`)."""
    candidates = count_candidates(tokens, form)
    if withheld and not says_none(tokens):
        candidates = [(number, f) for number, f in candidates if number is not None]
    scored = [(score(f, weights.count), -k, number) for k, (number, f) in enumerate(candidates)]
    if not scored:
        return None
    p, _, best = max(scored, key=lambda t: (t[0], t[1]))
    if p < weights.count_threshold:
        return None
    counted = sorted(form.counted)
    if best is None:
        return Value("count", 0, "", {"counted": ", ".join(counted), "low": 0, "high": 0}, p)
    head = counted_noun(tokens, best)
    end = head + 1 if head is not None else best.end + 1
    detail = {"counted": tokens.words[head] if head is not None else ", ".join(counted), "low": best.low, "high": best.high}
    if best.unit or any(w in ("fte", "wte") for w in tokens.lower[best.end + 1 : best.end + 3]):
        detail["unit"] = "FTE"
    return Value("count", best.value, span_text(tokens, best.i, end), detail, p)


# Words that say an amount was nothing ("Nil.", "zero"; "£0" is an amount already): the none words but "n/a",
# which says the question does not apply, and the ones for people.
_NO_AMOUNT_WORDS = (NONE_WORDS - {"n/a", "na", "nobody", "noone"}) | {"nothing", "nought"}


def _no_amount(tokens: Tokens, withheld: bool) -> int | None:
    """Where an answer says the amount was nothing ("Nil. The council incurred no spend"): the index of the word
    saying so, else None. "No <money word>" ("no spend", "no costs") counts only where the answer does not also
    say it holds nothing (`withheld`: "no costs are recorded" is not held, not £0)."""
    for k, low in enumerate(tokens.lower):
        if low in _NO_AMOUNT_WORDS:
            return k
        if not withheld and low == "no" and k + 1 < len(tokens.lower) and tokens.lemma[k + 1] in MONEY_WORDS:
            return k
    return None


def _money(tokens: Tokens, withheld: bool = False) -> Value | None:
    """The first amount an answer gives (a stated total first: `amounts`), or 0 where it says the amount was
    nothing; a money question answered "Nil." had read as the text "Nil"."""
    found = amounts(tokens)
    if not found:
        k = _no_amount(tokens, withheld)
        if k is None:
            return None
        return Value("money", 0, tokens.words[k], {"currency": "", "period": _period(tokens.text, tokens.text)})
    first = found[0]
    sentence = next((span_text(tokens, s, e) for s, e in tokens.sents if first["text"] in span_text(tokens, s, e)), tokens.text)
    detail = {"currency": first["currency"], "period": _period(tokens.text, sentence)}
    if len(found) > 1:
        detail["amounts"] = [{"text": m["text"], "amount": m["amount"]} for m in found]
    return Value("money", first["amount"], first["text"], detail)


def _sentence_capital(tokens: Tokens, span: tuple[int, int]) -> bool:
    """Whether a span's capital is only its sentence's: it opens a sentence on a word spaCy does not tag as a
    proper noun ("Disclosure would prejudice ...", "Exemption 24 applies")."""
    return tokens.pos[span[0]] != "PROPN" and any(start == span[0] for start, _ in tokens.sents)


def _names(tokens: Tokens, form: QuestionForm, weights: ValueWeights, owner: frozenset[str], asked: frozenset[str],
           withheld: bool = False) -> Value | None:
    """The best name and those nearly as likely; for an answer that withholds or does not hold
    what was asked (`withheld`), whose sentences are about that, not a word capitalised only as its sentence's first."""
    candidates = name_candidates(tokens, form, owner, asked)
    if withheld:
        candidates = [(span, f) for span, f in candidates if not _sentence_capital(tokens, span)]
    scored = [(score(f, weights.name), span) for span, f in candidates]
    top = max((p for p, _ in scored), default=0.0)
    # a second name must be nearly as likely as the best ("CRM and Excel"), not a department mentioned in passing
    kept = [(p, span_text(tokens, *span).strip(" .,;:")) for p, span in scored
            if p >= weights.name_threshold and p >= SECOND_NAME * top]
    kept = [(p, text) for p, text in kept if text]
    if not kept:
        return None
    best = max(kept, key=lambda t: t[0])
    names = list(dict.fromkeys(text for _, text in sorted(kept, key=lambda t: -t[0])))
    return Value("name", best[1], best[1], {"names": names}, best[0])


def _first_words(tokens: Tokens, limit: int = 25) -> str:
    start, end = tokens.sents[0] if tokens.sents else (0, len(tokens))
    words = [k for k in range(start, end) if not tokens.filler[k]]
    if not words:
        return ""
    text = span_text(tokens, words[0], words[min(len(words), limit) - 1] + 1)
    return text + ("…" if len(words) > limit else "")


@dataclass
class Candidates:
    """What the scorers choose among for one answer (what training labels right or wrong): each count
    candidate's number (0 for the zero candidate) and each name span's text, with their features, and the
    answer's polarity features when the question is closed."""

    count: list[tuple[float, dict[str, float]]]
    name: list[tuple[str, dict[str, float]]]
    yes_no: dict[str, float] | None


def value_candidates(answer: Tokens, question: Tokens | None, *, owner: frozenset[str] = frozenset(),
                     exemptions: tuple[str, ...] = (), q: str = "") -> Candidates:
    """The candidates `answer_value` scores, for the kinds the question asks for."""
    tokens = tail(answer, answer_start(answer, question, q))
    form = question_form(question)
    asked = asked_words(question)
    counts = [(0.0 if n is None else n.value, f) for n, f in count_candidates(tokens, form)] if "count" in form.kinds else []
    names = [(span_text(tokens, *span), f) for span, f in name_candidates(tokens, form, owner, asked)] if "name" in form.kinds else []
    return Candidates(counts, names, yes_no_features(tokens, form, exemptions) if "yes_no" in form.kinds else None)


def answer_value(answer: Tokens, question: Tokens | None, weights: ValueWeights, *, outcome: str = "",
                 exemptions: tuple[str, ...] = (), owner: frozenset[str] = frozenset(), q: str = "") -> Value:
    """The value of one answer to its question (see the module docstring). `owner` is the lower-cased words of
    the body's name (never a name asked for); `q` the question's number (the answer's own "2." is no figure);
    a refusal on cost or a neither-confirm-nor-deny has no value, and one that withholds or does
    not hold what was asked no 0 unless it says none. A "how much" question answered with an amount is a money question."""
    tokens = tail(answer, answer_start(answer, question, q))
    if outcome in NO_VALUE_OUTCOMES or all(tokens.filler):
        return Value("none")
    form = question_form(question)
    asked = asked_words(question)
    withheld = outcome in WITHHELD_OUTCOMES
    polarity = None
    if "yes_no" in form.kinds:
        features = yes_no_features(tokens, form, exemptions)
        p = score(features, weights.yes_no)
        polarity = Value("yes_no", "yes" if p >= 0.5 else "no", _first_words(tokens, 12), {}, max(p, 1 - p))
    kinds = ("money", *form.kinds) if form.amount and find_money(tokens.text) else form.kinds
    for kind in kinds:
        found = (_count(tokens, form, weights, withheld) if kind == "count" else _money(tokens, withheld) if kind == "money"
                 else _names(tokens, form, weights, owner, asked, withheld) if kind == "name" else None)
        if found is not None:
            if polarity is not None and (features.get("first_yes") or features.get("first_no")):
                found.detail["answer"] = polarity.value  # "No, we use a spreadsheet called X": the name, and the "no"
            return found
    if polarity is not None:
        return polarity
    if outcome in ("provided", "partially_provided") or (not outcome and form.kinds == ("text",)):
        text = _first_words(tokens)
        return Value("text", text, text) if text else Value("none")
    return Value("none")
