"""foi-nlp's command line: each command is a thin wrapper over a plain function.

Run `foi-nlp --help` for the commands and `foi-nlp COMMAND --help` for each one.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    name="foi-nlp",
    help=(
        "Read Freedom of Information responses and say, answer by answer, what each body said.\n\n"
        "Typical run: foi-nlp classify corpus/  (extract, tag and classify every answer), then\n"
        "foi-nlp report predictions.jsonl --out report.html  (compare the bodies side by side)."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True)


@app.callback()
def main() -> None:
    """Read Freedom of Information responses and say, answer by answer, what each body said."""

# Exit codes scripts can rely on (documented in the README).
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


class RecordFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders of responses (folders are read recursively).", show_default=False)]
RequestOpt = Annotated[Optional[Path], typer.Option("--request", "-r", help="The request as sent (numbered questions): lines up answers in replies that never restate the questions.")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to this file (atomically) instead of standard output.")]


def _emit(records: list[dict], fmt: RecordFormat, out: Optional[Path], table_title: str) -> None:
    from pipeline.output import csv_text, to_jsonl, write_records

    if fmt is RecordFormat.table:
        table = Table(title=table_title, show_lines=False)
        for column in ("doc", "q", "responder", "question", "answer"):
            table.add_column(column, overflow="fold", max_width=60 if column in ("question", "answer") else None)
        for record in records:
            if "error" in record:
                table.add_row(record["doc"], "", "[red]error[/red]", "", record["error"])
            else:
                table.add_row(record["doc"], str(record["q"]), record.get("responder") or "", (record.get("question") or "")[:160], record["answer"][:240])
        Console(file=open(out, "w", encoding="utf-8") if out else sys.stdout, width=200 if out else None).print(table)
    elif out is not None:
        write_records(records, out, fmt.value)
    elif fmt is RecordFormat.jsonl:
        sys.stdout.writelines(to_jsonl(r) for r in records)
    else:
        sys.stdout.write(csv_text(records))


def _report_errors(records: list[dict]) -> int:
    failed = [r for r in records if "error" in r]
    for record in failed:
        err.print(f"[red]error[/red] {record['doc']}: {record['error']}", highlight=False, soft_wrap=True)
    return len(failed)


@app.command()
def extract(
    paths: PathsArg,
    out: OutOpt = None,
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f", help="jsonl (the contract other tools read), csv, or a table to read.")] = RecordFormat.jsonl,
    request: RequestOpt = None,
) -> None:
    """Split responses into question/answer records, with who answered, when and the facts cited.

    Folders are read recursively; inside a folder, each subfolder is one body's response
    (its letter plus attachments). One record per answer; a file that cannot be read gives
    one error record and the run carries on.

    Example: foi-nlp extract corpus/ --out answers.jsonl
    """
    from pipeline.extract import extract_paths
    from pipeline.request import load_request

    req = load_request(request) if request else None
    records = list(extract_paths(paths, request=req))
    _emit(records, fmt, out, "Extracted answers")
    failed = _report_errors(records)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


ModelOpt = Annotated[Optional[Path], typer.Option("--model", "-m", help="Model folder (default: $FOI_NLP_MODEL, else the shipped models/default).")]
SchemeOpt = Annotated[Optional[Path], typer.Option("--scheme", help="Findings scheme file (TOML); default: the bundled trafficking scheme.")]


def _load_model(folder: Optional[Path]):
    from pipeline.modelstore import ModelError, load_model

    try:
        return load_model(folder)
    except ModelError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None


def _answer_line(record: dict) -> str:
    flag = " [yellow](review)[/yellow]" if record["needs_review"] else ""
    findings = ", ".join(record["findings"]) or "-"
    return f"q{record['q']} [bold]{record['outcome']}[/bold] {record['outcome_confidence']:.0%}{flag}: {findings}"


def _classified_table(records: list[dict]) -> Table:
    """One row per document: who answered, and each answer's outcome, confidence and findings."""
    table = Table(title="Classified answers", show_lines=True)
    for column in ("doc", "responder", "answers"):
        table.add_column(column, overflow="fold")
    rows: dict[str, list[dict]] = {}
    for record in records:
        rows.setdefault(record["doc"], []).append(record)
    for doc, group in rows.items():
        if "error" in group[0]:
            table.add_row(doc, "[red]error[/red]", group[0]["error"])
        else:
            table.add_row(doc, group[0].get("responder") or "", "\n".join(_answer_line(r) for r in group))
    return table


