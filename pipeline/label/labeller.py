"""A quick terminal labeller for the review queue: accept with Enter, fix with a key.

The core, `run`, is a pure loop over a stream of keys, so tests drive it with a list
of keys and no terminal. Each decision is appended to the labels file at once (one
complete line, flushed and fsynced), so stopping at any moment, Ctrl-C included,
leaves a valid file; answers already in the file are skipped, so a new session
resumes where the last one stopped. At the end of a session the file is rewritten
(atomically) with one line per document, as the labels format wants.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from ..goldlabels import LabelsError
from ..labels import OUTCOME_NAMES, Scheme
from ..output import atomic_writer, to_jsonl
from .labelqueue import answer_entry, answer_key, doc_fields, doubt, flatten, group_by_doc, label_keys
from .review import queue_order, select

ENTER = ("\r", "\n")
SKIP, QUIT = "s", "q"
SOURCE = "labeller"


@dataclass
class Draft:
    """The labels a person is about to give one answer; starts as the model's prediction."""

    outcome: str
    findings: list[str]


@dataclass(frozen=True)
class Screen:
    """Everything shown for one answer."""

    prediction: Mapping[str, Any]
    draft: Draft
    position: int
    total: int


@dataclass
class Tally:
    """What a session did."""

    labelled: int = 0
    changed: int = 0
    skipped: int = 0
    stopped: bool = False  # quit (or keys ran out) before the end of the queue


def labelled_record(prediction: Mapping[str, Any], draft: Draft) -> dict[str, Any]:
    """One decision as a labels record holding one answer."""
    answer = {**answer_entry(prediction), "outcome": draft.outcome, "findings": list(draft.findings)}
    return {**doc_fields(prediction), "source": SOURCE, "answers": [answer]}


def run(
    queue: Sequence[Mapping[str, Any]],
    keys: Iterable[str],
    *,
    scheme: Scheme,
    record: Callable[[dict[str, Any]], None],
    show: Callable[[Screen], None] = lambda screen: None,
) -> Tally:
    """Label `queue` by `keys`: Enter keeps the draft, a digit sets the outcome, a letter toggles
    a finding, `s` skips, `q` quits; unknown keys are ignored. `record` gets each decision."""
    keymap = label_keys(scheme.finding_names)
    stream = iter(keys)
    tally = Tally()
    for position, prediction in enumerate(queue, 1):
        predicted = [f for f in scheme.finding_names if f in (prediction.get("findings") or [])]
        draft = Draft(str(prediction["outcome"]), predicted)
        while True:
            show(Screen(prediction, draft, position, len(queue)))
            key = next(stream, QUIT)
            if key == QUIT:
                tally.stopped = True
                return tally
            if key == SKIP:
                tally.skipped += 1
                break
            if key in ENTER:
                record(labelled_record(prediction, draft))
                tally.labelled += 1
                tally.changed += (draft.outcome, draft.findings) != (prediction["outcome"], predicted)
                break
            label = keymap.get(key)
            if label in OUTCOME_NAMES:
                draft.outcome = label
            elif label is not None:
                chosen = set(draft.findings) ^ {label}
                draft.findings = [f for f in scheme.finding_names if f in chosen]
    return tally


# --- the labels file: append, resume, compact -----------------------------------------


def read_labelled(path: str | Path) -> list[dict[str, Any]]:
    """The records already in `path`; a last line cut short by a crash is dropped (atomically)."""
    path = Path(path)
    if not path.exists():
        return []
    text = path.read_text("utf-8")
    if text and not text.endswith("\n"):
        head, _, tail = text.rpartition("\n")
        try:
            json.loads(tail)
            text = text + "\n"  # complete, only its newline is missing
        except json.JSONDecodeError:
            text = head + "\n" if head else ""
        with atomic_writer(path) as handle:
            handle.write(text)
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise LabelsError(f"{path}:{number}: not JSON ({exc.msg}); fix or move the file") from exc
    return records


