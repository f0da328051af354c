//! Facts as columns (`run_columns`, an Arrow table's layout).
//!
//! Mode 1 (first byte even): the rest is a CSV text; when every record is on one
//! line (and rows are not ragged), its columns, in one batch or cut into batches
//! of a few rows, on one thread or three, give the very bytes the CSV gives.
//! Mode 2 (first byte odd): columns with arbitrary offsets and validity bits (out
//! of range, between the bytes of a character); the run never panics, the ledger
//! adds up and counts every row, and threads change nothing.
#![no_main]

use attain::run::{run_bytes, run_columns, FactBatch, FactsFormat, Offsets, RunSetup, TextColumn};
use attain_fuzz::{check_ledger, setup};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static SETUP: OnceLock<RunSetup> = OnceLock::new();

/// A column's text, offsets and validity bits (bit 1 is row 0).
struct Owned {
    name: String,
    text: Vec<u8>,
    offsets: Vec<i64>,
    valid: Vec<u8>,
}

impl Owned {
    fn new(name: &str, values: &[&str], nulls: bool) -> Owned {
        let mut o = Owned {
            name: name.to_string(),
            text: Vec::new(),
            offsets: vec![0],
            valid: vec![0; values.len().div_ceil(8) + 1],
        };
        for (i, v) in values.iter().enumerate() {
            let bit = i + 1;
            if !v.is_empty() || !nulls {
                o.valid[bit / 8] |= 1 << (bit % 8);
            }
            o.text.extend_from_slice(v.as_bytes());
            o.offsets.push(o.text.len() as i64);
        }
        o
    }

    fn column(&self, from: usize, to: usize) -> Option<TextColumn<'_>> {
        TextColumn::new(
            self.name.clone(),
            &self.text,
            Offsets::Wide(self.offsets.get(from..=to)?),
            Some((&self.valid, from + 1)),
        )
        .ok()
    }
}

/// The columns of a CSV text, or None when a record spans lines, rows are
/// ragged, a line is blank (the CSV reader skips it: line numbers would differ)
/// or a name repeats.
fn columns_of(text: &str) -> Option<Vec<Owned>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.contains('\r') {
        return None;
    }
    let lines: Vec<&str> = body
        .strip_suffix('\n')
        .unwrap_or(body)
        .split('\n')
        .collect();
    if lines.iter().any(|l| l.is_empty()) {
        return None;
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for rec in rdr.records() {
        let rec = rec.ok()?;
        if rec.iter().any(|f| f.contains('\n')) {
            return None;
        }
        rows.push(rec.iter().map(str::to_string).collect());
    }
    if rows.len() != lines.len() {
        return None;
    }
    let header = rows.first()?.clone();
    if rows.iter().any(|r| r.len() != header.len()) {
        return None;
    }
    Some(
        header
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let values: Vec<&str> = rows[1..].iter().map(|r| r[c].as_str()).collect();
                Owned::new(name, &values, c % 2 == 0)
            })
            .collect(),
    )
}

fn same_as_csv(setup: &RunSetup, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(cols) = columns_of(text) else { return };
    let rows = cols.first().map_or(0, |c| c.offsets.len() - 1);
    let want = match run_bytes(setup, FactsFormat::Csv, data) {
        Ok(r) => r.to_json(),
        Err(_) => return,
    };
    let step = 1 + rows.min(usize::from(data.first().copied().unwrap_or(0) % 4));
    let mut cut = vec![(0, rows)];
    let mut from = 0;
    while from < rows {
        let to = (from + step).min(rows);
        cut.push((from, to));
        from = to;
    }
    let whole: Option<Vec<FactBatch<'_>>> = [(0, rows)]
        .iter()
        .map(|&(a, b)| {
            FactBatch::new(cols.iter().map(|c| c.column(a, b)).collect::<Option<_>>()?).ok()
        })
        .collect();
    let pieces: Option<Vec<FactBatch<'_>>> = cut[1..]
        .iter()
        .map(|&(a, b)| {
            FactBatch::new(cols.iter().map(|c| c.column(a, b)).collect::<Option<_>>()?).ok()
        })
        .collect();
    for batches in [whole, pieces].into_iter().flatten() {
        for threads in [1, 3] {
            let got =
                run_columns(&setup.clone().with_threads(threads), &batches).map(|r| r.to_json());
            assert_eq!(
                got.as_deref(),
                Ok(want.as_str()),
                "columns ({} batches, {threads} threads) differ from the CSV {text:?}",
                batches.len()
            );
        }
    }
}

const NAMES: [&str; 8] = [
    "id",
    "subject",
    "type",
    "closed_at",
    "amount",
    "won",
    "called_at",
    "customer",
];

fn arbitrary_columns(setup: &RunSetup, data: &[u8]) {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let rows = usize::from(head % 6);
    let ncols = 3 + usize::from((head >> 3) % 6);
    // Per column: rows + 1 offsets (one byte each, so some fall outside the text or
    // inside a character) and a validity byte; then the shared text.
    let need = ncols * (rows + 2);
    if rest.len() < need {
        return;
    }
    let (meta, text) = rest.split_at(need);
    let text = String::from_utf8_lossy(text).into_owned();
    let offsets: Vec<Vec<i64>> = meta
        .chunks(rows + 2)
        .map(|c| c[..=rows].iter().map(|&b| i64::from(b as i8) + 8).collect())
        .collect();
    let valid: Vec<[u8; 2]> = meta.chunks(rows + 2).map(|c| [c[rows + 1], 0xff]).collect();
    let cols: Vec<TextColumn<'_>> = (0..ncols)
        .filter_map(|i| {
            TextColumn::new(
                NAMES[i],
                text.as_bytes(),
                Offsets::Wide(&offsets[i]),
                Some((&valid[i], 0)),
            )
            .ok()
        })
        .collect();
    let Ok(batch) = FactBatch::new(cols) else {
        return;
    };
    let batches = [batch.clone(), batch];
    let one = run_columns(&setup.clone().with_threads(1), &batches);
    let three = run_columns(&setup.clone().with_threads(3), &batches);
    assert_eq!(
        one.as_ref().map(|r| r.to_json()).map_err(|e| e.to_json()),
        three.as_ref().map(|r| r.to_json()).map_err(|e| e.to_json()),
        "1 thread and 3 differ"
    );
    if let Ok(r) = one {
        check_ledger(&r, data);
        assert_eq!(r.ledger().rows, 2 * rows as u64, "every row is counted");
    }
}

fuzz_target!(|data: &[u8]| {
    let setup = SETUP.get_or_init(setup);
    match data.split_first() {
        Some((m, rest)) if m % 2 == 0 => same_as_csv(setup, rest),
        Some((_, rest)) => arbitrary_columns(setup, rest),
        None => {}
    }
});
