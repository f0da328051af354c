//! Days and timestamps: the local days around the period (their text, which are
//! working days) and the moments of facts written as CRM timestamps.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

const BEFORE: i64 = 150;
const AFTER: i64 = 90;
pub(super) const DAY: i64 = 86_400;

/// Local days around the period: their text and whether they are working days.
pub(super) struct Days {
    pub(super) first: NaiveDate,
    pub(super) text: Vec<[u8; 10]>,
    /// Indices of working days (Monday to Friday), ascending.
    pub(super) work: Vec<usize>,
    pub(super) p0: usize,
    pub(super) p1: usize,
}

impl Days {
    pub(super) fn new(start: NaiveDate, end: NaiveDate) -> Days {
        let first = start - Duration::days(BEFORE);
        let n = (end - start).num_days() + BEFORE + AFTER;
        let mut text = Vec::with_capacity(n as usize);
        let mut work = Vec::new();
        for i in 0..n {
            let d = first + Duration::days(i);
            // Years 1000 to 9999 only (checked before): always 10 bytes.
            let t = <[u8; 10]>::try_from(d.format("%Y-%m-%d").to_string().as_bytes())
                .unwrap_or(*b"0000-00-00");
            text.push(t);
            if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                work.push(i as usize);
            }
        }
        Days {
            first,
            text,
            work,
            p0: BEFORE as usize,
            p1: (BEFORE + (end - start).num_days()) as usize,
        }
    }

    pub(super) fn index(&self, d: NaiveDate) -> i64 {
        (d - self.first).num_days()
    }

    pub(super) fn clamp(&self, day: i64) -> usize {
        day.clamp(0, self.text.len() as i64 - 1) as usize
    }

    /// Working days in [lo, hi).
    pub(super) fn working(&self, lo: usize, hi: usize) -> &[usize] {
        let a = self.work.partition_point(|&d| d < lo);
        let b = self.work.partition_point(|&d| d < hi);
        self.work.get(a..b.max(a)).unwrap_or(&[])
    }
}

/// A moment: local seconds since the first day of `Days`.
#[derive(Clone, Copy)]
pub(super) enum Ts {
    None,
    Date(usize),
    /// Local time, written with +08:00, or in UTC with `Z` when the flag is set.
    At(i64, bool),
}

fn two(buf: &mut Vec<u8>, n: i64) {
    buf.push(b'0' + (n / 10 % 10) as u8);
    buf.push(b'0' + (n % 10) as u8);
}

pub(super) fn push_ts(buf: &mut Vec<u8>, days: &Days, ts: Ts) {
    match ts {
        Ts::None => {}
        Ts::Date(d) => buf.extend_from_slice(&days.text[d.min(days.text.len() - 1)]),
        Ts::At(t, utc) => {
            let t = if utc { t - 8 * 3600 } else { t };
            let day = days.clamp(t.div_euclid(DAY));
            let s = t.rem_euclid(DAY);
            buf.extend_from_slice(&days.text[day]);
            buf.push(b'T');
            two(buf, s / 3600);
            buf.push(b':');
            two(buf, s / 60 % 60);
            buf.push(b':');
            two(buf, s % 60);
            buf.extend_from_slice(if utc { b"Z" } else { b"+08:00" });
        }
    }
}
