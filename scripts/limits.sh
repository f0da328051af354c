#!/usr/bin/env bash
# Runs the worst allowed input of each limit (docs/LIMITS.md) through the release
# CLI and writes wall time and peak memory (/usr/bin/time -v) into the measured
# table of docs/LIMITS.md. Not a test: no figure here is asserted.
#
#   bash scripts/limits.sh            # builds target/release/attain if needed
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/target/release/attain"
[ -x "$cli" ] || cargo build --release -p attain-cli --manifest-path "$root/Cargo.toml"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

# Plans first (counts of 1), then ask the CLI how many subjects fit the output limit.
python3 "$root/scripts/limits_inputs.py" "$dir" 1 1
fits() { # plan → the count the refusal of 2,000,000 bare subjects names
  python3 -c 'import json,sys; json.dump({"subjects":[{"id":"s%07d"%k} for k in range(2000000)]},open(sys.argv[1],"w"))' "$dir/many.json"
  "$cli" score "$1" "$dir/many.json" --format json 2>&1 >/dev/null | sed -n 's/.*at most about \([0-9]*\) subjects.*/\1/p' | head -1
}
fits_max="$(fits "$dir/plan-max.json")"
fits_five="$(fits "$dir/plan-five.json")"
# Subject ids and the actuals' keys add a little to each card: 2 % margin.
python3 "$root/scripts/limits_inputs.py" "$dir" "$fits_max" "$((fits_five - fits_five / 50))"
rm -f "$dir/many.json"

rows=()
measure() { # label, expected outcome, command...
  local label="$1" expect="$2"; shift 2
  local out="$dir/out" log="$dir/time" rc=0
  /usr/bin/time -v "$@" >"$out" 2>"$log" || rc=$?
  local wall rss bytes outcome
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")"
  bytes="$(stat -c %s "$out")"
  if [ "$rc" = 0 ]; then outcome="ok, $((bytes / 1000)) KB out"
  else outcome="$(grep -o '[a-z_]*_too_large\|too_large\|invalid_json\|too_many_[a-z]*' "$log" | head -1) (exit $rc)"; fi
  rows+=("| $label | $expect | $outcome | $wall | $((rss / 1024)) MiB |")
  echo "${rows[-1]}"
}

measure "largest plan: 256 indicators × 32 tiers, 512 nodes, 64 adjustments, 200-char names ($(($(stat -c %s "$dir/plan-max.json") / 1024)) KiB)" ok \
  "$cli" validate "$dir/plan-max.json"
measure "plan of 1 MiB (the same, padded)" ok "$cli" validate "$dir/plan-1mib.json"
measure "JSON nested 127 deep" "refused, not for depth" "$cli" validate "$dir/plan-depth.json"
measure "score: largest plan × $fits_max subjects (at the output limit)" ok \
  "$cli" score "$dir/plan-max.json" "$dir/input-max.json" --format json
measure "score: the same, 25-digit actuals (figures longer than estimated)" "ok or output_too_large while writing" \
  "$cli" score "$dir/plan-max.json" "$dir/input-max-digits.json" --format json
measure "score: largest plan × $((fits_max + 1)) subjects" output_too_large \
  "$cli" score "$dir/plan-max.json" "$dir/input-max-over.json" --format json
measure "score: largest plan × $fits_max subjects, what it takes" output_too_large \
  "$cli" score "$dir/plan-max.json" "$dir/input-max.json" --format json --what-it-takes
measure "explain one subject of the largest batch" ok \
  "$cli" explain "$dir/plan-max.json" "$dir/input-max.json" --subject s0000000 --format json
n5=$((fits_five - fits_five / 50))
measure "score: 5-indicator plan × $n5 subjects (at the output limit)" ok \
  "$cli" score "$dir/plan-five.json" "$dir/input-five.json" --format json
measure "score: the same, 25-digit actuals" "ok or output_too_large while writing" \
  "$cli" score "$dir/plan-five.json" "$dir/input-five-digits.json" --format json

table="$(printf '%s\n' "| worst allowed input | expected | outcome | wall | peak RSS |" "| --- | --- | --- | --- | --- |" "${rows[@]}")"
stamp="Measured $(date -u +%Y-%m-%d) by \`bash scripts/limits.sh\` on this $(nproc)-core machine (load $(cut -d' ' -f1 /proc/loadavg)), release CLI, output to a file."
python3 - "$root/docs/LIMITS.md" "$stamp" "$table" <<'PY'
import sys
path, stamp, table = sys.argv[1:]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- measured:begin -->", "<!-- measured:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(f"{head}{begin}\n{stamp}\n\n{table}\n{end}{tail}")
PY
echo "docs/LIMITS.md updated"
