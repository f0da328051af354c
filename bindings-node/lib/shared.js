// GENERATED from bindings-js/src/attain.js by `node bindings-js/sync.mjs`: do not edit here.
'use strict';
// The JS layer both JavaScript bindings share (attain-node over napi-rs, attain-wasm
// over wasm-bindgen): the `AttainError` class, the input walker that turns input
// objects into JSON text, the coercion of decimal values, and the `WhatIf` session.
//
// One source: `node bindings-js/sync.mjs` copies this file into
// bindings-node/lib/shared.js (CommonJS: the final `export { ... }` becomes
// `module.exports = { ... }`) and bindings-wasm/js/shared.js (an ES module, as is),
// and each package's test suite fails when a copy has drifted. No imports: the
// native or wasm object a session wraps is given to it (`newWhatIf(raw)`), so the
// same text runs in Node and in a browser.
//
// Conversions and error mapping only; every rule lives in the Rust core. Inputs go to
// the engine as JSON text and results come back as canonical JSON text, so a decimal
// never passes through a JS number: decimals are strings ("12.50"), and a JS number
// given where the engine reads decimals is refused (it has already lost exactness
// before attain could see it).

// ---------------------------------------------------------------- errors

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
class AttainError extends Error {
  constructor(kind, problems) {
    const list = Array.isArray(problems)
      ? problems.map((p) => ({ path: String(p.path), code: String(p.code), message: String(p.message) }))
      : [];
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

// The error a native call threw, as an AttainError when it is a refusal. The two
// native layers throw refusals in two shapes: the napi addon an Error named
// AttainError that carries `kind` and `problems`; the wasm-bindgen layer an Error
// whose message is the error document's JSON text. Anything else is left as it is.
function translate(e) {
  if (!(e instanceof Error) || e instanceof AttainError) return e;
  if (e.name === 'AttainError' && Array.isArray(e.problems)) {
    return new AttainError(e.kind, e.problems);
  }
  if (typeof e.message === 'string' && e.message.startsWith('{"error":')) {
    try {
      const doc = JSON.parse(e.message);
      if (Array.isArray(doc.problems)) return new AttainError(doc.error, doc.problems);
    } catch {
      // not an error document: fall through
    }
  }
  return e;
}

/** Runs a native call, throwing its refusal as an AttainError. */
function call(f) {
  try {
    return f();
  } catch (e) {
    throw translate(e);
  }
}

/** `call` for an async native call: awaits its promise. */
async function callAsync(f) {
  try {
    return await f();
  } catch (e) {
    throw translate(e);
  }
}

// ---------------------------------------------------------------- values

/** `parent` + `/key` as a JSON pointer (`~` and `/` escaped). */
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

/**
 * The decimal text of one value given for a decimal (`whatIf.set`), or null to
 * clear it. The same rule as the input walker:
 *   - a string is the text (the engine reads it, or refuses it with its code);
 *   - a BigInt is exact: its digits;
 *   - an object with `toJSON` (decimal.js, big.js, Prisma's Decimal) is what its
 *     `toJSON()` gives, which must be text or a BigInt;
 *   - null and undefined clear the value (no data);
 *   - anything else is refused (`wrong_type`), a JS number too: it is a binary float
 *     and may already have lost digits.
 */
function decimalText(value, path) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && typeof value.toJSON === 'function') {
    const json = value.toJSON();
    if (typeof json === 'string') return json;
    if (typeof json === 'bigint') return json.toString();
    throw new AttainError('input', [
      typeof json === 'number'
        ? numberProblem(path, json)
        : { path, code: 'wrong_type', message: `toJSON() gave ${describe(json)}; expected decimal text such as "12.5"` },
    ]);
  }
  throw new AttainError('input', [
    typeof value === 'number'
      ? numberProblem(path, value)
      : { path, code: 'wrong_type', message: `expected decimal text such as "12.5", found ${describe(value)}` },
  ]);
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// How deep the walk goes: an input is 4 levels deep (/subjects/0/actuals/calls), a run
// document's plans about 12 (/plans/0/indicators/1/measure/numerator/where/0/value).
// Below this depth values are left to JSON.stringify and the engine, which refuses
// what its formats do not hold (an object where a decimal is read: `not_a_number`;
// nesting deeper than its JSON reader takes: `invalid_json`).
const MAX_WALK_DEPTH = 16;

/**
 * JSON text of an input object (or the JSON text itself when given a string),
 * refusing JS numbers anywhere: the input format has no field that takes one
 * (decimals are strings). BigInts are exact and become strings; an object with
 * `toJSON` (a Decimal library, Date) is what its `toJSON()` gives, as in
 * JSON.stringify: its internals are never walked; functions and symbols are refused,
 * and so is an object that contains itself (JSON.stringify would throw a TypeError).
 */
function toInputJson(value, what) {
  return toJson(value, what, 'input', () => false);
}

/**
 * JSON text of a run document. Its plans may hold integer fields (`rounding.scale`,
 * `fiscal_year_start`) and integer decimals (weights): a safe integer is exact, so JS
 * numbers that are safe integers pass under /plans; any other JS number is refused.
 */
function toRunJson(value) {
  return toJson(value, 'the run document', 'input', (here, v) => Number.isSafeInteger(v) && here().startsWith('/plans/'));
}

function toJson(value, what, kind, numberAllowed) {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AttainError(kind, [{ path: '', code: 'wrong_type', message: `${what} must be an object or JSON text` }]);
  }
  const problems = [];
  const keys = []; // the path of the value being looked at, made into a pointer only when needed
  const here = () => keys.reduce((path, key) => pointer(path, key), '');
  const open = new Set(); // the objects being walked: the ancestors of the value looked at
  let bigints = false;
  // `converted`: v is what a toJSON() gave (JSON.stringify does not call toJSON on it again).
  const walk = (v, converted) => {
    switch (typeof v) {
      case 'number':
        if (!numberAllowed(here, v)) problems.push(numberProblem(here(), v));
        return;
      case 'bigint':
        bigints = true;
        return;
      case 'function':
      case 'symbol':
        // JSON.stringify would drop the member (or write null in an array) and
        // the engine would read a value that was never given.
        problems.push({ path: here(), code: 'wrong_type', message: `a ${typeof v} is not a JSON value` });
        return;
      case 'object':
        if (v === null || keys.length >= MAX_WALK_DEPTH) return;
        if (!converted && typeof v.toJSON === 'function') {
          walk(v.toJSON(keys.length === 0 ? '' : String(keys[keys.length - 1])), true);
          return;
        }
        if (open.has(v)) {
          problems.push({ path: here(), code: 'wrong_type', message: 'an object that contains itself is not JSON' });
          return;
        }
        open.add(v);
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            keys.push(i);
            walk(v[i], false);
            keys.pop();
          }
        } else {
          for (const key in v) {
            if (!Object.hasOwn(v, key)) continue;
            keys.push(key);
            walk(v[key], false);
            keys.pop();
          }
        }
        open.delete(v);
        return;
      default:
        return;
    }
  };
  walk(value, false);
  if (problems.length > 0) throw new AttainError(kind, problems);
  return bigints ? JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)) : JSON.stringify(value);
}

