"""What real replies do that the fictional corpus did not, written here in other words.

Each reply in tests/replies/ was written for this test in the shape real replies take (the
questions restated as one block with detail paragraphs and one response under them; answers
as lines under bullets; a disclosure-log page with its navigation and cookie text; numbered
answers that never restate the questions), so the shipped model has never seen its wording.
The answers below say "not held", "given", "refused on cost" in the ways real bodies do.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.classify import classify_records, load_model
from pipeline.extract import exemptions, extract_paths, find_facts, load_request

REPLIES = Path(__file__).resolve().parent / "replies"


@pytest.fixture(scope="module")
def model():
    return load_model()


def _extract(name: str, model, request: str | None = None) -> list[dict]:
    req = load_request(REPLIES / request) if request else None
    return [r for r in extract_paths([REPLIES / name], request=req, segmenter=model.segmenter) if "answer" in r]


def test_answers_as_lines_under_bullets(model) -> None:
    records = _extract("bullets-under-questions.txt", model)
    assert [r["q"] for r in records] == ["1", "2", "3"]
    for record, given in zip(records, ("23 allotment", "412 people", "No deposit")):
        assert given in record["answer"], record
    assert all("?" in r["question"] and r["question"] not in r["answer"] for r in records)


def test_restated_block_keeps_its_detail_paragraphs_in_the_questions(model) -> None:
    records = _extract("restated-block-one-response.txt", model)
    assert [r["q"] for r in records] == ["1", "2", "3"]
    assert "spreadsheet if possible" in records[0]["question"]  # the request's own paragraph, not an answer
    assert all("attached spreadsheet" in r["answer"] for r in records)  # one response for all
    assert not any("internal review" in r["answer"] or "Yours sincerely" in r["answer"] for r in records)
    assert not any("proactively publish" in r["answer"] for r in records)  # the publication scheme paragraph is furniture


def test_page_navigation_and_cookies_are_not_questions(model) -> None:
    records = _extract("disclosure-log-page.txt", model)
    assert len(records) == 1
    assert records[0]["question"].startswith("I am writing under the Freedom of Information Act")
    assert "does not record how often" in records[0]["answer"] and "internal review" not in records[0]["answer"]


def test_lists_restarting_at_one_are_read_in_order(model) -> None:
    """A page whose every question and answer is "1." (each its own list): three questions, in order, each
    with the answer in its place, and the planting question keeps its detail paragraph."""
    records = _extract("lists-restarting-at-one.txt", model)
    assert [r["q"] for r in records] == ["1", "2", "3"]
    assert [r["question"].split()[:2] for r in records] == [["How", "many"], ["Please", "state"], ["What", "is"]]
    assert "by ward" in records[1]["question"]
    for record, given in zip(records, ("1,146", "2,380", "£612,000")):
        assert given in record["answer"] and "internal review" not in record["answer"], record


def test_numbered_answers_line_up_with_the_request(model) -> None:
    records = _extract("numbered-answers-only.txt", model, request="numbered-answers-only.request.txt")
    assert [r["q"] for r in records] == ["1", "2", "3"]
    assert records[0]["question"].startswith("How many fixed penalty notices")
    assert "Appendix A" in records[0]["answer"] and "do not hold" in records[1]["answer"] and "contracts register" in records[2]["answer"]


# (question, answer, outcome GUIDE.md gives it)
WORDINGS = (
    ("How many complaints about noise were received in 2023?",
     "This information is not recorded by the council in a reportable format, so we cannot provide it.", "not_held"),
    ("How many ambulances were delayed more than an hour at handover?",
     "We are unable to report on handover delays by hour as our system does not capture it.", "not_held"),
    ("How many staff were dismissed for gross misconduct in 2022?", "ZERO", "provided"),
    ("Please provide the number of bus lanes enforced by camera.", "Please refer to the attached spreadsheet.", "provided"),
    ("Please provide your library opening hours for each branch.", "As per the attached document, which lists every branch.", "provided"),
    ("How much did the council spend on agency social workers?",
     "To locate and extract this would take well over 18 hours, exceeding the £450 appropriate limit under section 12, "
     "so we are not obliged to comply.", "refused_cost"),
    ("How many trees were planted in 2022?", "The Council does not hold this information.", "not_held"),
)
# Answers to requests on other subjects: the default (trafficking) scheme's findings do not belong to them.
UNRELATED = (
    ("How many housing officers support patients on the wards?", "We have two housing officers who work with patients on our inpatient wards."),
    ("Do you have a policy on discharging homeless patients?", "We have no specific policy on this; discharge is planned case by case with the local authority."),
    ("How many trees were planted in 2022?", "We planted 1,240 trees across 14 parks, funded from the parks maintenance budget."),
)


def _classify(pairs, model) -> list[dict]:
    records = [{"doc": f"w{i}.txt", "q": "1", "question": q, "answer": a, "exemptions": exemptions(a), "facts": find_facts(a, [])}
               for i, (q, a, *_) in enumerate(pairs)]
    return list(classify_records(records, model=model))


def test_real_ways_of_saying_how_a_request_was_handled(model) -> None:
    results = _classify(WORDINGS, model)
    misses = [(w[1][:50], w[2], r["outcome"]) for w, r in zip(WORDINGS, results) if r["outcome"] != w[2]]
    assert not misses, misses
    assert "specific_budget" not in results[5]["findings"]  # the £450 is the cost of answering, not a budget


def test_a_numbered_answer_is_labelled_by_its_words_not_its_number(model) -> None:
    """A body that numbers its answers ("5. This is not recorded", "(c) ...", "Q7. ...") gets the labels its words
    earn unnumbered: the number is no figure given, and no sentence to quote as the evidence."""
    pairs = [("Total number of parking fines cancelled on appeal since 2019",
              "This is not tracked by the Parking team, therefore the information is not recorded"),
             ("The number of pothole repairs completed within 24 hours in 2023",
              "This is not monitored by the Highways service, so the information is not recorded")]
    for question, answer in pairs:
        plain, *numbered = _classify([(question, label + answer) for label in ("", "5. ", "(c) ", "Q7. ")], model)
        assert plain["outcome"] == "not_held", plain
        assert [r["outcome"] for r in numbered] == ["not_held"] * 3, (answer, [r["outcome"] for r in numbered])
        assert all(r["evidence"]["not_held"] == answer for r in numbered), [r["evidence"] for r in numbered]


def test_no_trafficking_findings_on_unrelated_answers(model) -> None:
    assert [r["findings"] for r in _classify(UNRELATED, model)] == [[], [], []]


def test_lines_under_a_numbered_answer_stay_with_it(model) -> None:
    """'1.' alone, then a line per year: the lines are answer 1, not answers to the questions after it."""
    records = _extract("numbered-lists-under-answers.txt", model)
    by_q = {r["q"]: r["answer"] for r in records}
    assert sorted(by_q) == ["1", "2", "3"]
    assert "2021/22 - 1,204" in by_q["1"] and "2023/24 - 987" in by_q["1"] and "faulty" not in by_q["1"]
    assert "2021/22 - 3,450" in by_q["2"] and "2023/24 - 2,876" in by_q["2"] and "LED" not in by_q["2"]
    assert "Brightway" in by_q["3"] and "internal review" not in by_q["3"]


def test_an_answer_naming_its_questions_answers_the_unrestated_ones(model) -> None:
    """The reply restates one question and answers 'your questions 1 to 3': with the request, all three get it."""
    records = _extract("all-questions-named.txt", model, request="all-questions-named.request.txt")
    assert sorted(r["q"] for r in records) == ["1", "2", "3"]
    assert all("workbook enclosed" in r["answer"] for r in records)
    assert {r["q"]: r["question"] for r in records}["1"].startswith("The number of ambulance handovers")


def test_a_reply_after_the_quoted_request_is_found(model) -> None:
    """The request quoted with its own greeting and sign-off, then the reply greeting anew and answering in order."""
    records = _extract("quoted-request-then-reply.txt", model)
    answers = " ".join(r["answer"] for r in records)
    assert "318 people" in answers and "not held" in answers
    assert "Please let me know if anything is unclear" not in answers and "internal review" not in answers


def test_copyright_and_reuse_notices_after_the_answer_stay_out_of_it(model) -> None:
    """The re-use notice every UK body prints (copyright protection, free for your own use, the Open
    Government Licence) follows the answer; it is not part of it."""
    records = _extract("reuse-notice-after-answer.txt", model)
    assert [r["q"] for r in records] == ["1", "2"]
    for record in records:
        assert "Annex A" in record["answer"] and "headcounts" in record["answer"], record
        assert "copyright" not in record["answer"].lower() and "Licence" not in record["answer"], record


def test_a_table_of_questions_and_responses_in_a_docx_letter(model, tmp_path: Path) -> None:
    """Councils and trusts often answer in a two-column Word table (Request | Response): each row is
    a question and its answer, values and all."""
    from fixtures_files import docx_bytes

    def build(document) -> None:
        document.add_paragraph("Our ref: IR-5530")
        document.add_paragraph("Dear Dr Quayle,")
        document.add_paragraph("Please find our response to your questions in the table below.")
        table = document.add_table(rows=4, cols=2)
        rows = [("Request", "Response"),
                ("1. How many public electric vehicle chargers did the council install in 2023?", "We installed 57 chargers in 2023."),
                ("2. What was spent on them?", "The installation cost £402,000, funded by a government grant."),
                ("3. Does the council plan to install more in 2024?", "Yes. A further 40 are planned.")]
        for row, cells in zip(table.rows, rows):
            row.cells[0].text, row.cells[1].text = cells
        document.add_paragraph("If you are unhappy with this response you may ask for an internal review.")
        document.add_paragraph("Yours sincerely, Transport Team")

    (tmp_path / "response.docx").write_bytes(docx_bytes(build))
    records = [r for r in extract_paths([tmp_path], segmenter=model.segmenter) if "answer" in r]
    assert [(r["q"], r["answer"]) for r in records] == [
        ("1", "We installed 57 chargers in 2023."), ("2", "The installation cost £402,000, funded by a government grant."),
        ("3", "Yes. A further 40 are planned.")]
    assert [r["question"] for r in records][1] == "What was spent on them?"
    labelled = list(classify_records(records, model=model))
    assert [(r["value_kind"], r["value"]) for r in labelled] == [("count", 57), ("money", 402000), ("yes_no", "yes")]


def test_a_table_of_unnumbered_requests_under_a_query_and_reply_header(model, tmp_path: Path) -> None:
    """The requests in a reply table's first column are often neither numbered nor asked ("Whether ..."), and
    an answer may be one word; under its "Query | Our reply" header every row is still a question and its
    answer, where the rows had run together into the answer above."""
    from fixtures_files import docx_bytes

    rows = [("Query", "Our reply"),
            ("The number of school crossing patrols employed by the council on 1 September 2024.", "84 patrols are employed."),
            ("Whether patrols are paid during school holidays.", "No."),
            ("Whether the council has reviewed the need for patrols at each site since 2020.",
             "Yes. Every site was reviewed in 2022 against the national guidance, and the review is attached.")]

    def build(document) -> None:
        document.add_paragraph("Dear Mr Lindqvist,")
        document.add_paragraph("Our reply to each part of your request is set out below.")
        table = document.add_table(rows=len(rows), cols=2)
        for row, cells in zip(table.rows, rows):
            row.cells[0].text, row.cells[1].text = cells
        document.add_paragraph("Yours sincerely,")

    (tmp_path / "reply.docx").write_bytes(docx_bytes(build))
    records = [r for r in extract_paths([tmp_path], segmenter=model.segmenter) if "answer" in r]
    assert [(r["question"], r["answer"]) for r in records] == rows[1:]


def test_every_row_of_a_log_pages_request_and_response_table_is_an_answer(model, tmp_path: Path) -> None:
    """A disclosure-log page's table under "Request | Response": a reply whose words score low as an answer's
    ("Yes. 16 ponds are ...") is still the row's answer, not dropped as more likely none."""
    (tmp_path / "log.html").write_text(
        "<html><head><title>Disclosure log - Exampleshire Council</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/foi'>Freedom of information</a></nav>"
        "<h1>FOI 5120: Park ponds</h1><p>Responded: 4 June 2024</p><table>"
        "<tr><th>Request</th><th>Response</th></tr>"
        "<tr><td>The number of ponds in council parks that were dredged in 2023.</td><td>Three ponds were dredged.</td></tr>"
        "<tr><td>The cost of the dredging in 2023.</td><td>£18,400.</td></tr>"
        "<tr><td>Whether any park ponds are left undisturbed for amphibians.</td>"
        "<td>Yes. 16 ponds are kept as newt refuges and are only cleared by hand, in winter.</td></tr>"
        "</table><footer>Cookies | Accessibility</footer></body></html>", encoding="utf-8")
    records = [r for r in extract_paths([tmp_path], segmenter=model.segmenter) if "answer" in r]
    assert [r["answer"] for r in records] == ["Three ponds were dredged.", "£18,400.",
                                              "Yes. 16 ponds are kept as newt refuges and are only cleared by hand, in winter."]


