//! Facts as columns (an Arrow table's layout) give the very result the same facts
//! give as a CSV file: every run case of the corpus whose CSV has one record per
//! line, in one batch and cut into several, on one thread and several.

use crate::common;

use attain::run::{run_columns, FactBatch, Offsets, RunSetup, TextColumn};
use serde_json::Value;

/// A column's text and offsets, built from its values (None: null).
struct Owned {
    name: String,
    text: Vec<u8>,
    offsets: Vec<i64>,
    valid: Vec<u8>,
}

impl Owned {
    fn new(name: &str, values: &[Option<&str>], nulls: bool) -> Owned {
        let mut o = Owned {
            name: name.to_string(),
            text: Vec::new(),
            offsets: vec![0],
            valid: vec![0; values.len().div_ceil(8) + 1],
        };
        for (i, v) in values.iter().enumerate() {
            // One spare bit at the front: the bitmap starts at bit 1.
            let bit = i + 1;
            match v {
                Some(t) => {
                    o.text.extend_from_slice(t.as_bytes());
                    o.valid[bit / 8] |= 1 << (bit % 8);
                }
                None if !nulls => o.valid[bit / 8] |= 1 << (bit % 8),
                None => {}
            }
            o.offsets.push(o.text.len() as i64);
        }
        o
    }

    fn column(&self, from: usize, to: usize) -> TextColumn<'_> {
        TextColumn::new(
            self.name.clone(),
            &self.text,
            Offsets::Wide(&self.offsets[from..=to]),
            Some((&self.valid, from + 1)),
        )
        .unwrap_or_else(|e| unreachable!("{e}"))
    }
}

/// The columns of a CSV text, or None when a record spans lines or rows are ragged.
fn columns_of(text: &str) -> Option<Vec<Owned>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for rec in rdr.records() {
        let rec = rec.ok()?;
        if rec.iter().any(|f| f.contains('\n')) {
            return None;
        }
        rows.push(rec.iter().map(str::to_string).collect());
    }
    let header = rows.first()?.clone();
    if rows.iter().any(|r| r.len() != header.len()) {
        return None;
    }
    let blank_lines = text.lines().filter(|l| l.trim_end_matches('\r').is_empty());
    if blank_lines.count() > 0 {
        return None; // the CSV reader skips them: line numbers would differ
    }
    Some(
        header
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let values: Vec<Option<&str>> = rows[1..]
                    .iter()
                    .map(|r| Some(r[c].as_str()).filter(|v| !v.is_empty()))
                    .collect();
                // Empty fields as nulls in even columns, as empty strings in odd ones.
                Owned::new(name, &values, c % 2 == 0)
            })
            .collect(),
    )
}

fn cases() -> Vec<(String, Value)> {
    common::corpus("runs")
}

#[test]
fn corpus_runs_from_columns_match_the_csv_bytes() {
    let mut compared = 0;
    let mut failures = Vec::new();
    for (name, case) in cases() {
        if case.get("expected").is_none() || case["facts"]["format"] != "csv" {
            continue;
        }
        let Some(cols) = columns_of(case["facts"]["text"].as_str().unwrap_or("")) else {
            continue;
        };
        let Ok(setup) = RunSetup::from_value(&common::run_document(&case)) else {
            failures.push(format!("{name}: setup refused"));
            continue;
        };
        let want = serde_json::to_string(&case["expected"]).unwrap_or_default();
        let rows = cols.first().map_or(0, |c| c.offsets.len() - 1);
        // One batch; and batches of 2 rows (plus the rest), on 1 and 3 threads.
        let whole = vec![FactBatch::new(
            cols.iter().map(|c| c.column(0, rows)).collect(),
        )];
        let mut cut = Vec::new();
        let mut from = 0;
        while from < rows || cut.is_empty() {
            let to = (from + 2).min(rows);
            cut.push(FactBatch::new(
                cols.iter().map(|c| c.column(from, to)).collect(),
            ));
            from = to;
        }
        for (how, batches) in [("whole", whole), ("cut", cut)] {
            let batches: Vec<FactBatch<'_>> = batches
                .into_iter()
                .collect::<Result<_, _>>()
                .unwrap_or_else(|e| unreachable!("{e}"));
            for threads in [1, 3] {
                let got = run_columns(&setup.clone().with_threads(threads), &batches)
                    .map(|r| r.to_json());
                let got_value = got
                    .as_ref()
                    .ok()
                    .and_then(|t| serde_json::from_str::<Value>(t).ok());
                if got_value.as_ref() != Some(&case["expected"]) {
                    failures.push(format!(
                        "{name} ({how}, {threads} threads): {got:?}\n  want {want}"
                    ));
                }
            }
        }
        compared += 1;
    }
    assert!(compared >= 30, "only {compared} cases could be compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unreadable_rows_are_counted_and_batches_must_agree() {
    let setup = RunSetup::from_value(&serde_json::json!({
      "plans": [{"id": "ae", "name": "AE", "version": "1",
        "indicators": [{"id": "won", "name": "赢单", "unit": {"kind": "count"},
          "direction": "higher_is_better", "target": {"value": 2}, "curve": {"kind": "ratio"},
          "measure": {"kind": "count", "fact": "deal", "date": "won_at"}}],
        "tree": {"group": "root", "children": [{"indicator": "won", "weight": 100}]}}],
      "roster": [{"subject": "wang"}],
      "period": "2026-07"
    }))
    .unwrap_or_else(|e| unreachable!("{e}"));
    // Row 1's subject offsets cut "王" in the middle: the row cannot be read.
    let subject = "王wang".as_bytes();
    let id = TextColumn::new("id", b"d1d2", Offsets::Narrow(&[0, 2, 4]), None);
    let who = TextColumn::new("subject", subject, Offsets::Narrow(&[3, 7, 8]), None);
    let kind = TextColumn::new("type", b"dealdeal", Offsets::Narrow(&[0, 4, 8]), None);
    let at = TextColumn::new(
        "won_at",
        b"2026-07-012026-07-02",
        Offsets::Narrow(&[0, 10, 20]),
        None,
    );
    let (id, who, kind, at) = match (id, who, kind, at) {
        (Ok(a), Ok(b), Ok(c), Ok(d)) => (a, b, c, d),
        _ => unreachable!("columns"),
    };
    let batch = FactBatch::new(vec![id.clone(), who, kind.clone(), at.clone()]);
    let batch = batch.unwrap_or_else(|e| unreachable!("{e}"));
    let result = run_columns(&setup, std::slice::from_ref(&batch));
    let value = result.map(|r| r.to_value().clone());
    let ledger = value.as_ref().map(|v| v["ledger"].clone());
    assert_eq!(
        ledger.ok(),
        Some(
            serde_json::json!({"rows": 2, "used": 1, "outside": 0, "duplicate": 0,
          "conflicting": 0, "rejected": 1,
          "rejections": [{"line": 3, "field": null, "code": "bad_row",
                          "message": "the row cannot be read"}],
          "conflicts": []})
        )
    );
    // A second batch with the columns in another order is refused, naming the batch.
    let other = FactBatch::new(vec![kind, id, at]).unwrap_or_else(|e| unreachable!("{e}"));
    let refused = run_columns(&setup, &[batch, other]);
    let err = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("batch 1"), "{err}");
}

