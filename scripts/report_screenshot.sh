#!/usr/bin/env bash
# Rebuilds docs/report-screenshot.png: the shipped model's report on a real round-robin,
# mySociety's four questions to 110 councils (corpus/real/mysociety), rendered by headless
# chromium. Run from the repository root, venv active.
set -euo pipefail
out=$(mktemp -d)
foi-nlp report corpus/real/mysociety --request corpus/real/mysociety/request.txt \
    --title "mySociety's FOI-administration round-robin: 110 councils, 2018 (foi-nlp's shipped model)" \
    --out "$out/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$out/profile" --hide-scrollbars --virtual-time-budget=2000 \
    --window-size=1280,2000 --screenshot=docs/report-screenshot.png "file://$out/report.html"
