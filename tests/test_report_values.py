"""Values in the report: names lined up across bodies, per-question summaries, the CSV columns and --wide."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from cli import app
from pipeline.report import build_report
from pipeline.report.build import summary_from_records
from pipeline.report.headlines import question_headlines
from pipeline.report.values import NameIndex, QuestionValues, display, histogram, summarise_values
from report_helpers import record, write_jsonl

QUESTIONS = {
    "1": "How many wardens do you employ?",
    "2": "What is your budget for warden patrols?",
    "3": "Which radio system do the wardens use?",
    "4": "Do you publish patrol routes?",
}


def valued(body: str, q: str, kind: str, value: Any, detail: dict[str, Any] | None = None, outcome: str = "provided") -> dict[str, Any]:
    """A classified record of one answer with its value."""
    row = record(body, q, QUESTIONS[q], f"{body} answers question {q}.", outcome)
    row.update(value=value, value_kind=kind, value_detail=detail or ({"names": [value]} if kind == "name" else {}))
    return row


def _round() -> list[dict[str, Any]]:
    rows = []
    bodies = [("Ashford Council", 3, 12000, "TalkNet", "yes"), ("Birchwood Council", 0, None, "talknet", "no"),
              ("Cobham Council", 1.5, 8000, "Talk-Net", "no"), ("Dunmore Council", 7, 30000, "Radix Pro", "yes"),
              ("Elmstead Council", 2, None, None, "no")]
    for body, count, money, name, published in bodies:
        rows.append(valued(body, "1", "count", count, {"counted": "wardens", "low": count, "high": count}))
        rows.append(valued(body, "2", "money", money, {"currency": "GBP", "period": "2022/23"}) if money
                    else valued(body, "2", "none", None, outcome="not_held"))
        rows.append(valued(body, "3", "name", name) if name else valued(body, "3", "yes_no", "no"))
        rows.append(valued(body, "4", "yes_no", published))
    return rows


def test_spellings_of_one_name_count_as_one() -> None:
    index = NameIndex(["CaseTrak", "casetrak", "Case-Trak.", "CaseTrak system", "Acme Word", "Word", "Word Pad", "Ledgerline"])
    assert {index.canonical(n) for n in ("CaseTrak", "casetrak", "Case-Trak.", "CaseTrak system")} == {"CaseTrak"}
    assert index.canonical("Ledgerline") == "Ledgerline"
    # "Word" sits inside two other names: it is joined to neither
    assert index.canonical("Word") == "Word" and index.canonical("Acme Word") == "Acme Word"


def test_display_of_each_kind() -> None:
    assert display("count", 0.75, {"low": 0.75, "high": 0.75, "unit": "FTE"}) == "0.75 FTE"
    assert display("count", 2.5, {"low": 2, "high": 3}) == "2–3"
    assert display("money", 34000, {"currency": "GBP", "period": "2018/19"}) == "£34,000 (2018/19)"
    assert display("money", 500, {"currency": "GBP", "period": "year"}) == "£500 a year"
    assert display("name", "x", {"names": ["talknet", "Radix"]}, NameIndex(["TalkNet", "TalkNet", "talknet"])) == "TalkNet; Radix"
    assert display("none", None, {}) == ""


def test_summaries_and_sentences() -> None:
    summary = summary_from_records(_round())
    counts = summarise_values(summary, "1")
    assert (counts.kind, counts.median, counts.low, counts.high, counts.zeros) == ("count", 2, 0, 7, 1)
    money = summarise_values(summary, "2")
    assert (money.kind, money.format(money.median), len(money.numbers), money.answered) == ("money", "£12,000", 3, 5)
    names = summarise_values(summary, "3")
    assert names.names.most_common(1) == [("TalkNet", 3)] and names.no == ["Elmstead Council"]
    headlines = {h.key: h.sentences for h in question_headlines(summary)}
    assert headlines["1"][0] == "5 councils gave a number of wardens: median 2 (range 0–7); 1 of them said zero."
    assert headlines["2"][0] == "3 councils gave an amount: median £12,000 (range £8,000–£30,000)."
    assert headlines["3"][0] == "4 of 5 councils named one; most named: TalkNet (3) and Radix Pro (1); 1 said no."
    assert headlines["4"][0] == "2 of 5 councils publish patrol routes (40%); 3 do not."


def test_histogram_rows() -> None:
    few = QuestionValues("1", "count", 4, [("a", 1), ("b", 1), ("c", 3)])
    assert histogram(few) == [("1", ["a", "b"]), ("3", ["c"])]
    many = QuestionValues("1", "count", 12, [(str(k), v) for k, v in enumerate([0, 0.4, 0.8, 1, 1.5, 2, 3, 4, 6, 9, 25, 40])])
    assert [label for label, _ in histogram(many)] == ["0", "0.4–0.8", "1–1.5", "2", "3–4", "6–9", "25–40"]


def test_long_csv_has_values_in_one_spelling(tmp_path: Path) -> None:
    build_report(predictions=[write_jsonl(tmp_path / "p.jsonl", _round())], out=tmp_path / "r.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text("utf-8"))))
    cell = {(r["body"], r["q"]): r for r in rows}
    assert (cell[("Cobham Council", "3")]["value"], cell[("Cobham Council", "3")]["value_kind"]) == ("TalkNet", "name")
    assert cell[("Ashford Council", "2")]["value"] == "£12,000 (2022/23)"
    assert (cell[("Birchwood Council", "2")]["value"], cell[("Birchwood Council", "2")]["value_kind"]) == ("", "none")


def test_wide_csv_is_one_row_per_body(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(write_jsonl(tmp_path / "p.jsonl", _round())), "--wide", "--out", str(tmp_path / "w.csv")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "w.csv").read_text("utf-8"))))
    assert len(rows) == 5
    assert list(rows[0])[:7] == ["body", "reply_status", "Q1 How many wardens do you employ", "Q2 What is your budget for warden patrols",
                                 "Q2 period", "Q3 Which radio system do the wardens use", "Q4 Do you publish patrol routes"]
    dunmore = next(r for r in rows if r["body"] == "Dunmore Council")
    assert [dunmore[c] for c in list(rows[0])[2:7]] == ["7", "30000", "2022/23", "Radix Pro", "yes"]
    assert dunmore["reply_status"] == "successful"
    refused = CliRunner().invoke(app, ["report", str(tmp_path / "p.jsonl"), "--wide", "--out", str(tmp_path / "w.html")])
    assert refused.exit_code == 2 and "--wide is a CSV layout" in refused.output


def test_markdown_and_html_show_values(tmp_path: Path) -> None:
    predictions = write_jsonl(tmp_path / "p.jsonl", _round())
    build_report(predictions=[predictions], out=tmp_path / "r.md")
    text = (tmp_path / "r.md").read_text("utf-8")
    assert "## Values" in text and "| TalkNet | 3 |" in text
    assert "| Dunmore Council | 7 · **provided** |" in text
    page = build_report(predictions=[predictions], out=tmp_path / "r.html").out.read_text("utf-8")
    assert '<section id="values">' in page and '<span class="value" title="money">£30,000 (2022/23)</span>' in page


def _counts(question: str, counted: list[str]) -> str:
    """The count headline of one question whose three answers count `counted` (what each answer named)."""
    rows = []
    for body, number, noun in zip(("Alder Council", "Bracken Council", "Clover Council"), (4, 9, 0), counted):
        row = record(body, "1", question, f"{number} {noun}.")
        row.update(value=number, value_kind="count", value_detail={"counted": noun, "low": number, "high": number})
        rows.append(row)
    return question_headlines(summary_from_records(rows))[0].sentences[0]


def test_a_count_headline_names_the_counted_noun_phrase_or_nothing() -> None:
    """What a count question counts is the phrase its words give, not the first word after 'how many'."""
    assert _counts("How many electric vehicle chargepoints has the council installed since 2021?",
                   ["chargepoints", "chargers", "chargepoint"]).startswith("3 councils gave a number of electric vehicle chargepoints:")
    assert _counts("The number of bus shelters repaired by contractors in 2023", ["shelters", "shelters", "repairs"]) \
        .startswith("3 councils gave a number of bus shelters:")
    # the answers name the noun, so the words trailing it are dropped
    assert _counts("The number of park benches damaged beyond repair last year", ["benches", "benches", "bench"]) \
        .startswith("3 councils gave a number of park benches:")
    assert _counts("Of the appeals you received, how many of the appeals were upheld?", ["appeals", "appeals", "appeals"]) \
        .startswith("3 councils gave a number of appeals:")
    # nothing to name: the sentence says a number, never a stray word ("a number of those", "a number of of")
    assert _counts("Of the appeals you received, how many of those were upheld?", ["", "", ""]) \
        .startswith("3 councils gave a number: median 4")


def test_wide_csv_tells_a_refusal_from_no_value_and_from_no_answer(tmp_path: Path) -> None:
    """A wide cell with no value says what happened instead, as the Markdown table does; empty is kept for a
    question the body did not answer; amounts and counts are plain numbers a spreadsheet can add up."""
    rows = [valued("Ashford Council", "1", "count", 2.5, {"low": 2, "high": 3}),
            valued("Ashford Council", "2", "money", 18250.5, {"currency": "GBP", "period": "2021/22"}),
            valued("Ashford Council", "4", "none", None, outcome="provided"),
            valued("Birchwood Council", "1", "none", None, outcome="refused_cost"),
            valued("Birchwood Council", "2", "none", None, outcome="not_held"),
            valued("Birchwood Council", "3", "none", None, outcome="refused_exemption"),
            valued("Birchwood Council", "4", "yes_no", "no"),
            valued("Cobham Council", "3", "name", "Airwave")]
    rows[3]["exemptions"], rows[5]["exemptions"] = ["12"], ["43(2)"]
    build_report(predictions=[write_jsonl(tmp_path / "p.jsonl", rows)], out=tmp_path / "w.csv", wide=True)
    table = {r["body"]: list(r.values())[2:7] for r in csv.DictReader(io.StringIO((tmp_path / "w.csv").read_text("utf-8")))}
    assert table["Ashford Council"] == ["2.5", "18250.5", "2021/22", "", "provided"]
    assert table["Birchwood Council"] == ["refused_cost; s. 12", "not_held", "", "refused_exemption; s. 43(2)", "no"]


def test_a_round_with_no_finding_has_no_finding_columns(tmp_path: Path) -> None:
    """GUIDE.md: an answer to a request off the scheme's subject has no finding. A round where no answer has
    one gets no finding columns, rather than a "no" for every body under each of the scheme's findings."""
    from pipeline.labels import load_scheme

    scheme = load_scheme().finding_names
    off_subject = write_jsonl(tmp_path / "off.jsonl", _round())
    on_subject = write_jsonl(tmp_path / "on.jsonl", _round() + [
        record("Ashford Council", "5", "Is there a strategy on modern slavery?", "Our policy is attached.", findings=(scheme[2],)),
        record("Birchwood Council", "5", "Is there a strategy on modern slavery?", "No.")])
    for predictions, expected in ((off_subject, set()), (on_subject, set(scheme))):
        build_report(predictions=[predictions], out=tmp_path / "w.csv", wide=True)
        build_report(predictions=[predictions], out=tmp_path / "l.csv")
        page = build_report(predictions=[predictions], out=tmp_path / "r.html").out.read_text("utf-8")
        for name in ("w.csv", "l.csv"):
            header = (tmp_path / name).read_text("utf-8").splitlines()[0].split(",")
            assert set(header) & set(scheme) == expected, (name, predictions.name)
        assert (f'<option value="{scheme[2]}">' in page) == bool(expected)
        # The filter offers only labels some cell has: one no cell has would show an empty table.
        assert f'<option value="{scheme[0]}">' not in page and '<option value="ncnd">' not in page


