"""The Dask backend on a real LocalCluster of worker processes started here: the same records as a
local run, in the same order; a worker killed mid-run loses no document; a bad address is a
one-line usage error (exit 2)."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import pipeline.classify.cluster as cluster
import pipeline.read.sources as sources
from pipeline.classify import classify_paths, connect_scheduler, load_model
from pipeline.extract import load_request
from pipeline.read import Pending, iter_pending


@pytest.fixture(scope="module")
def client():
    with connect_scheduler("local:2") as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def model():
    return load_model()


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("foi-nlp")
    return [str(script)] if script.exists() else [shutil.which("foi-nlp") or "foi-nlp"]


def test_two_workers_give_the_records_of_a_local_run(client, model, roundrobin_dir: Path) -> None:
    paths, request = [roundrobin_dir / "responses"], load_request(roundrobin_dir / "request.txt")
    local = list(classify_paths(paths, model=model, request=request))
    assert len(client.scheduler_info()["workers"]) == 2
    assert list(classify_paths(paths, model=model, request=request, cluster=client)) == local
    per_letter = Counter(r["doc"] for r in local)
    assert len(per_letter) == 12 and min(per_letter.values()) >= 3  # every letter, each with its three answers at least


def test_cli_on_a_scheduler_address_writes_what_a_local_run_writes(client, roundrobin_dir: Path, tmp_path: Path) -> None:
    common = [str(roundrobin_dir / "responses"), "--request", str(roundrobin_dir / "request.txt"), "--format", "jsonl"]
    outputs = []
    for extra in ([], ["--scheduler", client.scheduler.address]):
        out = tmp_path / f"out{len(outputs)}.jsonl"
        done = subprocess.run([*_cli(), "classify", *common, "--out", str(out), *extra], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert re.search(r"\b12 documents, 3[6-9] answers, 0 failed", done.stderr), done.stderr  # 36 asked, a notice or two more
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_workers_that_cannot_see_the_files_are_sent_their_bytes(client, model, roundrobin_dir: Path, corpus_dir: Path,
                                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Body folders with attachments, a zip of responses and a file given by name, read from shipped bytes."""
    request = load_request(roundrobin_dir / "request.txt")
    zipped = sorted((corpus_dir / "formats").glob("*.zip"))[:1]
    paths = [roundrobin_dir / "responses", *zipped, corpus_dir / "w1-01-castlemoor.txt"]
    copy = tmp_path / "gone"  # loaded units hold their bytes: they read even once the files are gone
    shutil.copytree(roundrobin_dir / "responses", copy)
    units = [unit.loaded() for unit in iter_pending([copy]) if isinstance(unit, Pending)]
    shutil.rmtree(copy)
    documents = [document for unit in units for document in unit.read()]
    assert len(documents) == 12 and not any(isinstance(d, dict) for d in documents)
    local = list(classify_paths(paths, model=model, request=request))
    monkeypatch.setattr(cluster, "_sees", lambda paths: False)  # run on the workers: none sees the paths
    assert list(classify_paths(paths, model=model, request=request, cluster=client)) == local


def test_workers_fill_the_record_cache_a_local_run_reads(client, model, roundrobin_dir: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers key what they read by its bytes, in the shared cache folder: a warm run, on the cluster
    or here, gives the same records, and here it parses no file at all."""
    paths, request, cache = [roundrobin_dir / "responses"], load_request(roundrobin_dir / "request.txt"), tmp_path / "cache"
    local = list(classify_paths(paths, model=model, request=request))
    assert list(classify_paths(paths, model=model, request=request, cluster=client, cache_dir=cache)) == local
    assert list(classify_paths(paths, model=model, request=request, cluster=client, cache_dir=cache)) == local

    def not_parsed(name: str, data: bytes, **kwargs):
        raise AssertionError(f"{name} was parsed on a warm run")

    monkeypatch.setattr(sources, "read_bytes", not_parsed)
    assert list(classify_paths(paths, model=model, request=request, cache_dir=cache)) == local


def test_a_worker_killed_mid_run_loses_no_document(client, model, corpus_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "responses"
    folder.mkdir()
    for path in sorted(corpus_dir.glob("w1-*.*"))[:24]:
        shutil.copy(path, folder / path.name)
    local = list(classify_paths([folder], model=model))
    monkeypatch.setattr(cluster, "PARTITION", 2)  # many small partitions: some are always running
    records = classify_paths([folder], model=model, cluster=client)
    got: list[dict] = []
    busy: list[str] = []
    # Take records one at a time (each settled partition lets the client submit another) until a
    # worker is seen running a partition: on a fast machine the first few may all be done already.
    while not busy and len(got) < len(local) // 2:
        got.append(next(records))
        busy = [worker for worker, keys in client.processing().items() if keys]
    assert busy, "no partition was running in the first half of the run"
    victim = client.run(os.getpid, workers=busy[:1])[busy[0]]
    os.kill(victim, signal.SIGKILL)
    got.extend(records)
    assert got == local
    assert len({r["doc"] for r in got}) == 24


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:{port}", "not an address"])
def test_a_bad_scheduler_address_is_one_line_and_exit_2(address: str, roundrobin_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    done = subprocess.run([*_cli(), "classify", str(roundrobin_dir / "responses"), "--out", str(out), "--format", "jsonl",
                           "--scheduler", address.format(port=_free_port())], capture_output=True, text=True)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert "scheduler" in lines[0]
    assert not out.exists()
