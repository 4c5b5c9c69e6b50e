"""Training: labels files in, a fitted (and optionally saved) model out.

The recipe is examples (gold answers located in their documents) -> spaCy tags ->
classify's fit_model, with grouped cross-validated scores recorded in the model card.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..classify import FoiModel, definition_terms, save_model, training_meta
from ..extract import Request
from ..labels import Scheme, load_scheme
from ..modelfiles import MANIFEST_FILE, ModelError
from ..tag import DEFAULT_COMPONENTS, load_nlp, pipeline_info, tag_records
from .evaluate import cross_validate
from .segmenter import fit_segmenter, load_segmentation_examples
from .sources import sources, without
from .examples import TrainingData, check_labels, load_examples
from .fit import fit_model

UNREVIEWED_SOURCE = "review"


class UnreviewedLabelsError(ValueError):
    """Labels files still hold the model's own unchecked predictions (`foi-nlp review` output)."""


def check_replaceable(out: Path) -> None:
    """Refuse to replace anything but a model folder (or an empty one): --force is for an old model,
    and an --out that names the replies or a labels file by mistake would lose them."""
    if not out.exists() or (out.is_dir() and ((out / MANIFEST_FILE).is_file() or not any(out.iterdir()))):
        return
    raise ModelError(f"{out}: not a model folder (no {MANIFEST_FILE}); --force replaces only a model, so choose another --out")


def unreviewed_answers(labels_files: Sequence[str | Path]) -> dict[str, int]:
    """Answers per labels file on lines marked `"source": "review"`.

    `foi-nlp review` pre-fills the model's predictions and marks them so: training on
    them unchecked teaches the model its own mistakes and flatters its scores.
    Lines that are not JSON are left for the labels loader to report.
    """
    counts: dict[str, int] = {}
    for labels_file in labels_files:
        for line in Path(labels_file).read_text("utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("source") == UNREVIEWED_SOURCE:
                counts[str(labels_file)] = counts.get(str(labels_file), 0) + len(record.get("answers") or [])
    return counts


def unreviewed_message(counts: dict[str, int]) -> str:
    """One line naming each file and how many answers in it nobody has checked."""
    where = ", ".join(f"{n} in {name}" for name, n in counts.items())
    return (f"{sum(counts.values())} answers still carry unchecked model predictions (\"source\": \"review\"): {where}. "
            "Check them with `foi-nlp label` or an annotation tool and `foi-nlp import-labels`, or, once you have "
            "checked a line by hand, change its \"source\" to \"checked\"")


def check_enough(data: TrainingData) -> None:
    """Refuse labels nothing can be fitted on, in words: scikit-learn would say "This solver needs samples of at
    least 2 classes" or "max_df corresponds to < documents than min_df"."""
    documents = {e.group for e in data.examples}
    outcomes = sorted({e.outcome for e in data.examples})
    if len(documents) < 2 or len(outcomes) < 2:
        raise ValueError(f"too few labels to train on: {len(data.examples)} answers of {len(documents)} document(s), "
                         f"outcome(s) {', '.join(outcomes)}; a model needs the answers of at least 2 documents and 2 outcomes: "
                         "label more, or train with the bundled corpus beside yours (corpus/labels.jsonl --docs corpus)")


def train_model(
    labels_files: Sequence[str | Path],
    docs_dirs: Sequence[str | Path] = (),
    *,
    scheme: Scheme | None = None,
    out: str | Path | None = None,
    request: Request | None = None,
    requests: Sequence[str | Path | None] = (),
    components: tuple[str, ...] = DEFAULT_COMPONENTS,
    cv: bool = True,
    overwrite: bool = False,
    allow_unreviewed: bool = False,
    segmenter: bool = True,
    classify_only: Sequence[str | Path] = (),
) -> tuple[FoiModel, TrainingData]:
    """Train both heads from labels files, and (with `segmenter`) the segmenter that finds the
    answers in replies, on all of them but the `classify_only` ones (replies written to teach
    outcomes, whose layouts would teach it nothing real); with `out`, save the model folder (atomically).

    Each labels file's request is `requests` (once for all, or one per file), else `request`,
    else a request.txt beside it. Findings of files labelled in another scheme than `scheme`
    are left out where `scheme` lacks them (examples.py). Refuses labels marked
    `"source": "review"` unless `allow_unreviewed` (then the model card records how many there were).
    """
    if out is not None and overwrite:
        check_replaceable(Path(out))  # before the training, which may take minutes
    unreviewed = unreviewed_answers(labels_files)
    if unreviewed and not allow_unreviewed:
        raise UnreviewedLabelsError(unreviewed_message(unreviewed) + "; or pass --allow-unreviewed to train on them anyway")
    scheme = scheme or load_scheme()
    data = load_examples(labels_files, docs_dirs, request=request, requests=requests, scheme=scheme)
    if not data.examples:
        raise ValueError("no labelled answers could be located in the documents")
    check_labels(data, scheme)
    check_enough(data)
    nlp = load_nlp(components)
    tagged = tag_records([e.record for e in data.examples], nlp)
    definitions = definition_terms(scheme, nlp)
    model = fit_model(tagged, [e.outcome for e in data.examples], [e.findings for e in data.examples],
                      finding_labels=scheme.finding_names, definitions=definitions, groups=[e.body for e in data.examples],
                      documents=[e.group for e in data.examples], asked=scheme.per_question)
    scores = cross_validate(tagged, data.examples, scheme, definitions).headline() if cv else None
    model.meta = training_meta(model, scheme, pipeline_info(nlp), data, scores, [str(f) for f in labels_files],
                               unreviewed=sum(unreviewed.values()))
    if segmenter:
        found = sources(labels_files, docs_dirs, requests, request=request)
        examples, _ = load_segmentation_examples(without(found, classify_only))
        model.segmenter = fit_segmenter(examples)
        model.meta["segmenter"] = model.segmenter.meta
    if out is not None:
        save_model(model, out, overwrite=overwrite)
    return model, data
