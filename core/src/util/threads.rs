//! How many threads a parallel step uses.

use std::sync::OnceLock;

/// Most threads any step uses.
pub(crate) const MAX_THREADS: usize = 8;

/// The threads to use: the caller's number, else every core; at least 1, at most
/// [`MAX_THREADS`]. Results never depend on it.
pub(crate) fn count(requested: Option<usize>) -> usize {
    requested.unwrap_or_else(cores).clamp(1, MAX_THREADS)
}

/// The machine's cores, asked once per process: `available_parallelism` reads the
/// cgroup files each time, about a tenth of a small run's time.
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
