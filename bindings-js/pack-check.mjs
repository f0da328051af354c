#!/usr/bin/env node
// Pack a JS package of attain as npm would publish it, and use the tarball as a user does:
//
//   node bindings-js/pack-check.mjs node    # bindings-node/ (attain-node)
//   node bindings-js/pack-check.mjs wasm    # bindings-wasm/ (attain-wasm)
//
// 1. `npm pack` into a scratch folder: the tarball must hold exactly the files the
//    package needs at run time (the list below: the addon or the .wasm, the JS, the
//    types, README, the licence texts, package.json), nothing else (no sources, tests, stamps).
// 2. `npm install --offline` of that tarball file into a scratch npm project (the
//    packages have no runtime dependencies, so nothing is fetched).
// 3. Run programs there that import the installed package by name (ES module and,
//    for attain-node, CommonJS) and score examples/plans/telesales.json.
// Exit 1 with what differs. About 5 s.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const which = process.argv[2];
const planPath = JSON.stringify(join(root, 'examples/plans/telesales.json'));
const input = `{ subjects: [{ id: 'zhang.san', actuals: { calls: '212', conversion: '16.5', deals: '35', follow_up_24h: '92' } }] }`;
const expected = '106.15 A 3600.00';

const packages = {
  node: {
    dir: 'bindings-node',
    name: 'attain-node',
    files: [
      'README.md',
      'LICENSE-MIT',
      'LICENSE-APACHE',
      'package.json',
      'index.js',
      'index.d.ts',
      /^attain\.[a-z0-9-]+\.node$/,
      'lib/index.js',
      'lib/index.mjs',
      'lib/index.d.ts',
      'lib/index.d.mts',
      'lib/shared.js',
      'lib/format.d.ts',
    ],
    programs: {
      'esm.mjs': `import { readFileSync } from 'node:fs';
import { Plan } from 'attain-node';
const card = Plan.fromJson(readFileSync(${planPath}, 'utf8')).score(${input}).subjects[0];
console.log(card.total, card.rating, card.payout);`,
      'cjs.cjs': `const { readFileSync } = require('node:fs');
const { Plan } = require('attain-node');
const card = Plan.fromJson(readFileSync(${planPath}, 'utf8')).score(${input}).subjects[0];
console.log(card.total, card.rating, card.payout);`,
    },
  },
  wasm: {
    dir: 'bindings-wasm',
    name: 'attain-wasm',
    files: [
      'README.md',
      'LICENSE-MIT',
      'LICENSE-APACHE',
      'package.json',
      'js/index.js',
      'js/bundler.js',
      'js/api.js',
      'js/shared.js',
      'js/index.d.ts',
      'js/format.d.ts',
      ...['pkg', 'pkg-bundler'].flatMap((d) => [
        `${d}/attain_wasm.js`,
        `${d}/attain_wasm.d.ts`,
        `${d}/attain_wasm_bg.wasm`,
        `${d}/attain_wasm_bg.wasm.d.ts`,
      ]),
      'pkg-bundler/attain_wasm_bg.js',
    ],
    programs: {
      'esm.mjs': `import { readFileSync } from 'node:fs';
import { init, Plan } from 'attain-wasm';
await init(readFileSync(new URL('../pkg/attain_wasm_bg.wasm', import.meta.resolve('attain-wasm'))));
const card = Plan.fromJson(readFileSync(${planPath}, 'utf8')).score(${input}).subjects[0];
console.log(card.total, card.rating, card.payout);`,
    },
  },
};

const spec = packages[which];
if (!spec) {
  console.error('usage: node bindings-js/pack-check.mjs node|wasm');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), `attain-pack-${which}-`));
const failures = [];
try {
  const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [pack] = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], join(root, spec.dir)));
  const files = pack.files.map((f) => f.path).sort();
  const matches = (want, f) => (typeof want === 'string' ? want === f : want.test(f));
  for (const want of spec.files) {
    if (!files.some((f) => matches(want, f))) failures.push(`the tarball lacks ${want}`);
  }
  for (const f of files) {
    if (!spec.files.some((want) => matches(want, f))) failures.push(`the tarball holds ${f}, not needed at run time`);
  }
  console.log(`${pack.filename}: ${files.length} files, ${pack.size} bytes packed, ${pack.unpackedSize} unpacked`);

  const project = join(scratch, 'project');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '0.0.0', private: true }));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(scratch, pack.filename)], project);
  const installed = JSON.parse(readFileSync(join(project, 'node_modules', spec.name, 'package.json'), 'utf8'));
  if (installed.version !== pack.version) failures.push(`installed ${installed.version}, packed ${pack.version}`);
  for (const [file, code] of Object.entries(spec.programs)) {
    writeFileSync(join(project, file), code);
    let out;
    try {
      out = execFileSync('node', [file], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch (e) {
      failures.push(`${file} failed in the installed package:\n${e.stderr}`);
      continue;
    }
    if (out !== expected) failures.push(`${file} printed ${JSON.stringify(out)}, expected ${JSON.stringify(expected)}`);
    else console.log(`ok  ${file} (import of the installed tarball): ${out}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
for (const f of failures) console.error(`FAIL ${f}`);
process.exit(failures.length ? 1 : 0);
