#!/usr/bin/env node
// `prepack` of attain-node and attain-wasm: copy the licence texts from the
// repository root into the package folder, so the tarball npm publishes carries
// them (`files` lists them). The copies are git-ignored; the root files are the
// only ones kept in git.
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
for (const name of ['LICENSE-MIT', 'LICENSE-APACHE']) {
  copyFileSync(join(root, name), join(process.cwd(), name));
}
