// attain for JavaScript: the public API over the raw wasm-bindgen exports.
//
// Conversions and error mapping only; every rule lives in the Rust core. Inputs are
// sent to the engine as JSON text and results come back as canonical JSON text, so a
// decimal never passes through a JS number: decimals are strings ("12.50"), and a JS
// number given where the engine reads decimals is refused (it has already lost
// exactness before attain could see it).

import { call, inputText, newWhatIf, planText, toInputJson } from './shared.js';

// The JS layer attain-node shares (generated from bindings-js/src/attain.js):
// AttainError, the input walker, decimal coercion and the WhatIf session.
export { AttainError, WhatIf } from './shared.js';

let raw = null;

/** @internal Called by the entry module once the wasm module is instantiated. */
export function bind(module) {
  raw = module;
}

function engine() {
  if (raw === null) {
    throw new Error('attain: the WebAssembly module is not initialised; call `await init()` first');
  }
  return raw;
}

const dispose = typeof Symbol.dispose === 'symbol' ? Symbol.dispose : null;

/** A validated KPI plan (销售KPI绩效考核表). */
export class Plan {
  #raw;

  /** Parse and validate a plan from its JSON text; throws `AttainError` (kind "plan"). */
  constructor(text) {
    const e = engine();
    const t = planText(text);
    this.#raw = call(() => new e.RawPlan(t));
  }

  /** Same as `new Plan(text)`. */
  static fromJson(text) {
    return new Plan(text);
  }

  get id() {
    return this.#raw.id;
  }

  get name() {
    return this.#raw.name;
  }

  get version() {
    return this.#raw.version;
  }

  /** Digits after the point of every decimal in a result. */
  get scale() {
    return this.#raw.scale;
  }

  /** Indicator ids in plan order. */
  indicatorIds() {
    return this.#raw.indicatorIds();
  }

  /** The plan as JSON text (normalised: decimals as strings, defaults filled). */
  toJson() {
    return this.#raw.toJson();
  }

  /** Score an input (object or JSON text, FORMAT.md "Input"); returns the result document. */
  score(input) {
    return JSON.parse(this.scoreJson(toInputJson(input, 'the input')));
  }

  /** Input JSON text → canonical result JSON text (the bytes every binding gives). */
  scoreJson(text) {
    const t = inputText(text, 'scoreJson');
    return call(() => this.#raw.scoreJson(t));
  }

  /**
   * One subject's scorecard from an input (object or JSON text), ranked among the
   * input's subjects and with *what it takes* (`next`) computed; `null` when the input
   * has no such subject.
   */
  explain(input, subjectId) {
    const text = this.explainJson(toInputJson(input, 'the input'), subjectId);
    return text === null ? null : JSON.parse(text);
  }

  /** `explain` on input JSON text, returning the scorecard's canonical JSON text or `null`. */
  explainJson(text, subjectId) {
    const t = inputText(text, 'explainJson');
    const out = call(() => this.#raw.explainJson(t, String(subjectId)));
    return out === undefined ? null : out;
  }

  /**
   * A what-if session for one subject (a subject object of the input format, or its
   * JSON text); error paths point into the subject object.
   */
  whatIf(subject) {
    const text = toInputJson(subject, 'the subject');
    return newWhatIf(call(() => this.#raw.whatIf(text)));
  }

  /** Release the plan's memory now rather than when it is garbage-collected. */
  free() {
    this.#raw.free();
  }
}

if (dispose !== null) {
  Plan.prototype[dispose] = Plan.prototype.free;
}
