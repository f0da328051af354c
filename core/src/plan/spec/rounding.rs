//! Where and how figures are rounded.

use schemars::JsonSchema;
use serde::Serialize;

/// Where and how figures are rounded.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundingSpec {
    /// Digits after the point of every figure shown, 0 to 6 (default 2).
    #[serde(default = "default_scale")]
    pub scale: u32,
    /// How a midpoint rounds (default half away from zero).
    #[serde(default)]
    pub mode: RoundingMode,
    /// Scale each indicator's score is rounded to before weighting (to match a legacy spreadsheet).
    #[serde(default)]
    pub indicator_scores: Option<u32>,
}

fn default_scale() -> u32 {
    2
}

impl Default for RoundingSpec {
    fn default() -> Self {
        RoundingSpec {
            scale: 2,
            mode: RoundingMode::HalfAwayFromZero,
            indicator_scores: None,
        }
    }
}

/// Rounding rule for a midpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// 四舍五入: 2.345 → 2.35, −2.345 → −2.35.
    #[default]
    HalfAwayFromZero,
    /// Banker's rounding: 2.345 → 2.34.
    HalfEven,
    /// Toward zero: 2.349 → 2.34.
    Down,
}

impl RoundingMode {
    pub(crate) const ALL: [(&'static str, RoundingMode); 3] = [
        ("half_away_from_zero", RoundingMode::HalfAwayFromZero),
        ("half_even", RoundingMode::HalfEven),
        ("down", RoundingMode::Down),
    ];
}
