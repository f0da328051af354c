//! What a total leads to: whether a gate applies, the rating band, the payout.

use crate::plan::spec::{Direction, TierBasis};
use crate::plan::{Gate, Payout, PlanInner};
use crate::score::curve::Achievement;
use crate::score::input::SubjectInput;
use crate::score::results::NodeOutcome;
use crate::util::arith::{add, div, mul, sub, Calc};
use crate::util::rounding::round;
use rust_decimal::Decimal;

pub(crate) fn gate_applies(plan: &PlanInner, gate: &Gate, nodes: &[NodeOutcome]) -> bool {
    let Some(o) = plan
        .indicator_nodes
        .get(gate.indicator)
        .copied()
        .flatten()
        .and_then(|n| nodes.get(n))
    else {
        return false;
    };
    let (Some(actual), Some(_)) = (o.actual, o.score) else {
        return false;
    };
    // No data (e.g. a per-subject target lacking), even when `missing: zero` has
    // given the node a score of 0: the gate does not apply (FORMAT.md, Adjustments).
    if o.flags.contains(crate::score::flags::Flags::MISSING) {
        return false;
    }
    match gate.basis {
        TierBasis::Achievement => match o.achievement_for(
            plan.indicators
                .get(gate.indicator)
                .map_or(Direction::HigherIsBetter, |i| i.direction),
        ) {
            Some(Achievement::Finite(a)) => !gate.boundary.passes(a, gate.threshold),
            _ => false,
        },
        TierBasis::Actual => match plan.indicators.get(gate.indicator).map(|i| i.direction) {
            Some(Direction::LowerIsBetter) => !gate.boundary.passes(gate.threshold, actual),
            _ => !gate.boundary.passes(actual, gate.threshold),
        },
    }
}

pub(crate) fn rating(plan: &PlanInner, total: Decimal) -> Option<usize> {
    plan.ratings
        .iter()
        .position(|b| b.min.is_none_or(|m| total >= m))
}

pub(crate) fn payout(
    plan: &PlanInner,
    s: &SubjectInput,
    total: Decimal,
    rating: Option<usize>,
) -> Calc<Option<Decimal>> {
    let Some(p) = &plan.payout else {
        return Ok(None);
    };
    let Some(base) = s.base.or(p.base()) else {
        return Ok(None);
    };
    let coefficient = match p {
        Payout::Rating { coefficients, .. } => match rating.and_then(|r| coefficients.get(r)) {
            Some(c) => *c,
            None => return Ok(None),
        },
        Payout::Score {
            points,
            interpolate,
            ..
        } => match points.iter().rposition(|(sc, _)| *sc <= total) {
            None => Decimal::ZERO,
            Some(k) => {
                let (s0, c0) = points.get(k).copied().unwrap_or_default();
                match points.get(k + 1) {
                    Some(&(s1, c1)) if *interpolate => {
                        add(c0, div(mul(sub(total, s0)?, sub(c1, c0)?)?, sub(s1, s0)?)?)?
                    }
                    _ => c0,
                }
            }
        },
    };
    Ok(Some(round(
        mul(base, coefficient)?,
        plan.rounding.scale,
        plan.rounding.strategy,
    )))
}
