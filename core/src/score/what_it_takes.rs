//! *What it takes*: for each indicator, the smallest change of the actual (in steps
//! of the indicator's resolution) that reaches the next tier, or the next whole
//! score point, and the total and rating that would follow.

use crate::plan::spec::{Direction, TierBasis};
use crate::plan::{Curve, Indicator, NodeKind, PlanInner, RatioLow};
use crate::score::input::SubjectInput;
use crate::score::proration::Factor;
use crate::score::results::{Next, NodeOutcome, Scorecard, Status};
use crate::score::subject::{indicator_outcome, scratch_card, total_with, Known};
use crate::util::arith::{add, div, mul, sub, Calc};
use rust_decimal::Decimal;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;
/// Extra steps tried when the computed threshold falls short after rounding.
const RETRIES: u32 = 3;

#[derive(Clone, Copy)]
enum Goal {
    Tier(usize),
    Score(Decimal),
}

/// Fill `card.next`. `base`: each indicator node's outcome as scoring evaluated it
/// (see `score_subject`), so that a re-score evaluates only the changed indicator.
pub(crate) fn fill(plan: &PlanInner, s: &SubjectInput, base: &[NodeOutcome], card: &mut Scorecard) {
    if card.status != Status::Scored {
        return;
    }
    let mut scratch = scratch_card(plan);
    card.next = plan
        .nodes
        .iter()
        .zip(&card.nodes)
        .map(|(node, current)| match node.kind {
            NodeKind::Indicator(i) => compute(plan, s, i, current, base, &mut scratch)
                .ok()
                .flatten(),
            NodeKind::Group { .. } => None,
        })
        .collect();
    card.next_gate = crate::score::next_gate::compute(plan, s, base, card, &mut scratch)
        .ok()
        .flatten();
}

fn compute(
    plan: &PlanInner,
    s: &SubjectInput,
    i: usize,
    now: &NodeOutcome,
    base: &[NodeOutcome],
    scratch: &mut Scorecard,
) -> Calc<Option<Next>> {
    let Some(ind) = plan.indicators.get(i) else {
        return Ok(None);
    };
    let (Some(actual), Some(score)) = (now.actual, now.score) else {
        return Ok(None);
    };
    if now.flags.contains(crate::score::flags::Flags::MISSING) {
        return Ok(None);
    }
    // Not given for the relative and closest formulas (FORMAT.md, Achievement).
    if ind.curve.formula() != crate::plan::Formula::Quotient {
        return Ok(None);
    }
    let factor = crate::score::subject::proration(s, i, ind);
    let target = now.target;
    let next_tier = match now.tier {
        Some(k) => k + 1,
        None => 0,
    };
    let tiers_evaluable =
        ind.target.basis == TierBasis::Actual || now.achievement_for(ind.direction).is_some();
    let goal = if tiers_evaluable && next_tier < ind.target.tiers.len() {
        Goal::Tier(next_tier)
    } else {
        let mut g = add(score.floor(), Decimal::ONE)?;
        if let Some(m) = ind.max_score() {
            if score >= m {
                return Ok(None);
            }
            g = g.min(m);
        }
        Goal::Score(g)
    };
    let Some(threshold) = threshold(ind, goal, actual, target, factor)? else {
        return Ok(None);
    };
    // Which way the actual must move.
    let up = match ind.direction {
        Direction::HigherIsBetter => true,
        Direction::LowerIsBetter => false,
        Direction::Band => threshold > actual,
    };
    let step = ind.step;
    let gap = if up {
        sub(threshold, actual)?
    } else {
        sub(actual, threshold)?
    };
    let mut steps = div(gap, step)?.ceil().max(Decimal::ONE);
    for _ in 0..=RETRIES {
        let change = if up {
            mul(steps, step)?
        } else {
            -mul(steps, step)?
        };
        let candidate = add(actual, change)?;
        let o = indicator_outcome(plan, s, i, Some(candidate))?;
        let reached = match goal {
            Goal::Tier(k) => o.tier.is_some_and(|t| t >= k),
            Goal::Score(g) => o.score.is_some_and(|sc| sc >= g),
        };
        if reached {
            let known = Known {
                outcomes: base,
                replaced: (i, o),
            };
            let (total, rating) = total_with(plan, s, &known, scratch);
            let scale = plan.rounding.scale;
            let strategy = plan.rounding.strategy;
            return Ok(Some(Next {
                tier: match goal {
                    Goal::Tier(k) => Some(k),
                    Goal::Score(_) => None,
                },
                actual: candidate,
                change,
                score: crate::util::rounding::round(o.score.unwrap_or_default(), scale, strategy),
                total,
                rating,
            }));
        }
        steps = add(steps, Decimal::ONE)?;
    }
    Ok(None)
}

