"""Labels: how a reply's answers roll up to its status as a whole."""
from __future__ import annotations

import pytest

from pipeline.labels import STATUS_NAMES, reply_status


@pytest.mark.parametrize(("outcomes", "status"), [
    (["provided", "provided", "provided"], "successful"),
    (["provided", "not_held"], "partially_successful"),  # one part answered, the other not held
    (["partially_provided"], "partially_successful"),
    (["refused_exemption", "provided"], "partially_successful"),
    (["not_held", "not_held"], "not_held"),
    (["not_held", "refused_cost"], "rejected"),  # nothing given, and a refusal among the rest
    (["ncnd"], "rejected"),
    (["other"], "other"),  # an acknowledgement alone: nothing answered yet
    (["other", "provided"], "successful"),  # a transfer of one part beside a full answer says nothing of it
    (["other", "not_held"], "not_held"),
    ([], None),
])
def test_a_replys_status_is_rolled_up_from_its_answers_outcomes(outcomes: list[str], status: str | None) -> None:
    assert reply_status(outcomes) == status
    assert status is None or status in STATUS_NAMES


def test_an_outcome_no_label_names_is_refused_rather_than_rolled_up() -> None:
    with pytest.raises(ValueError, match="not an outcome: granted"):
        reply_status(["provided", "granted"])


@pytest.mark.parametrize(("outcomes", "status"), [
    (["provided"], "partially_successful"),  # one question of several answered: part of what was asked
    (["provided", "not_held"], "partially_successful"),
    (["not_held"], "not_held"),  # nothing given stays so: a question left unanswered gives nothing either
    (["refused_cost"], "rejected"),
    (["other"], "other"),
])
def test_a_reply_that_leaves_asked_questions_unanswered_is_never_successful(outcomes: list[str], status: str) -> None:
    assert reply_status(outcomes, unanswered=True) == status
