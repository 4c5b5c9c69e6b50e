"""Pairing: units with roles become question/answer pairs, numbered as the reply or the request numbers them."""
from __future__ import annotations

from pipeline.extract import units_of
from pipeline.extract.numbering import mentioned_questions
from pipeline.extract.pairing import CHECK, CHECK_BELOW, pair
from pipeline.extract.request import parse_request

REQUEST = parse_request("Dear Sir\n\n1. How many gritting lorries do you own?\n"
                        "2. What did road salt cost in 2023?\n3. Do you publish a winter service plan?\n\nYours faithfully")


def segments(lines: list[tuple[str, str]], request=None) -> list[tuple[str, str, str]]:
    text = "\n".join(line for _, line in lines)
    units = units_of(text)
    assert [u.text for u in units] == [line for _, line in lines]
    return [(s.q, s.question, s.answer) for s in pair(units, [role for role, _ in lines], request)]


def test_each_question_takes_the_answer_after_it() -> None:
    got = segments([("O", "Dear Mr Osei"), ("QB", "1. How many depots are there?"), ("AB", "There are three."),
                    ("QB", "2. How many vans?"), ("AB", "Forty vans."), ("AI", "Six are electric."), ("O", "Yours sincerely")])
    assert got == [("1", "How many depots are there?", "There are three."), ("2", "How many vans?", "Forty vans. Six are electric.")]


def test_questions_restated_together_share_the_one_answer_after_them() -> None:
    got = segments([("QB", "1. The number of depots"), ("QI", "Please give it by year."), ("QB", "2. The number of vans"),
                    ("O", "Response:"), ("AB", "Please see the attached spreadsheet.")])
    assert got == [("1", "The number of depots Please give it by year.", "Please see the attached spreadsheet."),
                   ("2", "The number of vans", "Please see the attached spreadsheet.")]


def test_numbered_answers_after_a_listing_go_to_their_numbers() -> None:
    got = segments([("QB", "1. How many depots?"), ("QB", "2. How many vans?"), ("QB", "3. How many drivers?"),
                    ("AB", "Answers 2 & 3 The fleet and its drivers are run by a contractor."), ("AB", "1 - Three depots.")])
    assert sorted(got) == [("1", "How many depots?", "1 - Three depots."),
                           ("2", "How many vans?", "Answers 2 & 3 The fleet and its drivers are run by a contractor."),
                           ("3", "How many drivers?", "Answers 2 & 3 The fleet and its drivers are run by a contractor.")]


def test_a_question_restated_after_the_listing_replaces_the_listing() -> None:
    got = segments([("QB", "1. How many depots?"), ("QB", "2. How many vans?"), ("O", "Our reply follows."),
                    ("QB", "1. How many depots?"), ("AB", "Three."), ("QB", "2. How many vans?"), ("AB", "Forty.")])
    assert got == [("1", "How many depots?", "Three."), ("2", "How many vans?", "Forty.")]


def test_a_heading_between_two_answer_units_starts_a_new_answer() -> None:
    got = segments([("QB", "1. How many depots?"), ("QB", "2. How many vans?"), ("O", "Question 1"),
                    ("AI", "Three depots."), ("O", "Question 2"), ("AI", "Forty vans.")])
    assert got == [("1", "How many depots?", "Three depots."), ("2", "How many vans?", "Forty vans.")]


def test_answers_without_questions_follow_the_numbers_they_mention_then_the_request_by_topic() -> None:
    got = segments([("O", "Dear Mr Osei"), ("AB", "Please see the figures for questions one and two in the attached."),
                    ("AB", "We do not publish a winter service plan; gritting routes are on our website.")], REQUEST)
    assert got == [
        ("1", "How many gritting lorries do you own?", "Please see the figures for questions one and two in the attached."),
        ("2", "What did road salt cost in 2023?", "Please see the figures for questions one and two in the attached."),
        ("3", "Do you publish a winter service plan?", "We do not publish a winter service plan; gritting routes are on our website."),
    ]


