//! An adjustment: a gate, or bonus / deduction points.

use super::Walker;
use crate::error::Code;
use crate::plan::spec::{AdjustmentSpec, Boundary, TierBasis};
use crate::util::json::Json;
use crate::util::json_reader::Fields;

impl Walker<'_> {
    pub(super) fn adjustment(&mut self, v: &Json, p: &str) -> Option<AdjustmentSpec> {
        let Json::Object(map) = v else {
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
                &[
                    "kind",
                    "indicator",
                    "basis",
                    "threshold",
                    "cap",
                    "group",
                    "boundary",
                ],
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
            let boundary = self.some_choice(&f, "boundary", &Boundary::ALL);
            return Some(AdjustmentSpec::Gate {
                indicator,
                basis,
                threshold,
                cap,
                group,
                boundary,
            });
        }
        let f = self
            .r
            .object(v, p, &["kind", "id", "name", "max", "per_unit", "measure"])?;
        let id = self.req_id(&f, "id");
        let name = self.opt_name(&f, "name");
        let max = self.req_dec(&f, "max");
        let per_unit = self.opt_dec(&f, "per_unit");
        let measure = f.get("measure").and_then(|(v, mp)| {
            let m = self.measure(v, &mp);
            if m.is_none() {
                self.poison(mp);
            }
            m
        });
        Some(if kind == 1 {
            AdjustmentSpec::Bonus {
                id,
                name,
                max,
                per_unit,
                measure,
            }
        } else {
            AdjustmentSpec::Deduction {
                id,
                name,
                max,
                per_unit,
                measure,
            }
        })
    }
}
