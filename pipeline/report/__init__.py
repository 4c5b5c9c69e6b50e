"""The report stage: who said what, side by side (issue 5). See build.build_report."""
from .build import Report, build_report, summary_from_records
from .records import ReportError

__all__ = ["Report", "ReportError", "build_report", "summary_from_records"]
