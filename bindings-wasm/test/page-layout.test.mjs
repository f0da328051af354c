// The what-if page on a laptop (1280 × 800, 1440 × 900) and a phone (390 × 844), in
// Debian's chromium through playwright-core: nothing overflows the page sideways, the
// scorecard's table fits its card, and the total, rating and payout are on screen in
// full and are what the engine computes. Then what a rep reads and hears: updates
// announced (aria-live), controls labelled, words in the plan's language, errors as
// sentences, *what it takes* with the payout the engine gives for the step, a gated
// card naming what clears the gate, and the plan editor folded away.
// Saves test-output/page-<width>x<height>.png (test-output/ is git-ignored).

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { start } from '../serve.mjs';
import { demoPlanText, demoSubject, engine, here } from './helpers.mjs';
import { codeSentences } from '../demo/messages.js';

const { Plan } = await engine();
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const sizes = [
  [1280, 800],
  [1440, 900],
  [390, 844],
];
const out = here('../test-output');

let server;
let url;
let browser;

before(async () => {
  ({ server, url } = await start(0));
  browser = await chromium.launch({ executablePath, args, headless: true });
  mkdirSync(out, { recursive: true });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

async function open(width, height, query = '') {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}demo/${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return { page, errors };
}

// The engine's scorecard for `actuals` (or with `id` set to `candidate`).
function engineCard(actuals) {
  const plan = Plan.fromJson(demoPlanText());
  const session = plan.whatIf({ ...demoSubject(), actuals });
  const card = session.preview();
  session.free();
  plan.free();
  return card;
}

// "36000.00" → "¥36,000": the page's display of the engine's payout text (CNY).
function yuan(text) {
  const [int, frac] = text.split('.');
  const tail = frac && /[1-9]/.test(frac) ? `.${frac}` : '';
  return `¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${tail}`;
}

async function shownActuals(page) {
  return page.$$eval('input.actual-input', (inputs) => Object.fromEntries(inputs.map((i) => [i.dataset.indicator, i.value])));
}

for (const [width, height] of sizes) {
  test(`${width} × ${height}: no sideways overflow; table inside its card; total, rating, payout in full`, async () => {
    const { page, errors } = await open(width, height);
    const want = engineCard(demoSubject().actuals);
    const m = await page.evaluate(() => {
      const box = (id) => {
        const e = document.getElementById(id);
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: e.textContent, scrollWidth: e.scrollWidth, clientWidth: e.clientWidth };
      };
      const board = document.querySelector('.board');
      const style = getComputedStyle(board);
      const b = board.getBoundingClientRect();
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth,
        innerHeight,
        boardInner: { left: b.left + parseFloat(style.paddingLeft), right: b.right - parseFloat(style.paddingRight) },
        table: document.getElementById('card').getBoundingClientRect().toJSON(),
        rowsRight: Math.max(...[...document.querySelectorAll('#card tr')].map((r) => r.getBoundingClientRect().right)),
        total: box('total'),
        rating: box('rating'),
        payout: box('payout'),
      };
    });
    assert.ok(m.scrollWidth <= m.innerWidth, `page is ${m.scrollWidth} px wide in a ${m.innerWidth} px window`);
    assert.ok(m.table.left >= m.boardInner.left - 0.5 && m.table.right <= m.boardInner.right + 0.5, `table ${m.table.left}–${m.table.right} in card ${m.boardInner.left}–${m.boardInner.right}`);
    assert.ok(m.rowsRight <= m.boardInner.right + 0.5, `a row reaches ${m.rowsRight}, the card ends at ${m.boardInner.right}`);
    for (const id of ['total', 'rating', 'payout']) {
      const e = m[id];
      assert.ok(e.left >= 0 && e.right <= m.innerWidth && e.top >= 0 && e.bottom <= m.innerHeight, `#${id} ${JSON.stringify(e)} inside ${m.innerWidth} × ${m.innerHeight}`);
      assert.ok(e.scrollWidth <= e.clientWidth, `#${id} text clipped: ${e.scrollWidth} > ${e.clientWidth}`);
    }
    assert.equal(m.total.text, want.total);
    assert.equal(m.rating.text, want.rating);
    assert.equal(m.payout.text, yuan(want.payout));
    assert.equal(await page.getAttribute('body', 'data-payout'), want.payout);
    await page.screenshot({ path: `${out}/page-${width}x${height}.png` });
    await page.screenshot({ path: `${out}/page-${width}x${height}-full.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the total, rating and payout are announced (aria-live) and every control is labelled', async () => {
  const { page } = await open(1280, 800);
  const live = page.locator('#announce');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  await page.locator('input.actual-input[data-indicator="new_signed"]').fill('3');
  const want = engineCard(await shownActuals(page));
  await page.waitForFunction((text) => document.getElementById('announce').textContent.includes(text), `总分 ${want.total}`);
  const said = await live.textContent();
  assert.ok(said.includes(`评级 ${want.rating}`), said);
  assert.ok(said.includes(yuan(want.payout)), said);
  const unnamed = await page.evaluate(() => {
    const name = (e) =>
      e.getAttribute('aria-label') ||
      (e.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join('')
        .trim() ||
      [...(e.labels ?? [])].map((l) => l.textContent).join('').trim() ||
      e.textContent.trim();
    return [...document.querySelectorAll('input, button, textarea, select, summary')].filter((e) => !name(e)).map((e) => e.outerHTML.slice(0, 80));
  });
  assert.deepEqual(unnamed, []);
  await page.close();
});

test('words follow the plan: Chinese names → Chinese page; English names → English page; errors are sentences', async () => {
  const { page } = await open(1280, 800);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('.kpi-total .kpi-label'), '总分');
  // A bad actual: a sentence, the code in the title.
  const input = page.locator('input.actual-input[data-indicator="visits"]');
  await input.fill('abc');
  const error = page.locator('#error-visits');
  assert.equal(await error.textContent(), codeSentences.not_a_number[0]);
  assert.match(await error.getAttribute('title'), /^not_a_number: /);
  await input.fill('27');
  // The same plan with English names.
  const doc = JSON.parse(demoPlanText());
  doc.name = 'Key account manager KPI';
  const english = { new_signed: 'New customers', contract_amount: 'Contract amount', collection_rate: 'Collection rate', visits: 'Visits', data_completeness: 'Data completeness' };
  for (const ind of doc.indicators) ind.name = english[ind.id];
  doc.tree.name = 'Total';
  doc.tree.children[0].name = 'Results';
  doc.tree.children[1].name = 'Process';
  await page.click('#editor summary');
  await page.fill('#plan-text', JSON.stringify(doc, null, 2));
  await page.click('#apply');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('.kpi-total .kpi-label'), 'Total score');
  assert.match(await page.textContent('#plan-status'), /applied/);
  // A broken English plan: English sentences, no raw code in the text.
  doc.tree.children[1].children[0].weight = '40';
  await page.fill('#plan-text', JSON.stringify(doc, null, 2));
  await page.click('#apply');
  const li = page.locator('#plan-errors li').first();
  const text = await li.textContent();
  assert.ok(text.includes(codeSentences.weights_do_not_sum_to_100[1]), text);
  assert.ok(!text.includes('weights_do_not_sum_to_100'), text);
  assert.match(await li.getAttribute('title'), /^weights_do_not_sum_to_100: /);
  await page.close();
  // ?lang= overrides the plan's language.
  const { page: en } = await open(1280, 800, '?lang=en');
  assert.equal(await en.textContent('.kpi-total .kpi-label'), 'Total score');
  await en.close();
});

test('every error code has a Chinese and an English sentence', () => {
  const source = readFileSync(here('../../core/src/error/mod.rs'), 'utf8');
  const codes = [...source.matchAll(/^\s+\w+ => "([a-z0-9_]+)",$/gm)].map((m) => m[1]);
  assert.ok(codes.length > 50, `found ${codes.length} codes in core/src/error/mod.rs`);
  const missing = codes.filter((c) => !codeSentences[c]?.[0] || !codeSentences[c]?.[1]);
  assert.deepEqual(missing, []);
});

test('what it takes shows the payout the engine gives for the step', async () => {
  const { page } = await open(1280, 800);
  // 2 → 3 new signed customers is the 挑战 tier: the engine's total and payout for it.
  const actuals = { ...demoSubject().actuals, new_signed: '3.00' };
  const now = engineCard(demoSubject().actuals);
  const then = engineCard(actuals);
  const line = await page.textContent('.next-row[data-indicator="new_signed"] .next-line');
  assert.ok(line.includes(`总分 ${then.total}`), line);
  const payout = now.payout === then.payout ? `奖金不变 ${yuan(now.payout)}` : `奖金 ${yuan(now.payout)} → ${yuan(then.payout)}`;
  assert.ok(line.includes(payout), `${line} lacks ${payout}`);
  // A step that changes the rating changes the payout: with 23 visits (a B), data
  // completeness up to 达标 makes an A.
  await page.locator('input.actual-input[data-indicator="visits"]').fill('23');
  const before = engineCard(await shownActuals(page));
  const next = await page.evaluate(() => document.querySelector('.next-row[data-indicator="data_completeness"] .next-line').textContent);
  const k = before.indicators.id.indexOf('data_completeness');
  const stepped = engineCard({ ...(await shownActuals(page)), data_completeness: before.indicators.next.actual[k] });
  assert.notEqual(before.payout, stepped.payout, 'the chosen step moves the rating');
  assert.ok(next.includes(`奖金 ${yuan(before.payout)} → ${yuan(stepped.payout)}`), next);
  await page.close();
});

test('a gated card says what clears the gate instead of changes that cannot move the total', async () => {
  const { page } = await open(1280, 800);
  await page.locator('input.actual-input[data-indicator="collection_rate"]').fill('55');
  assert.equal(await page.textContent('#total'), '60.00');
  for (const id of ['new_signed', 'contract_amount', 'visits', 'data_completeness']) {
    const text = await page.textContent(`.next-row[data-indicator="${id}"] .next`);
    assert.ok(text.includes('门槛未达：回款率需≥ 60%'), `${id}: ${text}`);
    assert.ok(!text.includes('总分 60.00'), `${id} still lists a change that leaves the total at 60: ${text}`);
  }
  const gate = await page.textContent('.next-row[data-indicator="collection_rate"] .next');
  assert.ok(gate.includes('回款率≥ 60%即解除门槛'), gate);
  const cleared = engineCard({ ...(await shownActuals(page)), collection_rate: '60' });
  assert.ok(gate.includes(`总分 ${cleared.total}`), gate);
  // Try it: the gate's threshold becomes the actual and the total is no longer capped.
  await page.click('.next-row[data-indicator="collection_rate"] .next-line.gate .try');
  assert.equal(await page.inputValue('input.actual-input[data-indicator="collection_rate"]'), '60');
  assert.equal(await page.textContent('#total'), cleared.total);
  await page.close();
});

test('the plan editor is folded away until asked for', async () => {
  for (const [width, height] of sizes) {
    const { page } = await open(width, height);
    assert.equal(await page.evaluate(() => document.getElementById('editor').open), false);
    assert.equal(await page.isVisible('#plan-text'), false);
    await page.click('#editor summary');
    assert.equal(await page.isVisible('#plan-text'), true);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
    await page.close();
  }
});
