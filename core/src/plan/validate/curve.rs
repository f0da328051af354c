//! A curve's own numbers (caps, bands, floors), and its defaults filled in.

use super::HUNDRED;
use crate::error::Code;
use crate::plan::spec::{CurveSpec, FloorBelow, FormulaName, RatioBelow, ZeroTargetRule};
use crate::plan::{Curve, Formula, RatioLow, ZeroRule};
use crate::util::json_reader::Reader;
use rust_decimal::Decimal;

fn positive(r: &mut Reader, v: Option<Decimal>, path: String, what: &str) {
    if let Some(v) = v {
        if v <= Decimal::ZERO {
            r.push(path, Code::NotPositive, format!("{what} must be above 0"));
        }
    }
}

pub(super) fn curve(r: &mut Reader, c: &CurveSpec, p: &str) -> Curve {
    let full_or = |f: Option<Decimal>| f.unwrap_or(HUNDRED);
    match c {
        CurveSpec::Ratio {
            cap,
            gate,
            below,
            formula,
            zero_target,
        } => {
            positive(r, *cap, format!("{p}/cap"), "cap");
            positive(r, *gate, format!("{p}/gate"), "gate");
            let low = match (gate, below) {
                (Some(g), Some(RatioBelow::Extrapolate)) => {
                    r.push(
                        format!("{p}/below"),
                        Code::InvalidValue,
                        format!(
                            "below \"extrapolate\" cannot go with gate {g}: the gate scores every achievement below it 0"
                        ),
                    );
                    RatioLow::Gate(*g)
                }
                (Some(g), _) => RatioLow::Gate(*g),
                (None, Some(RatioBelow::Extrapolate)) => RatioLow::Extrapolate,
                (None, _) => RatioLow::Zero,
            };
            Curve::Ratio {
                cap: *cap,
                low,
                formula: formula_of(r, p, *formula, *zero_target),
            }
        }
        CurveSpec::Step { below } => Curve::Step {
            below: below.unwrap_or(Decimal::ZERO),
        },
        CurveSpec::Linear { below, above, max } => {
            positive(r, *max, format!("{p}/max"), "max");
            Curve::Linear {
                below: *below,
                above: *above,
                max: *max,
            }
        }
        CurveSpec::Band {
            low,
            high,
            full,
            per_unit,
            floor,
            below,
        } => {
            if low > high {
                r.push(
                    format!("{p}/high"),
                    Code::BandOutOfOrder,
                    format!("high {high} is below low {low}"),
                );
            }
            positive(r, Some(*per_unit), format!("{p}/per_unit"), "per_unit");
            let full = full_or(*full);
            let floor = floor_of(r, p, *floor, *below, full);
            Curve::Band {
                low: *low,
                high: *high,
                full,
                per_unit: *per_unit,
                floor,
            }
        }
        CurveSpec::PassFail { full } => {
            positive(r, *full, format!("{p}/full"), "full");
            Curve::PassFail {
                full: full_or(*full),
            }
        }
        CurveSpec::Deduction {
            full,
            per_unit,
            floor,
            below,
        } => {
            positive(r, Some(*per_unit), format!("{p}/per_unit"), "per_unit");
            let full = full_or(*full);
            let floor = floor_of(r, p, *floor, *below, full);
            Curve::Deduction {
                full,
                per_unit: *per_unit,
                floor,
            }
        }
    }
}

/// A ratio curve's formula: `zero_target` goes only with the relative and closest
/// formulas (the quotient divides by the target).
fn formula_of(
    r: &mut Reader,
    p: &str,
    formula: Option<FormulaName>,
    zero_target: Option<ZeroTargetRule>,
) -> Formula {
    let zero = match zero_target {
        None => ZeroRule::Refuse,
        Some(ZeroTargetRule::Offset) => ZeroRule::Offset,
        Some(ZeroTargetRule::PassFail) => ZeroRule::PassFail,
    };
    match formula.unwrap_or_default() {
        FormulaName::Quotient => {
            if zero_target.is_some() {
                r.push(
                    format!("{p}/zero_target"),
                    Code::InvalidValue,
                    "zero_target needs formula \"relative\" or \"closest\": the quotient divides by the target",
                );
            }
            Formula::Quotient
        }
        FormulaName::Relative => Formula::Relative(zero),
        FormulaName::Closest => Formula::Closest(zero),
    }
}

/// A band or deduction curve's floor: none with `below: extrapolate` (then a
/// `floor` is refused), else the one written (default 0).
fn floor_of(
    r: &mut Reader,
    p: &str,
    floor: Option<Decimal>,
    below: Option<FloorBelow>,
    full: Decimal,
) -> Option<Decimal> {
    match (below, floor) {
        (Some(FloorBelow::Extrapolate), Some(f)) => {
            r.push(
                format!("{p}/floor"),
                Code::InvalidValue,
                format!("floor {f} cannot go with below \"extrapolate\" (no floor)"),
            );
            None
        }
        (Some(FloorBelow::Extrapolate), None) => None,
        (_, f) => {
            let f = f.unwrap_or(Decimal::ZERO);
            floor_below_full(r, p, f, full);
            Some(f)
        }
    }
}

/// A band or deduction curve's floor must leave room below its full score.
fn floor_below_full(r: &mut Reader, p: &str, floor: Decimal, full: Decimal) {
    if floor >= full {
        r.push(
            format!("{p}/floor"),
            Code::FloorNotBelowFull,
            format!("floor {floor} is not below full {full}"),
        );
    }
}
