//! The canonical JSON form of results: keys in a fixed order, subjects sorted by id,
//! every decimal a string with exactly the plan's scale. Identical bytes for the same
//! plan and input, whatever the input order or the thread count.
//!
//! Text is written directly ([`JsonOut`]); the `Value` forms are read back from it,
//! so the two can never differ.

use crate::plan::{AdjustmentRef, Indicator, NodeKind, PlanInner};
use crate::score::curve::Achievement;
use crate::score::results::{Next, Results, Scorecard, Status};
use crate::util::json_out::JsonOut;
use crate::util::rounding::round;
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

pub(crate) fn flags(j: &mut JsonOut, f: crate::score::flags::Flags) {
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
        for (k, c) in self.cards.iter().enumerate() {
            write_card(&mut j, plan, c);
            j.end_obj();
            if k == 0 {
                reserve_for_cards(&mut j.buf, self.cards.len());
            }
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

    /// Each indicator's score as the scorecard shows it (rounded to the plan's
    /// scale), in the plan's indicator order; None when the subject was refused,
    /// or the indicator had no data or is not in the tree. The same figures as the
    /// tree's `score`s in [`Results::to_json`], without writing any JSON.
    ///
    /// ```
    /// # let plan = attain::Plan::from_json(r#"{"id": "p", "name": "p", "version": "1",
    /// #   "indicators": [
    /// #     {"id": "a", "name": "A", "unit": {"kind": "count"}, "direction": "higher_is_better",
    /// #      "target": {"value": 3}, "curve": {"kind": "ratio"}},
    /// #     {"id": "b", "name": "B", "unit": {"kind": "count"}, "direction": "higher_is_better",
    /// #      "target": {"value": 4}, "curve": {"kind": "ratio"}}],
    /// #   "tree": {"group": "root", "children": [{"indicator": "a", "weight": 50},
    /// #                                          {"indicator": "b", "weight": 50}]}}"#)?;
    /// let input = attain::Input::from_json(&plan, r#"{"subjects": [{"id": "s", "actuals": {"a": 2}}]}"#)?;
    /// let results = plan.score(&input)?;
    /// let scores = results.indicator_scores(&results.subjects()[0]);
    /// assert_eq!(scores, [Some("66.67".parse()?), None]); // 2 / 3; b has no data
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn indicator_scores(&self, card: &Scorecard) -> Vec<Option<Decimal>> {
        let plan = &self.plan.inner;
        let f = Fmt::of(plan);
        let scored = card.status == Status::Scored;
        plan.indicator_nodes
            .iter()
            .map(|n| {
                n.and_then(|n| card.nodes.get(n))
                    .and_then(|o| o.score)
                    .filter(|_| scored)
                    .map(|d| {
                        let mut r = round(d, f.scale, f.strategy);
                        r.rescale(f.scale);
                        r
                    })
            })
            .collect()
    }
}

/// Keys of the result and run formats whose string values are decimals (`"84.50"`),
/// for bindings that turn them into their language's decimal type.
pub const DECIMAL_KEYS: &[&str] = &[
    "total",
    "payout",
    "score",
    "points",
    "weight",
    "effective_weight",
    "actual",
    "target",
    "achievement",
    "contribution",
    "change",
    "expected",
    "pace",
    "forecast",
    "mean_total",
    "elapsed",
];

/// Keys under which the result holds user-keyed free text (group ids, problems):
/// nothing below them is a decimal, whatever its key.
pub const TEXT_KEYS: &[&str] = &["groups", "problems"];

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
    j.field("tree");
    if c.status == Status::Scored && !c.nodes.is_empty() {
        let shares = contributions(plan, c);
        write_node(j, plan, c, &f, &shares, 0, true);
    } else {
        j.null();
    }
    j.field("problems");
    write_problems(j, c);
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
            j.end_obj();
        }
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
            j.field("kind").str("indicator");
            j.field("name").opt_str(ind.map(|d| d.name.as_str()));
            weights(j);
            write_indicator_figures(j, plan, c, f, contribution, n, *i);
        }
    }
    j.end_obj();
}

/// The figures of an indicator node, in the order of the format. The scorecard
/// writes them as keys of the node, the what-if preview as columns; both through
/// [`write_figure`], so the two always give the same text.
#[derive(Clone, Copy)]
pub(crate) enum Figure {
    Actual,
    Target,
    Achievement,
    Tier,
    Score,
    Contribution,
    Flags,
}

impl Figure {
    pub const ALL: [Figure; 7] = [
        Figure::Actual,
        Figure::Target,
        Figure::Achievement,
        Figure::Tier,
        Figure::Score,
        Figure::Contribution,
        Figure::Flags,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Figure::Actual => "actual",
            Figure::Target => "target",
            Figure::Achievement => "achievement",
            Figure::Tier => "tier",
            Figure::Score => "score",
            Figure::Contribution => "contribution",
            Figure::Flags => "flags",
        }
    }
}

/// The figures of *what it takes* (`next`), in the order of the format.
#[derive(Clone, Copy)]
pub(crate) enum NextFigure {
    Goal,
    Tier,
    Actual,
    Change,
    Score,
    Total,
    Rating,
}

impl NextFigure {
    pub const ALL: [NextFigure; 7] = [
        NextFigure::Goal,
        NextFigure::Tier,
        NextFigure::Actual,
        NextFigure::Change,
        NextFigure::Score,
        NextFigure::Total,
        NextFigure::Rating,
    ];

