//! `attain::Error` → `attain.PlanError` / `attain.InputError` (classes defined in
//! `attain/_errors.py`), each with `.kind` and `.problems`; and a guard so that no
//! panic ever reaches Python as a `PanicException` ([`detached`] runs core work with
//! the GIL released under that guard).

use attain::{Error, ErrorKind, Problem};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple, PyType};
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

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

/// Guards running now, on any thread: while one runs, a panic in this library
/// prints nothing — on the guard's thread or on a thread it started (whose panic
/// the guard then reports as `attain.Error`), but also, rarely, an unguarded one on
/// another Python thread at that moment, which pyo3 still raises as
/// `PanicException` with its message (only the stderr line is lost).
static GUARDS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Where the last panic on this thread happened (`file:line`), for the message.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Install the panic hook (once per process, when the module is imported): silent
/// inside a [`guard`], which reports the panic as `attain.Error`; Rust's usual
/// message elsewhere (where pyo3 turns the panic into `PanicException`).
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDS.load(Ordering::SeqCst) > 0 {
                let place = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LAST_PANIC.with(|last| *last.borrow_mut() = place);
            } else {
                previous(info);
            }
        }));
    });
}

/// Run `f`, turning a panic into [`Panicked`] (the core is written not to panic;
/// this is the last line of defence so that none crosses into Python, and none
/// writes to stderr).
pub fn guard<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    GUARDS.fetch_add(1, Ordering::SeqCst);
    let outcome = catch_unwind(AssertUnwindSafe(f));
    GUARDS.fetch_sub(1, Ordering::SeqCst);
    outcome.map_err(|payload| {
        let text = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        match LAST_PANIC.with(|last| last.borrow_mut().take()) {
            Some(place) => Panicked(format!("{text} (at {place})")),
            None => Panicked(text),
        }
    })
}

/// `attain._attain._provoke_panic`: INTERNAL, for attain's own tests only (not part
/// of the API, may change or go at any time). Panics inside [`detached`], the path
/// every call into the core takes, so a test can check that a bug in the engine
/// reaches Python as `attain.Error` with kind `internal`, quietly. With
/// `on_thread=True` the panic happens on a thread the call started, as in the
/// core's parallel steps.
#[pyfunction]
#[pyo3(name = "_provoke_panic", signature = (on_thread = false))]
#[allow(clippy::panic)] // the point of this function
pub fn provoke_panic(py: Python<'_>, on_thread: bool) -> PyResult<()> {
    detached(py, move || {
        if on_thread {
            std::thread::scope(|scope| {
                scope.spawn(|| panic!("provoked on a worker thread (attain's own test)"));
            });
        }
        panic!("provoked (attain's own test)")
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

#[cfg(test)]
mod tests {
    use attain::Code;

    /// The codes of `CODES = (...)` in `python/attain/_errors.py`.
    fn python_codes(source: &str) -> Vec<String> {
        let start = source.find("CODES: tuple[str, ...] = (").unwrap_or(0);
        let rest = source.get(start..).unwrap_or("");
        let end = rest.find("\n)").unwrap_or(0);
        rest.get(..end)
            .unwrap_or("")
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn codes_match_the_core() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/python/attain/_errors.py");
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let mut core: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_string()).collect();
        core.push("internal".to_string());
        assert_eq!(
            python_codes(&source),
            core,
            "{path}: CODES differs from attain::Code::ALL"
        );
        assert_eq!(
            python_codes("CODES: tuple[str, ...] = (\n    \"a\", \"b\",\n)\n"),
            ["a", "b"]
        );
    }
}
