"""Walking folders: flat responses, a folder per body, collections, archives, stable order."""
from __future__ import annotations

from pathlib import Path

from fixtures_files import LETTER, docx_bytes, eml_bytes, pdf_bytes, scan_pdf_bytes, xlsx_bytes, zip_bytes

from pipeline.documents import Document
from pipeline.read.sources import iter_documents

COUNCILS = 12


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def docs(paths) -> list[Document]:
    return [d for d in iter_documents(paths) if isinstance(d, Document)]


def by_doc(paths) -> dict[str, Document | dict]:
    return {(d.doc if isinstance(d, Document) else d["doc"]): d for d in iter_documents(paths)}


def test_roundrobin_gives_one_document_per_council_with_its_attachments(roundrobin_dir) -> None:
    found = by_doc([roundrobin_dir / "responses"])
    assert all(isinstance(d, Document) for d in found.values())
    assert len(found) == COUNCILS
    netherford = found["Borough of Netherford Council/NBC-FOI-2019-0788 Response.pdf"]
    assert netherford.body == "Borough of Netherford Council"
    assert [(a.name, bool(a.text)) for a in netherford.attachments] == [("Modern Slavery Statement 2019.pdf", True)]
    harnshire = found["Harnshire County Council/FOI 4471 response letter.docx"]
    assert harnshire.attachments[0].sheets[0].header[0] == "Type of exploitation"
    carrowby = found["East Carrowby District Council/Freedom of Information response ECDC 2019-118.eml"]
    assert [a.name for a in carrowby.attachments] == ["NRM referrals 2017-2019.csv"]  # attached and saved: once


def test_corpus_root_walks_the_roundrobin_collection_and_skips_its_kit(corpus_dir) -> None:
    found = by_doc([corpus_dir])
    errors = [d for d in found.values() if isinstance(d, dict)]
    assert errors == []
    assert "seed-west-midlands-police-2013.txt" in found
    bodies = [d for d in found if d.startswith("roundrobin/responses/")]
    assert len(bodies) == COUNCILS
    for kit in ("GUIDE.md", "labels.jsonl", "validate.py", "roundrobin/README.md", "roundrobin/request.txt",
                "roundrobin/check.py", "roundrobin/labels.jsonl"):
        assert kit not in found
    assert "formats/eskdown-police-foi-2018-1147.zip/Eskdown Police/FOI 2018-1147 response.pdf" in found


def test_flat_files_and_body_folders(tmp_path) -> None:
    write(tmp_path / "b-reply.txt", LETTER)
    write(tmp_path / "a-reply.pdf", pdf_bytes([LETTER]))
    body = tmp_path / "Some NHS Trust"
    write(body / "Trust policy on data.pdf", pdf_bytes(["Policy text. Freedom of Information."]))
    write(body / "Response letter.pdf", pdf_bytes([LETTER]))
    write(body / "annexes" / "figures.xlsx", xlsx_bytes({"Data": [["Year", "Count"], [2019, 3]]}))
    write(body / ".DS_Store", b"\x00\x01junk")
    found = docs([tmp_path])
    assert [d.doc for d in found] == ["a-reply.pdf", "b-reply.txt", "Some NHS Trust/Response letter.pdf"]
    letter = found[2]
    assert letter.body == "Some NHS Trust" and "The team has 12 staff." in letter.text
    assert [(a.name, a.is_data) for a in letter.attachments] == [
        ("annexes/figures.xlsx", True), ("Trust policy on data.pdf", False)]


def test_letter_is_found_by_its_text_when_names_say_nothing(tmp_path) -> None:
    body = tmp_path / "Council"
    write(body / "doc1.pdf", pdf_bytes(["Chapter 1. Our strategy for 2019 to 2022.\nGoals and priorities."]))
    write(body / "doc2.docx", docx_bytes(lambda d: [d.add_paragraph(line) for line in LETTER.splitlines()]))
    assert [d.doc for d in docs([tmp_path])] == ["Council/doc2.docx"]


def test_scanned_letter_gives_its_error_rather_than_a_policy_as_letter(tmp_path) -> None:
    body = tmp_path / "Council"
    write(body / "FOI 123 response.pdf", scan_pdf_bytes())
    write(body / "Safeguarding policy.pdf", pdf_bytes(["Safeguarding policy text."]))
    [record] = list(iter_documents([tmp_path]))
    assert record["doc"] == "Council/FOI 123 response.pdf" and "OCR" in record["error"]


