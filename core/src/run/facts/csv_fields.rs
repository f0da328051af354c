//! Fields of a CSV record: commas found 8 bytes at a time, the named fields picked
//! out, and rows emitted to the visitor.

use super::{BadRow, Row, MAX_FACT_FIELDS};
use crate::util::hash::{hash64, word};

/// Where the named fields are in a CSV file's rows.
#[derive(Clone)]
pub(crate) struct CsvLayout {
    pub(super) columns: Vec<Option<usize>>,
    pub(super) width: usize,
    /// The id: its field in the table and its column in the file.
    pub(super) id: Option<(usize, usize)>,
}

/// Scratch space for splitting records.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(super) owned: Vec<String>,
    pub(super) ranges: Vec<(usize, usize)>,
}

/// The commas among eight bytes: the high bit of each byte that is one. A byte of
/// `v` is zero exactly where the text has a comma; `t`'s high bit is set in every
/// non-zero byte (no carry crosses bytes, so no byte is marked by its neighbour).
pub(super) fn commas_in(c: &[u8]) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const COMMAS: u64 = 0x2C2C_2C2C_2C2C_2C2C;
    let v = word(c) ^ COMMAS;
    let t = ((v & LOW7).wrapping_add(LOW7)) | v;
    !t & !LOW7
}

/// The field ranges of a record without quotes: commas found eight bytes at a
/// time (commas come every few bytes, where a byte search per comma loses).
pub(super) fn split_commas(b: &[u8], ranges: &mut Vec<(usize, usize)>) {
    let mut from = 0;
    let mut chunks = b.chunks_exact(8);
    let mut base = 0;
    for c in &mut chunks {
        let mut commas = commas_in(c);
        while commas != 0 {
            let at = base + (commas.trailing_zeros() / 8) as usize;
            ranges.push((from, at));
            from = at + 1;
            commas &= commas - 1;
        }
        base += 8;
    }
    for (k, &byte) in chunks.remainder().iter().enumerate() {
        if byte == b',' {
            ranges.push((from, base + k));
            from = base + k + 1;
        }
    }
    ranges.push((from, b.len()));
}

/// How many commas a text holds, eight bytes at a time.
pub(super) fn count_commas(b: &[u8]) -> usize {
    let mut chunks = b.chunks_exact(8);
    let n = chunks
        .by_ref()
        .fold(0usize, |n, c| n + commas_in(c).count_ones() as usize);
    n + chunks.remainder().iter().filter(|&&b| b == b',').count()
}

