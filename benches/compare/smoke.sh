#!/usr/bin/env bash
# Smoke run of the side-by-side harness: every peer at N = 50 in a temporary
# directory (well under a minute once set up). Fails when a peer crashes or no
# agreement could be computed; never on speed (benchmarks are not timed tests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(bash "$here/setup.sh" --smoke | tail -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ATTAIN_BIN="$bin" "$here/.venv/bin/python" "$here/harness.py" --smoke --repeat 1 --work "$work" 50
echo "smoke: every peer ran at N = 50 and was compared with attain"
