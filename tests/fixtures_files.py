"""Builders of REAL files for reader tests: PDFs by fpdf2, DOCX by python-docx, XLSX by
openpyxl, e-mails by the email package, archives by zipfile. Each returns bytes, so a
test can write them wherever it likes or feed them to read_bytes directly."""
from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage


def pdf_bytes(pages: list[str], *, user_password: str | None = None, owner_password: str = "owner") -> bytes:
    """A text PDF, one string per page (lines kept); encrypted when a user password is given ("" opens freely)."""
    from fpdf import FPDF

    pdf = FPDF()
    if user_password is not None:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    pdf.set_font("helvetica", size=11)
    for page in pages:
        pdf.add_page()
        for line in page.splitlines():
            pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def layout_pdf_bytes(pages: list[list[str]], *, gap: float = 3.0, bold_gap: float | None = None) -> bytes:
    """A PDF letter laid out as word processors do: paragraphs told apart only by `gap` mm of
    space (no blank lines in the text layer), a block starting "**" set in bold. `bold_gap`
    is the space after a bold block (default `gap`)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_margins(20, 15, 20)
    for page in pages:
        pdf.add_page()
        for block in page:
            bold = block.startswith("**")
            pdf.set_font("helvetica", "B" if bold else "", 11)
            pdf.multi_cell(0, 6, block.removeprefix("**"), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(bold_gap if bold and bold_gap is not None else gap)
    return bytes(pdf.output())


def scan_pdf_bytes() -> bytes:
    """A PDF with marks on the page but no text layer, as a scanner produces."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    for row in range(20):
        pdf.rect(20, 20 + row * 8, 150 - row * 3, 3, style="F")
    return bytes(pdf.output())


def docx_bytes(build) -> bytes:
    """A DOCX made by `build(document)` (a python-docx Document)."""
    import docx

    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_list_definition(document, fmt: str, *texts: str, abstract_id: int) -> None:
    """An abstract list definition in numbering.xml: one level per label text ("%1.", "%1.%2.")."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>' for i, text in enumerate(texts))
    numbering = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first_num = numbering.find(abstract.tag.replace("abstractNum", "num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)


def add_num(document, num_id: int, abstract_id: int, *, restart_at: int | None = None) -> None:
    """A list instance (numId) of an abstract definition, optionally restarting its numbers."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart_at}"/></w:lvlOverride>'
                if restart_at is not None else "")
    document.part.numbering_part.element.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))


def numbered(document, text: str, num_id: int, level: int = 0):
    """A paragraph numbered through numPr, as Word stores a list item."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """An Excel workbook with the given sheets and rows."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def eml_bytes(
    body: str | None,
    *,
    html: str | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
    cte: str | None = None,
    subject: str = "Your FOI request FOI-123",
) -> bytes:
    """An e-mail: plain and/or HTML body (with a chosen transfer encoding) and attachments
    given as (filename, bytes, "maintype/subtype")."""
    msg = EmailMessage()
    msg["From"] = "FOI Team <foi@example.gov.uk>"
    msg["To"] = "requester@example.org"
    msg["Date"] = "Fri, 28 Jun 2019 10:15:00 +0100"
    msg["Subject"] = subject
    if body is not None:
        msg.set_content(body, cte=cte) if cte else msg.set_content(body)
    if html is not None:
        if body is None:
            msg.set_content(html, subtype="html", cte=cte) if cte else msg.set_content(html, subtype="html")
        else:
            msg.add_alternative(html, subtype="html")
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


def zip_bytes(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive holding `members` under exactly the names given (even unsafe ones)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2019, 7, 1, 0, 0, 0)), data, compress_type=compression)
    return buffer.getvalue()


LETTER = """Dear Dr Halloran

Freedom of Information Act 2000 - request FOI-123

1. How many staff work in the team?
The team has 12 staff.

2. What was the budget in 2018/19?
The budget was 40,000 pounds.

Yours sincerely
Information Governance Team"""
