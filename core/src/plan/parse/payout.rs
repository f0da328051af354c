//! The payout: by rating (a coefficient per band) or by score (points).

use super::Walker;
use crate::error::Code;
use crate::limits::MAX_TIERS;
use crate::plan::spec::{PayoutPointSpec, PayoutSpec};
use crate::util::json::Json;
use crate::util::json_reader::{join, Fields};
use std::collections::BTreeMap;

impl Walker<'_> {
    pub(super) fn payout(&mut self, v: &Json, p: &str) -> Option<PayoutSpec> {
        let Json::Object(map) = v else {
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
                        let kp = join(&cp, k);
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
