"""Segmentation layouts, each on a small reply written here (not corpus wording)."""
from __future__ import annotations

from pipeline.extract.cleaning import clean
from pipeline.extract.segment import split_reply as segment

HEAD = "Dear Ms Achebe\n\nThank you for your request of 3 May, which we have handled under the Freedom of Information Act 2000.\n\n"
TAIL = (
    "\n\nIf you are unhappy with the way we handled your request you may ask for an internal review. "
    "You can also complain to the Information Commissioner.\n\nYours sincerely\n\nOwen Pryce\nRecords Officer\n"
)


def qa(text: str, fmt: str = "txt", request=None) -> list[tuple[str, str, str]]:
    return [(s.q, s.question, s.answer) for s in segment(clean(text, fmt), request)]


def test_question_quoted_then_answered_with_response_marker() -> None:
    got = qa(HEAD + "1. How many parking fines were cancelled in 2023?\n\nResponse: 312 fines were cancelled on appeal.\n\n"
             "2. What was the income from parking fines?\n\nResponse: The income was £1.2m." + TAIL)
    assert got == [
        ("1", "How many parking fines were cancelled in 2023?", "312 fines were cancelled on appeal."),
        ("2", "What was the income from parking fines?", "The income was £1.2m."),
    ]


def test_question_followed_directly_by_answer_paragraphs() -> None:
    got = qa(HEAD + "1. The number of gritting lorries owned by the council\n\nThe council owns 14 gritting lorries.\n\nTwo more are leased each winter.\n\n"
             "2. A copy of the winter service plan\n\nThe plan is attached." + TAIL)
    assert [g[0] for g in got] == ["1", "2"]
    assert got[0][1] == "The number of gritting lorries owned by the council"
    assert got[0][2] == "The council owns 14 gritting lorries. Two more are leased each winter."
    assert got[1][2] == "The plan is attached."


def test_you_asked_our_response_pairs() -> None:
    got = qa(HEAD + "You asked: How many school crossing patrols are there?\nOur response: There are 48 patrols.\n\n"
             "You asked: How many posts are vacant?\nOur response: Six posts are vacant at present." + TAIL)
    assert got == [
        ("1", "How many school crossing patrols are there?", "There are 48 patrols."),
        ("2", "How many posts are vacant?", "Six posts are vacant at present."),
    ]


def test_q_and_a_labels() -> None:
    got = qa(HEAD + "Q1 How many library branches closed in 2022?\nA1 Three branches closed.\n"
             "Q2 Were any staff made redundant?\nA2 No staff were made redundant." + TAIL)
    assert [(g[0], g[2]) for g in got] == [("1", "Three branches closed."), ("2", "No staff were made redundant.")]
    assert got[0][1] == "How many library branches closed in 2022?"


def test_request_n_response_n_labels() -> None:
    got = qa(HEAD + "Request 1\nThe annual cost of the out-of-hours noise service.\nResponse 1\nThe service cost £84,000 in 2023/24.\n"
             "Request 2\nThe number of noise complaints received.\nResponse 2\nWe received 2,310 complaints." + TAIL)
    assert [(g[0], g[2]) for g in got] == [("1", "The service cost £84,000 in 2023/24."), ("2", "We received 2,310 complaints.")]


def test_questions_listed_first_then_answers_grouped() -> None:
    got = qa(HEAD + "You asked for:\n1. the number of allotment plots;\n2. the number of people on the waiting list;\n3. the annual rent per plot.\n\n"
             "Response to questions 1 and 2\nWe have 410 plots and 226 people are waiting.\n\n"
             "Response to question 3\nThe rent is £38 a year." + TAIL)
    assert [g[0] for g in got] == ["1", "2", "3"]
    assert got[0][2] == got[1][2] == "We have 410 plots and 226 people are waiting."
    assert got[1][1] == "the number of people on the waiting list;"
    assert got[2][2] == "The rent is £38 a year."


