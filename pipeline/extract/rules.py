"""Today's hand rules for splitting a reply into questions and answers, kept as evidence.

The trained segmenter (segment.py) decides; these rules are features it weighs: which
units the rules would call question or answer, and how they decided (numbering,
markers, headings, asking paragraphs, or nothing found). With no trained segmenter
they still segment on their own.

The reply is read as a sequence of paragraphs (one a line, as `cleaning.clean` leaves
them). Structure comes from labels at line starts (`numbering`): a numbered chain of
question labels ("1.", "Q2", "Question 3 -", "(a)"), possibly listed once as the
request and again as the reply; answer labels ("A1", "Response to questions 1 and 2",
"1 - 3:"); unmarked question/answer markers ("You asked:" / "Our response:"); and,
when nothing is numbered, topic headings lined up with the request. Boilerplate
(`boilerplate`) is trimmed from every answer.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..documents import NO_QUESTIONS, Segment
from ..goldlabels import WordIndex, words
from .boilerplate import (SIGN_OFF, changes_decision, is_boilerplate_start, is_holding, is_salutation, quoted_tail_start,
                          trim_head, trim_tail, upholds)
from .metadata import DATE_PATTERN
from .numbering import BULLET, Label, number_key, parse_label, strip_markup
from .request import REQUESTER, Request, parse_request, similarity, topic_words
from .units import Unit as TextUnit
from .units import column_kinds, section_row

REQUEST_SHAPE = re.compile(
    r"\?\s*$|^(?:please|could|can|would|will|do|does|did|is|are|has|have|how|what|which|when|where|who|why|"
    r"the\s+number|numbers?\s+of|a\s+copy|copies|details|any|all|a\s+list|list|provide|confirm|state|tell|"
    r"for\s+each|in\s+each|if\s+available|the\s+total|total)\b",
    re.IGNORECASE,
)
STATEMENT = re.compile(
    r"^(?:we|i|it|this|there|our|the\s+\w+(?:\s+\w+)?|[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,4})\s+(?:\w+\s+){0,2}?"
    r"(?:is|are|was|were|has|have|had|does|do|did|holds?|held|can|cannot|could|will|would|made|received|spent|"
    r"employs?|provides?|recorded|allocated|set)\b",
)

# A leading time phrase ("In 2017/18", "During 2012,", "As at 31 March 2024"): the clause after it says
# whether a numbered item answers ("In 2017/18 the Council spent...") or asks.
_LEAD = re.compile(
    r"^(?:in|during|since|between|from|for|by|as\s+(?:at|of)|on)\s+(?:the\s+)?(?:(?:financial|calendar|academic)\s+)?"
    r"(?:years?\s+)?(?:\d{1,2}\s+\w+\s+)?(?:19|20)\d\d(?:[/-]\d{2,4})?(?:\s+(?:and|to|-)\s+(?:19|20)?\d\d(?:[/-]\d{2,4})?)?,?\s+",
    re.IGNORECASE,
)


@dataclass
class Unit:
    """One paragraph of the reply and the label it opens with."""

    text: str
    label: Label | None
    quoted: bool = False


@dataclass
class Item:
    """A numbered (or lettered) question label: its key as the document writes it and where it stands."""

    key: str
    index: int
    label: Label
    stem: str = ""          # a parent question's text, for lettered sub-questions


@dataclass
class Found:
    """What the reply says for one question number."""

    question: str = ""
    answer: list[str] = field(default_factory=list)
    position: int = 0


def _units(lines: list[str]) -> list[Unit]:
    units = []
    for line in lines:
        quoted = line.lstrip().startswith(">")
        text = re.sub(r"^\s*(?:>\s?)+", "", line).strip() if quoted else strip_markup(line)
        if text:
            units.append(Unit(text, None if quoted else parse_label(line), quoted))
    return units


def _cells(line: str, width: int) -> list[str]:
    """The cells of a " | "-joined table row; empty edge cells are dropped or padded to `width`."""
    if " | " not in line:
        return []
    cells = [c.strip() for c in line.strip().split("|")]
    for edge in (0, -1):
        if len(cells) > max(width, 2) and not cells[edge]:
            cells.pop(edge)
    return cells + [""] * (width - len(cells)) if 0 < width - len(cells) <= 1 else cells


def _untable(lines: list[str]) -> list[str]:
    """Rewrite rows of a Request | Response table as a question line and a "Response:" line (`lines` has no
    blank line). A row with its question cells empty (a question cell merged down over it) goes on with the
    response above; a full-width section row inside the table (units.section_row) is left out: it heads the
    rows below it, no answer's words."""
    out: list[str] = []
    kinds: list[str] | None = None
    for n, line in enumerate(lines):
        cells = _cells(line, len(kinds) if kinds else 0)
        header = column_kinds(cells) if len(cells) >= 2 else None
        if header:
            kinds = header
            continue
        if kinds and len(cells) == len(kinds):
            number = next((c for c, k in zip(cells, kinds) if k == "number"), "")
            question = " ".join(c for c, k in zip(cells, kinds) if k == "question")
            answer = " ".join(c for c, k in zip(cells, kinds) if k == "answer")
            if not any(cells[:kinds.index("answer")]) and out and out[-1].startswith("Response: "):
                out[-1] = f"{out[-1].rstrip()} {answer}".rstrip()
                continue
            out.append(f"{number.rstrip('.')}. {question}" if re.fullmatch(r"\d{1,2}[a-z]?\.?", number) else f"Question: {question}")
            out.append(f"Response: {answer}")
            continue
        if kinds and " | " not in line and section_row(line, lines[n + 1] if n + 1 < len(lines) else "", kinds):
            continue
        out.append(line)
    return out


