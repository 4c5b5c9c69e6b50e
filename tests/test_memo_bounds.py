"""The tagging memos stay within their bound over a run of new words, and give the same tokens after a clear."""
from __future__ import annotations

import pytest

from pipeline.tag import Tagger, load_nlp
from pipeline.tag import memo as tag_memo
from pipeline.tag import nlp as tag_nlp
from pipeline.tag.memo import MEMO_LEMMATIZER, MEMO_RULER

# 120 made-up words and numbers no other test uses, 20 to a text: each text brings new memo keys.
WORDS = [f"Zarquel{n}ton" if n % 2 else f"{7000 + n * 13}" for n in range(120)]
TEXTS = [" ".join(f"The {w} report was not held." for w in WORDS[i : i + 20]) for i in range(0, len(WORDS), 20)]


def _tokens(tagger: Tagger, sizes: list[int]) -> list[tuple]:
    """Each text's tokens, tagged one zone a text as classify tags a batch; `sizes` gets the largest memo after each."""
    nlp = tagger.nlp
    memos = (nlp.get_pipe(MEMO_RULER).rules, nlp.get_pipe(MEMO_LEMMATIZER).memo, tag_nlp._LEXICAL_BY_ORTH, tag_nlp._LEMMA_LOWER)
    out = []
    for text in TEXTS:
        with tagger.zone([text]):
            t = tagger.tokens([text])[0]
            out.append((t.words, t.lemma, t.pos, t.negated))
        sizes.append(max(len(m) for m in memos))
    return out


def test_memos_are_bounded_and_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = load_nlp()
    expected = _tokens(Tagger(nlp), [])  # the shipped bounds: nothing cleared in so few words
    monkeypatch.setattr(tag_memo, "MEMO_MAX", 30)
    monkeypatch.setattr(tag_nlp, "_LEXICAL_MAX", 30)
    for memo in (nlp.get_pipe(MEMO_RULER).rules, nlp.get_pipe(MEMO_LEMMATIZER).memo, tag_nlp._LEXICAL_BY_ORTH, tag_nlp._LEMMA_LOWER):
        memo.clear()
    sizes: list[int] = []
    assert _tokens(Tagger(nlp), sizes) == expected
    assert max(sizes) <= 30 and len(set(sizes)) > 1  # filled and cleared, never past the bound
