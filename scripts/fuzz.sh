#!/usr/bin/env bash
# A longer fuzz run of one target, keeping what it learns:
#
#   bash scripts/fuzz.sh TARGET [SECONDS (300)] [more libFuzzer flags...]
#
# Targets: plan csv_facts jsonl_facts columns period run_doc scoring (fuzz/fuzz_targets/).
# The corpus grows in target/fuzz/corpus/TARGET (seeded from conformance/ each time);
# a crash's input lands in target/fuzz/artifacts/ (replay it with
# `"$(bash fuzz/build.sh)"/TARGET FILE`; once fixed, commit it under
# fuzz/regressions/TARGET/ so every smoke run replays it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  sed -n '2,10p' "$0"
  exit 2
fi
target=$1
seconds=${2:-300}
shift $(( $# >= 2 ? 2 : 1 ))
[ -f "fuzz/fuzz_targets/$target.rs" ] || { echo "no fuzz target $target (see fuzz/fuzz_targets/)"; exit 2; }
bin=$(bash fuzz/build.sh)
base=target/fuzz
python3 fuzz/seed.py "$base/seeds" >/dev/null
mkdir -p "$base/corpus/$target" "$base/artifacts"
dirs=("$base/corpus/$target" "$base/seeds/$target")
[ -d "fuzz/regressions/$target" ] && dirs+=("fuzz/regressions/$target")
exec "$bin/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
  -dict="$base/seeds/$target.dict" -artifact_prefix="$base/artifacts/$target-" "$@" "${dirs[@]}"
