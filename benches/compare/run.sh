#!/usr/bin/env bash
# The side-by-side benchmark: attain (CLI and Python binding) against pandas, polars
# and DuckDB on `attain demo --people N` (default N = 1000 and 20000).
# Usage: bash benches/compare/run.sh [N ...]
# Prints a table per N and writes them under "Side by side" in benches/RESULTS.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(bash "$here/setup.sh" | tail -n 1)"
ATTAIN_BIN="$bin" exec "$here/.venv/bin/python" "$here/harness.py" \
    --command "bash benches/compare/run.sh${*:+ $*}" "$@"