def _reply_and_quote(text: str) -> tuple[list[str], list[str]]:
    """The reply's lines up to its sign-off, and any quoted original message below it."""
    lines = _untable([line for line in text.split("\n") if line.strip()])
    cut = quoted_tail_start(lines)
    reply, quote = lines[:cut], lines[cut:]
    end = next((i for i, line in enumerate(reply) if i > 0 and SIGN_OFF.match(strip_markup(line))), len(reply))
    return reply[:end], quote


@dataclass(frozen=True)
class Thread:
    """A request thread's letters as (start, end) ranges of its lines, in order, and whether each is the
    requester's: the first (the request) and every other greeted as it is ("Dear Fenmoor Council," each time),
    where the body's letters greet the requester ("Dear Ms Shah,"). `kinds`: what each letter says
    (`letter_kind`): the requester's, or the body's holding word, a review upholding its first answer, or an
    answer."""

    letters: list[tuple[int, int]]
    kinds: list[str]

    @property
    def requester(self) -> list[bool]:
        """Whether each letter is the requester's."""
        return [kind == REQUESTER_LETTER for kind in self.kinds]

    def request(self, lines: Sequence[str]) -> list[str]:
        """The request letter's lines."""
        return list(lines[slice(*self.letters[0])])

    def reply(self, lines: Sequence[str]) -> list[str]:
        """The body's last answer standing (`answers`), else its last letter: its last word on the request."""
        spans = self.answers(lines) or [span for span, mine in zip(self.letters, self.requester) if not mine]
        return list(lines[slice(*spans[-1])])

    def answered_from(self, lines: Sequence[str]) -> int:
        """The line the body's standing answers start from: the requester's last letter that asks again (a
        narrowed request, an internal review asked for) with a letter of the body's after it that does not only
        uphold its first answer, else the top. What the body answered above such a letter answered a request
        since changed or challenged; a review that upholds the answer leaves it standing."""
        spans = list(zip(self.letters, self.kinds))
        return max((start for k, ((start, end), kind) in enumerate(spans) if k and kind == REQUESTER_LETTER
                    and any(later not in (REQUESTER_LETTER, UPHOLDING) for _, later in spans[k:])
                    and _letter_asks(lines[start + 1:end])), default=0)

    def answers(self, lines: Sequence[str]) -> list[tuple[int, int]]:
        """The body's letters that answer from `answered_from` on: none while it has only acknowledged the request,
        said its reply is late or asked what was meant (the request is still waiting)."""
        start = self.answered_from(lines)
        return [span for span, kind in zip(self.letters, self.kinds) if kind == ANSWER and span[0] >= start]

    def waiting(self, lines: Sequence[str]) -> bool:
        """Whether the request still waits for its answer: the body's letters from `answered_from` on only hold it
        (acknowledged, late, asked what was meant)."""
        start = self.answered_from(lines)
        kinds = [kind for (first, _), kind in zip(self.letters, self.kinds) if first >= start and kind != REQUESTER_LETTER]
        return bool(kinds) and ANSWER not in kinds and HOLDING in kinds

    def holding_words(self, lines: Sequence[str]) -> str:
        """What the body's last letter says, its sentences run together: the word a waiting request has."""
        start, end = [span for span, mine in zip(self.letters, self.requester) if not mine][-1]
        return " ".join(_sentences(lines[start + 1:end]))

    def said_nothing(self) -> list[tuple[int, int]]:
        """The body's letters that answer nothing themselves: holding letters, and reviews upholding the answer."""
        return [span for span, kind in zip(self.letters, self.kinds) if kind in (HOLDING, UPHOLDING)]


