//! An indicator: its unit, direction, class and target with tiers (its curve and
//! measure have their own files).

use super::Walker;
use crate::error::Code;
use crate::limits::MAX_TIERS;
use crate::plan::spec::*;
use crate::util::json::Json;
use crate::util::json_reader::Fields;
use rust_decimal::Decimal;

impl Walker<'_> {
    pub(super) fn indicator(&mut self, v: &Json, p: &str) -> IndicatorSpec {
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

    fn target(&mut self, v: &Json, p: &str) -> Option<TargetSpec> {
        let f = self.r.object(
            v,
            p,
            &[
                "value",
                "per_subject",
                "prorate",
                "tier_basis",
                "tiers",
                "boundary",
            ],
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
        let boundary = self.some_choice(&f, "boundary", &Boundary::ALL);
        Some(TargetSpec {
            value,
            per_subject,
            prorate,
            tier_basis,
            tiers,
            boundary,
        })
    }
}
