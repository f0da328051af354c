//! Earnings: lines of rate tables. A line any of whose fields cannot be read is
//! poisoned, so validation reports no knock-on problems about it.

use super::Walker;
use crate::error::Code;
use crate::limits::{MAX_EARNINGS_LINES, MAX_TIERS};
use crate::plan::spec::{
    AmountBasis, CurvePointSpec, EarningsLineSpec, EarningsSpec, FactorPointSpec, MarginalBandSpec,
    MultiplierSpec, TableSpec, TierBandSpec,
};
use crate::util::json::Json;
use crate::util::json_reader::{join, Fields};
use std::collections::BTreeMap;

const LINE_KEYS: &[&str] = &[
    "id",
    "name",
    "basis",
    "indicator",
    "table",
    "multiplier",
    "cap",
];

impl Walker<'_> {
    pub(super) fn earnings(&mut self, v: &Json, p: &str) -> Option<EarningsSpec> {
        let f = self.r.object(v, p, &["currency", "cap", "lines"])?;
        let currency = f.get("currency").and_then(|(v, cp)| self.r.string(v, &cp));
        let cap = self.opt_dec(&f, "cap");
        if !f.has("lines") {
            self.r
                .push(f.at("lines"), Code::MissingField, "missing field \"lines\"");
        }
        let lines = self
            .items(&f, "lines", MAX_EARNINGS_LINES, Code::TooManyTiers)
            .into_iter()
            .map(|(v, lp)| {
                self.earnings_line(v, &lp).unwrap_or_else(|| {
                    // A placeholder keeps the indices of the lines after it;
                    // validation skips it (poisoned).
                    self.poison(lp);
                    EarningsLineSpec {
                        id: String::new(),
                        name: None,
                        basis: AmountBasis::Total,
                        indicator: None,
                        table: TableSpec::Flat {
                            rate: rust_decimal::Decimal::ZERO,
                        },
                        multiplier: None,
                        cap: None,
                    }
                })
            })
            .collect();
        Some(EarningsSpec {
            currency,
            cap,
            lines,
        })
    }

    fn earnings_line(&mut self, v: &Json, p: &str) -> Option<EarningsLineSpec> {
        let before = self.r.problems.len();
        let f = self.r.object(v, p, LINE_KEYS)?;
        let id = self.req_id(&f, "id");
        let name = self.opt_name(&f, "name");
        let basis = self.opt_choice(&f, "basis", &AmountBasis::ALL);
        let indicator = f.get("indicator").and_then(|(v, ip)| self.r.id(v, &ip));
        let table = match self.r.required(&f, "table") {
            Some((tv, tp)) => self.table(tv, &tp),
            None => None,
        };
        let multiplier = f
            .get("multiplier")
            .and_then(|(v, mp)| self.multiplier(v, &mp));
        let cap = self.opt_dec(&f, "cap");
        let table = table?;
        (self.r.problems.len() == before).then_some(EarningsLineSpec {
            id,
            name,
            basis,
            indicator,
            table,
            multiplier,
            cap,
        })
    }

    /// The object at `p` with its `kind`/`by` tag read from `options`.
    fn tagged<'v, T: Copy>(
        &mut self,
        v: &'v Json,
        p: &str,
        tag: &str,
        options: &[(&str, T)],
    ) -> Option<(T, &'v crate::util::json::Map)> {
        let Json::Object(map) = v else {
            self.r.object(v, p, &[]);
            return None;
        };
        let probe = Fields {
            map,
            path: p.to_string(),
        };
        let (tv, tp) = self.r.required(&probe, tag)?;
        Some((self.r.choice(tv, &tp, options)?, map))
    }

    fn table(&mut self, v: &Json, p: &str) -> Option<TableSpec> {
        const KINDS: [(&str, u8); 4] = [
            ("flat", 0),
            ("tiers", 1),
            ("marginal", 2),
            ("interpolated", 3),
        ];
        let (kind, _) = self.tagged(v, p, "kind", &KINDS)?;
        match kind {
            0 => {
                let f = self.r.object(v, p, &["kind", "rate"])?;
                Some(TableSpec::Flat {
                    rate: self.req_dec(&f, "rate"),
                })
            }
            1 => {
                let f = self.r.object(v, p, &["kind", "bands"])?;
                let bands = self.list(&f, "bands", |w, v, bp| {
                    let b = w.r.object(
                        v,
                        bp,
                        &["from", "from_inclusive", "to", "to_inclusive", "rate"],
                    )?;
                    Some(TierBandSpec {
                        from: w.req_dec(&b, "from"),
                        from_inclusive: b
                            .get("from_inclusive")
                            .and_then(|(v, ip)| w.r.boolean(v, &ip))
                            .unwrap_or(true),
                        to: w.opt_dec(&b, "to"),
                        to_inclusive: w.opt_bool(&b, "to_inclusive"),
                        rate: w.req_dec(&b, "rate"),
                    })
                });
                Some(TableSpec::Tiers { bands })
            }
            2 => {
                let f = self.r.object(v, p, &["kind", "bands"])?;
                let bands = self.list(&f, "bands", |w, v, bp| {
                    let b = w.r.object(v, bp, &["from", "rate"])?;
                    Some(MarginalBandSpec {
                        from: w.req_dec(&b, "from"),
                        rate: w.req_dec(&b, "rate"),
                    })
                });
                Some(TableSpec::Marginal { bands })
            }
            _ => {
                let f = self.r.object(v, p, &["kind", "base", "points"])?;
                let base = self.opt_dec(&f, "base");
                let points = self.list(&f, "points", |w, v, pp| {
                    let k = w.r.object(v, pp, &["at", "rate"])?;
                    Some(CurvePointSpec {
                        at: w.req_dec(&k, "at"),
                        rate: w.req_dec(&k, "rate"),
                    })
                });
                Some(TableSpec::Interpolated { base, points })
            }
        }
    }

    fn multiplier(&mut self, v: &Json, p: &str) -> Option<MultiplierSpec> {
        let (by_rating, _) = self.tagged(v, p, "by", &[("rating", true), ("score", false)])?;
        if by_rating {
            let f = self.r.object(v, p, &["by", "factors"])?;
            let mut factors = BTreeMap::new();
            if let Some((fv, fp)) = self.r.required(&f, "factors") {
                if let Some(m) = self.r.map(fv, &fp) {
                    for (k, v) in m {
                        if let Some(d) = self.r.decimal(v, &join(&fp, k)) {
                            factors.insert(k.clone(), d);
                        }
                    }
                }
            }
            return Some(MultiplierSpec::Rating { factors });
        }
        let f = self.r.object(v, p, &["by", "points", "interpolate"])?;
        let points = self.list(&f, "points", |w, v, pp| {
            let k = w.r.object(v, pp, &["score", "factor"])?;
            Some(FactorPointSpec {
                score: w.req_dec(&k, "score"),
                factor: w.req_dec(&k, "factor"),
            })
        });
        let interpolate = self.opt_bool(&f, "interpolate");
        Some(MultiplierSpec::Score {
            points,
            interpolate,
        })
    }

    /// A required, non-empty list of at most [`MAX_TIERS`] items, each read by `item`.
    fn list<T>(
        &mut self,
        f: &Fields,
        key: &str,
        item: impl Fn(&mut Self, &Json, &str) -> Option<T>,
    ) -> Vec<T> {
        if !f.has(key) {
            self.r.push(
                f.at(key),
                Code::MissingField,
                format!("missing field {key:?}"),
            );
        } else if matches!(f.map.get(key), Some(Json::Array(a)) if a.is_empty()) {
            self.r.push(
                f.at(key),
                Code::TiersRequired,
                format!("{key:?} needs at least one item"),
            );
        }
        self.items(f, key, MAX_TIERS, Code::TooManyTiers)
            .into_iter()
            .filter_map(|(v, ip)| item(self, v, &ip))
            .collect()
    }
}
