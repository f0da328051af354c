//! Adjustments: gates resolved to their indicator and group, bonus / deduction
//! points with positive maxima, every id once.

use super::measure::measure as measure_of;
use super::tree::Tree;
use crate::error::Code;
use crate::plan::parse::Draft;
use crate::plan::spec::{AdjustmentSpec, Boundary, MeasureKind, MeasureSpec, TierBasis};
use crate::plan::{AdjustmentRef, Gate, MeasuredPoints, Node, NodeKind, PointsItem};
use crate::util::json_reader::{index, Reader};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// The checked adjustments.
#[derive(Default)]
pub(super) struct Adjustments {
    pub gates: Vec<Gate>,
    pub points: Vec<PointsItem>,
    /// Plan order of both kinds.
    pub order: Vec<AdjustmentRef>,
    /// Points id → its place in `points`.
    pub points_index: HashMap<String, usize>,
}

/// Checks the plan's adjustments; a gate on a group is also listed on that group's node.
pub(super) fn adjustments(
    draft: &Draft,
    r: &mut Reader,
    indicator_index: &HashMap<String, usize>,
    tree: &mut Tree,
) -> Adjustments {
    let mut checker = Checker {
        draft,
        r,
        indicator_index,
        tree,
        ids: HashSet::new(),
        out: Adjustments::default(),
    };
    for (k, adj) in draft.spec.adjustments.iter().enumerate() {
        let p = index("/adjustments", k);
        match adj {
            AdjustmentSpec::Gate {
                indicator,
                basis,
                threshold,
                cap,
                group,
                boundary,
            } => {
                let before = checker.out.gates.len();
                checker.gate(&p, indicator, *basis, *threshold, *cap, group.as_deref());
                if checker.out.gates.len() > before {
                    if let Some(g) = checker.out.gates.last_mut() {
                        g.boundary = boundary.unwrap_or_default();
                    }
                }
            }
            AdjustmentSpec::Bonus {
                id,
                max,
                per_unit,
                measure,
                ..
            }
            | AdjustmentSpec::Deduction {
                id,
                max,
                per_unit,
                measure,
                ..
            } => {
                let deduction = matches!(adj, AdjustmentSpec::Deduction { .. });
                let measured = checker.measured(&p, *per_unit, measure.as_ref());
                checker.points(&p, id, *max, deduction, measured);
            }
        }
    }
    checker.out
}

struct Checker<'a> {
    draft: &'a Draft,
    r: &'a mut Reader,
    indicator_index: &'a HashMap<String, usize>,
    tree: &'a mut Tree,
    /// Ids seen so far (a gate's is `gate:<indicator>`).
    ids: HashSet<String>,
    out: Adjustments,
}

impl Checker<'_> {
    fn gate(
        &mut self,
        p: &str,
        indicator: &str,
        basis: TierBasis,
        threshold: Decimal,
        cap: Decimal,
        group: Option<&str>,
    ) {
        let ind = self.indicator_index.get(indicator).copied();
        if ind.is_none() && self.draft.ok(&format!("{p}/indicator")) {
            self.r.push(
                format!("{p}/indicator"),
                Code::UnknownIndicator,
                format!("no indicator {indicator:?}"),
            );
        }
        // A gate reads its indicator's outcome in the tree: an auxiliary
        // indicator left out of the tree is never scored.
        if ind.is_some() && !self.tree.used.contains_key(indicator) && self.draft.tree_read() {
            self.r.push(
                format!("{p}/indicator"),
                Code::GateIndicatorNotInTree,
                format!(
                    "the gate's indicator {indicator:?} is not in the weight tree: add it there (weight 0 for an auxiliary indicator)"
                ),
            );
        }
        let node = match group {
            None => None,
            Some(g) => match self.tree.group_ids.get(g) {
                Some(n) => Some(*n),
                None => {
                    self.r.push(
                        format!("{p}/group"),
                        Code::UnknownGroup,
                        format!("no group {g:?} in the tree"),
                    );
                    None
                }
            },
        };
        let id = format!("gate:{indicator}");
        if !self.ids.insert(id.clone()) {
            self.r.push(
                format!("{p}/indicator"),
                Code::DuplicateId,
                format!("a second gate on indicator {indicator:?}"),
            );
        }
        if let Some(ind) = ind {
            let gi = self.out.gates.len();
            if let Some(n) = node {
                if let Some(NodeKind::Group { gates, .. }) =
                    self.tree.nodes.get_mut(n).map(|n: &mut Node| &mut n.kind)
                {
                    gates.push(gi);
                }
            }
            self.out.gates.push(Gate {
                id,
                indicator: ind,
                basis,
                threshold,
                cap,
                group: node,
                boundary: Boundary::Inclusive,
            });
            self.out.order.push(AdjustmentRef::Gate(gi));
        }
    }

    /// A measured bonus or deduction: `measure` and `per_unit` together, the
    /// measure additive (`sum`, `count`, `distinct`: an empty window is 0 units).
    fn measured(
        &mut self,
        p: &str,
        per_unit: Option<Decimal>,
        measure: Option<&MeasureSpec>,
    ) -> Option<MeasuredPoints> {
        let mp = format!("{p}/measure");
        let up = format!("{p}/per_unit");
        match (per_unit, measure) {
            (None, None) => return None,
            (Some(_), None) if self.draft.ok(&mp) => self.r.push(
                mp.clone(),
                Code::MissingField,
                "per_unit needs a measure: the points are measured units × per_unit",
            ),
            (None, Some(_)) if self.draft.ok(&up) => self.r.push(
                up.clone(),
                Code::MissingField,
                "a measured bonus or deduction needs per_unit: the points per unit measured",
            ),
            _ => {}
        }
        if per_unit.is_some_and(|u| u <= Decimal::ZERO) && self.draft.ok(&up) {
            self.r
                .push(up, Code::NotPositive, "per_unit must be above 0");
        }
        let m = measure?;
        let additive = matches!(
            m.kind,
            MeasureKind::Sum | MeasureKind::Count | MeasureKind::Distinct
        );
        if !additive && self.draft.ok(&format!("{mp}/kind")) {
            self.r.push(
                format!("{mp}/kind"),
                Code::InvalidValue,
                "a bonus or deduction counts units: its measure is a sum, count or distinct",
            );
        }
        let measure = measure_of(self.r, m, &mp, false)?;
        Some(MeasuredPoints {
            measure,
            per_unit: per_unit?,
        })
    }

    fn points(
        &mut self,
        p: &str,
        id: &str,
        max: Decimal,
        deduction: bool,
        measured: Option<MeasuredPoints>,
    ) {
        if max <= Decimal::ZERO && self.draft.ok(&format!("{p}/max")) {
            self.r
                .push(format!("{p}/max"), Code::NotPositive, "max must be above 0");
        }
        if !id.is_empty() && !self.ids.insert(id.to_string()) {
            self.r.push(
                format!("{p}/id"),
                Code::DuplicateId,
                format!("adjustment id {id:?} is used twice"),
            );
        }
        let out = &mut self.out;
        out.points_index.insert(id.to_string(), out.points.len());
        out.order.push(AdjustmentRef::Points(out.points.len()));
        out.points.push(PointsItem {
            id: id.to_string(),
            deduction,
            max,
            measured,
        });
    }
}
