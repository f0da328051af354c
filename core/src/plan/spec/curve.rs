//! How an actual becomes an indicator score.

use super::{name_in, DecimalText};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// How an actual becomes an indicator score.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CurveSpec {
    /// Achievement, limited to [0, cap]; 0 when achievement is below `gate`.
    Ratio {
        /// Highest score (required for `lower_is_better`; > 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        cap: Option<Decimal>,
        /// Achievement percent below which the score is 0 (flag `gated`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        gate: Option<Decimal>,
    },
    /// The score of the highest tier reached; `below` when none.
    Step {
        /// Score when no tier is reached (default 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        below: Option<Decimal>,
    },
    /// Piecewise linear between tier points (x = `at`, y = `score`); needs at least 2 tiers.
    Linear {
        /// Below the first tier: 0 or the first tier's score.
        #[serde(default)]
        below: Below,
        /// Above the last tier: its score, or the last segment's slope continued.
        #[serde(default)]
        above: Above,
        /// Highest score when extrapolating (> 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        max: Option<Decimal>,
    },
    /// `full` inside [low, high]; outside, `full − per_unit × distance`, not below `floor`.
    Band {
        /// Lowest actual that scores `full`.
        #[schemars(with = "DecimalText")]
        low: Decimal,
        /// Highest actual that scores `full` (≥ `low`).
        #[schemars(with = "DecimalText")]
        high: Decimal,
        /// Score inside the band (default 100).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
        /// Points taken per unit of distance outside the band (> 0).
        #[schemars(with = "DecimalText")]
        per_unit: Decimal,
        /// Lowest score (default 0; below `full`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        floor: Option<Decimal>,
    },
    /// `full` when the target is met, else 0.
    PassFail {
        /// Score when the target is met (default 100).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
    },
    /// `full − per_unit × actual`, not below `floor` nor above `full`.
    Deduction {
        /// Score at an actual of 0 (default 100).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
        /// Points taken per unit of the actual (> 0).
        #[schemars(with = "DecimalText")]
        per_unit: Decimal,
        /// Lowest score (default 0; below `full`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        floor: Option<Decimal>,
    },
}

/// The kinds of curve: the names `kind` takes, for reading it and for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CurveKind {
    Ratio,
    Step,
    Linear,
    Band,
    PassFail,
    Deduction,
}

impl CurveKind {
    pub(crate) const ALL: [(&'static str, CurveKind); 6] = [
        ("ratio", CurveKind::Ratio),
        ("step", CurveKind::Step),
        ("linear", CurveKind::Linear),
        ("band", CurveKind::Band),
        ("pass_fail", CurveKind::PassFail),
        ("deduction", CurveKind::Deduction),
    ];

    pub(crate) fn name(self) -> &'static str {
        name_in(&Self::ALL, self)
    }
}

/// Below the first tier of a linear curve: score 0, or the first tier's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Below {
    /// Score 0 (the default).
    #[default]
    Zero,
    /// The first tier's score.
    Flat,
}

impl Below {
    pub(crate) const ALL: [(&'static str, Below); 2] =
        [("zero", Below::Zero), ("flat", Below::Flat)];
}

/// Above the last tier of a linear curve: keep its score, or continue the slope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Above {
    /// Keep the last tier's score (the default).
    #[default]
    Cap,
    /// Continue the last segment's slope up to `max` (flag `extrapolated`).
    Extrapolate,
}

impl Above {
    pub(crate) const ALL: [(&'static str, Above); 2] =
        [("cap", Above::Cap), ("extrapolate", Above::Extrapolate)];
}