mod hostile {
    use attain::run::{run_columns, FactBatch, Offsets, RunSetup, TextColumn};
    use proptest::prelude::*;

    fn setup() -> RunSetup {
        RunSetup::from_value(&serde_json::json!({
          "plans": [{"id": "ae", "name": "AE", "version": "1",
            "indicators": [{"id": "amount", "name": "签约额", "unit": {"kind": "count"},
              "direction": "higher_is_better", "target": {"value": 2}, "curve": {"kind": "ratio"},
              "measure": {"kind": "sum", "fact": "deal", "date": "won_at", "field": "amount"}}],
            "tree": {"group": "root", "children": [{"indicator": "amount", "weight": 100}]}}],
          "roster": [{"subject": "王"}, {"subject": "li"}],
          "period": "2026-07"
        }))
        .unwrap_or_else(|e| unreachable!("{e}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

        /// Offsets out of order or out of range, cuts inside characters, short or
        /// odd validity bitmaps: a column is refused or its rows are read or counted
        /// as unreadable — never a panic, and the ledger adds up.
        #[test]
        fn any_offsets_and_bitmaps_are_safe(
            text in "[a-z0-9王,.-]{0,40}",
            offsets in proptest::collection::vec(-3i64..50, 1..12),
            bits in proptest::option::of((proptest::collection::vec(any::<u8>(), 0..3), 0usize..9)),
            rows_of_other in 0usize..12,
        ) {
            let rows = offsets.len() - 1;
            let valid = bits.as_ref().map(|(b, at)| (b.as_slice(), *at));
            let Ok(odd) = TextColumn::new("id", text.as_bytes(), Offsets::Wide(&offsets), valid) else {
                return Ok(()); // refused whole (a short bitmap)
            };
            // The other columns: plain, valid text of the same length.
            let plain = |name: &'static str, value: &'static str| {
                let bytes = value.repeat(rows);
                let offs: Vec<i32> = (0..=rows).map(|i| (i * value.len()) as i32).collect();
                (name, bytes, offs)
            };
            let others = [plain("subject", "王"), plain("type", "deal"), plain("won_at", "2026-07-09"), plain("amount", "1.5")];
            let mut columns = vec![odd];
            for (name, bytes, offs) in &others {
                columns.push(TextColumn::new(*name, bytes.as_bytes(), Offsets::Narrow(offs), None).map_err(TestCaseError::fail)?);
            }
            let batch = FactBatch::new(columns).map_err(TestCaseError::fail)?;
            let result = run_columns(&setup(), &[batch]).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let l = result.ledger();
            prop_assert_eq!(l.rows, rows as u64);
            prop_assert!(l.adds_up());
            // A batch whose columns differ in length is refused, not read.
            let (a, b) = (vec![0; rows_of_other + 1], vec![0; rows_of_other + 2]);
            let short = TextColumn::new("x", b"", Offsets::Narrow(&a), None).map_err(TestCaseError::fail)?;
            let long = TextColumn::new("y", b"", Offsets::Narrow(&b), None).map_err(TestCaseError::fail)?;
            prop_assert!(FactBatch::new(vec![short, long]).is_err());
        }
    }
}
