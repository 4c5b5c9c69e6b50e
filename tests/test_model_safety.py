"""A model folder from someone else must not run code here, and damage must be caught."""
from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from pathlib import Path

import joblib
import numpy as np
import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.classify.modelstore import CARD_FILE, CARD_MD_FILE, MODEL_FILE, load_model
from pipeline.modelfiles import MANIFEST_FILE, ModelError, default_model_dir, write_manifest
from pipeline.tag.nlp import load_nlp, tag_records

MARKER: list[str] = []


class Payload:
    """Stands for an attacker's object: rebuilding it would record that code ran."""

    def __setstate__(self, state: dict) -> None:
        MARKER.append("ran")
        self.__dict__.update(state)


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(default_model_dir(), folder)
    return folder


def _rehash(folder: Path) -> None:
    """What an attacker would do after swapping a file: make the manifest agree again."""
    write_manifest(folder)


def test_shipped_model_loads() -> None:
    model = load_model(default_model_dir())
    assert model.finding_labels and set(model.thresholds) == set(model.finding_labels)


def test_tampered_file_is_refused_naming_it(model_copy: Path) -> None:
    card = json.loads((model_copy / CARD_FILE).read_text())
    card["thresholds"] = {k: 0.0 for k in card["thresholds"]}
    (model_copy / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match=r"model\.json: sha256 does not match"):
        load_model(model_copy)


