#!/usr/bin/env bash
# Install what is missing and run every test of every crate and binding.
# Used by CI (.ci/run) and by developers; a second run reuses what the first installed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
passed=0
failed=0
failures=()

step() { printf '\n==== %s ====\n' "$*"; }
suite() { # suite NAME COMMAND...
  local name=$1; shift
  step "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "---- $name: ok ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "---- $name: FAILED ($((SECONDS - start)) s)"
  fi
}

step "toolchain"
command -v cargo >/dev/null || { echo "cargo is required (install Rust with rustup)"; exit 1; }
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
export CARGO_TERM_COLOR=never

suite "rustfmt" cargo fmt --all -- --check
suite "clippy (workspace; the core also without its run feature, as the browser build uses it)" bash -c "cargo clippy --workspace --all-targets -- -D warnings && cargo clippy -p attain --no-default-features --all-targets -- -D warnings"
suite "rust tests (core, cli, corpus, properties, doc tests)" cargo test
suite "embedding attain leaves serde_json's features alone (built on its own)" cargo test -p attain-embed-test
# The oracles recompute every expected result; check_generated.py re-runs each generator
# (make_cases.py, make_invalid.py, make_runs.py) into a temporary folder and compares it
# with the committed corpus byte for byte, naming any file that drifted.
suite "core module graph (layers, no cycle, files under 500 lines)" bash -c "python3 scripts/check-modules.py && python3 scripts/test_check_modules.py"
suite "conformance oracles and generators agree with the corpus" bash -c "python3 conformance/oracle.py --check && python3 conformance/oracle_run.py --check && python3 conformance/check_generated.py"
# 10,000 random valid plans + inputs (fresh seed per run, printed; ATTAIN_DIFF_SEED
# reproduces one) scored by the engine and by the oracle, compared digit for digit.
suite "differential test: engine vs oracle on generated cases" bash scripts/differential.sh
suite "fuzz smoke run (every fuzz target briefly, on stable: fuzz/README.md)" bash scripts/fuzz-smoke.sh
for b in bindings-python bindings-wasm bindings-node; do
  if [ -f "$b/test.sh" ]; then
    suite "$b" bash "$b/test.sh"
  fi
done
if [ -f benches/compare/smoke.sh ]; then
  suite "benchmark harness smoke run" bash benches/compare/smoke.sh
fi

echo
if [ "$failed" -gt 0 ]; then
  printf 'failed suites: %s\n' "${failures[*]}"
fi
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
