//! The pure-Python helper module `attain._glue`: what the Python ecosystem expects
//! around the core's types (pandas index and NaN handling, pyarrow / pandas / polars
//! exports, notebook HTML, ledger tables). No rule of the core is written there.

use pyo3::prelude::*;

/// The `attain._glue` module.
pub fn glue(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("attain._glue")
}

/// The `attain._run_glue` module: run documents as notebook users hold them (Plan
/// objects, tables of rows) and a run's outcome as tables and HTML.
pub fn run_glue(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("attain._run_glue")
}