def test_corrupted_model_file_is_refused(model_copy: Path) -> None:
    data = bytearray((model_copy / MODEL_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (model_copy / MODEL_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelError, match=r"model\.npz: sha256 does not match"):
        load_model(model_copy)


def test_unlisted_file_is_refused(model_copy: Path) -> None:
    (model_copy / "extra.pkl").write_bytes(b"not ours")
    with pytest.raises(ModelError, match="extra.pkl: not listed in the manifest"):
        load_model(model_copy)


def _plant(folder: Path, name: str, value: object) -> None:
    """Swap one array of model.npz for an object array holding `value` (numpy pickles it to save it)."""
    with np.load(folder / MODEL_FILE) as arrays:
        parts = dict(arrays)
    parts[name] = np.array([value], dtype=object)
    np.savez(folder / MODEL_FILE, **parts)


@pytest.mark.parametrize("name", ["layout", "outcome.coef"])
def test_planted_object_is_refused_without_running(model_copy: Path, name: str) -> None:
    _plant(model_copy, name, Payload())
    _rehash(model_copy)
    MARKER.clear()
    with pytest.raises(ModelError, match=r"model\.npz: holds Python objects.*refusing to load"):
        load_model(model_copy)
    assert MARKER == []


def test_planted_function_is_refused(model_copy: Path) -> None:
    import os

    _plant(model_copy, "layout", os.system)
    _rehash(model_copy)
    with pytest.raises(ModelError, match="holds Python objects"):
        load_model(model_copy)


def test_a_pickle_is_not_loaded(model_copy: Path) -> None:
    import pickle

    (model_copy / MODEL_FILE).write_bytes(pickle.dumps(Payload()))
    _rehash(model_copy)
    MARKER.clear()
    with pytest.raises(ModelError, match=r"model\.npz"):
        load_model(model_copy)
    assert MARKER == []


def test_a_damaged_layout_is_one_clear_error(model_copy: Path) -> None:
    with np.load(model_copy / MODEL_FILE) as arrays:
        parts = dict(arrays)
    del parts["block0.vocabulary"]
    np.savez(model_copy / MODEL_FILE, **parts)
    _rehash(model_copy)
    with pytest.raises(ModelError, match=r"model\.npz: not a readable model file"):
        load_model(model_copy)


def test_another_scikit_learn_version_loads_and_predicts_the_same(model_copy: Path) -> None:
    """The folder holds numbers, not scikit-learn objects: the version it was trained with does not matter."""
    card = json.loads((model_copy / CARD_FILE).read_text())
    card["versions"]["scikit-learn"] = "0.24.2"
    (model_copy / CARD_FILE).write_text(json.dumps(card))
    _rehash(model_copy)
    records = [{"question": "Do you hold a strategy?", "answer": "No, we do not hold one.", "exemptions": [], "facts": {}}]
    tagged = tag_records(records, load_nlp())
    assert load_model(model_copy).predict(tagged) == load_model(default_model_dir()).predict(tagged)


def test_an_older_format_is_one_line_at_the_command_line(model_copy: Path, tmp_path: Path) -> None:
    card = json.loads((model_copy / CARD_FILE).read_text())
    card["format"] = 1
    (model_copy / CARD_FILE).write_text(json.dumps(card))
    _rehash(model_copy)
    (tmp_path / "letter.txt").write_text("1. Do you hold a strategy?\nResponse: No, we do not hold one.\n")
    result = CliRunner().invoke(app, ["classify", str(tmp_path / "letter.txt"), "--model", str(model_copy), "--format", "jsonl"])
    assert result.exit_code == 2
    assert "model format 1" in result.output and "retrain" in result.output and "Traceback" not in result.output


def test_a_moved_model_folder_loads_and_predicts_the_same(tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "on" / "another-machine"
    shutil.copytree(default_model_dir(), moved)
    records = [{"question": "Does the force have a dedicated modern slavery unit?", "answer": answer, "exemptions": [], "facts": {}}
               for answer in ("Yes, a team of six detectives works on modern slavery.", "We do not hold a separate budget for this work.")]
    tagged = tag_records(records, load_nlp())
    assert load_model(moved).predict(tagged) == load_model(default_model_dir()).predict(tagged)


def test_a_folder_saved_before_model_cards_still_loads(model_copy: Path) -> None:
    (model_copy / CARD_MD_FILE).unlink(missing_ok=True)
    _rehash(model_copy)
    assert load_model(model_copy).finding_labels


def test_missing_folder_says_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="foi-nlp train"):
        load_model(tmp_path / "nowhere")


# ---------------------------------------------------------------- planted code that would write a file


class WritesFileOnUnpickle:
    """An attacker's pickle: unpickling it calls Path.write_text (no class of ours needed to load it)."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return Path.write_text, (self.target, "code ran")


def _list_everything(folder: Path) -> None:
    """An attacker who also lists the planted file in the manifest, with its true hash."""
    files = sorted(p for p in folder.iterdir() if p.name != MANIFEST_FILE)
    (folder / MANIFEST_FILE).write_text(json.dumps({"sha256": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}}))


def test_planted_object_array_writes_nothing(model_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "written-by-the-model"
    _plant(model_copy, "layout", WritesFileOnUnpickle(target))
    _list_everything(model_copy)
    with pytest.raises(ModelError, match=r"model\.npz: holds Python objects.*refusing to load"):
        load_model(model_copy)
    assert not target.exists()
    with np.load(model_copy / MODEL_FILE, allow_pickle=True) as arrays:
        arrays["layout"]
    assert target.exists(), "control: read with pickle allowed, the payload does write"


def _pickle_dump(obj: object, path: Path) -> None:
    path.write_bytes(pickle.dumps(obj))


def _pickle_load(path: Path) -> object:
    return pickle.loads(path.read_bytes())


@pytest.mark.parametrize("name, dump, load", [
    (MODEL_FILE, _pickle_dump, _pickle_load),       # the model file itself swapped for a pickle
    ("model.pkl", _pickle_dump, _pickle_load),      # a pickle planted beside it, listed in the manifest
    ("model.joblib", joblib.dump, joblib.load),     # the same with joblib, scikit-learn's usual format
])
def test_planted_pickle_writes_nothing(model_copy: Path, tmp_path: Path, name: str, dump, load) -> None:
    target = tmp_path / "written-by-the-model"
    dump(WritesFileOnUnpickle(target), model_copy / name)
    _list_everything(model_copy)
    if name == MODEL_FILE:
        with pytest.raises(ModelError, match=r"model\.npz: holds Python objects"):
            load_model(model_copy)
    else:
        load_model(model_copy)   # only model.npz is ever read
    assert not target.exists()
    load(model_copy / name)
    assert target.exists(), "control: unpickled by hand, the payload does write"


def test_a_saved_model_keeps_thresholds_changed_after_training(tmp_path: Path) -> None:
    """The card is what loading reads the thresholds from: a model saved after its thresholds were
    changed (the benchmark's "changed model", a hand-tuned one) must come back with them."""
    from pipeline.classify.modelstore import save_model

    model = load_model(default_model_dir())
    model.thresholds = {label: round(t + 0.05, 4) for label, t in model.thresholds.items()}
    again = load_model(save_model(model, tmp_path / "changed"))
    assert again.thresholds == model.thresholds
