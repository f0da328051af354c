//! The weight tree: groups and indicator references.

use super::DecimalText;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// A node of the weight tree (权重): a group or an indicator reference.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum NodeSpec {
    Group(GroupSpec),
    Indicator(IndicatorRefSpec),
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub group: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Percent of the parent (absent at the root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub weight: Option<Decimal>,
    #[serde(default)]
    pub missing: Missing,
    pub children: Vec<NodeSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRefSpec {
    pub indicator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub weight: Option<Decimal>,
    #[serde(default)]
    pub missing: Missing,
}

/// What a node with no data does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Left out; siblings with data share the weight.
    #[default]
    Reweight,
    /// Scores 0.
    Zero,
    /// The subject is not scored.
    Refuse,
}

impl Missing {
    pub(crate) const ALL: [(&'static str, Missing); 3] = [
        ("reweight", Missing::Reweight),
        ("zero", Missing::Zero),
        ("refuse", Missing::Refuse),
    ];
}