def test_questions_listed_then_answered_by_number_again() -> None:
    got = qa(HEAD + "Your request was:\n(1) How many bridges are rated as substandard?\n(2) What is the repair backlog?\n\n"
             "We hold this information and our answers follow.\n\n"
             "(1) Seventeen bridges are rated substandard.\n(2) The backlog is estimated at £6.4m." + TAIL)
    assert got == [
        ("1", "How many bridges are rated as substandard?", "Seventeen bridges are rated substandard."),
        ("2", "What is the repair backlog?", "The backlog is estimated at £6.4m."),
    ]


def test_numbered_answers_with_merged_block() -> None:
    got = qa(HEAD + "1 and 2: We do not keep a register of empty homes, so neither figure is held.\n\n3: The council tax premium raised £410,000." + TAIL)
    assert [(g[0], g[2]) for g in got] == [
        ("1", "We do not keep a register of empty homes, so neither figure is held."),
        ("2", "We do not keep a register of empty homes, so neither figure is held."),
        ("3", "The council tax premium raised £410,000."),
    ]


def test_range_of_questions_answered_together() -> None:
    got = qa(HEAD + "Questions 1 - 3\nNone of this information is held because the contract is managed by the county.\n\n"
             "Question 4\nThe contract ends in 2027." + TAIL)
    assert [g[0] for g in got] == ["1", "2", "3", "4"]
    assert len({g[2] for g in got[:3]}) == 1


def test_lettered_sub_questions() -> None:
    got = qa(HEAD + "1. Regarding fly-tipping:\n(a) How many incidents were reported?\nThere were 1,902 incidents.\n"
             "(b) How many fixed penalties were issued?\nWe issued 77 fixed penalties.\n2. What does clearance cost?\nClearance cost £212,000." + TAIL)
    assert [g[0] for g in got] == ["1(a)", "1(b)", "2"]
    assert got[1][2] == "We issued 77 fixed penalties."
    assert got[0][1].startswith("Regarding fly-tipping:")


def test_lettered_top_level_questions() -> None:
    got = qa(HEAD + "a) How many taxi licences are in force?\nThere are 512 licences.\nb) How many were revoked last year?\nNine were revoked." + TAIL)
    assert [(g[0], g[2]) for g in got] == [("a", "There are 512 licences."), ("b", "Nine were revoked.")]


def test_unnumbered_single_question() -> None:
    got = qa(HEAD + "Request\nPlease tell me how much the council spent on bottled water in 2023.\n\nResponse\nThe council spent £1,140 on bottled water." + TAIL)
    assert got == [("1", "Please tell me how much the council spent on bottled water in 2023.", "The council spent £1,140 on bottled water.")]


def test_whole_request_refusal_after_the_questions_answers_each() -> None:
    got = qa(HEAD + "You asked:\n1. Every email sent by the planning team in 2021.\n2. Every email sent by the planning team in 2022.\n\n"
             "We are refusing your request under section 12 because finding the emails would take more than 18 hours." + TAIL)
    assert [g[0] for g in got] == ["1", "2"]
    assert got[0][2] == got[1][2] == "We are refusing your request under section 12 because finding the emails would take more than 18 hours."


def test_whole_request_refusal_above_the_questions_answers_each() -> None:
    got = qa(HEAD + "The council considers this request vexatious and refuses it under section 14(1).\n\n"
             "For reference, your request was:\n1. All notes about my previous complaints.\n2. All emails that mention my name." + TAIL)
    assert [g[0] for g in got] == ["1", "2"]
    assert got[0][2] == got[1][2] == "The council considers this request vexatious and refuses it under section 14(1)."


def test_answer_for_all_questions_at_once() -> None:
    got = qa(HEAD + "Your request:\n1. Spend on agency social workers in 2023.\n2. The number of agency social workers.\n\n"
             "Our answer to all of your questions\nThis information is not held centrally." + TAIL)
    assert [g[2] for g in got] == ["This information is not held centrally.", "This information is not held centrally."]


