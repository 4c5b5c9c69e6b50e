"""The CSV a researcher would otherwise code by hand: one row per body and canonical question.

Columns: body, reply_status (how its reply went as a whole: labels.reply_status), q,
question, outcome, value (as the table shows it: "2", "0.75 FTE", "£34,000 (2018/19)",
"yes", names in one spelling per name), value_kind, one yes/no
column per finding of the scheme (see below), confidence, exemptions, needs_review, check_answer (extraction
doubts the answer itself: read it in the reply), evidence (the
outcome's sentence), source; with a comparison also the earlier round's outcome and
the findings gained/lost. A body that did not answer a question gets a row with the
label columns empty. Answers that fit no canonical question follow, with `q` empty
and their own question.

`render_wide_csv` is the same table one row per body, as a journalist keeps it: the reply's
status, a column per question, then a yes/no column per finding (yes when any of the body's
answers has it) and the sources. A question's cell is what the body gave: a count or an amount
as a plain number a spreadsheet sums and sorts ("96300", "0.75": the unit and currency as the
answer gave them are in the long CSV), a name, "yes" or "no"; where it gave no value, what
happened instead, as the Markdown and HTML tables say it ("refused_cost; s. 12", "not_held",
"provided" for an answer with no value to pick); empty only where it gave no answer at all.
An amount's period, which the long CSV and the HTML show beside it ("£12,000 (2022/23)"), is in
a "Q<key> period" column right after the question's ("2022/23", "a year"; empty where unsaid),
there for each question where some amount has one: "12000" for a year and for three years
summed would read alike.

Finding columns are there only when some answer of the round has a finding (Summary.findings):
a request off the scheme's subject gets none, rather than a "no" in each.
"""
from __future__ import annotations

from typing import Any

from ..output import csv_text, period_words
from .compare import Comparison
from .summary import Cell, Summary
from .values import NameIndex, cell_value, display, name_index

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Stop a spreadsheet from running document text as a formula (a leading '=' etc. gets a quote)."""
    return "'" + value if value.startswith(_FORMULA) else value


def _finding_names(summary: Summary, comparison: Comparison | None = None) -> tuple[str, ...]:
    """The finding columns: the scheme's when either round has a finding (Summary.findings), else none."""
    return summary.finding_names or (comparison.previous.finding_names if comparison else ())


def columns(summary: Summary, comparison: Comparison | None = None) -> list[str]:
    """The CSV's header, findings in scheme order."""
    base = ["body", "reply_status", "q", "question", "outcome", "value", "value_kind", *_finding_names(summary, comparison), "confidence", "exemptions",
            "needs_review", "check_answer", "evidence", "source"]
    return base + (["previous_outcome", "previous_value", "findings_gained", "findings_lost"] if comparison else [])


def _labels(cell: Cell, finding_names: tuple[str, ...], names: NameIndex) -> dict[str, Any]:
    confidence = cell.confidence
    kind, value, detail = cell_value(cell)
    return {
        "outcome": cell.outcome,
        "value": safe_text(display(kind, value, detail, names)),
        "value_kind": kind,
        **{name: name in cell.findings for name in finding_names},
        "confidence": f"{confidence:.2f}" if confidence is not None else "",
        "exemptions": "; ".join(cell.exemptions),
        "needs_review": cell.needs_review,
        "check_answer": cell.check_answer,
        "evidence": safe_text(cell.evidence(cell.outcome)),
        "source": safe_text("; ".join(cell.sources)),
    }