def test_an_email_answering_under_each_quoted_question(model, tmp_path: Path) -> None:
    """An e-mail answering inline, each answer under the question it quotes ("> 3. Please send me ..."): the
    quoted questions are numbered as written, a request that does not ask ("Please send me") included; the
    request quoted again below the sign-off is no question."""
    from fixtures_files import eml_bytes

    body = ("Dear Dr Osei,\n\nThank you for your request. We have answered under each of your questions.\n\n"
            "> 1. How many public toilets does the council maintain?\n\nThe council maintains 14 public toilets.\n\n"
            "> 2. Which of them are open overnight?\n\nNone of them are open overnight.\n\n"
            "> 3. Please send me the cleaning contract for the toilets.\n\nThe contract is attached.\n\n"
            "Kind regards,\n\nFacilities Team\n\n> Dear Council,\n> 1. How many public toilets does the council "
            "maintain?\n> 2. Which of them are open overnight?\n> 3. Please send me the cleaning contract for the toilets.\n"
            "Thank you,\nK Osei\n")
    (tmp_path / "reply.eml").write_bytes(eml_bytes(body, subject="RE: Public toilets (Ref FOI-7731)"))
    records = [r for r in extract_paths([tmp_path], segmenter=model.segmenter) if "answer" in r]
    assert [(r["q"], r["question"], r["answer"]) for r in records] == [
        ("1", "How many public toilets does the council maintain?", "The council maintains 14 public toilets."),
        ("2", "Which of them are open overnight?", "None of them are open overnight."),
        ("3", "Please send me the cleaning contract for the toilets.", "The contract is attached.")]
    assert records[0]["reference"] == "FOI-7731"  # a subject's reference, labelled in brackets


