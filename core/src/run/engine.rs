//! The engine of a run: who each fact's subject is, and the two passes over the
//! facts (see `docs/FORMAT.md`).
//!
//! Facts are read twice from the caller's source: the first pass only indexes ids
//! and row contents (to find duplicates and conflicts whatever the row order), the
//! second classifies every row and measures it. Memory is the subjects × indicators
//! accumulators, plus 24 bytes per fact row for the first pass's sightings, freed
//! shard by shard as they are folded into the index of repeated ids
//! (`id_index.rs`).

use crate::error::{Code, Error, Problem};
use crate::limits::MAX_REJECTIONS_KEPT;
use crate::plan::measure::Measure;
use crate::plan::Plan;
use crate::run::accumulate::{Acc, Add};
use crate::run::facts::{BadRow, FieldTable, Row, StrBuild};
use crate::run::id_index::{IdKey, KeyBuild, RepeatIndex, SeenIndex, Tally};
use crate::run::ledger::{Ledger, Rejection, RowCode, RowProblem, NO_FIELD};
use crate::run::period::Period;
use crate::run::result::RunResult;
use crate::run::roster::Member;
use crate::run::select::{compile, evaluate, Leaf, Memo};
use crate::run::setup::RunSetup;
use crate::run::source::FactSource;
use chrono::Duration;
use std::collections::{HashMap, HashSet};

/// Who a fact's subject is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Who {
    Scored(usize),
    /// In the roster with a plan, but no active day: facts are checked, not counted.
    Inactive(usize),
    NoPlan,
}

pub(super) struct Subject {
    pub(super) member: usize,
    pub(super) plan: usize,
    pub(super) accs: Vec<Option<Acc>>,
    /// Active days in the full period and in the window read.
    pub(super) days_full: i64,
    pub(super) days_window: i64,
}

/// The id index (first pass), then classifying and measuring every row (second).
pub(super) fn two_passes(
    setup: &RunSetup,
    facts: &mut impl FactSource,
) -> Result<RunResult, Error> {
    let mut engine = Engine::new(setup);
    let io = |e: String| Error::Input(vec![Problem::new("/facts", Code::InvalidValue, e)]);
    let table = std::mem::take(&mut engine.table);
    let id_f = engine.id_f;
    let maps = facts
        .pass(&table, true, SeenIndex::default, |seen, row| {
            seen.index_row(id_f, row)
        })
        .map_err(io)?;
    engine.seen = RepeatIndex::build(maps);
    let eng = &engine;
    let locals = facts
        .pass(
            &table,
            false,
            || eng.local(),
            |local, row| eng.measure(local, row, &table),
        )
        .map_err(io)?;
    engine.table = table;
    let mut second = Tally::default();
    for local in locals {
        second.merge(local.tally);
        engine.absorb(local);
    }
    let first = engine.seen.tally;
    if first != second {
        return Err(io(format!(
            "the facts changed between the two reads (read {} rows, then {}): a run reads \
             its facts twice, so they must come from a file or bytes that stay the same, \
             not a pipe",
            first.rows, second.rows
        )));
    }
    engine.finish()
}

pub(super) struct Engine<'s> {
    pub(super) setup: &'s RunSetup,
    pub(super) table: FieldTable,
    pub(super) id_f: usize,
    pub(super) subject_f: usize,
    pub(super) type_f: usize,
    /// Leaves per plan.
    pub(super) leaves: Vec<Vec<Leaf>>,
    pub(super) all_typed: bool,
    pub(super) known_types: HashSet<String, StrBuild>,
    pub(super) subjects: Vec<Subject>,
    pub(super) by_id: HashMap<String, Who, StrBuild>,
    pub(super) unscored: Vec<(String, RowCode)>,
    pub(super) seen: RepeatIndex,
    pub(super) window: Period,
    pub(super) ledger: Ledger,
    pub(super) conflicts: HashMap<IdKey, (String, Vec<u64>), KeyBuild>,
}

/// What the second pass made of one row.
pub(super) enum RowOutcome {
    Used,
    Outside,
    Duplicate,
    Conflicting,
    Rejected(u64),
}

