//! Fact rows from CSV or JSON Lines, read one at a time: only the fields the plans
//! name are looked at; numbers stay text until a measure reads them exactly.

use std::collections::HashMap;
use std::hash::Hasher;
use std::io::Read;

/// The format of a facts file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactsFormat {
    /// Comma-separated, with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

impl FactsFormat {
    /// `csv`, `jsonl` / `ndjson` / `json`.
    pub fn from_name(name: &str) -> Option<FactsFormat> {
        match name.to_ascii_lowercase().as_str() {
            "csv" => Some(FactsFormat::Csv),
            "jsonl" | "ndjson" | "json" | "jsonlines" => Some(FactsFormat::JsonLines),
            _ => None,
        }
    }

    /// The format a file's name implies: `.csv`, or `.jsonl` / `.ndjson` / `.json`
    /// (any case); `None` when the extension says neither.
    pub fn from_path(path: &std::path::Path) -> Option<FactsFormat> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(FactsFormat::from_name)
    }
}

/// The field names a run reads, each with a position.
#[derive(Debug, Default)]
pub(crate) struct FieldTable {
    pub names: Vec<String>,
    pub index: HashMap<String, usize>,
    /// The id field: the only one the first pass (the id index) reads.
    pub id: Option<usize>,
}

impl FieldTable {
    pub fn intern(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), self.names.len() - 1);
        self.names.len() - 1
    }
}

/// One row: its line and the named fields (None when absent or empty).
pub(crate) struct Row<'a> {
    pub line: u64,
    pub fields: &'a [Option<&'a str>],
    /// A hash of the whole row's content (every field, not only the named ones).
    pub content: u64,
}

impl Row<'_> {
    pub fn get(&self, field: usize) -> Option<&str> {
        self.fields.get(field).copied().flatten()
    }
}

/// A row that could not be read at all.
pub(crate) struct BadRow {
    pub line: u64,
}

/// A fast, deterministic 64-bit hash (multiply-fold over 8-byte words). Used for
/// fact ids (two seeds make a 128-bit key) and row contents; not exposed to users.
pub(crate) fn hash64(parts: &[&[u8]], seed: u64) -> u64 {
    let mut h = Hash64::new(seed);
    for p in parts {
        h.bytes(p);
    }
    h.finish()
}

#[derive(Clone, Copy)]
pub(crate) struct Hash64(u64);

/// Eight bytes as a little-endian word.
fn word(c: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(c);
    u64::from_le_bytes(w)
}

/// Fewer than eight bytes as a little-endian word (a loop, not a `memcpy` call).
fn tail(rest: &[u8]) -> u64 {
    rest.iter()
        .enumerate()
        .fold(0, |w, (k, &b)| w | u64::from(b) << (8 * k))
}

/// Two 64-bit hashes of the same bytes with two seeds, in one pass: a 128-bit key.
pub(crate) fn hash128(b: &[u8]) -> u128 {
    let (mut h1, mut h2) = (Hash64::new(1), Hash64::new(2));
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = word(c);
        h1.mix(w);
        h2.mix(w);
    }
    let last = tail(chunks.remainder()) ^ ((b.len() as u64) << 56);
    h1.mix(last);
    h2.mix(last);
    (u128::from(h1.finish()) << 64) | u128::from(h2.finish())
}

impl Hash64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    pub fn new(seed: u64) -> Hash64 {
        Hash64(seed ^ 0x243F_6A88_85A3_08D3)
    }

    fn mix(&mut self, w: u64) {
        let x = (self.0 ^ w).wrapping_mul(Self::K);
        self.0 = x.rotate_left(29) ^ (x >> 32);
    }

    pub fn bytes(&mut self, b: &[u8]) {
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            self.mix(word(c));
        }
        // The length separates fields ("ab","c" from "a","bc").
        self.mix(tail(chunks.remainder()) ^ ((b.len() as u64) << 56));
    }

    pub fn finish(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        x ^= x >> 33;
        x
    }
}

/// A fast hasher for short strings (subject ids, distinct values).
#[derive(Clone, Copy)]
pub(crate) struct StrHasher(Hash64);

