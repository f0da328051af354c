// The example service, started on 127.0.0.1 with port 0 and called with fetch.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Plan, runJson } from 'attain-node';
import { createScoringServer } from './server.mjs';

const planDoc = {
  id: 'kam-2026q1',
  name: '大客户经理 2026 Q1',
  version: '1',
  indicators: [
    {
      id: 'new_customers', name: '新签客户', unit: { kind: 'count' }, direction: 'higher_is_better',
      target: { value: '2', tiers: [{ name: '门槛', at: '1', score: '60' }, { name: '目标', at: '2', score: '100' }, { name: '挑战', at: '3', score: '120' }] },
      curve: { kind: 'step' },
    },
    {
      id: 'contract_amount', name: '合同金额', unit: { kind: 'money', currency: 'CNY' }, direction: 'higher_is_better',
      target: { value: '500000' }, curve: { kind: 'ratio', cap: '120' },
    },
    {
      id: 'collection', name: '回款率', unit: { kind: 'percent' }, direction: 'higher_is_better',
      target: { value: '90' }, curve: { kind: 'ratio', cap: '110' },
    },
  ],
  tree: { group: 'root', children: [
    { indicator: 'new_customers', weight: '40' },
    { indicator: 'contract_amount', weight: '30' },
    { indicator: 'collection', weight: '30' },
  ] },
  ratings: [{ name: 'S', min: '110' }, { name: 'A', min: '100' }, { name: 'B', min: '85' }, { name: 'C', min: '70' }, { name: 'D' }],
};

const input = {
  subjects: [
    { id: 'wang.wu', name: '王五', actuals: { new_customers: '3', contract_amount: '620000', collection: '92.5' } },
    { id: 'zhao.liu', name: '赵六', actuals: { new_customers: '1', contract_amount: '380000.50', collection: '71' } },
  ],
};

let server;
let base;

before(async () => {
  server = createScoringServer({ maxBodyBytes: 256 * 1024 });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
});

async function call(method, path, body) {
  const res = await fetch(base + path, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text === '' ? null : JSON.parse(text) };
}

describe('plans', () => {
  test('POST /plans with mistakes → 422 with every problem', async () => {
    const bad = structuredClone(planDoc);
    bad.tree.children[2].weight = '20';
    bad.indicators[1].target.value = '0';
    const res = await call('POST', '/plans', bad);
    assert.equal(res.status, 422);
    assert.equal(res.json.error, 'plan');
    assert.deepEqual(
      res.json.problems.map((p) => [p.path, p.code]),
      [['/indicators/1/target/value', 'zero_target'], ['/tree/children', 'weights_do_not_sum_to_100']],
    );
    assert.ok(res.json.problems.every((p) => typeof p.message === 'string'));
  });

  test('POST /plans with text that is not JSON → 422 invalid_json', async () => {
    const res = await call('POST', '/plans', '{"id": ');
    assert.equal(res.status, 422);
    assert.deepEqual(res.json.problems.map((p) => p.code), ['invalid_json']);
  });

  test('POST /plans → 201 with the id; GET /plans/:id gives it back', async () => {
    const res = await call('POST', '/plans', planDoc);
    assert.equal(res.status, 201);
    assert.deepEqual(res.json, {
      id: 'kam-2026q1', name: '大客户经理 2026 Q1', version: '1',
      indicators: ['new_customers', 'contract_amount', 'collection'],
    });
    assert.equal(res.headers.get('location'), '/plans/kam-2026q1');
    const got = await call('GET', '/plans/kam-2026q1');
    assert.equal(got.status, 200);
    assert.equal(got.json.name, '大客户经理 2026 Q1');
    assert.equal(got.json.indicators.length, 3);
  });
});

describe('scoring', () => {
  test('POST /plans/:id/score → the canonical result bytes', async () => {
    const res = await call('POST', '/plans/kam-2026q1/score', input);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /application\/json/);
    const expected = Plan.fromJson(JSON.stringify(planDoc)).scoreJson(JSON.stringify(input));
    assert.equal(res.text, expected);
    assert.deepEqual(res.json.subjects.map((s) => [s.id, s.rank]), [['wang.wu', 1], ['zhao.liu', 2]]);
  });

  test('GET /plans/:id/subjects/:subject → the last scorecard', async () => {
    const res = await call('GET', '/plans/kam-2026q1/subjects/zhao.liu');
    assert.equal(res.status, 200);
    assert.equal(res.json.id, 'zhao.liu');
    assert.equal(res.json.status, 'scored');
    assert.equal(res.json.tree.children[1].actual, '380000.50');

    // Scoring again replaces that subject's card only.
    const again = { subjects: [{ id: 'zhao.liu', actuals: { new_customers: '2', contract_amount: '500000', collection: '90' } }] };
    assert.equal((await call('POST', '/plans/kam-2026q1/score', again)).status, 200);
    const updated = await call('GET', '/plans/kam-2026q1/subjects/zhao.liu');
    assert.equal(updated.json.total, '100.00');
    assert.equal(updated.json.rating, 'A');
    assert.equal((await call('GET', '/plans/kam-2026q1/subjects/wang.wu')).json.id, 'wang.wu');
  });

  test('a bad input → 422 with the input problems', async () => {
    const res = await call('POST', '/plans/kam-2026q1/score', {
      subjects: [{ id: 'a', actuals: { calls: '1', collection: 'lots' } }, { id: 'a' }],
    });
    assert.equal(res.status, 422);
    assert.equal(res.json.error, 'input');
    const codes = res.json.problems.map((p) => p.code).sort();
    assert.deepEqual(codes, ['duplicate_subject', 'not_a_number', 'unknown_indicator']);
  });

  test('concurrent batches each get their own result', async () => {
    const batches = Array.from({ length: 8 }, (_, k) => ({
      subjects: Array.from({ length: 200 }, (_, i) => ({
        id: `rep-${k}-${String(i).padStart(3, '0')}`,
        actuals: { new_customers: String(i % 4), contract_amount: `${100000 + i * 2500}.25`, collection: `${60 + (i % 40)}` },
      })),
    }));
    const plan = Plan.fromJson(JSON.stringify(planDoc));
    const results = await Promise.all(batches.map((b) => call('POST', '/plans/kam-2026q1/score', b)));
    results.forEach((res, k) => {
      assert.equal(res.status, 200);
      assert.equal(res.text, plan.scoreJson(JSON.stringify(batches[k])));
    });
  });
});