def test_html_disclosure_log_table() -> None:
    text = ("Disclosure log\nRef | Information requested | Our reply\n1 | How many cyber incidents were reported? | Four incidents were reported.\n"
            "2 | Was any ransom paid? | No ransom was paid.\nBack to top")
    got = qa(text, "html")
    assert got == [("1", "How many cyber incidents were reported?", "Four incidents were reported."), ("2", "Was any ransom paid?", "No ransom was paid.")]


def test_email_reply_with_the_request_quoted_below() -> None:
    text = (HEAD + "1. We hold 23 electric pool cars.\n2. The charging points cost £96,000.\n\nKind regards\nAnna\n\n"
            "On 3 May 2024, R Achebe wrote:\n> Dear FOI team,\n> 1. How many electric pool cars do you have?\n> 2. What did the charging\n> points cost?\n> Thanks")
    got = qa(text, "eml")
    assert got == [
        ("1", "How many electric pool cars do you have?", "We hold 23 electric pool cars."),
        ("2", "What did the charging points cost?", "The charging points cost £96,000."),
    ]


def test_boilerplate_is_trimmed_from_first_and_last_answers() -> None:
    got = qa(HEAD + "Section 1(1) of the Act gives you the right to be told whether we hold information.\n\n"
             "1. How many food hygiene inspections were made?\nWe made 1,204 inspections.\n\n"
             "I hope this is helpful. Information released under the Act is published in our disclosure log." + TAIL)
    assert got == [("1", "How many food hygiene inspections were made?", "We made 1,204 inspections.")]


def test_no_recognisable_questions_gives_one_flagged_record() -> None:
    segments = segment(clean(HEAD + "We have transferred your request to the county council, who hold these records." + TAIL, "txt"))
    assert len(segments) == 1
    assert segments[0].flags == ["no_questions_found"]
    assert segments[0].answer == "We have transferred your request to the county council, who hold these records."


def test_page_furniture_inside_an_answer_does_not_split_it() -> None:
    text = (HEAD + "1. How many trees were planted?\nWe planted 3,400 trees in parks and a further\nPage 1 of 2\nOFFICIAL\n"
            "900 along highways.\n2. How many were lost?\nAbout 8% failed." + TAIL)
    got = qa(text, "pdf")
    assert got[0][2] == "We planted 3,400 trees in parks and a further 900 along highways."
    assert got[1][2] == "About 8% failed."


def test_numbered_list_inside_an_answer_is_not_a_question() -> None:
    got = qa(HEAD + "Question 1\nWhat did the scheme achieve?\nIt achieved three things:\n1. fewer missed bins;\n2. more recycling;\n3. lower costs.\n"
             "Question 2\nWhen will it be reviewed?\nIn March 2025." + TAIL)
    assert [g[0] for g in got] == ["1", "2"]
    assert got[0][2].endswith("3. lower costs.")


def test_unnumbered_asking_paragraphs_each_followed_by_an_answer() -> None:
    got = qa(HEAD + "Does the council use facial recognition cameras?\nNo, it does not.\n\n"
             "Please send me any policy on biometric data.\nWe do not have such a policy." + TAIL, "html")
    assert [(g[1], g[2]) for g in got] == [
        ("Does the council use facial recognition cameras?", "No, it does not."),
        ("Please send me any policy on biometric data.", "We do not have such a policy."),
    ]


def test_you_asked_markers_without_answer_markers() -> None:
    got = qa(HEAD + "You asked for:\n\nA list of the bridges inspected in 2023.\n\nWe inspected 31 bridges; the list is attached.\n\n"
             "You also asked for:\n\nThe cost of the inspections.\n\nThe inspections cost £48,200.\n\n"
             "Finally, you asked for:\n\nThe name of the contractor.\n\nThe work was done by our own engineers." + TAIL, "html")
    assert got == [
        ("1", "A list of the bridges inspected in 2023.", "We inspected 31 bridges; the list is attached."),
        ("2", "The cost of the inspections.", "The inspections cost £48,200."),
        ("3", "The name of the contractor.", "The work was done by our own engineers."),
    ]


