"""Every foi-nlp command runs with the cycle collector at a batch's pace (pipeline/collector.py)."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.collector import BATCH_THRESHOLD, pace_for_batch


@pytest.fixture(autouse=True)
def _thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_pace_changes_only_the_youngest_generation() -> None:
    gc.set_threshold(500, 9, 8)
    assert pace_for_batch(2_000) == (500, 9, 8)  # what it replaced
    assert gc.get_threshold() == (2_000, 9, 8)


def test_a_command_runs_at_the_batch_pace(tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text("Q1. Do you hold a budget for this?\nA1. No, we do not hold a specific budget.\n", encoding="utf-8")
    gc.set_threshold(700, 10, 10)
    result = CliRunner().invoke(app, ["extract", str(reply), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert '"answer"' in result.output
    assert gc.get_threshold() == (BATCH_THRESHOLD, 10, 10)
