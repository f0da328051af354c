//! The run: plans + roster + facts + period → scorecards for every person and team,
//! and a ledger that accounts for every fact row (see `docs/FORMAT.md`).
//!
//! Facts are read twice from the caller's source: the first pass only indexes ids
//! and row contents (to find duplicates and conflicts whatever the row order), the
//! second measures. Memory is the subjects × indicators accumulators, plus 24 bytes
//! per distinct fact id for the index (`seen.rs`; about 40 with the hash tables'
//! spare room).

use crate::error::{Code, Error, Problem};
use crate::output::card::write_card;
use crate::plan::calendar::{Calendar, When, ZoneCache};
use crate::plan::measure::{Cond, Measure};
use crate::plan::spec::{ConditionOp, Direction, MeasureKind, RankMethod};
use crate::plan::Plan;
use crate::run::accumulate::{Acc, Add};
use crate::run::columns::{self, FactBatch};
use crate::run::facts::{
    scan, scan_chunk, BadRow, Chunk, CsvSource, FactsFormat, FieldTable, Row, StrBuild,
};
use crate::run::id_index::{IdKey, KeyBuild, SeenIndex};
use crate::run::period::{date_text, Period};
use crate::run::roster::{read_roster, read_values, split, Member, ValueRow};
use crate::score::input::{Input, SubjectInput};
use crate::score::results::{Results, Scorecard};
use crate::util::json_out::JsonOut;
use crate::util::json_reader::{join, Reader};
use crate::util::number::parse_decimal;
use crate::util::rounding::round;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

/// Everything a run needs besides the facts: plans, roster, targets, period.
#[derive(Debug, Clone)]
pub struct RunSetup {
    threads: Option<usize>,
    plans: Vec<Plan>,
    period: Period,
    as_of: Option<NaiveDate>,
    members: Vec<Member>,
    targets: Vec<ValueRow>,
    team_targets: Vec<ValueRow>,
    actuals: Vec<ValueRow>,
}

/// A condition compiled against field positions.
#[derive(Debug)]
enum CCond {
    Text {
        f: usize,
        value: String,
        negate: bool,
    },
    Number {
        f: usize,
        op: ConditionOp,
        value: Decimal,
    },
    Bool {
        f: usize,
        value: bool,
        negate: bool,
    },
    In {
        f: usize,
        values: Vec<String>,
        negate: bool,
    },
    Present {
        f: usize,
        negate: bool,
    },
    Within {
        from: usize,
        to: usize,
        limit_ms: Decimal,
    },
}

/// A measure that reads facts (a measure, or one part of a ratio).
#[derive(Debug)]
struct Leaf {
    indicator: usize,
    part: usize,
    kind: MeasureKind,
    types: Vec<String>,
    date: usize,
    field: Option<usize>,
    from: Option<usize>,
    to: Option<usize>,
    filter: Vec<CCond>,
    condition: Vec<CCond>,
}

/// One problem of a rejected row: the field (by position; None for the whole row)
/// and the code.
type RowProblem = (Option<usize>, &'static str);

/// The message of each rejection and `unscored` code: fixed, so that every
/// implementation writes the same bytes.
fn message(code: &str) -> &'static str {
    match code {
        "missing_id" => "the row has no id",
        "unknown_subject" => "the subject is not in the roster or has no plan",
        "unknown_type" => "no measure reads this type",
        "bad_number" => "not a decimal number",
        "bad_date" => "not a date or timestamp",
        "bad_boolean" => "not a boolean",
        "missing_value" => "a field a measure needs is empty",
        "negative_duration" => "the end of the duration is before its start",
        "bad_row" => "the row cannot be read",
        "no_plan" => "no plan has the subject's role",
        "inactive" => "the subject has no active day in the period",
        _ => "",
    }
}

/// Who a fact's subject is.
#[derive(Debug, Clone, Copy)]
enum Who {
    Scored(usize),
    /// In the roster with a plan, but no active day: facts are checked, not counted.
    Inactive(usize),
    NoPlan,
}

struct Subject {
    member: usize,
    plan: usize,
    accs: Vec<Option<Acc>>,
    /// Active days in the full period and in the window read.
    days_full: i64,
    days_window: i64,
}

/// Counts of the ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    pub rows: u64,
    pub used: u64,
    pub outside: u64,
    pub duplicate: u64,
    pub conflicting: u64,
    pub rejected: u64,
    rejections: Vec<(u64, Option<String>, &'static str)>,
    conflicts: Vec<(String, Vec<u64>)>,
}

impl Ledger {
    /// Whether the buckets add up to the rows read (always true).
    pub fn adds_up(&self) -> bool {
        self.used + self.outside + self.duplicate + self.conflicting + self.rejected == self.rows
    }

    /// Rejected rows: (line, field, code, message), sorted by line then field.
    pub fn rejections(&self) -> impl Iterator<Item = (u64, Option<&str>, &str, &str)> {
        self.rejections
            .iter()
            .map(|(l, f, c)| (*l, f.as_deref(), *c, message(c)))
    }

    fn write(&self, j: &mut JsonOut) {
        j.begin_obj();
        j.field("rows").uint(self.rows);
        j.field("used").uint(self.used);
        j.field("outside").uint(self.outside);
        j.field("duplicate").uint(self.duplicate);
        j.field("conflicting").uint(self.conflicting);
        j.field("rejected").uint(self.rejected);
        j.field("rejections").begin_arr();
        for (line, field, code) in &self.rejections {
            j.begin_obj();
            j.field("line").uint(*line);
            j.field("field").opt_str(field.as_deref());
            j.field("code").str(code);
            j.field("message").str(message(code));
            j.end_obj();
        }
        j.end_arr();
        j.field("conflicts").begin_arr();
        for (id, lines) in &self.conflicts {
            j.begin_obj();
            j.field("id").str(id);
            j.field("lines").begin_arr();
            for l in lines {
                j.uint(*l);
            }
            j.end_arr();
            j.end_obj();
        }
        j.end_arr();
        j.end_obj();
    }
}

/// The outcome of a run.
#[derive(Debug, Clone)]
pub struct RunResult {
    json: String,
    value: std::sync::OnceLock<Value>,
    ledger: Ledger,
    results: Vec<Results>,
}

impl RunResult {
    /// The canonical run document (read from its text on first use).
    pub fn to_value(&self) -> &Value {
        self.value
            .get_or_init(|| serde_json::from_str(&self.json).unwrap_or(Value::Null))
    }

    /// The canonical run document as compact JSON text.
    pub fn to_json(&self) -> String {
        self.json.clone()
    }

