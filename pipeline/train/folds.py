"""Which fold holds each group (a body, a document) out: the one splitting rule of both cross-validations.

Which bodies share a fold moves a set of a few dozen replies by a point or two, so the figures
are given over several assignments of the groups to folds: the first is GroupKFold's (folds
balanced by size), the n-th the groups shuffled by seed n and dealt to the folds in turn.
"""
from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from sklearn.model_selection import GroupKFold

CV_REPEATS = 5  # assignments a cross-validation runs by default (`foi-nlp evaluate --cv-repeats`)


def group_folds(groups: Sequence[str], folds: int, assignment: int = 0) -> list[np.ndarray]:
    """The positions each fold tests, no group in two folds (at most one fold per group)."""
    n = min(folds, len(set(groups)))
    if n < 2:  # GroupKFold's own word: "requires at least one train/test split by setting n_splits=2 or more"
        raise ValueError(f"cross-validation holds each body's replies out in turn (with --cv-by document, each document), "
                         f"so it needs at least 2, here {n}: label the replies of another body, or train with --no-cv")
    if assignment == 0:
        return [test for _, test in GroupKFold(n_splits=n).split(np.zeros(len(groups)), groups=groups)]
    order = sorted(set(groups))
    random.Random(assignment).shuffle(order)
    fold = {group: k % n for k, group in enumerate(order)}
    return [np.array([i for i, group in enumerate(groups) if fold[group] == k], dtype=int) for k in range(n)]


def mean_over(runs: Sequence[Mapping[str, float | None]], keys: Iterable[str]) -> dict[str, float | None]:
    """Each key's mean over the assignments' figures (those that have it: a rate with nothing to count is None)."""
    means: dict[str, float | None] = {}
    for key in keys:
        values = [run[key] for run in runs if run.get(key) is not None]
        means[key] = round(sum(values) / len(values), 4) if values else None
    return means
