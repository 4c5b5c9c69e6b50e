"""The HTML report used as a reader uses it, in real headless chromium driven over DevTools: on a phone, printed,
with the keyboard, by its table of contents, with the badges' text readable.

Without chromium these tests skip, except in CI (env CI set), where they fail (report_helpers.chromium).
"""
from __future__ import annotations

import base64
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from pipeline.labels import OUTCOMES, load_scheme
from pipeline.report import build_report
from pipeline.report.html import _ink
from report_helpers import MYSOCIETY, Browser, chromium, pdf_pages, record, roundrobin_page, write_jsonl

PHONE = 375
PRINT_WIDTH = 718  # A4 at 96 dpi less chromium's default print margins
URL = "https://www.example-council.gov.uk/council-and-democracy/freedom-of-information/disclosure-log/?year=2019&month=all&page=1"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return roundrobin_page(tmp_path_factory.mktemp("use"), "Round-robin 2019")


@pytest.fixture()
def browser() -> Iterator[Browser]:
    chromium()
    driven = Browser()
    yield driven
    driven.close()


def _wide_round(folder: Path) -> Path:
    """Ten questions to three bodies, one of which gives a long URL as its answer and evidence, one a very long name."""
    bodies = ("Aldermouth City Council", "Brindlemoor District Council",
              "The Joint Committee of the Combined Authority of the North Eastern Shires and the Outer Isles")
    records = []
    for n in range(1, 11):
        question = f"Question {n}: do you publish a disclosure log of topic number {n} for the public?"
        for i, body in enumerate(bodies):
            answer = f"Yes, see {URL}" if i == 0 else "The information is not held."
            records.append(record(body, str(n), question, answer, "provided" if i == 0 else "partially_provided",
                                  ("specific_budget", "no_official_strategy"), evidence=answer))
    return write_jsonl(folder / "wide.jsonl", records)


def test_a_phone_shows_the_page_without_sideways_scrolling(page: Path, browser: Browser) -> None:
    """At 375px the page is as wide as the screen (the table of contents wraps: its links had no space between them,
    one unbreakable line 437px wide) and the matrix scrolls inside its own box; the script throws nothing."""
    browser.resize(PHONE, 800)
    browser.open(page)
    assert browser.eval("document.documentElement.scrollWidth") <= PHONE
    assert browser.eval("Math.max(...Array.from(document.querySelectorAll('nav a')).map(a => a.getBoundingClientRect().right))") <= PHONE
    box = browser.eval("(() => {const s = document.querySelector('#matrix .scroll'); return [s.clientWidth, s.scrollWidth];})()")
    assert box[0] <= PHONE < box[1], "the matrix should scroll within its box"
    assert browser.console_errors() == []


def test_printing_keeps_every_table_on_the_page(tmp_path: Path, browser: Browser) -> None:
    """Printed on A4, no table runs off the page's edge: not the matrix of ten questions (badges that would not wrap
    made it 1,400px), not the evidence with a long URL (one unbreakable word); and the PDF is made."""
    out = build_report(predictions=[_wide_round(tmp_path)], out=tmp_path / "wide.html", title="Ten questions").out
    browser.open(out)
    browser.send("Emulation.setEmulatedMedia", media="print")
    browser.resize(PRINT_WIDTH, 1000)
    tables = browser.eval("Array.from(document.querySelectorAll('table')).map(t => "
                          "[t.closest('section').id, Math.round(t.getBoundingClientRect().right)])")
    assert {section for section, _ in tables} >= {"matrix", "evidence"}
    assert [(section, right) for section, right in tables if right > PRINT_WIDTH] == []
    assert browser.eval("document.documentElement.scrollWidth") <= PRINT_WIDTH
    pdf = browser.send("Page.printToPDF", paperWidth=8.27, paperHeight=11.69)["data"]
    assert len(pdf) > 10_000


