//! The sections only a run reads: the calendar, the names of a fact's fields and
//! the pace warning.

use super::DecimalText;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// Time zone, fiscal year start and week start of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// IANA name, e.g. `Asia/Shanghai` (default `UTC`).
    pub time_zone: String,
    /// 1–12 (default 1).
    pub fiscal_year_start: u32,
    /// `monday` … `sunday` (default `monday`).
    pub week_start: String,
}

impl CalendarSpec {
    /// The names `week_start` takes, Monday first.
    pub(crate) const WEEKDAYS: [&'static str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
}

impl Default for CalendarSpec {
    fn default() -> Self {
        CalendarSpec {
            time_zone: "UTC".into(),
            fiscal_year_start: 1,
            week_start: "monday".into(),
        }
    }
}

/// Which fields of a fact hold its id, subject and type.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactFieldsSpec {
    /// The field holding a fact's id (default `id`).
    pub id: String,
    /// The field holding the subject a fact counts for (default `subject`).
    pub subject: String,
    /// The field holding a fact's type (`type`; default `type`).
    #[serde(rename = "type")]
    pub kind: String,
}

impl Default for FactFieldsSpec {
    fn default() -> Self {
        FactFieldsSpec {
            id: "id".into(),
            subject: "subject".into(),
            kind: "type".into(),
        }
    }
}

/// Period-to-date early warning (预警).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaceSpec {
    /// Warn when an indicator's pace is below this percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub warn_below: Option<Decimal>,
}
