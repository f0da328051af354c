// The Node API: plan accessors, the object and text forms, async forms, explain, and
// the shape of errors (AttainError with kind, code, path and every problem).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AttainError, Plan, planSchema } from '../lib/index.js';
import { assertSameText } from './corpus.mjs';
import { fivePlan, subjects } from './fixtures.mjs';

const plan = Plan.fromJson(JSON.stringify(fivePlan));

function refusal(kind, pairs) {
  return (e) => {
    assert.ok(e instanceof AttainError, `expected AttainError, got ${e && e.stack}`);
    assert.equal(e.kind, kind);
    assert.deepEqual(
      e.problems.map((p) => [p.path, p.code]),
      pairs,
    );
    assert.equal(e.code, pairs[0][1]);
    assert.equal(e.path, pairs[0][0]);
    return true;
  };
}

describe('plan', () => {
  test('accessors', () => {
    assert.equal(plan.id, 'telesales-2026');
    assert.equal(plan.name, '电话销售 KPI 2026');
    assert.equal(plan.version, '1');
    assert.equal(plan.scale, 2);
    assert.deepEqual(plan.indicatorIds(), ['calls', 'conversion', 'collection', 'visits', 'cycle']);
  });

  test('toJson reads back to an equal plan', () => {
    const again = Plan.fromJson(plan.toJson());
    assert.equal(again.toJson(), plan.toJson());
    assert.equal(JSON.parse(plan.toJson()).indicators[0].name, '外呼量');
  });

  test('planSchema is a JSON Schema object', () => {
    const schema = planSchema();
    assert.equal(typeof schema, 'object');
    assert.match(String(schema.$schema), /json-schema/);
  });

  test('a plan with several mistakes lists every problem', () => {
    const bad = structuredClone(fivePlan);
    bad.indicators[1].target.value = '0';
    bad.tree.children[1].weight = '20';
    assert.throws(
      () => Plan.fromJson(JSON.stringify(bad)),
      refusal('plan', [
        ['/indicators/1/target/value', 'zero_target'],
        ['/tree/children', 'weights_do_not_sum_to_100'],
      ]),
    );
    try {
      Plan.fromJson(JSON.stringify(bad));
    } catch (e) {
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'AttainError');
      assert.match(e.message, /^invalid plan: \/indicators\/1\/target\/value: zero_target/);
      assert.match(e.stack, /AttainError/);
      assert.deepEqual(JSON.parse(JSON.stringify(e)), { error: 'plan', problems: e.problems });
      for (const p of e.problems) assert.deepEqual(Object.keys(p), ['path', 'code', 'message']);
    }
  });

  test('not JSON, not text', () => {
    assert.throws(() => Plan.fromJson('{"id": '), refusal('plan', [['', 'invalid_json']]));
    assert.throws(() => Plan.fromJson({ id: 'x' }), refusal('plan', [['', 'wrong_type']]));
    assert.throws(() => Plan.fromJson(undefined), refusal('plan', [['', 'wrong_type']]));
  });

  test('Plan has no public constructor', () => {
    assert.throws(() => new Plan(), TypeError);
  });
});

