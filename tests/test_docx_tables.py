"""Word replies laid out as tables: each row of a "Question | Response" table stays one line with its own
cells, whatever the cells hold (line breaks, text boxes, a small table, tracked moves) or wrap them
(content controls); merged cells and section rows leave each answer whole."""
from __future__ import annotations

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.documents import Document
from pipeline.extract import extract_document, load_segmenter
from pipeline.modelfiles import default_model_dir
from pipeline.read import read_bytes
from fixtures_files import docx_bytes

W = nsdecls("w")
ASKS = ("How many taxi licences were issued in 2023?", "Do you keep a register of refusals?",
        "What did enforcement cost in 2023/24?")


def _rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if " | " in line]


def _table(document, answers) -> object:
    """A Question | Response table, one row per question, each response cell built by `answers[n](cell)`."""
    document.add_paragraph("Dear Requester, our response to your request is set out below.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Question", "Response"
    for n, (ask, answer) in enumerate(zip(ASKS, answers), 1):
        cells = table.add_row().cells
        cells[0].text = f"{n}. {ask}"
        answer(cells[1])
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("Licensing Team")
    return table


def _runs(cell, *xml: str) -> None:
    for part in xml:
        cell.paragraphs[0]._p.append(parse_xml(part))


def _run(text: str) -> str:
    return f'<w:r {W}><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_a_tracked_move_is_read_once_and_deleted_breaks_not_at_all() -> None:
    """Word keeps moved text twice (w:moveFrom where it was, w:moveTo where it is) and a deletion's
    line breaks in w:del: the reply as sent has the text once, where it now stands, and no break."""
    change = 'w:author="IG" w:date="2024-05-01T09:00:00Z"'

    def moved(cell) -> None:
        _runs(cell, f'<w:moveFrom {W} w:id="1" {change}>{_run("Issued by the licensing office. ")}</w:moveFrom>',
              _run("We issued 212. "),
              f'<w:moveTo {W} w:id="2" {change}>{_run("Issued by the licensing office.")}</w:moveTo>')

    def deleted(cell) -> None:
        _runs(cell, _run("Yes, "), f'<w:del {W} w:id="3" {change}><w:r><w:delText>kept on paper</w:delText><w:br/>'
              "</w:r></w:del>", _run("kept electronically."))

    text = read_bytes("reply.docx", docx_bytes(lambda d: _table(d, [moved, deleted, lambda c: setattr(c, "text", "£4,100.")]))).text
    assert _rows(text)[1:3] == [
        f"1. {ASKS[0]} | We issued 212. Issued by the licensing office.",
        f"2. {ASKS[1]} | Yes, kept electronically.",
    ]


def test_rows_and_cells_inside_content_controls_are_read() -> None:
    """Template forms wrap table rows (a repeating section) and cells in content controls: their text is the reply."""
    def build(document) -> None:
        table = _table(document, [lambda c, a=a: setattr(c, "text", a) for a in ("212.", "No.", "£4,100.")])
        rows = table._tbl.findall(qn("w:tr"))
        control = parse_xml(f"<w:sdt {W}><w:sdtPr/><w:sdtContent/></w:sdt>")
        rows[1].addprevious(control)
        control.find(qn("w:sdtContent")).append(rows[1])
        custom = parse_xml(f'<w:customXml {W} w:element="row"/>')
        rows[2].addprevious(custom)
        custom.append(rows[2])
        cell = rows[3].findall(qn("w:tc"))[1]
        control = parse_xml(f"<w:sdt {W}><w:sdtPr/><w:sdtContent/></w:sdt>")
        cell.addprevious(control)
        control.find(qn("w:sdtContent")).append(cell)

    assert _rows(read_bytes("reply.docx", docx_bytes(build)).text) == [
        "Question | Response", f"1. {ASKS[0]} | 212.", f"2. {ASKS[1]} | No.", f"3. {ASKS[2]} | £4,100."]


def test_line_breaks_and_text_boxes_in_a_cell_stay_in_its_row() -> None:
    """A soft line break (Shift+Enter) or a text box inside a response cell does not cut the row:
    the lines after it would stand outside the table, under no question."""
    def broken(cell) -> None:
        cell.paragraphs[0].add_run("2022: 190").add_break()
        cell.paragraphs[0].add_run("2023: 212")

    def boxed(cell) -> None:
        cell.text = "No."
        box = (f'<w:r {W}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
               "<w:p><w:r><w:t>Refusals are noted on each file.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>"
               "</w:pict></w:r>")
        _runs(cell, box)

    text = read_bytes("reply.docx", docx_bytes(lambda d: _table(d, [broken, boxed, lambda c: setattr(c, "text", "£4,100.")]))).text
    assert _rows(text) == ["Question | Response", f"1. {ASKS[0]} | 2022: 190 2023: 212",
                           f"2. {ASKS[1]} | No. Refusals are noted on each file.", f"3. {ASKS[2]} | £4,100."]


def _year_table(cell) -> None:
    cell.text = "By year:"
    inner = cell.add_table(rows=1, cols=2)
    inner.rows[0].cells[0].text, inner.rows[0].cells[1].text = "Year", "Licences"
    for year, count in (("2022", "190"), ("2023", "212")):
        row = inner.add_row().cells
        row[0].text, row[1].text = year, count


def test_a_table_inside_a_cell_stays_one_line_of_its_row() -> None:
    """A small Year | Count table in a response cell is read inside that cell, its rows apart from each
    other, and adds no " | " to the outer row (which would no longer line up with its header)."""
    answers = [_year_table, lambda c: setattr(c, "text", "No."), lambda c: setattr(c, "text", "£4,100.")]
    text = read_bytes("reply.docx", docx_bytes(lambda d: _table(d, answers))).text
    assert _rows(text) == ["Question | Response", f"1. {ASKS[0]} | By year: Year: Licences; 2022: 190; 2023: 212",
                           f"2. {ASKS[1]} | No.", f"3. {ASKS[2]} | £4,100."]
    answered = {record["q"]: record["answer"] for record in extract_document(Document("reply.docx", text, "docx"))}
    assert answered == {"1": "By year: Year: Licences; 2022: 190; 2023: 212", "2": "No.", "3": "£4,100."}


def _meals(document) -> None:
    """A No. | Question | Response table: a section row across all three columns, a question cell merged down
    over two response rows, and a row after a second section row whose question runs on ("If so, ...")."""
    document.add_paragraph("Dear Requester, our response to your request is set out below.")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("No.", "Question", "Response")):
        cell.text = text
    section = table.add_row()
    section.cells[0].merge(section.cells[2]).text = "Part 1 - Meals served"
    first, more = table.add_row().cells, table.add_row().cells
    first[0].text, first[1].text, first[2].text = "1", "How many school meals were served in 2022 and 2023?", "2022: 1.21 million meals."
    more[2].text = "2023: 1.34 million meals."
    first[0].merge(more[0]), first[1].merge(more[1])
    section = table.add_row()
    section.cells[0].merge(section.cells[2]).text = "Part 2 - Catering staff"
    row = table.add_row().cells
    row[0].text, row[1].text, row[2].text = "2", "Do you employ agency cooks? If so, please name the agency.", "No, every cook is employed directly."
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("School Meals Team")


