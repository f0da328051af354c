//! Payout: score or rating → bonus coefficient.

use super::DecimalText;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// Score or rating → bonus coefficient (奖金系数); payout = base × coefficient.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "by", rename_all = "snake_case", deny_unknown_fields)]
pub enum PayoutSpec {
    /// A coefficient per rating band.
    Rating {
        /// Currency of the payout (e.g. `CNY`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        currency: Option<String>,
        /// The amount a coefficient of 1 pays (a subject's input `base` replaces it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        base: Option<Decimal>,
        /// Coefficient of every rating band, by name (every band named, no other).
        #[schemars(with = "BTreeMap<String, DecimalText>")]
        coefficients: BTreeMap<String, Decimal>,
    },
    /// A coefficient from points by score.
    Score {
        /// Currency of the payout (e.g. `CNY`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        currency: Option<String>,
        /// The amount a coefficient of 1 pays (a subject's input `base` replaces it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        base: Option<Decimal>,
        /// Points strictly increasing by score; below the first 0, above the last its coefficient.
        points: Vec<PayoutPointSpec>,
        /// Linear between points, instead of the coefficient of the highest point reached.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        interpolate: bool,
    },
}

/// A point of payout by score: from this total, this coefficient.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayoutPointSpec {
    /// The total at which this coefficient starts.
    #[schemars(with = "DecimalText")]
    pub score: Decimal,
    /// The bonus coefficient (奖金系数) at this score.
    #[schemars(with = "DecimalText")]
    pub coefficient: Decimal,
}
