//! attain for Python: the extension module `attain._attain`.
//!
//! A phrasebook: convert Python values to the core's types, call the core, convert
//! back, map errors. Every rule lives in the `attain` crate. The pure-Python package
//! `attain/` re-exports these classes and holds the pandas / polars / HTML glue.

mod convert;
mod errors;
mod facts;
mod output;
mod table;

use crate::convert::{py_decimal, py_decimal_at, to_py, ToValue};
use crate::errors::{guard, input_error, plan_error, Failure};
use arrow_array::RecordBatch;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString, PyTuple};
use pyo3_arrow::input::AnyRecordBatch;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

/// mimalloc: scoring a large table makes millions of small allocations (one input and
/// one scorecard per subject), where glibc's allocator is the bottleneck.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn glue(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("attain._glue")
}

/// Run core work with the GIL released, turning a panic into `attain.Error`.
fn detached<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Failure> + Send) -> PyResult<T> {
    let outcome = py.detach(|| match guard(f) {
        Ok(r) => r,
        Err(p) => Err(Failure::Panic(p)),
    });
    outcome.map_err(|f| f.into_py_err(py))
}

/// A validated KPI plan (销售KPI绩效考核表). Make one with `Plan.from_json`,
/// `Plan.from_dict` or `Plan.from_file`; an invalid plan raises `PlanError`.
#[pyclass(frozen, module = "attain", name = "Plan")]
#[derive(Clone)]
pub struct PyPlan {
    inner: attain::Plan,
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
    fn from_json(py: Python<'_>, text: &str) -> PyResult<PyPlan> {
        let text = text.to_string();
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
        let text = std::fs::read_to_string(&path)?;
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
    #[pyo3(signature = (actuals, *, what_it_takes = false, strict = false, layout = None))]
    fn score(
        &self,
        py: Python<'_>,
        actuals: &Bound<'_, PyAny>,
        what_it_takes: bool,
        strict: bool,
        layout: Option<&str>,
    ) -> PyResult<PyResults> {
        let layout = match layout {
            None | Some("auto") => table::Layout::Auto,
            Some("wide") => table::Layout::Wide,
            Some("long") => table::Layout::Long,
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "layout must be 'wide', 'long' or 'auto', not {other:?}"
                )))
            }
        };
        let plan = self.inner.clone();
        // Documents: a dict, or a list of subject dicts.
        let document = if actuals.cast::<PyDict>().is_ok() {
            let mut reader = ToValue::new(strict);
            Some((reader.value(actuals, "", 0)?, reader.problems))
        } else if actuals.cast::<PyList>().is_ok() || actuals.cast::<PyTuple>().is_ok() {
            let mut reader = ToValue::new(strict);
            let list = reader.value(actuals, "/subjects", 0)?;
            let mut doc = serde_json::Map::new();
            doc.insert("subjects".to_string(), list);
            Some((Value::Object(doc), reader.problems))
        } else {
            None
        };
        if let Some((value, problems)) = document {
            if !problems.is_empty() {
                return Err(input_error(py, problems));
            }
            let results = detached(py, move || {
                let mut input = attain::Input::from_value(&plan, &value)?;
                if what_it_takes {
                    input = input.with_what_it_takes(true);
                }
                Ok(plan.score(&input)?)
            })?;
            return Ok(PyResults::new(results));
        }
        // Tables: pandas goes through the glue (index, NaN handling), the rest as is.
        let module = actuals
            .get_type()
            .module()
            .map(|m| m.to_string())
            .unwrap_or_default();
        let table = if module.starts_with("pandas") {
            glue(py)?.call_method1("pandas_to_arrow", (actuals,))?
        } else {
            actuals.clone()
        };
        if !(table.hasattr("__arrow_c_stream__")? || table.hasattr("__arrow_c_array__")?) {
            let type_name = actuals
                .get_type()
                .qualname()
                .map(|n| n.to_string())
                .unwrap_or_default();
            return Err(PyTypeError::new_err(format!(
                "cannot score a {type_name}: give a dict (input document), a list of subject dicts, \
                 or a table (pandas / polars DataFrame, pyarrow Table or RecordBatch)"
            )));
        }
        let reader = table.extract::<AnyRecordBatch>()?.into_reader()?;
        let schema = reader.schema();
        let batches: Vec<RecordBatch> = reader
            .collect::<Result<_, _>>()
            .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow table: {e}")))?;
        let results = detached(py, move || {
            let converted = match table::subjects(&plan, &schema, &batches, layout, strict) {
                Ok(c) => c,
                Err(problems) => return Err(Failure::Core(attain::Error::Input(problems))),
            };
            drop(batches);
            let input =
                attain::Input::from_subjects(converted.subjects).with_what_it_takes(what_it_takes);
            match (plan.score(&input), converted.id_column) {
                (Ok(r), _) => Ok(r),
                (Err(attain::Error::Input(problems)), Some(id)) => Err(Failure::Core(
                    attain::Error::Input(table::rows_of_subjects(&problems, &id)),
                )),
                (Err(e), _) => Err(Failure::Core(e)),
            }
        })?;
        Ok(PyResults::new(results))
    }

    /// Score an input document given as JSON text; returns the canonical result text
    /// (the exact bytes every binding produces).
    fn score_json(&self, py: Python<'_>, input_json: &str) -> PyResult<String> {
        let plan = self.inner.clone();
        let text = input_json.to_string();
        detached(py, move || Ok(plan.score_json(&text)?))
    }

    /// A what-if session for one subject (a subject dict of the input format, or its
    /// JSON text): change actuals with `set` and re-score at once with `score`.
    /// Error paths point into the subject.
    fn what_if(&self, py: Python<'_>, subject: &Bound<'_, PyAny>) -> PyResult<PyWhatIf> {
        let session = if let Ok(text) = subject.cast::<PyString>() {
            attain::WhatIf::from_json(&self.inner, &text.to_cow()?)
        } else {
            let mut reader = ToValue::new(false);
            let value = reader.value(subject, "", 0)?;
            if !reader.problems.is_empty() {
                return Err(input_error(py, reader.problems));
            }
            attain::WhatIf::from_value(&self.inner, &value)
        };
        session
            .map(|inner| PyWhatIf { inner })
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

/// The scorecards of one scoring run, sorted by subject id.
#[pyclass(frozen, module = "attain", name = "Results")]
pub struct PyResults {
    inner: Arc<attain::Results>,
}

impl PyResults {
    fn new(results: attain::Results) -> PyResults {
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
        PyScorecard {
            results: self.inner.clone(),
            index,
        }
    }
}

/// The summary of one scorecard as a dict (the row of `to_dicts`).
fn summary<'py>(
    py: Python<'py>,
    results: &attain::Results,
    card: &attain::Scorecard,
) -> PyResult<Bound<'py, PyDict>> {
    let scale = results.plan().scale();
    let d = PyDict::new(py);
    d.set_item("id", card.id())?;
    d.set_item("status", output::status_text(card))?;
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
    let names = output::indicator_columns(results);
    for (name, score) in names.iter().zip(output::indicator_scores(results, card)) {
        d.set_item(name, score.map(|s| py_decimal(py, &s)).transpose()?)?;
    }
    Ok(d)
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
        let mut cols: Vec<String> = output::FIXED_COLUMNS
            .iter()
            .map(|c| c.to_string())
            .collect();
        cols.extend(output::indicator_columns(&self.inner));
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

    fn __getitem__(&self, subject_id: &str) -> PyResult<PyScorecard> {
        Ok(self.card(self.position(subject_id)?))
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cards: Vec<PyScorecard> = (0..self.inner.subjects().len())
            .map(|i| self.card(i))
            .collect();
        PyList::new(py, cards)?.try_iter().map(|i| i.into_any())
    }

    /// The explanation tree of one subject (the result JSON object, decimals as
    /// `decimal.Decimal`), including `next` when scored with `what_it_takes=True`.
    fn explain<'py>(&self, py: Python<'py>, subject_id: &str) -> PyResult<Bound<'py, PyAny>> {
        let i = self.position(subject_id)?;
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
        let results = self.inner.clone();
        let batch = detached(py, move || {
            output::summary_batch(&results)
                .map_err(|e| Failure::Py(PyValueError::new_err(e.to_string())))
        })?;
        let table = pyo3_arrow::PyTable::try_new(vec![batch.clone()], batch.schema())?;
        let table = Bound::new(py, table)?;
        let capsule = table.call_method1("__arrow_c_stream__", (requested_schema,))?;
        Ok(capsule.cast_into::<PyCapsule>()?)
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

