//! Bytes → the facts (CSV) of a fixed run. The ledger adds up; it reads as many
//! rows as the `csv` crate finds records; one thread and three give the same bytes
//! (the sequential reader and the chunked parallel one); the rows shuffled (same
//! header) give the same result, line numbers mapped back.
#![no_main]

use attain::run::{FactsFormat, RunSetup};
use attain_fuzz::{check_ledger, order_free, run, setup, shuffled, simple_lines, Outcome};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static SETUP: OnceLock<RunSetup> = OnceLock::new();

/// The `csv` crate's records after the header (ragged rows included; blank lines
/// skipped), or None when it cannot read the bytes.
fn csv_records(data: &[u8]) -> Option<u64> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(data);
    let mut n = 0;
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => n += 1,
            Ok(false) => return Some(n),
            Err(_) => return None,
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let setup = SETUP.get_or_init(setup);
    let one = run(setup, FactsFormat::Csv, data, 1);
    let three = run(setup, FactsFormat::Csv, data, 3);
    assert_eq!(
        one.bytes(),
        three.bytes(),
        "1 thread and 3 differ for {:?}",
        String::from_utf8_lossy(data)
    );
    let Outcome::Ran(r) = one else { return };
    check_ledger(&r, data);
    if let Some(n) = csv_records(data) {
        assert_eq!(
            r.ledger().rows,
            n,
            "rows read vs the csv crate's records for {:?}",
            String::from_utf8_lossy(data)
        );
    }
    let Some((header, lines)) = simple_lines(data) else {
        return;
    };
    if lines.len() < 2 || r.ledger().rejections_omitted() > 0 {
        return;
    }
    let seed = data
        .iter()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)));
    let (text, old_line) = shuffled(header, &lines, seed);
    let Outcome::Ran(s) = run(setup, FactsFormat::Csv, &text, 1) else {
        panic!(
            "the shuffled rows are refused: {:?}",
            String::from_utf8_lossy(&text)
        );
    };
    let identity: Vec<u64> = (0..=lines.len() as u64 + 1).collect();
    let (a, b) = (order_free(&s, &old_line), order_free(&r, &identity));
    assert!(
        a == b,
        "shuffled rows give another result:\n{a}\n{b}\n{:?}\n{:?}",
        String::from_utf8_lossy(data),
        String::from_utf8_lossy(&text)
    );
});
