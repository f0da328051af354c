// The what-if session: each re-score equals scoring the same actuals with explain
// (bar the rank), the preview's figures equal the scorecard's, and bad values are
// refused with their path and leave the session as it was.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AttainError, Plan } from '../lib/index.js';
import { fivePlan } from './fixtures.mjs';

const plan = Plan.fromJson(JSON.stringify(fivePlan));
const rep = {
  id: 'wang.wu',
  actuals: { calls: '180', conversion: '13.5', collection: '88', visits: '22', cycle: '33' },
  points: { innovation: '2' },
};

/** The scorecard of `subject` scored alone with explain (rank 1 of 1), rank cleared. */
function alone(subject) {
  const card = plan.explain({ subjects: [subject] }, subject.id);
  return { ...card, rank: null };
}

/** Indicator nodes of a scorecard's tree, by id. */
function indicators(node, out = new Map()) {
  if (node.kind === 'indicator') out.set(node.id, node);
  for (const c of node.children ?? []) indicators(c, out);
  return out;
}

describe('whatIf', () => {
  test('every re-score is the scorecard of the same actuals', () => {
    const session = plan.whatIf(rep);
    const actuals = { ...rep.actuals };
    for (const calls of ['120', '150', '199.5', '200', '260']) {
      for (const collection of ['50', '59.99', '60', '95', '130']) {
        session.set('calls', calls).set('collection', collection);
        actuals.calls = calls;
        actuals.collection = collection;
        const want = alone({ ...rep, actuals });
        assert.deepEqual({ ...session.score(), rank: null }, want, `calls ${calls}, collection ${collection}`);
        assert.equal(session.actual('calls'), calls);
      }
    }
  });

  test('the preview carries the scorecard figures', () => {
    const session = plan.whatIf(JSON.stringify(rep));
    for (const conversion of ['5', '9', '15', '18.25', null]) {
      session.set('conversion', conversion);
      const card = session.score();
      const preview = session.preview();
      assert.equal(preview.total, card.total);
      assert.equal(preview.rating, card.rating);
      assert.equal(preview.payout, card.payout);
      assert.deepEqual(preview.flags, card.flags);
      const nodes = indicators(card.tree);
      preview.indicators.id.forEach((id, k) => {
        const node = nodes.get(id);
        assert.equal(preview.indicators.score[k], node.score, `${id} score`);
        assert.equal(preview.indicators.actual[k], node.actual, `${id} actual`);
        assert.equal(preview.indicators.tier[k], node.tier, `${id} tier`);
        assert.equal(preview.indicators.next.total[k], node.next?.total ?? null, `${id} next total`);
      });
      assert.deepEqual(JSON.parse(session.previewJson()), preview); // ASCII text, \u escapes
    }
    assert.equal(session.actual('conversion'), null);
  });

  test('bad values are refused with their path and change nothing', () => {
    const session = plan.whatIf(rep);
    const before = session.scoreJson();
    const refused = (kind, path, code) => (e) => {
      assert.ok(e instanceof AttainError, String(e));
      assert.equal(e.kind, kind);
      assert.equal(e.path, path);
      assert.equal(e.code, code);
      return true;
    };
    assert.throws(() => session.set('calls', 'lots'), refused('input', '/actuals/calls', 'not_a_number'));
    assert.throws(() => session.set('calls', NaN), refused('input', '/actuals/calls', 'not_finite'));
    assert.throws(() => session.set('calls', () => 12), refused('input', '/actuals/calls', 'wrong_type'));
    assert.throws(() => session.set('nope', '1'), refused('input', '/actuals/nope', 'unknown_indicator'));
    assert.throws(() => session.actual('nope'), refused('input', '/actuals/nope', 'unknown_indicator'));
    assert.equal(session.scoreJson(), before);
    // A bad subject: paths point into the subject object.
    assert.throws(() => plan.whatIf({ id: 'x', actuals: { calls: 'many' } }), refused('input', '/actuals/calls', 'not_a_number'));
    assert.throws(() => plan.whatIf('{not json'), refused('input', '', 'invalid_json'));
    // BigInt and Decimal-like objects are exact; null clears.
    session.set('visits', 25n).set('cycle', { toJSON: () => '28.5' });
    assert.equal(session.actual('visits'), '25');
    assert.equal(session.actual('cycle'), '28.5');
    session.set('visits', null);
    assert.equal(session.actual('visits'), null);
  });
});
