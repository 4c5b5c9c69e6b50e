"""A line's markdown marks come off before its label is read, whether or not it has any."""
from __future__ import annotations

import pytest

from pipeline.extract.numbering import bare_list, parse_label, strip_markup


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


def test_a_group_letter_before_a_question_number_leaves_the_number() -> None:
    """"b) 4. How many ...": questions numbered through lettered groups; the question's number is 4."""
    label = parse_label("b) 4. How many ambulances attended?")
    assert (label.kind, label.numbers, label.rest, label.letter) == ("question", ["4"], "How many ambulances attended?", False)
    # A letter alone, or a letter before words that merely start with a figure, stays the letter.
    assert parse_label("c) Across all sites").numbers == ["c"]
    assert parse_label("a. 3 vans were bought").numbers == ["a"]
    assert parse_label("2. a) the cost").numbers == ["2"]


def test_a_table_row_numbered_by_a_cell_of_its_own() -> None:
    label = parse_label("3 | Crews made 9,614 visits in the year.")
    assert label is not None and label.numbers == ["3"] and label.rest == "Crews made 9,614 visits in the year."
    assert parse_label("Q7 | We hold no record of such visits.").numbers == ["7"]
    assert parse_label("3 | 9,614") is None and parse_label("2024 | Crews made many visits there") is None
    assert parse_label("1 | Polish | 340 interpreters") is None  # a row of data, not a numbered answer


def test_a_subsection_of_an_act_quoted_in_a_refusal_is_no_question_number() -> None:
    assert parse_label("(2) In this section, a request is vexatious where it is manifestly unreasonable.") is None
    assert parse_label("(4) For the purposes of subsection (2), information is exempt information if it is held.") is None
    assert parse_label("(2) How many requests did the council refuse as vexatious?").numbers == ["2"]


def test_a_list_numbered_without_stops_is_read_where_it_counts_in_order() -> None:
    """'1 Which ...', '2 Which ...' then '1 We ...', '2 We ...': two lists; a count or a date opening a line is none."""
    lines = ["Thank you for your request.", "1 Which parks have outdoor gyms?", "Please include any closed ones.",
             "2 When was each one installed?", "1 Outdoor gyms stand in Castle Park and Mill Meadow.",
             "2 Both were installed in 2019.", "14 Residents wrote in about them.", "3 May 2024"]
    labels = bare_list(lines)
    assert sorted(labels) == [1, 3, 4, 5]
    assert [labels[i].numbers for i in (1, 3, 4, 5)] == [["1"], ["2"], ["1"], ["2"]]
    assert labels[4].rest == "Outdoor gyms stand in Castle Park and Mill Meadow." and labels[4].kind == "question"
    assert bare_list(["1 Fire engine was sent.", "Nothing else happened."]) == {}  # one line is no list
    assert bare_list(["1 April 2023", "2 April 2023", "3 Engines attended."]) == {}  # dates are no items
    assert bare_list(["1 Sept 2023", "2 Oct. 2023"]) == {}
    # a word that only opens like a month is no date
    assert sorted(bare_list(["1 Decisions taken by the panel", "2 Marches held in the town centre"])) == [0, 1]