    pub fn key(self) -> &'static str {
        match self {
            NextFigure::Goal => "goal",
            NextFigure::Tier => "tier",
            NextFigure::Actual => "actual",
            NextFigure::Change => "change",
            NextFigure::Score => "score",
            NextFigure::Total => "total",
            NextFigure::Rating => "rating",
        }
    }
}

fn tier_name(ind: Option<&Indicator>, k: Option<usize>) -> Option<&str> {
    k.and_then(|k| ind.and_then(|d| d.target.tiers.get(k)))
        .map(|t| t.name.as_str())
}

/// One figure of indicator `i` (tree node `n`) as a JSON value.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_figure(
    j: &mut JsonOut,
    plan: &PlanInner,
    c: &Scorecard,
    f: &Fmt,
    contribution: Option<Decimal>,
    n: usize,
    i: usize,
    figure: Figure,
) {
    let ind = plan.indicators.get(i);
    let Some(o) = c.nodes.get(n) else {
        j.null();
        return;
    };
    match figure {
        Figure::Actual => f.opt(j, o.actual),
        Figure::Target => f.opt(j, o.target),
        Figure::Achievement => match ind.and_then(|d| o.achievement_for(d.direction)) {
            Some(Achievement::Finite(a)) => f.dec(j, a),
            _ => {
                j.null();
            }
        },
        Figure::Tier => {
            j.opt_str(tier_name(ind, o.tier));
        }
        Figure::Score => f.opt(j, o.score),
        Figure::Contribution => f.opt(j, contribution),
        Figure::Flags => flags(j, o.flags),
    }
}

/// One figure of *what it takes* for indicator `i` as a JSON value.
pub(crate) fn write_next_figure(
    j: &mut JsonOut,
    plan: &PlanInner,
    f: &Fmt,
    nx: &Next,
    i: usize,
    figure: NextFigure,
) {
    match figure {
        NextFigure::Goal => {
            j.str(if nx.tier.is_some() { "tier" } else { "point" });
        }
        NextFigure::Tier => {
            j.opt_str(tier_name(plan.indicators.get(i), nx.tier));
        }
        NextFigure::Actual => f.dec(j, nx.actual),
        NextFigure::Change => f.dec(j, nx.change),
        NextFigure::Score => f.dec(j, nx.score),
        NextFigure::Total => f.opt(j, nx.total),
        NextFigure::Rating => {
            j.opt_str(
                nx.rating
                    .and_then(|r| plan.ratings.get(r))
                    .map(|b| b.name.as_str()),
            );
        }
    }
}

/// An indicator node's figures from `actual` to `next`.
fn write_indicator_figures(
    j: &mut JsonOut,
    plan: &PlanInner,
    c: &Scorecard,
    f: &Fmt,
    contribution: Option<Decimal>,
    n: usize,
    i: usize,
) {
    for figure in Figure::ALL {
        j.field(figure.key());
        write_figure(j, plan, c, f, contribution, n, i, figure);
    }
    j.field("next");
    match c.next.get(n).copied().flatten() {
        None => {
            j.null();
        }
        Some(nx) => {
            j.begin_obj();
            for figure in NextFigure::ALL {
                j.field(figure.key());
                write_next_figure(j, plan, f, &nx, i, figure);
            }
            j.end_obj();
        }
    }
}

impl crate::Plan {
    /// One scorecard as canonical JSON text (a what-if session scores one subject at a
    /// time; [`preview_json`](crate::Plan::preview_json) is the smaller form a live
    /// view redraws from).
    pub fn card_json(&self, card: &Scorecard) -> String {
        card_json(&self.inner, card)
    }

    /// One scorecard as canonical JSON.
    pub fn card_value(&self, card: &Scorecard) -> Value {
        parse(&card_json(&self.inner, card))
    }

    /// Score a whole input document (ranks need the peers) with *what it takes* on and
    /// return one subject's canonical scorecard text; `None` when the input has no
    /// such subject.
    pub fn explain_json(
        &self,
        input_json: &str,
        subject: &str,
    ) -> Result<Option<String>, crate::Error> {
        let input = crate::Input::from_json(self, input_json)?.with_what_it_takes(true);
        let results = self.score(&input)?;
        Ok(results.subject(subject).map(|card| self.card_json(card)))
    }

    /// Score an input document (JSON text) and return the canonical result text.
    /// The one-call form used by the bindings and the CLI.
    pub fn score_json(&self, input_json: &str) -> Result<String, crate::Error> {
        let input = crate::Input::from_json(self, input_json)?;
        Ok(self.score(&input)?.to_json())
    }
}

/// Sizes a batch's text once, from its first scorecard (`text` holds the header and
/// that card), for `cards` cards in all plus a quarter for cards larger than the
/// first. Grown by doubling instead, the text is copied a dozen times; an allocator
/// that cannot remap a block in place (mimalloc, in the bindings) touches fresh
/// memory for every copy. Memory reserved and never written costs no RAM. When the
/// estimate cannot be had, the text grows as before.
fn reserve_for_cards(text: &mut String, cards: usize) {
    let estimate = text
        .len()
        .checked_mul(cards)
        .and_then(|n| n.checked_add(n / 4));
    if let Some(total) = estimate {
        let _ = text.try_reserve(total.saturating_sub(text.len()));
    }
}
