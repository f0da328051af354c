//! Which facts a measure selects and what each adds: measures compiled against
//! field positions, conditions, and reading a row's numbers, dates and booleans.

use crate::plan::calendar::{Calendar, When, ZoneCache};
use crate::plan::measure::{Cond, Measure};
use crate::plan::spec::{ConditionOp, MeasureKind};
use crate::run::accumulate::Add;
use crate::run::facts::{FieldTable, Row};
use crate::run::ledger::{RowCode, RowProblem};
use crate::run::period::Period;
use crate::util::hash::StrBuild;
use crate::util::number::parse_decimal;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// A condition compiled against field positions.
#[derive(Debug)]
pub(super) enum CCond {
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
        /// A set: a plan may list hundreds of values, read for every row.
        values: HashSet<Box<str>, StrBuild>,
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
pub(super) struct Leaf {
    /// The accumulator slot: an indicator's index, or a measured points item's
    /// after them (see `engine::measures`).
    pub(super) indicator: usize,
    pub(super) part: usize,
    pub(super) kind: MeasureKind,
    pub(super) types: Vec<String>,
    pub(super) date: usize,
    pub(super) field: Option<usize>,
    pub(super) from: Option<usize>,
    pub(super) to: Option<usize>,
    pub(super) filter: Vec<CCond>,
    pub(super) condition: Vec<CCond>,
}

/// Dates and numbers already read from the current row (several measures often
/// read the same field).
#[derive(Default)]
pub(super) struct Memo {
    /// The reader's time zone offset cache (kept from row to row).
    pub(super) zone: ZoneCache,
    pub(super) when: Vec<(usize, Option<When>)>,
    pub(super) number: Vec<(usize, Option<Decimal>)>,
}

pub(super) fn compile(table: &mut FieldTable, indicator: usize, part: usize, m: &Measure) -> Leaf {
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
                values: values.iter().map(|v| v.as_str().into()).collect(),
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
pub(super) fn need<'r>(
    row: &'r Row<'_>,
    f: usize,
    problems: &mut Vec<RowProblem>,
) -> Option<&'r str> {
    let got = row.get(f);
    if got.is_none() {
        problems.push((Some(f), RowCode::MissingValue));
    }
    got
}

pub(super) fn read_number(
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
        problems.push((Some(f), RowCode::BadNumber));
    }
    got
}

pub(super) fn read_when(
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
        problems.push((Some(f), RowCode::BadDate));
    }
    got
}

pub(super) fn boolean(row: &Row<'_>, f: usize, problems: &mut Vec<RowProblem>) -> Option<bool> {
    let t = need(row, f, problems)?;
    match t.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => {
            problems.push((Some(f), RowCode::BadBoolean));
            None
        }
    }
}

/// Whether a condition holds; a field it cannot read is recorded and it does not.
pub(super) fn holds(
    c: &CCond,
    row: &Row<'_>,
    cal: &Calendar,
    memo: &mut Memo,
    problems: &mut Vec<RowProblem>,
) -> bool {
    match c {
        CCond::Text { f, value, negate } => (row.get(*f).unwrap_or("") == value) != *negate,
        CCond::Number { f, op, value } => match read_number(row, *f, memo, problems) {
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
        CCond::In { f, values, negate } => values.contains(row.get(*f).unwrap_or("")) != *negate,
        CCond::Present { f, negate } => row.get(*f).is_some() != *negate,
        CCond::Within { from, to, limit_ms } => {
            if row.get(*from).is_none() || row.get(*to).is_none() {
                return false;
            }
            let a = read_when(row, *from, cal, memo, problems);
            let b = read_when(row, *to, cal, memo, problems);
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
pub(super) fn all_hold(
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
pub(super) fn evaluate(
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
    let at = read_when(row, leaf.date, cal, memo, problems);
    let field = |f: Option<usize>| f.unwrap_or(usize::MAX);
    let add = match leaf.kind {
        MeasureKind::Sum | MeasureKind::Mean | MeasureKind::Min | MeasureKind::Max => {
            read_number(row, field(leaf.field), memo, problems).map(Add::Value)
        }
        MeasureKind::Count => Some(Add::One),
        MeasureKind::Distinct => need(row, field(leaf.field), problems).map(|_| Add::Text),
        MeasureKind::Duration => {
            let a = read_when(row, field(leaf.from), cal, memo, problems);
            let b = read_when(row, field(leaf.to), cal, memo, problems);
            match (a, b) {
                (Some(a), Some(b)) if b.instant_ms < a.instant_ms => {
                    problems.push((leaf.to, RowCode::NegativeDuration));
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
            read_number(row, field(leaf.field), memo, problems).map(|value| Add::Latest {
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
