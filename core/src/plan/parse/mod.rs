//! Reading a plan document (JSON) into a [`PlanSpec`], reporting every shape problem:
//! unknown fields, wrong types, bad numbers, missing fields, unknown enum values.
//!
//! A field that fails is replaced by a placeholder and its path is marked *poisoned*,
//! so that validation can still check the rest without reporting knock-on problems.

mod adjustment;
mod curve;
mod earnings;
mod indicator;
mod measure;
mod payout;
mod run;
mod total;
mod tree;

use crate::error::Code;
use crate::limits::{MAX_ADJUSTMENTS, MAX_INDICATORS};
use crate::plan::spec::{GroupSpec, Missing, NodeSpec, PlanSpec};
use crate::util::json::Json;
use crate::util::json_reader::{index, Fields, Reader};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// A plan read for shape, with the paths of fields that could not be read.
pub(crate) struct Draft {
    pub spec: PlanSpec,
    pub poisoned: HashSet<String>,
}

impl Draft {
    pub fn ok(&self, path: &str) -> bool {
        !self.poisoned.contains(path)
    }

    /// Whether the whole tree was read, so that an indicator not found in it is
    /// really not there.
    pub fn tree_read(&self) -> bool {
        self.ok("/tree") && self.ok(TREE_TRUNCATED)
    }
}

/// Walks the document once, pushing shape problems to the reader. Each part of the
/// document is read by an `impl Walker` in its own file; the field readers are here.
struct Walker<'r> {
    r: &'r mut Reader,
    /// Paths that could not be read (see [`Draft::ok`]).
    poisoned: HashSet<String>,
    /// Tree nodes seen so far, against [`crate::limits::MAX_NODES`].
    nodes: usize,
}

pub(crate) fn read_plan(v: &Json, r: &mut Reader) -> Draft {
    let mut w = Walker {
        r,
        poisoned: HashSet::new(),
        nodes: 0,
    };
    let spec = w.plan(v);
    Draft {
        spec,
        poisoned: w.poisoned,
    }
}

/// Poison marker: part of the tree was not read (too deep or too many nodes).
const TREE_TRUNCATED: &str = "#tree-truncated";

const PLAN_KEYS: &[&str] = &[
    "id",
    "name",
    "version",
    "indicators",
    "tree",
    "adjustments",
    "total",
    "ratings",
    "payout",
    "ranking",
    "rounding",
    "role",
    "calendar",
    "facts",
    "pace",
    "earnings",
];