def test_an_answer_for_all_questions_goes_to_every_requested_question() -> None:
    got = segments([("AB", "For all of your questions, please see Appendix A.")], REQUEST)
    assert [q for q, _, _ in got] == ["1", "2", "3"]


def test_question_numbers_an_answer_mentions() -> None:
    assert mentioned_questions("In answer to questions 2 and 4, none are held.") == ["2", "4"]
    assert mentioned_questions("For questions 1 - 3 above, see the table.") == ["1", "2", "3"]
    assert mentioned_questions("Regarding question three, the cost was £40.") == ["3"]
    assert mentioned_questions("We hold 3 questionnaires.") == []
    assert mentioned_questions("Attached are the figures for your first three questions.") == ["1", "2", "3"]
    assert mentioned_questions("Q2, Q4 and Q5b are withheld under section 40(2).") == ["2", "4", "5b"]
    assert mentioned_questions("Information for Q.7 to Q.9 is not held.") == ["7", "8", "9"]
    assert mentioned_questions("Spending rose in Q3 2022 and again in 2023 Q1.") == []  # quarters, not questions
    assert mentioned_questions("You asked a similar question 12 months ago.") == []
    # pointing at another answer is not answering that question
    assert mentioned_questions("Please refer to our reply to question 2: the same contractor does this.") == []
    assert mentioned_questions("As set out in Q1, no officers are assigned.") == []
    assert mentioned_questions("See question 4 above; for question 5 the figure is nil.") == ["5"]


def test_an_answer_pointing_back_to_another_answer_answers_its_own_question() -> None:
    got = segments([("QB", "1. How many wardens patrol the parks?"), ("QB", "2. How many patrol the beaches?"),
                    ("O", "Response"), ("AB", "Six wardens patrol the parks."),
                    ("AB", "Please refer to our reply to question 1: the same six wardens cover the beaches in summer.")])
    assert [(q, a[:12]) for q, _, a in got] == [("1", "Six wardens "), ("2", "Please refer")]


def test_an_answer_naming_questions_answers_them_without_a_request() -> None:
    """No request and no restated questions: an answer that lists the questions it answers answers each;
    a later answer with its own number still takes that number."""
    got = segments([("O", "Response:"), ("AB", "We neither confirm nor deny holding information for Q1, Q2 and Q4."),
                    ("AB", "Q3. The unit has six officers.")])
    assert [(q, a[:20]) for q, _, a in got] == [("1", "We neither confirm n"), ("2", "We neither confirm n"),
                                              ("4", "We neither confirm n"), ("3", "Q3. The unit has six")]


def test_unnumbered_answer_units_after_a_numbered_answer_go_on_with_it() -> None:
    """A reply that numbers its answers: an unnumbered block after answer 1 is more of answer 1, never
    the answer to the questions whose numbers have not come yet."""
    got = segments([("QB", "1. How many depots?"), ("QB", "2. How many vans?"), ("QB", "3. How many drivers?"),
                    ("O", "Response"), ("AB", "1. North depot"), ("AB", "South depot"), ("AB", "2. Forty vans."),
                    ("AB", "3. Sixty drivers.")])
    assert got == [("1", "How many depots?", "1. North depot South depot"), ("2", "How many vans?", "2. Forty vans."),
                   ("3", "How many drivers?", "3. Sixty drivers.")]


def test_an_answer_naming_questions_not_restated_answers_them_from_the_request() -> None:
    got = segments([("QB", "3. Do you publish a winter service plan?"),
                    ("AB", "For questions 1 to 3 please see the enclosed pack.")], REQUEST)
    assert sorted(got) == [("1", "How many gritting lorries do you own?", "For questions 1 to 3 please see the enclosed pack."),
                           ("2", "What did road salt cost in 2023?", "For questions 1 to 3 please see the enclosed pack."),
                           ("3", "Do you publish a winter service plan?", "For questions 1 to 3 please see the enclosed pack.")]


