"""Turn one file's bytes into text: one reader per format, chosen by extension.

(Initial version: the readers helper extends it with cleaning, zip, spreadsheets,
DOCX numbering and error handling.)
"""
from __future__ import annotations

import email
import email.policy
import io
from pathlib import Path

from charset_normalizer import from_bytes

from .documents import Attachment, Document, ReadError


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding: UTF-8 (with or without BOM) first, then detect."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best)
    return data.decode("cp1252", errors="replace")


def html_text(markup: str) -> str:
    """Visible text of an HTML page."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return soup.get_text("\n")


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    if not text.strip():
        raise ReadError("PDF has no text layer (a scan?): it needs OCR first")
    return text


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def eml_document(name: str, data: bytes) -> Document:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    if body is not None and body.get_content_type() == "text/html":
        text = html_text(text)
    headers = {k: str(msg[k]) for k in ("From", "To", "Date", "Subject") if msg[k]}
    return Document(doc=name, text=text, fmt="eml", headers=headers, attachments=[])


def read_bytes(name: str, data: bytes) -> Document:
    """Read a document given its file name (for the format) and its bytes."""
    suffix = Path(name).suffix.lower()
    if suffix in (".txt", ".md", ""):
        return Document(doc=name, text=decode_text(data), fmt=suffix.lstrip(".") or "txt")
    if suffix in (".html", ".htm"):
        return Document(doc=name, text=html_text(decode_text(data)), fmt="html")
    if suffix == ".pdf":
        return Document(doc=name, text=pdf_text(data), fmt="pdf")
    if suffix == ".docx":
        return Document(doc=name, text=docx_text(data), fmt="docx")
    if suffix == ".eml":
        return eml_document(name, data)
    raise ReadError(f"unsupported file type {suffix!r}")


def read_path(path: str | Path, doc: str | None = None) -> Document:
    """Read a file from disk; `doc` is the identifier to record (defaults to the path)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file ({exc.strerror})") from exc
    document = read_bytes(path.name, data)
    document.doc = doc if doc is not None else str(path)
    return document
