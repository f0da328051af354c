//! *What it takes* when a total gate caps the total: no indicator change moves a
//! capped total, so the card says which gate to clear first and the actual of its
//! indicator that clears it (the smallest multiple of the indicator's step that
//! passes the gate, as its `boundary` says), with the total and rating that follow.

use crate::plan::spec::{Direction, TierBasis};
use crate::plan::{AdjustmentRef, PlanInner};
use crate::score::flags::Flags;
use crate::score::input::SubjectInput;
use crate::score::results::{NextGate, NodeOutcome, Scorecard};
use crate::score::subject::{indicator_outcome, total_with, Known};
use crate::score::verdict::gate_applies;
use crate::score::what_it_takes::from_achievement;
use crate::util::arith::{add, div, mul, sub, Calc};
use rust_decimal::Decimal;

/// Extra steps tried when the computed actual falls short (an exclusive boundary).
const RETRIES: u32 = 3;

/// The binding total gate of a gated card: the lowest cap among the total gates
/// that apply, the first in plan order on a tie.
fn binding_gate(plan: &PlanInner, card: &Scorecard) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (a, o) in plan.adjustments.iter().zip(&card.adjustments) {
        let AdjustmentRef::Gate(g) = *a else { continue };
        let Some(gate) = plan.gates.get(g) else {
            continue;
        };
        if gate.group.is_some() || !o.flags.contains(Flags::GATED) {
            continue;
        }
        let lower = best
            .and_then(|b| plan.gates.get(b))
            .is_none_or(|b| gate.cap < b.cap);
        if lower {
            best = Some(g);
        }
    }
    best
}

/// `card.next_gate` for a scored card flagged `gated`. `base`: each indicator
/// node's outcome as scoring evaluated it.
pub(crate) fn compute(
    plan: &PlanInner,
    s: &SubjectInput,
    base: &[NodeOutcome],
    card: &Scorecard,
    scratch: &mut Scorecard,
) -> Calc<Option<NextGate>> {
    if !card.flags.contains(Flags::GATED) {
        return Ok(None);
    }
    let Some(g) = binding_gate(plan, card) else {
        return Ok(None);
    };
    let Some(gate) = plan.gates.get(g) else {
        return Ok(None);
    };
    let i = gate.indicator;
    let (Some(ind), Some(n)) = (
        plan.indicators.get(i),
        plan.indicator_nodes.get(i).copied().flatten(),
    ) else {
        return Ok(None);
    };
    let Some(now) = base.get(n) else {
        return Ok(None);
    };
    let Some(actual) = now.actual else {
        return Ok(None);
    };
    let threshold = match gate.basis {
        TierBasis::Actual => Some(gate.threshold),
        TierBasis::Achievement => from_achievement(ind, gate.threshold, now.target)?,
    };
    let Some(threshold) = threshold else {
        return Ok(None);
    };
    let up = ind.direction != Direction::LowerIsBetter;
    let gap = if up {
        sub(threshold, actual)?
    } else {
        sub(actual, threshold)?
    };
    let mut steps = div(gap, ind.step)?.ceil().max(Decimal::ONE);
    let mut nodes = base.to_vec();
    for _ in 0..=RETRIES {
        let change = if up {
            mul(steps, ind.step)?
        } else {
            -mul(steps, ind.step)?
        };
        let candidate = add(actual, change)?;
        let o = indicator_outcome(plan, s, i, Some(candidate))?;
        if let Some(slot) = nodes.get_mut(n) {
            *slot = o;
        }
        if !gate_applies(plan, gate, &nodes) {
            let known = Known {
                outcomes: base,
                replaced: (i, o),
            };
            let (total, rating) = total_with(plan, s, &known, scratch);
            return Ok(Some(NextGate {
                gate: g,
                actual: candidate,
                change,
                total,
                rating,
            }));
        }
        steps = add(steps, Decimal::ONE)?;
    }
    Ok(None)
}
