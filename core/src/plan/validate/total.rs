//! What becomes of the total: its bounds in order, rating bands from the highest
//! down to a last band without `min`, the ranking and the rounding.

use crate::error::Code;
use crate::plan::parse::Draft;
use crate::plan::spec::{RankMethod, RankingSpec, RoundingMode, RoundingSpec, TotalSpec};
use crate::plan::{Band, Rounding};
use crate::util::json_reader::{index, Reader};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashSet;

/// The floor and ceiling of the total.
pub(super) fn bounds(
    r: &mut Reader,
    total: Option<&TotalSpec>,
) -> (Option<Decimal>, Option<Decimal>) {
    let (floor, ceiling) = match total {
        Some(t) => (t.floor, t.ceiling),
        None => (None, None),
    };
    if let (Some(f), Some(c)) = (floor, ceiling) {
        if f > c {
            r.push(
                "/total/ceiling",
                Code::BandOutOfOrder,
                format!("ceiling {c} is below floor {f}"),
            );
        }
    }
    (floor, ceiling)
}

pub(super) fn ratings(draft: &Draft, r: &mut Reader) -> Vec<Band> {
    let spec = &draft.spec;
    let mut ratings = Vec::new();
    let mut band_names = HashSet::new();
    let n_bands = spec.ratings.len();
    let mut last_min: Option<Decimal> = None;
    for (k, band) in spec.ratings.iter().enumerate() {
        let p = index("/ratings", k);
        if !band.name.is_empty() && !band_names.insert(band.name.clone()) {
            r.push(
                format!("{p}/name"),
                Code::DuplicateId,
                format!("rating {:?} is named twice", band.name),
            );
        }
        let last = k + 1 == n_bands;
        match (band.min, last) {
            (Some(_), true) => r.push(
                format!("{p}/min"),
                Code::RatingBandsNotExhaustive,
                "the last rating band must have no min, so that every total gets a rating",
            ),
            (None, false) => {
                if draft.ok(&format!("{p}/min")) {
                    r.push(
                        format!("{p}/min"),
                        Code::RatingBandsOutOfOrder,
                        "only the last rating band may omit min",
                    )
                }
            }
            (Some(m), false) => {
                if let Some(prev) = last_min {
                    if m >= prev {
                        r.push(
                            format!("{p}/min"),
                            Code::RatingBandsOutOfOrder,
                            format!("min {m} must be below the previous band's {prev}"),
                        );
                    }
                }
                last_min = Some(m);
            }
            (None, true) => {}
        }
        ratings.push(Band {
            name: band.name.clone(),
            min: band.min,
        });
    }
    ratings
}

/// The ranking method and the fields ranks are given within (nothing to check).
pub(super) fn ranking(ranking: Option<&RankingSpec>) -> (RankMethod, Vec<String>) {
    match ranking {
        Some(k) => (k.method, k.within.clone()),
        None => (RankMethod::Competition, Vec::new()),
    }
}

/// The rounding as the scorer applies it (nothing to check).
pub(super) fn rounding(spec: &RoundingSpec) -> Rounding {
    Rounding {
        scale: spec.scale,
        strategy: match spec.mode {
            RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Down => RoundingStrategy::ToZero,
        },
        indicator_scores: spec.indicator_scores,
    }
}
