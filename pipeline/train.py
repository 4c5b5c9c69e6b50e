"""Training: labels files in, a fitted (and optionally saved) model out.

The recipe is examples (gold answers located in their documents) -> spaCy tags ->
model.fit_model, with grouped cross-validated scores recorded in the model card.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .evaluate import cross_validate
from .features import definition_terms
from .examples import TrainingData, check_labels, load_examples
from .labels import Scheme, load_scheme
from .model import FoiModel, fit_model
from .modelstore import save_model, training_meta
from .nlp import DEFAULT_COMPONENTS, load_nlp, pipeline_info, tag_records
from .request import Request


def train_model(
    labels_files: Sequence[str | Path],
    docs_dirs: Sequence[str | Path] = (),
    *,
    scheme: Scheme | None = None,
    out: str | Path | None = None,
    request: Request | None = None,
    components: tuple[str, ...] = DEFAULT_COMPONENTS,
    cv: bool = True,
    overwrite: bool = False,
) -> tuple[FoiModel, TrainingData]:
    """Train both heads from labels files; with `out`, save the model folder (atomically)."""
    scheme = scheme or load_scheme()
    data = load_examples(labels_files, docs_dirs, request=request)
    if not data.examples:
        raise ValueError("no labelled answers could be located in the documents")
    check_labels(data, scheme)
    nlp = load_nlp(components)
    tagged = tag_records([e.record for e in data.examples], nlp)
    definitions = definition_terms(scheme, nlp)
    model = fit_model(tagged, [e.outcome for e in data.examples], [e.findings for e in data.examples],
                      finding_labels=scheme.finding_names, definitions=definitions, groups=[e.group for e in data.examples])
    scores = cross_validate(tagged, data.examples, scheme, definitions).headline() if cv else None
    model.meta = training_meta(model, scheme, pipeline_info(nlp), data, scores, [str(f) for f in labels_files])
    if out is not None:
        save_model(model, out, overwrite=overwrite)
    return model, data
