"""A model's outcomes on corpus/outcomes/check.jsonl: 84 fictional answers, 12 per outcome, written apart.

The rare outcomes (neither confirm nor deny, a transfer or a clarification asked, a refusal on
cost) are all but absent from the real labelled answers (0, 1 and 9 of 513), so the real sets
cannot say how a model reads them. These answers were written for this check by someone who did
not see corpus/outcomes/labels.jsonl (what the shipped model learns them from), in wordings and
lengths of their own, each with the sections it cites; no model is trained on them. Fictional:
they show what the real sets cannot, and decide nothing on their own.

    python scripts/check_outcomes.py                      # the shipped model
    python scripts/check_outcomes.py --model my-model -v  # another model; -v lists each miss
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.classify import classify_records, load_model  # noqa: E402
from pipeline.labels import OUTCOME_NAMES  # noqa: E402

CHECK = ROOT / "corpus" / "outcomes" / "check.jsonl"


def check(model_dir: Path | None = None, path: Path = CHECK) -> tuple[list[str], list[str], list[dict]]:
    """Gold and predicted outcomes of the check's answers, and the classified records."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    records = [{"doc": f"check-{n}", "q": "1", "question": question, "answer": answer, "exemptions": cited, "facts": {},
                "flags": []} for n, (question, answer, cited, _) in enumerate(rows, 1)]
    classified = list(classify_records(records, model=load_model(model_dir)))
    return [row[3] for row in rows], [r["outcome"] for r in classified], classified


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="model folder (default: the shipped model)")
    parser.add_argument("-v", action="store_true", help="list every answer read otherwise")
    args = parser.parse_args(argv)
    from sklearn.metrics import f1_score

    gold, predicted, records = check(args.model)
    right, total = Counter(), Counter(gold)
    for g, p, record in zip(gold, predicted, records):
        right[g] += g == p
        if args.v and g != p:
            print(f"{g} -> {p}: {record['answer'][:110]}")
    for outcome in OUTCOME_NAMES:
        if total[outcome]:
            print(f"{outcome:20s} {right[outcome]:2d}/{total[outcome]}")
    labels = sorted(set(gold) | set(predicted))
    print(f"accuracy {sum(right.values()) / len(gold):.3f} ({sum(right.values())}/{len(gold)}), "
          f"macro-F1 {f1_score(gold, predicted, labels=labels, average='macro', zero_division=0):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
