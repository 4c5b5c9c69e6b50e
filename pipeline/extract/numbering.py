"""Question and answer labels at the start of a line: "1.", "Q1", "Question 2 -", "(a)", "A1",
"Response to questions 1 and 2", "1 - 3:", "You asked:", "Our response:"; and "1 How many", in a list
whose lines count 1, 2, 3 (`bare_list`: read from the lines together, not one at a time).

Replies number their answers in many ways; all of them reduce to a kind (question or
answer), the numbers covered, the way the number was written (so records keep the
document's own numbering) and the text after the label.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .metadata import MONTH_NAME

_NUM = r"\(?\d{1,2}(?:\s?[a-z](?![a-z])|\s?\([a-z]{1,4}\))?\)?"
_JOIN = r"\s*(?:,|&|and|to|-|\u2013|\u2014)\s*(?:(?:questions?|q|parts?)\s*)?"
_NUMLIST = rf"{_NUM}(?:{_JOIN}{_NUM})*"
_SEP = r"\s*(?:[:.)\-\u2013\u2014]+\s*|$|\s+)"
_QWORD = r"(?:question|q|request|item|point|part)"
_AWORD = r"(?:answer|response|reply|our\s+response|our\s+reply|our\s+answer)"

_ANSWER_NUMBERED = re.compile(
    rf"^(?:{_AWORD}\s*(?:to\s+)?(?:{_QWORD}s?\s*(?:no\.?\s*)?)?|a(?=\d))(?P<nums>{_NUMLIST})(?P<sep>{_SEP})(?P<rest>.*)$",
    re.IGNORECASE,
)
_QUESTION_MULTI = re.compile(
    rf"^{_QWORD}s?\s*(?P<nums>{_NUM}(?:{_JOIN}{_NUM})+)(?P<sep>\s*[:.)\-\u2013\u2014]+\s*|$)(?P<rest>.*)$", re.IGNORECASE
)
_BARE_MULTI = re.compile(rf"^(?P<nums>{_NUM}(?:{_JOIN}{_NUM})+)\s*[:\-\u2013\u2014]\s*(?P<rest>.*)$", re.IGNORECASE)
_QUESTION_NUMBERED = re.compile(
    rf"^(?:{_QWORD}\s*(?:no\.?\s*)?)(?P<nums>{_NUM})(?P<sep>\s*[:.)\-\u2013\u2014]+\s*|$|\s+(?!of\b))(?P<rest>.*)$", re.IGNORECASE
)
_BARE = re.compile(
    r"^(?:(?P<n1>\d{1,2}(?:[a-z]|\([a-z]{1,4}\))?)[.)](?!\d)\s*|(?P<n4>\d{1,2}\([a-z]{1,4}\))\s+|\((?P<n2>\d{1,2}[a-z]?)\)\s*|(?P<n3>\d{1,2})\s*[\-\u2013\u2014:]\s+"
    r"|\((?P<l1>[a-z]|[ivx]{1,4})\)\s*|(?P<l2>[a-z])\)\s*|(?P<l3>[a-z])\.\s+)(?P<rest>.*)$"
)
# A table row whose first cell is a question's number alone ("3 | The service cost ...", "Q2 | ..."): the
# readers join a row's cells with " | ". Its other cell must be words (a "1 | 45" row is a table's data).
_CELL_NUMBER = r"(?:q(?:uestion)?\s*)?(?P<n>\d{1,2}[a-z]?)[.):]?"
_NUMBER_CELL = re.compile(rf"^{_CELL_NUMBER}\s\|\s(?P<rest>[^|]*?(?:[A-Za-z]\S*\s+){{3}}[^|]*)$", re.IGNORECASE)
# A bullet opening a line: the usual marks, dashes, and Word's second-level "o" as PDFs and pastes keep it.
BULLET_MARK = r"(?:[\u2022\u25aa\u25cf\u25e6\u2013\u2014*\u00b7\-]|(?-i:o)(?=\s))"
BULLET = re.compile(rf"^{BULLET_MARK}\s+")
# The words of an Act quoted in a reply (a refusal quotes the exemption's subsections "(1)", "(2)", "(3)").
STATUTE = re.compile(r"\bsubsections?\b|\bthis\s+(?:section|Act|Part)\b|\bexempt\s+information\b", re.IGNORECASE)
_ALL = re.compile(r"\b(?:to|for|covers?|answers?)\s+(?:all|each|both)\s+(?:of\s+)?(?:your|the|these|those)?\s*(?:\w+\s+)?(?:questions|parts|points|requests)\b", re.IGNORECASE)
# The responder reporting what was asked: "You asked", "You also asked whether", "Finally, you requested".
_YOU_ASKED = (r"(?:(?:finally|lastly|next|then|also|further(?:more)?|additionally|in\s+addition|secondly|thirdly),?\s+)?"
              r"you\s+(?:have\s+)?(?:also\s+|further\s+|then\s+|additionally\s+)?(?:asked|requested|wrote|enquired|wanted\s+to\s+know)")
REPORTS_REQUEST = re.compile(rf"^{_YOU_ASKED}\b", re.IGNORECASE)
_QUESTION_MARKER = re.compile(
    rf"^(?:q(?=\s*:)|{_YOU_ASKED}|your\s+(?:request|question|original\s+request)(?:\s+(?:was|read|is))?|"
    r"(?:the\s+)?(?:information\s+)?request(?:ed)?|question|requests?\s+for\s+information)"
    r"(?:\s+(?:for|as\s+follows|the\s+following(?:\s+information)?))?\s*(?::\s*|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
_ANSWER_MARKER = re.compile(
    r"^(?:a(?=\s*:)|(?:(?:our|the|council'?s?|force'?s?|trust'?s?|\w+'s)\s+)?(?:response|answer|reply|decision))"
    r"\s*(?::\s*|[\-\u2013\u2014]\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
NTH = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7", "eighth": "8",
       "ninth": "9", "tenth": "10"}
# "second question", "third part of your request", "first point," (not "first part of the year"); group 1: the ordinal
NTH_QUESTION = (rf"({'|'.join(NTH)})\s+(?:question|request|(?:point|part)(?=\s+of\s+(?:your|the|this)\s+"
                r"(?:request|question|enquiry)|\s*,))")
# An answer's opening words that name the question it turns to ("In response to your second question, ...",
# "With regard to question 3", "Regarding Q4"): where one answer ends and the next begins.
TURNS_TO = re.compile(
    r"^(?:(?:and\s+|finally,?\s+|lastly,?\s+)?(?:in\s+(?:response|reply|answer|relation)\s+to|with\s+(?:regard|respect|reference)\s+to"
    r"|regarding|turning\s+to|as\s+(?:for|to|regards)|concerning|for|on)\s+)(?:(?:your|the)\s+)?"
    rf"(?:{NTH_QUESTION}|(?:questions?\s+|q\.?\s?)\d{{1,2}}[a-z]?\b)", re.I)
_NUMBER_WORD = r"\d{1,2}(?!\d)(?:\(?[a-h]\)?(?![a-z]))?|one|two|three|four|five|six|seven|eight|nine|ten"
# "questions 1 and 2", "question three", "Q1, Q2, Q6a and Q6b", "Q1-Q3": the prefix may repeat before each number.
_PREFIX = r"(?:questions?\s+|q\.?\s?)"
_MENTION = re.compile(rf"(?<!\d{{4}}\s)\b{_PREFIX}((?:{_NUMBER_WORD})(?:\s*(?:,|and|&|to|-|\u2013)\s*{_PREFIX}?(?:{_NUMBER_WORD}))*)"
                      r"(?!\s*(?:\d{4}|/\d|(?:months?|years?|weeks?|days?)\b))", re.I)  # not "Q4 2023", "2023 Q1", "12 months"
_FIRST_N = re.compile(r"\bfirst\s+(two|three|four|five|[2-5])\s+(?:questions|parts|points|requests)\b", re.I)
# "your second question", "the third part of your request" (not "the first part of the year")
_NTH_MENTION = re.compile(rf"\b(?:your|the)\s+{NTH_QUESTION}\b", re.I)
# "Please see our response to question 1", "as stated in question one": pointing at another answer, not answering that question.
_BACK_REFERENCE = re.compile(r"\b(?:see|refer(?:red)?\s+to|as\s+per|same\s+as|as\s+(?:stated|given|set\s+out|detailed|explained)\s+in)"
                             r"\s+(?:(?:our|the|my|your)\s+)?(?:(?:response|answer|reply)\s+(?:to|for|at|in)\s+)?(?:your\s+)?$", re.I)
MENTION_WINDOW = 200  # characters of an answer searched for "questions 1 and 2"
# Every way of naming a question above holds one of these ("question", "request", "Q3", "first two parts", "second
# point,"): a text without any is not searched (under the same IGNORECASE, so the answers are the same).
_MAY_MENTION = re.compile(r"q|part|point", re.IGNORECASE)
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s*|\*\*|__)?|(?:\*\*|__)", re.MULTILINE)


@dataclass
class Label:
    """What a line's opening label says."""

    kind: str                      # "question" or "answer"
    numbers: list[str] = field(default_factory=list)  # [] unnumbered; ["*"] all questions
    style: str = ""                # the number as written, e.g. "1", "2a", "(b)"
    rest: str = ""                 # the text after the label
    explicit: bool = False         # introduced by a word (Question, Q, Response...)
    letter: bool = False           # a lettered item: a sub-question or an a/b/c list
    form: str = ""                 # the label's shape ("question", "q", ".", ")", "()", "bare"): one list keeps one shape


