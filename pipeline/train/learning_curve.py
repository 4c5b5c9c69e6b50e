"""Which training documents a learning-curve point keeps: is labelling more worth it?

At each fraction, every cross-validation training fold keeps only that fraction of its
documents while the test folds stay whole, so every point is scored on the same
answers and only the amount of training data changes. The documents kept are the
same on every run, and each smaller set lies inside the larger ones.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from .examples import Example

FRACTIONS: tuple[float, ...] = (0.2, 0.4, 0.6, 0.8, 1.0)
FEWEST = 2  # documents a point keeps at least: nothing fits on one (the segmenter keeps no feature, the classifier no term)


def _document_order(group: str) -> str:
    """A fixed pseudo-random order of documents, so a fraction is not just the first files (one wave, one format)."""
    return hashlib.sha256(group.encode("utf-8")).hexdigest()


def first_documents(documents: Iterable[str], fraction: float) -> set[str]:
    """The first `fraction` of `documents` (names, each once) in the fixed order, at least FEWEST (a few labelled
    replies of one's own: 20% of them would be one)."""
    ordered = sorted(set(documents), key=_document_order)
    return set(ordered[: max(FEWEST, round(fraction * len(ordered)))])


def training_subset(train: Sequence[int], examples: Sequence[Example], fraction: float) -> list[int]:
    """The indices of `train` whose documents are in the first `fraction` of its documents (at least FEWEST)."""
    if fraction >= 1.0:
        return list(train)
    kept = first_documents((examples[i].group for i in train), fraction)
    return [i for i in train if examples[i].group in kept]