def test_a_corrected_figure_is_a_change_between_rounds(tmp_path: Path) -> None:
    """A body that keeps the outcome but gives another figure (or a name instead of a wrong one) changed its
    answer: the comparison counts and lists it with both values, rather than saying it stayed the same."""
    earlier = [valued("Ashford Council", "1", "count", 12), valued("Birchwood Council", "1", "count", 7),
               valued("Ashford Council", "3", "name", "Airwave"), valued("Birchwood Council", "3", "name", "Airwave")]
    later = [valued("Ashford Council", "1", "count", 15), valued("Birchwood Council", "1", "count", 7),
             valued("Ashford Council", "3", "name", "Tetra Direct"), valued("Birchwood Council", "3", "name", "Airwave")]
    old, new = write_jsonl(tmp_path / "spring.jsonl", earlier), write_jsonl(tmp_path / "autumn.jsonl", later)
    report = build_report(predictions=[new], compare_with=[old], out=tmp_path / "c.md")
    assert report.comparison is not None
    changes = {(c.body, c.key): (c.was, c.now) for c in report.comparison.changes}
    assert changes == {("Ashford Council", "1"): ("12", "15"), ("Ashford Council", "3"): ("Airwave", "Tetra Direct")}
    assert report.comparison.unchanged == 2
    text = (tmp_path / "c.md").read_text("utf-8")
    assert "0 changed outcome, 2 kept the outcome but gave another value" in text and "2 stayed the same" in text
    assert "| Ashford Council | Q1 | 12 · provided | 15 · provided |" in text
    build_report(predictions=[new], compare_with=[old], out=tmp_path / "c.csv")
    long = {(r["body"], r["q"]): r for r in csv.DictReader(io.StringIO((tmp_path / "c.csv").read_text("utf-8")))}
    assert (long[("Ashford Council", "1")]["previous_value"], long[("Ashford Council", "1")]["value"]) == ("12", "15")
    page = build_report(predictions=[new], compare_with=[old], out=tmp_path / "c.html").out.read_text("utf-8")
    assert '<b class="value">Tetra Direct</b>' in page.split('id="changes"', 1)[1]