    /// The canonical run document's text, borrowed.
    pub fn json(&self) -> &str {
        &self.json
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// The scorecards, one `Results` per plan (sorted by plan id).
    pub fn results(&self) -> &[Results] {
        &self.results
    }
}

fn input_err(problems: Vec<Problem>) -> Error {
    Error::Input(problems)
}

impl RunSetup {
    /// Read a run document: `{plans, roster, targets?, team_targets?, actuals?,
    /// period, as_of?}` (tables as arrays of objects of text fields). Extra keys
    /// (`facts`, `description`, …) are ignored here.
    pub fn from_value(v: &Value) -> Result<RunSetup, Error> {
        let mut plans = Vec::new();
        let mut plan_problems = Vec::new();
        match v.get("plans").and_then(Value::as_array) {
            Some(list) if !list.is_empty() => {
                for (i, p) in list.iter().enumerate() {
                    match Plan::from_value(p) {
                        Ok(plan) => plans.push(plan),
                        Err(e) => plan_problems.extend(e.problems().iter().map(|pr| {
                            Problem::new(
                                format!("/plans/{i}{}", pr.path),
                                pr.code,
                                pr.message.clone(),
                            )
                        })),
                    }
                }
            }
            _ => plan_problems.push(Problem::new(
                "/plans",
                Code::MissingField,
                "a run needs a list of plans",
            )),
        }
        if !plan_problems.is_empty() {
            return Err(Error::Plan(plan_problems));
        }
        let period = v
            .get("period")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let as_of = v.get("as_of").and_then(Value::as_str).map(str::to_string);
        RunSetup::new(plans, v, &period, as_of.as_deref())
    }

    /// Set up a run from validated plans, the tables of a run document, a period id
    /// and an optional as-of date.
    pub fn new(
        plans: Vec<Plan>,
        tables: &Value,
        period: &str,
        as_of: Option<&str>,
    ) -> Result<RunSetup, Error> {
        let mut plans = plans;
        plans.sort_by(|a, b| a.id().cmp(b.id()));
        let Some(first) = plans.first() else {
            return Err(Error::Plan(vec![Problem::new(
                "/plans",
                Code::MissingField,
                "a run needs at least one plan",
            )]));
        };
        let cal = first.calendar();
        let mismatch: Vec<Problem> = plans
            .iter()
            .enumerate()
            .filter(|(_, p)| p.calendar() != cal)
            .map(|(i, p)| {
                Problem::new(
                    format!("/plans/{i}/calendar"),
                    Code::CalendarMismatch,
                    format!(
                        "plan {:?} has another calendar than plan {:?}",
                        p.id(),
                        first.id()
                    ),
                )
            })
            .collect();
        if !mismatch.is_empty() {
            return Err(Error::Plan(mismatch));
        }
        let mut r = Reader::default();
        let period = match Period::parse(period, &cal) {
            Ok(p) => Some(p),
            Err(m) => {
                r.push("/period", Code::BadPeriod, m);
                None
            }
        };
        let as_of = match (as_of, &period) {
            (Some(t), Some(p)) => match crate::plan::calendar::parse_date(t) {
                Some(d) if p.contains(d) => Some(d),
                _ => {
                    r.push(
                        "/as_of",
                        Code::BadPeriod,
                        format!("as_of {t:?} is not a date inside {}", p.id),
                    );
                    None
                }
            },
            _ => None,
        };
        let members = read_roster(&mut r, tables.get("roster"));
        let targets = read_values(
            &mut r,
            tables.get("targets"),
            "/targets",
            "subject",
            "target",
        );
        let team_targets = read_values(
            &mut r,
            tables.get("team_targets"),
            "/team_targets",
            "team",
            "target",
        );
        let actuals = read_values(
            &mut r,
            tables.get("actuals"),
            "/actuals",
            "subject",
            "actual",
        );
        let Some(period) = period else {
            return Err(input_err(r.problems));
        };
        let setup = RunSetup {
            threads: None,
            plans,
            period,
            as_of,
            members,
            targets,
            team_targets,
            actuals,
        };
        setup.check_tables(&mut r);
        if r.problems.is_empty() {
            Ok(setup)
        } else {
            Err(input_err(r.problems))
        }
    }

    /// The plan index of a member, or why it has none.
    fn plan_of(&self, m: &Member) -> Option<usize> {
        let by_role = self
            .plans
            .iter()
            .position(|p| p.role().is_some() && p.role() == m.role.as_deref());
        by_role.or_else(|| {
            (self.plans.len() == 1 && self.plans.first().is_some_and(|p| p.role().is_none()))
                .then_some(0)
        })
    }

    fn check_tables(&self, r: &mut Reader) {
        let by_id: HashMap<&str, &Member> =
            self.members.iter().map(|m| (m.id.as_str(), m)).collect();
        let teams: HashSet<&str> = self
            .members
            .iter()
            .filter_map(|m| m.team.as_deref())
            .collect();
        // The subject's plan's indicator for a row, or the problem with the row.
        let lookup = |r: &mut Reader, row: &ValueRow| {
            let Some(m) = by_id.get(row.who.as_str()) else {
                r.push(
                    join(&row.path, "subject"),
                    Code::UnknownSubject,
                    format!("no subject {:?} in the roster", row.who),
                );
                return None;
            };
            let plan = self.plan_of(m).and_then(|p| self.plans.get(p))?;
            let ind = plan
                .indicator_index(&row.indicator)
                .and_then(|i| plan.inner.indicators.get(i));
            if ind.is_none() {
                r.push(
                    join(&row.path, "indicator"),
                    Code::UnknownIndicator,
                    format!("no indicator {:?} in plan {:?}", row.indicator, plan.id()),
                );
            }
            ind
        };
        for row in &self.targets {
            match lookup(r, row) {
                None => {}
                Some(ind) if !ind.target.per_subject => r.push(
                    join(&row.path, "indicator"),
                    Code::TargetNotPerSubject,
                    format!(
                        "indicator {:?} does not take per-subject targets",
                        row.indicator
                    ),
                ),
                Some(ind) if ind.divides_by_target() && row.value <= Decimal::ZERO => {
                    let code = if row.value.is_zero() {
                        Code::ZeroTarget
                    } else {
                        Code::NegativeTarget
                    };
                    r.push(
                        join(&row.path, "target"),
                        code,
                        "the target is divided by, so it must be above 0",
                    );
                }
                Some(_) => {}
            }
        }
        for row in &self.team_targets {
            if !teams.contains(row.who.as_str()) {
                r.push(
                    join(&row.path, "team"),
                    Code::UnknownSubject,
                    format!("no team {:?} in the roster", row.who),
                );
                continue;
            }
            let found: Vec<_> = self
                .plans
                .iter()
                .filter_map(|p| {
                    p.indicator_index(&row.indicator)
                        .and_then(|i| p.inner.indicators.get(i))
                })
                .collect();
            if found.is_empty() {
                r.push(
                    join(&row.path, "indicator"),
                    Code::UnknownIndicator,
                    format!("no plan has indicator {:?}", row.indicator),
                );
            } else if found.iter().any(|ind| !ind.target.per_subject) {
                r.push(
                    join(&row.path, "indicator"),
                    Code::TargetNotPerSubject,
                    format!(
                        "indicator {:?} does not take per-subject targets",
                        row.indicator
                    ),
                );
            }
        }
        for row in &self.actuals {
            match lookup(r, row) {
                None => {}
                Some(ind) if ind.measure.is_some() => r.push(
                    join(&row.path, "indicator"),
                    Code::InvalidValue,
                    format!("indicator {:?} is measured from facts", row.indicator),
                ),
                Some(_) => {}
            }
        }
    }

