"""Bad input never crashes a run: every broken file gives one error record naming the
reason, and the good files beside it are still read."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fixtures_files import LETTER, eml_bytes, pdf_bytes, scan_pdf_bytes, zip_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.documents import Document, ReadError
from pipeline.extract import extract_paths
from pipeline.read import SUPPORTED, Limits, read_bytes, read_path
from pipeline.read.sources import iter_documents

RANDOM = random.Random(6).randbytes(4096)
EXTENSIONS = sorted(SUPPORTED)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def results(paths, **kwargs) -> dict[str, Document | dict]:
    return {(d.doc if isinstance(d, Document) else d["doc"]): d for d in iter_documents(paths, **kwargs)}


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """The foundation issue's bad inputs beside two good responses."""
    good_pdf = pdf_bytes([LETTER])
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "random.txt", RANDOM)
    write(tmp_path / "truncated.pdf", good_pdf[: len(good_pdf) // 2])
    write(tmp_path / "scan.pdf", scan_pdf_bytes())
    write(tmp_path / "notes.xyz", "some notes")
    write(tmp_path / "good.txt", LETTER)
    write(tmp_path / "good.pdf", good_pdf)
    return tmp_path


EXPECTED_REASONS = {
    "empty.txt": "empty file",
    "random.txt": "not a text file",
    "truncated.pdf": "truncated",
    "scan.pdf": "needs OCR",
    "notes.xyz": "unsupported file type '.xyz'",
}


def test_each_bad_file_gives_an_error_record_and_good_files_are_read(mixed_folder: Path) -> None:
    found = results([mixed_folder])
    for name, reason in EXPECTED_REASONS.items():
        assert reason in found[name]["error"], name
        assert "\n" not in found[name]["error"]
    for name in ("good.txt", "good.pdf"):
        assert "The team has 12 staff." in found[name].text


def test_extract_passes_error_records_through(mixed_folder: Path) -> None:
    errors = {r["doc"]: r["error"] for r in extract_paths([mixed_folder]) if "error" in r}
    assert set(errors) == set(EXPECTED_REASONS)
    assert all(reason in errors[name] for name, reason in EXPECTED_REASONS.items())


def test_a_body_that_sent_only_a_spreadsheet_gets_a_record_saying_so(tmp_path: Path) -> None:
    """A body that answered with a CSV and no letter is not lost without a word: one error record names the
    file and says it is a data file alone; the other bodies' letters are read as ever."""
    write(tmp_path / "Northvale Council" / "reply.txt", LETTER)
    write(tmp_path / "Southmere Council" / "library-loans-2023.csv", "Branch,Loans\nCentral,41200\nEastgate,9800\n")
    records = list(extract_paths([tmp_path]))
    errors = [r for r in records if "error" in r]
    assert [r["doc"] for r in errors] == ["Southmere Council/library-loans-2023.csv"]
    assert errors[0]["error"].startswith("a data file alone, no letter (sheet 'library-loans-2023': 2 rows, 2 columns)")
    assert any(r["doc"].startswith("Northvale Council/") and "answer" in r for r in records)


def test_extract_size_limit_refuses_only_the_big_file(tmp_path: Path) -> None:
    write(tmp_path / "big.txt", LETTER + "x" * 5000)
    write(tmp_path / "small.txt", LETTER)
    records = list(extract_paths([tmp_path], max_bytes=len(LETTER.encode()) + 100))
    errors = {r["doc"]: r["error"] for r in records if "error" in r}
    assert list(errors) == ["big.txt"] and "size limit" in errors["big.txt"]
    assert any(r["doc"] == "small.txt" and "error" not in r for r in records)


@pytest.mark.parametrize("suffix", EXTENSIONS)
def test_random_bytes_under_every_extension_are_refused(suffix: str) -> None:
    with pytest.raises(ReadError):
        read_bytes(f"file{suffix}", RANDOM)


@pytest.mark.parametrize("suffix", EXTENSIONS)
def test_empty_file_under_every_extension(suffix: str) -> None:
    with pytest.raises(ReadError, match="empty file"):
        read_bytes(f"file{suffix}", b"")


def test_encrypted_and_textless_pdfs() -> None:
    with pytest.raises(ReadError, match="password"):
        read_bytes("locked.pdf", pdf_bytes(["x"], user_password="letmein"))
    with pytest.raises(ReadError, match="no text layer.*OCR"):
        read_bytes("scan.pdf", scan_pdf_bytes())


def test_corrupt_pdf_body_with_valid_markers() -> None:
    data = b"%PDF-1.7\n" + RANDOM + b"\n%%EOF\n"
    with pytest.raises(ReadError):
        read_bytes("broken.pdf", data)


def test_docx_that_is_not_a_zip_or_lacks_a_body() -> None:
    with pytest.raises(ReadError, match="not a DOCX file"):
        read_bytes("reply.docx", b"This is plain text saved as .docx")
    with pytest.raises(ReadError, match="no word/document.xml"):
        read_bytes("reply.docx", zip_bytes({"hello.txt": b"hi"}))


@pytest.mark.parametrize("data", [
    b"From: a@b\nSubject: x\nContent-Type: multipart/mixed\n\nno boundary at all\n",
    b"From: a@b\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n"
    b"Content-Transfer-Encoding: base64\n\n!!!not base64***\n--XX--\n",
    b"From: a@b\nContent-Type: text/plain; charset=klingon-9\n\nThe answer is no.\n",
    b"From: <<<@@@>>>\nTo: ,,,;;;\nDate: yesterday-ish\nSubject: =?utf-8?B?!!!?=\n\nBody text.\n",
    b"From: a@b\nContent-Type: multipart/alternative; boundary=\"A\"\n\n--A\nContent-Type: text/html\n\n"
    b"<p>Unclosed <b>html" + b"<div>" * 3000 + b"\n",
])
def test_malformed_mime_is_read_best_effort_or_refused_cleanly(data: bytes) -> None:
    try:
        document = read_bytes("broken.eml", data)
    except ReadError:
        return
    assert isinstance(document.text, str)


def test_malformed_mime_keeps_readable_text() -> None:
    document = read_bytes("x.eml", b"From: a@b\nContent-Type: text/plain; charset=klingon-9\n\nThe answer is no.\n")
    assert document.text.strip() == "The answer is no."


def test_html_nested_thousands_of_levels_deep() -> None:
    depth = 20000
    markup = "<html><body>" + "<div><span>" * depth + "deep answer" + "</span></div>" * depth + "<p>after</p>"
    assert read_bytes("deep.html", markup.encode()).text.split() == ["deep", "answer", "after"]


def test_email_with_deeply_nested_html_body() -> None:
    html = "<p>Dear Requester</p>" + "<div>" * 6000 + "We hold no information." + "</div>" * 6000
    assert "We hold no information." in read_bytes("x.eml", eml_bytes(None, html=html)).text


def test_size_limit_is_configurable_and_named(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 300_000)
    with pytest.raises(ReadError, match=r"file is 293 KB, over the 97\.7 KB size limit"):
        read_path(path, limits=Limits(max_bytes=100_000))
    record = results([tmp_path], max_bytes=200_000)["big.txt"]
    assert "size limit" in record["error"]
    assert results([tmp_path])["big.txt"].fmt == "txt"


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    bomb = zip_bytes({"bomb.txt": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    write(tmp_path / "bomb.zip", bomb)
    write(tmp_path / "good.txt", LETTER)
    found = results([tmp_path])
    assert "zip bomb" in found["bomb.zip"]["error"]
    assert isinstance(found["good.txt"], Document)
    with pytest.raises(ReadError, match="would unpack"):
        read_bytes("bomb.zip", zip_bytes({"a.txt": b"a" * 5000}), limits=Limits(max_unpacked=1000))


def test_zip_with_escaping_paths_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    archive = zip_bytes({"../escape.txt": LETTER.encode(), "/etc/absolute.txt": LETTER.encode(),
                         "ok/../../up.txt": LETTER.encode(), "reply.txt": LETTER.encode()})
    write(inbox / "evil.zip", archive)
    before = sorted(p for p in tmp_path.rglob("*"))
    found = results([inbox])
    assert sorted(p for p in tmp_path.rglob("*")) == before
    assert not (tmp_path / "escape.txt").exists() and not Path("/etc/absolute.txt").exists()
    refused = [doc for doc, d in found.items() if isinstance(d, dict)]
    assert len(refused) == 3 and all("unsafe path" in found[doc]["error"] for doc in refused)
    assert isinstance(found["evil.zip/reply.txt"], Document)


def test_zip_nested_too_deep_is_refused(tmp_path: Path) -> None:
    inner = zip_bytes({"reply.txt": LETTER.encode()})
    write(tmp_path / "outer.zip", zip_bytes({"middle.zip": zip_bytes({"inner.zip": inner})}))
    found = results([tmp_path])
    assert "nested" in found["outer.zip/middle.zip/inner.zip"]["error"]


def test_unreadable_file_gives_permission_error(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "locked.txt", LETTER)
    write(tmp_path / "open.txt", LETTER)
    real = Path.read_bytes

    def read_bytes_or_deny(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes_or_deny)
    found = results([tmp_path])
    assert found["locked.txt"]["error"] == "permission denied"
    assert isinstance(found["open.txt"], Document)


def test_unlistable_folder_gives_error_and_walk_carries_on(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "Secret Council" / "reply.txt", LETTER)
    write(tmp_path / "Open Council" / "reply.txt", LETTER)
    real = os.scandir

    def scandir_or_deny(path):
        if str(path).endswith("Secret Council"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir_or_deny)
    found = results([tmp_path])
    assert "permission denied" in found["Secret Council"]["error"]
    assert isinstance(found["Open Council/reply.txt"], Document)


# Root reads files whatever their permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): as root
# (CI), the walk runs in a process started without those two capabilities, so it is refused as a user is.
WITHOUT_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


def test_chmod_000_file_and_folder(tmp_path: Path) -> None:
    write(tmp_path / "locked.txt", LETTER)
    write(tmp_path / "Locked Council" / "reply.txt", LETTER)
    write(tmp_path / "open.txt", LETTER)
    (tmp_path / "locked.txt").chmod(0)
    (tmp_path / "Locked Council").chmod(0)
    try:
        if os.geteuid() == 0:
            assert shutil.which("setpriv"), "running as root, the permission test needs setpriv (util-linux)"
            walk = ("import json, sys; from pipeline.read.sources import iter_documents; "
                    "print(json.dumps([d if isinstance(d, dict) else {'doc': d.doc} for d in iter_documents([sys.argv[1]])]))")
            done = subprocess.run([*WITHOUT_DAC, sys.executable, "-c", walk, str(tmp_path)], capture_output=True,
                                  text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent, check=True)
            found = {d["doc"]: d for d in json.loads(done.stdout)}
        else:
            found = {k: v if isinstance(v, dict) else {"doc": v.doc} for k, v in results([tmp_path]).items()}
    finally:
        (tmp_path / "locked.txt").chmod(0o644)
        (tmp_path / "Locked Council").chmod(0o755)
    assert found["locked.txt"]["error"] == "permission denied"
    assert "permission denied" in found["Locked Council"]["error"]
    assert "error" not in found["open.txt"]


def test_symlink_loops_do_not_hang_the_walk(tmp_path: Path) -> None:
    write(tmp_path / "Council" / "reply.txt", LETTER)
    (tmp_path / "Council" / "again").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    found = results([tmp_path])
    assert "symlink loop" in found["Council/again"]["error"]
    assert "symbolic link" in found["loop-a"]["error"] and "symbolic link" in found["loop-b"]["error"]
    assert isinstance(found["Council/reply.txt"], Document)


def test_file_removed_during_the_run(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", LETTER)
    doomed = write(tmp_path / "b.txt", LETTER)
    write(tmp_path / "c.txt", LETTER)
    walk = iter_documents([tmp_path])
    assert next(walk).doc == "a.txt"
    doomed.unlink()
    second, third = next(walk), next(walk)
    assert second == {"doc": "b.txt", "error": "file not found (removed during the run?)"}
    assert third.doc == "c.txt"


def test_missing_path_given() -> None:
    missing = {"doc": "/no/such/folder", "error": "no such file or folder"}
    assert list(iter_documents([Path("/no/such/folder")])) == [missing]


def test_mixed_encodings_in_one_file(tmp_path: Path) -> None:
    data = "Costs: £5 – in UTF-8\n".encode() + "Costs: £7 – in Windows-1252\n".encode("cp1252")
    path = write(tmp_path / "mixed.txt", data)
    assert read_path(path).text == "Costs: £5 – in UTF-8\nCosts: £7 – in Windows-1252\n"


# ---------------------------------------------------------------- property: Document or ReadError, nothing else

_PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"From: a@b\nContent-Type: multipart/mixed; boundary=b\n\n--b\n",
             b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    suffix=st.sampled_from(EXTENSIONS),
    prefix=st.sampled_from(_PREFIXES),
    body=st.one_of(st.binary(max_size=3000), st.text(max_size=1500).map(lambda t: t.encode("utf-8", "surrogatepass"))),
)
def test_read_bytes_returns_a_document_or_raises_read_error(suffix: str, prefix: bytes, body: bytes) -> None:
    try:
        document = read_bytes(f"fuzz{suffix}", prefix + body)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(document, Document) and isinstance(document.text, str)


@settings(max_examples=60, deadline=None)
@given(members=st.dictionaries(st.sampled_from(["a.txt", "b.pdf", "c.docx", "d.csv", "e.eml", "f.zip", "g/h.html"]),
                               st.binary(max_size=500), max_size=4))
def test_random_zip_members_never_raise(members: dict[str, bytes]) -> None:
    data = zip_bytes(members, compression=zipfile.ZIP_STORED)
    try:
        read_bytes("fuzz.zip", data)
    except ReadError:
        pass
