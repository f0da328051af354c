// The shared conformance corpus, run through the Node binding: every valid case gives
// the expected canonical bytes (sync, async, object form, reversed input order), every
// invalid case is refused with exactly the listed (path, code) set and kind.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AttainError, Plan } from '../lib/index.js';
import { assertSameText, cases, reversedInput } from './corpus.mjs';

const valid = cases('cases');
const invalid = cases('invalid');

test('the corpus has cases', () => {
  assert.ok(valid.length > 0, 'no valid cases found in conformance/cases');
  assert.ok(invalid.length > 0, 'no invalid cases found in conformance/invalid');
});

for (const { name, doc, raw } of valid) {
  test(`valid ${name}`, async () => {
    const expected = JSON.stringify(doc.expected);
    const plan = Plan.fromJson(raw.plan);
    assert.equal(plan.id, doc.plan.id);
    assertSameText(plan.scoreJson(raw.input), expected, 'scoreJson');
    assertSameText(await plan.scoreJsonAsync(raw.input), expected, 'scoreJsonAsync');
    // The Buffer forms: the same bytes, from the input's text or its bytes.
    assert.ok(plan.scoreJsonBuffer(raw.input).equals(Buffer.from(expected)), 'scoreJsonBuffer');
    const fromBytes = await plan.scoreJsonBufferAsync(new TextEncoder().encode(raw.input));
    assert.ok(fromBytes.equals(Buffer.from(expected)), 'scoreJsonBufferAsync');
    // The object form gives the same document (the input text is accepted as is).
    assert.deepEqual(plan.score(raw.input), doc.expected, 'score');
    assert.deepEqual(await plan.scoreAsync(raw.input), doc.expected, 'scoreAsync');
    const reversed = reversedInput(raw.input);
    if (reversed !== null) {
      assertSameText(plan.scoreJson(reversed), expected, 'reversed input order');
    }
    // A plan read back from its own JSON scores the same.
    assertSameText(Plan.fromJson(plan.toJson()).scoreJson(raw.input), expected, 'toJson round trip');
    // explain gives each subject's card as in the full result (when what it takes is on,
    // since explain always computes it).
    if (doc.input?.options?.what_it_takes === true) {
      for (const card of doc.expected.subjects) {
        assertSameText(plan.explainJson(raw.input, card.id), JSON.stringify(card), `explain ${card.id}`);
      }
    }
  });
}

function problemSet(problems) {
  return new Set(problems.map((p) => `${p.path} ${p.code}`));
}

function checkRefusal(e, want) {
  assert.ok(e instanceof AttainError, `expected an AttainError, got ${e}`);
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'AttainError');
  assert.equal(e.kind, want.error);
  assert.deepEqual(problemSet(e.problems), problemSet(want.problems));
  assert.equal(e.code, e.problems[0].code);
  assert.equal(e.path, e.problems[0].path);
  for (const p of e.problems) assert.equal(typeof p.message, 'string');
  assert.deepEqual(JSON.parse(JSON.stringify(e)), { error: e.kind, problems: e.problems });
}

for (const { name, doc, raw } of invalid) {
  test(`invalid ${name}`, async () => {
    const want = doc.expected_error;
    const planText = typeof doc.plan_text === 'string' ? doc.plan_text : raw.plan;
    if (raw.input === undefined) {
      assert.throws(() => Plan.fromJson(planText), (e) => {
        checkRefusal(e, want);
        return true;
      });
    } else {
      const plan = Plan.fromJson(planText);
      assert.throws(() => plan.scoreJson(raw.input), (e) => {
        checkRefusal(e, want);
        return true;
      });
      await assert.rejects(plan.scoreJsonAsync(raw.input), (e) => {
        checkRefusal(e, want);
        return true;
      });
      assert.throws(() => plan.scoreJsonBuffer(raw.input), (e) => {
        checkRefusal(e, want);
        return true;
      });
    }
  });
}
