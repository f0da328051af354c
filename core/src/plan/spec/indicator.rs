//! An indicator: its unit, direction, class and target with tiers.

use super::{name_in, CurveSpec, DecimalText, MeasureSpec};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// A named, measurable KPI (指标).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// Id that the tree, gates, actuals and targets name the indicator by.
    pub id: String,
    /// Display name (e.g. 外呼量).
    pub name: String,
    /// What the actual is counted in.
    pub unit: UnitSpec,
    /// Resolution of the actual, used by *what it takes* (absent: the unit's default; > 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub step: Option<Decimal>,
    /// Whether a higher or lower actual is better, or one inside a band.
    pub direction: Direction,
    /// Result, process or collaboration (default result).
    #[serde(default)]
    pub class: Class,
    /// An auxiliary indicator (辅助指标): weight 0 in the tree, or left out of it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auxiliary: bool,
    /// The expected value and tiers (required by curves that compare with a target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<TargetSpec>,
    /// How the actual becomes the indicator's score.
    pub curve: CurveSpec,
    /// How the actual is measured from facts (absent: supplied directly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<MeasureSpec>,
}

/// The unit of an indicator's actual.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    /// Money, count, percent, ratio, days or points.
    pub kind: UnitKind,
    /// ISO 4217 code, for money only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// What an actual is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// An amount in `currency`.
    Money,
    /// A number of things (default step 1).
    Count,
    /// Percent points: 92.5 means 92.5 %.
    Percent,
    /// A fraction: 0.925 means 92.5 %.
    Ratio,
    /// A duration in days.
    Days,
    /// Points of a rating or an exam.
    Points,
}

impl UnitKind {
    pub(crate) const ALL: [(&'static str, UnitKind); 6] = [
        ("money", UnitKind::Money),
        ("count", UnitKind::Count),
        ("percent", UnitKind::Percent),
        ("ratio", UnitKind::Ratio),
        ("days", UnitKind::Days),
        ("points", UnitKind::Points),
    ];

    /// The default resolution of an actual in this unit.
    pub fn default_step(self) -> Decimal {
        match self {
            UnitKind::Count => Decimal::ONE,
            UnitKind::Ratio => Decimal::new(1, 4),
            UnitKind::Money | UnitKind::Percent | UnitKind::Days | UnitKind::Points => {
                Decimal::new(1, 2)
            }
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (sales, calls).
    #[default]
    HigherIsBetter,
    /// Less is better (days to close, complaints).
    LowerIsBetter,
    /// Best inside a range (a band curve).
    Band,
}

impl Direction {
    pub(crate) const ALL: [(&'static str, Direction); 3] = [
        ("higher_is_better", Direction::HigherIsBetter),
        ("lower_is_better", Direction::LowerIsBetter),
        ("band", Direction::Band),
    ];

    pub(crate) fn name(self) -> &'static str {
        name_in(&Self::ALL, self)
    }
}

/// Result (结果), process (过程) or collaboration (协同) indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Result indicator (结果指标), the default.
    #[default]
    Result,
    /// Process indicator (过程指标).
    Process,
    /// Collaboration indicator (协同指标).
    Collaboration,
}

impl Class {
    pub(crate) const ALL: [(&'static str, Class); 3] = [
        ("result", Class::Result),
        ("process", Class::Process),
        ("collaboration", Class::Collaboration),
    ];
}

/// What is expected: one value (or one per subject) and named tiers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetSpec {
    /// The target for the role (replaced by a subject's own when `per_subject`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub value: Option<Decimal>,
    /// The input (or a run's `targets`) may give each subject its own target.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_subject: bool,
    /// Multiply the target and actual-basis tier points by the subject's active share.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prorate: bool,
    /// Whether tier `at` is in the indicator's unit or in percent of the target.
    #[serde(default)]
    pub tier_basis: TierBasis,
    /// Tiers from the easiest to the hardest (at most 32).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<TierSpec>,
    /// Whether reaching a tier point, the pass/fail target or a ratio's gate
    /// exactly counts (`inclusive`, the default) or the point must be passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary: Option<Boundary>,
}

/// How a result is compared with a threshold it must reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Boundary {
    /// Reaching the point exactly counts (≥; ≤ for lower is better): the default.
    #[default]
    Inclusive,
    /// The point must be passed (>; < for lower is better).
    Exclusive,
}

impl Boundary {
    pub(crate) const ALL: [(&'static str, Boundary); 2] = [
        ("inclusive", Boundary::Inclusive),
        ("exclusive", Boundary::Exclusive),
    ];
}

/// Whether tier points are actuals or achievement percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TierBasis {
    /// `at` is an actual, in the indicator's unit (the default).
    #[default]
    Actual,
    /// `at` is achievement in percent of the target (80/100/120).
    Achievement,
}

impl TierBasis {
    pub(crate) const ALL: [(&'static str, TierBasis); 2] = [
        ("actual", TierBasis::Actual),
        ("achievement", TierBasis::Achievement),
    ];
}

/// One tier (门槛/目标/挑战, 基础/优秀/卓越).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TierSpec {
    /// The tier's name, reported as the tier reached (unique).
    pub name: String,
    /// The point at or beyond which the tier is reached.
    #[schemars(with = "DecimalText")]
    pub at: Decimal,
    /// The score at this tier (required by `step` and `linear` curves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub score: Option<Decimal>,
}
