//! Earnings: rate tables on an amount, line by line, summed into a statement.

use super::DecimalText;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// Earnings (commission, bonus) computed beside the scorecard: lines that each
/// apply a rate table to an amount, summed into a statement per subject.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EarningsSpec {
    /// Currency of the statement (e.g. `CNY`), echoed in results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Highest total of a statement (≥ 0; absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub cap: Option<Decimal>,
    /// The lines, in statement order (1 to 64, ids unique).
    pub lines: Vec<EarningsLineSpec>,
}

/// One line: a rate table on an amount, optionally multiplied and capped.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EarningsLineSpec {
    /// The line's id (`[A-Za-z0-9_.:-]{1,64}`), unique in the plan's earnings.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the amount is (default `actual`).
    #[serde(default)]
    pub basis: AmountBasis,
    /// The indicator whose actual or achievement is the amount (absent on basis `total`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The rate table applied to the amount.
    pub table: TableSpec,
    /// A factor by the KPI score or rating the line is multiplied by (absent: 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<MultiplierSpec>,
    /// Highest earnings of the line (≥ 0; absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub cap: Option<Decimal>,
}

/// What a line's amount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AmountBasis {
    /// The indicator's actual (in a run, what its measure gave).
    #[default]
    Actual,
    /// The indicator's achievement in percent (in the tree only).
    Achievement,
    /// The subject's KPI total (rounded, as shown).
    Total,
}

impl AmountBasis {
    pub(crate) const ALL: [(&'static str, AmountBasis); 3] = [
        ("actual", AmountBasis::Actual),
        ("achievement", AmountBasis::Achievement),
        ("total", AmountBasis::Total),
    ];

    /// The name, as in a plan.
    pub fn as_str(self) -> &'static str {
        super::name_in(&Self::ALL, self)
    }
}

/// A rate table.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TableSpec {
    /// rate × amount.
    Flat {
        /// The rate (0.05 pays 5 %).
        #[schemars(with = "DecimalText")]
        rate: Decimal,
    },
    /// The band the amount falls in pays its rate on the whole amount; a gap pays 0.
    Tiers {
        /// Bands in increasing order, not overlapping (1 to 32).
        bands: Vec<TierBandSpec>,
    },
    /// Each slice of the amount is paid at its own band's rate.
    Marginal {
        /// Bands by their start, strictly increasing; the last is open-ended (1 to 32).
        bands: Vec<MarginalBandSpec>,
    },
    /// A payout curve of the amount (attainment), times a base.
    Interpolated {
        /// The amount a rate of 1 pays, e.g. on-target earnings (a subject's input `base` replaces it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        base: Option<Decimal>,
        /// Points strictly increasing by `at`; below the first 0, linear between, above the last its rate (1 to 32).
        points: Vec<CurvePointSpec>,
    },
}

/// A band of whole-amount tiers: from `from` to `to`, each bound included or not.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TierBandSpec {
    /// Lower bound (≥ 0).
    #[schemars(with = "DecimalText")]
    pub from: Decimal,
    /// Whether an amount equal to `from` is in the band (default true).
    #[serde(default = "yes")]
    pub from_inclusive: bool,
    /// Upper bound (absent on the last band only: open-ended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub to: Option<Decimal>,
    /// Whether an amount equal to `to` is in the band (default false).
    #[serde(default)]
    pub to_inclusive: bool,
    /// The rate paid on the whole amount.
    #[schemars(with = "DecimalText")]
    pub rate: Decimal,
}

fn yes() -> bool {
    true
}

/// A band of marginal tiers: the part of the amount above `from` (up to the next
/// band's `from`) is paid at `rate`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarginalBandSpec {
    /// Where the band starts (≥ 0).
    #[schemars(with = "DecimalText")]
    pub from: Decimal,
    /// The rate of this slice.
    #[schemars(with = "DecimalText")]
    pub rate: Decimal,
}

/// A point of an interpolated table.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CurvePointSpec {
    /// The amount (e.g. attainment in percent).
    #[schemars(with = "DecimalText")]
    pub at: Decimal,
    /// The rate of the base paid at `at` (1 pays the whole base).
    #[schemars(with = "DecimalText")]
    pub rate: Decimal,
}

/// A factor on a line from the subject's KPI rating or total (奖金系数).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "by", rename_all = "snake_case", deny_unknown_fields)]
pub enum MultiplierSpec {
    /// A factor per rating band (every band named, no other).
    Rating {
        /// Factor of every rating band, by name.
        #[schemars(with = "BTreeMap<String, DecimalText>")]
        factors: BTreeMap<String, Decimal>,
    },
    /// A factor from points by total.
    Score {
        /// Points strictly increasing by score; below the first 0, above the last its factor.
        points: Vec<FactorPointSpec>,
        /// Linear between points, instead of the factor of the highest point reached.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        interpolate: bool,
    },
}

/// A point of a multiplier by score: from this total, this factor.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactorPointSpec {
    /// The total at which this factor starts.
    #[schemars(with = "DecimalText")]
    pub score: Decimal,
    /// The factor.
    #[schemars(with = "DecimalText")]
    pub factor: Decimal,
}