REQUESTER_LETTER, HOLDING, UPHOLDING, ANSWER = "requester", "holding", "upholding", "answer"
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[\"'(]?[A-Z0-9])")
_SENTENCE_WORDS = 12  # a line this long is a sentence though it lacks its stop; a shorter one without it is furniture
# ... unless it gives a figure ("2023: 1,412"): a number standing alone, not a date, a reference ("FOI-24-0412") or a size ("96K").
_FIGURE = re.compile(r"(?<![\w/-])\d[\d,.]*(?![\w/-])")
_DATE = re.compile(DATE_PATTERN, re.I)
# Why a letter asking back tells something: it says what is not held, withheld or refused, or gives figures.
_SUBSTANCE = re.compile(r"\d|\bnot\s+(?:hold|held|record|recorded|keep|kept|exist)|\bno\s+(?:information|records?|data)\b|"
                        r"\bexempt|\bsection\s+\d|\bexceed|\bappropriate\s+limit|\bwithh[eo]ld|\brefus|\bneither\s+confirm", re.I)
# Asking the requester what was meant: a clarification sought, a question put to them.
_ASKS_BACK = re.compile(r"\bclarif|\b(?:could|can|would)\s+you\b[^?]*\?\s*$|\bdo\s+you\s+mean\b|\bplease\s+(?:confirm|specify)\b", re.I)
# A review that sends something with it gives something new, whatever it found.
_GIVES_NEW = re.compile(r"\b(?:attach|enclos)", re.I)


def _sentences(lines: Sequence[str]) -> list[str]:
    """A letter's sentences (`lines` below its salutation): up to its sign-off, less boilerplate (appeal, closing,
    re-use) and the lines that are no sentence (a heading, a reference, a signature, an attachment's name)."""
    found: list[str] = []
    for line in lines:
        text = strip_markup(line).strip()
        if SIGN_OFF.match(text):
            break
        if not text or is_boilerplate_start(text) or ("|" not in text and not text.endswith((".", "?", "!"))
                                                      and len(text.split()) < _SENTENCE_WORDS
                                                      and not _FIGURE.search(_DATE.sub("", text))):
            continue
        found += [part for part in _SENTENCE_END.split(text) if part.strip()]
    return found


def letter_kind(lines: Sequence[str]) -> str:
    """What a letter of the body's says (`lines` below its salutation): HOLDING when it answers nothing yet
    (boilerplate.is_holding, every sentence; or it asks what was meant, and says nothing of what is held, withheld
    or counted), UPHOLDING when it is a review that keeps the first decision and gives nothing new, else ANSWER."""
    sentences = _sentences(lines)
    if not sentences:
        return ANSWER
    told = [s for s in sentences if not is_holding(s)]
    if not told or (any(_ASKS_BACK.search(s) for s in sentences) and not any(_SUBSTANCE.search(s) for s in told)):
        return HOLDING
    if any(upholds(s) for s in sentences) and not any(changes_decision(s) or _GIVES_NEW.search(s) for s in sentences):
        return UPHOLDING
    return ANSWER


