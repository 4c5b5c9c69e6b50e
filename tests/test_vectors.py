"""dict_rows and term_rows make the matrices fitted DictVectorizers and TfidfVectorizers make, value for value
and column order within rows."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer

from pipeline.train.fit import _terms_vectorizer, term_settings
from pipeline.vectors import dict_rows, normalize_rows, term_rows

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


# Terms as the classifier makes them (lemmas, number shapes, NEG_ marks), repeated n-grams, unseen
# terms, an empty text, and white space other than a plain space between terms.
TRAIN = ["we do not hold NEG_the NEG_information", "the cost would exceed the limit NUM MONEY",
         "section 12 apply the cost limit", "we hold the information and attach it",
         "no specific budget be hold", "NUM officer be train in NUM", "the information be attach"]
TERMS = ["we do not hold NEG_the NEG_information the information", "", "MONEY MONEY MONEY the cost the cost",
         "utterly unseen words here", "the\u00a0cost\twould  exceed\u2003the limit", "hold", "NUM officer officer NUM"]


def _same(got, expected) -> None:
    assert type(got) is type(expected) and got.shape == expected.shape and got.dtype == expected.dtype
    assert np.array_equal(got.indptr, expected.indptr)
    assert np.array_equal(got.indices, expected.indices)
    assert np.array_equal(got.data, expected.data)  # to the last bit, not approximately


@pytest.mark.parametrize("ngrams", [(1, 1), (1, 2), (2, 3), (1, 3)])
def test_term_rows_is_tfidf_transform(ngrams: tuple[int, int]) -> None:
    vectorizer = _terms_vectorizer(ngrams, 1).fit(TRAIN)
    _same(term_rows(TERMS, **term_settings(vectorizer)), vectorizer.transform(TERMS))


def test_term_rows_follows_the_weighting_settings() -> None:
    for settings in ({"sublinear_tf": False}, {"use_idf": False}, {"norm": "l1"}, {"norm": None}):
        vectorizer = _terms_vectorizer((1, 2), 1).set_params(**settings).fit(TRAIN)
        _same(term_rows(TERMS, **term_settings(vectorizer)), vectorizer.transform(TERMS))


def test_other_analyzers_are_not_compiled() -> None:
    """A vectorizer that lower-cases ("NEG_the" is "neg_the" to it) makes other rows: compiling it is refused."""
    with pytest.raises(ValueError, match="space-separated terms"):
        term_settings(TfidfVectorizer(lowercase=True).fit(TRAIN))


@pytest.mark.parametrize("norm", ["l1", "l2"])
def test_row_norms_are_scikit_learns_to_the_last_bit(norm: str) -> None:
    """Long rows of values of every size: a sum in another order (numpy's pairwise sums) differs in the last bit."""
    from scipy import sparse
    from sklearn.preprocessing import normalize

    rng = np.random.default_rng(1)
    matrix = sparse.random(40, 3000, density=0.2, format="csr", random_state=rng, data_rvs=lambda n: rng.lognormal(0, 3, n))
    matrix.data[matrix.indptr[5]:matrix.indptr[6]] = 0.0  # a row of zeros stays as it is
    ours = matrix.copy()
    normalize_rows(ours, norm)
    assert np.array_equal(ours.data, normalize(matrix, norm=norm).data)
