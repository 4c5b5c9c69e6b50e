"""Label Studio, doccano and Prodigy files: the review queue out to them, their exports back in.

Each task carries the answer's labels-file identity (doc, q, the four anchors,
exemptions, the document's responder/reference/date) as metadata, and the labels
travel as plain label names (outcome and finding names never clash). Import reads
that metadata back and takes only the labels from the person's annotation, so a
round trip returns the records that went out with the person's labels in them.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from ..labels import OUTCOME_NAMES, OUTCOMES, Scheme, load_scheme
from ..output import read_jsonl
from .labelqueue import DOC_FIELDS, answer_entry, answer_key, doc_fields, doubt, group_by_doc, label_keys

SOURCES = ("labelstudio", "doccano", "prodigy")
ANCHOR_FIELDS = ("question_start", "question_end", "answer_start", "answer_end")
META_FIELDS = (*DOC_FIELDS, "q", *ANCHOR_FIELDS, "exemptions")
MODEL_VERSION = "foi-nlp"


class AnnotationImportError(ValueError):
    """An annotation tool's export cannot be turned into labels."""


# --- out: the review queue in each tool's import format ---------------------------------


def _meta(prediction: Mapping[str, Any]) -> dict[str, Any]:
    entry = answer_entry(prediction)
    meta = {**doc_fields(prediction), **{key: entry[key] for key in ("q", *ANCHOR_FIELDS, "exemptions")}}
    return {key: meta[key] for key in META_FIELDS}


def display_text(prediction: Mapping[str, Any]) -> str:
    """The question (when restated) above the answer: what a person needs to judge the answer; first, when
    extraction doubts the answer is one, that doubt (leave such a task unannotated if it is none)."""
    question = str(prediction.get("question") or "").strip()
    answer = str(prediction["answer"])
    text = f"QUESTION {prediction['q']}: {question}\n\nANSWER: {answer}" if question else answer
    note = doubt(prediction)
    return f"CHECK: {note}\n\n{text}" if note else text


def _predicted(prediction: Mapping[str, Any]) -> list[str]:
    return [str(prediction["outcome"]), *map(str, prediction.get("findings") or [])]


def labelstudio_json(queue: Sequence[Mapping[str, Any]]) -> str:
    """Label Studio tasks (JSON import) with the model's labels as pre-annotations."""
    tasks = []
    for prediction in queue:
        meta = _meta(prediction)
        note = doubt(prediction)
        title = f"{meta['responder'] or meta['doc']} — {meta['doc']} — question {meta['q']}" + (f" — {note.upper()}" if note else "")
        result = [{"from_name": "outcome", "to_name": "answer", "type": "choices", "value": {"choices": [str(prediction["outcome"])]}}]
        if prediction.get("findings"):
            result.append({"from_name": "findings", "to_name": "answer", "type": "choices", "value": {"choices": list(map(str, prediction["findings"]))}})
        tasks.append({
            "data": {"title": title, "question": str(prediction.get("question") or ""), "text": str(prediction["answer"]), **meta},
            "predictions": [{"model_version": MODEL_VERSION, "score": float(prediction.get("outcome_confidence", 0.0)), "result": result}],
        })
    return json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"


def _choices(name: str, labels: Iterable[tuple[str, str]], *, single: bool) -> list[str]:
    kind = "single" if single else "multiple"
    required = ' required="true"' if single else ""
    lines = [f'  <Choices name="{name}" toName="answer" choice="{kind}"{required} showInline="false">']
    lines += [f"    <Choice value={quoteattr(label)} hint={quoteattr(hint)}/>" for label, hint in labels]
    lines.append("  </Choices>")
    return lines


def labelstudio_config(scheme: Scheme) -> str:
    """The labelling interface to paste into a Label Studio project's Settings > Labeling Interface."""
    lines = [
        "<View>",
        '  <Header value="$title"/>',
        '  <Header value="Question" size="5"/>',
        '  <Text name="question" value="$question"/>',
        '  <Header value="Answer" size="5"/>',
        '  <Text name="answer" value="$text"/>',
        f"  <Header value={quoteattr('Outcome (exactly one; the first rule that fits)')} size=\"5\"/>",
        *_choices("outcome", ((label.name, label.definition) for label in OUTCOMES), single=True),
        f"  <Header value={quoteattr('Findings: ' + (scheme.description or scheme.name))} size=\"5\"/>",
        *_choices("findings", ((label.name, label.definition) for label in scheme.findings), single=False),
        "</View>",
    ]
    return "\n".join(lines) + "\n"


