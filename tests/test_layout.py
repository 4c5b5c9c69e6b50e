"""The segmenter's features of a unit repeat its neighbours' own features under "p1:", "n1:", "p2:", "n2:"."""
from __future__ import annotations

from pipeline.extract.cleaning import clean
from pipeline.extract.layout import _CONTEXT, unit_features
from pipeline.extract.units import units_of

REPLY = ("Dear Ms Okafor,\n\nThank you for your request.\n\n1. How many wardens do you employ?\n\nWe employ 14 wardens.\n\n"
         "2. Please provide the budget for 2023/24.\n\nThe budget is attached.\n\nIf you are dissatisfied you have the right "
         "to request an internal review.\n\nYours sincerely\n\nInformation Team")
NEIGHBOURS = (("p1", -1), ("n1", 1), ("p2", -2), ("n2", 2))


def test_each_neighbour_s_own_features_in_order_and_none_past_the_ends() -> None:
    # The neighbours' keys are spelt once and each unit's shown features looked for once: every unit still
    # repeats exactly the context features each neighbour has, in _CONTEXT's order, and "none" past an end.
    units = units_of(clean(REPLY, "txt"))
    features = unit_features(units)
    assert len(features) == len(units) >= 8
    for i, g in enumerate(features):
        for name, d in NEIGHBOURS:
            j = i + d
            repeated = [k.split(":", 1)[1] for k in g if k.startswith(name + ":") and k != name + ":req_sim"]
            if 0 <= j < len(units):
                assert repeated == [k for k in _CONTEXT if k in features[j]]
            else:
                assert repeated == ["none"]
    assert "n1:end?" in features[1] and "p1:lab=question" in features[3] and "p2:greeting" in features[2]


def test_what_follows_the_last_answer_is_marked_as_the_tail_and_a_repeated_header_as_a_repeat() -> None:
    # A page break after the last answer repeats the letter's header (its reference with other numbers
    # aside), then notices follow: the rules glue all of it onto the last answer, so the segmenter is told
    # which units stand in the tail of the rules' last answer, and which say again what a line above said.
    from pipeline.extract.rules import rule_view

    reply = ("FOI 24-317 Reply to Request\n\nWestbrook Valley Community NHS Trust\n\nDear Ms Okafor,\n\n"
             "1. How many speech therapists does the Trust employ?\n\nThe Trust employs 14 speech therapists.\n\n"
             "2. What is the current waiting time for a first appointment?\n\nThe average wait was nine weeks.\n\n"
             "FOI 24-318 Reply to Request\n\nWestbrook Valley Community NHS Trust\n\nHandling of Personal Data\n\n"
             "Firms who would like to tender for Trust contracts should write to our Purchasing Team.")
    text = clean(reply, "txt")
    units = units_of(text)
    features = unit_features(units, rules=rule_view(text, units, None))
    by_text = {u.text: f for u, f in zip(units, features)}
    header, name = by_text["FOI 24-318 Reply to Request"], by_text["Westbrook Valley Community NHS Trust"]
    assert header.get("repeat") and name.get("repeat")
    assert not by_text["FOI 24-317 Reply to Request"].get("repeat")  # the first time is no repeat
    assert header.get("rule_tail") and header.get("rule_tail|repeat") and by_text["Handling of Personal Data"].get("rule_tail|heading_like")
    assert not any(k.startswith("rule_tail") for k in by_text["The average wait was nine weeks."])  # the answer itself
    assert not any(k.startswith("rule_tail") for k in by_text["The Trust employs 14 speech therapists."])


