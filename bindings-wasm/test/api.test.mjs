// The JS API: error shapes, JS numbers, the what-if session, explain, and
// the bundler build.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { demoPlanText, demoSubject, engine, here } from './helpers.mjs';

const { Plan, AttainError, init } = await engine();
const planText = demoPlanText();
const rep = demoSubject();

test('init is idempotent and returns the same promise', async () => {
  assert.equal(init(), init());
  await init();
});

test('a plan reads its identity', () => {
  const plan = new Plan(planText);
  assert.equal(plan.id, 'kam-2026-q3');
  assert.equal(plan.name, '大客户经理季度KPI考核');
  assert.equal(plan.version, '2026.3');
  assert.equal(plan.scale, 2);
  assert.deepEqual(plan.indicatorIds(), ['new_signed', 'contract_amount', 'collection_rate', 'visits', 'data_completeness']);
  const again = Plan.fromJson(plan.toJson());
  const input = { subjects: [rep] };
  assert.equal(again.scoreJson(JSON.stringify(input)), plan.scoreJson(JSON.stringify(input)));
});

test('an invalid plan throws AttainError with every problem', () => {
  const doc = JSON.parse(planText);
  doc.tree.children[0].children[0].weight = '20'; // results: 20 + 40 + 30 = 90
  doc.indicators[3].target.value = '0'; // visits: ratio needs a positive target
  let error;
  try {
    Plan.fromJson(JSON.stringify(doc));
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof AttainError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'AttainError');
  assert.equal(error.kind, 'plan');
  assert.deepEqual(
    error.problems.map((p) => [p.path, p.code]),
    [
      ['/indicators/3/target/value', 'zero_target'],
      ['/tree/children/0/children', 'weights_do_not_sum_to_100'],
    ],
  );
  assert.equal(error.code, 'zero_target');
  assert.equal(error.path, '/indicators/3/target/value');
  for (const p of error.problems) {
    assert.deepEqual(Object.keys(p), ['path', 'code', 'message']);
    assert.equal(typeof p.message, 'string');
    assert.ok(p.message.length > 0);
  }
  assert.match(error.message, /^invalid plan: \/indicators\/3\/target\/value: zero_target: /);
  assert.deepEqual(JSON.parse(JSON.stringify(error)), { error: 'plan', problems: error.problems });
  assert.ok(typeof error.stack === 'string');
});

test('not JSON, or not text, is refused as a plan', () => {
  assert.throws(() => Plan.fromJson('{"id": '), (e) => e instanceof AttainError && e.kind === 'plan' && e.code === 'invalid_json' && e.path === '');
  assert.throws(() => Plan.fromJson({ id: 'p' }), (e) => e instanceof AttainError && e.kind === 'plan' && e.code === 'wrong_type');
});

test('the browser build does not check time-zone names (only runs use them, and run is not here)', () => {
  const doc = JSON.parse(planText);
  doc.calendar = { ...(doc.calendar ?? {}), time_zone: 'Not/A_Zone' };
  const plan = Plan.fromJson(JSON.stringify(doc));
  const input = JSON.stringify({ subjects: [rep] });
  assert.equal(plan.scoreJson(input), new Plan(planText).scoreJson(input));
  assert.equal(plan.run, undefined);
});

test('a large input scores on one thread in wasm (the core spreads 4,096+ subjects over cores natively)', () => {
  const plan = new Plan(planText);
  const subjects = Array.from({ length: 5000 }, (_, i) => ({ ...rep, id: `rep${String(i).padStart(4, '0')}` }));
  const result = plan.score({ subjects });
  assert.equal(result.subjects.length, 5000);
  assert.equal(result.subjects[4999].id, 'rep4999');
  assert.equal(result.subjects[0].total, result.subjects[4999].total);
  assert.equal(result.subjects[4999].rank, 1);
});

