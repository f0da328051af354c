//! The payout: a coefficient for every rating band, or score points in order.

use crate::error::Code;
use crate::plan::spec::PayoutSpec;
use crate::plan::{Band, Payout};
use crate::util::json_reader::{join, Reader};
use rust_decimal::Decimal;

pub(super) fn payout(r: &mut Reader, p: &PayoutSpec, ratings: &[Band]) -> Option<Payout> {
    match p {
        PayoutSpec::Rating {
            base, coefficients, ..
        } => {
            if ratings.is_empty() {
                r.push(
                    "/payout/by",
                    Code::RatingsRequired,
                    "payout by rating needs rating bands",
                );
                return None;
            }
            for name in coefficients.keys() {
                if !ratings.iter().any(|b| &b.name == name) {
                    r.push(
                        join("/payout/coefficients", name),
                        Code::UnknownRating,
                        format!("no rating band {name:?}"),
                    );
                }
            }
            let mut out = Vec::with_capacity(ratings.len());
            for b in ratings {
                match coefficients.get(&b.name) {
                    Some(c) => out.push(*c),
                    None => {
                        r.push(
                            join("/payout/coefficients", &b.name),
                            Code::MissingField,
                            format!("no coefficient for rating {:?}", b.name),
                        );
                        out.push(Decimal::ZERO);
                    }
                }
            }
            Some(Payout::Rating {
                base: *base,
                coefficients: out,
            })
        }
        PayoutSpec::Score {
            base,
            points,
            interpolate,
            ..
        } => {
            for k in 1..points.len() {
                if let (Some(a), Some(b)) = (points.get(k - 1), points.get(k)) {
                    if b.score <= a.score {
                        r.push(
                            format!("/payout/points/{k}/score"),
                            Code::PayoutPointsOutOfOrder,
                            format!(
                                "payout points go up by score: {} after {}",
                                b.score, a.score
                            ),
                        );
                    }
                }
            }
            Some(Payout::Score {
                base: *base,
                points: points.iter().map(|p| (p.score, p.coefficient)).collect(),
                interpolate: *interpolate,
            })
        }
    }
}
