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
#[derive(Debug, Clone, Copy)]
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
            match record_end(rest, self.eof) {
                Some(cut) => {
                    if let Some(rec) = take(&mut self.at, &mut self.lines, cut) {
                        return Ok(Some(rec));
                    }
                }
                None if self.eof => return Ok(None),
                None => self.fill()?,
            }
        }
    }
}

/// Where a record ends: its content ends `end` bytes into the unread part, the next
/// record starts at `next`; `lines` physical lines were consumed; `quoted` when the
/// record holds a quote character (its fields are then read by the `csv` crate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cut {
    pub(super) end: usize,
    pub(super) next: usize,
    pub(super) quoted: bool,
    pub(super) lines: u64,
}

/// Where the next record of `rest` (the unread bytes) ends; None when more bytes
/// are needed (or, at the end, none are left).
///
/// The rules are the `csv` crate's (and Python's `csv`): a record ends at `\n`,
/// `\r\n` or a lone `\r`, outside quotes; a quote opens a quoted part only at the
/// start of a field (`iPad 11" case` is plain text), `""` inside one is a quote, and
/// text after its closing quote belongs to the same field; a quoted part left open
/// runs to the end of the file. A blank line is no record, but counts as a line.
pub(super) fn record_end(rest: &[u8], eof: bool) -> Option<Cut> {
    let Some(t) = memchr::memchr2(b'\n', b'\r', rest) else {
        if !eof || rest.is_empty() {
            return None;
        }
        if memchr::memchr(b'"', rest).is_some() {
            return quoted_record_end(rest, eof);
        }
        return Some(Cut {
            end: rest.len(),
            next: rest.len(),
            quoted: false,
            lines: 1,
        });
    };
    if memchr::memchr(b'"', rest.get(..t).unwrap_or(&[])).is_some() {
        return quoted_record_end(rest, eof);
    }
    line_end(rest, t, eof).map(|next| Cut {
        end: t,
        next,
        quoted: false,
        lines: 1,
    })
}

/// Where the record after the line end at `t` starts (`\r\n` is one line end);
/// None when `t` is a `\r` at the end of the bytes read so far.
fn line_end(rest: &[u8], t: usize, eof: bool) -> Option<usize> {
    match (rest.get(t), rest.get(t + 1)) {
        (Some(b'\r'), Some(b'\n')) => Some(t + 2),
        (Some(b'\r'), None) if !eof => None,
        _ => Some(t + 1),
    }
}

/// [`record_end`] for a record with a quote: byte by byte through the fields.
fn quoted_record_end(rest: &[u8], eof: bool) -> Option<Cut> {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        /// A quote inside a quoted part: it closes it, unless another follows.
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut lines = 0u64;
    for (i, &b) in rest.iter().enumerate() {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, b'\n') => {
                lines += 1;
                State::Quoted
            }
            (State::Quoted, b'\r') => {
                match rest.get(i + 1) {
                    Some(b'\n') => {}
                    None if !eof => return None,
                    _ => lines += 1,
                }
                State::Quoted
            }
            (State::Quoted, _) => State::Quoted,
            (State::FieldStart, b'"') | (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b',') => State::FieldStart,
            (_, b'\n' | b'\r') => {
                return line_end(rest, i, eof).map(|next| Cut {
                    end: i,
                    next,
                    quoted: true,
                    lines: lines + 1,
                })
            }
            (_, _) => State::Unquoted,
        };
    }
    (eof && !rest.is_empty()).then_some(Cut {
        end: rest.len(),
        next: rest.len(),
        quoted: true,
        lines: lines + 1,
    })
}

/// Physical lines in quote-free bytes: each `\n`, and each `\r` not followed by one.
pub(super) fn count_line_ends(bytes: &[u8]) -> u64 {
    let lf = memchr::memchr_iter(b'\n', bytes).count();
    let lone_cr = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .count();
    (lf + lone_cr) as u64
}

/// Take the record `cut` found at `*at`: advance `*at` and the physical line count;
/// None for a blank line (not a record).
pub(super) fn take(at: &mut usize, lines: &mut u64, cut: Cut) -> Option<Record> {
    let start = *at;
    let line = *lines + 1;
    *lines += cut.lines;
    *at = start + cut.next;
    (cut.end > 0).then_some(Record {
        start,
        end: start + cut.end,
        line,
        quoted: cut.quoted,
    })
}

/// The records of a quote-free chunk held in memory, with their line numbers.
pub(super) struct ChunkRecords<'b> {
    pub(super) buf: &'b [u8],
    pub(super) at: usize,
    pub(super) lines: u64,
}

impl Iterator for ChunkRecords<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            let rest = self.buf.get(self.at..)?;
            let cut = record_end(rest, true)?;
            if let Some(rec) = take(&mut self.at, &mut self.lines, cut) {
                return Some(rec);
            }
        }
    }
}
