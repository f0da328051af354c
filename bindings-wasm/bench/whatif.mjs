// What-if speed: median time of `session.set(indicator, value)` + `session.score()`
// for the 5-indicator demo plan (key account manager), as a slider drag would do.
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

function step(i) {
  if (i % 10 === 0) session.set('new_signed', counts[(i / 10) % counts.length]);
  else session.set('contract_amount', amounts[i % amounts.length]);
  return session.score();
}

for (let i = 0; i < 2000; i++) step(i); // warm up the JIT

const times = new Float64Array(iterations);
let sink = 0;
for (let i = 0; i < iterations; i++) {
  const t0 = process.hrtime.bigint();
  const card = step(i);
  times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  sink += card.total.length;
}
times.sort();
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const median = at(0.5);
console.log(
  `what-if (set + score, 5 indicators, next on): median ${median.toFixed(1)} µs, ` +
    `p90 ${at(0.9).toFixed(1)} µs, p99 ${at(0.99).toFixed(1)} µs over ${iterations} iterations` +
    (sink > 0 ? '' : ' (no result?)'),
);
console.log(`whatif_median_us=${median.toFixed(1)}`);
