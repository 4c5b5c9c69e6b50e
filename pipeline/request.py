"""The request as sent: its numbered questions. (Placeholder: the segmentation helper owns this module.)"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RequestQuestion:
    q: str
    text: str


@dataclass
class Request:
    questions: list[RequestQuestion] = field(default_factory=list)


def parse_request(text: str) -> Request:
    """Find the numbered questions of a request's text."""
    return Request()


def load_request(path: str | Path) -> Request:
    """Read a request file (any format the readers know) and parse its questions."""
    from .readers import read_path

    return parse_request(read_path(path).text)
