// Async forms with an AbortSignal: an aborted signal rejects at once with its
// reason; work still waiting for a thread of the pool is cancelled (AbortError);
// work that runs gives the same result as without a signal.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Plan, runJsonAsync } from '../lib/index.js';
import { fivePlan, subjects } from './fixtures.mjs';

const plan = Plan.fromJson(JSON.stringify(fivePlan));

test('an aborted signal rejects at once with its reason', async () => {
  const controller = new AbortController();
  controller.abort(new Error('user left the page'));
  await assert.rejects(plan.scoreJsonAsync('{"subjects": []}', { signal: controller.signal }), /user left the page/);
  await assert.rejects(runJsonAsync('{}', { signal: controller.signal }), /user left the page/);
  await assert.rejects(plan.scoreAsync({ subjects: [] }, { signal: 'no' }), TypeError);
});

test('queued work is cancelled, running work finishes with the same result', async () => {
  const input = JSON.stringify({ subjects: subjects(20_000) });
  const want = plan.scoreJson(input);
  // More tasks than the pool has threads (4 by default): the last waits in the queue.
  const busy = Array.from({ length: 8 }, () => plan.scoreJsonAsync(input));
  const controller = new AbortController();
  const last = plan.scoreJsonAsync(input, { signal: controller.signal });
  controller.abort();
  await assert.rejects(last, (e) => e.name === 'AbortError' || /abort/i.test(String(e.message)));
  for (const text of await Promise.all(busy)) assert.equal(text, want);
  // A signal that is never aborted changes nothing.
  assert.equal(await plan.scoreJsonAsync(input, { signal: new AbortController().signal }), want);
});
