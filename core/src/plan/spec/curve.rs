//! How an actual becomes an indicator score.

use super::{name_in, DecimalText};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// How an actual becomes an indicator score.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CurveSpec {
    Ratio {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        cap: Option<Decimal>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        gate: Option<Decimal>,
    },
    Step {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        below: Option<Decimal>,
    },
    Linear {
        #[serde(default)]
        below: Below,
        #[serde(default)]
        above: Above,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        max: Option<Decimal>,
    },
    Band {
        #[schemars(with = "DecimalText")]
        low: Decimal,
        #[schemars(with = "DecimalText")]
        high: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
        #[schemars(with = "DecimalText")]
        per_unit: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        floor: Option<Decimal>,
    },
    PassFail {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
    },
    Deduction {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
        #[schemars(with = "DecimalText")]
        per_unit: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        floor: Option<Decimal>,
    },
}

/// The kinds of curve: the names `kind` takes, for reading it and for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CurveKind {
    Ratio,
    Step,
    Linear,
    Band,
    PassFail,
    Deduction,
}

impl CurveKind {
    pub(crate) const ALL: [(&'static str, CurveKind); 6] = [
        ("ratio", CurveKind::Ratio),
        ("step", CurveKind::Step),
        ("linear", CurveKind::Linear),
        ("band", CurveKind::Band),
        ("pass_fail", CurveKind::PassFail),
        ("deduction", CurveKind::Deduction),
    ];

    pub(crate) fn name(self) -> &'static str {
        name_in(&Self::ALL, self)
    }
}

/// Below the first tier of a linear curve: score 0, or the first tier's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Below {
    #[default]
    Zero,
    Flat,
}

impl Below {
    pub(crate) const ALL: [(&'static str, Below); 2] =
        [("zero", Below::Zero), ("flat", Below::Flat)];
}

/// Above the last tier of a linear curve: keep its score, or continue the slope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Above {
    #[default]
    Cap,
    Extrapolate,
}

impl Above {
    pub(crate) const ALL: [(&'static str, Above); 2] =
        [("cap", Above::Cap), ("extrapolate", Above::Extrapolate)];
}
