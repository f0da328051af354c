//! The canonical JSON form of results: keys in a fixed order, subjects sorted by id,
//! every decimal a string with exactly the plan's scale. Identical bytes for the same
//! plan and input, whatever the input order or the thread count.

use crate::curve::Achievement;
use crate::plan::{AdjustmentRef, NodeKind, PlanInner};
use crate::rounding::{round, text};
use crate::scorecard::{Results, Scorecard, Status};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

struct Fmt {
    scale: u32,
    strategy: rust_decimal::RoundingStrategy,
}

impl Fmt {
    fn dec(&self, d: Decimal) -> Value {
        Value::String(text(round(d, self.scale, self.strategy), self.scale))
    }

    fn opt(&self, d: Option<Decimal>) -> Value {
        d.map_or(Value::Null, |d| self.dec(d))
    }
}

fn flags(f: crate::flags::Flags) -> Value {
    Value::Array(f.names().map(|n| Value::String(n.to_string())).collect())
}

impl Results {
    /// The canonical result document as a JSON value.
    pub fn to_value(&self) -> Value {
        let plan = &self.plan.inner;
        let subjects: Vec<Value> = self.cards.iter().map(|c| card_value(plan, c)).collect();
        json!({
            "plan": { "id": plan.spec.id, "version": plan.spec.version },
            "subjects": subjects,
        })
    }

    /// The canonical result document as compact JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// One subject's scorecard as canonical JSON (the same object as in `to_value`).
    pub fn card_value(&self, card: &Scorecard) -> Value {
        card_value(&self.plan.inner, card)
    }
}

pub(crate) fn card_value(plan: &PlanInner, c: &Scorecard) -> Value {
    let f = Fmt {
        scale: plan.rounding.scale,
        strategy: plan.rounding.strategy,
    };
    let rating = |r: Option<usize>| -> Value {
        r.and_then(|r| plan.ratings.get(r))
            .map_or(Value::Null, |b| Value::String(b.name.clone()))
    };
    let groups: Map<String, Value> = c
        .groups
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let adjustments: Vec<Value> = if c.status == Status::Scored {
        plan.adjustments
            .iter()
            .zip(&c.adjustments)
            .map(|(a, o)| {
                let (id, kind) = match *a {
                    AdjustmentRef::Gate(g) => (
                        plan.gates.get(g).map(|g| g.id.clone()).unwrap_or_default(),
                        "gate",
                    ),
                    AdjustmentRef::Points(p) => match plan.points.get(p) {
                        Some(item) => (item.id.clone(), if item.deduction { "deduction" } else { "bonus" }),
                        None => (String::new(), "bonus"),
                    },
                };
                json!({ "id": id, "kind": kind, "points": f.opt(o.points), "flags": flags(o.flags) })
            })
            .collect()
    } else {
        Vec::new()
    };
    let tree = if c.status == Status::Scored && !c.nodes.is_empty() {
        let shares = contributions(plan, c);
        node_value(plan, c, &f, &shares, 0, true)
    } else {
        Value::Null
    };
    let problems: Vec<Value> = c
        .problems
        .iter()
        .map(|p| json!({ "path": p.path, "code": p.code.as_str(), "message": p.message }))
        .collect();
    json!({
        "id": c.id,
        "status": match c.status { Status::Scored => "scored", Status::Refused => "refused" },
        "total": f.opt(c.total),
        "rating": rating(c.rating),
        "rank": c.rank,
        "payout": f.opt(c.payout),
        "flags": flags(c.flags),
        "groups": groups,
        "score": f.opt(c.score),
        "adjustments": adjustments,
        "tree": tree,
        "problems": problems,
    })
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

fn node_value(
    plan: &PlanInner,
    c: &Scorecard,
    f: &Fmt,
    shares: &[Option<Decimal>],
    n: usize,
    root: bool,
) -> Value {
    let (Some(node), Some(o)) = (plan.nodes.get(n), c.nodes.get(n)) else {
        return Value::Null;
    };
    let contribution = f.opt(shares.get(n).copied().flatten());
    let weight = if root {
        Value::Null
    } else {
        f.dec(node.weight)
    };
    let effective = if root {
        Value::Null
    } else {
        f.dec(o.effective_weight)
    };
    match &node.kind {
        NodeKind::Group { children, .. } => {
            let kids: Vec<Value> = children
                .iter()
                .map(|&k| node_value(plan, c, f, shares, k, false))
                .collect();
            json!({
                "id": node.id,
                "kind": "group",
                "name": node.name,
                "weight": weight,
                "effective_weight": effective,
                "score": f.opt(o.score),
                "contribution": contribution,
                "flags": flags(o.flags),
                "children": kids,
            })
        }
        NodeKind::Indicator(i) => {
            let ind = plan.indicators.get(*i);
            let achievement = match ind.and_then(|d| o.achievement_for(d.direction)) {
                Some(Achievement::Finite(a)) => f.dec(a),
                _ => Value::Null,
            };
            let tier = o
                .tier
                .and_then(|k| ind.and_then(|d| d.target.tiers.get(k)))
                .map_or(Value::Null, |t| Value::String(t.name.clone()));
            let next = match c.next.get(n).copied().flatten() {
                None => Value::Null,
                Some(nx) => json!({
                    "goal": if nx.tier.is_some() { "tier" } else { "point" },
                    "tier": nx.tier.and_then(|k| ind.and_then(|d| d.target.tiers.get(k))).map(|t| t.name.clone()),
                    "actual": f.dec(nx.actual),
                    "change": f.dec(nx.change),
                    "score": f.dec(nx.score),
                    "total": f.opt(nx.total),
                    "rating": nx.rating.and_then(|r| plan.ratings.get(r)).map(|b| b.name.clone()),
                }),
            };
            json!({
                "id": node.id,
                "kind": "indicator",
                "name": ind.map(|d| d.name.clone()),
                "weight": weight,
                "effective_weight": effective,
                "actual": f.opt(o.actual),
                "target": f.opt(o.target),
                "achievement": achievement,
                "tier": tier,
                "score": f.opt(o.score),
                "contribution": contribution,
                "flags": flags(o.flags),
                "next": next,
            })
        }
    }
}

impl crate::Plan {
    /// One scorecard as canonical JSON (what-if previews score one subject at a time).
    pub fn card_value(&self, card: &Scorecard) -> Value {
        card_value(&self.inner, card)
    }

    /// Score an input document (JSON text) and return the canonical result text.
    /// The one-call form used by the bindings and the CLI.
    pub fn score_json(&self, input_json: &str) -> Result<String, crate::Error> {
        let input = crate::Input::from_json(self, input_json)?;
        Ok(self.score(&input)?.to_json())
    }
}
