// Checked by `tsc --strict --noEmit -p test/types` (never run): the declarations in
// js/index.d.ts must describe how the API is used.

import {
  AttainError,
  init,
  Plan,
  type InputDocument,
  type PlanDocument,
  type DecimalText,
  type Preview,
  type PreviewGroups,
  type PreviewIndicators,
  type Problem,
  type ResultNode,
  type Results,
  type Scorecard,
  type SubjectInput,
  type WhatIf,
} from '../../js/index.js';

const planDocument: PlanDocument = {
  id: 'kam-2026',
  name: '大客户经理',
  version: '1',
  indicators: [
    {
      id: 'new_signed',
      name: '新签客户',
      unit: { kind: 'count' },
      direction: 'higher_is_better',
      target: {
        value: '2',
        tiers: [
          { name: '门槛', at: '1', score: '60' },
          { name: '目标', at: '2', score: '100' },
          { name: '挑战', at: '3', score: '120' },
        ],
      },
      curve: { kind: 'step' },
    },
    {
      id: 'contract_amount',
      name: '合同金额',
      unit: { kind: 'money', currency: 'CNY' },
      direction: 'higher_is_better',
      target: { value: '500000' },
      curve: { kind: 'ratio', cap: '150', gate: '60' },
    },
  ],
  tree: {
    group: 'root',
    children: [
      { indicator: 'new_signed', weight: '50' },
      { indicator: 'contract_amount', weight: '50', missing: 'zero' },
    ],
  },
  adjustments: [{ kind: 'gate', indicator: 'contract_amount', threshold: '60', cap: '60' }],
  ratings: [{ name: 'A', min: '100' }, { name: 'B', min: '80' }, { name: 'C' }],
  payout: { currency: 'CNY', base: '20000', by: 'rating', coefficients: { A: '1.2', B: '1', C: '0' } },
  rounding: { scale: 2, mode: 'half_away_from_zero' },
};

function walk(node: ResultNode, out: string[]): void {
  if (node.kind === 'group') {
    for (const child of node.children) walk(child, out);
  } else {
    const next = node.next;
    out.push(`${node.name}: ${node.score ?? '-'}${next ? ` (+${next.change} → ${next.total ?? '-'})` : ''}`);
  }
}

export async function usage(bytes: Uint8Array): Promise<string[]> {
  await init(bytes);
  const plan: Plan = Plan.fromJson(JSON.stringify(planDocument));
  const same = new Plan(plan.toJson());
  const ids: string[] = same.indicatorIds();
  const scale: number = plan.scale;

  const rep: SubjectInput = { id: 'zhang.san', actuals: { new_signed: '2', contract_amount: '620000' }, groups: { team: 'east' } };
  const input: InputDocument = { subjects: [rep], options: { what_it_takes: true } };
  const results: Results = plan.score(input);
  const text: string = plan.scoreJson(JSON.stringify(input));
  const card: Scorecard | null = plan.explain(input, 'zhang.san');
  const lines: string[] = [text, String(scale), ...ids];
  if (card?.tree) walk(card.tree, lines);
  for (const s of results.subjects) lines.push(`${s.id} ${s.total ?? '-'} ${s.rating ?? '-'} ${s.rank ?? '-'}`);

  const session: WhatIf = plan.whatIf(rep);
  const scored: Scorecard = session.set('new_signed', '3').set('contract_amount', null).score();
  lines.push(scored.total ?? '-', session.actual('new_signed') ?? '-', session.scoreJson());
  const preview: Preview = session.set('contract_amount', '700000').preview();
  const indicators: PreviewIndicators = preview.indicators;
  const k: number = indicators.id.indexOf('contract_amount');
  const score: DecimalText | null | undefined = indicators.score[k];
  const goal: 'tier' | 'point' | null | undefined = indicators.next.goal[k];
  const groups: PreviewGroups = preview.groups;
  lines.push(preview.total ?? '-', preview.rating ?? '-', preview.payout ?? '-', session.previewJson());
  lines.push(`${score ?? '-'} ${goal ?? '-'} ${indicators.next.total[k] ?? '-'} ${groups.contribution[0] ?? '-'}`);
  for (const kind of preview.adjustments.kind) lines.push(kind);
  session.free();

  try {
    Plan.fromJson('{}');
  } catch (e) {
    if (e instanceof AttainError) {
      const kind: 'plan' | 'input' | 'internal' = e.kind;
      const first: Problem | undefined = e.problems[0];
      lines.push(kind, e.code, e.path, first?.message ?? '', JSON.stringify(e.toJSON()));
    }
  }
  // A JS number is read from its shortest text (3 is "3").
  session.set('new_signed', 3);
  const withNumber: SubjectInput = { id: 'x', actuals: { new_signed: 3 } };
  // @ts-expect-error: an actual is a decimal, not a boolean
  const bad: SubjectInput = { id: 'x', actuals: { new_signed: true } };
  lines.push(withNumber.id, bad.id);
  plan.free();
  return lines;
}