def test_a_median_of_amounts_for_different_periods_says_so() -> None:
    """One council's 2021/22 spend, another's for 2023/24 and a third's total with no year are not like for like:
    the headline gives the median and says which periods went into it; amounts all for one period say nothing."""
    mixed = [valued("Ashford Council", "2", "money", 1200, {"currency": "GBP", "period": "2021/22"}),
             valued("Birchwood Council", "2", "money", 900, {"currency": "GBP", "period": "2021/22"}),
             valued("Cobham Council", "2", "money", 5000, {"currency": "GBP", "period": "2023/24"}),
             valued("Dorking Council", "2", "money", 30000, {"currency": "GBP"})]
    line = next(s for h in question_headlines(summary_from_records(mixed)) for s in h.sentences if "median" in s)
    assert line == ("4 councils gave an amount: median £3,100 (range £900–£30,000); not like for like, the amounts "
                    "are for 2021/22 (2), 2023/24 (1) and no stated period (1).")
    alike = [valued(b, "2", "money", n, {"currency": "GBP", "period": "2021/22"}) for b, n in (("Ashford Council", 1200), ("Birchwood Council", 900))]
    line = next(s for h in question_headlines(summary_from_records(alike)) for s in h.sentences if "median" in s)
    assert line == "2 councils gave an amount: median £1,050 (range £900–£1,200)."
    yearly = alike + [valued("Cobham Council", "2", "money", 2400, {"currency": "GBP", "period": "year"})]
    line = next(s for h in question_headlines(summary_from_records(yearly)) for s in h.sentences if "median" in s)
    assert line.endswith("the amounts are for 2021/22 (2) and a year (1).")  # "per annum" in words, as the cells say it


