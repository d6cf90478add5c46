#!/usr/bin/env bash
# The whole test suite, slow tests included: set up what is missing, then run pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/python -m pytest --slow "$@"
