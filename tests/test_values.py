"""Answer values (pipeline/classify/values.py): the question's form, numbers, and the value the shipped weights pick.

Every sentence here is written for these tests, about other subjects than the corpus's
requests, so the rules are tested on wording they were not built from.
"""
from __future__ import annotations

from functools import lru_cache

import pytest

from pipeline.classify.values import Value, answer_value, load_weights, numbers, owner_words, question_form
from pipeline.tag import Tagger, Tokens, load_nlp


@lru_cache(maxsize=1)
def _tagger() -> Tagger:
    return Tagger(load_nlp())


def tokens(text: str) -> Tokens:
    return _tagger().tokens([text])[0]


def value(question: str, answer: str, *, outcome: str = "provided", body: str = "Exampleshire County Council", q: str = "") -> Value:
    return answer_value(tokens(answer), tokens(question), load_weights(), outcome=outcome, owner=owner_words(body), q=q)


@pytest.mark.parametrize(("question", "kinds"), [
    ("How many wardens patrol the parks at night?", ("count",)),
    ("The number of dog fouling fines issued in 2022.", ("count",)),
    ("What did the authority spend on agency interpreters last year?", ("money",)),
    ("Which supplier maintains your parking meters?", ("name",)),
    ("Do you keep a register of councillors' gifts?", ("yes_no",)),
    ("Is there a member of staff responsible for allotments?", ("yes_no",)),
    ("Do you use a booking system for allotments? If so, which one?", ("yes_no", "name")),
    ("Please send me a copy of your lone working policy.", ("name",)),
    ("Please describe how complaints about noise are handled.", ("text",)),
])
def test_question_form_decides_what_is_looked_for(question: str, kinds: tuple[str, ...]) -> None:
    assert question_form(tokens(question)).kinds == kinds


def test_a_relative_who_is_not_a_name_question() -> None:
    form = question_form(tokens("The number of volunteers who help at the library each week."))
    assert form.kinds == ("count",) and "volunteer" in form.counted


def test_a_document_question_only_names_documents() -> None:
    assert question_form(tokens("Please provide a copy of the tree safety strategy.")).document
    assert not question_form(tokens("Which company cuts the verges?")).document


def _numbers(text: str) -> list[tuple[float, float]]:
    return [(n.low, n.high) for n in numbers(tokens(text))]


def test_numbers_keep_fractions_ranges_and_shares_of_a_post() -> None:
    assert _numbers("There are 2.5 FTE gardeners and 12-15 volunteers.") == [(2.5, 2.5), (12, 15)]
    assert _numbers("Around 60% of one officer's week goes on it.") == [(0.6, 0.6)]
    assert _numbers("Three rangers, x1 supervisor and 1FTE clerk.") == [(3, 3), (1, 1), (1, 1)]


def test_numbers_leave_out_no_one_dates_and_money() -> None:
    assert _numbers("No one is employed for this since 14 March 2021; the contract costs £3,000.") == []


def test_counts() -> None:
    asked = "How many rangers does the council employ?"
    found = value(asked, "We employ 4 rangers, supported by a volunteer network.")
    assert (found.kind, found.value, found.detail["counted"]) == ("count", 4, "rangers")
    assert value(asked, "The council does not employ any rangers; the parks team covers this.").value == 0
    fte = value(asked, "Approximately 0.6 FTE, shared with the parks officer role.")
    assert (fte.value, fte.detail.get("unit")) == (0.6, "FTE")
    listed = value(asked, "Senior Ranger x 1, Ranger x 2, Apprentice x 1")
    assert (listed.kind, listed.value) == ("count", 4)


def test_an_answer_pointing_to_a_file_gives_no_count_of_none() -> None:
    """An answer that gives its figures in a file or at a link has its count there, not 0: it gives no count (its
    cell shows its words), where it read as "said none". One that says none beside the pointer is still 0."""
    asked = "How many fly-tipping incidents were cleared in each ward in 2023?"
    for answer in ("Please find the figures in the enclosed spreadsheet.", "Please refer to Annex B.",
                   "The figures are published at www.example.gov.uk/flytipping"):
        found = value(asked, answer)
        assert found.kind != "count", (answer, found)
    assert value(asked, "Please find the figures in the enclosed spreadsheet.").value.startswith("Please find")
    assert value(asked, "None were cleared in 2023.").value == 0
    assert value(asked, "None; see the attached log for the reports received.").value == 0
    assert value("How many wardens does the council employ?", "We do not employ any wardens.").value == 0


