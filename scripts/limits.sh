#!/usr/bin/env bash
# Runs the worst allowed input of each limit (docs/LIMITS.md) through the release
# CLI and through the core as the bindings call it (core/examples/score_file.rs,
# `Plan::score_json`), and writes wall time and peak memory (/usr/bin/time -v) into the measured
# table of docs/LIMITS.md. Not a test: no figure here is asserted.
#
#   bash scripts/limits.sh            # builds target/release/attain if needed
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/target/release/attain"
core="$root/target/release/examples/score_file" # Plan::score_json, as the bindings
[ -x "$cli" ] || cargo build --release -p attain-cli --manifest-path "$root/Cargo.toml"
[ -x "$core" ] || cargo build --release -p attain --example score_file --manifest-path "$root/Cargo.toml"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

# Plans first (counts of 1), then ask the CLI how many subjects fit the output limit.
python3 "$root/scripts/limits_inputs.py" "$dir" 1 1 1
fits() { # plan, count over the limit[, explain] → the count its refusal says fits
  python3 -c 'import json,sys; json.dump({"subjects":[{"id":"s%07d"%k} for k in range(int(sys.argv[2]))],"options":{"explain":sys.argv[3]=="1"}},open(sys.argv[1],"w"))' "$dir/many.json" "$2" "${3:-1}"
  { "$core" "$1" "$dir/many.json" 2>&1 >/dev/null || true; } | sed -n 's/.*at most about \([0-9]*\) subjects.*/\1/p' | head -1
}
fits_max="$(fits "$dir/plan-max.json" 2000)"
fits_five="$(fits "$dir/plan-five.json" 400000)"
fits_summary="$(fits "$dir/plan-max.json" 20000 0)"
fits_summary=$((fits_summary - fits_summary / 50)) # ids, as for the five-indicator plan
# Subject ids and the actuals' keys add a little to each card: 2 % margin.
python3 "$root/scripts/limits_inputs.py" "$dir" "$fits_max" "$((fits_five - fits_five / 50))" "$fits_summary"
rm -f "$dir/many.json"

rows=()
measure() { # label, through (CLI or core), expected outcome, command...
  local label="$1" via="$2" expect="$3"; shift 3
  local out="$dir/out" log="$dir/time" rc=0
  /usr/bin/time -v "$@" >"$out" 2>"$log" || rc=$?
  local wall cpu rss bytes outcome
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")"
  cpu="$(awk -F': ' '/User time|System time/ {t += $2} END {printf "%.2f s", t}' "$log")"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")"
  bytes="$(stat -c %s "$out")"
  if [ "$rc" = 0 ]; then outcome="ok, $((bytes / 1000)) KB out"
  else outcome="$({ grep -o ': [a-z_]*: ' "$log" || true; } | head -1 | tr -d ': ') (exit $rc)"; fi
  rows+=("| $label | $via | $expect | $outcome | $wall | $cpu | $((rss / 1024)) MiB |")
  echo "${rows[-1]}"
}

measure "largest plan: 256 indicators × 32 tiers, 512 nodes, 64 adjustments, 200-char names ($(($(stat -c %s "$dir/plan-max.json") / 1024)) KiB)" CLI ok \
  "$cli" validate "$dir/plan-max.json"
measure "plan of 1 MiB (the same, padded)" CLI ok "$cli" validate "$dir/plan-1mib.json"
measure "JSON nested 127 deep" CLI "refused, not for depth" "$cli" validate "$dir/plan-depth.json"
both() { # label, expected, plan, input[, subject]
  local label="$1" expect="$2"; shift 2
  measure "$label" "core" "$expect" "$core" "$@"
  if [ $# = 3 ]; then
    measure "$label" "CLI" "$expect" "$cli" explain "$1" "$2" --subject "$3" --format json
  else
    measure "$label" "CLI" "$expect" "$cli" score "$1" "$2" --format json
  fi
}
both "largest plan × $fits_max subjects (at the output limit)" ok "$dir/plan-max.json" "$dir/input-max.json"
both "the same, 25-digit actuals (figures longer than estimated)" "ok, or output_too_large while writing" \
  "$dir/plan-max.json" "$dir/input-max-digits.json"
both "largest plan × $((fits_max + 1)) subjects" output_too_large "$dir/plan-max.json" "$dir/input-max-over.json"
measure "largest plan × $fits_max subjects, what it takes" CLI output_too_large \
  "$cli" score "$dir/plan-max.json" "$dir/input-max.json" --format json --what-it-takes
measure "largest plan × $fits_summary subjects, without trees (\"explain\": false)" core ok \
  "$core" "$dir/plan-max.json" "$dir/input-max-summary.json"
both "explain one subject of the largest batch" ok "$dir/plan-max.json" "$dir/input-max.json" s0000000
n5=$((fits_five - fits_five / 50))
both "5-indicator plan × $n5 subjects (at the output limit)" ok "$dir/plan-five.json" "$dir/input-five.json"
both "the same, 25-digit actuals" "ok, or output_too_large while writing" \
  "$dir/plan-five.json" "$dir/input-five-digits.json"

table="$(printf '%s\n' "| worst allowed input | through | expected | outcome | wall | CPU (user + sys) | peak RSS |" "| --- | --- | --- | --- | --- | --- | --- |" "${rows[@]}")"
stamp="Measured $(date -u +%Y-%m-%d) by \`bash scripts/limits.sh\` on this $(nproc)-core machine (load $(cut -d' ' -f1 /proc/loadavg) before), release build, output to a file. *core*: \`Plan::score_json\` / \`explain_json\` on the document's text, as the bindings call it; *CLI*: \`attain score\` / \`attain explain --format json\`."
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
