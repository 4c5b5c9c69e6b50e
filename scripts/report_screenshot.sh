#!/usr/bin/env bash
# Rebuilds docs/report-screenshot.png: the shipped model's report on the bundled
# round-robin, rendered by headless chromium. Run from the repository root, venv active.
set -euo pipefail
out=$(mktemp -d)
foi-nlp report corpus/roundrobin/responses --request corpus/roundrobin/request.txt \
    --title "Modern slavery FOI round-robin: 12 councils, 2019 (foi-nlp's shipped model)" \
    --out "$out/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$out/profile" --hide-scrollbars --virtual-time-budget=2000 \
    --window-size=1280,1560 --screenshot=docs/report-screenshot.png "file://$out/report.html"
