"""How results look in the terminal: Rich tables for records, classifications and evaluations.

Kept apart from cli.py so the commands stay thin wrappers and the views can be
reused; document text is always rendered as plain Text (a "[/b]" in a letter is
not markup).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import IO, Any

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .output import value_text

# Columns of a table written to a file or a pipe. Rich lays out for 80 there, and cuts a wide
# table's cells to "0…" (the evaluation's per-label table has ten figure columns): a log keeps it whole.
PIPED_WIDTH = 200


def console(file: IO[str] | None = None) -> Console:
    """A Rich console for tables: the terminal's width on a terminal, PIPED_WIDTH columns into a file or a
    pipe, where no one can widen the window; COLUMNS, when set, decides as Rich has it."""
    shown = Console(file=file)
    if shown.is_terminal or os.environ.get("COLUMNS"):
        return shown
    return Console(file=file, width=PIPED_WIDTH)


def extracted_table(records: list[dict]) -> Table:
    """One row per answer, or per document that failed (document text as plain Text: "[/b]" in a letter is not markup)."""
    table = Table(title="Extracted answers", show_lines=False)
    for column in ("doc", "q", "responder", "question", "answer"):
        table.add_column(column, overflow="fold", max_width=60 if column in ("question", "answer") else None)
    for record in records:
        if "error" in record:
            table.add_row(Text(record["doc"]), "", "[red]error[/red]", "", Text(record["error"]))
        else:
            cells = (record["doc"], str(record["q"]), record.get("responder") or "", (record.get("question") or "")[:160], record["answer"][:240])
            table.add_row(*(Text(cell) for cell in cells))
    return table


_VALUE_WIDTH = 40  # characters of a value shown in the table: a long name list or text is cut to fit beside the rest


def _answer_line(record: dict) -> str:
    """'q1 provided 99% · 312', then the findings in brackets when there are any (as the Markdown table has them):
    the value is what a reader looks for first."""
    flag = " [yellow](review)[/yellow]" if record["needs_review"] else ""
    line = f"q{escape(str(record['q']))} [bold]{escape(record['outcome'])}[/bold] {record['outcome_confidence']:.0%}{flag}"
    value = value_text(str(record.get("value_kind") or ""), record.get("value"), record.get("value_detail") or {})
    if value:
        line += " · " + escape(value if len(value) <= _VALUE_WIDTH else value[: _VALUE_WIDTH - 1] + "…")
    if record["findings"]:
        line += " (" + escape(", ".join(record["findings"])) + ")"
    return line


def classified_table(records: list[dict]) -> Table:
    """One row per document: who answered, and each answer's outcome, confidence, value and findings."""
    table = Table(title="Classified answers", show_lines=True)
    for column in ("doc", "responder", "answers"):
        table.add_column(column, overflow="fold")
    rows: dict[str, list[dict]] = {}
    for record in records:
        rows.setdefault(record["doc"], []).append(record)
    for doc, group in rows.items():
        if "error" in group[0]:
            table.add_row(Text(doc), "[red]error[/red]", Text(group[0]["error"]))
        else:
            table.add_row(Text(doc), Text(group[0].get("responder") or ""), "\n".join(_answer_line(r) for r in group))
    return table


def classified_view(headlines: Callable[[list[dict]], Sequence[Any]] | None):
    """The classify table, followed on screen by the headlines `headlines` makes of the records
    (the report's: each has a key, a title and sentences), each question's under its number as the
    report shows it ("Q3. The number of ...": two questions may open alike); None shows the table alone."""

    def view(records: list[dict]) -> Group:
        parts = [classified_table(records)]
        for headline in headlines(records) if headlines else []:
            parts.append(Text(f"Q{headline.key}. {headline.title}" if headline.key else headline.title, style="bold"))
            parts.extend(Text(f"  {sentence}") for sentence in headline.sentences)
        return Group(*parts)

    return view


