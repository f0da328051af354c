//! Period windows (考核周期): ids a person can type, turned into half-open ranges of
//! local dates [start, end).

use crate::plan::calendar::{parse_date, week_start_of, Calendar};
use chrono::{Datelike, Duration, NaiveDate};

/// A period: its id and its window of local dates [start, end).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Period {
    /// The period id as given, trimmed (`2026-Q3`, `FY2027`, `2026-07-01..2026-09-30`).
    pub id: String,
    /// First local day of the window.
    pub start: NaiveDate,
    /// The day after the last: the window is [start, end).
    pub end: NaiveDate,
}

impl Period {
    /// Days in the window.
    pub fn days(&self) -> i64 {
        self.end.signed_duration_since(self.start).num_days()
    }

    /// Whether a local date falls inside the window.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d < self.end
    }

    /// Read a period id (`2026-Q3`, `2026-07`, `2026-W27`, `2026-H2`, `2026`,
    /// `FY2027`, `FY2027-Q1`, `FY2027-H2`, `2026-07-01..2026-09-30`).
    ///
    /// ```
    /// use attain::run::{Calendar, Period};
    /// let q3 = Period::parse("2026-Q3", &Calendar::default()).unwrap();
    /// assert_eq!((q3.start.to_string(), q3.end.to_string()), ("2026-07-01".into(), "2026-10-01".into()));
    /// assert_eq!(q3.days(), 92);
    /// ```
    pub fn parse(id: &str, cal: &Calendar) -> Result<Period, String> {
        let bad = || {
            format!(
                "{id:?} is not a period id (2026, 2026-H2, 2026-Q3, 2026-07, 2026-W27, FY2027, FY2027-Q1, 2026-07-01..2026-09-30)"
            )
        };
        let (start, end) = window(id.trim(), cal).ok_or_else(bad)?;
        if end <= start {
            return Err(format!("{id:?}: the range ends before it starts"));
        }
        Ok(Period {
            id: id.trim().to_string(),
            start,
            end,
        })
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The first day of the month `months` months after (y, m).
fn month_start(y: i32, m: u32, months: i32) -> Option<NaiveDate> {
    let index = y.checked_mul(12)? + i32::try_from(m).ok()? - 1 + months;
    ymd(
        index.div_euclid(12),
        u32::try_from(index.rem_euclid(12)).ok()? + 1,
        1,
    )
}

fn year(text: &str) -> Option<i32> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn window(id: &str, cal: &Calendar) -> Option<(NaiveDate, NaiveDate)> {
    if let Some((a, b)) = id.split_once("..") {
        let start = parse_date(a.trim())?;
        let last = parse_date(b.trim())?;
        return Some((start, last.checked_add_signed(Duration::days(1))?));
    }
    if let Some(rest) = id.strip_prefix("FY") {
        // Named by the calendar year in which it ends.
        let (y, part) = match rest.split_once('-') {
            Some((y, p)) => (year(y)?, Some(p)),
            None => (year(rest)?, None),
        };
        let m0 = cal.fiscal_year_start;
        let start_year = if m0 == 1 { y } else { y - 1 };
        let (offset, len) = match part {
            None => (0, 12),
            Some(p) => span(p)?,
        };
        return Some((
            month_start(start_year, m0, offset)?,
            month_start(start_year, m0, offset + len)?,
        ));
    }
    let y = year(id.get(0..4)?)?;
    let rest = id.get(4..)?;
    if rest.is_empty() {
        return Some((ymd(y, 1, 1)?, ymd(y + 1, 1, 1)?));
    }
    let part = rest.strip_prefix('-')?;
    if let Some(w) = part.strip_prefix('W') {
        if w.len() != 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: i64 = w.parse().ok()?;
        let week1 = week_start_of(ymd(y, 1, 4)?, cal.week_start)?;
        let next_week1 = week_start_of(ymd(y + 1, 1, 4)?, cal.week_start)?;
        let start = week1.checked_add_signed(Duration::weeks(n - 1))?;
        if n < 1 || start >= next_week1 {
            return None;
        }
        return Some((start, start.checked_add_signed(Duration::weeks(1))?));
    }
    if part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()) {
        let m: u32 = part.parse().ok()?;
        if !(1..=12).contains(&m) {
            return None;
        }
        return Some((ymd(y, m, 1)?, month_start(y, m, 1)?));
    }
    let (offset, len) = span(part)?;
    Some((month_start(y, 1, offset)?, month_start(y, 1, offset + len)?))
}

