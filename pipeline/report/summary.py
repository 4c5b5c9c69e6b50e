"""The comparative table, computed once: one row per body, one cell per canonical question.

Every output (HTML, Markdown, CSV, the terminal headlines) reads this value, so
they cannot disagree about who said what.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..labels import OUTCOME_NAMES, Label, Scheme, reply_status
from .align import Alignment, CanonicalQuestion
from .records import Answer, Predictions


@dataclass
class Cell:
    """What one body said to one canonical question: usually one answer, several when it split the question.

    A split question's parts are combined: the outcome most parts had (ties go to the
    earlier label in GUIDE.md's rule order), findings and exemptions pooled, the lowest
    confidence, and marked for review if any part is.
    """

    answers: list[Answer]

    @property
    def outcome(self) -> str:
        counts = Counter(a.outcome for a in self.answers)
        rank = {name: i for i, name in enumerate(OUTCOME_NAMES)}
        return min(counts, key=lambda o: (-counts[o], rank.get(o, len(rank)), o))

    @property
    def findings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for a in self.answers for f in a.findings))

    @property
    def exemptions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e for a in self.answers for e in a.exemptions))

    @property
    def confidence(self) -> float | None:
        values = [a.confidence for a in self.answers if a.confidence is not None]
        return min(values) if values else None

    @property
    def needs_review(self) -> bool:
        """Whether to check the cell: an answer marked by classify, or one extraction doubts."""
        return any(a.needs_review or a.check_answer for a in self.answers)

    @property
    def check_answer(self) -> bool:
        """Whether extraction doubts an answer of the cell itself, not only its labels."""
        return any(a.check_answer for a in self.answers)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.doc for a in self.answers))

    def evidence(self, label: str) -> str:
        """The sentence behind `label` (the first part that gives one)."""
        return next((a.evidence[label] for a in self.answers if a.evidence.get(label)), "")

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.outcome, *self.findings)


@dataclass
class BodyRow:
    """One body and its cells by canonical question key; `asked`: the keys of the questions put to it (the
    request's, when known), an answer to each of which its reply needs to be successful."""

    name: str
    key: str
    cells: dict[str, Cell] = field(default_factory=dict)
    asked: tuple[str, ...] = ()

    @property
    def status(self) -> str | None:
        """How its reply went as a whole, rolled up from every answer's outcome, each part of a split question's
        too, and from the questions asked that it left unanswered (labels.reply_status; an outcome no label of
        this version names, from a hand-edited record, is left out)."""
        outcomes = [a.outcome for cell in self.cells.values() for a in cell.answers if a.outcome in OUTCOME_NAMES]
        return reply_status(outcomes, unanswered=any(key not in self.cells for key in self.asked))


# The exemptions table's header in every format: bodies first, as a reader counts refusals, then answers.
EXEMPTION_COLUMNS = ("Section", "Bodies citing it", "Answers citing it", "Bodies (questions)")


@dataclass(frozen=True)
class Citation:
    """One exemption section and the answers citing it. A reader asks how many bodies cited it: a council that
    refuses a whole request on cost cites section 12 on each question's answer, which is one decision, not four."""

    section: str
    answers: tuple[tuple[str, str, str], ...]   # (body, question key, outcome) of each citing answer

    @property
    def bodies(self) -> dict[str, list[str]]:
        """The bodies citing the section, each with the keys of the questions it cited it on, in table order."""
        by: dict[str, list[str]] = {}
        for body, key, _ in self.answers:
            by.setdefault(body, []).append(key)
        return by

    def who(self) -> str:
        """The citing bodies in words, each with its questions: 'Hollinbrook Council (Q1, Q2); Corrow Council (Q3)'."""
        return "; ".join(f"{body} ({', '.join('Q' + key for key in keys)})" for body, keys in self.bodies.items())


@dataclass
class Summary:
    """The comparison of one round: questions, bodies, and what fits neither."""

    title: str
    scheme: Scheme
    questions: list[CanonicalQuestion]
    bodies: list[BodyRow]
    unmatched: list[Answer]
    errors: list[dict[str, str]]
    note: str = ""
    files: dict[str, Path] = field(default_factory=dict)  # the documents' files on disk, where known (records.source_files)

    def links(self, folder: Path) -> dict[str, str]:
        """Each known source file's link from a report written in `folder` (`source_href`), by its doc."""
        hrefs = {doc: source_href(path, folder) for doc, path in self.files.items()}
        return {doc: href for doc, href in hrefs.items() if href}

    @property
    def findings(self) -> tuple[Label, ...]:
        """The scheme's findings the report shows: all of them when any answer of the round has one, else none.
        GUIDE.md gives an answer to a request off the scheme's subject no finding, so a round without any is
        about something else (public toilets under the trafficking scheme), where a column of "no" per finding
        would say the bodies were asked."""
        answers = [a for row in self.bodies for cell in row.cells.values() for a in cell.answers] + self.unmatched
        return self.scheme.findings if any(a.findings for a in answers) else ()

    @property
    def finding_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.findings)

    def answered(self, key: str) -> list[tuple[BodyRow, Cell]]:
        """The bodies that answered question `key`, with their cells, in table order."""
        return [(row, row.cells[key]) for row in self.bodies if key in row.cells]

    def outcome_counts(self, key: str) -> Counter[str]:
        return Counter(cell.outcome for _, cell in self.answered(key))

    def finding_counts(self, key: str) -> Counter[str]:
        return Counter(f for _, cell in self.answered(key) for f in cell.findings)

    def exemption_citations(self) -> list[Citation]:
        """Each exemption section cited and the answers citing it, the section most bodies cited first."""
        cited: dict[str, list[tuple[str, str, str]]] = {}
        for row in self.bodies:
            for question in self.questions:
                cell = row.cells.get(question.key)
                for section in cell.exemptions if cell else ():
                    cited.setdefault(section, []).append((row.name, question.key, cell.outcome))
        citations = [Citation(section, tuple(answers)) for section, answers in cited.items()]
        return sorted(citations, key=lambda c: (-len(c.bodies), -len(c.answers), c.section))


