"""Parallel and cached classification give exactly the records of a plain run (no timings here)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.classify import classify_paths
from pipeline.classify.modelstore import load_model

# Several formats, an e-mail and a folder-per-body response, so chunks differ in size.
SAMPLE = ["w1-01-castlemoor.txt", "w1-02-lydmouth.html", "w1-03-marshfen.eml", "w2-01-eskdown-police.txt",
          "w2-02-hallowby-dc.html", "w2-05-north-ormbridge-nhs.html", "w2-11-greymarsh-fra.md",
          "seed-west-midlands-police-2013.txt"]


@pytest.fixture(scope="module")
def sample(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    for name in SAMPLE:
        shutil.copy(corpus_dir / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")  # an error record keeps its place
    return folder


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture(scope="module")
def plain(sample: Path, model) -> list[dict]:
    return list(classify_paths([sample], model=model))


def test_two_jobs_give_the_same_records_in_the_same_order(sample: Path, model, plain: list[dict]) -> None:
    assert any("error" in r for r in plain) and len({r["doc"] for r in plain}) == len(SAMPLE) + 1
    assert list(classify_paths([sample], model=model, jobs=2, batch_size=8)) == plain


def test_cached_docs_give_the_same_predictions(sample: Path, model, plain: list[dict], tmp_path: Path) -> None:
    cold = list(classify_paths([sample], model=model, cache_dir=tmp_path))
    warm = list(classify_paths([sample], model=model, cache_dir=tmp_path))
    parallel_warm = list(classify_paths([sample], model=model, cache_dir=tmp_path, jobs=2))
    assert cold == warm == parallel_warm == plain


def test_cli_jobs_and_cache_options(sample: Path, plain: list[dict], tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for options in (["--no-cache"], ["--jobs", "2", "--cache", str(tmp_path)], ["--cache", str(tmp_path), "--batch-size", "5"]):
        out = tmp_path / f"out{len(outputs)}.jsonl"
        result = runner.invoke(app, ["classify", str(sample), "--format", "jsonl", "--out", str(out), *options])
        assert result.exit_code == 1, result.output  # the broken PDF
        outputs.append([json.loads(line) for line in out.read_text("utf-8").splitlines()])
    assert outputs[0] == outputs[1] == outputs[2] == plain
    assert (tmp_path / "docs.sqlite").exists()


def test_workers_read_the_files_and_the_main_process_sees_stubs(sample: Path, model, plain: list[dict]) -> None:
    """With --jobs, each worker reads its share where the files are (as Dask workers do): what the run's
    `admit` sees in the main process is a stub (name, format, attachments' errors), never the text."""
    seen = []

    def admit(document) -> bool:
        seen.append(document)
        return True

    records = list(classify_paths([sample], model=model, jobs=2, batch_size=8, admit=admit))
    assert records == plain
    assert sorted(getattr(d, "doc", None) or d["doc"] for d in seen) == sorted({r["doc"] for r in plain})
    assert all(getattr(d, "text", "") == "" for d in seen)


def test_resume_with_jobs_extracts_only_what_is_missing(sample: Path, plain: list[dict], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    done = sorted({r["doc"] for r in plain if "error" not in r})[:3]
    out.write_text("".join(json.dumps(r) + "\n" for r in plain if r["doc"] in done), "utf-8")
    result = CliRunner().invoke(app, ["classify", str(sample), "--format", "jsonl", "--out", str(out), "--no-cache",
                                      "--jobs", "2", "--resume"])
    assert result.exit_code == 1, result.output  # the broken PDF
    resumed = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sorted(map(json.dumps, resumed)) == sorted(map(json.dumps, plain))
    assert "(3 already in the output, skipped)" in result.output, result.output
