"""Tables printed into a pipe or a file, as a script or a log keeps them, are whole: Rich lays
out for 80 columns there and cuts what does not fit to "…", which turned an evaluation's
per-label figures for two models into "1.0…" and its headers into "supp…"."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.modelfiles import default_model_dir

ROOT = Path(__file__).resolve().parent.parent
ROUNDROBIN = ROOT / "corpus" / "roundrobin"
runner = CliRunner()


@pytest.fixture
def piped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output to CliRunner's buffer, which is no terminal, and nothing in the environment saying how wide."""
    for name in ("COLUMNS", "FORCE_COLOR", "FORCE_TERMINAL", "TTY_INTERACTIVE", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)


def _evaluate_two_models(tmp_path: Path) -> str:
    second = tmp_path / "mine"
    shutil.copytree(default_model_dir(), second)
    result = runner.invoke(app, ["evaluate", str(ROUNDROBIN / "labels.jsonl"), "--docs", str(ROUNDROBIN / "responses"),
                                 "--request", str(ROUNDROBIN / "request.txt"),
                                 "--model", str(default_model_dir()), "--model", str(second)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_wide_table_into_a_pipe_keeps_every_figure(tmp_path: Path, piped: None) -> None:
    out = _evaluate_two_models(tmp_path)
    assert "…" not in out
    # Per label: support, then P / R / F1 of each model, every cell whole.
    row = next(line for line in out.splitlines() if line.startswith("│ provided "))
    cells = [cell.strip() for cell in row.strip("│ ").split("│")]
    assert cells[1] == "21" and len(cells) == 8
    assert all(re.fullmatch(r"[01]\.\d{3}", cell) for cell in cells[2:])
    assert "model default" in out and "model mine" in out


def test_columns_set_by_the_user_still_decide(tmp_path: Path, piped: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = _evaluate_two_models(tmp_path)
    rows = [line for line in out.splitlines() if line[:1] in "┃│┏┗┡└"]
    assert rows and max(len(line) for line in rows) <= 80
    assert "…" in out


def test_classify_ends_with_each_questions_headlines_under_its_number(tmp_path: Path, piped: None) -> None:
    """The closing headlines name each question as the report does ("Q2. ..."): two questions of a request
    may open with the same words, and a title alone would not say which is which."""
    result = runner.invoke(app, ["classify", str(ROUNDROBIN / "responses"), "--request", str(ROUNDROBIN / "request.txt")])
    assert result.exit_code == 0, result.output
    headings = re.findall(r"^(Q\d+)\. \S", result.stdout, re.M)
    assert headings == ["Q1", "Q2", "Q3"]
    assert re.search(r"^All questions$", result.stdout, re.M)


def test_the_classify_table_shows_each_answers_value_and_findings_only_when_given() -> None:
    """A reader of the terminal table looks for the value (the count, the amount, yes or no); an empty
    findings list is no "-" beside it, and a long value is cut to fit an 80-column terminal."""
    from rich.console import Console

    from pipeline.views import classified_table
    from report_helpers import record

    rows = [record("Heron Parish Council", "1", "How many allotment plots do you let?", "We let 58 plots."),
            record("Heron Parish Council", "2", "What did the allotments cost to run?", "£3,240.50 in 2022/23."),
            record("Heron Parish Council", "3", "Is there a waiting list?", "Yes.", findings=("statistics_provided",)),
            record("Heron Parish Council", "4", "Which suppliers do you use?", "Several.")]
    for row, (kind, value, detail) in zip(rows, [("count", 58, {"low": 58, "high": 58}),
                                                 ("money", 3240.5, {"currency": "GBP", "period": "2022/23"}),
                                                 ("yes_no", "yes", {}),
                                                 ("name", "x", {"names": ["Greenfold Seeds and Compost Supplies Ltd",
                                                                          "Bramblewick Tools", "Marsh Lane Timber"]})]):
        row.update(value=value, value_kind=kind, value_detail=detail)
    screen = Console(width=80, record=True)
    screen.print(classified_table(rows))
    lines = screen.export_text().splitlines()
    answers = " ".join(line.split("│")[-2].strip() for line in lines if line.count("│") == 4)
    text = " ".join(answers.split())
    assert "q1 provided 90% · 58" in text
    assert "£3,240.50 (2022/23)" in text
    assert "· yes (statistics_provided)" in text
    assert ": -" not in text and "Marsh Lane" not in text and "…" in text
    assert max(len(line) for line in lines) <= 80
