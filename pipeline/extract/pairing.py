"""From units and their roles to question/answer pairs, numbered as the reply or request numbers them.

Units with roles group into items: a question (QB, then QI...) or an answer (AB, then
AI...); units of no role in between are skipped, except that a label or a heading
("Question 2", "Response") between two answer units starts a new answer, which takes the
heading's number if it has none of its own, and a link alone on its line right after an
answer unit goes on with that answer (the policy or data the answer points to: "it can be
found here:", then the address). Items then
pair up in order:
- questions followed by one answer: the answer is given to each of them, unless it
  names which it answers ("Answers 2 & 3", "For questions 1 and 2", "Q1, Q2 and Q6a");
  the questions it names that the reply never restated take it too (with `--request`,
  only the request's, in its wording);
- questions followed by several answers: by the numbers they carry, else in order
  (surplus answers join the last; surplus questions share the last answer); in a reply
  that numbers its answers, an unnumbered answer after a numbered one goes on with it;
- a reply whose only item is one answer naming no question, to a request of several: that
  answer is given to each of the request's questions (one reply for all: "please see the
  attached", a letter that answers the request as a whole), as when it follows them restated;
- answers with no question restated before them (a reply that never quotes the
  request): by their own numbers or the question numbers they mention, else by topic
  against `--request` (the alignment in the request's order with the most topic words
  in common), else in order;
- a question that repeats the number of a numbered one still waiting (the request listed,
  then restated question by question) replaces the list; one whose number an unnumbered
  question took by topic (a detail line read as a question) takes it back, and the line goes
  on with the question before it;
- numbers that restart at every item (a page whose lists were parted by paragraphs, so each
  of its questions or answers is "1."): questions in a row where one carries the number of the
  one just before it, in other words, and answers in a row that all carry the same number, are
  read unnumbered, in order; so is a question after answers numbered "1." (not "Question 1") as
  an earlier question in other words was (a page's request blocks, each numbered from 1).
Questions and answers both end where boilerplate starts (a sign-off, an appeal); an answer also ends
before a heading that has only short unstopped lines under it (a page's "Related documents" and its links,
the next record's title: `_furniture_tail`).
An answer given to several questions is flagged `answers_several` on each copy: one passage that
answers them together (classify codes it for each of them), not answers that happen to read alike.

Given each unit's probability of being part of an answer (the role tagger's own, before the sequence
is chosen), in a reply that restates questions, an answer of three words or more whose words score
under even odds on average is dropped, with every copy of it: a question waiting for an answer put it
there, not its words (unless it carries that question's number: then its own number did). Body held out, most of those are no answer (a requester's closing line, a notice,
a question's own detail), and a question left without one is a gap in the table where a wrong answer
is a wrong cell (README, "Finding the answers"). A reply that restates none has no question waiting:
its answers are its own, numbered or not, however their words read ("1 - Please refer to Appendix A").
In any reply, an answer kept whose words score under CHECK_BELOW on average is flagged `check_answer`:
worth a look before its cell is trusted. Body held out on the real replies, about a fifth of the answers
are flagged and they hold more than half of the wrong ones (README, "Which answers to check").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from ..documents import CHECK, SHARED, Segment
from ..goldlabels import words
from .boilerplate import trim_tail
from .numbering import BULLET, MENTION_WINDOW, STATUTE, TURNS_TO, mentioned_questions, number_key, parse_label, unbulleted
from .request import Request, similarity
from .rules import heading_like
from .units import QUOTE_MARKS, Unit

_HEADING = re.compile(r"^(?:(?:our\s+|the\s+)?(?:response|answer|reply|decision|request|question)s?\b)", re.I)
EVEN_ODDS = 0.5  # an answer whose words score under this on average (as an answer's) is more likely none
CHECK_BELOW = 0.9  # an answer whose words score under this on average is flagged CHECK
SHORT_ANSWER = 3  # words: an answer shorter than this keeps its place whatever its score (see `answer_score`)


@dataclass
class Item:
    """A run of units that is one question or one answer."""

    kind: str  # "Q" or "A"
    units: list[Unit] = field(default_factory=list)
    heading: Unit | None = None  # the heading of no role that opened it ("Question 3:"), if any
    numbered: bool = True  # False: its number restarts a list rather than naming a question (`_restarted_questions`)

    def text(self) -> str:
        """Its units' text. An answer's own marker ("A:", "Answer 2:", "Our response -"), a table row's
        number cell ("3 | ...") and a bullet label it: they are not the answer's words."""
        first, label = self.units[0], self.units[0].label
        marker = label is not None and (label.form == "|" or (self.kind == "A" and label.kind == "answer" and label.explicit))
        return " ".join(part for part in [label.rest if marker else unbulleted(first.text), *(u.text for u in self.units[1:])] if part)

    def question_text(self) -> str:
        """The question without its number ("1.", "Q2"), its bullet or the marks of an e-mail quoting it ("> 1. How many")."""
        first, label = self.units[0], self.units[0].label
        lead = label.rest if label and (label.numbers or (label.kind == "question" and label.explicit)) else unbulleted(first.text)
        parts = [_unquoted(lead, first=True)] + [_unquoted(u.text) for u in self.units[1:]]
        return " ".join(p for p in parts if p).strip()

    def numbers(self) -> list[str]:
        """Its own label's numbers, else those of the heading that opened it."""
        if not self.numbered:
            return []
        for unit in (self.units[0], self.heading):
            label = unit.label if unit is not None else None
            if label and label.numbers and label.numbers != ["*"]:
                return list(label.numbers)
        return []

    def answers_all(self) -> bool:
        label = self.units[0].label
        return bool(label and label.numbers == ["*"])


