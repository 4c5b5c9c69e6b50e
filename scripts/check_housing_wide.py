"""The housing round-robin's `report --wide` table against the journalist's own yes/no columns.

She coded each trust `inpatient` (housing staff for inpatients? Q1), `protocol` (a discharge
protocol for homeless patients? Q2) and `outpatient` (housing staff in the community? Q3)
as True, False or NA (corpus/real/nhs-roundrobin/housing/labels.jsonl, key `journalist`).
This script classifies the trusts' replies with the request and the campaign's scheme (or
reads `--predictions`), builds the wide CSV (`foi-nlp report --wide`: one row per trust, a
value column per question, a yes/no column per finding) and reads each question's yes/no
from the row: its finding (`inpatient_housing_staff` -> True, `no_inpatient_housing_staff`
-> False; both -> True, one site has staff) and, when neither was found, its value (a count
above 0, a name, a description or "yes" -> True; 0 or "no" -> False; nothing -> NA).

    python scripts/check_housing_wide.py                         # the housing model if models/housing exists
    python scripts/check_housing_wide.py --model models/default  # values only (the default scheme has no housing findings)
    python scripts/check_housing_wide.py --gold                  # hand labels in: checks the table, not the model
    python scripts/check_housing_wide.py --held-out              # the campaign's own model, each trust held out

--held-out is the honest figure: for each trust, a model (classifier and segmenter) is trained
with the campaign's scheme on the other trusts' housing letters, the corpus and the other real
sets (whose findings, of other schemes, are left out: their answers teach it where the
campaign's findings are absent), and classifies that trust's letter only. About a minute a trust.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pipeline.labels import OUTCOME_NAMES  # noqa: E402
from pipeline.output import atomic_writer, to_jsonl  # noqa: E402
from pipeline.report import build_report  # noqa: E402
from pipeline.report.records import normalise_name  # noqa: E402

HOUSING = ROOT / "corpus" / "real" / "nhs-roundrobin" / "housing"
# question -> (her column, the finding that says yes, the finding that says no)
COLUMNS = {"1": ("inpatient", "inpatient_housing_staff", "no_inpatient_housing_staff"),
           "2": ("protocol", "discharge_protocol", "no_discharge_protocol"),
           "3": ("outpatient", "community_housing_staff", "no_community_housing_staff")}
_COUNT = re.compile(r"^(\d+(?:\.\d+)?)")


def journalist_rows(labels: Path = HOUSING / "labels.jsonl") -> dict[str, dict[str, str]]:
    """Normalised trust name -> her column -> 'True' / 'False' / 'NA'."""
    rows = {}
    for line in labels.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            trust = row["doc"].split("/")[0]
            rows[normalise_name(trust)] = {column: str(row["journalist"][column]) for column, _, _ in COLUMNS.values()}
    return rows


def from_value(value: str) -> str:
    """A wide cell's value as her yes/no: a count above 0, a name, a text or 'yes' -> True; 0 or 'no' -> False;
    no answer, or an outcome in place of a value ('not_held', 'refused_cost; s. 12') -> NA."""
    value = value.strip().lstrip("'")
    if not value or value.split(";")[0] in OUTCOME_NAMES:
        return "NA"
    count = _COUNT.match(value)
    if count and not value.startswith(("£", "$", "€")):
        return "True" if float(count.group(1)) > 0 else "False"
    return "False" if value.lower() == "no" else "True"


def from_row(row: dict[str, str], q: str, findings: bool) -> str:
    """Question `q`'s yes/no from a wide CSV row: its findings when the scheme has them and one was found, else its value."""
    _, yes, no = COLUMNS[q]
    if findings and row.get(yes) == "yes":
        return "True"
    if findings and row.get(no) == "yes":
        return "False"
    column = next(c for c in row if c.startswith(f"Q{q} "))
    return from_value(row[column])


# Labels files trained beside the housing letters (--held-out), with their documents.
OTHERS = (("corpus/labels.jsonl", "corpus"), ("corpus/real/pages/labels.jsonl", "corpus/real/pages"),
          ("corpus/real/mysociety/labels.jsonl", "corpus/real/mysociety"),
          ("corpus/real/nhs-roundrobin/accommodation/labels.jsonl", "corpus/real/nhs-roundrobin/accommodation"))


