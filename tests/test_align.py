"""Canonical questions: answers line up across bodies that reword, reorder, merge and split questions."""
from __future__ import annotations

import pytest

from pipeline.report.align import align, question_numbers, short_title, short_titles
from pipeline.report.records import from_records
from report_helpers import record

REQUEST = [
    ("1", "Budgets or any other resources allocated by the Council to tackling modern slavery in 2017/18 and 2018/19"),
    ("2", "A copy of the Council's modern slavery strategy, policy or action plan, if one exists"),
    ("3", "The number of referrals the Council made to the National Referral Mechanism (NRM) in each year"),
]

# What each answer is about, so a test can say where it must land.
BUDGET, STRATEGY, REFERRALS = "budget", "strategy", "referrals"


def _replies() -> list[tuple[str, dict]]:
    """Four bodies' replies to REQUEST, reworded and reordered; (topic, record) pairs."""
    return [
        (BUDGET, record("Ashford Council", "1", REQUEST[0][1], "There is no specific budget.")),
        (STRATEGY, record("Ashford Council", "2", REQUEST[1][1], "Our strategy is attached.")),
        (REFERRALS, record("Ashford Council", "3", REQUEST[2][1], "We made 4 referrals.")),
        # Reordered and reworded: its question 1 is the request's question 2, and so on.
        (STRATEGY, record("Bexley Borough", "1", "Please send us your strategy or policy on modern slavery.", "See our policy online.")),
        (REFERRALS, record("Bexley Borough", "2", "How many referrals did you make to the National Referral Mechanism?", "Two referrals.")),
        (BUDGET, record("Bexley Borough", "3", "What budget or other resources have you allocated to tackle modern slavery?", "None allocated.")),
        # Reworded, same order, lettered.
        (BUDGET, record("Carrow District", "a", "Any budgets and resources allocated for modern slavery work in 2017/18 and 2018/19", "Nil.")),
        (STRATEGY, record("Carrow District", "b", "A copy of any modern slavery strategy, policy or action plan", "No strategy.")),
        (REFERRALS, record("Carrow District", "c", "Number of NRM referrals made by the Council in each year", "0 and 1.")),
        # Reordered without numbers that agree: text must win.
        (REFERRALS, record("Dunmere Council", "1", "The number of National Referral Mechanism referrals the Council made", "Seven.")),
        (BUDGET, record("Dunmere Council", "2", "Resources and budgets allocated by the Council to tackling modern slavery", "£5,000.")),
        (STRATEGY, record("Dunmere Council", "3", "Your modern slavery strategy or action plan, if one exists", "Attached.")),
    ]


def _placed(alignment, topics: list[str]) -> dict[str, set[tuple[str, ...]]]:
    """For each topic, the set of canonical keys its answers were given (one set member = lined up)."""
    placed: dict[str, set[tuple[str, ...]]] = {}
    for topic, keys in zip(topics, alignment.assigned):
        placed.setdefault(topic, set()).add(keys)
    return placed


def test_reworded_and_reordered_replies_line_up_without_a_request() -> None:
    topics, records = zip(*_replies())
    predictions = from_records(list(records))
    alignment = align(predictions.answers)
    placed = _placed(alignment, list(topics))
    assert len(alignment.questions) == 3
    for topic in (BUDGET, STRATEGY, REFERRALS):
        assert len(placed[topic]) == 1 and () not in placed[topic], (topic, placed[topic])
    assert len({next(iter(keys)) for keys in placed.values()}) == 3
    # The canonical numbering follows the numbers most replies used for each question.
    by_topic = {topic: next(iter(keys))[0] for topic, keys in placed.items()}
    titles = {q.key: q.title for q in alignment.questions}
    assert "budget" in titles[by_topic[BUDGET]].lower() or "resources" in titles[by_topic[BUDGET]].lower()


def test_reworded_and_reordered_replies_line_up_with_the_request() -> None:
    topics, records = zip(*_replies())
    alignment = align(from_records(list(records)).answers, REQUEST)
    expected = {BUDGET: ("1",), STRATEGY: ("2",), REFERRALS: ("3",)}
    for topic, keys in zip(topics, alignment.assigned):
        assert keys == expected[topic], (topic, keys)
    assert [q.key for q in alignment.questions] == ["1", "2", "3"]