def _unquoted(text: str, first: bool = False) -> str:
    """A line quoted in an e-mail reply without its ">" marks and, if `first` of its question, its number."""
    if not text.startswith(">"):
        return text
    text = QUOTE_MARKS.sub("", text).strip()
    label = parse_label(text) if first else None
    return label.rest if label and label.numbers and label.rest else text


def _heading(unit: Unit) -> bool:
    """A unit of no role that heads the item after it and lends it its number. A table's section row ("Part 2 -
    Staff", units.section_row) does not: the rows under it carry their own numbers, or none, so its number
    names no question."""
    if unit.cell == "section":
        return False
    return bool(unit.label) or bool(_HEADING.match(unit.text) and len(unit.text.split()) <= 8)


_LINK_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def _turns_to_another(answer: Item, unit: Unit) -> bool:
    """A paragraph of an answer opening on another question than the one the answer began on ("With regard
    to your second question, ...", after "In response to your first question, ..."): a new answer."""
    if not TURNS_TO.match(unit.text):
        return False
    began = answer.numbers() or (mentioned_questions(answer.units[0].text[:MENTION_WINDOW]) if TURNS_TO.match(answer.units[0].text) else [])
    turned = mentioned_questions(unit.text[:MENTION_WINDOW])
    return bool(began) and bool(turned) and {number_key(n) for n in turned}.isdisjoint(number_key(n) for n in began)


def items_of(units: Sequence[Unit], roles: Sequence[str]) -> list[Item]:
    """Group units with roles into question and answer items (a link alone right after an answer unit
    goes on with it; a paragraph turning to another question than the answer's own starts a new one)."""
    items: list[Item] = []
    heading: Unit | None = None  # the last heading of no role since the last unit with one
    previous = "O"
    for unit, role in zip(units, roles):
        if role == "O" and previous[0] == "A" and _LINK_ONLY.match(unit.text.strip()):
            role = "AI"
        previous = role
        if role == "O":
            numbered = bool(unit.label and unit.label.numbers and not unit.label.letter)
            heading = unit if (items or numbered) and _heading(unit) else heading
            continue
        kind = role[0]
        turns = kind == "A" and role[1] == "I" and items and items[-1].kind == "A" and _turns_to_another(items[-1], unit)
        if role[1] == "B" or not items or items[-1].kind != kind or heading is not None or turns:
            items.append(Item(kind, heading=heading))
        items[-1].units.append(unit)
        heading = None
    return items


