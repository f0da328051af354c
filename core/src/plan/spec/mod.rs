//! The plan document as written by a user (JSON). These types serialise a plan back
//! to JSON and generate its JSON Schema; [`crate::Plan`] is the validated form.
//!
//! Decimals are written as strings and read from strings or JSON numbers, exactly.

mod adjustment;
mod curve;
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
pub use curve::{Above, Below, CurveSpec};
pub use indicator::{
    Class, Direction, IndicatorSpec, TargetSpec, TierBasis, TierSpec, UnitKind, UnitSpec,
};
pub use measure::{ConditionOp, ConditionSpec, ConditionValue, MeasureKind, MeasureSpec};
pub use payout::{PayoutPointSpec, PayoutSpec};
pub use ranking::{RankMethod, RankingSpec};
pub use rounding::{RoundingMode, RoundingSpec};
pub use run::{CalendarSpec, FactFieldsSpec, PaceSpec};
pub use total::{RatingSpec, TotalSpec};
pub use tree::{GroupSpec, IndicatorRefSpec, Missing, NodeSpec};

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
    pub id: String,
    pub name: String,
    pub version: String,
    pub indicators: Vec<IndicatorSpec>,
    pub tree: NodeSpec,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<AdjustmentSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<TotalSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<RatingSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout: Option<PayoutSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<RankingSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<RoundingSpec>,
    /// Roster subjects with this role are scored by this plan (in a run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarSpec>,
    /// Names of the id, subject and type fields of a fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<FactFieldsSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pace: Option<PaceSpec>,
}

/// The name of `value` in a table of names and values (an enum's `ALL`),
/// so that each enum's names are written once.
fn name_in<T: Copy + PartialEq>(all: &[(&'static str, T)], value: T) -> &'static str {
    all.iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(name, _)| name)
}
