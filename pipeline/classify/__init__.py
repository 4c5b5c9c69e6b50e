"""The classify stage: tagged answers in, each answer's outcome, findings, evidence and value out.

cues and features turn a tagged answer into scikit-learn features, model holds the
two calibrated heads (outcome, findings) and fits them, modelstore saves and loads a
model folder safely (skops, a sha256 manifest) with the card modelcard writes, and
predict streams documents through extract, tag and the model, in parallel and with
a record cache (cluster.py runs the same on a Dask cluster's workers), and values
reads each answer's value (a count, an amount, yes/no, a name) from the same tagged
tokens. Start at predict.py.
"""
from __future__ import annotations

from .features import definition_terms
from .model import FoiModel, fit_model
from .modelstore import load_model, save_model, training_meta
from .predict import classify_documents, classify_paths, classify_records, nlp_for
from .values import WEIGHTS_FILE, Candidates, Value, ValueWeights, answer_value, load_weights, owner_words, value_candidates


def __getattr__(name: str) -> object:
    """The Dask backend (cluster.py) is imported only when asked for: distributed takes most of a second."""
    if name in ("SchedulerError", "connect_scheduler"):
        from . import cluster

        return getattr(cluster, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "WEIGHTS_FILE", "Candidates", "FoiModel", "SchedulerError", "Value", "ValueWeights", "answer_value",
    "classify_documents", "classify_paths", "classify_records", "connect_scheduler", "definition_terms", "fit_model",
    "load_model", "load_weights", "nlp_for", "owner_words", "save_model", "training_meta", "value_candidates",
]