def thread_of(lines: Sequence[str]) -> Thread | None:
    """The letters of a request thread (a letter runs from a salutation alone on its line to the next): None
    for one letter, a first letter that does not ask (a reply above the request it answers), or no letter
    but the requester's."""
    starts = [i for i, line in enumerate(lines) if is_salutation(strip_markup(line))]
    if len(starts) < 2 or not _letter_asks(lines[starts[0] + 1:starts[1]]):
        return None
    greeting = " ".join(lines[starts[0]].lower().split())
    requester = [" ".join(lines[i].lower().split()) == greeting for i in starts]
    if all(requester):
        return None
    letters = list(zip(starts, starts[1:] + [len(lines)]))
    return Thread(letters, [REQUESTER_LETTER if mine else letter_kind(lines[start + 1:end]) for (start, end), mine in zip(letters, requester)])


def _letter_asks(lines: Sequence[str]) -> bool:
    """Whether a letter asks: more of its lines ask (the requester's words, a question mark) than tell ("We hold
    31 grit bins."; a reply may restate a question above its answer)."""
    asking = telling = 0
    for line in lines:
        label = parse_label(line)
        text = label.rest if label else strip_markup(line).strip()
        asking += bool(REQUESTER.search(text) or text.endswith("?"))
        telling += is_statement(text, None)
    return asking > telling


# ---------------------------------------------------------------- numbered chains


def _leading_number(key: str) -> int:
    m = re.match(r"\d+", key)
    return int(m.group()) if m else 0


def _opens_item(unit: Unit) -> bool:
    label = unit.label
    return bool(label and (label.numbers or label.kind == "question"))


def _list_like(chain: list[Item], units: list[Unit]) -> bool:
    """Items so far read as a list of questions: each is followed directly by the next."""
    return len(chain) >= 2 and all(
        item.index + 1 < len(units) and _opens_item(units[item.index + 1]) for item in chain[:-1]
    )


def _is_listing(chain: list[Item], units: list[Unit], asked: Request | None) -> bool:
    """A chain that lists the questions (to be answered after it), not numbered answers."""
    if not _list_like(chain, units):
        return False
    if asked:
        requested = [asked.get(item.key) for item in chain]
        return sum(not is_statement(item.label.rest, r.text) for item, r in zip(chain, requested) if r) * 2 > len(chain)
    return sum(not is_statement(item.label.rest, None) for item in chain) * 2 > len(chain)


def _continues(chain: list[Item], label: Label, earlier: frozenset[int] = frozenset()) -> bool:
    """A numbered label carries the chain on: the next number, a sub-number, an explicit new
    one, or a later number an earlier chain listed (a reply that skips a question it leaves unanswered)."""
    key, n = label.numbers[0], _leading_number(label.numbers[0])
    if not chain:
        return n == 1 or label.explicit
    if number_key(key) in {number_key(item.key) for item in chain} or label.form != _numbered_items(chain)[-1].label.form:
        return False
    last = _leading_number(chain[-1].key)
    if n == last + 1 or (n == last and not key.isdigit()):
        return True
    return (label.explicit or (n > last and n in earlier)) and n not in {_leading_number(item.key) for item in chain}


def _numbered_items(chain: list[Item]) -> list[Item]:
    return [item for item in chain if not item.label.letter] or chain


def _letter_item(i: int, label: Label, chain: list[Item], parent: Item | None) -> Item | None:
    """A lettered item in sequence: a sub-question of the current number, or an a/b/c list item."""
    letter = label.numbers[0]
    previous = chain[-1] if chain else None
    previous_letter = previous.label.numbers[0] if previous and previous.label.letter else None
    if letter != (chr(ord(previous_letter[-1]) + 1) if previous_letter else "a"):
        return None
    if parent is None:
        return Item(letter, i, label)
    if letter == "a" and i != parent.index + 1:
        return None
    return Item(f"{parent.key}({letter})", i, label, stem=parent.label.rest)