def test_a_boilerplate_word_as_a_table_column_keeps_the_table_in_the_answer(model) -> None:
    records = _extract("table-under-a-boilerplate-word.txt", model)
    assert [r["q"] for r in records] == ["1", "2"]
    assert all(figure in records[0]["answer"] for figure in ("1,318", "1,207", "1,452")), records[0]
    assert "None of the cases" in records[1]["answer"] and "unhappy" not in records[1]["answer"]


def test_answers_in_a_table_numbered_by_a_cell_of_their_own(model) -> None:
    records = _extract("numbered-table-on-a-page.html", model)
    assert [r["q"] for r in records] == ["1", "2", "3", "4"]
    assert [r["answer"].split()[0] for r in records] == ["Crews", "We", "This", "Yes,"]  # the number cell is no part of it


def test_paragraphs_that_name_the_question_they_answer(model) -> None:
    records = _extract("answers-by-ordinal.txt", model, "answers-by-ordinal.request.txt")
    assert [r["q"] for r in records] == ["1", "2", "3"]
    for record, given in zip(records, ("37 seasonal", "486,000", "review was completed")):
        assert given in record["answer"] and record["answer"].count("question") == 1, record


def test_answers_written_above_the_request_they_quote(model) -> None:
    """An e-mail answering above the message it replies to: the numbered answers are lined up with the quoted
    request's questions, and the quoted request is no answer."""
    records = _extract("answers-above-the-quoted-request.eml", model)
    assert [(r["q"], r["question"]) for r in records] == [
        ("1", "How many new books did the library service buy?"), ("2", "How many books were withdrawn from stock?"),
        ("3", "What was spent on book stock in total?")]
    assert "18,240" in records[0]["answer"] and "6,115" in records[1]["answer"] and "£171,900" in records[2]["answer"]
    assert not any("Please could you tell me" in r["answer"] for r in records)