def test_a_refusal_gives_no_value_to_any_table_or_headline(tmp_path: Path) -> None:
    """A value read from an answer that refused or held nothing (the Act's name taken for a supplier's, a number
    from the refusal's words) is not what the body gave: the cells show the refusal, the headline counts no name.
    A section 21 refusal points to the information (published elsewhere), so its value stands."""
    rows = [valued("Ashford Council", "3", "name", "Airwave"),
            valued("Birchwood Council", "3", "name", "Data Protection Act", outcome="refused_exemption"),
            valued("Cobham Council", "3", "name", "Airwave", outcome="refused_exemption"),
            valued("Ashford Council", "1", "count", 4),
            valued("Birchwood Council", "1", "count", 18, outcome="refused_cost"),
            valued("Cobham Council", "1", "count", 6, outcome="not_held")]
    rows[1]["exemptions"], rows[2]["exemptions"], rows[4]["exemptions"] = ["40(2)"], ["21(1)"], ["12"]  # s.21 points to it
    sentences = [s for h in question_headlines(summary_from_records(rows)) for s in h.sentences]
    assert "2 of 3 councils named one; most named: Airwave (2)." in sentences
    assert "1 council gave a number of wardens: median 4." in sentences
    build_report(predictions=[write_jsonl(tmp_path / "p.jsonl", rows)], out=tmp_path / "w.csv", wide=True)
    table = {r["body"]: list(r.values())[2:4] for r in csv.DictReader(io.StringIO((tmp_path / "w.csv").read_text("utf-8")))}
    assert table["Birchwood Council"] == ["refused_cost; s. 12", "refused_exemption; s. 40(2)"]
    assert table["Cobham Council"] == ["not_held", "Airwave"]
    text = build_report(predictions=[tmp_path / "p.jsonl"], out=tmp_path / "r.md").out.read_text("utf-8")
    assert "Data Protection Act" not in text.split("## Answers and evidence")[0]