/// One subject's result.
#[pyclass(frozen, module = "attain", name = "Scorecard")]
pub struct PyScorecard {
    results: Arc<attain::Results>,
    index: usize,
}

impl PyScorecard {
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
        Ok(output::status_text(self.get()?))
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
        for (id, score) in ids.zip(output::indicator_scores(&self.results, self.get()?)) {
            d.set_item(id, score.map(|s| py_decimal(py, &s)).transpose()?)?;
        }
        Ok(d)
    }

    /// The explanation tree (result JSON object, decimals as `decimal.Decimal`).
    fn explain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = self.results.card_value(self.get()?);
        to_py(py, &value, true)
    }

    /// The summary dict (a row of `Results.to_dicts`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        summary(py, &self.results, self.get()?)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let card = self.get()?;
        let r = |s: &str| -> PyResult<String> { Ok(PyString::new(py, s).repr()?.to_string()) };
        let total = card
            .total_text()
            .map_or("None".to_string(), |t| format!("Decimal('{t}')"));
        let rating = match self.results.rating(card) {
            Some(name) => r(name)?,
            None => "None".to_string(),
        };
        let rank = card.rank().map_or("None".to_string(), |r| r.to_string());
        Ok(format!(
            "Scorecard(id={}, status={}, total={total}, rating={rating}, rank={rank})",
            r(card.id())?,
            r(output::status_text(card))?
        ))
    }
}