test('score takes an input object and returns plain objects', () => {
  const plan = Plan.fromJson(planText);
  const results = plan.score({ subjects: [rep] });
  assert.deepEqual(results.plan, { id: 'kam-2026-q3', version: '2026.3' });
  const [card] = results.subjects;
  assert.equal(card.total, '96.27');
  assert.equal(card.rating, 'A');
  assert.equal(card.payout, '36000.00');
  assert.equal(card.rank, 1);
  assert.equal(JSON.stringify(results), plan.scoreJson(JSON.stringify({ subjects: [rep] })));
});

test('JS numbers are read from their shortest text; NaN is refused with the engine\'s problems, in one error', () => {
  const plan = Plan.fromJson(planText);
  const numbers = plan.score({ subjects: [{ id: 'a', actuals: { visits: 27, new_signed: 2 }, active: 0.5 }] });
  const text = plan.score({ subjects: [{ id: 'a', actuals: { visits: '27', new_signed: '2' }, active: '0.5' }] });
  assert.deepEqual(numbers, text);
  const input = { subjects: [{ id: 'a', actuals: { visits: NaN, zz: '1' }, active: 2, f: Symbol('f') }] };
  assert.throws(
    () => plan.score(input),
    (e) =>
      e instanceof AttainError &&
      e.kind === 'input' &&
      JSON.stringify(e.problems.map((p) => [p.path, p.code])) ===
        JSON.stringify([
          ['/subjects/0/actuals/visits', 'not_finite'],
          ['/subjects/0/actuals/zz', 'unknown_indicator'],
          ['/subjects/0/active', 'active_out_of_range'],
          ['/subjects/0/f', 'wrong_type'],
        ]),
  );
  assert.throws(() => plan.whatIf({ id: 'a', actuals: { visits: -Infinity } }), (e) => e instanceof AttainError && e.path === '/actuals/visits' && e.code === 'not_finite');
  // JSON text is taken as it is (its numbers are read exactly from the text), as in attain-node.
  assert.deepEqual(plan.score('{"subjects": []}'), { plan: { id: 'kam-2026-q3', version: '2026.3' }, subjects: [] });
  for (const bad of [5, true, [], undefined]) {
    assert.throws(() => plan.score(bad), (e) => e instanceof AttainError && e.kind === 'input' && e.code === 'wrong_type' && e.path === '');
  }
  // BigInts are exact: they are sent as decimal text.
  const big = plan.score({ subjects: [{ id: 'b', actuals: { visits: 30n } }] });
  assert.equal(big.subjects[0].tree.children[1].children[0].actual, '30.00');
});

test('an invalid input throws AttainError of kind input with paths into the input', () => {
  const plan = Plan.fromJson(planText);
  const text = JSON.stringify({ subjects: [{ id: 'a', actuals: { nope: '1', visits: 'NaN' } }, { id: 'a' }] });
  assert.throws(
    () => plan.scoreJson(text),
    (e) => {
      assert.ok(e instanceof AttainError);
      assert.equal(e.kind, 'input');
      const got = new Set(e.problems.map((p) => `${p.path} ${p.code}`));
      assert.ok(got.has('/subjects/0/actuals/nope unknown_indicator'), [...got].join(', '));
      assert.ok(got.has('/subjects/0/actuals/visits not_finite'), [...got].join(', '));
      return true;
    },
  );
});

test('what-if: set and score re-score one subject, with next', () => {
  const plan = Plan.fromJson(planText);
  const session = plan.whatIf(rep);
  let card = session.score();
  assert.equal(card.id, 'wang.fang');
  assert.equal(card.total, '96.27');
  assert.equal(card.rank, null);
  const signed = card.tree.children[0].children[0];
  assert.equal(signed.id, 'new_signed');
  assert.deepEqual(signed.next, { goal: 'tier', tier: '挑战', actual: '3.00', change: '1.00', score: '120.00', total: '100.47', rating: 'A' });

  assert.equal(session.set('new_signed', '3'), session);
  card = session.score();
  assert.equal(card.total, '100.47');
  assert.equal(session.actual('new_signed'), '3');
  assert.equal(session.scoreJson(), JSON.stringify(card));

  // The same scorecard as explaining an input with that actual (rank aside).
  const changed = { ...rep, actuals: { ...rep.actuals, new_signed: '3' } };
  const explained = plan.explain({ subjects: [changed] }, 'wang.fang');
  assert.deepEqual({ ...explained, rank: null }, card);

  // Clearing an actual: no data.
  session.set('collection_rate', null);
  assert.equal(session.actual('collection_rate'), null);
  const missing = session.score().tree.children[0].children[2];
  assert.equal(missing.actual, null);
  assert.ok(missing.flags.includes('missing'));
  session.free();
});