def scores_table(title: str, scores: dict[str, dict[str, float]]) -> Table:
    """Headline figures, one column per system."""
    table = Table(title=title)
    table.add_column("measure")
    for system in scores:
        table.add_column(system, justify="right")
    for measure in next(iter(scores.values())):
        table.add_row(measure.replace("_", " "), *(f"{figures[measure]:.3f}" for figures in scores.values()))
    return table


def _per_label_table(systems: dict[str, dict], main: str) -> Table:
    """Precision, recall and F1 of every label, three columns per system."""
    table = Table(title="Per-label precision / recall / F1 (support = gold answers)")
    table.add_column("label", no_wrap=True)
    table.add_column("support", justify="right")
    for name in systems:
        for measure in ("P", "R", "F1"):
            table.add_column(f"{name}\n{measure}", justify="right")
    for label, figures in systems[main]["per_label"].items():
        cells = [f"{s['per_label'].get(label, {}).get(key, 0):.3f}" for s in systems.values() for key in ("precision", "recall", "f1")]
        table.add_row(label, str(figures["support"]), *cells)
    return table


def _confusion_table(name: str, confusion: dict) -> Table:
    matrix = Table(title=f"Outcome confusion matrix, {name} (rows: gold, columns: predicted, numbered as the rows)")
    matrix.add_column("gold")
    for number in range(1, len(confusion["labels"]) + 1):
        matrix.add_column(str(number), justify="right")
    for number, (label, row) in enumerate(zip(confusion["labels"], confusion["matrix"]), 1):
        matrix.add_row(f"{number} {label}", *(str(n) for n in row))
    return matrix


def _unfounded_line(systems: dict) -> str:
    """Findings each system gave to answers whose gold has none (off the scheme's subject, or just none)."""
    parts = [f"{name} {s['unfounded_findings']['findings']} (on {s['unfounded_findings']['answers']} answers)"
             for name, s in systems.items() if "unfounded_findings" in s]
    of = next((s["unfounded_findings"]["of"] for s in systems.values() if "unfounded_findings" in s), 0)
    return f"findings given to the {of} answers whose gold has none: " + ", ".join(parts)


def _replies_line(systems: dict) -> str:
    """How often each system's outcomes roll up to the reply's own status (labels.reply_status)."""
    parts = [f"{name} {s['replies']['status_accuracy']:.3f}" for name, s in systems.items() if s.get("replies")]
    first = next((s["replies"] for s in systems.values() if s.get("replies")), None)
    if first is None:
        return ""
    gold = ", ".join(f"{status} {count}" for status, count in first["gold"].items())
    return f"reply status rolled up from the answers' outcomes, right for: {', '.join(parts)} (of {first['replies']} replies: {gold})"


def _review_line(systems: dict) -> str:
    """What the needs_review mark catches at each outcome bar: the answers it marks and the wrong outcomes among them."""
    parts = []
    for name, figures in systems.items():
        review = figures.get("review")
        if not review:
            continue
        bars = [f"under {b['below']:g}{' (the default)' if b['below'] == review['default'] else ''} {b['marked']} "
                f"({b['marked'] / max(review['answers'], 1):.0%}), {b['wrong_marked']} of the {review['wrong']} wrong, "
                f"the rest {b['unmarked_accuracy']:.3f} right" for b in review["bars"]]
        parts.append(f"{name}: " + "; ".join(bars))
    return ("answers marked needs_review by the outcome's probability: " + " | ".join(parts)) if parts else ""


def print_classification(result: dict, confusions: list[str]) -> None:
    """Headline table, per-label precision/recall/F1, and the outcome confusion matrix of each system in `confusions`."""
    out = console()
    systems = result["systems"]
    out.print(scores_table(result["title"], {name: s["headline"] for name, s in systems.items()}))
    for line in (_unfounded_line(systems), _replies_line(systems), _review_line(systems)):
        if line:
            out.print(line, highlight=False, soft_wrap=True)
    out.print(_per_label_table(systems, result["model"]))
    for name in confusions:
        out.print(_confusion_table(name, systems[name]["confusion"]))
    out.print(result["note"], highlight=False, soft_wrap=True)