def test_questions_and_answers_numbered_without_stops(model) -> None:
    """'1 How many ...?' restated as a list without stops, then '1 The Council maintains ...': each answer its own."""
    records = _extract("numbered-without-stops.txt", model)
    by_q = {r["q"]: r for r in records}
    assert sorted(by_q) == ["1", "2", "3"]
    given = {"1": "18 public tennis courts", "2": "Seven courts", "3": "£6.50"}
    for q, record in by_q.items():
        assert given[q] in record["answer"] and "?" not in record["answer"], record
        assert all(other not in record["answer"] for k, other in given.items() if k != q), record  # its own answer alone
        assert record["question"].endswith("?") and not record["question"][0].isdigit(), record
        assert "internal review" not in record["answer"]


def test_questions_said_again_above_their_answers(model) -> None:
    """A log page lists the request's bullets, then says each again above its answer: each copy is the
    question its answer follows, so every answer is found, alone, under its own question."""
    records = _extract("questions-said-again-above-answers.txt", model)
    assert [r["q"] for r in records] == ["1", "2", "3"]
    given = ("64 charge points", "Eleven charge points", "45p per kWh")
    for record, mine in zip(records, given):
        assert mine in record["answer"] and "?" not in record["answer"], record
        assert all(other not in record["answer"] for other in given if other != mine), record
        assert record["question"].endswith("?"), record


