"""A model folder's guard: the sha256 manifest of its files, and the error a bad folder gives.

A model folder holds the classifier (classify/modelstore.py) and the segmenter
(extract/segment.py). Both stages read files from it, so where the default folder is,
and the manifest that lists every file's sha256 (written last, checked before
anything is read), live here, where both can use them: corruption, tampering and
stray files are refused with a one-line message naming the file.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

MANIFEST_FILE = "manifest.json"
ENV_VAR = "FOI_NLP_MODEL"


class ModelError(RuntimeError):
    """A model folder cannot be used; the message says why in one line."""


def default_model_dir() -> Path:
    """$FOI_NLP_MODEL, else models/default beside the installed package (an editable install)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return Path(__file__).resolve().parents[1] / "models" / "default"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(folder: Path) -> None:
    """List the sha256 of every file in `folder` (what `verify_manifest` checks)."""
    manifest = {p.name: sha256_file(p) for p in sorted(folder.iterdir()) if p.name != MANIFEST_FILE}
    (folder / MANIFEST_FILE).write_text(json.dumps({"sha256": manifest}, indent=2) + "\n", "utf-8")


def verify_manifest(folder: Path, required: Sequence[str] = ()) -> None:
    """Refuse a folder whose files do not match its manifest, that lacks a `required` file in
    it, or that has files the manifest does not list."""
    try:
        listed = json.loads((folder / MANIFEST_FILE).read_text("utf-8"))["sha256"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{folder / MANIFEST_FILE}: missing or unreadable manifest ({exc})") from exc
    missing = [name for name in required if name not in listed]
    if missing:
        raise ModelError(f"{folder / missing[0]}: not in the manifest; refusing to load")
    for name, digest in listed.items():
        path = folder / name
        if Path(name).name != name or not path.is_file():
            raise ModelError(f"{path}: listed in the manifest but missing")
        if sha256_file(path) != digest:
            raise ModelError(f"{path}: sha256 does not match the manifest (corrupted or modified); refusing to load")
    extra = sorted(p.name for p in folder.iterdir() if p.name not in listed and p.name != MANIFEST_FILE)
    if extra:
        raise ModelError(f"{folder / extra[0]}: not listed in the manifest; refusing to load")
