// Types of attain-node, following docs/FORMAT.md (the plan / input / result / error
// contract). Checked with `tsc --strict --noEmit` against test/types-check.ts.

// ---------------------------------------------------------------- numbers

/**
 * A decimal the engine gives back: a string with exactly the plan's
 * `rounding.scale` digits after the point (`"87.50"`).
 */
export type DecimalText = string;

/**
 * A decimal you give in an input object: text (`"12.5"`), a BigInt, or an object
 * whose `toJSON()` gives that text (decimal.js, big.js, Prisma's Decimal).
 * Never a JS `number`: it is a binary float and may already have lost digits, so
 * the engine refuses it (code `wrong_type`).
 */
export type DecimalInput = string | bigint | { toJSON(): string };

/** A decimal in a plan document (JSON text): a number or a numeric string. */
export type PlanDecimal = string | number;

// ---------------------------------------------------------------- errors

/** Which document was refused. */
export type ErrorKind = 'plan' | 'input';

/** One problem found in a plan or an input. */
export interface Problem {
  /** JSON pointer into the document that was read (`"/tree/children/1"`, `""` for the root). */
  path: string;
  /** Stable snake_case code (`"weights_do_not_sum_to_100"`). */
  code: string;
  message: string;
}

/** The shared error document (`JSON.stringify(error)` gives it). */
export interface ErrorDocument {
  error: ErrorKind;
  problems: Problem[];
}

/** A refused plan or input, with every problem found. */
export declare class AttainError extends Error {
  constructor(kind: ErrorKind, problems: Problem[]);
  readonly name: 'AttainError';
  /** Which document was refused. */
  readonly kind: ErrorKind;
  /** Every problem found, in document order (never empty). */
  readonly problems: Problem[];
  /** The code of the first problem. */
  readonly code: string;
  /** The path of the first problem. */
  readonly path: string;
  toJSON(): ErrorDocument;
}

// ---------------------------------------------------------------- plan document

export type UnitKind = 'money' | 'count' | 'percent' | 'ratio' | 'days' | 'points';
export type Direction = 'higher_is_better' | 'lower_is_better' | 'band';
export type IndicatorClass = 'result' | 'process' | 'collaboration';
export type MissingPolicy = 'reweight' | 'zero' | 'refuse';
export type RoundingMode = 'half_away_from_zero' | 'half_even' | 'down';

export interface Unit {
  kind: UnitKind;
  /** 3 letters, required for `money` and only there. */
  currency?: string;
}

export interface Tier {
  name: string;
  at: PlanDecimal;
  score?: PlanDecimal;
}

export interface Target {
  value?: PlanDecimal;
  per_subject?: boolean;
  prorate?: boolean;
  tier_basis?: 'actual' | 'achievement';
  tiers?: Tier[];
}

export type Curve =
  | { kind: 'ratio'; cap?: PlanDecimal; gate?: PlanDecimal }
  | { kind: 'step'; below?: PlanDecimal }
  | { kind: 'linear'; below?: 'zero' | 'flat'; above?: 'cap' | 'extrapolate'; max?: PlanDecimal }
  | { kind: 'band'; low: PlanDecimal; high: PlanDecimal; full?: PlanDecimal; per_unit: PlanDecimal; floor?: PlanDecimal }
  | { kind: 'pass_fail'; full?: PlanDecimal }
  | { kind: 'deduction'; full?: PlanDecimal; per_unit: PlanDecimal; floor?: PlanDecimal };

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

/** How an indicator's actual is measured from facts. */
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

export interface GroupSpec {
  group: string;
  name?: string;
  weight?: PlanDecimal;
  missing?: MissingPolicy;
  children: TreeNodeSpec[];
}

export interface IndicatorRef {
  indicator: string;
  weight?: PlanDecimal;
  missing?: MissingPolicy;
}

export type TreeNodeSpec = GroupSpec | IndicatorRef;

export type Adjustment =
  | { kind: 'gate'; indicator: string; basis?: 'achievement' | 'actual'; threshold: PlanDecimal; cap: PlanDecimal; group?: string }
  | { kind: 'bonus' | 'deduction'; id: string; name: string; max: PlanDecimal };

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
}

// ---------------------------------------------------------------- input

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
  };
}

// ---------------------------------------------------------------- result

export type SubjectFlag = 'adjusted' | 'capped' | 'floored' | 'gated' | 'missing' | 'prorated';
export type NodeFlag = 'capped' | 'extrapolated' | 'floored' | 'gated' | 'missing' | 'prorated' | 'reweighted';

/** What it takes to reach the next tier or whole score point on one indicator. */
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
  name: string | null;
  weight: DecimalText | null;
  effective_weight: DecimalText | null;
  actual: DecimalText | null;
  /** After proration. */
  target: DecimalText | null;
  achievement: DecimalText | null;
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

export type TreeNode = GroupNode | IndicatorNode;
/** The same as `TreeNode` (the name attain-wasm uses). */
export type ResultNode = TreeNode;

export interface AdjustmentResult {
  /** The adjustment id; `gate:<indicator>` for a gate. */
  id: string;
  kind: 'gate' | 'bonus' | 'deduction';
  /** Signed effect of a bonus / deduction; a gate's cap when it applied, else null. */
  points: DecimalText | null;
  flags: string[];
}

/** One subject's result, with the explanation tree. */
export interface Scorecard {
  id: string;
  status: 'scored' | 'refused';
  total: DecimalText | null;
  rating: string | null;
  rank: number | null;
  payout: DecimalText | null;
  flags: SubjectFlag[];
  groups: Record<string, string>;
  /** The tree's score before adjustments. */
  score: DecimalText | null;
  adjustments: AdjustmentResult[];
  tree: GroupNode | null;
  /** Why the subject was refused (empty when scored). */
  problems: Problem[];
}