class _Pairing:
    """Pairs items in order, handing out question keys (the reply's, the request's, else a count)."""

    def __init__(self, request: Request | None, restated: Collection[str] = ()) -> None:
        self.request = request if request and request.questions else None
        self.restated = restated  # the keys of the numbers the reply's own questions carry
        self.used: set[str] = set()
        self.stem: str | None = None  # the last plain question number: the stem of lettered parts after it
        self.asked: dict[str, str] = {}  # each question's words (`_same_words`) -> the key it was given
        self.segments: list[Segment] = []
        self.given: list[Item] = []  # the answer item of each segment

    def _by_topic(self, text: str) -> str | None:
        free = [q for q in self.request.questions if number_key(q.q) not in self.used] if self.request else []
        best = max(free, key=lambda q: similarity(text, q.text), default=None)
        return best.q if best is not None and similarity(text, best.text) > 0 else None

    def _next_key(self) -> str:
        return str(len(self.used) + 1)

    def question_key(self, item: Item) -> str:
        """The question's key: its number (a lettered one under a numbered question is a part of it: "(b)"
        after "1." is "1(b)"), else the key of the same words asked earlier (the request listed, then asked
        again above each answer), else the request's question it is about, else the next number. A question
        whose number restarts a list (`numbered` False) has none of its own."""
        label = item.units[0].label
        key = (item.numbers() or [None])[0]
        above = item.heading.label if item.heading is not None else None
        if above is not None and above.numbers and above.numbers != ["*"] and not above.letter:
            self.stem = number_key(above.numbers[0])  # "3. About school transport:" over "(a) How many ...?"
        if key and label is not None and label.letter and self.stem:
            key = f"{self.stem}({key})"
        words = _same_words(item.question_text())
        key = key or (self.asked.get(words) if words else None) or self._by_topic(item.question_text()) or self._next_key()
        if words:
            self.asked.setdefault(words, key)
        if key.isdigit():
            self.stem = key
        self.used.add(number_key(key))
        return key

    def _add(self, key: str, question: str, answer: Item) -> None:
        self.segments.append(Segment(key, question, answer.text()))
        self.given.append(answer)

    def flagged(self, odds: Mapping[int, float] | None = None, drop: bool = False) -> list[Segment]:
        """The segments, each copy of an answer given to several questions flagged `answers_several` and each
        answer its words score under CHECK_BELOW flagged `check_answer` (`odds`: each unit's probability of
        being part of an answer, by the unit's id; see `answer_score`); with `drop`, less those whose answer
        is more likely none (under EVEN_ODDS)."""
        copies = Counter(id(item) for item in self.given)
        kept = []
        for segment, item in zip(self.segments, self.given):
            score = answer_score(item, odds) if odds is not None else None
            if drop and score is not None and score < EVEN_ODDS and not _numbered_for(item, segment.q):
                continue
            if copies[id(item)] > 1:
                segment.flags.append(SHARED)
            if score is not None and score < CHECK_BELOW:
                segment.flags.append(CHECK)
            kept.append(segment)
        return kept

    def answers_whole_request(self, answer: Item) -> bool:
        """Give a reply's only answer to each of the request's questions, when the request has several
        and the answer names none of them (numbers, "questions 1 and 2"); False if it does not apply."""
        if not self.request or len(self.request.questions) < 2 or answer.numbers() \
                or mentioned_questions(answer.text()[:MENTION_WINDOW]):
            return False
        for asked in self.request.questions:
            self.used.add(number_key(asked.q))
            self._add(asked.q, asked.text, answer)
        return True

    def answers_alone(self, answers: list[Item]) -> None:
        named: list[list[str]] = []
        for answer in answers:
            if answer.answers_all() and self.request:
                named.append([q.q for q in self.request.questions])
            else:
                named.append(answer.numbers() or mentioned_questions(answer.text()[:MENTION_WINDOW]))
        taken = {number_key(key) for keys in named for key in keys}
        by_topic = self._in_order([answer for answer, keys in zip(answers, named) if not keys], taken)
        before: Item | None = None  # the answer just before, in this run
        for answer, keys in zip(answers, named):
            if not keys:
                key = by_topic.pop(0)
                if key is None and before is not None and self._request_answered():
                    before = self._goes_on(before, answer)
                    continue
                keys = [key or self._next_key()]
            before = answer
            for key in keys:
                self.used.add(number_key(key))
                asked = self.request.get(key) if self.request else None
                self._add(key, asked.text if asked else _heading_question(answer, key), answer)

    def _request_answered(self) -> bool:
        """Every question of the request has an answer already."""
        return bool(self.request) and all(number_key(q.q) in self.used for q in self.request.questions)

    def _goes_on(self, before: Item, answer: Item) -> Item:
        """An answer that no question of the request is left for, and that names none, goes on with the answer
        just before it (a paragraph taken for a new answer), rather than answering a question nobody asked."""
        merged = Item("A", before.units + answer.units, before.heading)
        for k, item in enumerate(self.given):
            if item is before:
                self.given[k] = merged
                self.segments[k].answer = merged.text()
        return merged

    def _in_order(self, answers: list[Item], taken: set[str]) -> list[str | None]:
        """The request's free questions that answers which neither number nor name theirs answer, by
        topic but in the request's order: the alignment of the two sequences with the most topic words
        in common (a reply answers in the order it was asked; two answers on near subjects must not
        swap because one shares a word more with the other's question). None: no question fits.
        `taken`: the questions other answers of the run name."""
        free = [q for q in self.request.questions if number_key(q.q) not in self.used | taken] if self.request else []
        if not answers or not free:
            return [None] * len(answers)
        scores = [[similarity(text, q.text) for q in free] for text in (answer.text()[:400] for answer in answers)]
        best = [[0.0] * (len(free) + 1) for _ in range(len(answers) + 1)]
        for i in range(1, len(answers) + 1):
            for j in range(1, len(free) + 1):
                paired = best[i - 1][j - 1] + scores[i - 1][j - 1] if scores[i - 1][j - 1] > 0 else -1.0
                best[i][j] = max(best[i - 1][j], best[i][j - 1], paired)
        keys: list[str | None] = [None] * len(answers)
        i, j = len(answers), len(free)
        while i and j:
            if scores[i - 1][j - 1] > 0 and best[i][j] == best[i - 1][j - 1] + scores[i - 1][j - 1]:
                keys[i - 1] = free[j - 1].q
                i, j = i - 1, j - 1
            elif best[i][j] == best[i - 1][j]:
                i -= 1
            else:
                j -= 1
        return keys

    def _mentioned_elsewhere(self, answer: Item) -> None:
        """An answer that says which questions it answers ("for questions 1-3, see...", "Q1, Q2 and Q6 are
        exempt") answers those of them the reply has not restated or answered: in the request's wording
        when given (and only the request's questions), else with no question text."""
        if answer.numbers():
            return
        for key in mentioned_questions(answer.text()[:MENTION_WINDOW]):
            asked = self.request.get(key) if self.request else None
            if (asked is not None or not self.request) and number_key(key) not in self.used:
                self.used.add(number_key(key))
                self._add(asked.q if asked else key, asked.text if asked else "", answer)

    def _unrestated(self, text: str, waiting: Sequence[tuple[str, Item]]) -> bool:
        """Whether a paragraph names questions, all of them after those waiting, asked (when the request is
        given), not answered yet and never restated in the reply: their answer, as a reply's last word on
        questions it never restates ("We will answer questions 3 and 4 by the end of the month"), not more
        of the answer above it, nor a pointer to an answer below ("as given in answer to question 3")."""
        last = max((n for n in (_leading_number(key) for key, _ in waiting) if n is not None), default=None)
        keys = mentioned_questions(text[:MENTION_WINDOW])
        return last is not None and bool(keys) and all(
            (_leading_number(k) or 0) > last and (self.request is None or self.request.get(k) is not None)
            and number_key(k) not in self.used and number_key(k) not in self.restated for k in keys)

    def _parted(self, answer: Item, waiting: Sequence[tuple[str, Item]]) -> list[Item]:
        """An unnumbered answer, cut where a paragraph answers later questions the reply never restates (`_unrestated`)."""
        if answer.numbers():
            return [answer]
        for k, unit in enumerate(answer.units[1:], 1):
            if self._unrestated(unit.text, waiting):
                return [Item("A", answer.units[:k], answer.heading, answer.numbered), Item("A", answer.units[k:])]
        return [answer]

    def answers_to(self, waiting: list[tuple[str, Item]], answers: list[Item]) -> None:
        """Pair a run of answers with the questions waiting for them. From the first answer numbered for a
        question that is not waiting on ("3. What did it cost?" read as its heading), the answers are the
        reply's own, numbered answers: they are no surplus of the waiting ones."""
        answers = [part for answer in answers for part in self._parted(answer, waiting)]
        by_key = {number_key(key): (key, question) for key, question in waiting}
        own = next((k for k, answer in enumerate(answers) if k and answer.numbers() and not _qualified(answer.numbers(), by_key)), None)
        if own is not None:
            self.answers_to(waiting, answers[:own])
            self.answers_alone(answers[own:])
            return
        if len(answers) == 1:
            answer = answers[0]
            named = {number_key(n) for n in _qualified(answer.numbers(), by_key)}
            chosen = [w for w in waiting if number_key(w[0]) in named] if named and not answer.answers_all() else []
            for key, question in chosen or waiting:
                self._add(key, question.question_text(), answer)
            self._mentioned_elsewhere(answer)
            return
        done: set[str] = set()
        unnumbered, later = [], []
        for answer in _continued(answers, by_key):
            named = _qualified(answer.numbers(), by_key) or \
                [n for n in mentioned_questions(answer.text()[:MENTION_WINDOW]) if number_key(n) in by_key]
            for n in named:
                key, question = by_key[number_key(n)]
                self._add(key, question.question_text(), answer)
                done.add(number_key(n))
            if named:
                self._mentioned_elsewhere(answer)
            elif answer is not answers[0] and not answer.numbers() and self._unrestated(answer.text(), waiting):
                later.append(answer)
            else:
                unnumbered.append(answer)
        rest = [w for w in waiting if number_key(w[0]) not in done]
        if not rest:
            self.answers_alone(unnumbered)
        else:
            if len(unnumbered) > len(rest):  # surplus answers join the last one
                tail = Item("A", [u for item in unnumbered[len(rest) - 1:] for u in item.units])
                unnumbered = unnumbered[: len(rest) - 1] + [tail]
            for j, answer in enumerate(unnumbered):
                for key, question in (rest[j:j + 1] if j < len(unnumbered) - 1 else rest[j:]):
                    self._add(key, question.question_text(), answer)
        for answer in later:  # after the waiting ones' answers, which come first in the reply
            self._mentioned_elsewhere(answer)