def test_a_numbered_heading_of_no_role_numbers_the_answer_under_it() -> None:
    """'Question 3:' taken for neither question nor answer still says which question the text under it answers."""
    got = segments([("QB", "1. How many depots?"), ("QB", "2. How many vans?"), ("QB", "3. How many drivers?"),
                    ("AB", "Questions 1 and 2:"), ("AB", "The fleet is run from two depots by a contractor."),
                    ("O", "Question 3:"), ("AB", "Sixty drivers.")])
    assert got == [("1", "How many depots?", "The fleet is run from two depots by a contractor."),  # the label is no answer
                   ("2", "How many vans?", "The fleet is run from two depots by a contractor."),
                   ("3", "How many drivers?", "Sixty drivers.")]


def test_an_answer_numbered_by_its_heading_keeps_the_number_when_a_paragraph_follows() -> None:
    got = segments([("QB", "1. How many depots?"), ("QB", "2. How many vans?"), ("QB", "3. How many drivers?"),
                    ("O", "Question 3:"), ("AB", "Sixty drivers."), ("AB", "Ten of them are agency staff."),
                    ("O", "Question 1:"), ("AB", "Three depots.")])
    assert sorted(got) == [("1", "How many depots?", "Three depots."),
                           ("3", "How many drivers?", "Sixty drivers. Ten of them are agency staff.")]


def test_answers_on_near_subjects_keep_the_order_they_were_asked_in() -> None:
    """Unnumbered answers under headings, with no question restated: the first shares more words with
    the second question than with its own, but a reply answers in the order it was asked."""
    request = parse_request("Dear Sir\n\n1. The funding your council gave to cycle training for children in 2023, with the "
                            "number of courses run.\n2. Your council's cycling plan, or any other document setting out how "
                            "the council will get more children cycling to school.\n3. The number of cycle racks at schools.\n\n"
                            "Yours faithfully")
    got = segments([("O", "Dear Ms Adeyemi"), ("O", "Funding"),
                    ("AB", "There is no separate funding; the council ran cycle training for children at school as part of a "
                           "plan to get more children cycling."),
                    ("O", "Plan"), ("AB", "The council has no cycling plan of its own."),
                    ("O", "Racks"), ("AB", "There are 212 cycle racks at schools.")], request)
    assert [(q, answer[:24]) for q, _, answer in got] == [("1", "There is no separate fun"), ("2", "The council has no cycli"),
                                                          ("3", "There are 212 cycle rack")]


def test_a_link_alone_after_an_answer_goes_on_with_it() -> None:
    """The address an answer points to ("it is published here:") is part of it, however the roles
    left it; a link after no answer (a page's footer) stays out."""
    got = segments([("QB", "3. Do you publish a winter service plan?"), ("AB", "Yes, the plan is on our website:"),
                    ("O", "https://www.example-council.gov.uk/roads/winter-plan-2024.pdf"),
                    ("O", "If you are unhappy with this response you may ask for an internal review."),
                    ("O", "www.example-council.gov.uk")])
    assert got == [("3", "Do you publish a winter service plan?",
                    "Yes, the plan is on our website: https://www.example-council.gov.uk/roads/winter-plan-2024.pdf")]


def test_a_reply_of_one_answer_naming_no_question_answers_the_whole_request() -> None:
    got = segments([("O", "Dear Ms Adeyemi"), ("AB", "The council contracts its winter maintenance to a highways partner,"),
                    ("AI", "whose annual report, enclosed, sets out its fleet, salt costs and plans."), ("O", "Yours sincerely")],
                   REQUEST)
    assert [(q, question) for q, question, _ in got] == [(q.q, q.text) for q in REQUEST.questions]
    assert len({answer for _, _, answer in got}) == 1
    # One answer that names its question answers that one only; two answers go by topic as before.
    named = segments([("AB", "In answer to question 2, road salt cost £41,000 in 2023.")], REQUEST)
    assert [q for q, _, _ in named] == ["2"]
    two = segments([("AB", "We own nine gritting lorries."), ("AB", "Our winter service plan is not published.")], REQUEST)
    assert [q for q, _, _ in two] == ["1", "3"]


