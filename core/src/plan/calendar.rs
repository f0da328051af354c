//! The plan's calendar: time zone, fiscal year start, week start; and reading the
//! dates and timestamps of facts into local dates and instants.

use crate::plan::spec::CalendarSpec;
use chrono::{
    Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Weekday,
};
use chrono_tz::Tz;

/// A validated calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Calendar {
    /// Time zone in which facts' timestamps get their local date.
    pub tz: Tz,
    /// Month (1–12) in which the fiscal year starts.
    pub fiscal_year_start: u32,
    /// First day of a week period (Monday gives ISO 8601 weeks).
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
#[non_exhaustive]
pub struct When {
    /// The local date, which puts the fact into a period.
    pub date: NaiveDate,
    /// The instant, in milliseconds since 1970-01-01T00:00Z (durations, latest).
    pub instant_ms: i64,
}

pub(crate) fn parse_time_zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

/// One of [`CalendarSpec::WEEKDAYS`].
pub(crate) fn parse_weekday(name: &str) -> Option<Weekday> {
    use Weekday::*;
    const DAYS: [Weekday; 7] = [Mon, Tue, Wed, Thu, Fri, Sat, Sun];
    let i = CalendarSpec::WEEKDAYS.iter().position(|w| *w == name)?;
    DAYS.get(i).copied()
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() {
        return None;
    }
    let mut acc = 0u32;
    for &d in b {
        let v = d.wrapping_sub(b'0');
        if v > 9 {
            return None;
        }
        acc = acc.checked_mul(10)?.checked_add(u32::from(v))?;
    }
    Some(acc)
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
        self.when_cached(text, &mut ZoneCache::default())
    }

    /// As [`Calendar::when`], remembering each day's UTC offset in `cache`. The
    /// instant is computed with integers (days since 1970 × a day's milliseconds
    /// + the clock − the offset); the zone is asked only for days not seen yet.
    pub(crate) fn when_cached(&self, text: &str, cache: &mut ZoneCache) -> Option<When> {
        let t = trim(text);
        let date = parse_date(t.get(0..10)?)?;
        let day = i64::from(date.num_days_from_ce()) - EPOCH_DAYS;
        let rest = t.get(10..)?;
        let (clock_ms, offset_min) = if rest.is_empty() {
            (0, None)
        } else {
            if !matches!(rest.as_bytes().first(), Some(b'T' | b't' | b' ')) {
                return None;
            }
            // Split off an offset: Z, ±HH:MM or ±HHMM.
            let (clock, offset_min) = split_offset(rest.get(1..)?)?;
            (parse_clock_ms(clock)?, offset_min)
        };
        let local_ms = day * DAY_MS + clock_ms;
        match offset_min {
            None => cache
                .local_instant(self.tz, day, local_ms)
                .map(|instant_ms| When { date, instant_ms }),
            Some(off) => {
                let instant_ms = local_ms - i64::from(off) * 60_000;
                Some(When {
                    date: cache.local_date(self.tz, instant_ms)?,
                    instant_ms,
                })
            }
        }
    }
}

/// Milliseconds in a day.
/// Milliseconds in a day (of UTC; local days are found through the zone).
pub(crate) const DAY_MS: i64 = 86_400_000;
/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const EPOCH_DAYS: i64 = 719_163;

/// The text without surrounding whitespace (ASCII checked first, the common case).
fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// The date of a day number (days since 1970-01-01).
fn date_of(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day + EPOCH_DAYS).ok()?)
}

/// A UTC or local date-time from milliseconds since 1970-01-01T00:00.
fn naive_of(ms: i64) -> Option<NaiveDateTime> {
    chrono::DateTime::from_timestamp_millis(ms).map(|d| d.naive_utc())
}

/// The UTC offsets of the days a reader has looked up (a slot per day, 256 days
/// apart), so that most timestamps skip the time zone's transition search. A day
/// is remembered only when its offset is the same at its first and last
/// millisecond (zones change their offset at most once a day); any other day is
/// looked up for each timestamp. The tables are allocated when the first day is
/// remembered.
#[derive(Debug, Clone, Default)]
pub(crate) struct ZoneCache {
    /// Zone, UTC day (since 1970) and the offset (ms) of every instant of that day.
    utc: Vec<Option<(Tz, i64, i64)>>,
    /// Zone, local day and the offset (ms) of every local time of that day (none
    /// of them in a gap or a fold).
    local: Vec<Option<(Tz, i64, i64)>>,
}

const SLOTS: usize = 256;

fn slot(day: i64) -> usize {
    day.rem_euclid(SLOTS as i64) as usize
}

/// The slot of `day` in a cache table, allocated on first use.
fn slot_of(
    table: &mut Vec<Option<(Tz, i64, i64)>>,
    day: i64,
) -> Option<&mut Option<(Tz, i64, i64)>> {
    if table.is_empty() {
        table.resize(SLOTS, None);
    }
    table.get_mut(slot(day))
}

