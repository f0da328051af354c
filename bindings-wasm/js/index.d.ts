// attain for JavaScript: types of the public API and of the documents it reads and
// returns, following docs/FORMAT.md. Hand-written; `tsc --strict` checks them against
// test/types/usage.ts.

/**
 * A decimal as text: optional sign, digits, optional fraction, optional exponent
 * (`"12.50"`, `"1.5e3"`). Never a JS number: a number has already lost exactness.
 * Results give every decimal with exactly the plan's `rounding.scale` digits.
 */
export type Decimal = string;

// ---------------------------------------------------------------- errors

/** Stable machine codes of problems (new codes may be added). */
export type Code =
  | 'invalid_json' | 'too_large' | 'wrong_type' | 'missing_field' | 'unknown_field'
  | 'invalid_value' | 'invalid_id' | 'not_a_number' | 'not_finite' | 'number_out_of_range'
  | 'too_many_digits' | 'duplicate_id' | 'unknown_indicator' | 'unknown_group'
  | 'unknown_rating' | 'unknown_adjustment' | 'weights_do_not_sum_to_100' | 'negative_weight'
  | 'auxiliary_weight_not_zero' | 'indicator_not_in_tree' | 'gate_indicator_not_in_tree'
  | 'indicator_used_twice'
  | 'empty_group' | 'too_deep' | 'too_many_nodes' | 'too_many_indicators' | 'too_many_tiers'
  | 'tiers_out_of_order' | 'duplicate_tier' | 'tier_scores_decrease' | 'tiers_required'
  | 'tier_score_required' | 'target_required' | 'zero_target' | 'negative_target'
  | 'cap_required' | 'not_positive' | 'curve_direction_mismatch' | 'band_out_of_order'
  | 'floor_not_below_full' | 'rating_bands_out_of_order' | 'rating_bands_not_exhaustive'
  | 'payout_points_out_of_order' | 'ratings_required' | 'currency_required'
  | 'duplicate_subject' | 'target_not_per_subject' | 'active_out_of_range'
  | 'negative_points' | 'missing_data' | 'overflow'
  | (string & {});

/** Which document was refused. */
export type ErrorKind = 'plan' | 'input';

/** One thing wrong, at one place. */
export interface Problem {
  /** JSON pointer into the document that was read (`/tree/children/1/children`). */
  path: string;
  code: Code;
  message: string;
}

/** The shared error document. */
export interface ErrorDocument {
  error: ErrorKind;
  problems: Problem[];
}

/** A refused plan or input, with every problem found. */
export class AttainError extends Error {
  readonly name: 'AttainError';
  /** `plan` or `input`. */
  readonly kind: ErrorKind;
  /** Every problem found (never empty). */
  readonly problems: Problem[];
  /** The first problem's code. */
  readonly code: Code;
  /** The first problem's path. */
  readonly path: string;
  constructor(kind: ErrorKind, problems: Problem[]);
  toJSON(): ErrorDocument;
}

// ---------------------------------------------------------------- plan document

export type UnitKind = 'money' | 'count' | 'percent' | 'ratio' | 'days' | 'points';
export type Unit = { kind: 'money'; currency: string } | { kind: Exclude<UnitKind, 'money'> };
export type Direction = 'higher_is_better' | 'lower_is_better' | 'band';
export type IndicatorClass = 'result' | 'process' | 'collaboration';
export type MissingPolicy = 'reweight' | 'zero' | 'refuse';

export interface TierSpec {
  name: string;
  at: Decimal;
  /** Required by `step` and `linear` curves. */
  score?: Decimal;
}

export interface TargetSpec {
  value?: Decimal;
  per_subject?: boolean;
  prorate?: boolean;
  tier_basis?: 'actual' | 'achievement';
  tiers?: TierSpec[];
}

export type CurveSpec =
  | { kind: 'ratio'; cap?: Decimal; gate?: Decimal }
  | { kind: 'step'; below?: Decimal }
  | { kind: 'linear'; below?: 'zero' | 'flat'; above?: 'cap' | 'extrapolate'; max?: Decimal }
  | { kind: 'band'; low: Decimal; high: Decimal; full?: Decimal; per_unit: Decimal; floor?: Decimal }
  | { kind: 'pass_fail'; full?: Decimal }
  | { kind: 'deduction'; full?: Decimal; per_unit: Decimal; floor?: Decimal };

export interface IndicatorSpec {
  id: string;
  name: string;
  unit: Unit;
  step?: Decimal;
  direction: Direction;
  class?: IndicatorClass;
  auxiliary?: boolean;
  target?: TargetSpec;
  curve: CurveSpec;
}

export interface GroupSpec {
  group: string;
  name?: string;
  /** Percent of the parent; absent at the root. */
  weight?: Decimal;
  missing?: MissingPolicy;
  children: NodeSpec[];
}