def test_each_copy_of_an_answer_given_to_several_questions_is_flagged() -> None:
    """Classify codes a passage flagged `answers_several` for every question it answers; answers that only
    read alike are separate answers and stay unflagged."""
    lines = [("QB", "1. How many depots?"), ("QB", "2. How many vans?"), ("AB", "Fleet figures are not held."),
             ("QB", "3. How many drivers?"), ("AB", "Not held."), ("QB", "4. How many mechanics?"), ("AB", "Not held.")]
    units = units_of("\n".join(line for _, line in lines))
    got = pair(units, [role for role, _ in lines])
    assert [(s.q, s.answer, s.flags) for s in got] == [
        ("1", "Fleet figures are not held.", ["answers_several"]), ("2", "Fleet figures are not held.", ["answers_several"]),
        ("3", "Not held.", []), ("4", "Not held.", [])]
    whole = pair(units_of("The council holds none of this information."), ["AB"], REQUEST)
    assert len(whole) == 3 and all(s.flags == ["answers_several"] for s in whole)


def test_a_detail_line_read_as_a_question_gives_its_number_back_to_the_question_that_has_it() -> None:
    """A question's detail, after a page break, read as a question of its own, takes the next question's
    number by topic; when that question comes, the line goes on with the question before it, which stays
    waiting for the answer."""
    got = segments([("QB", "1. How many gritting lorries do you own?"), ("QB", "2. What did road salt cost in 2023?"),
                    ("O", "Page 2 of 3"), ("QB", "Please give the salt cost as a yearly figure."),
                    ("QB", "3. Do you publish a winter service plan?"),
                    ("AB", "For all of your questions above, please see the attached fleet and salt report.")], REQUEST)
    assert [(q, question) for q, question, _ in got] == [
        ("1", "How many gritting lorries do you own?"),
        ("2", "What did road salt cost in 2023? Please give the salt cost as a yearly figure."),
        ("3", "Do you publish a winter service plan?")]
    # The request listed, then restated question by question: the restated question replaces the list.
    restated = segments([("QB", "1. How many gritting lorries?"), ("QB", "2. Salt costs?"), ("QB", "1. How many gritting lorries?"),
                         ("AB", "We own nine."), ("QB", "2. Salt costs?"), ("AB", "£41,000.")])
    assert [(q, answer) for q, _, answer in restated] == [("1", "We own nine."), ("2", "£41,000.")]


def test_lists_numbered_from_one_at_every_item_are_read_in_order() -> None:
    """A page whose lists were parted by paragraphs numbers each question "1." (or "1.", "1.", "2.") and each
    answer "1.": the numbers name no question, so the questions are read in order and each takes the answer
    in its place (all three answers went to the second question, and the first was lost)."""
    got = segments([("QB", "1. How many library branches closed in 2023?"),
                    ("QB", "1. Please list the branches that cut their opening hours."),
                    ("QI", "• Give the weekly hours before and after the cut."),
                    ("QB", "Please include any branch that has since reopened."),
                    ("QB", "2. What did the mobile library service cost to run?"),
                    ("AB", "1. Two branches closed, at Elm Road and at Station Street."),
                    ("AB", "1. Westgate and Hill Top now open 20 hours a week, down from 35."),
                    ("AB", "1. The mobile service cost £84,000 in 2023.")])
    assert [(q, question.split(" ")[0], answer.split(" ")[1]) for q, question, answer in got] == [
        ("1", "How", "Two"), ("2", "Please", "Westgate"), ("3", "What", "The")]
    assert got[1][1].endswith("since reopened.")  # an unnumbered line under a question is its detail
    # Answers numbered alike after questions numbered 1 and 2: in order too.
    got = segments([("QB", "1. How many parking fines were issued?"), ("QB", "2. How many were cancelled on appeal?"),
                    ("AB", "1. 14,220 fines."), ("AB", "1. 1,310 were cancelled.")])
    assert [(q, answer) for q, _, answer in got] == [("1", "1. 14,220 fines."), ("2", "1. 1,310 were cancelled.")]
    # A question said again in its own words under the same number is the same question, not a new list.
    got = segments([("QB", "1. How many bridges did you inspect in 2022?"), ("O", "Our response"),
                    ("QB", "1. How many bridges did you inspect in 2022?"), ("AB", "We inspected 48 bridges.")])
    assert got == [("1", "How many bridges did you inspect in 2022?", "We inspected 48 bridges.")]


