//! How an indicator's actual is measured from facts: the measure and its conditions.

use super::DecimalText;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// How an indicator's actual is measured from facts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureSpec {
    /// What is computed from the facts selected (sum, count, mean, …).
    pub kind: MeasureKind,
    /// Fact types read (absent: every type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fact: Vec<String>,
    /// The field whose local date puts a fact into a period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The fact field summed, averaged, counted distinct or taken (`sum`, `distinct`, `mean`, `min`, `max`, `latest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Timestamp field where a `duration` starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Timestamp field where a `duration` ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// `where`: conditions a fact must all meet to be read.
    #[serde(rename = "where", default, skip_serializing_if = "Vec::is_empty")]
    pub filter: Vec<ConditionSpec>,
    /// The conditions a `share` counts the facts meeting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition: Vec<ConditionSpec>,
    /// A `ratio`'s numerator (a measure, not a ratio).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Box<MeasureSpec>>,
    /// A `ratio`'s denominator (a measure, not a ratio); 0 gives no data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Box<MeasureSpec>>,
}

/// What a measure computes from the facts it selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// Σ field (0 for an empty window).
    #[default]
    Sum,
    /// Number of facts (0 for an empty window).
    Count,
    /// Number of distinct texts of field (0 for an empty window).
    Distinct,
    /// Σ field ÷ count.
    Mean,
    /// Mean of (to − from) in days.
    Duration,
    /// Facts meeting every condition ÷ facts (× 100 for a percent unit).
    Share,
    /// Smallest field.
    Min,
    /// Largest field.
    Max,
    /// Field of the fact with the latest `date` (ties: the greatest fact id).
    Latest,
    /// Numerator ÷ denominator: a ratio of totals, never a mean of ratios.
    Ratio,
}

impl MeasureKind {
    pub(crate) const ALL: [(&'static str, MeasureKind); 10] = [
        ("sum", MeasureKind::Sum),
        ("count", MeasureKind::Count),
        ("distinct", MeasureKind::Distinct),
        ("mean", MeasureKind::Mean),
        ("duration", MeasureKind::Duration),
        ("share", MeasureKind::Share),
        ("min", MeasureKind::Min),
        ("max", MeasureKind::Max),
        ("latest", MeasureKind::Latest),
        ("ratio", MeasureKind::Ratio),
    ];

    /// Sums that grow with the window (prorated in period-to-date views).
    pub fn is_additive(self) -> bool {
        matches!(
            self,
            MeasureKind::Sum | MeasureKind::Count | MeasureKind::Distinct
        )
    }
}

/// A condition on a fact's fields.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    /// The fact field tested (not for `within`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// How the field is compared.
    pub op: ConditionOp,
    /// What `eq`, `ne`, `lt`, `lte`, `gt`, `gte` compare with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ConditionValue>,
    /// The texts `in` and `not_in` look for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// `within`: the timestamp field where the span starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// `within`: the timestamp field where the span ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// `within`: the longest span, in hours (> 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub hours: Option<Decimal>,
}

/// How a condition compares a fact's field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConditionOp {
    /// Equal (as text, or as decimals when `value` is a number).
    #[default]
    Eq,
    /// Not equal (as text, or as decimals when `value` is a number).
    Ne,
    /// Below `value` (decimals).
    Lt,
    /// At or below `value` (decimals).
    Lte,
    /// Above `value` (decimals).
    Gt,
    /// At or above `value` (decimals).
    Gte,
    /// One of `values`.
    In,
    /// None of `values`.
    NotIn,
    /// The field is not empty.
    Present,
    /// The field is empty.
    Absent,
    /// Both timestamps present and 0 ≤ to − from ≤ `hours`.
    Within,
}

impl ConditionOp {
    pub(crate) const ALL: [(&'static str, ConditionOp); 11] = [
        ("eq", ConditionOp::Eq),
        ("ne", ConditionOp::Ne),
        ("lt", ConditionOp::Lt),
        ("lte", ConditionOp::Lte),
        ("gt", ConditionOp::Gt),
        ("gte", ConditionOp::Gte),
        ("in", ConditionOp::In),
        ("not_in", ConditionOp::NotIn),
        ("present", ConditionOp::Present),
        ("absent", ConditionOp::Absent),
        ("within", ConditionOp::Within),
    ];
}

/// A condition's value: text, a number (compared as decimals) or a boolean.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum ConditionValue {
    /// Text, compared as text.
    Text(String),
    /// A JSON number, compared as decimals.
    #[schemars(with = "f64")]
    Number(Decimal),
    /// A boolean; the field is read as `true`/`false`/`1`/`0`/`yes`/`no`, any case.
    Bool(bool),
}

impl Serialize for ConditionValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ConditionValue::Text(t) => s.serialize_str(t),
            ConditionValue::Bool(b) => s.serialize_bool(*b),
            // A JSON number, written exactly: its decimal text as a raw JSON value
            // (serde_json's `raw_value`, which unlike `arbitrary_precision` changes
            // nothing else for an embedder).
            ConditionValue::Number(d) => {
                match serde_json::value::RawValue::from_string(d.to_string()) {
                    Ok(n) => n.serialize(s),
                    Err(_) => s.serialize_str(&d.to_string()),
                }
            }
        }
    }
}
