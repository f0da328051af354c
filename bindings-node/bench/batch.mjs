// Batch scoring throughput of the Node binding: a 5-indicator plan (two groups, a gate,
// a bonus, ratings, payout, ranking within teams) on N generated subjects.
//
//   node bench/batch.mjs [subjects=200000] [rounds=3]
//
// Prints subjects/s for
//   scoreJson       input JSON text → result JSON text (the engine's own work plus the
//                   crossing of two strings; what a service that passes bodies through does)
//   scoreJsonAsync  the same on the libuv thread pool
//   score           input object → result object (adds the number check,
//                   JSON.stringify and JSON.parse in JS)
// and, for scale, JSON.stringify + JSON.parse of the same documents in plain JS.
// The best of `rounds` runs is reported. Native Rust is measured separately.

import { Plan } from '../lib/index.js';
import { fivePlan, subjects } from '../test/fixtures.mjs';

const n = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.argv[3] ?? 3);

const plan = Plan.fromJson(JSON.stringify(fivePlan));
const input = { subjects: subjects(n) };
const text = JSON.stringify(input);

function best(label, run) {
  let fastest = Infinity;
  let out;
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint();
    out = run();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - t) / 1e9);
  }
  report(label, fastest);
  return out;
}

async function bestAsync(label, run) {
  let fastest = Infinity;
  let out;
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint();
    out = await run();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - t) / 1e9);
  }
  report(label, fastest);
  return out;
}

function report(label, seconds) {
  const rate = Math.round(n / seconds).toLocaleString('en-US');
  console.log(`${label.padEnd(16)} ${seconds.toFixed(3).padStart(8)} s   ${rate.padStart(11)} subjects/s`);
}

console.log(`attain-node batch: ${n.toLocaleString('en-US')} subjects, 5 indicators, ${(text.length / 1e6).toFixed(1)} MB of input JSON, best of ${rounds}`);
const resultText = best('scoreJson', () => plan.scoreJson(text));
const asyncText = await bestAsync('scoreJsonAsync', () => plan.scoreJsonAsync(text));
const result = best('score', () => plan.score(input));
if (asyncText !== resultText || JSON.stringify(result) !== resultText) {
  console.error('the forms disagree');
  process.exit(1);
}
console.log(`result JSON: ${(resultText.length / 1e6).toFixed(1)} MB`);
best('(JS stringify)', () => JSON.stringify(input));
best('(JS parse)', () => JSON.parse(resultText));
