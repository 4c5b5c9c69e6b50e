"""The classify stage: tagged answers in, each answer's outcome, findings and evidence out.

cues and features turn a tagged answer into scikit-learn features, model holds the
two calibrated heads (outcome, findings) and fits them, modelstore saves and loads a
model folder safely (skops, a sha256 manifest) with the card modelcard writes, and
predict streams documents through extract, tag and the model, in parallel and with
a record cache. Start at predict.py.
"""
from __future__ import annotations

from .features import definition_terms
from .model import FoiModel, fit_model
from .modelstore import ModelError, default_model_dir, load_model, save_model, training_meta
from .predict import classify_documents, classify_paths, classify_records, nlp_for

__all__ = [
    "FoiModel", "ModelError", "classify_documents", "classify_paths", "classify_records", "default_model_dir",
    "definition_terms", "fit_model", "load_model", "nlp_for", "save_model", "training_meta",
]
