// The shared JS layer (bindings-js/) as this package holds it: js/shared.js and
// js/format.d.ts are the copies `node bindings-js/sync.mjs` writes, and the
// package's published files include them.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { drift } from '../../bindings-js/sync.mjs';
import * as shared from '../js/shared.js';
import { engine, here } from './helpers.mjs';

const { AttainError, WhatIf } = await engine();

test('the copies of the shared layer are up to date (else run `node bindings-js/sync.mjs`)', () => {
  assert.deepEqual(drift(), []);
});

test('the package exports the shared classes', () => {
  assert.equal(AttainError, shared.AttainError);
  assert.equal(WhatIf, shared.WhatIf);
  assert.throws(() => new WhatIf(), TypeError);
});

test('npm pack includes the shared files', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: here('..'), encoding: 'utf8' }));
  const files = new Set(pack.files.map((f) => f.path));
  for (const f of ['js/index.js', 'js/api.js', 'js/index.d.ts', 'js/shared.js', 'js/format.d.ts']) assert.ok(files.has(f), f);
});
