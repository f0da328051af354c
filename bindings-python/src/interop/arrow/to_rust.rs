//! Arrow in: pandas / polars DataFrames, pyarrow Tables and RecordBatches, anything
//! with the Arrow PyCapsule interface → record batches → the core's `SubjectInput`s
//! (scoring) or text columns (run facts), column by column, with no Python object
//! per row.
//!
//! Two layouts of actuals: [`wide`] (one row per subject) and [`long`] (one row per
//! subject and indicator). Numbers are read by [`numbers`], ids and group values by
//! [`text`]; in strict mode float columns are refused. Every refusal has a path:
//! `/columns/<name>` for a column, `/rows/<row>/<column>` for a value.

mod extension;
mod facts;
mod long;
mod numbers;
mod text;
mod wide;

pub use facts::{as_text, fact_batch, TextBatch};

use crate::convert::join;
use crate::errors::input_error;
use crate::glue::glue;
use arrow_array::RecordBatch;
use arrow_schema::{Schema, SchemaRef};
use attain::{Code, Plan, Problem, SubjectInput};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use std::collections::HashSet;

/// How the table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Auto,
    Wide,
    Long,
}

/// Collects problems; remembers columns already refused so each is reported once.
struct Problems {
    list: Vec<Problem>,
    bad_columns: HashSet<usize>,
}

impl Problems {
    fn push(&mut self, path: String, code: Code, message: impl Into<String>) {
        self.list.push(Problem {
            path,
            code,
            message: message.into(),
        });
    }

    fn column(&mut self, index: usize, name: &str, code: Code, message: impl Into<String>) {
        if self.bad_columns.insert(index) {
            self.push(join("/columns", name), code, message);
        }
    }
}

fn cell(row: usize, column: &str) -> String {
    join(&format!("/rows/{row}"), column)
}

/// Re-home the problems of a core error (paths such as `/targets/calls`) at a cell.
fn at_cell(problems: &mut Problems, e: attain::Error, row: usize, column: &str) {
    for p in e.problems() {
        problems.push(cell(row, column), p.code, p.message.clone());
    }
}

fn check_id(id: &str, row: usize, column: &str, problems: &mut Problems) -> bool {
    // The core's rule for subject ids, as for an input document's.
    let ok = attain::limits::valid_subject_id(id);
    if !ok {
        problems.push(
            cell(row, column),
            Code::InvalidId,
            attain::limits::SUBJECT_ID_RULE,
        );
    }
    ok
}

/// Subjects read from a table.
pub struct Converted {
    pub subjects: Vec<SubjectInput>,
    /// For a wide table (one row per subject, in order): the subject id column.
    pub id_column: Option<String>,
}

/// Read subjects from record batches.
pub fn subjects(
    plan: &Plan,
    schema: &Schema,
    batches: &[RecordBatch],
    layout: Layout,
    floats: crate::floats::Floats,
) -> Result<Converted, Vec<Problem>> {
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let layout = match layout {
        Layout::Auto => {
            let has = |n: &str| names.contains(&n);
            if has("indicator") && has("actual") && plan.indicator_index("indicator").is_none() {
                Layout::Long
            } else {
                Layout::Wide
            }
        }
        l => l,
    };
    let mut problems = Problems {
        list: Vec::new(),
        bad_columns: HashSet::new(),
    };
    let (subjects, id_column) = match layout {
        Layout::Long => (
            long::read(plan, &names, batches, floats, &mut problems),
            None,
        ),
        _ => {
            let id = names
                .iter()
                .find(|n| (**n == "id" || **n == "subject") && plan.indicator_index(n).is_none())
                .map_or("id", |n| *n)
                .to_string();
            (
                wide::read(plan, &names, batches, floats, &mut problems),
                Some(id),
            )
        }
    };
    if problems.list.is_empty() {
        Ok(Converted {
            subjects,
            id_column,
        })
    } else {
        Err(problems.list)
    }
}

