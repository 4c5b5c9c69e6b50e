"""scripts/compare_evaluations.py: two evaluate runs compared on the same assignments of the bodies to folds."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from report_helpers import ROOT

HOUSING = ROOT / "corpus" / "real" / "nhs-roundrobin" / "housing"


@pytest.fixture(scope="module")
def housing_run() -> dict:
    """A real `evaluate --cv --format json` output: the housing letters, two assignments (about ten seconds)."""
    result = CliRunner().invoke(app, ["evaluate", str(HOUSING / "labels.jsonl"), "--docs", str(HOUSING), "--cv",
                                      "--cv-repeats", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_paired_counts_each_assignment_up_or_down_and_skips_the_unscored() -> None:
    from compare_evaluations import CannotCompare, paired

    assert paired([0.50, 0.60, None], [0.60, 0.50, 0.9]) == pytest.approx((0.0, 1, 1))
    assert paired([0.70, 0.70], [0.72, 0.71]) == pytest.approx((1.5, 2, 0))
    with pytest.raises(CannotCompare):
        paired([0.5], [0.5, 0.6])


def test_a_change_on_one_assignment_is_its_mean_difference(housing_run: dict, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from compare_evaluations import main

    after = copy.deepcopy(housing_run)
    first = after["segmentation_cv"]["sets"]["housing"]["assignments"][0]
    first["recall"] -= 0.1  # three answers fewer found on the first assignment, the second the same
    after["classification"]["cv_assignments"]["runs"][1]["foi-nlp"]["outcome_accuracy"] += 0.04
    (tmp_path / "before.json").write_text(json.dumps(housing_run), "utf-8")
    (tmp_path / "after.json").write_text(json.dumps(after), "utf-8")
    assert main([str(tmp_path / "before.json"), str(tmp_path / "after.json")]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = {tuple(line.split()[:3]): line.split()[3:] for line in lines[1:]}
    assert row[("extraction", "housing", "recall")] == ["-5.00", "0", "/", "1"]
    assert row[("extraction", "housing", "precision")] == ["+0.00", "0", "/", "0"]
    assert row[("classification", "foi-nlp", "accuracy")] == ["+2.00", "1", "/", "0"]


def test_runs_on_other_folds_or_without_cv_are_refused(housing_run: dict, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from compare_evaluations import main

    fewer = copy.deepcopy(housing_run)
    fewer["segmentation_cv"]["sets"]["housing"]["assignments"].pop()
    other = copy.deepcopy(housing_run)
    other["segmentation_cv"]["sets"]["pages"] = other["segmentation_cv"]["sets"].pop("housing")
    plain = {key: value for key, value in housing_run.items() if key == "extraction"}
    for name, run in (("before.json", housing_run), ("fewer.json", fewer), ("other.json", other), ("plain.json", plain)):
        (tmp_path / name).write_text(json.dumps(run), "utf-8")
    assert main([str(tmp_path / "before.json"), str(tmp_path / "fewer.json")]) == 2
    assert "2 assignments against 1" in capsys.readouterr().err
    assert main([str(tmp_path / "before.json"), str(tmp_path / "other.json")]) == 2
    assert "different sets (housing against pages)" in capsys.readouterr().err
    assert main([str(tmp_path / "plain.json"), str(tmp_path / "plain.json")]) == 2
    assert "run evaluate with --cv" in capsys.readouterr().err
    assert main([str(tmp_path / "before.json"), str(tmp_path / "missing.json")]) == 2
    assert "missing.json" in capsys.readouterr().err
