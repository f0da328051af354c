//! The facts file: every person's quarter of activity, the bad rows spread over the
//! people of the role each needs, then the rows exported again at the end.

use super::activity::{customer_success, key_account, records, telesales};
use super::bad::{bad_row, Bad};
use super::days::Days;
use super::org::{Org, Role};
use super::rng::Rng;
use super::span::Span;
use super::write::io_fail;
use super::writer::{Writer, HEADER};
use crate::progress::Bar;
use crate::Failure;
use chrono::{Duration, NaiveDate};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// CRM record updates per person: 20, and more in a large organisation so that a
/// large demo is a benchmark-sized load (~700 facts a person at 20,000 people).
pub(super) fn records_per_person(people: usize) -> u64 {
    (people as u64 / 40).max(20)
}

pub(super) fn write_facts(
    path: &Path,
    org: &Org,
    days: &Days,
    seed: u64,
    people: usize,
) -> Result<u64, Failure> {
    let fail = io_fail(path);
    let file = File::create(path).map_err(&fail)?;
    let mut w = Writer {
        out: BufWriter::with_capacity(1 << 20, file),
        days,
        line: Vec::with_capacity(256),
        seq: 0,
        rows: 0,
        later: Vec::new(),
        later_rows: 0,
        dups: Rng::new(seed, u64::MAX - 1),
        dup_rate: 0.002,
    };
    w.out.write_all(HEADER.as_bytes()).map_err(&fail)?;
    // Where the bad rows go: evenly over the people of the role each needs.
    let per_kind = (people / 100).max(2);
    let mut bad_at: Vec<Vec<(Bad, usize)>> = vec![Vec::new(); org.people.len()];
    for kind in Bad::ALL {
        let list: Vec<usize> = org
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.role == kind.role() && p.end.is_none() && p.start <= org_start(days))
            .map(|(i, _)| i)
            .collect();
        if list.is_empty() {
            continue;
        }
        for k in 0..per_kind {
            let i = list[((2 * k + 1) * list.len() / (2 * per_kind)).min(list.len() - 1)];
            bad_at[i].push((kind, k));
        }
    }
    let per_person = records_per_person(people);
    let bar = Bar::new("generating facts", org.people.len() as u64, people >= 2000);
    for (i, p) in org.people.iter().enumerate() {
        let mut rng = Rng::new(seed, i as u64 + 1);
        let a = days.index(p.start).max(0) as usize;
        let b = p
            .end
            .map_or(days.text.len(), |e| days.clamp(days.index(e) + 1));
        let (lo, hi) = (a.max(days.p0), b.min(days.p1));
        let all = days.working(days.p0, days.p1).len().max(1);
        let work = days.working(lo, hi.max(lo));
        let span = Span {
            days,
            work,
            pre: if a + 10 <= days.p0 {
                days.working(days.p0 - 10, days.p0)
            } else {
                &[]
            },
            post: if b >= days.p1 + 10 {
                days.working(days.p1, days.p1 + 10)
            } else {
                &[]
            },
            act: work.len() as f64 / all as f64,
        };
        let result = if span.work.is_empty() {
            // Inactive the whole period: a few facts from before they left.
            let last = Span {
                days,
                work: days.working(a.max(b.saturating_sub(30)), b),
                pre: &[],
                post: &[],
                act: 0.3,
            };
            records(&mut w, &mut rng, p, &last, 20, 0.9, 0.9)
        } else {
            match p.role {
                Role::Telesales => telesales(&mut w, &mut rng, p, &span, per_person),
                Role::KeyAccount => key_account(&mut w, &mut rng, p, i, &span, per_person),
                Role::Success => customer_success(&mut w, &mut rng, p, i, &span, per_person),
            }
        };
        result.map_err(&fail)?;
        for &(kind, k) in &bad_at[i] {
            bad_row(&mut w, &mut rng, p, &span, kind, k).map_err(&fail)?;
        }
        bar.advance(1);
    }
    bar.finish();
    let later = std::mem::take(&mut w.later);
    w.out.write_all(&later).map_err(&fail)?;
    w.rows += w.later_rows;
    w.out.flush().map_err(&fail)?;
    Ok(w.rows)
}

/// The period's first day as a date (for choosing people active all along).
pub(super) fn org_start(days: &Days) -> NaiveDate {
    days.first + Duration::days(days.p0 as i64)
}