def _leading_number(key: str) -> int | None:
    """A question number's number ("3" of "3(b)"), None for a letter alone."""
    digits = re.match(r"\d+", number_key(key))
    return int(digits.group()) if digits else None


def _numbered_for(answer: Item, key: str) -> bool:
    """Whether an answer carries the number of the question it was given to ("2. ..." for question 2): its own
    number put it there, not a question waiting for an answer."""
    own = answer.numbers()
    return bool(own) and number_key(own[0]) == number_key(key)


def answer_score(answer: Item, odds: Mapping[int, float]) -> float | None:
    """How likely an answer's words are an answer's: its units' scores, on average over its words. None for an
    answer under three words: a figure, "Yes, SharePoint.", a link say too little for their own score to overrule
    their place under the question. A long answer's score is its words', not its lines' (a confident paragraph
    and the three lines a long link breaks into)."""
    sizes = [len(unit.text.split()) for unit in answer.units]
    if sum(sizes) < SHORT_ANSWER:
        return None
    return sum(odds[id(unit)] * size for unit, size in zip(answer.units, sizes)) / sum(sizes)


def _heading_question(answer: Item, key: str) -> str:
    """The question a numbered heading over an answer asks ("3. What did it cost?"), when it is that
    answer's question; else nothing."""
    label = answer.heading.label if answer.heading is not None else None
    if label and label.numbers and number_key(label.numbers[0]) == number_key(key) and label.rest:
        return Item("Q", [answer.heading]).question_text()
    return ""


