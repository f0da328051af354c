//! How an actual becomes an indicator score.

use super::{name_in, DecimalText};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// How an actual becomes an indicator score.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CurveSpec {
    /// Achievement, limited to [0, cap]; 0 when achievement is below `gate`;
    /// with `below: extrapolate`, a negative achievement is the (negative) score.
    Ratio {
        /// Highest score (required for `lower_is_better`; > 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        cap: Option<Decimal>,
        /// Achievement percent below which the score is 0 (flag `gated`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        gate: Option<Decimal>,
        /// Below an achievement of 0: score 0 (the default) or the achievement itself.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        below: Option<RatioBelow>,
        /// How achievement is computed: `quotient` (the default), `relative` or `closest`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        formula: Option<FormulaName>,
        /// What a target of 0 does (only with `relative` or `closest`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        zero_target: Option<ZeroTargetRule>,
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
        /// Below the first tier: 0, the first tier's score, or the first segment's
        /// slope continued (no floor).
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
        /// Lowest score (default 0; below `full`; not with `below: extrapolate`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        floor: Option<Decimal>,
        /// Far from the band: stop at `floor` (the default) or keep losing
        /// `per_unit` per unit of distance (no floor, the score may go below 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        below: Option<FloorBelow>,
    },
    /// `full` when the target is met, else 0.
    PassFail {
        /// Score when the target is met (default 100).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
    },
    /// `full − per_unit × actual`, not below `floor` nor above `full`; with
    /// `below: extrapolate`, no floor.
    Deduction {
        /// Score at an actual of 0 (default 100).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
        /// Points taken per unit of the actual (> 0).
        #[schemars(with = "DecimalText")]
        per_unit: Decimal,
        /// Lowest score (default 0; below `full`; not with `below: extrapolate`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        floor: Option<Decimal>,
        /// Many occurrences: stop at `floor` (the default) or keep losing
        /// `per_unit` each (no floor, the score may go below 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        below: Option<FloorBelow>,
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

/// Below the first tier of a linear curve: score 0, the first tier's score, or the
/// first segment's slope continued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Below {
    /// Score 0 (the default; the first tier's score must then be ≥ 0).
    #[default]
    Zero,
    /// The first tier's score.
    Flat,
    /// The line through the first two tiers, continued without a floor (flag
    /// `extrapolated`): the score may go below 0.
    Extrapolate,
}

impl Below {
    pub(crate) const ALL: [(&'static str, Below); 3] = [
        ("zero", Below::Zero),
        ("flat", Below::Flat),
        ("extrapolate", Below::Extrapolate),
    ];
}

/// Below an achievement of 0 on a ratio curve: score 0, or the achievement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RatioBelow {
    /// Score 0 (flag `floored`; the default).
    #[default]
    Zero,
    /// The achievement, however far below 0 (a clawback); not with `gate`.
    Extrapolate,
}

impl RatioBelow {
    pub(crate) const ALL: [(&'static str, RatioBelow); 2] = [
        ("zero", RatioBelow::Zero),
        ("extrapolate", RatioBelow::Extrapolate),
    ];
}

/// How a ratio curve computes achievement from the actual and the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FormulaName {
    /// actual ÷ target (target ÷ actual for lower is better); the target must be > 0.
    #[default]
    Quotient,
    /// Relative to target: (actual − T + |T|) ÷ |T|, or 1 − (actual − T) ÷ |T| for
    /// lower is better; any target other than 0 (0 with `zero_target`).
    Relative,
    /// Closest is best: 1 − |actual − T| ÷ |T|.
    Closest,
}

impl FormulaName {
    pub(crate) const ALL: [(&'static str, FormulaName); 3] = [
        ("quotient", FormulaName::Quotient),
        ("relative", FormulaName::Relative),
        ("closest", FormulaName::Closest),
    ];
}

/// A relative or closest formula at a target of 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ZeroTargetRule {
    /// 1 + actual (higher), 1 − actual (lower), 1 − |actual| (closest).
    Offset,
    /// 100 % when the target 0 is reached (`boundary` applies), else 0 %.
    PassFail,
}

impl ZeroTargetRule {
    pub(crate) const ALL: [(&'static str, ZeroTargetRule); 2] = [
        ("offset", ZeroTargetRule::Offset),
        ("pass_fail", ZeroTargetRule::PassFail),
    ];
}

/// Where a band or deduction curve's line falls below its floor: stop there, or
/// keep going down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FloorBelow {
    /// Not below `floor` (flag `floored`; the default).
    #[default]
    Floor,
    /// The line however low (no `floor`).
    Extrapolate,
}

impl FloorBelow {
    pub(crate) const ALL: [(&'static str, FloorBelow); 2] = [
        ("floor", FloorBelow::Floor),
        ("extrapolate", FloorBelow::Extrapolate),
    ];
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