/// Split one record into field ranges (within the record's text).
pub(super) fn split_fields(
    text: &str,
    quoted: bool,
    out: &mut Vec<String>,
    ranges: &mut Vec<(usize, usize)>,
) -> Result<(), String> {
    ranges.clear();
    out.clear();
    if !quoted {
        split_commas(text.as_bytes(), ranges);
        return Ok(());
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rec = csv::StringRecord::new();
    match rdr.read_record(&mut rec) {
        Ok(true) => {
            out.extend(rec.iter().map(str::to_string));
            Ok(())
        }
        Ok(false) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// The first pass's view of a record without quotes: its content hash (of the
/// record's text, which is its own canonical form), the number of fields and the
/// id alone (the other fields are not split out).
pub(super) fn index_fields(
    text: &str,
    line: u64,
    layout: &CsvLayout,
    visit: &mut dyn FnMut(Result<Row<'_>, BadRow>),
) {
    if count_commas(text.as_bytes()) + 1 != layout.width {
        visit(Err(BadRow { line }));
        return;
    }
    let mut fields: [Option<&str>; MAX_FACT_FIELDS] = [None; MAX_FACT_FIELDS];
    if let Some((f, c)) = layout.id {
        if let Some(slot) = fields.get_mut(f) {
            *slot = nth_field(text, c).filter(|v| !v.is_empty());
        }
    }
    visit(Ok(Row {
        line,
        fields: fields.get(..layout.columns.len()).unwrap_or(&[]),
        content: hash64(&[text.as_bytes()], 0),
    }));
}

/// Field `c` (from 0) of a record without quotes.
pub(super) fn nth_field(text: &str, c: usize) -> Option<&str> {
    let mut start = 0;
    let mut k = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == b',' {
            if k == c {
                return text.get(start..i);
            }
            k += 1;
            start = i + 1;
        }
    }
    if k == c {
        text.get(start..)
    } else {
        None
    }
}

/// Split one record and hand it to `visit` (or say why it cannot be read).
#[allow(clippy::too_many_arguments)]
pub(super) fn emit(
    bytes: &[u8],
    checked: Option<&str>,
    quoted: bool,
    line: u64,
    layout: &CsvLayout,
    scratch: &mut Scratch,
    first_pass: bool,
    visit: &mut dyn FnMut(Result<Row<'_>, BadRow>),
) {
    let Some(text) = checked.or_else(|| std::str::from_utf8(bytes).ok()) else {
        visit(Err(BadRow { line }));
        return;
    };
    if first_pass && !quoted {
        index_fields(text, line, layout, visit);
        return;
    }
    if split_fields(text, quoted, &mut scratch.owned, &mut scratch.ranges).is_err() {
        visit(Err(BadRow { line }));
        return;
    }
    let (owned, ranges) = (&scratch.owned, &scratch.ranges);
    let field = |i: usize| -> Option<&str> {
        if quoted {
            owned.get(i).map(String::as_str)
        } else {
            ranges.get(i).and_then(|&(a, b)| text.get(a..b))
        }
    };
    let count = if quoted { owned.len() } else { ranges.len() };
    if count != layout.width {
        visit(Err(BadRow { line }));
        return;
    }
    let content = if first_pass {
        // The record as it would be written without needless quotes: the same
        // text as an unquoted record with the same fields (see `index_fields`).
        let mut canonical = String::with_capacity(text.len());
        for i in 0..count {
            if i > 0 {
                canonical.push(',');
            }
            let f = field(i).unwrap_or("");
            if f.contains([',', '"', '\n', '\r']) {
                canonical.push('"');
                canonical.push_str(&f.replace('"', "\"\""));
                canonical.push('"');
            } else {
                canonical.push_str(f);
            }
        }
        hash64(&[canonical.as_bytes()], 0)
    } else {
        0
    };
    let mut fields: [Option<&str>; MAX_FACT_FIELDS] = [None; MAX_FACT_FIELDS];
    for (slot, c) in fields.iter_mut().zip(&layout.columns) {
        *slot = c.and_then(field).filter(|v| !v.is_empty());
    }
    visit(Ok(Row {
        line,
        fields: fields.get(..layout.columns.len()).unwrap_or(&[]),
        content,
    }));
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn commas_are_found_eight_bytes_at_a_time_as_one_by_one() {
        // Every text of up to 20 bytes over {a, ',', 0x2C ^ 0x80 neighbours, é}.
        let alphabet: [&[u8]; 5] = [b"a", b",", b"\xac", b"-", "é".as_bytes()];
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..7 {
            let longer: Vec<Vec<u8>> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |a| [t.as_slice(), a].concat()))
                .collect();
            texts.extend(longer.into_iter().filter(|t| t.len() <= 20));
            texts.sort();
            texts.dedup();
        }
        let mut ranges = Vec::new();
        for t in &texts {
            ranges.clear();
            split_commas(t, &mut ranges);
            let mut want = Vec::new();
            let mut from = 0;
            for (i, &b) in t.iter().enumerate() {
                if b == b',' {
                    want.push((from, i));
                    from = i + 1;
                }
            }
            want.push((from, t.len()));
            assert_eq!(ranges, want, "{t:?}");
            assert_eq!(count_commas(t), want.len() - 1, "{t:?}");
            if let Ok(text) = std::str::from_utf8(t) {
                for (c, &(a, b)) in want.iter().enumerate() {
                    assert_eq!(nth_field(text, c), text.get(a..b), "{t:?} field {c}");
                }
                assert_eq!(nth_field(text, want.len()), None);
            }
        }
        assert!(texts.len() > 10_000);
    }
}
