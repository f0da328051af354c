//! Scoring one subject: indicators through their curves, the weight tree with its
//! missing-data policies, adjustments, total, rating and payout. Then ranks.

use crate::error::{Code, Problem};
use crate::plan::spec::Missing;
use crate::plan::{AdjustmentRef, NodeKind, PlanInner};
use crate::score::curve::Given;
use crate::score::flags::Flags;
use crate::score::input::SubjectInput;
use crate::score::proration::Factor;
use crate::score::results::{AdjustmentOutcome, NodeOutcome, Scorecard, Status};
use crate::score::verdict::{gate_applies, payout, rating};
use crate::util::arith::{add, div, div100, mul, Calc, Fault};
use crate::util::rounding::round;
use rust_decimal::Decimal;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;
/// Outcomes already known for a re-score: every indicator node's as scoring
/// computed it (before the tree applied missing-data policies and weights: see
/// [`score_subject`]), except indicator `replaced.0`, whose outcome is `replaced.1`.
pub(crate) struct Known<'a> {
    pub outcomes: &'a [NodeOutcome],
    pub replaced: (usize, NodeOutcome),
}

/// The total and rating a subject would get with one indicator's outcome replaced,
/// scored into a scratch scorecard reused between calls (what it takes re-scores a
/// subject once per indicator: no id, group or node copies, and no evaluation of
/// the indicators that did not change).
pub(crate) fn total_with(
    plan: &PlanInner,
    s: &SubjectInput,
    known: &Known<'_>,
    scratch: &mut Scorecard,
) -> (Option<Decimal>, Option<usize>) {
    scratch.status = Status::Scored;
    scratch.score = None;
    scratch.total = None;
    scratch.rating = None;
    scratch.payout = None;
    scratch.flags = Flags::default();
    scratch.problems.clear();
    scratch.nodes.clear();
    scratch
        .nodes
        .resize(plan.nodes.len(), NodeOutcome::default());
    match fill_card(plan, s, Some(known), None, scratch) {
        Ok(()) if scratch.problems.is_empty() => (scratch.total, scratch.rating),
        _ => (None, None),
    }
}

/// An empty scorecard to score into (see [`total_with`]).
pub(crate) fn scratch_card(plan: &PlanInner) -> Scorecard {
    Scorecard {
        id: String::new(),
        groups: std::collections::BTreeMap::new(),
        status: Status::Scored,
        score: None,
        total: None,
        rating: None,
        rank: None,
        payout: None,
        flags: Flags::default(),
        adjustments: Vec::new(),
        nodes: Vec::with_capacity(plan.nodes.len()),
        next: Vec::new(),
        next_gate: None,
        problems: Vec::new(),
        scale: plan.rounding.scale,
        earnings: None,
        summary: false,
    }
}

/// Score a subject. With `keep`, each indicator node's outcome is also copied there
/// as evaluated, before the tree applies missing-data policies and weights to it
/// (what it takes re-scores from those, one indicator replaced at a time).
pub(crate) fn score_subject(
    plan: &PlanInner,
    s: &SubjectInput,
    keep: Option<&mut [NodeOutcome]>,
) -> Scorecard {
    let mut card = Scorecard {
        id: s.id.clone(),
        groups: s.groups.clone(),
        status: Status::Scored,
        score: None,
        total: None,
        rating: None,
        rank: None,
        payout: None,
        flags: Flags::default(),
        adjustments: Vec::new(),
        nodes: vec![NodeOutcome::default(); plan.nodes.len()],
        next: Vec::new(),
        next_gate: None,
        problems: Vec::new(),
        scale: plan.rounding.scale,
        earnings: None,
        summary: false,
    };
    let filled = fill_card(plan, s, None, keep, &mut card).and_then(|()| match &plan.earnings {
        Some(e) if card.problems.is_empty() => {
            card.earnings = Some(crate::score::earnings::statement(plan, e, s, &card)?);
            Ok(())
        }
        _ => Ok(()),
    });
    match filled {
        Ok(()) => {}
        Err((path, Fault)) => card.problems.push(Problem::new(
            path,
            Code::Overflow,
            "arithmetic went beyond 28 significant digits",
        )),
    }
    if !card.problems.is_empty() {
        card.status = Status::Refused;
        card.nodes = Vec::new();
        card.adjustments = Vec::new();
        card.score = None;
        card.total = None;
        card.rating = None;
        card.payout = None;
        card.flags = Flags::default();
        card.earnings = None;
    }
    card
}

type At<T> = Result<T, (String, Fault)>;

pub(crate) fn at<T>(path: &str, r: Calc<T>) -> At<T> {
    r.map_err(|f| (path.to_string(), f))
}

/// The factor applied to a subject's target and actual-basis tier points of
/// indicator `i`: the run's period-to-date factor if set, else the active share
/// for a `prorate` target, else 1.
pub(crate) fn proration(s: &SubjectInput, i: usize, ind: &crate::plan::Indicator) -> Factor {
    match s.factors.get(i).copied().flatten() {
        Some(f) => f,
        None if ind.target.prorate => s.active,
        None => Factor::ONE,
    }
}

