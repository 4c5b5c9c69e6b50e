"""Facts of an answer: money, years, URLs, attachments, operations, units, data files."""
from __future__ import annotations

import json

import pytest

from pipeline.documents import Attachment, Sheet
from pipeline.extract.facts import find_facts, find_money, find_years

KEYS = {"money", "years", "urls", "attachments", "operations", "units", "data_files", "attachments_received"}


@pytest.mark.parametrize(
    "text, amount, currency",
    [("a grant of £6,500 was made", 6500.0, "GBP"), ("about £1.2m a year", 1_200_000.0, "GBP"),
     ("a £40k contract", 40_000.0, "GBP"), ("GBP 3,000 in fees", 3000.0, "GBP"), ("€500 per visit", 500.0, "EUR"),
     ("spent 6,500 pounds", 6500.0, "GBP"), ("£2.5 million over three years", 2_500_000.0, "GBP"),
     ("USD 1,250.50 in licences", 1250.5, "USD")],
)
def test_money(text: str, amount: float, currency: str) -> None:
    (found,) = find_money(text)
    assert (found["amount"], found["currency"]) == (amount, currency)


def test_money_ignores_plain_numbers() -> None:
    assert find_money("We made 6,500 visits in 2019 and 12 referrals.") == []


def test_financial_and_calendar_years() -> None:
    text = ("Spending was £10,000 in 2017/18 and £12,000 in FY 2019/20; for financial year 2012/13 see the "
            "2018-2021 strategy, adopted in 2016 under the Modern Slavery Act 2015 on 3 May 2016.")
    years = {(y["text"], y["kind"], y["start"], y["end"]) for y in find_years(text)}
    assert years == {
        ("2017/18", "financial", 2017, 2018), ("FY 2019/20", "financial", 2019, 2020),
        ("financial year 2012/13", "financial", 2012, 2013), ("2018-2021", "calendar", 2018, 2021),
        ("2016", "calendar", 2016, 2016),
    }


def test_years_are_not_counts_amounts_or_references() -> None:
    text = "Officers made 2015 stops, costing £2,019, under reference FOI/2020/118 and 2,021 checks."
    assert find_years(text) == []
    assert [y["text"] for y in find_years("In 2019 officers visited 40 sites; 2017/2018 figures follow.")] == ["2019", "2017/2018"]


@pytest.mark.parametrize(
    "text, expected",
    [("The board met on 14 March 2021 and again in 2022.", ["2022"]),
     ("Minutes of 5th of ſeptember 2019, 2/11/2020 and 2020-04-30; the plan for 2023.", ["2023"]),
     ("The review (March 12, 2018) covered 2018.", ["2018"]),
     ("Dated 1 JULY 2014.", []), ("Dated 1 july 2014, filed 2014.", ["2014"])],
)
def test_a_year_inside_a_full_date_is_not_a_year(text: str, expected: list[str]) -> None:
    # Full dates are looked for only once a year stands on its own, and only where a digit or a month's
    # initial stands (any case, the long s too): a date in any of these forms still hides its year.
    assert [y["text"] for y in find_years(text)] == expected


def test_spans_without_a_single_year_and_dates_beside_spans() -> None:
    assert [y["text"] for y in find_years("Budgets for FY 21/22 and 2019/20 are below.")] == ["FY 21/22", "2019/20"]
    assert [y["text"] for y in find_years("The 2016-2018 plan, agreed 3 June 2015.")] == ["2016-2018"]
    assert find_years("No dates here at all.") == []


def test_urls_strip_trailing_punctuation() -> None:
    text = "See https://www.example.gov.uk/foi/log-2021. Or visit www.example.gov.uk/policies, (or http://ex.org/a)."
    assert find_facts(text)["urls"] == [
        "https://www.example.gov.uk/foi/log-2021", "www.example.gov.uk/policies", "http://ex.org/a"]


def test_attachments_referred_to() -> None:
    text = ("Please find attached a copy of the Safeguarding Adults Procedure. The figures are in the attached "
            "spreadsheet. The 'Op Kestrel Briefing Pack' (attached separately) explains more, and a copy of our "
            "Community Safety Plan is enclosed.")
    assert find_facts(text)["attachments"] == [
        "the Safeguarding Adults Procedure", "spreadsheet", "Op Kestrel Briefing Pack", "our Community Safety Plan"]


@pytest.mark.parametrize("text, expected", [
    # only the enclosures line needs neither word: it is looked for in every text
    ("Yours sincerely,\nJ. Patel\nEncl: Annual Return 2022 and the schedule", ["Annual Return 2022 and the schedule"]),
    ("ENCLOSURES: the training log", ["the training log"]),
    # capitals, and the long s that the regexes' IGNORECASE reads as an s
    ("WE HAVE ATTACHED THE QUARTERLY RETURN, which lists each post.", ["THE QUARTERLY RETURN"]),
    ("We find encloſed the register of contracts.", ["the register of contracts"]),
    ("The schedule of rates is attached.", ["The schedule of rates"]),
    ("No document is referred to in this reply; see the enclosure rules on our website.", []),
])
def test_attachments_in_any_case(text: str, expected: list[str]) -> None:
    assert find_facts(text)["attachments"] == expected


def test_operations_and_units() -> None:
    text = ("Operation Sentinel and Op Tern were led by the Public Protection Unit (PPU) with the Modern Slavery "
            "Team and the Housing Advice team; Project Aidant was funded by the Criminal Investigation Department. "
            "The Project Manager reported to Bramley County Council.")
    facts = find_facts(text)
    assert facts["operations"] == ["Operation Sentinel", "Op Tern", "Project Aidant"]
    assert facts["units"] == ["Public Protection Unit (PPU)", "Modern Slavery Team", "Housing Advice team",
                              "Criminal Investigation Department"]


def test_data_files_and_other_attachments_received() -> None:
    attachments = [
        Attachment(name="referrals.xlsx", sheets=[Sheet(name="2018-19", rows=12, columns=4), Sheet("Notes", 3, 1)]),
        Attachment(name="Policy.pdf", text="Policy text"),
    ]
    facts = find_facts("No figures here.", attachments)
    assert facts["data_files"] == [{"file": "referrals.xlsx", "sheets": [
        {"name": "2018-19", "rows": 12, "columns": 4}, {"name": "Notes", "rows": 3, "columns": 1}]}]
    assert facts["attachments_received"] == ["Policy.pdf"]


def test_every_key_always_present_and_json_serialisable() -> None:
    facts = find_facts("")
    assert set(facts) == KEYS and all(v == [] for v in facts.values())
    json.dumps(find_facts("£5 in 2019/20 at www.x.gov.uk, Operation Nimbus, Fraud Unit."))
