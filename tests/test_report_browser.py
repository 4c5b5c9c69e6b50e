"""The HTML report in a real headless browser (Debian's chromium): it renders, its script works, text stays text.

Screenshots go to tests/artifacts/ (gitignored) for a person to look at. Without
chromium these tests skip, except in CI (env CI set), where they fail.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline.report import build_report
from report_helpers import ARTIFACTS, MYSOCIETY, chromium, dump_dom, record, roundrobin_page, screenshot, write_jsonl


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return roundrobin_page(tmp_path_factory.mktemp("browser"), "Round-robin 2019 (gold labels)")


def _rows(dom: str) -> list[str]:
    body = dom.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<tr data-name="([^"]+)"', body)


def test_matrix_headlines_and_charts_render(page: Path) -> None:
    dom = dump_dom(page)
    assert len(_rows(dom)) == 12
    assert dom.count('<article class="headline">') == 4  # the replies as a whole, then one per question
    assert "Replies as a whole (12 bodies): 6 gave part of what was asked (partially successful)" in dom
    assert "9 of 12 bodies provided the information or an answer" in dom
    # 3 label charts, 3 value charts (money, names, counts) and the exemptions chart
    assert dom.count("<svg") == 7 and dom.count("<figure") == 6 and dom.count('<g class="bar">') > 30
    assert re.search(r'class="controls js-only"(?! hidden)', dom), "the script did not reveal the controls"
    assert "12 of 12 bodies shown" in dom
    desktop = screenshot(page, ARTIFACTS / "report-desktop.png", 1280, 2200)
    phone = screenshot(page, ARTIFACTS / "report-phone.png", 390, 2400)
    assert desktop.stat().st_size > 20_000 and phone.stat().st_size > 20_000


def test_values_show_in_cells_and_summaries(page: Path) -> None:
    dom = dump_dom(page)
    values = dom.split('<section id="values">', 1)[1].split("</section>", 1)[0]
    assert "9 councils gave a number of referrals: median 7 (range 0–36); 2 of them said zero." in values
    assert "6 of 12 councils named one; most named:" in values
    assert values.count("<svg") == 3
    matrix = dom.split('<section id="matrix">', 1)[1]
    marlgate = matrix.split('data-name="london borough marlgate"', 1)[1].split("</tr>", 1)[0]
    assert '<span class="value"' in marlgate and "Marlgate Modern Slavery Strategy 2018–2021" in marlgate
    assert re.search(r'<span class="value"[^>]*>6,500</span>', matrix)


def test_sorting_and_filtering_work(page: Path, tmp_path: Path) -> None:
    driver = (
        "<script>document.querySelector('thead button[data-col=\"3\"]').click();"
        "var f=document.getElementById('filter');f.value='refused_exemption';f.dispatchEvent(new Event('change'));</script>"
    )
    driven = tmp_path / "driven.html"
    driven.write_text(page.read_text("utf-8").replace("</body>", driver + "</body>"), "utf-8")
    dom = dump_dom(driven)
    # Q3 sorted by GUIDE.md's outcome order: refused on cost, refused under an exemption, not held, then provided.
    assert _rows(dom)[:3] == ["aldermouth city council", "brindlemoor district council", "gorsedene district council"]
    assert 'aria-sort="ascending"' in dom
    assert "2 of 12 bodies shown" in dom
    visible = re.findall(r'<tr data-name="([^"]+)">', dom.split("<tbody>", 1)[1])
    assert sorted(visible) == ["brindlemoor district council", "wrenmoor metropolitan borough council"]


def test_script_in_a_response_shows_as_text(tmp_path: Path) -> None:
    chromium()
    attack = "<script>document.title='pwned'</script><b>bold?</b>"
    records = [
        record("Attacker Council", "1", "Your budget for tackling modern slavery?", f"We say {attack}", evidence=attack),
        record("Honest Council", "1", "Your budget for tackling modern slavery?", "None.", "not_held"),
    ]
    out = build_report(predictions=[write_jsonl(tmp_path / "p.jsonl", records)], out=tmp_path / "attack.html", title="Attack test").out
    dom = dump_dom(out)
    assert "<title>Attack test</title>" in dom and "pwned</title>" not in dom.split("<body", 1)[0]
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;b&gt;bold?&lt;/b&gt;" in dom
    assert "<b>bold?</b>" not in dom
    screenshot(out, ARTIFACTS / "report-escaping.png", 1000, 900)


@pytest.fixture(scope="module")
def real_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real round-robin classified end to end: 24 of mySociety's councils, with the request."""
    chromium()
    from pipeline.classify import classify_paths
    from pipeline.extract import load_request

    folder = tmp_path_factory.mktemp("mysociety")
    replies = folder / "replies"
    replies.mkdir()
    for path in sorted(MYSOCIETY.glob("*.txt"))[:24]:
        shutil.copy(path, replies / path.name)
    records = list(classify_paths([replies], request=load_request(MYSOCIETY / "request.txt")))
    predictions = write_jsonl(folder / "predictions.jsonl", records)
    return build_report(predictions=[predictions], out=folder / "report.html", request=MYSOCIETY / "request.txt",
                        title="mySociety FOI administration (24 councils)").out


def test_real_round_robin_values_render(real_page: Path) -> None:
    dom = dump_dom(real_page)
    assert len(_rows(dom)) == 24
    values = dom.split('<section id="values">', 1)[1].split("</section>", 1)[0]
    assert values.count("<svg") >= 3 and "publish a disclosure log (" in values and "gave a number of people: median" in values
    matrix = dom.split('<section id="matrix">', 1)[1].split("</section>", 1)[0]
    cells = re.findall(r'<span class="value"[^>]*>([^<]+)</span>', matrix)
    assert cells.count("yes") + cells.count("no") >= 24 and any(c.replace(".", "").isdigit() for c in cells)
    screenshot(real_page, ARTIFACTS / "report-mysociety.png", 1280, 2400)


def test_a_column_of_numbers_sorts_by_the_numbers(tmp_path: Path) -> None:
    """Clicking a question whose cells give counts ranks the bodies by the count (after the refusals, which come
    first in GUIDE.md's order), not alphabetically among bodies that all provided; clicking again reverses it."""
    chromium()
    question = "How many lifeboat call-outs were there?"
    records = [record(name, "1", question, f"{n} call-outs.") for name, n in
               (("Anchor Council", 30), ("Breakwater Council", 4), ("Cove Council", 120), ("Dune Council", 4.5))]
    records.append(record("Estuary Council", "1", question, "Refused.", "refused_cost", exemptions=("12",)))
    for row, n in zip(records, (30, 4, 120, 4.5)):
        row.update(value=n, value_kind="count", value_detail={"low": n, "high": n})
    page = build_report(predictions=[write_jsonl(tmp_path / "p.jsonl", records)], out=tmp_path / "r.html").out
    for clicks, expected in ((1, ["estuary council", "breakwater council", "dune council", "anchor council", "cove council"]),
                             (2, ["cove council", "anchor council", "dune council", "breakwater council", "estuary council"])):
        driver = "<script>" + "document.querySelector('thead button[data-col=\"1\"]').click();" * clicks + "</script>"
        driven = tmp_path / f"driven{clicks}.html"
        driven.write_text(page.read_text("utf-8").replace("</body>", driver + "</body>"), "utf-8")
        assert _rows(dump_dom(driven)) == expected
