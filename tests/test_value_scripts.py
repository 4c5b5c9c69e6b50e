"""The value figures the README prints: mySociety's coding (body held out), the housing table, the shipped weights.

Floors sit a little under what the code reaches, so a regression fails them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from report_helpers import ROOT

FLOORS = {"disclosure log yes/no": 0.95, "staff count within 0.5": 0.85, "software named": 0.88, "budget given vs not": 0.93}


def _table(out: str) -> dict[str, tuple[float, float]]:
    rows = re.findall(r"^\| ([^|]+?) \| \d+ \| ([\d.]+) \| \*\*([\d.]+)\*\* \|", out, re.M)
    return {name: (float(base), float(ours)) for name, base, ours in rows}


def test_mysociety_values_held_out_meet_the_targets_and_beat_the_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    from check_mysociety_values import main

    assert main([]) == 0
    table = _table(capsys.readouterr().out)
    for measure, floor in FLOORS.items():
        baseline, ours = table[measure]
        assert ours >= floor and ours > baseline, (measure, baseline, ours)


def test_housing_wide_table_from_hand_labels(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from check_housing_wide import main

    assert main(["--gold", "--csv", str(tmp_path / "wide.csv")]) == 0
    out = capsys.readouterr().out
    agreed = int(re.search(r"^all: (\d+)/30 cells agree", out, re.M).group(1))
    assert agreed >= 25  # the rest are where GUIDE.md's findings and her coding part (see the README)
    header = (tmp_path / "wide.csv").read_text("utf-8").splitlines()[0]
    assert header.startswith("body,Q1 The number of nurses or support workers") and "inpatient_housing_staff" in header


def test_shipped_weights_are_what_training_gives(tmp_path: Path) -> None:
    from train_values import main

    assert main(["--out", str(tmp_path / "weights.json")]) == 0
    shipped = json.loads((ROOT / "pipeline" / "classify" / "value_weights.json").read_text("utf-8"))
    assert json.loads((tmp_path / "weights.json").read_text("utf-8")) == shipped