def summarise(predictions: Predictions, alignment: Alignment, scheme: Scheme, *, title: str, offset: int = 0) -> Summary:
    """Build the table from answers and where the alignment put them; bodies sorted by name.

    `offset` is where this round's answers start in the alignment (two rounds are aligned together).
    """
    rows: dict[str, BodyRow] = {}
    unmatched = []
    asked = tuple(q.key for q in alignment.questions) if alignment.asked else ()
    for answer, keys in zip(predictions.answers, alignment.assigned[offset:]):
        if not keys:
            unmatched.append(answer)
            continue
        row = rows.setdefault(answer.body_key, BodyRow(answer.body, answer.body_key, asked=asked))
        for key in keys:
            row.cells.setdefault(key, Cell([])).answers.append(answer)
    for row in rows.values():  # the spelling most of the body's answers use
        spellings = Counter(a.body for cell in row.cells.values() for a in cell.answers)
        row.name = max(spellings, key=lambda name: spellings[name])
    bodies = sorted(rows.values(), key=lambda r: (r.key, r.name))
    return Summary(title, scheme, alignment.questions, bodies, unmatched, predictions.errors, alignment.note, predictions.files)


def source_href(path: Path, folder: Path) -> str | None:
    """The link from a report in `folder` to the file at `path`: relative, so the folder of replies and the report
    can be moved or zipped together, each segment percent-encoded (a ':' too, so a file named "javascript:x"
    stays a relative path, never a scheme; a space or a bracket cannot end a Markdown link). None where no
    relative path exists (another Windows drive)."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    except ValueError:
        return None
    return quote(Path(relative).as_posix(), safe="/")
