// The table of accepted and refused input values (values.json), run by both
// packages' test suites (bindings-node/test/values.test.mjs,
// bindings-wasm/test/values.test.mjs) against their own `Plan` and `AttainError`, so
// attain-node and attain-wasm accept and refuse exactly the same values.
//
// Each row's value is given four ways, and each way must give the row's outcome:
//   input   plan.score({subjects: [{id, actuals: {x: value}}]}), plan.explain(...)
//           and plan.whatIf({id, actuals: {x: value}}): the input walker
//   set     plan.whatIf({id}).set('x', value): the decimal coercion
// An outcome is `{"actual": text | null}` (accepted; the session's `actual('x')`, and
// the scorecard shows the same value) or `{"code", "path"}` (refused with that
// problem among those found, else the first is shown; `path` is relative to the
// subject, `/subjects/0` is put before it for score and explain; "" is the root of
// the document read, the input or the subject), or `{"code", "path_under"}` (a
// problem with that code at that path or below it).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const table = JSON.parse(readFileSync(fileURLToPath(new URL('./values.json', import.meta.url)), 'utf8'));

/** A decimal.js-like value: its internals `d` (digits), `e`, `s` are own fields, its text comes from `toJSON`. */
class DecimalLike {
  constructor(text) {
    const negative = text.startsWith('-');
    const digits = text.replace(/^-/, '').replace('.', '');
    this.d = [Number(digits.slice(0, 7)), ...(digits.length > 7 ? [Number(digits.slice(7))] : [])];
    this.e = Math.max(0, text.replace(/^-/, '').indexOf('.') === -1 ? digits.length - 1 : text.replace(/^-/, '').indexOf('.') - 1);
    this.s = negative ? -1 : 1;
    Object.defineProperty(this, 'text', { value: text, enumerable: false });
  }

  toJSON() {
    return this.text;
  }

  toString() {
    return this.text;
  }
}

/** The JS value a row describes (see values.json "values"). */
export function build(desc) {
  const [[tag, arg]] = Object.entries(desc);
  switch (tag) {
    case 'string':
      return arg;
    case 'number':
      return Number(arg);
    case 'bigint':
      return BigInt(arg);
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'boolean':
      return arg;
    case 'decimal':
      return new DecimalLike(arg);
    case 'toJSON': {
      const inner = build(arg);
      return { toJSON: () => inner };
    }
    case 'date':
      return new Date(arg);
    case 'array':
      return arg.map(build);
    case 'object':
      return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, build(v)]));
    case 'nested': {
      let v = build(desc.leaf);
      for (let i = 0; i < arg; i++) v = { a: v };
      return v;
    }
    case 'cycle': {
      const v = { a: build(arg) };
      v.self = v;
      return v;
    }
    case 'function':
      return () => arg;
    case 'symbol':
      return Symbol(arg);
    default:
      throw new Error(`values.json: unknown value tag ${tag}`);
  }
}

/**
 * The outcome of `f` in the table's terms, `prefix` taken off a refusal's paths: the
 * problem `want` names when it is among those found (`{code, path}`, or `{code,
 * path_under}`: at that path or below), else the first.
 */
function outcome(AttainError, f, prefix, want) {
  try {
    return { actual: f() };
  } catch (e) {
    if (!(e instanceof AttainError)) return { threw: `${e?.name}: ${e?.message}` };
    // "" is the root of the document that was read (the input, or the subject object).
    const relative = (path) => (path === '' || !path.startsWith(prefix) ? path : path.slice(prefix.length));
    const problems = e.problems.map((p) => ({ code: p.code, path: relative(p.path) }));
    const found = problems.find(
      (p) =>
        p.code === want.code &&
        (want.path_under === undefined ? p.path === want.path : p.path.startsWith(`${want.path_under}/`)),
    );
    if (found !== undefined) return want.path_under === undefined ? found : { code: found.code, path_under: want.path_under };
    return problems[0];
  }
}

/** The indicator node `x` of a scorecard (the table's plan has one indicator). */
function nodeActual(card) {
  return card.tree.children[0].actual;
}

/**
 * Every way of giving a row's value, with its outcome: `[{ form, got }]`. `Plan` and
 * `AttainError` are the package's.
 */
export function outcomes({ Plan, AttainError }, row) {
  const plan = Plan.fromJson(JSON.stringify(table.plan));
  const value = () => build(row.value);
  const subject = () => ({ id: 'a', actuals: { x: value() } });
  // The session's actual, and the scorecard's figure for it must be the same value.
  const fromSession = (session) => {
    const actual = session.actual('x');
    const shown = nodeActual(session.score());
    const again = plan.whatIf({ id: 'a', actuals: { x: actual } });
    if (shown !== nodeActual(again.score())) throw new Error(`the scorecard shows ${shown} for actual ${actual}`);
    return actual;
  };
  return [
    {
      form: 'input: plan.whatIf(subject)',
      got: outcome(AttainError, () => fromSession(plan.whatIf(subject())), '', row.input),
    },
    {
      form: 'input: plan.score(input)',
      got: outcome(
        AttainError,
        () => {
          const card = plan.score({ subjects: [subject()] }).subjects[0];
          const session = plan.whatIf(subject());
          if (nodeActual(card) !== nodeActual(session.score())) throw new Error('score and whatIf differ');
          return session.actual('x');
        },
        '/subjects/0',
        row.input,
      ),
    },
    {
      form: 'input: plan.explain(input)',
      got: outcome(
        AttainError,
        () => {
          const card = plan.explain({ subjects: [subject()] }, 'a');
          const session = plan.whatIf(subject());
          if (nodeActual(card) !== nodeActual(session.score())) throw new Error('explain and whatIf differ');
          return session.actual('x');
        },
        '/subjects/0',
        row.input,
      ),
    },
    {
      form: 'set: session.set(x, value)',
      got: outcome(
        AttainError,
        () => {
          const session = plan.whatIf({ id: 'a', actuals: { x: '1' } });
          session.set('x', value());
          return fromSession(session);
        },
        '',
        row.set,
      ),
    },
  ];
}

/** What a row expects of a form: its `set` outcome for set, else its `input` outcome. */
export function expected(row, form) {
  return form.startsWith('set') ? row.set : row.input;
}
