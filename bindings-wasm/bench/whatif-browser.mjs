// What-if speed in a real browser: the loop of bench/whatif.mjs (set + preview(), and
// set + score() for comparison) run inside headless Chromium on the demo page
// (Debian's chromium through playwright-core, as test/browser.test.mjs).
//
//   node bench/whatif-browser.mjs [batches]      (default 400 batches of 100 calls)
//
// A page's clock is coarse (performance.now() is rounded to tens of µs), so each
// sample is the mean of a batch of 100 calls; the figure is the median batch mean.

import { chromium } from 'playwright-core';
import { start } from '../serve.mjs';

const batches = Number(process.argv[2] ?? 400);
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

const { server, url } = await start(0);
const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  const page = await browser.newPage();
  await page.goto(`${url}demo/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  const version = browser.version();
  const results = await page.evaluate(async (batches) => {
    const { Plan } = await import('../js/index.js'); // the instance the page initialised
    const plan = Plan.fromJson(await (await fetch('data/plan.json')).text());
    const rep = (await (await fetch('data/actuals.json')).json()).subjects[0];
    const session = plan.whatIf(rep);
    const amounts = Array.from({ length: 200 }, (_, i) => String(500000 + i * 5000));
    const counts = ['0', '1', '2', '3', '4'];
    const set = (i) => {
      if (i % 10 === 0) session.set('new_signed', counts[(i / 10) % counts.length]);
      else session.set('contract_amount', amounts[i % amounts.length]);
    };
    const paths = {
      'set + preview()': (i) => {
        set(i);
        return session.preview().total;
      },
      'set + score()': (i) => {
        set(i);
        return session.score().total;
      },
      'set + previewJson()': (i) => {
        set(i);
        return session.previewJson();
      },
      'set + scoreJson()': (i) => {
        set(i);
        return session.scoreJson();
      },
    };
    // Batches of the paths take turns, so that each sees the same machine.
    const names = Object.keys(paths);
    const means = Object.fromEntries(names.map((n) => [n, []]));
    let sink = 0;
    for (const name of names) for (let i = 0; i < 3000; i++) sink += paths[name](i).length; // warm up
    let i = 0;
    for (let b = 0; b < batches; b++) {
      for (const name of names) {
        const f = paths[name];
        const t0 = performance.now();
        for (let k = 0; k < 100; k++) sink += f(i + k).length;
        means[name].push(((performance.now() - t0) * 1000) / 100);
      }
      i += 100;
    }
    const out = {};
    for (const name of names) {
      const m = means[name].sort((a, b) => a - b);
      out[name] = { median: m[m.length >> 1], p90: m[Math.floor(m.length * 0.9)], ok: sink > 0 };
    }
    session.free();
    plan.free();
    return out;
  }, batches);
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(20)} median ${r.median.toFixed(1).padStart(5)} µs, p90 ${r.p90.toFixed(1)} µs ` +
        `(batch means of 100 calls, ${batches} batches; Chromium ${version})` +
        (r.ok ? '' : ' (no result?)'),
    );
  }
  console.log(`whatif_browser_median_us=${results['set + preview()'].median.toFixed(1)}`);
} finally {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
}
