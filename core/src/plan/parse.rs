//! Reading a plan document (JSON) into a [`PlanSpec`], reporting every shape problem:
//! unknown fields, wrong types, bad numbers, missing fields, unknown enum values.
//!
//! A field that fails is replaced by a placeholder and its path is marked *poisoned*,
//! so that validation can still check the rest without reporting knock-on problems.

use crate::error::Code;
use crate::limits::{MAX_ADJUSTMENTS, MAX_DEPTH, MAX_INDICATORS, MAX_NODES, MAX_SCALE, MAX_TIERS};
use crate::plan::spec::*;
use crate::util::json_reader::{index, Fields, Reader};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// A plan read for shape, with the paths of fields that could not be read.
pub(crate) struct Draft {
    pub spec: PlanSpec,
    pub poisoned: HashSet<String>,
}

impl Draft {
    pub fn ok(&self, path: &str) -> bool {
        !self.poisoned.contains(path)
    }
}

struct Walker<'r> {
    r: &'r mut Reader,
    poisoned: HashSet<String>,
    nodes: usize,
}

pub(crate) fn read_plan(v: &Value, r: &mut Reader) -> Draft {
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
pub(crate) const TREE_TRUNCATED: &str = "#tree-truncated";

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
    ) -> Vec<(&'v Value, String)> {
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

    fn plan(&mut self, v: &Value) -> PlanSpec {
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
            Some((v, p)) => self.node(v, &p, 1, true),
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
        let total = f.get("total").and_then(|(v, p)| {
            let t = self.r.object(v, &p, &["floor", "ceiling"])?;
            Some(TotalSpec {
                floor: self.opt_dec(&t, "floor"),
                ceiling: self.opt_dec(&t, "ceiling"),
            })
        });
        let ratings = self
            .items(&f, "ratings", MAX_TIERS, Code::TooManyTiers)
            .into_iter()
            .map(|(v, p)| match self.r.object(v, &p, &["name", "min"]) {
                Some(b) => RatingSpec {
                    name: self.req_name(&b, "name"),
                    min: self.opt_dec(&b, "min"),
                },
                None => {
                    self.poison(p);
                    RatingSpec {
                        name: String::new(),
                        min: None,
                    }
                }
            })
            .collect();
        let payout = f.get("payout").and_then(|(v, p)| self.payout(v, &p));
        let ranking = f.get("ranking").and_then(|(v, p)| {
            let k = self.r.object(v, &p, &["method", "within"])?;
            let method = self.opt_choice(&k, "method", &RankMethod::ALL);
            let within = self
                .items(&k, "within", 8, Code::InvalidValue)
                .into_iter()
                .filter_map(|(v, p)| self.r.name(v, &p))
                .collect();
            Some(RankingSpec { method, within })
        });
        let rounding = f.get("rounding").and_then(|(v, p)| {
            let k = self
                .r
                .object(v, &p, &["scale", "mode", "indicator_scores"])?;
            let scale = k
                .get("scale")
                .and_then(|(v, p)| self.r.small_int(v, &p, 0, MAX_SCALE))
                .unwrap_or(2);
            let mode = self.opt_choice(&k, "mode", &RoundingMode::ALL);
            let indicator_scores = k
                .get("indicator_scores")
                .and_then(|(v, p)| self.r.small_int(v, &p, 0, MAX_SCALE));
            Some(RoundingSpec {
                scale,
                mode,
                indicator_scores,
            })
        });
        let role = f.get("role").and_then(|(v, p)| self.r.name(v, &p));
        let calendar = f.get("calendar").and_then(|(v, p)| {
            let c = self
                .r
                .object(v, &p, &["time_zone", "fiscal_year_start", "week_start"])?;
            let d = CalendarSpec::default();
            Some(CalendarSpec {
                time_zone: c
                    .get("time_zone")
                    .and_then(|(v, p)| self.r.string(v, &p))
                    .unwrap_or(d.time_zone),
                fiscal_year_start: match c.get("fiscal_year_start") {
                    Some((v, p)) => self.r.small_int(v, &p, 1, 12).unwrap_or(1),
                    None => 1,
                },
                week_start: c
                    .get("week_start")
                    .and_then(|(v, p)| self.r.string(v, &p))
                    .unwrap_or(d.week_start),
            })
        });
        let facts = f.get("facts").and_then(|(v, p)| {
            let c = self.r.object(v, &p, &["id", "subject", "type"])?;
            let d = FactFieldsSpec::default();
            let mut field = |key: &str, default: String| match c.get(key) {
                Some((v, p)) => self.r.name(v, &p).unwrap_or(default),
                None => default,
            };
            Some(FactFieldsSpec {
                id: field("id", d.id),
                subject: field("subject", d.subject),
                kind: field("type", d.kind),
            })
        });
        let pace = f.get("pace").and_then(|(v, p)| {
            let c = self.r.object(v, &p, &["warn_below"])?;
            Some(PaceSpec {
                warn_below: self.opt_dec(&c, "warn_below"),
            })
        });
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
        }
    }

    fn measure(&mut self, v: &Value, p: &str) -> Option<MeasureSpec> {
        const KEYS: &[&str] = &[
            "kind",
            "fact",
            "date",
            "field",
            "from",
            "to",
            "where",
            "condition",
            "numerator",
            "denominator",
        ];
        let f = self.r.object(v, p, KEYS)?;
        let kind = self.req_choice(&f, "kind", &MeasureKind::ALL);
        let fact = match f.get("fact") {
            None => Vec::new(),
            Some((Value::String(s), _)) => vec![s.clone()],
            Some((v, fp)) => match self.r.array(v, &fp) {
                Some(items) => items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, t)| self.r.name(t, &index(&fp, i)))
                    .collect(),
                None => Vec::new(),
            },
        };
        let mut text = |key: &str| f.get(key).and_then(|(v, p)| self.r.name(v, &p));
        let (date, field, from, to) = (text("date"), text("field"), text("from"), text("to"));
        let filter = self.conditions(&f, "where");
        let condition = self.conditions(&f, "condition");
        let mut part = |key: &str| {
            f.get(key)
                .and_then(|(v, pp)| self.measure(v, &pp))
                .map(Box::new)
        };
        let (numerator, denominator) = (part("numerator"), part("denominator"));
        if !draft_ok_kind(&self.poisoned, &f.at("kind")) {
            self.poison(p.to_string());
        }
        Some(MeasureSpec {
            kind,
            fact,
            date,
            field,
            from,
            to,
            filter,
            condition,
            numerator,
            denominator,
        })
    }

    fn conditions(&mut self, f: &Fields, key: &str) -> Vec<ConditionSpec> {
        self.items(f, key, MAX_TIERS, Code::TooManyTiers)
            .into_iter()
            .filter_map(|(v, p)| {
                let c = self.r.object(
                    v,
                    &p,
                    &["field", "op", "value", "values", "from", "to", "hours"],
                )?;
                let op = self.req_choice(&c, "op", &ConditionOp::ALL);
                let mut text = |key: &str| c.get(key).and_then(|(v, p)| self.r.name(v, &p));
                let (field, from, to) = (text("field"), text("from"), text("to"));
                let value = match c.get("value") {
                    None => None,
                    Some((Value::Bool(b), _)) => Some(ConditionValue::Bool(*b)),
                    Some((Value::String(s), _)) => Some(ConditionValue::Text(s.clone())),
                    Some((v @ Value::Number(_), vp)) => {
                        self.r.decimal(v, &vp).map(ConditionValue::Number)
                    }
                    Some((_, vp)) => {
                        self.r.push(
                            vp,
                            Code::WrongType,
                            "a condition value is text, a number or a boolean",
                        );
                        None
                    }
                };
                let values = self
                    .items(&c, "values", 256, Code::TooManyTiers)
                    .into_iter()
                    .filter_map(|(v, p)| self.r.string(v, &p))
                    .collect();
                let hours = self.opt_dec(&c, "hours");
                Some(ConditionSpec {
                    field,
                    op,
                    value,
                    values,
                    from,
                    to,
                    hours,
                })
            })
            .collect()
    }

    fn indicator(&mut self, v: &Value, p: &str) -> IndicatorSpec {
        const KEYS: &[&str] = &[
            "id",
            "name",
            "unit",
            "step",
            "direction",
            "class",
            "auxiliary",
            "target",
            "curve",
            "measure",
        ];
        let placeholder = IndicatorSpec {
            id: String::new(),
            name: String::new(),
            unit: UnitSpec {
                kind: UnitKind::Count,
                currency: None,
            },
            step: None,
            direction: Direction::HigherIsBetter,
            class: Class::Result,
            auxiliary: false,
            target: None,
            curve: CurveSpec::PassFail { full: None },
            measure: None,
        };
        let Some(f) = self.r.object(v, p, KEYS) else {
            self.poison(p.to_string());
            self.poison(format!("{p}/id"));
            return placeholder;
        };
        let id = self.req_id(&f, "id");
        let name = self.req_name(&f, "name");
        let unit = match self.r.required(&f, "unit") {
            Some((v, up)) => match self.r.object(v, &up, &["kind", "currency"]) {
                Some(u) => UnitSpec {
                    kind: self.req_choice_unit(&u),
                    currency: u.get("currency").and_then(|(v, p)| self.r.string(v, &p)),
                },
                None => {
                    self.poison(up);
                    placeholder.unit.clone()
                }
            },
            None => {
                self.poison(f.at("unit"));
                placeholder.unit.clone()
            }
        };
        let step = self.opt_dec(&f, "step");
        let direction = self.req_choice(&f, "direction", &Direction::ALL);
        let class = self.opt_choice(&f, "class", &Class::ALL);
        let auxiliary = self.opt_bool(&f, "auxiliary");
        let target = f.get("target").and_then(|(v, tp)| self.target(v, &tp));
        let curve = match self.r.required(&f, "curve") {
            Some((v, cp)) => self.curve(v, &cp),
            None => None,
        };
        let curve = curve.unwrap_or_else(|| {
            self.poison(f.at("curve"));
            placeholder.curve.clone()
        });
        let measure = f.get("measure").and_then(|(v, mp)| self.measure(v, &mp));
        IndicatorSpec {
            id,
            name,
            unit,
            step,
            direction,
            class,
            auxiliary,
            target,
            curve,
            measure,
        }
    }

    fn req_choice_unit(&mut self, u: &Fields) -> UnitKind {
        if !u.has("kind") {
            self.r
                .push(u.at("kind"), Code::MissingField, "missing field \"kind\"");
            self.poison(u.at("kind"));
            return UnitKind::Count;
        }
        match u
            .get("kind")
            .and_then(|(v, p)| self.r.choice(v, &p, &UnitKind::ALL))
        {
            Some(k) => k,
            None => {
                self.poison(u.at("kind"));
                UnitKind::Count
            }
        }
    }

    fn target(&mut self, v: &Value, p: &str) -> Option<TargetSpec> {
        let f = self.r.object(
            v,
            p,
            &["value", "per_subject", "prorate", "tier_basis", "tiers"],
        )?;
        let value = self.opt_dec(&f, "value");
        let per_subject = self.opt_bool(&f, "per_subject");
        let prorate = self.opt_bool(&f, "prorate");
        let tier_basis = self.opt_choice(&f, "tier_basis", &TierBasis::ALL);
        let tiers = self
            .items(&f, "tiers", MAX_TIERS, Code::TooManyTiers)
            .into_iter()
            .map(
                |(v, tp)| match self.r.object(v, &tp, &["name", "at", "score"]) {
                    Some(t) => TierSpec {
                        name: self.req_name(&t, "name"),
                        at: self.req_dec(&t, "at"),
                        score: self.opt_dec(&t, "score"),
                    },
                    None => {
                        self.poison(format!("{tp}/name"));
                        self.poison(format!("{tp}/at"));
                        TierSpec {
                            name: String::new(),
                            at: Decimal::ZERO,
                            score: None,
                        }
                    }
                },
            )
            .collect();
        Some(TargetSpec {
            value,
            per_subject,
            prorate,
            tier_basis,
            tiers,
        })
    }

    fn curve(&mut self, v: &Value, p: &str) -> Option<CurveSpec> {
        let keys: &[&str] = &[
            "kind", "cap", "gate", "below", "above", "max", "low", "high", "full", "per_unit",
            "floor",
        ];
        let Value::Object(map) = v else {
            self.r.object(v, p, keys);
            return None;
        };
        let probe = Fields {
            map,
            path: p.to_string(),
        };
        if !probe.has("kind") {
            self.r.push(
                probe.at("kind"),
                Code::MissingField,
                "missing field \"kind\"",
            );
            return None;
        }
        let (kv, kp) = probe.get("kind")?;
        let kind = self.r.choice(kv, &kp, &CurveKind::ALL)?;
        let allowed: &[&str] = match kind {
            CurveKind::Ratio => &["kind", "cap", "gate"],
            CurveKind::Step => &["kind", "below"],
            CurveKind::Linear => &["kind", "below", "above", "max"],
            CurveKind::Band => &["kind", "low", "high", "full", "per_unit", "floor"],
            CurveKind::PassFail => &["kind", "full"],
            CurveKind::Deduction => &["kind", "full", "per_unit", "floor"],
        };
        let f = self.r.object(v, p, allowed)?;
        Some(match kind {
            CurveKind::Ratio => CurveSpec::Ratio {
                cap: self.opt_dec(&f, "cap"),
                gate: self.opt_dec(&f, "gate"),
            },
            CurveKind::Step => CurveSpec::Step {
                below: self.opt_dec(&f, "below"),
            },
            CurveKind::Linear => CurveSpec::Linear {
                below: self.opt_choice(&f, "below", &Below::ALL),
                above: self.opt_choice(&f, "above", &Above::ALL),
                max: self.opt_dec(&f, "max"),
            },
            CurveKind::Band => CurveSpec::Band {
                low: self.req_dec(&f, "low"),
                high: self.req_dec(&f, "high"),
                full: self.opt_dec(&f, "full"),
                per_unit: self.req_dec(&f, "per_unit"),
                floor: self.opt_dec(&f, "floor"),
            },
            CurveKind::PassFail => CurveSpec::PassFail {
                full: self.opt_dec(&f, "full"),
            },
            CurveKind::Deduction => CurveSpec::Deduction {
                full: self.opt_dec(&f, "full"),
                per_unit: self.req_dec(&f, "per_unit"),
                floor: self.opt_dec(&f, "floor"),
            },
        })
    }

    fn node(&mut self, v: &Value, p: &str, depth: usize, root: bool) -> NodeSpec {
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
            matches!(v, Value::Object(m) if m.contains_key("group") || m.contains_key("children"));
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
        let Some(f) = self
            .r
            .object(v, p, &["group", "name", "weight", "missing", "children"])
        else {
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
        let _ = root;
        let missing = self.opt_choice(&f, "missing", &Missing::ALL);
        let children = match self.r.required(&f, "children") {
            Some((cv, cp)) => match self.r.array(cv, &cp) {
                Some(items) => items
                    .iter()
                    .enumerate()
                    .take(MAX_NODES + 1)
                    .map(|(i, c)| self.node(c, &index(&cp, i), depth + 1, false))
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
            children,
        })
    }

    fn adjustment(&mut self, v: &Value, p: &str) -> Option<AdjustmentSpec> {
        let Value::Object(map) = v else {
            self.r.object(v, p, &[]);
            return None;
        };
        let probe = Fields {
            map,
            path: p.to_string(),
        };
        if !probe.has("kind") {
            self.r.push(
                probe.at("kind"),
                Code::MissingField,
                "missing field \"kind\"",
            );
            return None;
        }
        let (kv, kp) = probe.get("kind")?;
        let kind = self
            .r
            .choice(kv, &kp, &[("gate", 0u8), ("bonus", 1), ("deduction", 2)])?;
        if kind == 0 {
            let f = self.r.object(
                v,
                p,
                &["kind", "indicator", "basis", "threshold", "cap", "group"],
            )?;
            let indicator = self.req_id(&f, "indicator");
            let basis = match f.get("basis") {
                None => TierBasis::Achievement,
                Some((v, bp)) => self
                    .r
                    .choice(v, &bp, &TierBasis::ALL)
                    .unwrap_or(TierBasis::Achievement),
            };
            let threshold = self.req_dec(&f, "threshold");
            let cap = self.req_dec(&f, "cap");
            let group = f.get("group").and_then(|(v, gp)| self.r.id(v, &gp));
            return Some(AdjustmentSpec::Gate {
                indicator,
                basis,
                threshold,
                cap,
                group,
            });
        }
        let f = self.r.object(v, p, &["kind", "id", "name", "max"])?;
        let id = self.req_id(&f, "id");
        let name = self.opt_name(&f, "name");
        let max = self.req_dec(&f, "max");
        Some(if kind == 1 {
            AdjustmentSpec::Bonus { id, name, max }
        } else {
            AdjustmentSpec::Deduction { id, name, max }
        })
    }

    fn payout(&mut self, v: &Value, p: &str) -> Option<PayoutSpec> {
        let Value::Object(map) = v else {
            self.r.object(v, p, &[]);
            return None;
        };
        let probe = Fields {
            map,
            path: p.to_string(),
        };
        if !probe.has("by") {
            self.r
                .push(probe.at("by"), Code::MissingField, "missing field \"by\"");
            return None;
        }
        let (bv, bp) = probe.get("by")?;
        let by_rating = self
            .r
            .choice(bv, &bp, &[("rating", true), ("score", false)])?;
        if by_rating {
            let f = self
                .r
                .object(v, p, &["by", "currency", "base", "coefficients"])?;
            let currency = f.get("currency").and_then(|(v, cp)| self.r.string(v, &cp));
            let base = self.opt_dec(&f, "base");
            let mut coefficients = BTreeMap::new();
            if let Some((cv, cp)) = self.r.required(&f, "coefficients") {
                if let Some(m) = self.r.map(cv, &cp) {
                    for (k, v) in m {
                        let kp = crate::util::json_reader::join(&cp, k);
                        if let Some(d) = self.r.decimal(v, &kp) {
                            coefficients.insert(k.clone(), d);
                        }
                    }
                }
            }
            return Some(PayoutSpec::Rating {
                currency,
                base,
                coefficients,
            });
        }
        let f = self
            .r
            .object(v, p, &["by", "currency", "base", "points", "interpolate"])?;
        let currency = f.get("currency").and_then(|(v, cp)| self.r.string(v, &cp));
        let base = self.opt_dec(&f, "base");
        if !f.has("points") {
            self.r.push(
                f.at("points"),
                Code::MissingField,
                "missing field \"points\"",
            );
        }
        let points = self
            .items(&f, "points", MAX_TIERS, Code::TooManyTiers)
            .into_iter()
            .filter_map(|(v, pp)| {
                let k = self.r.object(v, &pp, &["score", "coefficient"])?;
                Some(PayoutPointSpec {
                    score: self.req_dec(&k, "score"),
                    coefficient: self.req_dec(&k, "coefficient"),
                })
            })
            .collect();
        let interpolate = self.opt_bool(&f, "interpolate");
        Some(PayoutSpec::Score {
            currency,
            base,
            points,
            interpolate,
        })
    }
}

fn draft_ok_kind(poisoned: &HashSet<String>, path: &str) -> bool {
    !poisoned.contains(path)
}