def test_a_request_threads_header_is_no_part_of_its_question(model) -> None:
    """A request thread as its page gives it: the title, who asked whom, the date, then the request letter
    and the reply. The question is the letter's request alone: neither the header nor an extra question
    made of it, which took the answer a second time."""
    records = _extract("request-thread-with-header.txt", model)
    assert len(records) == 1, records
    assert records[0]["question"].startswith("How many grit bins"), records[0]
    assert "1,240 grit bins" in records[0]["answer"] and "answers_several" not in records[0]["flags"]


def test_a_thread_with_an_acknowledgement_between_request_and_reply_gives_each_answer_once(model) -> None:
    """Request, "we will respond within 20 working days", then the numbered reply: each question the request's,
    each answer the reply's line, nothing from the acknowledgement."""
    records = _extract("request-thread-with-acknowledgement.txt", model)
    assert [r["q"] for r in records] == ["1", "2", "3"], records
    for record, given, asked in zip(records, ("£1,284,300", "9,412 street lights", "section 22"),
                                    ("The council's total spend", "The number of street lights", "Any report")):
        assert given in record["answer"] and record["question"].startswith(asked), record
        assert "20 working days" not in record["answer"], record


def test_a_thread_where_the_body_asks_what_was_meant_gives_the_request_and_the_reply(model) -> None:
    """The body asks which transport was meant, the requester says, then the body answers: the question is the
    request, the answer the last letter. (The segmenter finds no answer in it: its letters score as a question's;
    the rules then read the thread from its last letter, against the first.)"""
    records = _extract("request-thread-asked-back.txt", model)
    assert len(records) == 1 and records[0]["question"].startswith("How many home-to-school"), records
    assert "214 home-to-school" in records[0]["answer"], records


def test_a_thread_whose_reply_is_only_an_attachment_gives_the_request_and_the_reply(model) -> None:
    """A reply letter of one line pointing to the attached response: that line is the answer."""
    records = _extract("request-thread-reply-attached.txt", model)
    assert len(records) == 1 and records[0]["question"].startswith("I would like to know"), records
    assert records[0]["answer"].startswith("Please find attached"), records


def test_a_thread_narrowed_after_a_cost_refusal_gives_the_last_answer(model) -> None:
    """Refused on cost, the requester narrows the request, the body answers, the requester thanks it: the answer
    is the body's last letter (its last word on the request), under the request as first sent."""
    records = _extract("request-thread-narrowed-after-cost-refusal.txt", model)
    assert len(records) == 1 and records[0]["question"].startswith("Please send me every enforcement note"), records
    assert records[0]["answer"].startswith("Licensing officers wrote 386"), records
    assert "section 12" not in records[0]["answer"] and "Many thanks" not in records[0]["answer"], records


def test_a_threads_reply_above_the_request_it_quotes_answers_with_its_own_words(model) -> None:
    """The request, then the body's letter with the request quoted under it: the answer is the letter's
    sentence, not the request letter's "Yours faithfully," (the requester's letters answer nothing)."""
    records = _extract("request-thread-reply-quoting-the-request.txt", model)
    assert len(records) == 1 and records[0]["question"].startswith("How many e-books"), records
    assert records[0]["answer"].startswith("The libraries lent 52,930 e-books"), records


def test_a_threads_reference_line_is_no_answer_of_its_own(model) -> None:
    """"Our ref: ..." above one paragraph answering both questions: each question gets the paragraph."""
    records = _extract("request-thread-reference-above-shared-answer.txt", model)
    assert [r["q"] for r in records] == ["1", "2"], records
    assert all(r["answer"].startswith("The council keeps no record") and "answers_several" in r["flags"] for r in records), records


