"""The value figures the README prints: mySociety's coding (body held out), the housing table, the shipped weights.

Floors sit a little under what the code reaches, so a regression fails them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from report_helpers import ROOT

FLOORS = {"disclosure log yes/no": 0.95, "staff count within 0.5": 0.87, "software named": 0.88, "budget given vs not": 0.93}


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
    assert header.startswith("body,reply_status,Q1 The number of nurses or support workers") and "inpatient_housing_staff" in header


def test_housing_wide_table_from_the_shipped_models_values(capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped model has no housing findings: the table reads the values alone (the README's 23 of 30)."""
    from check_housing_wide import main

    assert main(["--model", str(ROOT / "models" / "default")]) == 0
    agreed = int(re.search(r"^all: (\d+)/30 cells agree", capsys.readouterr().out, re.M).group(1))
    assert agreed >= 22  # reached 23 (21 while a not-held answer read as a count of 0; 17 while an answer's own "1."
    # was read as its count)


def test_housing_wide_table_with_each_trust_held_out(capsys: pytest.CaptureFixture[str]) -> None:
    """The campaign's own model, trained without each trust in turn (classifier and segmenter),
    against her coded table: the README's held-out figure (about two minutes)."""
    from check_housing_wide import main

    assert main(["--held-out"]) == 0
    out = capsys.readouterr().out
    print(out)
    agreed = int(re.search(r"^all: (\d+)/30 cells agree", out, re.M).group(1))
    assert agreed >= 21  # reached 22 (21 with a head per finding, 18 without the question's features)


def test_shipped_weights_are_what_training_gives(tmp_path: Path) -> None:
    from train_values import main

    assert main(["--out", str(tmp_path / "weights.json")]) == 0
    shipped = json.loads((ROOT / "pipeline" / "classify" / "value_weights.json").read_text("utf-8"))
    assert json.loads((tmp_path / "weights.json").read_text("utf-8")) == shipped


def test_labelled_values_are_well_formed() -> None:
    """Every labelled value in the repository has a kind GUIDE.md knows and a value of its type (corpus/validate.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("corpus_validate", ROOT / "corpus" / "validate.py")
    validate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(validate)
    labelled = 0
    for labels in (ROOT / "corpus" / "roundrobin" / "labels.jsonl", ROOT / "corpus" / "real" / "nhs-roundrobin" / "housing" / "labels.jsonl"):
        for line in labels.read_text("utf-8").splitlines():
            for answer in json.loads(line)["answers"]:
                assert validate.value_problems(answer, labels.name) == []
                labelled += "value_kind" in answer
    assert labelled == 66
    assert validate.value_problems({"value_kind": "count", "value": "two"}, "x") == ["x: value 'two' is not a count value"]
    assert validate.value_problems({"value_kind": "yes_no", "value": "maybe"}, "x") == ["x: value 'maybe' is not a yes_no value"]
