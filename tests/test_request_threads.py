"""A request thread's letters as a requester's page shows them: which of the body's letters answer.

A thread holds the body's acknowledgement, delay notices, questions back and review letters beside its
answer. None of those answers anything: an acknowledgement before the reply is no answer beside it, a
thread the body has only acknowledged still waits (its outcome is `other`, whatever an acknowledgement's
words score), and a review that upholds the first answer leaves that answer standing. The threads here
are written for these tests, in other words than the set they were found on.
"""
from __future__ import annotations

import pytest

from pipeline.classify import classify_records, load_model
from pipeline.extract import AWAITING, Segmenter, clean, split_reply, units_of
from pipeline.extract.request import parse_request
from pipeline.extract.rules import ANSWER, HOLDING, REQUESTER_LETTER, UPHOLDING, thread_of


@pytest.fixture(scope="module")
def model():
    return load_model()


def _page(*letters: tuple[str, str, str]) -> str:
    """A thread page: its title and who asked whom, then each letter under its writer and date."""
    head = "Bus shelter repairs\nK. Lindgren made this Freedom of Information request to Westmere Council\n\n"
    return head + "".join(f"{who}\n{when}\n\n{body}\n\nLink to this\nReport\n\n" for who, when, body in letters)


REQUEST = ("K. Lindgren", "2 June 2025", "Dear Westmere Council,\n\n1. How many bus shelters did the council repair in 2024?\n"
           "2. What did those repairs cost in all?\n\nYours faithfully,\nK. Lindgren")
LOGGED = ("Westmere Council", "3 June 2025", "Dear K. Lindgren,\n\nWe confirm that your request arrived on 2 June 2025 and has "
          "been logged as WC-2025-318.\n\nA reply will follow within twenty working days.\n\nCustomer Records")
REPLY = ("Westmere Council", "27 June 2025", "Dear K. Lindgren,\n\nWC-2025-318\n\n1. The council repaired 64 bus shelters in 2024."
         "\n\n2. The repairs cost £38,920 in all.\n\nCustomer Records")


def test_a_lettered_list_under_no_number_is_the_questions_themselves() -> None:
    # "(a)" heads no sub-questions of its own: the requester lettered the questions instead of numbering them.
    request = parse_request("Dear Westmere Council,\n\nI would like to know:\n(a) the number of bus shelters;\n"
                            "(b) the number repaired in 2024;\n(c) the cost of those repairs.\n\nYours faithfully,\nK. Lindgren")
    assert [(q.q, q.text) for q in request.questions] == [("a", "the number of bus shelters;"), ("b", "the number repaired in 2024;"),
                                                          ("c", "the cost of those repairs.")]
    # Letters under a number still keep its stem.
    nested = parse_request("Dear Westmere Council,\n\n1. Bus shelters:\n(a) how many;\n(b) how many repaired\n\nYours faithfully,\nK. L")
    assert [q.q for q in nested.questions] == ["1(a)", "1(b)"]


def test_what_each_of_the_bodys_letters_says() -> None:
    # The acknowledgement holds the request, the reply answers it; a letter of figures on lines of their own
    # (no sentence among them) answers too.
    lines = clean(_page(REQUEST, LOGGED, REPLY), "txt").split("\n")
    assert thread_of(lines).kinds == [REQUESTER_LETTER, HOLDING, ANSWER]
    tabled = (REPLY[0], REPLY[1], "Dear K. Lindgren,\n\nWe are sorry this is late.\n\nShelters repaired: 64\nCost: £38,920\n\nCustomer Records")
    lines = clean(_page(REQUEST, tabled), "txt").split("\n")
    assert thread_of(lines).kinds == [REQUESTER_LETTER, ANSWER]


class _Tagging:
    """A role tagger that gives the roles it was made with: what a trained one may score (numpy-free odds)."""

    def __init__(self, roles: list[str]) -> None:
        self.roles = roles

    def predict_with_odds(self, features: list) -> tuple[list[str], list[float]]:
        return self.roles, [0.9 if role[0] == "A" else 0.1 for role in self.roles]


