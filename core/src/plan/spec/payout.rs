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
    Rating {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        currency: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        base: Option<Decimal>,
        #[schemars(with = "BTreeMap<String, DecimalText>")]
        coefficients: BTreeMap<String, Decimal>,
    },
    Score {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        currency: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        base: Option<Decimal>,
        points: Vec<PayoutPointSpec>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        interpolate: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayoutPointSpec {
    #[schemars(with = "DecimalText")]
    pub score: Decimal,
    #[schemars(with = "DecimalText")]
    pub coefficient: Decimal,
}
