"""WordIndex finds a run of words where a label anchor's regex would: whole words, any case and
punctuation between, from a position on."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.goldlabels import GoldAnswer, GoldDocument, WordIndex, anchor_pattern, find_span, locate, words

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


PERMITS = ("Resident parking permits: your request\n"
           "1. Permits issued to residents of Zone B in 2022\n"
           "2. Permits issued to residents of Zone B in 2023\n"
           "Response to question 1 and 2: permits issued to residents of Zone B are counted per year, 412 in 2022 and 455 in 2023.\n"
           "Any appeal must reach us within 40 working days.")


def _answer(q: str, question: tuple[str, str], answer: tuple[str, str]) -> GoldAnswer:
    return GoldAnswer(q, *question, *answer, outcome="provided")


def test_a_span_starts_at_the_last_start_anchor_before_its_end() -> None:
    # Two questions open alike: the second's start anchor also stands at the first, and its span is its own line.
    second = find_span(PERMITS, "Permits issued to residents of Zone B", "residents of Zone B in 2023")
    assert second is not None and PERMITS[second[0]:second[1]] == "Permits issued to residents of Zone B in 2023"
    # An answer whose opening words also stand in the page's title and in the questions above it (any case).
    answer = find_span(PERMITS, "permits issued to residents", "455 in 2023.")
    assert answer is not None and PERMITS[answer[0]:answer[1]].startswith("permits issued to residents of Zone B are counted")
    # A one-line item whose start and end anchors are the same words keeps its first place after the position.
    assert find_span(PERMITS, "Permits issued to residents of Zone B in", "of Zone B in 2022") == \
        (PERMITS.index("Permits issued to residents of Zone B in 2022"), PERMITS.index(" 2022\n2.") + 5)
    # Nothing changes where the words stand once (an anchor's closing stop is punctuation, not a word), or where
    # the end anchor is missing.
    assert find_span(PERMITS, "Any appeal must reach", "within 40 working days.") == (PERMITS.index("Any appeal"), len(PERMITS) - 1)
    assert find_span(PERMITS, "Any appeal must reach", "within 20 working days.") is None


def test_located_questions_and_answers_are_each_their_own_words() -> None:
    gold = GoldDocument("permits.txt", Path("permits.txt"), None, None, None, [
        _answer("1", ("Permits issued to residents", "of Zone B in 2022"), ("permits issued to residents", "455 in 2023.")),
        _answer("2", ("Permits issued to residents", "of Zone B in 2023"), ("permits issued to residents", "455 in 2023."))])
    assert locate(gold, PERMITS) == 2
    assert [a.question for a in gold.answers] == ["Permits issued to residents of Zone B in 2022",
                                                  "Permits issued to residents of Zone B in 2023"]
    assert {a.text for a in gold.answers} == {"permits issued to residents of Zone B are counted per year, 412 in 2022 and 455 in 2023"}
