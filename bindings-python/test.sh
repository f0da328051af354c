#!/usr/bin/env bash
# Build the Python binding in release mode and run its checks:
# Rust unit tests, stubtest (stubs vs the built module), mypy on examples/python,
# the back-test example, and pytest (conformance corpus, tables, errors, threads).
# Usage: bash bindings-python/test.sh   (from anywhere; idempotent, cached in .venv)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
venv="$here/.venv"
py="$venv/bin/python"

# 1. A venv with the build and test tools (installed once; the stamp records what).
requirements="maturin>=1.9,<2 pytest mypy pandas pandas-stubs polars pyarrow numpy"
if [ ! -x "$py" ]; then
    python3 -m venv "$venv"
fi
stamp="$venv/.attain-test-deps"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$requirements" ]; then
    echo "== installing test tools into $venv"
    "$py" -m pip install --quiet --upgrade pip
    # shellcheck disable=SC2086
    "$py" -m pip install --quiet $requirements
    echo "$requirements" > "$stamp"
fi

# 2. Build the abi3 wheel in release mode and install it.
echo "== building the wheel (release)"
dist="$here/dist"
rm -rf "$dist"
(cd "$here" && "$venv/bin/maturin" build --release --out "$dist")
shopt -s nullglob
wheels=("$dist"/attain-*.whl)
if [ "${#wheels[@]}" -ne 1 ]; then
    echo "expected one wheel in $dist, found ${#wheels[@]}" >&2
    exit 1
fi
"$py" -m pip install --quiet --force-reinstall --no-deps "${wheels[0]}"

# 2b. The install a user does: the wheel into a fresh venv with nothing else in it
#     (no pandas, polars or pyarrow: they are optional), then a program that scores.
echo "== install test: the wheel in a fresh venv"
fresh="$root/target/python-install-test"
rm -rf "$fresh"
python3 -m venv "$fresh"
"$fresh/bin/pip" install --quiet --no-index "${wheels[0]}"
(cd "$root" && "$fresh/bin/python" - <<'PY'
import attain
plan = attain.Plan.from_file("examples/plans/telesales.json")
card = plan.score([{"id": "zhang.san", "actuals": {"calls": 212, "conversion": "16.5", "deals": 35, "follow_up_24h": 92}}])["zhang.san"]
assert (str(card.total), card.rating) == ("106.15", "A"), (card.total, card.rating)
print("installed wheel scores:", card.total, card.rating)
PY
)
rm -rf "$fresh"

# 3. Rust unit tests of the conversions (the exact float fast path against the
#    shortest round-trip text).
echo "== cargo test (attain-python)"
(cd "$root" && cargo test -p attain-python --lib --quiet)

# 4. Checks, from a directory where the source tree does not shadow the installed package.
cd "$here"
echo "== stubtest"
"$py" -m mypy.stubtest attain
echo "== mypy examples/python"
"$py" -m mypy --strict "$root/examples/python"
echo "== example"
"$py" "$root/examples/python/backtest.py" --no-plot
echo "== README snippets (complete programs; printed output compared)"
"$py" "$root/scripts/readme_snippets.py" --lang python --python "$py" "$root/README.md" "$root/bindings-python/README.md"
echo "== pytest"
set +e
"$py" -m pytest tests -q -p no:cacheprovider
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: failing" >&2
    exit 1
fi
exit "$status"