def _qualified(numbers: list[str], by_key: dict[str, tuple[str, Item]]) -> list[str]:
    """The numbers that name a question waiting: as written, or a letter ("(b)") naming the one part of a
    numbered question with it ("1(b)")."""
    found = []
    for n in numbers:
        key = number_key(n)
        if key not in by_key and key.isalpha():
            parts = [k for k in by_key if k[-len(key):] == key and k[:-len(key)].isdigit()]
            key = parts[0] if len(parts) == 1 else key
        if key in by_key:
            found.append(by_key[key][0])
    return found


def _named(answer: Item, by_key: dict[str, tuple[str, Item]]) -> bool:
    return bool(_qualified(answer.numbers(), by_key))


def _continued(answers: list[Item], by_key: dict[str, tuple[str, Item]]) -> list[Item]:
    """In a reply that numbers its answers, an unnumbered answer after a numbered one goes on with it
    (a list or a second paragraph), rather than answering the questions no number reached."""
    merged: list[Item] = []
    for answer in answers:
        if merged and _named(merged[-1], by_key) and not answer.numbers():
            merged[-1] = Item("A", merged[-1].units + answer.units, merged[-1].heading)
        else:
            merged.append(answer)
    return merged


def _quotes_the_act(unit: Unit) -> bool:
    """A subsection of an Act quoted after an answer ("(2) For the purposes of subsection (1)— ..."): the law, not
    the answer. An answer ends where it starts; an answer that starts with one is no answer."""
    return bool(re.match(r"\(\d{1,2}\)\s", unit.text)) and bool(STATUTE.search(unit.text))


