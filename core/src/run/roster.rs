//! Who is scored (the roster), their targets, team targets split to members
//! (目标分解), and actuals given directly. Rows are JSON objects of text fields
//! (a CSV file becomes such rows with its header as keys).

use crate::error::Code;
use crate::plan::calendar::parse_date;
use crate::util::json::{Json, Map};
use crate::util::json_reader::{closest, index, join, unknown_message, Reader};
use crate::util::number::parse_decimal;
use crate::util::rounding::GUARD_SCALE;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// One roster row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    pub id: String,
    pub name: Option<String>,
    pub role: Option<String>,
    pub team: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub share: Option<Decimal>,
}

/// A `targets`, `team_targets`, `actuals` or `points` row: who (subject or team),
/// which indicator (or adjustment), what value, and the row's path for errors.
#[derive(Debug, Clone)]
pub(crate) struct ValueRow {
    pub who: String,
    pub indicator: String,
    pub value: Decimal,
    pub path: String,
}

/// Turn CSV text into rows (objects of text fields), for the run's tables.
pub fn csv_rows(text: &str) -> Result<Value, String> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        let obj: serde_json::Map<String, Value> = headers
            .iter()
            .zip(rec.iter())
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect();
        rows.push(Value::Object(obj));
    }
    Ok(Value::Array(rows))
}

fn text(v: &Json) -> Option<String> {
    match v {
        Json::Null => None,
        Json::String(s) if s.is_empty() => None,
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.clone()),
        other => Some(other.to_text()),
    }
}

/// The columns of a roster row. `name` and `team_name` are for display only (the
/// CLI shows them); the core does not read them.
pub(crate) const ROSTER_COLUMNS: &[&str] = &[
    "subject",
    "name",
    "role",
    "team",
    "team_name",
    "start",
    "end",
    "share",
];

/// The rows of a table, each with its path, and the known columns that an unknown
/// one seems to misname (`rol` → `role`).
struct Rows<'v> {
    rows: Vec<(&'v Map, String)>,
    misnamed: HashSet<String>,
}

impl Rows<'_> {
    /// Report a required column missing from a row, unless an unknown column of
    /// the table misnames it: that one problem (with its hint) says it already.
    fn missing(&self, r: &mut Reader, row: &str, column: &str, message: String) {
        if !self.misnamed.contains(column) {
            r.push(join(row, column), Code::MissingField, message);
        }
    }
}

/// The rows of a table (an array of objects, or null), each with its path. A column
/// not in `columns` is refused once per table, at the first row that has it.
fn rows<'v>(r: &mut Reader, v: Option<&'v Json>, path: &str, columns: &[&str]) -> Rows<'v> {
    let mut out = Rows {
        rows: Vec::new(),
        misnamed: HashSet::new(),
    };
    let Some(v) = v else { return out };
    if v.is_null() {
        return out;
    }
    let Some(items) = r.array(v, path) else {
        return out;
    };
    let mut unknown: HashSet<&str> = HashSet::new();
    for (i, row) in items.iter().enumerate() {
        let p = index(path, i);
        let Some(m) = r.map(row, &p) else { continue };
        for key in m.keys() {
            if !columns.contains(&key.as_str()) && unknown.insert(key.as_str()) {
                r.push(
                    join(&p, key),
                    Code::UnknownField,
                    unknown_message("column", key, columns),
                );
                if let Some(known) = closest(key, columns) {
                    out.misnamed.insert(known.to_string());
                }
            }
        }
        out.rows.push((m, p));
    }
    out
}

pub(crate) fn read_roster(r: &mut Reader, v: Option<&Json>) -> Vec<Member> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let table = rows(r, v, "/roster", ROSTER_COLUMNS);
    for (row, p) in &table.rows {
        let (row, p) = (*row, p.as_str());
        let get = |k: &str| row.get(k).and_then(text);
        let Some(id) = get("subject") else {
            table.missing(r, p, "subject", "a roster row needs a subject".into());
            continue;
        };
        if !seen.insert(id.clone()) {
            r.push(
                join(p, "subject"),
                Code::DuplicateSubject,
                format!("subject {id:?} is in the roster twice"),
            );
            continue;
        }
        let date = |r: &mut Reader, k: &str| {
            let t = get(k)?;
            let d = parse_date(&t);
            if d.is_none() {
                r.push(
                    join(p, k),
                    Code::BadDate,
                    format!("{t:?} is not a date (YYYY-MM-DD)"),
                );
            }
            d
        };
        let start = date(r, "start");
        let end = date(r, "end");
        let share = match get("share") {
            None => None,
            Some(t) => match parse_decimal(&t) {
                Ok(d) if !d.is_sign_negative() => Some(d),
                _ => {
                    r.push(
                        join(p, "share"),
                        Code::BadNumber,
                        format!("{t:?} is not a share (a decimal ≥ 0)"),
                    );
                    None
                }
            },
        };
        out.push(Member {
            id,
            name: get("name"),
            role: get("role"),
            team: get("team"),
            start,
            end,
            share,
        });
    }
    out
}

