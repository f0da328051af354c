//! Where a run's facts come from (a file read twice, or columns), and the parallel
//! CSV scan that folds rows into one state per worker.

use crate::run::facts::columns::{self, FactBatch};
use crate::run::facts::{scan, scan_chunk, BadRow, Chunk, CsvSource, FactsFormat, FieldTable, Row};
use std::io::Read;

/// Where a run's facts come from: read twice, each time folding every row into
/// states (one per worker) that the caller merges exactly.
pub(super) trait FactSource {
    fn pass<T: Send>(
        &mut self,
        table: &FieldTable,
        first_pass: bool,
        init: impl Fn() -> T + Sync,
        visit: impl Fn(&mut T, Result<Row<'_>, BadRow>) + Sync,
    ) -> Result<Vec<T>, String>;
}

/// A file (or bytes) opened once per pass; CSV is read on several threads.
pub(super) struct FileSource<F> {
    pub(super) format: FactsFormat,
    pub(super) open: F,
    pub(super) threads: usize,
    pub(super) chunk_bytes: usize,
}

impl<R: Read, F: FnMut() -> std::io::Result<R>> FactSource for FileSource<F> {
    fn pass<T: Send>(
        &mut self,
        table: &FieldTable,
        first_pass: bool,
        init: impl Fn() -> T + Sync,
        visit: impl Fn(&mut T, Result<Row<'_>, BadRow>) + Sync,
    ) -> Result<Vec<T>, String> {
        let reader = (self.open)().map_err(|e| e.to_string())?;
        if self.format == FactsFormat::Csv && self.threads > 1 {
            return scan_parallel(
                reader,
                table,
                (self.threads, self.chunk_bytes),
                first_pass,
                init,
                visit,
            );
        }
        let mut state = init();
        scan(self.format, reader, table, first_pass, |row| {
            visit(&mut state, row)
        })?;
        Ok(vec![state])
    }
}

/// Batches of columns, read in pieces by several threads.
pub(super) struct ColumnSource<'b, 'a> {
    pub(super) batches: &'b [FactBatch<'a>],
    pub(super) threads: usize,
}

impl FactSource for ColumnSource<'_, '_> {
    fn pass<T: Send>(
        &mut self,
        table: &FieldTable,
        first_pass: bool,
        init: impl Fn() -> T + Sync,
        visit: impl Fn(&mut T, Result<Row<'_>, BadRow>) + Sync,
    ) -> Result<Vec<T>, String> {
        let layout = columns::layout(self.batches, table)?;
        let workers = self.threads.min(layout.pieces.len()).max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = || {
            let mut state = init();
            loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(piece) = layout.pieces.get(k) else {
                    break;
                };
                columns::scan_piece(self.batches, &layout, piece, first_pass, &mut |row| {
                    visit(&mut state, row)
                });
            }
            state
        };
        if workers == 1 {
            return Ok(vec![work()]);
        }
        std::thread::scope(|sc| {
            let handles: Vec<_> = (0..workers).map(|_| sc.spawn(work)).collect();
            let mut states = Vec::with_capacity(workers);
            for h in handles {
                match h.join() {
                    Ok(state) => states.push(state),
                    Err(_) => return Err("a worker thread failed".to_string()),
                }
            }
            Ok(states)
        })
    }
}

/// Read a CSV on several threads: the calling thread cuts it into chunks of whole
/// records, each worker folds rows into its own state (made by `init`). The states
/// are merged by the caller exactly, so nothing depends on the thread count.
pub(super) fn scan_parallel<R: Read, T: Send>(
    reader: R,
    table: &FieldTable,
    (threads, chunk_bytes): (usize, usize),
    first_pass: bool,
    init: impl Fn() -> T + Sync,
    visit: impl Fn(&mut T, Result<Row<'_>, BadRow>) + Sync,
) -> Result<Vec<T>, String> {
    let Some(mut src) = CsvSource::open(reader, table)? else {
        return Ok(Vec::new());
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(threads * 2);
    let rx = std::sync::Mutex::new(rx);
    let layout = src.layout.clone();
    std::thread::scope(|sc| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (rx, layout, init, visit) = (&rx, &layout, &init, &visit);
                sc.spawn(move || {
                    let mut state = init();
                    loop {
                        let next = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => break,
                        };
                        let Ok(chunk) = next else { break };
                        let _ = scan_chunk(&chunk, layout, first_pass, &mut |row| {
                            visit(&mut state, row)
                        });
                    }
                    state
                })
            })
            .collect();
        let fed = feed(&mut src, &tx, chunk_bytes);
        drop(tx);
        let mut states = Vec::with_capacity(threads);
        for w in workers {
            match w.join() {
                Ok(state) => states.push(state),
                Err(_) => return Err("a worker thread failed".to_string()),
            }
        }
        fed.map(|()| states)
    })
}

pub(super) fn feed<R: Read>(
    src: &mut CsvSource<R>,
    tx: &std::sync::mpsc::SyncSender<Chunk>,
    chunk_bytes: usize,
) -> Result<(), String> {
    while let Some(chunk) = src.next_chunk(chunk_bytes)? {
        if tx.send(chunk).is_err() {
            break;
        }
    }
    Ok(())
}
