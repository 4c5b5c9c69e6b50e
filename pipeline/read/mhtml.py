"""Web pages saved as one file (.mhtml, .mht): the HTML page inside, read as any saved page is.

Researchers save disclosure-log pages from the browser, and Chrome and Edge's "Save as...
Webpage, Single File" writes a MIME multipart/related message (RFC 2557): the page is its
root text/html part, quoted-printable or base64, sometimes with a charset, and images,
styles and frames follow. Only the page is read, by the HTML reader, so page chrome and
charsets are handled as for a saved .html; the message's own headers (the save date,
"<Saved by Blink>") say nothing about the reply and are not kept.
"""
from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from ..documents import Document, ReadError
from .html import page_document
from .limits import Limits


def _root_page(msg: EmailMessage) -> EmailMessage | None:
    """The page: the part the `start` parameter names, else the first text/html part (RFC 2557's
    root is the first part; later text/html parts are the page's frames)."""
    start = msg.get_param("start") if msg.is_multipart() else None
    pages = [part for part in msg.walk() if part.get_content_type() == "text/html"]
    named = [part for part in pages if start and part.get("Content-ID", "").strip() == str(start).strip()]
    return (named or pages or [None])[0]


def read_mhtml(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    """A saved single-file web page as the Document of the HTML page it holds."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    if msg.get("Content-Type") is None or msg.get_content_maintype() not in ("multipart", "text"):
        raise ReadError("not an MHTML file (no MIME Content-Type of a saved web page)")
    page = _root_page(msg)
    if page is None:
        kinds = sorted({part.get_content_type() for part in msg.walk() if not part.is_multipart()})
        raise ReadError(f"no HTML page in the MHTML file (it holds {', '.join(kinds) or 'no parts'})")
    payload = page.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise ReadError("the MHTML file's HTML page is empty")
    return page_document(name, payload, page.get_content_charset(), fmt="mhtml")
