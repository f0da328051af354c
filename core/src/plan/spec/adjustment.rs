//! Gates and bonus / deduction points.

use super::{DecimalText, TierBasis};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// Gates and bonus / deduction points (加分/扣分).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AdjustmentSpec {
    Gate {
        indicator: String,
        #[serde(default)]
        basis: TierBasis,
        #[schemars(with = "DecimalText")]
        threshold: Decimal,
        #[schemars(with = "DecimalText")]
        cap: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<String>,
    },
    Bonus {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[schemars(with = "DecimalText")]
        max: Decimal,
    },
    Deduction {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[schemars(with = "DecimalText")]
        max: Decimal,
    },
}
