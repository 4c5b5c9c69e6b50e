"""A model folder from someone else must not run code here, and damage must be caught."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import skops.io as sio

from pipeline.modelstore import CARD_FILE, MANIFEST_FILE, MODEL_FILE, ModelError, default_model_dir, load_model

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
    manifest = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in (MODEL_FILE, CARD_FILE)}
    (folder / MANIFEST_FILE).write_text(json.dumps({"sha256": manifest}))


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
    with pytest.raises(ModelError, match=r"model\.skops: sha256 does not match"):
        load_model(model_copy)


def test_unlisted_file_is_refused(model_copy: Path) -> None:
    (model_copy / "extra.pkl").write_bytes(b"not ours")
    with pytest.raises(ModelError, match="extra.pkl: not listed in the manifest"):
        load_model(model_copy)


def test_planted_object_is_refused_without_running(model_copy: Path) -> None:
    parts = sio.load(model_copy / MODEL_FILE, trusted=sio.get_untrusted_types(file=model_copy / MODEL_FILE))
    parts["features"] = Payload()
    sio.dump(parts, model_copy / MODEL_FILE)
    _rehash(model_copy)
    MARKER.clear()
    with pytest.raises(ModelError, match="Payload.*refusing to load"):
        load_model(model_copy)
    assert MARKER == []


def test_planted_function_is_refused(model_copy: Path) -> None:
    import os

    sio.dump({"features": os.system, "outcome": None, "findings": []}, model_copy / MODEL_FILE)
    _rehash(model_copy)
    with pytest.raises(ModelError, match="does not trust"):
        load_model(model_copy)


def test_a_pickle_is_not_loaded(model_copy: Path) -> None:
    import pickle

    (model_copy / MODEL_FILE).write_bytes(pickle.dumps(Payload()))
    _rehash(model_copy)
    MARKER.clear()
    with pytest.raises(ModelError, match="model.skops"):
        load_model(model_copy)
    assert MARKER == []


def test_other_scikit_learn_version_gives_a_clear_message(model_copy: Path) -> None:
    card = json.loads((model_copy / CARD_FILE).read_text())
    card["versions"]["scikit-learn"] = "0.24.2"
    (model_copy / CARD_FILE).write_text(json.dumps(card))
    _rehash(model_copy)
    with pytest.raises(ModelError, match="trained with scikit-learn 0.24.2.*retrain"):
        load_model(model_copy)


def test_missing_folder_says_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="foi-nlp train"):
        load_model(tmp_path / "nowhere")