impl Walker<'_> {
    fn poison(&mut self, path: String) {
        self.poisoned.insert(path);
    }

    fn req_id(&mut self, f: &Fields, key: &str) -> String {
        let got = self.r.required(f, key).and_then(|(v, p)| self.r.id(v, &p));
        got.unwrap_or_else(|| {
            self.poison(f.at(key));
            String::new()
        })
    }

    fn req_name(&mut self, f: &Fields, key: &str) -> String {
        let got = self
            .r
            .required(f, key)
            .and_then(|(v, p)| self.r.name(v, &p));
        got.unwrap_or_else(|| {
            self.poison(f.at(key));
            String::new()
        })
    }

    fn opt_name(&mut self, f: &Fields, key: &str) -> Option<String> {
        let (v, p) = f.get(key)?;
        self.r.name(v, &p)
    }

    fn req_dec(&mut self, f: &Fields, key: &str) -> Decimal {
        let got = self
            .r
            .required(f, key)
            .and_then(|(v, p)| self.r.decimal(v, &p));
        got.unwrap_or_else(|| {
            self.poison(f.at(key));
            Decimal::ZERO
        })
    }

    fn opt_dec(&mut self, f: &Fields, key: &str) -> Option<Decimal> {
        let (v, p) = f.get(key)?;
        let got = self.r.decimal(v, &p);
        if got.is_none() {
            self.poison(p);
        }
        got
    }

    fn opt_bool(&mut self, f: &Fields, key: &str) -> bool {
        f.get(key)
            .and_then(|(v, p)| self.r.boolean(v, &p))
            .unwrap_or(false)
    }

    fn opt_choice<T: Copy + Default>(&mut self, f: &Fields, key: &str, options: &[(&str, T)]) -> T {
        match f.get(key) {
            None => T::default(),
            Some((v, p)) => self.r.choice(v, &p, options).unwrap_or_else(|| {
                self.poison(p);
                T::default()
            }),
        }
    }

    /// An optional choice kept as absent when absent (so the plan round-trips as written).
    fn some_choice<T: Copy>(&mut self, f: &Fields, key: &str, options: &[(&str, T)]) -> Option<T> {
        let (v, p) = f.get(key)?;
        let c = self.r.choice(v, &p, options);
        if c.is_none() {
            self.poison(p);
        }
        c
    }

    fn req_choice<T: Copy + Default>(&mut self, f: &Fields, key: &str, options: &[(&str, T)]) -> T {
        if !f.has(key) {
            self.r.push(
                f.at(key),
                Code::MissingField,
                format!("missing field {key:?}"),
            );
            self.poison(f.at(key));
        }
        self.opt_choice(f, key, options)
    }

    /// The items of an optional array, limited to `max` items.
    fn items<'v>(
        &mut self,
        f: &Fields<'v>,
        key: &str,
        max: usize,
        code: Code,
    ) -> Vec<(&'v Json, String)> {
        let Some((v, p)) = f.get(key) else {
            return Vec::new();
        };
        let Some(items) = self.r.array(v, &p) else {
            self.poison(p);
            return Vec::new();
        };
        if items.len() > max {
            self.r.push(
                p.clone(),
                code,
                format!("{} items, at most {max} allowed", items.len()),
            );
            self.poison(p.clone());
        }
        items
            .iter()
            .take(max)
            .enumerate()
            .map(|(i, v)| (v, index(&p, i)))
            .collect()
    }

    fn plan(&mut self, v: &Json) -> PlanSpec {
        let empty = PlanSpec {
            id: String::new(),
            name: String::new(),
            version: String::new(),
            indicators: Vec::new(),
            tree: NodeSpec::Group(GroupSpec {
                group: String::new(),
                name: None,
                weight: None,
                missing: Missing::Reweight,
                mode: None,
                round: None,
                children: Vec::new(),
            }),
            adjustments: Vec::new(),
            total: None,
            ratings: Vec::new(),
            payout: None,
            ranking: None,
            rounding: None,
            role: None,
            calendar: None,
            facts: None,
            pace: None,
            earnings: None,
        };
        let Some(f) = self.r.object(v, "", PLAN_KEYS) else {
            self.poison(String::new());
            return empty;
        };
        let id = self.req_id(&f, "id");
        let name = self.req_name(&f, "name");
        let version = match self
            .r
            .required(&f, "version")
            .and_then(|(v, p)| self.r.string(v, &p))
        {
            Some(s) => s,
            None => {
                self.poison(f.at("version"));
                String::new()
            }
        };
        if !f.has("indicators") {
            self.r.push(
                f.at("indicators"),
                Code::MissingField,
                "missing field \"indicators\"",
            );
        }
        let indicators = self
            .items(&f, "indicators", MAX_INDICATORS, Code::TooManyIndicators)
            .into_iter()
            .map(|(v, p)| self.indicator(v, &p))
            .collect();
        let tree = match self.r.required(&f, "tree") {
            Some((v, p)) => self.node(v, &p, 1),
            None => {
                self.poison(f.at("tree"));
                empty.tree.clone()
            }
        };
        let adjustments = self
            .items(&f, "adjustments", MAX_ADJUSTMENTS, Code::TooManyNodes)
            .into_iter()
            .filter_map(|(v, p)| self.adjustment(v, &p))
            .collect();
        let total = f.get("total").and_then(|(v, p)| self.total(v, &p));
        let ratings = self.ratings(&f);
        let payout = f.get("payout").and_then(|(v, p)| self.payout(v, &p));
        let ranking = f.get("ranking").and_then(|(v, p)| self.ranking(v, &p));
        let rounding = f.get("rounding").and_then(|(v, p)| self.rounding(v, &p));
        let role = f.get("role").and_then(|(v, p)| self.r.name(v, &p));
        let calendar = f.get("calendar").and_then(|(v, p)| self.calendar(v, &p));
        let facts = f.get("facts").and_then(|(v, p)| self.facts(v, &p));
        let pace = f.get("pace").and_then(|(v, p)| self.pace(v, &p));
        let earnings = f.get("earnings").and_then(|(v, p)| self.earnings(v, &p));
        PlanSpec {
            id,
            name,
            version,
            indicators,
            tree,
            adjustments,
            total,
            ratings,
            payout,
            ranking,
            rounding,
            role,
            calendar,
            facts,
            pace,
            earnings,
        }
    }
}
