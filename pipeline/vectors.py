"""Feature dicts to sparse rows, as a fitted DictVectorizer's `transform` makes them, in a third of the time.

The segmenter's unit features and the classifier's cues are dicts with a few dozen
keys each, made for every unit and every answer (and every sentence, for evidence).
scikit-learn's DictVectorizer checks each value's type through `isinstance` against
abstract classes: a fifth of reading a reply went there. `dict_rows` makes the same
matrix (same columns, same order within a row, same values) with plain lookups.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from scipy import sparse


def dict_rows(rows: Iterable[Mapping[str, Any]], vocabulary: Mapping[str, int], separator: str = "=",
              *, skip_zeros: bool = False) -> sparse.csr_array:
    """CSR rows of `rows` over a fitted DictVectorizer's `vocabulary_`: a string value `v` of key `k` is
    feature "k=v" with value 1, any other value is feature `k` with that value; unknown features are
    dropped; each row's columns sorted, as DictVectorizer sorts them. With `skip_zeros`, zero values are
    left out of the matrix (every product with it is the same)."""
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    get = vocabulary.get
    for row in rows:
        for key, value in row.items():
            if value.__class__ is str:
                column = get(f"{key}{separator}{value}")
                value = 1.0
            else:
                if skip_zeros and value == 0:
                    continue
                column = get(key)
            if column is not None:
                indices.append(column)
                values.append(value)
        indptr.append(len(indices))
    matrix = sparse.csr_array((np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.intc),
                               np.asarray(indptr, dtype=np.intc)), shape=(len(indptr) - 1, len(vocabulary)))
    matrix.sort_indices()
    return matrix