def test_email_letter_and_data_only_body(tmp_path) -> None:
    write(tmp_path / "A Council" / "RE FOI request.eml", eml_bytes(LETTER))
    write(tmp_path / "B Council" / "figures.csv", "Year,Count\n2019,3\n")
    found = by_doc([tmp_path])
    assert found["A Council/RE FOI request.eml"].headers["Subject"] == "Your FOI request FOI-123"
    data = found["B Council/figures.csv"]
    assert data.fmt == "csv" and data.body == "B Council" and data.attachments[0].sheets[0].rows == 1


def test_subfolder_with_marker_or_only_subfolders_is_a_collection(tmp_path) -> None:
    kit = tmp_path / "round2"
    write(kit / "README.md", "# About this round")
    write(kit / "request.txt", "1. How many staff?")
    write(kit / "labels.jsonl", "{}")
    write(kit / "responses" / "X Council" / "reply.txt", LETTER)
    write(kit / "responses" / "Y Council" / "reply.txt", LETTER)
    assert [d.doc for d in docs([tmp_path])] == ["round2/responses/X Council/reply.txt",
                                                 "round2/responses/Y Council/reply.txt"]


def test_zip_given_or_found_is_walked_in_memory(tmp_path) -> None:
    archive = zip_bytes({"reply.txt": LETTER.encode(), "Some Trust/Response.pdf": pdf_bytes([LETTER]),
                         "Some Trust/data.csv": b"a,b\n1,2\n", "__MACOSX/._reply.txt": b"\x00"})
    write(tmp_path / "in" / "bundle.zip", archive)
    found = docs([tmp_path / "in"])
    assert [d.doc for d in found] == ["bundle.zip/reply.txt", "bundle.zip/Some Trust/Response.pdf"]
    assert found[1].body == "Some Trust" and found[1].attachments[0].name == "data.csv"
    given = docs([tmp_path / "in" / "bundle.zip"])
    prefix = f"{tmp_path}/in/bundle.zip"
    assert [d.doc for d in given] == [f"{prefix}/reply.txt", f"{prefix}/Some Trust/Response.pdf"]


def test_zip_inside_a_body_folder_belongs_to_the_body(tmp_path) -> None:
    write(tmp_path / "Council" / "response.zip", zip_bytes({"FOI 9 response.txt": LETTER.encode(),
                                                            "annex.csv": b"a,b\n1,2\n"}))
    [document] = docs([tmp_path])
    assert document.doc == "Council/response.zip/FOI 9 response.txt"
    assert [a.name for a in document.attachments] == ["response.zip/annex.csv"]


def test_order_is_stable_and_case_insensitive(tmp_path) -> None:
    for name in ("b.txt", "A.txt", "c.txt"):
        write(tmp_path / name, LETTER)
    first = [d.doc for d in docs([tmp_path])]
    assert first == ["A.txt", "b.txt", "c.txt"] == [d.doc for d in docs([tmp_path])]


def test_file_given_directly_keeps_the_path_as_given(tmp_path, monkeypatch) -> None:
    path = write(tmp_path / "reply.txt", LETTER)
    monkeypatch.chdir(tmp_path)
    assert [d.doc for d in docs([Path("reply.txt")])] == ["reply.txt"]
    assert [d.doc for d in docs([path])] == [str(path)]


def test_email_that_carried_the_saved_letter_is_the_response(tmp_path) -> None:
    letter = pdf_bytes([LETTER])
    write(tmp_path / "Council" / "FOI-123 Response.pdf", letter)
    write(tmp_path / "Council" / "Your request.eml",
          eml_bytes("Please find our response attached.",
                    attachments=[("FOI-123 Response.pdf", letter, "application/pdf")]))
    [document] = docs([tmp_path])
    assert document.doc == "Council/Your request.eml" and document.headers["Subject"] == "Your FOI request FOI-123"
    assert "The team has 12 staff." in document.text
    assert [a.name for a in document.attachments] == ["FOI-123 Response.pdf"]


