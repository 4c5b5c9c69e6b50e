"""Two `foi-nlp evaluate --cv --format json` runs compared assignment by assignment: is a change a gain?

Which bodies share a fold moves the pages' figures by points either way, so a change is judged on
the same assignments of the bodies to folds before and after it: for each set, the mean difference
over the assignments and on how many of them the figure went up and down. Run the same command on
the code (or data) before the change and after it, with enough assignments to see past the spread
(the project uses 13), then compare. The README's command, so that every set trains as it does
there (a run on fewer sets trains on less, and can move the other way):

    R=corpus/real; ARGS="corpus/labels.jsonl corpus/outcomes/labels.jsonl $R/pages/labels.jsonl \\
      $R/mysociety/labels.jsonl $R/nhs-roundrobin/accommodation/labels.jsonl $R/nhs-roundrobin/housing/labels.jsonl \\
      --docs corpus --docs corpus/outcomes --docs $R/pages --docs $R/mysociety --docs $R/nhs-roundrobin/accommodation \\
      --docs $R/nhs-roundrobin/housing --train-only corpus/labels.jsonl --classify-only corpus/outcomes/labels.jsonl \\
      --cv --cv-repeats 13 --format json"
    git stash; foi-nlp evaluate $ARGS > before.json; git stash pop
    foi-nlp evaluate $ARGS > after.json
    python scripts/compare_evaluations.py before.json after.json

Differences are in points (percent). Extraction: the segmenter's recall, precision and question
figure per set (`segmentation_cv`); classification: each system's outcome accuracy, outcome macro-F1
and reply status accuracy (`cv_assignments`). Exit code 2 when the runs cannot be paired (different
sets, or a different number of assignments), when a file is no evaluate output, or when neither has
cross-validated figures.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SEGMENTER = (("recall", "recall"), ("precision", "precision"), ("question_accuracy", "question"))
CLASSIFIER = (("outcome_accuracy", "accuracy"), ("outcome_macro_f1", "macro-F1"), ("status_accuracy", "status"))


class CannotCompare(ValueError):
    """Two runs that cannot be paired (other sets, another number of assignments) or a file that is no evaluate output."""


def paired(before: Sequence[float | None], after: Sequence[float | None]) -> tuple[float, int, int]:
    """The mean difference in points over the assignments both runs scored, and how many went up and down."""
    if len(before) != len(after):
        raise CannotCompare(f"{len(before)} assignments against {len(after)}: run both with the same --cv-repeats")
    deltas = [(b - a) * 100 for a, b in zip(before, after) if a is not None and b is not None]
    if not deltas:
        return 0.0, 0, 0
    return sum(deltas) / len(deltas), sum(d > 1e-9 for d in deltas), sum(d < -1e-9 for d in deltas)


def _segmentation(run: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    sets = (run.get("segmentation_cv") or {}).get("sets") or {}
    return {name: found.get("assignments") or [] for name, found in sets.items()}


def _classification(run: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    runs = ((run.get("classification") or {}).get("cv_assignments") or {}).get("runs") or []
    systems = sorted({system for assignment in runs for system in assignment})
    return {system: [assignment.get(system) or {} for assignment in runs] for system in systems}


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, str, float, int, int]]:
    """(part, set or system, figure, mean difference in points, assignments up, assignments down), in print order."""
    rows = []
    for part, read, figures in (("extraction", _segmentation, SEGMENTER), ("classification", _classification, CLASSIFIER)):
        old, new = read(before), read(after)
        if set(old) != set(new):
            raise CannotCompare(f"{part}: the runs scored different sets ({', '.join(sorted(old)) or 'none'} "
                                f"against {', '.join(sorted(new)) or 'none'})")
        for name in old:
            for key, label in figures:
                rows.append((part, name, label, *paired([a.get(key) for a in old[name]], [a.get(key) for a in new[name]])))
    return rows


def _load(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise CannotCompare(f"{path}: not an evaluate --format json output ({exc})") from exc


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("before", type=Path, help="evaluate --cv --format json before the change")
    parser.add_argument("after", type=Path, help="the same command after it")
    args = parser.parse_args(argv)
    try:
        rows = compare(_load(args.before), _load(args.after))
    except CannotCompare as exc:
        print(f"compare_evaluations: {exc}", file=sys.stderr)
        return 2
    if not rows:
        print("compare_evaluations: neither run has cross-validated figures (run evaluate with --cv)", file=sys.stderr)
        return 2
    print("part            set or system          figure       change (points)  up / down")
    for part, name, label, delta, up, down in rows:
        print(f"{part:15s} {name[:22]:22s} {label:12s} {delta:+15.2f}  {up:2d} / {down}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
