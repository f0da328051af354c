//! A progress bar on stderr for long reads and writes (a facts file read twice, a
//! large demo being generated). It draws only when stderr is a terminal and the
//! work is large, and redraws only when the whole percent changes, so it costs one
//! addition and one comparison per chunk read.

use std::cell::Cell;
use std::io::{IsTerminal, Read, Write};
use std::rc::Rc;

/// Work below this many bytes is not worth a bar (~20 MB).
pub const MIN_BYTES: u64 = 20_000_000;

/// Shared state of one bar.
pub struct Bar {
    label: String,
    total: u64,
    done: Cell<u64>,
    shown: Cell<Option<u64>>,
    enabled: bool,
}

impl Bar {
    /// A bar over `total` units; drawn only when `worth_it` and stderr is a terminal.
    pub fn new(label: &str, total: u64, worth_it: bool) -> Rc<Bar> {
        Rc::new(Bar {
            label: label.to_string(),
            total: total.max(1),
            done: Cell::new(0),
            shown: Cell::new(None),
            enabled: worth_it && std::io::stderr().is_terminal(),
        })
    }

    /// Count `n` more units done.
    pub fn advance(&self, n: u64) {
        if !self.enabled {
            return;
        }
        let done = self.done.get().saturating_add(n).min(self.total);
        self.done.set(done);
        let percent = done.saturating_mul(100) / self.total;
        if self.shown.get() != Some(percent) {
            self.shown.set(Some(percent));
            self.draw(percent);
        }
    }

    fn draw(&self, percent: u64) {
        const WIDTH: u64 = 30;
        let filled = (percent * WIDTH / 100) as usize;
        let bar = format!(
            "\r{} [{}{}] {percent:>3}%",
            self.label,
            "#".repeat(filled),
            "-".repeat(WIDTH as usize - filled)
        );
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(bar.as_bytes());
        let _ = err.flush();
    }

    /// Clear the bar's line.
    pub fn finish(&self) {
        if self.enabled && self.shown.get().is_some() {
            let _ = std::io::stderr().write_all(b"\r\x1b[2K");
        }
    }

    /// A reader that reports its bytes to this bar.
    pub fn reader<R: Read>(self: &Rc<Bar>, inner: R) -> Counting<R> {
        Counting {
            inner,
            bar: Rc::clone(self),
        }
    }
}

/// A reader that advances a bar by the bytes it reads.
pub struct Counting<R> {
    inner: R,
    bar: Rc<Bar>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.advance(n as u64);
        Ok(n)
    }
}