def test_merged_split_numberless_and_stray_answers() -> None:
    records = [
        record("Elm Council", "1 and 2", "Budgets allocated... and a copy of your strategy", "We have neither a budget nor a strategy."),
        record("Elm Council", "3", "", "We made 3 referrals to the NRM."),
        record("Fir Council", "1(a)", "Budgets allocated to tackling modern slavery in 2017/18", "None."),
        record("Fir Council", "1(b)", "Budgets allocated to tackling modern slavery in 2018/19", "£2,000."),
        record("Fir Council", "4", "How many parking tickets did you issue on the high street?", "1,204."),
        record("Gale Council", "", "", "The Council has no modern slavery strategy, policy or action plan."),
    ]
    alignment = align(from_records(records).answers, REQUEST)
    assert alignment.assigned[0] == ("1", "2")      # merged: one answer, two questions
    assert alignment.assigned[1] == ("3",)          # no question text: its number places it
    assert alignment.assigned[2] == alignment.assigned[3] == ("1",)  # split parts share the question
    assert alignment.assigned[4] == ()              # fits nothing: listed as unmatched, not dropped
    assert alignment.assigned[5] == ("2",)          # no number, no question: the answer's words place it
    assert alignment.unmatched() == [4]


def test_alignment_is_deterministic() -> None:
    records = [r for _, r in _replies()]
    first = align(from_records(records).answers)
    second = align(from_records(records).answers)
    assert first.assigned == second.assigned and first.questions == second.questions


def test_questions_few_bodies_were_asked_are_left_out_but_listed() -> None:
    records = [r for _, r in _replies()] + [record("Ashford Council", "4", "How many taxi licences were revoked in 2019?", "Twelve.")]
    alignment = align(from_records(records).answers)
    assert len(alignment.questions) == 3
    assert alignment.unmatched() == [len(records) - 1]


def test_a_request_without_questions_falls_back_to_grouping() -> None:
    alignment = align(from_records([r for _, r in _replies()]).answers, [])
    assert len(alignment.questions) == 3 and "no numbered questions" in alignment.note


@pytest.mark.parametrize(
    ("q", "numbers"),
    [("1", ["1"]), ("Q2", ["2"]), ("1(a)", ["1"]), ("3b", ["3"]), ("1 and 2", ["1", "2"]), ("1-3", ["1", "2", "3"]), ("b", ["b"]), ("", [])],
)
def test_question_numbers(q: str, numbers: list[str]) -> None:
    assert question_numbers(q) == numbers


def test_short_title_takes_a_clause_of_substance() -> None:
    assert short_title("If available, a copy of the organisational strategy") == "A copy of the organisational strategy…"
    assert short_title("How many referrals?") == "How many referrals"


def test_one_document_never_has_two_numbers_in_one_group() -> None:
    """Template questions differing in one word stay apart because each letter numbers them apart."""
    records = [
        record(body, q, f"Your {topic} for tackling modern slavery?", "Answer.")
        for body in ("Oak Council", "Ash Council", "Yew Council")
        for q, topic in (("1", "budget"), ("2", "strategy"))
    ]
    alignment = align(from_records(records).answers)
    assert len(alignment.questions) == 2
    assert alignment.assigned == [("1",), ("2",)] * 3


def test_replies_that_never_restate_questions_line_up_by_number() -> None:
    records = [record(body, q, "", f"{body} answer {q}.") for body in ("Oak Council", "Ash Council") for q in ("1", "2")]
    alignment = align(from_records(records).answers)
    assert [q.title for q in alignment.questions] == ["Question 1", "Question 2"]
    assert alignment.assigned == [("1",), ("2",)] * 2


def test_titles_of_questions_that_open_alike_are_cut_where_they_differ() -> None:
    texts = ["The total amount of money the council spent on road gritting in the winter of 2022, by ward",
             "The total amount of money the council spent on road gritting in the winter of 2023, by ward",
             "Whether the council owns its own gritting lorries"]
    titles = short_titles(texts)
    assert len(set(titles)) == 3
    assert titles[0].startswith("The total amount of money the council spent") and "2022" in titles[0] and "2023" in titles[1]
    assert titles[2] == short_title(texts[2])  # a title that clashes with none keeps its length
    # Two questions worded the same cannot be told apart by their words: they keep the short title.
    assert short_titles([texts[2], texts[2]]) == [short_title(texts[2])] * 2


def test_found_questions_keep_the_numbers_the_replies_gave_them() -> None:
    """Without a request, a question too few bodies answered is left out; the ones kept are still headed
    by the replies' own numbers (the reply's 2 stays Q2, not Q1), and a group with no number goes after."""
    records = [record("Moss Council", "1", "Which firm runs your parking enforcement contract?", "Kerbside Ltd.")]
    for body in ("Moss Council", "Reed Council", "Sedge Council", "Rush Council", "Fern Council"):
        records.append(record(body, "2", "How many grit bins are there on council roads?", "212 grit bins."))
        records.append(record(body, "3", "What did the council spend refilling the grit bins last winter?", "£9,100."))
    records += [record(body, "", "Who decides where a new grit bin is placed?", "The highways team.")
                for body in ("Reed Council", "Sedge Council")]
    alignment = align(from_records(records).answers)
    keys = [q.key for q in alignment.questions]
    assert keys == ["2", "3", "4"]
    assert alignment.assigned[:3] == [(), ("2",), ("3",)]
    assert "decides" in alignment.questions[2].text
