"""Split a response into questions and answers. (Placeholder: the segmentation helper owns this module.)"""
from __future__ import annotations

from .documents import Segment
from .request import Request


def segment(text: str, request: Request | None = None) -> list[Segment]:
    """Question/answer pairs in document order."""
    return [Segment(q="1", question="", answer=" ".join(text.split()), flags=["no_questions_found"])]