def test_unnumbered_asking_paragraph_that_opens_with_a_question() -> None:
    got = qa(HEAD + "Does the council use drones for surveys? If so, please list the models.\n\nYes. It uses two quadcopters.\n\n"
             "How many pilots are licensed?\n\nFour officers hold licences." + TAIL, "html")
    assert [(q, a) for q, _, a in got] == [("1", "Yes. It uses two quadcopters."), ("2", "Four officers hold licences.")]


def test_table_after_a_bare_number_is_the_answer_not_the_question() -> None:
    got = qa(HEAD + "You asked:\n\n1. The number of allotment plots.\n\n2. The number of tenants on the waiting list, by site.\n\n"
             "1.\n\nThere are 640 plots.\n\n2.\n\nSite | Tenants on the waiting list\n\nNorth Lane | 41\n\nMill Road | 17" + TAIL, "html")
    assert got[1][0] == "2" and got[1][1] == "The number of tenants on the waiting list, by site."
    assert got[1][2].startswith("Site | Tenants on the waiting list")


def test_line_introducing_a_table_after_a_question_label_is_the_answer() -> None:
    got = qa(HEAD + "You asked:\n\n1. The number of allotment plots.\n\n2. The number of tenants waiting for a plot.\n\n"
             "Question 2:\n\nThe tenants waiting for a plot were as follows:\n\nSite | Tenants\n\nNorth Lane | 41" + TAIL, "html")
    assert got[-1][0] == "2" and got[-1][2].startswith("The tenants waiting for a plot were as follows:")


def test_answers_that_skip_a_listed_question() -> None:
    got = qa(HEAD + "You requested:\n\n1. The number of dog fouling fines.\n\n2. The officers who issued them.\n\n"
             "3. The income from the fines.\n\nWe can provide the following response.\n\n1. We issued 88 fines.\n\n"
             "3. The income was £6,160." + TAIL)
    assert [(q, a) for q, _, a in got] == [("1", "We issued 88 fines."), ("3", "The income was £6,160.")]


def test_numbered_answer_opening_with_a_year_is_an_answer() -> None:
    got = qa(HEAD + "The answers below follow the numbering of your request.\n\n1. In 2022/23 the council spent £4,100 on signage.\n\n"
             "It also paid for two leaflets.\n\n2. The council does not hold a policy." + TAIL)
    assert got[0] == ("1", "", "In 2022/23 the council spent £4,100 on signage. It also paid for two leaflets.")


def test_copyright_and_reuse_notice_ends_the_last_answer() -> None:
    got = qa(HEAD + "1. How many libraries are open on Sundays?\n\nThree libraries open on Sundays.\n\n"
             "The information supplied to you is owned by the council and may be protected by copyright." + TAIL)
    assert got == [("1", "How many libraries are open on Sundays?", "Three libraries open on Sundays.")]


