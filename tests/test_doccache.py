"""The tagged-doc cache: content-addressed, pipeline-aware, shared safely, never in the way."""
from __future__ import annotations

import multiprocessing
import sqlite3
import warnings
from pathlib import Path

import pytest

from pipeline.tag.doccache import DB_NAME, DocCache, default_cache_dir
from pipeline.tag.nlp import Tagger, load_nlp

TEXTS = [
    "We do not hold a specific budget for this work.",
    "The Council spent £12,500 in 2019/20. A strategy is in development.",
    "Please see the attached spreadsheet. Section 40(2) applies to names.",
]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _view(doc) -> list[tuple]:
    """Everything the features read from a doc."""
    return [(t.text, t.whitespace_, t.lemma_, t.pos_, t.tag_, t.is_sent_start, t._.negated) for t in doc]


def test_second_tagger_reads_the_same_docs(nlp, tmp_path: Path) -> None:
    fresh = [_view(d) for d in Tagger(nlp)(TEXTS)]
    first = Tagger(nlp, cache_dir=tmp_path)
    assert [_view(d) for d in first(TEXTS)] == fresh
    assert (first.cache.hits, first.cache.misses) == (0, 3)
    second = Tagger(nlp, cache_dir=tmp_path)
    docs = second(TEXTS)
    assert (second.cache.hits, second.cache.misses) == (3, 0)
    assert [_view(d) for d in docs] == fresh
    assert all(d.has_annotation("SENT_START") for d in docs)
    assert any(t._.negated for t in docs[0])  # negation is re-applied, not lost


def test_an_edited_text_is_tagged_again_alone(nlp, tmp_path: Path) -> None:
    Tagger(nlp, cache_dir=tmp_path)(TEXTS)
    tagger = Tagger(nlp, cache_dir=tmp_path)
    edited = [TEXTS[0], TEXTS[1].replace("12,500", "13,000"), TEXTS[2]]
    assert [d.text for d in tagger(edited)] == edited
    assert (tagger.cache.hits, tagger.cache.misses) == (2, 1)


def test_repeated_texts_are_tagged_once(nlp, tmp_path: Path) -> None:
    tagger = Tagger(nlp, cache_dir=tmp_path)
    docs = tagger([TEXTS[0], TEXTS[1], TEXTS[0]])
    assert docs[0] is docs[2]
    assert tagger.cache.misses == 2


def test_another_pipeline_never_meets_these_docs(nlp, tmp_path: Path) -> None:
    with_parser = load_nlp(("parser",))
    ours = DocCache(tmp_path, nlp, [n for n in nlp.pipe_names if n != "foi_negation"])
    theirs = DocCache(tmp_path, with_parser, [n for n in with_parser.pipe_names if n != "foi_negation"])
    assert ours.key(TEXTS[0]) != theirs.key(TEXTS[0])
    Tagger(nlp, cache_dir=tmp_path)(TEXTS)
    tagger = Tagger(with_parser, cache_dir=tmp_path)
    tagger(TEXTS)
    assert tagger.cache.hits == 0


def test_a_damaged_cache_is_switched_off_not_fatal(nlp, tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    tagger = Tagger(nlp, cache_dir=tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = tagger(TEXTS)
    assert [d.text for d in docs] == TEXTS
    assert not tagger.cache.enabled
    assert any("doc cache" in str(w.message) for w in caught)


def test_a_damaged_blob_is_a_miss(nlp, tmp_path: Path) -> None:
    Tagger(nlp, cache_dir=tmp_path)(TEXTS)
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("UPDATE blobs SET data = ?", (b"garbage",))
    tagger = Tagger(nlp, cache_dir=tmp_path)
    assert [_view(d) for d in tagger(TEXTS)] == [_view(d) for d in Tagger(nlp)(TEXTS)]
    assert tagger.cache.misses == 3


def _fill(folder: str, offset: int) -> list[str]:
    texts = [f"Answer number {i}: we hold no records for {i + offset} officers." for i in range(40)]
    return [d.text for d in Tagger(load_nlp(), cache_dir=folder)(texts)]


def test_two_processes_share_one_cache(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        results = pool.starmap(_fill, [(str(tmp_path), 0), (str(tmp_path), 0), (str(tmp_path), 1)])
    assert results[0] == results[1]
    tagger = Tagger(load_nlp(), cache_dir=tmp_path)
    tagger([f"Answer number {i}: we hold no records for {i} officers." for i in range(40)])
    assert (tagger.cache.hits, tagger.cache.misses) == (40, 0)


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FOI_NLP_CACHE", str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"
    monkeypatch.delenv("FOI_NLP_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "foi-nlp"