impl ZoneCache {
    /// The local date of an instant.
    fn local_date(&mut self, tz: Tz, instant_ms: i64) -> Option<NaiveDate> {
        let day = instant_ms.div_euclid(DAY_MS);
        let entry = slot_of(&mut self.utc, day);
        let offset = match entry.as_deref().copied().flatten() {
            Some((z, d, o)) if z == tz && d == day => o,
            _ => {
                let offset_at = |ms: i64| {
                    naive_of(ms)
                        .map(|t| i64::from(tz.offset_from_utc_datetime(&t).fix().local_minus_utc()))
                };
                let (a, b) = (
                    offset_at(day * DAY_MS)?,
                    offset_at(day * DAY_MS + DAY_MS - 1)?,
                );
                if a != b {
                    let utc = naive_of(instant_ms)?;
                    return Some(tz.from_utc_datetime(&utc).date_naive());
                }
                if let Some(e) = entry {
                    *e = Some((tz, day, a * 1000));
                }
                a * 1000
            }
        };
        date_of((instant_ms + offset).div_euclid(DAY_MS))
    }

    /// The instant of a local date-time (`local_ms` on local day `day`). In a DST
    /// fold the earlier instant; a local time that does not exist is refused.
    fn local_instant(&mut self, tz: Tz, day: i64, local_ms: i64) -> Option<i64> {
        let entry = slot_of(&mut self.local, day);
        let offset = match entry.as_deref().copied().flatten() {
            Some((z, d, o)) if z == tz && d == day => Some(o),
            _ => {
                let first = tz.from_local_datetime(&naive_of(day * DAY_MS)?);
                let last = tz.from_local_datetime(&naive_of(day * DAY_MS + DAY_MS - 1)?);
                match (first, last) {
                    (LocalResult::Single(a), LocalResult::Single(b))
                        if a.offset().fix() == b.offset().fix() =>
                    {
                        let o = i64::from(a.offset().fix().local_minus_utc()) * 1000;
                        if let Some(e) = entry {
                            *e = Some((tz, day, o));
                        }
                        Some(o)
                    }
                    _ => None,
                }
            }
        };
        match offset {
            Some(o) => Some(local_ms - o),
            None => tz
                .from_local_datetime(&naive_of(local_ms)?)
                .earliest()
                .map(|dt| dt.timestamp_millis()),
        }
    }
}

fn split_offset(time: &str) -> Option<(&str, Option<i32>)> {
    if let Some(clock) = time.strip_suffix('Z').or_else(|| time.strip_suffix('z')) {
        return Some((clock, Some(0)));
    }
    // A sign after the clock's start (HH:MM needs at least 5 characters). Bytes,
    // not characters: any other text than ASCII fails the clock or the offset.
    let pos = time
        .bytes()
        .skip(5)
        .position(|c| c == b'+' || c == b'-')
        .map(|i| i + 5)
        .filter(|&i| time.is_char_boundary(i));
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

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.f` (1 to 9 digits) as milliseconds since
/// midnight (digits past the millisecond are dropped).
fn parse_clock_ms(clock: &str) -> Option<i64> {
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
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(i64::from(h * 3_600 + m * 60 + s) * 1000 + i64::from(nanos / 1_000_000))
}

/// The first day of the week containing `d`, for weeks starting on `start`.
pub(crate) fn week_start_of(d: NaiveDate, start: Weekday) -> Option<NaiveDate> {
    let back = (7 + d.weekday().num_days_from_monday() - start.num_days_from_monday()) % 7;
    d.checked_sub_signed(Duration::days(i64::from(back)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

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

    #[test]
    fn the_zone_cache_gives_what_the_zone_gives() {
        // Every 37 minutes through 2026 (DST changes both ways, Lord Howe's half
        // hour, Kathmandu's +05:45), with one cache per zone kept across the year:
        // the local date of an instant and the instant of a local time are chrono-tz's.
        for name in [
            "America/New_York",
            "Europe/London",
            "Australia/Lord_Howe",
            "Asia/Kathmandu",
            "Asia/Shanghai",
        ] {
            let c = cal(name);
            let mut cache = ZoneCache::default();
            let Some(start) = NaiveDate::from_ymd_opt(2026, 1, 1) else {
                unreachable!()
            };
            let start = start.and_time(NaiveTime::MIN);
            for k in 0..(366 * 24 * 60 / 37) {
                let t = start + Duration::minutes(37 * k);
                let stamp = t.format("%Y-%m-%dT%H:%M:%S").to_string();
                let utc = c.when_cached(&format!("{stamp}Z"), &mut cache);
                let want = Some(When {
                    date: c.tz.from_utc_datetime(&t).date_naive(),
                    instant_ms: t.and_utc().timestamp_millis(),
                });
                assert_eq!(utc, want, "{name} {stamp}Z");
                // With an offset of +05:45 and fractional seconds.
                let off = t - Duration::minutes(5 * 60 + 45) + Duration::nanoseconds(123_456_789);
                let frac = t + Duration::nanoseconds(123_456_789);
                let with = format!("{}+05:45", frac.format("%Y-%m-%dT%H:%M:%S%.9f"));
                let want = Some(When {
                    date: c.tz.from_utc_datetime(&off).date_naive(),
                    instant_ms: off.and_utc().timestamp_millis(),
                });
                assert_eq!(c.when_cached(&with, &mut cache), want, "{name} {with}");
                let local = c.when_cached(&stamp, &mut cache);
                let want = c.tz.from_local_datetime(&t).earliest().map(|dt| When {
                    date: t.date(),
                    instant_ms: dt.timestamp_millis(),
                });
                assert_eq!(local, want, "{name} {stamp}");
            }
        }
    }
}