def test_a_reply_written_above_the_request_it_quotes_is_read_with_that_request() -> None:
    # The quote's questions become the request, the quote no part of the reply; with a request given, that
    # one stands. A thread whose request comes first, its reply after a "From:" block, is left whole: the part
    # below tells, it does not ask.
    from pipeline.extract import reply_above_quote
    from pipeline.extract.request import Request, RequestQuestion

    reply = ("Hello,\n\nOur answers are below.\n\n1. We hold 31 grit bins.\n2. They are refilled each November.\n\nRegards,\nHighways\n\n"
             "-----Original Message-----\nFrom: K. Dunne\nSent: 02 December 2024 08:12\nTo: Highways\n\n"
             "1. How many grit bins does the council keep?\n2. When are they refilled?\n\nThanks,\nK. Dunne")
    text, request = reply_above_quote(reply)
    assert text.rstrip().endswith("Highways") and "How many grit bins" not in text
    assert [(q.q, q.text) for q in request.questions] == [("1", "How many grit bins does the council keep?"), ("2", "When are they refilled?")]
    given = Request([RequestQuestion("1", "Grit bins held")])
    assert reply_above_quote(reply, given)[1] is given
    thread = ("Dear Highways,\n\n1. How many grit bins does the council keep?\n\nThanks,\nK. Dunne\n\n"
              "From: Highways\nSent: 09 December 2024 10:00\nTo: K. Dunne\n\n1. We hold 31 grit bins.\n\nRegards,\nHighways")
    assert reply_above_quote(thread) == (thread, None)
    # A request of noun phrases ("Measures taken ...") asks as much as one of questions.
    listed = reply.replace("1. How many grit bins does the council keep?", "1. Grit bins kept by the council, by ward") \
        .replace("2. When are they refilled?", "2. Dates on which the bins were refilled in 2024")
    assert [q.text for q in reply_above_quote(listed)[1].questions] == ["Grit bins kept by the council, by ward",
                                                                       "Dates on which the bins were refilled in 2024"]


def test_the_answer_a_cut_short_text_stops_in_is_flagged_cut_off_and_a_whole_last_sentence_is_not() -> None:
    # A disclosure-log page copied in part stops in the middle of a word, or on "the": that answer's text is
    # not all the body said. A last answer that only lacks its full stop, or ends on an e-mail address, is whole.
    body = ("1. How many libraries are open on Sundays?\n\nFour of our libraries open on Sundays.\n\n"
            "2. Why were opening hours reduced?\n\n")
    for ending, cut in (("Opening hours were cut in 2022 because the council reduced the library budget by twelve perc", True),
                        ("Opening hours were cut in 2022 because the council reduced the budget of the", True),
                        ("Opening hours were cut in 2022 because the council reduced the library budget", False),
                        ("Questions about the change can be sent to the libraries team at libraries@example.gov.uk", False)):
        segments = segment(clean(body + ending, "txt"))
        assert [s.q for s in segments] == ["1", "2"]
        assert ["cut_off" in s.flags for s in segments] == [False, cut], ending


def _finds_nothing():
    """A segmenter that takes every unit for furniture: a reply it finds no answer in falls back to the rules."""
    from pipeline.extract import RoleTagger, Segmenter
    from pipeline.extract.roles import ROLES

    return Segmenter(RoleTagger.from_dict({"params": RoleTagger().get_params(), "vocabulary": [], "coef": [[] for _ in ROLES],
                                           "intercept": [0.0] + [-30.0] * (len(ROLES) - 1),
                                           "log_transitions": [[0.0] * len(ROLES)] * (len(ROLES) + 1)}))


