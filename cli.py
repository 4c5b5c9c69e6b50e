"""foi-nlp's command line: each command is a thin wrapper over a plain function.

Run `foi-nlp --help` for the commands and `foi-nlp COMMAND --help` for each one.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    name="foi-nlp",
    help=(
        "Read Freedom of Information responses and say, answer by answer, what each body said.\n\n"
        "Typical run: foi-nlp classify corpus/  (extract, tag and classify every answer), then\n"
        "foi-nlp report predictions.jsonl --out report.html  (compare the bodies side by side)."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True)


@app.callback()
def main() -> None:
    """Read Freedom of Information responses and say, answer by answer, what each body said."""

# Exit codes scripts can rely on (documented in the README).
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


class RecordFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders of responses (folders are read recursively).", show_default=False)]
RequestOpt = Annotated[Optional[Path], typer.Option("--request", "-r", help="The request as sent (numbered questions): lines up answers in replies that never restate the questions.")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to this file (atomically) instead of standard output.")]


def _emit(records: list[dict], fmt: RecordFormat, out: Optional[Path], table_title: str) -> None:
    from pipeline.output import csv_text, to_jsonl, write_records

    if fmt is RecordFormat.table:
        table = Table(title=table_title, show_lines=False)
        for column in ("doc", "q", "responder", "question", "answer"):
            table.add_column(column, overflow="fold", max_width=60 if column in ("question", "answer") else None)
        for record in records:
            if "error" in record:
                table.add_row(record["doc"], "", "[red]error[/red]", "", record["error"])
            else:
                table.add_row(record["doc"], str(record["q"]), record.get("responder") or "", (record.get("question") or "")[:160], record["answer"][:240])
        Console(file=open(out, "w", encoding="utf-8") if out else sys.stdout, width=200 if out else None).print(table)
    elif out is not None:
        write_records(records, out, fmt.value)
    elif fmt is RecordFormat.jsonl:
        sys.stdout.writelines(to_jsonl(r) for r in records)
    else:
        sys.stdout.write(csv_text(records))


def _report_errors(records: list[dict]) -> int:
    failed = [r for r in records if "error" in r]
    for record in failed:
        err.print(f"[red]error[/red] {record['doc']}: {record['error']}", highlight=False, soft_wrap=True)
    return len(failed)


@app.command()
def extract(
    paths: PathsArg,
    out: OutOpt = None,
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f", help="jsonl (the contract other tools read), csv, or a table to read.")] = RecordFormat.jsonl,
    request: RequestOpt = None,
) -> None:
    """Split responses into question/answer records, with who answered, when and the facts cited.

    Folders are read recursively; inside a folder, each subfolder is one body's response
    (its letter plus attachments). One record per answer; a file that cannot be read gives
    one error record and the run carries on.

    Example: foi-nlp extract corpus/ --out answers.jsonl
    """
    from pipeline.extract import extract_paths
    from pipeline.request import load_request

    req = load_request(request) if request else None
    records = list(extract_paths(paths, request=req))
    _emit(records, fmt, out, "Extracted answers")
    failed = _report_errors(records)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


if __name__ == "__main__":
    app()
