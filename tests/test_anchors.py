"""WordIndex finds a run of words where a label anchor's regex would: whole words, any case and
punctuation between, from a position on."""
from __future__ import annotations

import re

import pytest

from pipeline.goldlabels import WordIndex, anchor_pattern, words

TEXT = ("Dear Ms Hale,\nRe: FOI-2291 / request for information.\n\nQ1. How many  wardens; were employed?\n"
        "A1: Eleven wardens were employed (full-time) in 2023/24.\nQ2. How-many wardens were employed in 2022?\n"
        "Eleven wardens_were employed.\nwardenship is not a word we use.")


def _regex(run: list[str], start: int) -> tuple[int, int] | None:
    found = anchor_pattern(" ".join(run)).search(TEXT, start)
    return found.span() if found else None


@pytest.mark.parametrize("anchor", ["how many wardens were employed", "eleven wardens", "wardens", "were employed in 2022",
                                    "full time in 2023 24", "dear ms hale", "foi 2291 request", "warden", "employed 2023",
                                    "we use"])
@pytest.mark.parametrize("start", [0, 5, 40, 80, 81, 82, 140, len(TEXT)])
def test_word_index_finds_what_the_anchor_regex_finds(anchor: str, start: int) -> None:
    run = words(anchor)
    assert WordIndex(TEXT).search(run, start) == _regex(run, start)


def test_a_run_is_found_only_from_a_word_start_at_or_after_the_position() -> None:
    index = WordIndex(TEXT)
    first = index.search(["wardens"])
    assert TEXT[first[0]:first[1]] == "wardens"
    # Starting inside "wardens" does not find its tail, nor the word itself: the next whole "wardens" comes.
    inside = index.search(["wardens"], first[0] + 2)
    assert inside is not None and inside[0] > first[0]
    assert index.search(["ardens"]) is None
    assert index.search([]) is None


@pytest.mark.parametrize("text", ["ΟΔΟΣ ΟΔΟΣ.ΟΔΟΣ_ΑΣ Σ ΑΣΑ ὈΔΟΣ'Σ ΑΣ\u00ad Α\u00adΣ Σ1 1Σ", "ǅemal ẞTRASSE İZMİR Ⅻ",
                                  "", " ,.;_ -- "])
def test_word_index_lower_cases_each_word_alone(text: str) -> None:
    # The words are lower-cased in one string: a capital sigma still becomes final only at a word's own end
    # (not because of the word after it), and a text without a word has no words to search.
    index = WordIndex(text)
    matches = list(re.finditer(r"[^\W_]+", text))
    assert index.words == [m.group().lower() for m in matches]
    for k, match in enumerate(matches):
        assert index.search(index.words[k:k + 2], match.start()) == (match.start(), matches[min(k + 1, len(matches) - 1)].end())
    assert index.search(["nowhere"]) is None


def test_a_run_repeated_is_found_from_the_first_word_starting_at_or_after_the_position() -> None:
    text = "the cat; the Cat. THE CAT, the dog"
    index = WordIndex(text)
    assert [index.search(["the", "cat"], start) for start in (0, 1, 9, 10, 19, 30)] == \
        [(0, 7), (9, 16), (9, 16), (18, 25), None, None]
    assert index.search(["the", "dog"], 0) == (27, 34)
