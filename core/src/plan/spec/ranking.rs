//! How ranks are given.

use schemars::JsonSchema;
use serde::Serialize;

/// How ranks are given.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RankingSpec {
    /// Competition (the default) or dense.
    #[serde(default)]
    pub method: RankMethod,
    /// Group keys of the input's `groups` that split the ranking (e.g. `team`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
}

/// Competition (1, 2, 2, 4) or dense (1, 2, 2, 3) ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RankMethod {
    /// Ties share a rank and the next rank is skipped: 1, 2, 2, 4.
    #[default]
    Competition,
    /// Ties share a rank and none is skipped: 1, 2, 2, 3.
    Dense,
}

impl RankMethod {
    pub(crate) const ALL: [(&'static str, RankMethod); 2] = [
        ("competition", RankMethod::Competition),
        ("dense", RankMethod::Dense),
    ];
}
