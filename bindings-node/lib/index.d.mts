// Types of the ES module entry (lib/index.mjs): the same API as lib/index.d.ts.
import * as attain from './index.js';

export * from './index.js';
export default attain;
