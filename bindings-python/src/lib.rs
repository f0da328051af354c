//! attain for Python: the extension module `attain._attain`.
//!
//! A phrasebook: convert Python values to the core's types, call the core, convert
//! back, map errors. Every rule lives in the `attain` crate. The pure-Python package
//! `attain/` re-exports these classes and holds the pandas / polars / HTML glue.
//! This file only registers the module; each class and concern has its own file.

mod actuals;
mod convert;
mod errors;
mod floats;
mod glue;
mod interop;
mod plan;
mod results;
mod run;
mod scaled;
mod scorecard;
mod summary;
mod text;
mod what_if;

use pyo3::prelude::*;

/// mimalloc: scoring a large table makes millions of small allocations (one input and
/// one scorecard per subject), where glibc's allocator is the bottleneck.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[pymodule]
fn _attain(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<plan::PyPlan>()?;
    m.add_class::<results::PyResults>()?;
    m.add_class::<scorecard::PyScorecard>()?;
    m.add_class::<run::PyRun>()?;
    m.add_class::<what_if::PyWhatIf>()?;
    m.add_function(wrap_pyfunction!(plan::plan_schema, m)?)?;
    m.add_function(wrap_pyfunction!(run::run, m)?)?;
    m.add_function(wrap_pyfunction!(run::run_json, m)?)?;
    m.add_function(wrap_pyfunction!(errors::provoke_panic, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::install_panic_hook();
    Ok(())
}