/// One reader's share of the second pass: its own accumulators and counts.
pub(super) struct Local {
    pub(super) accs: Vec<Vec<Option<Acc>>>,
    pub(super) ledger: Ledger,
    /// Lines of each conflicting id (seen here, in the second pass).
    pub(super) conflicts: HashMap<IdKey, (String, Vec<u64>), KeyBuild>,
    /// Contributions of the row being read: (indicator, part, what, text field).
    pub(super) staged: Vec<(usize, usize, Add, usize)>,
    pub(super) memo: Memo,
    pub(super) problems: Vec<RowProblem>,
    /// The rows this reader saw, to check the second pass read what the first did.
    pub(super) tally: Tally,
}

impl Local {
    /// Count a rejected row with its problems (distinct; sorted when the ledger is
    /// pruned), dropping what can no longer be among the rejections kept.
    pub(super) fn reject(&mut self, line: u64, table: &FieldTable, problems: &mut Vec<RowProblem>) {
        self.ledger.rejected += 1;
        problems.sort_unstable();
        problems.dedup();
        for &(field, code) in problems.iter() {
            let field = field
                .and_then(|f| u16::try_from(f).ok())
                .unwrap_or(NO_FIELD);
            self.ledger.rejections.push(Rejection { line, field, code });
        }
        problems.clear();
        if self.ledger.rejections.len() >= 2 * MAX_REJECTIONS_KEPT {
            self.ledger.prune(&table.names);
        }
    }
}

