"""Stand in for a person labelling in Label Studio: answer each review task with gold labels.

Used by scripts/retrain_walkthrough.sh, which replays the README's "Retrain on your
own responses" walk-through on the bundled round-robin; a real user labels by hand.

Usage: simulate_annotation.py GOLD_LABELS TASKS_JSON EXPORT_JSON
"""
from __future__ import annotations

import json
import sys


def main(gold_path: str, tasks_path: str, export_path: str) -> None:
    gold = {}
    with open(gold_path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            for answer in record["answers"]:
                gold[(record["doc"], answer["q"])] = (answer["outcome"], answer["findings"])
    with open(tasks_path, encoding="utf-8") as handle:
        tasks = json.load(handle)
    export = []
    for n, task in enumerate(tasks, 1):
        outcome, findings = gold[(task["data"]["doc"], task["data"]["q"])]
        result = [{"from_name": "outcome", "to_name": "answer", "type": "choices", "value": {"choices": [outcome]}}]
        if findings:
            result.append({"from_name": "findings", "to_name": "answer", "type": "choices", "value": {"choices": findings}})
        export.append({"id": n, "data": task["data"], "annotations": [{"id": n, "result": result, "was_cancelled": False}]})
    with open(export_path, "w", encoding="utf-8") as handle:
        json.dump(export, handle)


if __name__ == "__main__":
    main(*sys.argv[1:4])
