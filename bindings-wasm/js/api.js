// attain for JavaScript: the public API over the raw wasm-bindgen exports.
//
// Conversions and error mapping only; every rule lives in the Rust core. Inputs are
// sent to the engine as JSON text and results come back as canonical JSON text, so a
// result's decimal never passes through a JS number: decimals are strings ("12.50");
// a JS number given is read from its shortest round-trip text (212 is "212"). No
// failure is untyped: a refusal, a bug or memory running out is an AttainError.

import { AttainError, inputText, internalError, newWhatIf, planText, submit, translate } from './shared.js';

// The JS layer attain-node shares (generated from bindings-js/src/attain.js):
// AttainError, the input walker, decimal coercion and the WhatIf session.
export { AttainError, WhatIf } from './shared.js';

let raw = null;
// How many fresh instances of the module were made after a trap: a plan or session
// made in an earlier one is made again from its text when next used.
let generation = 0;

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

/**
 * Runs a call into the module: a refusal is thrown as an AttainError. Anything else
 * thrown from inside it is a trap — a panic aborts on wasm32 (a bug), and so does
 * running out of memory — after which the instance cannot be trusted (its stack
 * pointer is where the trap left it): it is thrown as an AttainError of kind
 * "internal", and the module is instantiated afresh from the same compiled module
 * (the web build's `__wbg_reset_state`; the bundler build, which its bundler
 * instantiates, carries on in the same instance).
 */
function guard(f) {
  try {
    return f();
  } catch (e) {
    throw failure(e);
  }
}

/** What `guard` throws for an error from inside the module. */
function failure(e) {
  const refusal = translate(e);
  return refusal instanceof AttainError ? refusal : trapped(e);
}

function trapped(e) {
  const m = engine();
  let panic;
  try {
    panic = m.__takePanic(); // the panic hook's message, if a panic trapped
  } catch {
    panic = undefined;
  }
  if (typeof m.__wbg_reset_state === 'function') {
    try {
      m.__wbg_reset_state();
      generation++;
    } catch {
      // no fresh instance (memory exhausted in the host too): the next call tries again
    }
  }
  const what =
    panic ??
    (e instanceof WebAssembly.RuntimeError
      ? `the WebAssembly module stopped (${e.message}): out of memory, or a bug`
      : `${e?.name ?? 'Error'}: ${e?.message ?? String(e)}`);
  return internalError(what);
}

const dispose = typeof Symbol.dispose === 'symbol' ? Symbol.dispose : null;

/** A validated KPI plan (销售KPI绩效考核表). */
export class Plan {
  #text;
  #raw;
  #generation;

  /** Parse and validate a plan from its JSON text; throws `AttainError` (kind "plan"). */
  constructor(text) {
    const e = engine();
    const t = planText(text);
    this.#raw = guard(() => new e.RawPlan(t));
    this.#text = t;
    this.#generation = generation;
  }

  /** Same as `new Plan(text)`. */
  static fromJson(text) {
    return new Plan(text);
  }

  // The raw plan in the module's current instance (made again from the text after a trap).
  #live() {
    if (this.#raw === null) throw new TypeError('attain: this Plan was freed');
    if (this.#generation !== generation) {
      const e = engine();
      this.#raw = guard(() => new e.RawPlan(this.#text));
      this.#generation = generation;
    }
    return this.#raw;
  }

