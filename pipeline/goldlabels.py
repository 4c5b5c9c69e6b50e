"""Labels files (corpus/GUIDE.md format): loading them and finding their answers in text.

A label names an answer by four anchors (first and last words of its question and
answer). Training needs the answer's text and evaluation needs the matching rule
of the foundation issue, so both live here, beside the loader.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .labels import OUTCOME_NAMES

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-case word sequence with punctuation ignored: how anchors are compared."""
    return _WORD.findall(text.lower())


def contains_words(haystack: list[str], needle: list[str]) -> bool:
    """True when `needle` occurs as a contiguous run inside `haystack`."""
    if not needle:
        return True
    n = len(needle)
    first = needle[0]
    for i in range(len(haystack) - n + 1):
        if haystack[i] == first and haystack[i : i + n] == needle:
            return True
    return False


@dataclass
class GoldAnswer:
    """One labelled answer: its anchors, labels and (once located) its text."""

    q: str
    question_start: str | None
    question_end: str | None
    answer_start: str
    answer_end: str
    outcome: str
    findings: list[str] = field(default_factory=list)
    exemptions: list[str] = field(default_factory=list)
    value_kind: str | None = None    # the answer's labelled value (GUIDE.md "Values"), when labelled
    value: Any = None
    text: str | None = None          # the answer's text, when found in the document
    question: str | None = None      # the question's text, when restated and found
    span: tuple[int, int] | None = None  # where `text` was found: answers at one span answer together

    def matched_by(self, extracted_answer: str) -> bool:
        """The foundation issue's rule: both answer anchors inside, and not too long."""
        got = words(extracted_answer)
        if not (contains_words(got, words(self.answer_start)) and contains_words(got, words(self.answer_end))):
            return False
        gold_len = len(words(self.text)) if self.text else len(words(self.answer_start)) + len(words(self.answer_end))
        return len(got) <= 1.5 * gold_len + 20


@dataclass
class GoldDocument:
    """One labelled response: where it is and what its answers are."""

    doc: str
    path: Path
    responder: str | None
    reference: str | None
    date: str | None
    answers: list[GoldAnswer]
    encoding: str | None = None
    attachments: list[str] = field(default_factory=list)
    labels_file: Path | None = None
    fictional: bool = False  # written for the project, as the hand rules were written on it (GUIDE.md)
    line: int = 0  # its line in labels_file, to say where a label stands

    @property
    def body(self) -> str:
        """Who answered, to hold a body's replies out together: the folder of a folder-per-body
        round, else the responder's name (case and punctuation aside), else the file."""
        if "/" in self.doc:
            return self.doc.split("/")[0].casefold()
        return " ".join(words(self.responder)) if self.responder and words(self.responder) else self.doc


class LabelsError(ValueError):
    """A labels file is unreadable or a line is malformed."""


def _names(raw: dict[str, Any], key: str) -> list[str]:
    """A list of names: "findings": "statistics_provided" would otherwise be read letter by letter."""
    value = raw.get(key) or []
    if not isinstance(value, list):
        raise TypeError(f"{key!r} is not a list: {value!r}")
    return [str(name) for name in value]


def _answer(raw: dict[str, Any]) -> GoldAnswer:
    if not isinstance(raw, dict):
        raise TypeError(f"an answer is not a JSON object: {raw!r}")
    return GoldAnswer(
        q=str(raw.get("q", "")),
        question_start=raw.get("question_start"),
        question_end=raw.get("question_end"),
        answer_start=raw["answer_start"],
        answer_end=raw["answer_end"],
        outcome=raw["outcome"],
        findings=_names(raw, "findings"),
        exemptions=_names(raw, "exemptions"),
        value_kind=raw.get("value_kind"),
        value=raw.get("value"),
    )