test('what-if: bad values throw AttainError and leave the session as it was', () => {
  const plan = Plan.fromJson(planText);
  const session = plan.whatIf(rep);
  const before = session.scoreJson();
  const cases = [
    [() => session.set('visits', NaN), '/actuals/visits', 'not_finite'],
    [() => session.set('visits', () => 28), '/actuals/visits', 'wrong_type'],
    [() => session.set('visits', 'abc'), '/actuals/visits', 'not_a_number'],
    [() => session.set('visits', 'Infinity'), '/actuals/visits', 'not_finite'],
    [() => session.set('visits', '1e16'), '/actuals/visits', 'number_out_of_range'],
    [() => session.set('visits', '0.12345678901'), '/actuals/visits', 'too_many_digits'],
    [() => session.set('no/such', '1'), '/actuals/no~1such', 'unknown_indicator'],
    [() => session.actual('nope'), '/actuals/nope', 'unknown_indicator'],
    [() => session.set('visits', true), '/actuals/visits', 'wrong_type'],
  ];
  for (const [f, path, code] of cases) {
    assert.throws(f, (e) => e instanceof AttainError && e.kind === 'input' && e.path === path && e.code === code, `${path} ${code}`);
  }
  assert.equal(session.scoreJson(), before);
});

test('what-if: a bad subject is refused with paths into the subject object', () => {
  const plan = Plan.fromJson(planText);
  assert.throws(
    () => plan.whatIf({ id: 'x', actuals: { zz: '1' }, active: '2' }),
    (e) =>
      e instanceof AttainError &&
      e.kind === 'input' &&
      new Set(e.problems.map((p) => `${p.path} ${p.code}`)).has('/actuals/zz unknown_indicator') &&
      new Set(e.problems.map((p) => `${p.path} ${p.code}`)).has('/active active_out_of_range'),
  );
  assert.throws(() => plan.whatIf({ actuals: {} }), (e) => e instanceof AttainError && e.path === '/id' && e.code === 'missing_field');
  assert.throws(() => plan.whatIf(null), (e) => e instanceof AttainError && e.code === 'wrong_type');
});

test('explain returns one ranked scorecard, or null for an unknown subject', () => {
  const plan = Plan.fromJson(planText);
  const other = { id: 'li.lei', actuals: { new_signed: '3', contract_amount: '1300000', collection_rate: '95', visits: '33', data_completeness: '97' } };
  const input = { subjects: [rep, other] };
  const card = plan.explain(input, 'wang.fang');
  assert.equal(card.rank, 2);
  assert.notEqual(card.tree.children[0].children[0].next, null);
  assert.equal(plan.explain(input, 'nobody'), null);
  assert.equal(plan.explainJson(JSON.stringify(input), 'nobody'), null);
});

test('the bundler build runs (Node with wasm ES modules)', () => {
  const script = `
    import { init, Plan } from ${JSON.stringify(here('../js/bundler.js'))};
    import { readFileSync } from 'node:fs';
    await init();
    const plan = Plan.fromJson(readFileSync(${JSON.stringify(here('../demo/data/plan.json'))}, 'utf8'));
    const session = plan.whatIf(JSON.parse(readFileSync(${JSON.stringify(here('../demo/data/actuals.json'))}, 'utf8')).subjects[0]);
    process.stdout.write(session.score().total);
  `;
  const out = spawnSync(process.execPath, ['--experimental-wasm-modules', '--no-warnings', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stdout, '96.27');
});

test('using the engine before init() says so', () => {
  const script = `
    import { Plan } from ${JSON.stringify(here('../js/index.js'))};
    try { Plan.fromJson('{}'); } catch (e) { process.stdout.write(e.message); }
  `;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /call `await init\(\)` first/);
});