  get id() {
    return guard(() => this.#live().id);
  }

  get name() {
    return guard(() => this.#live().name);
  }

  get version() {
    return guard(() => this.#live().version);
  }

  /** Digits after the point of every decimal in a result. */
  get scale() {
    return guard(() => this.#live().scale);
  }

  /** Indicator ids in plan order. */
  indicatorIds() {
    return guard(() => this.#live().indicatorIds());
  }

  /** The plan as JSON text (normalised: decimals as strings, defaults filled). */
  toJson() {
    return guard(() => this.#live().toJson());
  }

  /**
   * Score an input (object or JSON text, FORMAT.md "Input"); returns the result
   * document. Throws `AttainError` with every problem found, the walk's (a function,
   * NaN, an object that contains itself) and the engine's, in document order.
   */
  score(input) {
    return JSON.parse(submit(input, 'the input', (t) => this.scoreJson(t)));
  }

  /** Input JSON text → canonical result JSON text (the bytes every binding gives). */
  scoreJson(text) {
    const t = inputText(text, 'scoreJson');
    return guard(() => this.#live().scoreJson(t));
  }

  /**
   * One subject's scorecard from an input (object or JSON text), ranked among the
   * input's subjects and with *what it takes* (`next`) computed; `null` when the input
   * has no such subject.
   */
  explain(input, subjectId) {
    const text = submit(input, 'the input', (t) => this.explainJson(t, subjectId));
    return text === null ? null : JSON.parse(text);
  }

  /** `explain` on input JSON text, returning the scorecard's canonical JSON text or `null`. */
  explainJson(text, subjectId) {
    const t = inputText(text, 'explainJson');
    const out = guard(() => this.#live().explainJson(t, String(subjectId)));
    return out === undefined ? null : out;
  }

  /**
   * A what-if session for one subject (a subject object of the input format, or its
   * JSON text); error paths point into the subject object.
   */
  whatIf(subject) {
    const planText = this.#text;
    const session = submit(
      subject,
      'the subject',
      (t) => new Session(() => this.#live().whatIf(t), () => remake(planText, t)),
      (s) => s.free(),
    );
    return newWhatIf(session);
  }

  /** Release the plan's memory now rather than when it is garbage-collected. */
  free() {
    const r = this.#raw;
    this.#raw = null;
    // A plan of an instance that trapped is not freed there (nor in the fresh one).
    if (r !== null && this.#generation === generation) r.free();
  }
}

if (dispose !== null) {
  Plan.prototype[dispose] = Plan.prototype.free;
}

/** A raw session in the current instance from the plan's and the subject's text. */
function remake(planText, subjectText) {
  const plan = new (engine().RawPlan)(planText);
  try {
    return plan.whatIf(subjectText);
  } finally {
    plan.free();
  }
}

/**
 * The raw what-if session under a `WhatIf`: a `RawWhatIf` of the current instance,
 * made again after a trap from the plan's and the subject's text (the session lives
 * on when its plan is freed) with the actuals set since.
 */
class Session {
  #remake;
  #raw;
  #generation;
  #actuals = new Map(); // indicator → the text last set (null: cleared)

  constructor(make, remake) {
    this.#remake = remake;
    this.#raw = guard(make);
    this.#generation = generation;
  }

  #live() {
    if (this.#raw === null) throw new TypeError('attain: this WhatIf was freed');
    if (this.#generation !== generation) {
      const fresh = guard(this.#remake);
      for (const [id, text] of this.#actuals) guard(() => fresh.set(id, text ?? undefined));
      this.#raw = fresh;
      this.#generation = generation;
    }
    return this.#raw;
  }

  // (The calls a live view makes on every change are written out, without a closure.)
  set(id, text) {
    try {
      this.#live().set(id, text ?? undefined);
    } catch (e) {
      throw failure(e);
    }
    this.#actuals.set(id, text); // each indicator's last value: the order does not matter
  }

  actual(id) {
    return guard(() => this.#live().actual(id));
  }

  scoreJson() {
    try {
      return this.#live().scoreJson();
    } catch (e) {
      throw failure(e);
    }
  }

  previewJson() {
    try {
      return this.#live().previewJson();
    } catch (e) {
      throw failure(e);
    }
  }

  free() {
    const r = this.#raw;
    this.#raw = null;
    if (r !== null && this.#generation === generation) r.free();
  }
}

/**
 * Test hook, not API (not in index.d.ts): a panic inside the module, through the same
 * guard as every call, so that the test suite can check what a bug in attain becomes
 * (an AttainError of kind "internal", and a module that works afterwards).
 */
export function __provokePanic() {
  const m = engine();
  guard(() => m.__provokePanic());
}
