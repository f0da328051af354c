'use strict';
// attain for Node.js: the public API over the native addon (../index.js, the loader
// napi-rs generates, which picks the right `.node` file for the platform).
//
// Conversions and error mapping only; every rule lives in the Rust core. Inputs go
// to the engine as JSON text and results come back as canonical JSON text, so a
// result's decimal never passes through a JS number: decimals are strings ("12.50");
// a JS number given is read from its shortest round-trip text (212 is "212"). No
// failure is untyped: a refusal or a bug in attain is an AttainError (a bug: kind
// "internal"). The same words as the Rust, Python and
// WASM APIs: Plan.fromJson, plan.score / scoreJson / explain, planSchema, run.

const native = require('../index.js');
// The JS layer attain-wasm shares (generated from bindings-js/src/attain.js):
// AttainError, the input walker, decimal coercion and the WhatIf session.
const {
  AttainError,
  WhatIf,
  call,
  callAsync,
  inputText,
  newWhatIf,
  planText,
  submit,
  submitAsync,
} = require('./shared.js');

// The AbortSignal of an async call's options (throws its reason when already
// aborted, as fetch and timers do); undefined when none is given.
function abortSignal(options) {
  const signal = options?.signal;
  if (signal === undefined || signal === null) return undefined;
  if (typeof signal.throwIfAborted !== 'function') {
    throw new TypeError('options.signal must be an AbortSignal');
  }
  signal.throwIfAborted();
  return signal;
}

// Whether this Node can take the addon's large results as external strings
// (node_api_create_external_string_*: Node >= 20.4, and 18.18+ in 18). The addon then
// hands V8 the characters it already holds (src/text.rs); older versions decode the
// addon's UTF-8 bytes instead.
const externalStrings = (() => {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major > 20 || (major === 20 && minor >= 4) || (major === 18 && minor >= 18);
})();

