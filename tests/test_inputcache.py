"""The feature inputs cached per answer: a re-run with another model reads them instead of computing them,
and gives the records a run without a cache gives; what they depend on (the labels' definitions, the
answer's question and facts) keys them."""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from pipeline.classify import classify_paths, load_model
from pipeline.classify import linear
from pipeline.classify.inputcache import InputCache
from pipeline.classify.predict import nlp_for
from pipeline.tag import Tagger, tag_records_tokens

FILES = ["w1-01-castlemoor.txt", "w1-02-lydmouth.html", "w1-03-marshfen.eml", "w1-07-tamarside.txt"]


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture()
def letters(corpus_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    for name in FILES:
        shutil.copy(corpus_dir / name, folder / name)
    return folder


def _other_model(model):
    """The shipped model with other thresholds: the same features, other decisions."""
    other = copy.copy(model)
    other.thresholds = {label: min(1.0, t + 0.1) for label, t in model.thresholds.items()}
    return other


def test_a_rerun_with_another_model_reads_the_inputs_and_gives_the_uncached_records(model, letters: Path, tmp_path: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    list(classify_paths([letters], model=model, cache_dir=cache))  # fills the cache
    other = _other_model(model)
    computed: list[int] = []
    real = linear.Features.inputs

    def counting(self, items, **kwargs):
        computed.append(len(items))
        return real(self, items, **kwargs)

    monkeypatch.setattr(linear.Features, "inputs", counting)
    warm = list(classify_paths([letters], model=other, cache_dir=cache))
    assert computed == [], "a warm re-run computed feature inputs again"
    monkeypatch.setattr(linear.Features, "inputs", real)
    assert warm == list(classify_paths([letters], model=other, cache_dir=None))
    assert any(r.get("evidence") for r in warm)


def test_cached_inputs_are_the_computed_ones_value_for_value(model, letters: Path, tmp_path: Path) -> None:
    """JSON keeps strings, ints, floats and booleans as they were: the features read the same values."""
    from pipeline.extract import extract_paths

    records = [r for r in extract_paths(sorted(letters.iterdir())) if "error" not in r]
    tagger = Tagger(nlp_for(model), cache_dir=tmp_path / "cache")
    tagged = tag_records_tokens(records, tagger)
    first = InputCache(tmp_path / "cache", tagger.token_salt, model).inputs(tagged)  # computed
    again = InputCache(tmp_path / "cache", tagger.token_salt, model)
    second = again.inputs(tagged)  # read back
    assert again.store.hits == len(tagged) and again.store.misses == 0
    assert second == first
    for name, column in first[0].items():
        for a, b in zip(column, second[0][name]):
            assert type(a) is type(b)
            if isinstance(a, dict):
                assert [(k, type(v)) for k, v in a.items()] == [(k, type(v)) for k, v in b.items()]
    assert any(sentences for sentences in second[1])


def test_other_definitions_or_another_question_are_other_keys(model, letters: Path, tmp_path: Path) -> None:
    from pipeline.extract import extract_paths

    records = [r for r in extract_paths(sorted(letters.iterdir())) if "error" not in r]
    tagger = Tagger(nlp_for(model), cache_dir=tmp_path / "cache")
    tagged = tag_records_tokens(records, tagger)
    InputCache(tmp_path / "cache", tagger.token_salt, model).inputs(tagged)
    renamed = copy.copy(model)
    renamed.features = copy.copy(model.features)
    renamed.features.definitions = {**model.features.definitions, "not_held": ["some", "other", "words"]}
    other = InputCache(tmp_path / "cache", tagger.token_salt, renamed)
    other.inputs(tagged)
    assert other.store.hits == 0  # the overlaps with other definitions are not the stored ones
    asked_otherwise = [copy.copy(t) for t in tagged]
    for t in asked_otherwise:
        t.question_tokens = None
    again = InputCache(tmp_path / "cache", tagger.token_salt, model)
    again.inputs(asked_otherwise)
    unasked = sum(t.question_tokens is None for t in tagged)
    assert unasked < len(tagged) and again.store.hits == unasked  # only the answers that had no question anyway