def load_labels(labels_path: str | Path, docs_dir: str | Path | None = None) -> list[GoldDocument]:
    """Read a labels file; `doc` paths resolve against `docs_dir` (default: the file's folder)."""
    labels_path = Path(labels_path)
    base = Path(docs_dir) if docs_dir is not None else labels_path.parent
    documents = []
    try:
        lines = labels_path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise LabelsError(f"{labels_path}: cannot read ({exc.strerror})") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            if not isinstance(raw, dict):
                raise TypeError("not a JSON object")
            documents.append(
                GoldDocument(
                    doc=raw["doc"],
                    path=base / raw["doc"],
                    responder=raw.get("responder"),
                    reference=raw.get("reference"),
                    date=raw.get("date"),
                    answers=[_answer(a) for a in raw.get("answers", [])],
                    encoding=raw.get("encoding"),
                    attachments=list(raw.get("attachments") or []),
                    labels_file=labels_path,
                    line=number,
                    fictional=raw.get("fictional") is True,
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            reason = f"no {exc.args[0]!r}" if isinstance(exc, KeyError) else str(exc)
            raise LabelsError(f"{labels_path}:{number}: malformed label line ({reason})") from exc
        for answer in documents[-1].answers:
            if answer.outcome not in OUTCOME_NAMES:
                # Checked here, where the line is known: training and evaluation would only name the label.
                raise LabelsError(f"{labels_path}:{number}: {documents[-1].doc} q{answer.q}: unknown outcome "
                                  f"{answer.outcome!r} (one of {', '.join(OUTCOME_NAMES)})")
    return documents


@lru_cache(maxsize=4096)
def anchor_pattern(anchor: str) -> re.Pattern[str]:
    """A regex finding `anchor`'s words in text whatever the punctuation and spacing between them
    (memoised: a labels file's anchors are looked up in more texts than `re`'s own cache holds)."""
    parts = [re.escape(w) for w in words(anchor)]
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(parts) + r"(?![^\W_])", re.IGNORECASE)


class WordIndex:
    """A text's words and where each stands: finds a run of words where `anchor_pattern` would find
    it (the run's first word at or after a position, whole words, any punctuation between), by
    lookups instead of a regex compiled for every anchor (rules.py places each of a reply's segments).

    Built without a Python loop over the words (a reply has thousands, a search reads a few): the
    matches kept for their places, the words lower-cased in one string. That is each word lower-cased
    alone: str.lower maps character by character but for the final sigma, whose context ends at the
    space between two words (neither cased nor case-ignorable) as it does at a string's end; no word
    holds whitespace, nor does a lower-case mapping make any, so split() gives the words back."""

    def __init__(self, text: str) -> None:
        self._matches = list(_WORD.finditer(text))
        self.words: list[str] = " ".join(map(re.Match.group, self._matches)).lower().split()

    def search(self, run: list[str], start: int = 0) -> tuple[int, int] | None:
        """The character span of the first occurrence of `run` (lower-case words) starting at or after `start`."""
        if not run:
            return None
        n = len(run)
        k = bisect.bisect_left(self._matches, start, key=re.Match.start) - 1  # the words start in order
        while True:
            try:
                k = self.words.index(run[0], k + 1)
            except ValueError:
                return None
            if self.words[k : k + n] == run:
                return self._matches[k].start(), self._matches[k + n - 1].end()


def find_span(text: str, start_anchor: str, end_anchor: str, from_pos: int = 0) -> tuple[int, int] | None:
    """Character span from the start anchor to the end of the end anchor, or None.

    Where the start anchor's words stand more than once before the end anchor, the span starts at the
    last of them: the words also stand earlier in a page's title above the question, in a question said
    again above its answer, or in the question before when two open alike ("Total budget for 2018/19",
    "Total budget for 2019/20"), and an item never runs into another (GUIDE.md)."""
    starts = anchor_pattern(start_anchor)
    start = starts.search(text, from_pos)
    if not start:
        return None
    end = anchor_pattern(end_anchor).search(text, start.start())
    if not end:
        return None
    first = start.start()
    while (later := starts.search(text, first + 1)) and later.start() <= end.start():
        first = later.start()
    return first, end.end()


def locate(document: GoldDocument, text: str) -> int:
    """Fill each answer's `text` and `question` from the document's text; returns how many were found."""
    found = 0
    pos = 0
    for answer in document.answers:
        if answer.question_start and answer.question_end:
            span = find_span(text, answer.question_start, answer.question_end, pos)
            if span:
                answer.question = " ".join(text[span[0] : span[1]].split())
                pos = span[0]
        span = find_span(text, answer.answer_start, answer.answer_end, pos) or find_span(
            text, answer.answer_start, answer.answer_end
        )
        if span:
            answer.text = " ".join(text[span[0] : span[1]].split())
            answer.span = span
            found += 1
    return found


def to_label_line(document: dict[str, Any]) -> str:
    """Serialise one labels record (GUIDE.md format) as a line of JSON."""
    return json.dumps(document, ensure_ascii=False) + "\n"
