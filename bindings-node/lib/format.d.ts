// GENERATED from bindings-js/src/format.d.ts by `node bindings-js/sync.mjs`: do not edit here.
// The types of attain's documents (docs/FORMAT.md: plan, input, result, preview, run,
// error), and of the classes both JavaScript packages share (`AttainError`, `WhatIf`).
// One file for attain-node and attain-wasm: `node bindings-js/sync.mjs` copies it to
// bindings-node/lib/format.d.ts and bindings-wasm/js/format.d.ts, and each package's
// index.d.ts re-exports it. `tsc --strict` checks it in both packages' test suites.

// ---------------------------------------------------------------- numbers

/**
 * A decimal the engine gives back: a string with exactly the plan's
 * `rounding.scale` digits after the point (`"87.50"`).
 */
export type DecimalText = string;

/**
 * A decimal you give in an input object: text (`"12.5"`, `"1.5e3"`), a BigInt, an
 * object whose `toJSON()` gives that text (decimal.js, big.js, Prisma's Decimal), or a
 * JS `number`, read from its shortest round-trip text (`String(x)`: 212 is "212",
 * 12.5 is "12.5"; NaN and ±Infinity are refused, `not_finite`). Text is what to give
 * for a computed value: `0.1 + 0.2` is 0.30000000000000004 (`too_many_digits`).
 */
export type DecimalInput = string | number | bigint | { toJSON(): string | number | bigint };

/**
 * A decimal in a plan document, which `Plan.fromJson` reads as JSON text: a JSON
 * number or a numeric string, read exactly from the text.
 */
export type PlanDecimal = string | number;

/** A weight: percent of the parent group (the children of a group sum to 100). */
export type Weight = PlanDecimal;

// ---------------------------------------------------------------- errors

/**
 * Stable machine codes of problems (`attain::Code`; new codes may be added, so any
 * other string is allowed too). A Rust test of the Node binding checks this list
 * against `attain::Code::ALL`.
 */
export type Code =
  | 'invalid_json'
  | 'too_large'
  | 'wrong_type'
  | 'missing_field'
  | 'unknown_field'
  | 'invalid_value'
  | 'invalid_id'
  | 'not_a_number'
  | 'not_finite'
  | 'number_out_of_range'
  | 'too_many_digits'
  | 'duplicate_id'
  | 'unknown_indicator'
  | 'unknown_group'
  | 'unknown_rating'
  | 'unknown_adjustment'
  | 'weights_do_not_sum_to_100'
  | 'negative_weight'
  | 'auxiliary_weight_not_zero'
  | 'indicator_not_in_tree'
  | 'gate_indicator_not_in_tree'
  | 'indicator_used_twice'
  | 'empty_group'
  | 'too_deep'
  | 'too_many_nodes'
  | 'too_many_indicators'
  | 'too_many_tiers'
  | 'tiers_out_of_order'
  | 'duplicate_tier'
  | 'tier_scores_decrease'
  | 'tiers_required'
  | 'tier_score_required'
  | 'target_required'
  | 'zero_target'
  | 'negative_target'
  | 'cap_required'
  | 'not_positive'
  | 'curve_direction_mismatch'
  | 'band_out_of_order'
  | 'floor_not_below_full'
  | 'rating_bands_out_of_order'
  | 'rating_bands_not_exhaustive'
  | 'payout_points_out_of_order'
  | 'ratings_required'
  | 'currency_required'
  | 'duplicate_subject'
  | 'target_not_per_subject'
  | 'active_out_of_range'
  | 'negative_points'
  | 'missing_data'
  | 'overflow'
  | 'unknown_time_zone'
  | 'calendar_mismatch'
  | 'bad_period'
  | 'bad_date'
  | 'bad_number'
  | 'unknown_subject'
  | 'bands_overlap'
  | 'negative_bound'
  | 'output_too_large'
  | (string & {});

/** Which document was refused, or `internal`: a bug in attain, or the WebAssembly module out of memory. */
export type ErrorKind = 'plan' | 'input' | 'internal';

/** The code of the one problem of an `internal` error (path `""`). */
export type InternalCode = 'internal';

/** One problem found in a plan or an input: one thing wrong, at one place. */
export interface Problem {
  /** JSON pointer into the document that was read (`"/tree/children/1"`, `""` for the root). */
  path: string;
  /** Stable snake_case code (`"weights_do_not_sum_to_100"`). */
  code: Code | InternalCode;
  message: string;
}

