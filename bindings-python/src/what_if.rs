//! The `WhatIf` class: one subject whose actuals change and are re-scored at once
//! (the core's `attain::WhatIf`, as in Node and the browser).

use crate::convert::{py_decimal, to_py, ToValue};
use crate::errors::{self, input_error};
use crate::text::input_name;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::Value;

/// One subject whose actuals change and are re-scored at once (no rank; *what it
/// takes* on). Made by `Plan.what_if(subject)`.
#[pyclass(module = "attain", name = "WhatIf")]
pub struct PyWhatIf {
    inner: attain::WhatIf,
}

impl PyWhatIf {
    pub fn new(inner: attain::WhatIf) -> PyWhatIf {
        PyWhatIf { inner }
    }
}

#[pymethods]
impl PyWhatIf {
    /// Set an indicator's actual (str, int or decimal.Decimal; a float by its
    /// shortest text), or clear it with None. A refused value changes nothing.
    /// Returns the session, so calls chain.
    fn set<'py>(
        mut slf: PyRefMut<'py, Self>,
        indicator: &Bound<'py, PyString>,
        value: &Bound<'py, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let py = slf.py();
        let indicator = input_name(indicator, "/actuals")?;
        let indicator = indicator.as_str();
        let mut reader = ToValue::new(false);
        let v = reader.value(value, &attain::pointer_join("/actuals", indicator), 0)?;
        if !reader.problems.is_empty() {
            return Err(input_error(py, reader.problems));
        }
        let text = match v {
            Value::Null => None,
            Value::String(s) => Some(s),
            other => Some(other.to_string()),
        };
        slf.inner
            .set(indicator, text.as_deref())
            .map_err(|e| errors::to_py_err(py, &e))?;
        Ok(slf)
    }

    /// The current actual of an indicator as `decimal.Decimal` (None: no data).
    fn actual<'py>(
        &self,
        py: Python<'py>,
        indicator: &Bound<'py, PyString>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.inner.actual(&input_name(indicator, "/actuals")?) {
            Ok(d) => d.map(|d| py_decimal(py, &d.to_string())).transpose(),
            Err(e) => Err(errors::to_py_err(py, &e)),
        }
    }

    /// The scorecard now, as a dict (decimals as `decimal.Decimal`).
    fn score<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value: Value = serde_json::from_str(&self.inner.card_json())
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        to_py(py, &value, true)
    }

    /// The scorecard now, as canonical JSON text.
    fn score_json(&self) -> String {
        self.inner.card_json()
    }

    /// The what-if preview (FORMAT.md "Preview": the figures a live view redraws)
    /// as JSON text.
    fn preview_json(&self) -> String {
        self.inner.preview_json()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let id = PyString::new(py, self.inner.subject_id()).repr()?;
        Ok(format!("WhatIf(subject={id})"))
    }
}
