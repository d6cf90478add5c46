#!/usr/bin/env bash
# The main job: set up what is missing, then check the ontology and print its statistics.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
.venv/bin/kg ontology check
.venv/bin/kg ontology stats