/** The shared error document (`JSON.stringify(error)` gives it). */
export interface ErrorDocument {
  error: ErrorKind;
  problems: Problem[];
}

/**
 * A refused plan or input, with every problem found; or kind `internal` (one problem,
 * code `internal`, path `""`): a bug in attain (a panic), or the WebAssembly module
 * out of memory, after which attain-wasm carries on in a fresh instance.
 */
export declare class AttainError extends Error {
  constructor(kind: ErrorKind, problems: Problem[]);
  readonly name: 'AttainError';
  /** Which document was refused (or `internal`). */
  readonly kind: ErrorKind;
  /** Every problem found, in document order (never empty). */
  readonly problems: Problem[];
  /** The code of the first problem. */
  readonly code: Code | InternalCode;
  /** The path of the first problem. */
  readonly path: string;
  toJSON(): ErrorDocument;
}

// ---------------------------------------------------------------- plan document

export type UnitKind = 'money' | 'count' | 'percent' | 'ratio' | 'days' | 'points';
/** The currency (3 letters) is required for `money` and only there. */
export type Unit = { kind: 'money'; currency: string } | { kind: Exclude<UnitKind, 'money'> };
export type Direction = 'higher_is_better' | 'lower_is_better' | 'band';
export type IndicatorClass = 'result' | 'process' | 'collaboration';
export type MissingPolicy = 'reweight' | 'zero' | 'refuse';
export type RoundingMode = 'half_away_from_zero' | 'half_even' | 'down';

/** A named threshold of an indicator (门槛 / 目标 / 挑战). */
export interface Tier {
  name: string;
  at: PlanDecimal;
  /** Required by `step` and `linear` curves. */
  score?: PlanDecimal;
}

export interface Target {
  value?: PlanDecimal;
  per_subject?: boolean;
  prorate?: boolean;
  tier_basis?: 'actual' | 'achievement';
  tiers?: Tier[];
  /** Tier points, the pass/fail target and a ratio's gate: reached exactly (default) or passed. */
  boundary?: Boundary;
}

/** `inclusive` (≥, the default) or `exclusive` (>), mirrored for lower is better. */
export type Boundary = 'inclusive' | 'exclusive';

/**
 * How a ratio curve computes achievement: the quotient (the default; target > 0),
 * or relative to target / closest is best (targets of any sign; a target of 0 needs
 * `zero_target`). See docs/FORMAT.md, Achievement formula.
 */
export type RatioFormula =
  | { formula?: 'quotient' }
  | { formula: 'relative' | 'closest'; zero_target?: ZeroTargetRule };

/** At a target of 0: `offset` (1 + actual, 1 − actual, 1 − |actual|) or `pass_fail` (reached or not). */
export type ZeroTargetRule = 'offset' | 'pass_fail';

/** How an indicator's actual becomes its score. */
export type Curve =
  | ({ kind: 'ratio'; cap?: PlanDecimal; gate?: PlanDecimal; below?: 'zero' } & RatioFormula)
  /** A signed ratio (a clawback): negative achievement is the score; no `gate`. */
  | ({ kind: 'ratio'; cap?: PlanDecimal; below: 'extrapolate' } & RatioFormula)
  | { kind: 'step'; below?: PlanDecimal }
  | { kind: 'linear'; below?: 'zero' | 'flat' | 'extrapolate'; above?: 'cap' | 'extrapolate'; max?: PlanDecimal }
  | { kind: 'band'; low: PlanDecimal; high: PlanDecimal; full?: PlanDecimal; per_unit: PlanDecimal; floor?: PlanDecimal; below?: 'floor' }
  /** No floor: the score keeps falling by `per_unit` per unit outside the band. */
  | { kind: 'band'; low: PlanDecimal; high: PlanDecimal; full?: PlanDecimal; per_unit: PlanDecimal; below: 'extrapolate' }
  | { kind: 'pass_fail'; full?: PlanDecimal }
  | { kind: 'deduction'; full?: PlanDecimal; per_unit: PlanDecimal; floor?: PlanDecimal; below?: 'floor' }
  /** No floor: `per_unit` is taken for every occurrence, below 0 if need be. */
  | { kind: 'deduction'; full?: PlanDecimal; per_unit: PlanDecimal; below: 'extrapolate' };

export interface Indicator {
  id: string;
  name: string;
  unit: Unit;
  step?: PlanDecimal;
  direction: Direction;
  class?: IndicatorClass;
  auxiliary?: boolean;
  /** Required by the curves that use a target (`target_required`). */
  target?: Target;
  curve: Curve;
  /** How a run measures the actual from facts (FORMAT.md "Measures"). */
  measure?: Measure;
}

