"""Predictions in the `classify --format jsonl` shape, made from a labels file (gold, not a model).

Until the classifier lands, the report and the round-robin check are developed and
tested against these: they carry the hand-coded labels, so any difference a report
shows from a labels table is the report's own doing (alignment, tables), not the model's.

    python scripts/gold_predictions.py corpus/labels.jsonl --out /tmp/gold.jsonl
    python scripts/gold_predictions.py corpus/roundrobin/labels.jsonl --docs corpus/roundrobin/responses --out /tmp/rr.jsonl
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.documents import ReadError  # noqa: E402
from pipeline.goldlabels import GoldAnswer, load_labels, locate  # noqa: E402
from pipeline.labels import load_scheme  # noqa: E402
from pipeline.output import atomic_writer, to_jsonl  # noqa: E402
from pipeline.read import read_path  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(£])")


def first_sentence(text: str) -> str:
    """The answer's first sentence: the stand-in evidence for a gold label."""
    return _SENTENCE.split(" ".join(text.split()), maxsplit=1)[0]


def _record(doc: str, body: str | None, meta: dict[str, Any], answer: GoldAnswer, finding_names: tuple[str, ...]) -> dict[str, Any]:
    text = answer.text or ""
    evidence = {label: first_sentence(text) for label in (answer.outcome, *answer.findings)} if text else {}
    return {
        "doc": doc,
        "body": body,
        **meta,
        "act": None,
        "q": answer.q,
        "question": answer.question or "",
        "answer": text,
        "exemptions": list(answer.exemptions),
        "facts": {},
        "flags": [],
        "outcome": answer.outcome,
        "outcome_confidence": 1.0,
        "findings": list(answer.findings),
        "finding_scores": {name: float(name in answer.findings) for name in finding_names},
        "needs_review": False,
        "evidence": evidence,
        **_value(answer),
    }


def _value(answer: GoldAnswer) -> dict[str, Any]:
    """The labelled value in the record's shape (nothing when the answer has none labelled)."""
    if not answer.value_kind:
        return {}
    detail: dict[str, Any] = {"names": [answer.value]} if answer.value_kind == "name" else {}
    return {"value": answer.value, "value_kind": answer.value_kind, "value_detail": detail, "value_confidence": 1.0}


def gold_records(labels: Path, docs: Path | None = None, *, scheme: Path | None = None) -> list[dict[str, Any]]:
    """One classify-shaped record per labelled answer (with its value when labelled); a document that cannot be
    read gives an error record. `scheme` is the findings scheme file (default: the bundled one)."""
    finding_names = load_scheme(scheme).finding_names
    records: list[dict[str, Any]] = []
    for document in load_labels(labels, docs):
        body = Path(document.doc).parts[0] if len(Path(document.doc).parts) > 1 else None
        try:
            locate(document, read_path(document.path).text)
        except ReadError as exc:
            records.append({"doc": document.doc, "error": str(exc)})
            continue
        meta = {"responder": document.responder, "reference": document.reference, "date": document.date}
        records.extend(_record(document.doc, body, meta, answer, finding_names) for answer in document.answers)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("--docs", type=Path, help="folder the labels' doc paths are relative to (default: the labels file's)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    records = gold_records(args.labels, args.docs)
    with atomic_writer(args.out) as handle:
        handle.writelines(to_jsonl(r) for r in records)
    print(f"{len(records)} records -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