def test_the_contents_list_every_section(tmp_path: Path, browser: Browser) -> None:
    """Each link of the contents lands on a section, and each section is in the contents: the answers outside the
    compared questions and the documents that could not be read were on the page but not in it."""
    records = [record("Aldermouth City Council", "1", "Your budget for modern slavery?", "£5,000."),
               record("Brindlemoor District Council", "1", "Your budget for modern slavery?", "None.", "not_held"),
               record("Brindlemoor District Council", "7", "How many parking tickets did you issue?", "12,000.")]
    records.append({"doc": "broken.pdf", "error": "cannot read: encrypted PDF"})
    request = tmp_path / "request.txt"
    request.write_text("1. Your budget for tackling modern slavery?\n", "utf-8")
    out = build_report(predictions=[write_jsonl(tmp_path / "p.jsonl", records)], out=tmp_path / "r.html", request=request).out
    browser.open(out)
    links = browser.eval("Array.from(document.querySelectorAll('nav a')).map(a => a.getAttribute('href').slice(1))")
    sections = browser.eval("Array.from(document.querySelectorAll('body > section')).map(s => s.id)")
    assert "unmatched" in sections and "errors" in sections
    assert links == sections
    for target in links:
        browser.eval(f"document.querySelector('nav a[href=\"#{target}\"]').click()")
        assert browser.eval("location.hash") == f"#{target}"
        assert browser.eval(f"Math.abs(document.getElementById('{target}').getBoundingClientRect().top) < 2 || "
                            "innerHeight + scrollY >= document.documentElement.scrollHeight - 2")


def test_sorting_filtering_and_cells_work_from_the_keyboard(page: Path, browser: Browser) -> None:
    """Tab reaches the filter, the column headers and the cells; Enter sorts, an arrow key filters, Enter opens a cell."""
    browser.open(page)
    reached = []
    for _ in range(12):
        browser.press("Tab")
        reached.append(browser.eval("document.activeElement.tagName + '#' + (document.activeElement.dataset.col || document.activeElement.id)"))
    assert "SELECT#filter" in reached and "BUTTON#3" in reached and "SUMMARY#" in reached
    browser.eval("document.querySelector('thead button[data-col=\"3\"]').focus()")
    browser.press("Enter")
    assert browser.eval("document.querySelector('thead button[data-col=\"3\"]').parentNode.getAttribute('aria-sort')") == "ascending"
    assert browser.eval("document.querySelector('#matrix-table tbody tr').dataset.name") == "aldermouth city council"
    browser.eval("document.getElementById('filter').focus()")
    browser.press("ArrowDown")
    browser.press("ArrowDown")
    assert browser.eval("document.getElementById('filter').value") == browser.eval("document.getElementById('filter').options[2].value") != ""
    assert browser.eval("document.getElementById('shown').textContent").endswith("of 12 bodies shown")
    assert browser.eval("Array.from(document.querySelectorAll('#matrix-table tbody tr')).filter(r => !r.hidden).length") < 12
    browser.eval("document.querySelector('#matrix-table tbody tr:not([hidden]) summary').focus()")
    browser.press("Enter")
    assert browser.eval("document.activeElement.parentNode.open") is True
    assert browser.console_errors() == []


