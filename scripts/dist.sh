#!/usr/bin/env bash
# Build every artifact a user installs into dist/:
#   - Python: abi3 wheels for manylinux2014 (glibc >= 2.17) on x86-64 and aarch64,
#     cross-built with maturin + zig (both from PyPI), each checked by auditwheel;
#   - Node: the attain-node tarball (npm pack) with this machine's addon
#     (linux-x64-gnu; other platforms: see "Left" in bindings-node/README.md);
#   - WASM: the attain-wasm tarball (npm pack).
# The cross builds are slow, so the test command does not run this script; it runs
# the install test (a fresh venv and a fresh npm project from this machine's
# artifacts) in the binding suites instead.
#
#   bash scripts/dist.sh                # everything
#   ATTAIN_DIST_ARCHES=x86_64 bash scripts/dist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dist="$root/dist"
mkdir -p "$dist"
arches=${ATTAIN_DIST_ARCHES:-"x86_64 aarch64"}

step() { printf '\n== %s\n' "$*"; }

# Build tools in their own venv, pinned, so the wheels do not depend on what else
# is installed.
venv="$root/target/dist-venv"
if [ ! -x "$venv/bin/maturin" ] || [ ! -x "$venv/bin/auditwheel" ] || ! "$venv/bin/python" -c "import ziglang" 2>/dev/null; then
  step "build tools (maturin, ziglang, auditwheel) into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "maturin>=1.9,<2" "ziglang==0.13.0" "auditwheel>=6,<7"
fi

for arch in $arches; do
  target="$arch-unknown-linux-gnu"
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  step "Python wheel: manylinux2014 $arch"
  (cd bindings-python && PATH="$venv/bin:$PATH" maturin build --release --zig \
    --compatibility manylinux2014 --target "$target" --out "$dist")
  wheel=$(ls -t "$dist"/attain-*-manylinux*_"$arch"*.whl | head -1)
  # auditwheel names the most compatible policy the wheel meets: it must be 2_17.
  report=$("$venv/bin/auditwheel" show "$wheel")
  echo "$report" | grep -q "manylinux_2_17_$arch" || {
    echo "$wheel is not manylinux_2_17_$arch:" >&2
    echo "$report" >&2
    exit 1
  }
  echo "auditwheel: $(basename "$wheel") is manylinux_2_17_$arch"
done

step "npm packages"
if [ ! -f bindings-node/attain.linux-x64-gnu.node ]; then
  (cd bindings-node && npm install --no-audit --no-fund && npx napi build --platform --release)
fi
(cd bindings-node && npm pack --pack-destination "$dist" >/dev/null)
if [ ! -f bindings-wasm/pkg/attain_wasm_bg.wasm ]; then
  echo "bindings-wasm/pkg is not built: run bash bindings-wasm/test.sh first" >&2
  exit 1
fi
(cd bindings-wasm && npm pack --pack-destination "$dist" >/dev/null)

step "dist/"
ls -l "$dist"
