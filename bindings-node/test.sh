#!/usr/bin/env bash
# Build the Node binding (napi-rs, release) and run all its tests:
# the addon's unit tests, types (tsc --strict), the conformance corpus, the API, and the example CRM service.
# Installs what is missing from the npm registry; a second run reuses node_modules.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
example="$here/../examples/node"
cd "$here"

command -v node >/dev/null || { echo "node (>= 18) is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is required" >&2; exit 1; }
command -v cargo >/dev/null || { echo "cargo is required (install Rust with rustup)" >&2; exit 1; }

# npm install only when package.json / package-lock.json changed since the last one.
# (`npm install`, not `npm ci`: ci fails on the CLI's optional platform packages.)
fresh() { # fresh DIR: node_modules is newer than the manifests
  local marker="$1/node_modules/.package-lock.json"
  [ -f "$marker" ] && [ "$marker" -nt "$1/package.json" ] && { [ ! -f "$1/package-lock.json" ] || [ "$marker" -nt "$1/package-lock.json" ]; }
}
if ! fresh "$here"; then
  echo "== npm install (bindings-node)"
  npm install --no-audit --no-fund
fi

echo "== napi build --platform --release"
npx napi build --platform --release

echo "== cargo test -p attain-node --lib (the addon's own unit tests: UTF-16 widening)"
cargo test -q -p attain-node --lib

# The example service depends on this package through a `file:` link.
if ! fresh "$example" || [ ! -e "$example/node_modules/attain-node" ]; then
  echo "== npm install (examples/node)"
  (cd "$example" && npm install --no-audit --no-fund)
fi

echo "== tsc --strict --noEmit"
npx tsc --strict --noEmit -p test/tsconfig.json

echo "== node --test"
node --test test/*.test.mjs "$example"/*.test.mjs
