"""Train the value scorers on every labelled value and write pipeline/classify/value_weights.json.

The labelled values are mySociety's coding of corpus/real/mysociety (extracted with its
request) and the labels files with `value_kind` (scripts/value_sets.py lists them).
Deterministic: the same labels always give the same weights.

    python scripts/train_values.py            # writes pipeline/classify/value_weights.json
    python scripts/train_values.py --out w.json
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from value_sets import MYSOCIETY, labelled_examples, mysociety_coding, mysociety_examples  # noqa: E402

from pipeline.classify import WEIGHTS_FILE  # noqa: E402
from pipeline.extract import extract_paths, load_request  # noqa: E402
from pipeline.output import atomic_writer  # noqa: E402
from pipeline.tag import Tagger, load_nlp  # noqa: E402
from pipeline.train import fit_value_weights  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE, help="where to write the weights (JSON)")
    args = parser.parse_args(argv)
    tagger = Tagger(load_nlp())
    records = [r for r in extract_paths([MYSOCIETY], request=load_request(MYSOCIETY / "request.txt")) if "error" not in r]
    examples = [e for e in mysociety_examples(records, tagger, mysociety_coding()) if e.kind != "uncoded"]
    examples += labelled_examples(tagger)
    weights = fit_value_weights(examples)
    with atomic_writer(args.out) as handle:
        handle.write(json.dumps(weights.to_json(), indent=1, sort_keys=True) + "\n")
    kinds = {k: sum(e.kind == k for e in examples) for k in sorted({e.kind for e in examples})}
    print(f"trained on {len(examples)} labelled values ({', '.join(f'{n} {k}' for k, n in kinds.items())}) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
