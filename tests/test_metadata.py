"""Metadata: responder, reference, date and act, on realistic letter parts and on the corpus."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.documents import Document
from pipeline.extract.metadata import find_date, find_metadata, find_reference, find_responder, parse_date

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

LETTER = """OFFICIAL
NORTH BRENTHAM POLICE
Information Access Team
Force Headquarters, Quarry Lane, Brentham BX4 2QP

Mr A Sample
Sample Research Ltd
Our ref:   NBP/FOI/2021/00912
Your ref:  SR-77
Date:      3rd March 2021

Dear Mr Sample
Thank you for your request received on 2 February 2021, which we have dealt with under
the Freedom of Information Act 2000.
North Brentham Police does not hold the information you asked for.

Yours sincerely
J. Doe
Disclosure Officer
North Brentham Police
Page 1 of 1
"""


def doc(text: str, fmt: str = "txt", headers: dict[str, str] | None = None, body: str | None = None) -> Document:
    return Document(doc="x", text=text, fmt=fmt, headers=headers or {}, body=body)


def test_letter_metadata() -> None:
    meta = find_metadata(doc(LETTER), LETTER)
    assert meta.responder == "North Brentham Police"
    assert meta.reference == "NBP/FOI/2021/00912"
    assert meta.date == "2021-03-03"
    assert meta.act == "FOIA 2000"


@pytest.mark.parametrize(
    "value, iso",
    [("12 June 2013", "2013-06-12"), ("12th June 2013", "2013-06-12"), ("12/06/2013", "2013-06-12"),
     ("2013-06-12", "2013-06-12"), ("June 12, 2013", "2013-06-12"), ("1st Sept 2020", "2020-09-01"),
     ("31/02/2013", None), ("no date here", None)],
)
def test_parse_date(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso


def test_date_prefers_response_label_over_received_date() -> None:
    page = "Date received | 4 January 2022\n\nDate of response | 1 February 2022\n\nRequest\n..."
    assert find_date(page, page) == "2022-02-01"


def test_date_ignores_prose_and_uses_email_header() -> None:
    body = "Dear Ms Jones\nThank you for your email of 14 May 2022, which we received on the same day.\n"
    assert find_date(body, body, {"Date": "Tue, 07 Jun 2022 10:15:00 +0100"}) == "2022-06-07"
    assert find_date(body, body) is None


def test_letter_date_standing_alone_but_not_a_received_date() -> None:
    letter = "Kelbrook Borough Council\nTown Hall, Kelbrook KB1 1AA\n\n18th August 2020\n\nDear Sir\n"
    assert find_date(letter, letter) == "2020-08-18"


def test_a_page_published_on_a_date_or_a_request_received_on_one_gives_no_response_date() -> None:
    """GUIDE.md's date is the response's: a disclosure log's publication date, a request's date or the day it
    was received, standing alone under their labels, are not it."""
    for page in ("Noise complaints, 2024\nPublication date:\nWednesday 6 March 2024\nRequest\nHow many ...",
                 "Dog Fouling Fines\nDate Received\n06/03/2024\nRequest or Question\nHow many fines ...",
                 "Fires on Mill Street\nDate of Request\n06/03/24\nRequest detail:\nPlease tell me ...",
                 "Parking permits - Published 6 March 2024\nQ1. How many permits ..."):
        assert find_date(page, page) is None, page
    letter = "Harrowfield District Council\nCivic Centre, Harrowfield HF1 2AB\n\n6 March 2024\n\nDear Mr Ames\n"
    assert find_date(letter, letter) == "2024-03-06"
    issued = "Bins collected late\nIssue date\n6 March 2024\nRequest\nHow many ..."  # a label naming no other date
    assert find_date(issued, issued) == "2024-03-06"


def test_a_page_of_several_responses_has_no_one_response_date() -> None:
    page = ("FOI/00311 Staff parking\nResponse date\n04/03/2024\nInformation requested ...\n"
            "FOI/00312 Agency spend\nResponse date\n11/03/2024\nInformation requested ...\n")
    assert find_date(page, page) is None
    one = page.split("FOI/00312")[0]
    assert find_date(one, one) == "2024-03-04"


@pytest.mark.parametrize(
    "text, ref",
    [
        ("Freedom of Information Request Reference No: FOI 2013/00451\nDear Sir", "FOI 2013/00451"),
        ("Your ref: ABC/1\nOur reference: RFI 2013-00312\n", "RFI 2013-00312"),
        ("Dear Dr Smith\nRequest number: 2022-0456\n", "2022-0456"),
        ("Reference | KBC-FOI-0921\n\nDate of response | 3 May 2019", "KBC-FOI-0921"),
        ("Dear Ms Lee\n\nFOI 21-334\n\nPlease find below our response.", "FOI 21-334"),
        ("Dear Mr Ray\nThank you for your request of 20/05/2013 about parking.", None),
    ],
)
def test_reference(text: str, ref: str | None) -> None:
    assert find_reference(text, text) == ref


def test_reference_from_email_subject() -> None:
    assert find_reference("Dear Sir,\nPlease see below.", "", {"Subject": "RE: FOI request [Ref: EIR/22/0103]"}) == "EIR/22/0103"


def test_prose_reference_to_another_document_is_not_the_reference() -> None:
    page = "EIR 2022/7781 - Tree felling\n\nThe policy (reference TP/POL/12, May 2020) is attached."
    assert find_reference(page, page) == "EIR 2022/7781"


@pytest.mark.parametrize(
    "text, responder",
    [
        ("LONDON BOROUGH OF KELVERSHAM\nDear Sir\n", "London Borough of Kelversham"),
        ("Dear Sir\nThe Council does not hold this.\nKind regards\nInformation Team\nBorough of Ashvale Council\n",
         "Borough of Ashvale Council"),
        ("Office of the Police, Fire and Crime Commissioner for Northwold\nDear Madam\n",
         "Office of the Police, Fire and Crime Commissioner for Northwold"),
        ("Dear Sir\nYours faithfully\nFreedom of Information Team\nRiverbend University Hospitals NHS Foundation Trust\n",
         "Riverbend University Hospitals NHS Foundation Trust"),
        ("Dear Sir\nThe Department does not hold this.\nYours sincerely\nDepartment for Rural Roads and Bridges\n",
         "Department for Rural Roads and Bridges"),
        ("UNIVERSITY OF HOLMBRIDGE\nDear Dr Vance\n", "University of Holmbridge"),
        ("Dear Sir\nThe Force does not hold it, but Hartmoor City Council may.\n", None),
    ],
)
def test_responder_shapes(text: str, responder: str | None) -> None:
    assert find_responder(doc(text)) == responder


def test_responder_skips_recipient_block_and_page_titles_count() -> None:
    letter = "Ms P Writer\nBrightwater Trust\n1 High Street\n\nDear Ms Writer\nRegards\nSelby Fire and Rescue Service\n"
    assert find_responder(doc(letter)) == "Selby Fire and Rescue Service"
    page = doc("Road repairs\n\nReference: FOI-1\n\nThe council holds this.", "html",
               {"Title": "Road repairs (FOI-1) | Disclosure log | Marden Vale District Council"})
    assert find_responder(page) == "Marden Vale District Council"


def test_responder_from_email_sender_and_round_robin_folder() -> None:
    mail = doc("Dear Sir\nPlease see below.\nThanks\nAlex", "eml",
               {"From": "FOI (KESTON AND WEALD NHS TRUST) <foi@kw.nhs.uk>"})
    assert find_responder(mail) == "Keston and Weald NHS Trust"
    letter = doc("Dear Sir\nWe enclose our reply.\nYours sincerely\nInformation Officer", body="Pelham District Council")
    assert find_responder(letter) == "Pelham District Council"


def corpus_agreement() -> dict[str, tuple[int, int]]:
    """Exact matches of responder, reference and date against the gold labels, over both corpora."""
    from pipeline.extract.cleaning import clean
    from pipeline.goldlabels import load_labels
    from pipeline.read import read_path

    gold = load_labels(CORPUS / "labels.jsonl") + load_labels(
        CORPUS / "roundrobin" / "labels.jsonl", CORPUS / "roundrobin" / "responses"
    )
    hits = {"responder": 0, "reference": 0, "date": 0}
    for document in gold:
        read = read_path(document.path, document.doc)
        if "/" in document.doc:
            read.body = document.doc.split("/")[0]
        meta = find_metadata(read, clean(read.text, read.fmt))
        for field in hits:
            hits[field] += getattr(meta, field) == getattr(document, field)
    return {field: (n, len(gold)) for field, n in hits.items()}


def test_metadata_agreement_on_corpus() -> None:
    figures = corpus_agreement()
    assert figures["reference"][0] / figures["reference"][1] >= 0.95, figures
    assert figures["date"][0] / figures["date"][1] >= 0.95, figures
    # HTML pages lose their <title> and footer in the reader, and some name the body nowhere else.
    assert figures["responder"][0] / figures["responder"][1] >= 0.88, figures


if __name__ == "__main__":
    for field, (n, total) in corpus_agreement().items():
        print(f"{field}: {n}/{total} exact ({n / total:.1%})")
    sys.exit(0)


def test_web_page_publisher_named_only_in_its_footer() -> None:
    text = "Request\n\nHow many bus shelters were repaired?\n\nResponse\n\nWe repaired 64 shelters in 2023.\n"
    footer = "\u00a9 Corrow Valley Combined Authority 2024\nAccessibility | Privacy"
    assert find_metadata(doc(text, "html", {"Footer": footer}), text).responder == "Corrow Valley Combined Authority"
    address = "Corrow Valley Combined Authority, Station House, Corrow CV1 1AA"
    assert find_metadata(doc(text, "html", {"Footer": address}), text).responder == "Corrow Valley Combined Authority"


@pytest.mark.parametrize(
    "text, responder",
    [
        # a page quoting the request: who was asked answers (a person greeted is no body)
        ("Request detail:\nDear Fenwold Fire and Rescue Service,\nPlease tell me how many hydrants you test.\n"
         "Response:\nWe tested 1,204 hydrants last year.\n", "Fenwold Fire and Rescue Service"),
        ("Dear Ms Okoro,\nWe tested 1,204 hydrants last year.\n", None),
        # a government names itself as any body does
        ("You asked for the minutes.\nThe Northland Government does not hold minutes of that meeting.\n", "Northland Government"),
        # its own short form between the name and the verb, and a courtesy that names it
        ("Summary of the reply\nThe answer is below in full.\nHarrowfield Constabulary (HC) do not record this figure.\n",
         "Harrowfield Constabulary"),
        ("Thank you for contacting Ebbsmoor District Council.\nThe figures you asked for are in the table below.\n",
         "Ebbsmoor District Council"),
        # the first question ends the letterhead: a body named in an answer is not the letter's head
        ("1. Do you work with the Kestrel Vale Police and Crime Commissioner on this?\nYes, through a monthly board.\n", None),
    ],
)
def test_responder_named_by_the_reply_in_other_places(text: str, responder: str | None) -> None:
    assert find_responder(doc(text)) == responder


def test_reference_from_a_subject_line_pasted_at_the_top_of_a_text() -> None:
    text = "From: Records Team <records@example.gov.uk>\nSubject: FOI 2025/0381 - bus lanes\n\nDear Mr Hale,\nWe hold no camera data.\n"
    assert find_reference(text) == "2025/0381"
    assert find_reference("Subject: FOI request 2023/24 spending\n\nDear Mr Hale,\nWe hold no such data.\n") is None


def test_response_dates_written_with_a_weekday_a_comma_or_as_replied_to() -> None:
    assert find_date("Received:\nTuesday, 4 March, 2025\nResponded:\nThursday, 27 March, 2025\n") == "2025-03-27"
    assert find_date("Date Request Received: 03/02/2025 09:00:00\nDate Request Replied To: 28/02/2025 16:10:00\n") == "2025-02-28"
    assert find_date("Our ref 4471\n14th March, 2025.\nDear Dr Osei,\nThe figures are below.\n") == "2025-03-14"


def test_a_thread_of_letters_is_dated_by_the_last_letter_to_the_requester() -> None:
    thread = ("Sam Okafor\n3 May 2025\nDear Fernvale Borough Council,\nHow many tennis courts do you maintain?\n"
              "Yours faithfully,\nSam Okafor\n"
              "Fernvale Borough Council\n6 May 2025\nDear Mr Okafor,\nWe have received your request.\n"
              "Fernvale Borough Council\n28 May 2025\nDear Mr Okafor,\nThe council maintains 46 tennis courts.\n"
              "Yours sincerely,\nLeisure Team\n")
    assert find_date(thread) == "2025-05-28"
    assert find_date("12 June 2025\nDear Ms Ito,\nThe figure is 46.\nYours sincerely,\nLeisure Team\n") == "2025-06-12"


def test_a_number_after_request_in_the_title_is_the_reference() -> None:
    # A disclosure-log entry titled by its request number and subject, no "Ref:" label anywhere; a year in
    # the title is no reference.
    entry = "Freedom of Information request 31/0977 – Grass verge cutting\n\nYou asked how often verges are cut.\n\nTwice a year."
    assert find_reference(entry, entry) == "31/0977"
    dated = "FOI request 2024 – Grass verge cutting\n\nYou asked how often verges are cut.\n\nTwice a year."
    assert find_reference(dated, dated) is None


def test_a_short_number_or_an_underscore_is_a_reference_under_its_label_or_in_capitals() -> None:
    """Under a reference's own label a three-digit number or an underscored code is the reference; unlabelled, a
    short number is a count and a lower-case underscored word a file's name, but a capitals code heads a letter."""
    assert find_reference("Parking fines\nReference:\n417\nRequest detail:\n") == "417"
    assert find_reference("Case Reference Number: REQ_2291\nDate Request Received: 03/02/2025\n") == "REQ_2291"
    assert find_reference("Dear Ms Patel\n417 fines were issued in 2024.\n") is None
    assert find_reference("Dear Ms Patel\nPlease see foi_reply_2024 attached.\n") is None
    letter = "\nHR_0042_23/24 \u2013 request concerning agency staff\n\n1. The number of agency staff ...\n"
    assert find_reference(letter, letter) == "HR_0042_23/24"


