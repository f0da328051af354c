// What-if speed: median time of `session.set(indicator, value)` + `session.preview()`
// (the fast path a slider drag uses) for the 5-indicator demo plan (key account
// manager), and for comparison `set` + `score()` (the full scorecard) and the steps
// without the JSON.parse.
//
//   node bench/whatif.mjs [iterations]        (default 20000; target: median < 20 µs)

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { init, Plan } from '../js/index.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const iterations = Number(process.argv[2] ?? 20000);

await init(readFileSync(here('../pkg/attain_wasm_bg.wasm')));
const plan = Plan.fromJson(readFileSync(here('../demo/data/plan.json'), 'utf8'));
const rep = JSON.parse(readFileSync(here('../demo/data/actuals.json'), 'utf8')).subjects[0];
const session = plan.whatIf(rep);

// A slider moving over contract amount (and new signed customers every 10th step).
const amounts = Array.from({ length: 200 }, (_, i) => String(500000 + i * 5000));
const counts = ['0', '1', '2', '3', '4'];

function set(i) {
  if (i % 10 === 0) session.set('new_signed', counts[(i / 10) % counts.length]);
  else session.set('contract_amount', amounts[i % amounts.length]);
}

const paths = {
  'set + preview()': (i) => {
    set(i);
    return session.preview().total;
  },
  'set + previewJson()': (i) => {
    set(i);
    return session.previewJson();
  },
  'set + score()': (i) => {
    set(i);
    return session.score().total;
  },
  'set + scoreJson()': (i) => {
    set(i);
    return session.scoreJson();
  },
};

function measure(f) {
  for (let i = 0; i < 2000; i++) f(i); // warm up the JIT
  const times = new Float64Array(iterations);
  let sink = 0;
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    const out = f(i);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
    sink += out.length;
  }
  times.sort();
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { median: at(0.5), p90: at(0.9), p99: at(0.99), ok: sink > 0 };
}

const results = {};
for (const [name, f] of Object.entries(paths)) {
  const r = measure(f);
  results[name] = r;
  console.log(
    `${name.padEnd(20)} median ${r.median.toFixed(1).padStart(5)} µs, p90 ${r.p90.toFixed(1)} µs, ` +
      `p99 ${r.p99.toFixed(1)} µs over ${iterations} iterations (5 indicators, next on)` +
      (r.ok ? '' : ' (no result?)'),
  );
}
console.log(`whatif_median_us=${results['set + preview()'].median.toFixed(1)}`);
console.log(`whatif_score_median_us=${results['set + score()'].median.toFixed(1)}`);