export interface IndicatorRefSpec {
  indicator: string;
  weight?: Decimal;
  missing?: MissingPolicy;
}

export type NodeSpec = GroupSpec | IndicatorRefSpec;

export type AdjustmentSpec =
  | { kind: 'gate'; indicator: string; basis?: 'achievement' | 'actual'; threshold: Decimal; cap: Decimal; group?: string }
  | { kind: 'bonus' | 'deduction'; id: string; name?: string; max: Decimal };

export interface RatingBandSpec {
  name: string;
  /** Absent on the last band, which catches the rest. */
  min?: Decimal;
}

export type PayoutSpec =
  | { currency?: string; base?: Decimal; by: 'rating'; coefficients: Record<string, Decimal> }
  | {
      currency?: string;
      base?: Decimal;
      by: 'score';
      points: { score: Decimal; coefficient: Decimal }[];
      interpolate?: boolean;
    };

/** A plan document (FORMAT.md "Plan"); give it to `Plan.fromJson` as JSON text. */
export interface PlanDocument {
  id: string;
  name: string;
  version: string;
  indicators: IndicatorSpec[];
  tree: GroupSpec;
  adjustments?: AdjustmentSpec[];
  total?: { floor?: Decimal; ceiling?: Decimal };
  ratings?: RatingBandSpec[];
  payout?: PayoutSpec;
  ranking?: { method?: 'competition' | 'dense'; within?: string[] };
  rounding?: {
    scale?: number;
    mode?: 'half_away_from_zero' | 'half_even' | 'down';
    indicator_scores?: number | null;
  };
}

// ---------------------------------------------------------------- input document

/** One subject's data (FORMAT.md "Input"); only `id` is required. */
export interface SubjectInput {
  id: string;
  name?: string;
  /** Actual per indicator id; absent or null is *no data*. */
  actuals?: Record<string, Decimal | null>;
  /** Per-subject targets (indicators whose target is `per_subject`). */
  targets?: Record<string, Decimal>;
  /** Share of the period the subject was active, in (0, 1]. */
  active?: Decimal;
  /** Group keys such as `team`, used by ranking `within`. */
  groups?: Record<string, string>;
  /** Bonus / deduction points per adjustment id (≥ 0). */
  points?: Record<string, Decimal>;
  /** Payout base (replaces the plan's). */
  base?: Decimal;
}

export interface InputDocument {
  subjects: SubjectInput[];
  options?: { what_it_takes?: boolean };
}

// ---------------------------------------------------------------- result document

export type SubjectFlag = 'adjusted' | 'capped' | 'floored' | 'gated' | 'missing' | 'prorated';
export type NodeFlag = 'capped' | 'extrapolated' | 'floored' | 'gated' | 'missing' | 'prorated' | 'reweighted';

/** *What it takes* to reach the next tier or score point on one indicator. */
export interface Next {
  goal: 'tier' | 'point';
  tier: string | null;
  /** The new actual. */
  actual: Decimal;
  /** New actual − actual (negative for lower is better). */
  change: Decimal;
  /** The indicator's new score. */
  score: Decimal;
  /** The subject's new total. */
  total: Decimal | null;
  rating: string | null;
}

export interface IndicatorNode {
  id: string;
  kind: 'indicator';
  name: string;
  weight: Decimal;
  effective_weight: Decimal;
  actual: Decimal | null;
  target: Decimal | null;
  achievement: Decimal | null;
  tier: string | null;
  score: Decimal | null;
  contribution: Decimal | null;
  flags: NodeFlag[];
  next: Next | null;
}

export interface GroupNode {
  id: string;
  kind: 'group';
  name: string | null;
  /** Null at the root. */
  weight: Decimal | null;
  effective_weight: Decimal | null;
  score: Decimal | null;
  contribution: Decimal | null;
  flags: NodeFlag[];
  children: ResultNode[];
}

export type ResultNode = GroupNode | IndicatorNode;

export interface AdjustmentResult {
  /** The adjustment's id; `gate:<indicator>` for a gate. */
  id: string;
  kind: 'gate' | 'bonus' | 'deduction';
  /** Signed effect of a bonus / deduction; for a gate the cap when it applied. */
  points: Decimal | null;
  flags: string[];
}

/** One subject's result. */
export interface Scorecard {
  id: string;
  status: 'scored' | 'refused';
  total: Decimal | null;
  rating: string | null;
  /** Rank among peers (1 is best); null in a what-if session. */
  rank: number | null;
  payout: Decimal | null;
  flags: SubjectFlag[];
  groups: Record<string, string>;
  /** The tree's score before adjustments. */
  score: Decimal | null;
  adjustments: AdjustmentResult[];
  tree: GroupNode | null;
  /** Why the subject was refused (empty when scored). */
  problems: Problem[];
}

/** The result document (FORMAT.md "Result"); subjects sorted by id. */
export interface Results {
  plan: { id: string; version: string };
  subjects: Scorecard[];
}

