#!/usr/bin/env bash
# Replays the README's "Retrain on your own responses" on the bundled round-robin,
# in a scratch folder, printing every figure the README quotes. The person labelling
# in Label Studio is simulated with the round-robin's gold labels.
# Usage: scripts/retrain_walkthrough.sh [WORKDIR]   (run from the repository root, venv active)
set -euo pipefail
repo=$(pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work" && cd "$work"
rm -rf my-responses my-model && cp -r "$repo/corpus/roundrobin/responses" my-responses
cp "$repo/corpus/roundrobin/request.txt" request.txt
ln -sfn "$repo/corpus" corpus && ln -sfn "$repo/models" models
export COLUMNS=120
set -x
foi-nlp classify my-responses --request request.txt --format jsonl --out predictions.jsonl
foi-nlp review predictions.jsonl --n 36 --out review.jsonl
foi-nlp train review.jsonl --docs my-responses --out my-model || echo "exit code $?"
python3 "$repo/scripts/simulate_annotation.py" corpus/roundrobin/labels.jsonl review.labelstudio.json project-1-at-2024-05-01.json
foi-nlp import-labels project-1-at-2024-05-01.json --from labelstudio --out my-labels.jsonl
head -n 8 my-labels.jsonl > my-train.jsonl
tail -n +9 my-labels.jsonl > my-heldout.jsonl
foi-nlp train corpus/labels.jsonl my-train.jsonl --docs corpus --docs my-responses --request request.txt --out my-model
foi-nlp evaluate my-heldout.jsonl --docs my-responses --request request.txt --model models/default --model my-model
foi-nlp evaluate corpus/labels.jsonl my-labels.jsonl --docs corpus --docs my-responses --request request.txt --learning-curve
