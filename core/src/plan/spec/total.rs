//! The total's bounds and rating bands.

use super::DecimalText;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// Bounds of the total.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TotalSpec {
    /// Lowest total (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub floor: Option<Decimal>,
    /// Highest total (absent: none; not below `floor`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub ceiling: Option<Decimal>,
}

/// A rating band (S/A/B/C/D); the last has no `min`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingSpec {
    /// The rating given (free text, e.g. `S`).
    pub name: String,
    /// Lowest rounded total that gets this rating (absent on the last band only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub min: Option<Decimal>,
}
