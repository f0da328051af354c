// The package's two entries, resolved by name as a user's project resolves them
// (package.json "exports"; Node resolves a package's own name from inside it):
// `import` gets lib/index.mjs, `require` gets lib/index.js, and both are the same
// objects, so an AttainError thrown through one is an instance of the other's class.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as esm from 'attain-node';
import esmDefault from 'attain-node';

const require = createRequire(import.meta.url);
const cjs = require('attain-node');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

test('import resolves to the ES module wrapper, require to the CommonJS build', () => {
  assert.match(import.meta.resolve('attain-node'), /\/lib\/index\.mjs$/);
  assert.match(require.resolve('attain-node'), /\/lib\/index\.js$/);
});

test('the ES module entry re-exports every named export of the CommonJS build, the same objects', () => {
  const names = Object.keys(cjs).sort();
  assert.deepEqual(Object.keys(esm).filter((k) => k !== 'default').sort(), names);
  for (const name of names) assert.equal(esm[name], cjs[name], name);
  assert.equal(esmDefault, cjs);
  assert.ok(names.includes('Plan') && names.includes('AttainError') && names.includes('run'));
});

test('both entries score, and errors are one class', () => {
  const text = readFileSync(new URL('../../examples/plans/telesales.json', import.meta.url), 'utf8');
  const input = { subjects: [{ id: 'zhang.san', actuals: { calls: '212', conversion: '16.5', deals: '35', follow_up_24h: '92' } }] };
  const a = esm.Plan.fromJson(text).score(input).subjects[0];
  const b = cjs.Plan.fromJson(text).score(input).subjects[0];
  assert.deepEqual([a.total, a.rating, a.payout], ['106.15', 'A', '3600.00']);
  assert.deepEqual(b, a);
  assert.throws(() => esm.Plan.fromJson('{}'), cjs.AttainError);
});

test('package.json: both conditions typed, nothing private', () => {
  const root = pkg.exports['.'];
  assert.deepEqual(root.import, { types: './lib/index.d.mts', default: './lib/index.mjs' });
  assert.deepEqual(root.require, { types: './lib/index.d.ts', default: './lib/index.js' });
  assert.equal(pkg.private, undefined);
});