impl Default for StrHasher {
    fn default() -> Self {
        StrHasher(Hash64::new(7))
    }
}

impl Hasher for StrHasher {
    fn finish(&self) -> u64 {
        self.0.finish()
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.bytes(bytes);
    }
}

pub(crate) type StrBuild = std::hash::BuildHasherDefault<StrHasher>;

/// Most fields a run may read from a fact (the plans' named fields).
pub const MAX_FACT_FIELDS: usize = 64;

/// Read every row, calling `visit` with each (or with why it could not be read).
/// In the `first_pass` (the id index) a row carries its content hash and its id
/// alone; in the second, every named field and no content hash.
pub(crate) fn scan<R: Read>(
    format: FactsFormat,
    reader: R,
    table: &FieldTable,
    first_pass: bool,
    mut visit: impl FnMut(Result<Row<'_>, BadRow>),
) -> Result<(), String> {
    match format {
        FactsFormat::Csv => scan_csv(reader, table, first_pass, &mut visit),
        FactsFormat::JsonLines => scan_jsonl(reader, table, &mut visit),
    }
}

/// Reads CSV records from blocks of bytes. Rows without a quote character are split
/// on commas directly (the common case in CRM exports); a record with quotes is
/// handed to the `csv` crate. Both give the same fields.
struct CsvBlocks<R: Read> {
    reader: R,
    buf: Vec<u8>,
    /// Start of the unread part of `buf`.
    at: usize,
    eof: bool,
    /// Physical lines consumed so far.
    lines: u64,
    /// End of the bytes read into `buf`.
    len: usize,
}

/// One record: its bytes (without the line end) and its first line number.
struct Record {
    start: usize,
    end: usize,
    line: u64,
    quoted: bool,
}

impl<R: Read> CsvBlocks<R> {
    const BLOCK: usize = 1 << 16;

    /// Read more bytes after the unread part (moved to the front). The buffer is
    /// zeroed only when it grows, not on every read.
    fn fill(&mut self) -> Result<(), String> {
        if self.at > 0 {
            self.buf.copy_within(self.at..self.len, 0);
            self.len -= self.at;
            self.at = 0;
        }
        if self.len == self.buf.len() {
            // A zeroed allocation (calloc), then the unread bytes.
            let mut bigger = vec![0u8; self.buf.len() * 2 + Self::BLOCK];
            if let (Some(dst), Some(src)) = (bigger.get_mut(..self.len), self.buf.get(..self.len)) {
                dst.copy_from_slice(src);
            }
            self.buf = bigger;
        }
        let n = self
            .reader
            .read(&mut self.buf[self.len..])
            .map_err(|e| format!("the facts cannot be read: {e}"))?;
        self.len += n;
        if n == 0 {
            self.eof = true;
        }
        Ok(())
    }

    /// The next record, or None at the end.
    fn next(&mut self) -> Result<Option<Record>, String> {
        loop {
            let rest = self.buf.get(self.at..self.len).unwrap_or(&[]);
            match record_end(rest, self.eof, false) {
                Some((end, quoted)) => {
                    let buf = self.buf.get(..self.len).unwrap_or(&[]);
                    if let Some(rec) = take(buf, &mut self.at, &mut self.lines, end, quoted) {
                        return Ok(Some(rec));
                    }
                }
                None if self.eof => return Ok(None),
                None => self.fill()?,
            }
        }
    }
}

/// Where the next record of `rest` (the unread bytes) ends, and whether it holds
/// quotes; None when more bytes are needed (or, at the end, none are left). A
/// record ends at a newline, unless an open quote carries it over the line end.
fn record_end(rest: &[u8], eof: bool, quote_free: bool) -> Option<(usize, bool)> {
    if let Some(nl) = memchr::memchr(b'\n', rest) {
        if quote_free || memchr::memchr(b'"', rest.get(..nl).unwrap_or(&[])).is_none() {
            return Some((nl, false));
        }
        let mut quotes = 0usize;
        let mut from = 0;
        while let Some(nl) = memchr::memchr(b'\n', rest.get(from..).unwrap_or(&[])) {
            let line = rest.get(from..from + nl).unwrap_or(&[]);
            quotes += memchr::memchr_iter(b'"', line).count();
            if quotes.is_multiple_of(2) {
                return Some((from + nl, true));
            }
            from += nl + 1;
        }
    }
    if eof && !rest.is_empty() {
        return Some((rest.len(), rest.contains(&b'"')));
    }
    None
}

/// Take the record that ends `end` bytes after `*at` in `buf`: advance `*at` and the
/// physical line count; None for a blank line (not a record).
fn take(buf: &[u8], at: &mut usize, lines: &mut u64, end: usize, quoted: bool) -> Option<Record> {
    let start = *at;
    let mut stop = start + end;
    let physical = if quoted {
        1 + memchr::memchr_iter(b'\n', buf.get(start..stop).unwrap_or(&[])).count() as u64
    } else {
        1
    };
    let line = *lines + 1;
    *lines += physical;
    *at = (stop + 1).min(buf.len());
    if stop > start && buf.get(stop - 1) == Some(&b'\r') {
        stop -= 1;
    }
    (stop > start).then_some(Record {
        start,
        end: stop,
        line,
        quoted,
    })
}

/// The records of a chunk held in memory, with their line numbers.
struct ChunkRecords<'b> {
    buf: &'b [u8],
    at: usize,
    lines: u64,
    quote_free: bool,
}

