//! A measure: the fields its kind needs, its conditions, and the parts of a ratio.

use crate::error::Code;
use crate::plan::measure::{Cond, Measure};
use crate::plan::spec::{ConditionOp, ConditionSpec, MeasureSpec};
use crate::util::json_reader::{index, join, Reader};
use rust_decimal::Decimal;

pub(super) fn measure(r: &mut Reader, m: &MeasureSpec, p: &str, in_ratio: bool) -> Option<Measure> {
    use crate::plan::spec::MeasureKind::*;
    let mut ok = true;
    if in_ratio && m.kind == Ratio {
        r.push(
            join(p, "kind"),
            Code::InvalidValue,
            "a ratio's numerator and denominator are measures other than a ratio",
        );
        ok = false;
    }
    let mut need = |r: &mut Reader, present: bool, key: &str| {
        if !present {
            r.push(
                join(p, key),
                Code::MissingField,
                format!("a {:?} measure needs {key:?}", m.kind),
            );
            ok = false;
        }
    };
    match m.kind {
        Sum | Distinct | Mean | Min | Max | Latest => need(r, m.field.is_some(), "field"),
        Duration => {
            need(r, m.from.is_some(), "from");
            need(r, m.to.is_some(), "to");
        }
        Share => need(r, !m.condition.is_empty(), "condition"),
        Ratio => {
            need(r, m.numerator.is_some(), "numerator");
            need(r, m.denominator.is_some(), "denominator");
        }
        Count => {}
    }
    if m.kind != Ratio {
        need(r, m.date.is_some(), "date");
    }
    let conds = |r: &mut Reader, list: &[ConditionSpec], key: &str| -> Vec<Cond> {
        list.iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let cp = index(&join(p, key), i);
                match Cond::new(
                    c.field.as_deref(),
                    c.op,
                    c.value.as_ref(),
                    &c.values,
                    c.from.as_deref(),
                    c.to.as_deref(),
                    c.hours,
                ) {
                    Ok(cond) => Some(cond),
                    Err((field, code)) => {
                        let code = match code {
                            "missing_field" => Code::MissingField,
                            "number_out_of_range" => Code::NumberOutOfRange,
                            _ => Code::InvalidValue,
                        };
                        r.push(
                            join(&cp, field),
                            code,
                            format!("condition {:?} needs a valid {field:?}", c.op),
                        );
                        None
                    }
                }
            })
            .collect()
    };
    let filter = conds(r, &m.filter, "where");
    let condition = conds(r, &m.condition, "condition");
    for c in m.filter.iter().chain(&m.condition) {
        if c.op == ConditionOp::Within && c.hours.is_some_and(|h| h <= Decimal::ZERO) {
            r.push(
                join(p, "condition"),
                Code::NotPositive,
                "hours must be above 0",
            );
        }
    }
    let parts = match (&m.numerator, &m.denominator) {
        (Some(n), Some(d)) => {
            let n = measure(r, n, &join(p, "numerator"), true);
            let d = measure(r, d, &join(p, "denominator"), true);
            n.zip(d).map(Box::new)
        }
        _ => None,
    };
    if !ok || (m.kind == Ratio && parts.is_none()) {
        return None;
    }
    Some(Measure {
        kind: m.kind,
        types: m.fact.clone(),
        date: m.date.clone().unwrap_or_default(),
        field: m.field.clone(),
        from: m.from.clone(),
        to: m.to.clone(),
        filter,
        condition,
        parts,
    })
}
