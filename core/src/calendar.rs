//! The plan's calendar: time zone, fiscal year start, week start; and reading the
//! dates and timestamps of facts into local dates and instants.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;

/// A validated calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub tz: Tz,
    /// Month (1–12) in which the fiscal year starts.
    pub fiscal_year_start: u32,
    pub week_start: Weekday,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            tz: Tz::UTC,
            fiscal_year_start: 1,
            week_start: Weekday::Mon,
        }
    }
}

/// A point read from a fact: its local date in the plan's zone and its instant
/// (milliseconds since 1970-01-01T00:00Z).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    pub date: NaiveDate,
    pub instant_ms: i64,
}

pub(crate) fn parse_time_zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

pub(crate) fn parse_weekday(name: &str) -> Option<Weekday> {
    Some(match name {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    b.iter().try_fold(0u32, |acc, d| {
        acc.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let y = digits(b.get(0..4)?)?;
    let m = digits(b.get(5..7)?)?;
    let d = digits(b.get(8..10)?)?;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

impl Calendar {
    /// Read a date or timestamp (see `docs/FORMAT.md`). None for anything else.
    pub fn when(&self, text: &str) -> Option<When> {
        let t = text.trim();
        let date = parse_date(t.get(0..10)?)?;
        let rest = t.get(10..)?;
        if rest.is_empty() {
            let local = date.and_time(NaiveTime::MIN);
            return self
                .local_instant(local)
                .map(|instant_ms| When { date, instant_ms });
        }
        let b = rest.as_bytes();
        if !matches!(b.first(), Some(b'T' | b't' | b' ')) {
            return None;
        }
        let time = rest.get(1..)?;
        // Split off an offset: Z, ±HH:MM or ±HHMM.
        let (clock, offset_min) = split_offset(time)?;
        let naive = NaiveDateTime::new(date, parse_clock(clock)?);
        match offset_min {
            None => self
                .local_instant(naive)
                .map(|instant_ms| When { date, instant_ms }),
            Some(off) => {
                let utc = naive.checked_sub_signed(Duration::minutes(i64::from(off)))?;
                let instant_ms = utc.and_utc().timestamp_millis();
                let local = self.tz.from_utc_datetime(&utc);
                Some(When {
                    date: local.date_naive(),
                    instant_ms,
                })
            }
        }
    }

    fn local_instant(&self, naive: NaiveDateTime) -> Option<i64> {
        // In a DST fold take the earlier instant; a local time that does not exist is refused.
        self.tz
            .from_local_datetime(&naive)
            .earliest()
            .map(|dt| dt.timestamp_millis())
    }
}

fn split_offset(time: &str) -> Option<(&str, Option<i32>)> {
    if let Some(clock) = time.strip_suffix('Z').or_else(|| time.strip_suffix('z')) {
        return Some((clock, Some(0)));
    }
    // A sign after the clock's start (HH:MM needs at least 5 characters).
    let pos = time
        .char_indices()
        .skip(5)
        .find(|(_, c)| *c == '+' || *c == '-')
        .map(|(i, _)| i);
    let Some(pos) = pos else {
        return Some((time, None));
    };
    let (clock, off) = time.split_at(pos);
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let off = off.get(1..)?;
    let (h, m) = match off.len() {
        5 if off.as_bytes().get(2) == Some(&b':') => (off.get(0..2)?, off.get(3..5)?),
        4 => (off.get(0..2)?, off.get(2..4)?),
        2 => (off.get(0..2)?, "00"),
        _ => return None,
    };
    let (h, m) = (digits(h.as_bytes())?, digits(m.as_bytes())?);
    if h > 23 || m > 59 {
        return None;
    }
    Some((clock, Some(sign * i32::try_from(h * 60 + m).ok()?)))
}

fn parse_clock(clock: &str) -> Option<NaiveTime> {
    let b = clock.as_bytes();
    if b.len() < 5 || b.get(2) != Some(&b':') {
        return None;
    }
    let h = digits(b.get(0..2)?)?;
    let m = digits(b.get(3..5)?)?;
    let (s, nanos) = if b.len() == 5 {
        (0, 0)
    } else {
        if b.get(5) != Some(&b':') || b.len() < 8 {
            return None;
        }
        let s = digits(b.get(6..8)?)?;
        let nanos = if b.len() > 8 {
            if b.get(8) != Some(&b'.') {
                return None;
            }
            let frac = b.get(9..)?;
            if frac.is_empty() || frac.len() > 9 {
                return None;
            }
            digits(frac)? * 10u32.pow(9 - frac.len() as u32)
        } else {
            0
        };
        (s, nanos)
    };
    NaiveTime::from_hms_nano_opt(h, m, s, nanos)
}

/// The first day of the week containing `d`, for weeks starting on `start`.
pub(crate) fn week_start_of(d: NaiveDate, start: Weekday) -> NaiveDate {
    let back = (7 + d.weekday().num_days_from_monday() - start.num_days_from_monday()) % 7;
    d - Duration::days(i64::from(back))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(tz: &str) -> Calendar {
        Calendar {
            tz: parse_time_zone(tz).unwrap_or(Tz::UTC),
            ..Calendar::default()
        }
    }

    fn local(c: &Calendar, t: &str) -> String {
        c.when(t)
            .map(|w| w.date.to_string())
            .unwrap_or_else(|| "bad".into())
    }

    #[test]
    fn offsets_are_converted_to_the_plan_zone() {
        let sh = cal("Asia/Shanghai");
        assert_eq!(local(&sh, "2026-09-30T23:30:00+08:00"), "2026-09-30");
        assert_eq!(local(&sh, "2026-09-30T15:30:00Z"), "2026-09-30");
        assert_eq!(local(&sh, "2026-09-30T16:00:00Z"), "2026-10-01");
        assert_eq!(local(&sh, "2026-09-30T16:00:00.000-00:00"), "2026-10-01");
        assert_eq!(local(&sh, "2026-10-01 00:00"), "2026-10-01");
        assert_eq!(local(&sh, "2026-09-30"), "2026-09-30");
        assert_eq!(local(&sh, "2026-09-30T23:59:59.999"), "2026-09-30");
        assert_eq!(local(&sh, "2026-09-30T10:00:00+0530"), "2026-09-30");
    }

    #[test]
    fn bad_dates_are_refused() {
        let c = Calendar::default();
        for t in [
            "",
            "2026-02-30",
            "2026/09/30",
            "2026-09-30T25:00",
            "2026-09-30X10:00",
            "2026-09-30T10",
            "20260930",
            "2026-09-30T10:00+99:00",
        ] {
            assert!(c.when(t).is_none(), "{t}");
        }
    }

    #[test]
    fn instants_measure_exact_durations() {
        let sh = cal("Asia/Shanghai");
        let a = sh.when("2026-07-01T08:00:00+08:00").map(|w| w.instant_ms);
        let b = sh.when("2026-07-02T20:00:00").map(|w| w.instant_ms);
        assert_eq!(b.zip(a).map(|(b, a)| b - a), Some(36 * 3_600_000));
    }
}
