//! Gates and bonus / deduction points.

use super::{Boundary, DecimalText, MeasureSpec, TierBasis};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// Gates and bonus / deduction points (加分/扣分).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AdjustmentSpec {
    /// Caps a group's score (or the total) when an indicator misses a threshold.
    Gate {
        /// The indicator whose result the gate checks (it must be in the tree).
        indicator: String,
        /// Whether `threshold` is achievement percent (the default) or an actual.
        #[serde(default = "achievement")]
        basis: TierBasis,
        /// The result the indicator must reach, in its direction.
        #[schemars(with = "DecimalText")]
        threshold: Decimal,
        /// The highest score allowed when the threshold is missed.
        #[schemars(with = "DecimalText")]
        cap: Decimal,
        /// The group whose score is capped (absent: the total).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<String>,
        /// Whether reaching `threshold` exactly passes the gate (`inclusive`, the
        /// default) or the threshold must be passed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        boundary: Option<Boundary>,
    },
    /// Points added to the total, given per subject in the input or measured in a run.
    Bonus {
        /// Id the input's `points` name the bonus by.
        id: String,
        /// Display name (e.g. 创新加分).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Most points counted (flag `capped` beyond; > 0).
        #[schemars(with = "DecimalText")]
        max: Decimal,
        /// Points per unit measured (> 0; with `measure`): points = measured × per_unit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        per_unit: Option<Decimal>,
        /// In a run, how the units are measured from facts (`sum`, `count` or
        /// `distinct`; with `per_unit`). Absent: points are given (input `points`,
        /// a run's `points` table).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureSpec>,
    },
    /// Points taken from the total, given per subject in the input or measured in a run.
    Deduction {
        /// Id the input's `points` name the deduction by.
        id: String,
        /// Display name (e.g. 合规扣分).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Most points counted (flag `capped` beyond; > 0).
        #[schemars(with = "DecimalText")]
        max: Decimal,
        /// Points per unit measured (> 0; with `measure`): points = measured × per_unit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        per_unit: Option<Decimal>,
        /// In a run, how the units are measured from facts (`sum`, `count` or
        /// `distinct`; with `per_unit`). Absent: points are given (input `points`,
        /// a run's `points` table).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureSpec>,
    },
}

/// A gate's default basis, as the parser reads it (the schema's `default`).
fn achievement() -> TierBasis {
    TierBasis::Achievement
}
