// Plans and inputs shared by the tests and the benchmark.

/** A telesales plan of 5 indicators (外呼量, 转化率, 回款率, 拜访量, 信息完整度). */
export const fivePlan = {
  id: 'telesales-2026',
  name: '电话销售 KPI 2026',
  version: '1',
  indicators: [
    {
      id: 'calls', name: '外呼量', unit: { kind: 'count' }, direction: 'higher_is_better', class: 'process',
      target: { value: '200', tiers: [
        { name: '门槛', at: '150', score: '60' },
        { name: '目标', at: '200', score: '100' },
        { name: '挑战', at: '250', score: '120' },
      ] },
      curve: { kind: 'linear', below: 'zero', above: 'cap' },
    },
    {
      id: 'conversion', name: '转化率', unit: { kind: 'percent' }, direction: 'higher_is_better',
      target: { value: '15' }, curve: { kind: 'ratio', cap: '120', gate: '60' },
    },
    {
      id: 'collection', name: '回款率', unit: { kind: 'percent' }, direction: 'higher_is_better',
      target: { value: '90' }, curve: { kind: 'ratio', cap: '110' },
    },
    {
      id: 'visits', name: '拜访量', unit: { kind: 'count' }, direction: 'higher_is_better', class: 'process',
      target: { value: '20', tiers: [
        { name: '基础', at: '10', score: '60' },
        { name: '优秀', at: '20', score: '100' },
        { name: '卓越', at: '30', score: '120' },
      ] },
      curve: { kind: 'step' },
    },
    {
      id: 'cycle', name: '成交周期', unit: { kind: 'days' }, direction: 'lower_is_better',
      target: { value: '30' }, curve: { kind: 'ratio', cap: '120' },
    },
  ],
  tree: { group: 'root', name: '总分', children: [
    { group: 'results', name: '结果指标', weight: '70', children: [
      { indicator: 'conversion', weight: '40' },
      { indicator: 'collection', weight: '40' },
      { indicator: 'cycle', weight: '20' },
    ] },
    { group: 'process', name: '过程指标', weight: '30', children: [
      { indicator: 'calls', weight: '50' },
      { indicator: 'visits', weight: '50' },
    ] },
  ] },
  adjustments: [
    { kind: 'gate', indicator: 'collection', threshold: '60', cap: '60' },
    { kind: 'bonus', id: 'innovation', name: '创新加分', max: '5' },
  ],
  ratings: [{ name: 'S', min: '110' }, { name: 'A', min: '100' }, { name: 'B', min: '85' }, { name: 'C', min: '70' }, { name: 'D' }],
  payout: { currency: 'CNY', base: '20000', by: 'rating', coefficients: { S: '1.5', A: '1.2', B: '1', C: '0.5', D: '0' } },
  ranking: { method: 'competition', within: ['team'] },
};

/** A small deterministic generator (no Math.random: the same subjects every run). */
function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

/** `n` subjects with decimal-text actuals, some missing, in a shuffled-looking id order. */
export function subjects(n, seed = 7) {
  const next = lcg(seed);
  const teams = ['north', 'south', 'east', 'west'];
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = next();
    const actuals = {
      calls: String(100 + (r % 200)),
      conversion: `${5 + (r % 20)}.${r % 10}`,
      collection: `${40 + ((r >>> 8) % 70)}.${(r >>> 4) % 100}`,
      visits: String((r >>> 12) % 40),
      cycle: (r & 15) === 0 ? null : `${10 + ((r >>> 16) % 50)}.5`,
    };
    const subject = { id: `rep-${String((i * 7919) % n).padStart(7, '0')}`, actuals, groups: { team: teams[r % 4] } };
    if ((r & 7) === 0) subject.points = { innovation: String(r % 7) };
    out[i] = subject;
  }
  return out;
}