describe('runs', () => {
  const runDoc = {
    plans: [{
      id: 'kam-facts', name: '大客户经理（按事实）', version: '1', role: 'kam',
      calendar: { time_zone: 'Asia/Shanghai' },
      facts: { id: 'id', subject: 'owner', type: 'type' },
      indicators: [
        {
          id: 'sales', name: '销售额', unit: { kind: 'money', currency: 'CNY' }, direction: 'higher_is_better',
          target: { value: '100000', prorate: true }, curve: { kind: 'ratio', cap: '150' },
          measure: { kind: 'sum', fact: ['deal'], date: 'closed_at', field: 'amount', where: [{ field: 'stage', op: 'eq', value: 'won' }] },
        },
        {
          id: 'new_customers', name: '新客户开发数', unit: { kind: 'count' }, direction: 'higher_is_better',
          target: { value: '2' }, curve: { kind: 'ratio', cap: '150' },
          measure: { kind: 'distinct', fact: ['deal'], date: 'closed_at', field: 'customer', where: [{ field: 'stage', op: 'eq', value: 'won' }] },
        },
      ],
      tree: { group: 'root', children: [{ indicator: 'sales', weight: '60' }, { indicator: 'new_customers', weight: '40' }] },
    }],
    roster: [
      { subject: 'wang.wu', name: '王五', role: 'kam', team: 'north' },
      { subject: 'zhao.liu', name: '赵六', role: 'kam', team: 'north', start: '2026-08-01' },
    ],
    facts: {
      format: 'csv',
      text: [
        'id,owner,type,stage,customer,closed_at,amount',
        'D1,wang.wu,deal,won,C1,2026-07-03T10:00:00+08:00,60000',
        'D2,wang.wu,deal,won,C2,2026-08-20,45000.50',
        'D2,wang.wu,deal,won,C2,2026-08-20,45000.50',
        'D3,zhao.liu,deal,lost,C3,2026-08-21,90000',
        'D4,zhao.liu,deal,won,C4,2026-09-30T23:30:00+08:00,30000',
        'D5,zhao.liu,deal,won,C5,2026-10-01T00:10:00+08:00,70000',
        'D6,nobody,deal,won,C6,2026-08-01,1',
        'D7,wang.wu,deal,won,C7,2026-08-01,lots',
        '',
      ].join('\n'),
    },
    period: '2026-Q3',
  };

  test('POST /runs → the canonical run result; the cards are kept', async () => {
    const res = await call('POST', '/runs', runDoc);
    assert.equal(res.status, 200);
    assert.equal(res.text, runJson(JSON.stringify(runDoc)));
    const { ledger, results } = res.json;
    assert.equal(ledger.rows, ledger.used + ledger.outside + ledger.duplicate + ledger.conflicting + ledger.rejected);
    assert.equal(ledger.rows, 8);
    assert.ok(ledger.duplicate >= 1 && ledger.rejected >= 2, JSON.stringify(ledger));
    assert.deepEqual(results[0].subjects.map((s) => s.id), ['wang.wu', 'zhao.liu']);
    const card = await call('GET', '/plans/kam-facts/subjects/wang.wu');
    assert.equal(card.status, 200);
    assert.equal(card.json.team, 'north');
    assert.equal(card.json.tree.children[0].actual, '105000.50');
  });

  test('a bad run → 422 with its problems', async () => {
    const res = await call('POST', '/runs', { ...runDoc, period: '2026-Q5' });
    assert.equal(res.status, 422);
    assert.equal(res.json.error, 'input');
    assert.deepEqual(res.json.problems.map((p) => [p.path, p.code]), [['/period', 'bad_period']]);
  });
});

describe('HTTP errors', () => {
  test('unknown plan, subject and route → 404', async () => {
    assert.equal((await call('POST', '/plans/nope/score', input)).status, 404);
    assert.equal((await call('GET', '/plans/nope')).status, 404);
    const res = await call('GET', '/plans/kam-2026q1/subjects/nobody');
    assert.equal(res.status, 404);
    assert.equal(res.json.error, 'not_found');
    assert.equal((await call('GET', '/nowhere')).status, 404);
  });

  test('wrong method → 405 with Allow', async () => {
    const res = await call('DELETE', '/plans/kam-2026q1');
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET');
  });

  test('a body over the limit → 413', async () => {
    const res = await call('POST', '/plans/kam-2026q1/score', 'x'.repeat(300 * 1024));
    assert.equal(res.status, 413);
    assert.equal(res.json.error, 'too_large');
  });

  test('a body that is not UTF-8 → 400', async () => {
    const res = await fetch(`${base}/plans`, { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    assert.equal(res.status, 400);
  });
});
