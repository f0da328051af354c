//! The figures of an indicator node (actual, target, achievement, tier…) and of what
//! it takes, each written under its key.

use crate::output::card::{flags, Fmt};
use crate::plan::{Indicator, PlanInner};
use crate::score::curve::Achievement;
use crate::score::results::{Next, Scorecard};
use crate::util::json_out::JsonOut;
use rust_decimal::Decimal;

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

pub(crate) fn tier_name(ind: Option<&Indicator>, k: Option<usize>) -> Option<&str> {
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

/// actual − target, exact (rounded once, at display); None when either is None.
/// The sign is the same for every direction: for lower is better, a negative
/// variance is the good side.
pub(crate) fn variance(c: &Scorecard, n: usize) -> Option<Decimal> {
    let o = c.nodes.get(n)?;
    let (a, t) = (o.actual?, o.target?);
    a.checked_sub(t)
}

/// An indicator node's figures from `actual` to `next`.
pub(crate) fn write_indicator_figures(
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
        if let Figure::Achievement = figure {
            j.field("variance");
            f.opt(j, variance(c, n));
        }
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
