// Types of attain-node. The documents (plan, input, result, preview, run, errors)
// and the classes shared with attain-wasm (`AttainError`, `WhatIf`) are in
// ./format.d.ts (generated from bindings-js/src/format.d.ts), re-exported here.
// Checked with `tsc --strict --noEmit` against test/types-check.ts.

import type { InputDocument, Results, RunDocument, RunResult, Scorecard, SubjectInput, WhatIf } from './format.js';

export * from './format.js';

/** Options of the async forms. */
export interface AsyncOptions {
  /**
   * Cancels the work while it waits for a thread of the pool (the promise rejects
   * with an `AbortError`); work already running finishes. An already aborted signal
   * rejects at once with its reason.
   */
  signal?: AbortSignalLike;
}

/** What the async forms use of an `AbortSignal` (Node's global `AbortSignal` fits). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void): void;
}

// ---------------------------------------------------------------- API

/** A validated KPI plan (销售KPI绩效考核表). Immutable; share it freely. */
export declare class Plan {
  private constructor();
  /** Parse and validate a plan from its JSON text; throws `AttainError` (kind "plan"). */
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
  /** Score an input (object or JSON text); throws `AttainError` (kind "input"). */
  score(input: InputDocument | string): Results;
  /** Input JSON text → canonical result JSON text (the same bytes in every binding). */
  scoreJson(text: string): string;
  /** `score` with the scoring on the libuv thread pool (`signal` cancels it while it waits). */
  scoreAsync(input: InputDocument | string, options?: AsyncOptions): Promise<Results>;
  /** `scoreJson` on the libuv thread pool. */
  scoreJsonAsync(text: string, options?: AsyncOptions): Promise<string>;
  /**
   * `scoreJson` as a Buffer of UTF-8 bytes, for results that go on to a socket or a
   * file (no JS string is built, so no length limit). The input is JSON text or its
   * UTF-8 bytes (a request body).
   */
  scoreJsonBuffer(text: string | Uint8Array): Buffer;
  /** `scoreJsonBuffer` on the libuv thread pool. */
  scoreJsonBufferAsync(text: string | Uint8Array, options?: AsyncOptions): Promise<Buffer>;
  /**
   * One subject's scorecard, ranked among the input's subjects, with `next`
   * (what it takes) computed; null when the input has no such subject.
   */
  explain(input: InputDocument | string, subjectId: string): Scorecard | null;
  /** `explain` on input JSON text, giving canonical scorecard text or null. */
  explainJson(text: string, subjectId: string): string | null;
  /**
   * A what-if session for one subject (a subject object of the input format, or its
   * JSON text); throws `AttainError` (kind "input", paths into the subject object).
   */
  whatIf(subject: SubjectInput | string): WhatIf;
}

/** The JSON Schema of a plan document. */
export declare function planSchema(): Record<string, unknown>;

/**
 * A run: plans + roster + facts + period → scorecards for every person and team and
 * a ledger of every fact row. In the object form, a JS number is read from its
 * shortest round-trip text; give JSON text to pass numbers of more than 17 digits.
 * Throws `AttainError` (kind "plan" or "input").
 */
export declare function run(document: RunDocument | string): RunResult;
/** A run document's JSON text → the canonical run result text. */
export declare function runJson(text: string): string;
/** `run` on the libuv thread pool. */
export declare function runAsync(document: RunDocument | string, options?: AsyncOptions): Promise<RunResult>;
/** `runJson` on the libuv thread pool. */
export declare function runJsonAsync(text: string, options?: AsyncOptions): Promise<string>;
/** `runJson` as a Buffer of UTF-8 bytes (see `Plan.scoreJsonBuffer`). */
export declare function runJsonBuffer(text: string | Uint8Array): Buffer;
/** `runJsonBuffer` on the libuv thread pool. */
export declare function runJsonBufferAsync(text: string | Uint8Array, options?: AsyncOptions): Promise<Buffer>;