def test_a_number_naming_a_part_of_the_reply_is_no_count() -> None:
    """"Appendix 2", "questions 3 and 4", "section 12" name a part of a reply or of the Act: never the count."""
    asked = "How many pupils were excluded from primary schools in 2022?"
    for answer in ("The figures for questions 3 and 4 are in Appendix 2.", "Table 5 of the attached report gives them.",
                   "Questions one to three are answered in the enclosed letter, under section 12."):
        found = value(asked, answer)
        assert found.kind != "count", (answer, found)
    assert value(asked, "Appendix 2 shows that 14 pupils were excluded.").value == 14


def test_an_answer_numbered_with_another_number_gives_its_words_not_its_label() -> None:
    """Bodies number answers their own way ("1." before every answer, "(b)" under question 2): a label closed
    by "." or ")" is never the value, whatever its number; the words after it are."""
    described = "Please describe how the council checks the condition of its bridges."
    for answer in ("1. Each bridge is inspected by an engineer every two years.",
                   "(b) Each bridge is inspected by an engineer every two years.",
                   "iii) Each bridge is inspected by an engineer every two years."):
        found = value(described, answer, q="3")
        assert found.value == "Each bridge is inspected by an engineer every two years", (answer, found)
    counted = "How many bridges did the council inspect in 2023?"
    assert value(counted, "4. The council inspected 37 bridges.", q="2").value == 37
    assert value(counted, "2. We do not hold a list of the bridges inspected.", q="5").value != 2
    assert value(counted, "2 - a footbridge and a road bridge", q="1").value == 2


def test_a_count_given_under_a_bound_is_the_range_below_it() -> None:
    """Bodies suppress small counts ("fewer than 5", "<10"): the value is the range below the bound, never the
    bound itself, and its text keeps the comparison."""
    asked = "How many allotment holders were evicted in 2023?"
    for answer, high in (("Fewer than five allotment holders were evicted.", 4), ("We evicted <10 holders.", 9),
                         ("The number evicted was less than 5 and is withheld under section 40(2).", 4)):
        found = value(asked, answer)
        assert (found.kind, found.detail["low"], found.detail["high"]) == ("count", 0, high), (answer, found)
        assert found.text.lower().startswith(("fewer than", "<", "less than")), found
    assert value(asked, "Twelve allotment holders were evicted.").value == 12


def test_money_has_amount_currency_and_period() -> None:
    asked = "What was the budget for pest control?"
    found = value(asked, "The pest control budget for 2021/22 was £12,500.")
    assert (found.kind, found.value, found.detail["currency"], found.detail["period"]) == ("money", 12500, "GBP", "2021/22")
    bare = value(asked, "Staff 40,100 Equipment 8,100 Total 48,200")
    assert (bare.kind, bare.value) == ("money", 48200)
    assert value(asked, "There is no separate budget for pest control.", outcome="not_held").kind == "none"


def test_yes_no_reads_the_answer_not_the_first_word_only() -> None:
    asked = "Do you keep a register of councillors' gifts?"
    assert value(asked, "Yes, it is updated monthly.").value == "yes"
    assert value(asked, "We do not currently keep such a register.").value == "no"
    assert value(asked, "A register is being developed and will be published next spring.").value == "no"
    assert value(asked, "https://www.example.gov.uk/councillors/gifts-register").value == "yes"


def test_names_and_no_name() -> None:
    asked = "Do you use a booking system for allotments? If so, which one?"
    found = value(asked, "Yes - we use PlotKeeper from Greenleaf Software.")
    assert found.kind == "name" and "PlotKeeper" in found.detail["names"] and found.detail["answer"] == "yes"
    assert value(asked, "We use TrackRight to log requests.").value == "TrackRight"
    assert (value(asked, "No, bookings are kept on paper.").kind, value(asked, "No, bookings are kept on paper.").value) == ("yes_no", "no")
    own = value(asked, "Exampleshire County Council does not use one.")
    assert own.kind == "yes_no" and own.value == "no"


