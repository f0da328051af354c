//! Runs: `attain.run` (plans + roster + facts + period → scorecards and a fact
//! ledger), `attain.run_json`, and the `Run` class that holds the outcome.

use crate::convert::{to_py, ToValue};
use crate::errors::{detached, input_error, Failure};
use crate::glue::{glue, run_glue};
use crate::interop::arrow::to_rust::{as_text, fact_batch, record_batches, Place, TextBatch};
use crate::results::PyResults;
use crate::text::{facts_bytes, json_text, lookup_key, option_text};
use attain::ErrorKind;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

/// The outcome of a run: plans + roster + facts + period → scorecards of every
/// person and team, and a ledger that accounts for every fact row.
#[pyclass(frozen, module = "attain", name = "Run")]
pub struct PyRun {
    inner: Arc<attain::run::RunResult>,
    /// The roster's display names (subject → name) and team names (team →
    /// team_name), as the document gave them: the result holds ids only.
    names: Vec<(String, String)>,
    team_names: Vec<(String, String)>,
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
    fn __getitem__(&self, plan_id: &Bound<'_, PyString>) -> PyResult<PyResults> {
        let plan_id = lookup_key(plan_id)?;
        let plan_id = plan_id.as_str();
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

    /// One row per subject of every plan (plan, subject, name, team, role, status,
    /// total, rating, rank, team_rank, payout, one column per indicator score,
    /// flags) as a pyarrow Table; decimals as `decimal128(38, s)`, exact.
    fn to_arrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        run_glue(slf.py())?.call_method1("run_arrow", (slf,))
    }

    /// `to_arrow()` as a pandas DataFrame: decimals as `decimal.Decimal` objects,
    /// ranks as nullable Int64, flags as lists.
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        frame(slf, "run_arrow", "pandas")
    }

    /// `to_arrow()` as a polars DataFrame (Decimal columns).
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        frame(slf, "run_arrow", "polars")
    }

    /// The team scorecards as a pandas DataFrame (plan, team, team_name, members,
    /// mean_total, status, total, rating, rank, payout, flags); `kind` "arrow" or
    /// "polars" for those.
    #[pyo3(signature = (kind = "pandas"))]
    fn teams_table<'py>(slf: &Bound<'py, Self>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
        frame(slf, "teams_arrow", kind)
    }

    /// The roster subjects not scored (subject, name, code, message) as a pandas
    /// DataFrame; `kind` "arrow" or "polars" for those.
    #[pyo3(signature = (kind = "pandas"))]
    fn unscored_table<'py>(slf: &Bound<'py, Self>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
        frame(slf, "unscored_arrow", kind)
    }

    /// The roster's names: (subject → name pairs, team → team_name pairs).
    #[allow(clippy::type_complexity)]
    fn _roster_names(&self) -> (Vec<(String, String)>, Vec<(String, String)>) {
        (self.names.clone(), self.team_names.clone())
    }

    /// The notebook view: each plan's subjects by rank, with names and currency.
    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        run_glue(slf.py())?.call_method1("run_html", (slf,))
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

/// A table of the run (`builder` of `attain._run_glue`) as `kind`: arrow, pandas, polars.
fn frame<'py>(slf: &Bound<'py, PyRun>, builder: &str, kind: &str) -> PyResult<Bound<'py, PyAny>> {
    if !matches!(kind, "arrow" | "pandas" | "polars") {
        return Err(PyValueError::new_err(format!(
            "kind must be 'pandas', 'polars' or 'arrow', not {kind:?}"
        )));
    }
    let glue = run_glue(slf.py())?;
    let table = glue.call_method1(builder, (slf,))?;
    glue.call_method1("as_frame", (table, kind))
}

/// The roster's `key` → `name_key` pairs (names of subjects, of teams), first wins.
fn roster_names(document: &Value, key: &str, name_key: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let Some(rows) = document.get("roster").and_then(Value::as_array) else {
        return out;
    };
    for row in rows {
        if let (Some(k), Some(n)) = (
            row.get(key).and_then(Value::as_str),
            row.get(name_key).and_then(Value::as_str),
        ) {
            if !out.iter().any(|(seen, _)| seen == k) {
                out.push((k.to_string(), n.to_string()));
            }
        }
    }
    out
}

/// Where the facts of a run come from.
enum Facts {
    FromDocument,
    Bytes(Vec<u8>),
    File(PathBuf),
    Table(Vec<TextBatch>),
}