def test_a_not_held_answer_that_says_none_keeps_its_zero(tmp_path: Path) -> None:
    """'No fines were issued, so no records are held' is not held and a count of none (classify gives 0 only
    where the words say none): the journalist's cell is 0, and the headline counts it among the bodies' numbers."""
    rows = [valued("Ashford Council", "1", "count", 7), valued("Birchwood Council", "1", "count", 0, outcome="not_held"),
            valued("Cobham Council", "1", "count", 5, outcome="not_held")]
    sentences = [s for h in question_headlines(summary_from_records(rows)) for s in h.sentences]
    assert "2 councils gave a number of wardens: median 3.5 (range 0–7); 1 of them said zero." in sentences
    build_report(predictions=[write_jsonl(tmp_path / "p.jsonl", rows)], out=tmp_path / "w.csv", wide=True)
    table = {r["body"]: list(r.values())[2] for r in csv.DictReader(io.StringIO((tmp_path / "w.csv").read_text("utf-8")))}
    assert table == {"Ashford Council": "7", "Birchwood Council": "0", "Cobham Council": "not_held"}


def test_wide_csv_gives_each_amount_its_period(tmp_path: Path) -> None:
    """£12,000 for one year and £36,000 for three are not alike: the long CSV and the page say "£12,000 (2022/23)",
    and the wide table, whose amount cells stay plain numbers to sum and sort, gives the period in a column
    beside the question's; a question no amount of which has a period gets no such column."""
    rows = [valued("Ashford Council", "2", "money", 12000, {"currency": "GBP", "period": "2022/23"}),
            valued("Birchwood Council", "2", "money", 4000, {"currency": "GBP", "period": "year"}),
            valued("Cobham Council", "2", "money", 36000, {"currency": "GBP"}),
            valued("Dunmore Council", "2", "none", None, outcome="not_held"),
            valued("Ashford Council", "1", "count", 3), valued("Birchwood Council", "1", "count", 5)]
    build_report(predictions=[write_jsonl(tmp_path / "p.jsonl", rows)], out=tmp_path / "w.csv", wide=True)
    table = list(csv.DictReader(io.StringIO((tmp_path / "w.csv").read_text("utf-8"))))
    assert list(table[0])[2:5] == ["Q1 How many wardens do you employ", "Q2 What is your budget for warden patrols", "Q2 period"]
    cells = {r["body"]: (r["Q2 What is your budget for warden patrols"], r["Q2 period"]) for r in table}
    assert cells == {"Ashford Council": ("12000", "2022/23"), "Birchwood Council": ("4000", "a year"),
                     "Cobham Council": ("36000", ""), "Dunmore Council": ("not_held", "")}
    build_report(predictions=[tmp_path / "p.jsonl"], out=tmp_path / "l.csv")
    long = {(r["body"], r["q"]): r["value"] for r in csv.DictReader(io.StringIO((tmp_path / "l.csv").read_text("utf-8")))}
    assert (long[("Ashford Council", "2")], long[("Birchwood Council", "2")]) == ("£12,000 (2022/23)", "£4,000 a year")


def test_a_zero_is_said_zero_among_the_numbers_for_counts_and_amounts() -> None:
    """A count of 0 ("no wardens") and an amount of 0 (a money question answered "Nil.") are answers that the
    number is zero, counted among the bodies giving one and in the median: the headline says "of them said
    zero", not "said none", which reads like a separate group or like holding nothing."""
    rows = [valued("Ashford Council", "1", "count", 4), valued("Birchwood Council", "1", "count", 0),
            valued("Cobham Council", "1", "count", 2),
            valued("Ashford Council", "2", "money", 12000, {"currency": "GBP", "period": "2022/23"}),
            valued("Birchwood Council", "2", "money", 0, {"currency": "", "period": "2022/23"}),
            valued("Cobham Council", "2", "none", None, outcome="not_held")]
    sentences = [s for h in question_headlines(summary_from_records(rows)) for s in h.sentences]
    assert "3 councils gave a number of wardens: median 2 (range 0–4); 1 of them said zero." in sentences
    assert "2 councils gave an amount: median £6,000 (range £0–£12,000); 1 of them said zero." in sentences
    assert not any("said none" in s for s in sentences)