def _print_headlines(records: list[dict], request_obj) -> None:
    """The report's headline sentences (pipeline.headlines, owned by the report stage)."""
    from pipeline.headlines import headlines

    for headline in headlines(records, request=request_obj):
        Console().print(f"[bold]{headline.title}[/bold]", highlight=False)
        for sentence in headline.sentences:
            Console().print(f"  {sentence}", highlight=False, soft_wrap=True)


@app.command()
def classify(
    paths: PathsArg,
    out: OutOpt = None,
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f", help="table (a summary per document), jsonl (the contract other tools read) or csv.")] = RecordFormat.table,
    model: ModelOpt = None,
    request: RequestOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for tagging and classifying.")] = 1,
    review_below: Annotated[float, typer.Option("--review-below", min=0.0, max=1.0, help="Mark an answer needs_review when its outcome, or a finding given, is less probable than this.")] = 0.6,
) -> None:
    """Extract, tag and classify every answer: outcome, findings, probabilities and evidence.

    Each record of `extract` gains outcome, outcome_confidence, findings, finding_scores
    (every label of the model's scheme), needs_review and evidence (the sentence that
    weighs most for each label given).

    Example: foi-nlp classify corpus/ --format jsonl --out predictions.jsonl
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from pipeline.classify import classify_paths
    from pipeline.output import csv_text, to_jsonl, write_records
    from pipeline.request import load_request

    foi_model = _load_model(model)
    req = load_request(request) if request else None
    records: list[dict] = []
    seen: set[str] = set()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("classifying documents", total=None)
        for record in classify_paths(paths, model=foi_model, request=req, jobs=jobs, review_below=review_below):
            records.append(record)
            if record["doc"] not in seen:
                seen.add(record["doc"])
                progress.update(task, completed=len(seen), description=f"classifying {record['doc']}")
    if fmt is RecordFormat.table:
        console = Console(file=open(out, "w", encoding="utf-8") if out else sys.stdout, width=200 if out else None)
        console.print(_classified_table(records))
        if out is None:
            _print_headlines(records, req)
    elif out is not None:
        write_records(records, out, fmt.value)
    elif fmt is RecordFormat.jsonl:
        sys.stdout.writelines(to_jsonl(r) for r in records)
    else:
        sys.stdout.write(csv_text(records))
    failed = _report_errors(records)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _scores_table(title: str, scores: dict[str, dict[str, float]]) -> Table:
    """Headline figures, one column per system."""
    table = Table(title=title)
    table.add_column("measure")
    for system in scores:
        table.add_column(system, justify="right")
    for measure in next(iter(scores.values())):
        table.add_row(measure.replace("_", " "), *(f"{figures[measure]:.3f}" for figures in scores.values()))
    return table


def _print_classification(result: dict) -> None:
    """Headline table, per-label F1 and the outcome confusion matrix of foi-nlp's model."""
    console = Console()
    systems = result["systems"]
    console.print(_scores_table(result["title"], {name: s["headline"] for name, s in systems.items()}))
    per_label = Table(title="Per-label F1 (support = gold answers)")
    per_label.add_column("label")
    per_label.add_column("support", justify="right")
    for name in systems:
        per_label.add_column(name, justify="right")
    main = systems[result["model"]]["per_label"]
    for label, figures in main.items():
        per_label.add_row(label, str(figures["support"]), *(f"{s['per_label'].get(label, {}).get('f1', 0):.3f}" for s in systems.values()))
    console.print(per_label)
    confusion = systems[result["model"]]["confusion"]
    matrix = Table(title=f"Outcome confusion matrix, {result['model']} (rows: gold, columns: predicted, numbered as the rows)")
    matrix.add_column("gold")
    for number in range(1, len(confusion["labels"]) + 1):
        matrix.add_column(str(number), justify="right")
    for number, (label, row) in enumerate(zip(confusion["labels"], confusion["matrix"]), 1):
        matrix.add_row(f"{number} {label}", *(str(n) for n in row))
    console.print(matrix)
    console.print(result["note"], highlight=False, soft_wrap=True)


