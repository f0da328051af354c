//! ACTUALS as a CSV in long format (one row per subject and indicator, with
//! optional name, group, active and base columns) turned into the input document,
//! remembering the line and column of every value for error messages.

use super::{csv_failure, Actuals, Place};
use crate::Failure;
use attain::spec::AdjustmentSpec;
use attain::{pointer_join, Code, Plan};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// The columns of the CSV header, by position.
#[derive(Default)]
struct Columns {
    subject: Option<usize>,
    indicator: Option<usize>,
    actual: Option<usize>,
    target: Option<usize>,
    name: Option<usize>,
    active: Option<usize>,
    base: Option<usize>,
    /// `team`, `role` and `group:<key>` columns: (key, position).
    groups: Vec<(String, usize)>,
}

/// One subject being gathered from its rows.
struct Gathered {
    id: String,
    actuals: Map<String, Value>,
    targets: Map<String, Value>,
    points: Map<String, Value>,
    /// Values of the group columns, in the order of `Columns::groups`.
    groups: Vec<Option<(String, u64)>>,
    name: Option<(String, u64)>,
    active: Option<(String, u64)>,
    base: Option<(String, u64)>,
    /// Line of the first row for each indicator or adjustment.
    rows: HashMap<String, u64>,
}

struct CsvReader<'a> {
    file: &'a str,
    problems: Vec<(u64, String)>,
    places: HashMap<String, Place>,
}

impl CsvReader<'_> {
    fn problem(&mut self, line: u64, column: &str, code: &str, message: String) {
        let at = if column.is_empty() {
            format!("{}:{line}", self.file)
        } else {
            format!("{}:{line}: {column}", self.file)
        };
        self.problems
            .push((line, format!("{at}: {code}: {message}")));
    }

    /// Keep a per-subject value (name, team, active...) given on any of its rows;
    /// different values on two rows are refused.
    fn attribute(
        &mut self,
        slot: &mut Option<(String, u64)>,
        value: &str,
        line: u64,
        column: &str,
        subject: &str,
    ) {
        if value.is_empty() {
            return;
        }
        match slot {
            None => *slot = Some((value.to_string(), line)),
            Some((old, first)) if old != value => {
                let message = format!(
                    "subject {subject:?} has {column} {value:?} here but {old:?} on line {first}"
                );
                self.problem(line, column, "conflicting_value", message);
            }
            Some(_) => {}
        }
    }
}

const COLUMNS: &str =
    "subject, indicator, actual, target, name, team, role, active, base, group:<key>";

