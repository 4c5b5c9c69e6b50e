"""Saving and loading model folders safely: arrays without pickle, a sha256 manifest, a model card.

A model folder holds four files, and a fifth when it has a trained segmenter:
- `model.npz`: the fitted features and heads as named numpy arrays (linear.pack:
  vocabularies, weights, calibration, and their layout as one JSON string), read
  with `allow_pickle=False`: a file holding anything but numbers and text is
  refused, so a shared model cannot run code (unlike a pickle), and reading it
  needs neither scikit-learn nor the version it was trained with;
- `model.json`: the model card (labels, scheme, thresholds, spaCy pipeline and
  library versions, training-data hash, cross-validated scores, date);
- `MODEL_CARD.md`: the same card for people (optional when loading: older folders
  have none);
- `segmenter.json`: the trained segmenter (extract/segment.py), plain numbers;
- `manifest.json`: the sha256 of every other file, checked before anything is read,
  so corruption and casual tampering are caught with a one-line message.
The spaCy pipeline is never saved: `load_nlp` rebuilds it from the card's name.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from collections import Counter
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import spacy

from ..extract import SEGMENTER_FILE, load_segmenter
from ..labels import Scheme
from ..modelfiles import ModelError, default_model_dir, verify_manifest, write_manifest
from ..tag import pipeline_name
from .linear import pack, unpack
from .model import FoiModel
from .modelcard import render_card

MODEL_FILE = "model.npz"
CARD_FILE = "model.json"
CARD_MD_FILE = "MODEL_CARD.md"
FORMAT = 2  # 1: model.skops (scikit-learn objects); 2: model.npz (arrays)
_LIBRARIES = ("scikit-learn", "numpy", "scipy", "spacy", "foi-nlp")


def _versions() -> dict[str, str | None]:
    found = {}
    for name in _LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def training_meta(model: FoiModel, scheme: Scheme, spacy_pipeline: dict[str, Any], data: Any,
                  cv_scores: dict[str, float] | None, labels_files: list[str], unreviewed: int = 0) -> dict[str, Any]:
    """The model card: everything needed to judge, reproduce and safely reload a model."""
    examples = data.examples
    return {
        "format": FORMAT,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "scheme": {"name": scheme.name, "description": scheme.description,
                   "findings": {label.name: label.definition for label in scheme.findings},
                   **({"per_question": True} if scheme.per_question else {})},
        "outcome_labels": model.outcome_labels,
        "finding_labels": model.finding_labels,
        "thresholds": model.thresholds,
        "spacy_pipeline": spacy_pipeline,
        "versions": _versions(),
        "training": {
            "labels_files": labels_files,
            "data_sha256": data.digest(),
            "documents": len({e.group for e in examples}),
            "answers": len(examples),
            "outcome_counts": dict(sorted(Counter(e.outcome for e in examples).items())),
            "finding_counts": dict(sorted(Counter(f for e in examples for f in e.findings).items())),
            "skipped": data.skipped,
            "other_scheme_findings": data.set_aside,
            "unreviewed_answers": unreviewed,
        },
        "cv_scores": cv_scores,
    }


def _write_folder(model: FoiModel, folder: Path) -> None:
    heads = {"outcome": model.outcome, "gate": model.gate, "polarity": model.polarity}
    np.savez_compressed(folder / MODEL_FILE, **pack(model.features, heads, model.findings))
    card = {**model.meta, "thresholds": model.thresholds}  # the thresholds it decides with, even if changed since training
    if model.pairs:
        card["pairs"] = [list(pair) for pair in model.pairs]
    (folder / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", "utf-8")
    (folder / CARD_MD_FILE).write_text(render_card(card), "utf-8")
    if model.segmenter is not None:
        (folder / SEGMENTER_FILE).write_text(model.segmenter.to_json(), "utf-8")
    write_manifest(folder)


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` at `out`; an existing `out` is moved aside first and put back if the move fails."""
    if not out.exists():
        staging.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def save_model(model: FoiModel, out: str | Path, *, overwrite: bool = False) -> Path:
    """Write the folder beside its destination, then move it into place.

    A failed or interrupted save leaves `out` as it was (absent, or the old model):
    readers never see a half-written folder.
    """
    out = Path(out)
    if out.exists() and not overwrite:
        raise ModelError(f"{out} already exists; pass --force to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    staging.chmod(0o755)
    try:
        _write_folder(model, staging)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out


def _check_pipeline(card: dict[str, Any]) -> None:
    wanted = card.get("spacy_pipeline") or {}
    name = pipeline_name()
    version = spacy.util.get_package_version(name)
    if (wanted.get("name"), wanted.get("version")) != (name, version):
        warnings.warn(f"model features came from spaCy pipeline {wanted.get('name')} {wanted.get('version')}, "
                      f"this install has {name} {version}: predictions may differ", stacklevel=3)


def load_model(folder: str | Path | None = None) -> FoiModel:
    """Load a model folder after checking its manifest (every file unchanged), its card's format and
    that its arrays hold numbers and text only."""
    folder = Path(folder) if folder is not None else default_model_dir()
    if not folder.is_dir():
        raise ModelError(f"{folder}: no model folder here (train one with `foi-nlp train`)")
    verify_manifest(folder, required=(CARD_FILE,))
    try:
        card = json.loads((folder / CARD_FILE).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{folder / CARD_FILE}: unreadable model card ({exc})") from exc
    if card.get("format") != FORMAT:
        raise ModelError(f"{folder / CARD_FILE}: model format {card.get('format')!r}, this version reads {FORMAT}"
                         + ("; retrain it with `foi-nlp train`" if card.get("format") == 1 else ""))
    path = folder / MODEL_FILE
    if not path.is_file():  # the manifest lists every file there and each matched it
        raise ModelError(f"{path}: missing from the model folder")
    try:
        with np.load(path, allow_pickle=False) as arrays:
            features, heads, findings = unpack(arrays)
    except ValueError as exc:
        if "allow_pickle" in str(exc):
            raise ModelError(f"{path}: holds Python objects, not only numbers and text; refusing to load") from None
        raise ModelError(f"{path}: not a readable model file ({exc})") from exc
    except Exception as exc:  # a damaged zip or a missing array
        raise ModelError(f"{path}: not a readable model file ({type(exc).__name__}: {exc})") from exc
    _check_pipeline(card)
    return FoiModel(features, heads["outcome"], findings, list(card["finding_labels"]),
                    {k: float(v) for k, v in card["thresholds"].items()}, card, gate=heads.get("gate"),
                    segmenter=load_segmenter(folder), pairs=[(yes, no) for yes, no in card.get("pairs", [])],
                    polarity=heads.get("polarity"))
