//! Bytes → the facts (CSV) of a fixed run. The ledger adds up; it reads as many
//! rows as the `csv` crate finds records; one thread and three give the same bytes
//! (the sequential reader and the chunked parallel one); the rows shuffled (same
//! header) give the same result, line numbers mapped back; the same records
//! written with every field quoted give the same result; so do they written as
//! JSON Lines (one object of strings per record) when the header's names are
//! distinct and no row is ragged.
#![no_main]

use attain::run::{FactsFormat, RunSetup};
use attain_fuzz::{
    check_ledger, line_free, order_free, run, setup, shuffled, simple_lines, Outcome,
};
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

/// The records as the `csv` crate reads them, written again with every field
/// quoted; and as JSON Lines (every field a string, the header's names as keys)
/// when the names are distinct, every row has as many fields as the header and
/// every field is UTF-8.
fn rewritten(data: &[u8]) -> Option<(Vec<u8>, Option<Vec<u8>>)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let records: Vec<csv::ByteRecord> = rdr.byte_records().collect::<Result<_, _>>().ok()?;
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    for rec in &records {
        w.write_byte_record(rec).ok()?;
    }
    let quoted = w.into_inner().ok()?;
    let header = records.first()?;
    let names: Vec<&str> = header
        .iter()
        .map(std::str::from_utf8)
        .collect::<Result<_, _>>()
        .ok()?;
    let names: Vec<&str> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if i == 0 {
                n.trim_start_matches('\u{feff}')
            } else {
                n
            }
        })
        .collect();
    let distinct = names
        .iter()
        .enumerate()
        .all(|(i, n)| !names[..i].contains(n));
    let even = records.iter().all(|r| r.len() == header.len());
    if !distinct || !even {
        return Some((quoted, None));
    }
    let mut jsonl = Vec::new();
    for rec in &records[1..] {
        let mut obj = serde_json::Map::new();
        for (name, field) in names.iter().zip(rec.iter()) {
            let Ok(text) = std::str::from_utf8(field) else {
                return Some((quoted, None));
            };
            obj.insert((*name).to_string(), serde_json::Value::from(text));
        }
        jsonl.extend_from_slice(serde_json::Value::Object(obj).to_string().as_bytes());
        jsonl.push(b'\n');
    }
    Some((quoted, Some(jsonl)))
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
    if r.ledger().rejections_omitted() > 0 {
        return;
    }
    if let Some((quoted, jsonl)) = rewritten(data) {
        let Outcome::Ran(q) = run(setup, FactsFormat::Csv, &quoted, 3) else {
            panic!(
                "quoted, the records are refused: {:?}",
                String::from_utf8_lossy(&quoted)
            );
        };
        let (a, b) = (line_free(&q), line_free(&r));
        assert!(
            a == b,
            "the records quoted give another result:\n{a}\n{b}\n{:?}\n{:?}",
            String::from_utf8_lossy(data),
            String::from_utf8_lossy(&quoted)
        );
        if let Some(jsonl) = jsonl {
            let Outcome::Ran(j) = run(setup, FactsFormat::JsonLines, &jsonl, 1) else {
                panic!(
                    "as JSON Lines, the records are refused: {:?}",
                    String::from_utf8_lossy(&jsonl)
                );
            };
            let a = line_free(&j);
            assert!(
                a == b,
                "the records as JSON Lines give another result:\n{a}\n{b}\n{:?}\n{:?}",
                String::from_utf8_lossy(data),
                String::from_utf8_lossy(&jsonl)
            );
        }
    }
    let Some((header, lines)) = simple_lines(data) else {
        return;
    };
    if lines.len() < 2 {
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
