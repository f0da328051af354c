//! The weight tree: flattened in pre-order, ids resolved, the weights of every
//! group's children checked to sum to 100, and every main indicator placed.

use super::HUNDRED;
use crate::error::Code;
use crate::plan::parse::Draft;
use crate::plan::spec::{GroupMode, GroupSpec, IndicatorRefSpec, IndicatorSpec, NodeSpec};
use crate::plan::{Node, NodeKind};
use crate::util::json_reader::{index, join, Reader};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The checked tree and where ids sit in it.
pub(super) struct Tree {
    /// Pre-order; `nodes[0]` is the root.
    pub nodes: Vec<Node>,
    /// Indicator id → its node.
    pub used: HashMap<String, usize>,
    /// Group id → its node.
    pub group_ids: HashMap<String, usize>,
}

pub(super) fn tree(
    draft: &Draft,
    r: &mut Reader,
    indicator_index: &HashMap<String, usize>,
) -> Tree {
    let spec = &draft.spec;
    let mut tree = TreeBuilder {
        draft,
        r,
        indicator_index,
        indicators: &spec.indicators,
        nodes: Vec::new(),
        used: HashMap::new(),
        group_ids: HashMap::new(),
    };
    match &spec.tree {
        NodeSpec::Group(g) => {
            if g.weight.is_some() {
                tree.r.push(
                    "/tree/weight",
                    Code::InvalidValue,
                    "the root group has no weight",
                );
            }
            tree.group(g, "/tree", HUNDRED);
        }
        NodeSpec::Indicator(_) => {
            if draft.ok("/tree") {
                tree.r.push(
                    "/tree",
                    Code::WrongType,
                    "the root of the tree must be a group",
                );
            }
        }
    }
    let TreeBuilder {
        nodes,
        used,
        group_ids,
        ..
    } = tree;
    if draft.tree_read() {
        for (i, ind) in spec.indicators.iter().enumerate() {
            if !ind.auxiliary && !ind.id.is_empty() && !used.contains_key(&ind.id) {
                r.push(
                    index("/indicators", i),
                    Code::IndicatorNotInTree,
                    format!("main indicator {:?} is not in the weight tree", ind.id),
                );
            }
        }
    }
    Tree {
        nodes,
        used,
        group_ids,
    }
}

/// The node of each of `count` indicators (None for one left out of the tree).
pub(super) fn indicator_nodes(nodes: &[Node], count: usize) -> Vec<Option<usize>> {
    let mut indicator_nodes = vec![None; count];
    for (n, node) in nodes.iter().enumerate() {
        if let NodeKind::Indicator(i) = node.kind {
            if let Some(slot) = indicator_nodes.get_mut(i) {
                *slot = Some(n);
            }
        }
    }
    indicator_nodes
}

struct TreeBuilder<'a> {
    draft: &'a Draft,
    r: &'a mut Reader,
    indicator_index: &'a HashMap<String, usize>,
    indicators: &'a [IndicatorSpec],
    nodes: Vec<Node>,
    used: HashMap<String, usize>,
    group_ids: HashMap<String, usize>,
}

