// Size budget: the optimised .wasm, gzipped, stays within 200 KB.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { here, wasmPath } from './helpers.mjs';

const BUDGET = 200 * 1024;

for (const [name, path] of [
  ['web', wasmPath],
  ['bundler', here('../pkg-bundler/attain_wasm_bg.wasm')],
]) {
  test(`the ${name} build's .wasm is within ${BUDGET / 1024} KB gzipped`, (t) => {
    const bytes = readFileSync(path);
    const gz = gzipSync(bytes, { level: 9 }).length;
    const line = `${name} .wasm: ${bytes.length} bytes, ${gz} bytes gzipped (${(gz / 1024).toFixed(1)} KB of ${BUDGET / 1024} KB)`;
    t.diagnostic(line);
    console.log(`wasm_size ${line}`);
    assert.ok(gz <= BUDGET, line);
  });
}