def test_a_body_whose_name_has_no_type_word_is_found_where_it_speaks_of_itself() -> None:
    """"Council", "Trust", "Police" end most bodies' names, not all: a body found as the one that holds or has
    considered the request names itself ("Ofwat", a research council, a helpline, a national service)."""
    assert find_responder(doc("Dear Mr Ames\nWater Industry Regulation Office has considered your request and holds "
                              "the figures.\n")) == "Water Industry Regulation Office"
    assert find_responder(doc("Dear Ms Ode\nI can confirm that Arts and Heritage Research (AHR) holds the reports "
                              "you asked for.\n")) == "Arts and Heritage Research"
    assert find_responder(doc("Dear Sir\nIn respect of question 1, the Prison Service of Northern Ireland does not "
                              "hold this information.\n")) == "Prison Service of Northern Ireland"
    assert find_responder(doc("Dear Sir\nThe Council does not hold this information.\n")) is None


def test_a_reference_never_spans_a_line_break() -> None:
    """A page's title ends on a word ("... Police") and its first line opens on the reference: the title's
    last word is no part of the reference below it."""
    page = "EIR 25-1180 Hedge cutting\n\nWe cut hedges twice a year."
    assert find_reference(page, page, {"Title": "Hedges | Marshwick Police"}) == "EIR 25-1180"


