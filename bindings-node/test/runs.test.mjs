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

/** JS numbers in the plans that the object form refuses (not safe integers). */
function inexactNumbers(v) {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 0 : 1;
  if (v === null || typeof v !== 'object') return 0;
  return Object.values(v).reduce((n, x) => n + inexactNumbers(x), 0);
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
    // The object form: the same result, unless the plans hold fractional JS numbers.
    const { derivation, expected: _, ...document } = doc;
    if (inexactNumbers(document.plans) === 0) {
      assert.deepEqual(run(document), doc.expected);
      assert.deepEqual(await runAsync(document), doc.expected);
    } else {
      assert.throws(() => run(document), (e) => e instanceof AttainError && e.code === 'wrong_type' && e.path.startsWith('/plans/'));
    }
    void derivation;
  });
}

test('run refuses JS numbers outside the plans and fractional ones inside', () => {
  const doc = JSON.parse(
    all.find((c) => c.doc.expected !== undefined && inexactNumbers(c.doc.plans) === 0)?.raw.plans !== undefined
      ? `{"plans": ${all.find((c) => c.doc.expected !== undefined && inexactNumbers(c.doc.plans) === 0).raw.plans}}`
      : '{"plans": []}',
  );
  doc.roster = [{ subject: 'a', share: 0.5 }];
  doc.period = '2026-Q3';
  if (doc.plans.length > 0) doc.plans[0].pace = { warn_below: 90.5 };
  assert.throws(() => run(doc), (e) => {
    assert.ok(e instanceof AttainError);
    assert.equal(e.kind, 'input');
    const paths = e.problems.map((p) => p.path);
    assert.ok(paths.includes('/roster/0/share'), paths.join(' '));
    if (doc.plans.length > 0) assert.ok(paths.includes('/plans/0/pace/warn_below'), paths.join(' '));
    return true;
  });
  assert.throws(() => runJson({}), AttainError);
  assert.throws(() => runJson('not json'), (e) => e instanceof AttainError && e.code === 'invalid_json');
});
