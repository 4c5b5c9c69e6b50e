"""Walk the paths a user gives and yield documents. (Placeholder: the readers helper owns this module.)"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .documents import Document, ReadError, error_record
from .readers import read_path

SUPPORTED = {".txt", ".md", ".html", ".htm", ".eml", ".pdf", ".docx"}


def iter_documents(paths: list[Path]) -> Iterator[Document | dict[str, Any]]:
    """Documents (or error records) for every file under `paths`, in a stable order."""
    for root in paths:
        root = Path(root)
        files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED) if root.is_dir() else [root]
        for path in files:
            doc = str(path.relative_to(root)) if root.is_dir() else str(path)
            try:
                yield read_path(path, doc)
            except ReadError as exc:
                yield error_record(doc, str(exc))
