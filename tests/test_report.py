"""The report's tables, headlines, comparison and escaping, in CSV, Markdown and HTML."""
from __future__ import annotations

from collections import Counter
import csv
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.labels import OUTCOME_NAMES, STATUS_NAMES, load_scheme
from pipeline.read import MARKDOWN_MARK
from pipeline.report import ReportError, build_report
from pipeline.report.csvout import safe_text
from pipeline.report.headlines import OUTCOME_PHRASES, STATUS_PHRASES
from pipeline.report.records import from_records, normalise_name, resolve_scheme
from pipeline.extract.request import Request, RequestQuestion
from report_helpers import ROUNDROBIN, record, roundrobin_gold, write_jsonl

ROUNDROBIN_QUESTIONS = [
    ("1", "Budgets/funding or any other resources allocated by the Council to tackling modern slavery and human trafficking in the financial years 2017/18 and 2018/19"),
    ("2", "A copy of the Council's modern slavery strategy, policy or action plan, or any other document setting out what the Council will do"),
    ("3", "The number of referrals the Council made to the National Referral Mechanism (NRM) in each of the financial years 2017/18 and 2018/19"),
]
EVIL = '<script>alert("x")</script></script><img src=x onerror=alert(1)> | =HYPERLINK("http://evil") *bold*'


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def rr_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("rr") / "roundrobin.jsonl", roundrobin_gold())


def test_csv_is_one_row_per_body_and_question(rr_jsonl: Path, tmp_path: Path) -> None:
    report = build_report(predictions=[rr_jsonl], out=tmp_path / "rr.csv")
    rows = _csv((tmp_path / "rr.csv").read_text("utf-8"))
    scheme = load_scheme()
    assert report.fmt == "csv" and len(rows) == 12 * 3
    assert list(rows[0]) == ["body", "reply_status", "q", "question", "outcome", "value", "value_kind", *scheme.finding_names, "confidence", "exemptions",
                             "needs_review", "check_answer", "evidence", "source"]
    cell = next(r for r in rows if r["body"] == "Brindlemoor District Council" and r["q"] == "3")
    assert (cell["outcome"], cell["exemptions"], cell["statistics_provided"]) == ("refused_exemption", "40(2)", "no")
    assert cell["source"].startswith("Brindlemoor District Council/") and cell["evidence"]
    ormsley = next(r for r in rows if r["body"] == "Ormsley Council" and r["q"] == "1")
    assert [n for n in scheme.finding_names if ormsley[n] == "yes"] == ["specific_budget", "measures_referenced", "dedicated_unit", "statistics_provided"]


