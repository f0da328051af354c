// Batch scoring throughput of the Node binding, on the workload of the Rust benches
// (benches/src/lib.rs): the 5-indicator plan "kam-bench" and the same generated
// subjects (same LCG, same actuals), so the figures sit beside `cargo bench`'s.
//
//   node --expose-gc bench/batch.mjs [subjects=200000] [rounds=1]
//
// Prints subjects/s for
//   scoreJson       input JSON text → canonical result JSON text (parse, score, rank and
//                   write every scorecard with its explanation tree; two strings cross)
//   scoreJsonAsync  the same on the libuv thread pool
//   scoreJsonBuffer input JSON text → result JSON as a Buffer of UTF-8 bytes (no JS string)
//   score           input object → result object (adds, in JS, the check that no
//                   decimal is a JS number, JSON.stringify, and JSON.parse of the result)
// and, for scale, plain JSON.stringify of the input and JSON.parse of the result.
// The best of `rounds` runs is reported. Native Rust is measured separately.
//
// With --expose-gc, garbage from the previous measurement is collected before each
// one (untimed), as native frees its result before the next round; without it, a
// round may run while the last round's 381 MB result still waits for V8's collector,
// and pays for fresh memory.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plan } from '../lib/index.js';

const n = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.argv[3] ?? 1);

// The plan text, read from the Rust benches so both measure the same plan.
const benchLib = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'benches', 'src', 'lib.rs'), 'utf8');
const planText = /FIVE_INDICATOR_PLAN: &str = r#"([\s\S]*?)"#;/.exec(benchLib)?.[1];
if (planText === undefined) throw new Error('FIVE_INDICATOR_PLAN not found in benches/src/lib.rs');

/** The subjects of `attain_benches::subjects(plan, n)`, as input objects. */
function subjects(count) {
  const mask = (1n << 64n) - 1n;
  let x = 0x2545f4914f6cdd1dn;
  const next = (m) => {
    x = (x * 6364136223846793005n + 1442695040888963407n) & mask;
    return (x >> 33n) % BigInt(m);
  };
  const cents = (v) => `${v / 100n}.${String(v % 100n).padStart(2, '0')}`;
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = {
      id: `rep${String(i).padStart(7, '0')}`,
      actuals: {
        new_customers: String(next(5)),
        contract_amount: cents(next(90_000_000)),
        collection_rate: cents(5_000n + next(5_000)),
        deal_cycle: cents(2_000n + next(6_000)),
        complaints: String(next(4)),
      },
    };
  }
  return out;
}

const plan = Plan.fromJson(planText);
const input = { subjects: subjects(n) };
const text = JSON.stringify(input);
const digest = (s) => createHash('sha256').update(s).digest('hex');

async function best(label, run) {
  let fastest = Infinity;
  let cpu = '';
  let out;
  for (let r = 0; r < rounds; r++) {
    out = undefined;
    globalThis.gc?.();
    const before = process.resourceUsage();
    const t = process.hrtime.bigint();
    out = await run();
    const wall = Number(process.hrtime.bigint() - t) / 1e9;
    const after = process.resourceUsage();
    if (wall < fastest) {
      fastest = wall;
      // CPU of the whole process (every thread) during the call: `sys` is mostly the
      // kernel zeroing fresh pages for the result, which varies a lot on a VM.
      const user = (after.userCPUTime - before.userCPUTime) / 1e6;
      const sys = (after.systemCPUTime - before.systemCPUTime) / 1e6;
      cpu = `   user ${user.toFixed(2)} s, sys ${sys.toFixed(2)} s`;
    }
  }
  const rate = Math.round(n / fastest).toLocaleString('en-US');
  console.log(`${label.padEnd(16)} ${fastest.toFixed(3).padStart(8)} s   ${rate.padStart(11)} subjects/s${cpu}`);
  return out;
}

console.log(
  `attain-node batch: plan ${plan.id} (${plan.indicatorIds().length} indicators), ` +
    `${n.toLocaleString('en-US')} subjects, ${(text.length / 1e6).toFixed(1)} MB of input JSON, best of ${rounds}` +
    (globalThis.gc ? ', collected before each' : ''),
);
// Only digests are kept between runs, so the peak memory is that of one call.
let resultText = await best('scoreJson', () => plan.scoreJson(text));
const want = digest(resultText);
console.log(`result JSON: ${(Buffer.byteLength(resultText) / 1e6).toFixed(1)} MB`);
await best('(JS parse)', () => JSON.parse(resultText));
resultText = undefined;
const asyncDigest = digest(await best('scoreJsonAsync', () => plan.scoreJsonAsync(text)));
const bufferDigest = digest(await best('scoreJsonBuffer', () => plan.scoreJsonBuffer(text)));
const objectDigest = digest(JSON.stringify(await best('score', () => plan.score(input))));
await best('(JS stringify)', () => JSON.stringify(input));
if (asyncDigest !== want || bufferDigest !== want || objectDigest !== want) {
  console.error('the forms disagree');
  process.exit(1);
}
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB`);
