//! What `Plan.score` accepts, scored: an input document (dict), a list of subject
//! dicts, or a table (pandas / polars DataFrame, pyarrow Table or RecordBatch,
//! anything with the Arrow PyCapsule interface) in wide or long layout.

use crate::convert::ToValue;
use crate::errors::{detached, input_error, Failure};
use crate::interop::arrow::to_rust::{self as table, record_batches};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use serde_json::Value;

/// The `layout=` argument of `Plan.score`.
fn layout(name: Option<&str>) -> PyResult<table::Layout> {
    match name {
        None | Some("auto") => Ok(table::Layout::Auto),
        Some("wide") => Ok(table::Layout::Wide),
        Some("long") => Ok(table::Layout::Long),
        Some(other) => Err(PyValueError::new_err(format!(
            "layout must be 'wide', 'long' or 'auto', not {other:?}"
        ))),
    }
}

/// Score `actuals` with `plan`.
pub fn score(
    py: Python<'_>,
    plan: &attain::Plan,
    actuals: &Bound<'_, PyAny>,
    what_it_takes: bool,
    floats: crate::floats::Floats,
    layout_name: Option<&str>,
) -> PyResult<attain::Results> {
    let layout = layout(layout_name)?;
    let plan = plan.clone();
    // Documents: a dict, or a list of subject dicts.
    let document = if actuals.cast::<PyDict>().is_ok() {
        let mut reader = ToValue::with_floats(floats);
        Some((reader.value(actuals, "", 0)?, reader.problems))
    } else if actuals.cast::<PyList>().is_ok() || actuals.cast::<PyTuple>().is_ok() {
        let mut reader = ToValue::with_floats(floats);
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
        return detached(py, move || {
            let mut input = attain::Input::from_value(&plan, &value)?;
            if what_it_takes {
                input = input.with_what_it_takes(true);
            }
            Ok(plan.score(&input)?)
        });
    }
    // Tables: pandas goes through the glue (index, NaN handling), the rest as is.
    let Some((schema, batches)) = record_batches(py, actuals, table::Place::Actuals)? else {
        let type_name = actuals
            .get_type()
            .qualname()
            .map(|n| n.to_string())
            .unwrap_or_default();
        return Err(PyTypeError::new_err(format!(
            "cannot score a {type_name}: give a dict (input document), a list of subject dicts, \
             or a table (pandas / polars DataFrame, pyarrow Table or RecordBatch)"
        )));
    };
    detached(py, move || {
        let converted = match table::subjects(&plan, &schema, &batches, layout, floats) {
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
    })
}