def test_document_names() -> None:
    found = value("Please send a copy of your lone working policy.",
                  "The Lone Working Policy 2022 is attached; it was approved by the Staffing Committee in May.")
    assert found.kind == "name" and found.value.startswith("Lone Working Policy")


def test_refusals_have_no_value_and_records_get_the_keys() -> None:
    refused = value("How many rangers does the council employ?", "Finding this would exceed the cost limit.", outcome="refused_cost")
    assert refused.to_record() == {"value": None, "value_kind": "none", "value_detail": {}, "value_confidence": 1.0}
    record = value("How many rangers does the council employ?", "We employ 4 rangers.").to_record()
    assert record["value"] == 4 and isinstance(record["value"], int) and record["value_detail"]["text"] == "4 rangers"


def test_a_population_is_never_the_count() -> None:
    """GUIDE.md: a number of other things (a population) is not the count asked for."""
    from pipeline.classify import answer_value, load_weights
    from pipeline.tag import load_nlp
    from pipeline.tag.nlp import tag_records

    question = "How many school crossing patrol officers does the council employ?"
    answers = ["The county has a population of around 540,000 residents. We employ 38 crossing patrol officers.",
               "Serving a population of some 540,000 people, the council no longer employs any crossing patrol officers."]
    tagged = tag_records([{"question": question, "answer": a, "exemptions": [], "facts": {}} for a in answers], load_nlp())
    assert [(v.kind, v.value) for v in (answer_value(t.tokens, t.question_tokens, load_weights(), outcome="provided")
                                        for t in tagged)] == [("count", 38), ("count", 0)]


def test_the_answers_own_number_is_no_figure_it_gives() -> None:
    question = "How many mobile libraries does the council run?"
    assert (value(question, "3. Two mobile libraries serve the rural villages.", q="3").value) == 2
    assert (value(question, "Q3 Two mobile libraries serve the rural villages.", q="3").value) == 2
    # a figure that is not the question's number is the count: "2 - a driver and a librarian" answering question 1
    assert value("How many staff run the service?", "2 - a driver and a librarian", q="1").value == 2


def test_savings_and_grants_are_amounts_of_money() -> None:
    assert value("What savings did the merger make?", "The merger saved £1.2 million a year.").kind == "money"
    assert value("What grant did the council receive for the scheme?", "It received £85,000 from the fund.").kind == "money"


def test_an_answer_that_withholds_the_count_gives_no_count() -> None:
    """An exemption gives no figure: it is no 0 ("2 said none"), whatever the scorer thinks of an answer without
    numbers. An answer that says there are none is 0 whatever its outcome."""
    asked = "How many lifeguards were on duty at the lido in August?"
    for answer in ("Releasing rota details is exempt under section 38 as it could endanger staff.",
                   "Staff rotas are personal data and are withheld under section 40(2)."):
        found = value(asked, answer, outcome="refused_exemption")
        assert found.kind == "none", (answer, found)
    assert value(asked, "Nil, so there is nothing to withhold.", outcome="refused_exemption").value == 0


def test_an_answer_that_does_not_hold_the_count_gives_no_count() -> None:
    """"Not held" / "not recorded" gives no figure, not 0; "nil" or "we employ none" is 0 whatever the outcome."""
    asked = "How many lifeguards were on duty at the lido in August?"
    for answer in ("The rota for that month is no longer held.", "Records of duty rotas are not kept by the leisure trust."):
        found = value(asked, answer, outcome="not_held")
        assert found.kind == "none", (answer, found)
    assert value(asked, "Nil: the lido was closed all month.", outcome="not_held").value == 0
    assert value(asked, "The trust does not employ any lifeguards at the lido.", outcome="not_held").value == 0
    assert value("Which firm cleans the lido?", "Cleaning contracts are not held by the trust.", outcome="not_held").kind == "none"


def test_a_refusal_names_nothing_by_its_first_word() -> None:
    """A withheld answer's sentences are about the refusal: a word capitalised only because it opens one
    ("Publication would ...", "Exemption 43 ...") is no name, while a proper name in it still is."""
    asked = "Which firm supplies the council's parking meters?"
    for answer in ("Publication would harm the supplier's commercial interests; section 43(2) applies.",
                   "Exemption 43 is engaged because the tender is still open."):
        found = value(asked, answer, outcome="refused_exemption")
        assert found.kind == "none", (answer, found)
    kept = value(asked, "Parkwise Systems Ltd supplies them, but the contract price is exempt under section 43.",
                 outcome="refused_exemption")
    assert kept.kind == "name" and kept.value.startswith("Parkwise")


