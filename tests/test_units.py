"""Units: a cleaned reply's lines, split where one line holds a question and its answer, or an inline list."""
from __future__ import annotations

from pipeline.extract import units_of


def texts(text: str) -> list[str]:
    return [u.text for u in units_of(text)]


def test_a_line_is_a_unit_and_offsets_point_into_the_text() -> None:
    text = "Dear Mr Osei\n\n  The depot holds 12 vans.  \nYours sincerely\n"
    units = units_of(text)
    assert [u.text for u in units] == ["Dear Mr Osei", "The depot holds 12 vans.", "Yours sincerely"]
    assert all(text[u.start:u.end] == u.text for u in units)
    assert all(u.first for u in units)


def test_a_question_and_its_answer_on_one_line_are_two_units() -> None:
    assert texts("Do you lease any electric buses? Yes, four since 2022.") == [
        "Do you lease any electric buses?", "Yes, four since 2022."]
    assert texts("Is there a waiting list? If so, how long is it? 140 families.") == [
        "Is there a waiting list?", "If so, how long is it?", "140 families."]


def test_a_question_s_detail_run_on_into_its_answer_stays_with_the_question() -> None:
    """A PDF's wrapped lines joined into one paragraph: the question, the sentence that goes on asking ("If so,
    ...", "Please could you ...") and the answer. The asking sentence is the question's, the rest the answer's;
    a sentence after the "?" that says something ("Please see the table") is the answer's own start."""
    assert texts("2. Do you hire out the sports hall? If so, please list the hourly rates. Yes: £24 an hour, £30 at weekends.") == [
        "2. Do you hire out the sports hall?", "If so, please list the hourly rates.", "Yes: £24 an hour, £30 at weekends."]
    assert texts("Was the bridge inspected in 2023? Could you also send the inspection report. It was, in May; report attached.") == [
        "Was the bridge inspected in 2023?", "Could you also send the inspection report.", "It was, in May; report attached."]
    assert texts("How many lifeguards work at the lido? Please see the table below. Nine in summer.") == [
        "How many lifeguards work at the lido?", "Please see the table below. Nine in summer."]
    assert texts("Do you keep a register of gifts? If so, please provide a copy.") == [
        "Do you keep a register of gifts?", "If so, please provide a copy."]


def test_a_question_mark_inside_a_sentence_does_not_split() -> None:
    assert texts('We were asked "which depots?" and replied at once.') == ['We were asked "which depots?" and replied at once.']


def test_an_inline_numbered_list_becomes_one_unit_per_item() -> None:
    units = units_of("We ask for: 1. The number of depots 2. The number of vans 3. Their fuel costs")
    assert [u.text for u in units] == ["We ask for:", "1. The number of depots", "2. The number of vans", "3. Their fuel costs"]
    assert [u.label.numbers if u.label else None for u in units] == [None, ["1"], ["2"], ["3"]]
    assert [u.first for u in units] == [True, False, False, False]


def test_a_lone_number_mid_line_is_no_list() -> None:
    assert texts("The route changed in 2019. 1. July was the busiest month") == [
        "The route changed in 2019. 1. July was the busiest month"]
    assert texts("1. How many bins? 2. How many crews?") == ["1. How many bins?", "2. How many crews?"]


def test_a_table_row_of_a_question_and_its_answer_is_two_units() -> None:
    """Readers join a row's cells with " | ": a row whose first cell asks, or carries a question's number,
    holds the question and its answer; data rows, header rows and lettered items stay whole."""
    text = ("1. How many allotment plots does the council let? | 431 plots across nine sites.\n"
            "Q2 The waiting list at 31 March | 1,208 households\n2021/22 | 388 | 12\nc) the rent per plot | £46")
    units = units_of(text)
    assert [u.text for u in units] == ["1. How many allotment plots does the council let?",
                                       "431 plots across nine sites.", "Q2 The waiting list at 31 March", "1,208 households",
                                       "2021/22 | 388 | 12", "c) the rent per plot | £46"]
    assert all(text[u.start:u.end] == u.text for u in units)
    assert [u.label.numbers if u.label else None for u in units][:4] == [["1"], None, ["2"], None]


