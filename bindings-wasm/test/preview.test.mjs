// The what-if preview (`session.preview()`), the fast path a slider drag uses: every
// figure in it is the full scorecard's (`session.score()`) for the same actuals, for
// many slider positions of every indicator of the demo plan.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPlanText, demoSubject, engine } from './helpers.mjs';

const { Plan } = await engine();

function pick(o, keys) {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

// Objects → columns: { key: [item[key] for each item] }.
function columns(items, keys) {
  return Object.fromEntries(keys.map((k) => [k, items.map((i) => i[k])]));
}

const nextKeys = ['goal', 'tier', 'actual', 'change', 'score', 'total', 'rating'];

// The preview a scorecard implies: its figures, with the groups below the root, the
// indicators (tree order) and the adjustments as columns.
function expected(card) {
  const groups = [];
  const indicators = [];
  const walk = (n, root) => {
    if (n.kind === 'group') {
      if (!root) groups.push(n);
      for (const c of n.children) walk(c, false);
    } else {
      indicators.push(n);
    }
  };
  if (card.tree !== null) walk(card.tree, true);
  return {
    ...pick(card, ['status', 'total', 'rating', 'payout', 'score', 'flags']),
    adjustments: columns(card.adjustments, ['id', 'kind', 'points', 'flags']),
    groups: columns(groups, ['id', 'effective_weight', 'score', 'contribution', 'flags']),
    indicators: {
      ...columns(indicators, ['id', 'effective_weight', 'actual', 'target', 'achievement', 'tier', 'score', 'contribution', 'flags']),
      next: columns(
        indicators.map((i) => i.next ?? Object.fromEntries(nextKeys.map((k) => [k, null]))),
        nextKeys,
      ),
    },
    problems: card.problems,
  };
}

function same(session, what) {
  const card = session.score();
  const preview = session.preview();
  assert.deepEqual(preview, expected(card), what);
  assert.deepEqual(JSON.parse(session.previewJson()), preview, what);
  if (card.status === 'scored') assert.ok(session.previewJson().length < session.scoreJson().length, `${what}: the preview is smaller`);
  return preview;
}

const slider = {
  new_signed: ['0', '1', '2', '3', '4', '7'],
  contract_amount: ['0', '480000', '590000', '600000', '799999', '800000', '1000000', '1080000', '1205000', '1500000', '2500000'],
  collection_rate: ['0', '55', '59.9', '60', '70', '86.5', '90', '97.9', '98', '100'],
  visits: ['0', '1', '27', '30', '36', '50'],
  data_completeness: ['0', '84.5', '85', '92', '95', '100'],
};

test('the preview carries the scorecard figures, slider value by slider value', () => {
  const plan = Plan.fromJson(demoPlanText());
  const session = plan.whatIf(demoSubject());
  const first = same(session, 'as given');
  assert.equal(first.total, '96.27');
  assert.equal(first.rating, 'A');
  assert.deepEqual(first.indicators.id, ['new_signed', 'contract_amount', 'collection_rate', 'visits', 'data_completeness']);
  assert.deepEqual(first.groups.id, ['results', 'process']);
  const next = first.indicators.next;
  assert.deepEqual(
    nextKeys.map((key) => next[key][0]),
    ['tier', '挑战', '3.00', '1.00', '120.00', '100.47', 'A'],
  );
  assert.match(session.previewJson(), /^[\x20-\x7e]*$/, 'ASCII text (\\u escapes beyond it)');

  const totals = new Set();
  for (const [id, values] of Object.entries(slider)) {
    const before = session.actual(id);
    for (const v of values) {
      session.set(id, v);
      totals.add(same(session, `${id} = ${v}`).total);
    }
    session.set(id, before);
  }
  assert.ok(totals.size > 20, `the sliders move the total (${totals.size} totals)`);
  session.free();
  plan.free();
});

test('the preview of a gated, a missing and a refused subject', () => {
  const plan = Plan.fromJson(demoPlanText());
  const session = plan.whatIf(demoSubject());
  session.set('collection_rate', '55'); // below 60: the total is capped at 60
  const gated = same(session, 'gated');
  assert.equal(gated.total, '60.00');
  assert.deepEqual(gated.adjustments, { id: ['gate:collection_rate'], kind: ['gate'], points: ['60.00'], flags: [['gated']] });
  session.set('collection_rate', null); // missing: zero
  const missing = same(session, 'missing');
  assert.ok(missing.indicators.flags[2].includes('missing'));
  assert.equal(missing.indicators.next.goal[2], null);
  assert.equal(missing.indicators.next.total[2], null);
  session.free();

  const doc = JSON.parse(demoPlanText());
  doc.tree.children[1].children[0].missing = 'refuse';
  const strict = Plan.fromJson(JSON.stringify(doc));
  const s = strict.whatIf({ id: 'x', actuals: { new_signed: '2' } });
  const refused = same(s, 'refused');
  assert.equal(refused.status, 'refused');
  assert.equal(refused.total, null);
  assert.deepEqual(refused.indicators.score, []);
  assert.deepEqual(refused.groups.id, []);
  assert.equal(refused.problems[0].code, 'missing_data');
  s.free();
  strict.free();
  plan.free();
});

test('preview decimals are strings with the plan scale', () => {
  const plan = Plan.fromJson(demoPlanText());
  const session = plan.whatIf(demoSubject());
  const p = session.set('contract_amount', '1234567').preview();
  const ind = p.indicators;
  const decimals = [p.total, p.payout, p.score, ...p.groups.score, ...p.groups.contribution];
  for (const key of ['actual', 'target', 'achievement', 'score', 'contribution', 'effective_weight']) decimals.push(...ind[key]);
  for (const key of ['actual', 'change', 'score', 'total']) decimals.push(...ind.next[key]);
  assert.equal(decimals.length, 3 + 2 * 2 + 5 * 10);
  for (const d of decimals) assert.match(d, /^-?\d+\.\d{2}$/);
  session.free();
  plan.free();
});
