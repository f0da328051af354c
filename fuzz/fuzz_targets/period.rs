//! Period ids, dates and timestamps, in a calendar chosen by the first two bytes
//! (zone, fiscal year start, week start).
//!
//! - `parse_date` accepts exactly the `YYYY-MM-DD` texts chrono reads as dates,
//!   and gives back the text it read.
//! - A period is a non-empty window [start, end) whose id is the text trimmed; its
//!   id reads back to the same window, and so does the range of its dates.
//! - `Calendar::when`: a date alone is that date; the local date of the instant
//!   read is the date (in the zone, or the offset's instant's local date).
#![no_main]

use attain::run::{parse_date, Calendar, Period};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use chrono_tz::Tz;
use libfuzzer_sys::fuzz_target;

const ZONES: [&str; 10] = [
    "UTC",
    "America/New_York",
    "Asia/Shanghai",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Kathmandu",
    "Pacific/Apia",
    "Africa/Casablanca",
    "America/St_Johns",
];
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn is_date_shape(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

fn check_date(t: &str) {
    let got = parse_date(t);
    let want = if is_date_shape(t) {
        NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
    } else {
        None
    };
    assert_eq!(got, want, "parse_date({t:?})");
    if let Some(d) = got {
        assert_eq!(
            d.format("%Y-%m-%d").to_string(),
            t,
            "parse_date({t:?}) text"
        );
    }
}

fn printable(d: NaiveDate) -> bool {
    (0..=9999).contains(&d.year())
}

fn check_period(t: &str, cal: &Calendar) {
    let Ok(p) = Period::parse(t, cal) else { return };
    assert!(p.start < p.end, "{t:?}: empty window {p:?}");
    assert_eq!(p.days(), (p.end - p.start).num_days());
    assert!(p.contains(p.start) && !p.contains(p.end), "{t:?}: {p:?}");
    assert_eq!(p.id, t.trim(), "{t:?}: id");
    let again = Period::parse(&p.id, cal);
    assert_eq!(again.as_ref(), Ok(&p), "{t:?}: its id reads back");
    let last = p.end - Duration::days(1);
    if printable(p.start) && printable(last) {
        let range = format!(
            "{}..{}",
            p.start.format("%Y-%m-%d"),
            last.format("%Y-%m-%d")
        );
        let r = Period::parse(&range, cal);
        assert_eq!(
            r.as_ref().map(|r| (r.start, r.end)),
            Ok((p.start, p.end)),
            "{t:?}: the range {range}"
        );
    }
    // Named windows are months, quarters, halves, years or weeks, each aligned.
    if !p.id.contains("..") {
        let weeks = p.days() == 7 && p.start.weekday() == cal.week_start;
        let months = p.start.day() == 1 && p.end.day() == 1;
        assert!(weeks || months, "{t:?}: an unaligned window {p:?}");
    }
}

fn check_when(t: &str, cal: &Calendar) {
    let Some(w) = cal.when(t) else { return };
    let trimmed = t.trim();
    let local = chrono::DateTime::from_timestamp_millis(w.instant_ms)
        .map(|u| u.with_timezone(&cal.tz).date_naive());
    if trimmed.len() == 10 {
        assert_eq!(Some(w.date), parse_date(trimmed), "when({t:?}) of a date");
    }
    let has_offset =
        trimmed.len() > 10 && (trimmed.ends_with(['Z', 'z']) || trimmed[10..].contains(['+', '-']));
    if has_offset {
        assert_eq!(local, Some(w.date), "when({t:?}) in {}: {w:?}", cal.tz);
    } else {
        // A local time: the date written, unless the zone skipped that time (a
        // gap), which moves the instant by at most a day.
        let local = local.unwrap_or_else(|| panic!("when({t:?}): instant out of range"));
        assert!(
            (local - w.date).num_days().abs() <= 1,
            "when({t:?}) in {}: {w:?}, local date {local}",
            cal.tz
        );
        assert_eq!(Some(w.date), parse_date(&trimmed[..10]), "when({t:?}) date");
    }
}

fuzz_target!(|data: &[u8]| {
    let [z, c, rest @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut cal = Calendar::default();
    cal.tz = ZONES[usize::from(*z) % ZONES.len()]
        .parse::<Tz>()
        .unwrap_or(Tz::UTC);
    cal.fiscal_year_start = u32::from(*c % 12) + 1;
    cal.week_start = WEEKDAYS[usize::from(*c / 12) % 7];
    check_date(text);
    check_period(text, &cal);
    check_when(text, &cal);
});