/// One subject whose actuals change and are re-scored at once (no rank; *what it
/// takes* on). Made by `Plan.what_if(subject)`.
#[pyclass(module = "attain", name = "WhatIf")]
pub struct PyWhatIf {
    inner: attain::WhatIf,
}

#[pymethods]
impl PyWhatIf {
    /// Set an indicator's actual (str, int or decimal.Decimal; a float by its
    /// shortest text), or clear it with None. A refused value changes nothing.
    /// Returns the session, so calls chain.
    fn set<'py>(
        mut slf: PyRefMut<'py, Self>,
        indicator: &str,
        value: &Bound<'py, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let py = slf.py();
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
    fn actual<'py>(&self, py: Python<'py>, indicator: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.inner.actual(indicator) {
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

/// The outcome of a run: plans + roster + facts + period → scorecards of every
/// person and team, and a ledger that accounts for every fact row.
#[pyclass(frozen, module = "attain", name = "Run")]
pub struct PyRun {
    inner: Arc<attain::RunResult>,
}

#[pymethods]
impl PyRun {
    /// The scorecards, one `Results` per plan (sorted by plan id).
    #[getter]
    fn results(&self) -> Vec<PyResults> {
        self.inner
            .results()
            .iter()
            .map(|r| PyResults::new(r.clone()))
            .collect()
    }

    /// Plan ids of `results`, in order.
    #[getter]
    fn plan_ids(&self) -> Vec<String> {
        self.inner
            .results()
            .iter()
            .map(|r| r.plan().id().to_string())
            .collect()
    }

    /// The `Results` of one plan.
    fn __getitem__(&self, plan_id: &str) -> PyResult<PyResults> {
        self.inner
            .results()
            .iter()
            .find(|r| r.plan().id() == plan_id)
            .map(|r| PyResults::new(r.clone()))
            .ok_or_else(|| PyKeyError::new_err(plan_id.to_string()))
    }

    /// The fact ledger: rows, used, outside, duplicate, conflicting, rejected,
    /// rejections, conflicts.
    #[getter]
    fn ledger<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let empty = Value::Null;
        to_py(
            py,
            self.inner.to_value().get("ledger").unwrap_or(&empty),
            false,
        )
    }

    /// The ledger's rejected rows as a pyarrow Table: one row per problem (line,
    /// field — None for a row that cannot be read —, code, message), sorted by line.
    fn rejections_table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        glue(py)?.call_method1("ledger_table", (self.ledger(py)?, "rejections"))
    }