    /// Read facts on at most `n` threads (default: every core). The result is the
    /// same whatever the number.
    pub fn with_threads(mut self, n: usize) -> RunSetup {
        self.threads = Some(n.max(1));
        self
    }

    pub fn period(&self) -> &Period {
        &self.period
    }
}

/// Run over facts given as bytes (a whole CSV or JSON Lines file).
pub fn run_bytes(setup: &RunSetup, format: FactsFormat, facts: &[u8]) -> Result<RunResult, Error> {
    run(setup, format, || Ok(facts))
}

/// Run a whole run document, facts included as `{"format": "csv", "text": "…"}`;
/// returns the canonical run result text. The one-call form of the bindings.
pub fn run_json(document: &str) -> Result<String, Error> {
    let v: Value = serde_json::from_str(document).map_err(|e| {
        input_err(vec![Problem::new(
            "",
            Code::InvalidJson,
            format!("not valid JSON: {e}"),
        )])
    })?;
    run_value(&v).map(|r| r.to_json())
}

/// As [`run_json`], from a parsed document.
pub fn run_value(v: &Value) -> Result<RunResult, Error> {
    let setup = RunSetup::from_value(v)?;
    let facts = v.get("facts");
    let format = facts
        .and_then(|f| f.get("format"))
        .and_then(Value::as_str)
        .map_or(Some(FactsFormat::Csv), FactsFormat::from_name)
        .ok_or_else(|| {
            input_err(vec![Problem::new(
                "/facts/format",
                Code::InvalidValue,
                "facts format is csv or jsonl",
            )])
        })?;
    let text = facts
        .and_then(|f| f.get("text"))
        .and_then(Value::as_str)
        .unwrap_or("");
    run_bytes(&setup, format, text.as_bytes())
}

/// Run over facts read from a source that can be opened twice (a file).
pub fn run<R: Read>(
    setup: &RunSetup,
    format: FactsFormat,
    open: impl FnMut() -> std::io::Result<R>,
) -> Result<RunResult, Error> {
    two_passes(
        setup,
        &mut Files {
            format,
            open,
            threads: threads(setup),
        },
    )
}

/// Run over facts given as columns of text (an Arrow table's, say), in batches
/// with the same columns. Rows are numbered as the lines of the CSV file the
/// batches would make: the first row is line 2.
///
/// ```
/// use attain::{run_columns, FactBatch, Offsets, RunSetup, TextColumn};
///
/// let setup = RunSetup::from_value(&serde_json::json!({
///   "plans": [{"id": "ae", "name": "AE", "version": "1",
///     "indicators": [{"id": "won", "name": "赢单数", "unit": {"kind": "count"},
///       "direction": "higher_is_better", "target": {"value": 2},
///       "curve": {"kind": "ratio", "cap": 150},
///       "measure": {"kind": "count", "fact": "deal", "date": "won_at"}}],
///     "tree": {"group": "root", "children": [{"indicator": "won", "weight": 100}]}}],
///   "roster": [{"subject": "wang"}],
///   "period": "2026-07"
/// }))?;
/// // Three columns of two rows, as an Arrow table's string columns lay them out.
/// let id = TextColumn::new("id", b"d1d2", Offsets::Narrow(&[0, 2, 4]), None)?;
/// let subject = TextColumn::new("subject", b"wangwang", Offsets::Narrow(&[0, 4, 8]), None)?;
/// let kind = TextColumn::new("type", b"dealdeal", Offsets::Narrow(&[0, 4, 8]), None)?;
/// let won_at = TextColumn::new("won_at", b"2026-07-012026-08-01", Offsets::Narrow(&[0, 10, 20]), None)?;
/// let batch = FactBatch::new(vec![id, subject, kind, won_at])?;
/// let result = run_columns(&setup, &[batch])?;
/// let ledger = result.ledger();
/// assert_eq!((ledger.used, ledger.outside), (1, 1));
/// assert_eq!(result.to_value()["results"][0]["subjects"][0]["total"], "50.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_columns(setup: &RunSetup, batches: &[FactBatch<'_>]) -> Result<RunResult, Error> {
    two_passes(
        setup,
        &mut Columns {
            batches,
            threads: threads(setup),
        },
    )
}

fn threads(setup: &RunSetup) -> usize {
    setup
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, MAX_THREADS)
}

/// Where a run's facts come from: read twice, each time folding every row into
/// states (one per worker) that the caller merges exactly.
trait Facts {
    fn pass<T: Send>(
        &mut self,
        table: &FieldTable,
        first_pass: bool,
        init: impl Fn() -> T + Sync,
        visit: impl Fn(&mut T, Result<Row<'_>, BadRow>) + Sync,
    ) -> Result<Vec<T>, String>;
}

/// A file (or bytes) opened once per pass; CSV is read on several threads.
struct Files<F> {
    format: FactsFormat,
    open: F,
    threads: usize,
}

impl<R: Read, F: FnMut() -> std::io::Result<R>> Facts for Files<F> {
    fn pass<T: Send>(
        &mut self,
        table: &FieldTable,
        first_pass: bool,
        init: impl Fn() -> T + Sync,
        visit: impl Fn(&mut T, Result<Row<'_>, BadRow>) + Sync,
    ) -> Result<Vec<T>, String> {
        let reader = (self.open)().map_err(|e| e.to_string())?;
        if self.format == FactsFormat::Csv && self.threads > 1 {
            return scan_parallel(reader, table, self.threads, first_pass, init, visit);
        }
        let mut state = init();
        scan(self.format, reader, table, first_pass, |row| {
            visit(&mut state, row)
        })?;
        Ok(vec![state])
    }
}

/// Batches of columns, read in pieces by several threads.
struct Columns<'b, 'a> {
    batches: &'b [FactBatch<'a>],
    threads: usize,
}

impl Facts for Columns<'_, '_> {
    fn pass<T: Send>(
        &mut self,
        table: &FieldTable,
        first_pass: bool,
        init: impl Fn() -> T + Sync,
        visit: impl Fn(&mut T, Result<Row<'_>, BadRow>) + Sync,
    ) -> Result<Vec<T>, String> {
        let layout = columns::layout(self.batches, table)?;
        let workers = self.threads.min(layout.pieces.len()).max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = || {
            let mut state = init();
            loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(piece) = layout.pieces.get(k) else {
                    break;
                };
                columns::scan_piece(self.batches, &layout, piece, first_pass, &mut |row| {
                    visit(&mut state, row)
                });
            }
            state
        };
        if workers == 1 {
            return Ok(vec![work()]);
        }
        std::thread::scope(|sc| {
            let handles: Vec<_> = (0..workers).map(|_| sc.spawn(work)).collect();
            let mut states = Vec::with_capacity(workers);
            for h in handles {
                match h.join() {
                    Ok(state) => states.push(state),
                    Err(_) => return Err("a worker thread failed".to_string()),
                }
            }
            Ok(states)
        })
    }
}

/// The id index (first pass), then classifying and measuring every row (second).
fn two_passes(setup: &RunSetup, facts: &mut impl Facts) -> Result<RunResult, Error> {
    let mut engine = Engine::new(setup);
    let io = |e: String| input_err(vec![Problem::new("/facts", Code::InvalidValue, e)]);
    let table = std::mem::take(&mut engine.table);
    let id_f = engine.id_f;
    let maps = facts
        .pass(&table, true, SeenIndex::default, |seen, row| {
            seen.index_row(id_f, row)
        })
        .map_err(io)?;
    for m in maps {
        engine.seen.merge(m);
    }
    let eng = &engine;
    let locals = facts
        .pass(
            &table,
            false,
            || eng.local(),
            |local, row| eng.measure(local, row, &table),
        )
        .map_err(io)?;
    for local in locals {
        engine.absorb(local);
    }
    engine.table = table;
    engine.finish()
}

/// Most threads a pass uses.
const MAX_THREADS: usize = 8;

/// Read a CSV on several threads: the calling thread cuts it into chunks of whole
/// records, each worker folds rows into its own state (made by `init`). The states
/// are merged by the caller exactly, so nothing depends on the thread count.
fn scan_parallel<R: Read, T: Send>(
    reader: R,
    table: &FieldTable,
    threads: usize,
    first_pass: bool,
    init: impl Fn() -> T + Sync,
    visit: impl Fn(&mut T, Result<Row<'_>, BadRow>) + Sync,
) -> Result<Vec<T>, String> {
    let Some(mut src) = CsvSource::open(reader, table)? else {
        return Ok(Vec::new());
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(threads * 2);
    let rx = std::sync::Mutex::new(rx);
    let layout = src.layout.clone();
    std::thread::scope(|sc| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (rx, layout, init, visit) = (&rx, &layout, &init, &visit);
                sc.spawn(move || {
                    let mut state = init();
                    loop {
                        let next = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => break,
                        };
                        let Ok(chunk) = next else { break };
                        let _ = scan_chunk(&chunk, layout, first_pass, &mut |row| {
                            visit(&mut state, row)
                        });
                    }
                    state
                })
            })
            .collect();
        let fed = feed(&mut src, &tx);
        drop(tx);
        let mut states = Vec::with_capacity(threads);
        for w in workers {
            match w.join() {
                Ok(state) => states.push(state),
                Err(_) => return Err("a worker thread failed".to_string()),
            }
        }
        fed.map(|()| states)
    })
}

