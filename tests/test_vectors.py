"""dict_rows makes the matrix a fitted DictVectorizer makes, value for value and column order within rows."""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction import DictVectorizer

from pipeline.vectors import dict_rows

ROWS = [
    {"length": 0.5, "kind=numbered": 1, "ends": "?", "zeros": 0.0, "unseen": 3.0},
    {"ends": ".", "length": 2.0, "asking": True, "kind=numbered": 0},
    {},
    {"zeros": 1.0, "ends": "never seen", "length": -1.25},
]


def _fitted() -> DictVectorizer:
    return DictVectorizer().fit([{"length": 1.0, "kind=numbered": 1, "ends": "?", "asking": 1, "zeros": 1},
                                 {"ends": "."}])


def test_dict_rows_is_dictvectorizer_transform() -> None:
    vectorizer = _fitted()
    expected = vectorizer.transform(ROWS)
    got = dict_rows(ROWS, vectorizer.vocabulary_, vectorizer.separator)
    assert got.shape == expected.shape
    assert np.array_equal(got.indptr, expected.indptr)
    assert np.array_equal(got.indices, expected.indices)  # same columns, same order within each row
    assert np.array_equal(got.data, expected.data)
    assert got.dtype == expected.dtype


def test_skipping_zeros_changes_no_product() -> None:
    vectorizer = _fitted()
    weights = np.random.default_rng(0).normal(size=len(vectorizer.vocabulary_))
    full = dict_rows(ROWS, vectorizer.vocabulary_)
    sparse = dict_rows(ROWS, vectorizer.vocabulary_, skip_zeros=True)
    assert sparse.nnz < full.nnz
    assert 0.0 not in sparse.data
    assert np.array_equal(full @ weights, sparse @ weights)
    assert np.array_equal(vectorizer.transform(ROWS) @ weights, sparse @ weights)