def test_a_stray_mark_between_questions_is_no_answer(model) -> None:
    """A bullet and a column letter left alone on their lines between the questions (a table or list read out
    of a page): neither answers the questions above it, so the one response answers all four."""
    records = _extract("stray-marks-between-questions.txt", model)
    assert [r["q"] for r in records] == ["1", "2", "3", "4"]
    assert all(r["answer"].startswith("Please see the attached document") for r in records), records
    assert all(r["question"].endswith("?") for r in records), records  # the marks are no part of a question either


def test_a_numbered_list_under_a_line_that_states_stays_in_the_answer(model) -> None:
    """A response that opens "We can confirm the following:" and gives its figures as a numbered list: the
    list is the answer's, not questions (a list reads how the line introducing it reads)."""
    records = _extract("list-under-a-stating-lead-in.txt", model)
    assert len(records) == 1, records
    assert records[0]["answer"].startswith("We can confirm the following") and "iCasework" in records[0]["answer"], records


def test_numbered_answers_that_are_only_figures_each_answer_their_question(model, tmp_path: Path) -> None:
    """A reply that never restates the questions and answers "1. 212", "2. £3,480", "3. No.": each bare value is
    the answer to the question of its number (labels never anchor such answers, so no weight learns them)."""
    (tmp_path / "letter.txt").write_text(
        "Harbour Ward Borough Council\nReference: HW/7781\n\nDear Ms Adeyemi,\n\nThank you for your request about "
        "dog fouling. Our answers follow.\n\n1. 212\n\n2. £3,480\n\n3. No.\n\nYours sincerely,\n\nInformation Team\n",
        encoding="utf-8")
    (tmp_path / "request.txt").write_text(
        "Please tell me:\n1. How many fixed penalty notices for dog fouling did you issue in 2023?\n"
        "2. How much was collected from those notices?\n3. Do you employ a dedicated dog warden?\n", encoding="utf-8")
    records = [r for r in extract_paths([tmp_path / "letter.txt"], request=load_request(tmp_path / "request.txt"),
                                        segmenter=model.segmenter) if "answer" in r]
    assert [(r["q"], r["answer"]) for r in records] == [("1", "1. 212"), ("2", "2. £3,480"), ("3", "3. No.")]


def test_a_list_of_numbered_answers_is_read_as_answers_from_its_first(model, tmp_path: Path) -> None:
    """Answers numbered as the request numbered its questions, the first a statement, the second a figure alone:
    the first is an answer too, not a question or a line of the letter (the next number, answered, shows it)."""
    (tmp_path / "reply.txt").write_text(
        "Good afternoon\n\nPlease find the trust's response below.\n\n"
        "1. The trust runs 6 car parks across its two hospital sites.\n2. £1,204,550\n"
        "3. Staff pay a monthly permit fee set by salary band.\n\nRegards\nInformation Governance\n", encoding="utf-8")
    records = [r for r in extract_paths([tmp_path / "reply.txt"], segmenter=model.segmenter) if "answer" in r]
    assert [r["q"] for r in records] == ["1", "2", "3"]
    assert records[0]["answer"].startswith("1. The trust runs 6 car parks") and records[1]["answer"] == "2. £1,204,550"


def test_the_last_of_a_list_of_numbered_answers_above_the_sign_off_is_an_answer(model, tmp_path: Path) -> None:
    """A reply answering "Q1." to "Q4." without restating the questions: its last item, a short statement just
    above the sign-off, was read as the letter's and dropped; the list's numbering says it is answer 4."""
    (tmp_path / "request.txt").write_text(
        "1. How many reservoirs were inspected in 2023?\n2. How many enforcement notices did you receive?\n"
        "3. What did the inspections cost?\n4. Which firm carries out the inspections?\n", encoding="utf-8")
    for last in ("The firm is Halden Dam Consultants.", "Halden Dam Consultants."):
        (tmp_path / "reply.txt").write_text(
            "Northmoor Water\nFOI reference: NW-881\nDate: 3 May 2024\n\nDear Mr Osei,\n\nRe: Reservoir safety\n\n"
            "Q1. Please see the attached schedule, which lists each reservoir the\ncompany inspected and the month of "
            "inspection.\n\nQ2. Nil. No enforcement notices were received in this period.\n\n"
            "Q3. Inspection costs were £18,750 in 2021/22, £19,100 in\n2022/23 and £20,400 in 2023/24.\n\n"
            f"Q4. {last}\n\nKind regards,\nCustomer Team, Northmoor Water\n", encoding="utf-8")
        records = [r for r in extract_paths([tmp_path / "reply.txt"], request=load_request(tmp_path / "request.txt"),
                                            segmenter=model.segmenter) if "answer" in r]
        assert [r["q"] for r in records] == ["1", "2", "3", "4"], last
        assert records[3]["answer"] == f"Q4. {last}"