fn feed<R: Read>(
    src: &mut CsvSource<R>,
    tx: &std::sync::mpsc::SyncSender<Chunk>,
) -> Result<(), String> {
    while let Some(chunk) = src.next_chunk(1 << 20)? {
        if tx.send(chunk).is_err() {
            break;
        }
    }
    Ok(())
}

struct Engine<'s> {
    setup: &'s RunSetup,
    table: FieldTable,
    id_f: usize,
    subject_f: usize,
    type_f: usize,
    /// Leaves per plan.
    leaves: Vec<Vec<Leaf>>,
    all_typed: bool,
    known_types: HashSet<String, StrBuild>,
    subjects: Vec<Subject>,
    by_id: HashMap<String, Who, StrBuild>,
    unscored: Vec<(String, &'static str)>,
    seen: SeenIndex,
    window: Period,
    ledger: Ledger,
    conflicts: HashMap<IdKey, (String, Vec<u64>), KeyBuild>,
}

/// Dates and numbers already read from the current row (several measures often
/// read the same field).
#[derive(Default)]
struct Memo {
    /// The reader's time zone offset cache (kept from row to row).
    zone: ZoneCache,
    when: Vec<(usize, Option<When>)>,
    number: Vec<(usize, Option<Decimal>)>,
}

/// What the second pass made of one row.
enum Outcome {
    Used,
    Outside,
    Duplicate,
    Conflicting,
    Rejected(u64),
}

/// One reader's share of the second pass: its own accumulators and counts.
struct Local {
    accs: Vec<Vec<Option<Acc>>>,
    ledger: Ledger,
    /// Lines of each conflicting id (seen here, in the second pass).
    conflicts: HashMap<IdKey, (String, Vec<u64>), KeyBuild>,
    /// Contributions of the row being read: (indicator, part, what, text field).
    staged: Vec<(usize, usize, Add, usize)>,
    memo: Memo,
    problems: Vec<RowProblem>,
}

