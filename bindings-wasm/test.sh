#!/usr/bin/env bash
# Build and test attain's browser binding (bindings-wasm/) and its what-if demo page.
#
# Installs what is missing (idempotent; a second run skips it all): the wasm32 target,
# wasm-bindgen-cli at the version Cargo.lock pins, npm devDependencies (binaryen's
# wasm-opt, typescript, playwright-core), Debian's chromium and CJK fonts. Then:
# cargo build (release, wasm32) → wasm-bindgen (web + bundler) → wasm-opt →
# tsc --strict → node --test → the what-if benchmark.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n== %s\n' "$*"; }

# ---- install what is missing
step "toolchain"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}
[ -x /usr/bin/chromium ] || apt_install chromium
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || apt_install fonts-noto-cjk

if [ ! -f node_modules/.package-lock.json ] ||
  [ package.json -nt node_modules/.package-lock.json ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi

# ---- build
# Speed matters more than size for the live what-if (the budget is checked by a test):
# opt-level 3 with fat LTO (2 measured as fast and about the same size; `s` is ~16 %
# smaller but ~20 % slower, `z` slower still); set here rather than in the workspace's
# release profile.
# wasm32-unknown-unknown always aborts on panic: the binding never unwraps, and the
# core returns errors; a trap all the same is an AttainError of kind internal (js/api.js).
step "cargo build (wasm32, release)"
CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
  cargo build --release --target wasm32-unknown-unknown -p attain-wasm
wasm="${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/release/attain_wasm.wasm"

# The CLI must be the exact version of the wasm-bindgen crate in Cargo.lock.
version="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }' "$root/Cargo.lock")"
if [ -z "$version" ]; then
  echo "wasm-bindgen is not in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $version" ]; then
  step "cargo install wasm-bindgen-cli $version"
  cargo install wasm-bindgen-cli --version "$version"
fi

step "wasm-bindgen + wasm-opt"
wasm_opt_flags="-O3"
# The web build's glue gets `__wbg_reset_state()`: after a trap (a panic aborts on
# wasm32, and so does running out of memory) js/api.js makes a fresh instance of the
# module with it. (Not offered for the bundler target, whose bundler instantiates.)
web_flags="--experimental-reset-state-function"
stamp="$(sha256sum "$wasm" | cut -d' ' -f1) $version $web_flags $wasm_opt_flags $(node_modules/.bin/wasm-opt --version)"
if [ "$(cat pkg/.stamp 2>/dev/null || true)" = "$stamp" ] && [ "$(cat pkg-bundler/.stamp 2>/dev/null || true)" = "$stamp" ]; then
  echo "pkg/ and pkg-bundler/ are up to date"
else
  rm -rf pkg pkg-bundler
  wasm-bindgen --target web $web_flags --out-dir pkg "$wasm"
  wasm-bindgen --target bundler --out-dir pkg-bundler "$wasm"
  node_modules/.bin/wasm-opt $wasm_opt_flags pkg/attain_wasm_bg.wasm -o pkg/attain_wasm_bg.wasm.opt
  mv pkg/attain_wasm_bg.wasm.opt pkg/attain_wasm_bg.wasm
  node_modules/.bin/wasm-opt $wasm_opt_flags pkg-bundler/attain_wasm_bg.wasm -o pkg-bundler/attain_wasm_bg.wasm.opt
  mv pkg-bundler/attain_wasm_bg.wasm.opt pkg-bundler/attain_wasm_bg.wasm
  echo "$stamp" > pkg/.stamp
  echo "$stamp" > pkg-bundler/.stamp
fi

# ---- check and test
step "rustfmt + clippy (attain-wasm)"
cargo fmt -p attain-wasm --check
cargo clippy --target wasm32-unknown-unknown -p attain-wasm --no-deps -- -D warnings

step "tsc --strict (js/index.d.ts against test/types/usage.ts)"
node_modules/.bin/tsc --strict --noEmit -p test/types

step "node --test"
node --test test/*.test.mjs

step "README snippets (complete programs; printed output compared)"
python3 "$root/scripts/readme_snippets.py" --lang wasm "$root/README.md" "$here/README.md"

step "npm pack + install of the tarball (offline) + import by name"
node "$root/bindings-js/pack-check.mjs" wasm

step "what-if benchmark"
bench="$(node bench/whatif.mjs)"
echo "$bench"

size="$(node -e '
  const { readFileSync } = require("node:fs");
  const { gzipSync } = require("node:zlib");
  const b = readFileSync("pkg/attain_wasm_bg.wasm");
  const gz = gzipSync(b, { level: 9 }).length;
  console.log(`${b.length} bytes, ${gz} bytes gzipped (${(gz / 1024).toFixed(1)} KB; budget 200 KB)`);
')"
median="$(printf '%s\n' "$bench" | sed -n 's/^whatif_median_us=//p')"
step "summary"
echo "wasm (optimised): $size"
echo "what-if median (set + preview, 5 indicators, next on): ${median} µs (target < 20 µs)"
