"""A line's markdown marks come off before its label is read, whether or not it has any."""
from __future__ import annotations

import pytest

from pipeline.extract.numbering import parse_label, strip_markup


@pytest.mark.parametrize(
    "line, expected",
    [("  **Q1.** How many vans?  ", "Q1. How many vans?"), ("### Response", "Response"), ("__Answer 2__: none", "Answer 2: none"),
     ("  plain words\t", "plain words"), ("\u2003\u00a0plain words\u00a0", "plain words"), ("", ""), ("   ", ""),
     ("a_b and c*d", "a_b and c*d"), ("first\n   ## second", "first\nsecond"), ("first\n   second  ", "first\nsecond"),
     ("2 # of vans", "2 # of vans")],
)
def test_strip_markup(line: str, expected: str) -> None:
    # A line without '#', '*', '_' or a line break is only stripped; the others go through the pattern.
    assert strip_markup(line) == expected


def test_labels_with_and_without_markup_read_alike() -> None:
    plain, marked = parse_label("  Q3. How many vans? "), parse_label("**Q3.** How many vans?")
    assert plain is not None and marked is not None
    assert (plain.kind, plain.numbers, plain.rest) == (marked.kind, marked.numbers, marked.rest) == ("question", ["3"], "How many vans?")