impl Local {
    /// Count a rejected row with its problems (distinct, sorted by field then code).
    fn reject(&mut self, line: u64, table: &FieldTable, problems: &mut Vec<RowProblem>) {
        self.ledger.rejected += 1;
        let mut named: Vec<(Option<String>, &'static str)> = problems
            .iter()
            .map(|(f, c)| (f.and_then(|f| table.names.get(f).cloned()), *c))
            .collect();
        named.sort();
        named.dedup();
        for (field, code) in named {
            self.ledger.rejections.push((line, field, code));
        }
        problems.clear();
    }
}

impl<'s> Engine<'s> {
    fn new(setup: &'s RunSetup) -> Engine<'s> {
        let mut table = FieldTable::default();
        let fields = setup
            .plans
            .first()
            .map(|p| p.inner.fact_fields.clone())
            .unwrap_or_default();
        let id_f = table.intern(&fields.id);
        table.id = Some(id_f);
        let subject_f = table.intern(&fields.subject);
        let type_f = table.intern(&fields.kind);
        let mut leaves = Vec::new();
        let mut all_typed = true;
        let mut known_types = HashSet::default();
        for plan in &setup.plans {
            let mut list = Vec::new();
            for (i, ind) in plan.inner.indicators.iter().enumerate() {
                let Some(m) = &ind.measure else { continue };
                for (part, leaf) in m.leaves().into_iter().enumerate() {
                    if leaf.types.is_empty() {
                        all_typed = false;
                    }
                    known_types.extend(leaf.types.iter().cloned());
                    list.push(compile(&mut table, i, part, leaf));
                }
            }
            leaves.push(list);
        }
        let window = match setup.as_of {
            Some(d) => Period {
                id: setup.period.id.clone(),
                start: setup.period.start,
                end: d + Duration::days(1),
            },
            None => setup.period.clone(),
        };
        let mut subjects = Vec::new();
        let mut by_id: HashMap<String, Who, StrBuild> = HashMap::default();
        let mut unscored = Vec::new();
        for (mi, m) in setup.members.iter().enumerate() {
            let days_full = active_days(m, &setup.period);
            let days_window = active_days(m, &window);
            match setup.plan_of(m) {
                None => {
                    unscored.push((m.id.clone(), "no_plan"));
                    by_id.insert(m.id.clone(), Who::NoPlan);
                }
                Some(p) if days_full <= 0 => {
                    unscored.push((m.id.clone(), "inactive"));
                    by_id.insert(m.id.clone(), Who::Inactive(p));
                }
                Some(p) => {
                    let accs = setup
                        .plans
                        .get(p)
                        .map(|plan| {
                            plan.inner
                                .indicators
                                .iter()
                                .map(|i| i.measure.as_ref().map(Acc::new))
                                .collect()
                        })
                        .unwrap_or_default();
                    by_id.insert(m.id.clone(), Who::Scored(subjects.len()));
                    subjects.push(Subject {
                        member: mi,
                        plan: p,
                        accs,
                        days_full,
                        days_window,
                    });
                }
            }
        }
        unscored.sort();
        Engine {
            setup,
            table,
            id_f,
            subject_f,
            type_f,
            leaves,
            all_typed,
            known_types,
            subjects,
            by_id,
            unscored,
            seen: SeenIndex::default(),
            window,
            ledger: Ledger::default(),
            conflicts: HashMap::default(),
        }
    }

    /// The mutable state of one reader of the second pass (one per thread).
    fn local(&self) -> Local {
        Local {
            accs: self.subjects.iter().map(|s| s.accs.clone()).collect(),
            ledger: Ledger::default(),
            conflicts: HashMap::default(),
            staged: Vec::new(),
            memo: Memo::default(),
            problems: Vec::new(),
        }
    }

    /// Fold a reader's accumulators and counts into the engine (exact, in any order).
    fn absorb(&mut self, local: Local) {
        for (s, accs) in self.subjects.iter_mut().zip(local.accs) {
            for (mine, theirs) in s.accs.iter_mut().zip(accs) {
                if let (Some(a), Some(b)) = (mine.as_mut(), theirs.as_ref()) {
                    a.merge(b);
                }
            }
        }
        let l = local.ledger;
        self.ledger.rows += l.rows;
        self.ledger.used += l.used;
        self.ledger.outside += l.outside;
        self.ledger.duplicate += l.duplicate;
        self.ledger.conflicting += l.conflicting;
        self.ledger.rejected += l.rejected;
        self.ledger.rejections.extend(l.rejections);
        for (k, (id, lines)) in local.conflicts {
            self.conflicts
                .entry(k)
                .or_insert_with(|| (id, Vec::new()))
                .1
                .extend(lines);
        }
    }

    /// Second pass: classify each row and add first occurrences to the measures.
    fn measure(&self, local: &mut Local, row: Result<Row<'_>, BadRow>, table: &FieldTable) {
        local.ledger.rows += 1;
        let mut problems = std::mem::take(&mut local.problems);
        problems.clear();
        let outcome = self.classify(local, row, &mut problems);
        match outcome {
            Outcome::Rejected(line) => local.reject(line, table, &mut problems),
            Outcome::Used => local.ledger.used += 1,
            Outcome::Outside => local.ledger.outside += 1,
            Outcome::Duplicate => local.ledger.duplicate += 1,
            Outcome::Conflicting => local.ledger.conflicting += 1,
        }
        local.problems = problems;
    }

    fn classify(
        &self,
        local: &mut Local,
        row: Result<Row<'_>, BadRow>,
        problems: &mut Vec<RowProblem>,
    ) -> Outcome {
        let row = match row {
            Ok(row) => row,
            Err(bad) => {
                problems.push((None, "bad_row"));
                return Outcome::Rejected(bad.line);
            }
        };
        let Some(id) = row.get(self.id_f) else {
            problems.push((Some(self.id_f), "missing_id"));
            return Outcome::Rejected(row.line);
        };
        let key = IdKey::of(id);
        if let Some(s) = self.seen.get(key) {
            if s.conflict() {
                local
                    .conflicts
                    .entry(key)
                    .or_insert_with(|| (id.to_string(), Vec::new()))
                    .1
                    .push(row.line);
                return Outcome::Conflicting;
            }
            if u64::from(s.first_line()) != row.line {
                return Outcome::Duplicate;
            }
        }
        let subject = row.get(self.subject_f).unwrap_or("");
        let (plan, scored) = match self.by_id.get(subject) {
            Some(Who::Scored(si)) => (self.subjects.get(*si).map_or(0, |s| s.plan), Some(*si)),
            Some(Who::Inactive(p)) => (*p, None),
            _ => {
                problems.push((Some(self.subject_f), "unknown_subject"));
                return Outcome::Rejected(row.line);
            }
        };
        let kind = row.get(self.type_f).unwrap_or("");
        if self.all_typed && !self.known_types.contains(kind) {
            problems.push((Some(self.type_f), "unknown_type"));
            return Outcome::Rejected(row.line);
        }
        let cal = self
            .setup
            .plans
            .get(plan)
            .map(Plan::calendar)
            .unwrap_or_default();
        let leaves = self.leaves.get(plan).map(Vec::as_slice).unwrap_or(&[]);
        local.staged.clear();
        local.memo.when.clear();
        local.memo.number.clear();
        for leaf in leaves {
            if let Some(add) = evaluate(
                leaf,
                &row,
                kind,
                &cal,
                &self.window,
                &mut local.memo,
                problems,
            ) {
                local.staged.push((
                    leaf.indicator,
                    leaf.part,
                    add,
                    leaf.field.unwrap_or(usize::MAX),
                ));
            }
        }
        if !problems.is_empty() {
            return Outcome::Rejected(row.line);
        }
        // Only in-window contributions are staged: the row is used if any.
        let Some(accs) = scored.and_then(|si| local.accs.get_mut(si)) else {
            return Outcome::Outside;
        };
        if local.staged.is_empty() {
            return Outcome::Outside;
        }
        for (ind, part, add, text_field) in &local.staged {
            let text = match add {
                Add::Latest { .. } => id,
                _ => row.get(*text_field).unwrap_or(""),
            };
            if let Some(Some(acc)) = accs.get_mut(*ind) {
                acc.leaf(*part).add(add, text);
            }
        }
        Outcome::Used
    }

    fn finish(mut self) -> Result<RunResult, Error> {
        let setup = self.setup;
        self.ledger
            .rejections
            .sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let mut conflicts: Vec<(String, Vec<u64>)> = std::mem::take(&mut self.conflicts)
            .into_values()
            .map(|(id, mut lines)| {
                lines.sort_unstable();
                (id, lines)
            })
            .collect();
        conflicts.sort();
        self.ledger.conflicts = conflicts;

        let period_days = setup.period.days();
        let ptd = setup.as_of.is_some();
        let elapsed = Decimal::from(self.window.days()) / Decimal::from(period_days.max(1));
        let mut problems = Vec::new();
        let mut per_plan: Vec<(Vec<SubjectInput>, Vec<usize>)> = setup
            .plans
            .iter()
            .map(|_| (Vec::new(), Vec::new()))
            .collect();
        for (si, s) in self.subjects.iter().enumerate() {
            let (Some(plan), Some(m)) = (setup.plans.get(s.plan), setup.members.get(s.member))
            else {
                continue;
            };
            let mut input = SubjectInput::new(plan, m.id.clone());
            if let Some(t) = &m.team {
                input.set_group("team", t.clone());
            }
            if let Some(ro) = &m.role {
                input.set_group("role", ro.clone());
            }
            let active = Decimal::from(s.days_full) / Decimal::from(period_days.max(1));
            if active < Decimal::ONE {
                input.active = active;
            }
            for (i, ind) in plan.inner.indicators.iter().enumerate() {
                let Some(Some(acc)) = s.accs.get(i) else {
                    continue;
                };
                match acc.value(ind.percent) {
                    Ok(v) => input.set_actual_at(i, v),
                    Err(_) => problems.push(Problem::new(
                        format!("/subjects/{}/{}", m.id, ind.id),
                        Code::Overflow,
                        "a measured sum went beyond 28 significant digits",
                    )),
                }
                if ptd && ind.measure.as_ref().is_some_and(|mm| mm.kind.is_additive()) {
                    let days = if ind.target.prorate {
                        s.days_window
                    } else {
                        self.window.days()
                    };
                    if let Some(slot) = input.factors.get_mut(i) {
                        *slot = Some(Decimal::from(days) / Decimal::from(period_days.max(1)));
                    }
                }
            }
            if let Some(pp) = per_plan.get_mut(s.plan) {
                pp.0.push(input);
                pp.1.push(si);
            }
        }
        if !problems.is_empty() {
            return Err(input_err(problems));
        }
        // Direct actuals, team splits, then per-subject targets (which win).
        for row in &setup.actuals {
            for (inputs, _) in per_plan.iter_mut() {
                if let Some(inp) = inputs.iter_mut().find(|x| x.id == row.who) {
                    if let Some(i) = inp.plan.indicator_index(&row.indicator) {
                        inp.set_actual_at(i, Some(row.value));
                    }
                }
            }
        }
        for row in &setup.team_targets {
            for (p, plan) in setup.plans.iter().enumerate() {
                let Some(i) = plan.indicator_index(&row.indicator) else {
                    continue;
                };
                let Some(ind) = plan.inner.indicators.get(i) else {
                    continue;
                };
                let Some((inputs, _)) = per_plan.get_mut(p) else {
                    continue;
                };
                let team_members: Vec<(String, Option<Decimal>)> = inputs
                    .iter()
                    .filter(|x| x.groups.get("team") == Some(&row.who))
                    .map(|x| {
                        (
                            x.id.clone(),
                            setup
                                .members
                                .iter()
                                .find(|m| m.id == x.id)
                                .and_then(|m| m.share),
                        )
                    })
                    .collect();
                let by_share = !team_members.is_empty()
                    && team_members.iter().all(|m| m.1.is_some())
                    && team_members.iter().filter_map(|m| m.1).sum::<Decimal>() > Decimal::ZERO;
                let shares: Vec<(String, Decimal)> = team_members
                    .iter()
                    .map(|(id, s)| {
                        (
                            id.clone(),
                            if by_share {
                                s.unwrap_or_default()
                            } else {
                                Decimal::ZERO
                            },
                        )
                    })
                    .collect();
                let parts = split(row.value, ind.step, &shares);
                for inp in inputs.iter_mut() {
                    if let (Some(v), Some(slot)) = (parts.get(&inp.id), inp.targets.get_mut(i)) {
                        *slot = Some(*v);
                    }
                }
            }
        }
        for row in &setup.targets {
            for (inputs, _) in per_plan.iter_mut() {
                if let Some(inp) = inputs.iter_mut().find(|x| x.id == row.who) {
                    if let Some(i) = inp.plan.indicator_index(&row.indicator) {
                        if let Some(slot) = inp.targets.get_mut(i) {
                            *slot = Some(row.value);
                        }
                    }
                }
            }
        }

        // Score each plan's subjects, then its teams; write the document as we go.
        let first = setup.plans.first();
        let scale0 = first.map_or(2, Plan::scale);
        let strategy0 = first.map_or(rust_decimal::RoundingStrategy::MidpointAwayFromZero, |p| {
            p.inner.rounding.strategy
        });
        let mut j = JsonOut::new();
        j.begin_obj();
        j.field("period").begin_obj();
        j.field("id").str(&setup.period.id);
        j.field("start").str(&date_text(setup.period.start));
        j.field("end").str(&date_text(setup.period.end));
        j.field("days").int(period_days);
        j.field("as_of")
            .opt_str(setup.as_of.map(date_text).as_deref());
        j.field("elapsed");
        if ptd {
            j.dec_text(round(elapsed, scale0, strategy0), scale0);
        } else {
            j.null();
        }
        j.field("time_zone")
            .str(first.map_or("UTC", |p| p.calendar().tz.name()));
        j.end_obj();
        j.field("results").begin_arr();
        let mut teams = JsonOut::new();
        teams.begin_arr();
        let mut all_results = Vec::new();
        for (p, plan) in setup.plans.iter().enumerate() {
            let Some((inputs, subject_ix)) = per_plan.get(p) else {
                continue;
            };
            let results = plan.score(&Input::from_subjects(inputs.clone()))?;
            let team_of: HashMap<&str, Option<&str>> = inputs
                .iter()
                .map(|x| (x.id.as_str(), x.groups.get("team").map(String::as_str)))
                .collect();
            let team_ranks = rank_within(
                results.subjects(),
                |c| team_of.get(c.id()).copied().flatten(),
                plan.inner.rank_method,
            );
            let subj_of: HashMap<&str, usize> = inputs
                .iter()
                .zip(subject_ix)
                .map(|(x, si)| (x.id.as_str(), *si))
                .collect();
            j.begin_obj();
            j.field("plan").begin_obj();
            j.field("id").str(plan.id());
            j.field("version").str(plan.version());
            j.end_obj();
            j.field("subjects").begin_arr();
            for card in results.subjects() {
                write_card(&mut j, &plan.inner, card);
                j.field("team")
                    .opt_str(team_of.get(card.id()).copied().flatten());
                j.field("team_rank")
                    .opt_uint(team_ranks.get(card.id()).map(|r| u64::from(*r)));
                j.field("pace");
                match subj_of.get(card.id()).and_then(|si| self.subjects.get(*si)) {
                    Some(s) if ptd => write_pace(&mut j, plan, card, s),
                    _ => {
                        j.null();
                    }
                }
                j.end_obj();
            }
            j.end_arr();
            j.end_obj();
            self.teams(&mut teams, plan, p, inputs, &results)?;
            all_results.push(results);
        }
        j.end_arr();
        teams.end_arr();
        j.field("teams").raw(&teams.finish());
        j.field("unscored").begin_arr();
        for (s, c) in &self.unscored {
            j.begin_obj();
            j.field("subject").str(s);
            j.field("code").str(c);
            j.field("message").str(message(c));
            j.end_obj();
        }
        j.end_arr();
        j.field("ledger");
        self.ledger.write(&mut j);
        j.end_obj();
        Ok(RunResult {
            json: j.finish(),
            value: std::sync::OnceLock::new(),
            ledger: self.ledger,
            results: all_results,
        })
    }

    /// Team scorecards of one plan: measures merged over members, team targets.
    fn teams(
        &self,
        out: &mut JsonOut,
        plan: &Plan,
        p: usize,
        inputs: &[SubjectInput],
        results: &Results,
    ) -> Result<(), Error> {
        let mut teams: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (k, x) in inputs.iter().enumerate() {
            if let Some(t) = x.groups.get("team") {
                teams.entry(t.clone()).or_default().push(k);
            }
        }
        let subject_of: HashMap<&str, &Subject> = self
            .subjects
            .iter()
            .filter(|s| s.plan == p)
            .filter_map(|s| self.setup.members.get(s.member).map(|m| (m.id.as_str(), s)))
            .collect();
        let mut team_inputs = Vec::new();
        let mut stats = Vec::new();
        for (team, ks) in &teams {
            let mut t = SubjectInput::new(plan, team.clone());
            for (i, ind) in plan.inner.indicators.iter().enumerate() {
                let Some(m) = &ind.measure else { continue };
                let mut summed = false;
                let mut acc = Acc::new(m);
                for &k in ks {
                    let id = inputs.get(k).map(|x| x.id.as_str()).unwrap_or("");
                    if let Some(Some(a)) = subject_of.get(id).and_then(|s| s.accs.get(i)) {
                        acc.merge(a);
                    }
                }
                t.set_actual_at(i, acc.value(ind.percent).ok().flatten());
                if let Some(row) = self
                    .setup
                    .team_targets
                    .iter()
                    .find(|r| &r.who == team && r.indicator == ind.id)
                {
                    if let Some(slot) = t.targets.get_mut(i) {
                        *slot = Some(row.value);
                    }
                } else if m.kind.is_additive() {
                    // The sum of the members' targets as their scorecards show them
                    // (prorated, and period-to-date already), when all have one.
                    let mut sum = Some(Decimal::ZERO);
                    for &k in ks {
                        let card = inputs.get(k).and_then(|x| results.subject(&x.id));
                        let node = plan.inner.indicator_nodes.get(i).copied().flatten();
                        let target = card
                            .and_then(|c| node.and_then(|n| c.nodes.get(n)))
                            .and_then(|o| o.target);
                        sum = sum.zip(target).map(|(a, b)| a + b);
                    }
                    if let (Some(s), Some(slot)) = (sum, t.targets.get_mut(i)) {
                        *slot = Some(s);
                        summed = true;
                    }
                }
                if self.setup.as_of.is_some() && m.kind.is_additive() {
                    let elapsed = Decimal::from(self.window.days())
                        / Decimal::from(self.setup.period.days().max(1));
                    if let Some(slot) = t.factors.get_mut(i) {
                        *slot = Some(if summed { Decimal::ONE } else { elapsed });
                    }
                }
            }
            let totals: Vec<Decimal> = ks
                .iter()
                .filter_map(|&k| {
                    inputs
                        .get(k)
                        .and_then(|x| results.subject(&x.id))
                        .and_then(Scorecard::total)
                })
                .collect();
            let mean = (!totals.is_empty())
                .then(|| totals.iter().sum::<Decimal>() / Decimal::from(totals.len() as u64));
            let mut ids: Vec<String> = ks
                .iter()
                .filter_map(|&k| inputs.get(k).map(|x| x.id.clone()))
                .collect();
            ids.sort();
            stats.push((team.clone(), ids, mean));
            team_inputs.push(t);
        }
        let team_results = plan.score(&Input::from_subjects(team_inputs))?;
        let scale = plan.scale();
        let strategy = plan.inner.rounding.strategy;
        for (team, members, mean) in stats {
            out.begin_obj();
            out.field("plan").str(plan.id());
            out.field("team").str(&team);
            out.field("members").begin_arr();
            for m in &members {
                out.str(m);
            }
            out.end_arr();
            out.field("mean_total");
            match mean {
                Some(m) => {
                    out.dec_text(round(m, scale, strategy), scale);
                }
                None => {
                    out.null();
                }
            }
            out.field("scorecard");
            match team_results.subject(&team) {
                Some(c) => {
                    write_card(out, &plan.inner, c);
                    out.end_obj();
                }
                None => {
                    out.null();
                }
            }
            out.end_obj();
        }
        Ok(())
    }
}

fn active_days(m: &Member, w: &Period) -> i64 {
    let start = m.start.map_or(w.start, |s| s.max(w.start));
    let end = m.end.map_or(w.end, |e| (e + Duration::days(1)).min(w.end));
    (end - start).num_days().max(0)
}

fn compile(table: &mut FieldTable, indicator: usize, part: usize, m: &Measure) -> Leaf {
    let mut cond = |c: &Cond| -> CCond {
        match c {
            Cond::Text {
                field,
                value,
                negate,
            } => CCond::Text {
                f: table.intern(field),
                value: value.clone(),
                negate: *negate,
            },
            Cond::Number { field, op, value } => CCond::Number {
                f: table.intern(field),
                op: *op,
                value: *value,
            },
            Cond::Bool {
                field,
                value,
                negate,
            } => CCond::Bool {
                f: table.intern(field),
                value: *value,
                negate: *negate,
            },
            Cond::In {
                field,
                values,
                negate,
            } => CCond::In {
                f: table.intern(field),
                values: values.clone(),
                negate: *negate,
            },
            Cond::Present { field, negate } => CCond::Present {
                f: table.intern(field),
                negate: *negate,
            },
            Cond::Within { from, to, limit_ms } => CCond::Within {
                from: table.intern(from),
                to: table.intern(to),
                limit_ms: *limit_ms,
            },
        }
    };
    let filter = m.filter.iter().map(&mut cond).collect();
    let condition = m.condition.iter().map(&mut cond).collect();
    Leaf {
        indicator,
        part,
        kind: m.kind,
        types: m.types.clone(),
        date: table.intern(&m.date),
        field: m.field.as_deref().map(|f| table.intern(f)),
        from: m.from.as_deref().map(|f| table.intern(f)),
        to: m.to.as_deref().map(|f| table.intern(f)),
        filter,
        condition,
    }
}

/// The text of a field a measure needs; records `missing_value` when empty.
fn need<'r>(row: &'r Row<'_>, f: usize, problems: &mut Vec<RowProblem>) -> Option<&'r str> {
    let got = row.get(f);
    if got.is_none() {
        problems.push((Some(f), "missing_value"));
    }
    got
}

fn number(
    row: &Row<'_>,
    f: usize,
    memo: &mut Memo,
    problems: &mut Vec<RowProblem>,
) -> Option<Decimal> {
    let t = need(row, f, problems)?;
    let got = match memo.number.iter().find(|(k, _)| *k == f) {
        Some((_, v)) => *v,
        None => {
            let v = parse_decimal(t).ok();
            memo.number.push((f, v));
            v
        }
    };
    if got.is_none() {
        problems.push((Some(f), "bad_number"));
    }
    got
}

fn when(
    row: &Row<'_>,
    f: usize,
    cal: &Calendar,
    memo: &mut Memo,
    problems: &mut Vec<RowProblem>,
) -> Option<When> {
    let t = need(row, f, problems)?;
    let got = match memo.when.iter().find(|(k, _)| *k == f) {
        Some((_, v)) => *v,
        None => {
            let v = cal.when_cached(t, &mut memo.zone);
            memo.when.push((f, v));
            v
        }
    };
    if got.is_none() {
        problems.push((Some(f), "bad_date"));
    }
    got
}

fn boolean(row: &Row<'_>, f: usize, problems: &mut Vec<RowProblem>) -> Option<bool> {
    let t = need(row, f, problems)?;
    match t.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => {
            problems.push((Some(f), "bad_boolean"));
            None
        }
    }
}

/// Whether a condition holds; a field it cannot read is recorded and it does not.
fn holds(
    c: &CCond,
    row: &Row<'_>,
    cal: &Calendar,
    memo: &mut Memo,
    problems: &mut Vec<RowProblem>,
) -> bool {
    match c {
        CCond::Text { f, value, negate } => (row.get(*f).unwrap_or("") == value) != *negate,
        CCond::Number { f, op, value } => match number(row, *f, memo, problems) {
            None => false,
            Some(x) => match op {
                ConditionOp::Eq => x == *value,
                ConditionOp::Ne => x != *value,
                ConditionOp::Lt => x < *value,
                ConditionOp::Lte => x <= *value,
                ConditionOp::Gt => x > *value,
                _ => x >= *value,
            },
        },
        CCond::Bool { f, value, negate } => {
            boolean(row, *f, problems).is_some_and(|b| (b == *value) != *negate)
        }
        CCond::In { f, values, negate } => {
            values.iter().any(|v| v == row.get(*f).unwrap_or("")) != *negate
        }
        CCond::Present { f, negate } => row.get(*f).is_some() != *negate,
        CCond::Within { from, to, limit_ms } => {
            if row.get(*from).is_none() || row.get(*to).is_none() {
                return false;
            }
            let a = when(row, *from, cal, memo, problems);
            let b = when(row, *to, cal, memo, problems);
            match (a, b) {
                (Some(a), Some(b)) => {
                    let d = Decimal::from(b.instant_ms - a.instant_ms);
                    d >= Decimal::ZERO && d <= *limit_ms
                }
                _ => false,
            }
        }
    }
}

/// Every condition is read (so that every unreadable field is found).
fn all_hold(
    conds: &[CCond],
    row: &Row<'_>,
    cal: &Calendar,
    memo: &mut Memo,
    problems: &mut Vec<RowProblem>,
) -> bool {
    let mut all = true;
    for c in conds {
        all &= holds(c, row, cal, memo, problems);
    }
    all
}

/// What a row adds to one leaf measure: None when the leaf does not select it, its
/// date is outside the window, or it cannot be read (then `problems` says why).
fn evaluate(
    leaf: &Leaf,
    row: &Row<'_>,
    kind: &str,
    cal: &Calendar,
    window: &Period,
    memo: &mut Memo,
    problems: &mut Vec<RowProblem>,
) -> Option<Add> {
    if !leaf.types.is_empty() && !leaf.types.iter().any(|t| t == kind) {
        return None;
    }
    let before = problems.len();
    if !all_hold(&leaf.filter, row, cal, memo, problems) || problems.len() > before {
        return None;
    }
    let at = when(row, leaf.date, cal, memo, problems);
    let field = |f: Option<usize>| f.unwrap_or(usize::MAX);
    let add = match leaf.kind {
        MeasureKind::Sum | MeasureKind::Mean | MeasureKind::Min | MeasureKind::Max => {
            number(row, field(leaf.field), memo, problems).map(Add::Value)
        }
        MeasureKind::Count => Some(Add::One),
        MeasureKind::Distinct => need(row, field(leaf.field), problems).map(|_| Add::Text),
        MeasureKind::Duration => {
            let a = when(row, field(leaf.from), cal, memo, problems);
            let b = when(row, field(leaf.to), cal, memo, problems);
            match (a, b) {
                (Some(a), Some(b)) if b.instant_ms < a.instant_ms => {
                    problems.push((leaf.to, "negative_duration"));
                    None
                }
                (Some(a), Some(b)) => Some(Add::Millis(b.instant_ms - a.instant_ms)),
                _ => None,
            }
        }
        MeasureKind::Share => Some(Add::Hit(all_hold(
            &leaf.condition,
            row,
            cal,
            memo,
            problems,
        ))),
        MeasureKind::Latest => {
            number(row, field(leaf.field), memo, problems).map(|value| Add::Latest {
                instant_ms: at.map_or(0, |w| w.instant_ms),
                value,
            })
        }
        MeasureKind::Ratio => None,
    };
    if problems.len() > before {
        return None;
    }
    let at = at?;
    window.contains(at.date).then_some(add).flatten()
}

/// Ranks among cards sharing a key (e.g. the team); None key: not ranked.
fn rank_within<'c>(
    cards: &'c [Scorecard],
    key: impl Fn(&Scorecard) -> Option<&'c str>,
    method: RankMethod,
) -> HashMap<&'c str, u32> {
    let mut groups: BTreeMap<&str, Vec<(Decimal, &str)>> = BTreeMap::new();
    for c in cards {
        if let (Some(k), Some(t)) = (key(c), c.total()) {
            groups.entry(k).or_default().push((t, c.id()));
        }
    }
    let mut out = HashMap::new();
    for (_, mut list) in groups {
        list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let (mut rank, mut dense, mut prev) = (0u32, 0u32, None);
        for (pos, (t, id)) in list.iter().enumerate() {
            if prev != Some(*t) {
                rank = pos as u32 + 1;
                dense += 1;
                prev = Some(*t);
            }
            out.insert(
                *id,
                if method == RankMethod::Dense {
                    dense
                } else {
                    rank
                },
            );
        }
    }
    out
}

