//! Where CSV records end: blocks of bytes cut into whole records (quote-aware), and
//! the records of one chunk.

use std::io::Read;

/// Reads CSV records from blocks of bytes. Rows without a quote character are split
/// on commas directly (the common case in CRM exports); a record with quotes is
/// handed to the `csv` crate. Both give the same fields.
pub(super) struct CsvBlocks<R: Read> {
    pub(super) reader: R,
    pub(super) buf: Vec<u8>,
    /// Start of the unread part of `buf`.
    pub(super) at: usize,
    pub(super) eof: bool,
    /// Physical lines consumed so far.
    pub(super) lines: u64,
    /// End of the bytes read into `buf`.
    pub(super) len: usize,
}

/// One record: its bytes (without the line end) and its first line number.
pub(super) struct Record {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) line: u64,
    pub(super) quoted: bool,
}

impl<R: Read> CsvBlocks<R> {
    const BLOCK: usize = 1 << 16;

    /// Read more bytes after the unread part (moved to the front). The buffer is
    /// zeroed only when it grows, not on every read.
    pub(super) fn fill(&mut self) -> Result<(), String> {
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
    pub(super) fn next(&mut self) -> Result<Option<Record>, String> {
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
pub(super) fn record_end(rest: &[u8], eof: bool, quote_free: bool) -> Option<(usize, bool)> {
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
pub(super) fn take(
    buf: &[u8],
    at: &mut usize,
    lines: &mut u64,
    end: usize,
    quoted: bool,
) -> Option<Record> {
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
pub(super) struct ChunkRecords<'b> {
    pub(super) buf: &'b [u8],
    pub(super) at: usize,
    pub(super) lines: u64,
    pub(super) quote_free: bool,
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
