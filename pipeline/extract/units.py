"""Units: the pieces of a cleaned reply that the segmenter labels one at a time.

Cleaning leaves one paragraph, heading or list item a line. A unit is a line, split
further where one line plainly holds two: a question ending in "?" with more text
after it on the same line (a question and its answer run together), a table row
whose first cells are a question ("1. How many ...? | We hold 212.", "1 | How many ...? |
We hold 212.": the readers join a row's cells with " | "), and an inline numbered list
("... as follows: 1. How many ... 2. What ..."). Each unit keeps its character offsets in
the cleaned text and the label it opens with ("1.", "Q2", "Response:"), read by
`numbering.parse_label`, after the marks of a line an e-mail quotes above its answer ("> 3. Please
send ..."); lines numbered without stops ("1 How many ...", "2 There are ...") are labelled where
they count 1, 2, 3 in order (`numbering.bare_list`). Under a "Question | Response" header, each
unit knows which cell of its row it is in (`Unit.cell`): a row with its question cells empty (" |  | 2023 - 4,655
fines.", under a question cell merged down) is more of the answer above, without its empty cells, and a short
heading alone on its line between two rows ("Part B - Contracts", a full-width row) is a section of the table,
which goes on under it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .boilerplate import SIGN_OFF, quoted_tail_start
from .numbering import Label, bare_list, is_number_cell, parse_label
from .request import REQUESTER

# A question mark ending a sentence, with more text after it on the same line.
_AFTER_QUESTION = re.compile(r"\?[\"')\]]*\s+(?=[\"'(]?[A-Z0-9£])")
# The first sentence after a question's "?", and the start of what follows it on the line.
_NEXT_SENTENCE = re.compile(r"[^.?!]*[.?!][\"')\]]*\s+(?=[\"'(]?[A-Z0-9£])")
# A sentence that goes on asking: "If so, ...", "If not, why not." (the request's detail, not its answer).
_IF_SO = re.compile(r"^if\s+(?:so|yes|not|no|applicable|possible|available|held)\b", re.IGNORECASE)
_ENDS_ON_LABEL = re.compile(r"(?:^|[\s:;(])\(?[A-Za-z0-9]{1,2}[.)]\s*$")
# An inline list item ("... 2. Text"), cut only where its number runs on from the item before.
_INLINE_ITEM = re.compile(r"(?:(?<=\s)|(?<=[?.;]))(\d{1,2})[.)]\s+(?=[A-Z])")
_LEADING_ITEM = re.compile(r"\s*(?:q(?:uestion)?\s*)?(\d{1,2})[.)]\s", re.IGNORECASE)
_LABELLED_PIECE = re.compile(r"\d{1,2}[.)]\s")


@dataclass(frozen=True)
class Unit:
    """One piece of the reply: its text, where it stands and the label it opens with."""

    text: str
    start: int           # character offsets in the cleaned text
    end: int
    first: bool          # the first piece of its line
    label: Label | None
    cell: str = ""       # in a row under a "Question | Response" header: "question" / "answer" (the cell it opens),
                         # "question_rest" / "answer_rest" (a later piece of that cell, or a row with its question
                         # cells empty going on with the answer above); "section" (a full-width row heading the rows
                         # under it, `section_row`); else ""

    @property
    def wordless(self) -> bool:
        """Neither a word nor a figure: a stray mark (a table's column letter, a bullet or a rule alone on its
        line) that starts no question and no answer, and ends none. A form's answer marks ("N/A", "Y", "X",
        a tick, a dash for nil) are an answer's words, not stray marks."""
        return not _WORD_OR_FIGURE.search(self.text) and not _ANSWER_MARK.fullmatch(self.text.strip())

    @property
    def bare_value(self) -> bool:
        """A numbered or lettered item, or one labelled as an answer, that is nothing but a value: a figure with at
        most two words after it, or yes, no, none, nil ("1. 312", "(b) £4,120", "3. 2.5 FTE", "Response: Yes."). No question or heading is worded so;
        it answers the question of its number. Labels never anchor such an answer (an anchor needs three words),
        so the segmenter cannot learn it from them."""
        label = self.label
        return bool(label and ((label.kind == "question" and label.numbers) or (label.kind == "answer" and label.explicit))
                    and _BARE_VALUE.fullmatch(label.rest.strip()))


QUOTE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?)+")  # an e-mail's marks of a quoted line
_WORD_OR_FIGURE = re.compile(r"[^\W\d_]{2}|\d")
_BARE_VALUE = re.compile(r"(?:(?:[£$€]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|k|m|bn|million|billion|thousand))?"
                         r"(?:\s+[^\W\d_][\w'-]*){0,2}|yes|no|none|nil|zero|nothing|n\s*/\s*a)\.?", re.I)
_ANSWER_MARK = re.compile(r"[ynx]\.?|n\s*/\s*a\.?|[\u2713\u2714\u2717\u2718]|[-\u2013\u2014]", re.I)