// A Buffer over the addon's UTF-8 bytes (a view, not a copy).
function buffer(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// The text of UTF-8 bytes from the addon (Node's decoder).
function utf8(bytes) {
  return buffer(bytes).toString('utf8');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// Input JSON text for the Buffer forms, which also take the bytes of a request body.
function inputTextOrBytes(text, what) {
  if (text instanceof Uint8Array) {
    try {
      return strictUtf8.decode(text);
    } catch {
      throw new AttainError('input', [{ path: '', code: 'invalid_json', message: `${what}: the bytes are not UTF-8 text` }]);
    }
  }
  return inputText(text, what);
}

const token = Symbol('attain.Plan');

/** A validated KPI plan (销售KPI绩效考核表). Immutable; share it freely. */
class Plan {
  #native;

  /** @internal Use `Plan.fromJson(text)`. */
  constructor(nativePlan, key) {
    if (key !== token) throw new TypeError('use Plan.fromJson(text) to make a Plan');
    this.#native = nativePlan;
  }

  /** Parse and validate a plan from its JSON text; throws `AttainError` (kind "plan"). */
  static fromJson(text) {
    const t = planText(text);
    return new Plan(
      call(() => native.NativePlan.fromJson(t)),
      token,
    );
  }

  get id() {
    return call(() => this.#native.id);
  }

  get name() {
    return call(() => this.#native.name);
  }

  get version() {
    return call(() => this.#native.version);
  }

  /** Digits after the point of every decimal in a result. */
  get scale() {
    return call(() => this.#native.scale);
  }

  /** Indicator ids in plan order. */
  indicatorIds() {
    return call(() => this.#native.indicatorIds);
  }

  /** The plan as JSON text (normalised: decimals as strings, defaults filled). */
  toJson() {
    return call(() => this.#native.toJson());
  }

  /**
   * Score an input (object or JSON text, FORMAT.md "Input"); returns the result
   * document. Throws `AttainError` with every problem found, the walk's (a function,
   * NaN, an object that contains itself) and the engine's, in document order.
   */
  score(input) {
    return JSON.parse(submit(input, 'the input', (t) => this.scoreJson(t)));
  }

  /** Input JSON text → canonical result JSON text (the same bytes in every binding). */
  scoreJson(text) {
    const t = inputText(text, 'scoreJson');
    if (externalStrings) return call(() => this.#native.scoreJson(t));
    return utf8(call(() => this.#native.scoreJsonUtf8(t)));
  }

  /**
   * `scoreJson` as a Buffer of UTF-8 bytes, for results that go on to a socket or a
   * file (no JS string is built, so no length limit); takes the input as text or as
   * UTF-8 bytes (a request body).
   */
  scoreJsonBuffer(text) {
    const t = inputTextOrBytes(text, 'scoreJsonBuffer');
    return buffer(call(() => this.#native.scoreJsonUtf8(t)));
  }

  /** `scoreJsonBuffer` on the libuv thread pool (`options.signal` as in `scoreAsync`). */
  async scoreJsonBufferAsync(text, options) {
    const t = inputTextOrBytes(text, 'scoreJsonBufferAsync');
    const signal = abortSignal(options);
    return buffer(await callAsync(() => this.#native.scoreJsonUtf8Async(t, signal)));
  }

  /**
   * `score` with the scoring on the libuv thread pool; the same result.
   * `options.signal` (an AbortSignal) cancels it while it waits for a thread.
   */
  async scoreAsync(input, options) {
    return JSON.parse(await submitAsync(input, 'the input', (t) => this.scoreJsonAsync(t, options)));
  }

  /** `scoreJson` on the libuv thread pool; resolves to the same text. */
  async scoreJsonAsync(text, options) {
    const t = inputText(text, 'scoreJsonAsync');
    const signal = abortSignal(options);
    if (externalStrings) return callAsync(() => this.#native.scoreJsonAsync(t, signal));
    return utf8(await callAsync(() => this.#native.scoreJsonUtf8Async(t, signal)));
  }

  /**
   * One subject's scorecard (its explanation tree), ranked among the input's
   * subjects and with *what it takes* (`next`) computed; `null` when the input has
   * no such subject.
   */
  explain(input, subjectId) {
    const text = submit(input, 'the input', (t) => this.explainJson(t, subjectId));
    return text === null ? null : JSON.parse(text);
  }

  /** `explain` on input JSON text, returning the scorecard's canonical JSON text or `null`. */
  explainJson(text, subjectId) {
    const t = inputText(text, 'explainJson');
    const out = call(() => this.#native.explainJson(t, String(subjectId)));
    return out === undefined ? null : out;
  }

  /**
   * A what-if session for one subject (a subject object of the input format, or its
   * JSON text): change actuals with `set` and re-score at once with `score` or
   * `preview`. Error paths point into the subject object.
   */
  whatIf(subject) {
    return newWhatIf(submit(subject, 'the subject', (t) => call(() => native.NativeWhatIf.create(this.#native, t))));
  }
}

/** The JSON Schema of a plan document. */
function planSchema() {
  return JSON.parse(call(() => native.planSchemaJson()));
}

/**
 * A run: plans + roster + facts + period → scorecards for every person and team, and
 * a ledger of every fact row (FORMAT.md "Run result"). The document is an object or
 * JSON text: `{plans, roster, facts: {format: "csv" | "jsonl", text}, period, as_of?,
 * targets?, team_targets?, actuals?}`. Throws `AttainError` (kind "plan" or "input").
 */
function run(document) {
  return JSON.parse(submit(document, 'the run document', runJson));
}

/** A run document's JSON text → the canonical run result text. */
function runJson(text) {
  const t = inputText(text, 'runJson');
  if (externalStrings) return call(() => native.runJson(t));
  return utf8(call(() => native.runJsonUtf8(t)));
}

/** `runJson` as a Buffer of UTF-8 bytes (see `plan.scoreJsonBuffer`). */
function runJsonBuffer(text) {
  const t = inputTextOrBytes(text, 'runJsonBuffer');
  return buffer(call(() => native.runJsonUtf8(t)));
}

/** `runJsonBuffer` on the libuv thread pool (`options.signal` as in `scoreAsync`). */
async function runJsonBufferAsync(text, options) {
  const t = inputTextOrBytes(text, 'runJsonBufferAsync');
  const signal = abortSignal(options);
  return buffer(await callAsync(() => native.runJsonUtf8Async(t, signal)));
}

/** `run` on the libuv thread pool; the same result (`options.signal` as in `scoreAsync`). */
async function runAsync(document, options) {
  return JSON.parse(await submitAsync(document, 'the run document', (t) => runJsonAsync(t, options)));
}

/** `runJson` on the libuv thread pool; resolves to the same text. */
async function runJsonAsync(text, options) {
  const t = inputText(text, 'runJsonAsync');
  const signal = abortSignal(options);
  if (externalStrings) return callAsync(() => native.runJsonAsync(t, signal));
  return utf8(await callAsync(() => native.runJsonUtf8Async(t, signal)));
}

exports.AttainError = AttainError;
exports.Plan = Plan;
exports.WhatIf = WhatIf;
exports.planSchema = planSchema;
exports.run = run;
exports.runJson = runJson;
exports.runAsync = runAsync;
exports.runJsonAsync = runJsonAsync;
exports.runJsonBuffer = runJsonBuffer;
exports.runJsonBufferAsync = runJsonBufferAsync;

// Test hooks, not API (and not in index.d.ts): a panic inside the addon, caught as
// every call into the core is, so that the test suite can check what a bug in attain
// becomes (an AttainError of kind "internal", nothing on stderr, the process alive).
Object.defineProperty(exports, '__provokePanic', {
  value: () => call(() => native.__provokePanic()),
  enumerable: false,
});
Object.defineProperty(exports, '__provokePanicAsync', {
  value: () => callAsync(() => native.__provokePanicAsync()),
  enumerable: false,
});
