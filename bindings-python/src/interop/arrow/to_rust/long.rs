//! A *long* table: one row per subject and indicator: `subject` (or `id`),
//! `indicator`, `actual`, optionally `target`.

use super::numbers::{normalise_number, num_col};
use super::text::{normalise_text, text_col};
use super::{at_cell, cell, check_id, Problems};
use crate::convert::join;
use arrow_array::RecordBatch;
use attain::{Code, Plan, SubjectInput};
use std::collections::{HashMap, HashSet};

/// Read the subjects of a long table.
pub(super) fn read(
    plan: &Plan,
    names: &[&str],
    batches: &[RecordBatch],
    floats: crate::floats::Floats,
    problems: &mut Problems,
) -> Vec<SubjectInput> {
    let find = |n: &str| names.iter().position(|&x| x == n);
    let subject_col = find("subject").or_else(|| find("id"));
    let subject_name = subject_col
        .and_then(|c| names.get(c).copied())
        .unwrap_or("subject");
    let (indicator_col, actual_col, target_col) =
        (find("indicator"), find("actual"), find("target"));
    for (c, &name) in names.iter().enumerate() {
        let known = Some(c) == subject_col
            || Some(c) == indicator_col
            || Some(c) == actual_col
            || Some(c) == target_col
            || name == "name";
        if !known {
            problems.column(
                c,
                name,
                Code::UnknownField,
                format!("column {name:?} is not one of subject (or id), indicator, actual, target of a long table"),
            );
        }
    }
    for (col, name) in [
        (subject_col, "subject"),
        (indicator_col, "indicator"),
        (actual_col, "actual"),
    ] {
        if col.is_none() {
            problems.push(
                join("/columns", name),
                Code::MissingField,
                format!("a long table needs a {name:?} column"),
            );
        }
    }
    let (Some(sc), Some(ic), Some(ac)) = (subject_col, indicator_col, actual_col) else {
        return Vec::new();
    };
    if !problems.list.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<SubjectInput> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut filled: HashSet<(usize, usize)> = HashSet::new();
    let mut buf = String::new();
    let mut offset = 0usize;
    for batch in batches {
        let prepare_text = |c: usize, problems: &mut Problems| match normalise_text(batch.column(c))
        {
            Ok(a) => Some(a),
            Err(m) => {
                problems.column(c, names.get(c).copied().unwrap_or(""), Code::WrongType, m);
                None
            }
        };
        let prepare_num =
            |c: usize, problems: &mut Problems| match normalise_number(batch.column(c)) {
                Ok(a) => Some(a),
                Err(m) => {
                    problems.column(c, names.get(c).copied().unwrap_or(""), Code::WrongType, m);
                    None
                }
            };
        let (Some(subjects_a), Some(indicators_a), Some(actuals_a)) = (
            prepare_text(sc, problems),
            prepare_text(ic, problems),
            prepare_num(ac, problems),
        ) else {
            return Vec::new();
        };
        let targets_a = match target_col {
            Some(tc) => match prepare_num(tc, problems) {
                Some(a) => Some(a),
                None => return Vec::new(),
            },
            None => None,
        };
        let (Some(subjects), Some(indicators), Some(actuals)) = (
            text_col(&subjects_a, sc, names, problems),
            text_col(&indicators_a, ic, names, problems),
            num_col(&actuals_a, ac, names, floats, problems),
        ) else {
            return Vec::new();
        };
        let targets = match (&targets_a, target_col) {
            (Some(a), Some(tc)) => match num_col(a, tc, names, floats, problems) {
                Some(n) => Some(n),
                None => return Vec::new(),
            },
            _ => None,
        };
        for r in 0..batch.num_rows() {
            let row = offset + r;
            let Some(id) = subjects.get(r) else {
                problems.push(
                    cell(row, subject_name),
                    Code::InvalidId,
                    "the subject id is missing (null)",
                );
                continue;
            };
            if !check_id(id, row, subject_name, problems) {
                continue;
            }
            let Some(indicator) = indicators.get(r) else {
                problems.push(
                    cell(row, "indicator"),
                    Code::UnknownIndicator,
                    "the indicator is missing (null)",
                );
                continue;
            };
            let Some(i) = plan.indicator_index(indicator) else {
                problems.push(
                    cell(row, "indicator"),
                    Code::UnknownIndicator,
                    format!("no indicator {indicator:?} in plan {:?}", plan.id()),
                );
                continue;
            };
            let k = match index.get(id) {
                Some(&k) => k,
                None => {
                    index.insert(id.to_string(), out.len());
                    out.push(SubjectInput::new(plan, id));
                    out.len() - 1
                }
            };
            if !filled.insert((k, i)) {
                problems.push(
                    format!("/rows/{row}"),
                    Code::DuplicateId,
                    format!("subject {id:?} has two rows for indicator {indicator:?}"),
                );
                continue;
            }
            let Some(s) = out.get_mut(k) else { continue };
            match actuals.get(r, &mut buf) {
                None => {}
                Some(Ok(d)) => s.set_actual_at(i, Some(d)),
                Some(Err((code, message))) => problems.push(cell(row, "actual"), code, message),
            }
            if let Some(t) = &targets {
                match t.get(r, &mut buf) {
                    None => {}
                    Some(Ok(d)) => {
                        if let Err(e) = s.set_target(indicator, d) {
                            at_cell(problems, e, row, "target");
                        }
                    }
                    Some(Err((code, message))) => problems.push(cell(row, "target"), code, message),
                }
            }
        }
        offset += batch.num_rows();
    }
    out
}
