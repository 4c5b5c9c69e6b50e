#!/usr/bin/env python3
"""Build corpus/formats/: real PDF, DOCX and zip responses made from corpus texts.

Real FOI replies mostly arrive as PDF letters (letterhead, protective markings and
"Page 1 of 2" on every page) or Word documents (auto-numbered lists, tables mid-text),
sometimes zipped with their data files. These samples exercise those readers and
the page-furniture cleaning on text whose labels we already have: the script copies
each source's label line from corpus/labels.jsonl into corpus/formats/labels.jsonl
with `doc` renamed (relative to corpus/formats/), then checks that every anchor is
still found in the text foi-nlp reads back. Output is byte-for-byte reproducible
(fixed dates and metadata), so re-running it changes nothing.

    python scripts/make_format_samples.py        # needs fpdf2 and python-docx
"""
from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.goldlabels import contains_words, words  # noqa: E402
from pipeline.read import iter_documents  # noqa: E402

CORPUS = ROOT / "corpus"
OUT = CORPUS / "formats"
FIXED = datetime(2019, 7, 1, 9, 0, 0, tzinfo=timezone.utc)
ZIP_TIME = (2019, 7, 1, 9, 0, 0)

SEED_PDF = "seed-west-midlands-police-2013.pdf"
DOCX_NAME = "Corringshire CC FOI 4471 response.docx"
ZIP_NAME = "eskdown-police-foi-2018-1147.zip"
ZIP_LETTER = "Eskdown Police/FOI 2018-1147 response.pdf"
ZIP_DATA = "Eskdown Police/FOI 2018-1147 coordinator funding.csv"
LOWFIELD_PDF = "Lowfield and Ashby DC LADC-FOI-2020-118.pdf"
RENAMES = {
    "seed-west-midlands-police-2013.txt": SEED_PDF,
    "w2-10-lowfield-ashby-dc.txt": LOWFIELD_PDF,
    "w2-06-corringshire-cc.txt": DOCX_NAME,
    "w2-01-eskdown-police.txt": f"{ZIP_NAME}/{ZIP_LETTER}",
}
# Core PDF fonts cover Latin-1 only; anchors ignore punctuation, so plain forms are safe.
_LATIN1 = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
                         "€": "EUR", "ﬁ": "fi", "ﬂ": "fl", "•": "-"})
_FURNITURE = re.compile(r"^\s*(OFFICIAL|Page \d+ of \d+|www\.\S+\s+Page \d+ of \d+|[A-Z ]+– FOI \d+)\s*$")


def paragraphs(text: str, separator: str = r"\n\s*\n") -> list[str]:
    """Hard-wrapped text re-flowed into paragraphs: a line joins the one before when that
    one was wrapped (long), or was a URL broken after '-'; short lines end a paragraph."""
    out = []
    for block in re.split(separator, text):
        current, last = "", ""
        for line in (line.strip() for line in block.splitlines()):
            if not line:
                continue
            if current and re.search(r"https?://\S*-$", current):
                current += line
            elif current and len(last) >= 60:
                current += " " + line
            else:
                out.append(current) if current else None
                current = line
            last = line
        if current:
            out.append(current)
    return out


# ---------------------------------------------------------------- PDF

