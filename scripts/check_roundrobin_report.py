"""Check the report's CSV for the round-robin against the "Expected answers" table of its README.

Cell by cell (outcome + findings, per body per question) it says what matches and
what differs. By default it classifies the letters itself with the request (needs
pipeline.classify); `--predictions FILE` reads classify output instead, and `--gold`
builds predictions from the round-robin's labels.jsonl, which proves the report's
alignment and CSV rather than the classifier (it should match 100%).

    python scripts/check_roundrobin_report.py --gold
    python scripts/check_roundrobin_report.py --predictions rr.jsonl --csv rr.csv
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pipeline.output import atomic_writer, to_jsonl  # noqa: E402
from pipeline.report import ReportError, build_report  # noqa: E402
from pipeline.report.records import normalise_name  # noqa: E402

ROUNDROBIN = ROOT / "corpus" / "roundrobin"
_LABELS = re.compile(r"`(\w+)`\s*(?:\(([^)]*)\))?")


@dataclass(frozen=True)
class Expected:
    """One cell of a comparison table: outcome and findings."""

    outcome: str
    findings: frozenset[str]

    def __str__(self) -> str:
        return self.outcome + (f" ({', '.join(sorted(self.findings))})" if self.findings else "")


def parse_expected(readme: str) -> dict[tuple[str, str], Expected]:
    """(normalised body, question number) -> Expected, from the README's 'Expected answers' table.

    Question columns are the ones whose header starts with 'Q<number>'.
    """
    section = readme.split("## Expected answers", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    columns = {i: m.group(1) for i, c in enumerate(header) if (m := re.match(r"Q(\d+)\b", c))}
    expected = {}
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        for i, q in columns.items():
            found = _LABELS.search(cells[i])
            if found:
                findings = frozenset(f.strip() for f in (found.group(2) or "").split(",") if f.strip())
                expected[(normalise_name(cells[0]), q)] = Expected(found.group(1), findings)
    return expected


def read_report_csv(path: Path, finding_names: list[str] | None = None) -> dict[tuple[str, str], Expected]:
    """(normalised body, q) -> Expected from the report's CSV (rows of canonical questions only)."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fixed = {"body", "q", "question", "outcome", "confidence", "exemptions", "needs_review", "evidence", "source"}
        names = finding_names or [c for c in reader.fieldnames or [] if c not in fixed]
        cells = {}
        for row in reader:
            if row["q"] and row["outcome"]:
                cells[(normalise_name(row["body"].lstrip("'")), row["q"])] = Expected(
                    row["outcome"], frozenset(n for n in names if row.get(n) == "yes")
                )
    return cells


def compare_cells(expected: dict[tuple[str, str], Expected], got: dict[tuple[str, str], Expected]) -> list[str]:
    """One line per cell that differs (missing, extra, outcome or findings)."""
    problems = []
    for key in sorted(expected.keys() | got.keys()):
        want, have = expected.get(key), got.get(key)
        if want != have:
            body, q = key
            problems.append(f"{body} Q{q}: expected {want or '(no cell)'}, report has {have or '(no cell)'}")
    return problems


def _predictions(args: argparse.Namespace, workdir: Path) -> list[Path]:
    if args.predictions:
        return [args.predictions]
    if args.gold:
        from gold_predictions import gold_records

        path = workdir / "gold.jsonl"
        with atomic_writer(path) as handle:
            handle.writelines(to_jsonl(r) for r in gold_records(ROUNDROBIN / "labels.jsonl", ROUNDROBIN / "responses"))
        return [path]
    return [ROUNDROBIN / "responses"]  # build_report classifies documents itself


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--predictions", type=Path, help="classify --format jsonl output for the round-robin")
    source.add_argument("--gold", action="store_true", help="use predictions built from the round-robin's labels")
    parser.add_argument("--csv", type=Path, help="also keep the report CSV here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.csv or Path(tmp) / "roundrobin.csv"
        try:
            report = build_report(predictions=_predictions(args, Path(tmp)), out=out, fmt="csv", request=ROUNDROBIN / "request.txt")
        except ReportError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        got = read_report_csv(out, list(report.summary.scheme.finding_names))
    expected = parse_expected((ROUNDROBIN / "README.md").read_text("utf-8"))
    problems = compare_cells(expected, got)
    if report.summary.note:
        print(f"note: {report.summary.note}")
    for line in problems:
        print("DIFF", line)
    matched = len(expected) - sum(1 for k in expected if expected[k] != got.get(k))
    print(f"{matched}/{len(expected)} expected cells match; {len(problems)} differences")
    return 0 if not problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
