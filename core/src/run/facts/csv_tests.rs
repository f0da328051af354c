//! The CSV reader against the `csv` crate on generated files: the same records and
//! fields, and the same rows (with the same lines) whether the file is read in one
//! pass or cut into chunks of any size, as the parallel reader does.

use super::csv::{scan_chunk, CsvSource};
use super::{BadRow, FieldTable, Row};
use proptest::prelude::*;

/// What a reader made of one row: its line and its fields, or a bad row's line.
type Seen = (u64, Result<Vec<Option<String>>, ()>);

fn table() -> FieldTable {
    let mut t = FieldTable::default();
    for n in ["a", "b", "c"] {
        t.intern(n);
    }
    t
}

fn keep(out: &mut Vec<Seen>) -> impl FnMut(Result<Row<'_>, BadRow>) + '_ {
    |row| {
        out.push(match row {
            Ok(r) => (
                r.line,
                Ok(r.fields.iter().map(|f| f.map(str::to_string)).collect()),
            ),
            Err(b) => (b.line, Err(())),
        })
    }
}

fn one_pass(text: &[u8]) -> Vec<Seen> {
    let mut out = Vec::new();
    let table = table();
    if let Ok(Some(mut src)) = CsvSource::open(text, &table) {
        let _ = src.scan(false, &mut keep(&mut out));
    }
    out
}

fn chunked(text: &[u8], target: usize) -> Vec<Seen> {
    let mut out = Vec::new();
    let table = table();
    if let Ok(Some(mut src)) = CsvSource::open(text, &table) {
        let layout = src.layout.clone();
        while let Ok(Some(chunk)) = src.next_chunk(target) {
            let _ = scan_chunk(&chunk, &layout, false, &mut keep(&mut out));
        }
    }
    out
}

/// The `csv` crate's rows (after the header), as this reader reports them: three
/// fields, empty ones as None, or a bad row.
fn reference(text: &[u8]) -> Vec<Result<Vec<Option<String>>, ()>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text);
    rdr.records()
        .map(|r| match r {
            Ok(rec) if rec.len() == 3 => Ok(rec
                .iter()
                .map(|f| (!f.is_empty()).then(|| f.to_string()))
                .collect()),
            _ => Err(()),
        })
        .collect()
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("a"),
        Just("bb"),
        Just(","),
        Just("\""),
        Just("\"\""),
        Just("\n"),
        Just("\r"),
        Just("\r\n"),
        Just("x,y,z\n"),
        Just("\"q,1\",r,s\r\n"),
        Just("iPad 11\" case,t,u\n"),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn records_fields_and_lines_match_the_csv_crate_in_one_pass_and_in_chunks(
        body in body(),
        target in 1usize..24,
    ) {
        let text = [b"a,b,c\n".as_slice(), &body].concat();
        let whole = one_pass(&text);
        let want = reference(&text);
        let got: Vec<_> = whole.iter().map(|(_, r)| r.clone()).collect();
        prop_assert_eq!(&got, &want, "{:?}", String::from_utf8_lossy(&text));
        prop_assert_eq!(chunked(&text, target), whole.clone(), "{:?}", String::from_utf8_lossy(&text));
        prop_assert_eq!(chunked(&text, 1 << 20), whole, "{:?}", String::from_utf8_lossy(&text));
    }
}

#[test]
fn a_stray_quote_inside_a_field_is_text_and_keeps_the_rows_after_it() {
    let text = b"a,b,c\n1,iPad 11\" case,x\n2,y,z\n3,\"q\"\"\",w\n";
    let rows = one_pass(text);
    let lines: Vec<u64> = rows.iter().map(|r| r.0).collect();
    assert_eq!(lines, [2, 3, 4]);
    assert_eq!(
        rows[0].1,
        Ok(vec![
            Some("1".into()),
            Some("iPad 11\" case".into()),
            Some("x".into())
        ])
    );
    assert_eq!(
        rows[2].1,
        Ok(vec![Some("3".into()), Some("q\"".into()), Some("w".into())])
    );
}

#[test]
fn a_lone_carriage_return_ends_a_line() {
    let text = b"a,b,c\r1,x,y\r\r2,z,w\r";
    let rows = one_pass(text);
    let lines: Vec<u64> = rows.iter().map(|r| r.0).collect();
    assert_eq!(lines, [2, 4]);
    assert!(rows.iter().all(|r| r.1.is_ok()));
    assert_eq!(chunked(text, 3), rows);
}

#[test]
fn an_open_quote_at_the_end_is_one_record_whatever_the_chunks() {
    let text = b"a,b,c\n1,x,y\n2,\"open\nstill,open\n";
    let rows = one_pass(text);
    assert_eq!(rows.len(), 2);
    assert_eq!(reference(text).len(), 2);
    for target in 1..text.len() {
        assert_eq!(chunked(text, target), rows, "chunks of {target}");
    }
}