def _chains(units: list[Unit]) -> list[list[Item]]:
    """Numbered question items grouped into chains: e.g. the request listed, then the reply's numbering."""
    chains: list[list[Item]] = []
    chain: list[Item] = []
    parent: Item | None = None
    covered: set[int] = set()
    for i, unit in enumerate(units):
        label = unit.label
        if label and label.kind == "answer":
            covered |= {_leading_number(n) for n in label.numbers}
        if not label or label.kind != "question" or not label.numbers:
            continue
        if label.letter:
            item = _letter_item(i, label, chain, parent)
            if item is None and label.numbers[0] == "a" and parent is None and _list_like(chain, units):
                chains.append(chain)
                chain, item = [], Item("a", i, label)
            if item is not None:
                chain.append(item)
            continue
        n = _leading_number(label.numbers[0])
        earlier = frozenset(_leading_number(item.key) for c in chains for item in c)
        if _continues(chain, label, earlier) or not chain and n - 1 in covered:
            parent = Item(label.numbers[0], i, label)
            chain.append(parent)
        elif (n == 1 or label.explicit) and (label.explicit or _list_like(chain, units)):
            chains.append(chain)
            parent = Item(label.numbers[0], i, label)
            chain = [parent]
    return [c for c in chains + [chain] if c]


def _boundaries(units: list[Unit], chains: list[list[Item]]) -> list[int]:
    """Where one item's paragraphs end: another item, a numbered answer label or a question marker."""
    starts = {item.index for chain in chains for item in chain}
    starts |= {i for i, u in enumerate(units) if u.label and (u.label.kind == "question" and not u.label.numbers or u.label.kind == "answer" and u.label.numbers)}
    return sorted(starts) + [len(units)]


def _tail(index: int, boundaries: list[int]) -> list[int]:
    end = next(b for b in boundaries if b > index)
    return list(range(index + 1, end))


def heading_like(text: str) -> bool:
    """A topic heading rather than a sentence: short, with no closing punctuation."""
    words = len(text.split())
    return 0 < words <= 8 and not re.search(r"[.?!;,:]$", text) or 0 < words <= 3 and text.endswith(":")


def _restates(text: str, question: str) -> bool:
    """Text that repeats a known question (most of its words, and little else)."""
    a, b = topic_words(text), topic_words(question)
    return bool(a and b) and len(a & b) >= 0.7 * len(b) and len(a & b) >= 0.5 * len(a)


def _question_shaped(text: str) -> bool:
    """A question or requested item: a question mark, a request form, or a verbless phrase left unstopped."""
    if STATEMENT.match(text) and not text.endswith("?"):
        return False
    return text.endswith("?") or bool(REQUEST_SHAPE.search(text)) or not text.endswith(".")


def is_statement(text: str, listed: str | None) -> bool:
    """Text after a number that already answers (declarative), rather than restating the question."""
    if heading_like(text):
        return False
    clause = _LEAD.sub("", text, count=1)
    statement = bool(STATEMENT.match(clause)) and not REQUEST_SHAPE.search(clause)
    return statement or bool(listed) and not _restates(text, listed)


def _restated_question(text: str, following: str, listed: str | None) -> bool:
    """Whether the paragraph after a bare number restates the question. A table row (its
    header naming the question's terms) is already the answer's data, and so is a line
    that introduces one ("Referrals were as follows:")."""
    if " | " in text or (text.endswith(":") and " | " in following):
        return False
    return _restates(text, listed) if listed else _question_shaped(text)


def _read_item(item: Item, tail: list[int], units: list[Unit], listed: str | None) -> tuple[str, list[str]]:
    """The question an item restates (if any) and its answer paragraphs."""
    rest = item.label.rest
    marker = next((k for k, j in enumerate(tail) if units[j].label and units[j].label.kind == "answer" and not units[j].label.numbers), None)
    if marker is not None:
        question = " ".join([rest] + [units[j].text for j in tail[:marker]])
        return question.strip(), [units[tail[marker]].label.rest] + [units[j].text for j in tail[marker + 1 :]]
    quoted = [j for j in tail[: next((k for k, j in enumerate(tail) if not units[j].quoted), len(tail))]]
    if quoted:
        return " ".join(units[j].text for j in quoted), [units[j].text for j in tail[len(quoted) :]]
    texts = [units[j].text for j in tail]
    if rest and (" | " in rest or is_statement(rest, listed)):  # a table row after the number is the answer's data
        return "", [rest] + texts
    if not rest and len(texts) > 1 and _restated_question(texts[0], texts[1], listed):
        return texts[0], texts[1:]
    return rest, texts