/** A condition on a fact's fields (`where`, `condition`). */
export type Condition =
  | { field: string; op: 'eq' | 'ne'; value: string | number | boolean }
  | { field: string; op: 'lt' | 'lte' | 'gt' | 'gte'; value: PlanDecimal }
  | { field: string; op: 'in' | 'not_in'; values: string[] }
  | { field: string; op: 'present' | 'absent' }
  | { op: 'within'; from: string; to: string; hours: PlanDecimal };

/** How an indicator's actual is measured from facts (in a run). */
export type Measure =
  | {
      kind: 'sum' | 'distinct' | 'mean' | 'min' | 'max' | 'latest';
      fact?: string | string[];
      date: string;
      field: string;
      where?: Condition[];
    }
  | { kind: 'count'; fact?: string | string[]; date: string; where?: Condition[] }
  | { kind: 'duration'; fact?: string | string[]; date: string; from: string; to: string; where?: Condition[] }
  | { kind: 'share'; fact?: string | string[]; date: string; condition: Condition[]; where?: Condition[] }
  | { kind: 'ratio'; numerator: Measure; denominator: Measure };

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** A group of the plan's tree. */
export interface GroupSpec {
  group: string;
  name?: string;
  /** Absent at the root. */
  weight?: Weight;
  missing?: MissingPolicy;
  /**
   * `weighted` (default: children's weights sum to 100) or `mean` (the plain average:
   * children carry no weight, each counts 1/N; the group may be empty).
   */
  mode?: 'weighted' | 'mean';
  /** Digits (0 to 6) the group's score is rounded to before its parent uses it. */
  round?: number;
  children: TreeNodeSpec[];
}

/** An indicator's place in the plan's tree. */
export interface IndicatorRef {
  indicator: string;
  weight?: Weight;
  missing?: MissingPolicy;
}

export type TreeNodeSpec = GroupSpec | IndicatorRef;

export type Adjustment =
  | { kind: 'gate'; indicator: string; basis?: 'achievement' | 'actual'; threshold: PlanDecimal; cap: PlanDecimal; group?: string; boundary?: Boundary }
  | {
      kind: 'bonus' | 'deduction';
      id: string;
      name?: string;
      max: PlanDecimal;
      /** Points per unit measured (> 0); with `measure`: points = units × per_unit, at most `max`. */
      per_unit?: PlanDecimal;
      /** In a run, the units measured from facts: a `sum`, `count` or `distinct`; with `per_unit`. */
      measure?: Measure;
    };

export interface RatingBand {
  name: string;
  /** Absent on the last band, which catches the rest. */
  min?: PlanDecimal;
}

export type Payout =
  | { currency?: string; base?: PlanDecimal; by: 'rating'; coefficients: Record<string, PlanDecimal> }
  | {
      currency?: string;
      base?: PlanDecimal;
      by: 'score';
      points: { score: PlanDecimal; coefficient: PlanDecimal }[];
      interpolate?: boolean;
    };

/** A rate table of an earnings line (FORMAT.md "Earnings"). */
export type EarningsTable =
  | { kind: 'flat'; rate: PlanDecimal }
  | {
      kind: 'tiers';
      bands: { from: PlanDecimal; from_inclusive?: boolean; to?: PlanDecimal; to_inclusive?: boolean; rate: PlanDecimal }[];
    }
  | { kind: 'marginal'; bands: { from: PlanDecimal; rate: PlanDecimal }[] }
  | { kind: 'interpolated'; base?: PlanDecimal; points: { at: PlanDecimal; rate: PlanDecimal }[] };

/** Earnings: lines of rate tables summed into a statement per subject. */
export interface Earnings {
  currency?: string;
  cap?: PlanDecimal;
  lines: {
    id: string;
    name?: string;
    basis?: 'actual' | 'achievement' | 'total';
    indicator?: string;
    table: EarningsTable;
    multiplier?:
      | { by: 'rating'; factors: Record<string, PlanDecimal> }
      | { by: 'score'; points: { score: PlanDecimal; factor: PlanDecimal }[]; interpolate?: boolean };
    cap?: PlanDecimal;
  }[];
}

