// The live what-if page: a rep's scorecard, re-scored by the WASM engine on every
// slider move. Every figure shown comes from the engine as decimal text; this file
// only formats text (thousands separators, units) and never computes a score: even
// the payout a "what it takes" step would bring is the engine's, from scoring the
// candidate actual in the what-if session (`probe`). The page's words are Chinese or
// English by the plan's names (messages.js).

import { init, Plan, AttainError } from '../js/index.js';
import { codeSentence, planLanguage, words } from './messages.js';

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
  lang: 'zh', // the page's words: 'zh' or 'en' (messages.js planLanguage)
  announceTimer: 0,
  probeMs: 0, // time spent in `probe` during one render
};

const langOverride = new URLSearchParams(location.search).get('lang');

/** The page's word `key` in its language; a function entry is called with `args`. */
function t(key, ...args) {
  const w = words[state.lang][key];
  return typeof w === 'function' ? w(...args) : w;
}

// Fill the fixed text of index.html (`data-t`, `data-t-label`) in the page's language.
function applyLang() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `attain · ${t('title')}`;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  for (const node of document.querySelectorAll('[data-t-label]')) node.setAttribute('aria-label', t(node.dataset.tLabel));
}

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
      return `${trimZeros(text)} ${t('days')}`;
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
  return en && state.lang === 'en' ? `${name} ${en}` : name;
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

// The label a cell shows above its figure when the table is stacked (narrow screens).
function labelled(cls, key) {
  return el('td', { class: cls, 'data-label': t(key) });
}

