"""Choosing the answers most worth labelling next, and writing them out for labelling.

A person's time is best spent where the model is least sure, but a queue of the fifty
least confident answers can all come from one odd letter or one label. So answers are
ranked by uncertainty and picked greedily with a penalty for each already-picked
answer from the same body or with the same predicted labels: the least confident
answer always comes first, and the rest spread out. Ties break on (doc, q), so the
same predictions always give the same queue.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..labels import Scheme
from ..output import atomic_writer, read_jsonl, to_jsonl
from . import annotation_io
from .labelqueue import answer_entry, answer_key, doc_fields, group_by_doc

SPREAD = 0.1  # uncertainty given up per earlier pick from the same body or with the same labels
TOOL_FORMATS = ("labelstudio", "doccano", "prodigy")
REQUIRED = ("doc", "q", "answer", "outcome")


class PredictionsError(ValueError):
    """A predictions file lacks what the review needs."""


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """Answer predictions from `classify --format jsonl`, error records skipped."""
    predictions = []
    for number, record in enumerate(read_jsonl(path), 1):
        if "error" in record:
            continue
        missing = [key for key in REQUIRED if key not in record]
        if missing:
            raise PredictionsError(f"{path}:{number}: not a prediction (no {', '.join(missing)}); run classify --format jsonl")
        predictions.append(record)
    return predictions


def uncertainty(prediction: dict[str, Any]) -> float:
    """0 (sure) to 1 (unsure): the mean of the outcome's doubt and the most borderline finding's.

    The most borderline finding counts, not the mean over findings, because one
    finding at 0.5 is reason enough to look, however sure the other seven are.
    """
    outcome_doubt = 1.0 - float(prediction.get("outcome_confidence", 0.0))
    scores = (prediction.get("finding_scores") or {}).values()
    finding_doubt = max((1.0 - 2.0 * abs(float(p) - 0.5) for p in scores), default=0.0)
    return (outcome_doubt + finding_doubt) / 2.0


def body(prediction: dict[str, Any]) -> str:
    """The public body an answer comes from: its folder, else who signed it, else its file."""
    return str(prediction.get("body") or prediction.get("responder") or prediction["doc"])


def _labels(prediction: dict[str, Any]) -> list[str]:
    return [str(prediction["outcome"]), *map(str, prediction.get("findings") or [])]


def select(predictions: Iterable[dict[str, Any]], *, n: int, spread: float = SPREAD) -> list[dict[str, Any]]:
    """The `n` answers most worth labelling, most worth first (see the module docstring)."""
    candidates = sorted(
        (p for p in predictions if str(p.get("answer") or "").strip()),
        key=lambda p: (-uncertainty(p), str(p["doc"]), str(p["q"])),
    )
    doubt = [uncertainty(p) for p in candidates]
    bodies = [body(p) for p in candidates]
    labels = [_labels(p) for p in candidates]
    per_body: Counter[str] = Counter()
    per_label: Counter[str] = Counter()

    def worth(i: int) -> tuple[float, int]:
        crowding = per_body[bodies[i]] + sum(per_label[label] for label in labels[i]) / len(labels[i])
        return doubt[i] - spread * crowding, -i  # on a tie, the earlier (less confident) answer

    remaining = list(range(len(candidates)))
    picked: list[dict[str, Any]] = []
    while remaining and len(picked) < n:
        best = max(remaining, key=worth)
        remaining.remove(best)
        picked.append(candidates[best])
        per_body[bodies[best]] += 1
        per_label.update(labels[best])
    return picked


def queue_order(chosen: Sequence[dict[str, Any]], predictions: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chosen answers grouped by document (documents by their most urgent answer), each
    document's answers in the order the predictions list them (document order)."""
    position = {answer_key(p["doc"], p["q"]): i for i, p in enumerate(predictions)}
    doc_rank: dict[str, int] = {}
    for rank, prediction in enumerate(chosen):
        doc_rank.setdefault(str(prediction["doc"]), rank)
    return sorted(chosen, key=lambda p: (doc_rank[str(p["doc"])], position.get(answer_key(p["doc"], p["q"]), 0)))


def labels_records(queue: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The queue in the labels format (corpus/GUIDE.md), the model's labels pre-filled.

    `"source": "review"` marks the labels as unchecked predictions, so nobody trains on
    them by mistake before a person has confirmed them.
    """
    return group_by_doc(((doc_fields(p), answer_entry(p)) for p in queue), source="review")


def tool_paths(out: str | Path) -> dict[str, list[Path]]:
    """The annotation-tool files written beside `out` (review.jsonl -> review.labelstudio.json, ...)."""
    out = Path(out)
    return {
        "labelstudio": [out.with_suffix(".labelstudio.json"), out.with_suffix(".labelstudio.xml")],
        "doccano": [out.with_suffix(".doccano.jsonl"), out.with_suffix(".doccano.labels.json")],
        "prodigy": [out.with_suffix(".prodigy.jsonl")],
    }


def _write_text(path: Path, text: str) -> None:
    with atomic_writer(path) as handle:
        handle.write(text)


def _write_lines(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with atomic_writer(path) as handle:
        handle.writelines(to_jsonl(record) for record in records)


def write_review(
    predictions: Sequence[dict[str, Any]],
    *,
    n: int,
    out: str | Path,
    scheme: Scheme,
    formats: Iterable[str] = TOOL_FORMATS,
) -> list[Path]:
    """Pick `n` answers and write the labels file at `out` plus each tool's files beside it.

    Returns the paths written, the labels file first.
    """
    formats = list(formats)
    unknown = sorted(set(formats) - set(TOOL_FORMATS))
    if unknown:
        raise ValueError(f"unknown annotation format(s) {unknown}; choose from {list(TOOL_FORMATS)}")
    queue = queue_order(select(predictions, n=n), predictions)
    out = Path(out)
    _write_lines(out, labels_records(queue))
    written = [out]
    paths = tool_paths(out)
    if "labelstudio" in formats:
        tasks, config = paths["labelstudio"]
        _write_text(tasks, annotation_io.labelstudio_json(queue))
        _write_text(config, annotation_io.labelstudio_config(scheme))
        written += [tasks, config]
    if "doccano" in formats:
        examples, label_set = paths["doccano"]
        _write_lines(examples, annotation_io.doccano_examples(queue))
        _write_text(label_set, annotation_io.doccano_label_set(scheme))
        written += [examples, label_set]
    if "prodigy" in formats:
        (tasks,) = paths["prodigy"]
        _write_lines(tasks, annotation_io.prodigy_tasks(queue, scheme))
        written.append(tasks)
    return written
