//! A subject's earnings statement: each line's amount through its rate table,
//! times its multiplier, capped, rounded to the plan's scale; the lines summed and
//! the statement capped. Exact decimals throughout (checked arithmetic).

use crate::plan::earnings::{Amount, Earnings, Line, Multiplier, Table};
use crate::plan::spec::Direction;
use crate::plan::PlanInner;
use crate::score::curve::Achievement;
use crate::score::input::SubjectInput;
use crate::score::results::Scorecard;
use crate::util::arith::{add, div, mul, sub, Calc, Fault};
use crate::util::rounding::round;
use rust_decimal::Decimal;

/// One subject's statement.
#[derive(Debug, Clone, Default)]
pub(crate) struct Statement {
    pub lines: Vec<LineResult>,
    /// Sum of the lines' earnings, capped by the statement cap (rounded).
    pub total: Decimal,
    pub capped: bool,
}

/// One line of a statement. Figures are exact but `earnings`, which is rounded.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineResult {
    pub amount: Option<Decimal>,
    /// The tier band the amount fell in (tiers; None in a gap).
    pub band: Option<usize>,
    /// The rate applied: flat, the band's (0 in a gap), the curve's (interpolated).
    pub rate: Option<Decimal>,
    pub slices: Vec<Slice>,
    /// Marginal: the table's earnings ÷ the amount (None for a zero amount).
    pub blended: Option<Decimal>,
    pub base: Option<Decimal>,
    pub multiplier: Option<Decimal>,
    pub earnings: Option<Decimal>,
    pub capped: bool,
}

/// The part of an amount in one marginal band (signed like the amount).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slice {
    pub band: usize,
    pub lower: Decimal,
    pub upper: Option<Decimal>,
    pub amount: Decimal,
    pub rate: Decimal,
    pub earnings: Decimal,
}

/// The statement of a scored subject (`card` holds its tree outcomes and total).
pub(crate) fn statement(
    plan: &PlanInner,
    e: &Earnings,
    s: &SubjectInput,
    card: &Scorecard,
) -> Result<Statement, (String, Fault)> {
    let (scale, strategy) = (plan.rounding.scale, plan.rounding.strategy);
    let mut out = Statement::default();
    for (k, l) in e.lines.iter().enumerate() {
        let r = line(plan, l, s, card).map_err(|f| (format!("/earnings/lines/{k}"), f))?;
        if let Some(v) = r.earnings {
            out.total = add(out.total, v).map_err(|f| (String::from("/earnings"), f))?;
        }
        out.lines.push(r);
    }
    if let Some(c) = e.cap.filter(|c| out.total > *c) {
        out.total = round(c, scale, strategy);
        out.capped = true;
    }
    Ok(out)
}

fn amount(plan: &PlanInner, l: &Line, s: &SubjectInput, card: &Scorecard) -> Option<Decimal> {
    match l.amount {
        Amount::Actual(i) => s.actuals.get(i).copied().flatten(),
        Amount::Achievement { indicator, node } => {
            let dir = plan
                .indicators
                .get(indicator)
                .map_or(Direction::HigherIsBetter, |i| i.direction);
            match card.nodes.get(node)?.achievement_for(dir) {
                Some(Achievement::Finite(a)) => Some(a),
                _ => None,
            }
        }
        Amount::Total => card.total,
    }
}

fn line(plan: &PlanInner, l: &Line, s: &SubjectInput, card: &Scorecard) -> Calc<LineResult> {
    let mut r = LineResult {
        amount: amount(plan, l, s, card),
        ..LineResult::default()
    };
    if let Table::Interpolated { base, .. } = &l.table {
        r.base = s.base.or(*base);
    }
    if let Some(m) = &l.multiplier {
        r.multiplier = multiplier(m, card)?;
    }
    let Some(a) = r.amount else { return Ok(r) };
    let x = a.abs();
    let value = match &l.table {
        Table::Flat(rate) => {
            r.rate = Some(*rate);
            mul(*rate, a)?
        }
        Table::Tiers(bands) => {
            r.band = bands.iter().position(|b| b.holds(x));
            let rate = r
                .band
                .and_then(|b| bands.get(b))
                .map_or(Decimal::ZERO, |b| b.rate);
            r.rate = Some(rate);
            mul(rate, a)?
        }
        Table::Marginal(bands) => {
            let mut value = Decimal::ZERO;
            for (k, &(from, rate)) in bands.iter().enumerate() {
                if x <= from {
                    break;
                }
                let upper = bands.get(k + 1).map(|b| b.0);
                let top = upper.map_or(x, |u| u.min(x));
                let mut part = sub(top, from)?;
                if a.is_sign_negative() {
                    part.set_sign_negative(true);
                }
                let earned = mul(part, rate)?;
                value = add(value, earned)?;
                r.slices.push(Slice {
                    band: k,
                    lower: from,
                    upper,
                    amount: part,
                    rate,
                    earnings: earned,
                });
            }
            if !a.is_zero() {
                r.blended = Some(div(value, a)?);
            }
            value
        }
        Table::Interpolated { points, .. } => {
            let Some(base) = r.base else { return Ok(r) };
            let (rate, value) = interpolate(points, a, base)?;
            r.rate = Some(rate);
            value
        }
    };
    let value = match (&l.multiplier, r.multiplier) {
        (None, _) => value,
        (Some(_), Some(f)) => mul(value, f)?,
        (Some(_), None) => return Ok(r),
    };
    let value = match l.cap {
        Some(c) if value > c => {
            r.capped = true;
            c
        }
        _ => value,
    };
    r.earnings = Some(round(value, plan.rounding.scale, plan.rounding.strategy));
    Ok(r)
}

/// The curve's rate at `a` and base × that rate (the product taken before the
/// division, so that a terminating result stays exact).
fn interpolate(
    points: &[(Decimal, Decimal)],
    a: Decimal,
    base: Decimal,
) -> Calc<(Decimal, Decimal)> {
    let Some(k) = points.iter().rposition(|(at, _)| *at <= a) else {
        return Ok((Decimal::ZERO, Decimal::ZERO));
    };
    let (x0, y0) = points.get(k).copied().unwrap_or_default();
    match points.get(k + 1) {
        Some(&(x1, y1)) => {
            let run = sub(x1, x0)?;
            let rise = mul(sub(a, x0)?, sub(y1, y0)?)?;
            let rate = add(y0, div(rise, run)?)?;
            let value = add(mul(base, y0)?, div(mul(base, rise)?, run)?)?;
            Ok((rate, value))
        }
        None => Ok((y0, mul(base, y0)?)),
    }
}

/// The factor of a multiplier for this subject; None without a total.
fn multiplier(m: &Multiplier, card: &Scorecard) -> Calc<Option<Decimal>> {
    let Some(total) = card.total else {
        return Ok(None);
    };
    Ok(match m {
        Multiplier::Rating(factors) => card.rating.and_then(|r| factors.get(r)).copied(),
        Multiplier::Score {
            points,
            interpolate,
        } => Some(match points.iter().rposition(|(sc, _)| *sc <= total) {
            None => Decimal::ZERO,
            Some(k) => {
                let (s0, f0) = points.get(k).copied().unwrap_or_default();
                match points.get(k + 1) {
                    Some(&(s1, f1)) if *interpolate => {
                        add(f0, div(mul(sub(total, s0)?, sub(f1, f0)?)?, sub(s1, s0)?)?)?
                    }
                    _ => f0,
                }
            }
        }),
    })
}
