"""Word footnotes and endnotes: a user found a note qualifying a figure ("Figures exclude bookings cancelled
within 24 hours.") was lost, since notes live in footnotes.xml / endnotes.xml, not in the body. They follow the
letter, after its sign-off, under a "Notes" line, "[1] text" in the order the text refers to them; Word's
separator notes are no text; an answer never takes a note into it."""
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


def test_notes_follow_the_sign_off_in_the_order_the_text_refers_to_them() -> None:
    text = read_bytes("reply.docx", docx_bytes(_letter)).text
    assert text.splitlines()[-7:] == [
        "Yours sincerely,",
        "Information Governance Team",
        "",
        "Notes",
        "[1] Figures exclude bookings cancelled within 24 hours.",
        "[2] Net of VAT. Refunds are shown separately.",
        "[i] Source: the venue's booking system, March 2024.",
    ]
    assert "The venue took 1,482 bookings in 2023.\n" in text  # the mark adds nothing to the figure
    assert "separator" not in text.lower()


def test_no_answer_takes_a_note_into_it() -> None:
    text = read_bytes("reply.docx", docx_bytes(_letter)).text
    records = list(extract_document(read_bytes("reply.docx", docx_bytes(_letter))))
    answers = {r["q"]: r["answer"] for r in records}
    assert answers["1"].startswith("The venue took 1,482 bookings") and answers["2"].startswith("Income from bookings")
    assert not any("Figures exclude" in a or "Net of VAT" in a for a in answers.values()), answers
    assert "Figures exclude bookings cancelled within 24 hours." in text


def test_custom_marks_and_the_documents_number_format_are_kept() -> None:
    def build(document) -> None:
        document.add_paragraph("Staff in post: 12.")
        first = document.add_paragraph("Vacancies: 3.")
        _refer(first, "footnote", "5", custom_mark="*")
        second = document.add_paragraph("Agency staff: 4.")
        _refer(second, "footnote", "6")
        _add_notes(document, "footnote", {"5": ["As at 31 March."], "6": ["Full-time equivalent."], "7": ["Never referred to."]})
        settings = document.settings.element
        settings.append(parse_xml(f'<w:footnotePr {W}><w:numFmt w:val="lowerLetter"/></w:footnotePr>'))

    text = read_bytes("reply.docx", docx_bytes(build)).text
    assert text.splitlines()[-3:] == ["Notes", "[*] As at 31 March.", "[a] Full-time equivalent."]
    assert "Vacancies: 3.*" in text  # the custom mark is the text's own, as Word shows it


def test_a_document_without_notes_reads_as_before() -> None:
    text = read_bytes("reply.docx", docx_bytes(lambda d: d.add_paragraph("Nothing to note."))).text
    assert text == "Nothing to note."


def test_a_broken_notes_part_costs_the_notes_not_the_letter() -> None:
    def build(document) -> None:
        document.add_paragraph("The venue took 1,482 bookings in 2023.")
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"<w:footnotes", document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)

    assert read_bytes("reply.docx", docx_bytes(build)).text == "The venue took 1,482 bookings in 2023."
