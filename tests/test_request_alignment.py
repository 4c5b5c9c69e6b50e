"""Lining up replies with the request as sent: numbering, order, topics, merged answers."""
from __future__ import annotations

from pathlib import Path

from pipeline.extract.cleaning import clean
from pipeline.extract.request import load_request, parse_request
from pipeline.extract.segment import split_reply as segment

REQUEST_TEXT = """Subject: FOI request - street lighting

Dear FOI Officer,

Under the Freedom of Information Act 2000 please provide:

1. The number of street lights the council maintains, and how many have
   been converted to LED.

2. The council's street lighting energy bill in 2022/23 and 2023/24.

3. A copy of any policy on switching street lights off or dimming them
   at night.

I would like the answers by email.

Yours faithfully,
Sam Idowu
"""

REQUEST = parse_request(REQUEST_TEXT)
HEAD = "Dear Mr Idowu\n\nThank you for your request about street lighting, received on 9 January.\n\n"
TAIL = "\n\nIf you are dissatisfied with our reply you may ask for an internal review.\n\nYours sincerely\nL Farrow\n"


def records(body: str, fmt: str = "txt") -> list[tuple[str, str, str]]:
    return [(s.q, s.question, s.answer) for s in segment(clean(HEAD + body + TAIL, fmt), REQUEST)]


def test_parse_request_finds_numbered_questions_with_wrapped_lines() -> None:
    assert [q.q for q in REQUEST.questions] == ["1", "2", "3"]
    assert REQUEST.questions[0].text == "The number of street lights the council maintains, and how many have been converted to LED."
    assert REQUEST.questions[2].text.endswith("dimming them at night.")


def test_parse_request_keeps_sub_items_with_their_stem() -> None:
    request = parse_request("Please tell me:\nQ1 For your parks:\n(a) how many are there?\n(b) how many have toilets?\nQ2 Who manages them?\n")
    assert [(q.q, q.text) for q in request.questions] == [
        ("1(a)", "For your parks: how many are there?"),
        ("1(b)", "For your parks: how many have toilets?"),
        ("2", "Who manages them?"),
    ]


def test_unnumbered_request_is_one_question() -> None:
    request = parse_request("Dear council,\n\nHow much did you spend on consultants last year?\n\nThanks,\nJo")
    assert [(q.q, q.text) for q in request.questions] == [("1", "How much did you spend on consultants last year?")]


def test_an_unnumbered_requests_announcing_line_is_not_its_question() -> None:
    text = ("Dear Kestrel Council,\n\nUnder the Freedom of Information Act I request the following.\n\n"
            "How many parks does the council maintain, and what did that cost in 2024?\n\nYours faithfully,\nL. Moss")
    assert [q.text for q in parse_request(text).questions] == ["How many parks does the council maintain, and what did that cost in 2024?"]
    only = parse_request("Please provide the following information under the Freedom of Information Act.")
    assert [q.text for q in only.questions] == ["Please provide the following information under the Freedom of Information Act."]


def test_load_request_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "request.txt"
    path.write_text(REQUEST_TEXT, "utf-8")
    assert [q.q for q in load_request(path).questions] == ["1", "2", "3"]


def test_answers_numbered_only_take_the_request_questions() -> None:
    got = records("1. We maintain 18,240 lights, of which 12,905 are LED.\n2. The bill was £2.1m and then £1.7m.\n3. Our dimming policy is attached.")
    assert [g[0] for g in got] == ["1", "2", "3"]
    assert [g[1] for g in got] == [q.text for q in REQUEST.questions]
    assert got[1][2] == "The bill was £2.1m and then £1.7m."


def test_question_n_dash_labels_without_restated_questions() -> None:
    got = records("Question 1 - 18,240 lights; 12,905 are LED.\nQuestion 2 - £2.1m and £1.7m.\nQuestion 3 - We do not have such a policy.")
    assert [(g[0], g[2]) for g in got] == [("1", "18,240 lights; 12,905 are LED."), ("2", "£2.1m and £1.7m."), ("3", "We do not have such a policy.")]
    assert got[2][1] == REQUEST.questions[2].text


def test_bare_number_dash_labels() -> None:
    got = records("1 - We maintain 18,240 lights.\n\n2 - The bill was £2.1m.\n\n3 - No such policy exists.")
    assert [g[0] for g in got] == ["1", "2", "3"] and got[2][2] == "No such policy exists."


def test_q_labels_answered_out_of_order_keep_their_numbers_in_document_order() -> None:
    got = records("Q3: The part-night lighting policy is on our website.\n\nQ1: We maintain 18,240 lights.\n\nQ2: The bill was £2.1m.")
    assert [(g[0], g[2]) for g in got] == [
        ("3", "The part-night lighting policy is on our website."),
        ("1", "We maintain 18,240 lights."),
        ("2", "The bill was £2.1m."),
    ]
    assert got[0][1] == REQUEST.questions[2].text


def test_merged_answer_gives_a_record_per_question() -> None:
    got = records("Questions 1 and 2: Street lighting is run by the county council, so we hold neither figure.\n\n"
                  "Question 3: We have no policy on dimming.")
    assert [g[0] for g in got] == ["1", "2", "3"]
    assert got[0][2] == got[1][2] == "Street lighting is run by the county council, so we hold neither figure."
    assert got[1][1] == REQUEST.questions[1].text


def test_topic_headings_are_matched_to_reworded_and_reordered_questions() -> None:
    got = records("Energy costs\nWe paid £2.1m in 2022/23 and £1.7m in 2023/24.\n\n"
                  "Switching off and dimming\nLights in residential roads are dimmed by half after midnight; there is no written policy.\n\n"
                  "LED conversion\nOf our 18,240 street lights, 12,905 now use LED lanterns.")
    assert [g[0] for g in got] == ["2", "3", "1"]
    assert got[0][2] == "We paid £2.1m in 2022/23 and £1.7m in 2023/24."
    assert got[2][1] == REQUEST.questions[0].text


def test_reworded_restated_questions_keep_the_reply_wording() -> None:
    got = records("1. How many lights are there and how many are LED?\nResponse: 18,240, of which 12,905 are LED.\n"
                  "2. What did the lights cost to power?\nResponse: £2.1m and £1.7m.")
    assert got[0][1] == "How many lights are there and how many are LED?"
    assert got[1][2] == "£2.1m and £1.7m."


def test_email_quoting_the_request_lines_up_answers_without_a_request_file() -> None:
    text = (HEAD + "1) 18,240 lights, 12,905 LED.\n2) £2.1m, then £1.7m.\n3) We have no policy.\n\nBest regards\nL Farrow\n\n"
            "-----Original Message-----\nFrom: Sam Idowu\nSent: 9 January 2024\nSubject: FOI\n"
            + "\n".join("> " + line for line in REQUEST_TEXT.splitlines()))
    got = [(s.q, s.question, s.answer) for s in segment(clean(text, "eml"))]
    assert [g[1] for g in got] == [q.text for q in REQUEST.questions]
    assert got[2][2] == "We have no policy."


def test_parse_request_reads_a_list_numbered_without_stops() -> None:
    request = parse_request("Dear Council,\nPlease tell me:\n1 Which parks have outdoor gyms?\n"
                            "2 When was each one installed?\nYours faithfully,\nR. Amadi\n")
    assert [(q.q, q.text) for q in request.questions] == [
        ("1", "Which parks have outdoor gyms?"), ("2", "When was each one installed?")]
