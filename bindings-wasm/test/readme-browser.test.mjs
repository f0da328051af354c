// The root README's browser page ("In the browser", its ```html block), exactly as
// written there, in a real browser (Debian's chromium through playwright-core). It is
// served as a user would serve it: the page at the root of a folder that holds
// node_modules/attain-wasm (this package's published files, js/ and pkg/) and
// examples/ (this repository's). The page must show the ```text block under it, and
// its first line must be what the engine computes in Node for the same what-if.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { engine, here } from './helpers.mjs';

const root = here('../../');
const packageDir = here('../');

/** The ```html block of the README's "In the browser" section and the ```text block after it. */
function readmePage() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const from = readme.indexOf('\n## In the browser\n');
  assert.ok(from >= 0, 'README.md has an "In the browser" section');
  const to = readme.indexOf('\n## ', from + 1);
  const section = readme.slice(from, to < 0 ? undefined : to);
  const html = /\n```html\n([\s\S]*?)\n```\n/.exec(section);
  assert.ok(html, 'the section has an html block');
  const shown = /\n```text\n([\s\S]*?)\n```\n/.exec(section.slice(html.index + html[0].length - 1));
  assert.ok(shown, 'an html block followed by a text block');
  return { html: html[1], shown: shown[1] };
}

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

// `/` → the page; `/node_modules/attain-wasm/{js,pkg}/…` → this package;
// `/examples/…` → the repository's examples. Anything else: 404.
function serve(html) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': types['.html'] }).end(html);
      return;
    }
    let base;
    let rest;
    if (/^\/node_modules\/attain-wasm\/(js|pkg)\//.test(path)) {
      base = packageDir;
      rest = path.slice('/node_modules/attain-wasm/'.length);
    } else if (path.startsWith('/examples/')) {
      base = root;
      rest = path.slice(1);
    }
    const file = base === undefined ? undefined : normalize(join(base, rest));
    try {
      if (file === undefined || !file.startsWith(base) || file.split(sep).includes('..')) throw new Error('outside');
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const page = readmePage();
let server;
let browser;

before(async () => {
  server = await serve(page.html);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    headless: true,
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

test('the README page shows, in Chromium, the text the README says it shows', async () => {
  const tab = await browser.newPage();
  const errors = [];
  const missing = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('response', (r) => r.status() !== 200 && !r.url().endsWith('/favicon.ico') && missing.push(`${r.status()} ${r.url()}`));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => document.getElementById('out')?.textContent !== 'scoring…', null, { timeout: 20000 }).catch(() => {});
  const out = await tab.textContent('#out');
  assert.deepEqual({ errors, missing }, { errors: [], missing: [] });
  assert.equal(out, page.shown);
});

test('the figures the README shows are the engine\'s (Node, the same what-if)', async () => {
  const { Plan } = await engine();
  const plan = Plan.fromJson(readFileSync(join(root, 'examples/plans/key-account.json'), 'utf8'));
  const session = plan.whatIf({ id: 'zhang.san', actuals: { new_customers: '1', collection_rate: '55' } });
  session.set('new_customers', '2');
  const card = session.score();
  assert.equal(page.shown.split('\n')[0], `${card.total} ${card.rating} ${card.payout}`);
  assert.match(page.html, /await init\(\);/);
  assert.match(page.html, /from '\.\/node_modules\/attain-wasm\/js\/index\.js'/);
});