/// Q1–Q4 and H1–H2 as (months from the year's start, length in months).
fn span(p: &str) -> Option<(i32, i32)> {
    match p {
        "Q1" => Some((0, 3)),
        "Q2" => Some((3, 3)),
        "Q3" => Some((6, 3)),
        "Q4" => Some((9, 3)),
        "H1" => Some((0, 6)),
        "H2" => Some((6, 6)),
        _ => None,
    }
}

/// Day of the period's start as an ordinal, for display.
pub(crate) fn date_text(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn w(id: &str, cal: &Calendar) -> String {
        match Period::parse(id, cal) {
            Ok(p) => format!("{}..{}", p.start, p.end),
            Err(_) => "bad".into(),
        }
    }

    #[test]
    fn calendar_periods() {
        let c = Calendar::default();
        assert_eq!(w("2026", &c), "2026-01-01..2027-01-01");
        assert_eq!(w("2026-H2", &c), "2026-07-01..2027-01-01");
        assert_eq!(w("2026-Q4", &c), "2026-10-01..2027-01-01");
        assert_eq!(w("2026-02", &c), "2026-02-01..2026-03-01");
        assert_eq!(w("2026-12", &c), "2026-12-01..2027-01-01");
        assert_eq!(w("2026-07-01..2026-09-30", &c), "2026-07-01..2026-10-01");
        for bad in [
            "2026-13",
            "2026-Q5",
            "2026-W+1",
            "2026-W-1",
            "2026-W 1",
            "26-Q1",
            "2026-W54",
            "2026-W00",
            "FY27",
            "2026-09-30..2026-07-01",
            "",
            "Q3",
        ] {
            assert_eq!(w(bad, &c), "bad", "{bad}");
        }
    }

    #[test]
    fn fiscal_years_are_named_by_their_end() {
        let c = Calendar {
            fiscal_year_start: 4,
            ..Calendar::default()
        };
        assert_eq!(w("FY2027", &c), "2026-04-01..2027-04-01");
        assert_eq!(w("FY2027-Q1", &c), "2026-04-01..2026-07-01");
        assert_eq!(w("FY2027-Q4", &c), "2027-01-01..2027-04-01");
        assert_eq!(w("FY2027-H2", &c), "2026-10-01..2027-04-01");
        let jan = Calendar::default();
        assert_eq!(w("FY2026", &jan), "2026-01-01..2027-01-01");
    }

    #[test]
    fn weeks_follow_iso_for_monday_and_shift_for_other_starts() {
        let mon = Calendar::default();
        // ISO: 2026-W01 starts Monday 2025-12-29; 2026 has 53 ISO weeks.
        assert_eq!(w("2026-W01", &mon), "2025-12-29..2026-01-05");
        assert_eq!(w("2026-W27", &mon), "2026-06-29..2026-07-06");
        assert_eq!(w("2026-W53", &mon), "2026-12-28..2027-01-04");
        assert_eq!(w("2027-W53", &mon), "bad");
        let sun = Calendar {
            week_start: Weekday::Sun,
            ..Calendar::default()
        };
        // The Sunday-starting week containing 2026-01-04 (a Sunday) starts that day.
        assert_eq!(w("2026-W01", &sun), "2026-01-04..2026-01-11");
    }
}
