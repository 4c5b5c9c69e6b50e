"""Word footnotes and endnotes: a user found a note qualifying a figure ("Figures exclude bookings cancelled
within 24 hours.") was lost, since notes live in footnotes.xml / endnotes.xml, not in the body. Each is read
after the paragraph that refers to it, "[Note: text]", so it goes into the answer it qualifies; Word's separator
notes are no text."""
from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.extract import extract_document
from pipeline.read import read_bytes
from fixtures_files import docx_bytes

W = nsdecls("w")
SEPARATORS = (f'<w:{{kind}} {W} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{{kind}}>'
              f'<w:{{kind}} {W} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{{kind}}>')


def _add_notes(document, kind: str, notes: dict[str, list[str]]) -> None:
    """footnotes.xml or endnotes.xml as Word writes it: the two separator notes, then each note (id -> paragraphs),
    its first run the note's own mark, as python-docx cannot make them."""
    body = "".join(
        f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {paragraphs[0]}</w:t></w:r></w:p>'
        + "".join(f"<w:p><w:r><w:t>{more}</w:t></w:r></w:p>" for more in paragraphs[1:]) + f"</w:{kind}>"
        for note_id, paragraphs in notes.items())
    xml = f'<w:{kind}s {W}>{SEPARATORS.replace("{kind}", kind)}{body}</w:{kind}s>'.encode()
    content_type, reltype = (CT.WML_FOOTNOTES, RT.FOOTNOTES) if kind == "footnote" else (CT.WML_ENDNOTES, RT.ENDNOTES)
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml, document.part.package)
    document.part.relate_to(part, reltype)


def _refer(paragraph, kind: str, note_id: str, custom_mark: str | None = None) -> None:
    """The superscript mark in the text that points at a note (a custom mark's symbol follows it in the run)."""
    custom = ' w:customMarkFollows="1"' if custom_mark else ""
    mark = f"<w:t>{custom_mark}</w:t>" if custom_mark else ""
    paragraph._p.append(parse_xml(f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  f'<w:{kind}Reference w:id="{note_id}"{custom}/>{mark}</w:r>'))


def _letter(document) -> None:
    document.add_paragraph("Our ref: FOI 24-0193")
    document.add_paragraph("Dear Ms Rowe,")
    document.add_paragraph("Thank you for your request. Our response to each question is below.")
    document.add_paragraph("1. How many bookings did the venue take in 2023?")
    answer = document.add_paragraph("The venue took 1,482 bookings in 2023.")
    _refer(answer, "footnote", "1")
    document.add_paragraph("2. What was the income from bookings?")
    income = document.add_paragraph("Income from bookings was £86,400.")
    _refer(income, "footnote", "2")
    _refer(income, "endnote", "1")
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("Information Governance Team")
    _add_notes(document, "footnote", {"2": ["Net of VAT.", "Refunds are shown separately."],
                                      "1": ["Figures exclude bookings cancelled within 24 hours."]})
    _add_notes(document, "endnote", {"1": ["Source: the venue's booking system, March 2024."]})


def test_each_note_follows_the_paragraph_that_refers_to_it() -> None:
    text = read_bytes("reply.docx", docx_bytes(_letter)).text
    assert "The venue took 1,482 bookings in 2023. [Note: Figures exclude bookings cancelled within 24 hours.]\n" in text
    assert ("Income from bookings was £86,400. [Note: Net of VAT. Refunds are shown separately.] "
            "[Note: Source: the venue's booking system, March 2024.]\n") in text
    assert text.splitlines()[-1] == "Information Governance Team"  # nothing after the sign-off
    assert "separator" not in text.lower()


def test_the_answer_keeps_the_note_that_qualifies_it() -> None:
    records = list(extract_document(read_bytes("reply.docx", docx_bytes(_letter))))
    answers = {r["q"]: r["answer"] for r in records}
    assert "Figures exclude bookings cancelled within 24 hours." in answers["1"], answers
    assert "Net of VAT." in answers["2"] and "Figures exclude" not in answers["2"], answers


def test_a_note_in_a_table_cell_stays_in_its_row() -> None:
    def build(document) -> None:
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Question", "Response"
        table.cell(1, 0).text = "How many permits were issued in 2023?"
        cell = table.cell(1, 1).paragraphs[0]
        cell.text = "614 permits."
        _refer(cell, "footnote", "3")
        _add_notes(document, "footnote", {"3": ["Visitor permits are not counted."]})

    text = read_bytes("reply.docx", docx_bytes(build)).text
    assert "How many permits were issued in 2023? | 614 permits. [Note: Visitor permits are not counted.]" in text


def test_a_custom_mark_stays_and_a_note_never_referred_to_is_not_read() -> None:
    def build(document) -> None:
        first = document.add_paragraph("Vacancies: 3.")
        _refer(first, "footnote", "5", custom_mark="*")
        document.add_paragraph("Agency staff: 4.")
        _add_notes(document, "footnote", {"5": ["As at 31 March."], "7": ["Never referred to."]})

    text = read_bytes("reply.docx", docx_bytes(build)).text
    assert text == "Vacancies: 3.* [Note: As at 31 March.]\nAgency staff: 4."


def test_a_deleted_reference_takes_no_note() -> None:
    def build(document) -> None:
        paragraph = document.add_paragraph("Staff in post: 12.")
        paragraph._p.append(parse_xml(f'<w:del {W} w:id="9" w:author="A"><w:r><w:footnoteReference w:id="2"/></w:r></w:del>'))
        _add_notes(document, "footnote", {"2": ["Withdrawn caveat."]})

    assert read_bytes("reply.docx", docx_bytes(build)).text == "Staff in post: 12."


def test_a_document_without_notes_reads_as_before() -> None:
    text = read_bytes("reply.docx", docx_bytes(lambda d: d.add_paragraph("Nothing to note."))).text
    assert text == "Nothing to note."


def test_a_broken_notes_part_costs_the_notes_not_the_letter() -> None:
    def build(document) -> None:
        document.add_paragraph("The venue took 1,482 bookings in 2023.")
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"<w:footnotes", document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)

    assert read_bytes("reply.docx", docx_bytes(build)).text == "The venue took 1,482 bookings in 2023."
