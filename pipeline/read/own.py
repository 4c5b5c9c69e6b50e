"""foi-nlp's own outputs, known by a mark in their first bytes, so a folder they were written into
is not read back as replies.

A user who runs `foi-nlp report replies/ --out replies/report.html`, or sends `classify --format csv`
into the same folder, would otherwise find a "report.html" body in the next run's table. Reports carry
the marks below (the writers in pipeline/report import them); the CSV tables are known by their header,
which no reply's spreadsheet starts with. A test writes each output with the real writers and reads the
folder back, keeping the marks and the headers in step.
"""
from __future__ import annotations

import re
from pathlib import Path

GENERATOR = "foi-nlp"
HTML_MARK = f'<meta name="generator" content="{GENERATOR}">'
MARKDOWN_MARK = f"<!-- written by {GENERATOR}: a report, not a reply -->"
# The first columns of extract/classify records (doc, body, ...; "error" second when the first document
# failed) and of report tables (body, reply_status, ...).
_CSV_HEADER = re.compile(rb"doc,(error,)?body,|body,reply_status,")
_HEAD = 4096  # a mark sits in a file's first bytes


def own_output(name: str, data: bytes) -> str | None:
    """What foi-nlp output `data` is ("report", "table"), or None for anything else."""
    suffix = Path(name).suffix.lower()
    head = data[:_HEAD].lstrip(b"\xef\xbb\xbf")
    if suffix in (".html", ".htm") and HTML_MARK.encode() in head:
        return "report"
    if suffix in (".md", ".markdown", ".txt") and head.startswith(MARKDOWN_MARK.encode()):
        return "report"
    if suffix == ".csv" and _CSV_HEADER.match(head):
        return "table"
    return None
