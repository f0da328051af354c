//! Measures: how an indicator's actual is computed from facts (sum, count, distinct,
//! mean, duration, share, min, max, latest, ratio of totals), with their filters.

use crate::plan::spec::{ConditionOp, ConditionValue, MeasureKind};
use rust_decimal::Decimal;

/// A validated measure. Field names are resolved to positions when a run starts.
#[derive(Debug, Clone)]
pub(crate) struct Measure {
    pub kind: MeasureKind,
    /// Fact types read; empty reads every type.
    pub types: Vec<String>,
    /// The field that puts a fact into the window (empty for a ratio).
    pub date: String,
    pub field: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub filter: Vec<Cond>,
    pub condition: Vec<Cond>,
    pub parts: Option<Box<(Measure, Measure)>>,
}

/// A validated condition.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    /// eq / ne on text.
    Text {
        field: String,
        value: String,
        negate: bool,
    },
    /// eq / ne / lt / lte / gt / gte on decimals.
    Number {
        field: String,
        op: ConditionOp,
        value: Decimal,
    },
    /// eq / ne on a boolean reading of the field.
    Bool {
        field: String,
        value: bool,
        negate: bool,
    },
    In {
        field: String,
        values: Vec<String>,
        negate: bool,
    },
    Present {
        field: String,
        negate: bool,
    },
    /// 0 ≤ to − from ≤ limit (milliseconds).
    Within {
        from: String,
        to: String,
        limit_ms: Decimal,
    },
}

impl Cond {
    pub fn new(
        field: Option<&str>,
        op: ConditionOp,
        value: Option<&ConditionValue>,
        values: &[String],
        from: Option<&str>,
        to: Option<&str>,
        hours: Option<Decimal>,
    ) -> Result<Cond, (&'static str, &'static str)> {
        use ConditionOp::*;
        let need_field = || field.map(str::to_string).ok_or(("field", "missing_field"));
        Ok(match op {
            Within => Cond::Within {
                from: from.map(str::to_string).ok_or(("from", "missing_field"))?,
                to: to.map(str::to_string).ok_or(("to", "missing_field"))?,
                limit_ms: hours
                    .ok_or(("hours", "missing_field"))?
                    .checked_mul(Decimal::from(3_600_000))
                    .ok_or(("hours", "number_out_of_range"))?,
            },
            Present | Absent => Cond::Present {
                field: need_field()?,
                negate: op == Absent,
            },
            In | NotIn => {
                if values.is_empty() {
                    return Err(("values", "missing_field"));
                }
                Cond::In {
                    field: need_field()?,
                    values: values.to_vec(),
                    negate: op == NotIn,
                }
            }
            Eq | Ne | Lt | Lte | Gt | Gte => {
                let field = need_field()?;
                match value.ok_or(("value", "missing_field"))? {
                    ConditionValue::Number(d) => Cond::Number {
                        field,
                        op,
                        value: *d,
                    },
                    // An ordering compares decimals: a numeric string is read as one.
                    ConditionValue::Text(t) if matches!(op, Lt | Lte | Gt | Gte) => Cond::Number {
                        field,
                        op,
                        value: crate::util::number::parse_decimal(t)
                            .map_err(|_| ("value", "invalid_value"))?,
                    },
                    ConditionValue::Text(t) if matches!(op, Eq | Ne) => Cond::Text {
                        field,
                        value: t.clone(),
                        negate: op == Ne,
                    },
                    ConditionValue::Bool(b) if matches!(op, Eq | Ne) => Cond::Bool {
                        field,
                        value: *b,
                        negate: op == Ne,
                    },
                    _ => return Err(("value", "invalid_value")),
                }
            }
        })
    }
}

impl Measure {
    /// The measures that read facts directly: itself, or a ratio's two parts.
    pub fn leaves(&self) -> Vec<&Measure> {
        match &self.parts {
            Some(p) => vec![&p.0, &p.1],
            None => vec![self],
        }
    }
}