def test_a_request_block_numbered_from_one_again_after_answers_takes_the_next_number() -> None:
    """A page of request blocks, each numbering its questions from 1: a question after answers numbered as an
    earlier one in other words is the next question (it was filed under the earlier one's number), while a
    question said again in the same words, or a "Question 1" label, keeps its number."""
    got = segments([("O", "Request"), ("QB", "1. How many school buses does the council run?"), ("O", "Reply"),
                    ("AB", "We run 42 school buses."), ("O", "Request"), ("QB", "1. What did home-to-school transport cost in 2023?"),
                    ("O", "Reply"), ("AB", "It cost £3.2 million.")])
    assert [(q, answer) for q, _, answer in got] == [("1", "We run 42 school buses."), ("2", "It cost £3.2 million.")]
    again = segments([("QB", "1. How many school buses does the council run?"), ("AB", "We run 42 school buses."),
                      ("O", "Internal review"), ("QB", "1. How many school buses does the council run?"),
                      ("AB", "We stand by our answer of 42.")])
    assert [q for q, _, _ in again] == ["1", "1"]
    named = segments([("QB", "Question 1 – How many school buses does the council run?"), ("AB", "We run 42 school buses."),
                      ("QB", "Question 1 – What did home-to-school transport cost?"), ("AB", "It cost £3.2 million.")])
    assert [q for q, _, _ in named] == ["1", "1"]


def test_a_question_ends_where_the_requester_signs_off() -> None:
    """A thread quotes the request, sign-off and all; units of it read as the question's go no further."""
    got = segments([("QB", "How many potholes were repaired on the A38 in 2022?"), ("QI", "Kind regards,"), ("QI", "Priya Natarajan"),
                    ("O", "Dear Ms Natarajan"), ("AB", "We repaired 312 potholes on the A38 in 2022.")])
    assert got == [("1", "How many potholes were repaired on the A38 in 2022?", "We repaired 312 potholes on the A38 in 2022.")]


def test_a_question_quoted_in_an_email_reply_loses_its_quote_marks_and_number() -> None:
    units = units_of("> 2. How many allotment plots are vacant?\n> Please give the figure for each site.\nThere are 14 vacant plots.")
    segments = pair(units, ["QB", "QI", "AB"])
    assert segments[0].question == "How many allotment plots are vacant? Please give the figure for each site."


def test_question_and_answer_markers_are_no_part_of_their_text() -> None:
    got = segments([("QB", "Q: How many wind turbines does the council own?"), ("AB", "A: It owns three turbines at the depot."),
                    ("QB", "Question: What do they generate?"), ("AB", "Answer - About 2.1 GWh a year.")])
    assert got == [("1", "How many wind turbines does the council own?", "It owns three turbines at the depot."),
                   ("2", "What do they generate?", "About 2.1 GWh a year.")]


def test_paragraphs_turning_to_each_question_in_turn_are_separate_answers() -> None:
    got = segments([("AB", "In reply to your first question, we inspected 61 bridges last year."),
                    ("AI", "Of these, 4 needed urgent repairs."),
                    ("AI", "As to your second question, the repairs cost £310,000."),
                    ("AI", "Regarding question 3, no bridge was closed.")])
    assert [(q, a.split(",")[0]) for q, _, a in got] == [("1", "In reply to your first question"),
                                                          ("2", "As to your second question"), ("3", "Regarding question 3")]
    assert "4 needed urgent repairs" in got[0][2]


