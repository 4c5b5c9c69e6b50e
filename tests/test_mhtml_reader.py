"""Web pages saved as one file (.mhtml, .mht) read as the page they hold (pipeline/read/mhtml.py).

tests/replies/saved-disclosure-log-page.mhtml is what headless Chromium 156 wrote for
saved-disclosure-log-page.html beside it (with a stylesheet and a logo, since gone): DevTools'
Page.captureSnapshot(format="mhtml"), which "Save as... Webpage, Single File" calls. Until
2026-12-07 such a file was "unsupported file type '.mhtml'".
"""
from __future__ import annotations

import json
import quopri
import re
from pathlib import Path

from fixtures_files import eml_bytes, zip_bytes
from typer.testing import CliRunner

from cli import app
from pipeline.documents import Document
from pipeline.read import read_bytes
from pipeline.read.sources import iter_documents

REPLIES = Path(__file__).resolve().parent / "replies"
SAVED = REPLIES / "saved-disclosure-log-page.mhtml"
PAGE = REPLIES / "saved-disclosure-log-page.html"
runner = CliRunner()


def extract(*paths: Path) -> tuple[list[dict], str, int]:
    """`foi-nlp extract` on the paths: its records, its stderr and its exit code."""
    result = runner.invoke(app, ["extract", *map(str, paths)])
    return [json.loads(line) for line in result.stdout.splitlines()], result.stderr, result.exit_code


def without_doc(records: list[dict]) -> list[dict]:
    return [{key: value for key, value in record.items() if key != "doc"} for record in records]


def test_a_page_saved_as_one_file_gives_what_the_page_gives() -> None:
    assert SAVED.read_bytes().startswith(b"From: <Saved by Blink>\r\n")  # Chrome's own bytes, not a hand copy
    assert b"Content-Transfer-Encoding: quoted-printable" in SAVED.read_bytes()
    saved, errors, code = extract(SAVED)
    page, _, _ = extract(PAGE)
    assert code == 0 and "1 documents, 1 answers, 0 failed" in errors
    assert saved[0]["doc"] == str(SAVED)
    assert without_doc(saved) == without_doc(page)
    record = saved[0]
    assert record["question"].startswith("How many hours a week was each of the council's branch libraries")
    assert record["answer"].startswith("The council's six branch libraries were open for 212 hours")
    assert "Café" in record["answer"] and "£1,240,000" in record["answer"]  # quoted-printable UTF-8 decoded
    assert record["responder"] == "Thornbury Vale District Council"  # the footer, kept as the page's header
    document = read_bytes(SAVED.name, SAVED.read_bytes())
    assert document.fmt == "mhtml" and document.text == read_bytes(PAGE.name, PAGE.read_bytes()).text
    assert not re.search(r"cookies|Skip to|Bins and recycling|Related pages|Saved by Blink", document.text)


def test_the_part_named_as_the_root_is_read_in_the_charset_its_part_declares() -> None:
    # Internet Explorer and Word wrote .mht files whose page part names its charset only in its
    # Content-Type; a `start` parameter names the page when a frame comes first.
    page = "<html><body><p>1. Ile wniosków złożono?</p><p>Złożono 12 wniosków w Łodzi.</p></body></html>"
    mht = (
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="=_b"; type="text/html"; start="<page>"\r\n\r\n'
        '--=_b\r\nContent-Type: text/html; charset="utf-8"\r\nContent-ID: <frame>\r\n\r\n<p>An advert frame</p>\r\n'
        '--=_b\r\nContent-Type: text/html; charset="windows-1250"\r\nContent-ID: <page>\r\n'
        'Content-Transfer-Encoding: quoted-printable\r\n\r\n'
    ).encode() + quopri.encodestring(page.encode("cp1250")) + b"\r\n--=_b--\r\n"
    document = read_bytes("strona.mht", mht)
    assert document.text == "1. Ile wniosków złożono?\n\nZłożono 12 wniosków w Łodzi."


def test_a_broken_saved_page_is_one_error_line_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a-good.mhtml").write_bytes(SAVED.read_bytes())
    (tmp_path / "not-mime.mhtml").write_bytes(PAGE.read_bytes())  # an .html renamed: no MIME headers
    (tmp_path / "no-page.mht").write_bytes(
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n")
    records, errors, code = extract(tmp_path)
    assert code == 1 and "3 documents, 1 answers, 2 failed" in errors
    assert [line for line in errors.splitlines() if line.startswith("error: ")] == [
        "error: no-page.mht: no HTML page in the MHTML file (it holds image/png)",
        "error: not-mime.mhtml: not an MHTML file (no MIME Content-Type of a saved web page)"]
    assert [r["doc"] for r in records if "answer" in r] == ["a-good.mhtml"]


def test_a_saved_page_in_a_zip_or_an_email_is_read_as_the_page(tmp_path: Path) -> None:
    saved = SAVED.read_bytes()
    bundle = tmp_path / "bundle.zip"
    bundle.write_bytes(zip_bytes({"FOI 8830.mhtml": saved, "Thornbury Vale/FOI 8830 response.mht": saved,
                                  "Thornbury Vale/opening hours.csv": b"Year,Hours\n2019,212\n2024,168\n"}))
    found = {d.doc: d for d in iter_documents([tmp_path]) if isinstance(d, Document)}
    page = read_bytes(PAGE.name, PAGE.read_bytes()).text
    assert sorted(found) == ["bundle.zip/FOI 8830.mhtml", "bundle.zip/Thornbury Vale/FOI 8830 response.mht"]
    assert found["bundle.zip/FOI 8830.mhtml"].text == page
    letter = found["bundle.zip/Thornbury Vale/FOI 8830 response.mht"]
    assert letter.text == page and letter.body == "Thornbury Vale"  # the letter, the data file its attachment
    assert [a.name for a in letter.attachments] == ["opening hours.csv"]
    records, _, code = extract(tmp_path)
    assert code == 0 and [r["answer"][:40] for r in records] == ["The council's six branch libraries were "] * 2
    mail = read_bytes("reply.eml", eml_bytes("Please find our reply attached.",
                                             attachments=[("FOI 8830.mhtml", saved, "application/x-mimearchive")]))
    assert "----- Attachment: FOI 8830.mhtml -----" in mail.text and "212 hours a week" in mail.text