def test_an_acknowledgement_before_the_reply_is_no_answer(model) -> None:
    # The shipped segmenter read "We will respond within 20 working days" as an answer and the reply's lines of
    # figures as none: whatever the segmenter scores, the acknowledgement answers nothing, and the reply is read.
    plain = (REPLY[0], REPLY[1], "Dear K. Lindgren,\n\nWC-2025-318\n\nShelters repaired in 2024: 64.\n\n"
             "Cost of the repairs: £38,920.\n\nCustomer Records")
    text = clean(_page(REQUEST, LOGGED, plain), "txt")
    units = units_of(text)
    roles = ["QB" if u.text[:2] in ("1.", "2.") else "AB" if u.text.startswith("A reply will follow") else "O" for u in units]
    assert roles.count("AB") == 1
    segments = split_reply(text, None, Segmenter(_Tagging(roles)))  # type: ignore[arg-type]
    assert segments and all("reply will follow" not in s.answer for s in segments), segments
    assert all("64" in s.answer and "£38,920" in s.answer for s in segments), segments
    # The shipped segmenter, on the reply numbered as the request was.
    segments = split_reply(clean(_page(REQUEST, LOGGED, REPLY), "txt"), None, model.segmenter)
    assert [s.q for s in segments] == ["1", "2"] and "64 bus shelters" in segments[0].answer, segments


def test_a_thread_the_body_has_only_acknowledged_waits_and_its_outcome_is_other(model) -> None:
    # The acknowledgement and a delay notice, then the requester's chaser: no answer yet, for either question.
    late = ("Westmere Council", "30 June 2025", "Dear K. Lindgren,\n\nWC-2025-318\n\nWe regret that our reply is running late. "
            "The highways team is still collating the repair records.\n\nCustomer Records")
    chaser = ("K. Lindgren", "14 July 2025", "Dear Westmere Council,\n\nWhen can I expect the answer?\n\nYours faithfully,\nK. Lindgren")
    segments = split_reply(clean(_page(REQUEST, LOGGED, late, chaser), "txt"), None, model.segmenter)
    assert [s.q for s in segments] == ["1", "2"] and all(AWAITING in s.flags for s in segments), segments
    records = [{"doc": "thread", "q": s.q, "question": s.question, "answer": s.answer, "exemptions": [], "flags": s.flags}
               for s in segments]
    assert [r["outcome"] for r in classify_records(records, model=model)] == ["other", "other"]


def test_a_body_asking_what_was_meant_leaves_the_request_waiting(model) -> None:
    asked = ("Westmere Council", "4 June 2025", "Dear K. Lindgren,\n\nDo you mean the shelters the council owns, or also those "
             "the bus operators put up? The operators look after their own.\n\nCustomer Records")
    segments = split_reply(clean(_page(REQUEST, asked), "txt"), None, model.segmenter)
    assert segments and all(AWAITING in s.flags for s in segments), segments


def test_a_review_upholding_the_refusal_leaves_the_refusal_as_the_answer(model) -> None:
    request = ("K. Lindgren", "2 June 2025", "Dear Westmere Council,\n\nPlease send me the tender scores each bidder received for "
               "the bus shelter maintenance contract.\n\nYours faithfully,\nK. Lindgren")
    refusal = ("Westmere Council", "30 June 2025", "Dear K. Lindgren,\n\nWC-2025-318\n\nThe scores are withheld under section 43(2), "
               "since publishing them before the contract is let again would harm the bidders' commercial position.\n\nProcurement")
    review_asked = ("K. Lindgren", "1 July 2025", "Dear Westmere Council,\n\nPlease carry out an internal review of this refusal. "
                    "Could you not give the scores without the bidders' names?\n\nYours faithfully,\nK. Lindgren")
    upheld = ("Westmere Council", "25 July 2025", "Dear K. Lindgren,\n\nReview of WC-2025-318\n\nHaving looked at the scores again, "
              "I find that section 43(2) was correctly applied, since with only three bidders the scores would identify them. "
              "The decision is upheld.\n\nMonitoring Officer")
    lines = clean(_page(request, refusal, review_asked, upheld), "txt").split("\n")
    assert thread_of(lines).kinds == [REQUESTER_LETTER, ANSWER, REQUESTER_LETTER, UPHOLDING]
    segments = split_reply("\n".join(lines), None, model.segmenter)
    assert segments and all("withheld under section 43(2)" in s.answer and "upheld" not in s.answer for s in segments), segments
    # A review that gives what was withheld answers afresh: its answer stands, not the refusal.
    given = (upheld[0], upheld[1], "Dear K. Lindgren,\n\nReview of WC-2025-318\n\nI do not uphold the refusal. The scores without "
             "the bidders' names were 71, 64 and 58 out of 100.\n\nMonitoring Officer")
    lines = clean(_page(request, refusal, review_asked, given), "txt").split("\n")
    segments = split_reply("\n".join(lines), None, model.segmenter)
    assert segments and all("71, 64 and 58" in s.answer for s in segments), segments
