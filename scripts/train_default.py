"""Train the shipped model (classifier and segmenter) on the fictional corpus and every real set.

Each labels file's request is the request.txt beside it. The housing letters are labelled in
their campaign's own scheme: its findings are left out here (the default scheme lacks them),
so their answers teach the model where the default findings are absent.

    python scripts/train_default.py            # writes models/default (about a minute)
    python scripts/train_default.py --out m    # somewhere else
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (labels file, its documents), relative to the repository
TRAINING = (
    ("corpus/labels.jsonl", "corpus"),
    ("corpus/roundrobin/labels.jsonl", "corpus/roundrobin/responses"),
    ("corpus/formats/labels.jsonl", "corpus/formats"),
    ("corpus/outcomes/labels.jsonl", "corpus/outcomes"),
    ("corpus/real/pages/labels.jsonl", "corpus/real/pages"),
    ("corpus/real/mysociety/labels.jsonl", "corpus/real/mysociety"),
    ("corpus/real/nhs-roundrobin/accommodation/labels.jsonl", "corpus/real/nhs-roundrobin/accommodation"),
    ("corpus/real/nhs-roundrobin/housing/labels.jsonl", "corpus/real/nhs-roundrobin/housing"),
)

# Replies written to teach the rare outcomes (corpus/outcomes/README.md): the classifier learns from them, the
# segmenter does not (their layouts are this project's, and cost it answers on the real sets).
CLASSIFY_ONLY = ("corpus/outcomes/labels.jsonl",)


def training_files(root: Path = ROOT) -> tuple[list[Path], list[Path]]:
    """The shipped model's labels files and their documents folders."""
    return [root / labels for labels, _ in TRAINING], [root / docs for _, docs in TRAINING]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "default", help="model folder to write (replaced)")
    args = parser.parse_args(argv)
    from pipeline.train import train_model

    out = args.out.resolve()
    os.chdir(ROOT)  # the model card names its labels files relative to the repository, not this machine's paths
    labels, docs = training_files(Path())
    model, data = train_model(labels, docs, out=out, overwrite=True, classify_only=CLASSIFY_ONLY)
    print(f"trained on {len(data.examples)} answers -> {out}; body-held-out CV: {model.meta['cv_scores']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