def test_rows_under_a_question_and_response_header_are_a_question_and_its_answer() -> None:
    """Under a "Request | Our reply" header every row of its width splits between the columns, whatever the
    question cell looks like ("Please supply ...", "c) ..."); the header itself, a wider data row and the rows
    after the table ends stay whole."""
    text = ("No. | Request | Our reply\n\n1 | Please supply the bus shelter cleaning schedule. | It is attached.\n\n"
            "2 | c) the cleaning contractor | Brightway Services Ltd\n2021/22 | 388 | 12 | 4\n\nNotes\n"
            "Shelters cleaned | 212")
    units = units_of(text)
    assert [u.text for u in units] == ["No. | Request | Our reply", "1 | Please supply the bus shelter cleaning schedule.",
                                       "It is attached.", "2 | c) the cleaning contractor", "Brightway Services Ltd",
                                       "2021/22 | 388 | 12 | 4", "Notes", "Shelters cleaned | 212"]
    assert all(text[u.start:u.end] == u.text for u in units)


def test_rows_under_a_query_and_reply_header_open_their_cells() -> None:
    """Under a "Query | Reply" header a row's first piece opens its question cell, the piece at the reply
    column its answer cell, and a piece cut after a "?" goes on with its cell (the decoding reads them);
    a data table's rows under "Month | Request | Response" ("March | 41 | 39") say no question and open no cell."""
    text = ("Query | Reply\nThe cost of the mobile library service in 2023. | £81,000\n"
            "How many mobile libraries run? Please give the figure for each year. | Two.\n"
            "Month | Request | Response\nMarch | 41 | 39")
    units = units_of(text)
    assert [(u.text, u.cell) for u in units] == [
        ("Query | Reply", ""), ("The cost of the mobile library service in 2023.", "question"), ("£81,000", "answer"),
        ("How many mobile libraries run?", "question"), ("Please give the figure for each year.", "question_rest"),
        ("Two.", "answer"), ("Month | Request | Response", ""), ("March | 41", ""), ("39", "")]


def test_a_question_an_email_quotes_above_its_answer_keeps_its_number() -> None:
    """"> 2. Please list ..." quoted above its answer is question 2; the request quoted again under the
    sign-off keeps no numbers (it is the original message, not a question the reply takes up)."""
    text = ("Thank you for your request.\n> 2. Please list the parks with a bowling green.\nVictoria Park and Hollins Park.\n"
            "Kind regards,\n> 2. Please list the parks with a bowling green.")
    units = units_of(text)
    assert [(u.text, u.label.numbers if u.label else None) for u in units] == [
        ("Thank you for your request.", None), ("> 2. Please list the parks with a bowling green.", ["2"]),
        ("Victoria Park and Hollins Park.", None), ("Kind regards,", None),
        ("> 2. Please list the parks with a bowling green.", None)]
    assert units[1].label.rest == "Please list the parks with a bowling green."


def test_a_row_of_a_number_a_question_and_its_answer_is_two_units() -> None:
    units = units_of("4 | Do you fit alarms for people with hearing loss? | Yes, vibrating pad alarms are fitted.")
    assert [u.text for u in units] == ["4 | Do you fit alarms for people with hearing loss?", "Yes, vibrating pad alarms are fitted."]
    assert units[0].label.numbers == ["4"] and units[0].label.rest.startswith("Do you fit")
    assert len(units_of("4 | Vibrating pad alarms | 120")) == 1