impl Iterator for ChunkRecords<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            let rest = self.buf.get(self.at..)?;
            let (end, quoted) = record_end(rest, true, self.quote_free)?;
            if let Some(rec) = take(self.buf, &mut self.at, &mut self.lines, end, quoted) {
                return Some(rec);
            }
        }
    }
}

/// The commas among eight bytes: the high bit of each byte that is one. A byte of
/// `v` is zero exactly where the text has a comma; `t`'s high bit is set in every
/// non-zero byte (no carry crosses bytes, so no byte is marked by its neighbour).
fn commas_in(c: &[u8]) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const COMMAS: u64 = 0x2C2C_2C2C_2C2C_2C2C;
    let v = word(c) ^ COMMAS;
    let t = ((v & LOW7).wrapping_add(LOW7)) | v;
    !t & !LOW7
}

/// The field ranges of a record without quotes: commas found eight bytes at a
/// time (commas come every few bytes, where a byte search per comma loses).
fn split_commas(b: &[u8], ranges: &mut Vec<(usize, usize)>) {
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
fn count_commas(b: &[u8]) -> usize {
    let mut chunks = b.chunks_exact(8);
    let n: usize = chunks
        .by_ref()
        .map(|c| commas_in(c).count_ones() as usize)
        .sum();
    n + chunks.remainder().iter().filter(|&&b| b == b',').count()
}

/// Split one record into field ranges (within the record's text).
fn split_fields(
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

/// Where the named fields are in a CSV file's rows.
#[derive(Clone)]
pub(crate) struct CsvLayout {
    columns: Vec<Option<usize>>,
    width: usize,
    /// The id: its field in the table and its column in the file.
    id: Option<(usize, usize)>,
}

/// A CSV facts file whose header has been read: it yields its records in chunks
/// (whole records, with their line numbers) for workers to measure in parallel.
pub(crate) struct CsvSource<R: Read> {
    blocks: CsvBlocks<R>,
    pub layout: CsvLayout,
}

/// Whole records copied out of a file in one piece: either every line from
/// `first_line` on (no quote anywhere: each line is a record or blank), or, where
/// quotes may carry records over line ends, the records one by one with their
/// line numbers.
pub(crate) struct Chunk {
    bytes: Vec<u8>,
    first_line: u64,
    /// The first line of each record, when the chunk was cut record by record.
    lines: Option<Vec<u64>>,
}

/// Scratch space for splitting records.
#[derive(Default)]
pub(crate) struct Scratch {
    owned: Vec<String>,
    ranges: Vec<(usize, usize)>,
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
                memchr::memrchr(b'\n', window).map(|nl| nl + 1)
            };
            if let Some(cut) = cut {
                let bytes = rest.get(..cut).unwrap_or(&[]).to_vec();
                let first_line = b.lines + 1;
                b.lines += memchr::memchr_iter(b'\n', &bytes).count() as u64;
                b.at += cut;
                return Ok(Some(Chunk {
                    bytes,
                    first_line,
                    lines: None,
                }));
            }
        }
        let mut chunk = Chunk {
            bytes: Vec::with_capacity(target + 1024),
            first_line: b.lines + 1,
            lines: None,
        };
        let mut lines = Vec::with_capacity(target / 48);
        while chunk.bytes.len() < target {
            let Some(rec) = b.next()? else {
                break;
            };
            chunk
                .bytes
                .extend_from_slice(b.buf.get(rec.start..rec.end).unwrap_or(&[]));
            chunk.bytes.push(b'\n');
            lines.push(rec.line);
        }
        if lines.is_empty() {
            return Ok(None);
        }
        chunk.lines = Some(lines);
        Ok(Some(chunk))
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
    let records = ChunkRecords {
        buf: &chunk.bytes,
        at: 0,
        lines: chunk.first_line.saturating_sub(1),
        quote_free: chunk.lines.is_none(),
    };
    let mut scratch = Scratch::default();
    for (k, rec) in records.enumerate() {
        let line = match &chunk.lines {
            Some(lines) => lines.get(k).copied().unwrap_or(rec.line),
            None => rec.line,
        };
        let bytes = chunk.bytes.get(rec.start..rec.end).unwrap_or(&[]);
        let checked = text.and_then(|t| t.get(rec.start..rec.end));
        emit(
            bytes,
            checked,
            rec.quoted,
            line,
            layout,
            &mut scratch,
            first_pass,
            visit,
        );
    }
    Ok(())
}