    /// The ledger's conflicting ids as a pyarrow Table (id, lines).
    fn conflicts_table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        glue(py)?.call_method1("ledger_table", (self.ledger(py)?, "conflicts"))
    }

    /// The canonical run result document as JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let run = self.inner.clone();
        detached(py, move || Ok(run.to_json()))
    }

    /// The run result document as a dict, decimals as `decimal.Decimal`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.to_value(), true)
    }

    fn __repr__(&self) -> String {
        let l = self.inner.ledger();
        format!(
            "Run(plans={:?}, fact rows={} (used {}, outside {}, duplicate {}, conflicting {}, rejected {}))",
            self.plan_ids(),
            l.rows,
            l.used,
            l.outside,
            l.duplicate,
            l.conflicting,
            l.rejected
        )
    }
}

/// Where the facts of a run come from.
enum Facts {
    FromDocument,
    Bytes(Vec<u8>),
    File(PathBuf),
    Table(Vec<facts::TextBatch>),
}

/// A table's record batches (pandas through the glue, the rest through the Arrow
/// PyCapsule interface); None when `value` is not a table.
fn table_batches(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    pandas_glue: &str,
) -> PyResult<Option<Vec<RecordBatch>>> {
    let module = value
        .get_type()
        .module()
        .map(|m| m.to_string())
        .unwrap_or_default();
    let table = if module.starts_with("pandas") {
        glue(py)?.call_method1(pandas_glue, (value,))?
    } else {
        value.clone()
    };
    if !(table.hasattr("__arrow_c_stream__")? || table.hasattr("__arrow_c_array__")?) {
        return Ok(None);
    }
    let reader = table.extract::<AnyRecordBatch>()?.into_reader()?;
    let batches = reader
        .collect::<Result<_, _>>()
        .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow table: {e}")))?;
    Ok(Some(batches))
}

