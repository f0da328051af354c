// Compiled by `tsc --strict --noEmit -p test/tsconfig.json` (never run): every call of
// the public API with the types a CRM back end would write, so lib/index.d.ts and the
// generated ../index.d.ts stay true to FORMAT.md. Lines marked @ts-expect-error must
// stay errors (a boolean where a decimal is read, a missing field).

import {
  AttainError,
  Plan,
  WhatIf,
  planSchema,
  run,
  runAsync,
  runJson,
  runJsonAsync,
  runJsonBuffer,
  runJsonBufferAsync,
  type Ledger,
  type RunDocument,
  type RunResult,
  type RunSubject,
  type DecimalText,
  type ErrorDocument,
  type GroupNode,
  type IndicatorNode,
  type InputDocument,
  type Next,
  type Preview,
  type PlanDocument,
  type Problem,
  type Results,
  type Adjustment,
  type Curve,
  type Target,
  type Scorecard,
  type TreeNode,
} from '../lib/index.js';
import { NativePlan, planSchemaJson } from '../index.js';

const document: PlanDocument = {
  id: 'csm-2026',
  name: '客户成功经理',
  version: '1',
  indicators: [
    {
      id: 'satisfaction',
      name: '客户满意度',
      unit: { kind: 'percent' },
      direction: 'higher_is_better',
      target: { value: '90' },
      curve: { kind: 'ratio', cap: 120 },
    },
    {
      id: 'renewal',
      name: '续约率',
      unit: { kind: 'percent' },
      direction: 'higher_is_better',
      target: { value: 85, tiers: [{ name: '目标', at: '85' }] },
      curve: { kind: 'pass_fail' },
    },
  ],
  tree: {
    group: 'root',
    children: [
      { indicator: 'satisfaction', weight: '50' },
      { indicator: 'renewal', weight: '50', missing: 'zero' },
    ],
  },
  adjustments: [{ kind: 'bonus', id: 'innovation', name: '创新加分', max: '5' }],
  ratings: [{ name: 'A', min: '90' }, { name: 'B', min: '70' }, { name: 'C' }],
  payout: { by: 'rating', base: '20000', coefficients: { A: '1.2', B: '1', C: '0.5' } },
  ranking: { method: 'dense', within: ['team'] },
  rounding: { scale: 2, mode: 'half_away_from_zero', indicator_scores: null },
};

// Signed curves and boundaries (FORMAT.md "Signed scores", `boundary`).
const clawback: Curve = { kind: 'ratio', cap: '150', below: 'extrapolate' };
const signedLinear: Curve = { kind: 'linear', below: 'extrapolate', above: 'extrapolate' };
const noFloor: Curve = { kind: 'band', low: '95', high: '105', per_unit: '10', below: 'extrapolate' };
const clawbackPerViolation: Curve = { kind: 'deduction', per_unit: '15', below: 'extrapolate' };
const exceeds: Target = { value: '90', boundary: 'exclusive' };
const strictGate: Adjustment = { kind: 'gate', indicator: 'x', threshold: '60', cap: '60', boundary: 'exclusive' };
// @ts-expect-error a gate scores every negative achievement 0: not with below extrapolate
const gatedClawback: Curve = { kind: 'ratio', gate: '60', below: 'extrapolate' };
// @ts-expect-error no floor and a floor
const flooredNoFloor: Curve = { kind: 'band', low: '1', high: '2', per_unit: '1', floor: '0', below: 'extrapolate' };
void [clawback, signedLinear, noFloor, clawbackPerViolation, exceeds, strictGate, gatedClawback, flooredNoFloor];

const plan: Plan = Plan.fromJson(JSON.stringify(document));
const id: string = plan.id;
const name: string = plan.name;
const version: string = plan.version;
const scale: number = plan.scale;
const indicators: string[] = plan.indicatorIds();
const planText: string = plan.toJson();
const schema: Record<string, unknown> = planSchema();

const input: InputDocument = {
  subjects: [
    {
      id: 'li.si',
      name: '李四',
      actuals: { satisfaction: '94.5', renewal: null },
      active: '1',
      groups: { team: 'north' },
      points: { innovation: 2n },
      base: { toJSON: () => '25000' },
    },
  ],
  options: { what_it_takes: true },
};

// A JS number is read from its shortest text (94.5 is "94.5").
const withNumber: InputDocument = { subjects: [{ id: 'a', actuals: { satisfaction: 94.5 } }] };
// @ts-expect-error an actual is a decimal, not a boolean
const withBoolean: InputDocument = { subjects: [{ id: 'a', actuals: { satisfaction: true } }] };
// @ts-expect-error a subject needs an id
const withoutId: InputDocument = { subjects: [{ actuals: {} }] };
// @ts-expect-error there is no public constructor
const direct = new Plan();

const results: Results = plan.score(input);
const fromText: Results = plan.score(JSON.stringify(input));
const text: string = plan.scoreJson(JSON.stringify(input));
const card: Scorecard | undefined = results.subjects[0];
const explained: Scorecard | null = plan.explain(input, 'li.si');
const explainedText: string | null = plan.explainJson(JSON.stringify(input), 'li.si');

function walk(node: TreeNode, depth = 0): string[] {
  if (node.kind === 'group') {
    const group: GroupNode = node;
    return [`${'  '.repeat(depth)}${group.id} ${group.score ?? '-'}`, ...group.children.flatMap((c) => walk(c, depth + 1))];
  }
  const indicator: IndicatorNode = node;
  const next: Next | null = indicator.next;
  const change: DecimalText | undefined = next?.change;
  return [`${'  '.repeat(depth)}${indicator.id} ${indicator.actual ?? 'no data'} → ${indicator.score ?? '-'} ${change ?? ''}`];
}

