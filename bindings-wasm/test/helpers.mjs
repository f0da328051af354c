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

/**
 * The module's bytes with its memory's maximum set to `pages` (64 KiB each), so that a
 * test can run it out of memory with an input of a few megabytes (the built module has
 * no maximum: 4 GiB). Rewrites the memory section (id 5) of the binary.
 */
export function withMaximumMemory(bytes, pages) {
  const leb = (n) => {
    const out = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n !== 0) b |= 0x80;
      out.push(b);
    } while (n !== 0);
    return out;
  };
  const readLeb = (at) => {
    let n = 0;
    let shift = 0;
    let i = at;
    for (;;) {
      const b = bytes[i++];
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return [n, i];
    }
  };
  let i = 8; // magic and version
  while (i < bytes.length) {
    const id = bytes[i];
    const [size, body] = readLeb(i + 1);
    if (id === 5) {
      const [count, at] = readLeb(body);
      if (count !== 1 || bytes[at] > 1) throw new Error('withMaximumMemory: one plain 32-bit memory expected');
      const [min] = readLeb(at + 1);
      const content = [...leb(1), 1, ...leb(min), ...leb(pages)];
      const section = Uint8Array.from([5, ...leb(content.length), ...content]);
      const out = new Uint8Array(i + section.length + (bytes.length - (body + size)));
      out.set(bytes.subarray(0, i), 0);
      out.set(section, i);
      out.set(bytes.subarray(body + size), i + section.length);
      return out;
    }
    i = body + size;
  }
  throw new Error('withMaximumMemory: no memory section (the memory is imported?)');
}