def test_an_answer_marker_after_a_question_on_the_same_line_labels_its_piece() -> None:
    # "Q4. ...? A4. ..." on one line: the second piece is answer 4, labelled as if it began the line;
    # a piece opening on an ordinary word is no label.
    units = units_of("Q4. Does the council own its leisure centres? A4. No, all three are run by a trust.\n"
                     "Is the pool open on Sundays? A lifeguard is on duty until 4pm.")
    assert [u.text for u in units] == ["Q4. Does the council own its leisure centres?", "A4. No, all three are run by a trust.",
                                       "Is the pool open on Sundays?", "A lifeguard is on duty until 4pm."]
    assert (units[1].label.kind, units[1].label.numbers, units[1].label.rest) == ("answer", ["4"], "No, all three are run by a trust.")
    assert units[3].label is None


def test_a_list_numbered_without_stops_gives_its_units_their_numbers() -> None:
    text = ("You asked:\n1 Which parks have outdoor gyms?\n2 When was each one installed?\nOur answers:\n"
            "1 Outdoor gyms stand in Castle Park and Mill Meadow.\n2 Both were installed in 2019.\n12 Residents wrote in about them.\n")
    numbers = [u.label.numbers if u.label else None for u in units_of(text)]
    assert numbers == [[], ["1"], ["2"], None, ["1"], ["2"], None]  # "You asked:" is a label without a number


def test_a_row_with_its_question_cells_empty_goes_on_with_the_answer_above() -> None:
    """A question cell merged down over two response rows leaves the second row's question cells empty
    (" |  | ..."): that row is more of the answer above, without its empty cells' " | ". A first column merged
    over several questions ("Catering" over two rows) leaves a row that still asks: a question of its own."""
    text = ("Item | Question | Response\n1 | How many school meals were served in 2022 and 2023? | 2022: 1.21 million.\n"
            " |  | 2023: 1.34 million.\n2 | What is the price of a primary school meal? | £2.60 a day.\n"
            "Area | Question | Response\nCatering | How many cooks does the school meals service employ? | 48 cooks.\n"
            " | How many of its kitchens cook on site? | 19 kitchens.")
    units = units_of(text)
    assert [(u.text, u.cell) for u in units] == [
        ("Item | Question | Response", ""), ("1 | How many school meals were served in 2022 and 2023?", "question"),
        ("2022: 1.21 million.", "answer"), ("2023: 1.34 million.", "answer_rest"),
        ("2 | What is the price of a primary school meal?", "question"), ("£2.60 a day.", "answer"),
        ("Area | Question | Response", ""), ("Catering | How many cooks does the school meals service employ?", "question"),
        ("48 cooks.", "answer"), ("| How many of its kitchens cook on site?", "question"), ("19 kitchens.", "answer")]
    assert all(text[u.start:u.end] == u.text for u in units)
    assert units[3].first


def test_a_section_row_inside_a_table_heads_the_rows_below_and_the_table_goes_on() -> None:
    """A full-width row ("Part 2 - Staff": one merged cell, a line with no " | ") between rows of a
    "Question | Response" table is a heading of its own, and the rows under it still split at their columns
    (the question's "If so, ..." stays with it). A heading with no row of the table after it ends the table."""
    text = ("No. | Question | Response\nPart 1 - Meals\n1 | How many school meals were served in 2023? | 1.34 million.\n\n"
            "Part 2 - Staff\n\n2 | Do you employ agency cooks? If so, please name the agency. | No, every cook is employed directly.\n"
            "Notes\nSchool meals are free to infants. | Since 2014")
    units = units_of(text)
    assert [(u.text, u.cell) for u in units] == [
        ("No. | Question | Response", ""), ("Part 1 - Meals", "section"),
        ("1 | How many school meals were served in 2023?", "question"), ("1.34 million.", "answer"),
        ("Part 2 - Staff", "section"), ("2 | Do you employ agency cooks?", "question"),
        ("If so, please name the agency.", "question_rest"), ("No, every cook is employed directly.", "answer"),
        ("Notes", ""), ("School meals are free to infants. | Since 2014", "")]
    assert all(text[u.start:u.end] == u.text for u in units)
