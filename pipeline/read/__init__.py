"""The read stage: files and folders in, one Document (or error record) per response out.

`sources` walks the paths given (a folder per body, zips read in memory) and finds
each body's letter among its files; every other file is read as an attachment. The
walk can stop short of reading (`iter_pending`): each `Pending` unit is read later,
by `read()`, in this process or another (the classify stage's cluster workers), and its
`fingerprint()` (its files' paths and bytes) lets a cache skip the reading altogether.
Each format has its own reader (text, html, mhtml, pdf, docx, spreadsheet, mail, archive);
limits holds the size and archive ceilings they all enforce, and dispatch picks the
reader and turns every failure into a one-line ReadError; own knows the files foi-nlp
itself wrote (reports, tables), which a walk skips. Start at sources.py.
"""
from __future__ import annotations

from .archive import Member, open_zip, zip_members
from .dispatch import (
    DATA_FORMATS,
    DATA_SUFFIXES,
    LETTER_SUFFIXES,
    SUPPORTED,
    ignored_name,
    load_bytes,
    read_attachment,
    read_bytes,
    read_path,
)
from .docx import docx_text
from .html import html_text
from .limits import DEFAULT_LIMITS, MB, Limits, size_text
from .own import HTML_MARK, MARKDOWN_MARK
from .pdf import pdf_text
from .sources import Pending, iter_documents, iter_pending
from .spreadsheet import csv_sheet, xlsx_sheets
from .text import decode_text

__all__ = [
    "DATA_FORMATS", "DATA_SUFFIXES", "DEFAULT_LIMITS", "HTML_MARK", "LETTER_SUFFIXES", "MARKDOWN_MARK", "MB", "SUPPORTED",
    "Limits", "Member", "Pending", "csv_sheet", "decode_text", "docx_text", "html_text", "ignored_name",
    "iter_documents", "iter_pending", "load_bytes", "open_zip", "pdf_text", "read_attachment", "read_bytes",
    "read_path", "size_text", "xlsx_sheets", "zip_members",
]