function buildTable() {
  const body = $('card-body');
  body.replaceChildren();
  state.rows.clear();
  state.groupRows.clear();
  const indicators = new Map(state.doc.indicators.map((i) => [i.id, i]));

  const walk = (node, depth) => {
    if (node.group !== undefined) {
      if (depth > 0) {
        const score = labelled('num c-score', 'score');
        const weight = labelled('num c-weight', 'weight');
        const contrib = labelled('num c-contrib', 'contribution');
        const row = el(
          'tr',
          { class: 'group-row' },
          el(
            'th',
            { colspan: '5', scope: 'rowgroup', class: 'c-group' },
            el('span', { class: 'group-name' }, node.name ?? node.group),
            state.lang === 'en' || node.name === undefined ? el('span', { class: 'en' }, state.labels.groups[node.group] ?? '') : null,
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
    'aria-label': t('actualOf', ind.name),
    dataset: { indicator: ind.id },
  });
  slider.value = actual ?? '0';
  const error = el('div', { class: 'input-error', id: `error-${ind.id}`, role: 'alert' });
  const number = el('input', {
    type: 'text',
    inputmode: 'decimal',
    class: 'actual-input',
    'aria-label': t('actualValueOf', ind.name),
    'aria-describedby': error.id,
    dataset: { indicator: ind.id },
  });
  number.value = actual ?? '';
  const unitTag = ind.unit.kind === 'money' ? ind.unit.currency : (state.labels.units[ind.unit.kind] ?? ind.unit.kind);

  slider.addEventListener('input', () => {
    number.value = slider.value;
    update(ind.id, slider.value, number, error);
  });
  number.addEventListener('input', () => {
    const text = number.value.trim();
    if (update(ind.id, text === '' ? null : text, number, error) && text !== '') slider.value = text;
  });

  const cells = {
    target: labelled('num c-target', 'target'),
    achievement: labelled('num c-achievement', 'achievement'),
    tier: labelled('tiers c-tier', 'tier'),
    score: labelled('num score c-score', 'score'),
    weight: labelled('num muted c-weight', 'weight'),
    contrib: labelled('num c-contrib', 'contribution'),
    next: el('div', { class: 'next' }),
    flags: el('span', { class: 'flags' }),
    slider,
    number,
    error,
    ind,
  };
  const tiers = ind.target?.tiers ?? [];
  const chips = el('span', { class: 'chips' });
  cells.chips = tiers.map((tier) => el('span', { class: 'chip', title: `${tierLabel(tier.name)} ≥ ${tier.at}${ind.target.tier_basis === 'achievement' ? '%' : ''}` }, tier.name));
  chips.append(...(cells.chips.length > 0 ? cells.chips : [el('span', { class: 'muted' }, '—')]));
  cells.tier.append(chips);

  const english = state.labels.indicators[ind.id];
  const row = el(
    'tr',
    { class: `ind-row depth-${depth}`, dataset: { indicator: ind.id } },
    el(
      'th',
      { class: 'c-name', scope: 'row' },
      el('div', { class: 'ind-name' }, ind.name, cells.flags),
      el(
        'div',
        { class: 'en' },
        english && english !== ind.name ? english : null,
        el('span', { class: 'tag', title: t('classes')[ind.class ?? 'result'] ?? ind.class ?? '' }, unitTag),
      ),
    ),
    el('td', { class: 'c-actual' }, el('div', { class: 'actual' }, slider, number), error),
    cells.target,
    cells.achievement,
    cells.tier,
    cells.score,
    cells.weight,
    cells.contrib,
  );
  const nextRow = el('tr', { class: 'next-row', dataset: { indicator: ind.id } }, el('td', { class: 'next-pad' }), el('td', { colspan: '7', class: 'next-cell' }, cells.next));
  state.rows.set(ind.id, cells);
  return [row, nextRow];
}

// ---------- scoring ----------

// An error as a sentence in the page's language; the code (and the engine's own
// English detail) in the title.
function problemTitle(p) {
  return p.message ? `${p.code}: ${p.message}` : p.code;
}

function update(indicator, text, input, error) {
  const t0 = performance.now();
  try {
    state.session.set(indicator, text);
  } catch (e) {
    if (!(e instanceof AttainError)) throw e;
    input.classList.add('invalid');
    input.setAttribute('aria-invalid', 'true');
    const p = e.problems[0] ?? { code: e.code, message: '' };
    error.textContent = codeSentence(state.lang, p.code);
    error.title = problemTitle(p);
    error.dataset.code = p.code;
    return false;
  }
  input.classList.remove('invalid');
  input.removeAttribute('aria-invalid');
  error.textContent = '';
  error.removeAttribute('title');
  delete error.dataset.code;
  render(t0);
  return true;
}

// Column k of a preview's indicators (or groups) as one object: `{ id, score, ... }`.
function row(columns, k) {
  const out = {};
  for (const [key, column] of Object.entries(columns)) if (Array.isArray(column)) out[key] = column[k];
  return out;
}

// What the subject's total, rating and payout would be with `candidate` as the actual
// of `id`: scored by the engine in the session, then the actual is put back.
function probe(id, candidate) {
  const t0 = performance.now();
  const before = state.session.actual(id);
  try {
    state.session.set(id, candidate);
    const p = state.session.preview();
    return { total: p.total, rating: p.rating, payout: p.payout };
  } catch (e) {
    if (e instanceof AttainError) return null;
    throw e;
  } finally {
    state.session.set(id, before);
    state.probeMs += performance.now() - t0;
  }
}

function payoutText(from, to) {
  if (!state.doc.payout || from === null || to === null || to === undefined) return null;
  const currency = state.doc.payout.currency;
  return from === to ? t('payoutSame', money(from, currency)) : t('payoutChange', money(from, currency), money(to, currency));
}

// A gate of the plan as "回款率 ≥ 60%" / "achievement ≥ 60%": what its indicator must reach.
function gateNeed(gate, ind) {
  const exclusive = gate.boundary === 'exclusive';
  if ((gate.basis ?? 'achievement') === 'actual') {
    const lower = ind?.direction === 'lower_is_better';
    const shown = ind ? value(gate.threshold, ind.unit) : trimZeros(gate.threshold);
    return t(lower ? (exclusive ? 'below' : 'atMost') : exclusive ? 'above' : 'atLeast', shown);
  }
  return t('achievementOf', t(exclusive ? 'above' : 'atLeast', `${trimZeros(gate.threshold)}%`));
}

// The gates of the plan that apply now: `{ gate, ind, points }` (points: the cap).
function appliedGates(card) {
  const out = [];
  const adjustments = state.doc.adjustments ?? [];
  card.adjustments.kind.forEach((kind, k) => {
    const points = card.adjustments.points[k];
    if (kind !== 'gate' || points === null) return;
    const gate = adjustments[k];
    if (!gate || gate.kind !== 'gate') return;
    out.push({ gate, ind: state.doc.indicators.find((i) => i.id === gate.indicator), points });
  });
  return out;
}

// The lines of *what it takes* for one indicator: `{ text, cls, actual?, tryLabel? }`.
function nextLines(ind, node, nx, card, gates) {
  if (node.actual === null) return [{ text: t('noData'), cls: 'muted' }];
  const lines = [];
  // This indicator's own gate holds the total down: say what clears it.
  for (const { gate } of gates.filter((g) => g.gate.indicator === ind.id)) {
    const need = gateNeed(gate, ind);
    const line = { text: t('gateClears', ind.name, need), cls: 'gate' };
    // The threshold itself is a candidate actual when reaching it exactly passes.
    if ((gate.basis ?? 'achievement') === 'actual' && gate.boundary !== 'exclusive') {
      const got = probe(ind.id, gate.threshold);
      if (got && got.total !== null) {
        const parts = [line.text, t('totalIs', got.total, got.rating)];
        const pay = payoutText(card.payout, got.payout);
        if (pay) parts.push(pay);
        line.text = parts.join(' · ');
        line.actual = gate.threshold;
        line.tryLabel = t('tryGate', ind.name);
      }
    }
    lines.push(line);
  }
  if (nx.goal === null) {
    lines.push({ text: t('top'), cls: 'muted' });
    return lines;
  }
  if (nx.total !== null && nx.total === card.total && gates.length > 0 && !gates.some((g) => g.gate.indicator === ind.id)) {
    // A change here cannot move a gated total: name what clears the gate instead.
    for (const { gate, ind: gi } of gates) lines.push({ text: t('gateBlocks', gi?.name ?? gate.indicator, gateNeed(gate, gi)), cls: 'muted gate' });
    return lines;
  }
  const goal = nx.goal === 'tier' ? t('tierGoal', tierLabel(nx.tier)) : t('pointGoal', nx.score);
  const parts = [`${signed(trimZeros(nx.change), ind.unit)} ${ind.name} → ${goal}`];
  if (nx.total !== null) parts.push(t('totalIs', nx.total, nx.rating));
  const got = probe(ind.id, nx.actual);
  const pay = got ? payoutText(card.payout, got.payout) : null;
  if (pay) parts.push(pay);
  lines.push({ text: parts.join(' · '), cls: '', actual: nx.actual, tryLabel: t('tryFor', ind.name) });
  return lines;
}

// "A: 95 ≤ total < 110" from the plan's bands (listed from the best down).
function bandText(bands, name) {
  const k = bands.findIndex((b) => b.name === name);
  if (k < 0) return bands.length > 0 ? t('noRating') : t('noRatings');
  const low = bands[k].min;
  const high = k > 0 ? bands[k - 1].min : undefined;
  const lo = low !== undefined ? `${trimZeros(low)} ≤ ` : '';
  const hi = high !== undefined ? ` < ${trimZeros(high)}` : '';
  const up = k > 0 ? t('nextBand', bands[k - 1].name) : t('topBand');
  return t('band', name, lo, hi) + up;
}

function tryButton(id, cells, line) {
  return el(
    'button',
    {
      type: 'button',
      class: 'try',
      'aria-label': line.tryLabel,
      title: line.tryLabel,
      onclick: () => {
        cells.number.value = line.actual;
        cells.slider.value = line.actual;
        update(id, line.actual, cells.number, cells.error);
      },
    },
    t('try'),
  );
}

// The live region: the total, rating and payout, read out once a change settles.
function announce(card) {
  clearTimeout(state.announceTimer);
  const text = t('announce', card.total ?? '—', card.rating ?? '—', card.payout === null ? '—' : money(card.payout, state.doc.payout?.currency));
  state.announceTimer = setTimeout(() => {
    $('announce').textContent = text;
  }, 400);
}

// Redraw from the engine's what-if preview (`session.preview()`: every figure of the
// scorecard that can change as a slider moves, the same text, as columns), the fast
// path of a re-score.
function render(t0 = performance.now()) {
  const card = state.session.preview();
  const scored = performance.now() - t0;
  state.probeMs = 0;
  const doc = state.doc;

  $('total').textContent = card.total ?? '—';
  $('total-sub').textContent = card.score !== null && card.score !== card.total ? t('rawScore', card.score) : t('onTarget');
  const rating = $('rating');
  rating.textContent = card.rating ?? '—';
  rating.className = `rating rating-${(card.rating ?? 'none').toLowerCase()}`;
  $('rating-sub').textContent = bandText(doc.ratings ?? [], card.rating);
  const currency = doc.payout?.currency;
  $('payout').textContent = card.payout === null ? '—' : money(card.payout, currency);
  if (doc.payout?.by === 'rating' && card.rating && doc.payout.base) {
    $('payout-sub').textContent = t('payoutRule', money(doc.payout.base, currency), doc.payout.coefficients?.[card.rating] ?? '?', card.rating);
  } else {
    $('payout-sub').textContent = doc.payout ? t('payoutBase', money(doc.payout.base ?? null, currency)) : t('noPayout');
  }

  const gates = appliedGates(card);
  const notes = [];
  for (const { gate, ind, points } of gates) {
    const name = ind?.name ?? gate.indicator;
    if (gate.group) notes.push(t('groupGateNote', name, gateNeed(gate, ind), gate.group, trimZeros(points)));
    else notes.push(t('gateNote', name, gateNeed(gate, ind), trimZeros(points)));
  }
  const adj = card.adjustments;
  adj.id.forEach((adjId, k) => {
    const points = adj.points[k];
    if (adj.kind[k] !== 'gate' && points !== null && points !== '0.00') {
      notes.push(`${adj.kind[k] === 'bonus' ? t('bonus') : t('deduction')} ${adjId}: ${points}`);
    }
  });
  for (const f of card.flags) if (f !== 'adjusted' && f !== 'gated') notes.push(t('flags')[f] ?? f);
  if (notes.length === 0) notes.push(t('noAdjust'));
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
    const reached = tiers.findIndex((tier) => tier.name === node.tier);
    cells.chips.forEach((chip, c) => {
      chip.classList.toggle('on', reached >= 0 && c <= reached);
      chip.classList.toggle('current', c === reached);
    });
    cells.flags.replaceChildren(...node.flags.map((f) => el('span', { class: `flag flag-${f}` }, t('flags')[f] ?? f)));
    const lines = nextLines(ind, node, row(indicators.next, k), card, gates);
    cells.next.replaceChildren(
      ...lines.map((line) =>
        el(
          'div',
          { class: `next-line ${line.cls}` },
          el('span', { class: 'arrow', 'aria-hidden': 'true' }, '↗'),
          el('span', { class: 'next-text' }, line.text),
          line.actual ? tryButton(id, cells, line) : null,
        ),
      ),
    );
  }
  const groups = card.groups;
  for (const [id, cells] of state.groupRows) {
    const k = groups.id.indexOf(id);
    if (k < 0) continue;
    cells.score.textContent = groups.score[k] ?? '—';
    cells.weight.textContent = `${trimZeros(groups.effective_weight[k])}%`;
    cells.contrib.textContent = groups.contribution[k] ?? '—';
  }
  // The engine's time: the re-score, and the steps of *what it takes* scored for their payout.
  const elapsed = scored + state.probeMs;
  $('timing').textContent = t('timing', elapsed < 1 ? `${Math.round(elapsed * 1000)} µs` : `${elapsed.toFixed(1)} ms`);
  document.body.dataset.total = card.total ?? '';
  document.body.dataset.rating = card.rating ?? '';
  document.body.dataset.payout = card.payout ?? '';
  announce(card);
}

// ---------- plan editor ----------

function showProblems(e) {
  const list = $('plan-errors');
  list.replaceChildren(
    ...e.problems.map((p) =>
      el(
        'li',
        { title: problemTitle(p), dataset: { code: p.code } },
        el('span', { class: 'msg' }, codeSentence(state.lang, p.code)),
        el('span', { class: 'where' }, `${t('at')} `, el('code', { class: 'path' }, p.path || '/')),
        state.lang === 'en' && p.message ? el('span', { class: 'detail' }, p.message) : null,
      ),
    ),
  );
  const status = $('plan-status');
  status.className = 'status bad';
  status.textContent = t('notApplied', e.problems.length);
  $('editor').open = true;
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
  state.lang = planLanguage(state.doc, langOverride);
  applyLang();
  showSubject();
  $('plan-name').textContent = plan.name;
  const planLabel = state.lang === 'en' ? (state.labels.plan ?? plan.id) : plan.id;
  $('plan-meta').replaceChildren(`${planLabel} · v${plan.version}`, state.labels.period ? el('span', { class: 'period' }, state.labels.period) : '');
  $('plan-errors').replaceChildren();
  const status = $('plan-status');
  status.className = 'status ok';
  status.textContent = t('applied', plan.id, plan.version, plan.indicatorIds().length);
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
    cells.number.removeAttribute('aria-invalid');
    cells.error.textContent = '';
  }
  render();
}

function showSubject() {
  const s = state.subject;
  $('subject-name').textContent = `${s.name ?? s.id}`;
  $('subject-meta').textContent = [s.id, s.groups?.team, t('role')].filter(Boolean).join(' · ');
  $('crumb-subject').textContent = `${s.name ?? s.id}`;
  $('avatar').textContent = (s.name ?? s.id).slice(0, 1);
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
  $('plan-text').value = planText;
  $('apply').addEventListener('click', () => applyPlan($('plan-text').value));
  $('reset-plan').addEventListener('click', () => {
    $('plan-text').value = planText;
    $('plan-text').scrollTop = 0;
    applyPlan(planText);
  });
  $('reset-actuals').addEventListener('click', resetActuals);
  applyPlan(planText);
  $('engine-status').textContent = t('ready');
  $('engine-status').classList.add('ready');
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  $('engine-status').textContent = `${t('failed')}${e.message}`;
  $('engine-status').classList.add('failed');
  console.error(e);
});
