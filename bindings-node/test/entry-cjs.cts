// Compiled by tsc (never run): the CommonJS entry, required by name as a CommonJS
// project does; resolves through package.json "exports" "require" to lib/index.d.ts.
import attain = require('attain-node');

const plan: attain.Plan = attain.Plan.fromJson('{}');
const results: attain.Results = plan.score({ subjects: [{ id: 'a', actuals: { calls: '1' } }] });
const total: string | null | undefined = results.subjects[0]?.total;
// @ts-expect-error: not an export
attain.NotExported;
void total;
