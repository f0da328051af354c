// The demo page in a real browser (Debian's chromium through playwright-core): the
// page loads, a slider moves, and the displayed total and rating are what the engine
// computes in Node for the same actuals. Saves test-output/demo.png.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { start } from '../serve.mjs';
import { demoPlanText, demoSubject, engine, here } from './helpers.mjs';

const { Plan } = await engine();
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server;
let url;
let browser;
let page;
const pageErrors = [];

before(async () => {
  ({ server, url } = await start(0));
  browser = await chromium.launch({ executablePath, args, headless: true });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${url}demo/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

// The actuals the page shows now, read from its number inputs.
async function shownActuals() {
  return page.$$eval('input.actual-input', (inputs) => Object.fromEntries(inputs.map((i) => [i.dataset.indicator, i.value])));
}

function expected(actuals) {
  const plan = Plan.fromJson(demoPlanText());
  const session = plan.whatIf({ ...demoSubject(), actuals });
  const card = session.score();
  session.free();
  plan.free();
  return card;
}

test('the page shows the rep as the engine scores her', async () => {
  const want = expected(demoSubject().actuals);
  assert.deepEqual(await shownActuals(), demoSubject().actuals);
  assert.equal(await page.textContent('#total'), want.total);
  assert.equal(await page.textContent('#rating'), want.rating);
  const text = await page.textContent('#card-body');
  assert.ok(text.includes('新签客户'), 'Chinese indicator names');
  assert.ok(text.includes('New signed customers'), 'English labels');
  assert.ok(text.includes('→ 挑战'), 'what it takes line');
});

test('moving a slider re-scores live', async () => {
  const slider = page.locator('input[type=range][data-indicator="new_signed"]');
  await slider.focus();
  await page.keyboard.press('ArrowRight'); // 2 → 3 new signed customers (挑战 tier)
  await page.waitForFunction(() => document.querySelector('input.actual-input[data-indicator="new_signed"]').value === '3');
  const actuals = await shownActuals();
  assert.equal(actuals.new_signed, '3');
  const want = expected(actuals);
  assert.equal(want.total, '100.47');
  assert.equal(await page.textContent('#total'), want.total);
  assert.equal(await page.textContent('#rating'), want.rating);

  // Drag the contract amount slider with the mouse too.
  const amount = page.locator('input[type=range][data-indicator="contract_amount"]');
  const box = await amount.boundingBox();
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);
  await page.waitForFunction(
    (before) => document.querySelector('input.actual-input[data-indicator="contract_amount"]').value !== before,
    actuals.contract_amount,
  );
  const moved = await shownActuals();
  const want2 = expected(moved);
  assert.equal(await page.textContent('#total'), want2.total);
  assert.equal(await page.textContent('#rating'), want2.rating);
  assert.equal(await page.getAttribute('body', 'data-total'), want2.total);
});

test('typing an exact value re-scores; a bad value is flagged', async () => {
  const input = page.locator('input.actual-input[data-indicator="collection_rate"]');
  await input.fill('55');
  const want = expected(await shownActuals());
  assert.equal(await page.textContent('#total'), want.total);
  assert.equal(want.total, '60.00'); // 回款率 below 60 caps the total at 60
  assert.match(await page.textContent('#notes'), /总分封顶 60/);
  await input.fill('abc');
  assert.match(await input.getAttribute('class'), /invalid/);
  assert.equal(await page.textContent('#total'), want.total);
  await input.fill('92.5');
  assert.equal(await page.textContent('#total'), expected(await shownActuals()).total);
});

test('the plan editor shows validation errors with their paths', async () => {
  const doc = JSON.parse(demoPlanText());
  doc.tree.children[1].children[0].weight = '40'; // process: 40 + 50 = 90
  await page.click('#editor summary'); // the editor is folded away at first
  await page.fill('#plan-text', JSON.stringify(doc, null, 2));
  await page.click('#apply');
  const errors = await page.textContent('#plan-errors');
  assert.match(errors, /\/tree\/children\/1\/children/);
  assert.match(errors, /权重合计不是 100/); // a sentence; the code is in the title
  assert.match(await page.getAttribute('#plan-errors li', 'title'), /weights_do_not_sum_to_100/);
  assert.match(await page.textContent('#plan-status'), /方案未应用/);
  await page.click('#reset-plan');
  assert.match(await page.textContent('#plan-status'), /已应用/);
  assert.equal(await page.textContent('#plan-errors'), '');
});

test('a trap in the page (a panic) is an internal AttainError, and the page keeps scoring', async () => {
  const got = await page.evaluate(async (planText) => {
    const attain = await import('/js/index.js');
    const plan = attain.Plan.fromJson(planText);
    const before = plan.scoreJson('{"subjects": [{"id": "a", "actuals": {"visits": "27"}}]}');
    let error;
    try {
      attain.__provokePanic();
    } catch (e) {
      error = { isAttainError: e instanceof attain.AttainError, kind: e.kind, code: e.code, path: e.path, message: e.message };
    }
    const after = plan.scoreJson('{"subjects": [{"id": "a", "actuals": {"visits": "27"}}]}');
    return { error, same: before === after };
  }, demoPlanText());
  assert.equal(got.same, true);
  assert.deepEqual({ ...got.error, message: undefined }, { isAttainError: true, kind: 'internal', code: 'internal', path: '', message: undefined });
  assert.match(got.error.message, /deliberate panic/);
  // The page's own session (made before the trap) still re-scores.
  const input = page.locator('input.actual-input[data-indicator="visits"]');
  await input.fill('29');
  assert.equal(await page.textContent('#total'), expected(await shownActuals()).total);
});

test('screenshot', async () => {
  await page.click('#reset-actuals');
  const slider = page.locator('input[type=range][data-indicator="new_signed"]');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.locator('input.actual-input[data-indicator="visits"]').fill('31');
  const out = here('../test-output');
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: `${out}/demo.png` });
  // CJK glyphs render (a font with them is installed): the name is wider than a box fallback.
  const width = await page.evaluate(() => {
    const c = document.createElement('canvas').getContext('2d');
    c.font = '16px sans-serif';
    return c.measureText('新签客户').width;
  });
  assert.ok(width > 40, `CJK text width ${width}`);
  assert.deepEqual(pageErrors, []);
});
