"""Property: the extract stage never raises. Any text gives records that keep the JSONL
contract; any bytes under any extension give records or one clean error (ReadError),
so `extract_documents` never has to fall back on its catch-all for them."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.documents import Attachment, Document, ReadError
from pipeline.extract import extract_document
from pipeline.output import to_jsonl
from pipeline.read import SUPPORTED, read_bytes

KEYS = ["doc", "body", "responder", "reference", "date", "act", "q", "question", "answer",
        "exemptions", "facts", "flags"]

# Pieces of real responses, so random text reaches the segmenter's and metadata's rules.
_FRAGMENTS = ["1.", "Q2", "Question 3:", "(a)", "iv)", "Response:", "Answer 1", "Dear Requester", "Yours sincerely",
              "Section 40(2) applies.", "Our ref: FOI/2024/123", "12 March 2024", "Freedom of Information Act 2000",
              "We do not hold this information.", "£1,200", "47 officers", "| a | b |", "\f", "\t", "    ", "--", "•"]
_LINE = st.one_of(st.text(max_size=80), st.sampled_from(_FRAGMENTS),
                  st.tuples(st.sampled_from(_FRAGMENTS), st.text(max_size=60)).map(" ".join))
TEXT = st.lists(_LINE, max_size=40).map("\n".join)
FORMATS = ["txt", "md", "html", "pdf", "docx", "eml", "csv", "xlsx", "zip"]
_PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"From: a@b\nSubject: FOI\n\n", b"<html><body><ol><li>",
             b"\xef\xbb\xbf1. ", b"\xff\xfe", b"q,answer\n"]


def _check_records(records: list[dict], doc: str) -> None:
    assert isinstance(records, list)
    for record in records:
        assert list(record) == KEYS and record["doc"] == doc
        assert isinstance(record["answer"], str) and isinstance(record["flags"], list)
        json.loads(to_jsonl(record))  # the contract: every record is one line of JSON


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, fmt=st.sampled_from(FORMATS),
       attachment=st.one_of(st.none(), st.builds(Attachment, name=st.text(min_size=1, max_size=20), text=st.text(max_size=200))))
def test_extract_document_on_any_text_gives_contract_records(text: str, fmt: str, attachment: Attachment | None) -> None:
    document = Document("fuzz." + fmt, text, fmt, attachments=[attachment] if attachment else [])
    _check_records(extract_document(document), "fuzz." + fmt)


@pytest.mark.parametrize("suffix", sorted(SUPPORTED))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(_PREFIXES),
       body=st.one_of(st.binary(max_size=2000), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_read_then_extract_any_bytes_gives_records_or_a_clean_error(suffix: str, prefix: bytes, body: bytes) -> None:
    name = "fuzz" + suffix
    try:
        document = read_bytes(name, prefix + body)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    _check_records(extract_document(document), name)
