"""The record cache keyed by the files' bytes: a warm run parses no file it has seen, wherever its
folder is; a changed file is read again; the records are those of a run without a cache (no timings)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pipeline.read.sources as sources
from pipeline.classify import classify_paths, load_model
from pipeline.read import Limits, Pending, iter_pending

FLAT = ["w1-01-castlemoor.txt", "w1-02-lydmouth.html", "w1-03-marshfen.eml"]
BODIES = ["Borough of Netherford Council", "Harnshire County Council"]  # a letter and an attachment each


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture()
def sample(corpus_dir: Path, roundrobin_dir: Path, tmp_path: Path) -> Path:
    """Flat files, body folders with attachments, a zip of responses and a file that cannot be read."""
    folder = tmp_path / "sample"
    folder.mkdir()
    for name in FLAT:
        shutil.copy(corpus_dir / name, folder / name)
    for body in BODIES:
        shutil.copytree(roundrobin_dir / "responses" / body, folder / body)
    shutil.copy(corpus_dir / "formats" / "eskdown-police-foi-2018-1147.zip", folder / "eskdown.zip")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return folder


@pytest.fixture()
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the read stage parses from now on (every unit parses through `read_bytes`)."""
    names: list[str] = []
    real = sources.read_bytes

    def counting(name: str, data: bytes, **kwargs):
        names.append(name)
        return real(name, data, **kwargs)

    monkeypatch.setattr(sources, "read_bytes", counting)
    return names


def test_a_warm_run_parses_only_the_file_that_failed(sample: Path, model, tmp_path: Path, parsed: list[str]) -> None:
    plain = list(classify_paths([sample], model=model))
    assert any("error" in r for r in plain) and len(parsed) > len(FLAT) + 2 * len(BODIES)
    cold = list(classify_paths([sample], model=model, cache_dir=tmp_path / "cache"))
    parsed.clear()
    warm = list(classify_paths([sample], model=model, cache_dir=tmp_path / "cache"))
    assert parsed == ["broken.pdf"]  # an error is never cached: it is read again
    assert cold == warm == plain


def test_the_cache_follows_the_bytes_not_the_folder(sample: Path, model, tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    list(classify_paths([sample], model=model, cache_dir=cache))
    moved = tmp_path / "elsewhere" / "sample"
    shutil.copytree(sample, moved)  # new folder, new dates, same bytes
    plain = list(classify_paths([moved], model=model))
    parsed.clear()
    assert list(classify_paths([moved], model=model, cache_dir=cache)) == plain
    assert parsed == ["broken.pdf"]


def test_a_changed_file_is_read_again(sample: Path, model, tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    list(classify_paths([sample], model=model, cache_dir=cache))
    with open(sample / FLAT[0], "a", encoding="utf-8") as letter:
        letter.write("\nThis reply was checked again before it was sent.\n")
    attachment = sample / BODIES[0] / "Modern Slavery Statement 2019.pdf"
    attachment.write_bytes(attachment.read_bytes() + b"\n%% appended\n")
    plain = list(classify_paths([sample], model=model))
    parsed.clear()
    warm = list(classify_paths([sample], model=model, cache_dir=cache))
    assert warm == plain
    # The changed file, and every file of the body folder whose attachment changed (its letter too).
    assert sorted(parsed) == sorted([FLAT[0], *(p.name for p in (sample / BODIES[0]).iterdir()), "broken.pdf"])


def test_a_document_skipped_by_resume_is_read_on_the_next_run(sample: Path, model, tmp_path: Path,
                                                              parsed: list[str]) -> None:
    cache, skipped = tmp_path / "cache", FLAT[1]
    plain = list(classify_paths([sample], model=model))
    resumed = list(classify_paths([sample], model=model, cache_dir=cache,
                                  admit=lambda d: (d.doc if not isinstance(d, dict) else d["doc"]) != skipped))
    assert resumed == [r for r in plain if r["doc"] != skipped]
    parsed.clear()
    assert list(classify_paths([sample], model=model, cache_dir=cache)) == plain
    assert sorted(parsed) == sorted([skipped, "broken.pdf"])  # it was never extracted: no records to reuse


def _fingerprints(folder: Path, limits: Limits | None = None) -> list[str | None]:
    return [unit.fingerprint()[1] for unit in iter_pending([folder], limits=limits) if isinstance(unit, Pending)]


def test_a_fingerprint_covers_bytes_names_and_limits(sample: Path, tmp_path: Path) -> None:
    first = _fingerprints(sample)
    assert len(first) == len(FLAT) + len(BODIES) + 2 and len(set(first)) == len(first)
    assert None not in first  # broken.pdf loads: only its parsing fails
    copy = tmp_path / "copy"
    shutil.copytree(sample, copy)
    assert _fingerprints(copy) == first
    assert _fingerprints(copy, Limits(max_bytes=10**9)) != first
    html = copy / FLAT[1]
    html.write_bytes(html.read_bytes().replace(b"<p>", b"<P>", 1))  # same size, other bytes
    assert len(set(_fingerprints(copy)) - set(first)) == 1
    (copy / FLAT[2]).rename(copy / ("renamed-" + FLAT[2]))  # another doc id: other records
    assert set(_fingerprints(copy)) != set(first)


def test_a_loaded_unit_reads_as_the_unit_on_disk(sample: Path) -> None:
    """The bytes a fingerprint loads are the ones read: no second read of a file that may have changed since."""
    units = [u for u in iter_pending([sample, sample / FLAT[0]]) if isinstance(u, Pending)]
    expected = [[_plain(d) for d in unit.read()] for unit in units]
    loaded = [unit.fingerprint()[0] for unit in units]
    shutil.rmtree(sample)
    assert [[_plain(d) for d in unit.read()] for unit in loaded] == expected
    assert units[-1].kind == "given" and expected[-1][0]["doc"] == str(sample / FLAT[0])


def _plain(item) -> dict:
    return item if isinstance(item, dict) else {**vars(item), "attachments": [vars(a) for a in item.attachments]}