@pytest.mark.parametrize("trained", [False, True], ids=["rules", "segmenter"])
def test_a_merged_question_cell_and_section_rows_leave_each_answer_whole(trained: bool) -> None:
    """The row under a merged question cell is the rest of its answer (no " | " from its empty cells), and a
    section row inside the table is in no answer and does not end the table, so the row under it still
    splits at its columns: its "If so, ..." is the question's, not the answer's."""
    text = read_bytes("reply.docx", docx_bytes(_meals)).text
    assert " |  | 2023: 1.34 million meals." in text.splitlines() and "Part 2 - Catering staff" in text.splitlines()
    segmenter = load_segmenter(default_model_dir()) if trained else None
    records = extract_document(Document("reply.docx", text, "docx"), segmenter=segmenter)
    assert [(r["q"], r["question"], r["answer"]) for r in records] == [
        ("1", "How many school meals were served in 2022 and 2023?", "2022: 1.21 million meals. 2023: 1.34 million meals."),
        ("2", "Do you employ agency cooks? If so, please name the agency.", "No, every cook is employed directly.")]


def _parts(document) -> None:
    """A Question | Response table of unnumbered questions in two parts; part 2 opens at the third question."""
    document.add_paragraph("Dear Requester, our response to your request is set out below.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Question", "Response"
    for ask, answer in (("Part 1 - Meals served", None), ("How many school meals were served in 2023?", "1.34 million meals."),
                        ("What does a primary school meal cost?", "£2.60 a day."), ("Part 2 - Catering staff", None),
                        ("Do you employ agency cooks?", "No, every cook is employed directly.")):
        row = table.add_row()
        if answer is None:
            row.cells[0].merge(row.cells[1]).text = ask
        else:
            row.cells[0].text, row.cells[1].text = ask, answer
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("School Meals Team")


@pytest.mark.parametrize("trained", [False, True], ids=["rules", "segmenter"])
def test_a_section_row_s_number_names_no_question(trained: bool) -> None:
    """"Part 2 - Catering staff" heads the rows under it; it does not number the question after it (the third)."""
    text = read_bytes("reply.docx", docx_bytes(_parts)).text
    segmenter = load_segmenter(default_model_dir()) if trained else None
    records = extract_document(Document("reply.docx", text, "docx"), segmenter=segmenter)
    assert [(r["q"], r["answer"]) for r in records] == [
        ("1", "1.34 million meals."), ("2", "£2.60 a day."), ("3", "No, every cook is employed directly.")]