def append_record(path: str | Path, record: Mapping[str, Any]) -> None:
    """Append one line in a single write, then fsync: the line is on disk, whole, when this returns."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, to_jsonl(dict(record)).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def compact(path: str | Path, order: Mapping[tuple[str, str], int]) -> None:
    """Rewrite `path` atomically with one line per document, answers in document order."""
    records = group_by_doc(flatten(read_labelled(path)), order=order)
    with atomic_writer(path) as handle:
        handle.writelines(to_jsonl(record) for record in records)


def session(
    predictions: Sequence[Mapping[str, Any]],
    *,
    out: str | Path,
    keys: Iterable[str],
    scheme: Scheme,
    n: int = 50,
    show: Callable[[Screen], None] = lambda screen: None,
) -> Tally:
    """Label the review queue of `predictions` (the same `n` answers `foi-nlp review` picks) into `out`."""
    done = {answer_key(r["doc"], a["q"]) for r in read_labelled(out) for a in r.get("answers", [])}
    queue = [p for p in queue_order(select(predictions, n=n), predictions) if answer_key(p["doc"], p["q"]) not in done]
    appended = 0

    def record(decision: dict[str, Any]) -> None:
        nonlocal appended
        append_record(out, decision)
        appended += 1

    try:
        return run(queue, keys, scheme=scheme, record=record, show=show)
    finally:
        if appended:
            compact(out, {answer_key(p["doc"], p["q"]): i for i, p in enumerate(predictions)})


# --- the terminal: keys in, screens out -------------------------------------------------


def terminal_keys(stream: TextIO | None = None) -> Iterator[str]:
    """Single key presses from a terminal (no Enter needed), or the characters of a pipe."""
    stream = stream or sys.stdin
    if not stream.isatty():
        while char := stream.read(1):
            yield char
        return
    import termios
    import tty

    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)  # keys arrive one by one; Ctrl-C still interrupts
        while char := stream.read(1):
            yield char
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _answer_text(prediction: Mapping[str, Any]) -> Text:
    text = Text(str(prediction["answer"]))
    sentences = [s for s in (prediction.get("evidence") or {}).values() if isinstance(s, str) and s.strip()]
    text.highlight_words(sentences, style="bold black on yellow")
    return text


def _key_line(keys: list[tuple[str, str]], chosen: set[str]) -> Text:
    line = Text()
    for key, name in keys:
        line.append(f"{key} {name}", style="reverse" if name in chosen else "")
        line.append("  ")
    return line


def render(screen: Screen, scheme: Scheme) -> RenderableType:
    """One answer: question, answer (evidence highlighted), the prediction, the draft and the keys."""
    p, draft = screen.prediction, screen.draft
    keymap = label_keys(scheme.finding_names)
    scores = p.get("finding_scores") or {}
    predicted = Text.assemble(
        ("model: ", "dim"), (str(p["outcome"]), "bold"), f" ({float(p.get('outcome_confidence', 0)):.0%})",
        "  ", ", ".join(f"{f} ({float(scores.get(f, 0)):.0%})" for f in p.get("findings") or []) or "no findings",
    )
    chosen = {draft.outcome, *draft.findings}
    title = f"[{screen.position}/{screen.total}] {p.get('responder') or p['doc']} · {p['doc']} · question {p['q']}"
    note = doubt(p)
    answer_title = Text.assemble("answer", (f"  {note}", "bold red") if note else "")
    return Group(
        Panel(Text(str(p.get("question") or "(question not restated)")), title=title, title_align="left"),
        Panel(_answer_text(p), title=answer_title, title_align="left"),
        predicted,
        Text.assemble(("label:  ", "dim"), (draft.outcome, "bold green"), "  ", ", ".join(draft.findings) or "no findings"),
        _key_line([(k, name) for k, name in keymap.items() if name in OUTCOME_NAMES], chosen),
        _key_line([(k, name) for k, name in keymap.items() if name not in OUTCOME_NAMES], chosen),
        Text("Enter accept   s skip   q quit", style="dim"),
    )