def test_how_much_answered_with_an_amount_is_money() -> None:
    """"How much did X receive/recover/raise" and "the value of" ask for money though no money word says so; a
    "how much" of a thing ("how much grit", "how much time") stays a quantity."""
    found = value("How much did the harbour authority collect in mooring charges?", "Moorings brought in £83,410 in 2022.")
    assert (found.kind, found.value) == ("money", 83410)
    found = value("How much has been recovered from the former contractor?", "To date the council has recovered £12,900.")
    assert (found.kind, found.value) == ("money", 12900)
    found = value("What was the value of the bus shelter contract?", "The contract is worth £640,000 over five years.")
    assert (found.kind, found.value) == ("money", 640000)
    assert question_form(tokens("How much grit was spread on the roads last winter?")).amount is False
    assert question_form(tokens("How much of the fleet is electric?")).amount is False
    assert value("How much grit was spread on the roads last winter?", "About 5,200 tonnes.").kind == "count"


def test_numbers_written_over_several_words() -> None:
    """"Forty-six" is 46 (not 40), "three hundred and twelve" 312, "1.4 million" 1,400,000 (not 1.4)."""
    assert _numbers("Forty-six lockers and sixty one benches.") == [(46, 46), (61, 61)]
    assert _numbers("Three hundred and twelve permits, one thousand five hundred visits.") == [(312, 312), (1500, 1500)]
    assert _numbers("Roughly 1.4 million journeys and 2-3 thousand refunds.") == [(1_400_000, 1_400_000), (2000, 3000)]
    assert value("How many trees did the council plant?", "Fifty-eight trees were planted.").value == 58


def test_a_span_of_years_or_a_tab_is_no_count() -> None:
    """"between 2019 and 2022" or "from 2018 to 2021" is a period, not a range of counts; "tab 3", "sheet 2" or
    "column 4" name a part of a file."""
    asked = "How many potholes were repaired?"
    for answer in ("The attached table gives repairs for each year from 2018 to 2021.", "See the enclosed workbook, tab 3.",
                   "Repairs are in sheet 2, column 4 of the attached file.", "Repair figures for 2019-2022 are attached."):
        found = value(asked, answer)
        assert found.kind != "count", (answer, found)
    assert _numbers("from 2018 to 2021") == [(2018, 2021)] and numbers(tokens("from 2018 to 2021"))[0].year_like


def test_the_total_is_the_amount_when_one_is_given() -> None:
    """Parts then their total: the total is the amount asked for, wherever it stands."""
    asked = "What did the council spend on the flood defence scheme?"
    for answer in ("Design £61,200 and construction £390,450, a total of £451,650.",
                   "Design cost £61,200 and construction £390,450, totalling £451,650.",
                   "Design £61,200; construction £390,450. Total: £451,650",
                   "£61,200 on design and £390,450 on construction: £451,650 in total."):
        found = value(asked, answer)
        assert (found.kind, found.value) == ("money", 451650), (answer, found)
    assert value(asked, "Design cost £61,200 and construction £390,450.").value == 61200


def test_an_amount_said_to_be_nothing_is_money_zero_but_not_applicable_or_not_recorded_is_not() -> None:
    """A money question answered "Nil." or "We paid nothing" gets £0, not the text "Nil"; "N/A" says the
    question does not apply, and "no fees are recorded" (not held) holds nothing to count."""
    asked = "What was the total cost of consultancy fees in 2022/23?"
    for answer in ("Nil. No consultants were engaged in that year.", "Zero.", "The trust paid nothing for this.",
                   "There was no expenditure on consultants."):
        got = value(asked, answer)
        assert (got.kind, got.value) == ("money", 0), answer
    assert value(asked, "N/A").kind != "money"
    assert value(asked, "No fees are recorded centrally.", outcome="not_held").kind == "none"
    assert value(asked, "The total was £14,250.").value == 14250
