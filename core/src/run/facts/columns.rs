//! Facts given as columns of text, laid out as Arrow lays out a string column: one
//! buffer of UTF-8 text, offsets into it (one more than the rows), and an optional
//! validity bitmap. A binding hands over an Arrow table's columns without copying
//! them; nothing here depends on Arrow itself.
//!
//! Rows are numbered as the lines of the CSV file the table would be: the first
//! row of the first batch is line 2 (line 1 being the header), so a table read
//! from a CSV file without line breaks inside fields gives the very same result,
//! ledger included, as the file.

use crate::run::facts::{BadRow, FieldTable, Row, MAX_FACT_FIELDS};
use crate::util::hash::Hash64;

/// The offsets of a text column (`offsets[i]..offsets[i + 1]` is row `i`'s text):
/// Arrow's `Utf8` (32-bit) or `LargeUtf8` (64-bit).
#[derive(Debug, Clone, Copy)]
pub enum Offsets<'a> {
    /// 32-bit offsets.
    Narrow(&'a [i32]),
    /// 64-bit offsets.
    Wide(&'a [i64]),
}

impl Offsets<'_> {
    fn len(&self) -> usize {
        match self {
            Offsets::Narrow(o) => o.len(),
            Offsets::Wide(o) => o.len(),
        }
    }
}

/// One named column of text.
#[derive(Debug, Clone)]
pub struct TextColumn<'a> {
    name: String,
    text: &'a str,
    offsets: Offsets<'a>,
    /// Validity bits (least significant bit first) and the bit of row 0.
    valid: Option<(&'a [u8], usize)>,
}

impl<'a> TextColumn<'a> {
    /// A column from its parts. `text` must be UTF-8 as a whole; `validity`, when
    /// given, is a bitmap with row `i`'s bit at `bit_offset + i` (set: a value,
    /// clear: null). Offsets that fall outside the text or between the bytes of one
    /// character are not refused here: the rows they make are counted as unreadable.
    pub fn new(
        name: impl Into<String>,
        text: &'a [u8],
        offsets: Offsets<'a>,
        validity: Option<(&'a [u8], usize)>,
    ) -> Result<TextColumn<'a>, String> {
        let name = name.into();
        let text = std::str::from_utf8(text)
            .map_err(|e| format!("column {name:?} is not valid UTF-8 text: {e}"))?;
        if offsets.len() == 0 {
            return Err(format!("column {name:?} has no offsets"));
        }
        let rows = offsets.len() - 1;
        if let Some((bits, at)) = validity {
            if bits.len().saturating_mul(8) < at.saturating_add(rows) {
                return Err(format!("column {name:?}: the validity bitmap is too short"));
            }
        }
        Ok(TextColumn {
            name,
            text,
            offsets,
            valid: validity,
        })
    }

    /// The column's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How many rows it holds.
    pub fn rows(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Row `i`'s text: `Ok(None)` when null or empty, `Err` when its offsets do not
    /// cut the text at characters.
    fn get(&self, i: usize) -> Result<Option<&'a str>, ()> {
        if let Some((bits, at)) = self.valid {
            let bit = at + i;
            let set = bits.get(bit / 8).is_some_and(|b| b & (1 << (bit % 8)) != 0);
            if !set {
                return Ok(None);
            }
        }
        let (a, b) = match self.offsets {
            Offsets::Narrow(o) => match o.get(i..i + 2) {
                Some(&[a, b]) => (i64::from(a), i64::from(b)),
                _ => return Err(()),
            },
            Offsets::Wide(o) => match o.get(i..i + 2) {
                Some(&[a, b]) => (a, b),
                _ => return Err(()),
            },
        };
        let (Ok(a), Ok(b)) = (usize::try_from(a), usize::try_from(b)) else {
            return Err(());
        };
        if a == b && a <= self.text.len() {
            return Ok(None);
        }
        self.text.get(a..b).map(Some).ok_or(())
    }
}

/// One batch of rows: columns of equal length.
#[derive(Debug, Clone)]
pub struct FactBatch<'a> {
    columns: Vec<TextColumn<'a>>,
    rows: usize,
}

impl<'a> FactBatch<'a> {
    /// A batch from its columns, which must have distinct names and one length.
    pub fn new(columns: Vec<TextColumn<'a>>) -> Result<FactBatch<'a>, String> {
        let rows = columns.first().map_or(0, TextColumn::rows);
        for (i, c) in columns.iter().enumerate() {
            if c.rows() != rows {
                return Err(format!(
                    "column {:?} has {} rows, column {:?} has {rows}",
                    c.name,
                    c.rows(),
                    columns.first().map_or("", |f| f.name.as_str())
                ));
            }
            if columns.iter().take(i).any(|d| d.name == c.name) {
                return Err(format!("two columns are named {:?}", c.name));
            }
        }
        Ok(FactBatch { columns, rows })
    }

    /// How many rows it holds.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The names of its columns, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> + Clone {
        self.columns.iter().map(|c| c.name.as_str())
    }
}

/// A slice of one batch's rows, the unit a worker reads.
pub(crate) struct Piece {
    batch: usize,
    from: usize,
    to: usize,
    /// The line number of the batch's row 0.
    line0: u64,
}

/// Rows per piece handed to a worker.
const PIECE: usize = 1 << 15;

