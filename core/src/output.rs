//! The canonical JSON form of results: keys in a fixed order, subjects sorted by id,
//! every decimal a string with exactly the plan's scale. Identical bytes for the same
//! plan and input, whatever the input order or the thread count.
//!
//! Text is written directly ([`JsonOut`]); the `Value` forms are read back from it,
//! so the two can never differ.

use crate::curve::Achievement;
use crate::json_out::JsonOut;
use crate::plan::{AdjustmentRef, NodeKind, PlanInner};
use crate::rounding::round;
use crate::scorecard::{Results, Scorecard, Status};
use rust_decimal::Decimal;
use serde_json::Value;

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

fn flags(j: &mut JsonOut, f: crate::flags::Flags) {
    j.begin_arr();
    for n in f.names() {
        j.str(n);
    }
    j.end_arr();
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

impl Results {
    /// The canonical result document as compact JSON text.
    pub fn to_json(&self) -> String {
        let plan = &self.plan.inner;
        let mut j = JsonOut::new();
        j.begin_obj();
        j.field("plan").begin_obj();
        j.field("id").str(&plan.spec.id);
        j.field("version").str(&plan.spec.version);
        j.end_obj();
        j.field("subjects").begin_arr();
        for c in &self.cards {
            write_card(&mut j, plan, c);
            j.end_obj();
        }
        j.end_arr();
        j.end_obj();
        j.finish()
    }

    /// The canonical result document as a JSON value.
    pub fn to_value(&self) -> Value {
        parse(&self.to_json())
    }

    /// One subject's scorecard as canonical JSON (the same object as in `to_json`).
    pub fn card_value(&self, card: &Scorecard) -> Value {
        parse(&card_json(&self.plan.inner, card))
    }
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
    j.field("status").str(match c.status {
        Status::Scored => "scored",
        Status::Refused => "refused",
    });
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
    j.field("adjustments").begin_arr();
    if c.status == Status::Scored {
        for (a, o) in plan.adjustments.iter().zip(&c.adjustments) {
            let (id, kind) = match *a {
                AdjustmentRef::Gate(g) => (plan.gates.get(g).map_or("", |g| g.id.as_str()), "gate"),
                AdjustmentRef::Points(p) => match plan.points.get(p) {
                    Some(item) => (
                        item.id.as_str(),
                        if item.deduction { "deduction" } else { "bonus" },
                    ),
                    None => ("", "bonus"),
                },
            };
            j.begin_obj();
            j.field("id").str(id);
            j.field("kind").str(kind);
            j.field("points");
            f.opt(j, o.points);
            j.field("flags");
            flags(j, o.flags);
            j.end_obj();
        }
    }
    j.end_arr();
    j.field("tree");
    if c.status == Status::Scored && !c.nodes.is_empty() {
        let shares = contributions(plan, c);
        write_node(j, plan, c, &f, &shares, 0, true);
    } else {
        j.null();
    }
    j.field("problems").begin_arr();
    for p in &c.problems {
        j.begin_obj();
        j.field("path").str(&p.path);
        j.field("code").str(p.code.as_str());
        j.field("message").str(&p.message);
        j.end_obj();
    }
    j.end_arr();
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

fn write_node(
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
            let tier_name = |k: Option<usize>| {
                k.and_then(|k| ind.and_then(|d| d.target.tiers.get(k)))
                    .map(|t| t.name.as_str())
            };
            j.field("kind").str("indicator");
            j.field("name").opt_str(ind.map(|d| d.name.as_str()));
            weights(j);
            j.field("actual");
            f.opt(j, o.actual);
            j.field("target");
            f.opt(j, o.target);
            j.field("achievement");
            match ind.and_then(|d| o.achievement_for(d.direction)) {
                Some(Achievement::Finite(a)) => f.dec(j, a),
                _ => {
                    j.null();
                }
            }
            j.field("tier").opt_str(tier_name(o.tier));
            j.field("score");
            f.opt(j, o.score);
            j.field("contribution");
            f.opt(j, contribution);
            j.field("flags");
            flags(j, o.flags);
            j.field("next");
            match c.next.get(n).copied().flatten() {
                None => {
                    j.null();
                }
                Some(nx) => {
                    j.begin_obj();
                    j.field("goal")
                        .str(if nx.tier.is_some() { "tier" } else { "point" });
                    j.field("tier").opt_str(tier_name(nx.tier));
                    j.field("actual");
                    f.dec(j, nx.actual);
                    j.field("change");
                    f.dec(j, nx.change);
                    j.field("score");
                    f.dec(j, nx.score);
                    j.field("total");
                    f.opt(j, nx.total);
                    j.field("rating").opt_str(
                        nx.rating
                            .and_then(|r| plan.ratings.get(r))
                            .map(|b| b.name.as_str()),
                    );
                    j.end_obj();
                }
            }
        }
    }
    j.end_obj();
}

impl crate::Plan {
    /// One scorecard as canonical JSON text (what-if previews score one subject at a
    /// time: this is their fast path).
    pub fn card_json(&self, card: &Scorecard) -> String {
        card_json(&self.inner, card)
    }

    /// One scorecard as canonical JSON.
    pub fn card_value(&self, card: &Scorecard) -> Value {
        parse(&card_json(&self.inner, card))
    }

    /// Score an input document (JSON text) and return the canonical result text.
    /// The one-call form used by the bindings and the CLI.
    pub fn score_json(&self, input_json: &str) -> Result<String, crate::Error> {
        let input = crate::Input::from_json(self, input_json)?;
        Ok(self.score(&input)?.to_json())
    }
}
