//! One scorecard as canonical JSON: status, total, rating, rank, payout, flags,
//! problems, adjustments and the explanation node of every tree node.

use crate::output::figure::write_indicator_figures;
use crate::plan::{AdjustmentRef, NodeKind, PlanInner};
use crate::score::results::{Scorecard, Status};
use crate::util::json_out::JsonOut;
use crate::util::rounding::round;
use rust_decimal::Decimal;

pub(crate) struct Fmt {
    pub scale: u32,
    pub strategy: rust_decimal::RoundingStrategy,
}

impl Fmt {
    pub fn of(plan: &PlanInner) -> Fmt {
        Fmt {
            scale: plan.rounding.scale,
            strategy: plan.rounding.strategy,
        }
    }

    pub fn dec(&self, j: &mut JsonOut, d: Decimal) {
        j.dec_text(round(d, self.scale, self.strategy), self.scale);
    }

    pub fn opt(&self, j: &mut JsonOut, d: Option<Decimal>) {
        match d {
            Some(d) => self.dec(j, d),
            None => {
                j.null();
            }
        }
    }
}

pub(crate) fn flags(j: &mut JsonOut, f: crate::score::flags::Flags) {
    j.begin_arr();
    for n in f.names() {
        j.str(n);
    }
    j.end_arr();
}

pub(crate) fn card_json(plan: &PlanInner, c: &Scorecard) -> String {
    let mut j = JsonOut::new();
    write_card(&mut j, plan, c);
    j.end_obj();
    j.finish()
}

/// Write a scorecard object, leaving it open so a run can add its own keys.
pub(crate) fn write_card(j: &mut JsonOut, plan: &PlanInner, c: &Scorecard) {
    let f = Fmt::of(plan);
    let rating = |r: Option<usize>| r.and_then(|r| plan.ratings.get(r)).map(|b| b.name.as_str());
    j.begin_obj();
    j.field("id").str(&c.id);
    j.field("status").str(c.status.as_str());
    j.field("total");
    f.opt(j, c.total);
    j.field("rating").opt_str(rating(c.rating));
    j.field("rank").opt_uint(c.rank.map(u64::from));
    j.field("payout");
    f.opt(j, c.payout);
    j.field("flags");
    flags(j, c.flags);
    j.field("groups").begin_obj();
    for (k, v) in &c.groups {
        j.key(k).str(v);
    }
    j.end_obj();
    j.field("score");
    f.opt(j, c.score);
    j.field("adjustments");
    write_adjustments(j, plan, c, &f);
    j.field("next_gate");
    write_next_gate(j, plan, c, &f);
    j.field("tree");
    if c.status == Status::Scored && !c.nodes.is_empty() && !c.summary {
        let shares = contributions(plan, c);
        write_node(j, plan, c, &f, &shares, 0, true);
    } else {
        j.null();
    }
    j.field("problems");
    write_problems(j, c);
    if plan.earnings.is_some() {
        // Only when the plan declares earnings: other results keep their bytes.
        j.field("earnings");
        crate::output::statement::write_statement(j, plan, c.earnings.as_ref());
    }
}

/// The `problems` array of a scorecard (why it was refused; empty when scored).
pub(crate) fn write_problems(j: &mut JsonOut, c: &Scorecard) {
    j.begin_arr();
    for p in &c.problems {
        j.begin_obj();
        j.field("path").str(&p.path);
        j.field("code").str(p.code.as_str());
        j.field("message").str(&p.message);
        j.end_obj();
    }
    j.end_arr();
}

/// An adjustment's `id` and `kind` in results.
pub(crate) fn adjustment_id_kind(plan: &PlanInner, a: AdjustmentRef) -> (&str, &'static str) {
    match a {
        AdjustmentRef::Gate(g) => (plan.gates.get(g).map_or("", |g| g.id.as_str()), "gate"),
        AdjustmentRef::Points(p) => match plan.points.get(p) {
            Some(item) => (
                item.id.as_str(),
                if item.deduction { "deduction" } else { "bonus" },
            ),
            None => ("", "bonus"),
        },
    }
}