def test_a_thread_the_segmenter_finds_nothing_in_is_read_from_its_last_letter_against_its_first() -> None:
    # Request, the body asking what was meant, the requester's word, the reply: the first letter asks, so it is
    # the request and the last letter the answer (not the request taken for the answer, as the rules alone read it).
    thread = ("Library hours\nR. Osei made this request to Fenmoor Council\n\nR. Osei\n2 May 2024\n\nDear Fenmoor Council,\n\n"
              "1. How many branch libraries cut their opening hours in 2023?\n2. By how many hours a week in all?\n\n"
              "Yours faithfully,\nR. Osei\n\nFenmoor Council\n3 May 2024\n\nDear R. Osei,\n\nDo you mean static branches only, "
              "or the mobile library too?\n\nRegards,\nInformation Team\n\nR. Osei\n3 May 2024\n\nDear Fenmoor Council,\n\n"
              "Static branches only.\n\nYours faithfully,\nR. Osei\n\nFenmoor Council\n28 May 2024\n\nDear R. Osei,\n\n"
              "Six of our eleven branches cut their hours in 2023, by 41 hours a week between them.\n\nRegards,\nInformation Team\n")
    segments = segment(clean(thread, "txt"), None, _finds_nothing())
    assert [(s.q, s.question) for s in segments] == [("1", "How many branch libraries cut their opening hours in 2023?"),
                                                    ("2", "By how many hours a week in all?")]
    assert all(s.answer.startswith("Six of our eleven") and "answers_several" in s.flags for s in segments), segments
    # A reply letter first, the request it answers pasted below: the first letter tells, so the text is no
    # thread to read from its end, and the answer is the reply's, not the request's letter.
    pasted = ("Dear R. Osei,\n\nSix of our eleven branches cut their hours in 2023.\n\nRegards,\nInformation Team\n\n"
              "Dear Fenmoor Council,\n\nHow many branch libraries cut their opening hours in 2023?\n\nYours faithfully,\nR. Osei\n")
    answers = [s.answer for s in segment(clean(pasted, "txt"), None, _finds_nothing())]
    assert answers and answers[0].startswith("Six of our eleven"), answers


def test_a_threads_letters_and_whose_they_are() -> None:
    # The request letter first (it asks), the body's letters greeted otherwise, the requester's greeted as the first.
    from pipeline.extract.rules import thread_of

    lines = ["Harbour dues", "Dear Saltmarsh Council,", "Please tell me what the harbour dues earned in 2023.", "Yours faithfully,",
             "Ada Crane", "Dear Ms Crane,", "Do you mean commercial berths only?", "Regards,", "Dear Saltmarsh Council,",
             "All berths, please.", "Dear Ms Crane,", "The harbour dues earned £412,600 in 2023.", "Regards,"]
    thread = thread_of(lines)
    assert thread is not None and thread.letters == [(1, 5), (5, 8), (8, 10), (10, 13)]
    assert thread.requester == [True, False, True, False]
    assert thread.request(lines)[1].startswith("Please tell me") and thread.reply(lines)[1].startswith("The harbour dues earned")
    # The requester's word between is no new request ("All berths, please."): every answer stands. Asking again
    # ("Then please tell me ...") with the body's letter after it, the answers above that letter stand no more.
    assert thread.answered_from(lines) == 0
    asked_again = lines[:9] + ["Then please tell me what the commercial berths alone earned."] + lines[10:]
    assert thread_of(asked_again).answered_from(asked_again) == 8
    # The body's letter first, the request pasted under it: its first letter tells, so it is no thread.
    assert thread_of(lines[5:6] + ["The harbour dues earned £412,600 in 2023.", "Regards,"] + lines[1:5]) is None
    # Every letter greeted alike: the requester's alone (a chaser), no body's letter to read.
    assert thread_of(lines[1:5] + lines[8:10]) is None


def test_the_rules_read_a_thread_from_the_bodys_last_letter() -> None:
    # No segmenter: the rules read the request letter as the request and the body's last letter as the reply,
    # so a narrowed request's answer, not the refusal before it nor the requester's thanks, is the answer.
    thread = ("Dear Saltmarsh Council,\n\nPlease send me every invoice for harbour dredging since 2010.\n\nYours faithfully,\nAda Crane\n\n"
              "Dear Ms Crane,\n\nLocating every invoice would exceed the cost limit under section 12.\n\nRegards,\nPort Office\n\n"
              "Dear Saltmarsh Council,\n\nThen please give the total spent on dredging in 2023.\n\nYours faithfully,\nAda Crane\n\n"
              "Dear Ms Crane,\n\nThe council spent £96,300 on dredging in 2023.\n\nRegards,\nPort Office\n\n"
              "Dear Saltmarsh Council,\n\nThank you.\n\nYours faithfully,\nAda Crane\n")
    assert qa(thread) == [("1", "Please send me every invoice for harbour dredging since 2010.", "The council spent £96,300 on dredging in 2023.")]