@app.command()
def train(
    labels: Annotated[list[Path], typer.Argument(help="Labels files (corpus/GUIDE.md format); several are combined.", show_default=False)],
    docs: Annotated[Optional[list[Path]], typer.Option("--docs", "-d", help="Documents folder of each labels file, in the same order, or once for all (default: each labels file's folder).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Model folder to write (atomically).")] = Path("model"),
    scheme: SchemeOpt = None,
    request: RequestOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    cv: Annotated[bool, typer.Option("--cv/--no-cv", help="Record 5-fold grouped cross-validated scores in the model card.")] = True,
) -> None:
    """Train both heads (outcome, findings) from labelled responses and save a model folder.

    Answers are taken where the labels' anchors put them, so training does not depend on
    segmentation. The folder holds model.skops (safe format), model.json (the model card:
    labels, counts, cross-validated scores, data hash, versions) and manifest.json (sha256).

    Example: foi-nlp train corpus/labels.jsonl --docs corpus --out models/default --force
    """
    from pipeline.labels import SchemeError, load_scheme
    from pipeline.modelstore import ModelError
    from pipeline.request import load_request
    from pipeline.train import train_model

    if out.exists() and not force:
        err.print(f"[red]error[/red] {out} already exists; pass --force to replace it", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    try:
        model, data = train_model(labels, docs or [], scheme=load_scheme(scheme), out=out, overwrite=force, cv=cv,
                                  request=load_request(request) if request else None)
    except (ModelError, SchemeError, ValueError, OSError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    for reason in data.skipped:
        err.print(f"[yellow]skipped[/yellow] {reason}", highlight=False, soft_wrap=True)
    training = model.meta["training"]
    if model.meta["cv_scores"]:
        Console().print(_scores_table("Cross-validated scores (5-fold, grouped by document)", {"foi-nlp": model.meta["cv_scores"]}))
    err.print(f"trained on {training['answers']} answers from {training['documents']} documents -> {out}", highlight=False)


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


def _print_extraction(result: dict, title: str) -> None:
    """The extraction figures, then each document that missed or added answers."""
    summary = Table(title=title)
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    for name in ("documents", "gold_answers", "extracted_answers", "recall", "precision",
                 "responder_accuracy", "reference_accuracy", "date_accuracy", "exemptions_accuracy"):
        value = result[name]
        summary.add_row(name.replace("_", " "), "n/a" if value is None else f"{value:.1%}" if isinstance(value, float) else str(value))
    Console().print(summary)
    for doc in result["per_document"]:
        for miss in doc["misses"]:
            Console().print(f"[yellow]missed[/yellow] {doc['doc']} q{miss['q']}: {miss['answer_start']!r}", highlight=False, soft_wrap=True)
        for extra in doc["unmatched"]:
            Console().print(f"[cyan]unmatched[/cyan] {doc['doc']} q{extra['q']}: {extra['answer'][:100]!r}", highlight=False, soft_wrap=True)
        for error in doc["errors"]:
            Console().print(f"[red]error[/red] {doc['doc']}: {error}", highlight=False, soft_wrap=True)


@app.command()
def evaluate(
    labels: Annotated[list[Path], typer.Argument(help="Labels files (corpus/GUIDE.md format).", show_default=False)],
    docs: Annotated[Optional[list[Path]], typer.Option("--docs", "-d", help="Folder of each labels file's documents, in the same order (default: the labels file's folder).")] = None,
    request: RequestOpt = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="table to read, or json for scripts.")] = ReportFormat.table,
    model: Annotated[Optional[Path], typer.Option("--model", "-m", help="Also score this model folder's labels on the gold answers.")] = None,
    cv: Annotated[bool, typer.Option("--cv", help="Also compare keyword rules, TF-IDF + logistic regression and foi-nlp's model by 5-fold cross-validation grouped by document.")] = False,
    scheme: SchemeOpt = None,
) -> None:
    """Measure extraction against gold labels: answers found (recall), answers right (precision), metadata.

    With --model or --cv, also classification: outcome accuracy and macro-F1, findings
    micro/macro-F1, per-label F1 and the outcome confusion matrix, on the gold answers.

    Example: foi-nlp evaluate corpus/roundrobin/labels.jsonl --docs corpus/roundrobin/responses --request corpus/roundrobin/request.txt

    Example: foi-nlp evaluate corpus/labels.jsonl --docs corpus --cv
    """
    import json

    from pipeline.extraction_eval import evaluate_extraction
    from pipeline.request import load_request

    result = {"extraction": evaluate_extraction(labels, docs, request=load_request(request) if request else None)}
    if model is not None or cv:
        from pipeline.evaluate import evaluate_classification
        from pipeline.labels import SchemeError, load_scheme
        from pipeline.modelstore import ModelError

        try:
            result["classification"] = evaluate_classification(labels, docs or [], model_dir=model, cv=cv, scheme=load_scheme(scheme),
                                                               request=load_request(request) if request else None)
        except (ModelError, SchemeError, ValueError) as exc:
            err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_USAGE) from None
    if fmt is ReportFormat.json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    else:
        _print_extraction(result["extraction"], "Extraction against gold labels")
        for section in ("cv", "model"):
            if section in result.get("classification", {}):
                _print_classification(result["classification"][section])


