"""The classify stage: tagged answers in, each answer's outcome, findings, evidence and value out.

cues and features turn a tagged answer into features, linear computes the fitted
feature union and heads from arrays (pipeline/train/fit.py fits them with
scikit-learn, which classifying never imports), model holds the two calibrated heads
(outcome, findings) and the subject gate, modelstore saves and loads a model folder
safely (arrays without pickle, a sha256 manifest) with the card modelcard writes, and
predict streams documents through extract, tag and the model, in parallel and with
a record cache (cluster.py runs the same on a Dask cluster's workers), and values
reads each answer's value (a count, an amount, yes/no, a name) from the same tagged
tokens. Start at predict.py.
"""
from __future__ import annotations

from .cues import answer_cues
from .features import (ANSWER_MIN_DF, ANSWER_NGRAMS, QUESTION_BLOCK, answer_terms, definition_index, definition_overlap,
                       definition_terms, question_terms)
from .linear import Block, Features, Head
from .model import FoiModel, answer_blocks
from .modelstore import load_model, save_model, training_meta
from .predict import REVIEW_BELOW, classify_documents, classify_paths, classify_records, needs_review, nlp_for
from .values import WEIGHTS_FILE, Candidates, Value, ValueWeights, answer_value, load_weights, owner_words, value_candidates


def __getattr__(name: str) -> object:
    """The Dask backend (cluster.py) is imported only when asked for: distributed takes most of a second."""
    if name in ("SchedulerError", "connect_scheduler"):
        from . import cluster

        return getattr(cluster, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ANSWER_MIN_DF", "ANSWER_NGRAMS", "QUESTION_BLOCK", "REVIEW_BELOW", "WEIGHTS_FILE", "Block", "Candidates", "Features", "FoiModel", "Head",
    "SchedulerError", "Value", "ValueWeights", "answer_blocks", "answer_cues", "answer_terms", "answer_value", "classify_documents",
    "classify_paths", "classify_records", "connect_scheduler", "definition_index", "definition_overlap", "definition_terms",
    "load_model", "load_weights", "needs_review", "nlp_for", "owner_words", "question_terms", "save_model", "training_meta", "value_candidates",
]
