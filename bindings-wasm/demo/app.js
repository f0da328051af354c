// The live what-if page: a rep's scorecard, re-scored by the WASM engine on every
// slider move. Every figure shown comes from the engine as decimal text; this file
// only formats text (thousands separators, units) and never computes a score.

import { init, Plan, AttainError } from '../js/index.js';

const $ = (id) => document.getElementById(id);

const state = {
  plan: null, // Plan
  doc: null, // the plan as a JS object (for names, units, tiers)
  session: null, // WhatIf
  subject: null, // the rep as in data/actuals.json
  labels: { indicators: {}, groups: {}, tiers: {}, units: {} },
  planText: '',
  rows: new Map(), // indicator id → row elements
  groupRows: new Map(), // group id → row elements
};

// ---------- decimal text formatting (strings only, no floats) ----------

function trimZeros(s) {
  if (!s.includes('.')) return s;
  const t = s.replace(/0+$/, '');
  return t.endsWith('.') ? t.slice(0, -1) : t;
}

function groupDigits(s) {
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  const [int, frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (frac !== undefined ? `.${frac}` : '');
}

const symbols = { CNY: '¥', RMB: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

function money(text, currency) {
  if (text === null || text === undefined) return '—';
  let t = text;
  if (/\.0+$/.test(t)) t = t.replace(/\.0+$/, '');
  const sym = symbols[currency] ?? `${currency ?? ''} `;
  return t.startsWith('-') ? `-${sym}${groupDigits(t.slice(1))}` : `${sym}${groupDigits(t)}`;
}

function value(text, unit) {
  if (text === null || text === undefined) return '—';
  switch (unit?.kind) {
    case 'money':
      return money(text, unit.currency);
    case 'percent':
      return `${trimZeros(text)}%`;
    case 'days':
      return `${trimZeros(text)} 天`;
    default:
      return groupDigits(trimZeros(text));
  }
}

function signed(text, unit) {
  const negative = text.startsWith('-');
  const body = value(negative ? text.slice(1) : text, unit);
  return `${negative ? '−' : '+'}${body}`;
}

// ---------- DOM helpers ----------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function tierLabel(name) {
  const en = state.labels.tiers[name];
  return en ? `${name} ${en}` : name;
}

// ---------- slider ranges (presentation only) ----------

const defaultSteps = { count: '1', money: null, percent: '0.1', ratio: '0.001', days: '1', points: '0.1' };

function niceStep(top) {
  const raw = top / 200;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

function decimals(step) {
  const i = step.indexOf('.');
  return i < 0 ? 0 : step.length - i - 1;
}

function sliderRange(ind, actual) {
  const t = ind.target ?? {};
  const points = [];
  if (t.value !== undefined && t.value !== null) points.push(Number(t.value));
  for (const tier of t.tiers ?? []) {
    points.push(t.tier_basis === 'achievement' && t.value ? (Number(t.value) * Number(tier.at)) / 100 : Number(tier.at));
  }
  if (ind.curve?.kind === 'band') points.push(Number(ind.curve.high));
  if (actual !== null) points.push(Number(actual));
  const finite = points.filter(Number.isFinite);
  let top = Math.max(1, ...finite) * 1.4;
  if (ind.unit.kind === 'percent') top = Math.max(100, ...finite);
  let step = ind.step ?? defaultSteps[ind.unit.kind] ?? '1';
  if (ind.step === undefined && ind.unit.kind === 'money') step = String(niceStep(top));
  const n = Math.ceil(top / Number(step));
  const max = (n * Number(step)).toFixed(decimals(step));
  return { min: '0', max, step };
}

// ---------- building the table for a plan ----------

function buildTable() {
  const body = $('card-body');
  body.replaceChildren();
  state.rows.clear();
  state.groupRows.clear();
  const indicators = new Map(state.doc.indicators.map((i) => [i.id, i]));

  const walk = (node, depth) => {
    if (node.group !== undefined) {
      if (depth > 0) {
        const score = el('td', { class: 'num' });
        const contrib = el('td', { class: 'num' });
        const weight = el('td', { class: 'num' });
        const row = el(
          'tr',
          { class: 'group-row' },
          el(
            'td',
            { colspan: '5' },
            el('span', { class: 'group-name' }, node.name ?? node.group),
            el('span', { class: 'en' }, state.labels.groups[node.group] ?? ''),
          ),
          score,
          weight,
          contrib,
        );
        body.append(row);
        state.groupRows.set(node.group, { score, contrib, weight });
      }
      for (const child of node.children ?? []) walk(child, depth + 1);
      return;
    }
    const ind = indicators.get(node.indicator);
    if (!ind) return;
    body.append(...indicatorRows(ind, depth));
  };
  walk(state.doc.tree, 0);
  // Auxiliary indicators left out of the tree are still scored and shown.
  const inTree = new Set(state.rows.keys());
  for (const ind of state.doc.indicators) if (!inTree.has(ind.id)) body.append(...indicatorRows(ind, 1));
}

function indicatorRows(ind, depth) {
  const actual = state.session.actual(ind.id);
  const range = sliderRange(ind, actual);
  const slider = el('input', {
    type: 'range',
    min: range.min,
    max: range.max,
    step: range.step,
    'aria-label': `${ind.name} actual`,
    dataset: { indicator: ind.id },
  });
  slider.value = actual ?? '0';
  const number = el('input', {
    type: 'text',
    inputmode: 'decimal',
    class: 'actual-input',
    'aria-label': `${ind.name} actual value`,
    dataset: { indicator: ind.id },
  });
  number.value = actual ?? '';
  const unitTag = ind.unit.kind === 'money' ? ind.unit.currency : (state.labels.units[ind.unit.kind] ?? ind.unit.kind);
  const error = el('div', { class: 'input-error' });

  slider.addEventListener('input', () => {
    number.value = slider.value;
    update(ind.id, slider.value, number, error);
  });
  number.addEventListener('input', () => {
    const text = number.value.trim();
    if (update(ind.id, text === '' ? null : text, number, error) && text !== '') slider.value = text;
  });

  const cells = {
    target: el('td', { class: 'num' }),
    achievement: el('td', { class: 'num' }),
    tier: el('td', { class: 'tiers' }),
    score: el('td', { class: 'num score' }),
    weight: el('td', { class: 'num muted' }),
    contrib: el('td', { class: 'num' }),
    next: el('div', { class: 'next' }),
    flags: el('span', { class: 'flags' }),
    slider,
    number,
    error,
    ind,
  };
  const tiers = ind.target?.tiers ?? [];
  cells.chips = tiers.map((t) => el('span', { class: 'chip', title: `${tierLabel(t.name)} at ${t.at}${ind.target.tier_basis === 'achievement' ? '%' : ''}` }, t.name));
  cells.tier.append(...(cells.chips.length > 0 ? cells.chips : [el('span', { class: 'muted' }, '—')]));

  const classTag = { result: '结果', process: '过程', collaboration: '协同' }[ind.class ?? 'result'] ?? '';
  const row = el(
    'tr',
    { class: `ind-row depth-${depth}`, dataset: { indicator: ind.id } },
    el(
      'td',
      { class: 'c-name' },
      el('div', { class: 'ind-name' }, ind.name, cells.flags),
      el('div', { class: 'en' }, state.labels.indicators[ind.id] ?? ind.id, el('span', { class: 'tag', title: `${classTag}指标 · ${ind.class ?? 'result'}` }, unitTag)),
    ),
    el('td', { class: 'c-actual' }, el('div', { class: 'actual' }, slider, number), error),
    cells.target,
    cells.achievement,
    cells.tier,
    cells.score,
    cells.weight,
    cells.contrib,
  );
  const nextRow = el('tr', { class: 'next-row', dataset: { indicator: ind.id } }, el('td'), el('td', { colspan: '7' }, cells.next));
  state.rows.set(ind.id, cells);
  return [row, nextRow];
}

// ---------- scoring ----------

function update(indicator, text, input, error) {
  const t0 = performance.now();
  try {
    state.session.set(indicator, text);
  } catch (e) {
    if (!(e instanceof AttainError)) throw e;
    input.classList.add('invalid');
    error.textContent = `${e.code}: ${e.problems[0]?.message ?? ''}`;
    return false;
  }
  input.classList.remove('invalid');
  error.textContent = '';
  render(t0);
  return true;
}

// Column k of a preview's indicators (or groups) as one object: `{ id, score, ... }`.
function row(columns, k) {
  const out = {};
  for (const [key, column] of Object.entries(columns)) if (Array.isArray(column)) out[key] = column[k];
  return out;
}

function nextText(ind, node, nx) {
  if (node.actual === null) return { text: '缺数据 no data: enter an actual to score this indicator', cls: 'muted' };
  if (nx.goal === null) return { text: '已到最高 Top of the scale: no further gain on this indicator', cls: 'muted' };
  const goal = nx.goal === 'tier' ? `${tierLabel(nx.tier)} tier` : `score ${nx.score}`;
  const total = nx.total === null ? '' : `, total ${nx.total}${nx.rating ? ` (${nx.rating})` : ''}`;
  return { text: `${signed(trimZeros(nx.change), ind.unit)} ${ind.name} → ${goal}${total}`, cls: '', actual: nx.actual };
}

const flagNames = {
  capped: '封顶 capped',
  extrapolated: '加速 extrapolated',
  floored: '保底 floored',
  gated: '门槛 gated',
  missing: '缺数据 missing',
  prorated: '折算 prorated',
  reweighted: '重算权重 reweighted',
  adjusted: '加减分 adjusted',
};

// "A: 95 ≤ total < 110" from the plan's bands (listed from the best down).
function bandText(bands, name) {
  const k = bands.findIndex((b) => b.name === name);
  if (k < 0) return bands.length > 0 ? 'no rating' : 'this plan has no ratings';
  const low = bands[k].min;
  const high = k > 0 ? bands[k - 1].min : undefined;
  const lo = low !== undefined ? `${trimZeros(low)} ≤ ` : '';
  const hi = high !== undefined ? ` < ${trimZeros(high)}` : '';
  const up = k > 0 ? ` · next ${bands[k - 1].name}` : ' · top band';
  return `${name}: ${lo}total${hi}${up}`;
}

// Redraw from the engine's what-if preview (`session.preview()`: every figure of the
// scorecard that can change as a slider moves, the same text, as columns), the fast
// path of a re-score.
function render(t0 = performance.now()) {
  const card = state.session.preview();
  const elapsed = performance.now() - t0;
  const doc = state.doc;

  $('total').textContent = card.total ?? '—';
  $('total-sub').textContent = card.score !== null && card.score !== card.total ? `调整前 raw score ${card.score}` : `满分参考 100 = on target`;
  const rating = $('rating');
  rating.textContent = card.rating ?? '—';
  rating.className = `rating rating-${(card.rating ?? 'none').toLowerCase()}`;
  $('rating-sub').textContent = bandText(doc.ratings ?? [], card.rating);
  const currency = doc.payout?.currency;
  $('payout').textContent = card.payout === null ? '—' : money(card.payout, currency);
  if (doc.payout?.by === 'rating' && card.rating && doc.payout.base) {
    $('payout-sub').textContent = `基数 base ${money(doc.payout.base, currency)} × ${doc.payout.coefficients?.[card.rating] ?? '?'} (${card.rating})`;
  } else {
    $('payout-sub').textContent = doc.payout ? `基数 base ${money(doc.payout.base ?? null, currency)}` : 'no payout in this plan';
  }

  const notes = [];
  const adj = card.adjustments;
  adj.id.forEach((adjId, k) => {
    const points = adj.points[k];
    if (adj.kind[k] === 'gate' && points !== null) {
      const id = adjId.replace(/^gate:/, '');
      const ind = doc.indicators.find((i) => i.id === id);
      notes.push(`${ind?.name ?? id} 门槛未达: total capped at ${trimZeros(points)}`);
    } else if (adj.kind[k] !== 'gate' && points !== null && points !== '0.00') {
      notes.push(`${adj.kind[k] === 'bonus' ? '加分' : '扣分'} ${adjId}: ${points}`);
    }
  });
  for (const f of card.flags) if (f !== 'adjusted' && f !== 'gated') notes.push(flagNames[f] ?? f);
  if (notes.length === 0) notes.push('无门槛或封顶 No gate or cap applied');
  $('notes').replaceChildren(...notes.map((n) => el('li', {}, n)));

  const indicators = card.indicators;
  for (const [id, cells] of state.rows) {
    const k = indicators.id.indexOf(id);
    if (k < 0) continue;
    const node = row(indicators, k);
    const ind = cells.ind;
    cells.target.textContent = value(node.target, ind.unit);
    cells.achievement.textContent = node.achievement === null ? '—' : `${node.achievement}%`;
    cells.score.textContent = node.score ?? '—';
    cells.weight.textContent = node.effective_weight === null ? '—' : `${trimZeros(node.effective_weight)}%`;
    cells.contrib.textContent = node.contribution ?? '—';
    const tiers = ind.target?.tiers ?? [];
    const reached = tiers.findIndex((t) => t.name === node.tier);
    cells.chips.forEach((chip, c) => {
      chip.classList.toggle('on', reached >= 0 && c <= reached);
      chip.classList.toggle('current', c === reached);
    });
    cells.flags.replaceChildren(...node.flags.map((f) => el('span', { class: `flag flag-${f}` }, flagNames[f] ?? f)));
    const next = nextText(ind, node, row(indicators.next, k));
    const children = [el('span', { class: 'arrow' }, '↗'), el('span', { class: 'next-text' }, next.text)];
    if (next.actual) {
      children.push(
        el(
          'button',
          {
            type: 'button',
            class: 'try',
            onclick: () => {
              cells.number.value = next.actual;
              cells.slider.value = next.actual;
              update(id, next.actual, cells.number, cells.error);
            },
          },
          '试一试 Try',
        ),
      );
    }
    cells.next.className = `next ${next.cls}`;
    cells.next.replaceChildren(...children);
  }
  const groups = card.groups;
  for (const [id, cells] of state.groupRows) {
    const k = groups.id.indexOf(id);
    if (k < 0) continue;
    cells.score.textContent = groups.score[k] ?? '—';
    cells.weight.textContent = `${trimZeros(groups.effective_weight[k])}%`;
    cells.contrib.textContent = groups.contribution[k] ?? '—';
  }
  $('timing').textContent = `re-scored in ${elapsed < 1 ? `${Math.round(elapsed * 1000)} µs` : `${elapsed.toFixed(1)} ms`} by the WASM engine · 所有数字为精确小数 exact decimals`;
  document.body.dataset.total = card.total ?? '';
  document.body.dataset.rating = card.rating ?? '';
}

// ---------- plan editor ----------

function showProblems(e) {
  const list = $('plan-errors');
  list.replaceChildren(
    ...e.problems.map((p) =>
      el('li', {}, el('code', { class: 'path' }, p.path || '/'), el('span', { class: 'code' }, p.code), el('span', { class: 'msg' }, p.message)),
    ),
  );
  const status = $('plan-status');
  status.className = 'status bad';
  status.textContent = `✗ ${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}: plan not applied (the scorecard keeps the last valid plan)`;
}

function applyPlan(text) {
  let plan;
  try {
    plan = Plan.fromJson(text);
  } catch (e) {
    if (e instanceof AttainError) {
      showProblems(e);
      return false;
    }
    throw e;
  }
  // Keep the actuals the rep has now for the indicators the new plan still has.
  const ids = new Set(plan.indicatorIds());
  const actuals = {};
  for (const [id, v] of Object.entries(state.subject.actuals ?? {})) if (ids.has(id)) actuals[id] = v;
  if (state.session) {
    for (const id of ids) {
      try {
        const v = state.session.actual(id);
        if (v !== null) actuals[id] = v;
      } catch {
        // not in the old plan
      }
    }
  }
  const subject = { id: state.subject.id, actuals };
  if (state.subject.groups) subject.groups = state.subject.groups;
  let session;
  try {
    session = plan.whatIf(subject);
  } catch (e) {
    plan.free();
    if (e instanceof AttainError) {
      showProblems(e);
      return false;
    }
    throw e;
  }
  state.session?.free();
  state.plan?.free();
  state.plan = plan;
  state.session = session;
  state.doc = JSON.parse(plan.toJson());
  state.planText = text;
  $('plan-name').textContent = plan.name;
  $('plan-meta').replaceChildren(`${state.labels.plan ?? plan.id} · v${plan.version}`, el('span', { class: 'period' }, state.labels.period ?? ''));
  $('plan-errors').replaceChildren();
  const status = $('plan-status');
  status.className = 'status ok';
  status.textContent = `✓ plan ${plan.id} v${plan.version} applied: ${plan.indicatorIds().length} indicators`;
  buildTable();
  render();
  return true;
}

function resetActuals() {
  for (const [id, cells] of state.rows) {
    const v = state.subject.actuals?.[id] ?? null;
    state.session.set(id, v);
    cells.number.value = v ?? '';
    cells.slider.value = v ?? '0';
    cells.number.classList.remove('invalid');
    cells.error.textContent = '';
  }
  render();
}

// ---------- start ----------

async function main() {
  const [, planText, actuals, labels] = await Promise.all([
    init(),
    fetch('data/plan.json').then((r) => r.text()),
    fetch('data/actuals.json').then((r) => r.json()),
    fetch('data/labels.json').then((r) => r.json()),
  ]);
  state.labels = { ...state.labels, ...labels };
  state.subject = actuals.subjects[0];
  const s = state.subject;
  $('subject-name').textContent = `${s.name ?? s.id}`;
  $('subject-meta').textContent = [s.id, s.groups?.team, 'Key account manager'].filter(Boolean).join(' · ');
  $('crumb-subject').textContent = `${s.name ?? s.id} ${s.id}`;
  $('avatar').textContent = (s.name ?? s.id).slice(0, 1);
  $('plan-text').value = planText;
  $('apply').addEventListener('click', () => applyPlan($('plan-text').value));
  $('reset-plan').addEventListener('click', () => {
    $('plan-text').value = planText;
    $('plan-text').scrollTop = 0;
    applyPlan(planText);
  });
  $('reset-actuals').addEventListener('click', resetActuals);
  applyPlan(planText);
  $('engine-status').textContent = '● WASM engine ready';
  $('engine-status').classList.add('ready');
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  $('engine-status').textContent = `engine failed: ${e.message}`;
  $('engine-status').classList.add('failed');
  console.error(e);
});
