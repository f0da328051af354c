#!/usr/bin/env bash
# Set up the side-by-side harness (idempotent, cached):
#   - a venv in benches/compare/.venv with pandas, polars, duckdb, pyarrow, psutil;
#   - the attain CLI: release build (or, with --smoke, the debug build `cargo test` makes);
#   - the Python binding in that venv, from the newest wheel of bindings-python/dist,
#     target/wheels or .cache/wheels; without --smoke a missing or stale wheel is
#     built first (maturin, as bindings-python/test.sh does); with --smoke a missing
#     wheel only makes the binding peers n/a.
# Prints the attain binary to use on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
venv="$here/.venv"
py="$venv/bin/python"

# 1. The venv (the stamp records what was installed).
requirements="pandas polars duckdb pyarrow psutil"
[ -x "$py" ] || python3 -m venv "$venv" >&2
stamp="$venv/.compare-deps"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$requirements" ]; then
    echo "== installing $requirements into $venv" >&2
    # shellcheck disable=SC2086
    "$py" -m pip install --quiet $requirements >&2
    echo "$requirements" > "$stamp"
fi

# 2. The CLI.
if [ "$smoke" = 1 ]; then
    (cd "$root" && cargo build --quiet -p attain-cli >&2)
    bin="$root/target/debug/attain"
else
    echo "== cargo build --release -p attain-cli" >&2
    (cd "$root" && cargo build --quiet --release -p attain-cli >&2)
    bin="$root/target/release/attain"
fi

# 3. The Python binding.
newest_wheel() {
    ls -t "$root"/bindings-python/dist/attain-*.whl "$root"/target/wheels/attain-*.whl \
        "$here"/.cache/wheels/attain-*.whl 2>/dev/null | head -n 1 || true
}
wheel="$(newest_wheel)"
if [ "$smoke" = 0 ]; then
    newest_source="$(find "$root/core/src" "$root/core/Cargo.toml" "$root/bindings-python/src" \
        "$root/bindings-python/python" "$root/bindings-python/Cargo.toml" "$root/Cargo.lock" \
        -type f -newer "${wheel:-/nonexistent}" -print -quit 2>/dev/null || true)"
    if [ -z "$wheel" ] || [ -n "$newest_source" ]; then
        echo "== building the Python binding's wheel (maturin, release) into .cache/wheels" >&2
        "$py" -m pip install --quiet "maturin>=1.9,<2" >&2
        rm -rf "$here/.cache/wheels"
        (cd "$root/bindings-python" && "$venv/bin/maturin" build --release --quiet \
            --out "$here/.cache/wheels" >&2) || echo "== maturin build failed: binding peers n/a" >&2
        wheel="$(newest_wheel)"
    fi
fi
installed="$venv/.compare-wheel"
if [ -n "$wheel" ]; then
    id="$(sha256sum "$wheel" | cut -d' ' -f1)"
    if [ ! -f "$installed" ] || [ "$(cat "$installed")" != "$id" ]; then
        echo "== installing $(basename "$wheel") into $venv" >&2
        if "$py" -m pip install --quiet --force-reinstall --no-deps "$wheel" >&2; then
            echo "$id" > "$installed"
        else
            echo "== the wheel does not install here: binding peers n/a" >&2
        fi
    fi
else
    echo "== no wheel of bindings-python (run bindings-python/test.sh or run.sh): binding peers n/a" >&2
fi
echo "$bin"
