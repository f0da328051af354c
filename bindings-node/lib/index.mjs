// The ES module entry of attain-node (`import { Plan } from 'attain-node'`): the
// CommonJS build's named exports, re-exported, so `import` and `require` give the
// same objects (one addon, one `AttainError` class: `instanceof` holds across both).
import { createRequire } from 'node:module';

const attain = createRequire(import.meta.url)('./index.js');

export const {
  AttainError,
  Plan,
  WhatIf,
  planSchema,
  run,
  runJson,
  runAsync,
  runJsonAsync,
  runJsonBuffer,
  runJsonBufferAsync,
} = attain;

export default attain;