pub(super) fn from_csv(file: String, text: &str, plan: &Plan) -> Result<Actuals, Failure> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut r = CsvReader {
        file: &file,
        problems: Vec::new(),
        places: HashMap::new(),
    };
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(Failure::Invalid {
                headline: format!("invalid input {file} (1 problem)"),
                lines: vec![format!("{file}:1: invalid_csv: {e}")],
            })
        }
    };
    let mut cols = Columns::default();
    let mut seen_columns: HashMap<&str, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(first) = seen_columns.insert(h, i) {
            let message = format!(
                "column {h:?} appears twice (columns {} and {})",
                first + 1,
                i + 1
            );
            r.problem(1, h, "duplicate_column", message);
            continue;
        }
        let slot = match h {
            "subject" => &mut cols.subject,
            "indicator" => &mut cols.indicator,
            "actual" => &mut cols.actual,
            "target" => &mut cols.target,
            "name" => &mut cols.name,
            "active" => &mut cols.active,
            "base" => &mut cols.base,
            _ => {
                let key = match h {
                    "team" | "role" => Some(h),
                    _ => h.strip_prefix("group:").filter(|k| !k.is_empty()),
                };
                match key {
                    Some(key) if cols.groups.iter().any(|(k, _)| k == key) => {
                        let message = format!("group {key:?} is given by two columns");
                        r.problem(1, h, "duplicate_column", message);
                    }
                    Some(key) => cols.groups.push((key.to_string(), i)),
                    None => {
                        let message = format!("unknown column {h:?}; the columns are {COLUMNS}");
                        r.problem(1, h, Code::UnknownField.as_str(), message);
                    }
                }
                continue;
            }
        };
        *slot = Some(i);
    }
    let required = [
        ("subject", cols.subject),
        ("indicator", cols.indicator),
        ("actual", cols.actual),
    ];
    for (name, col) in required {
        if col.is_none() {
            r.problem(
                1,
                "",
                Code::MissingField.as_str(),
                format!("the header has no {name:?} column"),
            );
        }
    }
    let (Some(subject_col), Some(indicator_col), Some(actual_col)) =
        (cols.subject, cols.indicator, cols.actual)
    else {
        return Err(csv_failure(&file, r.problems));
    };

    let points_ids: Vec<&str> = plan
        .spec()
        .adjustments
        .iter()
        .filter_map(|a| match a {
            AdjustmentSpec::Bonus { id, .. } | AdjustmentSpec::Deduction { id, .. } => {
                Some(id.as_str())
            }
            _ => None,
        })
        .collect();

    let mut subjects: Vec<Gathered> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line_hint = reader.position().line();
        let before = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line_hint, |p| p.line());
                r.problem(line, "", "invalid_csv", e.to_string());
                if reader.position().byte() == before {
                    break; // the reader cannot get past this error
                }
                continue;
            }
        }
        let line = record.position().map_or(line_hint, |p| p.line());
        if record.len() != header.len() {
            let message = format!(
                "the row has {} fields, the header {}",
                record.len(),
                header.len()
            );
            r.problem(line, "", "invalid_csv", message);
            continue;
        }
        let field = |col: Option<usize>| col.and_then(|c| record.get(c)).unwrap_or("");
        let id = field(Some(subject_col));
        if id.is_empty() {
            r.problem(
                line,
                "subject",
                Code::MissingField.as_str(),
                "the subject is empty".into(),
            );
            continue;
        }
        let k = *by_id.entry(id.to_string()).or_insert_with(|| {
            subjects.push(Gathered {
                id: id.to_string(),
                actuals: Map::new(),
                targets: Map::new(),
                points: Map::new(),
                groups: vec![None; cols.groups.len()],
                name: None,
                active: None,
                base: None,
                rows: HashMap::new(),
            });
            subjects.len() - 1
        });
        let Some(s) = subjects.get_mut(k) else {
            continue;
        };
        let sp = format!("/subjects/{k}");
        r.places.entry(pointer_join(&sp, "id")).or_insert(Place {
            line,
            column: "subject".into(),
        });
        r.attribute(&mut s.name, field(cols.name), line, "name", id);
        r.attribute(&mut s.active, field(cols.active), line, "active", id);
        r.attribute(&mut s.base, field(cols.base), line, "base", id);
        for (slot, (key, col)) in s.groups.iter_mut().zip(&cols.groups) {
            let column = header.get(*col).unwrap_or(key);
            r.attribute(slot, field(Some(*col)), line, column, id);
        }

        let indicator = field(Some(indicator_col));
        let actual = field(Some(actual_col));
        let target = field(cols.target);
        if indicator.is_empty() {
            if !actual.is_empty() || !target.is_empty() {
                let message = "an actual or a target needs an indicator".to_string();
                r.problem(line, "indicator", Code::MissingField.as_str(), message);
            }
            continue;
        }
        if let Some(first) = s.rows.get(indicator) {
            let message =
                format!("subject {id:?} already has a row for {indicator:?} on line {first}");
            r.problem(line, "indicator", "duplicate_row", message);
            continue;
        }
        s.rows.insert(indicator.to_string(), line);
        let is_points =
            plan.indicator_index(indicator).is_none() && points_ids.contains(&indicator);
        if is_points {
            if !target.is_empty() {
                let message = format!("{indicator:?} is a bonus or deduction: it takes no target");
                r.problem(line, "target", Code::InvalidValue.as_str(), message);
            }
            if !actual.is_empty() {
                s.points
                    .insert(indicator.to_string(), Value::String(actual.to_string()));
                r.places.insert(
                    pointer_join(&pointer_join(&sp, "points"), indicator),
                    Place {
                        line,
                        column: "actual".into(),
                    },
                );
            }
            continue;
        }
        let value = if actual.is_empty() {
            Value::Null
        } else {
            Value::String(actual.to_string())
        };
        s.actuals.insert(indicator.to_string(), value);
        r.places.insert(
            pointer_join(&pointer_join(&sp, "actuals"), indicator),
            Place {
                line,
                column: if plan.indicator_index(indicator).is_some() {
                    "actual".into()
                } else {
                    "indicator".into()
                },
            },
        );
        if !target.is_empty() {
            s.targets
                .insert(indicator.to_string(), Value::String(target.to_string()));
            r.places.insert(
                pointer_join(&pointer_join(&sp, "targets"), indicator),
                Place {
                    line,
                    column: "target".into(),
                },
            );
        }
    }

    let mut names = BTreeMap::new();
    let mut docs = Vec::with_capacity(subjects.len());
    for (k, s) in subjects.into_iter().enumerate() {
        let sp = format!("/subjects/{k}");
        let mut o = Map::new();
        o.insert("id".into(), Value::String(s.id.clone()));
        if let Some((name, line)) = s.name {
            names.insert(s.id.clone(), name.clone());
            o.insert("name".into(), Value::String(name));
            r.places.insert(
                pointer_join(&sp, "name"),
                Place {
                    line,
                    column: "name".into(),
                },
            );
        }
        o.insert("actuals".into(), Value::Object(s.actuals));
        if !s.targets.is_empty() {
            o.insert("targets".into(), Value::Object(s.targets));
        }
        if let Some((active, line)) = s.active {
            o.insert("active".into(), Value::String(active));
            r.places.insert(
                pointer_join(&sp, "active"),
                Place {
                    line,
                    column: "active".into(),
                },
            );
        }
        let mut groups = Map::new();
        for (slot, (key, col)) in s.groups.into_iter().zip(&cols.groups) {
            if let Some((value, line)) = slot {
                let column = header.get(*col).unwrap_or(key).to_string();
                r.places.insert(
                    pointer_join(&pointer_join(&sp, "groups"), key),
                    Place { line, column },
                );
                groups.insert(key.clone(), Value::String(value));
            }
        }
        if !groups.is_empty() {
            o.insert("groups".into(), Value::Object(groups));
        }
        if !s.points.is_empty() {
            o.insert("points".into(), Value::Object(s.points));
        }
        if let Some((base, line)) = s.base {
            o.insert("base".into(), Value::String(base));
            r.places.insert(
                pointer_join(&sp, "base"),
                Place {
                    line,
                    column: "base".into(),
                },
            );
        }
        docs.push(Value::Object(o));
    }
    let mut doc = Map::new();
    doc.insert("subjects".into(), Value::Array(docs));
    Ok(Actuals {
        file: file.clone(),
        doc: Value::Object(doc),
        names,
        places: Some(r.places),
        problems: r.problems,
    })
}