def test_the_nth_question_is_that_numbers_mention() -> None:
    assert mentioned_questions("On your fourth question, the answer is no.") == ["4"]
    assert mentioned_questions("Please see our answer to your second question.") == []  # pointing elsewhere
    assert mentioned_questions("On the third part of your request, none are held.") == ["3"]
    assert mentioned_questions("Fewer visits were made in the first part of the year.") == []


def test_an_answer_left_over_once_the_request_is_answered_goes_on_with_the_answer_before_it() -> None:
    request = parse_request("1. How many gritting routes are there?\n2. How much salt is stored?")
    got = segments([("AB", "There are 14 gritting routes across the county."),
                    ("AB", "Around 9,000 tonnes of salt are stored at three depots."),
                    ("AB", "Stocks are topped up each October before the season starts.")], request)
    assert [q for q, _, _ in got] == ["1", "2"]
    assert got[1][2].endswith("before the season starts.")


def test_an_answer_ends_where_the_act_it_cites_is_quoted_and_the_acts_subsections_answer_nothing() -> None:
    got = segments([("QB", "1. How many complaints were upheld?"), ("AB", "Twelve complaints were upheld."),
                    ("QB", "2. Please provide the complainants' addresses."),
                    ("AB", "The addresses are personal data and are withheld under section 40(2)."),
                    ("AI", "(1) Any information to which a request relates is exempt information if it constitutes personal data."),
                    ("AB", "(2) For the purposes of subsection (1), personal data means any information relating to a person.")])
    assert [(q, a) for q, _, a in got] == [("1", "Twelve complaints were upheld."),
                                           ("2", "The addresses are personal data and are withheld under section 40(2).")]


def test_an_answer_under_a_numbered_question_of_no_role_is_that_questions_answer_not_a_surplus() -> None:
    # The questions listed, then asked again one by one, the last copy read as no part of anything: its
    # answer is question 3's (its heading numbers it), not more of question 2's.
    got = segments([("QB", "1. How many allotment plots does the council let?"), ("QB", "2. How long is the waiting list?"),
                    ("QB", "3. What rent is charged per plot?"),
                    ("QB", "1. How many allotment plots does the council let?"), ("AB", "We let 212 plots on nine sites."),
                    ("QB", "2. How long is the waiting list?"), ("AB", "There are 340 people waiting."),
                    ("O", "3. What rent is charged per plot?"), ("AB", "A full plot is let at £58 a year.")])
    assert got == [("1", "How many allotment plots does the council let?", "We let 212 plots on nine sites."),
                   ("2", "How long is the waiting list?", "There are 340 people waiting."),
                   ("3", "What rent is charged per plot?", "A full plot is let at £58 a year.")]


def test_bullets_opening_a_question_or_an_answer_are_no_part_of_their_words() -> None:
    # Word's lists pasted as text: "•" for the question, "o" for the answer under it (PDF text keeps them).
    got = segments([("QB", "• How many gritting routes does the council run?"), ("AB", "o 14 routes, treated in under three hours."),
                    ("QB", "\u25aa Which depots store salt?"), ("AB", "- Eastgate and Holme Lane.")])
    assert got == [("1", "How many gritting routes does the council run?", "14 routes, treated in under three hours."),
                   ("2", "Which depots store salt?", "Eastgate and Holme Lane.")]


def test_lettered_parts_under_a_numbered_question_are_its_parts() -> None:
    # "2." then "(a)", "(b)": the parts are 2(a), 2(b), whether the answers write "2(a)" or just "(b)".
    got = segments([("QB", "1. Does the council run a lorry watch scheme?"), ("AB", "No."),
                    ("QB", "2. About weight restriction signs:"), ("QB", "(a) How many are there on B roads?"),
                    ("QB", "(b) How many were replaced last year?"),
                    ("AB", "2(a) There are 96 signs on B roads."), ("AB", "(b) Eleven were replaced after collisions.")])
    assert got == [("1", "Does the council run a lorry watch scheme?", "No."),
                   ("2(a)", "How many are there on B roads?", "2(a) There are 96 signs on B roads."),
                   ("2(b)", "How many were replaced last year?", "(b) Eleven were replaced after collisions.")]