def _trim(texts: list[str]) -> list[str]:
    """Non-empty paragraphs of an answer, cut where boilerplate begins."""
    return trim_tail([t for t in texts if t])


def _question_for(key: str, found: Found | None, listed: dict[str, str], asked: Request | None) -> str:
    """The reply's own restatement, else the listed or requested question, else the heading."""
    own = found.question if found else ""
    if own and not heading_like(own):
        return own
    requested = asked.get(key) if asked else None
    return listed.get(number_key(key)) or (requested.text if requested else "") or own


def _numbered(units: list[Unit], asked: Request | None) -> dict[str, Found]:
    """Answers found through numbering: listed questions, numbered items, numbered answer labels."""
    chains = _chains(units)
    answer_labels = [i for i, u in enumerate(units) if u.label and u.label.kind == "answer" and u.label.numbers]
    if not chains and not answer_labels:
        return {}
    bounds = _boundaries(units, chains)
    listed: dict[str, str] = {}
    names: dict[str, str] = {}
    results: dict[str, Found] = {}
    listing: list[Item] = []
    for chain in chains:
        if not listing and _is_listing(chain, units, asked):
            listing = chain
            for item in chain:
                names.setdefault(number_key(item.key), item.key)
                listed.setdefault(number_key(item.key), " ".join(f"{item.stem} {item.label.rest}".split()))
            continue
        _read_chain(chain, units, bounds, asked, listed, names, results)
    for i in answer_labels:
        label = units[i].label
        answer = _trim([label.rest] + [units[j].text for j in _tail(i, bounds)])
        keys = label.numbers
        if keys == ["*"]:
            keys = list(names.values()) or [q.q for q in (asked.questions if asked else [])]
        for key in keys if answer else []:
            names.setdefault(number_key(key), key)
            results[number_key(key)] = Found("", answer, i)
    if listing and not results:
        _share(listing, units, bounds, names, results)
    elif listing and number_key(listing[-1].key) not in results:
        _read_chain(listing[-1:], units, bounds, asked, listed, names, results)
    return {names[k]: _with_question(names[k], f, listed, asked) for k, f in sorted(results.items(), key=lambda kv: kv[1].position)}


def _with_question(key: str, found: Found, listed: dict[str, str], asked: Request | None) -> Found:
    return Found(_question_for(key, found, listed, asked), found.answer, found.position)


def _read_chain(
    chain: list[Item], units: list[Unit], bounds: list[int], asked: Request | None,
    listed: dict[str, str], names: dict[str, str], results: dict[str, Found],
) -> None:
    """Question and answer of each item; unanswered items share the next answer given."""
    pending: list[str] = []
    for item in chain:
        key = number_key(item.key)
        names.setdefault(key, item.key)
        requested = asked.get(item.key) if asked else None
        known = listed.get(key) or (requested.text if requested else None)
        question, answer = _read_item(item, _tail(item.index, bounds), units, known)
        answer = _trim(answer)
        rest = item.label.rest
        if not answer and rest and not heading_like(rest) and (known or not _question_shaped(rest)):
            question, answer = "", _trim([rest])
        question = f"{item.stem} {question}".strip()
        if _has_sub_items(item, chain):
            continue
        if not answer:
            pending.append(key)
            if question:
                listed.setdefault(key, question)
            continue
        for waiting in pending + [key]:
            results[waiting] = Found(question if waiting == key else "", answer, item.index)
        pending = []


def _has_sub_items(item: Item, chain: list[Item]) -> bool:
    return any(other.key.startswith(item.key + "(") for other in chain)


def _share(listing: list[Item], units: list[Unit], bounds: list[int], names: dict[str, str], results: dict[str, Found]) -> None:
    """A reply that answers the listed questions together: the text after the list, else before it."""
    tail = _tail(listing[-1].index, bounds)
    marker = next((k for k, j in enumerate(tail) if units[j].label and units[j].label.kind == "answer"), None)
    if marker is None:
        after = [units[j].text for j in tail]
    else:
        after = [units[tail[marker]].label.rest] + [units[j].text for j in tail[marker + 1 :]]
    before = trim_head([u.text for u in units[: listing[0].index]])
    if before and before[-1].endswith(":"):
        before = before[:-1]
    answer = _trim(after) or _trim(before)
    for item in listing if answer else []:
        results[number_key(item.key)] = Found("", answer, item.index)


