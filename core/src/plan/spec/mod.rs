//! The plan document as written by a user (JSON). These types serialise a plan back
//! to JSON and generate its JSON Schema; [`crate::Plan`] is the validated form.
//!
//! Decimals are written as strings and read from strings or JSON numbers, exactly.

mod adjustment;
mod curve;
mod earnings;
mod indicator;
mod measure;
mod payout;
mod ranking;
mod rounding;
mod run;
mod total;
mod tree;

pub use adjustment::AdjustmentSpec;
pub(crate) use curve::CurveKind;
pub use curve::{Above, Below, CurveSpec, FloorBelow, FormulaName, RatioBelow, ZeroTargetRule};
pub use earnings::{
    AmountBasis, CurvePointSpec, EarningsLineSpec, EarningsSpec, FactorPointSpec, MarginalBandSpec,
    MultiplierSpec, TableSpec, TierBandSpec,
};
pub use indicator::{
    Boundary, Class, Direction, IndicatorSpec, TargetSpec, TierBasis, TierSpec, UnitKind, UnitSpec,
};
pub use measure::{ConditionOp, ConditionSpec, ConditionValue, MeasureKind, MeasureSpec};
pub use payout::{PayoutPointSpec, PayoutSpec};
pub use ranking::{RankMethod, RankingSpec};
pub use rounding::{RoundingMode, RoundingSpec};
pub use run::{CalendarSpec, FactFieldsSpec, PaceSpec};
pub use total::{RatingSpec, TotalSpec};
pub use tree::{GroupMode, GroupSpec, IndicatorRefSpec, Missing, NodeSpec};

use schemars::JsonSchema;
use serde::Serialize;

/// JSON Schema of a decimal: a number or a string holding one.
pub(crate) struct DecimalText;

impl JsonSchema for DecimalText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A decimal, as a JSON number or a string (\"12.50\", \"1.5e3\"); |x| < 10^15, at most 10 fraction digits",
            "type": ["string", "number"],
            "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"
        })
    }
}

/// A KPI plan (scorecard definition) for one role.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSpec {
    /// The plan's id (`[A-Za-z0-9_.:-]{1,64}`).
    pub id: String,
    /// Display name, 1 to 200 characters of any text.
    pub name: String,
    /// The plan's version, echoed in results so a score names the plan that gave it.
    pub version: String,
    /// The KPIs scored (at most 256).
    pub indicators: Vec<IndicatorSpec>,
    /// The weight tree: the root group, whose score is the total before adjustments.
    pub tree: NodeSpec,
    /// Gates and bonus / deduction points, applied after the tree score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<AdjustmentSpec>,
    /// Floor and ceiling of the total (absent: unbounded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<TotalSpec>,
    /// Rating bands from the best down (absent: no rating).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<RatingSpec>,
    /// Bonus coefficient by rating or by score (absent: no payout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout: Option<PayoutSpec>,
    /// Ranking method and the group keys that split it (absent: competition, all together).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<RankingSpec>,
    /// Scale and mode of every figure shown (absent: 2 places, half away from zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<RoundingSpec>,
    /// Roster subjects with this role are scored by this plan (in a run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Time zone, fiscal year start and week start that periods use (absent: UTC, January, Monday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarSpec>,
    /// Names of the id, subject and type fields of a fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<FactFieldsSpec>,
    /// Period-to-date early warning (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pace: Option<PaceSpec>,
    /// Commission and bonus lines summed into a statement per subject (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earnings: Option<EarningsSpec>,
}

/// The name of `value` in a table of names and values (an enum's `ALL`),
/// so that each enum's names are written once.
fn name_in<T: Copy + PartialEq>(all: &[(&'static str, T)], value: T) -> &'static str {
    all.iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(name, _)| name)
}
