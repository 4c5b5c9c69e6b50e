"""The report's headlines for the end of `classify`: plain rows a caller prints as it likes.

Kept apart from the report package's renderers so `classify` can show the same
sentences the report will, without writing a file.
"""
from __future__ import annotations

from typing import Any

from .labels import Scheme
from .report import summary_from_records
from .report.headlines import Headline, question_headlines


def headlines(records: list[dict[str, Any]], *, request: Any = None, scheme: Scheme | None = None) -> list[Headline]:
    """Per canonical question: its key, short title and sentences with counts (empty list if nothing was classified)."""
    summary = summary_from_records(records, request=request, scheme=scheme)
    return question_headlines(summary) if summary.bodies else []