def _asked_on(line: str, after: int) -> int | None:
    """Where a question's detail ends when it runs on after the "?" into the answer on one line ("...a damp
    policy? If so, please provide a copy. Yes, adopted in 2023."): the end of the sentence after the "?"
    when it asks on (`_IF_SO`, or a requester's "please provide / could you ..."), and more text follows."""
    sentence = _NEXT_SENTENCE.match(line, after)
    if sentence is None:
        return None
    said = line[after:sentence.end()]
    if _ENDS_ON_LABEL.search(said):  # "Please provide the following: a. Name b. ...": a list's label, no sentence's end
        return None
    return sentence.end() if _IF_SO.match(said) or REQUESTER.search(said) else None


def _inline_items(line: str) -> list[int]:
    """Offsets where an inline numbered list goes on (1. ... 2. ... 3.)."""
    leading = _LEADING_ITEM.match(line)
    expected = int(leading.group(1)) + 1 if leading else None
    cuts = []
    for match in _INLINE_ITEM.finditer(line):
        number = int(match.group(1))
        if expected is None and number == 1:
            cuts.append(match.start())  # "...as follows: 1. How many"
            expected = 2
        elif number == expected:
            cuts.append(match.start())
            expected += 1
    return [] if not leading and len(cuts) == 1 else cuts  # a lone "1." mid-line is no list


_NUMBER_COLUMN = re.compile(r"^(?:no\.?|#|item|ref\.?|number|q(?:uestion)?\s*(?:no\.?|number))$", re.IGNORECASE)
_QUESTION_COLUMN = re.compile(r"\b(?:request(?:ed)?|questions?|quer(?:y|ies)|you\s+asked|information\s+requested|asked)\b", re.IGNORECASE)
_ANSWER_COLUMN = re.compile(r"\b(?:response|answer|reply|information\s+(?:provided|released|disclosed))\b", re.IGNORECASE)


def column_kinds(cells: list[str]) -> list[str] | None:
    """Column roles of a request/response table's header row, or None if the row is no such header."""
    kinds = []
    for cell in cells:
        if _NUMBER_COLUMN.match(cell):
            kinds.append("number")
        elif _ANSWER_COLUMN.search(cell) and len(cell.split()) <= 4:
            kinds.append("answer")
        elif _QUESTION_COLUMN.search(cell) and len(cell.split()) <= 4:
            kinds.append("question")
        else:
            kinds.append("")
    return kinds if "question" in kinds and "answer" in kinds else None


def _question_cell(line: str) -> tuple[int, int] | None:
    """Where a table row's question cell ends and its answer cell starts: a row of two cells whose first
    asks ("...?") or carries a question's number ("1. The number of ...", "Q2 ..."), or of three whose
    first is the number alone and whose second asks ("2 | How many ...? | We hold 212.")."""
    cells = line.split(" | ")
    if len(cells) == 3 and is_number_cell(cells[0]):
        cells = [f"{cells[0]} | {cells[1]}", cells[2]]
        asks = bool(re.search(r"\?[\"')\]]*$", cells[0].strip()))
        return (len(cells[0]), len(cells[0]) + 3) if asks and cells[1].strip() else None
    if len(cells) != 2 or not cells[1].strip() or len(cells[0].split()) < 3:
        return None
    first = cells[0].strip()
    label = parse_label(first)
    if not (re.search(r"\?[\"')\]]*$", first) or (label and label.kind == "question" and label.numbers and not label.letter)):
        return None
    return len(cells[0]), len(cells[0]) + 3


def _column_cell(line: str, kinds: list[str] | None) -> tuple[int, int] | None:
    """Where a row under a "Question | Response" header passes from its question cells to its answer cells
    (a request put as "Please provide ..." asks as much as one ending in "?"). `line` is a table row."""
    if not kinds:
        return None
    separators = list(re.finditer(r" \| ", line))
    if len(separators) + 1 != len(kinds):
        return None
    first = kinds.index("answer")
    cell_end = separators[first].start() if first < len(separators) else len(line)
    if first == 0 or "question" not in kinds[:first] or not line[separators[first - 1].end():cell_end].strip():
        return None
    return separators[first - 1].start(), separators[first - 1].end()