def test_the_same_words_given_to_two_questions_are_two_answers(model, tmp_path: Path) -> None:
    """A body that gives two questions the same refusal, word for word, answers both: the second copy, labelled
    "A2.", is no page furniture repeated."""
    refusal = "Exempt: section 40(2) of the Act applies as this is personal data."
    asked = [f"Names of schools that excluded pupils for {kind} offences in 2023." for kind in ("drug", "knife")]
    asked.append("How many exclusions were overturned on appeal?")
    given = [refusal, refusal, "Nine exclusions were overturned on appeal."]
    body = "".join(f"Q{n}. {q}\n\nA{n}. {a}\n\n" for n, (q, a) in enumerate(zip(asked, given), 1))
    (tmp_path / "reply.txt").write_text("Exclusions request, reference ED-4410\n\n" + body, encoding="utf-8")
    records = [r for r in extract_paths([tmp_path / "reply.txt"], segmenter=model.segmenter) if "answer" in r]
    assert [r["q"] for r in records] == ["1", "2", "3"]
    assert [refusal in r["answer"] for r in records] == [True, True, False]
    assert all("answers_several" not in r["flags"] for r in records)


_OUTLOOK_QUOTE = ("From: R Mensah <r.mensah@example.org>\nSent: 14 March 2024 09:12\nTo: FOI Officer <foi@example.gov.uk>\n"
                  "Subject: Freedom of Information request - bus shelters\n\nDear Sir or Madam,\n\n"
                  "1. How many bus shelters does the council own?\n{1}\n2. How much did the council spend repairing them in 2023?\n{2}\n"
                  "3. Which company cleans them?\n{3}\nKind regards,\nR Mensah\n")


@pytest.mark.parametrize("how", ["labelled", "said above"])
def test_an_email_that_answers_within_the_request_it_quotes(model, tmp_path: Path, how: str) -> None:
    """Answers written under each question of the quoted request (an Outlook "From: / Sent:" block, no ">"
    marks): the answers are there, not in the short note above the quote."""
    from fixtures_files import eml_bytes

    given = ["We own 96 shelters.", "£21,340", "Streetcare Services Ltd cleans them under contract."]
    if how == "labelled":
        note, filled = "Hello,\n\nPlease find the council's reply.\n\nTransport Team\n\n", [f"Answer: {a}\n" for a in given]
    else:
        note, filled = "Hello,\n\nThe council's answers are in red under each question below.\n\nTransport Team\n\n", [f"{a}\n" for a in given]
    (tmp_path / "reply.eml").write_bytes(eml_bytes(note + _OUTLOOK_QUOTE.replace("{1}", filled[0]).replace(
        "{2}", filled[1]).replace("{3}", filled[2]), subject="RE: Freedom of Information request - bus shelters"))
    records = [r for r in extract_paths([tmp_path], segmenter=model.segmenter) if "answer" in r]
    assert [r["q"] for r in records] == ["1", "2", "3"]
    assert [given[k] in r["answer"] for k, r in enumerate(records)] == [True, True, True]


def test_a_forwarded_reply_is_read_not_cut_off_as_a_quote(model, tmp_path: Path) -> None:
    """A reply forwarded on ("---------- Forwarded message ---------") is what is passed on: its answers are read."""
    from fixtures_files import eml_bytes

    body = ("See below what the council sent.\n\nJ\n\n---------- Forwarded message ---------\nFrom: Parks Team "
            "<parks@example.gov.uk>\nDate: Tue, 2 Apr 2024 at 11:02\nSubject: FOI 5521\nTo: J Pike <j.pike@example.org>\n\n"
            "Dear J Pike,\n\n1. How many playgrounds does the council maintain?\nThe council maintains 38 playgrounds.\n\n"
            "2. How many were inspected in 2023?\nAll 38 were inspected at least monthly.\n\nRegards,\nParks Team\n")
    (tmp_path / "fwd.eml").write_bytes(eml_bytes(body, subject="Fwd: FOI 5521"))
    records = [r for r in extract_paths([tmp_path], segmenter=model.segmenter) if "answer" in r]
    assert [(r["q"], r["answer"]) for r in records] == [("1", "The council maintains 38 playgrounds."),
                                                        ("2", "All 38 were inspected at least monthly.")]