/// The actual at which the goal is first met (before snapping to the step).
fn threshold(
    ind: &Indicator,
    goal: Goal,
    actual: Decimal,
    target: Option<Decimal>,
    factor: Factor,
) -> Calc<Option<Decimal>> {
    match goal {
        Goal::Tier(k) => tier_actual(ind, k, target, factor),
        Goal::Score(g) => score_actual(ind, g, actual, target, factor),
    }
}

/// Achievement percent → actual.
pub(crate) fn from_achievement(
    ind: &Indicator,
    a: Decimal,
    target: Option<Decimal>,
) -> Calc<Option<Decimal>> {
    let Some(t) = target else { return Ok(None) };
    if a <= Decimal::ZERO {
        return Ok(None);
    }
    Ok(Some(match ind.direction {
        Direction::LowerIsBetter => div(mul(t, HUNDRED)?, a)?,
        _ => div(mul(t, a)?, HUNDRED)?,
    }))
}

/// x on the curve's axis (actual or achievement) → actual.
fn from_x(ind: &Indicator, x: Decimal, target: Option<Decimal>) -> Calc<Option<Decimal>> {
    match ind.target.basis {
        TierBasis::Actual => Ok(Some(x)),
        TierBasis::Achievement => from_achievement(ind, x, target),
    }
}

fn tier_actual(
    ind: &Indicator,
    k: usize,
    target: Option<Decimal>,
    factor: Factor,
) -> Calc<Option<Decimal>> {
    let Some(x) = ind.tier_x(k, factor)? else {
        return Ok(None);
    };
    from_x(ind, x, target)
}

fn score_actual(
    ind: &Indicator,
    g: Decimal,
    actual: Decimal,
    target: Option<Decimal>,
    factor: Factor,
) -> Calc<Option<Decimal>> {
    let tiers = &ind.target.tiers;
    match ind.curve {
        Curve::Ratio {
            low: RatioLow::Extrapolate,
            ..
        } if g <= Decimal::ZERO && ind.direction == Direction::HigherIsBetter => {
            // A clawback: a negative goal is reached at a negative achievement.
            Ok(target.map(|t| div(mul(t, g)?, HUNDRED)).transpose()?)
        }
        Curve::Ratio { low, .. } => {
            from_achievement(ind, g.max(low.gate().unwrap_or(Decimal::ZERO)), target)
        }
        Curve::Step { .. } => match tiers.iter().position(|t| t.score >= g) {
            Some(k) => tier_actual(ind, k, target, factor),
            None => Ok(None),
        },
        Curve::Linear { .. } => {
            let n = tiers.len();
            if tiers.first().is_some_and(|t| t.score >= g) {
                return tier_actual(ind, 0, target, factor);
            }
            for k in 0..n.saturating_sub(1) {
                let (Some(a), Some(b)) = (tiers.get(k), tiers.get(k + 1)) else {
                    continue;
                };
                if b.score >= g && b.score > a.score {
                    let (Some(x0), Some(x1)) = (ind.tier_x(k, factor)?, ind.tier_x(k + 1, factor)?)
                    else {
                        return Ok(None);
                    };
                    let x = add(
                        x0,
                        div(mul(sub(g, a.score)?, sub(x1, x0)?)?, sub(b.score, a.score)?)?,
                    )?;
                    return from_x(ind, x, target);
                }
            }
            // Beyond the last point: only an extrapolating curve still rises.
            if n >= 2 {
                if let (Some(a), Some(b)) = (tiers.get(n - 2), tiers.get(n - 1)) {
                    if b.score > a.score {
                        let (Some(x0), Some(x1)) =
                            (ind.tier_x(n - 2, factor)?, ind.tier_x(n - 1, factor)?)
                        else {
                            return Ok(None);
                        };
                        let x = add(
                            x1,
                            div(mul(sub(g, b.score)?, sub(x1, x0)?)?, sub(b.score, a.score)?)?,
                        )?;
                        return from_x(ind, x, target);
                    }
                }
            }
            Ok(None)
        }
        Curve::Band {
            low,
            high,
            full,
            per_unit,
            ..
        } => {
            let slack = div(sub(full, g)?, per_unit)?;
            Ok(Some(if actual < low {
                sub(low, slack)?
            } else {
                add(high, slack)?
            }))
        }
        Curve::PassFail { .. } => Ok(target),
        Curve::Deduction { full, per_unit, .. } => Ok(Some(div(sub(full, g)?, per_unit)?)),
    }
}