/// Run a run document (plans, roster, targets, team_targets, actuals, points, period,
/// as_of, facts). `facts` replaces the document's: text or bytes of the whole file,
/// a path (`pathlib.Path`, read twice, streamed), or a table (pyarrow Table or
/// RecordBatch, polars or pandas DataFrame: any Arrow PyCapsule stream) whose
/// columns are the fact fields. `format` is `csv` or `jsonl` (default: for a path,
/// from the file's extension; else the document's; else csv); not used for tables.
#[pyfunction]
///
/// The document's `plans` may be `Plan` objects and its tables (`roster`,
/// `targets`, `team_targets`, `actuals`, `points`) DataFrames or Arrow tables (rows
/// of their columns; null, NaN, NaT, None, empty text = absent). `strict=True`
/// refuses floats (NaN too); `float_digits=N` rounds them half-even to N places.
#[pyo3(signature = (document, *, facts = None, format = None, strict = false, float_digits = None))]
pub fn run(
    py: Python<'_>,
    document: &Bound<'_, PyAny>,
    facts: Option<&Bound<'_, PyAny>>,
    format: Option<&Bound<'_, PyString>>,
    strict: bool,
    float_digits: Option<i64>,
) -> PyResult<PyRun> {
    let floats = crate::floats::Floats::new(strict, float_digits)?;
    let format = format.map(option_text).transpose()?;
    let format = format.as_deref();
    let value = if let Ok(text) = document.cast::<PyString>() {
        let text = json_text(text, ErrorKind::Input)?;
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
        let document = run_glue(py)?.call_method1("run_document", (document, strict))?;
        let mut reader = ToValue::with_floats(floats);
        let v = reader.value(&document, "", 0)?;
        if !reader.problems.is_empty() {
            return Err(input_error(py, reader.problems));
        }
        v
    };
    let source = match facts {
        None => Facts::FromDocument,
        Some(f) if f.cast::<PyString>().is_ok() => {
            Facts::Bytes(facts_bytes(f.cast::<PyString>()?)?)
        }
        Some(f) if f.cast::<pyo3::types::PyBytes>().is_ok() => {
            Facts::Bytes(f.extract::<Vec<u8>>()?)
        }
        Some(f) if f.extract::<PathBuf>().is_err() => match record_batches(py, f, Place::Facts)? {
            Some((_, batches)) => {
                let text = detached(py, move || {
                    as_text(&batches).map_err(|p| Failure::Core(attain::Error::Input(p)))
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
    let format = match format {
        Some(name) => match attain::run::FactsFormat::from_name(name) {
            Some(fmt) => Some((name, fmt)),
            None => {
                return Err(PyValueError::new_err(format!(
                    "format must be 'csv' or 'jsonl', not {name:?}"
                )))
            }
        },
        None => None,
    };
    let chosen = format.map(|(_, fmt)| fmt);
    let names = roster_names(&value, "subject", "name");
    let team_names = roster_names(&value, "team", "team_name");
    let mut value = value;
    let result = detached(py, move || match source {
        Facts::FromDocument => {
            // An explicit format replaces the document's; the core reads the rest.
            if let Some((name, _)) = format {
                set_facts_format(&mut value, name);
            }
            Ok(attain::run::run_value(&value)?)
        }
        Facts::Bytes(bytes) => {
            let setup = attain::run::RunSetup::from_value(&value)?;
            let fmt = chosen
                .or_else(|| document_format(&value))
                .unwrap_or(attain::run::FactsFormat::Csv);
            Ok(attain::run::run_bytes(&setup, fmt, &bytes)?)
        }
        Facts::Table(text) => {
            let setup = attain::run::RunSetup::from_value(&value)?;
            let batches = text
                .iter()
                .map(fact_batch)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|p| Failure::Core(attain::Error::Input(p)))?;
            Ok(attain::run::run_columns(&setup, &batches)?)
        }
        Facts::File(path) => {
            let setup = attain::run::RunSetup::from_value(&value)?;
            let fmt = chosen
                .or_else(|| attain::run::FactsFormat::from_path(&path))
                .or_else(|| document_format(&value))
                .unwrap_or(attain::run::FactsFormat::Csv);
            Ok(attain::run::run(&setup, fmt, || {
                std::fs::File::open(&path)
            })?)
        }
    })?;
    Ok(PyRun {
        inner: Arc::new(result),
        names,
        team_names,
    })
}

/// The facts format the document names (`facts.format`), when it names a valid one.
/// The core decides this only inside `run_value`, where the facts text is in the
/// document too; facts given apart from the document need the name alone.
fn document_format(document: &Value) -> Option<attain::run::FactsFormat> {
    document
        .get("facts")
        .and_then(|f| f.get("format"))
        .and_then(Value::as_str)
        .and_then(attain::run::FactsFormat::from_name)
}

/// Make the document's `facts.format` read `name` (its facts stay where they are).
fn set_facts_format(document: &mut Value, name: &str) {
    let Value::Object(doc) = document else {
        return; // not a run document: the core refuses it as such
    };
    let facts = doc
        .entry("facts")
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    if !facts.is_object() {
        *facts = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(f) = facts {
        f.insert("format".to_string(), Value::String(name.to_string()));
    }
}

/// Run a whole run document given as JSON text (facts included as
/// `{"format": "csv", "text": "…"}`); returns the canonical run result text.
#[pyfunction]
pub fn run_json(py: Python<'_>, document: &Bound<'_, PyString>) -> PyResult<String> {
    let text = json_text(document, ErrorKind::Input)?;
    detached(py, move || Ok(attain::run::run_json(&text)?))
}