def test_a_response_date_among_other_fields_on_its_line() -> None:
    """A line of fields ("Case no: X  Date: ...", "Ref X, replied 3 May 2025", "Reference: X. Responded ...") dates
    the reply; the request's own number or label earlier on the line makes no date the request's."""
    assert find_date("Highwood Council\nRequest reference: HW-5501  Date: 9 June 2025\n\nDear Ms Ray,\n") == "2025-06-09"
    assert find_date("Case number WX/881, date of response 4 July 2025\n\nDear Mr Oni,\n") == "2025-07-04"
    assert find_date("Our reference: FR/25/07. Replied 30 April 2025.\n\nDear Dr Lo,\n") == "2025-04-30"
    assert find_date("Request received: 1 April 2025  Request date: 1 April 2025\n") is None
    assert find_date("We replied on 30 April 2025, as you know.\n") is None


def test_an_emails_subject_code_and_a_body_naming_its_own_response() -> None:
    """Case systems tag an e-mail's subject with a code in square brackets; a letter's "Re:" line is its subject;
    a body writing of "X's response" names itself."""
    mail = "Dear Ms Kaur,\n\nThe figures are below.\n\nRegards,\nRecords Team\n"
    assert find_reference(mail, mail, {"Subject": "RE: Your request - gritting routes [HWC-EIR-2207]"}) == "HWC-EIR-2207"
    letter = "Dear Mr Amos,\n\nRe: FOI 25-0419 - allotments\n\nThe waiting list has 212 names.\n"
    assert find_reference(letter, letter, {"Subject": "RE: allotments"}) == "25-0419"
    said = "Dear Mr Amos,\n\nMarshford District Council's response is below.\n\n1. 212 names.\n\nRegards,\nMarshford DC\n"
    assert find_responder(doc(said)) == "Marshford District Council"