describe('score', () => {
  const input = {
    subjects: [
      { id: 'zhang.san', actuals: { calls: '212', conversion: '16.5', collection: '95', visits: '22', cycle: '28' }, groups: { team: 'north' } },
      { id: 'li.si', actuals: { calls: '150', conversion: '8', collection: '50' }, points: { innovation: '3' }, groups: { team: 'north' } },
    ],
  };

  test('object, text, sync and async forms agree', async () => {
    const text = plan.scoreJson(JSON.stringify(input));
    assert.equal(JSON.stringify(plan.score(input)), text);
    assert.equal(JSON.stringify(plan.score(JSON.stringify(input))), text);
    assert.equal(await plan.scoreJsonAsync(JSON.stringify(input)), text);
    assert.deepEqual(await plan.scoreAsync(input), JSON.parse(text));
  });

  test('the result document follows FORMAT.md', () => {
    const result = plan.score(input);
    assert.deepEqual(result.plan, { id: 'telesales-2026', version: '1' });
    assert.deepEqual(result.subjects.map((s) => s.id), ['li.si', 'zhang.san']);
    const li = result.subjects[0];
    assert.deepEqual(Object.keys(li), ['id', 'status', 'total', 'rating', 'rank', 'payout', 'flags', 'groups', 'score', 'adjustments', 'next_gate', 'tree', 'problems']);
    assert.equal(li.status, 'scored');
    // collection 50 % of 90 → achievement 55.56 < 60: the total is capped at 60.
    assert.deepEqual(li.adjustments[0], { id: 'gate:collection', kind: 'gate', points: '60.00', flags: ['gated'] });
    assert.ok(li.flags.includes('gated'));
    assert.equal(typeof li.rank, 'number');
    assert.match(li.total, /^\d+\.\d\d$/);
    assert.equal(li.tree.kind, 'group');
    assert.equal(li.tree.children[0].children[0].next, null);
  });

  test('what it takes via options.what_it_takes', () => {
    const result = plan.score({ ...input, options: { what_it_takes: true } });
    const calls = result.subjects[1].tree.children[1].children[0];
    assert.equal(calls.id, 'calls');
    assert.equal(calls.next.goal, 'tier');
    assert.equal(calls.next.tier, '挑战');
    assert.equal(calls.next.actual, '250.00');
    assert.equal(calls.next.change, '38.00');
  });

  test('explain gives one scorecard, ranked, with what it takes', () => {
    const card = plan.explain(input, 'zhang.san');
    const full = plan.score({ ...input, options: { what_it_takes: true } });
    assert.deepEqual(card, full.subjects[1]);
    assert.notEqual(card.tree.children[1].children[0].next, null);
    assert.equal(plan.explain(input, 'nobody'), null);
    assert.equal(plan.explainJson(JSON.stringify(input), 'zhang.san'), JSON.stringify(card));
  });

  test('JS numbers are read from their shortest round-trip text (212 is "212")', () => {
    const numbers = plan.score({ subjects: [{ id: 'a', actuals: { calls: 212, conversion: 16.5 }, active: 0.5 }] });
    const text = plan.score({ subjects: [{ id: 'a', actuals: { calls: '212', conversion: '16.5' }, active: '0.5' }] });
    assert.deepEqual(numbers, text);
  });

  test('every problem in one error: the walk\'s (NaN, a function) and the engine\'s, in document order', () => {
    const bad = {
      subjects: [
        { id: 'a', actuals: { calls: 212, conversion: '16.5' } },
        { id: 'b', actuals: { calls: NaN, 'odd/key~': 0.1 + 0.2, conversion: Infinity }, active: 2, f: () => 1 },
      ],
    };
    assert.throws(
      () => plan.score(bad),
      refusal('input', [
        ['/subjects/1/actuals/calls', 'not_finite'],
        ['/subjects/1/actuals/odd~1key~0', 'unknown_indicator'],
        ['/subjects/1/actuals/conversion', 'not_finite'],
        ['/subjects/1/active', 'active_out_of_range'],
        ['/subjects/1/f', 'wrong_type'],
      ]),
    );
    try {
      plan.score(bad);
    } catch (e) {
      assert.match(e.problems[0].message, /NaN is not a finite number/);
      assert.match(e.problems[4].message, /a function is not a JSON value/);
    }
  });

  test('async forms refuse the same way', async () => {
    await assert.rejects(
      plan.scoreAsync({ subjects: [{ id: 'a', actuals: { calls: NaN, nope: '1' } }] }),
      refusal('input', [
        ['/subjects/0/actuals/calls', 'not_finite'],
        ['/subjects/0/actuals/nope', 'unknown_indicator'],
      ]),
    );
    await assert.rejects(plan.scoreJsonAsync('{"subjects": [{"id": "a", "actuals": {"nope": "1"}}]}'), refusal('input', [['/subjects/0/actuals/nope', 'unknown_indicator']]));
    await assert.rejects(plan.scoreJsonAsync(42), refusal('input', [['', 'wrong_type']]));
  });

  test('BigInt and toJSON decimals are exact and accepted', () => {
    const decimal = (text) => ({ toJSON: () => text });
    const a = plan.score({ subjects: [{ id: 'a', actuals: { calls: 212n, conversion: decimal('16.5') } }] });
    const b = plan.score({ subjects: [{ id: 'a', actuals: { calls: '212', conversion: '16.5' } }] });
    assert.deepEqual(a, b);
  });

  test('input problems from the engine: every one, with kind input', () => {
    const text = JSON.stringify({
      subjects: [
        { id: 'a', actuals: { nope: '1' }, active: '0' },
        { id: 'a', points: { innovation: '-1' } },
      ],
    });
    assert.throws(() => plan.scoreJson(text), (e) => {
      assert.ok(e instanceof AttainError);
      assert.equal(e.kind, 'input');
      assert.ok(e.problems.length >= 3, JSON.stringify(e.problems));
      const codes = new Set(e.problems.map((p) => p.code));
      for (const c of ['unknown_indicator', 'active_out_of_range', 'negative_points']) assert.ok(codes.has(c), c);
      return true;
    });
  });

  test('bad argument types are input errors, not crashes', () => {
    for (const bad of [undefined, null, 5, true, [1, 2]]) {
      assert.throws(() => plan.score(bad), AttainError);
    }
    assert.throws(() => plan.scoreJson({ subjects: [] }), refusal('input', [['', 'wrong_type']]));
    assert.throws(() => plan.scoreJsonBuffer({ subjects: [] }), refusal('input', [['', 'wrong_type']]));
    // Bytes that are not UTF-8 are refused before the engine sees them.
    const notUtf8 = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    assert.throws(() => plan.scoreJsonBuffer(notUtf8), refusal('input', [['', 'invalid_json']]));
    assert.throws(() => plan.score({ subjects: [{ id: 'a', actuals: { calls: () => 1 } }] }), refusal('input', [['/subjects/0/actuals/calls', 'wrong_type']]));
    const cyclic = { subjects: [] };
    cyclic.subjects.push({ id: 'x', self: cyclic });
    // An object that contains itself is refused where it recurs (JSON.stringify would throw a TypeError).
    assert.throws(() => plan.score(cyclic), refusal('input', [['/subjects/0/self', 'wrong_type']]));
  });

  test('hostile text gives errors, never a crash', async () => {
    const hostile = [
      '['.repeat(100000),
      '{"subjects": ' + '['.repeat(5000) + ']'.repeat(5000) + '}',
      '{"subjects": [{"id": "a", "actuals": {"calls": "1e999999999"}}]}',
      '{"subjects": [{"id": "a", "actuals": {"calls": 1e999999999}}]}',
      '{"subjects": [{"id": "a", "actuals": {"calls": "NaN"}}]}',
      '{"subjects": [{"id": "a", "actuals": {"calls": "99999999999999999999999999999999"}}]}',
      '{"subjects": [{"id": "\uD800", "actuals": {"calls": "-0"}}]}',
      '\u0000',
      '',
    ];
    for (const text of hostile) {
      try {
        plan.scoreJson(text);
      } catch (e) {
        assert.ok(e instanceof AttainError, String(e));
      }
      try {
        await plan.scoreJsonAsync(text);
      } catch (e) {
        assert.ok(e instanceof AttainError, String(e));
      }
    }
    assert.throws(() => Plan.fromJson('{'.repeat(100000)), AttainError);
    assert.throws(() => Plan.fromJson(' '.repeat(2 << 20)), refusal('plan', [['', 'too_large']]));
  });
});