def _pieces(line: str, kinds: list[str] | None = None) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """The line's pieces (start, end), and where a row under a request/response header passes from its
    question cells to its answer cells (None if it is no such row)."""
    # Each cut: where a piece ends -> where the next one starts (a table row's " | " belongs to neither).
    asked = [m.end() for m in _AFTER_QUESTION.finditer(line)]
    detail = [end for end in (_asked_on(line, a) for a in asked) if end is not None]
    cuts = {c: c for c in _inline_items(line)} | {c: c for c in asked + detail}
    column = _column_cell(line, kinds) if " | " in line else None
    cell = column or (_question_cell(line) if " | " in line else None)
    if cell:
        cuts[cell[0]] = cell[1]
    # A row whose question cells are all empty (" |  | 2023 - 4,655 fines.": a question cell merged down over
    # it) is more of the answer above: it starts at its answer cell, and its empty cells are in no piece.
    go_on = column is not None and not line[: column[0]].replace("|", "").strip()
    pieces, start = [], column[1] if go_on else 0
    for end in sorted(c for c in cuts if 0 < c < len(line)):
        if end >= start:
            pieces.append((start, end))
            start = cuts[end]
    pieces.append((start, len(line)))
    asked = column and (go_on or len(_WORDS.findall(line[: column[0]])) >= _ASKED_WORDS)
    return [(a, b) for a, b in pieces if line[a:b].strip()], column if asked else None


# A question cell says this many words at least: a data table's first cells ("January | 45") under a
# "Month | Request | Response" header ask nothing.
_ASKED_WORDS = 3
_WORDS = re.compile(r"[^\W\d_]{2,}")


def _cell_of(start: int, column: tuple[int, int] | None, first: bool, after_answer: bool) -> str:
    """Which cell a piece is in, in a row under a request/response header: the row's first piece opens its
    question and the piece at the answer column's start its answer; a piece cut after either (at a "?")
    goes on with it. A row with no question (its question cells empty) goes on with the answer above it
    (`after_answer`: the unit before is in an answer cell), else it opens one."""
    if column is None:
        return ""
    if start < column[0]:
        return "question" if first else "question_rest"
    return "answer" if start == column[1] and not (first and after_answer) else "answer_rest"


# A section row's words at most: "Part B - Contracts", "Section 2: Staffing and pay".
_SECTION_WORDS = 8


def section_row(line: str, row: str, kinds: list[str]) -> bool:
    """A full-width row inside a request/response table ("Part B - Contracts": one merged cell, so a line
    without " | "): a short heading, no sentence, with a row of the same table (as many cells as its header
    `kinds`, and no header itself) as the next line that is not blank (`row`). It heads the rows below it:
    the table goes on under it, and it is a heading of its own, no part of the answer above."""
    words = line.split()
    if not 0 < len(words) <= _SECTION_WORDS or re.search(r"[.?!;,]$", line.strip()) or words[0][0].islower():
        return False
    cells = [cell.strip() for cell in row.split(" | ")]
    return " | " in row and len(cells) == len(kinds) and column_kinds(cells) is None


def _answer_marker(piece: str) -> Label | None:
    """The label of a piece cut from a line mid-way, when it opens with an answer's own marker ("...EHC plan?
    A2. Fewer than five."): a word that only opens a sentence ("A total of") is no label."""
    label = parse_label(piece)
    return label if label and label.kind == "answer" and label.explicit else None


def units_of(text: str) -> list[Unit]:
    """The units of a cleaned text, in order."""
    units: list[Unit] = []
    offset = 0
    kinds: list[str] | None = None  # the columns of a request/response table's header, for the rows under it
    lines = text.split("\n")
    tail = min(quoted_tail_start(lines), next((n for n, line in enumerate(lines) if SIGN_OFF.match(line.strip())), len(lines)))
    for n, line in enumerate(lines):
        header = column_kinds([cell.strip() for cell in line.split(" | ")]) if " | " in line else None
        section = False
        if kinds and line.strip() and " | " not in line:
            section = section_row(line, next((other for other in lines[n + 1:] if other.strip()), ""), kinds)
            kinds = kinds if section else None  # else the table has ended (blank lines may part its rows)
        # A line an e-mail quotes above its answer ("> 3. Please send ..."): its label is read after the marks
        # (numbering.parse_label reads none on a quoted line). Not in the original message quoted below the
        # reply: past its sign-off, or where only quoted lines are left (boilerplate.quoted_tail_start).
        quote = QUOTE_MARKS.match(line) if n < tail else None
        pieces, column = _pieces(line, None if header else kinds)
        for k, (a, b) in enumerate(pieces):
            piece = line[a:b]
            lead = len(piece) - len(piece.lstrip())
            start = offset + a + lead
            piece = piece.strip()
            if k == 0 and quote:
                label = parse_label(line[quote.end():b])
            else:
                label = parse_label(piece) if k == 0 or _LABELLED_PIECE.match(piece) else _answer_marker(piece)
            after_answer = bool(units) and units[-1].cell.startswith("answer")
            cell = "section" if section else _cell_of(a + lead, column, k == 0, after_answer)
            units.append(Unit(piece, start, start + len(piece), k == 0, label, cell))
        kinds = header or kinds
        offset += len(line) + 1
    listed = bare_list([unit.text if unit.label is None and unit.first else "" for unit in units])
    return [replace(unit, label=listed[i]) if i in listed else unit for i, unit in enumerate(units)]
