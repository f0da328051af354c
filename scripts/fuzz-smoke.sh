#!/usr/bin/env bash
# Build the fuzz targets (fuzz/, stable Rust + libFuzzer) and run each for a short,
# bounded time from seeds made of the conformance corpus, plus the committed inputs
# of past crashes (fuzz/regressions/<target>/). Prints the executions per target;
# exits non-zero when any target crashes (a panic, a broken property, a timeout or
# running out of memory), with the input in the log (libFuzzer prints it in Base64)
# and kept under target/fuzz/smoke-artifacts/.
#
#   bash scripts/fuzz-smoke.sh            # every target, FUZZ_SMOKE_SECONDS (15) each
#   bash scripts/fuzz-smoke.sh plan csv_facts
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${FUZZ_SMOKE_SECONDS:-15}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(plan csv_facts jsonl_facts columns period run_doc scoring)
fi

start=$SECONDS
# The fuzz crate is its own workspace: the root's `cargo fmt --all` does not see it.
(cd fuzz && cargo fmt -- --check)
bin=$(bash fuzz/build.sh)
echo "fuzz targets built in $((SECONDS - start)) s"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 fuzz/seed.py "$work/seeds" >/dev/null
artifacts="$root/target/fuzz/smoke-artifacts"
mkdir -p "$artifacts"

failed=()
report=()
for t in "${targets[@]}"; do
  mkdir -p "$work/corpus/$t"
  dirs=("$work/corpus/$t" "$work/seeds/$t")
  [ -d "fuzz/regressions/$t" ] && dirs+=("fuzz/regressions/$t")
  log="$work/$t.log"
  status=0
  "$bin/$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$work/seeds/$t.dict" -artifact_prefix="$artifacts/$t-" "${dirs[@]}" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 || true)
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    report+=("$(printf '%-12s CRASHED after %s runs' "$t" "${runs:-?}")")
    echo "---- $t crashed:"
    grep -v -E '^#[0-9]+ ' "$log" | tail -40
  else
    report+=("$(printf '%-12s %9s runs in %s s (%s)' "$t" "${runs:-?}" "$seconds" "${cov:-cov: ?}")")
  fi
done

echo
echo "fuzz smoke run ($((SECONDS - start)) s in all):"
printf '  %s\n' "${report[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashed: ${failed[*]} (inputs in $artifacts)"
  exit 1
fi
