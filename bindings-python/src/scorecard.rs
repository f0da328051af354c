//! The `Scorecard` class: one subject's result (figures as `decimal.Decimal` at the
//! plan's scale), and the summary dict that is its row of `Results.to_dicts`.

use crate::convert::{py_decimal, py_decimal_at, to_py};
use crate::summary::{indicator_columns, indicator_scores};
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use std::sync::Arc;

/// The summary of one scorecard as a dict (the row of `to_dicts`).
pub fn summary<'py>(
    py: Python<'py>,
    results: &attain::Results,
    card: &attain::Scorecard,
) -> PyResult<Bound<'py, PyDict>> {
    let scale = results.plan().scale();
    let d = PyDict::new(py);
    d.set_item("id", card.id())?;
    d.set_item("status", card.status().as_str())?;
    d.set_item(
        "total",
        card.total()
            .map(|t| py_decimal_at(py, t, scale))
            .transpose()?,
    )?;
    d.set_item("rating", results.rating(card))?;
    d.set_item("rank", card.rank())?;
    d.set_item(
        "payout",
        card.payout()
            .map(|t| py_decimal_at(py, t, scale))
            .transpose()?,
    )?;
    d.set_item("flags", card.flags())?;
    let names = indicator_columns(results);
    for (name, score) in names.iter().zip(indicator_scores(results, card)) {
        d.set_item(name, score.map(|s| py_decimal(py, &s)).transpose()?)?;
    }
    Ok(d)
}

/// One subject's result.
#[pyclass(frozen, module = "attain", name = "Scorecard")]
pub struct PyScorecard {
    results: Arc<attain::Results>,
    index: usize,
}

impl PyScorecard {
    pub fn new(results: Arc<attain::Results>, index: usize) -> PyScorecard {
        PyScorecard { results, index }
    }

    fn get(&self) -> PyResult<&attain::Scorecard> {
        self.results
            .subjects()
            .get(self.index)
            .ok_or_else(|| PyKeyError::new_err(self.index))
    }

    fn scale(&self) -> u32 {
        self.results.plan().scale()
    }
}

#[pymethods]
impl PyScorecard {
    #[getter]
    fn id(&self) -> PyResult<&str> {
        Ok(self.get()?.id())
    }

    /// `scored` or `refused`.
    #[getter]
    fn status(&self) -> PyResult<&'static str> {
        Ok(self.get()?.status().as_str())
    }

    /// The total after adjustments (None when refused or without data).
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.get()?
            .total()
            .map(|d| py_decimal_at(py, d, self.scale()))
            .transpose()
    }

    /// The tree's score before adjustments.
    #[getter]
    fn score<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.get()?
            .score()
            .map(|d| py_decimal_at(py, d, self.scale()))
            .transpose()
    }

    #[getter]
    fn rating(&self) -> PyResult<Option<&str>> {
        Ok(self.results.rating(self.get()?))
    }

    #[getter]
    fn rank(&self) -> PyResult<Option<u32>> {
        Ok(self.get()?.rank())
    }

    #[getter]
    fn payout<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.get()?
            .payout()
            .map(|d| py_decimal_at(py, d, self.scale()))
            .transpose()
    }

    #[getter]
    fn flags(&self) -> PyResult<Vec<&'static str>> {
        Ok(self.get()?.flags())
    }

    /// Why the subject was refused: a list of `Problem(path, code, message)`.
    #[getter]
    fn problems<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let class = py.import("attain._errors")?.getattr("Problem")?;
        let list = PyList::empty(py);
        for p in self.get()?.problems() {
            list.append(class.call1((p.path.as_str(), p.code.as_str(), p.message.as_str()))?)?;
        }
        Ok(list)
    }

    /// Each indicator's score by indicator id (None without data).
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let ids = self.results.plan().indicator_ids();
        for (id, score) in ids.zip(indicator_scores(&self.results, self.get()?)) {
            d.set_item(id, score.map(|s| py_decimal(py, &s)).transpose()?)?;
        }
        Ok(d)
    }

    /// The explanation tree (result JSON object, decimals as `decimal.Decimal`).
    pub fn explain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = self.results.card_value(self.get()?);
        to_py(py, &value, true)
    }

    /// The summary dict (a row of `Results.to_dicts`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        summary(py, &self.results, self.get()?)
    }

    /// The notebook view: total, rating, rank, payout and the indicator scores.
    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        crate::glue::run_glue(slf.py())?.call_method1("scorecard_html", (slf,))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let card = self.get()?;
        let r = |s: &str| -> PyResult<String> { Ok(PyString::new(py, s).repr()?.to_string()) };
        let total = card.total().map_or("None".to_string(), |t| {
            format!("Decimal('{}')", crate::scaled::text(t, self.scale()))
        });
        let rating = match self.results.rating(card) {
            Some(name) => r(name)?,
            None => "None".to_string(),
        };
        let rank = card.rank().map_or("None".to_string(), |r| r.to_string());
        Ok(format!(
            "Scorecard(id={}, status={}, total={total}, rating={rating}, rank={rank})",
            r(card.id())?,
            r(card.status().as_str())?
        ))
    }
}
