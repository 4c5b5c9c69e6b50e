"""The memoised attribute_ruler and lemmatizer annotate exactly as spaCy's own components do."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, TAG

from pipeline.extract import extract_paths
from pipeline.tag import load_nlp
from pipeline.tag.memo import MEMO_LEMMATIZER, MEMO_RULER, first_token_gate

ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START, NORM]
# The ruler's rarer rules: contractions, multi-token patterns, whitespace tokens, "not", auxiliaries.
ODD = ["I ain't gonna do it, y'all. Let's go! C'm on, he's got ta go.", "There is none.  \n\n It's not held; we'd've 'em.",
       "Doin' nothin' ol' somethin' 'nuff. She gets it; he got it. I am, you are, they have been."]


@pytest.fixture(scope="module")
def texts(corpus_dir: Path) -> list[str]:
    records = [r for r in extract_paths([corpus_dir]) if "error" not in r]
    return ODD + [r["answer"] for r in records] + sorted({r["question"] for r in records if r.get("question")})


def _view(docs) -> list[tuple]:
    return [(d.to_array(ATTRS).tolist(), [t.lemma_ for t in d], [str(t.morph) for t in d]) for d in docs]


@pytest.mark.parametrize("components", [("senter",), ("parser",)])
def test_memoised_pipeline_annotates_as_spacy_does(texts: list[str], components: tuple[str, ...]) -> None:
    stock, memoised = load_nlp(components, memoised=False), load_nlp(components)
    assert MEMO_RULER in memoised.pipe_names and MEMO_LEMMATIZER in memoised.pipe_names
    assert "attribute_ruler" in stock.pipe_names
    sample = texts if components == ("senter",) else texts[:150]  # the parser is slow; its DEP rules fire early
    for start in range(0, len(sample), 64):  # in memory zones, as classify tags: lemmas must survive them
        batch = sample[start : start + 64]
        with stock.memory_zone():
            expected = _view(stock.pipe(batch))
        with memoised.memory_zone():
            assert _view(memoised.pipe(batch)) == expected


def test_a_context_patterns_gate_is_what_its_first_token_must_be() -> None:
    """The context Matcher runs only on docs holding a token a pattern's first token could be: the gate is
    taken from the pattern itself, and none is taken where the first token may be skipped or is not
    pinned to a text, a lower case or a label (then the Matcher always runs)."""
    import re

    from spacy.attrs import DEP, LOWER, ORTH

    assert first_token_gate([{"LOWER": "gon"}, {"LOWER": "na"}]) == (LOWER, {"gon"})
    assert first_token_gate([{"lower": {"IN": ["is", "are"]}, "TAG": "VBZ"}]) == (LOWER, {"is", "are"})
    assert first_token_gate([{"TEXT": "Let"}, {"LOWER": "'s"}]) == (ORTH, {"Let"})
    assert first_token_gate([{"DEP": "expl"}, {"LOWER": "is"}]) == (DEP, {"expl"})
    attr, regex = first_token_gate([{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}])
    assert attr == LOWER and isinstance(regex, re.Pattern) and regex.search("y'") and not regex.search("you")
    for ungated in ([{"LOWER": "gon", "OP": "?"}, {"LOWER": "na"}], [{"TAG": "MD"}, {"LOWER": "not"}],
                    [{"LOWER": {"NOT_IN": ["a"]}}, {"LOWER": "b"}], [{"LENGTH": 2}, {"LOWER": "b"}], []):
        assert first_token_gate(ungated) is None


def test_the_gate_lets_every_context_match_through() -> None:
    """Docs holding each context pattern's first token (in capitals too) are tagged as spaCy tags them."""
    texts = ["GONNA win. Gotta go.", "Y'ALL come. y all.", "LET'S see; let us.", "Ain't it? ain't.", "c'mon, C'M ON"]
    stock, memoised = load_nlp(("senter",), memoised=False), load_nlp(("senter",))
    assert memoised.get_pipe(MEMO_RULER).gates is not None
    assert _view(memoised.pipe(texts)) == _view(stock.pipe(texts))
