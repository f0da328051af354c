// Shared by the tests: paths, the engine (web build, instantiated from its bytes), and
// a reader of JSON value spans, so that corpus plans and inputs reach the engine as the
// exact text of the case file (never re-serialised from JS numbers).

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { init } from '../js/index.js';

export const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export const wasmPath = here('../pkg/attain_wasm_bg.wasm');
export const corpusDir = here('../../conformance/');

export async function engine() {
  await init(readFileSync(wasmPath));
  return import('../js/index.js');
}

export function demoPlanText() {
  return readFileSync(here('../demo/data/plan.json'), 'utf8');
}

export function demoSubject() {
  return JSON.parse(readFileSync(here('../demo/data/actuals.json'), 'utf8')).subjects[0];
}

/** The corpus files of one folder (`cases` or `invalid`), sorted: `{ name, text }`. */
export function corpus(folder) {
  let names = [];
  try {
    names = readdirSync(corpusDir + folder).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().map((name) => ({ name, text: readFileSync(`${corpusDir}${folder}/${name}`, 'utf8') }));
}

/**
 * Spans of a JSON document's values: `{ start, end, keys?: Map<string, node>, items?: node[] }`
 * (`text.slice(start, end)` is the value's own text). Assumes valid JSON.
 */
export function spans(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const string = () => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const value = () => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      const keys = new Map();
      i++;
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          const key = string();
          ws();
          i++; // :
          keys.set(key, value());
          ws();
          if (text[i++] === '}') break;
        }
      }
      return { start, end: i, keys };
    }
    if (c === '[') {
      const items = [];
      i++;
      ws();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          items.push(value());
          ws();
          if (text[i++] === ']') break;
        }
      }
      return { start, end: i, items };
    }
    if (c === '"') {
      string();
      return { start, end: i };
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
    return { start, end: i };
  };
  return value();
}

/** The text of member `key` of the top-level object, or undefined. */
export function member(text, root, key) {
  const node = root.keys?.get(key);
  return node === undefined ? undefined : text.slice(node.start, node.end);
}
