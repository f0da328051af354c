//! `attain::Error` → `attain.PlanError` / `attain.InputError` (classes defined in
//! `attain/_errors.py`), each with `.kind` and `.problems`; and a guard so that no
//! panic ever reaches Python as a `PanicException` ([`detached`] runs core work with
//! the GIL released under that guard).

use attain::{Error, ErrorKind, Problem};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple, PyType};
use std::panic::{catch_unwind, AssertUnwindSafe};

static PLAN_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INPUT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static BASE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn raise(
    py: Python<'_>,
    class: PyResult<&Bound<'_, PyType>>,
    message: String,
    kind: &str,
    problems: &[(&str, &str, &str)],
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let list = PyList::empty(py);
        for p in problems {
            list.append(PyTuple::new(py, [p.0, p.1, p.2])?)?;
        }
        let instance = class?.call1((message.as_str(), kind, list))?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}

/// The Python exception for a core error.
pub fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    let class = match e.kind() {
        ErrorKind::Plan => PLAN_ERROR.import(py, "attain._errors", "PlanError"),
        ErrorKind::Input => INPUT_ERROR.import(py, "attain._errors", "InputError"),
    };
    let problems: Vec<(&str, &str, &str)> = e
        .problems()
        .iter()
        .map(|p| (p.path.as_str(), p.code.as_str(), p.message.as_str()))
        .collect();
    raise(py, class, e.to_string(), e.kind().as_str(), &problems)
}

/// An input error made of problems found while converting Python data.
pub fn input_error(py: Python<'_>, problems: Vec<Problem>) -> PyErr {
    to_py_err(py, &Error::Input(problems))
}

/// A plan error made of problems found while converting Python data.
pub fn plan_error(py: Python<'_>, problems: Vec<Problem>) -> PyErr {
    to_py_err(py, &Error::Plan(problems))
}

/// What a caught panic becomes: `attain.Error` with kind `internal`.
pub struct Panicked(pub String);

/// Run `f`, turning a panic into [`Panicked`] (the core is written not to panic;
/// this is the last line of defence so that none crosses into Python).
pub fn guard<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let text = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Panicked(text)
    })
}

impl Panicked {
    pub fn into_py_err(self, py: Python<'_>) -> PyErr {
        let message = format!("internal error in attain (please report it): {}", self.0);
        match BASE_ERROR.import(py, "attain._errors", "Error") {
            Ok(class) => raise(
                py,
                Ok(class),
                message.clone(),
                "internal",
                &[("", "internal", message.as_str())],
            ),
            Err(_) => PyRuntimeError::new_err(message),
        }
    }
}

/// Errors of one call: from the core, from conversion, or a caught panic.
pub enum Failure {
    Core(Error),
    Panic(Panicked),
    Py(PyErr),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Core(e)
    }
}

impl From<Panicked> for Failure {
    fn from(p: Panicked) -> Self {
        Failure::Panic(p)
    }
}

impl From<PyErr> for Failure {
    fn from(e: PyErr) -> Self {
        Failure::Py(e)
    }
}

impl Failure {
    pub fn into_py_err(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Core(e) => to_py_err(py, &e),
            Failure::Panic(p) => p.into_py_err(py),
            Failure::Py(e) => e,
        }
    }
}

/// Run core work with the GIL released, turning a panic into `attain.Error`.
pub fn detached<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, Failure> + Send,
) -> PyResult<T> {
    let outcome = py.detach(|| match guard(f) {
        Ok(r) => r,
        Err(p) => Err(Failure::Panic(p)),
    });
    outcome.map_err(|f| f.into_py_err(py))
}