/// The `adjustments` array of a scorecard (empty unless scored).
pub(crate) fn write_adjustments(j: &mut JsonOut, plan: &PlanInner, c: &Scorecard, f: &Fmt) {
    j.begin_arr();
    if c.status == Status::Scored {
        for (a, o) in plan.adjustments.iter().zip(&c.adjustments) {
            let (id, kind) = adjustment_id_kind(plan, *a);
            j.begin_obj();
            j.field("id").str(id);
            j.field("kind").str(kind);
            j.field("points");
            f.opt(j, o.points);
            j.field("flags");
            flags(j, o.flags);
            // A measured bonus or deduction: the units measured and the points per unit.
            if let AdjustmentRef::Points(p) = a {
                if let Some(m) = plan.points.get(*p).and_then(|i| i.measured.as_ref()) {
                    j.field("measured");
                    f.opt(j, o.measured);
                    j.field("per_unit");
                    f.dec(j, m.per_unit);
                }
            }
            j.end_obj();
        }
    }
    j.end_arr();
}

/// *What it takes* when a total gate caps the total: the gate to clear first, the
/// actual of its indicator that clears it, and the total and rating that follow.
fn write_next_gate(j: &mut JsonOut, plan: &PlanInner, c: &Scorecard, f: &Fmt) {
    let Some((ng, gate)) = c
        .next_gate
        .filter(|_| c.status == Status::Scored)
        .and_then(|ng| plan.gates.get(ng.gate).map(|g| (ng, g)))
    else {
        j.null();
        return;
    };
    j.begin_obj();
    j.field("gate").str(&gate.id);
    j.field("indicator").str(
        plan.indicators
            .get(gate.indicator)
            .map_or("", |i| i.id.as_str()),
    );
    j.field("actual");
    f.dec(j, ng.actual);
    j.field("change");
    f.dec(j, ng.change);
    j.field("total");
    f.opt(j, ng.total);
    j.field("rating").opt_str(
        ng.rating
            .and_then(|r| plan.ratings.get(r))
            .map(|b| b.name.as_str()),
    );
    j.end_obj();
}

/// Each node's contribution to the tree score: its score × the product of the
/// effective weights ÷ 100 on its path. None for a node without data. Computed
/// when explaining, not while scoring.
pub(crate) fn contributions(plan: &PlanInner, c: &Scorecard) -> Vec<Option<Decimal>> {
    let mut factor = vec![Decimal::ONE; plan.nodes.len()];
    for (n, node) in plan.nodes.iter().enumerate() {
        let here = factor.get(n).copied().unwrap_or_default();
        if let NodeKind::Group { children, .. } = &node.kind {
            for &k in children {
                let w = c
                    .nodes
                    .get(k)
                    .map(|o| o.effective_weight)
                    .unwrap_or_default();
                let share = here
                    .checked_mul(w)
                    .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED));
                if let Some(slot) = factor.get_mut(k) {
                    *slot = share.unwrap_or_default();
                }
            }
        }
    }
    c.nodes
        .iter()
        .zip(factor)
        .map(|(o, f)| o.score.and_then(|s| s.checked_mul(f)))
        .collect()
}

pub(crate) fn write_node(
    j: &mut JsonOut,
    plan: &PlanInner,
    c: &Scorecard,
    f: &Fmt,
    shares: &[Option<Decimal>],
    n: usize,
    root: bool,
) {
    let (Some(node), Some(o)) = (plan.nodes.get(n), c.nodes.get(n)) else {
        j.null();
        return;
    };
    let weights = |j: &mut JsonOut| {
        if root {
            j.field("weight").null();
            j.field("effective_weight").null();
        } else {
            j.field("weight");
            f.dec(j, node.weight);
            j.field("effective_weight");
            f.dec(j, o.effective_weight);
        }
    };
    let contribution = shares.get(n).copied().flatten();
    j.begin_obj();
    j.field("id").str(&node.id);
    match &node.kind {
        NodeKind::Group { children, .. } => {
            j.field("kind").str("group");
            j.field("name").opt_str(node.name.as_deref());
            weights(j);
            j.field("score");
            f.opt(j, o.score);
            j.field("contribution");
            f.opt(j, contribution);
            j.field("flags");
            flags(j, o.flags);
            j.field("children").begin_arr();
            for &k in children {
                write_node(j, plan, c, f, shares, k, false);
            }
            j.end_arr();
        }
        NodeKind::Indicator(i) => {
            let ind = plan.indicators.get(*i);
            j.field("kind").str("indicator");
            j.field("name").opt_str(ind.map(|d| d.name.as_str()));
            weights(j);
            write_indicator_figures(j, plan, c, f, contribution, n, *i);
        }
    }
    j.end_obj();
}
