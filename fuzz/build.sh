#!/usr/bin/env bash
# Build the fuzz targets on stable Rust: libFuzzer (compiled from C++ by the
# libfuzzer-sys crate) and the coverage instrumentation rustc's stable codegen flags
# give (what cargo-fuzz asks of nightly with -Z flags). Prints the folder of the
# binaries. Used by scripts/fuzz-smoke.sh and scripts/fuzz.sh.
set -euo pipefail
cd "$(dirname "$0")"
host=$(rustc -vV | sed -n 's/^host: //p')
# Coverage as cargo-fuzz sets it: 8-bit edge counters, the table of their PCs, and
# comparisons traced (so the fuzzer learns the bytes a comparison wants). `fuzzing`
# is the cfg fuzz-aware crates look for. Debug assertions and overflow checks stay
# on in the optimised build. The flags reach only the target's crates, not build
# scripts (hence --target).
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
# The main target folder, beside the workspace's own builds (other flags, other
# subfolder): nothing of the main build is rebuilt.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(pwd)/../target/fuzz}"
cargo build --locked --release --target "$host" --bins "$@" >&2
echo "$CARGO_TARGET_DIR/$host/release"
