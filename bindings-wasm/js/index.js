// attain for the browser and Node (the wasm-bindgen "web" build in ../pkg/).
//
//   import { init, Plan } from 'attain-wasm';
//   await init();                                  // browser: fetches attain_wasm_bg.wasm
//   await init(readFileSync('.../attain_wasm_bg.wasm'));   // Node: give the bytes
//   const plan = Plan.fromJson(planText);
//
// No top-level await: nothing happens until `init()` is called.

import * as pkg from '../pkg/attain_wasm.js';
import { bind } from './api.js';

export { AttainError, Plan, WhatIf, __provokePanic } from './api.js';

let ready = null;

function options(source) {
  if (source !== null && typeof source === 'object' && 'module_or_path' in source) return source;
  return source === undefined ? undefined : { module_or_path: source };
}

/**
 * Instantiate the WebAssembly module once (later calls return the same promise).
 * `source`: nothing (fetch the .wasm next to the generated glue), or a URL, a
 * `Response`, the bytes, or a compiled `WebAssembly.Module`.
 */
export function init(source) {
  if (ready === null) {
    ready = pkg.default(options(source)).then(
      () => {
        bind(pkg);
      },
      (e) => {
        ready = null;
        throw e;
      },
    );
  }
  return ready;
}

/** Instantiate synchronously from the bytes or a compiled `WebAssembly.Module`. */
export function initSync(source) {
  if (source !== null && typeof source === 'object' && 'module' in source) {
    pkg.initSync(source);
  } else {
    pkg.initSync({ module: source });
  }
  bind(pkg);
  ready = Promise.resolve();
}
