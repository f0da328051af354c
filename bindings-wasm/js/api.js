// attain for JavaScript: the public API over the raw wasm-bindgen exports.
//
// Conversions and error mapping only; every rule lives in the Rust core. Inputs are
// sent to the engine as JSON text and results come back as canonical JSON text, so a
// decimal never passes through a JS number: decimals are strings ("12.50"), and a JS
// number given where the engine reads decimals is refused (it has already lost
// exactness before attain could see it).

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

function summary(problems) {
  const shown = problems.slice(0, 3).map((p) => `${p.path || '/'}: ${p.code}: ${p.message}`);
  if (problems.length > 3) shown.push(`and ${problems.length - 3} more`);
  return shown.join('; ');
}

/**
 * A refused plan or input, with every problem found: `kind` is "plan" or "input",
 * `problems` lists `{path, code, message}` (path: a JSON pointer into the document
 * that was read), and `code` / `path` are those of the first problem.
 */
export class AttainError extends Error {
  constructor(kind, problems) {
    const list = Array.isArray(problems) ? problems.map((p) => ({ path: String(p.path), code: String(p.code), message: String(p.message) })) : [];
    super(`invalid ${kind}: ${summary(list)}`);
    this.name = 'AttainError';
    this.kind = kind;
    this.problems = list;
    this.code = list.length > 0 ? list[0].code : 'invalid_value';
    this.path = list.length > 0 ? list[0].path : '';
  }

  /** The shared error document: `{"error": kind, "problems": [...]}`. */
  toJSON() {
    return { error: this.kind, problems: this.problems };
  }
}

// The raw layer throws a JS Error whose message is the error document's JSON text.
function translate(e) {
  if (e instanceof Error && typeof e.message === 'string' && e.message.startsWith('{"error":')) {
    try {
      const doc = JSON.parse(e.message);
      return new AttainError(doc.error, doc.problems);
    } catch {
      // not ours: fall through
    }
  }
  return e;
}

function call(f) {
  try {
    return f();
  } catch (e) {
    throw translate(e);
  }
}

function pointer(parent, key) {
  return `${parent}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function numberProblem(path, value) {
  return {
    path,
    code: 'wrong_type',
    message: `${String(value)} is a JS number, which has already lost exactness; give decimals as strings ("12.5")`,
  };
}

// JSON text of an input value, refusing JS numbers anywhere (the input format has no
// field that takes one: decimals are strings). BigInts are exact and become strings.
function toInputJson(value, what) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AttainError('input', [{ path: '', code: 'wrong_type', message: `${what} must be an object` }]);
  }
  const problems = [];
  const walk = (v, path) => {
    if (typeof v === 'number') {
      problems.push(numberProblem(path, v));
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${path}/${i}`));
    } else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) walk(v[key], pointer(path, key));
    }
  };
  walk(value, '');
  if (problems.length > 0) throw new AttainError('input', problems);
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
}

function planText(text) {
  if (typeof text !== 'string') {
    throw new AttainError('plan', [{ path: '', code: 'wrong_type', message: 'a plan is given as JSON text (a string)' }]);
  }
  return text;
}

function inputText(text) {
  if (typeof text !== 'string') {
    throw new AttainError('input', [{ path: '', code: 'wrong_type', message: 'scoreJson takes the input as JSON text (a string)' }]);
  }
  return text;
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

  /** Score an input object (FORMAT.md "Input"); returns the result document. */
  score(input) {
    return JSON.parse(this.scoreJson(toInputJson(input, 'the input')));
  }

  /** Input JSON text → canonical result JSON text (the bytes every binding gives). */
  scoreJson(text) {
    const t = inputText(text);
    return call(() => this.#raw.scoreJson(t));
  }

  /**
   * One subject's scorecard from an input object, ranked among the input's subjects
   * and with *what it takes* (`next`) computed; `null` when the input has no such subject.
   */
  explain(input, subjectId) {
    const text = this.explainJson(toInputJson(input, 'the input'), subjectId);
    return text === null ? null : JSON.parse(text);
  }

  /** `explain` on input JSON text, returning the scorecard's canonical JSON text or `null`. */
  explainJson(text, subjectId) {
    const t = inputText(text);
    const out = call(() => this.#raw.explainJson(t, String(subjectId)));
    return out === undefined ? null : out;
  }

  /** A what-if session for one subject (a subject object of the input format). */
  whatIf(subject) {
    const text = toInputJson(subject, 'the subject');
    return new WhatIf(call(() => this.#raw.whatIf(text)));
  }

  /** Release the plan's memory now rather than when it is garbage-collected. */
  free() {
    this.#raw.free();
  }
}

/**
 * One subject whose actuals change while the plan stays: `set` an actual, then
 * `score()` returns the subject's scorecard (no rank) with `next` on every indicator,
 * and `preview()` the smaller document a live view redraws from.
 */
export class WhatIf {
  #raw;

  /** @internal Made by `plan.whatIf(subject)`. */
  constructor(rawSession) {
    this.#raw = rawSession;
  }

  /** Set an indicator's actual (decimal text such as "215"), or clear it with `null`. */
  set(indicatorId, value) {
    let text;
    if (value === null || value === undefined) {
      text = undefined;
    } else if (typeof value === 'string') {
      text = value;
    } else if (typeof value === 'bigint') {
      text = value.toString();
    } else {
      const path = pointer('/actuals', indicatorId);
      throw new AttainError('input', [
        typeof value === 'number'
          ? numberProblem(path, value)
          : { path, code: 'wrong_type', message: `expected decimal text such as "12.5", found ${typeof value}` },
      ]);
    }
    call(() => this.#raw.set(String(indicatorId), text));
    return this;
  }

  /** The current actual of an indicator as decimal text, or `null` (no data). */
  actual(indicatorId) {
    const out = call(() => this.#raw.actual(String(indicatorId)));
    return out === undefined ? null : out;
  }

  /** The subject's scorecard now. */
  score() {
    return JSON.parse(this.#raw.scoreJson());
  }

  /** The subject's scorecard now, as canonical JSON text. */
  scoreJson() {
    return this.#raw.scoreJson();
  }

  /**
   * The what-if preview now: what a live view redraws as a slider moves (total,
   * rating, payout, and per group and indicator its figures with `next`), the same
   * text as in `score()` for every figure, in about half the JSON. The fast path.
   */
  preview() {
    return JSON.parse(this.#raw.previewJson());
  }

  /** The preview as JSON text. */
  previewJson() {
    return this.#raw.previewJson();
  }

  /** Release the session's memory now rather than when it is garbage-collected. */
  free() {
    this.#raw.free();
  }
}

if (dispose !== null) {
  Plan.prototype[dispose] = Plan.prototype.free;
  WhatIf.prototype[dispose] = WhatIf.prototype.free;
}