/// Problems the core found in subjects read from a wide table, at their rows: subject
/// `i` is row `i` (a table with conversion problems never reaches the core).
pub fn rows_of_subjects(problems: &[Problem], id_column: &str) -> Vec<Problem> {
    problems
        .iter()
        .map(|p| {
            let rest = p.path.strip_prefix("/subjects/").unwrap_or("");
            let (index, tail) = rest.split_once('/').unwrap_or((rest, ""));
            let path = match (index.parse::<usize>(), tail) {
                (Ok(i), "id") => cell(i, id_column),
                (Ok(i), "") => format!("/rows/{i}"),
                (Ok(i), t) => format!("/rows/{i}/{t}"),
                (Err(_), _) => p.path.clone(),
            };
            Problem {
                path,
                code: p.code,
                message: p.message.clone(),
            }
        })
        .collect()
}

/// Where a table goes, for its problems' paths and codes.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    /// Actuals to score: `/columns/<name>`, `wrong_type`.
    Actuals,
    /// Facts of a run: `/facts/<name>`, `invalid_value`.
    Facts,
}

impl Place {
    /// The glue function that turns a pandas DataFrame into an Arrow table.
    fn pandas_glue(self) -> &'static str {
        match self {
            Place::Actuals => "pandas_to_arrow",
            Place::Facts => "pandas_facts",
        }
    }

    fn problem(self, column: Option<&str>, message: String) -> Problem {
        let root = match self {
            Place::Actuals => "/columns",
            Place::Facts => "/facts",
        };
        let code = match self {
            Place::Actuals => Code::WrongType,
            Place::Facts => Code::InvalidValue,
        };
        let path = column.map_or_else(|| root.to_string(), |c| join(root, c));
        Problem::new(path, code, message)
    }
}

/// The schema and batches behind an Arrow PyCapsule object.
fn import(table: &Bound<'_, PyAny>) -> PyResult<(SchemaRef, Vec<RecordBatch>)> {
    let reader = table.extract::<AnyRecordBatch>()?.into_reader()?;
    let schema = reader.schema();
    let batches = reader
        .collect::<Result<_, _>>()
        .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow table: {e}")))?;
    Ok((schema, batches))
}

/// A table that cannot be imported (a type the Arrow C interface of arrow-rs does
/// not know, such as polars' Int128): the columns at fault, found one by one when
/// the table can select columns (pyarrow, polars), else the table as a whole.
fn import_problems(table: &Bound<'_, PyAny>, error: &PyErr, place: Place) -> Vec<Problem> {
    let names: Vec<String> = ["column_names", "columns"]
        .iter()
        .find_map(|a| table.getattr(*a).ok()?.extract::<Vec<String>>().ok())
        .unwrap_or_default();
    let mut problems = Vec::new();
    for name in &names {
        let Ok(one) = table.call_method1("select", (vec![name.as_str()],)) else {
            break;
        };
        if let Err(e) = import(&one) {
            problems.push(place.problem(
                Some(name),
                format!("column {name:?} cannot be read through the Arrow C interface: {e}"),
            ));
        }
    }
    if problems.is_empty() {
        problems.push(place.problem(
            None,
            format!("the table cannot be read through the Arrow C interface: {error}"),
        ));
    }
    problems
}

/// A table's schema and record batches (pandas through the glue, the rest through
/// the Arrow PyCapsule interface, extension types resolved); None when `value` is
/// not a table. A table that cannot be read is an `InputError` naming its columns.
pub fn record_batches(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    place: Place,
) -> PyResult<Option<(SchemaRef, Vec<RecordBatch>)>> {
    let module = value
        .get_type()
        .module()
        .map(|m| m.to_string())
        .unwrap_or_default();
    let table = if module.starts_with("pandas") {
        glue(py)?.call_method1(place.pandas_glue(), (value,))?
    } else {
        value.clone()
    };
    if !(table.hasattr("__arrow_c_stream__")? || table.hasattr("__arrow_c_array__")?) {
        return Ok(None);
    }
    let (schema, batches) = match import(&table) {
        Ok(imported) => imported,
        Err(e) => return Err(input_error(py, import_problems(&table, &e, place))),
    };
    match extension::resolve_all(&schema, batches) {
        Ok(resolved) => Ok(Some(resolved)),
        Err(refused) => Err(input_error(
            py,
            refused
                .into_iter()
                .map(|(_, name, why)| {
                    place.problem(Some(&name), format!("column {name:?} holds {why}"))
                })
                .collect(),
        )),
    }
}
