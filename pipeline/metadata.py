"""Who answered, when, under which reference and law. (Placeholder: the metadata helper owns this module.)"""
from __future__ import annotations

from dataclasses import dataclass

from .documents import Document


@dataclass
class Metadata:
    responder: str | None = None
    reference: str | None = None
    date: str | None = None
    act: str | None = None


def find_metadata(document: Document, text: str) -> Metadata:
    """Responder, reference, ISO date and act of a response."""
    return Metadata()