/// Period-to-date pace of each measured indicator of a subject.
fn write_pace(j: &mut JsonOut, plan: &Plan, card: &Scorecard, s: &Subject) {
    let scale = plan.scale();
    let strategy = plan.inner.rounding.strategy;
    let fmt = |j: &mut JsonOut, d: Option<Decimal>| match d {
        Some(d) => {
            j.dec_text(round(d, scale, strategy), scale);
        }
        None => {
            j.null();
        }
    };
    j.begin_arr();
    for (i, ind) in plan.inner.indicators.iter().enumerate() {
        let Some(m) = &ind.measure else { continue };
        let node = plan
            .inner
            .indicator_nodes
            .get(i)
            .copied()
            .flatten()
            .and_then(|n| card.nodes.get(n));
        let actual = node.and_then(|o| o.actual);
        let expected = node.and_then(|o| o.target);
        let pace = match (actual, expected) {
            (Some(a), Some(e)) if e > Decimal::ZERO => match ind.direction {
                Direction::LowerIsBetter if a > Decimal::ZERO => e
                    .checked_div(a)
                    .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED)),
                Direction::LowerIsBetter => None,
                _ => a
                    .checked_div(e)
                    .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED)),
            },
            _ => None,
        };
        let forecast = match actual {
            Some(a) if m.kind.is_additive() && s.days_window > 0 => a
                .checked_mul(Decimal::from(s.days_full))
                .and_then(|x| x.checked_div(Decimal::from(s.days_window))),
            other => other,
        };
        let warning = match (pace, plan.inner.warn_below) {
            (Some(p), Some(w)) => round(p, scale, strategy) < w,
            _ => false,
        };
        j.begin_obj();
        j.field("indicator").str(&ind.id);
        j.field("expected");
        fmt(j, expected);
        j.field("pace");
        fmt(j, pace);
        j.field("forecast");
        fmt(j, forecast);
        j.field("warning").bool(warning);
        j.end_obj();
    }
    j.end_arr();
}