/// Evaluate one indicator for a subject into its node.
pub(crate) fn indicator_outcome(
    plan: &PlanInner,
    s: &SubjectInput,
    i: usize,
    actual: Option<Decimal>,
) -> Calc<NodeOutcome> {
    let mut out = NodeOutcome::default();
    let Some(ind) = plan.indicators.get(i) else {
        return Ok(out);
    };
    let base_target = s.targets.get(i).copied().flatten().or(ind.target.value);
    let factor = proration(s, i, ind);
    let prorated = factor.prorates();
    let target = match base_target {
        Some(t) if prorated => Some(factor.apply(t)?),
        t => t,
    };
    if prorated {
        out.flags.set(Flags::PRORATED);
    }
    out.actual = actual;
    out.target = target;
    let Some(actual) = actual else {
        out.flags.set(Flags::MISSING);
        return Ok(out);
    };
    // A per-subject target that the subject lacks (and no plan value) is no data,
    // whatever the curve (FORMAT.md, Target: "a subject with neither").
    if (ind.needs_target() || ind.target.per_subject) && target.is_none() {
        out.flags.set(Flags::MISSING);
        return Ok(out);
    }
    let o = ind.evaluate(&Given {
        actual,
        target,
        factor,
    })?;
    let mut score = o.score;
    if let Some(k) = plan.rounding.indicator_scores {
        score = round(score, k, plan.rounding.strategy);
    }
    out.achievement = o.achievement;
    out.tier = o.tier;
    out.score = Some(score);
    out.flags.set(o.flags);
    Ok(out)
}