describe('batch', () => {
  test('5,000 subjects: sync and async give the same text', async () => {
    const input = { subjects: subjects(5000) };
    const text = JSON.stringify(input);
    const sync = plan.scoreJson(text);
    const [asyncText, asyncObject] = await Promise.all([plan.scoreJsonAsync(text), plan.scoreAsync(input)]);
    assert.equal(asyncText, sync);
    assert.equal(JSON.stringify(asyncObject), sync);
    assert.equal(JSON.stringify(plan.score(input)), sync);
    const result = JSON.parse(sync);
    assert.equal(result.subjects.length, 5000);
    // Sorted by id, ranked within teams, every subject scored.
    const ids = result.subjects.map((s) => s.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.ok(result.subjects.every((s) => s.status === 'scored' && s.rank >= 1));
    // The order of the input does not matter.
    const reversed = { subjects: [...input.subjects].reverse() };
    assert.equal(await plan.scoreJsonAsync(JSON.stringify(reversed)), sync);
  });

  test('the async forms leave the event loop free while scoring', async () => {
    const text = JSON.stringify({ subjects: subjects(5000, 3) });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    const out = await plan.scoreJsonAsync(text);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    assert.ok(out.length > 0);
    // The sync form would hold the loop for the whole call: no tick at all.
    assert.ok(ticks >= 3, `only ${ticks} timer ticks in ${elapsed.toFixed(0)} ms of async scoring`);
  });

  // Results of 64 KiB and more reach JS as external strings: Latin-1 when all ASCII,
  // UTF-16 otherwise (src/text.rs). Each must equal the Buffer form's bytes, which
  // Node's own decoder reads.
  test('large results as strings hold the bytes of the Buffer forms', async () => {
    let renamed = 0;
    const ascii = JSON.parse(JSON.stringify(fivePlan), (_key, v) =>
      typeof v === 'string' && /[^\x00-\x7f]/.test(v) ? `name ${++renamed}` : v,
    );
    const astral = { ...fivePlan, indicators: fivePlan.indicators.map((i) => ({ ...i, name: `${i.name} 🎯` })) };
    const text = JSON.stringify({ subjects: subjects(2000) });
    for (const [label, doc, isAscii] of [['ASCII', ascii, true], ['Chinese', fivePlan, false], ['astral', astral, false]]) {
      const p = Plan.fromJson(JSON.stringify(doc));
      const bytes = p.scoreJsonBuffer(text);
      const want = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      assert.ok(bytes.length > 64 * 1024, `${label}: ${bytes.length} bytes is too small to test external strings`);
      assert.equal(/^[\x00-\x7f]*$/.test(want), isAscii, label);
      assertSameText(p.scoreJson(text), want, `${label} scoreJson`);
      assertSameText(await p.scoreJsonAsync(text), want, `${label} scoreJsonAsync`);
      assert.ok((await p.scoreJsonBufferAsync(text)).equals(bytes), `${label} scoreJsonBufferAsync`);
      // A string the engine made is a string like any other.
      const parsed = JSON.parse(p.scoreJson(text));
      assert.equal(parsed.subjects.length, 2000);
      assert.equal(JSON.stringify(parsed), want);
    }
  });

  test('many concurrent async calls resolve to their own results', async () => {
    const inputs = Array.from({ length: 16 }, (_, k) => JSON.stringify({ subjects: subjects(50 + k, k + 1) }));
    const want = inputs.map((t) => plan.scoreJson(t));
    const got = await Promise.all(inputs.map((t) => plan.scoreJsonAsync(t)));
    assert.deepEqual(got, want);
  });
});
