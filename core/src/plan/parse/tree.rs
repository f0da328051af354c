//! The weight tree: groups and indicator references, limited in depth and size.

use super::{Walker, TREE_TRUNCATED};
use crate::error::Code;
use crate::limits::{MAX_DEPTH, MAX_NODES, MAX_SCALE};
use crate::plan::spec::{GroupMode, GroupSpec, IndicatorRefSpec, Missing, NodeSpec};
use crate::util::json::Json;
use crate::util::json_reader::index;

impl Walker<'_> {
    pub(super) fn node(&mut self, v: &Json, p: &str, depth: usize) -> NodeSpec {
        self.nodes += 1;
        if self.nodes == MAX_NODES + 1 {
            self.r.push(
                p,
                Code::TooManyNodes,
                format!("the tree has more than {MAX_NODES} nodes"),
            );
            self.poison(TREE_TRUNCATED.to_string());
        }
        let is_group =
            matches!(v, Json::Object(m) if m.contains_key("group") || m.contains_key("children"));
        let dead = NodeSpec::Indicator(IndicatorRefSpec {
            indicator: String::new(),
            weight: None,
            missing: Missing::Reweight,
        });
        if !is_group {
            let Some(f) = self.r.object(v, p, &["indicator", "weight", "missing"]) else {
                self.poison(p.to_string());
                return dead;
            };
            if !f.has("indicator") {
                self.r.push(
                    f.at("indicator"),
                    Code::MissingField,
                    "a tree node needs \"indicator\" (an indicator id) or \"group\" and \"children\"",
                );
            }
            let indicator = match f.get("indicator").and_then(|(v, ip)| self.r.id(v, &ip)) {
                Some(id) => id,
                None => {
                    self.poison(f.at("indicator"));
                    String::new()
                }
            };
            let weight = self.opt_dec(&f, "weight");
            let missing = self.opt_choice(&f, "missing", &Missing::ALL);
            return NodeSpec::Indicator(IndicatorRefSpec {
                indicator,
                weight,
                missing,
            });
        }
        let Some(f) = self.r.object(
            v,
            p,
            &[
                "group", "name", "weight", "missing", "mode", "round", "children",
            ],
        ) else {
            self.poison(p.to_string());
            return dead;
        };
        if depth > MAX_DEPTH {
            self.r.push(
                p,
                Code::TooDeep,
                format!("groups nest deeper than {MAX_DEPTH} levels"),
            );
            self.poison(p.to_string());
            // What is below was not read: indicators there are not "missing from the tree".
            self.poison(TREE_TRUNCATED.to_string());
            return dead;
        }
        let group = self.req_id(&f, "group");
        let name = self.opt_name(&f, "name");
        let weight = self.opt_dec(&f, "weight");
        let missing = self.opt_choice(&f, "missing", &Missing::ALL);
        let mode = self.some_choice(&f, "mode", &GroupMode::ALL);
        let round = f
            .get("round")
            .and_then(|(v, rp)| self.r.small_int(v, &rp, 0, MAX_SCALE));
        let children = match self.r.required(&f, "children") {
            Some((cv, cp)) => match self.r.array(cv, &cp) {
                Some(items) => items
                    .iter()
                    .enumerate()
                    .take(MAX_NODES + 1)
                    .map(|(i, c)| self.node(c, &index(&cp, i), depth + 1))
                    .collect(),
                None => {
                    self.poison(cp);
                    Vec::new()
                }
            },
            None => {
                self.poison(f.at("children"));
                Vec::new()
            }
        };
        NodeSpec::Group(GroupSpec {
            group,
            name,
            weight,
            missing,
            mode,
            round,
            children,
        })
    }
}