/// Score a subject into `card`: from its actuals, or from indicator outcomes already
/// `known` (a re-score for what it takes, which needs the total and rating only: no
/// payout). `keep` receives the indicator outcomes as evaluated.
pub(crate) fn fill_card(
    plan: &PlanInner,
    s: &SubjectInput,
    known: Option<&Known<'_>>,
    mut keep: Option<&mut [NodeOutcome]>,
    card: &mut Scorecard,
) -> At<()> {
    let nodes = &mut card.nodes;
    // Every indicator first (a group's gate may read an indicator anywhere in the
    // tree), then the groups bottom-up: in pre-order, children follow their parent.
    for (n, node) in plan.nodes.iter().enumerate() {
        let NodeKind::Indicator(i) = &node.kind else {
            continue;
        };
        let outcome = match known {
            Some(k) if k.replaced.0 == *i => k.replaced.1,
            Some(k) if n < k.outcomes.len() => k.outcomes.get(n).copied().unwrap_or_default(),
            _ => {
                let actual = s.actuals.get(*i).copied().flatten();
                let o = at(&node.path, indicator_outcome(plan, s, *i, actual))?;
                if let Some(slot) = keep.as_deref_mut().and_then(|k| k.get_mut(n)) {
                    *slot = o;
                }
                o
            }
        };
        if let Some(slot) = nodes.get_mut(n) {
            *slot = outcome;
        }
    }
    // Problems of refused nodes, by node (pre-order: the order of the plan's tree).
    let mut refused: Vec<(usize, Problem)> = Vec::new();
    for (n, node) in plan.nodes.iter().enumerate().rev() {
        let outcome = match &node.kind {
            NodeKind::Indicator(_) => continue,
            NodeKind::Group {
                children,
                gates,
                mean,
                round: digits,
            } => {
                // A mean group weighs each main child 1 (an auxiliary one 0): the
                // score is Σ scores ÷ the count of children with data.
                let unit = |w: Decimal| match (mean, w.is_zero()) {
                    (false, _) => w,
                    (true, true) => Decimal::ZERO,
                    (true, false) => Decimal::ONE,
                };
                let mut out = NodeOutcome::default();
                let mut weighted = Decimal::ZERO;
                let mut avail = Decimal::ZERO;
                for &c in children {
                    let (Some(child), Some(cnode)) = (nodes.get_mut(c), plan.nodes.get(c)) else {
                        continue;
                    };
                    if child.score.is_none() {
                        match cnode.missing {
                            Missing::Reweight => continue,
                            Missing::Zero => {
                                child.score = Some(Decimal::ZERO);
                                child.flags.set(Flags::MISSING);
                            }
                            Missing::Refuse => {
                                refused.push((
                                    c,
                                    Problem::new(
                                        cnode.path.clone(),
                                        Code::MissingData,
                                        "no data, and the node's missing policy is refuse",
                                    ),
                                ));
                                continue;
                            }
                        }
                    }
                    let sc = child.score.unwrap_or_default();
                    let w = unit(cnode.weight);
                    weighted = at(&cnode.path, add(weighted, at(&cnode.path, mul(sc, w))?))?;
                    avail = at(&cnode.path, add(avail, w))?;
                }
                if avail > Decimal::ZERO {
                    let mut score = if avail == HUNDRED {
                        at(&node.path, div100(weighted))?
                    } else {
                        at(&node.path, div(weighted, avail))?
                    };
                    for &c in children {
                        let (Some(child), Some(cnode)) = (nodes.get_mut(c), plan.nodes.get(c))
                        else {
                            continue;
                        };
                        if child.score.is_some() {
                            let w = unit(cnode.weight);
                            child.effective_weight = if avail == HUNDRED {
                                w
                            } else {
                                at(&cnode.path, div(at(&cnode.path, mul(w, HUNDRED))?, avail))?
                            };
                            if child.effective_weight != cnode.weight {
                                child.flags.set(Flags::REWEIGHTED);
                            }
                        }
                    }
                    for &g in gates {
                        if let Some(gate) = plan.gates.get(g) {
                            if gate_applies(plan, gate, nodes) {
                                score = score.min(gate.cap);
                                out.flags.set(Flags::GATED);
                            }
                        }
                    }
                    if let Some(k) = *digits {
                        score = round(score, k, plan.rounding.strategy);
                    }
                    out.score = Some(score);
                } else {
                    out.flags.set(Flags::MISSING);
                }
                out
            }
        };
        if let Some(slot) = nodes.get_mut(n) {
            *slot = outcome;
        }
    }
    refused.sort_by_key(|(n, _)| *n);
    card.problems.extend(refused.into_iter().map(|(_, p)| p));
    if !card.problems.is_empty() {
        return Ok(());
    }
    if let Some(root) = nodes.get_mut(0) {
        root.effective_weight = HUNDRED;
    }
    for o in nodes.iter() {
        if o.flags.contains(Flags::MISSING) {
            card.flags.set(Flags::MISSING);
        }
        if o.flags.contains(Flags::PRORATED) {
            card.flags.set(Flags::PRORATED);
        }
    }
    let tree = nodes.first().and_then(|r| r.score);
    let strategy = plan.rounding.strategy;
    let scale = plan.rounding.scale;
    // A re-score for what it takes needs the total and rating only.
    if known.is_none() {
        card.score = tree.map(|t| round(t, scale, strategy));
    }

    // Adjustments in plan order; total gates take the lowest cap that applies.
    let mut total = tree;
    let mut cap: Option<Decimal> = None;
    card.adjustments.clear();
    card.adjustments.reserve(plan.adjustments.len());
    for (k, adj) in plan.adjustments.iter().enumerate() {
        let mut out = AdjustmentOutcome::default();
        match *adj {
            AdjustmentRef::Points(i) => {
                let Some(item) = plan.points.get(i) else {
                    continue;
                };
                let mut p = match (s.measured.get(i).copied().flatten(), &item.measured) {
                    // Measured in a run: units × per_unit, not below 0.
                    (Some(units), Some(m)) => {
                        out.measured = Some(units);
                        let raw =
                            mul(units, m.per_unit).map_err(|f| (format!("/adjustments/{k}"), f))?;
                        if raw.is_sign_negative() && !raw.is_zero() {
                            out.flags.set(Flags::FLOORED);
                            Decimal::ZERO
                        } else {
                            raw
                        }
                    }
                    _ => {
                        if s.unfed.get(i).copied().unwrap_or(false) {
                            out.flags.set(Flags::MISSING);
                        }
                        s.points.get(i).copied().unwrap_or_default()
                    }
                };
                if p > item.max {
                    p = item.max;
                    out.flags.set(Flags::CAPPED);
                }
                let signed = if item.deduction { -p } else { p };
                if !p.is_zero() && total.is_some() {
                    card.flags.set(Flags::ADJUSTED);
                }
                total = match total {
                    Some(t) => Some(at("", add(t, signed))?),
                    None => None,
                };
                out.points = Some(round(signed, scale, strategy));
            }
            AdjustmentRef::Gate(g) => {
                if let Some(gate) = plan.gates.get(g) {
                    if gate_applies(plan, gate, nodes) {
                        out.flags.set(Flags::GATED);
                        out.points = Some(round(gate.cap, scale, strategy));
                        if gate.group.is_none() {
                            // Like `adjusted`: only a total can be gated.
                            if total.is_some() {
                                card.flags.set(Flags::GATED);
                            }
                            cap = Some(cap.map_or(gate.cap, |c| c.min(gate.cap)));
                        }
                    }
                }
            }
        }
        card.adjustments.push(out);
    }
    let Some(mut t) = total else { return Ok(()) };
    if let Some(c) = cap {
        t = t.min(c);
    }
    if let Some(f) = plan.floor {
        if t < f {
            t = f;
            card.flags.set(Flags::FLOORED);
        }
    }
    if let Some(c) = plan.ceiling {
        if t > c {
            t = c;
            card.flags.set(Flags::CAPPED);
        }
    }
    let t = round(t, scale, strategy);
    card.total = Some(t);
    card.rating = rating(plan, t);
    if known.is_none() {
        card.payout = payout(plan, s, t, card.rating).map_err(|f| (String::from("/payout"), f))?;
    }
    Ok(())
}
