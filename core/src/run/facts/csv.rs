//! CSV facts: the header read once, then records scanned in one pass or cut into
//! chunks that workers scan in parallel.

use super::csv_fields::{emit, split_fields, CsvLayout, Scratch};
use super::csv_records::{count_line_ends, ChunkRecords, CsvBlocks, Record};
use super::{BadRow, FieldTable, Row, MAX_FACT_FIELDS};
use std::io::Read;

/// A CSV facts file whose header has been read: it yields its records in chunks
/// (whole records, with their line numbers) for workers to measure in parallel.
pub(crate) struct CsvSource<R: Read> {
    pub(super) blocks: CsvBlocks<R>,
    pub layout: CsvLayout,
}

/// Whole records copied out of a file in one piece: either every line from
/// `first_line` on (no quote anywhere: each line is a record or blank), or, where
/// quotes may carry records over line ends, the records one by one as the reader
/// found them (never found again in the copy, so a chunk's records are the same
/// records whatever the thread count).
pub(crate) struct Chunk {
    pub(super) bytes: Vec<u8>,
    pub(super) first_line: u64,
    /// Each record, within `bytes`, when the chunk was cut record by record.
    pub(super) records: Option<Vec<Record>>,
}

impl<R: Read> CsvSource<R> {
    /// Read the header. None for an empty file.
    pub fn open(reader: R, table: &FieldTable) -> Result<Option<CsvSource<R>>, String> {
        let mut blocks = CsvBlocks {
            reader,
            buf: Vec::new(),
            at: 0,
            eof: false,
            lines: 0,
            len: 0,
        };
        let Some(head) = blocks.next()? else {
            return Ok(None);
        };
        let head_text = std::str::from_utf8(&blocks.buf[head.start..head.end])
            .map_err(|_| "the CSV header is not valid UTF-8 text".to_string())?;
        // Excel's "CSV UTF-8" starts with a byte-order mark: not part of the first name.
        let head_text = head_text.strip_prefix('\u{feff}').unwrap_or(head_text);
        let mut scratch = Scratch::default();
        split_fields(
            head_text,
            head.quoted,
            &mut scratch.owned,
            &mut scratch.ranges,
        )?;
        let names: Vec<String> = if head.quoted {
            scratch.owned.clone()
        } else {
            scratch
                .ranges
                .iter()
                .filter_map(|&(a, b)| head_text.get(a..b).map(str::to_string))
                .collect()
        };
        if let Some(why) = table.missing_columns(names.iter().map(String::as_str)) {
            return Err(why);
        }
        let columns: Vec<Option<usize>> = table
            .names
            .iter()
            .map(|n| names.iter().position(|h| h == n))
            .collect();
        if columns.len() > MAX_FACT_FIELDS {
            return Err(format!(
                "the plans read {} fact fields, at most {MAX_FACT_FIELDS}",
                columns.len()
            ));
        }
        Ok(Some(CsvSource {
            blocks,
            layout: CsvLayout {
                id: table
                    .id
                    .and_then(|f| columns.get(f).copied().flatten().map(|c| (f, c))),
                columns,
                width: names.len(),
            },
        }))
    }

