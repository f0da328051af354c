// No panic crosses into JS: plans and inputs mutated at random (deterministic seed)
// are either scored or refused with an AttainError, never a WebAssembly trap, and the
// module keeps working afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpus, demoPlanText, demoSubject, engine } from './helpers.mjs';

const { Plan, AttainError } = await engine();

// xorshift32: the same mutations on every run.
let seed = 0x2f6b1e55;
function rand(n) {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}

const weird = [
  null, true, false, '', '0', '-0', '-1', '1e14', '-1e14', '999999999999999', '1e15', '1e-10', '0.0000000001',
  '12345678901234.5678901234', 'NaN', '-Infinity', 'abc', '１２', '1,5', ' 7 ', [], {}, [[[]]], { x: '1' },
  'x'.repeat(300), '门槛', 'root', 'zero', 'reweight', 'refuse', 'achievement', 'actual', 'lower_is_better', 'band',
  'step', 'linear', 'ratio', 'deduction', 'pass_fail', '100', '50', '0.5', '3',
];

function paths(v, prefix = [], out = []) {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k], [...prefix, k], out);
  return out;
}

function mutate(doc) {
  const copy = structuredClone(doc);
  const all = paths(copy).filter((p) => p.length > 0);
  for (let m = 1 + rand(3); m > 0; m--) {
    const p = all[rand(all.length)];
    let parent = copy;
    for (const k of p.slice(0, -1)) parent = parent?.[k];
    if (parent === null || typeof parent !== 'object') continue;
    const key = p[p.length - 1];
    const choice = rand(10);
    if (choice === 0 && !Array.isArray(parent)) delete parent[key];
    else if (choice === 1 && Array.isArray(parent)) parent.splice(Number(key), 1);
    else if (choice === 2 && Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
    else parent[key] = structuredClone(weird[rand(weird.length)]);
  }
  return copy;
}

function attempt(f) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof AttainError)) throw e;
    assert.ok(e.problems.length > 0);
  }
}

test('mutated plans and inputs are scored or refused, never trap', () => {
  const docs = corpus('cases').map(({ text }) => JSON.parse(text));
  docs.push({ plan: JSON.parse(demoPlanText()), input: { subjects: [demoSubject()] } });
  let runs = 0;
  for (let round = 0; round < 25; round++) {
    for (const doc of docs) {
      const plan = rand(2) === 0 ? mutate(doc.plan) : doc.plan;
      const input = mutate(doc.input);
      attempt(() => {
        const p = Plan.fromJson(JSON.stringify(plan));
        try {
          attempt(() => p.scoreJson(JSON.stringify({ ...input, options: { what_it_takes: true } })));
          const subject = input?.subjects?.[0];
          if (subject && typeof subject === 'object') {
            attempt(() => {
              const s = p.whatIf(JSON.parse(JSON.stringify(subject)));
              for (const id of p.indicatorIds()) attempt(() => s.set(id, weird[rand(weird.length)]));
              s.score();
              s.free();
            });
          }
        } finally {
          p.free();
        }
      });
      runs++;
    }
  }
  assert.ok(runs > 1000, `${runs} runs`);
  // Still working afterwards.
  const plan = Plan.fromJson(demoPlanText());
  assert.equal(plan.whatIf(demoSubject()).score().total, '96.27');
});
