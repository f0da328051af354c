//! A *wide* table: one row per subject; an `id` (or `subject`) column, one column per
//! indicator id (the actual), and optionally `name` (ignored), `active`, `base`,
//! `targets.<indicator>`, `points.<adjustment>`, `groups.<key>` or a bare group key
//! the plan ranks `within`. Large tables are read on several threads.

use super::numbers::{normalise_number, num_col, Num};
use super::text::{normalise_text, text_col, Text};
use super::{at_cell, cell, check_id, Problems};
use arrow_array::{ArrayRef, RecordBatch};
use attain::{Code, Plan, Problem, SubjectInput};
use std::collections::HashSet;

/// What a column of a wide table holds.
#[derive(Debug, Clone)]
enum Role {
    Id,
    Ignored,
    Actual(usize),
    Target(String),
    Points(String),
    Group(String),
    Active,
    Base,
}

impl Role {
    fn is_text(&self) -> bool {
        matches!(self, Role::Id | Role::Group(_))
    }
}

/// Read the subjects of a wide table.
pub(super) fn read(
    plan: &Plan,
    names: &[&str],
    batches: &[RecordBatch],
    floats: crate::floats::Floats,
    problems: &mut Problems,
) -> Vec<SubjectInput> {
    let within: Vec<String> = plan
        .spec()
        .ranking
        .as_ref()
        .map(|r| r.within.clone())
        .unwrap_or_default();
    let mut roles = Vec::with_capacity(names.len());
    let mut seen = HashSet::new();
    let mut id_column: Option<&str> = None;
    for (c, &name) in names.iter().enumerate() {
        if !seen.insert(name) {
            problems.column(
                c,
                name,
                Code::DuplicateId,
                format!("column {name:?} appears twice"),
            );
        }
        let role = if let Some(i) = plan.indicator_index(name) {
            Role::Actual(i)
        } else if name == "id" || name == "subject" {
            if let Some(other) = id_column {
                problems.column(
                    c,
                    name,
                    Code::DuplicateId,
                    format!("both {other:?} and {name:?} columns: keep one subject id column"),
                );
            }
            id_column = Some(name);
            Role::Id
        } else if name == "name" {
            Role::Ignored
        } else if name == "active" {
            Role::Active
        } else if name == "base" {
            Role::Base
        } else if let Some(ind) = name.strip_prefix("targets.") {
            if plan.indicator_index(ind).is_none() {
                problems.column(
                    c,
                    name,
                    Code::UnknownIndicator,
                    format!("no indicator {ind:?} in plan {:?}", plan.id()),
                );
            }
            Role::Target(ind.to_string())
        } else if let Some(adj) = name.strip_prefix("points.") {
            Role::Points(adj.to_string())
        } else if let Some(key) = name.strip_prefix("groups.") {
            Role::Group(key.to_string())
        } else if within.iter().any(|w| w == name) {
            Role::Group(name.to_string())
        } else {
            let ids: Vec<&str> = plan.indicator_ids().collect();
            problems.column(
                c,
                name,
                Code::UnknownField,
                format!(
                    "column {name:?} is neither an indicator of plan {:?} ({}) nor id, subject, name, active, base, targets.*, points.*, groups.*",
                    plan.id(),
                    ids.join(", ")
                ),
            );
            Role::Ignored
        };
        roles.push(role);
    }
    if !problems.list.is_empty() {
        return Vec::new();
    }
    let id_name = id_column.unwrap_or("id");
    let total_rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    let mut out = Vec::with_capacity(total_rows);
    let mut offset = 0usize;
    for batch in batches {
        // Resolve each column of this batch once.
        let mut normalised: Vec<Option<ArrayRef>> = Vec::with_capacity(roles.len());
        for (c, role) in roles.iter().enumerate() {
            let name = names.get(c).copied().unwrap_or("");
            let array = batch.column(c);
            let n = if matches!(role, Role::Ignored) {
                None
            } else if role.is_text() {
                match normalise_text(array) {
                    Ok(a) => Some(a),
                    Err(m) => {
                        problems.column(c, name, Code::WrongType, m);
                        None
                    }
                }
            } else {
                match normalise_number(array) {
                    Ok(a) => Some(a),
                    Err(m) => {
                        problems.column(c, name, Code::WrongType, m);
                        None
                    }
                }
            };
            normalised.push(n);
        }
        let mut nums: Vec<Option<Num>> = Vec::with_capacity(roles.len());
        let mut texts: Vec<Option<Text>> = Vec::with_capacity(roles.len());
        for (c, (role, array)) in roles.iter().zip(&normalised).enumerate() {
            let (mut num, mut text) = (None, None);
            if let Some(array) = array {
                if role.is_text() {
                    text = text_col(array, c, names, problems);
                } else {
                    num = num_col(array, c, names, floats, problems);
                }
            }
            nums.push(num);
            texts.push(text);
        }
        if !problems.list.is_empty() {
            return Vec::new();
        }
        let id_col = roles.iter().position(|r| matches!(r, Role::Id));
        let columns = Columns {
            plan,
            roles: &roles,
            names,
            id_col,
            id_name,
            nums: &nums,
            texts: &texts,
        };
        let n = batch.num_rows();
        let threads = std::thread::available_parallelism()
            .map_or(1, |t| t.get())
            .min(8);
        if threads <= 1 || n < 20_000 {
            let (subjects, found) = columns.rows(0..n, offset);
            out.extend(subjects);
            problems.list.extend(found);
        } else {
            let chunk = n.div_ceil(threads);
            let columns = &columns;
            let parts: Vec<(Vec<SubjectInput>, Vec<Problem>)> = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..n)
                    .step_by(chunk)
                    .map(|start| {
                        scope.spawn(move || columns.rows(start..(start + chunk).min(n), offset))
                    })
                    .collect();
                handles.into_iter().filter_map(|h| h.join().ok()).collect()
            });
            if parts.len() != n.div_ceil(chunk) {
                problems.push(
                    String::new(),
                    Code::InvalidValue,
                    "a thread reading the table failed",
                );
            }
            for (subjects, found) in parts {
                out.extend(subjects);
                problems.list.extend(found);
            }
        }
        offset += n;
    }
    out
}

