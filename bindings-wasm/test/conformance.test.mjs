// The shared conformance corpus (../conformance) against the WASM module in Node:
// every valid case gives the expected canonical bytes (also with the subjects in
// reverse order); every invalid case throws AttainError with exactly the listed
// (path, code) set.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpus, engine, member, spans } from './helpers.mjs';

const { Plan, AttainError } = await engine();
const cases = corpus('cases');
const invalid = corpus('invalid');

test('the corpus is there', () => {
  assert.ok(cases.length > 0, 'no valid cases in conformance/cases');
  assert.ok(invalid.length > 0, 'no invalid cases in conformance/invalid');
});

// The input text with its subjects in reverse order, cut from the original text.
function reversed(inputText) {
  const root = spans(inputText);
  const list = root.keys?.get('subjects');
  if (!list?.items || list.items.length < 2) return null;
  const items = list.items.map((n) => inputText.slice(n.start, n.end)).reverse();
  return `${inputText.slice(0, list.start)}[${items.join(',')}]${inputText.slice(list.end)}`;
}

for (const { name, text } of cases) {
  test(`valid ${name}`, () => {
    const root = spans(text);
    const doc = JSON.parse(text);
    const expected = JSON.stringify(doc.expected);
    const plan = Plan.fromJson(member(text, root, 'plan'));
    try {
      const inputText = member(text, root, 'input');
      assert.equal(plan.scoreJson(inputText), expected);
      const other = reversed(inputText);
      if (other !== null) assert.equal(plan.scoreJson(other), expected, 'differs when the input order is reversed');
    } finally {
      plan.free();
    }
  });
}

function problemSet(problems) {
  return new Set(problems.map((p) => `${p.path} ${p.code}`));
}

for (const { name, text } of invalid) {
  test(`invalid ${name}`, () => {
    const root = spans(text);
    const doc = JSON.parse(text);
    const want = doc.expected_error;
    const planText = typeof doc.plan_text === 'string' ? doc.plan_text : member(text, root, 'plan');
    const inputText = member(text, root, 'input');
    let error = null;
    try {
      const plan = Plan.fromJson(planText);
      try {
        if (inputText !== undefined) plan.scoreJson(inputText);
      } finally {
        plan.free();
      }
    } catch (e) {
      error = e;
    }
    assert.ok(error !== null, `accepted, expected ${JSON.stringify(want)}`);
    assert.ok(error instanceof AttainError, `not an AttainError: ${error}`);
    assert.equal(error.kind, want.error);
    assert.deepEqual(problemSet(error.problems), problemSet(want.problems));
  });
}
