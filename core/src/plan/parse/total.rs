//! What becomes of the total: its bounds, rating bands, ranking and rounding.

use super::Walker;
use crate::error::Code;
use crate::limits::{MAX_SCALE, MAX_TIERS};
use crate::plan::spec::{
    RankMethod, RankingSpec, RatingSpec, RoundingMode, RoundingSpec, TotalSpec,
};
use crate::util::json::Json;
use crate::util::json_reader::Fields;

impl Walker<'_> {
    pub(super) fn total(&mut self, v: &Json, p: &str) -> Option<TotalSpec> {
        let t = self.r.object(v, p, &["floor", "ceiling"])?;
        Some(TotalSpec {
            floor: self.opt_dec(&t, "floor"),
            ceiling: self.opt_dec(&t, "ceiling"),
        })
    }

    /// The plan's `ratings` (absent: none).
    pub(super) fn ratings(&mut self, f: &Fields) -> Vec<RatingSpec> {
        self.items(f, "ratings", MAX_TIERS, Code::TooManyTiers)
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
            .collect()
    }

    pub(super) fn ranking(&mut self, v: &Json, p: &str) -> Option<RankingSpec> {
        let k = self.r.object(v, p, &["method", "within"])?;
        let method = self.opt_choice(&k, "method", &RankMethod::ALL);
        let within = self
            .items(&k, "within", 8, Code::InvalidValue)
            .into_iter()
            .filter_map(|(v, p)| self.r.name(v, &p))
            .collect();
        Some(RankingSpec { method, within })
    }

    pub(super) fn rounding(&mut self, v: &Json, p: &str) -> Option<RoundingSpec> {
        let k = self
            .r
            .object(v, p, &["scale", "mode", "indicator_scores"])?;
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
    }
}