/** One line of an earnings statement. */
export interface StatementLine {
  id: string;
  indicator: string | null;
  basis: 'actual' | 'achievement' | 'total';
  kind: 'flat' | 'tiers' | 'marginal' | 'interpolated';
  amount: DecimalText | null;
  band: number | null;
  rate: DecimalText | null;
  slices: {
    band: number;
    lower: DecimalText;
    upper: DecimalText | null;
    amount: DecimalText;
    rate: DecimalText;
    earnings: DecimalText;
  }[];
  blended_rate: DecimalText | null;
  base: DecimalText | null;
  multiplier: DecimalText | null;
  earnings: DecimalText | null;
  capped: boolean;
}

/** A subject's earnings statement. */
export interface Statement {
  currency: string | null;
  lines: StatementLine[];
  total: DecimalText;
  capped: boolean;
}

/** A plan document (FORMAT.md "Plan"); give it to `Plan.fromJson` as JSON text. */
export interface PlanDocument {
  id: string;
  name: string;
  version: string;
  indicators: Indicator[];
  tree: GroupSpec;
  adjustments?: Adjustment[];
  total?: { floor?: PlanDecimal; ceiling?: PlanDecimal };
  ratings?: RatingBand[];
  payout?: Payout;
  ranking?: { method?: 'competition' | 'dense'; within?: string[] };
  rounding?: { scale?: number; mode?: RoundingMode; indicator_scores?: number | null };
  /** Roster subjects with this role are scored by this plan (in a run). */
  role?: string;
  /** Every plan of one run has the same calendar. */
  calendar?: { time_zone?: string; fiscal_year_start?: number; week_start?: Weekday };
  /** The names of a fact's id, subject and type fields. */
  facts?: { id?: string; subject?: string; type?: string };
  /** Early warning (预警) when an indicator's pace is below this percent. */
  pace?: { warn_below?: PlanDecimal };
  /** Commission and bonus lines (absent: no statement in results). */
  earnings?: Earnings;
}

// ---------------------------------------------------------------- input document

/** One subject's actuals and the rest (FORMAT.md "Input"). Only `id` is required. */
export interface SubjectInput {
  id: string;
  name?: string;
  /** Indicator id → actual; absent or null is *no data*. */
  actuals?: Record<string, DecimalInput | null>;
  /** Per-subject targets, for indicators with `per_subject: true`. */
  targets?: Record<string, DecimalInput | null>;
  /** Share of the period the subject was active, in (0, 1]. */
  active?: DecimalInput;
  /** Group keys for ranking within (`{"team": "north"}`). */
  groups?: Record<string, string>;
  /** Bonus / deduction adjustment id → points (≥ 0). */
  points?: Record<string, DecimalInput>;
  /** Payout base, replacing the plan's. */
  base?: DecimalInput;
}

export interface InputDocument {
  subjects: SubjectInput[];
  options?: {
    /** Compute `next` (what it takes to reach the next tier or point) on every indicator. */
    what_it_takes?: boolean;
    /** `false`: scorecards without their trees (`tree` null), for large batches. */
    explain?: boolean;
  };
}

// ---------------------------------------------------------------- result document

export type SubjectFlag = 'adjusted' | 'capped' | 'floored' | 'gated' | 'missing' | 'prorated';
export type NodeFlag = 'capped' | 'extrapolated' | 'floored' | 'gated' | 'missing' | 'prorated' | 'reweighted';

/** What it takes to reach the next tier or whole score point on one indicator. */
/** Clear the gate first: the binding total gate (the lowest cap that applies)
 * and the actual of its indicator that passes it. */
export interface NextGate {
  /** `gate:<indicator>`. */
  gate: string;
  indicator: string;
  /** The smallest multiple of the indicator's step that passes the gate. */
  actual: DecimalText;
  /** New actual − actual (negative for lower is better). */
  change: DecimalText;
  /** The total with only that actual changed (another gate may still cap it). */
  total: DecimalText | null;
  rating: string | null;
}

export interface Next {
  goal: 'tier' | 'point';
  tier: string | null;
  /** The new actual. */
  actual: DecimalText;
  /** New actual − actual (negative for lower is better). */
  change: DecimalText;
  /** The indicator's new score. */
  score: DecimalText;
  /** The subject's new total. */
  total: DecimalText | null;
  rating: string | null;
}