/** A plan's JSON text, or a refusal when it is not a string. */
function planText(text) {
  if (typeof text !== 'string') {
    throw new AttainError('plan', [{ path: '', code: 'wrong_type', message: 'a plan is given as JSON text (a string)' }]);
  }
  return text;
}

/** An input's JSON text for a `…Json` method (`what`: its name), or a refusal. */
function inputText(text, what) {
  if (typeof text !== 'string') {
    throw new AttainError('input', [
      { path: '', code: 'wrong_type', message: `${what} takes the input as JSON text (a string)` },
    ]);
  }
  return text;
}

// ---------------------------------------------------------------- what-if

const whatIfToken = Symbol('attain.WhatIf');

/**
 * One subject whose actuals change while the plan stays (made by `plan.whatIf`): `set`
 * an actual, then `score()` returns the subject's scorecard (no rank) with `next` on
 * every indicator, and `preview()` the smaller document a live view redraws from.
 */
class WhatIf {
  #raw;

  /** @internal Made by `plan.whatIf(subject)`. */
  constructor(rawSession, key) {
    if (key !== whatIfToken) throw new TypeError('make a WhatIf with plan.whatIf(subject)');
    this.#raw = rawSession;
  }

  /**
   * Set an indicator's actual (decimal text such as "215", a BigInt, or an object
   * whose `toJSON()` gives the text), or clear it with `null`; a refused value
   * changes nothing. Returns this session.
   */
  set(indicatorId, value) {
    const text = decimalText(value, pointer('/actuals', indicatorId));
    call(() => this.#raw.set(String(indicatorId), text));
    return this;
  }

  /** The current actual of an indicator as decimal text, or `null` (no data). */
  actual(indicatorId) {
    const out = call(() => this.#raw.actual(String(indicatorId)));
    return out === undefined ? null : out;
  }

  /** The subject's scorecard now (no rank; *what it takes* on). */
  score() {
    return JSON.parse(this.scoreJson());
  }

  /** The scorecard now, as canonical JSON text. */
  scoreJson() {
    return call(() => this.#raw.scoreJson());
  }

  /** The what-if preview now (FORMAT.md "Preview"): the figures a live view redraws. */
  preview() {
    return JSON.parse(this.previewJson());
  }

  /** The preview as JSON text. */
  previewJson() {
    return call(() => this.#raw.previewJson());
  }

  /**
   * Release the session's memory now rather than when it is garbage-collected (the
   * wasm build, whose memory the JS collector does not see; in Node the addon's
   * object is freed with the session, and this does nothing).
   */
  free() {
    const raw = this.#raw;
    if (typeof raw.free === 'function') raw.free();
  }
}

if (typeof Symbol.dispose === 'symbol') WhatIf.prototype[Symbol.dispose] = WhatIf.prototype.free;

/** A session over a native one (`NativeWhatIf` / `RawWhatIf`). */
function newWhatIf(rawSession) {
  return new WhatIf(rawSession, whatIfToken);
}

module.exports = {
  AttainError,
  WhatIf,
  call,
  callAsync,
  decimalText,
  inputText,
  newWhatIf,
  planText,
  pointer,
  toInputJson,
  toRunJson,
  translate,
};
