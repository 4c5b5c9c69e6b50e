"""The values that flow between stages: what a reader returns and what extract emits.

Keeping them in one small module lets every stage (and outside code) agree on the
shape of a response without importing the stage that made it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ReadError(Exception):
    """A document could not be turned into text; the message is the one-line reason."""


class OwnOutput(ReadError):
    """The file is one foi-nlp wrote (a report, a predictions table), not a reply: a folder walk skips
    it quietly, a file given by name gets this as its error."""


@dataclass
class Sheet:
    """One table of a data attachment (an xlsx sheet or a whole csv)."""

    name: str
    rows: int
    columns: int
    header: list[str] = field(default_factory=list)


@dataclass
class Attachment:
    """A file that came with a response: a letter part, a policy PDF, a spreadsheet."""

    name: str
    text: str | None = None          # readable text, when it holds any
    sheets: list[Sheet] = field(default_factory=list)  # data files only
    error: str | None = None         # why it could not be read, if it could not

    @property
    def is_data(self) -> bool:
        return bool(self.sheets)


@dataclass
class Document:
    """One response as read from disk: its text plus what came with it.

    `doc` is the identifier used in every output record (the path relative to the
    folder the user gave). `headers` keeps e-mail headers (From, Date, Subject) that
    the metadata stage reads; `fmt` is the reader that produced the text.
    """

    doc: str
    text: str
    fmt: str
    attachments: list[Attachment] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None          # the body's folder name, for folder-per-body rounds


# What a segment's flags say (each record's `flags`, README "Records"): named here, beside the segment, for the
# extract stage that sets them and the stages that read them.
NO_QUESTIONS = "no_questions_found"  # the hand rules found no question: the whole text became one answer
SHARED = "answers_several"  # one passage answers this question and others together: each copy has it
CUT_OFF = "cut_off"  # the text stops in the middle of this answer
AWAITING = "awaiting_answer"  # a request thread the body has only acknowledged, delayed or asked back on: no answer yet
CHECK = "check_answer"  # the segmenter scores the answer's words low as an answer's (extract/pairing.py, CHECK_BELOW)


@dataclass
class Segment:
    """A question and the answer given to it, as found in a response's text."""

    q: str
    question: str
    answer: str
    flags: list[str] = field(default_factory=list)


def error_record(doc: str, reason: str) -> dict[str, Any]:
    """The record a document that could not be processed contributes to any output."""
    return {"doc": doc, "error": reason}
