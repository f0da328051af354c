//! Semantic checks of a plan that was read for shape, and construction of the
//! validated [`Plan`]. Every problem is collected; none stops the others.
//!
//! [`validate`] checks the parts of the plan in document order, each in its own
//! file; problems come out in that order.

mod adjustment;
mod curve;
mod earnings;
mod indicator;
mod measure;
mod payout;
mod run;
mod total;
mod tree;

use crate::error::Error;
use crate::plan::parse::Draft;
use crate::plan::{Plan, PlanInner};
use crate::util::json_reader::Reader;
use rust_decimal::Decimal;
use std::sync::Arc;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

pub(crate) fn validate(draft: Draft, mut r: Reader) -> Result<Plan, Error> {
    let spec = &draft.spec;
    let (indicators, indicator_index) = indicator::indicators(&draft, &mut r);
    let mut tree = tree::tree(&draft, &mut r, &indicator_index);
    let adjustments = adjustment::adjustments(&draft, &mut r, &indicator_index, &mut tree);
    let (floor, ceiling) = total::bounds(&mut r, spec.total.as_ref());
    let ratings = total::ratings(&draft, &mut r);
    let payout = spec
        .payout
        .as_ref()
        .and_then(|p| payout::payout(&mut r, p, &ratings));
    let earnings = spec.earnings.as_ref().and_then(|e| {
        let in_tree = tree::indicator_nodes(&tree.nodes, indicators.len());
        earnings::earnings(&mut r, &draft, e, &indicator_index, &in_tree, &ratings)
    });
    let (rank_method, rank_within) = total::ranking(spec.ranking.as_ref());
    let calendar_spec = spec.calendar.clone().unwrap_or_default();
    #[cfg(feature = "run")]
    let calendar = run::calendar(&mut r, &calendar_spec);
    #[cfg(not(feature = "run"))]
    run::calendar(&mut r, &calendar_spec);
    let rounding_spec = spec.rounding.clone().unwrap_or_default();
    let rounding = total::rounding(&rounding_spec);

    if !r.problems.is_empty() {
        return Err(Error::Plan(r.problems));
    }
    let warn_below = draft.spec.pace.as_ref().and_then(|p| p.warn_below);
    let fact_fields = draft.spec.facts.clone().unwrap_or_default();
    let mut spec = draft.spec;
    spec.rounding = Some(rounding_spec);
    let mut nodes = tree.nodes;
    nodes.shrink_to_fit();
    let indicator_nodes = tree::indicator_nodes(&nodes, indicators.len());
    Ok(Plan {
        inner: Arc::new(PlanInner {
            spec,
            indicators,
            nodes,
            gates: adjustments.gates,
            points: adjustments.points,
            adjustments: adjustments.order,
            floor,
            ceiling,
            ratings,
            payout,
            rank_method,
            rank_within,
            rounding,
            indicator_index,
            points_index: adjustments.points_index,
            indicator_nodes,
            #[cfg(feature = "run")]
            calendar,
            fact_fields,
            warn_below,
            earnings,
        }),
    })
}
