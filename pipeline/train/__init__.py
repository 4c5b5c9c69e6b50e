"""The train stage: labels files in, a trained model folder and the figures that judge it out.

examples locates each gold answer in its document (as extract would emit it), train
tags them and fits the classify stage's model (fit: scikit-learn estimators compiled
into the arrays classify runs on), evaluate scores models and the
baselines by grouped cross-validation (folds assigns the bodies to folds, the same way
for both cross-validations; learning_curve picks the training subsets),
extraction_eval measures how well extract finds the labelled answers, segmenter
trains the extract stage's segmenter and cross-validates it body held out, and values
learns the value scorers from labelled values (scripts/train_values.py). Training
and evaluation meet the label stage only through the labels-file format
(pipeline.goldlabels). Start at train.py.
"""
from __future__ import annotations

from .evaluate import evaluate_classification
from .extraction_eval import evaluate_extraction
from .folds import CV_REPEATS
from .segmenter import fit_segmenter, segmentation_cv
from .train import UnreviewedLabelsError, train_model, unreviewed_answers, unreviewed_message
from .values import ValueExample, fit_value_weights, label_examples, names_match

__all__ = [
    "CV_REPEATS", "UnreviewedLabelsError", "ValueExample", "evaluate_classification", "evaluate_extraction", "fit_segmenter", "segmentation_cv",
    "fit_value_weights", "label_examples", "names_match", "train_model", "unreviewed_answers", "unreviewed_message",
]