def test_unnumbered_questions_listed_then_asked_again_over_their_answers_keep_their_keys() -> None:
    # A disclosure log's "Details of enquiry" list, then the response asking each again above its answer:
    # the second asking is the same question (its key, its words), not a third and a fourth.
    got = segments([("O", "Details of enquiry"), ("QB", "- How many public toilets does the council maintain?"),
                    ("QB", "- Are any of them open overnight?"), ("O", "Response"),
                    ("QB", "- How many public toilets does the council maintain?"), ("AB", "Twelve, in six parks."),
                    ("QB", "- Are any of them open overnight?"), ("AB", "No, all close at dusk.")])
    assert got == [("1", "How many public toilets does the council maintain?", "Twelve, in six parks."),
                   ("2", "Are any of them open overnight?", "No, all close at dusk.")]


def test_questions_of_no_words_are_not_the_same_question() -> None:
    # Two bare markers read as questions ("Q:" with nothing after it) share no words: each is a question of its own.
    got = segments([("QB", "Q:"), ("AB", "Eleven bridges were inspected."), ("QB", "Q:"), ("AB", "Two needed repairs.")])
    assert [g[0] for g in got] == ["1", "2"]


def test_an_answer_its_units_score_as_more_likely_none_is_left_out_with_every_copy() -> None:
    """The sequence can give a question an answer its own words do not support (a requester's closing line
    under the last question, read as the reply's one answer): under even odds on average, it is dropped
    from every question it went to, and the others keep theirs; without the odds nothing is dropped."""
    lines = [("QB", "1. How many parking permits did you issue in 2022?"), ("AB", "We issued 4,210 permits."),
             ("QB", "2. How many were refused?"), ("QB", "3. What is the fee?"),
             ("AB", "Many thanks in advance, I look forward to hearing from you.")]
    units = units_of("\n".join(line for _, line in lines))
    roles = [role for role, _ in lines]
    odds = [0.02, 0.93, 0.01, 0.03, 0.41]
    assert [(s.q, s.answer) for s in pair(units, roles, answer_odds=odds)] == [("1", "We issued 4,210 permits.")]
    assert [s.q for s in pair(units, roles)] == ["1", "2", "3"]
    # Even odds over the answer's words, not its first line: a lead-in line and a link broken over two lines, of
    # low score, under a well supported paragraph, stay; so does an answer too short for its words to tell.
    lines = [("QB", "1. Do you publish your parking policy?"),
             ("AB", "Yes, the policy is reviewed every spring by the cabinet member for transport and published in full:"),
             ("AI", "https://www.example.gov.uk/parking/"), ("AI", "policy-2024.pdf"), ("QB", "2. How many wardens?"), ("AB", "Eleven.")]
    units = units_of("\n".join(line for _, line in lines))
    kept = pair(units, [r for r, _ in lines], answer_odds=[0.0, 0.7, 0.1, 0.1, 0.0, 0.2])
    assert [(s.q, s.answer.split()[0]) for s in kept] == [("1", "Yes,"), ("2", "Eleven.")]
    # A reply that restates no question has none waiting for an answer: its own answers stay, however they score.
    alone = [("O", "Dear Mr Lund"), ("AB", "1 - Please refer to the register of licensed premises on our website."),
             ("AB", "2 - No licences were revoked in 2023.")]
    units = units_of("\n".join(line for _, line in alone))
    assert [s.q for s in pair(units, [r for r, _ in alone], answer_odds=[0.0, 0.35, 0.95])] == ["1", "2"]


