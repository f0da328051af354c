// The shared conformance corpus (../../conformance), read so that every number
// reaches the engine with the exact text the file has: a plan or input is cut out of
// the case file as raw JSON text, never re-serialised from JS numbers.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const corpusRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'conformance');

/** The end (exclusive) of the JSON value that starts at `i` (after whitespace). */
function valueEnd(text, i) {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (depth === 0) return i + 1;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && /[-0-9a-zA-Z.+]/.test(c)) {
      let j = i;
      while (j < text.length && /[-0-9a-zA-Z.+]/.test(text[j])) j++;
      return j;
    }
  }
  throw new Error('unterminated JSON value');
}

function skipSpace(text, i) {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** The members of a JSON object as raw text: `{key: text}`. */
export function rawMembers(text) {
  const out = {};
  let i = skipSpace(text, 0);
  if (text[i] !== '{') throw new Error('not an object');
  i = skipSpace(text, i + 1);
  while (text[i] !== '}') {
    const keyEnd = valueEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd));
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') throw new Error('expected :');
    const start = skipSpace(text, i + 1);
    const end = valueEnd(text, start);
    out[key] = text.slice(start, end);
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return out;
}

/** The elements of a JSON array as raw text. */
export function rawElements(text) {
  const out = [];
  let i = skipSpace(text, 0);
  if (text[i] !== '[') throw new Error('not an array');
  i = skipSpace(text, i + 1);
  while (text[i] !== ']') {
    const end = valueEnd(text, i);
    out.push(text.slice(i, end));
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return out;
}

/** The input text with its subjects in reverse order (other members kept). */
export function reversedInput(inputText) {
  const members = rawMembers(inputText);
  if (members.subjects === undefined || !members.subjects.trimStart().startsWith('[')) return null;
  members.subjects = `[${rawElements(members.subjects).reverse().join(',')}]`;
  return `{${Object.entries(members)
    .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
    .join(',')}}`;
}

/** Every case of one corpus folder: `{name, doc, raw}` (doc parsed, raw = members as text). */
export function cases(folder) {
  let names;
  try {
    names = readdirSync(join(corpusRoot, folder)).filter((n) => n.endsWith('.json'));
  } catch {
    names = [];
  }
  return names.sort().map((name) => {
    const text = readFileSync(join(corpusRoot, folder, name), 'utf8');
    return { name, doc: JSON.parse(text), raw: rawMembers(text) };
  });
}

/** The keys of a run corpus file that are the test's, not the run document's (the
 * file's `description` is the document's own free text). */
export const CASE_KEYS = ['derivation', 'expected', 'expected_error'];

/** The run document of a run corpus file, as text: its members (raw text, see
 * `cases`) but the test's own keys, numbers exactly as written. */
export function runDocumentText(raw) {
  return `{${Object.entries(raw)
    .filter(([k]) => !CASE_KEYS.includes(k))
    .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
    .join(',')}}`;
}

/** Asserts two texts are equal; on a difference, shows only where they first differ. */
export function assertSameText(got, want, label = 'text') {
  if (got === want) return;
  let i = 0;
  while (i < got.length && i < want.length && got[i] === want[i]) i++;
  const from = Math.max(0, i - 60);
  throw new Error(
    `${label} differs at character ${i} (lengths ${got.length} and ${want.length}):\n` +
      `  expected …${want.slice(from, i + 80)}…\n` +
      `  got      …${got.slice(from, i + 80)}…`,
  );
}