_CLOSED = re.compile(r"[.!?][\"')\]]*$")  # a sentence's end
_OPEN_END = re.compile(r"[.!?:;][\"')\]]*$")  # a line that ends a sentence or leads into what follows
# A sentence that announces lines under it ("are listed below.", "as follows."): they are what it gives.
_POINTS_ON = re.compile(r"\b(?:below|following|as\s+follows|listed|these\s+(?:are|were))\b", re.I)
TAIL_WORDS = 12  # the most words a line of a page's furniture tail has ("Company, registered office: Civic Centre")


def _furniture_tail(units: Sequence[Unit]) -> int:
    """Where an answer's tail of page furniture starts (len(units) if it has none): a heading after the answer's
    last full sentence, with nothing but short lines that close no sentence under it ("Related documents", then
    its links; "Downloads"; "Attachments", a file's name, a link bar; the next record's title on a log page of
    several). A heading with no sentence under it heads nothing of the answer. A labelled line ("Attachment: the
    policy (PDF)") is no heading: it says what the answer gives. The answer's list or table is none of it: a bullet,
    a numbered line, a value or a row of figures, or lines a sentence announces ("as follows.")."""
    k = len(units)  # the start of the answer's last run of furniture lines: the heading can only stand there, as
    while k > 1 and _furniture_line(units[k - 1]):  # the line above it closes a sentence, which no such line does
        k -= 1
    if k < len(units) and heading_like(units[k].text) and ":" not in units[k].text and _CLOSED.search(units[k - 1].text) \
            and not _POINTS_ON.search(units[k - 1].text):
        return k
    return len(units)


def _furniture_line(unit: Unit) -> bool:
    """A short line that closes no sentence and is no item of a list or a table's figures (`_furniture_tail`)."""
    text = unit.text
    return (len(text.split()) <= TAIL_WORDS and not _OPEN_END.search(text) and unit.label is None and not unit.cell
            and not BULLET.match(text) and not ("|" in text and re.search(r"\d", text)))