def letter_pdf(letterhead: list[str], marking: str, blocks: list[str], *, keep_lines: bool = False,
               headings: tuple[str, ...] = (), align: str = "L", gap: float = 3) -> bytes:
    """A PDF letter: letterhead and marking on every page, "Page n of N" in the footer.

    Blocks starting with one of `headings` are set in bold; `gap` is the extra space
    after each paragraph (mm), which is all that tells paragraphs apart in the PDF.
    """
    from fpdf import FPDF

    class Letter(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", "B", 9)
            self.cell(0, 5, marking, align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_font("helvetica", "", 9)
            for line in letterhead:
                self.cell(0, 4.5, line, align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("helvetica", "", 8)
            self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_font("helvetica", "B", 9)
            self.cell(0, 5, marking, align="C")

    pdf = Letter(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_creator("foi-nlp make_format_samples")
    pdf.set_author(letterhead[0])
    pdf.set_margins(25, 15, 25)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    for block in blocks:
        pdf.set_font("helvetica", "B" if block.startswith(headings) and headings else "", 12)
        for line in (block.splitlines() if keep_lines else [block]):
            pdf.multi_cell(0, 6.5, line.translate(_LATIN1) or " ", align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)
    return bytes(pdf.output())


def seed_pdf() -> bytes:
    """The seed reply as a two-page police letter (its text has no letterhead of its own)."""
    text = (CORPUS / "seed-west-midlands-police-2013.txt").read_text(encoding="utf-8")
    blocks = paragraphs(text, separator=r"\n[ \t]+\n")
    letterhead = ["West Midlands Police", "Freedom of Information Unit", "foi@west-midlands.police.uk"]
    return letter_pdf(letterhead, "OFFICIAL", blocks)


def eskdown_pdf() -> bytes:
    """Eskdown's letter with its own furniture lines replaced by real page furniture."""
    text = (CORPUS / "w2-01-eskdown-police.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not _FURNITURE.match(line)]
    body = "\n".join(lines)
    head_end = body.index("Our Ref:")
    letterhead = [line.strip() for line in body[:head_end].splitlines() if line.strip()]
    blocks = [block.strip("\n") for block in re.split(r"\n\s*\n", body[head_end:]) if block.strip()]
    return letter_pdf(letterhead, "OFFICIAL", blocks, keep_lines=True)


def lowfield_pdf() -> bytes:
    """Lowfield's "Question n / Response" letter as a justified PDF with bold headings and
    tight paragraph spacing (a small gap between paragraphs, no blank lines at all)."""
    text = (CORPUS / "w2-10-lowfield-ashby-dc.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not re.match(r"^\s*Page \d+ of \d+\s*$", line)]
    letterhead = [" ".join(line.split()) for line in lines[:3]]
    blocks = paragraphs("\n".join(lines[3:]))
    return letter_pdf(letterhead, "OFFICIAL", blocks, headings=("Question", "Response"), align="J", gap=2.5)


# ---------------------------------------------------------------- DOCX

def _add_lettered_numbering(document) -> str:
    """A "(a)" list definition in numbering.xml; returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = numbering.find(num.tag)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return "90"


def _number(paragraph, num_id: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def corringshire_docx() -> bytes:
    """Corringshire's reply as Word writes it: letterhead in the page header, the
    questions as an auto-numbered "(a)" list, the figures as a table between paragraphs."""
    import docx

    text = (CORPUS / "w2-06-corringshire-cc.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not _FURNITURE.match(line)]
    head_end = next(i for i, line in enumerate(lines) if line.startswith("Our reference"))
    document = docx.Document()
    props = document.core_properties
    props.author, props.created, props.modified, props.revision = "Information Governance Team", FIXED, FIXED, 1
    header = document.sections[0].header.paragraphs[0]
    header.text = "\n".join(line.strip() for line in lines[:head_end] if line.strip())
    num_id = _add_lettered_numbering(document)
    body = "\n".join(lines[head_end:])
    table_match = re.search(r"\n\s+2016/17\s+2017/18\n(.*?Total.*?)\n", body, re.S)
    before, after = body[: table_match.start()], body[table_match.end():]
    _add_blocks(document, paragraphs(before), num_id)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, value in zip(table.rows[0].cells, ("Team", "2016/17", "2017/18")):
        cell.text = value
    for row in table_match.group(1).splitlines():
        label, first, second = re.match(r"\s*(.*?)\s{2,}(\d+)\s+(\d+)", row).groups()
        for cell, value in zip(table.add_row().cells, (label, first, second)):
            cell.text = value
    _add_blocks(document, paragraphs(after), num_id)
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue())


_HEADINGS = ("Your request", "Our response", "Your rights")


def _add_blocks(document, blocks: list[str], num_id: str) -> None:
    """Headings as headings; the quoted questions "(a) ..." under "Your request" as list items."""
    asking = False
    for block in blocks:
        if block in _HEADINGS:
            document.add_heading(block, level=2)
            asking = block == "Your request"
        elif asking and re.match(r"\([a-z]\) ", block):
            _number(document.add_paragraph(block[4:], style="List Paragraph"), num_id)
        else:
            document.add_paragraph(block)


# ---------------------------------------------------------------- zip and labels

def fixed_zip(data: bytes) -> bytes:
    """The same archive with every member's timestamp fixed, so bytes do not change per run."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return make_zip([(info.filename, source.read(info)) for info in source.infolist()])


def make_zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def eskdown_zip() -> bytes:
    """A response as downloaded from an FOI site: the body's folder, letter plus data file."""
    csv = "Financial year,Amount received (GBP)\r\n2017/18 (part year),27480\r\n2018/19,43650\r\n"
    return make_zip([(ZIP_LETTER, eskdown_pdf()), (ZIP_DATA, csv.encode("utf-8"))])


def write_labels() -> list[dict]:
    labels = []
    for line in (CORPUS / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else None
        if record and record["doc"] in RENAMES:
            labels.append({**record, "doc": RENAMES[record["doc"]]})
    labels.sort(key=lambda r: r["doc"])
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in labels)
    (OUT / "labels.jsonl").write_text(lines, encoding="utf-8")
    return labels


def missing_anchors(labels: list[dict]) -> list[str]:
    """Anchors not found (as word sequences) in the text foi-nlp reads from the samples."""
    texts = {d.doc: words(d.text) for d in iter_documents([OUT]) if not isinstance(d, dict)}
    problems = []
    for record in labels:
        got = texts.get(record["doc"])
        if got is None:
            problems.append(f"{record['doc']}: not read")
            continue
        for answer in record["answers"]:
            for key in ("question_start", "question_end", "answer_start", "answer_end"):
                if answer.get(key) and not contains_words(got, words(answer[key])):
                    problems.append(f"{record['doc']} q{answer['q']} {key}: {answer[key]!r}")
    return problems


def main() -> int:
    OUT.mkdir(exist_ok=True)
    (OUT / SEED_PDF).write_bytes(seed_pdf())
    (OUT / LOWFIELD_PDF).write_bytes(lowfield_pdf())
    (OUT / DOCX_NAME).write_bytes(corringshire_docx())
    (OUT / ZIP_NAME).write_bytes(eskdown_zip())
    labels = write_labels()
    problems = missing_anchors(labels)
    for problem in problems:
        print("anchor missing:", problem, file=sys.stderr)
    print(f"wrote {len(labels)} documents to {OUT.relative_to(ROOT)}; {len(problems)} anchors missing")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
