//! A curve's own numbers (caps, bands, floors), and its defaults filled in.

use super::HUNDRED;
use crate::error::Code;
use crate::plan::spec::CurveSpec;
use crate::plan::Curve;
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
        CurveSpec::Ratio { cap, gate } => {
            positive(r, *cap, format!("{p}/cap"), "cap");
            positive(r, *gate, format!("{p}/gate"), "gate");
            Curve::Ratio {
                cap: *cap,
                gate: *gate,
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
            let floor = floor.unwrap_or(Decimal::ZERO);
            floor_below_full(r, p, floor, full);
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
        } => {
            positive(r, Some(*per_unit), format!("{p}/per_unit"), "per_unit");
            let full = full_or(*full);
            let floor = floor.unwrap_or(Decimal::ZERO);
            floor_below_full(r, p, floor, full);
            Curve::Deduction {
                full,
                per_unit: *per_unit,
                floor,
            }
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
