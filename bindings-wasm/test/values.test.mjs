// The table of accepted and refused values (bindings-js/test/values.json), which the
// attain-node suite runs too: both packages accept and refuse the same values.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expected, outcomes, table } from '../../bindings-js/test/values.mjs';
import { engine } from './helpers.mjs';

const attain = await engine();

for (const row of table.rows) {
  test(`value: ${row.name}`, () => {
    for (const { form, got } of outcomes(attain, row)) {
      assert.deepEqual(got, expected(row, form), `${row.name}, ${form}`);
    }
  });
}