def test_a_large_folder_is_listed_in_little_memory(tmp_path) -> None:
    """The listing of a folder lives as long as the run, so what it keeps per file is small: its name
    and a few shared references, not a path object and a loader each (636 bytes a file before)."""
    import tracemalloc

    import pipeline.read.sources as sources
    from pipeline.read.sources import iter_pending

    files = 3000
    for i in range(files):
        (tmp_path / f"{i:05d}-a-police-force-reply-to-request.txt").write_text("Dear Sir\n")
    tracemalloc.start(25)
    try:
        pending = iter_pending([tmp_path])
        first = next(pending)
        # What the walk allocated and holds, through whatever it called (pytest's own allocations meanwhile are not the listing's).
        own = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, sources.__file__, all_frames=True)])
        held = sum(stat.size for stat in own.statistics("filename"))
        assert held / files < 260, f"{held / files:.0f} bytes held per file listed"  # 220 on Python 3.11
        rest = list(pending)
    finally:
        tracemalloc.stop()
    units = [first, *rest]
    assert len(units) == files
    assert [u.read()[0].doc for u in units[:2]] == [f"{i:05d}-a-police-force-reply-to-request.txt" for i in range(2)]
    assert units[-1].read()[0].text.startswith("Dear Sir")


def test_what_foi_nlp_wrote_into_the_folder_is_not_read_back_as_replies(tmp_path) -> None:
    """A report or table written beside the replies (`report replies/ --out replies/report.html`,
    `classify replies/ --format csv > replies/out.csv`) must not become a body of the next run; a
    reply's own spreadsheet still does, and a report given by name says what it is."""
    from typer.testing import CliRunner

    from cli import app

    write(tmp_path / "first reply.txt", LETTER)
    write(tmp_path / "Second Council" / "response.pdf", pdf_bytes([LETTER]))
    write(tmp_path / "Second Council" / "figures.csv", "Year,Count\n2019,3\n")
    runner = CliRunner()
    outputs = ["report.html", "report.md", "table.csv", "wide.csv", "predictions.csv", "records.csv",
               "Second Council/report.html"]
    for args in (["report", str(tmp_path), "--out", str(tmp_path / "report.html")],
                 ["report", str(tmp_path), "--out", str(tmp_path / "report.md")],
                 ["report", str(tmp_path), "--out", str(tmp_path / "table.csv")],
                 ["report", str(tmp_path), "--wide", "--out", str(tmp_path / "wide.csv")],
                 ["classify", str(tmp_path), "--format", "csv", "--out", str(tmp_path / "predictions.csv")],
                 ["extract", str(tmp_path), "--format", "csv", "--out", str(tmp_path / "records.csv")],
                 ["report", str(tmp_path), "--out", str(tmp_path / "Second Council" / "report.html")]):
        assert runner.invoke(app, args).exit_code == 0, args
    assert all((tmp_path / name).stat().st_size > 0 for name in outputs)
    found = by_doc([tmp_path])
    assert set(found) == {"first reply.txt", "Second Council/response.pdf"}
    assert [a.name for a in found["Second Council/response.pdf"].attachments] == ["figures.csv"]
    failed_first = write(tmp_path / "failed first.csv", "doc,error,body,q,answer\na.pdf,not a PDF file,,,\n")
    assert [d["error"] for d in by_doc([failed_first]).values()] == ["written by foi-nlp (its table), not a reply"]
    given = by_doc([tmp_path / "report.html"])
    assert [d["error"] for d in given.values()] == ["written by foi-nlp (its report), not a reply"]


def test_a_page_saved_complete_is_one_response_without_its_files_folder(tmp_path) -> None:
    # A browser's "Save page as... Web page, complete" writes "X.htm" and "X_files/" (styles, scripts,
    # images, and frames saved as .html): the folder is the page's, not a body of its own.
    page = "<html><body><h1>Request 51</h1><p>1. How many ferries? Four ferries.</p></body></html>"
    write(tmp_path / "Harbour board FOI 51.htm", page)
    write(tmp_path / "Harbour board FOI 51_files" / "site.css", "p{margin:0}")
    write(tmp_path / "Harbour board FOI 51_files" / "analytics.js", "var a=1;")
    write(tmp_path / "Harbour board FOI 51_files" / "saved_resource.html", "<p>Loading map...</p>")
    write(tmp_path / "Quay authority" / "reply.html", page)
    write(tmp_path / "Quay authority" / "reply_files" / "frame.html", "<p>Accept cookies</p>")
    write(tmp_path / "Quay authority" / "Tonnage.csv", "Year,Tonnes\n2020,5\n")
    write(tmp_path / "Other_files" / "letter.txt", "A body's folder that merely ends in _files.")
    found = list(iter_documents([tmp_path]))
    assert [getattr(d, "doc", None) or d["doc"] for d in found] == [
        "Harbour board FOI 51.htm", "Other_files/letter.txt", "Quay authority/reply.html"]
    assert [a.name for a in found[2].attachments] == ["Tonnage.csv"]