// ---------------------------------------------------------------- what-if preview

/** The adjustments of a preview as columns (plan order; entry k of each is adjustment k). */
export interface PreviewAdjustments {
  id: string[];
  kind: ('gate' | 'bonus' | 'deduction')[];
  points: (Decimal | null)[];
  flags: string[][];
}

/** The groups below the root as columns (tree order; entry k of each is group k). */
export interface PreviewGroups {
  id: string[];
  effective_weight: Decimal[];
  score: (Decimal | null)[];
  contribution: (Decimal | null)[];
  flags: NodeFlag[][];
}

/**
 * *What it takes* per indicator as columns (entry k is indicator k's `Next` figure;
 * every column is null at k when indicator k has no next step).
 */
export interface PreviewNext {
  goal: ('tier' | 'point' | null)[];
  tier: (string | null)[];
  actual: (Decimal | null)[];
  change: (Decimal | null)[];
  score: (Decimal | null)[];
  total: (Decimal | null)[];
  rating: (string | null)[];
}

/** The indicators of the tree as columns (tree order; entry k of each is indicator k). */
export interface PreviewIndicators {
  id: string[];
  effective_weight: Decimal[];
  actual: (Decimal | null)[];
  target: (Decimal | null)[];
  achievement: (Decimal | null)[];
  tier: (string | null)[];
  score: (Decimal | null)[];
  contribution: (Decimal | null)[];
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
  total: Decimal | null;
  rating: string | null;
  payout: Decimal | null;
  /** The tree's score before adjustments (the root's score). */
  score: Decimal | null;
  flags: SubjectFlag[];
  adjustments: PreviewAdjustments;
  /** Groups below the root (no entries when refused). */
  groups: PreviewGroups;
  /** Indicators in the tree (no entries when refused). */
  indicators: PreviewIndicators;
  /** Why the subject was refused (empty when scored). */
  problems: Problem[];
}

// ---------------------------------------------------------------- API

/** Where the .wasm comes from: a URL, a `Response`, the bytes, or a compiled module. */
export type WasmSource =
  | string
  | URL
  | Request
  | Response
  | Promise<Response>
  | BufferSource
  | WebAssembly.Module;

/**
 * Instantiate the WebAssembly module (once; later calls return the same promise).
 * In the browser call it with nothing; in Node give the bytes of
 * `pkg/attain_wasm_bg.wasm`.
 */
export function init(source?: WasmSource | { module_or_path: WasmSource }): Promise<void>;

/** Instantiate synchronously from the bytes or a compiled module. */
export function initSync(source: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module }): void;

/** A validated KPI plan (销售KPI绩效考核表). */
export class Plan {
  /** Parse and validate a plan from its JSON text; throws `AttainError` (kind `plan`). */
  constructor(text: string);
  /** Same as `new Plan(text)`. */
  static fromJson(text: string): Plan;
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** Digits after the point of every decimal in a result. */
  readonly scale: number;
  /** Indicator ids in plan order. */
  indicatorIds(): string[];
  /** The plan as JSON text (normalised: decimals as strings, defaults filled). */
  toJson(): string;
  /** Score an input document; throws `AttainError` (kind `input`), also for a JS number anywhere in it. */
  score(input: InputDocument): Results;
  /** Input JSON text → canonical result JSON text (identical bytes in every binding). */
  scoreJson(inputJson: string): string;
  /** One subject's scorecard, ranked among the input's subjects, with `next` computed; null when absent. */
  explain(input: InputDocument, subjectId: string): Scorecard | null;
  /** `explain` on input JSON text: the scorecard's canonical JSON text, or null. */
  explainJson(inputJson: string, subjectId: string): string | null;
  /** A what-if session for one subject. */
  whatIf(subject: SubjectInput): WhatIf;
  /** Release the plan's memory now (otherwise when it is garbage-collected). */
  free(): void;
}

/** One subject whose actuals change while the plan stays; see `Plan.whatIf`. */
export class WhatIf {
  private constructor();
  /** Set an indicator's actual (decimal text), or clear it with null; returns this session. */
  set(indicatorId: string, value: Decimal | bigint | null): this;
  /** The current actual of an indicator as decimal text, or null (no data). */
  actual(indicatorId: string): Decimal | null;
  /** The subject's scorecard now (no rank), with `next` on every indicator. */
  score(): Scorecard;
  /** The same as canonical JSON text. */
  scoreJson(): string;
  /**
   * The what-if preview now: every figure of `score()` that can change in a session
   * (total, rating, payout, per group and per indicator, `next` included), the same
   * text, as columns in about half the JSON. The fast path for a slider drag.
   */
  preview(): Preview;
  /** The preview as JSON text. */
  previewJson(): string;
  /** Release the session's memory now (otherwise when it is garbage-collected). */
  free(): void;
}
