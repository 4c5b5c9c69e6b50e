"""The compact token data the features read, and the caches of a warm re-run: same answers, less work."""
from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from rich.console import Console

from pipeline.classify import classify_paths
from pipeline.classify.cues import is_filler, shape
from pipeline.tag.doccache import DB_NAME
from pipeline.classify.modelstore import load_model
from pipeline.tag.nlp import Tagger, Tokens, load_nlp
from pipeline.output import csv_text
from pipeline.runner import Run

TEXTS = [
    "We do not hold a specific budget for this work. However, £12,500 was spent in 2019/20.",
    "There is no such role. See https://example.org or write to foi@example.org | 12 | 14 | 15",
    "",
    "Section 40(2) applies to names; the remainder is withheld.",
]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_tokens_read_what_the_tokens_say(nlp) -> None:
    for doc in nlp.pipe(TEXTS):
        tokens = Tokens.from_doc(doc, doc.text)
        assert tokens.words == [t.text for t in doc]
        assert tokens.lower == [t.lower_ for t in doc]
        assert tokens.lemma == [t.lemma_.lower() for t in doc]
        assert tokens.pos == [t.pos_ for t in doc]
        assert tokens.filler == [is_filler(t) for t in doc]
        assert tokens.shape == [shape(t, None) for t in doc]
        assert tokens.negated == [t._.negated for t in doc]
        assert tokens.sents == [(s.start, s.end) for s in doc.sents]
        for (start, end), sent in zip(tokens.sents, doc.sents):
            assert tokens.span(start, end).text == sent.text
        assert Tokens.from_data(json.loads(json.dumps(tokens.to_data()))).to_data() == tokens.to_data()


def test_cached_tokens_equal_fresh_ones(nlp, tmp_path: Path) -> None:
    fresh = [t.to_data() for t in Tagger(nlp).tokens(TEXTS)]
    Tagger(nlp, cache_dir=tmp_path).tokens(TEXTS)
    warm = Tagger(nlp, cache_dir=tmp_path)
    assert [t.to_data() for t in warm.tokens(TEXTS)] == fresh
    assert warm.token_cache.hits == len(set(TEXTS)) and warm.cache.hits == 0  # no doc was even read


def test_warm_rerun_gives_the_same_records(corpus_dir: Path, tmp_path: Path) -> None:
    model = load_model()
    paths = [corpus_dir / "seed-west-midlands-police-2013.txt"]
    cold = list(classify_paths(paths, model=model))
    first = list(classify_paths(paths, model=model, cache_dir=tmp_path))
    second = list(classify_paths(paths, model=model, cache_dir=tmp_path))
    assert cold == first == second
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        assert db.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 1
        assert db.execute("SELECT COUNT(*) FROM tokens").fetchone()[0] > 0


def test_csv_is_spooled_not_held_and_unchanged(tmp_path: Path) -> None:
    records = [{"doc": "a", "q": "1", "answer": "x", "findings": ["f", "g"], "facts": {"n": [1]}},
               {"doc": "b", "error": "broken"}, {"doc": "c", "q": "2", "extra": True, "score": 0.1}]
    out = tmp_path / "out.csv"
    Run(Console(file=io.StringIO()), out=out, fmt="csv").write(iter(records), table=None)
    assert out.read_bytes().decode() == csv_text(records)


def test_neither_confirming_nor_denying_negates_nothing_after_it(nlp) -> None:
    """"neither confirms nor denies that it holds", "cannot confirm or deny whether it holds": the Act's name for a
    refusal, so "holds" is not negated (it would read as "not held"); other negations keep their scope."""
    def negated(text: str) -> list[str]:
        return [t.text for t in nlp(text) if t._.negated]

    assert negated("The constabulary neither confirms nor denies that it holds footage of the march.") == []
    assert negated("We can neither confirm nor deny whether any such report exists.") == []
    assert negated("The council cannot confirm or deny whether it holds the file.") == []
    assert "holds" in negated("The council does not deny that it holds the file.")
    assert "record" in negated("We neither hold nor record this information.")
