//! Bytes → the facts (JSON Lines) of a fixed run. The ledger adds up; it reads one
//! row per line that is not blank; one thread and three give the same bytes; the
//! lines shuffled give the same result, line numbers mapped back.
#![no_main]

use attain::run::{FactsFormat, RunSetup};
use attain_fuzz::{check_ledger, order_free, permutation, run, setup, Outcome};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static SETUP: OnceLock<RunSetup> = OnceLock::new();

/// The lines of the text (split at LF; no empty last piece after a final LF).
fn lines(data: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = data.split(|b| *b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Whether a line is a row: anything but blank text (a byte-order mark before
/// the first line aside).
fn is_row(line: &[u8], first: bool) -> bool {
    match std::str::from_utf8(line) {
        Ok(t) => {
            let t = if first {
                t.strip_prefix('\u{feff}').unwrap_or(t)
            } else {
                t
            };
            !t.trim().is_empty()
        }
        Err(_) => true,
    }
}

fuzz_target!(|data: &[u8]| {
    let setup = SETUP.get_or_init(setup);
    let one = run(setup, FactsFormat::JsonLines, data, 1);
    let three = run(setup, FactsFormat::JsonLines, data, 3);
    assert_eq!(
        one.bytes(),
        three.bytes(),
        "1 thread and 3 differ for {:?}",
        String::from_utf8_lossy(data)
    );
    let Outcome::Ran(r) = one else { return };
    check_ledger(&r, data);
    let all = lines(data);
    let rows = all
        .iter()
        .enumerate()
        .filter(|(i, l)| is_row(l, *i == 0))
        .count();
    assert_eq!(
        r.ledger().rows,
        rows as u64,
        "rows for {:?}",
        String::from_utf8_lossy(data)
    );
    // A byte-order mark is ignored at the start of the file only: a line that
    // starts with one would read otherwise as the first line.
    let bom = all.iter().any(|l| l.starts_with(b"\xef\xbb\xbf"));
    if all.len() < 2 || r.ledger().rejections_omitted() > 0 || bom {
        return;
    }
    let seed = data
        .iter()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)));
    let p = permutation(all.len(), seed);
    let mut text = Vec::new();
    let mut old_line = vec![0];
    for &i in &p {
        text.extend_from_slice(all[i]);
        text.push(b'\n');
        old_line.push(i as u64 + 1);
    }
    let Outcome::Ran(s) = run(setup, FactsFormat::JsonLines, &text, 1) else {
        panic!(
            "the shuffled lines are refused: {:?}",
            String::from_utf8_lossy(&text)
        );
    };
    let identity: Vec<u64> = (0..=all.len() as u64).collect();
    let (a, b) = (order_free(&s, &old_line), order_free(&r, &identity));
    assert!(
        a == b,
        "shuffled lines give another result:\n{a}\n{b}\n{:?}\n{:?}",
        String::from_utf8_lossy(data),
        String::from_utf8_lossy(&text)
    );
});
