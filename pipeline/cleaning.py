"""Clean text before segmenting. (Placeholder: the segmentation helper owns this module.)"""
from __future__ import annotations


def clean(text: str, fmt: str = "txt") -> str:
    """Return `text` with page furniture removed and lines re-flowed into paragraphs."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
