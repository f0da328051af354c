// Compiled by tsc (never run): the ES module entry, imported by name as a user's
// `"type": "module"` project does; resolves through package.json "exports" "import"
// to lib/index.d.mts.
import attain, { AttainError, Plan, run, type Results, type Scorecard } from 'attain-node';

const plan: Plan = Plan.fromJson('{}');
const results: Results = plan.score({ subjects: [{ id: 'a', actuals: { calls: '1' } }] });
const card: Scorecard | undefined = results.subjects[0];
const total: string | null | undefined = card?.total;
const same: typeof Plan = attain.Plan;
const err: AttainError | undefined = undefined;
const ran: typeof run = attain.run;
// @ts-expect-error: not an export
import { NotExported } from 'attain-node';
void [total, same, err, ran, NotExported];
