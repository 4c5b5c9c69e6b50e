"""Facts in an answer. (Placeholder: the metadata helper owns this module.)"""
from __future__ import annotations

from typing import Any

from .documents import Attachment


def find_facts(text: str, attachments: list[Attachment] | tuple[Attachment, ...] = ()) -> dict[str, Any]:
    """Money, years, URLs, attachments, operations, units and data files of an answer."""
    return {}
