//! The `Results` class: the scorecards of one scoring run, sorted by subject id,
//! looked up by id and exported as dicts, the canonical JSON, or the summary table
//! (Arrow PyCapsule stream; pyarrow / pandas / polars through the glue).

use crate::errors::detached;
use crate::glue::glue;
use crate::interop::arrow::to_py::summary_stream;
use crate::plan::PyPlan;
use crate::scorecard::{summary, PyScorecard};
use crate::summary::{indicator_columns, FIXED_COLUMNS};
use crate::text::lookup_key;
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyList, PyString};
use std::sync::Arc;

/// The scorecards of one scoring run, sorted by subject id.
#[pyclass(frozen, module = "attain", name = "Results")]
pub struct PyResults {
    inner: Arc<attain::Results>,
}

impl PyResults {
    pub fn new(results: attain::Results) -> PyResults {
        PyResults {
            inner: Arc::new(results),
        }
    }

    fn position(&self, subject_id: &str) -> PyResult<usize> {
        self.inner
            .subjects()
            .binary_search_by(|c| c.id().cmp(subject_id))
            .map_err(|_| PyKeyError::new_err(subject_id.to_string()))
    }

    fn card(&self, index: usize) -> PyScorecard {
        PyScorecard::new(self.inner.clone(), index)
    }
}

#[pymethods]
impl PyResults {
    /// The plan these results were scored with.
    #[getter]
    fn plan(&self) -> PyPlan {
        PyPlan {
            inner: self.inner.plan().clone(),
        }
    }

    /// Subject ids, sorted.
    #[getter]
    fn subject_ids(&self) -> Vec<&str> {
        self.inner.subjects().iter().map(|c| c.id()).collect()
    }

    /// Column names of `to_dicts` / `to_arrow`.
    #[getter]
    fn columns(&self) -> Vec<String> {
        let mut cols: Vec<String> = FIXED_COLUMNS.iter().map(|c| c.to_string()).collect();
        cols.extend(indicator_columns(&self.inner));
        cols
    }

    fn __len__(&self) -> usize {
        self.inner.subjects().len()
    }

    fn __contains__(&self, subject_id: &Bound<'_, PyAny>) -> bool {
        match subject_id.cast::<PyString>() {
            Ok(s) => s
                .to_cow()
                .map(|s| self.position(&s).is_ok())
                .unwrap_or(false),
            Err(_) => false,
        }
    }

    fn __getitem__(&self, subject_id: &Bound<'_, PyString>) -> PyResult<PyScorecard> {
        Ok(self.card(self.position(&lookup_key(subject_id)?)?))
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cards: Vec<PyScorecard> = (0..self.inner.subjects().len())
            .map(|i| self.card(i))
            .collect();
        PyList::new(py, cards)?.try_iter().map(|i| i.into_any())
    }

    /// The explanation tree of one subject (the result JSON object, decimals as
    /// `decimal.Decimal`), including `next` when scored with `what_it_takes=True`.
    fn explain<'py>(
        &self,
        py: Python<'py>,
        subject_id: &Bound<'_, PyString>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let i = self.position(&lookup_key(subject_id)?)?;
        self.card(i).explain(py)
    }

    /// The canonical result document as JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let results = self.inner.clone();
        detached(py, move || Ok(results.to_json()))
    }

    /// One dict per subject: id, status, total, rating, rank, payout, flags and one
    /// key per indicator score (decimals as `decimal.Decimal`).
    fn to_dicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for card in self.inner.subjects() {
            list.append(summary(py, &self.inner, card)?)?;
        }
        Ok(list)
    }

    /// Arrow PyCapsule interface: the summary table (decimal128 at the plan's scale).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        summary_stream(py, self.inner.clone(), requested_schema)
    }

    /// The summary table as a `pyarrow.Table`.
    fn to_arrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        glue(slf.py())?.call_method1("to_arrow", (slf,))
    }

    /// The summary table as a `pandas.DataFrame` (decimals as `decimal.Decimal`).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        glue(slf.py())?.call_method1("to_pandas", (slf,))
    }

    /// The summary table as a `polars.DataFrame` (decimal columns).
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        glue(slf.py())?.call_method1("to_polars", (slf,))
    }

    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        glue(slf.py())?.call_method1("results_html", (slf,))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        glue(slf.py())?
            .call_method1("results_repr", (slf,))?
            .extract()
    }
}
