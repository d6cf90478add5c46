#!/usr/bin/env bash
# The main job: set up what is missing, check the ontology, build the graph of corpus/ into data/ (only
# what changed), then open the app at http://127.0.0.1:8501 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
.venv/bin/kg ontology check
.venv/bin/kg build corpus --data data --processes 2
exec .venv/bin/streamlit run app.py --server.address 127.0.0.1 --server.port "${KG_PORT:-8501}" \
  --server.headless true --browser.gatherUsageStats false
