"""Warming the tokenizer's cache between memory zones changes no token and stays bounded."""
from __future__ import annotations

from spacy.attrs import IDX, LEMMA, ORTH, POS, SENT_START

from pipeline.tag import load_nlp
from pipeline.tag.warmup import TokenizerWarmer

ATTRS = [ORTH, LEMMA, POS, IDX, SENT_START]
# Made-up words (so no earlier test has cached them), with the affixes, infixes and special
# cases the tokenizer splits: possessives, brackets, a URL, a financial year, a contraction.
TEXTS = [
    "Quorvendale's (Quorvendale) budget for 2031/32 was £4,812.50; see https://quorvendale.example/foi-77.",
    "We don't hold Quorvendale's figures: Zintermoor-on-Sea's team (Quorvendale) held them until 2031/32.",
    "Zintermoor-on-Sea's reply, \"Quorvendale's\" own: none held.   Quorvendale's don't",
]


def _view(nlp, texts: list[str]) -> list[list[list[int]]]:
    with nlp.memory_zone():
        return [doc.to_array(ATTRS).tolist() for doc in nlp.pipe(texts)]


def test_a_warmed_cache_tags_exactly_as_a_cold_one() -> None:
    nlp = load_nlp()
    cold = _view(nlp, TEXTS)  # inside a zone the tokenizer caches nothing: this pass stays cold
    assert "Quorvendale" not in nlp.vocab.strings
    warmer = TokenizerWarmer(nlp)
    assert warmer.feed(TEXTS) >= 4
    assert _view(nlp, TEXTS) == cold


def test_only_chunks_seen_twice_become_permanent() -> None:
    nlp = load_nlp()
    TokenizerWarmer(nlp).feed(["Brelvanshire's Brelvanshire's Ostrudmere"])
    _view(nlp, ["Brelvanshire's Ostrudmere"])
    assert "Brelvanshire" in nlp.vocab.strings  # its pieces outlive the zone: cached for every later batch
    assert "Ostrudmere" not in nlp.vocab.strings  # seen once: freed with the zone, as spaCy does


def test_the_warmer_is_bounded_and_idle_inside_a_zone() -> None:
    nlp = load_nlp()
    few = TokenizerWarmer(nlp, texts=2, most=3)
    assert few.feed(["Aa1x Bb1x Cc1x Dd1x", "Aa1x Bb1x Cc1x Dd1x", "Ee1x Ee1x"]) == 3  # the third text is not read
    assert not few.watching  # its counts are dropped once either bound is reached
    assert few.feed(["Ff1x Ff1x"]) == 0
    inside = TokenizerWarmer(nlp)
    with nlp.memory_zone():
        assert inside.feed(["Gg1x Gg1x"]) == 0
    assert inside.watching and inside.texts_left > 0  # nothing counted in the zone: it is all still to come