if (card !== undefined && card.tree !== null) {
  const total: DecimalText | null = card.total;
  const rank: number | null = card.rank;
  const status: 'scored' | 'refused' = card.status;
  const lines: string[] = walk(card.tree);
  const problems: Problem[] = card.problems;
  void [total, rank, status, lines, problems];
}

async function batch(): Promise<void> {
  const a: Results = await plan.scoreAsync(input);
  const b: string = await plan.scoreJsonAsync(JSON.stringify(input));
  void [a, b];
}

try {
  Plan.fromJson('{}');
} catch (e) {
  if (e instanceof AttainError) {
    const kind: 'plan' | 'input' | 'internal' = e.kind;
    const code: string = e.code;
    const path: string = e.path;
    const problems: Problem[] = e.problems;
    const doc: ErrorDocument = e.toJSON();
    const message: string = e.message;
    void [kind, code, path, problems, doc, message];
  }
}
const made: AttainError = new AttainError('input', [{ path: '/subjects/0/id', code: 'missing_field', message: 'missing field "id"' }]);

// A run: plans + roster + facts + period.
const runDocument: RunDocument = {
  plans: [
    {
      ...document,
      role: 'csm',
      calendar: { time_zone: 'Asia/Shanghai', fiscal_year_start: 4, week_start: 'monday' },
      facts: { id: 'id', subject: 'owner', type: 'type' },
      pace: { warn_below: '90' },
      indicators: [
        {
          id: 'satisfaction',
          name: '客户满意度',
          unit: { kind: 'percent' },
          direction: 'higher_is_better',
          target: { value: '90' },
          curve: { kind: 'ratio', cap: '120' },
          measure: { kind: 'mean', fact: 'survey', date: 'answered_at', field: 'rating' },
        },
        {
          id: 'renewal',
          name: '续约率',
          unit: { kind: 'percent' },
          direction: 'higher_is_better',
          target: { value: '85' },
          curve: { kind: 'pass_fail' },
          measure: {
            kind: 'ratio',
            numerator: { kind: 'count', fact: 'renewal', date: 'due', where: [{ field: 'renewed', op: 'eq', value: true }] },
            denominator: { kind: 'count', fact: 'renewal', date: 'due' },
          },
        },
      ],
    },
  ],
  roster: [{ subject: 'li.si', name: '李四', role: 'csm', team: 'north', start: '2026-07-15' }],
  facts: { format: 'csv', text: 'id,owner,type,answered_at,rating,due,renewed\n1,li.si,survey,2026-07-20,95,,\n' },
  targets: [{ subject: 'li.si', indicator: 'satisfaction', target: '92' }],
  period: '2026-Q3',
  as_of: '2026-08-31',
};
const ran: RunResult = run(runDocument);
const ranText: string = runJson(JSON.stringify(runDocument));
const firstRun: RunSubject | undefined = ran.results[0]?.subjects[0];
const ledger: Ledger = ran.ledger;
const warned: boolean = firstRun?.pace?.[0]?.warning ?? false;
async function runs(): Promise<void> {
  const a: RunResult = await runAsync(ranText);
  const b: string = await runJsonAsync(ranText, { signal: new AbortController().signal });
  // The Buffer forms: bytes out (for a socket or a file), text or bytes in.
  const runBytes: Buffer = runJsonBuffer(ranText);
  const runBytesAsync: Buffer = await runJsonBufferAsync(Buffer.from(ranText), { signal: new AbortController().signal });
  const scoreBytes: Buffer = plan.scoreJsonBuffer(new TextEncoder().encode('{"subjects":[]}'));
  const scoreBytesAsync: Promise<Buffer> = plan.scoreJsonBufferAsync('{"subjects":[]}');
  // @ts-expect-error the Buffer forms take JSON text or its bytes, not an object
  plan.scoreJsonBuffer({ subjects: [] });
  const c: Results = await plan.scoreAsync(input, { signal: AbortSignal.timeout(1000) });
  // @ts-expect-error a signal is an AbortSignal, not a flag
  await plan.scoreJsonAsync('{}', { signal: true });
  void [a, b, c];
}

// The generated declarations of the native addon stay coherent too.
const native: NativePlan = NativePlan.fromJson(planText);
const nativeText: string = native.scoreJson(JSON.stringify(input));
const nativeAsync: Promise<string> = native.scoreJsonAsync(JSON.stringify(input));
const nativeSchema: string = planSchemaJson();

// A what-if session: decimals as text or BigInt, null clears; score and preview.
const session: WhatIf = plan.whatIf({ id: 'li.si', actuals: { satisfaction: '88' } });
session.set('satisfaction', '93.5').set('satisfaction', 94n).set('satisfaction', null);
session.set('satisfaction', 93.5);
// @ts-expect-error an actual is a decimal, not a boolean
session.set('satisfaction', false);
const now: DecimalText | null = session.actual('satisfaction');
const sessionCard: Scorecard = session.score();
const preview: Preview = session.preview();
const previewTotal: DecimalText | null = preview.total;
const firstScore: DecimalText | null | undefined = preview.indicators.score[0];
const texts: string[] = [session.scoreJson(), session.previewJson()];

void [ranText, ledger, warned, runs, now, sessionCard, previewTotal, firstScore, texts];
void [id, name, version, scale, indicators, schema, withNumber, withBoolean, withoutId, direct, fromText, text, explained, explainedText, batch, made, nativeText, nativeAsync, nativeSchema];
