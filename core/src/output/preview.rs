//! The what-if preview: the part of a scorecard a live what-if view (a slider being
//! dragged) redraws, as compact JSON text made to be cheap to turn into JS values.
//!
//! A preview leaves out what does not change while one subject's actuals move (the
//! subject's id and groups, names, plan weights, the rank) and gives the groups,
//! indicators and adjustments as columns (one array per figure, the k-th entry of
//! every array for the k-th item) rather than as a tree of objects; its text is
//! ASCII (characters beyond it as `\u` escapes). Each of those choices makes it
//! faster to return to a browser: half the text to cross into JS, and a `JSON.parse`
//! that builds a few arrays instead of a few dozen objects. Every figure is written
//! by the same code as in the scorecard ([`crate::Plan::card_json`]), so a preview
//! never says anything the card would not. Format: `docs/FORMAT.md`, "Preview".

use crate::output::card::{adjustment_id_kind, contributions, flags, write_problems, Fmt};
use crate::output::figure::{write_figure, write_next_figure, Figure, NextFigure};
use crate::plan::{NodeKind, PlanInner};
use crate::score::results::{Scorecard, Status};
use crate::util::json_out::JsonOut;
use rust_decimal::Decimal;

/// One array: `value` written for each item.
fn column<T>(
    j: &mut JsonOut,
    key: &'static str,
    items: &[T],
    mut value: impl FnMut(&mut JsonOut, &T),
) {
    j.field(key).begin_arr();
    for item in items {
        value(j, item);
    }
    j.end_arr();
}

/// The preview of one scorecard as JSON text.
pub(crate) fn preview_json(plan: &PlanInner, c: &Scorecard) -> String {
    let f = Fmt::of(plan);
    let mut j = JsonOut::ascii(2048);
    j.begin_obj();
    j.field("status").str(c.status.as_str());
    j.field("total");
    f.opt(&mut j, c.total);
    j.field("rating").opt_str(
        c.rating
            .and_then(|r| plan.ratings.get(r))
            .map(|b| b.name.as_str()),
    );
    j.field("payout");
    f.opt(&mut j, c.payout);
    j.field("score");
    f.opt(&mut j, c.score);
    j.field("flags");
    flags(&mut j, c.flags);

    let scored = c.status == Status::Scored && !c.nodes.is_empty();
    // (adjustment, outcome) in plan order; none unless scored, as in the card.
    let adjustments: Vec<_> = if c.status == Status::Scored {
        plan.adjustments.iter().zip(&c.adjustments).collect()
    } else {
        Vec::new()
    };
    j.field("adjustments").begin_obj();
    column(&mut j, "id", &adjustments, |j, (a, _)| {
        j.str(adjustment_id_kind(plan, **a).0);
    });
    column(&mut j, "kind", &adjustments, |j, (a, _)| {
        j.str(adjustment_id_kind(plan, **a).1);
    });
    column(&mut j, "points", &adjustments, |j, (_, o)| {
        f.opt(j, o.points)
    });
    column(&mut j, "flags", &adjustments, |j, (_, o)| flags(j, o.flags));
    j.end_obj();

    // Tree nodes (index, outcome, contribution) of the groups below the root and of
    // the indicators, in tree (pre-)order; the root's score is `score`.
    let shares = if scored {
        contributions(plan, c)
    } else {
        Vec::new()
    };
    let mut groups = Vec::new();
    let mut indicators = Vec::new();
    if scored {
        for (n, node) in plan.nodes.iter().enumerate() {
            let share: Option<Decimal> = shares.get(n).copied().flatten();
            match node.kind {
                NodeKind::Group { .. } if n > 0 => groups.push((n, share)),
                NodeKind::Indicator(i) => indicators.push((n, i, share)),
                NodeKind::Group { .. } => {}
            }
        }
    }
    let outcome = |n: usize| c.nodes.get(n).copied().unwrap_or_default();
    let id = |n: usize| plan.nodes.get(n).map_or("", |node| node.id.as_str());

    j.field("groups").begin_obj();
    column(&mut j, "id", &groups, |j, &(n, _)| {
        j.str(id(n));
    });
    column(&mut j, "effective_weight", &groups, |j, &(n, _)| {
        f.dec(j, outcome(n).effective_weight)
    });
    column(&mut j, "score", &groups, |j, &(n, _)| {
        f.opt(j, outcome(n).score)
    });
    column(&mut j, "contribution", &groups, |j, &(_, share)| {
        f.opt(j, share)
    });
    column(&mut j, "flags", &groups, |j, &(n, _)| {
        flags(j, outcome(n).flags)
    });
    j.end_obj();

    j.field("indicators").begin_obj();
    column(&mut j, "id", &indicators, |j, &(n, _, _)| {
        j.str(id(n));
    });
    column(&mut j, "effective_weight", &indicators, |j, &(n, _, _)| {
        f.dec(j, outcome(n).effective_weight)
    });
    for figure in Figure::ALL {
        column(&mut j, figure.key(), &indicators, |j, &(n, i, share)| {
            write_figure(j, plan, c, &f, share, n, i, figure)
        });
    }
    // What it takes: one column per figure of `next`, null where an indicator has none.
    j.field("next").begin_obj();
    for figure in NextFigure::ALL {
        column(&mut j, figure.key(), &indicators, |j, &(n, i, _)| {
            match c.next.get(n).copied().flatten() {
                Some(nx) => write_next_figure(j, plan, &f, &nx, i, figure),
                None => {
                    j.null();
                }
            }
        });
    }
    j.end_obj();
    j.end_obj();

    j.field("problems");
    write_problems(&mut j, c);
    j.end_obj();
    j.finish()
}

