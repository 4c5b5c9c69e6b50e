"""Features to sparse rows as fitted scikit-learn vectorizers make them, in less time and without scikit-learn.

The segmenter's unit features and the classifier's cues are dicts with a few dozen
keys each, made for every unit and every answer (and every sentence, for evidence).
scikit-learn's DictVectorizer checks each value's type through `isinstance` against
abstract classes: a fifth of reading a reply went there. `dict_rows` makes the same
matrix (same columns, same order within a row, same values) with plain lookups.

The classifier's answer and question terms are already normalised words joined by
spaces; a TfidfVectorizer passes each text through its generic analyzer (decoder,
preprocessor, regex tokenizer, n-gram builder) before counting. `term_rows` counts
the same n-grams straight from the split text and weighs them as TfidfTransformer
does: the same matrix to the last bit. Neither needs scikit-learn at run time: a
fitted vectorizer's vocabulary and weights are all they read (classify/linear.py).
"""
from __future__ import annotations

import math
from collections import Counter
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
    return _sorted_rows(sparse.csr_array, values, indices, indptr, len(vocabulary), np.float64)


def _sorted_rows(kind: type, values: list[Any], indices: list[int], indptr: list[int], width: int, dtype: Any) -> Any:
    """A CSR matrix of `kind` (the type the library call it stands in for returns), each row's columns sorted."""
    matrix = kind((np.asarray(values, dtype=dtype), np.asarray(indices, dtype=np.intc), np.asarray(indptr, dtype=np.intc)),
                  shape=(len(indptr) - 1, width))
    matrix.sort_indices()
    return matrix


def term_rows(texts: Iterable[str], vocabulary: Mapping[str, int], *, ngrams: tuple[int, int],
              idf: np.ndarray | None, sublinear: bool, norm: str | None, dtype: Any = np.float64) -> sparse.csr_matrix:
    """A fitted TfidfVectorizer's `transform(texts)` for space-separated terms (its analyzer the words
    `str.split` gives, n-grams of `ngrams`, no lower-casing): each text's n-grams counted by
    vocabulary lookups, then sublinear tf, `idf` and the row norm applied as TfidfTransformer
    applies them."""
    get = vocabulary.get
    low, high = ngrams
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for text in texts:
        words = text.split()
        grams: Counter[str] = Counter()
        for n in range(low, min(high, len(words)) + 1):
            grams.update(words if n == 1 else map(" ".join, zip(*(words[i:] for i in range(n)))))
        for gram, count in grams.items():
            column = get(gram)
            if column is not None:
                indices.append(column)
                values.append(count)
        indptr.append(len(indices))
    matrix = _sorted_rows(sparse.csr_matrix, values, indices, indptr, len(vocabulary), dtype)
    if sublinear:
        np.log(matrix.data, matrix.data)
        matrix.data += 1.0
    if idf is not None:
        matrix.data *= idf[matrix.indices]
    if norm is not None:
        normalize_rows(matrix, norm)
    return matrix


def normalize_rows(matrix: sparse.csr_matrix, norm: str) -> None:
    """Divide each row by its l2 or l1 norm in place, as scikit-learn's `normalize` does: the norm summed
    term by term in the row's order (numpy's sums add in another order, which can differ in the
    last bit), rows of norm zero left alone."""
    if norm not in ("l1", "l2"):
        raise ValueError(f"row norm {norm!r}: only 'l1' and 'l2' are supported")
    data, indptr = matrix.data.tolist(), matrix.indptr.tolist()
    norms = []
    for start, end in zip(indptr, indptr[1:]):
        total = 0.0
        if norm == "l2":
            for value in data[start:end]:
                total += value * value
            total = math.sqrt(total)
        else:
            for value in data[start:end]:
                total += abs(value)
        norms.append(total if total != 0.0 else 1.0)  # x / 1.0 is x: a zero row stays as it is
    matrix.data /= np.repeat(np.asarray(norms), np.diff(matrix.indptr))
