// The fact-based conformance corpus (conformance/runs): plans + roster + facts +
// period → the expected canonical run result, byte for byte (sync, async, with the
// fact rows reversed); invalid runs refused with exactly the listed problems.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AttainError, run, runAsync, runJson, runJsonAsync, runJsonBuffer, runJsonBufferAsync } from '../lib/index.js';
import { assertSameText, cases, runDocumentText } from './corpus.mjs';

const all = cases('runs');

test('the run corpus has cases', () => {
  assert.ok(all.length > 0, 'no run cases found in conformance/runs');
});

/** The run document's text with the fact rows reversed (a CSV header stays first). */
function reversedFacts(raw, doc) {
  const format = doc.facts?.format ?? 'csv';
  const lines = (doc.facts?.text ?? '').split('\n').filter((l, i, a) => !(i === a.length - 1 && l === ''));
  const header = format === 'csv' && lines.length > 0 ? [lines.shift()] : [];
  const facts = { ...doc.facts, text: [...header, ...lines.reverse()].join('\n') + '\n' };
  return runDocumentText({ ...raw, facts: JSON.stringify(facts) });
}

function problemSet(problems) {
  return new Set(problems.map((p) => `${p.path} ${p.code}`));
}

for (const { name, doc, raw } of all) {
  // The case file without the test's own keys is the run document (a run document
  // refuses keys it does not know).
  const text = runDocumentText(raw);
  if (doc.expected_error !== undefined) {
    test(`invalid run ${name}`, async () => {
      const check = (e) => {
        assert.ok(e instanceof AttainError, String(e));
        assert.equal(e.kind, doc.expected_error.error);
        assert.deepEqual(problemSet(e.problems), problemSet(doc.expected_error.problems));
        return true;
      };
      assert.throws(() => runJson(text), check);
      await assert.rejects(runJsonAsync(text), check);
      assert.throws(() => runJsonBuffer(text), check);
      await assert.rejects(runJsonBufferAsync(Buffer.from(text)), check);
    });
    continue;
  }
  test(`run ${name}`, async () => {
    const expected = JSON.stringify(doc.expected);
    const got = runJson(text);
    assertSameText(got, expected, 'runJson');
    assertSameText(await runJsonAsync(text), expected, 'runJsonAsync');
    // The Buffer forms hold the same bytes, from text or from bytes.
    assert.ok(runJsonBuffer(text).equals(Buffer.from(expected)), 'runJsonBuffer');
    assert.ok((await runJsonBufferAsync(Buffer.from(text))).equals(Buffer.from(expected)), 'runJsonBufferAsync');
    const { ledger } = JSON.parse(got);
    assert.equal(ledger.rows, ledger.used + ledger.outside + ledger.duplicate + ledger.conflicting + ledger.rejected);
    // Row order changes no figure (only the line numbers in the ledger).
    const strip = (t) => {
      const v = JSON.parse(t);
      v.ledger.rejections = null;
      v.ledger.conflicts = null;
      return v;
    };
    assert.deepEqual(strip(runJson(reversedFacts(raw, doc))), strip(got));
    // The object form: the same result (its JS numbers are written back as the text
    // they were read from).
    const { derivation, expected: _, ...document } = doc;
    assert.deepEqual(run(document), doc.expected);
    assert.deepEqual(await runAsync(document), doc.expected);
    void derivation;
  });
}

test('run: JS numbers are read as their text, NaN and functions are refused with the engine\'s problems', () => {
  const scored = all.find((c) => c.doc.expected !== undefined);
  const doc = JSON.parse(`{"plans": ${scored.raw.plans}}`);
  doc.roster = [{ subject: 'a', share: 0.5 }, { subject: 'b', share: NaN, start: () => '2026-07-01' }];
  doc.period = '2026-Q3';
  doc.as_of = 20260701;
  assert.throws(() => run(doc), (e) => {
    assert.ok(e instanceof AttainError);
    assert.equal(e.kind, 'input');
    const pairs = e.problems.map((p) => `${p.path} ${p.code}`);
    assert.deepEqual(pairs.slice(0, 2), ['/roster/1/share not_finite', '/roster/1/start wrong_type']);
    assert.ok(pairs.some((p) => p.startsWith('/as_of ')), pairs.join(', '));
    return true;
  });
  assert.throws(() => runJson({}), AttainError);
  assert.throws(() => runJson('not json'), (e) => e instanceof AttainError && e.code === 'invalid_json');
});