/// Where the named fields are in each batch, and the pieces to read.
pub(crate) struct Layout {
    columns: Vec<Vec<Option<usize>>>,
    /// The id field (the one field the first pass reads).
    id: Option<usize>,
    pub pieces: Vec<Piece>,
}

/// Check that the batches have the same columns, find the plans' fields in them,
/// and cut the rows into pieces.
pub(crate) fn layout(batches: &[FactBatch<'_>], table: &FieldTable) -> Result<Layout, String> {
    if table.names.len() > MAX_FACT_FIELDS {
        return Err(format!(
            "the plans read {} fact fields, at most {MAX_FACT_FIELDS}",
            table.names.len()
        ));
    }
    let mut columns = Vec::with_capacity(batches.len());
    let mut pieces = Vec::new();
    let mut line0 = 2u64;
    if let Some(first) = batches.first() {
        if let Some(why) = table.missing_columns(first.names()) {
            return Err(why);
        }
    }
    for (b, batch) in batches.iter().enumerate() {
        if let Some(first) = batches.first() {
            if !batch.names().eq(first.names()) {
                return Err(format!(
                    "batch {b} has other columns than batch 0 (every batch must have the same columns in the same order)"
                ));
            }
        }
        columns.push(
            table
                .names
                .iter()
                .map(|n| batch.columns.iter().position(|c| &c.name == n))
                .collect(),
        );
        let mut from = 0;
        while from < batch.rows {
            let to = (from + PIECE).min(batch.rows);
            pieces.push(Piece {
                batch: b,
                from,
                to,
                line0,
            });
            from = to;
        }
        line0 += batch.rows as u64;
    }
    Ok(Layout {
        columns,
        id: table.id,
        pieces,
    })
}

/// Hand each row of a piece to `visit` (or say it cannot be read).
pub(crate) fn scan_piece(
    batches: &[FactBatch<'_>],
    layout: &Layout,
    piece: &Piece,
    first_pass: bool,
    visit: &mut dyn FnMut(Result<Row<'_>, BadRow>),
) {
    let (Some(batch), Some(columns)) = (batches.get(piece.batch), layout.columns.get(piece.batch))
    else {
        return;
    };
    let mut fields: [Option<&str>; MAX_FACT_FIELDS] = [None; MAX_FACT_FIELDS];
    let id = layout.id;
    'rows: for i in piece.from..piece.to {
        let line = piece.line0 + i as u64;
        let mut content = 0;
        if first_pass {
            // As a CSV row's content: every field's text in order (null as empty).
            let mut h = Hash64::new(0);
            for c in &batch.columns {
                match c.get(i) {
                    Ok(v) => h.bytes(v.unwrap_or("").as_bytes()),
                    Err(()) => {
                        visit(Err(BadRow { line }));
                        continue 'rows;
                    }
                }
            }
            content = h.finish();
        }
        for (f, (slot, c)) in fields.iter_mut().zip(columns).enumerate() {
            if first_pass && id != Some(f) {
                continue; // the first pass reads the id alone
            }
            *slot = match c.and_then(|c| batch.columns.get(c)).map(|c| c.get(i)) {
                None => None,
                Some(Ok(v)) => v,
                Some(Err(())) => {
                    visit(Err(BadRow { line }));
                    continue 'rows;
                }
            };
        }
        visit(Ok(Row {
            line,
            fields: fields.get(..columns.len()).unwrap_or(&[]),
            content,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column<'a>(name: &str, text: &'a str, offsets: &'a [i32]) -> TextColumn<'a> {
        match TextColumn::new(name, text.as_bytes(), Offsets::Narrow(offsets), None) {
            Ok(c) => c,
            Err(e) => unreachable!("{e}"),
        }
    }

    #[test]
    fn values_nulls_and_bad_offsets() {
        let c = column("a", "x中y", &[0, 1, 1, 4, 5, 2, 9]);
        assert_eq!(c.rows(), 6);
        assert_eq!(c.get(0), Ok(Some("x")));
        assert_eq!(c.get(1), Ok(None)); // empty
        assert_eq!(c.get(2), Ok(Some("中")));
        assert_eq!(c.get(4), Err(())); // 5..2
        assert_eq!(c.get(3), Ok(Some("y")));
        let cut = column("b", "中", &[0, 1]);
        assert_eq!(cut.get(0), Err(())); // inside a character
        let bits = [0b0000_0100u8];
        let v = TextColumn::new("c", b"abc", Offsets::Wide(&[0, 1, 2, 3]), Some((&bits, 1)));
        let v = v.map_err(|e| e.to_string());
        assert!(
            matches!(&v, Ok(c) if c.get(0) == Ok(None) && c.get(1) == Ok(Some("b")) && c.get(2) == Ok(None))
        );
    }

    #[test]
    fn refuses_what_cannot_be_a_table() {
        assert!(TextColumn::new("a", &[0xff], Offsets::Narrow(&[0, 1]), None).is_err());
        assert!(TextColumn::new("a", b"", Offsets::Narrow(&[]), None).is_err());
        assert!(TextColumn::new("a", b"ab", Offsets::Narrow(&[0, 1, 2]), Some((&[1], 7))).is_err());
        let two = FactBatch::new(vec![column("a", "x", &[0, 1]), column("b", "", &[0, 0, 0])]);
        assert!(two.is_err());
        let same = FactBatch::new(vec![column("a", "x", &[0, 1]), column("a", "y", &[0, 1])]);
        assert!(same.is_err());
    }
}
