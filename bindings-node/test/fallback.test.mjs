// Node versions without external strings (before 20.4, or 18.18 in 18) take the
// addon's UTF-8 bytes and decode them in JS. This Node has external strings, so the
// test loads a second copy of lib/index.js while `process.versions.node` says
// 20.3.0, and checks that its string forms give the same text as the main copy.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as main from '../lib/index.js';
import { assertSameText, cases, runDocumentText } from './corpus.mjs';
import { fivePlan, subjects } from './fixtures.mjs';

const require = createRequire(import.meta.url);

/** lib/index.js as loaded on a Node that reports `version`. */
function loadAs(version) {
  const path = require.resolve('../lib/index.js');
  const saved = Object.getOwnPropertyDescriptor(process, 'versions');
  const cached = require.cache[path];
  delete require.cache[path];
  try {
    Object.defineProperty(process, 'versions', { ...saved, value: { ...process.versions, node: version } });
    return require(path);
  } finally {
    Object.defineProperty(process, 'versions', saved);
    if (cached) require.cache[path] = cached;
    else delete require.cache[path];
  }
}

const old = loadAs('20.3.0');

test('a second copy was loaded', () => {
  assert.notEqual(old.Plan, main.Plan);
  assert.equal(process.versions.node, process.version.slice(1));
});

test('the byte path gives the same text: corpus and a large batch', async () => {
  for (const { raw, doc } of cases('cases').slice(0, 10)) {
    const expected = JSON.stringify(doc.expected);
    const plan = old.Plan.fromJson(raw.plan);
    assertSameText(plan.scoreJson(raw.input), expected, 'scoreJson');
    assertSameText(await plan.scoreJsonAsync(raw.input), expected, 'scoreJsonAsync');
  }
  const text = JSON.stringify({ subjects: subjects(2000) });
  const want = main.Plan.fromJson(JSON.stringify(fivePlan)).scoreJson(text);
  const plan = old.Plan.fromJson(JSON.stringify(fivePlan));
  assertSameText(plan.scoreJson(text), want, 'large scoreJson');
  assertSameText(await plan.scoreJsonAsync(text), want, 'large scoreJsonAsync');
});

test('the byte path gives the same text: runs', async () => {
  const runs = cases('runs').filter((c) => c.doc.expected !== undefined).slice(0, 5);
  assert.ok(runs.length > 0);
  for (const { raw, doc } of runs) {
    const text = runDocumentText(raw);
    const expected = JSON.stringify(doc.expected);
    assertSameText(old.runJson(text), expected, 'runJson');
    assertSameText(await old.runJsonAsync(text), expected, 'runJsonAsync');
  }
});
