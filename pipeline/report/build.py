"""`build_report`: predictions in, one report file out (HTML, Markdown or CSV).

The CLI's `report` command is a thin wrapper over this function; the pieces it
joins (records → alignment → summary → headlines/comparison → a renderer) are each
in their own module so tests and other commands can use them alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..labels import Scheme
from ..output import atomic_writer
from .align import align
from .compare import Comparison, compare
from .csvout import render_csv, render_wide_csv
from .headlines import Headline, plural, question_headlines, status_sentence
from .html import render_html
from .markdown import render_markdown
from .records import Predictions, ReportError, from_records, load_predictions, resolve_scheme
from .summary import Summary, summarise

FORMATS = ("html", "md", "csv")


@dataclass
class Report:
    """What a report run produced: the table, its headlines, the comparison (if any) and where it went."""

    summary: Summary
    headlines: list[Headline]
    comparison: Comparison | None
    out: Path
    fmt: str

    @property
    def tally(self) -> str:
        """What the report holds, for the line the command prints ("1 body, 4 questions, 2 answers outside them")."""
        summary = self.summary
        return (f"{plural(len(summary.bodies), 'body', 'bodies')}, {plural(len(summary.questions), 'question')}, "
                f"{plural(len(summary.unmatched), 'answer')} outside them")


def _request_questions(request: Any) -> list[tuple[str, str]] | None:
    """(number, text) pairs of a pipeline.extract.Request, or None when there is no request."""
    if request is None:
        return None
    return [(str(q.q), str(q.text)) for q in request.questions]


def _title(paths: list[Path]) -> str:
    names = [p.stem if p.is_file() else (p.resolve().name or str(p)) for p in paths]
    return names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"


def summarise_rounds(
    current: Predictions,
    previous: Predictions | None,
    *,
    request: Any = None,
    scheme: Scheme,
    titles: tuple[str, str] = ("this round", "the earlier round"),
) -> tuple[Summary, Summary | None]:
    """Align one round (or two together, so their questions line up) and build each round's table."""
    answers = current.answers + (previous.answers if previous else [])
    alignment = align(answers, _request_questions(request))
    now = summarise(current, alignment, scheme, title=titles[0])
    if previous is None:
        return now, None
    return now, summarise(previous, alignment, scheme, title=titles[1], offset=len(current.answers))


def summary_from_records(records: list[dict[str, Any]], *, request: Any = None, scheme: Scheme | None = None, title: str = "foi-nlp report") -> Summary:
    """The comparative table straight from classify records (what `classify` uses for its closing headlines)."""
    predictions = from_records(records)
    chosen = scheme or resolve_scheme(None, predictions.finding_names)
    return summarise_rounds(predictions, None, request=request, scheme=chosen, titles=(title, ""))[0]


def headlines_from_records(records: list[dict[str, Any]], *, request: Any = None, scheme: Scheme | None = None) -> list[Headline]:
    """The report's headlines straight from classify records, so `classify` can end with the sentences the
    report will show without writing a file: first the replies as a whole (key "", "All questions"), then per
    canonical question its key, short title and sentences with counts (an empty list if nothing was classified)."""
    summary = summary_from_records(records, request=request, scheme=scheme)
    if not summary.bodies:
        return []
    overall = status_sentence(summary)
    return ([Headline("", "All questions", (overall,))] if overall else []) + question_headlines(summary)


def build_report(
    *,
    predictions: list[Path],
    out: Path | None = None,
    fmt: str | None = None,
    request: Path | None = None,
    compare_with: list[Path] | None = None,
    scheme: Path | None = None,
    title: str | None = None,
    wide: bool = False,
    docs: list[Path] | None = None,
) -> Report:
    """Read classify output (or classify documents), compare the bodies and write the report atomically.

    `fmt` defaults to the extension of `out` (.md, .csv), else html; `out` defaults to report.<fmt>.
    `wide` (CSV only) writes one row per body with a value column per question.
    `docs`: the folder(s) classify read for the .jsonl predictions, so the HTML can link each source file.
    """
    if fmt is None:
        suffix = out.suffix.lower().lstrip(".") if out else ""
        fmt = {"markdown": "md", "htm": "html"}.get(suffix, suffix) if suffix in (*FORMATS, "markdown", "htm") else "html"
    if fmt not in FORMATS:
        raise ReportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if wide and fmt != "csv":
        raise ReportError("--wide is a CSV layout: give --format csv or an --out ending in .csv")
    if wide and compare_with:
        raise ReportError("--wide and --compare cannot be combined: compare with the long CSV")
    out = out or Path(f"report.{fmt}")
    req = None
    if request is not None:
        from ..extract import load_request

        req = load_request(request)
    current = load_predictions(predictions, request=req, docs=docs)
    previous = load_predictions(compare_with, request=req) if compare_with else None
    finding_names = current.finding_names + (previous.finding_names if previous else ())
    chosen = resolve_scheme(scheme, tuple(dict.fromkeys(finding_names)))
    titles = (title or _title(predictions), _title(compare_with) if compare_with else "")
    if not current.answers and not current.errors:
        raise ReportError("no records in the predictions given")
    summary, earlier = summarise_rounds(current, previous, request=req, scheme=chosen, titles=titles)
    comparison = compare(summary, earlier) if earlier else None
    headlines = question_headlines(summary)
    if fmt == "html":
        text = render_html(summary, headlines, comparison, folder=out.parent)
    elif fmt == "md":
        text = render_markdown(summary, headlines, comparison, folder=out.parent)
    elif wide:
        text = render_wide_csv(summary)
    else:
        text = render_csv(summary, comparison)
    with atomic_writer(out, newline="" if fmt == "csv" else None) as handle:
        handle.write(text)
    return Report(summary, headlines, comparison, out, fmt)