def test_roundrobin_csv_matches_the_readme_table_with_the_request(rr_jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a parsed request (stood in here until pipeline.extract.request parses it), the CSV matches the README cell for cell."""
    import pipeline.extract
    from check_roundrobin_report import compare_cells, parse_expected, read_report_csv

    request = Request([RequestQuestion(q, text) for q, text in ROUNDROBIN_QUESTIONS])
    monkeypatch.setattr(pipeline.extract, "load_request", lambda path: request)
    report = build_report(predictions=[rr_jsonl], out=tmp_path / "rr.csv", request=ROUNDROBIN / "request.txt")
    assert [q.key for q in report.summary.questions] == ["1", "2", "3"] and not report.summary.note
    expected = parse_expected((ROUNDROBIN / "README.md").read_text("utf-8"))
    assert len(expected) == 36
    assert compare_cells(expected, read_report_csv(tmp_path / "rr.csv")) == []


def test_check_script_reports_full_match_on_gold(capsys: pytest.CaptureFixture[str]) -> None:
    from check_roundrobin_report import main

    assert main(["--gold"]) == 0
    assert "36/36 expected cells match; 0 differences" in capsys.readouterr().out


def test_check_script_shows_a_differing_cell(rr_jsonl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from check_roundrobin_report import main

    records = roundrobin_gold()
    wrong = next(r for r in records if r["doc"].startswith("Kilverton") and r["q"] == "3")
    wrong["outcome"], wrong["findings"] = "not_held", []
    assert main(["--predictions", str(write_jsonl(tmp_path / "p.jsonl", records))]) == 1
    out = capsys.readouterr().out
    assert "DIFF kilverton district council Q3: expected provided (statistics_provided), report has not_held" in out
    assert "35/36 expected cells match" in out


def test_markdown_carries_headlines_matrix_and_evidence(rr_jsonl: Path, tmp_path: Path) -> None:
    build_report(predictions=[rr_jsonl], out=tmp_path / "rr.md", title="Round-robin")
    text = (tmp_path / "rr.md").read_text("utf-8")
    assert text.startswith(f"{MARKDOWN_MARK}\n# Round-robin\n")  # the mark keeps a later walk of the folder off it
    assert "9 of 12 bodies provided the information or an answer; 1 refused on cost grounds (section 12(1)); 1 refused under section 40(2)" in text
    assert re.search(r"^\| Brindlemoor District Council \| \*\*not\\_held\*\* \(no\\_specific\\_budget\) \|", text, re.M)
    assert "| 12(1) | 1 | 3 | Aldermouth City Council (Q1, Q2, Q3) |" in text
    assert "## Answers and evidence" in text and "Kilverton District Council/KDC FOI 084-19 response.pdf" in text


def test_exemptions_table_counts_bodies_then_answers(tmp_path: Path) -> None:
    """A council that turns the whole request down on cost has each of its answers labelled refused_cost under
    section 12; that is one body's refusal, not four uses of the section. The table leads with how many bodies
    cited each section, gives the answers in their own column, and ranks sections by bodies."""
    questions = ("How many parks?", "How many benches?", "How many bins?", "Who empties the bins?")
    rows = [record("Kestrel Council", str(k), text, "Cost limit.", "refused_cost", exemptions=("12",))
            for k, text in enumerate(questions, 1)]
    rows += [record("Lapwing Council", "2", questions[1], "Personal data.", "refused_exemption", exemptions=("40(2)",)),
             record("Merlin Council", "4", questions[3], "Commercial.", "refused_exemption", exemptions=("40(2)",)),
             record("Merlin Council", "1", questions[0], "Over the limit.", "refused_cost", exemptions=("12",))]
    predictions = write_jsonl(tmp_path / "p.jsonl", rows)
    request = tmp_path / "request.txt"
    request.write_text("Please tell me:\n\n" + "\n".join(f"{k}. {text}" for k, text in enumerate(questions, 1)) + "\n", "utf-8")
    text = build_report(predictions=[predictions], out=tmp_path / "r.md", request=request).out.read_text("utf-8")
    table = text.split("## Exemptions cited", 1)[1].split("##", 1)[0]
    assert "| Section | Bodies citing it | Answers citing it | Bodies (questions) |" in table
    assert table.index("| 12 | 2 | 5 | Kestrel Council (Q1, Q2, Q3, Q4); Merlin Council (Q1) |") \
        < table.index("| 40(2) | 2 | 2 | Lapwing Council (Q2); Merlin Council (Q4) |")
    page = build_report(predictions=[predictions], out=tmp_path / "r.html", request=request).out.read_text("utf-8")
    section = page.split('<section id="exemptions">', 1)[1].split("</section>", 1)[0]
    assert "<th>Bodies citing it</th><th>Answers citing it</th>" in section and "Times cited" not in section
    assert "<tr><td>12</td><td>2</td><td>5</td><td class=\"long\">Kestrel Council (Q1, Q2, Q3, Q4); Merlin Council (Q1)</td></tr>" in section
    # the chart's bars are bodies too: section 12's bar reads 2, and its title says what it counts
    assert "Exemption sections cited (bodies citing each)" in section
    assert re.search(r"section 12: 2 bodies, 5 answers: .*?</title>.*?class=\"chart-value\">2</text>", section)


def test_headline_wording_counts_and_number() -> None:
    records = [
        record("Alpha Council", "1", "Your budget for modern slavery work?", "No specific budget.", "not_held", ("no_specific_budget",)),
        record("Beta Council", "1", "Your budget for modern slavery work?", "Refused.", "refused_cost", exemptions=("12",), needs_review=True),
        record("Gamma Council", "1", "Your budget for modern slavery work?", "No specific budget.", "not_held", ("no_specific_budget",)),
        record("Gamma Council", "2", "Your strategy for modern slavery work?", "Attached.", "provided", ("strategy_exists",)),
        record("Delta Council", "2", "Your strategy for modern slavery work?", "Withheld.", "refused_exemption", exemptions=("31(1)(a)", "40(2)")),
    ]
    from pipeline.report import headlines_from_records

    overall, first, second = headlines_from_records(records)
    assert (overall.key, overall.title) == ("", "All questions")
    assert overall.sentences == ("Replies as a whole (4 bodies): 2 refused, giving nothing (rejected): Beta Council and Delta Council; "
                                 "1 gave part of what was asked (partially successful): Gamma Council; "
                                 "1 held none of it (not held): Alpha Council.",)
    assert first.sentences[0] == "2 of 3 bodies said the information is not held or does not exist; 1 refused on cost grounds (section 12)."
    assert first.sentences[1] == "What the 3 answers showed: no specific budget (2)."
    assert "1 answer is marked for review." in first.sentences
    assert "1 body of 4 gave no answer to it: Delta Council." in first.sentences
    # Equal counts follow GUIDE.md's rule order (refusals before provided).
    assert second.sentences[0] == "1 of 2 bodies refused under sections 31(1)(a) and 40(2); 1 provided the information or an answer."
    assert "2 bodies of 4 gave no answer to it: Alpha Council and Beta Council." in second.sentences


def test_a_body_that_answers_only_some_of_the_requests_questions_gave_part_of_what_was_asked() -> None:
    """With the request known, a reply that answers one of its three questions, however fully, did not answer
    every question: its status is partially successful, and the table and the headline agree."""
    asked = Request([RequestQuestion("1", "How many community centres does the council own?"),
                     RequestQuestion("2", "What rent does the council charge voluntary groups for a community centre?"),
                     RequestQuestion("3", "Has any community centre been sold since 2019?")])
    records = [record("Larkspur Council", str(n), asked.questions[n - 1].text, "An answer.") for n in (1, 2, 3)]
    records.append(record("Marigold Council", "2", asked.questions[1].text, "£12 an hour."))
    from pipeline.report import headlines_from_records
    from pipeline.report.build import summary_from_records

    statuses = {row.name: row.status for row in summary_from_records(records, request=asked).bodies}
    assert statuses == {"Larkspur Council": "successful", "Marigold Council": "partially_successful"}
    overall = headlines_from_records(records, request=asked)[0].sentences[0]
    assert "1 gave part of what was asked (partially successful): Marigold Council" in overall
    # without the request, the questions are only those found in the replies: nothing says it was asked all three
    assert {row.name: row.status for row in summary_from_records(records).bodies}["Marigold Council"] == "successful"


def test_every_outcome_and_reply_status_has_a_headline_phrase() -> None:
    assert set(OUTCOME_PHRASES) == set(OUTCOME_NAMES)
    assert set(STATUS_PHRASES) == set(STATUS_NAMES)


def test_split_question_parts_share_one_cell() -> None:
    records = [
        record("Fir Council", "1(a)", "Budget in 2017/18", "None.", "not_held", ("no_specific_budget",), confidence=0.8),
        record("Fir Council", "1(b)", "Budget in 2018/19", "£2,000 for training.", "provided", ("specific_budget",), confidence=0.6),
        record("Fir Council", "1(c)", "Budget in 2019/20", "£1,000.", "provided", ("specific_budget",), confidence=0.7, needs_review=True),
    ]
    from pipeline.report.build import summary_from_records

    cell = summary_from_records(records).bodies[0].cells["1"]
    assert (cell.outcome, cell.findings, cell.confidence, cell.needs_review) == ("provided", ("no_specific_budget", "specific_budget"), 0.6, True)


def _evil_records() -> list[dict]:
    """Document text that tries to run script, break tables and start spreadsheet formulas."""
    budget = "Your budget for tackling modern slavery?"
    return [
        record(f"Council {EVIL}", "1", budget, f"Answer {EVIL}", "provided", ("specific_budget",), exemptions=(EVIL,), doc=f"{EVIL}.txt", evidence=EVIL),
        record(f"Council {EVIL}", "2", f"Something else entirely {EVIL}", f"Other {EVIL}", "other", doc=f"{EVIL}.txt", evidence=EVIL),
        record("Plain Council", "1", budget, "-1 budget lines", "not_held", evidence="=1+1"),
        {"doc": f"bad {EVIL}.pdf", "error": f"unreadable {EVIL}"},
    ]


def test_html_escapes_every_document_string(tmp_path: Path) -> None:
    build_report(predictions=[write_jsonl(tmp_path / "evil.jsonl", _evil_records())], out=tmp_path / "evil.html", title=EVIL)
    page = (tmp_path / "evil.html").read_text("utf-8")
    assert page.count("<script") == 1 and page.count("</script>") == 1   # only the page's own script
    assert "<img" not in page and 'alert("x")' not in page
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 8  # title, body, answer, evidence, source, unmatched, error...
    script = page[page.index("<script>") : page.index("</script>")]
    assert "Council" not in script and "alert" not in script   # no document data inside the script


def test_html_is_self_contained(rr_jsonl: Path, tmp_path: Path) -> None:
    build_report(predictions=[rr_jsonl], out=tmp_path / "rr.html")
    page = (tmp_path / "rr.html").read_text("utf-8")
    assert not re.search(r"<link|<img|<iframe|@import|url\(|\bsrc=|href=\"(?!#)", page)  # nothing to fetch
    assert '<meta name="viewport"' in page and "@media print" in page and "@media (max-width" in page


def test_markdown_and_csv_escape_document_text(tmp_path: Path) -> None:
    predictions = write_jsonl(tmp_path / "evil.jsonl", _evil_records())
    build_report(predictions=[predictions], out=tmp_path / "evil.md")
    text = (tmp_path / "evil.md").read_text("utf-8")
    assert "<script" not in text and "<img" not in text and "&lt;script&gt;" in text
    matrix = text.split("## Who said what")[1].split("\n## ")[0]
    row = next(line for line in matrix.splitlines() if line.startswith("| Council"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 3   # '|' in the text is escaped: the row keeps its 2 columns
    build_report(predictions=[predictions], out=tmp_path / "evil.csv")
    rows = _csv((tmp_path / "evil.csv").read_text("utf-8"))
    plain = next(r for r in rows if r["body"] == "Plain Council")
    assert plain["evidence"] == "'=1+1"
    assert safe_text("-5") == "'-5" and safe_text("5") == "5"


def test_a_cell_whose_answer_extraction_doubts_says_so_in_every_format(tmp_path: Path) -> None:
    """A cell of an answer flagged `check_answer` is one to check, and says the doubt is the answer itself (read
    it in the reply), not only its labels; an answer marked for its labels alone keeps the plain mark."""
    doubted = {**record("Elm Council", "1", "How many gritting lorries?", "Please contact the highways team.", needs_review=True),
               "flags": ["check_answer"]}
    unsure = record("Oak Council", "1", "How many gritting lorries?", "We run 14 gritters.", needs_review=True)
    old = {**record("Ash Council", "1", "How many gritting lorries?", "See our winter service plan."), "flags": ["check_answer"]}
    predictions = write_jsonl(tmp_path / "p.jsonl", [doubted, unsure, old])
    build_report(predictions=[predictions], out=tmp_path / "r.csv")
    rows = {r["body"]: r for r in _csv((tmp_path / "r.csv").read_text("utf-8"))}
    assert [(rows[b]["needs_review"], rows[b]["check_answer"]) for b in ("Elm Council", "Oak Council", "Ash Council")] == \
        [("yes", "yes"), ("yes", "no"), ("yes", "yes")]  # a flag read without classify's mark (an older run) still marks
    build_report(predictions=[predictions], out=tmp_path / "r.md")
    lines = (tmp_path / "r.md").read_text("utf-8").splitlines()
    assert "⚑ check the answer" in next(line for line in lines if line.startswith("| Elm Council"))
    oak = next(line for line in lines if line.startswith("| Oak Council"))
    assert "⚑ review" in oak and "check the answer" not in oak
    build_report(predictions=[predictions], out=tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text("utf-8")
    assert page.count("read it in the reply\">⚑") == 2 and page.count("the model was unsure: check this answer\">⚑") == 1


def test_errors_are_listed_not_fatal(tmp_path: Path) -> None:
    records = _evil_records() + [{"doc": "extract-only.txt", "q": "1", "question": "Q", "answer": "A"}]
    path = write_jsonl(tmp_path / "p.jsonl", records)
    for fmt in ("html", "md"):
        build_report(predictions=[path], out=tmp_path / f"r.{fmt}")
        text = (tmp_path / f"r.{fmt}").read_text("utf-8")
        assert "extract-only.txt" in text and "run classify first" in text and "unreadable" in text


def test_compare_two_rounds(tmp_path: Path) -> None:
    question = "Budgets or resources allocated to tackling modern slavery"
    strategy = "A copy of your modern slavery strategy"
    before = [
        record("The Borough of Alder Council", "1", question, "No budget.", "not_held", ("no_specific_budget",)),
        record("The Borough of Alder Council", "2", strategy, "None.", "not_held", ("no_official_strategy",)),
        record("Birch Council", "1", question, "Refused.", "refused_cost", exemptions=("12",)),
        record("Birch Council", "2", strategy, "Attached.", "provided", ("strategy_exists",)),
        record("Cedar Council", "1", question, "None.", "not_held"),
    ]
    after = [
        record("Borough of Alder Council", "1", question, "£5,000.", "provided", ("specific_budget",)),
        record("Borough of Alder Council", "2", strategy, "Attached.", "provided", ("strategy_exists", "no_official_strategy")),
        record("Birch Council", "1", question, "Refused.", "refused_cost", exemptions=("12",)),
        record("BIRCH COUNCIL", "2", strategy, "Attached.", "provided", ("strategy_exists",)),
        record("Dogwood Council", "1", question, "None.", "not_held"),
    ]
    old, new = write_jsonl(tmp_path / "r2013.jsonl", before), write_jsonl(tmp_path / "r2018.jsonl", after)
    report = build_report(predictions=[new], compare_with=[old], out=tmp_path / "c.md")
    comparison = report.comparison
    assert comparison is not None
    assert comparison.matched == ["Birch Council", "Borough of Alder Council"]
    assert comparison.only_current == ["Dogwood Council"] and comparison.only_previous == ["Cedar Council"]
    changes = {(c.body, c.key): c for c in comparison.changes}
    assert set(changes) == {("Borough of Alder Council", "1"), ("Borough of Alder Council", "2")}
    budget = changes[("Borough of Alder Council", "1")]
    assert (budget.before, budget.after, budget.gained, budget.lost) == ("not_held", "provided", ("specific_budget",), ("no_specific_budget",))
    assert changes[("Borough of Alder Council", "2")].gained == ("strategy_exists",)
    assert comparison.unchanged == 2
    assert comparison.outcome_shift("1") == [("refused_cost", 1, 1), ("not_held", 2, 1), ("provided", 0, 1)]
    text = (tmp_path / "c.md").read_text("utf-8")
    assert "## Changes since r2013" in text and "2 bodies answered in both rounds; 1 only in r2018 and 1 only in r2013." in text
    build_report(predictions=[new], compare_with=[old], out=tmp_path / "c.csv")
    row = next(r for r in _csv((tmp_path / "c.csv").read_text("utf-8")) if r["body"] == "Borough of Alder Council" and r["q"] == "1")
    assert (row["previous_outcome"], row["findings_gained"], row["findings_lost"]) == ("not_held", "specific_budget", "no_specific_budget")
    build_report(predictions=[new], compare_with=[old], out=tmp_path / "c.html")
    assert "Changes since r2013" in (tmp_path / "c.html").read_text("utf-8")


def test_normalised_names() -> None:
    assert normalise_name("The Borough of Alder Council") == normalise_name("borough  of ALDER council") == "borough alder council"
    assert normalise_name("Police & Crime Commissioner") == normalise_name("Police and Crime Commissioner")


def test_scheme_comes_from_the_predictions_when_not_given() -> None:
    custom = record("A", "1", "Q?", "A.")
    custom["finding_scores"] = {"late_reply": 0.9, "fee_charged": 0.1}
    scheme = resolve_scheme(None, from_records([custom]).finding_names)
    assert scheme.finding_names == ("late_reply", "fee_charged") and scheme.colour("late_reply") != "#999999"
    assert resolve_scheme(None, from_records([record("A", "1", "Q?", "A.")]).finding_names).name == "trafficking"


def test_format_follows_the_out_extension_and_bad_input_is_an_error(rr_jsonl: Path, tmp_path: Path) -> None:
    assert build_report(predictions=[rr_jsonl], out=tmp_path / "x.md").fmt == "md"
    assert build_report(predictions=[rr_jsonl], out=tmp_path / "x.out", fmt="html").fmt == "html"
    with pytest.raises(ReportError):
        build_report(predictions=[tmp_path / "missing"], out=tmp_path / "y.html")
    with pytest.raises(ReportError):
        build_report(predictions=[rr_jsonl], out=tmp_path / "y.pdf", fmt="pdf")


def test_cli_report(rr_jsonl: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(rr_jsonl), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert runner.invoke(app, ["report", str(tmp_path / "nothing.jsonl")]).exit_code == 2


def test_every_report_gives_each_bodys_reply_as_a_whole(rr_jsonl: Path, tmp_path: Path) -> None:
    """The statuses a requester would give each reply (labels.reply_status): the first headline of the Markdown
    and the HTML, a column of the CSV and of the wide CSV."""
    build_report(predictions=[rr_jsonl], out=tmp_path / "rr.md")
    build_report(predictions=[rr_jsonl], out=tmp_path / "rr.html")
    build_report(predictions=[rr_jsonl], out=tmp_path / "rr.csv")
    build_report(predictions=[rr_jsonl], out=tmp_path / "wide.csv", wide=True)
    sentence = re.search(r"^\*\*All questions\.\*\* (.+)$", (tmp_path / "rr.md").read_text("utf-8"), re.M).group(1)
    assert sentence.startswith("Replies as a whole (12 bodies): ")
    html = (tmp_path / "rr.html").read_text("utf-8")
    assert '<h3>All questions</h3>' in html and html.index("All questions") < html.index('id="matrix"')
    long = {(r["body"], r["reply_status"]) for r in _csv((tmp_path / "rr.csv").read_text("utf-8"))}
    wide = {(r["body"], r["reply_status"]) for r in _csv((tmp_path / "wide.csv").read_text("utf-8"))}
    assert long == wide and len(wide) == 12
    statuses = dict(wide)
    assert statuses["Aldermouth City Council"] == "rejected"  # section 12(1) for all three questions
    assert statuses["Brindlemoor District Council"] == "rejected"  # not held, not held, withheld under 40(2): nothing given
    assert statuses["Wrenmoor Metropolitan Borough Council"] == "partially_successful"  # provided, withheld, provided
    assert statuses["Ormsley Council"] == "successful"
    counts = Counter(statuses.values())
    for status, count in counts.items():
        assert f"{count} {STATUS_PHRASES[status]} ({status.replace('_', ' ')})" in sentence


@pytest.mark.parametrize("line", ['["Alder Council", "provided"]', "42", '"provided"', "null"])
def test_a_predictions_line_that_is_not_a_record_is_a_usage_error(tmp_path: Path, line: str) -> None:
    """Valid JSON that is not an object (a list, a number, a string) is bad input named by file and line,
    exit 2 as bad JSON is, never an unexpected error (exit 3); the report is not written."""
    good = record("Alder Council", "1", "How many ferries run?", "Four.")
    path = tmp_path / "hand-edited.jsonl"
    write_jsonl(path, [good])
    path.write_text(path.read_text("utf-8") + line + "\n", "utf-8")
    result = CliRunner().invoke(app, ["report", str(path), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 2, result.output
    assert "hand-edited.jsonl:2: not a record" in " ".join(result.output.split())
    assert not (tmp_path / "r.html").exists()


def test_the_command_s_tally_counts_in_words_that_agree_with_the_numbers(tmp_path: Path) -> None:
    """"1 body, 1 question, 0 answers outside them", never "1 bodies" or "answer(s)"."""
    one = [record("Harbourside Council", "1", "How many ferries ran?", "Four ferries ran.")]
    result = build_report(predictions=[write_jsonl(tmp_path / "one.jsonl", one)], out=tmp_path / "one.md")
    assert result.tally == "1 body, 1 question, 0 answers outside them"
    two = one + [record("Eastquay Council", "1", "How many ferries ran?", "Two."),
                 record("Eastquay Council", "2", "Which operator ran them?", "Quayline Ltd ran them.")]
    result = build_report(predictions=[write_jsonl(tmp_path / "two.jsonl", two)], out=tmp_path / "two.md")
    assert result.tally.startswith("2 bodies, ") and result.tally.endswith(" outside them")


def test_report_docs_option_links_sources_and_checks_its_folders(tmp_path: Path) -> None:
    """`report --docs FOLDER` links each source to its file (relative to the report); a --docs that is no folder, or
    one --docs too many for the predictions, is a usage error naming the option, not a page of plain names."""
    replies = tmp_path / "replies"
    replies.mkdir()
    (replies / "aldermouth.txt").write_text("Aldermouth City Council\n1. £5,000.\n", "utf-8")
    predictions = write_jsonl(tmp_path / "p.jsonl", [record("Aldermouth City Council", "1", "Budget?", "£5,000.", doc="aldermouth.txt")])
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(predictions), "--docs", str(replies), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert '<a href="replies/aldermouth.txt">aldermouth.txt</a>' in (tmp_path / "r.html").read_text("utf-8")
    for docs in ([str(tmp_path / "missing")], [str(replies), str(replies)]):
        result = runner.invoke(app, ["report", str(predictions), *(a for d in docs for a in ("--docs", d)), "--out", str(tmp_path / "x.html")])
        assert result.exit_code == 2 and "--docs" in result.output
    assert not (tmp_path / "x.html").exists()


def test_a_source_name_two_folders_share_is_not_linked(tmp_path: Path) -> None:
    """Two .jsonl files, each with its --docs folder, both naming a "reply.txt": the page cannot tell which file an
    answer came from, so neither is linked; a name only one folder has still is."""
    question = "Budget?"
    rounds = []
    for name in ("Aldermouth City Council", "Brindlemoor District Council"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "reply.txt").write_text(f"{name}\n1. None.\n", "utf-8")
        records = [record(name, "1", question, "None.", "not_held", doc="reply.txt")]
        if name.startswith("Brindlemoor"):
            (folder / "annex.txt").write_text(f"{name}\n2. Yes.\n", "utf-8")
            records.append(record(name, "2", "Strategy?", "Yes.", doc="annex.txt"))
        rounds.append((write_jsonl(tmp_path / f"{name}.jsonl", records), folder))
    out = build_report(predictions=[p for p, _ in rounds], docs=[d for _, d in rounds], out=tmp_path / "r.html").out
    page = out.read_text("utf-8")
    assert page.count('<td class="src">reply.txt</td>') == 2
    assert '<td class="src"><a href="Brindlemoor%20District%20Council/annex.txt">annex.txt</a></td>' in page


def test_markdown_links_each_source_its_folder_knows(tmp_path: Path) -> None:
    """The Markdown report links sources as the HTML does (a wiki or a repository renders them): relative to the
    report, percent-encoded, so a name with spaces or brackets cannot end the link early; one it cannot place
    stays plain."""
    replies = tmp_path / "round two"
    replies.mkdir()
    (replies / "Kelbrook (final).txt").write_text("Kelbrook Borough Council\n1. Yes.\n", "utf-8")
    records = [record("Kelbrook Borough Council", "1", "Do you publish a log?", "Yes, on our website.", doc="Kelbrook (final).txt"),
               record("Ormsby Town Council", "1", "Do you publish a log?", "No, we do not.", doc="ormsby.txt")]
    predictions = write_jsonl(tmp_path / "p.jsonl", records)
    out = build_report(predictions=[predictions], docs=[replies], out=tmp_path / "reports" / "r.md").out
    page = out.read_text("utf-8")
    link = "[Kelbrook (final).txt](../round%20two/Kelbrook%20%28final%29.txt)"
    assert link in page, page
    assert (out.parent / "../round two/Kelbrook (final).txt").is_file()
    assert "| ormsby.txt |" in page