def print_classification_set(result: dict) -> None:
    """One labels file's share of a cross-validation: the headline figures of every system, and foi-nlp's confusion."""
    out = console()
    systems = result["systems"]
    out.print(scores_table(result["title"], {name: s["headline"] for name, s in systems.items()}))
    for line in (_unfounded_line(systems), _replies_line(systems), _review_line(systems)):
        if line:
            out.print(line, highlight=False, soft_wrap=True)
    out.print(_confusion_table(result["model"], systems[result["model"]]["confusion"]))


def print_learning_curve(curve: dict) -> None:
    """One row per fraction of the training documents: how the scores grow with more labels."""
    table = Table(title="Learning curve (out-of-fold scores, same test answers at every row)")
    measures = ("outcome_accuracy", "outcome_macro_f1", "findings_micro_f1", "findings_macro_f1")
    for column in ("share of training docs", "docs per fold", "answers per fold", *(m.replace("_", " ") for m in measures)):
        table.add_column(column, justify="right")
    for point in curve["points"]:
        scores = point["scores"]
        figures = [f"{scores[m]:.3f}" for m in measures] if scores else ["n/a"] * len(measures)
        table.add_row(f"{point['fraction']:.0%}", f"{point['training_documents']:g}", f"{point['training_answers']:g}", *figures)
    console().print(table)
    for point in curve["points"]:
        if "unscored" in point:
            console().print(f"{point['fraction']:.0%}: {point['unscored']}", highlight=False, soft_wrap=True, markup=False)
    console().print(curve["note"], highlight=False, soft_wrap=True)


_ASSIGNMENT_COLUMNS = (("foi-nlp", "outcome_accuracy", "accuracy"), ("foi-nlp", "outcome_macro_f1", "macro-F1"),
                       ("foi-nlp", "findings_micro_f1", "findings micro-F1"), ("foi-nlp", "status_accuracy", "reply status"),
                       ("keyword rules", "outcome_macro_f1", "keyword macro-F1"), ("tfidf + logreg", "outcome_macro_f1", "TF-IDF macro-F1"))


def print_cv_assignments(result: dict) -> None:
    """The cross-validated headline figures on each assignment of bodies to folds, and their mean."""
    table = Table(title="Cross-validated comparison over assignments of bodies to folds (foi-nlp, then the baselines)")
    table.add_column("assignment")
    for _, _, heading in _ASSIGNMENT_COLUMNS:
        table.add_column(heading, justify="right")
    rows = [(str(k), run) for k, run in enumerate(result["runs"])] + [("mean", result["mean"])]
    for name, run in rows:
        table.add_row(name, *(f"{run[system][key]:.3f}" if key in run.get(system, {}) else "n/a"
                              for system, key, _ in _ASSIGNMENT_COLUMNS))
    console().print(table)
    if result.get("sets"):
        sets = Table(title="foi-nlp per labels file over the same assignments: mean (lowest-highest)")
        sets.add_column("set")
        for _, key, heading in _ASSIGNMENT_COLUMNS[:4]:
            sets.add_column(heading, justify="right")
        for name, figures in result["sets"].items():
            values = [[run["foi-nlp"].get(key) for run in figures["runs"]] for _, key, _ in _ASSIGNMENT_COLUMNS[:4]]
            sets.add_row(escape(name), *(f"{sum(v) / len(v):.3f} ({min(v):.3f}-{max(v):.3f})" if None not in v else "n/a"
                                         for v in values))
        console().print(sets)
    console().print(result["note"], highlight=False, soft_wrap=True)