def held_out_records(folder: Path) -> list[dict]:
    """Each trust's letter classified by a model trained without it (see the module's docstring)."""
    import shutil

    from pipeline.classify import classify_paths
    from pipeline.extract import load_request
    from pipeline.labels import load_scheme
    from pipeline.train import train_model

    lines = [(line, json.loads(line)["doc"].split("/")[0])
             for line in (HOUSING / "labels.jsonl").read_text("utf-8").splitlines() if line.strip()]
    trusts = sorted({trust for _, trust in lines})
    scheme, request = load_scheme(HOUSING / "scheme.toml"), load_request(HOUSING / "request.txt")
    records: list[dict] = []
    for n, trust in enumerate(trusts, 1):
        fold = folder / f"fold{n}"
        fold.mkdir()
        (fold / "labels.jsonl").write_text("".join(line + "\n" for line, owner in lines if owner != trust), "utf-8")
        shutil.copy(HOUSING / "scheme.toml", fold / "scheme.toml")
        labels = [fold / "labels.jsonl", *(ROOT / f for f, _ in OTHERS)]
        docs = [HOUSING, *(ROOT / d for _, d in OTHERS)]
        requests = [HOUSING / "request.txt", *([None] * len(OTHERS))]
        model, _ = train_model(labels, docs, scheme=scheme, requests=requests, cv=False)
        records.extend(classify_paths([HOUSING], model=model, request=request,
                                      admit=lambda d, trust=trust: d.doc.split("/")[0] == trust))
        print(f"held out {n}/{len(trusts)}: {trust}", file=sys.stderr)
    return records


def _records(args: argparse.Namespace, folder: Path) -> list[Path]:
    if args.held_out:
        path = folder / "held-out.jsonl"
        records = held_out_records(folder)
        with atomic_writer(path) as handle:
            handle.writelines(to_jsonl(r) for r in records)
        return [path]
    if args.predictions:
        return [args.predictions]
    if args.gold:
        from gold_predictions import gold_records

        path = folder / "gold.jsonl"
        with atomic_writer(path) as handle:
            handle.writelines(to_jsonl(r) for r in gold_records(HOUSING / "labels.jsonl", HOUSING, scheme=HOUSING / "scheme.toml"))
        return [path]
    from pipeline.classify import classify_paths, load_model
    from pipeline.extract import load_request

    model = args.model or (ROOT / "models" / "housing" if (ROOT / "models" / "housing").is_dir() else None)
    path = folder / "predictions.jsonl"
    records = classify_paths([HOUSING], model=load_model(model) if model else None, request=load_request(HOUSING / "request.txt"))
    with atomic_writer(path) as handle:
        handle.writelines(to_jsonl(r) for r in records)
    return [path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--predictions", type=Path, help="classify --format jsonl output for the housing round-robin")
    source.add_argument("--gold", action="store_true", help="predictions made from the hand labels (findings and values)")
    source.add_argument("--model", type=Path, help="the model to classify with (default: models/housing if it exists)")
    source.add_argument("--held-out", action="store_true", help="train the campaign's model without each trust in turn, classify that trust")
    parser.add_argument("--csv", type=Path, help="also keep the wide CSV here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.csv or Path(tmp) / "housing-wide.csv"
        report = build_report(predictions=_records(args, Path(tmp)), out=out, fmt="csv", wide=True,
                              request=HOUSING / "request.txt", title="housing")
        with open(out, encoding="utf-8", newline="") as handle:
            table = {normalise_name(r["body"].lstrip("'")): r for r in csv.DictReader(handle)}
    findings = {yes for _, yes, _ in COLUMNS.values()} <= set(report.summary.scheme.finding_names)
    expected = journalist_rows()
    agree = {column: 0 for column, _, _ in COLUMNS.values()}
    print(f"trust | her inpatient/protocol/outpatient | the wide table's ({'findings, then values' if findings else 'values'})")
    for trust, theirs in sorted(expected.items()):
        row = table.get(trust) or next((r for name, r in table.items() if trust.startswith(name) or name.startswith(trust)), None)
        ours = {COLUMNS[q][0]: from_row(row, q, findings) if row else "(no row)" for q in COLUMNS}
        marks = []
        for column in agree:
            same = ours[column] == theirs[column]
            agree[column] += same
            marks.append(f"{theirs[column]}/{ours[column]}{'' if same else ' ✗'}")
        print(f"{trust} | " + " | ".join(marks))
    cells = len(expected) * len(agree)
    for column, n in agree.items():
        print(f"{column}: {n}/{len(expected)} trusts agree")
    print(f"all: {sum(agree.values())}/{cells} cells agree ({sum(agree.values()) / cells:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