# ---------------------------------------------------------------- unnumbered layouts


def _asks(text: str) -> bool:
    """Shaped like a request: a question mark, an imperative or a requested thing, not a statement."""
    return bool(REQUEST_SHAPE.search(text)) and not STATEMENT.match(text)


def _marked(units: list[Unit]) -> list[Found]:
    """"You asked: / Our response:" pairs; an answer marker alone takes the question-shaped line above it."""
    found: list[Found] = []
    question: list[str] | None = None
    answer: list[str] | None = None
    loose: list[str] = []
    for unit in units:
        label = unit.label
        if label and not label.numbers and label.kind == "question":
            _flush(found, question, answer)
            question, answer = [label.rest], None
        elif label and not label.numbers and label.kind == "answer":
            if answer is not None or question is None:
                before = answer if answer is not None else loose
                above = before.pop() if before and _asks(before[-1]) else ""
                _flush(found, question, answer)
                question = [above]
            answer = [label.rest]
        elif answer is not None:
            answer.append(unit.text)
        elif question is not None:
            question.append(unit.text)
        else:
            loose.append(unit.text)
    _flush(found, question, answer)
    return found


def _flush(found: list[Found], question: list[str] | None, answer: list[str] | None) -> None:
    if answer is None and question:
        question, answer = _split_asked(question)
    trimmed = _trim(answer or [])
    if trimmed:
        found.append(Found(" ".join(q for q in question or [] if q), trimmed, len(found)))


def _split_asked(parts: list[str]) -> tuple[list[str], list[str]]:
    """A question marker with no answer marker after it ("You asked for:" then the question,
    then the reply): the question is its first paragraph, with the items a colon introduces."""
    texts = [t for t in parts if t]
    end = 1
    while end < len(texts) and texts[end - 1].rstrip().endswith(":"):
        end += 1
    return texts[:end], texts[end:]


# An asking paragraph ends in a question mark, opens with a question ("Does the Council use X? If so,
# please list them.") or opens with a request ("Please provide...", "Could you...").
ASKING = re.compile(
    r"\?\s*[\"')]?$|^[^.?!]{10,}\?\s|^(?:please|could\s+you|can\s+you|would\s+you|i\s+would\s+like)\b", re.IGNORECASE
)


def _asked_paragraphs(units: list[Unit]) -> list[Unit]:
    """Unnumbered questions (asking paragraphs, or bulleted requests each followed by its answer) marked as such."""
    body = _body(units)
    bullets = [i for i in body if BULLET.match(units[i].text)]
    alternate = len(bullets) >= 2 and all(i + 1 in body and not BULLET.match(units[i + 1].text) for i in bullets)
    asks = bullets if alternate else [i for i in body if ASKING.search(units[i].text) and i + 1 in body and not ASKING.search(units[i + 1].text)]
    if len(asks) < 2:
        return []
    marked = list(units)
    for i in asks:
        marked[i] = Unit(units[i].text, Label("question", rest=BULLET.sub("", units[i].text)))
        marked[i + 1] = Unit(units[i + 1].text, Label("answer", rest=units[i + 1].text))
    return marked


def _is_heading(unit: Unit) -> bool:
    """A topic heading line: short, no closing punctuation, not a label, a table row or boilerplate."""
    text = unit.text.rstrip(":")
    return (
        unit.label is None
        and heading_like(text)
        and text[:1].isupper()
        and not re.search(r"\S {3,}\S|\d", text)
        and not is_boilerplate_start(text)
    )


def _by_headings(units: list[Unit]) -> list[Found]:
    """Sections under topic headings ("Budget", "Strategy"), for replies that number nothing."""
    body = _body(units)
    headings = [i for i in body if _is_heading(units[i])]
    if len(headings) < 2:
        return []
    sections = []
    for h, nxt in zip(headings, headings[1:] + [body[-1] + 1]):
        answer = _trim([units[j].text for j in range(h + 1, nxt)])
        if not answer:
            return []
        sections.append(Found(units[h].text.rstrip(":"), answer, h))
    return sections


