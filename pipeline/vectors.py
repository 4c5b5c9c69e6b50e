"""Features to sparse rows as fitted scikit-learn vectorizers make them, in less time.

The segmenter's unit features and the classifier's cues are dicts with a few dozen
keys each, made for every unit and every answer (and every sentence, for evidence).
scikit-learn's DictVectorizer checks each value's type through `isinstance` against
abstract classes: a fifth of reading a reply went there. `dict_rows` makes the same
matrix (same columns, same order within a row, same values) with plain lookups.

The classifier's answer and question terms are already normalised words joined by
spaces; a TfidfVectorizer passes each text through its generic analyzer (decoder,
preprocessor, regex tokenizer, n-gram builder) before counting. `term_rows` counts
the same n-grams straight from the split text and weighs them as TfidfTransformer
does: the same matrix to the last bit.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize


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


# The settings under which a TfidfVectorizer's analyzer is `str.split` plus word n-grams (the
# regex \S+ finds exactly the runs `str.split` gives: both use Unicode's white space).
_PLAIN_TERMS = {"analyzer": "word", "input": "content", "token_pattern": r"\S+", "lowercase": False,
                "strip_accents": None, "stop_words": None, "preprocessor": None, "tokenizer": None, "binary": False}


def term_rows(texts: Iterable[str], vectorizer: TfidfVectorizer) -> sparse.spmatrix:
    """`vectorizer.transform(texts)` for a fitted TfidfVectorizer over space-separated terms
    (`_PLAIN_TERMS`): each text's word n-grams counted by vocabulary lookups, then sublinear tf,
    idf and the norm applied as TfidfTransformer applies them. Any other vectorizer is left to
    its own `transform`."""
    params = vectorizer.get_params()
    if any(params[name] != value for name, value in _PLAIN_TERMS.items()):
        return vectorizer.transform(texts)
    vocabulary = vectorizer.vocabulary_
    get = vocabulary.get
    low, high = vectorizer.ngram_range
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
    matrix = _sorted_rows(sparse.csr_matrix, values, indices, indptr, len(vocabulary), vectorizer.dtype)
    if vectorizer.sublinear_tf:
        np.log(matrix.data, matrix.data)
        matrix.data += 1.0
    if vectorizer.use_idf:
        matrix.data *= vectorizer.idf_[matrix.indices]
    if vectorizer.norm is not None:
        matrix = normalize(matrix, norm=vectorizer.norm, copy=False)
    return matrix
