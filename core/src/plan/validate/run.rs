//! The calendar, which only a run reads: its week start, and with runs its time
//! zone, checked; with runs, the `Calendar` built.

use crate::error::Code;
#[cfg(feature = "run")]
use crate::plan::calendar::{parse_time_zone, parse_weekday, Calendar};
use crate::plan::spec::CalendarSpec;
use crate::util::json_reader::Reader;

#[cfg(feature = "run")]
pub(super) fn calendar(r: &mut Reader, spec: &CalendarSpec) -> Calendar {
    let tz = parse_time_zone(&spec.time_zone);
    if tz.is_none() {
        r.push(
            "/calendar/time_zone",
            Code::UnknownTimeZone,
            format!(
                "{:?} is not an IANA time zone (e.g. \"Asia/Shanghai\")",
                spec.time_zone
            ),
        );
    }
    week_start(r, spec);
    Calendar {
        tz: tz.unwrap_or(chrono_tz::Tz::UTC),
        fiscal_year_start: spec.fiscal_year_start,
        week_start: parse_weekday(&spec.week_start).unwrap_or(chrono::Weekday::Mon),
    }
}

/// Without runs the time zone database is left out, so zone names are not checked.
#[cfg(not(feature = "run"))]
pub(super) fn calendar(r: &mut Reader, spec: &CalendarSpec) {
    week_start(r, spec);
}

fn week_start(r: &mut Reader, spec: &CalendarSpec) {
    if !CalendarSpec::WEEKDAYS.contains(&spec.week_start.as_str()) {
        r.push(
            "/calendar/week_start",
            Code::InvalidValue,
            format!("{:?} is not one of: monday … sunday", spec.week_start),
        );
    }
}