export interface IndicatorNode {
  id: string;
  kind: 'indicator';
  name: string;
  weight: DecimalText;
  effective_weight: DecimalText;
  actual: DecimalText | null;
  /** After proration. */
  target: DecimalText | null;
  achievement: DecimalText | null;
  /** actual − target, exact then shown at the plan's scale; null when either is null.
   * The same sign for every direction: for lower is better, negative is the good side. */
  variance: DecimalText | null;
  tier: string | null;
  score: DecimalText | null;
  contribution: DecimalText | null;
  flags: NodeFlag[];
  next: Next | null;
}

export interface GroupNode {
  id: string;
  kind: 'group';
  name: string | null;
  /** null at the root. */
  weight: DecimalText | null;
  /** null at the root. */
  effective_weight: DecimalText | null;
  score: DecimalText | null;
  contribution: DecimalText | null;
  flags: NodeFlag[];
  children: TreeNode[];
}

/** A node of a scorecard's explanation tree. */
export type TreeNode = GroupNode | IndicatorNode;
/** The same as `TreeNode`. */
export type ResultNode = TreeNode;

export interface AdjustmentResult {
  /** The adjustment id; `gate:<indicator>` for a gate. */
  id: string;
  kind: 'gate' | 'bonus' | 'deduction';
  /** Signed effect of a bonus / deduction; a gate's cap when it applied, else null. */
  points: DecimalText | null;
  /** `capped`, `floored`, `gated`, `missing` (a run gave a bonus / deduction nothing). */
  flags: string[];
  /** A measured bonus / deduction only: the units measured (null outside a run, on a team). */
  measured?: DecimalText | null;
  /** A measured bonus / deduction only: the plan's points per unit. */
  per_unit?: DecimalText;
}

/** One subject's result, with the explanation tree. */
export interface Scorecard {
  id: string;
  status: 'scored' | 'refused';
  total: DecimalText | null;
  rating: string | null;
  /** Rank among peers (1 is best); null in a what-if session. */
  rank: number | null;
  payout: DecimalText | null;
  flags: SubjectFlag[];
  groups: Record<string, string>;
  /** The tree's score before adjustments. */
  score: DecimalText | null;
  adjustments: AdjustmentResult[];
  /** What it takes when a total gate caps the total: the gate to clear first
   * (null unless `what_it_takes` and the subject is flagged `gated`). */
  next_gate: NextGate | null;
  tree: GroupNode | null;
  /** Why the subject was refused (empty when scored). */
  problems: Problem[];
  /** Only when the plan declares `earnings`; null when refused. */
  earnings?: Statement | null;
}

/** The result document (FORMAT.md "Result"); subjects sorted by id (byte order). */
export interface Results {
  plan: { id: string; version: string };
  subjects: Scorecard[];
}

// ---------------------------------------------------------------- what-if preview

/** The adjustments of a preview as columns (plan order; entry k of each is adjustment k). */
export interface PreviewAdjustments {
  id: string[];
  kind: ('gate' | 'bonus' | 'deduction')[];
  points: (DecimalText | null)[];
  flags: string[][];
}

/** The groups below the root as columns (tree order; entry k of each is group k). */
export interface PreviewGroups {
  id: string[];
  effective_weight: DecimalText[];
  score: (DecimalText | null)[];
  contribution: (DecimalText | null)[];
  flags: NodeFlag[][];
}

/**
 * *What it takes* per indicator as columns (entry k is indicator k's `Next` figure;
 * every column is null at k when indicator k has no next step).
 */
export interface PreviewNext {
  goal: ('tier' | 'point' | null)[];
  tier: (string | null)[];
  actual: (DecimalText | null)[];
  change: (DecimalText | null)[];
  score: (DecimalText | null)[];
  total: (DecimalText | null)[];
  rating: (string | null)[];
}

/** The indicators of the tree as columns (tree order; entry k of each is indicator k). */
export interface PreviewIndicators {
  id: string[];
  effective_weight: DecimalText[];
  actual: (DecimalText | null)[];
  target: (DecimalText | null)[];
  achievement: (DecimalText | null)[];
  tier: (string | null)[];
  score: (DecimalText | null)[];
  contribution: (DecimalText | null)[];
  flags: NodeFlag[][];
  next: PreviewNext;
}

/**
 * What a live what-if view redraws as a slider moves (FORMAT.md "Preview"): every
 * figure of the scorecard that can change in a session, the same text, with the
 * groups, indicators and adjustments as columns (one array per figure, in tree or
 * plan order) instead of a tree of objects: about half the JSON of a `Scorecard`
 * and far fewer objects to build, so faster to return. Look an indicator up once:
 * `const k = preview.indicators.id.indexOf('visits')`, then `preview.indicators.score[k]`.
 */
