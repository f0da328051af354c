//! The `Plan` class: a validated KPI plan, made from JSON text, a dict or a file,
//! that scores actuals and opens what-if sessions.

use crate::actuals;
use crate::convert::{to_py, ToValue};
use crate::errors::{self, detached, input_error, plan_error};
use crate::results::PyResults;
use crate::text::{json_text, option_text};
use crate::what_if::PyWhatIf;
use attain::ErrorKind;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use serde_json::Value;
use std::path::PathBuf;

/// A validated KPI plan (销售KPI绩效考核表). Make one with `Plan.from_json`,
/// `Plan.from_dict` or `Plan.from_file`; an invalid plan raises `PlanError`.
#[pyclass(frozen, module = "attain", name = "Plan")]
#[derive(Clone)]
pub struct PyPlan {
    pub(crate) inner: attain::Plan,
}

impl PyPlan {
    fn from_core(py: Python<'_>, r: Result<attain::Plan, attain::Error>) -> PyResult<PyPlan> {
        r.map(|inner| PyPlan { inner })
            .map_err(|e| errors::to_py_err(py, &e))
    }
}

#[pymethods]
impl PyPlan {
    /// Parse and validate a plan from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<PyPlan> {
        let text = json_text(text, ErrorKind::Plan)?;
        let plan = detached(py, move || Ok(attain::Plan::from_json(&text)))?;
        Self::from_core(py, plan)
    }

    /// Validate a plan given as a dict (numbers as int, str, Decimal or float).
    #[staticmethod]
    fn from_dict(py: Python<'_>, plan: &Bound<'_, PyAny>) -> PyResult<PyPlan> {
        let mut reader = ToValue::new(false);
        let value = reader.value(plan, "", 0)?;
        if !reader.problems.is_empty() {
            return Err(plan_error(py, reader.problems));
        }
        let plan = detached(py, move || Ok(attain::Plan::from_value(&value)))?;
        Self::from_core(py, plan)
    }

    /// Read and validate a plan from a JSON file.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<PyPlan> {
        // A missing file is an OSError, as with open(); a file that is not UTF-8 is
        // JSON text that cannot be read: `invalid_json`, as from the CLI.
        let text = match String::from_utf8(std::fs::read(&path)?) {
            Ok(text) => text,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let problem = attain::Problem::new(
                    "",
                    attain::Code::InvalidJson,
                    format!("not valid JSON: the file is not UTF-8 text (byte {at})"),
                );
                return Err(plan_error(py, vec![problem]));
            }
        };
        let plan = detached(py, move || Ok(attain::Plan::from_json(&text)))?;
        Self::from_core(py, plan)
    }

    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    #[getter]
    fn version(&self) -> &str {
        self.inner.version()
    }

    /// Indicator ids in plan order.
    #[getter]
    fn indicator_ids(&self) -> Vec<&str> {
        self.inner.indicator_ids().collect()
    }

    /// Digits after the point of every result figure.
    #[getter]
    fn scale(&self) -> u32 {
        self.inner.scale()
    }

    /// The plan as JSON text (normalised: decimals as strings, defaults filled).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The plan as a dict (decimals as strings), e.g. to edit and re-validate.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value: Value = serde_json::from_str(&self.inner.to_json())
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        to_py(py, &value, false)
    }

    /// Score actuals: an input document (dict), a list of subject dicts, or a table
    /// (pandas / polars DataFrame, pyarrow Table or RecordBatch, anything with the
    /// Arrow PyCapsule interface) in wide or long layout.
    /// `strict=True` refuses binary floats (and so NaN); `float_digits=N` rounds
    /// floats half-even to N places (0 to 10) before reading them.
    #[pyo3(signature = (actuals, *, what_it_takes = false, strict = false, layout = None, float_digits = None))]
    fn score(
        &self,
        py: Python<'_>,
        actuals: &Bound<'_, PyAny>,
        what_it_takes: bool,
        strict: bool,
        layout: Option<&Bound<'_, PyString>>,
        float_digits: Option<i64>,
    ) -> PyResult<PyResults> {
        let floats = crate::floats::Floats::new(strict, float_digits)?;
        let layout = layout.map(option_text).transpose()?;
        actuals::score(
            py,
            &self.inner,
            actuals,
            what_it_takes,
            floats,
            layout.as_deref(),
        )
        .map(PyResults::new)
    }

    /// Score an input document given as JSON text; returns the canonical result text
    /// (the exact bytes every binding produces).
    fn score_json(&self, py: Python<'_>, input_json: &Bound<'_, PyString>) -> PyResult<String> {
        let plan = self.inner.clone();
        let text = json_text(input_json, ErrorKind::Input)?;
        detached(py, move || Ok(plan.score_json(&text)?))
    }

    /// A what-if session for one subject (a subject dict of the input format, or its
    /// JSON text): change actuals with `set` and re-score at once with `score`.
    /// Error paths point into the subject.
    fn what_if(&self, py: Python<'_>, subject: &Bound<'_, PyAny>) -> PyResult<PyWhatIf> {
        let session = if let Ok(text) = subject.cast::<PyString>() {
            attain::WhatIf::from_json(&self.inner, &json_text(text, ErrorKind::Input)?)
        } else {
            let mut reader = ToValue::new(false);
            let value = reader.value(subject, "", 0)?;
            if !reader.problems.is_empty() {
                return Err(input_error(py, reader.problems));
            }
            attain::WhatIf::from_value(&self.inner, &value)
        };
        session
            .map(PyWhatIf::new)
            .map_err(|e| errors::to_py_err(py, &e))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let r = |s: &str| -> PyResult<String> { Ok(PyString::new(py, s).repr()?.to_string()) };
        let ids = PyList::new(py, self.inner.indicator_ids())?
            .repr()?
            .to_string();
        Ok(format!(
            "Plan(id={}, version={}, name={}, indicators={ids})",
            r(self.inner.id())?,
            r(self.inner.version())?,
            r(self.inner.name())?
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.get_type().getattr("from_json")?;
        Ok((from_json, (slf.get().inner.to_json(),)))
    }
}

/// The JSON Schema of a plan document, as a dict.
#[pyfunction]
pub fn plan_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &attain::plan_schema(), false)
}