impl crate::Plan {
    /// The what-if preview of a scorecard as JSON text: what a live what-if view
    /// redraws as one subject's actuals move, made cheap to return to a browser.
    ///
    /// Total, rating, payout, the tree's score, flags; then `adjustments`, `groups`
    /// (below the root) and `indicators` (tree order) as columns, one array per
    /// figure: an indicator's actual, target, achievement, tier, score, effective
    /// weight, contribution, flags, and *what it takes* (`next`, when the card was
    /// scored with it) as one column per figure of it. The text is ASCII (beyond it,
    /// `\u` escapes).
    ///
    /// Every figure is the same text as in [`card_json`](crate::Plan::card_json) for
    /// the same card. Format: `docs/FORMAT.md`, "Preview".
    ///
    /// ```
    /// use attain::{Input, Plan};
    /// let plan = Plan::from_json(r#"{"id": "p", "name": "p", "version": "1",
    ///   "indicators": [{"id": "calls", "name": "外呼量", "unit": {"kind": "count"},
    ///     "direction": "higher_is_better", "target": {"value": 200},
    ///     "curve": {"kind": "ratio", "cap": 120}}],
    ///   "tree": {"group": "root", "children": [{"indicator": "calls", "weight": 100}]}
    /// }"#)?;
    /// let input = Input::from_json(&plan, r#"{"subjects": [{"id": "a", "actuals": {"calls": "150"}}]}"#)?;
    /// let card = plan.score_one(&input.subjects()[0], true);
    /// let preview: serde_json::Value =
    ///     serde_json::from_str(&plan.preview_json(&card)).unwrap_or_default();
    /// assert_eq!(preview["total"], "75.00");
    /// assert_eq!(preview["indicators"]["id"][0], "calls");
    /// assert_eq!(preview["indicators"]["score"][0], "75.00");
    /// // 151 calls would still be 75.50 (< 76): what it takes is 152.
    /// assert_eq!(preview["indicators"]["next"]["actual"][0], "152.00");
    /// # Ok::<(), attain::Error>(())
    /// ```
    pub fn preview_json(&self, card: &Scorecard) -> String {
        preview_json(&self.inner, card)
    }
}
