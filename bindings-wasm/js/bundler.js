// attain for bundlers (webpack, Vite with wasm ESM integration, ...): the wasm-bindgen
// "bundler" build in ../pkg-bundler/, which the bundler instantiates when it is
// imported. `init()` exists so code written for the web build runs unchanged.

import * as pkg from '../pkg-bundler/attain_wasm.js';
import { bind } from './api.js';

export { AttainError, Plan, WhatIf, __provokePanic } from './api.js';

bind(pkg);

/** Nothing to do: the bundler has instantiated the module. */
export function init(_source) {
  return Promise.resolve();
}

/** Nothing to do: the bundler has instantiated the module. */
export function initSync(_source) {}
