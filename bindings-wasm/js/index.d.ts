// attain for JavaScript: types of the public API. The documents (plan, input,
// result, preview, errors) and the classes shared with attain-node (`AttainError`,
// `WhatIf`) are in ./format.d.ts (generated from bindings-js/src/format.d.ts),
// re-exported here; the run types there describe attain-node's `run` (not in this
// package). `tsc --strict` checks them against test/types/usage.ts.

import type { InputDocument, Results, Scorecard, SubjectInput, WhatIf } from './format.js';

export * from './format.js';

// ---------------------------------------------------------------- API

/** Where the .wasm comes from: a URL, a `Response`, the bytes, or a compiled module. */
export type WasmSource =
  | string
  | URL
  | Request
  | Response
  | Promise<Response>
  | BufferSource
  | WebAssembly.Module;

/**
 * Instantiate the WebAssembly module (once; later calls return the same promise).
 * In the browser call it with nothing; in Node give the bytes of
 * `pkg/attain_wasm_bg.wasm`.
 */
export function init(source?: WasmSource | { module_or_path: WasmSource }): Promise<void>;

/** Instantiate synchronously from the bytes or a compiled module. */
export function initSync(source: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module }): void;

/** A validated KPI plan (销售KPI绩效考核表). */
export class Plan {
  /** Parse and validate a plan from its JSON text; throws `AttainError` (kind `plan`). */
  constructor(text: string);
  /** Same as `new Plan(text)`. */
  static fromJson(text: string): Plan;
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** Digits after the point of every decimal in a result. */
  readonly scale: number;
  /** Indicator ids in plan order. */
  indicatorIds(): string[];
  /** The plan as JSON text (normalised: decimals as strings, defaults filled). */
  toJson(): string;
  /**
   * Score an input (object or JSON text); throws `AttainError` (kind `input`) with
   * every problem found (NaN, a function or an object that contains itself in an
   * input object, and the engine's problems with the rest).
   */
  score(input: InputDocument | string): Results;
  /** Input JSON text → canonical result JSON text (identical bytes in every binding). */
  scoreJson(inputJson: string): string;
  /** One subject's scorecard, ranked among the input's subjects, with `next` computed; null when absent. */
  explain(input: InputDocument | string, subjectId: string): Scorecard | null;
  /** `explain` on input JSON text: the scorecard's canonical JSON text, or null. */
  explainJson(inputJson: string, subjectId: string): string | null;
  /**
   * A what-if session for one subject (a subject object of the input format, or its
   * JSON text); throws `AttainError` (kind `input`, paths into the subject object).
   */
  whatIf(subject: SubjectInput | string): WhatIf;
  /** Release the plan's memory now (otherwise when it is garbage-collected). */
  free(): void;
}
