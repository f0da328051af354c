//! An indicator: its unit, direction, class and target with tiers.

use super::{name_in, CurveSpec, DecimalText, MeasureSpec};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// A named, measurable KPI (指标).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    pub id: String,
    pub name: String,
    pub unit: UnitSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub step: Option<Decimal>,
    pub direction: Direction,
    #[serde(default)]
    pub class: Class,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auxiliary: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<TargetSpec>,
    pub curve: CurveSpec,
    /// How the actual is measured from facts (absent: supplied directly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<MeasureSpec>,
}

/// The unit of an indicator's actual.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    pub kind: UnitKind,
    /// ISO 4217 code, for money only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Money,
    Count,
    Percent,
    Ratio,
    Days,
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
    #[default]
    HigherIsBetter,
    LowerIsBetter,
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
    #[default]
    Result,
    Process,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_subject: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prorate: bool,
    #[serde(default)]
    pub tier_basis: TierBasis,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<TierSpec>,
}

/// Whether tier points are actuals or achievement percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TierBasis {
    #[default]
    Actual,
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
    pub name: String,
    #[schemars(with = "DecimalText")]
    pub at: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub score: Option<Decimal>,
}
