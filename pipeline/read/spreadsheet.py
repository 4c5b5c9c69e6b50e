"""Spreadsheets (CSV, XLSX): the shape of each sheet (header, rows, columns), not its text.

Data files sent with a response are described, not classified; a sheet's header is
found past any title line, and workbooks are read in read-only mode so memory stays flat.
"""
from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator
from pathlib import Path

from ..documents import Attachment, Document, Sheet
from .archive import open_zip
from .limits import DEFAULT_LIMITS, Limits
from .text import decode_text


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _table_sheet(name: str, rows: Iterator[tuple]) -> Sheet:
    """Shape of a table. The header is the first row with two or more cells filled (a
    one-cell title line above a table is not a header); `rows` counts the rows below it."""
    filled_rows: list[list[str]] = []
    count = columns = 0
    for row in rows:
        cells = [_cell_text(v) for v in row]
        filled = [i for i, cell in enumerate(cells) if cell]
        if not filled:
            continue
        count += 1
        columns = max(columns, filled[-1] + 1)
        if len(filled_rows) < 20:
            filled_rows.append(cells[: filled[-1] + 1])
    if not filled_rows:
        return Sheet(name=name, rows=0, columns=0)
    wide = [i for i, cells in enumerate(filled_rows) if sum(1 for c in cells if c) >= min(2, columns)]
    at = wide[0] if wide else 0
    return Sheet(name=name, rows=count - at - 1, columns=columns, header=filled_rows[at])


def csv_sheet(name: str, text: str) -> Sheet:
    """The shape of a CSV file, whatever its delimiter."""
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return _table_sheet(Path(name).stem, csv.reader(io.StringIO(text), dialect))


def xlsx_sheets(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[Sheet]:
    """The shape of every worksheet of an Excel workbook (read-only: memory stays flat)."""
    import openpyxl

    open_zip(data, limits, "XLSX")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [_table_sheet(ws.title, ws.iter_rows(values_only=True)) for ws in workbook.worksheets]
        finally:
            workbook.close()


def _data_document(name: str, fmt: str, sheets: list[Sheet]) -> Document:
    return Document(doc=name, text="", fmt=fmt, attachments=[Attachment(Path(name).name, sheets=sheets)])


def read_csv(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    """A CSV file as a Document holding its sheet."""
    return _data_document(name, "csv", [csv_sheet(name, decode_text(data))])


def read_xlsx(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    """An Excel workbook as a Document holding its sheets."""
    return _data_document(name, "xlsx", xlsx_sheets(data, limits))
