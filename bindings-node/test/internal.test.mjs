// A bug in attain (a Rust panic inside the addon) is an AttainError of kind "internal"
// (code "internal", path ""), with the panic's message and place: never a process
// abort, never an untyped error, nothing on stderr, and the addon works afterwards.
// The panic comes from a test hook (`__provokePanic`, not API), which panics inside
// the same `guarded` call every call into the core goes through.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fivePlan, subjects } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const indexPath = fileURLToPath(new URL('../lib/index.js', import.meta.url));
const attain = require(indexPath);
const { AttainError, Plan } = attain;

function internal(e) {
  assert.ok(e instanceof AttainError, `${e?.name}: ${e?.message}`);
  assert.equal(e.kind, 'internal');
  assert.equal(e.code, 'internal');
  assert.equal(e.path, '');
  assert.deepEqual(e.problems.map((p) => [p.path, p.code]), [['', 'internal']]);
  assert.match(e.message, /^internal error in attain \(please report it\): panicked at bindings-node\/src\/panics\.rs:\d+:\d+:\n.*deliberate panic/);
  assert.deepEqual(JSON.parse(JSON.stringify(e)).error, 'internal');
  return true;
}

test('a panic is an internal AttainError, and the addon works afterwards', async () => {
  const plan = Plan.fromJson(JSON.stringify(fivePlan));
  const input = { subjects: subjects(20) };
  const before = plan.score(input);
  assert.throws(() => attain.__provokePanic(), internal);
  // On the libuv thread pool too.
  await assert.rejects(attain.__provokePanicAsync(), internal);
  assert.deepEqual(plan.score(input), before);
  assert.deepEqual(await plan.scoreAsync(input), before);
  assert.throws(() => attain.__provokePanic(), internal);
});

test('the test hooks are not API', () => {
  assert.equal(Object.keys(attain).includes('__provokePanic'), false);
  assert.equal(typeof attain.__provokePanic, 'function');
});

test('a panic prints nothing on stderr and ends nothing', () => {
  const script = `
    const attain = require(${JSON.stringify(indexPath)});
    const kinds = [];
    try { attain.__provokePanic(); } catch (e) { kinds.push(e.kind + ' ' + e.code); }
    attain.__provokePanicAsync().catch((e) => {
      kinds.push(e.kind + ' ' + e.code);
      console.log(kinds.join(', '));
    });
  `;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(child.stderr, '');
  assert.equal(child.status, 0);
  assert.equal(child.stdout.trim(), 'internal internal, internal internal');
});