def test_lettered_parts_listed_together_and_answered_letter_by_letter(model, tmp_path: Path) -> None:
    """The request's lettered parts listed under one lead-in, then answered each under its letter: as many
    questions as answers, each with its own words."""
    (tmp_path / "letter.txt").write_text(
        "Lowmere District Council\nReference: LDC-3391\n\nDear Ms Varga,\n\nYour request:\n\n"
        "For the council's leisure centres in 2023, please state:\n\n(a) the number of swimming lessons given;\n\n"
        "(b) the number of lessons cancelled for lack of staff; and\n\n(c) the income from lesson fees.\n\n"
        "Our response:\n\n(a) 4,120 lessons were given.\n\n(b) 212 lessons were cancelled.\n\n(c) Fees raised £61,800.\n\n"
        "Yours sincerely,\n\nLeisure Services\n", encoding="utf-8")
    records = [r for r in extract_paths([tmp_path / "letter.txt"], segmenter=model.segmenter) if "answer" in r]
    assert [r["q"] for r in records] == ["a", "b", "c"]
    assert [r["question"].split()[:4] for r in records] == [["the", "number", "of", "swimming"], ["the", "number", "of", "lessons"],
                                                           ["the", "income", "from", "lesson"]]


def test_a_lead_in_to_lettered_questions_is_no_question_of_its_own(model, tmp_path: Path) -> None:
    """"3. About school transport:" then "(a) ...?", "(b) ...?", each answered under it: the lead-in asks nothing,
    so it takes no answer (it had taken the first part's, as a second copy)."""
    (tmp_path / "letter.txt").write_text(
        "Dear Mr Holt,\n\n3. About home to school transport:\n\n(a) How many pupils used council buses in 2023?\n\n"
        "Response: 1,960 pupils used council buses.\n\n(b) How many bus routes were withdrawn in 2023?\n\n"
        "Response: Two routes were withdrawn.\n\n4. Do you publish the routes?\n\nResponse: Yes, on the council website.\n\n"
        "Yours sincerely,\n\nTransport Team\n", encoding="utf-8")
    records = [r for r in extract_paths([tmp_path / "letter.txt"], segmenter=model.segmenter) if "answer" in r]
    assert [r["q"] for r in records] == ["3(a)", "3(b)", "4"]
    assert all("answers_several" not in r["flags"] for r in records)


@pytest.mark.parametrize("request_given", [False, True])
def test_a_closing_paragraph_for_later_questions_is_their_answer(model, tmp_path: Path, request_given: bool) -> None:
    """Questions 1 and 2 restated and answered, then a paragraph naming questions 3 and 4 ("...will follow for
    questions three and four"), which the reply never restates: that paragraph answers 3 and 4; question 2
    keeps its own answer, and a look back at question 1 inside an answer stays in that answer."""
    (tmp_path / "reply.txt").write_text(
        "Harlow Vale Council\nReference: HV/FOI/7781\n\nDear Mr Osei,\n\n"
        "1. How many speed cameras does the council operate?\nThe council operates 14 fixed cameras.\n\n"
        "2. How many cameras were out of service in 2024?\nThree cameras were out of service for part of the year.\n\n"
        "As in our answer to question 1, mobile cameras are run by the police and are not counted.\n\n"
        "Our reply to questions three and four, on fines and their income, will follow within ten working days.\n\n"
        "Yours sincerely,\nRoad Safety Team\n", encoding="utf-8")
    request = tmp_path / "request.txt"
    request.write_text("1. How many speed cameras does the council operate?\n\n2. How many cameras were out of service in 2024?\n\n"
                       "3. How many fines did the cameras lead to in 2024?\n\n4. What income did those fines raise?\n",
                       encoding="utf-8")
    records = [r for r in extract_paths([tmp_path / "reply.txt"], request=load_request(request) if request_given else None,
                                        segmenter=model.segmenter) if "answer" in r]
    assert [r["q"] for r in records] == ["1", "2", "3", "4"]
    assert "Three cameras" in records[1]["answer"] and "mobile cameras" in records[1]["answer"]
    assert "will follow" not in records[1]["answer"]
    assert all(r["answer"].startswith("Our reply to questions three and four") for r in records[2:])
    assert ["answers_several" in r["flags"] for r in records] == [False, False, True, True]
