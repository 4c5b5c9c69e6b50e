"""Readers on real files of every format: the text that comes out, in the right order."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.documents import ReadError
from pipeline.read import decode_text, html_text, read_bytes, read_path
from fixtures_files import (
    LETTER,
    add_list_definition,
    add_num,
    docx_bytes,
    eml_bytes,
    layout_pdf_bytes,
    numbered,
    pdf_bytes,
    xlsx_bytes,
    zip_bytes,
)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------- text

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_text_encodings_are_detected(encoding: str) -> None:
    text = "The Council spent £5,000 on the café’s “training” – see section 40(2).\n"
    if encoding == "latin-1":
        text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    document = read_bytes("reply.txt", text.encode(encoding))
    assert document.text == text
    assert document.fmt == "txt"


def test_mixed_encodings_keep_every_line() -> None:
    data = "Line one costs £5 – UTF-8\n".encode() + "Line two costs £7 – cp1252\n".encode("cp1252")
    assert decode_text(data) == "Line one costs £5 – UTF-8\nLine two costs £7 – cp1252\n"


def test_crlf_becomes_newline_and_markdown_is_text() -> None:
    document = read_bytes("reply.md", b"# Reply\r\n\r\nAnswer one.\r\n")
    assert document.text == "# Reply\n\nAnswer one.\n"
    assert document.fmt == "md"


def test_long_non_latin_legacy_text_is_detected() -> None:
    text = "Ответ на запрос о свободе информации: бюджет не выделялся. " * 5
    assert read_bytes("reply.txt", text.encode("cp1251")).text == text


# ---------------------------------------------------------------- PDF

def test_pdf_pages_are_separated_by_form_feeds() -> None:
    data = pdf_bytes(["OFFICIAL\nDear Sir\n1. Budget: none.\nPage 1 of 2", "2. Strategy: attached.\nPage 2 of 2"])
    text = read_bytes("letter.pdf", data).text
    first, second = text.split("\f")
    assert "1. Budget: none." in first and "Page 1 of 2" in first
    assert "2. Strategy: attached." in second


def test_pdf_encrypted_with_empty_password_is_opened() -> None:
    data = pdf_bytes(["The answer is held."], user_password="")
    assert "The answer is held." in read_bytes("letter.pdf", data).text


def test_pdf_with_a_password_gives_a_clear_error() -> None:
    data = pdf_bytes(["Secret."], user_password="s3cret")
    with pytest.raises(ReadError, match="password"):
        read_bytes("letter.pdf", data)


HARBOUR_QUESTION = ("2. A copy of the harbour authority's dredging strategy as required by the Marine "
                    "Works (Environmental Impact Assessment) Regulations 2007")
HARBOUR_ANSWER = ("The Board has no dredging strategy of its own. Maintenance dredging is planned each year "
                  "under the licence issued by the Marine Management Organisation.")


def test_pdf_paragraph_gaps_become_blank_lines() -> None:
    data = layout_pdf_bytes([["Dear Mr Ferreira", HARBOUR_QUESTION, HARBOUR_ANSWER, "Yours sincerely"]])
    paragraphs = [" ".join(p.split()) for p in read_bytes("letter.pdf", data).text.split("\n\n")]
    assert paragraphs == ["Dear Mr Ferreira", HARBOUR_QUESTION, HARBOUR_ANSWER, "Yours sincerely"]


def test_pdf_lines_of_one_paragraph_stay_together() -> None:
    text = read_bytes("letter.pdf", layout_pdf_bytes([[HARBOUR_ANSWER * 3]])).text
    assert "\n\n" not in text and text.count("\n") >= 2


def test_pdf_bold_question_is_parted_from_its_answer_without_a_gap() -> None:
    data = layout_pdf_bytes([["**" + HARBOUR_QUESTION, HARBOUR_ANSWER, HARBOUR_ANSWER]], bold_gap=0)
    question, answer = read_bytes("letter.pdf", data).text.split("\n\n", 1)
    assert " ".join(question.split()) == HARBOUR_QUESTION
    assert answer.startswith("The Board has no dredging strategy")


def test_pdf_table_cells_drawn_one_by_one_share_a_row_line() -> None:
    """A PDF from another generator (cells placed separately, which pypdf puts on lines of their own)."""
    letter = Path(__file__).parent.parent / "corpus/roundrobin/responses/Borough of Netherford Council/NBC-FOI-2019-0788 Response.pdf"
    rows = read_path(letter).text.split("\n")
    assert "Year | Adults | Children | Total" in rows and "2017/18 | 4 | 7 | 11" in rows


# ---------------------------------------------------------------- DOCX

def _numbered_letter(document) -> None:
    add_list_definition(document, "decimal", "%1.", "%1.%2.", abstract_id=71)
    add_list_definition(document, "lowerLetter", "(%1)", abstract_id=72)
    add_list_definition(document, "lowerRoman", "%1)", abstract_id=73)
    add_list_definition(document, "upperLetter", "%1.", abstract_id=74)
    add_num(document, 71, 71)
    add_num(document, 72, 72)
    add_num(document, 73, 73)
    add_num(document, 74, 74)
    add_num(document, 75, 72, restart_at=1)
    document.add_paragraph("Dear Requester")
    numbered(document, "How much was spent?", 71)
    numbered(document, "Is there a strategy?", 71)
    numbered(document, "Sub-point of two", 71, level=1)
    numbered(document, "Another sub-point", 71, level=1)
    numbered(document, "How many referrals?", 71)
    document.add_paragraph("Our answers:")
    numbered(document, "first lettered", 72)
    numbered(document, "second lettered", 72)
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ("Year", "Adults", "Children")):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ("2018/19", "9", "14")):
        cell.text = value
    document.add_paragraph("Text after the table.")
    numbered(document, "roman one", 73)
    numbered(document, "roman two", 73)
    numbered(document, "roman three", 73)
    numbered(document, "upper A", 74)
    numbered(document, "restarted lettered", 75)
    document.add_paragraph("Yours sincerely")


def test_docx_restores_list_numbers_and_keeps_tables_in_place() -> None:
    text = read_bytes("reply.docx", docx_bytes(_numbered_letter)).text
    assert lines(text) == [
        "Dear Requester",
        "1. How much was spent?",
        "2. Is there a strategy?",
        "2.1. Sub-point of two",
        "2.2. Another sub-point",
        "3. How many referrals?",
        "Our answers:",
        "(a) first lettered",
        "(b) second lettered",
        "Year | Adults | Children",
        "2018/19 | 9 | 14",
        "Text after the table.",
        "i) roman one",
        "ii) roman two",
        "iii) roman three",
        "A. upper A",
        "(a) restarted lettered",
        "Yours sincerely",
    ]


def test_docx_list_style_numbers_continue_like_word() -> None:
    def build(document) -> None:
        for question in ("Budget?", "Strategy?", "Referrals?"):
            document.add_paragraph(question, style="List Number")
        document.add_paragraph("Bullet point", style="List Bullet")

    assert lines(read_bytes("reply.docx", docx_bytes(build)).text) == [
        "1. Budget?", "2. Strategy?", "3. Referrals?", "• Bullet point"]


def test_roundrobin_docx_numbers_questions_and_keeps_table_before_signature(roundrobin_dir) -> None:
    path = roundrobin_dir / "responses" / "Dunstowe Borough Council" / "FOI 19-0562 response.docx"
    text = read_path(path).text
    assert re.search(r"^1\. Budgets/funding", text, re.M)
    assert re.search(r"^3\. The number of referrals", text, re.M)
    assert text.index("2017/18 | 2") < text.index("All of these referrals") < text.index("Yours sincerely")


# ---------------------------------------------------------------- HTML

PAGE = """<!doctype html><html><head><title>FOI 123</title><style>p{}</style>
<script>var x = "tracking";</script></head><body class="js cookie-consent-shown">
<a class="skip-link" href="#main">Skip to main content</a>
<div id="cookie-banner">We use cookies. <button>Accept</button></div>
<header role="banner"><div class="logo">Example Council</div>
<form role="search"><input type="search"></form></header>
<nav><ul><li>Home</li><li>Council</li></ul></nav>
<ol class="breadcrumb"><li>Home</li><li>Disclosure log</li></ol>
<main id="main"><article><header><h1>FOI 123 - Budgets</h1></header>
<p>You asked:</p><ol><li>What was the budget?</li><li>Who leads?</li></ol>
<p>Response:</p><ol type="a" start="3"><li>Forty thousand pounds.</li><li>The Head of Service.</li></ol>
<table><tr><th>Year</th><th>Spend</th></tr><tr><td>2018/19</td><td>£40,000</td></tr></table>
<p style="display:none">Hidden text</p><noscript>Enable JS</noscript>
<p>Line one<br>line two</p></article></main>
<aside class="related">Related pages</aside>
<footer>Copyright Example Council</footer></body></html>"""


def test_html_title_and_site_footer_become_headers() -> None:
    page = ("<html><head><title>Road gritting (FOI-88) | Marden Vale District Council</title></head><body>"
            "<main><p>The council grits 212 miles of road.</p><footer>Article footer: not the site's</footer></main>"
            "<footer role='contentinfo'><p>Marden Vale District Council, Civic Centre, Marden MV1 2AB</p>"
            "<p><a href='/privacy'>Privacy</a></p></footer></body></html>")
    document = read_bytes("page.html", page.encode())
    assert document.headers == {"Title": "Road gritting (FOI-88) | Marden Vale District Council",
                                "Footer": "Marden Vale District Council, Civic Centre, Marden MV1 2AB\nPrivacy"}
    assert "Civic Centre" not in document.text


def test_html_keeps_content_and_drops_page_chrome() -> None:
    assert lines(read_bytes("page.html", PAGE.encode()).text) == [
        "FOI 123 - Budgets",
        "You asked:",
        "1. What was the budget?",
        "2. Who leads?",
        "Response:",
        "c. Forty thousand pounds.",
        "d. The Head of Service.",
        "Year | Spend",
        "2018/19 | £40,000",
        "Line one",
        "line two",
    ]


def test_html_chrome_class_on_the_whole_content_is_kept() -> None:
    markup = "<body><div class='menu-page'><p>All the answers are here.</p></div><nav>Home</nav></body>"
    assert lines(html_text(markup)) == ["All the answers are here."]


# ---------------------------------------------------------------- e-mail

def test_eml_plain_body_headers_and_attachments() -> None:
    letter = pdf_bytes(["Attached letter: the budget was nil."])
    word = docx_bytes(lambda d: d.add_paragraph("Annex text from Word."))
    data = eml_bytes(
        "Dear Requester\nPlease see our response attached.\n",
        html="<p>HTML alternative should not be used</p>",
        attachments=[("Response.pdf", letter, "application/pdf"),
                     ("Annex.docx", word, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                     ("figures.csv", b"Year,Count\n2018,3\n2019,4\n", "text/csv")],
    )
    document = read_bytes("reply.eml", data)
    text = document.text
    assert text.startswith("Dear Requester\nPlease see our response attached.")
    assert "HTML alternative" not in text
    assert text.index("Please see our response") < text.index("Attachment: Response.pdf") \
        < text.index("the budget was nil") < text.index("Attachment: Annex.docx") < text.index("Annex text from Word.")
    assert document.headers == {"From": "FOI Team <foi@example.gov.uk>", "To": "requester@example.org",
                                "Date": "Fri, 28 Jun 2019 10:15:00 +0100", "Subject": "Your FOI request FOI-123"}
    by_name = {a.name: a for a in document.attachments}
    assert set(by_name) == {"Response.pdf", "Annex.docx", "figures.csv"}
    assert by_name["figures.csv"].is_data and by_name["figures.csv"].sheets[0].rows == 2
    assert by_name["figures.csv"].sheets[0].header == ["Year", "Count"]


@pytest.mark.parametrize("cte", ["quoted-printable", "base64"])
def test_eml_transfer_encodings(cte: str) -> None:
    body = "The Council spent £5,000 – " + "a long line " * 12 + "\n"
    assert read_bytes("reply.eml", eml_bytes(body, cte=cte)).text.strip() == body.strip()


def test_eml_html_only_body_is_converted() -> None:
    data = eml_bytes(None, html="<html><body><p>Dear Requester</p><p>We hold <b>no</b> information.</p></body></html>")
    assert lines(read_bytes("reply.eml", data).text) == ["Dear Requester", "We hold no information."]


# ---------------------------------------------------------------- spreadsheets and archives

def test_xlsx_sheets_describe_the_data() -> None:
    data = xlsx_bytes({"Referrals": [["Referrals by type (FOI 123)"], ["Type", "2017/18", "2018/19"],
                                     ["Labour", 4, 6], ["Sexual", 2, 3]],
                       "Notes": [["Source", "Case system"]]})
    document = read_bytes("data.xlsx", data)
    assert document.fmt == "xlsx" and document.text == ""
    sheets = document.attachments[0].sheets
    assert [(s.name, s.rows, s.columns, s.header) for s in sheets] == [
        ("Referrals", 2, 3, ["Type", "2017/18", "2018/19"]), ("Notes", 0, 2, ["Source", "Case system"])]


def test_csv_with_semicolons() -> None:
    sheet = read_bytes("data.csv", b"Year;Count\n2018;3\n").attachments[0].sheets[0]
    assert (sheet.rows, sheet.columns, sheet.header) == (1, 2, ["Year", "Count"])


def test_zip_read_as_one_document_lists_members() -> None:
    data = zip_bytes({"reply.txt": LETTER.encode(), "data/figures.csv": b"a,b\n1,2\n"})
    document = read_bytes("bundle.zip", data)
    assert document.fmt == "zip"
    assert [(a.name, bool(a.text), a.is_data) for a in document.attachments] == [
        ("data/figures.csv", False, True), ("reply.txt", True, False)]


def test_read_path_records_the_path_as_given(tmp_path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text(LETTER, encoding="utf-8")
    assert read_path(path).doc == str(path)
    assert read_path(path, "x/reply.txt").doc == "x/reply.txt"


def _word_features(document) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    section = document.sections[0]
    section.header.paragraphs[0].text = "Example Council - Our ref: FOI-77"
    paragraph = document.add_paragraph("See ")
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="rIdX"><w:r><w:t>our website</w:t></w:r></w:hyperlink>'))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t xml:space="preserve"> now</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText> never</w:delText></w:r></w:del>'))
    paragraph.add_run(".")
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Spanning heading"
    table.cell(0, 2).text = "Total"
    for cell, value in zip(table.rows[1].cells, ("a", "b", "c")):
        cell.text = value
    document.add_paragraph("Closing line.")


def test_docx_reads_header_hyperlinks_tracked_changes_and_merged_cells() -> None:
    assert lines(read_bytes("reply.docx", docx_bytes(_word_features)).text) == [
        "Example Council - Our ref: FOI-77",
        "See our website now.",
        "Spanning heading | Total",
        "a | b | c",
        "Closing line.",
    ]


def _label_sets(corpus_dir):
    yield corpus_dir, corpus_dir / "labels.jsonl"
    yield corpus_dir / "roundrobin" / "responses", corpus_dir / "roundrobin" / "labels.jsonl"
    yield corpus_dir / "formats", corpus_dir / "formats" / "labels.jsonl"


def test_every_labelled_anchor_is_in_the_text_read(corpus_dir) -> None:
    """Reading keeps all text: each gold anchor of the bundled corpus is found as words."""
    import json

    from pipeline.goldlabels import contains_words, words
    from pipeline.read.sources import iter_documents

    missing = []
    for root, labels in _label_sets(corpus_dir):
        texts = {d.doc: words(d.text) for d in iter_documents([root]) if not isinstance(d, dict)}
        for record in map(json.loads, labels.read_text(encoding="utf-8").splitlines()):
            for answer in record["answers"]:
                for key in ("question_start", "question_end", "answer_start", "answer_end"):
                    if answer.get(key) and not contains_words(texts.get(record["doc"], []), words(answer[key])):
                        missing.append((record["doc"], answer["q"], key))
    assert missing == []


def test_read_path_reads_members_through_zip_archives(tmp_path) -> None:
    inner = zip_bytes({"Body/reply.txt": LETTER.encode()})
    (tmp_path / "outer.zip").write_bytes(zip_bytes({"letter.txt": b"Outer letter.", "inner.zip": inner}))
    assert read_path(tmp_path / "outer.zip" / "letter.txt").text == "Outer letter."
    assert "12 staff" in read_path(tmp_path / "outer.zip" / "inner.zip" / "Body" / "reply.txt").text
    with pytest.raises(ReadError, match="not found in the zip archive"):
        read_path(tmp_path / "outer.zip" / "missing.txt")
    with pytest.raises(ReadError, match="file not found"):
        read_path(tmp_path / "nowhere" / "reply.txt")


def test_looks_binary_counts_exactly_the_odd_code_points() -> None:
    """The regex in looks_binary stands for Unicode categories Cc (but white space) and Cs, and U+FFFD."""
    import unicodedata

    from pipeline.read.text import _ODD

    def odd(ch: str) -> bool:
        return ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\t\n\r\f\v")

    assert [c for c in range(0x110000) if odd(chr(c)) != bool(_ODD.fullmatch(chr(c)))] == []