def test_an_answer_its_words_score_under_the_check_bar_is_flagged_for_a_look() -> None:
    """An answer kept whose words score under CHECK_BELOW on average is flagged `check_answer`, in a reply that
    restates its questions and in one that does not; a well supported one is not, nor one too short to tell."""
    lines = [("QB", "1. How many missed bin collections were reported in 2023?"), ("AB", "There were 1,312 missed collections."),
             ("QB", "2. How many crews do you run?"), ("AB", "Please contact the waste team for any further queries."),
             ("QB", "3. Which depot?"), ("AB", "Northgate, mostly.")]
    units = units_of("\n".join(line for _, line in lines))
    got = pair(units, [role for role, _ in lines], answer_odds=[0.01, 0.97, 0.02, 0.62, 0.03, 0.1])
    assert [(s.q, CHECK in s.flags) for s in got] == [("1", False), ("2", True), ("3", False)]
    assert all(CHECK not in s.flags for s in pair(units, [role for role, _ in lines]))  # no scores, no flags
    alone = [("AB", "1 - The depot at Northgate serves the whole district."), ("AB", "2 - Crews are not recorded by shift.")]
    units = units_of("\n".join(line for _, line in alone))
    got = pair(units, [r for r, _ in alone], answer_odds=[0.35, CHECK_BELOW + 0.05])
    assert [(s.q, CHECK in s.flags) for s in got] == [("1", True), ("2", False)]


def test_an_answer_ends_before_a_heading_with_only_short_unstopped_lines_under_it() -> None:
    """A log page's furniture after the last answer ("Useful links" and its links, a file's name, a link bar)
    and the next record's title are no part of it: a heading with no sentence under it heads nothing of the
    answer, even when the tagger ran the answer on into them."""
    got = segments([("QB", "1. Do you lend garden tools to residents?"), ("AB", "Yes, from the depots at Ashby and Holt."),
                    ("AI", "Useful links"), ("AI", "Tool loan leaflet (PDF, 60KB)"), ("AI", "Contact us | Opening times"),
                    ("AI", "Ashby Parish Council, Station Road, Ashby")])
    assert got == [("1", "Do you lend garden tools to residents?", "Yes, from the depots at Ashby and Holt.")]
    got = segments([("QB", "How many fly-tipping fines were issued in 2023?"), ("AB", "We issued 96 fixed penalty notices."),
                    ("AI", "Abandoned shopping trolleys"), ("O", "Case number: 2024-118"),
                    ("QB", "How many trolleys did you collect from the river?"), ("AB", "The contractor removed 41 trolleys.")])
    assert [answer for _, _, answer in got] == ["We issued 96 fixed penalty notices.", "The contractor removed 41 trolleys."]


def test_an_answers_own_short_lines_stay_with_it() -> None:
    """Lines the answer announces ("listed below."), lines after one that leads into them (":"), a labelled line
    ("Attachment: ..."), bullets and rows of figures are the answer's, however short and unstopped."""
    kept = [
        [("QB", "1. Which depots hold grit?"), ("AB", "Grit is held at the depots listed below."),
         ("AI", "Northgate depot"), ("AI", "Riverside depot")],
        [("QB", "1. Which depots hold grit?"), ("AB", "Grit is held at two depots:"), ("AI", "Northgate depot"),
         ("AI", "Riverside depot")],
        [("QB", "1. Do you have a gritting plan?"), ("AB", "Yes, it is attached."), ("AI", "Attachment: Winter plan 2024 (PDF)")],
        [("QB", "1. Which depots hold grit?"), ("AB", "Two depots hold it."), ("AI", "Salt stores"), ("AI", "• Northgate depot"),
         ("AI", "• Riverside depot")],
        [("QB", "1. How much grit was spread?"), ("AB", "We hold these figures."), ("AI", "Winter tonnes"),
         ("AI", "2022 | 1,210"), ("AI", "2023 | 1,385")],
    ]
    for lines in kept:
        answer = " ".join(text for role, text in lines if role[0] == "A")
        assert segments(lines)[0][2] == answer