def print_segmentation_cv(result: dict) -> None:
    """Body-held-out recall, precision and question accuracy (Q: answers found that are filed under their
    own question) per labels file: the trained segmenter beside the hand rules."""
    table = Table(title=result["note"])
    for name, justify in (("set", "left"), ("documents", "right"), ("gold answers", "right"), ("segmenter R", "right"),
                          ("segmenter P", "right"), ("segmenter Q", "right"), ("rules R", "right"), ("rules P", "right"),
                          ("rules Q", "right")):
        table.add_column(name, justify=justify)
    for name, systems in result["sets"].items():
        ours, rules = systems["segmenter"], systems["rules"]
        cells = [ours["recall"], ours["precision"], ours["question_accuracy"],
                 rules["recall"], rules["precision"], rules["question_accuracy"]]
        table.add_row(escape(name), str(ours["documents"]), str(ours["gold_answers"]),
                      *("n/a" if v is None else f"{v:.1%}" for v in cells))
    console().print(table)
    print_check_flag(result["check_flag"])
    for name, systems in result["sets"].items():
        runs = systems.get("assignments") or []
        if len(runs) > 1:
            spread = [f"{key} {_range([run[key] for run in runs])}" for key in ("recall", "precision")]
            console().print(f"{name}: segmenter {', '.join(spread)} over the {len(runs)} assignments", highlight=False,
                            soft_wrap=True, markup=False)


def print_check_flag(figures: dict[str, dict[str, float | None]]) -> None:
    """What the `check_answer` flag is worth per set and over the real ones (train/segmenter.py, `check_flag`)."""
    table = Table(title="Answers flagged check_answer (their words score low as an answer's): body held out")
    for name, justify in (("set", "left"), ("answers flagged", "right"), ("wrong answers among them", "right"),
                          ("unflagged answers right", "right"), ("all answers right", "right")):
        table.add_column(name, justify=justify)
    for name, rates in figures.items():
        table.add_row(escape(name), *("n/a" if rates.get(key) is None else f"{rates[key]:.1%}"
                                      for key in ("checked_share", "wrong_checked_share", "unchecked_precision", "precision")))
    console().print(table)


def _range(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{min(known):.1%}-{max(known):.1%}" if known else "n/a"


def print_segmentation_curve(curve: dict) -> None:
    """One row per fraction of the training replies: each set's recall / precision, body held out."""
    points = curve["points"]
    names = list(points[0]["sets"]) if points else []
    table = Table(title="Segmentation learning curve (answers found / right, same test replies at every row)")
    for column in ("share of training replies", "replies per fold", *names):
        table.add_column(escape(column), justify="right")
    for point in points:
        cells = [point["sets"][name] for name in names]
        table.add_row(f"{point['fraction']:.0%}", f"{point['training_replies']:g}",
                      *(f"{c['recall']:.1%} / {c['precision']:.1%}" if c["recall"] is not None and c["precision"] is not None else "n/a" for c in cells))
    console().print(table)
    console().print(curve["note"], highlight=False, soft_wrap=True)


def print_extraction(result: dict, title: str) -> None:
    """The extraction figures, then each document that missed or added answers."""
    summary = Table(title=title)
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    for name in ("documents", "gold_answers", "extracted_answers", "unlabellable_answers", "recall", "precision",
                 "question_accuracy", "responder_accuracy", "reference_accuracy", "date_accuracy", "exemptions_accuracy"):
        value = result[name]
        summary.add_row(name.replace("_", " "), "n/a" if value is None else f"{value:.1%}" if isinstance(value, float) else str(value))
    console().print(summary)
    for doc in result["per_document"]:
        for miss in doc["misses"]:
            console().print(f"[yellow]missed[/yellow] {escape(doc['doc'])} q{escape(str(miss['q']))}: {escape(repr(miss['answer_start']))}", highlight=False, soft_wrap=True)
        for wrong in doc["misfiled"]:
            console().print(f"[magenta]misfiled[/magenta] {escape(doc['doc'])} q{escape(str(wrong['q']))}: found under "
                            f"{escape(', '.join(f'q{q}' for q in wrong['filed_under']))}", highlight=False, soft_wrap=True)
        for extra in doc["unmatched"]:
            console().print(f"[cyan]unmatched[/cyan] {escape(doc['doc'])} q{escape(str(extra['q']))}: {escape(repr(extra['answer'][:100]))}", highlight=False, soft_wrap=True)
        for error in doc["errors"]:
            console().print(f"[red]error[/red] {escape(doc['doc'])}: {escape(str(error))}", highlight=False, soft_wrap=True)