def is_number_cell(cell: str) -> bool:
    """A table cell holding a question's number alone ("3", "Q3", "3."), as a numbered row's first cell."""
    return re.fullmatch(_CELL_NUMBER, cell.strip(), re.IGNORECASE) is not None


def strip_markup(line: str) -> str:
    """The line without markdown heading marks and bold markers."""
    if "#" in line or "*" in line or "_" in line or "\n" in line:
        return _MARKUP.sub("", line).strip()
    # Without a mark, and with one line start only, _MARKUP takes nothing but the leading whitespace (its \s
    # is str.strip's whitespace), which strip() takes anyway: most lines are not searched.
    return line.strip()


def number_key(number: str) -> str:
    """Compare numbers as written: "1(a)", "1a" and "1 a" are the same key."""
    return re.sub(r"[^0-9a-z]", "", number.lower())


_ORDINALS = {w: str(i) for i, ws in enumerate(
    ["", "first one", "second two", "third three", "fourth four", "fifth five", "sixth six", "seventh seven",
     "eighth eight", "ninth nine", "tenth ten"]) for w in ws.split()}
_ORDINAL_LABEL = re.compile(
    r"^(?:your\s+|the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(question|request|point|part)(?=\s*(?:[:.\-\u2013\u2014]|$))"
    r"|^(question|request|part|point)\s+(one|two|three|four|five|six|seven|eight|nine|ten)(?=\s*(?:[:.\-\u2013\u2014]|$))",
    re.IGNORECASE,
)