def test_a_second_run_of_numbering_is_told_from_the_first() -> None:
    # Questions listed 1-3 (one with a paragraph of its own detail), then the answers numbered 1-3 again
    # (one with a line under it): a numbered unit carries which run of numbering it is in (a run starts
    # again at a number no higher than the one before), and a line under a numbered unit whether it asks
    # or tells in that run, so "2. 41" reads as the reply's, and the detail as the question's.
    reply = ("Our reference: IR-5512\n\nYou asked:\n\n1. How many parking fines were issued in 2023?\n\n"
             "Please give the figures for each month.\n\n2. How many were cancelled on appeal?\n\n"
             "3. What was the income from them?\n\nOur reply:\n\n1. 3,118 fines were issued.\n\n"
             "Most of them were issued in the town centre.\n\n2. 41\n\n3. The income was £96,400.\n\n"
             "Kind regards,\n\nParking Services")
    units = units_of(clean(reply, "txt"))
    by_text = {u.text: {k for k in f if "run" in k} for u, f in zip(units, unit_features(units))}
    for question in ("1. How many parking fines were issued in 2023?", "2. How many were cancelled on appeal?",
                     "3. What was the income from them?"):
        assert by_text[question] == {"num_run=1|lab_num"}
    for answer in ("1. 3,118 fines were issued.", "2. 41", "3. The income was £96,400."):
        assert by_text[answer] == {"num_run=2|lab_num"}
    assert "in_run=1|asking" in by_text["Please give the figures for each month."]
    assert by_text["Most of them were issued in the town centre."] == {"in_run=2|statement"}
    assert not by_text["You asked:"] and not by_text["Our reply:"]  # nothing numbered above, or a heading


def test_numbering_that_runs_on_through_the_answers_is_one_run() -> None:
    # Questions numbered, answers unnumbered between them: one run, however long the reply.
    reply = ("1. Do you hold a register of empty homes?\n\nYes, it is updated monthly.\n\n"
             "2. How many homes were on it in March?\n\nThere were 212.\n\n3. Is it published?\n\nNo.")
    units = units_of(clean(reply, "txt"))
    runs = {k for f in unit_features(units) for k in f if k.startswith("num_run")}
    assert runs == {"num_run=1|lab_num"}


def test_a_reply_under_a_quoted_request_is_not_read_as_after_the_requesters_sign_off() -> None:
    # A thread: the request, signed off, then the body's letter. The body's answers come after a sign-off
    # but in a letter of their own: only the requester's closing lines are after its sign-off.
    thread = ("Dear Eastmoor Borough Council,\n\n1. How many public toilets do you maintain?\n\nMany thanks, and do "
              "get in touch if anything is unclear.\n\nKind regards,\n\nP. Lindqvist\n\nDear Ms Lindqvist,\n\n"
              "The council maintains 11 public toilets.\n\nComplaints about our handling of your request may be made to us.\n\n"
              "Yours sincerely,\n\nInformation Governance")
    units = units_of(clean(thread, "txt"))
    features = dict(zip((u.text for u in units), unit_features(units)))
    assert "after_signoff" in features["P. Lindqvist"]
    assert "after_signoff" not in features["The council maintains 11 public toilets."]
    assert "new_letter" in features["The council maintains 11 public toilets."]
    assert "after_signoff" in features["Information Governance"]


def test_a_sentence_naming_the_questions_it_answers_is_marked_so() -> None:
    # "Q1, Q2 and Q6 are exempt ...": a refusal that lists the questions it covers, in the middle of its
    # sentence, is an answer to them; the feature says so (a label at the line's start is not a mention).
    reply = ("Response:\n\nThe figures asked for in questions 2 and 5 are withheld under section 40(2).\n\n"
             "We hold 3 questionnaires from 2021.\n\nThe Force's answer to Q4 is nil.")
    features = unit_features(units_of(clean(reply, "txt")))
    assert [("names_questions" in f, "names_several" in f) for f in features] == \
        [(False, False), (True, True), (False, False), (True, False)]


def test_a_unit_numbered_as_a_question_asked_above_is_marked_telling_or_asking() -> None:
    # Questions listed 1-2, then answers numbered 1-2 again: each answer carries the number of a question
    # asked further up; a question asked again under its number asks; the first listing has no such mark.
    reply = ("1. How many bins were emptied in May?\n\n2. How many crews are there?\n\n"
             "1. How many bins were emptied in May?\n\n1. The crews emptied 48,000 bins.\n\n2. There are 12 crews.")
    features = unit_features(units_of(clean(reply, "txt")))
    assert [[k for k in f if k.startswith("num_asked_above")] for f in features] == \
        [[], [], ["num_asked_above|asks"], ["num_asked_above|tells"], ["num_asked_above|tells"]]