    /// Every remaining row, in order.
    pub fn scan(
        &mut self,
        first_pass: bool,
        visit: &mut dyn FnMut(Result<Row<'_>, BadRow>),
    ) -> Result<(), String> {
        let mut scratch = Scratch::default();
        while let Some(rec) = self.blocks.next()? {
            let bytes = self.blocks.buf.get(rec.start..rec.end).unwrap_or(&[]);
            emit(
                bytes,
                None,
                rec.quoted,
                rec.line,
                &self.layout,
                &mut scratch,
                first_pass,
                visit,
            );
        }
        Ok(())
    }

    /// The next chunk of about `target` bytes of whole records; None at the end.
    /// Without a quote in the bytes, the chunk is every line up to the last line
    /// end, copied at once; else the records are found one by one.
    pub fn next_chunk(&mut self, target: usize) -> Result<Option<Chunk>, String> {
        let b = &mut self.blocks;
        while !b.eof && b.len - b.at < target {
            b.fill()?;
        }
        let rest = b.buf.get(b.at..b.len).unwrap_or(&[]);
        if rest.is_empty() {
            return Ok(None);
        }
        let window = rest.get(..target).unwrap_or(rest);
        if memchr::memchr(b'"', window).is_none() {
            let cut = if b.eof && window.len() == rest.len() {
                Some(rest.len())
            } else {
                quote_free_cut(window, rest, b.eof)
            };
            if let Some(cut) = cut {
                let bytes = rest.get(..cut).unwrap_or(&[]).to_vec();
                let first_line = b.lines + 1;
                b.lines += count_line_ends(&bytes);
                b.at += cut;
                return Ok(Some(Chunk {
                    bytes,
                    first_line,
                    records: None,
                }));
            }
        }
        let mut chunk = Chunk {
            bytes: Vec::with_capacity(target + 1024),
            first_line: b.lines + 1,
            records: None,
        };
        let mut records = Vec::with_capacity(target / 48);
        while chunk.bytes.len() < target {
            let Some(rec) = b.next()? else {
                break;
            };
            let start = chunk.bytes.len();
            chunk
                .bytes
                .extend_from_slice(b.buf.get(rec.start..rec.end).unwrap_or(&[]));
            records.push(Record {
                start,
                end: chunk.bytes.len(),
                ..rec
            });
        }
        if records.is_empty() {
            return Ok(None);
        }
        chunk.records = Some(records);
        Ok(Some(chunk))
    }
}

/// Where to cut quote-free bytes after a whole line: after the last line end in
/// `window` (`\r\n` kept whole). None when there is none, or it is a `\r` whose
/// next byte is not read yet.
fn quote_free_cut(window: &[u8], rest: &[u8], eof: bool) -> Option<usize> {
    let p = memchr::memrchr2(b'\n', b'\r', window)?;
    match (rest.get(p), rest.get(p + 1)) {
        (Some(b'\r'), Some(b'\n')) => Some(p + 2),
        (Some(b'\r'), None) if !eof => None,
        _ => Some(p + 1),
    }
}

/// The rows of one chunk, in order, with their original line numbers. The chunk
/// is read where it lies; its text is checked as UTF-8 once (a record with bad
/// bytes is then found and refused on its own).
pub(crate) fn scan_chunk(
    chunk: &Chunk,
    layout: &CsvLayout,
    first_pass: bool,
    visit: &mut dyn FnMut(Result<Row<'_>, BadRow>),
) -> Result<(), String> {
    let text = std::str::from_utf8(&chunk.bytes).ok();
    let mut scratch = Scratch::default();
    let mut visit_record = |rec: Record| {
        let bytes = chunk.bytes.get(rec.start..rec.end).unwrap_or(&[]);
        let checked = text.and_then(|t| t.get(rec.start..rec.end));
        emit(
            bytes,
            checked,
            rec.quoted,
            rec.line,
            layout,
            &mut scratch,
            first_pass,
            visit,
        );
    };
    match &chunk.records {
        Some(records) => records.iter().copied().for_each(&mut visit_record),
        None => ChunkRecords {
            buf: &chunk.bytes,
            at: 0,
            lines: chunk.first_line.saturating_sub(1),
        }
        .for_each(&mut visit_record),
    }
    Ok(())
}

pub(super) fn scan_csv<R: Read>(
    reader: R,
    table: &FieldTable,
    first_pass: bool,
    visit: &mut dyn FnMut(Result<Row<'_>, BadRow>),
) -> Result<(), String> {
    match CsvSource::open(reader, table)? {
        Some(mut src) => src.scan(first_pass, visit),
        None => Ok(()), // an empty file has no rows
    }
}