def rows(summary: Summary, comparison: Comparison | None = None) -> list[dict[str, Any]]:
    """The table's rows as dicts keyed by `columns()`."""
    findings = _finding_names(summary, comparison)
    names = name_index(summary)
    changes = {(c.body, c.key): c for c in comparison.changes} if comparison else {}
    previous = {row.key: row for row in comparison.previous.bodies} if comparison else {}
    previous_names = name_index(comparison.previous) if comparison else None
    table = []
    for row in summary.bodies:
        for question in summary.questions:
            cell = row.cells.get(question.key)
            record: dict[str, Any] = {"body": safe_text(row.name), "reply_status": row.status or "", "q": question.key,
                                      "question": safe_text(question.text)}
            if cell:
                record.update(_labels(cell, findings, names))
            if comparison:
                earlier = previous.get(row.key)
                was = earlier.cells.get(question.key) if earlier else None
                change = changes.get((row.name, question.key))
                record["previous_outcome"] = was.outcome if was else ""
                record["previous_value"] = safe_text(display(*cell_value(was), previous_names)) if was else ""
                record["findings_gained"] = "; ".join(change.gained) if change else ""
                record["findings_lost"] = "; ".join(change.lost) if change else ""
            table.append(record)
    for answer in summary.unmatched:
        table.append({"body": safe_text(answer.body), "q": "", "question": safe_text(answer.question),
                      **_labels(Cell([answer]), findings, names)})
    return table


def render_csv(summary: Summary, comparison: Comparison | None = None) -> str:
    """The whole CSV as text."""
    return csv_text(rows(summary, comparison), columns(summary, comparison))


def _period(cell: Cell | None) -> str:
    """The period of a cell's amount as the other tables say it ('2022/23', 'a year'), '' for none stated or no amount."""
    kind, _, detail = cell_value(cell) if cell else ("none", None, {})
    period = str(detail.get("period") or "").strip() if kind == "money" else ""
    return period_words(period)


def _period_keys(summary: Summary) -> set[str]:
    """The questions some body gave an amount with a period for: each gets a period column beside its own."""
    return {q.key for q in summary.questions for _, cell in summary.answered(q.key) if _period(cell)}


def wide_columns(summary: Summary) -> list[str]:
    """The wide CSV's header: body, its reply's status, 'Q<key> <title>' per question (and 'Q<key> period' after it
    where amounts have periods), the findings, source."""
    periods = _period_keys(summary)
    questions = [name for q in summary.questions
                 for name in (f"Q{q.key} {q.title}", *((f"Q{q.key} period",) if q.key in periods else ()))]
    return ["body", "reply_status", *questions, *summary.finding_names, "source"]


def _plain(number: float) -> str:
    """A number as a spreadsheet reads it: no currency, no thousands separators ('96300', '0.75')."""
    return str(int(number)) if number == int(number) else f"{number:.2f}".rstrip("0")


def wide_cell(cell: Cell | None, names: NameIndex) -> str:
    """A question's cell in the wide CSV: the value (a count or an amount as a plain number), else the
    outcome with the sections cited, as the tables show it; '' for no answer."""
    if cell is None:
        return ""
    kind, value, detail = cell_value(cell)
    if kind in ("count", "money") and isinstance(value, (int, float)):
        return _plain(value)
    shown = display(kind, value, detail, names)
    if shown:
        return safe_text(shown)
    return cell.outcome + ("; s. " + ", ".join(cell.exemptions) if cell.exemptions else "")


def wide_rows(summary: Summary) -> list[dict[str, Any]]:
    """One row per body: each question's cell (`wide_cell`) and the period of its amount, findings yes/no."""
    names = name_index(summary)
    periods = _period_keys(summary)
    table = []
    for row in summary.bodies:
        record: dict[str, Any] = {"body": safe_text(row.name), "reply_status": row.status or ""}
        for question in summary.questions:
            cell = row.cells.get(question.key)
            record[f"Q{question.key} {question.title}"] = wide_cell(cell, names)
            if question.key in periods:
                record[f"Q{question.key} period"] = safe_text(_period(cell))
        found = {f for cell in row.cells.values() for f in cell.findings}
        record.update({name: name in found for name in summary.finding_names})
        record["source"] = safe_text("; ".join(dict.fromkeys(s for cell in row.cells.values() for s in cell.sources)))
        table.append(record)
    return table


def render_wide_csv(summary: Summary) -> str:
    """The wide CSV as text."""
    return csv_text(wide_rows(summary), wide_columns(summary))
