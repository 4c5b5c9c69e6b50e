"""Patterns that open with a lookahead on their matches' first characters find what they found without it.

The lookahead only turns away the places where no match can start: its class must admit every character
each alternative can start with, in every case IGNORECASE reads (the long s 'ſ' is an "s", the dotted and
dotless i are an "i", the Kelvin sign a "k"). Each pattern is checked twice: its class against the initials
of its alternatives over every code point, and its matches against the pattern without the lookahead on
sentences of my own in several cases and spellings.
"""
from __future__ import annotations

import re
import sys

import pytest

from pipeline.classify import cues
from pipeline.extract import boilerplate, citations, facts, layout, metadata, request

# (module, pattern's name, the characters its alternatives start with: letters, digits or "\d")
LED = [
    (facts, "_FULL_DATE", r"\djfmasond"),
    (facts, "_MONEY", r"\d£€$geu"),
    (facts, "_SPAN", "f12"),
    (facts, "_SINGLE", "12"),
    (citations, "_HANDLED_UNDER", "dhcpart"),
    (citations, "_CITATION", "SsRrE§euv"),
    (citations, "_SENTENCE_END", ".!?\n"),
    (boilerplate, "_APPEAL", "iswrey"),
    (boilerplate, "_REUSE", "cpory"),
    (boilerplate, "_ACKNOWLEDGEMENT", "tiwysd"),
    (layout, "_PHONE", "tpfmd0"),
    (layout, "_URL", "hw"),
    (layout, "_DATE", r"\d"),
    (layout, "_REFERENCE", "oyr"),
    (layout, "_SITE", "csmlapbhfnjrtw"),
    (layout, "_ATTACHED", "aesp"),
    (layout, "_NOT_HELD", "ndcu"),
    (layout, "_CONFIRM", "iwch"),
    (layout, "_SECTION", "ser"),
    (request, "REQUESTER", "impcw"),
    (metadata, "_BODY", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    (metadata, "_RESPONSE_DATE", "drDR"),
    (cues, "_NCND_WORDS", "nc"),
    (cues, "_COST_LIMIT", "acfet12£"),
]
_ACT_NAMES = [(name.split()[0], pattern, first) for (name, pattern), first in zip(citations._ACT_NAMES, ("f", "E", "f"))]
_LOOKAHEAD = re.compile(r"\(\?=(\[[^]]+\]|\\d|.)\)")
EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)

SENTENCES = [
    "If you are dissatisfied with this response you have the right to request an internal review.",
    "Should you wish to complain, you are entitled to appeal. You may ask for a review by the Commissioner.",
    "Where you disagree, write to us. You can complain to the Information Commissioner about the review.",
    "The information is subject to copyright protection and owned by the Council; re-use needs permission.",
    "You are free to use it for your own use, research or news reporting under the Open Government Licence.",
    "Thank you for your request. I am writing in response; we refer to section 1(1) and the two duties, "
    "the duty to confirm or deny. Your request has been considered and we received your e-mail.",
    "Tel: 01632 960 123, telephone or phone us, fax or mobile, direct dial 0161 496 0000.",
    "See https://example.org/page and www.example.org for the log in, cookies and the main content menu.",
    "Skip to search, sign in, accessibility, privacy, breadcrumb, home, back to top, share this, print this, "
    "feedback, newsletter and javascript. Return to the list of responses, click here, top of the page: "
    "was this page helpful?",
    "On 3rd March 2021 and 04/05/2022 our ref 123; your ref: 9, reference number: 7; ref no. 2.",
    "Please see the attached spreadsheet, enclosed letter, appendix A and annex B as per the see below note.",
    "We do not hold it; the Trust does not record this, don't have it, no records, unable to, cannot, can not, "
    "not held, not available. I can confirm that we hold the information; we confirm that it holds some information.",
    "Section 40(2) is exempt, regulation 12 applies, s.43 and s 31(1)(a) too, and SS. 21 and 22.",
    "I would like to know; I am requesting, I request, my request: please could you provide, could you, can you, "
    "would you tell me.",
    "The request was dealt with under the EIR; handled under the Freedom of Information (Scotland) Act; "
    "processed in accordance with the terms of the FOI Act; treated under FOIA; request for information under FOISA. "
    "Answered it under the Environmental Information Regulations, responded to under the Act.",
    "Regulations 12(4)(b) and 13 apply. Exempt under 43(2), by virtue of section 31, relying on § 41, engaged 30(1). "
    "e.g. No. 5 St. Mary's vs. the reg. para. 3! Why? Because.\n\nNew paragraph.",
    "Spending was £6,500 in FY 2019/20 and GBP 3,000 in financial year 2017/18, € 1.2m and $40k over 2018-2021; "
    "6,500 pounds, 12 euros and EUR 9 in 2016 to 2018, usd 5 in fiscal year 2015-16 and 2,021 dollars in 2012.",
    "Minutes of 14 March 2021, March 12, 2018, 5th of September 2019, 2/11/2020 and 2020-04-30; sept. 3 2017.",
    "Date of response: 14 March 2021. Response date 2/11/2020; responded on Monday 3 May 2021, replied to 2020-04-30, "
    "release date: 5th of September 2019, date sent 12/01/2022 and reply sent 1 June 2020.",
    "Copies went to Highcombe City Council, the London Borough of Marlgate, Fenwick Police, Tamberley University "
    "Hospitals NHS Foundation Trust, the Department for Transport, the Home Office and the Weftline Trust; "
    "Upper Dale and Ashby-de-la-Zouch Town Council wrote to the University of Brackenshire.",
    "Finding it would exceed the appropriate limit (the cost limit, the fees limit): over 18 hours, or twenty-four "
    "hours at £600, well beyond eighteen hours and £450. The force can neither confirm nor deny it (NCND).",
]