/** The result document; subjects sorted by id (byte order). */
export interface Results {
  plan: { id: string; version: string };
  subjects: Scorecard[];
}

// ---------------------------------------------------------------- run

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

/** A run document (FORMAT.md "Roster, targets, actuals", "Facts"). */
export interface RunDocument {
  plans: PlanDocument[];
  roster: RosterRow[];
  /** The whole facts file as one string (ledger lines refer to it). */
  facts?: { format?: 'csv' | 'jsonl'; text: string };
  targets?: { subject: string; indicator: string; target: string }[];
  team_targets?: { team: string; indicator: string; target: string }[];
  actuals?: { subject: string; indicator: string; actual: string }[];
  /** `2026-Q3`, `FY2027-Q1`, `2026-W27`, `2026-07`, `2026-07-01..2026-09-30`, … */
  period: string;
  /** Period to date: a day inside the period. */
  as_of?: string | null;
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
  rejections: { line: number; field: string; code: string; message: string }[];
  conflicts: { id: string; lines: number[] }[];
}

/** The run result: rows = used + outside + duplicate + conflicting + rejected. */
export interface RunResult {
  period: {
    id: string;
    start: string;
    end: string;
    days: number;
    as_of: string | null;
    elapsed: DecimalText | null;
    time_zone: string;
  };
  results: { plan: { id: string; version: string }; subjects: RunSubject[] }[];
  teams: TeamResult[];
  unscored: { subject: string; code: string; message: string }[];
  ledger: Ledger;
}

/** Options of the async forms. */
export interface AsyncOptions {
  /**
   * Cancels the work while it waits for a thread of the pool (the promise rejects
   * with an `AbortError`); work already running finishes. An already aborted signal
   * rejects at once with its reason.
   */
  signal?: AbortSignalLike;
}

/** What the async forms use of an `AbortSignal` (Node's global `AbortSignal` fits). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void): void;
}

// ---------------------------------------------------------------- API

/** A validated KPI plan (销售KPI绩效考核表). Immutable; share it freely. */
// The what-if preview (FORMAT.md "Preview"), the same shape as in the browser binding.
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

export declare class Plan {
  private constructor();
  /** Parse and validate a plan from its JSON text; throws `AttainError` (kind "plan"). */
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
  /** Score an input (object or JSON text); throws `AttainError` (kind "input"). */
  score(input: InputDocument | string): Results;
  /** Input JSON text → canonical result JSON text (the same bytes in every binding). */
  scoreJson(text: string): string;
  /** `score` with the scoring on the libuv thread pool (`signal` cancels it while it waits). */
  scoreAsync(input: InputDocument | string, options?: AsyncOptions): Promise<Results>;
  /** `scoreJson` on the libuv thread pool. */
  scoreJsonAsync(text: string, options?: AsyncOptions): Promise<string>;
  /**
   * `scoreJson` as a Buffer of UTF-8 bytes, for results that go on to a socket or a
   * file (no JS string is built, so no length limit). The input is JSON text or its
   * UTF-8 bytes (a request body).
   */
  scoreJsonBuffer(text: string | Uint8Array): Buffer;
  /** `scoreJsonBuffer` on the libuv thread pool. */
  scoreJsonBufferAsync(text: string | Uint8Array, options?: AsyncOptions): Promise<Buffer>;
  /**
   * One subject's scorecard, ranked among the input's subjects, with `next`
   * (what it takes) computed; null when the input has no such subject.
   */
  explain(input: InputDocument | string, subjectId: string): Scorecard | null;
  /** `explain` on input JSON text, giving canonical scorecard text or null. */
  explainJson(text: string, subjectId: string): string | null;
  /**
   * A what-if session for one subject (a subject object of the input format, or its
   * JSON text); throws `AttainError` (kind "input", paths into the subject object).
   */
  whatIf(subject: SubjectInput | string): WhatIf;
}

/** One subject whose actuals change and are re-scored at once (made by `plan.whatIf`). */
export declare class WhatIf {
  private constructor();
  /** Set an indicator's actual (decimal text, or a BigInt), or clear it with null; chainable. */
  set(indicatorId: string, value: DecimalInput | null): this;
  /** The current actual as decimal text, or null (no data). */
  actual(indicatorId: string): DecimalText | null;
  /** The scorecard now (no rank; `next` computed). */
  score(): Scorecard;
  /** The scorecard now, as canonical JSON text. */
  scoreJson(): string;
  /** The preview now: the figures a live view redraws. */
  preview(): Preview;
  /** The preview as JSON text. */
  previewJson(): string;
}

/** The JSON Schema of a plan document. */
export declare function planSchema(): Record<string, unknown>;

/**
 * A run: plans + roster + facts + period → scorecards for every person and team and
 * a ledger of every fact row. In the object form, JS numbers are refused except
 * safe integers inside `plans`; give JSON text to pass any number exactly.
 * Throws `AttainError` (kind "plan" or "input").
 */
export declare function run(document: RunDocument | string): RunResult;
/** A run document's JSON text → the canonical run result text. */
export declare function runJson(text: string): string;
/** `run` on the libuv thread pool. */
export declare function runAsync(document: RunDocument | string, options?: AsyncOptions): Promise<RunResult>;
/** `runJson` on the libuv thread pool. */
export declare function runJsonAsync(text: string, options?: AsyncOptions): Promise<string>;
/** `runJson` as a Buffer of UTF-8 bytes (see `Plan.scoreJsonBuffer`). */
export declare function runJsonBuffer(text: string | Uint8Array): Buffer;
/** `runJsonBuffer` on the libuv thread pool. */
export declare function runJsonBufferAsync(text: string | Uint8Array, options?: AsyncOptions): Promise<Buffer>;
