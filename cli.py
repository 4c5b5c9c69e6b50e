"""foi-nlp's command line: each command is a thin wrapper over a plain function.

Run `foi-nlp --help` for the commands and `foi-nlp COMMAND --help` for each one.
"""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

# Exit codes scripts can rely on are defined, with the README's table, in pipeline.runner.
from pipeline import views
from pipeline.collector import pace_for_batch
from pipeline.output import is_stdout, names_file
from pipeline.runner import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, arrow, parse_size, print_error

app = typer.Typer(
    name="foi-nlp",
    help=(
        "Read Freedom of Information responses and say, answer by answer, what each body said.\n\n"
        "Typical run:\n\n"
        "- `foi-nlp classify corpus/` extracts, tags and classifies every answer, then\n"
        "- `foi-nlp report predictions.jsonl --out report.html` compares the bodies side by side."
    ),
    no_args_is_help=True,
    add_completion=False,
    # Help texts are Markdown: a docstring's lines join into paragraphs that fit any terminal (under "rich",
    # each line break is kept, and an 80-column terminal cuts every sentence in two).
    rich_markup_mode="markdown",
)
# Every line on stderr is a log line (a summary, a warning, "-> path"): never wrapped, so a log or grep keeps it whole.
err = Console(stderr=True, soft_wrap=True)


def _message(exc: Exception) -> str:
    """An exception as an error line's text: an OS error as "path: reason", not Python's "[Errno 2] ...: 'path'"."""
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


def _needs_file(out: Optional[Path], why: str) -> None:
    """Refuse `--out -` (exit 2, saying `why`) where OUT cannot be standard output, rather than make a file named "-"."""
    if is_stdout(out):
        print_error(err, f"--out -: {why}")
        raise typer.Exit(EXIT_USAGE)


@app.callback()
def main() -> None:
    """Read Freedom of Information responses and say, answer by answer, what each body said."""
    pace_for_batch()  # every command is one batch: the cycle collector at a batch's pace (pipeline/collector.py)


class RecordFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


_SUFFIX_FORMATS = {".jsonl": RecordFormat.jsonl, ".json": RecordFormat.jsonl, ".csv": RecordFormat.csv}


def _record_format(fmt: Optional[RecordFormat], out: Optional[Path], default: RecordFormat) -> str:
    """--format as given, else what --out's extension says (predictions.jsonl, answers.csv), else `default`
    (also for `--out -`, standard output): a table written into a file named .jsonl would be no JSONL for the next
    command to read."""
    if fmt is not None:
        return fmt.value
    return _SUFFIX_FORMATS.get(out.suffix.lower(), default).value if out is not None else default.value


PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders of responses (folders are read recursively).", show_default=False)]
RequestOpt = Annotated[Optional[Path], typer.Option("--request", "-r", help="The request as sent (numbered questions): lines up answers in replies that never restate the questions.")]
RequestsOpt = Annotated[Optional[list[Path]], typer.Option("--request", "-r", help="The request each labels file's replies answer: once for all, or once per labels file in the same order (default: a request.txt beside the labels file).")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to this file (atomically) instead of standard output; `-` is standard output.")]
MaxSizeOpt = Annotated[Optional[int], typer.Option("--max-size", parser=parse_size, metavar="SIZE", help="Refuse files bigger than this (e.g. 50MB, 500KB), each with an error record. Default: 50MB.")]
ResumeOpt = Annotated[bool, typer.Option("--resume", help="Keep the documents already complete in --out (jsonl) and process only the others.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the traceback of each failed document and of an unexpected error.")]


@app.command()
def extract(
    paths: PathsArg,
    out: OutOpt = None,
    fmt: Annotated[Optional[RecordFormat], typer.Option("--format", "-f", help="jsonl (the contract other tools read), csv, or a table to read. Default: from --out's extension (.jsonl, .csv), else jsonl.")] = None,
    request: RequestOpt = None,
    model: Annotated[Optional[Path], typer.Option("--model", "-m", help="Model folder whose trained segmenter finds the answers (default: $FOI_NLP_MODEL, else the shipped models/default; a folder without one: the hand rules).")] = None,
    max_size: MaxSizeOpt = None,
    resume: ResumeOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Split responses into question/answer records, with who answered, when and the facts cited.

    Folders are read recursively; inside a folder, each subfolder is one body's response
    (its letter plus attachments). One record per answer; a file that cannot be read gives
    one error record and the run carries on.

    Example: foi-nlp extract corpus/ --out answers.jsonl
    """
    from pipeline.extract import extract_paths
    from pipeline.runner import Run, check_paths, guarded

    with guarded(err, out=out, debug=debug):
        check_paths(paths)
        run = Run(err, out=out, fmt=_record_format(fmt, out, RecordFormat.jsonl), resume=resume, required_key="answer")
        records = extract_paths(paths, request=_read_request(request), max_bytes=max_size, admit=run.admit,
                                segmenter=_load_segmenter(model))
        run.write(run.track(records), table=views.extracted_table)
        code = run.finish()
    raise typer.Exit(code)


def _load_segmenter(folder: Optional[Path]):
    """The trained segmenter of a model folder (None: it has none, so the hand rules split replies)."""
    from pipeline.extract import load_segmenter
    from pipeline.modelfiles import ModelError, default_model_dir
    from pipeline.runner import UsageError

    if folder is not None and not folder.is_dir():
        raise UsageError(f"{folder}: no model folder here (train one with `foi-nlp train`)")
    try:
        return load_segmenter(folder or default_model_dir())
    except ModelError as exc:
        raise UsageError(str(exc)) from exc


def _read_request(path: Optional[Path]):
    """The request as sent, if given; an unreadable one is a usage error (exit 2), not a failed document."""
    if path is None:
        return None
    from pipeline.documents import ReadError
    from pipeline.extract import load_request
    from pipeline.runner import UsageError

    try:
        return load_request(path)
    except (ReadError, OSError) as exc:
        raise UsageError(f"{path}: cannot read the request ({exc})") from exc


ModelOpt = Annotated[Optional[Path], typer.Option("--model", "-m", help="Model folder (default: $FOI_NLP_MODEL, else the shipped models/default).")]
SchemeOpt = Annotated[Optional[Path], typer.Option("--scheme", help="Findings scheme file (TOML); default: the bundled trafficking scheme.")]
ClassifyOnlyOpt = Annotated[Optional[list[Path]], typer.Option("--classify-only", help="A labels file (also given as LABELS) whose answers train the classifier but not the segmenter, and are never scored: replies written to teach outcomes (corpus/outcomes), whose layouts would teach the segmenter nothing real.")]


def _load_model(folder: Optional[Path]):
    from pipeline.classify import load_model
    from pipeline.modelfiles import ModelError

    try:
        return load_model(folder)
    except ModelError as exc:
        print_error(err, str(exc))
        raise typer.Exit(EXIT_USAGE) from None


@app.command()
def classify(
    paths: PathsArg,
    out: OutOpt = None,
    fmt: Annotated[Optional[RecordFormat], typer.Option("--format", "-f", help="table (a summary per document), jsonl (the contract other tools read) or csv. Default: from --out's extension (.jsonl, .csv), else table.")] = None,
    model: ModelOpt = None,
    request: RequestOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for tagging and classifying.")] = 1,
    review_below: Annotated[float, typer.Option("--review-below", min=0.0, max=1.0, help="Mark an answer needs_review when its outcome is less probable than this, or a finding given less probable than 0.6 (or this, if lower); an answer extraction flagged check_answer is always marked. At 0.9, on real replies of bodies the model never saw, about a fifth of the answers are marked, holding nearly two thirds of the wrong outcomes (README).")] = 0.9,
    max_size: MaxSizeOpt = None,
    resume: ResumeOpt = False,
    debug: DebugOpt = False,
    cache: Annotated[Optional[Path], typer.Option("--cache", metavar="DIR", help="Folder of the tagged-doc cache, reused by content on later runs (default: $FOI_NLP_CACHE, else ~/.cache/foi-nlp).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Tag every answer afresh and store nothing.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Answers tagged and classified together.")] = 64,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="Run on a Dask cluster: tcp://HOST:8786 (a `dask scheduler` whose workers see the same files), or local:N for N worker processes on this machine.")] = None,
) -> None:
    """Extract, tag and classify every answer: outcome, findings, probabilities and evidence.

    Each record of `extract` gains outcome, outcome_confidence, findings, finding_scores
    (every label of the model's scheme), needs_review and evidence (the sentence that
    weighs most for each label given).

    Example: foi-nlp classify corpus/ --format jsonl --out predictions.jsonl

    Example: foi-nlp classify replies/ --scheduler tcp://10.0.0.5:8786 --format jsonl --out predictions.jsonl
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from pipeline.classify import classify_paths
    from pipeline.runner import Run, UsageError, check_paths, guarded
    from pipeline.tag import default_cache_dir

    with guarded(err, out=out, debug=debug):
        check_paths(paths)
        if scheduler and jobs > 1:
            raise UsageError("--jobs and --scheduler do not mix: the cluster's workers are the jobs")
        foi_model = _load_model(model)
        req = _read_request(request)
        fmt_name = _record_format(fmt, out, RecordFormat.table)
        run = Run(err, out=out, fmt=fmt_name, resume=resume, required_key="outcome")
        columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with _cluster(scheduler) as cluster, Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
            task = progress.add_task("classifying documents", total=None)
            records = classify_paths(paths, model=foi_model, request=req, jobs=jobs, review_below=review_below,
                                     max_bytes=max_size, admit=run.admit, batch_size=batch_size,
                                     cache_dir=None if no_cache else cache or default_cache_dir(),
                                     cluster=cluster, skip=run.done)
            tracked = run.track(records, on_document=lambda doc: progress.update(task, advance=1, description=f"classifying {doc}"))
            headlines = None
            if not names_file(out) and fmt_name == "table":  # the report stage (and its scikit-learn) only for a table shown here
                from pipeline.report import headlines_from_records

                headlines = partial(headlines_from_records, request=req)
            run.write(tracked, table=views.classified_view(headlines))
        code = run.finish()
    raise typer.Exit(code)


def _cluster(scheduler: Optional[str]):
    """A Dask client for --scheduler (an unreachable or malformed address is a usage error), else nothing."""
    if scheduler is None:
        return contextlib.nullcontext()
    from pipeline.classify import connect_scheduler

    return connect_scheduler(scheduler)


@app.command()
def train(
    labels: Annotated[list[Path], typer.Argument(help="Labels files (corpus/GUIDE.md format); several are combined.", show_default=False)],
    docs: Annotated[Optional[list[Path]], typer.Option("--docs", "-d", help="Documents folder of each labels file, in the same order, or once for all (default: each labels file's folder).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Model folder to write (atomically).")] = Path("model"),
    scheme: SchemeOpt = None,
    request: RequestsOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists and is a model folder (an old model); anything else there is never replaced.")] = False,
    cv: Annotated[bool, typer.Option("--cv/--no-cv", help="Record 5-fold cross-validated scores (each body held out) in the model card.")] = True,
    allow_unreviewed: Annotated[bool, typer.Option("--allow-unreviewed", help="Train even on labels still marked \"source\": \"review\" (the model's unchecked predictions).")] = False,
    classify_only: ClassifyOnlyOpt = None,
) -> None:
    """Train both heads (outcome, findings) from labelled responses and save a model folder.

    Answers are taken where the labels' anchors put them, so training does not depend on
    segmentation. The folder holds model.npz (numbers and words, read without pickle), model.json (the model card:
    labels, counts, cross-validated scores, data hash, versions, training files),
    MODEL_CARD.md (the same for people) and manifest.json (sha256). It is written beside
    OUT and moved into place, so a failed or interrupted run leaves OUT as it was.

    Labels files straight from `foi-nlp review` ("source": "review") hold the model's own
    unchecked predictions and are refused unless --allow-unreviewed. A labels file with its own
    scheme.toml beside it, other than --scheme, keeps only the findings --scheme shares; its
    answers teach the model where the others are absent.

    An answer labelled twice (the same reply and question, in one labels file or in two) is trained on
    once, with a line saying where; labelled twice differently, it stops the run before training.

    Example: foi-nlp train corpus/labels.jsonl corpus/real/mysociety/labels.jsonl --docs corpus --docs corpus/real/mysociety --out my-model

    models/default is trained on the corpus and every real labels file: `python scripts/train_default.py`.

    Example: foi-nlp train corpus/labels.jsonl my-labels.jsonl --docs corpus --docs my-responses --out my-model
    """
    import time

    from pipeline.documents import ReadError
    from pipeline.modelfiles import ModelError
    from pipeline.labels import SchemeError, load_scheme
    from pipeline.train import train_model, unreviewed_answers, unreviewed_message

    _needs_file(out, "a model is a folder, not a stream: give its path")
    if out.exists() and not force:
        print_error(err, f"{out} already exists; pass --force to replace it")
        raise typer.Exit(EXIT_USAGE)
    with _keeping_model(out):
        started = time.perf_counter()
        try:
            unreviewed = unreviewed_answers(labels)
            if unreviewed and allow_unreviewed:
                err.print(f"[bold yellow]warning[/bold yellow] {escape(unreviewed_message(unreviewed))}; training on them anyway "
                          "(--allow-unreviewed), as the model card records", highlight=False, soft_wrap=True)
            model, data = train_model(labels, docs or [], scheme=load_scheme(scheme), out=out, overwrite=force, cv=cv,
                                      requests=request or [], allow_unreviewed=allow_unreviewed, classify_only=classify_only or [])
        except (ModelError, SchemeError, ValueError, OSError, ReadError) as exc:
            print_error(err, _message(exc))
            raise typer.Exit(EXIT_USAGE) from None
        for reason in data.skipped:
            err.print(f"[yellow]skipped[/yellow] {escape(reason)}", highlight=False, soft_wrap=True)
        training = model.meta["training"]
        if model.meta["cv_scores"]:
            views.console().print(views.scores_table("Cross-validated scores (5-fold, each body held out)", {"foi-nlp": model.meta["cv_scores"]}))
        err.print(f"trained on {training['answers']} answers from {training['documents']} documents in "
                  f"{time.perf_counter() - started:.0f}s -> {out} (see {out / 'MODEL_CARD.md'})", highlight=False)


def _folder_id(folder: Path) -> Optional[tuple[int, int]]:
    """Which folder stands at `folder` (device and inode), None if none: a model moved into place is another folder."""
    try:
        stat = folder.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


@contextlib.contextmanager
def _keeping_model(out: Path) -> Iterator[None]:
    """Ctrl-C during `train` is one line and exit 130 (Typer alone exits 130 in silence), saying what is in OUT:
    the model is written beside it and moved in whole, so OUT is as it was, unless the move had already been made."""
    before = _folder_id(out)
    try:
        yield
    except KeyboardInterrupt:
        if _folder_id(out) != before:
            said = f"the new model in {out} was already complete"
        else:
            said = f"the model in {out} was not changed" if before else f"no model was written to {out}"
        err.print(f"\ninterrupted: {said}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


class CvBy(str, Enum):
    body = "body"
    document = "document"


@app.command()
def evaluate(
    labels: Annotated[list[Path], typer.Argument(help="Labels files (corpus/GUIDE.md format).", show_default=False)],
    docs: Annotated[Optional[list[Path]], typer.Option("--docs", "-d", help="Folder of each labels file's documents, in the same order (default: the labels file's folder).")] = None,
    request: RequestsOpt = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="table to read, or json for scripts.")] = ReportFormat.table,
    model: Annotated[Optional[list[Path]], typer.Option("--model", "-m", help="Also score this model folder's labels on the gold answers; repeat to compare models (e.g. old and new).")] = None,
    cv: Annotated[bool, typer.Option("--cv", help="Also cross-validate, holding each body's replies out (see --cv-by): the trained segmenter against the hand rules (extraction), and keyword rules, TF-IDF + logistic regression and foi-nlp's model (classification), overall and per labels file.")] = False,
    cv_by: Annotated[CvBy, typer.Option("--cv-by", help="What a classification cross-validation split never divides: a body's replies (who answered: a folder-per-body round's folder, else the responder) or a document.")] = CvBy.body,
    train_only: Annotated[Optional[list[Path]], typer.Option("--train-only", help="A labels file (also given as LABELS) whose answers train every fold and are never scored, e.g. the fictional corpus beside real replies.")] = None,
    cv_repeats: Annotated[Optional[int], typer.Option("--cv-repeats", min=1, show_default=False, help="How many assignments of bodies to folds the cross-validations run (default 5: their figures move a point or two with which bodies share a fold): the segmenter's figures are their mean; the classification tables are the first's, each one's headline figures and their mean printed after them. 1 for a quick look.")] = None,
    learning_curve: Annotated[bool, typer.Option("--learning-curve", help="Also show how the cross-validated figures grow with 20%, 40%, ... 100% of the training documents: the segmenter's (answers found; --train-only files train whole) and foi-nlp's labels.")] = False,
    scheme: SchemeOpt = None,
    classify_only: ClassifyOnlyOpt = None,
) -> None:
    """Measure extraction against gold labels: answers found (recall), answers right (precision), metadata.

    Extraction uses the segmenter of the first --model (default: the shipped model's).
    Each labels file's request is --request, else a request.txt beside it.

    With --model, --cv or --learning-curve, also classification: outcome accuracy and
    macro-F1, findings micro/macro-F1, per-label precision/recall/F1, findings given where
    the gold has none, and the outcome confusion matrix, on the gold answers.

    Example: foi-nlp evaluate corpus/roundrobin/labels.jsonl --docs corpus/roundrobin/responses --request corpus/roundrobin/request.txt

    Example: foi-nlp evaluate corpus/labels.jsonl --docs corpus --cv --learning-curve

    Example: foi-nlp evaluate corpus/labels.jsonl corpus/real/pages/labels.jsonl --docs corpus --docs corpus/real/pages --train-only corpus/labels.jsonl --cv

    Example: foi-nlp evaluate held-out.jsonl --docs my-responses --model models/default --model my-model
    """
    import json

    from pipeline.documents import ReadError
    from pipeline.runner import UsageError, interruptible
    from pipeline.train import evaluate_extraction, unreviewed_answers, unreviewed_message

    with interruptible(err):  # minutes with --cv: Ctrl-C is one line and exit 130, as for every long command
        try:
            unreviewed = unreviewed_answers(labels)
        except OSError as exc:
            print_error(err, _message(exc))
            raise typer.Exit(EXIT_USAGE) from None
        if unreviewed:
            err.print(f"[bold yellow]warning[/bold yellow] {escape(unreviewed_message(unreviewed))}: scores against them "
                      "measure agreement with a model, not correctness", highlight=False, soft_wrap=True)
        try:
            segmenter = _load_segmenter(model[0] if model else None)
            result = {"extraction": evaluate_extraction(labels, docs, requests=request or [], segmenter=segmenter)}
        except (UsageError, ValueError, ReadError) as exc:
            print_error(err, str(exc))
            raise typer.Exit(EXIT_USAGE) from None
        if cv or learning_curve:
            from pipeline.train import CV_REPEATS, segmentation_cv

            try:
                result["segmentation_cv"] = segmentation_cv(labels, docs or [], requests=request or [], curve=learning_curve,
                                                            train_only=train_only or [], classify_only=classify_only or [],
                                                            repeats=CV_REPEATS if cv_repeats is None else cv_repeats)
            except ValueError as exc:  # too few labelled documents for a fold: one line, as the other measures say it
                print_error(err, str(exc))
                raise typer.Exit(EXIT_USAGE) from None
        if model or cv or learning_curve:
            from pipeline.modelfiles import ModelError
            from pipeline.labels import SchemeError, load_scheme
            from pipeline.train import CV_REPEATS, evaluate_classification

            try:
                result["classification"] = evaluate_classification(labels, docs or [], model_dirs=model or [], cv=cv, curve=learning_curve,
                                                                   scheme=load_scheme(scheme), requests=request or [],
                                                                   cv_by=cv_by.value, train_only=[*(train_only or []), *(classify_only or [])],
                                                                   repeats=CV_REPEATS if cv_repeats is None else cv_repeats)
            except (ModelError, SchemeError, ValueError, ReadError) as exc:
                print_error(err, str(exc))
                raise typer.Exit(EXIT_USAGE) from None
        skipped = [*result["extraction"]["skipped"], *result.get("classification", {}).get("data", {}).get("skipped", [])]
        for reason in dict.fromkeys(skipped):  # a missing document is skipped by both measures: one line
            err.print(f"[yellow]skipped[/yellow] {escape(reason)}", highlight=False, soft_wrap=True)
        if fmt is ReportFormat.json:
            sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
            return
        views.print_extraction(result["extraction"], "Extraction against gold labels")
        if "segmentation_cv" in result:
            views.print_segmentation_cv(result["segmentation_cv"])
            if "learning_curve" in result["segmentation_cv"]:
                views.print_segmentation_curve(result["segmentation_cv"]["learning_curve"])
        classification = result.get("classification", {})
        if "cv" in classification:
            views.print_classification(classification["cv"], confusions=["foi-nlp"])
        for section in classification.get("cv_sets", {}).values():
            views.print_classification_set(section)
        if "cv_assignments" in classification:
            views.print_cv_assignments(classification["cv_assignments"])
        if "learning_curve" in classification:
            views.print_learning_curve(classification["learning_curve"])
        if "model" in classification:
            views.print_classification(classification["model"], confusions=list(classification["model"]["systems"]))


class ReportOutput(str, Enum):
    html = "html"
    md = "md"
    csv = "csv"


@app.command()
def report(
    predictions: Annotated[list[Path], typer.Argument(help="`classify --format jsonl` output, or documents/folders to classify first.", show_default=False)],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Report file, written atomically (default: report.html, .md or .csv); `-` is standard output.")] = None,
    fmt: Annotated[Optional[ReportOutput], typer.Option("--format", "-f", help="html (one offline page), md, or csv (one row per body and question). Default: from --out's extension, else html.")] = None,
    request: RequestOpt = None,
    compare: Annotated[Optional[list[Path]], typer.Option("--compare", "-c", help="An earlier round of the same request (predictions or documents): show what changed.")] = None,
    scheme: Annotated[Optional[Path], typer.Option("--scheme", help="Findings scheme file (default: the labels the predictions carry).")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Report title (default: the predictions' file name).")] = None,
    wide: Annotated[bool, typer.Option("--wide", help="CSV only: one row per body with a value column per question (and the findings), as a journalist's table.")] = False,
    docs: Annotated[Optional[list[Path]], typer.Option("--docs", "-d", help="The folder classify read, once for all .jsonl predictions or once per file in their order: the HTML links each source file (default: plain names, as the records do not say where their files are; documents given to report itself are always linked).")] = None,
    debug: DebugOpt = False,
) -> None:
    """Compare every body's answers to the same request: headlines, each answer's value, a matrix, charts and evidence.

    Example: foi-nlp report predictions.jsonl --request request.txt --out report.html

    Example: foi-nlp report replies/predictions.jsonl --docs replies --out replies/report.html (source files become links relative to the report: zip the folder to share both)

    Example: foi-nlp report predictions.jsonl --request request.txt --wide --out table.csv
    """
    from pipeline.labels import SchemeError
    from pipeline.report import ReportError, build_report
    from pipeline.runner import Stats, UsageError, check_out, guarded

    with guarded(err, out=out, debug=debug):
        check_out(out)
        try:
            result = build_report(predictions=predictions, out=out, fmt=fmt.value if fmt else None, request=request, compare_with=compare,
                                  scheme=scheme, title=title, wide=wide, docs=docs)
        except (ReportError, SchemeError) as exc:
            raise UsageError(str(exc)) from exc
    summary = result.summary
    for record in summary.errors:
        print_error(err, f"{record['doc']}: {record['error']}")
    err.print(f"{result.tally}{arrow(result.out)}", highlight=False)
    raise typer.Exit(Stats(failed=len(summary.errors)).exit_code)


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
    from pipeline.label import PredictionsError, load_predictions

    try:
        return load_predictions(predictions), load_scheme(scheme)
    except (OSError, ValueError, PredictionsError, SchemeError) as exc:
        print_error(err, _message(exc))
        raise typer.Exit(EXIT_USAGE) from exc


@app.command()
def review(
    predictions: PredictionsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="The labels file to write; the annotation-tool files are written beside it (`-`: standard output, with --format labels alone).")],
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
    from pipeline.label import TOOL_FORMATS, write_review
    from pipeline.runner import interruptible

    chosen = [f.value for f in formats] if formats else list(TOOL_FORMATS)
    tools = [f for f in chosen if f != "labels"]
    if tools:
        _needs_file(out, f"the {', '.join(tools)} files are written beside OUT: give a path, or --format labels alone")
    with interruptible(err, "; each file written so far is whole, the others are as they were"):
        records, label_scheme = _load_labelling_inputs(predictions, scheme)
        written = write_review(records, n=n, out=out, scheme=label_scheme, formats=tools)
    for path in written:
        if not is_stdout(path):
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
    from pipeline.label import AnnotationImportError
    from pipeline.label import import_labels as read_export
    from pipeline.labels import SchemeError, load_scheme
    from pipeline.output import STDOUT, write_records
    from pipeline.runner import interruptible, left_as_it_was

    with interruptible(err, left_as_it_was(out)):
        try:
            records = read_export(file, source=source.value, scheme=load_scheme(scheme))
        except (OSError, ValueError, AnnotationImportError, SchemeError) as exc:
            print_error(err, _message(exc))
            raise typer.Exit(EXIT_USAGE) from exc
        write_records(records, out or STDOUT, "jsonl")
    answers = sum(len(r["answers"]) for r in records)
    err.print(f"{answers} labelled answers in {len(records)} documents{arrow(out)}", highlight=False)


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
    from pipeline.goldlabels import LabelsError
    from pipeline.label import render, session, terminal_keys

    _needs_file(out, "label reads and adds to its labels file: give its path")
    records, label_scheme = _load_labelling_inputs(predictions, scheme)
    console = Console()

    def show(screen) -> None:
        console.clear()
        console.print(render(screen, label_scheme))

    try:
        tally = session(records, out=out, keys=terminal_keys(), scheme=label_scheme, n=n, show=show)
    except (LabelsError, OSError) as exc:  # OUT unreadable or not a labels file: one line, not a traceback
        print_error(err, _message(exc))
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        err.print(f"\nstopped: every decision so far is in {out}; run the same command to resume", highlight=False)
        raise typer.Exit(EXIT_OK) from None
    err.print(f"{tally.labelled} labelled ({tally.changed} changed), {tally.skipped} skipped -> {out}"
              + ("; run the same command to resume" if tally.stopped else ""), highlight=False)



if __name__ == "__main__":
    app()
