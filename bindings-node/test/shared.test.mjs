// The shared JS layer (bindings-js/) as this package holds it: lib/shared.js and
// lib/format.d.ts are the copies `node bindings-js/sync.mjs` writes, and the
// package's published files include them.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { drift } from '../../bindings-js/sync.mjs';
import { AttainError, WhatIf } from '../lib/index.js';
import * as shared from '../lib/shared.js';

test('the copies of the shared layer are up to date (else run `node bindings-js/sync.mjs`)', () => {
  assert.deepEqual(drift(), []);
});

test('the package exports the shared classes', () => {
  assert.equal(AttainError, shared.AttainError);
  assert.equal(WhatIf, shared.WhatIf);
  assert.throws(() => new WhatIf(), TypeError);
});

test('npm pack includes the shared files', () => {
  const dir = fileURLToPath(new URL('..', import.meta.url));
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' }));
  const files = new Set(pack.files.map((f) => f.path));
  for (const f of ['lib/index.js', 'lib/index.d.ts', 'lib/shared.js', 'lib/format.d.ts']) assert.ok(files.has(f), f);
});
