// Copies the shared JS layer into the two JavaScript packages, so that each one is
// whole when packed (`npm pack`) and installed, without symlinks:
//
//   src/attain.js   → bindings-node/lib/shared.js  (CommonJS)
//                   → bindings-wasm/js/shared.js   (ES module)
//   src/format.d.ts → bindings-node/lib/format.d.ts
//                   → bindings-wasm/js/format.d.ts
//
//   node bindings-js/sync.mjs           write the copies
//   node bindings-js/sync.mjs --check   exit 1 when a copy differs (each package's
//                                       test suite runs `drift()` too)
//
// The copies are committed; edit src/ and run this, never the copies.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const header = (source) =>
  `// GENERATED from bindings-js/${source} by \`node bindings-js/sync.mjs\`: do not edit here.\n`;

/** `export { a, b };` at the end of the ES module → `module.exports = { a, b };`. */
function commonJs(text) {
  const exportList = /\nexport \{([^}]*)\};\n$/;
  if (!exportList.test(text)) throw new Error('bindings-js/src/attain.js must end with one `export { ... };`');
  if (/^\s*(import|export)\b/m.test(text.replace(exportList, '\n'))) {
    throw new Error('bindings-js/src/attain.js may have no import or export but its final `export { ... };`');
  }
  return `'use strict';\n${text.replace(exportList, (_m, names) => `\nmodule.exports = {${names}};\n`)}`;
}

/** Every copy: `{ path, text }` (path relative to the repository root). */
export function copies() {
  const js = readFileSync(here('./src/attain.js'), 'utf8');
  const types = readFileSync(here('./src/format.d.ts'), 'utf8');
  return [
    { path: 'bindings-node/lib/shared.js', text: header('src/attain.js') + commonJs(js) },
    { path: 'bindings-wasm/js/shared.js', text: header('src/attain.js') + js },
    { path: 'bindings-node/lib/format.d.ts', text: header('src/format.d.ts') + types },
    { path: 'bindings-wasm/js/format.d.ts', text: header('src/format.d.ts') + types },
  ];
}

/** The copies that differ from what `sync.mjs` would write now (paths). */
export function drift() {
  return copies()
    .filter(({ path, text }) => {
      try {
        return readFileSync(here(`../${path}`), 'utf8') !== text;
      } catch {
        return true;
      }
    })
    .map(({ path }) => path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = drift();
    if (stale.length > 0) {
      console.error(`out of date (run \`node bindings-js/sync.mjs\`): ${stale.join(', ')}`);
      process.exit(1);
    }
  } else {
    for (const { path, text } of copies()) writeFileSync(here(`../${path}`), text);
  }
}
