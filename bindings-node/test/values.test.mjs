// The table of accepted and refused values (bindings-js/test/values.json), which the
// attain-wasm suite runs too: both packages accept and refuse the same values.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as attain from '../lib/index.js';
import { expected, outcomes, table } from '../../bindings-js/test/values.mjs';

for (const row of table.rows) {
  test(`value: ${row.name}`, () => {
    for (const { form, got } of outcomes(attain, row)) {
      assert.deepEqual(got, expected(row, form), `${row.name}, ${form}`);
    }
  });
}
