//! How an indicator's actual is measured from facts: the measure and its conditions.

use super::DecimalText;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// How an indicator's actual is measured from facts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureSpec {
    pub kind: MeasureKind,
    /// Fact types read (absent: every type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fact: Vec<String>,
    /// The field whose local date puts a fact into a period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(rename = "where", default, skip_serializing_if = "Vec::is_empty")]
    pub filter: Vec<ConditionSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition: Vec<ConditionSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Box<MeasureSpec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Box<MeasureSpec>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    #[default]
    Sum,
    Count,
    Distinct,
    Mean,
    Duration,
    Share,
    Min,
    Max,
    Latest,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub op: ConditionOp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ConditionValue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub hours: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConditionOp {
    #[default]
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
    In,
    NotIn,
    Present,
    Absent,
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
    Text(String),
    #[schemars(with = "f64")]
    Number(Decimal),
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