def _body(units: list[Unit]) -> list[int]:
    """Indexes of the reply's substance: after greeting and acknowledgement, before boilerplate."""
    texts = [u.text for u in units]
    kept = trim_head(texts)
    start = len(texts) - len(kept)
    end = start + len(trim_tail(kept))
    return list(range(start, end))


def _align(found: list[Found], asked: Request | None) -> list[str]:
    """Question numbers for unnumbered sections: by topic similarity to the request, else by order."""
    if not asked or not asked.questions:
        return [str(i + 1) for i in range(len(found))]
    free = list(asked.questions)
    keys = []
    for section in found:
        probe = section.question or " ".join(section.answer)[:300]
        best = max(free, key=lambda q: similarity(probe, q.text), default=None)
        if best is not None and similarity(probe, best.text) == 0:
            best = free[0]
        if best is None:
            keys.append(str(len(keys) + 1))
            continue
        free.remove(best)
        keys.append(best.q)
    return keys


def _whole(units: list[Unit]) -> Segment:
    """No questions recognised: the reply's substance as one answer."""
    answer = " ".join(units[i].text for i in _body(units)) or " ".join(u.text for u in units)
    return Segment(q="1", question="", answer=answer, flags=[NO_QUESTIONS])


def segment_by_rules(text: str, request: Request | None = None) -> tuple[list[Segment], str]:
    """Question/answer pairs of a cleaned reply, in document order, and the layout the rules saw:
    "numbered", "marked" (You asked / Our response), "headings", "asked" (asking paragraphs),
    "whole" (nothing recognised: the substance as one answer) or "empty".

    With `request`, answers are lined up with its questions (by the reply's numbering,
    else by topic and order) and unrestated questions take the request's wording;
    without it, questions quoted in the reply (or in an e-mail's quoted request) are used.
    """
    reply, quote = _reply_and_quote(text)
    units = _units(reply)
    if not units:
        return [], "empty"
    asked = request or (parse_request("\n".join(quote)) if quote else None)
    numbered = _numbered(units, asked)
    if numbered:
        return [Segment(key, f.question, " ".join(f.answer)) for key, f in numbered.items()], "numbered"
    for method, find in (("marked", lambda: _marked(units)), ("headings", lambda: _by_headings(units)),
                         ("asked", lambda: _marked(_asked_paragraphs(units)))):
        found = find()
        if found:
            break
    else:
        return [_whole(units)], "whole"
    keys = _align(found, asked)
    segments = []
    for key, f in zip(keys, found):
        requested = asked.get(key) if asked else None
        question = f.question if f.question and not heading_like(f.question) else (requested.text if requested else f.question)
        segments.append(Segment(key, question, " ".join(f.answer)))
    return segments, method


# ---------------------------------------------------------------- the rules as features


@dataclass(frozen=True)
class RuleView:
    """What the rules make of a reply, unit by unit: the role each unit would have (O, QB, QI,
    AB, AI), and the layout they saw (`segment_by_rules`' method)."""

    roles: list[str]
    method: str


def _span(index: WordIndex, part: str, start: int = 0) -> tuple[int, int] | None:
    """Where a rule segment's text stands in the cleaned text (its first and last six words)."""
    found = words(part)
    if not found:
        return None
    head = index.search(found[:6], start)
    if not head:
        return None
    tail = index.search(found[-6:], head[0])
    return head[0], tail[1] if tail else head[1]


def rule_view(text: str, units: Sequence[TextUnit], request: Request | None) -> RuleView:
    """The rules' segmentation of `text`, mapped onto `units`."""
    segments, method = segment_by_rules(text, request)
    roles = ["O"] * len(units)
    position = 0
    index = WordIndex(text)
    for seg in segments:
        for kind, part in (("Q", seg.question), ("A", seg.answer)):
            span = _span(index, part, 0 if kind == "Q" else position) if part else None
            if span is None:
                continue
            first = True
            for i, unit in enumerate(units):
                if unit.start < span[1] and unit.end > span[0]:
                    if roles[i] == "O" or kind == "A":
                        roles[i] = kind + ("B" if first else "I")
                    first = False
            if kind == "A":
                position = span[0]
    return RuleView(roles, method)