impl<'s> Engine<'s> {
    pub(super) fn new(setup: &'s RunSetup) -> Engine<'s> {
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
            for (i, m) in measures(plan) {
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
        if leaves.iter().any(|l: &Vec<Leaf>| !l.is_empty()) {
            table.required = vec![id_f, subject_f];
            if !known_types.is_empty() {
                table.required.push(type_f);
            }
        }
        let window = match setup.as_of {
            Some(d) => Period {
                id: setup.period.id.clone(),
                start: setup.period.start,
                // as_of lies inside the period (checked by setup), so the day after exists.
                end: d
                    .checked_add_signed(Duration::days(1))
                    .unwrap_or(setup.period.end),
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
                    unscored.push((m.id.clone(), RowCode::NoPlan));
                    by_id.insert(m.id.clone(), Who::NoPlan);
                }
                Some(p) if days_full <= 0 => {
                    unscored.push((m.id.clone(), RowCode::Inactive));
                    by_id.insert(m.id.clone(), Who::Inactive(p));
                }
                Some(p) => {
                    let accs = setup.plans.get(p).map(slots).unwrap_or_default();
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
            seen: RepeatIndex::default(),
            window,
            ledger: Ledger::default(),
            conflicts: HashMap::default(),
        }
    }

    /// The mutable state of one reader of the second pass (one per thread).
    pub(super) fn local(&self) -> Local {
        Local {
            accs: self.subjects.iter().map(|s| s.accs.clone()).collect(),
            ledger: Ledger::default(),
            conflicts: HashMap::default(),
            staged: Vec::new(),
            memo: Memo::default(),
            problems: Vec::new(),
            tally: Tally::default(),
        }
    }

    /// Fold a reader's accumulators and counts into the engine (exact, in any order).
    pub(super) fn absorb(&mut self, local: Local) {
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
        self.ledger.omitted += l.omitted;
        if self.ledger.rejections.len() >= 2 * MAX_REJECTIONS_KEPT {
            self.ledger.prune(&self.table.names);
        }
        for (k, (id, lines)) in local.conflicts {
            self.conflicts
                .entry(k)
                .or_insert_with(|| (id, Vec::new()))
                .1
                .extend(lines);
        }
    }

    /// Second pass: classify each row and add first occurrences to the measures.
    pub(super) fn measure(
        &self,
        local: &mut Local,
        row: Result<Row<'_>, BadRow>,
        table: &FieldTable,
    ) {
        local.ledger.rows += 1;
        let mut problems = std::mem::take(&mut local.problems);
        problems.clear();
        let outcome = self.classify(local, row, &mut problems);
        match outcome {
            RowOutcome::Rejected(line) => local.reject(line, table, &mut problems),
            RowOutcome::Used => local.ledger.used += 1,
            RowOutcome::Outside => local.ledger.outside += 1,
            RowOutcome::Duplicate => local.ledger.duplicate += 1,
            RowOutcome::Conflicting => local.ledger.conflicting += 1,
        }
        local.problems = problems;
    }

    pub(super) fn classify(
        &self,
        local: &mut Local,
        row: Result<Row<'_>, BadRow>,
        problems: &mut Vec<RowProblem>,
    ) -> RowOutcome {
        let row = match row {
            Ok(row) => row,
            Err(bad) => {
                local.tally.add(bad.line, None);
                problems.push((None, RowCode::BadRow));
                return RowOutcome::Rejected(bad.line);
            }
        };
        let Some(id) = row.get(self.id_f) else {
            local.tally.add(row.line, None);
            problems.push((Some(self.id_f), RowCode::MissingId));
            return RowOutcome::Rejected(row.line);
        };
        let key = IdKey::of(id);
        local.tally.add(row.line, Some(key));
        // Only repeated ids are kept: an id not there was on this row alone.
        if let Some(s) = self.seen.get(key) {
            if s.conflict() {
                local
                    .conflicts
                    .entry(key)
                    .or_insert_with(|| (id.to_string(), Vec::new()))
                    .1
                    .push(row.line);
                return RowOutcome::Conflicting;
            }
            if u64::from(s.first_line()) != row.line {
                return RowOutcome::Duplicate;
            }
        }
        let subject = row.get(self.subject_f).unwrap_or("");
        let (plan, scored) = match self.by_id.get(subject) {
            Some(Who::Scored(si)) => (self.subjects.get(*si).map_or(0, |s| s.plan), Some(*si)),
            Some(Who::Inactive(p)) => (*p, None),
            _ => {
                problems.push((Some(self.subject_f), RowCode::UnknownSubject));
                return RowOutcome::Rejected(row.line);
            }
        };
        let kind = row.get(self.type_f).unwrap_or("");
        if self.all_typed && !self.known_types.contains(kind) {
            problems.push((Some(self.type_f), RowCode::UnknownType));
            return RowOutcome::Rejected(row.line);
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
            return RowOutcome::Rejected(row.line);
        }
        // Only in-window contributions are staged: the row is used if any.
        let Some(accs) = scored.and_then(|si| local.accs.get_mut(si)) else {
            return RowOutcome::Outside;
        };
        if local.staged.is_empty() {
            return RowOutcome::Outside;
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
        RowOutcome::Used
    }
}

/// The measures of a plan by accumulator slot: indicator `i` at `i`, then the
/// measured bonus or deduction `k` (of the plan's points items) at
/// `indicators + k`.
pub(super) fn measures(plan: &Plan) -> impl Iterator<Item = (usize, &Measure)> {
    let n = plan.inner.indicators.len();
    let indicators = plan.inner.indicators.iter().enumerate();
    let points = plan.inner.points.iter().enumerate();
    indicators
        .filter_map(|(i, ind)| ind.measure.as_ref().map(|m| (i, m)))
        .chain(points.filter_map(move |(k, item)| {
            item.measured
                .as_ref()
                .map(|m| (n.saturating_add(k), &m.measure))
        }))
}

/// A scored subject's empty accumulators, one slot per indicator and points item
/// (None where nothing is measured).
fn slots(plan: &Plan) -> Vec<Option<Acc>> {
    let mut accs: Vec<Option<Acc>> = plan
        .inner
        .indicators
        .iter()
        .map(|i| i.measure.as_ref().map(Acc::new))
        .collect();
    accs.extend(
        plan.inner
            .points
            .iter()
            .map(|p| p.measured.as_ref().map(|m| Acc::new(&m.measure))),
    );
    accs
}

pub(super) fn active_days(m: &Member, w: &Period) -> i64 {
    let start = m.start.map_or(w.start, |s| s.max(w.start));
    // A last day at the end of the calendar has no day after it: the window's end bounds it.
    let end = m.end.map_or(w.end, |e| {
        e.checked_add_signed(Duration::days(1))
            .unwrap_or(w.end)
            .min(w.end)
    });
    end.signed_duration_since(start).num_days().max(0)
}