def _trimmed(item: Item) -> Item:
    """A question or an answer ends where boilerplate starts (an appeal, a closing courtesy, a re-use notice,
    a sign-off: "Yours faithfully" under a request quoted in a thread is no part of its last question), and
    before a stray mark alone on its line (`Unit.wordless`); an answer also before a tail of page furniture
    under a heading (`_furniture_tail`)."""
    end = 1 + len(trim_tail([unit.text for unit in item.units[1:]]))
    end = next((k for k in range(1, end) if _quotes_the_act(item.units[k])), end)
    if item.kind == "A":
        end = _furniture_tail(item.units[:end])
    while end > 1 and item.units[end - 1].wordless:
        end -= 1
    return Item(item.kind, item.units[:end], item.heading) if end < len(item.units) else item


def _same_words(text: str) -> str:
    """A question's words for telling it asked again: the words anchors are compared by (punctuation ignored)."""
    return " ".join(words(text))


def _restated(waiting: list[tuple[str, Item]], question: Item) -> list[tuple[str, Item]]:
    """The questions still waiting once `question` arrives. One that repeats the number (or, unnumbered, the
    words) of a question waiting (the request listed, then restated question by question) replaces the list; one
    whose number an unnumbered question took by topic (a detail line read as a question of its own, after
    a page break) takes its number back: the line goes on with the question before it, and the questions
    before it wait on."""
    numbers = question.numbers()
    if not numbers:
        words = _same_words(question.question_text())
        again = bool(words) and any(_same_words(asked.question_text()) == words for _, asked in waiting)
        return [] if again else waiting  # the listing's questions, asked again one by one
    same = next((k for k, (key, _) in enumerate(waiting) if number_key(key) == number_key(numbers[0])), None)
    if same is None:
        return waiting
    detail = waiting[same][1]
    if detail.numbers():
        return []
    kept = waiting[:same] + waiting[same + 1:]
    if same:
        key, before = kept[same - 1]
        kept[same - 1] = (key, Item("Q", before.units + detail.units, before.heading))
    return kept


RESTATES = 0.5  # a question numbered as the one just before it says it again when their topic words agree this much


def _unnumbered(item: Item) -> Item:
    """The item read without its number (`Item.numbered`)."""
    return Item(item.kind, item.units, item.heading, numbered=False)


def _restarts(before: Item, question: Item) -> bool:
    """Whether a question carries the number of the question just before it, in other words."""
    number = (before.numbers() or [None])[0]
    return bool(number and number.isdigit() and question.numbers()[:1] == [number]
                and similarity(before.question_text(), question.question_text()) < RESTATES)


def _letter(unit: Unit) -> str | None:
    label = unit.label
    return label.numbers[0] if label is not None and label.letter and label.numbers else None


def _answered_letters(items: Sequence[Item]) -> set[str]:
    """The letters answers are labelled with ("a) 96 inspections ...": a)."""
    return {letter for item in items if item.kind == "A" and (letter := _letter(item.units[0]))}


def _lettered_parts(items: list[Item]) -> list[Item]:
    """A question whose lettered parts ("a) the number of inspections; b) the number of notices ...") are each
    answered under their own letter ("a) 96 ...", "b) 14 ...") is that many questions: split at its parts. Parts
    answered together (one answer under them all) stay one question."""
    answered = _answered_letters(items)
    out: list[Item] = []
    for item in items:
        cuts = [k for k, unit in enumerate(item.units) if k and _letter(unit) in answered]
        if item.kind != "Q" or len(answered) < 2 or not cuts:
            out.append(item)
            continue
        for start, end in zip([0, *cuts], [*cuts, len(item.units)]):
            out.append(Item("Q", item.units[start:end], item.heading if start == 0 else None))
    return out


