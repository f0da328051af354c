//! Period-to-date pace: expected so far, pace against it, a run-rate forecast and
//! the early warning.

use crate::plan::spec::Direction;
use crate::plan::Plan;
use crate::run::engine::Subject;
use crate::score::results::Scorecard;
use crate::util::json_out::JsonOut;
use crate::util::rounding::round;
use rust_decimal::Decimal;

/// Period-to-date pace of each measured indicator of a subject.
pub(super) fn write_pace(j: &mut JsonOut, plan: &Plan, card: &Scorecard, s: &Subject) {
    let scale = plan.scale();
    let strategy = plan.inner.rounding.strategy;
    let fmt = |j: &mut JsonOut, d: Option<Decimal>| match d {
        Some(d) => {
            j.dec_text(round(d, scale, strategy), scale);
        }
        None => {
            j.null();
        }
    };
    j.begin_arr();
    for (i, ind) in plan.inner.indicators.iter().enumerate() {
        let Some(m) = &ind.measure else { continue };
        let node = plan
            .inner
            .indicator_nodes
            .get(i)
            .copied()
            .flatten()
            .and_then(|n| card.nodes.get(n));
        let actual = node.and_then(|o| o.actual);
        let expected = node.and_then(|o| o.target);
        let pace = match (actual, expected) {
            (Some(a), Some(e)) if e > Decimal::ZERO => match ind.direction {
                Direction::LowerIsBetter if a > Decimal::ZERO => e
                    .checked_div(a)
                    .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED)),
                Direction::LowerIsBetter => None,
                _ => a
                    .checked_div(e)
                    .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED)),
            },
            _ => None,
        };
        let forecast = match actual {
            Some(a) if m.kind.is_additive() && s.days_window > 0 => a
                .checked_mul(Decimal::from(s.days_full))
                .and_then(|x| x.checked_div(Decimal::from(s.days_window))),
            // No active day yet: no run rate to project (not a forecast of 0).
            Some(_) if m.kind.is_additive() => None,
            other => other,
        };
        let warning = match (pace, plan.inner.warn_below) {
            (Some(p), Some(w)) => round(p, scale, strategy) < w,
            _ => false,
        };
        j.begin_obj();
        j.field("indicator").str(&ind.id);
        j.field("expected");
        fmt(j, expected);
        j.field("pace");
        fmt(j, pace);
        j.field("forecast");
        fmt(j, forecast);
        j.field("warning").bool(warning);
        j.end_obj();
    }
    j.end_arr();
}