/// Rows of (who, indicator, value) from `targets`, `team_targets` or `actuals`.
pub(crate) fn read_values(
    r: &mut Reader,
    v: Option<&Json>,
    path: &str,
    who: &str,
    value: &str,
) -> Vec<ValueRow> {
    read_rows(r, v, path, [who, "indicator", value])
}

/// Rows of (who, key, value) of a table with these three required columns (the
/// key, e.g. `indicator` or `adjustment`, kept in [`ValueRow::indicator`]).
pub(crate) fn read_rows(
    r: &mut Reader,
    v: Option<&Json>,
    path: &str,
    columns: [&str; 3],
) -> Vec<ValueRow> {
    let [who, key, value] = columns;
    let mut out = Vec::new();
    let table = rows(r, v, path, &columns);
    for (row, p) in &table.rows {
        let (row, p) = (*row, p.clone());
        let get = |k: &str| row.get(k).and_then(text);
        let (Some(w), Some(ind)) = (get(who), get(key)) else {
            let missing = if get(who).is_none() { who } else { key };
            table.missing(r, &p, missing, format!("a row needs {missing:?}"));
            continue;
        };
        let Some(t) = get(value) else {
            table.missing(r, &p, value, format!("a row needs {value:?}"));
            continue;
        };
        match parse_decimal(&t) {
            Ok(d) => out.push(ValueRow {
                who: w,
                indicator: ind,
                value: d,
                path: p,
            }),
            Err(_) => r.push(
                join(&p, value),
                Code::BadNumber,
                format!("{t:?} is not a decimal number"),
            ),
        }
    }
    out
}

/// Split `total` among `members` (subject id, share) in units of `step`, by the
/// largest-remainder rule (see `docs/FORMAT.md`). The parts add up to `total`.
/// None when the arithmetic goes beyond 28 significant digits.
pub(crate) fn split(
    total: Decimal,
    step: Decimal,
    members: &[(String, Decimal)],
) -> Option<HashMap<String, Decimal>> {
    let mut out = HashMap::new();
    if members.is_empty() || step <= Decimal::ZERO {
        return Some(out);
    }
    let sum = members
        .iter()
        .try_fold(Decimal::ZERO, |a, m| a.checked_add(m.1))?;
    let even = sum <= Decimal::ZERO;
    let sum = if even {
        Decimal::from(members.len() as u64)
    } else {
        sum
    };
    let units = total.checked_div(step)?.floor();
    // Below one step: to the first member by id.
    let rest = total.checked_sub(units.checked_mul(step)?)?;
    let mut parts: Vec<(&str, Decimal, Decimal)> = Vec::with_capacity(members.len());
    for (id, share) in members {
        let share = if even { Decimal::ONE } else { *share };
        let exact = units
            .checked_mul(share)?
            .checked_div(sum)?
            .round_dp_with_strategy(GUARD_SCALE, RoundingStrategy::MidpointNearestEven);
        let base = exact.floor();
        parts.push((id.as_str(), base, exact.checked_sub(base)?));
    }
    let given = parts
        .iter()
        .try_fold(Decimal::ZERO, |a, p| a.checked_add(p.1))?;
    let mut left = units.checked_sub(given)?.max(Decimal::ZERO);
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| match (parts.get(a), parts.get(b)) {
        (Some(pa), Some(pb)) => pb.2.cmp(&pa.2).then(pa.0.cmp(pb.0)),
        _ => std::cmp::Ordering::Equal,
    });
    for &i in order.iter().cycle().take(parts.len() * 2) {
        if left <= Decimal::ZERO {
            break;
        }
        if let Some(p) = parts.get_mut(i) {
            p.1 = p.1.checked_add(Decimal::ONE)?;
            left = left.checked_sub(Decimal::ONE)?;
        }
    }
    let first = members
        .iter()
        .map(|m| m.0.as_str())
        .min()
        .unwrap_or_default();
    for (id, u, _) in &parts {
        let mut v = u.checked_mul(step)?;
        if *id == first {
            v = v.checked_add(rest)?;
        }
        out.insert(id.to_string(), v.normalize());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[(&str, i64)]) -> Vec<(String, Decimal)> {
        v.iter()
            .map(|(s, d)| (s.to_string(), Decimal::from(*d)))
            .collect()
    }

    #[test]
    fn even_split_gives_the_remainder_by_id() {
        let m = split(
            Decimal::from(100),
            Decimal::ONE,
            &ids(&[("c", 0), ("a", 0), ("b", 0)]),
        )
        .unwrap_or_default();
        assert_eq!(
            (m["a"], m["b"], m["c"]),
            (Decimal::from(34), Decimal::from(33), Decimal::from(33))
        );
    }

    #[test]
    fn share_split_adds_up_in_cents() {
        let members = ids(&[("a", 1), ("b", 1), ("c", 1)]);
        let m = split(Decimal::new(100_000, 2), Decimal::new(1, 2), &members).unwrap_or_default();
        let total = m.values().try_fold(Decimal::ZERO, |a, v| a.checked_add(*v));
        assert_eq!(total, Some(Decimal::from(1000)));
        assert_eq!(m["a"], Decimal::new(33_334, 2));
    }
}