/// The first pass's view of a record without quotes: its content hash (of the
/// record's text, which is its own canonical form), the number of fields and the
/// id alone (the other fields are not split out).
fn index_fields(
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
fn nth_field(text: &str, c: usize) -> Option<&str> {
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
fn emit(
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
            if f.contains([',', '"', '\n']) {
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

fn scan_csv<R: Read>(
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

/// The text of a JSON value as a fact field: strings as they are, numbers exactly
/// as written, booleans `true`/`false`, null absent.
fn json_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.is_empty() => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// A canonical text of a JSON value: object keys sorted, so that two rows with the
/// same fields in another order have the same content.
fn canonical(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for k in keys {
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(x) = m.get(k) {
                    canonical(x, out);
                }
                out.push(',');
            }
            out.push('}');
        }
        serde_json::Value::Array(a) => {
            out.push('[');
            for x in a {
                canonical(x, out);
                out.push(',');
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn scan_jsonl<R: Read>(
    reader: R,
    table: &FieldTable,
    visit: &mut dyn FnMut(Result<Row<'_>, BadRow>),
) -> Result<(), String> {
    use std::io::BufRead;
    let buf = std::io::BufReader::new(reader);
    let mut owned: Vec<Option<String>> = Vec::with_capacity(table.names.len());
    for (i, line) in buf.split(b'\n').enumerate() {
        let line_no = i as u64 + 1;
        let bytes =
            line.map_err(|e| format!("the facts cannot be read past line {line_no}: {e}"))?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            visit(Err(BadRow { line: line_no }));
            continue;
        };
        let text = if i == 0 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        if text.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            Ok(_) => {
                visit(Err(BadRow { line: line_no }));
                continue;
            }
            Err(_) => {
                visit(Err(BadRow { line: line_no }));
                continue;
            }
        };
        let mut canon = String::with_capacity(text.len());
        canonical(&value, &mut canon);
        let content = hash64(&[canon.as_bytes()], 0);
        owned.clear();
        owned.extend(table.names.iter().map(|n| value.get(n).and_then(json_text)));
        let fields: Vec<Option<&str>> = owned.iter().map(|o| o.as_deref()).collect();
        visit(Ok(Row {
            line: line_no,
            fields: &fields,
            content,
        }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_are_found_eight_bytes_at_a_time_as_one_by_one() {
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