export interface Preview {
  status: 'scored' | 'refused';
  total: DecimalText | null;
  rating: string | null;
  payout: DecimalText | null;
  /** The tree's score before adjustments (the root's score). */
  score: DecimalText | null;
  flags: SubjectFlag[];
  adjustments: PreviewAdjustments;
  /** Groups below the root (no entries when refused). */
  groups: PreviewGroups;
  /** Indicators in the tree (no entries when refused). */
  indicators: PreviewIndicators;
  /** Why the subject was refused (empty when scored). */
  problems: Problem[];
}

/** One subject whose actuals change while the plan stays (made by `plan.whatIf`). */
export declare class WhatIf {
  private constructor();
  /**
   * Set an indicator's actual (decimal text, a BigInt, or an object whose `toJSON()`
   * gives the text), or clear it with null; a refused value changes nothing.
   * Chainable.
   */
  set(indicatorId: string, value: DecimalInput | null): this;
  /** The current actual as decimal text, or null (no data). */
  actual(indicatorId: string): DecimalText | null;
  /** The subject's scorecard now (no rank), with `next` on every indicator. */
  score(): Scorecard;
  /** The scorecard now, as canonical JSON text. */
  scoreJson(): string;
  /** The preview now: the figures a live view redraws (the fast path for a slider). */
  preview(): Preview;
  /** The preview as JSON text. */
  previewJson(): string;
  /**
   * Release the session's memory now rather than when it is garbage-collected
   * (attain-wasm; in attain-node the collector frees it and this does nothing).
   */
  free(): void;
}

// ---------------------------------------------------------------- run (attain-node)

/** A roster row: every value is text; an absent key is an empty field. */
export interface RosterRow {
  subject: string;
  name?: string;
  role?: string;
  team?: string;
  /** First active day, `YYYY-MM-DD`. */
  start?: string;
  /** Last active day, `YYYY-MM-DD`. */
  end?: string;
  /** Decimal text ≥ 0, for target splits. */
  share?: string;
}

/** The facts of a run: the whole file as one string (ledger lines refer to it). */
export interface Facts {
  format?: 'csv' | 'jsonl';
  text: string;
}

/** A run document (FORMAT.md "Roster, targets, actuals", "Facts"). */
export interface RunDocument {
  plans: PlanDocument[];
  roster: RosterRow[];
  facts?: Facts;
  targets?: { subject: string; indicator: string; target: string }[];
  team_targets?: { team: string; indicator: string; target: string }[];
  actuals?: { subject: string; indicator: string; actual: string }[];
  /** Bonus / deduction points per subject (adjustments without a measure), ≥ 0. */
  points?: { subject: string; adjustment: string; points: string }[];
  /** `2026-Q3`, `FY2027-Q1`, `2026-W27`, `2026-07`, `2026-07-01..2026-09-30`, … */
  period: string;
  /** Period to date: a day inside the period. */
  as_of?: string | null;
}

/** The period a run scored. */
export interface Period {
  id: string;
  start: string;
  end: string;
  days: number;
  as_of: string | null;
  elapsed: DecimalText | null;
  time_zone: string;
}

export interface Pace {
  indicator: string;
  expected: DecimalText | null;
  pace: DecimalText | null;
  forecast: DecimalText | null;
  warning: boolean;
}

/** A scorecard in a run, with its team and pace. */
export interface RunSubject extends Scorecard {
  team: string | null;
  team_rank: number | null;
  /** null unless `as_of`. */
  pace: Pace[] | null;
}

export interface TeamResult {
  plan: string;
  team: string;
  members: string[];
  mean_total: DecimalText | null;
  scorecard: Scorecard;
}

export interface Ledger {
  rows: number;
  used: number;
  outside: number;
  duplicate: number;
  conflicting: number;
  rejected: number;
  /** A fact row's codes (`bad_number`, `missing_id`, …; FORMAT.md "Ledger"). */
  rejections: { line: number; field: string; code: string; message: string }[];
  /** Present only when more than 100,000 rejections were found: those not listed. */
  rejections_omitted?: number;
  conflicts: { id: string; lines: number[] }[];
}

/** The run result: rows = used + outside + duplicate + conflicting + rejected. */
export interface RunResult {
  period: Period;
  results: { plan: { id: string; version: string }; subjects: RunSubject[] }[];
  teams: TeamResult[];
  unscored: { subject: string; code: string; message: string }[];
  ledger: Ledger;
}
