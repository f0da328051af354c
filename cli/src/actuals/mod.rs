//! Reading ACTUALS: the JSON input document of `docs/FORMAT.md` as it is, or a CSV
//! in long format turned into that document. Numbers stay text all the way to the
//! core, which reads them exactly; problems the core finds in a CSV are reported at
//! the file, line and column they came from.

mod long_csv;

use crate::{is_csv, read_text, Failure};
use attain::{Code, Input, Plan, Problem};
use clap::ValueEnum;
use long_csv::from_csv;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Csv,
    Json,
}

/// Where a value of the input document was read: a CSV line and column.
struct Place {
    line: u64,
    column: String,
}

/// The actuals as a FORMAT.md input document, with what is needed to report on it.
pub struct Actuals {
    file: String,
    doc: Value,
    /// Subject names given in the input (the result does not carry them).
    names: BTreeMap<String, String>,
    /// For a CSV: where each value of `doc` came from, by JSON pointer.
    places: Option<HashMap<String, Place>>,
    /// Problems found while reading the CSV, with their line for ordering.
    problems: Vec<(u64, String)>,
}

impl Actuals {
    /// Read ACTUALS: CSV or JSON by `format`, else by extension (`.csv`, else JSON).
    pub fn read(path: &Path, format: Option<InputFormat>, plan: &Plan) -> Result<Actuals, Failure> {
        let file = path.display().to_string();
        let text = read_text(path, "input")?;
        match format {
            Some(InputFormat::Csv) => from_csv(file, &text, plan),
            Some(InputFormat::Json) => from_json(file, &text),
            None if is_csv(path) => from_csv(file, &text, plan),
            None => from_json(file, &text),
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    /// The name given to a subject in the input, if any.
    pub fn name(&self, id: &str) -> Option<&str> {
        self.names.get(id).map(String::as_str)
    }

    pub fn has_names(&self) -> bool {
        !self.names.is_empty()
    }

    /// The input for `plan`, or every problem found in the file (exit 2).
    pub fn input(&self, plan: &Plan) -> Result<Input, Failure> {
        let result = Input::from_value(plan, &self.doc);
        let Some(places) = &self.places else {
            return result.map_err(|e| crate::refused(&self.file, &e));
        };
        let mut problems = self.problems.clone();
        if let Err(e) = &result {
            for p in e.problems() {
                let (line, at) = match place_of(places, &p.path) {
                    Some(place) => (
                        place.line,
                        format!("{}:{}: {}", self.file, place.line, place.column),
                    ),
                    None => (0, format!("{}: {}", self.file, p.path)),
                };
                problems.push((line, format!("{at}: {}: {}", p.code, p.message)));
            }
        }
        if problems.is_empty() {
            return result.map_err(|e| crate::refused(&self.file, &e));
        }
        problems.sort_by_key(|(line, _)| *line);
        Err(csv_failure(&self.file, problems))
    }
}

/// The place of a JSON pointer, or of its nearest parent that has one.
fn place_of<'a>(places: &'a HashMap<String, Place>, path: &str) -> Option<&'a Place> {
    let mut p = path;
    loop {
        if let Some(place) = places.get(p) {
            return Some(place);
        }
        p = &p[..p.rfind('/')?];
    }
}

fn from_json(file: String, text: &str) -> Result<Actuals, Failure> {
    let doc: Value = serde_json::from_str(text).map_err(|e| Failure::Invalid {
        headline: format!("invalid input {file} (1 problem)"),
        lines: vec![
            Problem::new("", Code::InvalidJson, format!("not valid JSON: {e}")).to_string(),
        ],
    })?;
    let mut names = BTreeMap::new();
    if let Some(subjects) = doc.get("subjects").and_then(Value::as_array) {
        for s in subjects {
            if let (Some(id), Some(name)) = (
                s.get("id").and_then(Value::as_str),
                s.get("name").and_then(Value::as_str),
            ) {
                names.insert(id.to_string(), name.to_string());
            }
        }
    }
    Ok(Actuals {
        file,
        doc,
        names,
        places: None,
        problems: Vec::new(),
    })
}

fn csv_failure(file: &str, problems: Vec<(u64, String)>) -> Failure {
    let n = problems.len();
    Failure::Invalid {
        headline: format!(
            "invalid input {file} ({n} problem{})",
            if n == 1 { "" } else { "s" }
        ),
        lines: problems.into_iter().map(|(_, t)| t).collect(),
    }
}