/// Run a run document (plans, roster, targets, team_targets, actuals, period,
/// as_of, facts). `facts` replaces the document's: text or bytes of the whole file,
/// a path (`pathlib.Path`, read twice, streamed), or a table (pyarrow Table or
/// RecordBatch, polars or pandas DataFrame: any Arrow PyCapsule stream) whose
/// columns are the fact fields. `format` is `csv` or `jsonl` (default: the
/// document's, else from the file's extension, else csv); not used for tables.
#[pyfunction]
#[pyo3(signature = (document, *, facts = None, format = None))]
fn run(
    py: Python<'_>,
    document: &Bound<'_, PyAny>,
    facts: Option<&Bound<'_, PyAny>>,
    format: Option<&str>,
) -> PyResult<PyRun> {
    let value = if let Ok(text) = document.cast::<PyString>() {
        let text = text.to_cow()?.into_owned();
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => v,
            Err(e) => {
                return Err(input_error(
                    py,
                    vec![attain::Problem {
                        path: String::new(),
                        code: attain::Code::InvalidJson,
                        message: format!("not valid JSON: {e}"),
                    }],
                ))
            }
        }
    } else {
        let mut reader = ToValue::new(false);
        let v = reader.value(document, "", 0)?;
        if !reader.problems.is_empty() {
            return Err(input_error(py, reader.problems));
        }
        v
    };
    let source = match facts {
        None => Facts::FromDocument,
        Some(f) if f.cast::<PyString>().is_ok() => {
            Facts::Bytes(f.extract::<String>()?.into_bytes())
        }
        Some(f) if f.cast::<pyo3::types::PyBytes>().is_ok() => {
            Facts::Bytes(f.extract::<Vec<u8>>()?)
        }
        Some(f) if f.extract::<PathBuf>().is_err() => match table_batches(py, f, "pandas_facts")? {
            Some(batches) => {
                let text = detached(py, move || {
                    facts::as_text(&batches).map_err(|p| Failure::Core(attain::Error::Input(p)))
                })?;
                Facts::Table(text)
            }
            None => {
                return Err(PyTypeError::new_err(
                    "facts must be the file's text (str or bytes), a path (pathlib.Path) \
                     or a table (pyarrow Table, polars or pandas DataFrame)",
                ))
            }
        },
        Some(f) => match f.extract::<PathBuf>() {
            Ok(p) => {
                // A missing file is an OSError, as with open().
                std::fs::File::open(&p)?;
                Facts::File(p)
            }
            Err(_) => {
                return Err(PyTypeError::new_err(
                    "facts must be the file's text (str or bytes) or a path (pathlib.Path)",
                ))
            }
        },
    };
    let named = |name: &str| {
        attain::FactsFormat::from_name(name).ok_or_else(|| {
            PyValueError::new_err(format!("format must be 'csv' or 'jsonl', not {name:?}"))
        })
    };
    let format = match format {
        Some(name) => Some(named(name)?),
        None => None,
    };
    let result = detached(py, move || {
        let document_format = || {
            value
                .get("facts")
                .and_then(|f| f.get("format"))
                .and_then(Value::as_str)
                .and_then(attain::FactsFormat::from_name)
        };
        match source {
            Facts::FromDocument => match format {
                None => Ok(attain::run_value(&value)?),
                Some(fmt) => {
                    let setup = attain::RunSetup::from_value(&value)?;
                    let text = value
                        .get("facts")
                        .and_then(|f| f.get("text"))
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    Ok(attain::run_bytes(&setup, fmt, text.as_bytes())?)
                }
            },
            Facts::Bytes(bytes) => {
                let setup = attain::RunSetup::from_value(&value)?;
                let fmt = format
                    .or_else(document_format)
                    .unwrap_or(attain::FactsFormat::Csv);
                Ok(attain::run_bytes(&setup, fmt, &bytes)?)
            }
            Facts::Table(text) => {
                let setup = attain::RunSetup::from_value(&value)?;
                let batches = text
                    .iter()
                    .map(facts::fact_batch)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|p| Failure::Core(attain::Error::Input(p)))?;
                Ok(attain::run_columns(&setup, &batches)?)
            }
            Facts::File(path) => {
                let setup = attain::RunSetup::from_value(&value)?;
                let by_extension = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .and_then(attain::FactsFormat::from_name);
                let fmt = format
                    .or(by_extension)
                    .or_else(document_format)
                    .unwrap_or(attain::FactsFormat::Csv);
                Ok(attain::run(&setup, fmt, || std::fs::File::open(&path))?)
            }
        }
    })?;
    Ok(PyRun {
        inner: Arc::new(result),
    })
}

/// Run a whole run document given as JSON text (facts included as
/// `{"format": "csv", "text": "…"}`); returns the canonical run result text.
#[pyfunction]
fn run_json(py: Python<'_>, document: &str) -> PyResult<String> {
    let text = document.to_string();
    detached(py, move || Ok(attain::run_json(&text)?))
}

/// The JSON Schema of a plan document, as a dict.
#[pyfunction]
fn plan_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &attain::plan_schema(), false)
}

#[pymodule]
fn _attain(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPlan>()?;
    m.add_class::<PyResults>()?;
    m.add_class::<PyScorecard>()?;
    m.add_class::<PyRun>()?;
    m.add_class::<PyWhatIf>()?;
    m.add_function(wrap_pyfunction!(plan_schema, m)?)?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(run_json, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