def _luminance(colour: str) -> float:
    """WCAG 2's relative luminance of #rrggbb, written out here so the test does not lean on the code it checks."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_filled_badges_text_is_readable() -> None:
    """Every outcome's filled badge has text at WCAG AA contrast (4.5:1), so it reads on screen and in a greyscale
    print: a brightness cut-off had put white on not held's grey (2.96:1) and refused exemption's salmon (2.89:1)."""
    scheme = load_scheme()
    for label in OUTCOMES:
        colour = scheme.colour(label.name)
        ink = {"#000": "#000000", "#fff": "#ffffff"}[_ink(colour)]
        assert _contrast(colour, ink) >= 4.5, (label.name, colour, ink)


def _hrefs_on_disk(browser: Browser, selector: str) -> list[tuple[str, str, bool]]:
    """Each source link under `selector` as (its text, its href as written, whether the browser's resolved URL is a
    file that exists): what a reader clicking it would open."""
    links = browser.eval(f"Array.from(document.querySelectorAll({selector!r})).map(a => [a.textContent, a.getAttribute('href'), a.href])")
    found = []
    for text, written, resolved in links:
        url = urlparse(resolved)
        found.append((text, written, url.scheme == "file" and Path(unquote(url.path)).is_file()))
    return found


def test_source_files_link_to_the_letters_when_report_classified_the_folder(tmp_path: Path, browser: Browser) -> None:
    """Given the folder of replies, the report knows where each letter is: every source name in the evidence links
    to it, relative to the page, so the folder with the report in it can be moved (or zipped) and the links still
    open the letters. Awkward names (spaces, &, <, #, %, quotes, a "javascript:" name) stay relative file links."""
    share = tmp_path / "share"
    replies = share / "replies"
    (replies / "Ormsley & <Co> #1").mkdir(parents=True)
    names = {"aberdeenshire-council.txt": "plain.txt", "adur-district-council.txt": "javascript:alert(1).txt",
             "braintree-district-council.txt": "Ormsley & <Co> #1/100% \"final\" reply.txt"}
    for source, name in names.items():
        shutil.copy(MYSOCIETY / source, replies / name)
    build_report(predictions=[replies], out=share / "report.html", request=MYSOCIETY / "request.txt")
    moved = shutil.move(str(share), str(tmp_path / "elsewhere"))
    browser.open(Path(moved) / "report.html")
    links = _hrefs_on_disk(browser, "#evidence td.src a")
    assert sorted({text for text, _, _ in links}) == sorted(names.values())
    assert [(text, written) for text, written, exists in links if not exists] == []
    assert all(written.startswith("replies/") and ":" not in written for _, written, _ in links)
    rows = browser.eval("document.querySelectorAll('#evidence tbody tr').length")
    assert len(links) == rows, "every evidence row names its letter as a link"
    assert browser.eval("document.querySelectorAll('.pop .src a').length") == rows


def test_source_files_of_classify_output_link_with_the_folder_classify_read(tmp_path: Path, browser: Browser) -> None:
    """A .jsonl's doc is relative to the folder classify read, which the record does not say: without --docs the
    names stay plain text; with it they link, from a report in another folder, to the files that exist. A doc not in
    the folder (moved since) or climbing out of it with ".." stays plain text rather than a link that opens nothing
    or something else."""
    replies = tmp_path / "replies"
    (replies / "Brindlemoor").mkdir(parents=True)
    (replies / "aldermouth.txt").write_text("Aldermouth City Council\n1. £5,000.\n", "utf-8")
    (replies / "Brindlemoor" / "reply #2.txt").write_text("Brindlemoor\n1. None.\n", "utf-8")
    (tmp_path / "outside.txt").write_text("not a reply of this round\n", "utf-8")
    question = "Your budget for modern slavery?"
    records = [record("Aldermouth City Council", "1", question, "£5,000.", doc="aldermouth.txt"),
               record("Brindlemoor District Council", "1", question, "None.", "not_held", doc="Brindlemoor/reply #2.txt"),
               record("Carrowby Council", "1", question, "£100.", doc="carrowby.txt"),
               record("Dunstowe Council", "1", question, "£200.", doc="../outside.txt")]
    predictions = write_jsonl(tmp_path / "predictions.jsonl", records)
    plain = build_report(predictions=[predictions], out=tmp_path / "out" / "plain.html").out
    browser.open(plain)
    assert browser.eval("document.querySelectorAll('#evidence td.src a').length") == 0
    assert browser.eval("document.querySelectorAll('#evidence td.src').length") == 4
    linked = build_report(predictions=[predictions], out=tmp_path / "out" / "linked.html", docs=[replies]).out
    browser.open(linked)
    links = _hrefs_on_disk(browser, "#evidence td.src a")
    assert sorted(links) == [("Brindlemoor/reply #2.txt", "../replies/Brindlemoor/reply%20%232.txt", True),
                             ("aldermouth.txt", "../replies/aldermouth.txt", True)]
    texts = browser.eval("Array.from(document.querySelectorAll('#evidence td.src')).map(td => td.textContent)")
    assert sorted(texts) == ["../outside.txt", "Brindlemoor/reply #2.txt", "aldermouth.txt", "carrowby.txt"]


def test_the_contents_call_each_section_by_its_heading(tmp_path: Path, browser: Browser) -> None:
    """Each link of the contents reads as the heading it leads to ("Matrix" led to "Who said what", "Charts" to
    "Labels per question"): a reader scanning the page for the name they clicked finds it."""
    question = "Your budget for modern slavery?"
    now = [record("Aldermouth City Council", "1", question, "£5,000.", exemptions=("43",)),
           record("Brindlemoor District Council", "1", question, "None.", "not_held"),
           record("Brindlemoor District Council", "7", "How many parking tickets did you issue?", "12,000."),
           {"doc": "broken.pdf", "error": "cannot read: encrypted PDF"}]
    before = [record("Aldermouth City Council", "1", question, "Not held.", "not_held")]
    request = tmp_path / "request.txt"
    request.write_text("1. Your budget for tackling modern slavery?\n", "utf-8")
    out = build_report(predictions=[write_jsonl(tmp_path / "now.jsonl", now)], out=tmp_path / "r.html", request=request,
                       compare_with=[write_jsonl(tmp_path / "2019 & before.jsonl", before)]).out
    browser.open(out)
    pairs = browser.eval("Array.from(document.querySelectorAll('nav a')).map(a => "
                         "[a.textContent, document.querySelector(a.getAttribute('href') + ' > h2').textContent])")
    headings = browser.eval("Array.from(document.querySelectorAll('body > section > h2')).map(h => h.textContent)")
    assert [link for link, _ in pairs] == headings
    assert [(link, heading) for link, heading in pairs if link != heading] == []
    assert {"Who said what", "Labels per question", "Changes since 2019 & before", "Answers outside the compared questions",
            "Documents that could not be read"} <= set(headings)


_WORDS = ("The council does not hold a separate budget for this work, which is met from the service's general budget "
          "and shared between two officers who also deal with data protection and complaints").split()


def _big_round(folder: Path, bodies: int) -> Path:
    """`bodies` councils answering four questions each with a sentence of 8 to 30 words (as real replies run)."""
    questions = ("How many people deal with FOI?", "What is the FOI budget?", "Which case software do you use?",
                 "Do you publish a disclosure log?")
    records = []
    for b in range(bodies):
        name = f"{('North', 'South', 'East', 'West')[b % 4]} Aldermouth {b} Metropolitan Borough Council"
        for q, question in enumerate(questions, 1):
            answer = " ".join(_WORDS[: 8 + (b * 7 + q * 5) % 23]) + "."
            records.append(record(name, str(q), question, answer, doc=f"{name.lower().replace(' ', '-')}.txt"))
    return write_jsonl(folder / "big.jsonl", records)


def test_printing_a_large_round_keeps_the_evidence_compact(tmp_path: Path, browser: Browser) -> None:
    """Printed on A4, 80 councils' evidence (320 answers) does not run to dozens of pages: one row per answer in a
    narrow column made the 110-council report 52 pages, 37 of them evidence, and this round 47 (19 now). Every
    answer's evidence and its source name are still printed."""
    out = build_report(predictions=[_big_round(tmp_path, 80)], out=tmp_path / "big.html", title="Eighty councils").out
    browser.open(out)
    pages = pdf_pages(base64.b64decode(browser.send("Page.printToPDF", paperWidth=8.27, paperHeight=11.69)["data"]))
    assert pages <= 24, f"{pages} A4 pages"
    browser.send("Emulation.setEmulatedMedia", media="print")
    browser.resize(PRINT_WIDTH, 1000)
    missing = browser.eval("Array.from(document.querySelectorAll('#evidence tbody tr')).filter(r => "
                           "r.getBoundingClientRect().height === 0 || !r.innerText.includes(r.querySelector('.src').textContent)"
                           " || !r.innerText.includes(r.querySelector('.long').textContent.trim())).length")
    assert browser.eval("document.querySelectorAll('#evidence tbody tr').length") == 320 and missing == 0