/// The resolved columns of one batch of a wide table.
struct Columns<'a, 'b> {
    plan: &'a Plan,
    roles: &'a [Role],
    names: &'a [&'a str],
    id_col: Option<usize>,
    id_name: &'a str,
    nums: &'a [Option<Num<'b>>],
    texts: &'a [Option<Text<'b>>],
}

impl Columns<'_, '_> {
    /// Subjects of the rows `range` of the batch (`offset`: its first row in the table).
    fn rows(
        &self,
        range: std::ops::Range<usize>,
        offset: usize,
    ) -> (Vec<SubjectInput>, Vec<Problem>) {
        let mut problems = Problems {
            list: Vec::new(),
            bad_columns: HashSet::new(),
        };
        let mut out = Vec::with_capacity(range.len());
        let mut buf = String::new();
        for r in range {
            let row = offset + r;
            let id = match self.id_col {
                None => row.to_string(),
                Some(c) => match self
                    .texts
                    .get(c)
                    .and_then(|t| t.as_ref())
                    .and_then(|t| t.get(r))
                {
                    Some(id) => id.to_string(),
                    None => {
                        problems.push(
                            cell(row, self.id_name),
                            Code::InvalidId,
                            "the subject id is missing (null)",
                        );
                        continue;
                    }
                },
            };
            if !check_id(&id, row, self.id_name, &mut problems) {
                continue;
            }
            let mut s = SubjectInput::new(self.plan, id);
            for (c, role) in self.roles.iter().enumerate() {
                let name = self.names.get(c).copied().unwrap_or("");
                if let Some(Some(text)) = self.texts.get(c) {
                    if let (Role::Group(key), Some(v)) = (role, text.get(r)) {
                        s.set_group(key.clone(), v);
                    }
                    continue;
                }
                let Some(Some(num)) = self.nums.get(c) else {
                    continue;
                };
                let value = match num.get(r, &mut buf) {
                    None => continue,
                    Some(Ok(d)) => d,
                    Some(Err((code, message))) => {
                        problems.push(cell(row, name), code, message);
                        continue;
                    }
                };
                let done = match role {
                    Role::Actual(i) => {
                        s.set_actual_at(*i, Some(value));
                        Ok(())
                    }
                    Role::Target(ind) => s.set_target(ind, value),
                    Role::Points(adj) => s.set_points(adj, value),
                    Role::Active => s.set_active(value),
                    Role::Base => {
                        s.set_base(value);
                        Ok(())
                    }
                    Role::Id | Role::Group(_) | Role::Ignored => Ok(()),
                };
                if let Err(e) = done {
                    at_cell(&mut problems, e, row, name);
                }
            }
            out.push(s);
        }
        (out, problems.list)
    }
}
