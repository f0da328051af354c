//! How many threads a parallel step uses.

/// Most threads any step uses.
pub(crate) const MAX_THREADS: usize = 8;

/// The threads to use: the caller's number, else every core; at least 1, at most
/// [`MAX_THREADS`]. Results never depend on it.
pub(crate) fn count(requested: Option<usize>) -> usize {
    requested
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, MAX_THREADS)
}
