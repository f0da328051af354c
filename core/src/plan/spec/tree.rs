//! The weight tree: groups and indicator references.

use super::DecimalText;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// A node of the weight tree (权重): a group or an indicator reference.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum NodeSpec {
    /// A group of weighted children.
    Group(GroupSpec),
    /// A reference to an indicator.
    Indicator(IndicatorRefSpec),
}

/// A group of the weight tree: its children's scores weighted into one.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    /// The group's id (unique, and not an indicator's id).
    pub group: String,
    /// Display name (e.g. 结果指标).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Percent of the parent (absent at the root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub weight: Option<Decimal>,
    /// What happens when no child has data (default `reweight`).
    #[serde(default)]
    pub missing: Missing,
    /// How the children's scores combine: `weighted` (the default) or `mean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<GroupMode>,
    /// Digits (0 to 6) the group's score is rounded to, in the plan's rounding
    /// mode, before its parent uses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    /// Groups and indicators whose weights sum to 100 (a `mean` group: no
    /// weights, and possibly no children).
    pub children: Vec<NodeSpec>,
}

/// How a group combines its children's scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GroupMode {
    /// Σ score × weight ÷ 100 over weights summing to 100.
    #[default]
    Weighted,
    /// The plain mean of the children with data: each counts exactly 1/N.
    Mean,
}

impl GroupMode {
    pub(crate) const ALL: [(&'static str, GroupMode); 2] =
        [("weighted", GroupMode::Weighted), ("mean", GroupMode::Mean)];
}

/// An indicator's place in the weight tree.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRefSpec {
    /// The id of the indicator scored here.
    pub indicator: String,
    /// Percent of the parent (0 or none for an auxiliary indicator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub weight: Option<Decimal>,
    /// What happens when the indicator has no data (default `reweight`).
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
