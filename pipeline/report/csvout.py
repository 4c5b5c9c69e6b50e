"""The CSV a journalist would otherwise code by hand: one row per body and canonical question.

Columns: body, q, question, outcome, one yes/no column per finding of the scheme,
confidence, exemptions, needs_review, evidence (the outcome's sentence), source;
with a comparison also the earlier round's outcome and the findings gained/lost.
A body that did not answer a question gets a row with the label columns empty.
Answers that fit no canonical question follow, with `q` empty and their own question.
"""
from __future__ import annotations

from typing import Any

from ..output import csv_text
from .compare import Comparison
from .summary import Cell, Summary

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Stop a spreadsheet from running document text as a formula (a leading '=' etc. gets a quote)."""
    return "'" + value if value.startswith(_FORMULA) else value


def columns(summary: Summary, comparison: Comparison | None = None) -> list[str]:
    """The CSV's header, findings in scheme order."""
    base = ["body", "q", "question", "outcome", *summary.scheme.finding_names, "confidence", "exemptions", "needs_review", "evidence", "source"]
    return base + (["previous_outcome", "findings_gained", "findings_lost"] if comparison else [])


def _labels(cell: Cell, finding_names: tuple[str, ...]) -> dict[str, Any]:
    confidence = cell.confidence
    return {
        "outcome": cell.outcome,
        **{name: name in cell.findings for name in finding_names},
        "confidence": f"{confidence:.2f}" if confidence is not None else "",
        "exemptions": "; ".join(cell.exemptions),
        "needs_review": cell.needs_review,
        "evidence": safe_text(cell.evidence(cell.outcome)),
        "source": safe_text("; ".join(cell.sources)),
    }


def rows(summary: Summary, comparison: Comparison | None = None) -> list[dict[str, Any]]:
    """The table's rows as dicts keyed by `columns()`."""
    names = summary.scheme.finding_names
    changes = {(c.body, c.key): c for c in comparison.changes} if comparison else {}
    previous = {row.key: row for row in comparison.previous.bodies} if comparison else {}
    table = []
    for row in summary.bodies:
        for question in summary.questions:
            cell = row.cells.get(question.key)
            record: dict[str, Any] = {"body": safe_text(row.name), "q": question.key, "question": safe_text(question.text)}
            if cell:
                record.update(_labels(cell, names))
            if comparison:
                earlier = previous.get(row.key)
                was = earlier.cells.get(question.key) if earlier else None
                change = changes.get((row.name, question.key))
                record["previous_outcome"] = was.outcome if was else ""
                record["findings_gained"] = "; ".join(change.gained) if change else ""
                record["findings_lost"] = "; ".join(change.lost) if change else ""
            table.append(record)
    for answer in summary.unmatched:
        table.append({"body": safe_text(answer.body), "q": "", "question": safe_text(answer.question), **_labels(Cell([answer]), names)})
    return table


def render_csv(summary: Summary, comparison: Comparison | None = None) -> str:
    """The whole CSV as text."""
    return csv_text(rows(summary, comparison), columns(summary, comparison))
