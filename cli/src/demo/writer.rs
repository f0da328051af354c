//! Writing fact lines: the columns of a fact, the line buffer, the id sequence, and
//! the rows kept for the end of the file (duplicates, conflicting ids).

use super::days::{push_ts, Days, Ts};
use super::rng::Rng;
use std::fs::File;
use std::io::{BufWriter, Write};

pub(super) const HEADER: &str =
    "id,subject,type,at,created_at,updated_at,customer,amount,stage,score,renewed,complete\n";

/// One fact's fields after id, subject and type.
#[derive(Clone, Copy)]
pub(super) struct Fact<'a> {
    pub(super) at: Ts,
    pub(super) created: Ts,
    pub(super) updated: Ts,
    pub(super) customer: Option<(&'a str, u64)>,
    /// Yuan and cents.
    pub(super) amount: Option<(u64, u64)>,
    pub(super) stage: &'a str,
    pub(super) score: Option<u64>,
    pub(super) renewed: &'a str,
    pub(super) complete: &'a str,
}

pub(super) const EMPTY: Fact<'static> = Fact {
    at: Ts::None,
    created: Ts::None,
    updated: Ts::None,
    customer: None,
    amount: None,
    stage: "",
    score: None,
    renewed: "",
    complete: "",
};

/// The facts file being written: one line buffer, a global id sequence, and the
/// rows re-exported at the end (duplicates, the second rows of conflicting ids).
pub(super) struct Writer<'d> {
    pub(super) out: BufWriter<File>,
    pub(super) days: &'d Days,
    pub(super) line: Vec<u8>,
    pub(super) seq: u64,
    pub(super) rows: u64,
    pub(super) later: Vec<u8>,
    pub(super) later_rows: u64,
    /// Which rows are exported twice (a stream of its own).
    pub(super) dups: Rng,
    pub(super) dup_rate: f64,
}

impl Writer<'_> {
    /// The first fields of a fact line: id (a type letter and a sequence), subject, type.
    pub(super) fn begin(&mut self, letter: u8, subject: &str, kind: &str) -> u64 {
        self.seq += 1;
        self.line.clear();
        self.line.push(letter);
        let mut digits = Vec::with_capacity(9);
        push_u64(&mut digits, self.seq);
        self.line.extend(std::iter::repeat_n(
            b'0',
            9usize.saturating_sub(digits.len()),
        ));
        self.line.extend_from_slice(&digits);
        self.line.push(b',');
        self.line.extend_from_slice(subject.as_bytes());
        self.line.push(b',');
        self.line.extend_from_slice(kind.as_bytes());
        self.seq
    }

    pub(super) fn rest(&mut self, f: &Fact<'_>) {
        let b = &mut self.line;
        for ts in [f.at, f.created, f.updated] {
            b.push(b',');
            push_ts(b, self.days, ts);
        }
        b.push(b',');
        if let Some((prefix, n)) = f.customer {
            b.extend_from_slice(prefix.as_bytes());
            push_u64(b, n);
        }
        b.push(b',');
        if let Some((yuan, cents)) = f.amount {
            push_u64(b, yuan);
            if cents > 0 {
                b.push(b'.');
                two_u(b, cents);
            }
        }
        b.push(b',');
        b.extend_from_slice(f.stage.as_bytes());
        b.push(b',');
        if let Some(s) = f.score {
            push_u64(b, s);
        }
        b.push(b',');
        b.extend_from_slice(f.renewed.as_bytes());
        b.push(b',');
        b.extend_from_slice(f.complete.as_bytes());
        b.push(b'\n');
    }

    /// Write one fact; now and then also keep a copy for the end (a duplicate).
    pub(super) fn fact(
        &mut self,
        letter: u8,
        subject: &str,
        kind: &str,
        f: &Fact<'_>,
    ) -> std::io::Result<u64> {
        let id = self.begin(letter, subject, kind);
        self.rest(f);
        self.out.write_all(&self.line)?;
        self.rows += 1;
        if self.dups.chance(self.dup_rate) {
            self.later.extend_from_slice(&self.line);
            self.later_rows += 1;
        }
        Ok(id)
    }

    /// Rewrite the fields after id, subject and type of the current line.
    pub(super) fn rest_again(&mut self, f: &Fact<'_>) {
        if let Some(cut) = nth_comma(&self.line, 3) {
            self.line.truncate(cut);
        }
        self.rest(f);
    }

    pub(super) fn raw(&mut self, line: &[u8]) -> std::io::Result<()> {
        self.rows += 1;
        self.out.write_all(line)
    }
}

fn push_u64(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

fn two_u(buf: &mut Vec<u8>, n: u64) {
    buf.push(b'0' + (n / 10 % 10) as u8);
    buf.push(b'0' + (n % 10) as u8);
}

/// Round yuan to a multiple of `to`.
pub(super) fn yuan(x: f64, to: u64) -> (u64, u64) {
    let to = to.max(1) as f64;
    (((x / to).round() * to).max(0.0) as u64, 0)
}

/// The position of the n-th comma (1-based) of a line.
pub(super) fn nth_comma(line: &[u8], n: usize) -> Option<usize> {
    line.iter()
        .enumerate()
        .filter(|(_, &b)| b == b',')
        .nth(n.checked_sub(1)?)
        .map(|(i, _)| i)
}

/// Replace field `i` (0-based) of a line with `value`.
pub(super) fn replace_field(line: &mut Vec<u8>, i: usize, value: &[u8]) {
    let start = if i == 0 {
        0
    } else {
        match nth_comma(line, i) {
            Some(c) => c + 1,
            None => return,
        }
    };
    let end = line[start..]
        .iter()
        .position(|&b| b == b',' || b == b'\n')
        .map_or(line.len(), |e| start + e);
    line.splice(start..end, value.iter().copied());
}