def doccano_examples(queue: Sequence[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """doccano text-classification JSONL: text, the predicted labels, and our metadata keys."""
    for prediction in queue:
        yield {"text": display_text(prediction), "label": _predicted(prediction), **_meta(prediction)}


def doccano_label_set(scheme: Scheme) -> str:
    """doccano label types (Labels > Actions > Import), coloured as in the report, keyed as in `foi-nlp label`."""
    key_of = {name: key for key, name in label_keys(scheme.finding_names).items()}
    labels = [
        {"text": label.name, "suffix_key": key_of[label.name], "background_color": label.colour, "text_color": "#ffffff"}
        for label in (*OUTCOMES, *scheme.findings)
    ]
    return json.dumps(labels, ensure_ascii=False, indent=1) + "\n"


def prodigy_tasks(queue: Sequence[Mapping[str, Any]], scheme: Scheme) -> Iterator[dict[str, Any]]:
    """Prodigy `choice` tasks: every label as an option, the predicted ones pre-selected."""
    options = [{"id": label.name, "text": label.title} for label in (*OUTCOMES, *scheme.findings)]
    for prediction in queue:
        meta = _meta(prediction)
        yield {
            "text": display_text(prediction),
            "options": options,
            "accept": _predicted(prediction),
            "meta": {"doc": meta["doc"], "q": meta["q"], "responder": meta["responder"]},
            **meta,
        }


# --- in: a tool's export back to labels records -----------------------------------------


def _identity(task: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Our metadata from a task: top-level keys first, then a nested `meta` (doccano, Prodigy)."""
    nested = task.get("meta") if isinstance(task.get("meta"), dict) else {}
    found = {key: task[key] if key in task else nested.get(key) for key in META_FIELDS}
    if not found["doc"] or found["q"] is None or not found["answer_start"]:
        raise AnnotationImportError(f"{where}: no doc/q/anchors in the task; import only tasks written by `foi-nlp review`")
    return found


def _answer(identity: Mapping[str, Any], labels: Iterable[str], scheme: Scheme, where: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(document fields, labels-file answer) from a task's identity and the person's labels."""
    labels = list(dict.fromkeys(labels))
    unknown = [label for label in labels if label not in OUTCOME_NAMES and label not in scheme.finding_names]
    if unknown:
        raise AnnotationImportError(f"{where}: unknown label(s) {unknown} for scheme {scheme.name!r}")
    outcomes = [label for label in labels if label in OUTCOME_NAMES]
    if len(outcomes) != 1:
        raise AnnotationImportError(f"{where}: needs exactly one outcome, got {outcomes or 'none'}")
    findings = [name for name in scheme.finding_names if name in labels]  # scheme order: stable output
    answer = {
        "q": str(identity["q"]),
        **{key: identity[key] for key in ANCHOR_FIELDS},
        "outcome": outcomes[0],
        "findings": findings,
        "exemptions": [str(e) for e in identity.get("exemptions") or []],
    }
    return {key: identity[key] for key in DOC_FIELDS}, answer


def _labelstudio(path: Path, scheme: Scheme) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    try:
        tasks = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise AnnotationImportError(f"{path}: not a Label Studio JSON export ({exc.msg})") from exc
    if not isinstance(tasks, list):
        raise AnnotationImportError(f"{path}: expected a list of tasks (Export > JSON)")
    for number, task in enumerate(tasks, 1):
        where = f"{path}: task {task.get('id', number)}"
        done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
        if not done:
            continue  # not labelled yet
        labels: list[str] = []
        for region in done[-1].get("result") or []:  # the latest annotation wins
            if region.get("type") == "choices" and region.get("from_name") in ("outcome", "findings"):
                labels += region.get("value", {}).get("choices") or []
        yield _answer(_identity(task.get("data") or {}, where), labels, scheme, where)


def _doccano(path: Path, scheme: Scheme) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for number, example in enumerate(read_jsonl(path), 1):
        where = f"{path}:{number}"
        labels = example.get("label", example.get("labels")) or []
        if not labels:
            continue  # not labelled yet
        if not all(isinstance(label, str) for label in labels):
            raise AnnotationImportError(f"{where}: labels are not category names (export a text-classification project)")
        yield _answer(_identity(example, where), labels, scheme, where)


def _prodigy(path: Path, scheme: Scheme) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Choice tasks (`accept` list) set an answer's labels; binary tasks (`label`) add or remove one."""
    identities: dict[tuple[str, str], dict[str, Any]] = {}
    chosen: dict[tuple[str, str], list[str]] = {}
    wheres: dict[tuple[str, str], str] = {}
    for number, task in enumerate(read_jsonl(path), 1):
        where = f"{path}:{number}"
        verdict = task.get("answer")
        if verdict not in ("accept", "reject"):
            continue  # ignored, or never annotated
        identity = _identity(task, where)
        key = answer_key(identity["doc"], identity["q"])
        identities[key], wheres[key] = identity, where
        labels = chosen.setdefault(key, [])
        if "options" in task or isinstance(task.get("accept"), list):
            if verdict == "accept":
                labels[:] = list(task.get("accept") or [])
        elif isinstance(task.get("label"), str):
            label = task["label"]
            if verdict == "reject":
                labels[:] = [other for other in labels if other != label]
            elif label in OUTCOME_NAMES:
                labels[:] = [other for other in labels if other not in OUTCOME_NAMES] + [label]
            elif label not in labels:
                labels.append(label)
    for key, labels in chosen.items():
        if labels:
            yield _answer(identities[key], labels, scheme, wheres[key])


_READERS = {"labelstudio": _labelstudio, "doccano": _doccano, "prodigy": _prodigy}


def import_labels(path: str | Path, *, source: str, scheme: Scheme | None = None) -> list[dict[str, Any]]:
    """Labels records (corpus/GUIDE.md format, one per document) from an annotation tool's export.

    Tasks nobody annotated are left out; a task with an unknown label or without
    exactly one outcome stops the import with its place in the file.
    """
    if source not in _READERS:
        raise ValueError(f"unknown source {source!r}; choose from {list(SOURCES)}")
    return group_by_doc(_READERS[source](Path(path), scheme or load_scheme()), source=source)
