// A trap — a panic (panic = abort on wasm32) or memory running out — is an AttainError
// of kind "internal" (code "internal", path ""), never a `RuntimeError: unreachable`,
// and the module works afterwards: js/api.js makes a fresh instance, and plans and
// what-if sessions made before the trap are made again in it (a session with the
// actuals set since). The module here has its memory capped at 32 MiB, so that a
// real input of a few megabytes runs it out of memory.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { demoPlanText, demoSubject, here, wasmPath, withMaximumMemory } from './helpers.mjs';
import { AttainError, Plan, __provokePanic, init } from '../js/index.js';

const cap = 512; // pages of 64 KiB: 32 MiB
await init(new WebAssembly.Module(withMaximumMemory(readFileSync(wasmPath), cap)));

const rep = demoSubject();
const one = { subjects: [rep] };

/** An input of `n` copies of the demo rep (about 200 bytes each). */
function big(n) {
  const subjects = [];
  for (let i = 0; i < n; i++) subjects.push({ ...rep, id: `rep-${i}` });
  return JSON.stringify({ subjects });
}

function internal(pattern) {
  return (e) => {
    assert.ok(e instanceof AttainError, `${e?.name}: ${e?.message}`);
    assert.equal(e.kind, 'internal');
    assert.equal(e.code, 'internal');
    assert.equal(e.path, '');
    assert.deepEqual(e.problems.map((p) => [p.path, p.code]), [['', 'internal']]);
    assert.match(e.message, pattern);
    assert.deepEqual(JSON.parse(JSON.stringify(e)).error, 'internal');
    return true;
  };
}

test('out of memory on a real input: an internal AttainError, and the module works afterwards', () => {
  const plan = new Plan(demoPlanText());
  const before = plan.score(one);
  const session = plan.whatIf(rep).set('visits', '30');
  const card = session.scoreJson();
  // 20,000 subjects: 4 MB of input, whose results do not fit in 32 MiB.
  assert.throws(() => plan.scoreJson(big(20000)), internal(/out of memory/));
  // The plan and the session made before the trap work in the fresh instance.
  assert.deepEqual(plan.score(one), before);
  assert.equal(session.actual('visits'), '30');
  assert.equal(session.scoreJson(), card);
  session.set('visits', '31');
  assert.equal(session.actual('visits'), '31');
  // A plan made now works, and so does what fits in memory.
  const again = new Plan(demoPlanText());
  assert.deepEqual(again.score(one), before);
  assert.equal(JSON.parse(again.scoreJson(big(200))).subjects.length, 200);
  // Running out again is the same error, and again the module recovers.
  assert.throws(() => again.explainJson(big(20000), 'rep-0'), internal(/out of memory/));
  assert.deepEqual(again.score(one), before);
  assert.deepEqual(plan.score(one), before);
});

test('a panic inside the module: an internal AttainError with its message, and the module works afterwards', () => {
  const plan = new Plan(demoPlanText());
  const before = plan.score(one);
  const session = plan.whatIf(rep).set('new_signed', '3');
  const preview = session.previewJson();
  assert.throws(() => __provokePanic(), internal(/^internal error in attain \(please report it\): panicked at .*deliberate panic/s));
  assert.deepEqual(plan.score(one), before);
  assert.equal(session.previewJson(), preview);
  assert.equal(session.actual('new_signed'), '3');
  assert.deepEqual(new Plan(demoPlanText()).score(one), before);
  // A refusal after it is a refusal again, not an internal error.
  assert.throws(() => plan.score({ subjects: [{ id: 'x', actuals: { nope: '1' } }] }), (e) => e instanceof AttainError && e.kind === 'input');
  // A session outlives its freed plan, across a trap too.
  plan.free();
  assert.throws(() => __provokePanic(), internal(/deliberate panic/));
  assert.equal(session.previewJson(), preview);
  // A freed plan or session is not freed twice, here or in the fresh instance.
  session.free();
  assert.throws(() => __provokePanic(), internal(/deliberate panic/));
  assert.deepEqual(new Plan(demoPlanText()).score(one), before);
});

test('a trap prints nothing and ends nothing: the same in a process of its own', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { withMaximumMemory, wasmPath, demoPlanText } from ${JSON.stringify(here('./helpers.mjs'))};
    import { init, Plan, __provokePanic } from ${JSON.stringify(here('../js/index.js'))};
    await init(new WebAssembly.Module(withMaximumMemory(readFileSync(wasmPath), ${cap})));
    const plan = new Plan(demoPlanText());
    const input = JSON.stringify({ subjects: Array.from({ length: 20000 }, (_, i) => ({ id: 'r' + i, actuals: { visits: '1' } })) });
    const kinds = [];
    for (const f of [() => plan.scoreJson(input), () => __provokePanic()]) {
      try { f(); } catch (e) { kinds.push(e.kind + ' ' + e.code); }
    }
    console.log(kinds.join(', '), plan.score({ subjects: [{ id: 'a', actuals: {} }] }).subjects.length);
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.stderr, '');
  assert.equal(child.status, 0);
  assert.equal(child.stdout.trim(), 'internal internal, internal internal 1');
});
