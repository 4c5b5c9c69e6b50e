"""The report stage: classify records in, every body's answers side by side out (HTML, Markdown, CSV).

records reads predictions (or classifies documents first), align finds the canonical
questions and maps answers to them, summary builds the body x question table,
headlines and charts say what it shows, compare lines up two rounds, and html,
markdown and csvout write the file. Start at build.py; the HTML is written in html.py.
"""
from .build import Report, build_report, headlines_from_records, summary_from_records
from .records import ReportError

__all__ = ["Report", "ReportError", "build_report", "headlines_from_records", "summary_from_records"]
