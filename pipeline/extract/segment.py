"""Split a cleaned reply into question/answer pairs: the trained segmenter, or the hand rules.

The trained segmenter reads the reply as units (units.py), describes each one
(layout.py, with the hand rules' own reading as evidence: rules.py), labels each
unit's role (roles.py: question, answer, neither) and pairs questions with answers
(pairing.py), leaving out an answer its units' own scores make more likely none and
flagging `check_answer` one they score low (pairing.CHECK_BELOW). It is
learnt from labelled replies (pipeline/train/segmenter.py) and ships beside the
classifier in a model folder as `segmenter.json`: plain numbers, guarded by the
folder's manifest, so loading it runs no code.

An e-mail answered above the message it quotes is read without the quote, whose
questions are its request when none was given (`reply_above_quote`). A text that stops
mid-sentence (a page cut short, a file copied in part) flags the answer it stops in
`cut_off`: its words are all there are, not all the body said.

Without a segmenter (a model folder that has none), the hand rules segment alone, as
they do when the segmenter finds no answer at all in a reply (a request thread from the
body's last letter: `_by_rules`).

In a request thread the body's letters that answer nothing (an acknowledgement, a delay
notice, a question back, a review upholding the first answer: rules.letter_kind) give no
answer whatever their words score; a thread whose body has written nothing else since the
request (or since it was narrowed or a review asked for) still waits: each question gets
the body's last holding word, flagged `awaiting_answer`, and classify makes it `other`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..documents import AWAITING, CUT_OFF, NO_QUESTIONS, SHARED, Segment
from ..goldlabels import words
from ..modelfiles import ModelError, verify_manifest
from .boilerplate import quoted_tail_start
from .layout import unit_features
from .pairing import pair
from .request import Request, parse_request
from .roles import RoleTagger
from .rules import Thread, is_statement, rule_view, segment_by_rules, thread_of
from .numbering import parse_label
from .units import QUOTE_MARKS, Unit, units_of
from .wordsplit import Vocabulary

SEGMENTER_FILE = "segmenter.json"
FORMAT = 1
_SENTENCE_TAIL = re.compile(r"(?:\S+\s+){7,}([A-Za-z]+)$")  # eight words or more, the last all letters (no stop, no address)
_NO_LAST_WORD = frozenset("a an the and or of to per via".split())  # words no sentence ends on


@dataclass
class Segmenter:
    """A fitted role tagger and what it was trained on (its card)."""

    tagger: RoleTagger
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "meta": self.meta, "tagger": self.tagger.to_dict()}, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Segmenter:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"segmenter format {data.get('format')!r}, this version reads {FORMAT}")
        return cls(RoleTagger.from_dict(data["tagger"]), data.get("meta") or {})


def load_segmenter(folder: str | Path) -> Segmenter | None:
    """The segmenter of a model folder (checked against its manifest), or None if it has none."""
    folder = Path(folder)
    path = folder / SEGMENTER_FILE
    if not path.is_file():
        return None
    verify_manifest(folder, required=(SEGMENTER_FILE,))
    try:
        return Segmenter.from_json(path.read_text("utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{path}: unreadable segmenter ({type(exc).__name__}: {exc})") from exc


def reply_above_quote(text: str, request: Request | None = None) -> tuple[str, Request | None]:
    """An e-mail answered above the message it quotes ("-----Original Message-----", "On ... wrote:", a
    "From: ... Sent:" block): the reply above the quote, and the quote's questions as the request when none
    was given. A quote whose numbered items mostly tell rather than ask ("1. We hold 31 grit bins.") is no
    request: a thread whose request comes first and whose reply follows a "From:" block is left whole. So is a
    message forwarded (what is passed on is the reply, not a quote of the request), and one the body answered
    within the quote: answers labelled under its questions ("Response: ..."), or a note above saying so ("our
    answers are in red below each question")."""
    lines = text.split("\n")
    cut = quoted_tail_start(lines)
    if cut == len(lines) or _forwarded(lines, cut) or _answered_within(lines[:cut], lines[cut:]):
        return text, request
    quoted = parse_request("\n".join(lines[cut:]))
    if not quoted.questions or sum(is_statement(q.text, None) for q in quoted.questions) * 2 > len(quoted.questions):
        return text, request
    return "\n".join(lines[:cut]), request or quoted


def segment_features(text: str, request: Request | None = None) -> tuple[list, list[dict[str, float]]]:
    """A cleaned reply's units and each unit's features: what the segmenter is trained and run on."""
    units = units_of(text)
    return units, unit_features(units, request, rule_view(text, units, request))


_FORWARDED = re.compile(r"^(?:-{2,}\s*)?(?:begin\s+)?forwarded\s+message\b", re.I)
# A note saying the answers stand within the quoted request: "our answers are in red below", "responses under each question".
_ANSWERS_WITHIN = re.compile(r"\b(?:answers?|responses?|replies|comments)\b[^.]{0,80}?\b(?:(?:below|under|beneath|after|against)\s+"
                             r"each\s+(?:of\s+your\s+)?(?:question|request|point|item)|in\s+(?:red|blue|green)\b|inline\b)", re.I)


def _forwarded(lines: Sequence[str], cut: int) -> bool:
    """Whether the quote starting at `cut` is a message forwarded: its first line or the one above it says so."""
    above = next((line for line in reversed(lines[:cut]) if line.strip()), "")
    return any(_FORWARDED.match(line.strip()) for line in (lines[cut], above))


def _answered_within(above: Sequence[str], quoted: Sequence[str]) -> bool:
    """Whether a reply answered within the message it quotes: a line of the quote labelled as an answer
    ("Response: ...", "A2. ...") after a numbered question, or a note above saying the answers stand there."""
    if any(_ANSWERS_WITHIN.search(line) for line in above):
        return True
    asked = False
    for line in quoted:
        label = parse_label(QUOTE_MARKS.sub("", line).strip())
        if label is None:
            continue
        if label.kind == "answer" and label.explicit and label.rest.strip() and asked:
            return True
        asked = asked or (label.kind == "question" and bool(label.numbers))
    return False


def split_reply(text: str, request: Request | None = None, segmenter: Segmenter | None = None) -> list[Segment]:
    """Question/answer pairs of a cleaned reply, in document order.

    With `request`, answers line up with its questions (by the reply's numbering, the
    numbers an answer mentions, else by topic and order) and unrestated questions take
    the request's wording.
    """
    if segmenter is None:
        lines = text.split("\n")
        thread = thread_of(lines)
        return _flag_cut_off(text, _awaiting(lines, request, thread) or _by_rules(text, request, thread))
    text, request = reply_above_quote(text, request)
    lines = text.split("\n")
    thread = thread_of(lines)
    waiting = _awaiting(lines, request, thread)
    if waiting:
        return _flag_cut_off(text, waiting)
    units, features = segment_features(text, request)
    roles, answer_odds = segmenter.tagger.predict_with_odds(features)
    if thread:
        roles = _standing(roles, units, lines, thread)
    segments = pair(units, roles, request, answer_odds)
    return _flag_cut_off(text, segments or _by_rules(text, request, thread))


def _standing(roles: list[str], units: Sequence[Unit], lines: Sequence[str], thread: Thread) -> list[str]:
    """The roles with no answer above where a thread's standing answers begin (`Thread.answered_from`) nor in a
    letter of the body's that answers nothing itself (`Thread.said_nothing`): the body's answers to a request the
    requester has since narrowed or challenged stand no more, and an acknowledgement, a delay notice or a review
    upholding the answer is no answer (its words may score as one's: "We will respond within 20 working days")."""
    def offset(line: int) -> int:
        return len("\n".join(lines[:line]))
    start = offset(thread.answered_from(lines))
    silent = [(offset(first), offset(end)) for first, end in thread.said_nothing()]
    return ["O" if role[0] == "A" and (unit.start < start or any(a <= unit.start < b for a, b in silent)) else role
            for role, unit in zip(roles, units)]


def _awaiting(lines: Sequence[str], request: Request | None, thread: Thread | None) -> list[Segment]:
    """A thread (of `lines`) whose request still waits for its answer (`Thread.waiting`): each question asked,
    answered by the body's last holding word and flagged AWAITING, so its outcome is `other` (classify), whatever the
    words score."""
    if thread is None or not thread.waiting(lines):
        return []
    asked = request or parse_request("\n".join(thread.request(lines)))
    said = thread.holding_words(lines)
    shared = [SHARED] if len(asked.questions) > 1 else []
    return [Segment(q.q, q.text, said, [AWAITING, *shared]) for q in asked.questions]


def _by_rules(text: str, request: Request | None, thread: Thread | None) -> list[Segment]:
    """The hand rules' pairs, for a reply the segmenter finds no answer in. A request thread (`thread`, of the text's
    lines) is read from the body's last letter, against the request: the request is no answer, and the body's last
    word on it is (its letters may score as a question's: the body asking what was meant, the requester's word); a
    last letter answering the request as a whole answers each of its questions."""
    if thread is None:
        return segment_by_rules(text, request)[0]
    lines = text.split("\n")
    asked = request or parse_request("\n".join(thread.request(lines)))
    segments = segment_by_rules("\n".join(thread.reply(lines)), asked)[0]
    if len(segments) == 1 and NO_QUESTIONS in segments[0].flags and asked.questions:
        shared = [SHARED] if len(asked.questions) > 1 else []
        return [Segment(q.q, q.text, segments[0].answer, list(shared)) for q in asked.questions]
    return segments or segment_by_rules(text, request)[0]


def _flag_cut_off(text: str, segments: list[Segment]) -> list[Segment]:
    """Flag `cut_off` the answers that run to the end of a text stopping mid-sentence: its last line a sentence
    of eight words or more (no table row) that ends with no stop, on a piece of a word ("... of the Freedom of
    Informa": no word of the lexicon or the text, wordsplit.py) or on a word no sentence ends on ("... and the").
    A last sentence that only lacks its full stop ("The Council does not publish a disclosure log") is whole."""
    last = text.rstrip().rsplit("\n", 1)[-1].strip()
    tail = _SENTENCE_TAIL.match(last) if "|" not in last else None
    if tail is None or not (tail.group(1).lower() in _NO_LAST_WORD or not Vocabulary.of([text]).is_word(tail.group(1))):
        return segments
    tail = words(last)[-6:]
    for segment in segments:
        if words(segment.answer)[-len(tail):] == tail:
            segment.flags.append(CUT_OFF)
    return segments