impl TreeBuilder<'_> {
    fn group(&mut self, g: &GroupSpec, p: &str, weight: Decimal) -> usize {
        let me = self.nodes.len();
        if g.mode == Some(GroupMode::Mean) {
            return self.mean_group(g, p, weight, me);
        }
        self.register_group(g, p, me);
        self.nodes.push(Node {
            id: g.group.clone(),
            name: g.name.clone(),
            path: p.to_string(),
            weight,
            missing: g.missing,
            kind: NodeKind::Group {
                children: Vec::new(),
                gates: Vec::new(),
                mean: false,
                round: g.round,
            },
        });
        let cp = join(p, "children");
        if g.children.is_empty() && self.draft.ok(&cp) {
            self.r.push(
                cp.clone(),
                Code::EmptyGroup,
                format!("group {:?} has no children", g.group),
            );
        }
        let mut sum = Decimal::ZERO;
        let mut sum_ok = self.draft.ok(&cp);
        let mut children = Vec::with_capacity(g.children.len());
        for (k, child) in g.children.iter().enumerate() {
            let kp = index(&cp, k);
            let (weight_spec, aux) = match child {
                NodeSpec::Group(cg) => (cg.weight, false),
                NodeSpec::Indicator(ir) => (
                    ir.weight,
                    self.indicator_index
                        .get(&ir.indicator)
                        .and_then(|i| self.indicators.get(*i))
                        .is_some_and(|s| s.auxiliary),
                ),
            };
            let wp = join(&kp, "weight");
            let weight = match weight_spec {
                Some(w) => {
                    if w.is_sign_negative() && !w.is_zero() {
                        self.r.push(
                            wp.clone(),
                            Code::NegativeWeight,
                            format!("weight {w} is negative"),
                        );
                    } else if aux && !w.is_zero() {
                        self.r.push(
                            wp.clone(),
                            Code::AuxiliaryWeightNotZero,
                            format!("an auxiliary indicator has weight 0, not {w}"),
                        );
                    }
                    w
                }
                None => {
                    if !aux && self.draft.ok(&wp) && self.draft.ok(&kp) {
                        self.r
                            .push(wp.clone(), Code::MissingField, "missing field \"weight\"");
                    }
                    if !aux {
                        sum_ok = false;
                    }
                    Decimal::ZERO
                }
            };
            if !self.draft.ok(&wp) || !self.draft.ok(&kp) {
                sum_ok = false;
            }
            match sum.checked_add(weight) {
                Some(s) => sum = s,
                None => sum_ok = false,
            }
            let idx = match child {
                NodeSpec::Group(cg) => self.group(cg, &kp, weight),
                NodeSpec::Indicator(ir) => self.leaf(ir, &kp, weight),
            };
            children.push(idx);
        }
        if sum_ok && !g.children.is_empty() && sum != Decimal::ONE_HUNDRED {
            self.r.push(
                cp,
                Code::WeightsDoNotSumTo100,
                format!(
                    "the weights of the children of group {:?} sum to {}, not 100",
                    g.group,
                    sum.normalize()
                ),
            );
        }
        if let Some(NodeKind::Group { children: c, .. }) =
            self.nodes.get_mut(me).map(|n| &mut n.kind)
        {
            *c = children;
        }
        me
    }

    /// A group id: unique, and not an indicator's.
    fn register_group(&mut self, g: &GroupSpec, p: &str, me: usize) {
        if !g.group.is_empty() {
            if self.group_ids.contains_key(&g.group) {
                self.r.push(
                    format!("{p}/group"),
                    Code::DuplicateId,
                    format!("group id {:?} is used twice", g.group),
                );
            } else if self.indicator_index.contains_key(&g.group) {
                self.r.push(
                    format!("{p}/group"),
                    Code::DuplicateId,
                    format!("group id {:?} is also an indicator id", g.group),
                );
            } else {
                self.group_ids.insert(g.group.clone(), me);
            }
        }
    }

    /// A `mean` group (possibly empty: it then has no data, and its `missing`
    /// policy applies): its children have no weight; each main child counts
    /// 100 ÷ N percent (N main children), an auxiliary one 0.
    fn mean_group(&mut self, g: &GroupSpec, p: &str, weight: Decimal, me: usize) -> usize {
        self.register_group(g, p, me);
        self.nodes.push(Node {
            id: g.group.clone(),
            name: g.name.clone(),
            path: p.to_string(),
            weight,
            missing: g.missing,
            kind: NodeKind::Group {
                children: Vec::new(),
                gates: Vec::new(),
                mean: true,
                round: g.round,
            },
        });
        let cp = join(p, "children");
        let aux_of = |child: &NodeSpec, b: &Self| match child {
            NodeSpec::Group(_) => false,
            NodeSpec::Indicator(ir) => b
                .indicator_index
                .get(&ir.indicator)
                .and_then(|i| b.indicators.get(*i))
                .is_some_and(|s| s.auxiliary),
        };
        let mains = g.children.iter().filter(|c| !aux_of(c, self)).count();
        let share = match Decimal::from(mains) {
            n if n.is_zero() => Decimal::ZERO,
            n => HUNDRED.checked_div(n).unwrap_or(Decimal::ZERO),
        };
        let mut children = Vec::with_capacity(g.children.len());
        for (k, child) in g.children.iter().enumerate() {
            let kp = index(&cp, k);
            let written = match child {
                NodeSpec::Group(cg) => cg.weight,
                NodeSpec::Indicator(ir) => ir.weight,
            };
            if let Some(w) = written {
                self.r.push(
                    join(&kp, "weight"),
                    Code::InvalidValue,
                    format!(
                        "a child of the mean group {:?} has no weight (each counts 1/N), not {w}",
                        g.group
                    ),
                );
            }
            let w = if aux_of(child, self) {
                Decimal::ZERO
            } else {
                share
            };
            let idx = match child {
                NodeSpec::Group(cg) => self.group(cg, &kp, w),
                NodeSpec::Indicator(ir) => self.leaf(ir, &kp, w),
            };
            children.push(idx);
        }
        if let Some(NodeKind::Group { children: c, .. }) =
            self.nodes.get_mut(me).map(|n| &mut n.kind)
        {
            *c = children;
        }
        me
    }

    fn leaf(&mut self, ir: &IndicatorRefSpec, p: &str, weight: Decimal) -> usize {
        let me = self.nodes.len();
        let ip = join(p, "indicator");
        let target = match self.indicator_index.get(&ir.indicator) {
            Some(i) => {
                if self.used.insert(ir.indicator.clone(), me).is_some() {
                    self.r.push(
                        ip,
                        Code::IndicatorUsedTwice,
                        format!("indicator {:?} is in the tree twice", ir.indicator),
                    );
                }
                *i
            }
            None => {
                if self.draft.ok(&ip) && self.draft.ok(p) {
                    self.r.push(
                        ip,
                        Code::UnknownIndicator,
                        format!("no indicator {:?}", ir.indicator),
                    );
                }
                usize::MAX
            }
        };
        self.nodes.push(Node {
            id: ir.indicator.clone(),
            name: None,
            path: p.to_string(),
            weight,
            missing: ir.missing,
            kind: NodeKind::Indicator(target),
        });
        me
    }
}