def _ordinals(text: str) -> str:
    """"Your second question:" and "Question two" read as "Question 2"."""
    m = _ORDINAL_LABEL.match(text)
    if not m:
        return text
    word, noun = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    return f"{noun} {_ORDINALS[word.lower()]}{text[m.end():]}"


def _numbers(raw: str) -> list[str]:
    """Expand "1 and 2", "1-3", "1, 2 & 4" to their numbers."""
    parts = re.findall(_NUM, raw, re.IGNORECASE)
    if len(parts) == 2 and re.search(r"\d\s*(?:-|\u2013|\u2014|to)\s*(?:questions?\s*|q\s*)?\d", raw, re.IGNORECASE):
        lo, hi = int(re.match(r"\d+", parts[0]).group()), int(re.match(r"\d+", parts[1]).group())
        if parts[0].isdigit() and parts[1].isdigit() and 0 < hi - lo < 20:
            return [str(n) for n in range(lo, hi + 1)]
    return [re.sub(r"\s|^\(|\)$", "", p) for p in parts]


# A line opening on a bare number and a capital ("1 How many ...", "2 There are 473 ..."): a list item only
# where such lines count 1, 2, 3 ... in order (a sentence may open on a count: "12 requests were received").
_BARE_ITEM = re.compile(r"^\s*(?P<n>\d{1,2})\s+(?P<rest>[A-Z].*)$")
_MONTH = re.compile(MONTH_NAME + r"\.?(?:\s|$)", re.IGNORECASE)


def bare_list(lines: Sequence[str]) -> dict[int, Label]:
    """Labels for the lines of a list numbered without stops ("1 How many ...", "2 How many ..."), by index.

    Such a line is read as an item only in a run counting 1, 2, 3 ... in order, of two lines or more
    (other lines may stand between them: an item's detail, its answer); a line numbered 1 starts a run
    again (the questions listed, then the answers numbered as they were). A date ("1 April 2014") is no item.
    """
    runs: list[list[tuple[int, re.Match[str]]]] = []
    for i, line in enumerate(lines):
        m = _BARE_ITEM.match(line)
        if not m or _MONTH.match(m.group("rest")):
            continue
        n = int(m.group("n"))
        if n == 1:
            runs.append([(i, m)])
        elif runs and n == len(runs[-1]) + 1:
            runs[-1].append((i, m))
    return {i: Label("question", [m.group("n")], m.group("n"), m.group("rest").strip(), form="bare")
            for run in runs if len(run) > 1 for i, m in run}


