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
// the engine as JSON text and results come back as canonical JSON text, so a result's
// decimal never passes through a JS number: decimals are strings ("12.50"). A JS
// number given is read from its shortest round-trip text (`String(x)`: 212 is "212",
// 12.5 is "12.5"), the digits it was written with, as attain-python reads a float.

// ---------------------------------------------------------------- errors

function summary(problems) {
  const shown = problems.slice(0, 3).map((p) => `${p.path || '/'}: ${p.code}: ${p.message}`);
  if (problems.length > 3) shown.push(`and ${problems.length - 3} more`);
  return shown.join('; ');
}

/**
 * A refused plan or input, with every problem found: `kind` is "plan" or "input",
 * `problems` lists `{path, code, message}` (path: a JSON pointer into the document
 * that was read), and `code` / `path` are those of the first problem. A failure
 * inside attain itself (a bug, or the WebAssembly module out of memory) is kind
 * "internal" with one problem, code "internal" at path "".
 */
class AttainError extends Error {
  constructor(kind, problems) {
    const list = Array.isArray(problems)
      ? problems.map((p) => ({ path: String(p.path), code: String(p.code), message: String(p.message) }))
      : [];
    super(kind === 'internal' && list.length > 0 ? list[0].message : `invalid ${kind}: ${summary(list)}`);
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

/** An internal failure (`kind` and `code` "internal", path ""): `detail` says what happened. */
function internalError(detail) {
  return new AttainError('internal', [
    { path: '', code: 'internal', message: `internal error in attain (please report it): ${detail}` },
  ]);
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

/** The keys of a JSON pointer (`~1` and `~0` unescaped). */
function keysOf(path) {
  return path === '' ? [] : path.slice(1).split('/').map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * The decimal text of one value given for a decimal (`whatIf.set`), or null to
 * clear it. The same rule as the input walker:
 *   - a string is the text (the engine reads it, or refuses it with its code);
 *   - a JS number is its shortest round-trip text, `String(x)` (212 → "212",
 *     12.5 → "12.5"; NaN and ±Infinity are refused by the engine: `not_finite`);
 *   - a BigInt is exact: its digits;
 *   - an object with `toJSON` (decimal.js, big.js, Prisma's Decimal) is what its
 *     `toJSON()` gives, which must be text, a number or a BigInt;
 *   - null and undefined clear the value (no data);
 *   - anything else is refused (`wrong_type`).
 */
function decimalText(value, path) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'object' && typeof value.toJSON === 'function') {
    const json = value.toJSON();
    if (typeof json === 'string') return json;
    if (typeof json === 'number' || typeof json === 'bigint') return String(json);
    throw new AttainError('input', [
      { path, code: 'wrong_type', message: `toJSON() gave ${describe(json)}; expected decimal text such as "12.5"` },
    ]);
  }
  throw new AttainError('input', [
    { path, code: 'wrong_type', message: `expected decimal text such as "12.5", found ${describe(value)}` },
  ]);
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// The engine's JSON reader takes 127 levels of nesting (attain::limits::MAX_JSON_DEPTH);
// the walk refuses a deeper object where it begins, so that neither it nor
// JSON.stringify recurses without bound.
const MAX_JSON_DEPTH = 127;

/**
 * The JSON text of an input object or a run document (or the JSON text itself when
 * given a string), as JSON.stringify writes it, after a walk that refuses what JSON
 * cannot hold or would silently change: a function or symbol (`wrong_type`:
 * JSON.stringify drops it, and the engine would read no data), NaN and ±Infinity
 * (`not_finite`: JSON.stringify writes null), an object that contains itself
 * (`wrong_type`, where it recurs) and nesting deeper than 127 levels
 * (`invalid_json`, where it goes past). JS numbers are written as their shortest
 * round-trip text, which the engine reads exactly; BigInts are exact and become
 * strings; an object with `toJSON` (a Decimal library, Date) is what its `toJSON()`
 * gives, as in JSON.stringify: its internals are never walked.
 *
 * Returns `{kind, value, text, problems}`: with problems, `text` has null where each
 * refused value was (the engine then reads the rest: `submit`), or is undefined when
 * it cannot be written.
 */
function prepare(value, what, kind) {
  if (typeof value === 'string') return { kind, value, text: value, problems: [] };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AttainError(kind, [{ path: '', code: 'wrong_type', message: `${what} must be an object or JSON text` }]);
  }
  const problems = [];
  const keys = []; // the path of the value being looked at, made into a pointer only when needed
  const here = () => keys.reduce((path, key) => pointer(path, key), '');
  const open = new Set(); // the objects being walked: the ancestors of the value looked at
  const refused = new Map(); // holder → the keys of its refused members (written as null)
  let bigints = false;
  const refuse = (holder, code, message) => {
    problems.push({ path: here(), code, message });
    const key = String(keys[keys.length - 1]);
    const set = refused.get(holder);
    if (set === undefined) refused.set(holder, new Set([key]));
    else set.add(key);
  };
  // `converted`: v is what a toJSON() gave (JSON.stringify does not call toJSON on it again).
  const walk = (v, holder, converted) => {
    switch (typeof v) {
      case 'number':
        if (!Number.isFinite(v)) refuse(holder, 'not_finite', `${String(v)} is not a finite number`);
        return;
      case 'bigint':
        bigints = true;
        return;
      case 'function':
      case 'symbol':
        // JSON.stringify would drop the member (or write null in an array) and
        // the engine would read a value that was never given.
        refuse(holder, 'wrong_type', `a ${typeof v} is not a JSON value`);
        return;
      case 'object':
        if (v === null) return;
        if (!converted && typeof v.toJSON === 'function') {
          walk(v.toJSON(keys.length === 0 ? '' : String(keys[keys.length - 1])), holder, true);
          return;
        }
        if (open.has(v)) {
          refuse(holder, 'wrong_type', 'an object that contains itself is not JSON');
          return;
        }
        if (keys.length >= MAX_JSON_DEPTH) {
          refuse(holder, 'invalid_json', `nested deeper than ${MAX_JSON_DEPTH} levels`);
          return;
        }
        open.add(v);
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            keys.push(i);
            walk(v[i], v, false);
            keys.pop();
          }
        } else {
          for (const key in v) {
            if (!Object.hasOwn(v, key)) continue;
            keys.push(key);
            walk(v[key], v, false);
            keys.pop();
          }
        }
        open.delete(v);
        return;
      default:
        return;
    }
  };
  walk(value, null, false);
  let text;
  try {
    if (problems.length > 0) {
      text = JSON.stringify(value, function (key, v) {
        if (refused.get(this)?.has(key)) return null;
        return typeof v === 'bigint' ? v.toString() : v;
      });
    } else if (bigints) {
      text = JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
    } else {
      text = JSON.stringify(value);
    }
  } catch (e) {
    // A toJSON() that gives another value on the second call: JSON.stringify saw a
    // cycle or a depth the walk did not.
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    if (problems.length === 0) {
      problems.push({ path: '', code: 'wrong_type', message: `${what} cannot be written as JSON: ${e.message}` });
    }
    text = undefined;
  }
  return { kind, value, text, problems };
}

/**
 * Where each of two paths is in `root`'s document order: < 0 when `a` comes first
 * (an ancestor before what it holds, then members in key order).
 */
function documentOrder(root, a, b) {
  const ka = keysOf(a);
  const kb = keysOf(b);
  let v = root;
  for (let i = 0; ; i++) {
    if (i === ka.length || i === kb.length) return ka.length - kb.length;
    if (ka[i] !== kb[i]) {
      if (v === null || typeof v !== 'object') return 0;
      if (Array.isArray(v)) return Number(ka[i]) - Number(kb[i]);
      const names = Object.keys(v);
      const at = (k) => {
        const n = names.indexOf(k);
        return n === -1 ? names.length : n;
      };
      return at(ka[i]) - at(kb[i]);
    }
    v = v !== null && typeof v === 'object' && typeof v.toJSON !== 'function' ? v[ka[i]] : null;
  }
}

/** The walk's problems with the engine's (none at or under a refused value), in document order. */
function merged(prepared, engine) {
  const within = (path, p) => path === p.path || path.startsWith(`${p.path}/`);
  const extra = engine.filter((e) => !prepared.problems.some((p) => within(e.path, p)));
  const all = [...prepared.problems, ...extra];
  return all
    .map((p, i) => ({ p, i }))
    .sort((x, y) => documentOrder(prepared.value, x.p.path, y.p.path) || x.i - y.i)
    .map(({ p }) => p);
}

/** The error for a document whose walk found problems, after the engine's `outcome` of the rest. */
function refusal(prepared, thrown) {
  const engine = thrown instanceof AttainError && thrown.kind === prepared.kind ? thrown.problems : [];
  return new AttainError(prepared.kind, merged(prepared, engine));
}

/**
 * `f(text)` on the JSON text of `value` (an object or JSON text: `prepare`). When the
 * walk refused values, `f` still reads the rest of the document (with null in their
 * place), and one error has every problem of both, in document order; whatever `f`
 * made then is given to `discard`.
 */
function submit(value, what, f, discard) {
  const prepared = prepare(value, what, 'input');
  if (prepared.problems.length === 0) return f(prepared.text);
  let thrown = null;
  if (prepared.text !== undefined) {
    try {
      const made = f(prepared.text);
      if (discard !== undefined) discard(made);
    } catch (e) {
      thrown = translate(e);
      if (thrown instanceof AttainError && thrown.kind === 'internal') throw thrown;
    }
  }
  throw refusal(prepared, thrown);
}

/** `submit` for an async `f`. */
async function submitAsync(value, what, f) {
  const prepared = prepare(value, what, 'input');
  if (prepared.problems.length === 0) return f(prepared.text);
  let thrown = null;
  if (prepared.text !== undefined) {
    try {
      await f(prepared.text);
    } catch (e) {
      thrown = translate(e);
      if (thrown instanceof AttainError && thrown.kind === 'internal') throw thrown;
    }
  }
  throw refusal(prepared, thrown);
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

export {
  AttainError,
  internalError,
  WhatIf,
  call,
  callAsync,
  decimalText,
  inputText,
  newWhatIf,
  planText,
  pointer,
  submit,
  submitAsync,
  translate,
};
