"""Where a run's time goes, by stage, from a py-spy profile: the README's "Where the time goes now".

    py-spy record -r 50 -f raw -o PROFILE -- foi-nlp classify CORPUS --no-cache --format jsonl --out OUT
    python bench/phases.py PROFILE

Each sample is put in the first stage its stack shows (imports and loading first, then the
input cache, the model, the evidence, values, tagging, reading, the segmenter, the rest of
extraction, writing); the shares are printed, largest first.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

# (stage, what its stack holds), first match wins; the run's own entry points are not imports.
_STAGES = (
    ("start: imports", lambda s: "_find_and_load" in s and not any(k in s for k in ("classify_paths", "classify_records", "classify_read"))),
    ("start: loading", lambda s: "load_nlp" in s or "load_model" in s),
    ("input cache", lambda s: "InputCache.inputs" in s),
    ("features and model", lambda s: "FoiModel.predict" in s),
    ("evidence", lambda s: "FoiModel.evidence" in s),
    ("values", lambda s: "answer_value" in s),
    ("tagging and token cache", lambda s: "tag_records_tokens" in s or "Tagger" in s),
    ("reading", lambda s: "iter_pending" in s or "read_cached" in s or "pipeline/read/" in s),
    ("extract: segmenter", lambda s: "segment" in s or "split_reply" in s),
    ("extract: the rest", lambda s: "extract" in s),
    ("writing", lambda s: "to_jsonl" in s or "Run.write" in s),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("profile", type=Path, help="py-spy's raw output (-f raw)")
    args = parser.parse_args()
    shares: Counter[str] = Counter()
    for line in args.profile.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if "rich/live.py" in stack:  # the progress bar's own thread
            continue
        shares[next((name for name, holds in _STAGES if holds(stack)), "other")] += int(count)
    total = sum(shares.values())
    for name, n in shares.most_common():
        print(f"{100 * n / total:5.1f}%  {name}")
    print(f"{total} samples")


if __name__ == "__main__":
    main()
