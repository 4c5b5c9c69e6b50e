"""The train stage: labels files in, a trained model folder and the figures that judge it out.

examples locates each gold answer in its document (as extract would emit it), train
tags them and fits the classify stage's model, evaluate scores models and the
baselines by grouped cross-validation (learning_curve picks the training subsets),
and extraction_eval measures how well extract finds the labelled answers. Training
and evaluation meet the label stage only through the labels-file format
(pipeline.goldlabels). Start at train.py.
"""
from __future__ import annotations

from .evaluate import evaluate_classification
from .extraction_eval import evaluate_extraction
from .train import UnreviewedLabelsError, train_model, unreviewed_answers, unreviewed_message

__all__ = [
    "UnreviewedLabelsError", "evaluate_classification", "evaluate_extraction", "train_model",
    "unreviewed_answers", "unreviewed_message",
]