def _restarted_questions(items: list[Item]) -> list[Item]:
    """Questions in a row where one carries the number of the question just before it in other words ("1. How
    many ...", then "1. Please detail ..."): lists of their own, numbered from 1 again, so no number in the row
    names a question and the row is read unnumbered, in order; an unnumbered line after a numbered question is
    that question's detail (as `_restated` reads one). A listing then restated question by question says the
    first number again, not the last; a question said again in its own words is no restart."""
    items = list(items)
    start = 0
    while start < len(items):
        end = start
        while end < len(items) and items[end].kind == "Q":
            end += 1
        if any(_restarts(before, question) for before, question in zip(items[start:end], items[start + 1:end])):
            read: list[Item] = []
            for item in items[start:end]:
                if not item.numbers() and read and not read[-1].numbered:  # a detail line: it goes on with its question
                    read[-1] = Item("Q", read[-1].units + item.units, read[-1].heading, numbered=False)
                else:
                    read.append(_unnumbered(item) if item.numbers() else item)
            items[start:end] = read
            end = start + len(read)
        start = end + 1
    return items


def _starts_again(question: Item, asked: Mapping[str, Item]) -> bool:
    """Whether a question after answers starts a list of its own: numbered ("1.", not "Question 1", which names its
    question) as an earlier question in other words was (`asked`: the first question to carry each number), as a
    page's request blocks each number their questions from 1."""
    label = question.units[0].label
    number = (question.numbers() or [None])[0]
    return label is not None and not label.explicit and number in asked and _restarts(asked[number], question)


def _restarted(answers: list[Item], waiting: int) -> list[Item]:
    """Answers in a row that all carry one and the same number ("1.", "1.", "1."): lists of one item each, whose
    numbers name no question. They are read unnumbered, in order, when there are no more of them than questions
    `waiting` (or none waits): more would run together as the last question's answer."""
    numbers = {tuple(answer.numbers()) for answer in answers}
    one_number = len(numbers) == 1 and all(len(n) == 1 and n[0].isdigit() for n in numbers)
    if len(answers) < 2 or not one_number or (waiting and len(answers) > waiting):
        return answers
    return [_unnumbered(answer) for answer in answers]


def pair(units: Sequence[Unit], roles: Sequence[str], request: Request | None = None,
         answer_odds: Sequence[float] | None = None) -> list[Segment]:
    """Question/answer segments from units and their roles, in document order (with `answer_odds`, each
    unit's probability of being part of an answer: the answers it scores under CHECK_BELOW flagged, and
    less those under even odds given to a question the reply restates)."""
    items = _restarted_questions(_lettered_parts([_trimmed(item) for item in items_of(units, roles)
                                                  if not (item.kind == "A" and _quotes_the_act(item.units[0]))]))
    pairing = _Pairing(request, {number_key(n) for item in items if item.kind == "Q" for n in item.numbers()})
    waiting: list[tuple[str, Item]] = []
    asked: dict[str, Item] = {}  # each number a question carried -> the first question that carried it
    i = 0
    while i < len(items):
        item = items[i]
        if item.kind == "Q":
            if not waiting and _starts_again(item, asked):
                item = _unnumbered(item)
            for number in item.numbers()[:1]:
                asked.setdefault(number, item)
            waiting = _restated(waiting, item)
            if waiting and _letter(item.units[0]) and waiting[-1][1].question_text().endswith(":"):
                waiting.pop()  # "1. In relation to vacancies:" leads into its lettered parts, which are what is asked
            waiting.append((pairing.question_key(item), item))
            i += 1
            continue
        answers = []
        while i < len(items) and items[i].kind == "A":
            answers.append(items[i])
            i += 1
        answers = _restarted(answers, len(waiting))
        if waiting:
            pairing.answers_to(waiting, answers)
        elif not (len(items) == 1 and pairing.answers_whole_request(answers[0])):
            pairing.answers_alone(answers)
        waiting = []
    waited_for = any(item.kind == "Q" for item in items)  # no question restated: no answer was put in for one
    return pairing.flagged({id(u): p for u, p in zip(units, answer_odds)} if answer_odds is not None else None, drop=waited_for)
