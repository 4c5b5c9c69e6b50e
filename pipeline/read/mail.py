"""E-mail messages (.eml): the body, the headers, and every attachment read.

A response often arrives as an e-mail whose letter is attached: the text of
attached letters and annexes is appended after the body under a marker, data files
become sheets, and zips inside the message are read (within the nesting limit).
"""
from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path, PurePosixPath

from ..documents import Attachment, Document, ReadError
from .html import html_text
from .limits import Limits
from .text import decode_text, looks_binary

_HEADERS = ("From", "To", "Date", "Subject")
_MAIL_MARKERS = ("from", "to", "date", "subject", "content-type", "mime-version", "message-id", "received", "cc")
# Attachments of an e-mail whose text is part of the response (appended after the body).
_APPENDED = frozenset({".pdf", ".docx", ".txt", ".md", ".html", ".htm", ".mhtml", ".mht"})


def _headers(msg) -> dict[str, str]:
    """From/To/Date/Subject, decoded; a header the parser chokes on is kept raw."""
    raw = {}
    for key, value in msg.raw_items():
        raw.setdefault(key.lower(), str(value))
    headers = {}
    for key in _HEADERS:
        try:
            value = msg[key]
        except Exception:  # malformed header: email's parser has many ways to fail
            value = raw.get(key.lower())
        if value:
            headers[key] = re.sub(r"\s+", " ", str(value)).strip()
    return headers


def _part_text(part) -> str:
    """A text part's content, whatever its charset label claims."""
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except Exception:  # unknown charset, broken base64 or quoted-printable
        pass
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    try:
        return decode_text(payload)
    except ReadError:
        return ""


def _mail_body(msg) -> tuple[str, object | None]:
    """The text/plain body, else the HTML body as text; and the part it came from."""
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        part = None
    if part is None:
        return "", None
    text = _part_text(part)
    if part.get_content_type() == "text/html":
        text = html_text(text)
    return text.replace("\r\n", "\n"), part


def _mail_attachments(msg, body_part, limits: Limits, depth: int) -> list[Attachment]:
    """Every attached file, read: text for letters and annexes, sheets for data."""
    from .dispatch import read_attachment  # here, not at the top: dispatch imports this module

    attachments = []
    for index, part in enumerate(msg.walk(), start=1):
        if part is body_part or part.is_multipart():
            continue
        filename, disposition = part.get_filename(), part.get_content_disposition()
        inline = disposition != "attachment"
        if inline and (not filename or part.get_content_maintype() == "image"):
            continue  # body alternatives, and inline images such as signature logos
        payload = part.get_payload(decode=True)
        name = PurePosixPath((filename or f"attachment-{index}").replace("\\", "/")).name
        if not payload:
            attachments.append(Attachment(name, error="empty attachment"))
            continue
        attachments.extend(read_attachment(name, lambda data=payload: data, limits=limits, depth=depth + 1))
    return attachments


def _appended_text(body: str, attachments: list[Attachment]) -> str:
    """The body followed by the text of attached letters and annexes, each under a clear marker."""
    parts = [body.strip("\n")]
    for attachment in attachments:
        if attachment.text and Path(attachment.name).suffix.lower() in _APPENDED:
            parts.append(f"----- Attachment: {attachment.name} -----\n\n{attachment.text.strip()}")
    return "\n\n".join(part for part in parts if part)


def read_eml(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    """An e-mail message as a Document: body and attached letters as text, headers, attachments."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    if not {key.lower() for key in msg.keys()} & set(_MAIL_MARKERS):
        raise ReadError("not an e-mail message (no mail headers)")
    body, part = _mail_body(msg)
    if looks_binary(body):
        raise ReadError("e-mail body is not text (binary data)")
    attachments = _mail_attachments(msg, part, limits, depth)
    return Document(doc=name, text=_appended_text(body, attachments), fmt="eml",
                    attachments=attachments, headers=_headers(msg))