class ReportOutput(str, Enum):
    html = "html"
    md = "md"
    csv = "csv"


@app.command()
def report(
    predictions: Annotated[list[Path], typer.Argument(help="`classify --format jsonl` output, or documents/folders to classify first.", show_default=False)],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Report file, written atomically (default: report.html, .md or .csv).")] = None,
    fmt: Annotated[Optional[ReportOutput], typer.Option("--format", "-f", help="html (one offline page), md, or csv (one row per body and question). Default: from --out's extension, else html.")] = None,
    request: RequestOpt = None,
    compare: Annotated[Optional[list[Path]], typer.Option("--compare", "-c", help="An earlier round of the same request (predictions or documents): show what changed.")] = None,
    scheme: Annotated[Optional[Path], typer.Option("--scheme", help="Findings scheme file (default: the labels the predictions carry).")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Report title (default: the predictions' file name).")] = None,
) -> None:
    """Compare every body's answers to the same request: headlines, a matrix, charts and evidence.

    Example: foi-nlp report predictions.jsonl --request request.txt --out report.html
    """
    from pipeline.labels import SchemeError
    from pipeline.report import ReportError, build_report

    try:
        result = build_report(predictions=predictions, out=out, fmt=fmt.value if fmt else None, request=request, compare_with=compare, scheme=scheme, title=title)
    except (ReportError, SchemeError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    summary = result.summary
    err.print(f"{len(summary.bodies)} bodies, {len(summary.questions)} questions, {len(summary.unmatched)} answer(s) outside them -> {result.out}", highlight=False)
    failed = _report_errors(summary.errors)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


# --- the labelling loop: review, label, import-labels -------------------------------------


class ReviewFormat(str, Enum):
    labels = "labels"
    labelstudio = "labelstudio"
    doccano = "doccano"
    prodigy = "prodigy"


class AnnotationSource(str, Enum):
    labelstudio = "labelstudio"
    doccano = "doccano"
    prodigy = "prodigy"


PredictionsArg = Annotated[Path, typer.Argument(help="Predictions from `foi-nlp classify --format jsonl`.", show_default=False)]
LabelSchemeOpt = Annotated[Optional[Path], typer.Option("--scheme", help="Findings scheme file (TOML); default: the bundled trafficking scheme.")]


if TYPE_CHECKING:
    from pipeline.labels import Scheme


def _load_labelling_inputs(predictions: Path, scheme: Optional[Path]) -> tuple[list[dict], Scheme]:
    from pipeline.labels import SchemeError, load_scheme
    from pipeline.review import PredictionsError, load_predictions

    try:
        return load_predictions(predictions), load_scheme(scheme)
    except (OSError, ValueError, PredictionsError, SchemeError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from exc


@app.command()
def review(
    predictions: PredictionsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="The labels file to write; the annotation-tool files are written beside it.")],
    n: Annotated[int, typer.Option("--n", min=1, help="How many answers to pick.")] = 50,
    formats: Annotated[Optional[list[ReviewFormat]], typer.Option("--format", "-f", help="Annotation-tool files to write beside OUT (repeat the option for several; default: all). `labels` writes OUT only.")] = None,
    scheme: LabelSchemeOpt = None,
) -> None:
    """Pick the answers most worth labelling next and write them ready for labelling.

    Least confident first (low outcome confidence, findings near 0.5), spread across bodies and predicted labels; the same predictions always give the same queue. The model's labels are pre-filled, so a person only corrects them. Files written:

    * OUT: this project's labels format (corpus/GUIDE.md), one line per document, marked "source": "review" (unchecked).

    * OUT.labelstudio.json + OUT.labelstudio.xml: Label Studio tasks with pre-annotations, and the labelling interface to paste into the project's settings.

    * OUT.doccano.jsonl + OUT.doccano.labels.json: doccano text-classification examples and its label set.

    * OUT.prodigy.jsonl: Prodigy choice tasks (prodigy mark DATASET OUT.prodigy.jsonl --view-id choice).

    OUT's extension is replaced: --out review.jsonl gives review.labelstudio.json.

    Example: foi-nlp review predictions.jsonl --n 50 --out review.jsonl --format labelstudio

    Then label in the tool, export, and: foi-nlp import-labels export.json --from labelstudio --out labels.jsonl

    Or label in the terminal instead: foi-nlp label predictions.jsonl --out labels.jsonl
    """
    from pipeline.review import TOOL_FORMATS, write_review

    records, label_scheme = _load_labelling_inputs(predictions, scheme)
    chosen = [f.value for f in formats] if formats else list(TOOL_FORMATS)
    written = write_review(records, n=n, out=out, scheme=label_scheme, formats=[f for f in chosen if f != "labels"])
    for path in written:
        err.print(f"wrote {path}", highlight=False)


@app.command("import-labels")
def import_labels(
    file: Annotated[Path, typer.Argument(help="The annotation tool's export.", show_default=False)],
    source: Annotated[AnnotationSource, typer.Option("--from", help="labelstudio (Export > JSON), doccano (Export > JSONL), or prodigy (db-out JSONL).")],
    out: OutOpt = None,
    scheme: LabelSchemeOpt = None,
) -> None:
    """Turn an annotation tool's export of a `foi-nlp review` queue back into labels (corpus/GUIDE.md format).

    Each answer keeps its doc, q, anchors and exemptions from the task's metadata and takes its outcome and findings from the person's annotation; tasks nobody annotated are left out. Lines are marked "source" with the tool's name.

    Example: foi-nlp import-labels project-3-at-2024-05-01.json --from labelstudio --out my-labels.jsonl

    Then train on them with the bundled corpus: foi-nlp train corpus/labels.jsonl my-labels.jsonl --docs corpus --docs my-responses
    """
    from pipeline.annotation_io import AnnotationImportError
    from pipeline.annotation_io import import_labels as read_export
    from pipeline.labels import SchemeError, load_scheme
    from pipeline.output import to_jsonl, write_records

    try:
        records = read_export(file, source=source.value, scheme=load_scheme(scheme))
    except (OSError, ValueError, AnnotationImportError, SchemeError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from exc
    if out is not None:
        write_records(records, out, "jsonl")
    else:
        sys.stdout.writelines(to_jsonl(r) for r in records)
    answers = sum(len(r["answers"]) for r in records)
    err.print(f"{answers} labelled answers in {len(records)} documents" + (f" -> {out}" if out else ""), highlight=False)


@app.command()
def label(
    predictions: PredictionsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Labels file to add to (created if missing); answers already in it are skipped.")],
    n: Annotated[int, typer.Option("--n", min=1, help="Size of the review queue (the same answers `foi-nlp review --n` picks).")] = 50,
    scheme: LabelSchemeOpt = None,
) -> None:
    """Label the review queue in the terminal: accept the prediction with Enter, fix it with a key.

    Keys: Enter accepts the labels shown; 1-7 set the outcome (in corpus/GUIDE.md's rule order); letters toggle findings (the key map is on screen); s skips; q quits.

    Each decision is written to OUT at once, so stopping at any moment (q or Ctrl-C) keeps every decision made; run the same command again to carry on where you stopped.

    Example: foi-nlp label predictions.jsonl --out my-labels.jsonl
    """
    from pipeline.labeller import render, session, terminal_keys

    records, label_scheme = _load_labelling_inputs(predictions, scheme)
    console = Console()

    def show(screen) -> None:
        console.clear()
        console.print(render(screen, label_scheme))

    try:
        tally = session(records, out=out, keys=terminal_keys(), scheme=label_scheme, n=n, show=show)
    except KeyboardInterrupt:
        err.print(f"\nstopped: every decision so far is in {out}; run the same command to resume", highlight=False)
        raise typer.Exit(EXIT_OK) from None
    err.print(f"{tally.labelled} labelled ({tally.changed} changed), {tally.skipped} skipped -> {out}"
              + ("; run the same command to resume" if tally.stopped else ""), highlight=False)



if __name__ == "__main__":
    app()