def _variants(text: str) -> list[str]:
    """The text as written, in capitals, in lower case, title case, and with the case-folding look-alikes IGNORECASE
    reads as letters: the long s for s, the dotless and dotted capital I for i, the Kelvin sign for k."""
    return [text, text.upper(), text.lower(), text.title(), text.replace("s", "ſ"), text.replace("i", "ı"),
            text.replace("i", "İ").replace("I", "İ"), text.replace("k", "\u212a")]


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    head = _LOOKAHEAD.match(pattern.pattern)
    assert head is not None, pattern.pattern
    return re.compile(pattern.pattern[head.end():], pattern.flags)


def _all_led() -> list[tuple[str, re.Pattern[str], str]]:
    return [(f"{module.__name__}.{name}", getattr(module, name), first) for module, name, first in LED] + _ACT_NAMES


@pytest.mark.parametrize("name, pattern, first", _all_led(), ids=lambda v: v if isinstance(v, str) and "." in v else "")
def test_the_lookahead_admits_every_first_character(name: str, pattern: re.Pattern[str], first: str) -> None:
    head = _LOOKAHEAD.match(pattern.pattern)
    assert head is not None, name
    flags = pattern.flags
    admitted = set(re.findall(f"(?={head.group(1)}).", EVERY_CHARACTER, flags | re.S))
    initials = [r"\d"] if first.startswith(r"\d") else []
    initials += [re.escape(c) for c in first.removeprefix(r"\d")]
    starting = set().union(*(re.findall(i, EVERY_CHARACTER, flags | re.S) for i in initials))
    assert admitted == starting


@pytest.mark.parametrize("name, pattern, first", _all_led(), ids=lambda v: v if isinstance(v, str) and "." in v else "")
def test_the_same_matches_as_without_the_lookahead(name: str, pattern: re.Pattern[str], first: str) -> None:
    plain = _without_lookahead(pattern)
    found = 0
    for sentence in SENTENCES:
        for text in _variants(sentence):
            expected = [m.span() for m in plain.finditer(text)]
            assert [m.span() for m in pattern.finditer(text)] == expected, (name, text)
            assert bool(pattern.match(text)) == bool(plain.match(text))
            found += len(expected)
    assert found, f"{name}: no sentence here has a match to compare"


def test_lines_without_an_at_sign_a_bracket_or_a_bar_are_no_email_or_table() -> None:
    features = layout._content_of
    assert "email" in features("Write to foi@example.org.") and "email" in features("Contact [email protected] today")
    assert "email" not in features("Write to foi at example dot org.")
    shape = layout._shape_of
    assert "table" in shape("Year | Cases | Cost", "Year | Cases | Cost") and "table" in shape("| 2021", "| 2021")
    assert "table" not in shape("Year, cases, cost", "Year, cases, cost")