def test_a_question_said_again_is_marked_and_a_repeated_answer_is_not() -> None:
    # Only a line that asked (a question mark, the requester's words, a numbered line in a request's shape
    # that states nothing) counts as a question said again; an answer repeated word for word ("Please refer
    # to ...", a numbered "not held") or a short line is not marked.
    reply = ("1. Please provide the number of parking fines issued in 2022.\n\n2. How many were cancelled on appeal?\n\n"
             "3. The total income from parking fines\n\nOur response\n\n"
             "1. Please provide the number of parking fines issued in 2022.\n\n"
             "Please refer to the attached spreadsheet for the figures.\n\n"
             "2. How many were cancelled on appeal?\n\nPlease refer to the attached spreadsheet for the figures.\n\n"
             "3. The total income from parking fines\n\n3. The Council does not hold this information.\n\n"
             "4. The Council does not hold this information.\n\nWhy?\n\nThank you.\n\nWhy?")
    units = units_of(clean(reply, "txt"))
    marked = {u.text for u, f in zip(units, unit_features(units)) if f.get("repeat_asked")}
    assert marked == {"1. Please provide the number of parking fines issued in 2022.", "2. How many were cancelled on appeal?",
                      "3. The total income from parking fines"}


def test_every_line_of_a_list_reads_how_its_lead_in_line_reads() -> None:
    # A list under a line that asks and ends on a colon lists what was asked; under a line that states, what
    # was answered. Every line of the list says so, the fourth as much as the first (the neighbours' features
    # reach two lines down), and a line that is no list item reads no lead-in.
    reply = ("Could you please tell me the following about school transport:\n\n- the number of pupils carried daily\n\n"
             "- the number of routes\n\n- the annual cost of the contracts\n\n- the name of each operator\n\n"
             "The Council can provide these figures for each year:\n\n(a) 2021/22: 1,204 pupils\n\n(b) 2022/23: 1,187 pupils\n\n"
             "(c) 2023/24: 1,240 pupils\n\nWe hope this helps.")
    features = unit_features(units_of(clean(reply, "txt")))
    leads = [[k for k in f if k.startswith("lead_in=")] for f in features]
    assert leads == [[]] + [["lead_in=colon|asks"]] * 4 + [[]] + [["lead_in=colon|states"]] * 3 + [[]]


def test_a_stating_item_of_a_listed_request_is_marked_when_said_again() -> None:
    # A request listed as "1. How many ...?", "2. Whether ...?", "3. The make of the cameras used.": item 3 asks as
    # its list does, so said again above its answer it is marked; a numbered statement in the reply's own list
    # of answers is not, nor one whose list asks nothing.
    reply = ("Please tell me:\n\n1. How many speed cameras are there?\n\n2. Whether any were broken in May?\n\n"
             "3. The make of the cameras used.\n\nThanks.\n\nOur reply\n\n3. The make of the cameras used.\n\n"
             "We cannot say, as section 31 applies.\n\nNotes\n\n1. The cameras are checked yearly.\n\n"
             "2. The cameras are leased.\n\nEnd of notes\n\n1. The cameras are checked yearly.")
    units = units_of(clean(reply, "txt"))
    marked = [u.text for u, f in zip(units, unit_features(units)) if f.get("repeat_asked")]
    assert marked == ["3. The make of the cameras used."]


def test_a_page_s_way_back_to_its_list_and_its_helpfulness_poll_read_as_site_furniture() -> None:
    """Lines after a page's last answer ("return to the list ... click here") are the site's, and the model
    is told so; an answer's own link ("the report is on our website") is not."""
    text = ("1. How many bridges did the county inspect in 2020?\n\n412 bridges were inspected.\n\n"
            "Back to the disclosure log | Return to the list of responses\n\nTo see more responses click here\n\n"
            "Was this page helpful?\n\n"
            "2. Please send the inspection report.\n\nThe report is on our website under Roads.\n")
    units = units_of(text)
    site = {u.text: "site" in f for u, f in zip(units, unit_features(units))}
    assert site["To see more responses click here"] and site["Was this page helpful?"]
    assert site["Back to the disclosure log | Return to the list of responses"]
    assert not site["The report is on our website under Roads."] and not site["412 bridges were inspected."]