def parse_label(line: str) -> Label | None:
    """The label a line opens with, or None for plain text."""
    label = _parse(line)
    if label and label.rest.count('"') % 2:
        label.rest = label.rest.replace('"', "").strip()
    return label


def _parse(line: str) -> Label | None:
    text = _ordinals(strip_markup(line)).lstrip("\"'([ ").rstrip() if re.match(r"\s*[\"']", line) else _ordinals(strip_markup(line))
    if not text or text.startswith(">"):
        return None
    for pattern, kind in ((_ANSWER_NUMBERED, "answer"), (_QUESTION_MULTI, "answer"), (_BARE_MULTI, "answer")):
        m = pattern.match(text)
        if m:
            nums = _numbers(m.group("nums"))
            return Label(kind, nums, m.group("nums").strip(), m.group("rest").strip(), explicit=pattern is not _BARE_MULTI)
    m = _NUMBER_CELL.match(text)
    if m:
        return Label("question", [m.group("n")], m.group("n"), m.group("rest").strip(), form="|")
    m = _QUESTION_NUMBERED.match(text)
    if m:
        form = re.match(r"[a-z]+", text.lower()).group()
        return Label("question", [re.sub(r"\s", "", m.group("nums"))], m.group("nums"), m.group("rest").strip(), explicit=True, form=form)
    m = _BARE.match(text)
    if m and m.group("n2") and STATUTE.search(m.group("rest")):
        return None  # "(3) For the purposes of subsection (1), ...": the Act quoted, its subsections no questions
    if m:
        number = m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4")
        letter = m.group("l1") or m.group("l2") or m.group("l3")
        inner = _BARE.match(m.group("rest")) if letter else None
        if inner and (inner.group("n1") or inner.group("n2")):  # "a) 1. How many": a group's letter, then the question's number
            return _parse(m.group("rest"))
        style = f"({number or letter})" if m.group("n2") or m.group("l1") else (number or letter)
        closing = text[: m.start("rest")].strip()[-1]
        form = "()" if text.startswith("(") else closing if closing in ".):-\u2013\u2014" and not closing == ")" or m.group("n1") else "."
        return Label("question", [number or letter], style, m.group("rest").strip(), letter=letter is not None, form=form)
    if len(text.split()) <= 14 and _ALL.search(text) and not text.endswith("?"):
        heading = len(text.split()) <= 8 and not re.search(r"[.?!;,]$", text)
        return Label("answer", ["*"], "", "" if heading else text, explicit=True)
    m = _QUESTION_MARKER.match(text)
    if m:
        return Label("question", [], "", m.group("rest").strip(), explicit=True)
    m = _ANSWER_MARKER.match(text)
    if m:
        return Label("answer", [], "", m.group("rest").strip(), explicit=True)
    return None


def unbulleted(text: str) -> str:
    """The text without the bullet that opens it ("• How many ...", "o 64 points"): a list's mark, no word of it."""
    return BULLET.sub("", text, count=1)


def mentioned_questions(text: str) -> list[str]:
    """Question numbers an answer says it answers ("questions one and two", "question 3", "questions 1-3",
    "your first two questions", "your second question")."""
    if not _MAY_MENTION.search(text):
        return []
    first = _FIRST_N.search(text)
    if first:
        return [str(n) for n in range(1, int(_ORDINALS.get(first.group(1).lower(), first.group(1))) + 1)]
    match = next((m for m in _MENTION.finditer(text) if not _BACK_REFERENCE.search(text, 0, m.start())), None)
    nth = next((m for m in _NTH_MENTION.finditer(text) if not _BACK_REFERENCE.search(text, 0, m.start())), None)
    if nth and (not match or nth.start() < match.start()):
        return [NTH[nth.group(1).lower()]]
    if not match:
        return []
    found = [_ORDINALS.get(p.lower(), number_key(p))
             for p in re.findall(rf"\b(?:{_NUMBER_WORD})", re.sub(_PREFIX, " ", match.group(1), flags=re.I), re.I)]
    if len(found) == 2 and all(n.isdigit() for n in found) and re.search(r"\w\s*(?:to|-|\u2013)\s*\w", match.group(1)) \
            and 0 < int(found[1]) - int(found[0]) < 20:
        return [str(n) for n in range(int(found[0]), int(found[1]) + 1)]
    return found
