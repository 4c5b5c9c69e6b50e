"""The label stage: classify predictions in, checked labels (the corpus/GUIDE.md format) out.

review picks the answers most worth labelling and writes them with the model's labels
pre-filled, annotation_io converts that queue to and from Label Studio, doccano and
Prodigy, labeller is the terminal labeller, and labelqueue moves answers between the
predictions' flat form and the labels file's. Labels reach the train stage only as a
file (pipeline.goldlabels). Start at review.py.
"""
from __future__ import annotations

from .annotation_io import AnnotationImportError, import_labels
from .labeller import render, session, terminal_keys
from .review import TOOL_FORMATS, PredictionsError, load_predictions, write_review

__all__ = [
    "TOOL_FORMATS", "AnnotationImportError", "PredictionsError", "import_labels", "load_predictions",
    "render", "session", "terminal_keys", "write_review",
]
