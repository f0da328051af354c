//! Arrow tables → the core's `SubjectInput`s, column by column, with no Python object
//! per row (the data came in through the Arrow PyCapsule interface).
//!
//! Two layouts:
//! - *wide*: one row per subject; an `id` (or `subject`) column, one column per
//!   indicator id (the actual), and optionally `name` (ignored), `active`, `base`,
//!   `targets.<indicator>`, `points.<adjustment>`, `groups.<key>` or a bare group key
//!   the plan ranks `within`.
//! - *long*: one row per subject and indicator: `subject` (or `id`), `indicator`,
//!   `actual`, optionally `target`.
//!
//! Numbers may be decimal (32/64/128/256), integer, string or float columns. A float is
//! read from its shortest round-trip text, so 1234.56 stays exactly 1234.56; in strict
//! mode float columns are refused. Every refusal has a path: `/columns/<name>` for a
//! column, `/rows/<row>/<column>` for a value.

use crate::convert::join;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Decimal256Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type,
    Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, Decimal128Array, Decimal256Array, Float32Array, Float64Array,
    LargeStringArray, PrimitiveArray, RecordBatch, StringArray, StringViewArray,
};
use arrow_schema::{DataType, Schema};
use attain::{parse_decimal, Code, Decimal, Plan, Problem, SubjectInput};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// How the table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Auto,
    Wide,
    Long,
}

/// Numbers within these bounds are accepted without going through text (the same
/// bounds `attain::parse_decimal` applies; anything else is decided by the core).
const LIMIT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0); // 10^15
const LIMIT_I: i128 = 1_000_000_000_000_000;

fn within_limits(d: Decimal) -> bool {
    d.abs() < LIMIT
        && (d.scale() <= attain::limits::MAX_FRACTION_DIGITS
            || d.normalize().scale() <= attain::limits::MAX_FRACTION_DIGITS)
}

type NumResult = Result<Decimal, (Code, String)>;

fn parse(text: &str) -> NumResult {
    parse_decimal(text)
}

fn from_int(v: i128) -> NumResult {
    if v.abs() < LIMIT_I {
        Ok(Decimal::from_i128_with_scale(v, 0))
    } else {
        parse(&v.to_string())
    }
}

/// An unscaled integer `v` × 10^-scale (Arrow decimals).
fn from_unscaled(v: i128, scale: i8, buf: &mut String) -> NumResult {
    if (0..=28).contains(&scale) {
        if let Ok(d) = Decimal::try_from_i128_with_scale(v, scale as u32) {
            if within_limits(d) {
                return Ok(d);
            }
        }
    }
    buf.clear();
    let _ = write!(buf, "{v}e{}", -(scale as i32));
    parse(buf)
}

const POW10: [f64; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/// The decimal with the fewest fraction digits (at most 10) and at most 15 significant
/// digits that reads back as `f`, if there is one. It is the value of `f`'s shortest
/// round-trip text: a decimal of at most 15 significant digits is the only one of its
/// length that rounds to its double (DBL_DIG), and `m / 10^s` below is a correctly
/// rounded IEEE division of two exactly representable numbers, i.e. what a correct
/// parser of the text `m·10^-s` gives.
fn shortest_decimal(f: f64) -> Option<Decimal> {
    if !f.is_finite() || f.abs() >= 1e15 {
        return None;
    }
    for (s, p) in POW10.iter().enumerate() {
        let m = (f * p).round();
        if m.abs() >= 1e15 {
            return None;
        }
        if m / p == f {
            return Some(Decimal::new(m as i64, s as u32));
        }
    }
    None
}

fn from_f64(f: f64, buf: &mut String) -> NumResult {
    if let Some(d) = shortest_decimal(f) {
        return Ok(d);
    }
    buf.clear();
    let _ = write!(buf, "{f}");
    parse(buf)
}

fn from_f32(f: f32, buf: &mut String) -> NumResult {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        return Ok(Decimal::from(f as i64));
    }
    buf.clear();
    let _ = write!(buf, "{f}");
    parse(buf)
}

/// A column of numbers, resolved once per batch.
enum Num<'a> {
    Nulls,
    F64(&'a Float64Array),
    F32(&'a Float32Array),
    I8(&'a PrimitiveArray<Int8Type>),
    I16(&'a PrimitiveArray<Int16Type>),
    I32(&'a PrimitiveArray<Int32Type>),
    I64(&'a PrimitiveArray<Int64Type>),
    U8(&'a PrimitiveArray<UInt8Type>),
    U16(&'a PrimitiveArray<UInt16Type>),
    U32(&'a PrimitiveArray<UInt32Type>),
    U64(&'a PrimitiveArray<UInt64Type>),
    D128(&'a Decimal128Array, i8),
    D256(&'a Decimal256Array, i8),
    Utf8(&'a StringArray),
    LargeUtf8(&'a LargeStringArray),
    View(&'a StringViewArray),
}

/// Normalise rarer encodings (dictionaries, half floats, small decimals) to the ones
/// [`Num`] reads. `Err` is why the column cannot hold numbers.
fn normalise_number(array: &ArrayRef) -> Result<ArrayRef, String> {
    let target = match array.data_type() {
        DataType::Dictionary(_, value) => Some(value.as_ref().clone()),
        DataType::Float16 => Some(DataType::Float32),
        DataType::Decimal32(p, s) | DataType::Decimal64(p, s) => Some(DataType::Decimal128(*p, *s)),
        _ => None,
    };
    match target {
        None => Ok(array.clone()),
        Some(t) => {
            let cast = arrow_cast::cast(array, &t).map_err(|e| e.to_string())?;
            match cast.data_type() {
                DataType::Dictionary(..) => Err("nested dictionaries are not read".to_string()),
                _ => normalise_number(&cast),
            }
        }
    }
}

impl<'a> Num<'a> {
    fn of(array: &'a ArrayRef) -> Result<Num<'a>, String> {
        let bad = || format!("a {} column cannot hold numbers", array.data_type());
        Ok(match array.data_type() {
            DataType::Null => Num::Nulls,
            DataType::Float64 => Num::F64(array.as_primitive_opt::<Float64Type>().ok_or_else(bad)?),
            DataType::Float32 => Num::F32(array.as_primitive_opt::<Float32Type>().ok_or_else(bad)?),
            DataType::Int8 => Num::I8(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::Int16 => Num::I16(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::Int32 => Num::I32(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::Int64 => Num::I64(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::UInt8 => Num::U8(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::UInt16 => Num::U16(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::UInt32 => Num::U32(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::UInt64 => Num::U64(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::Decimal128(_, s) => Num::D128(
                array.as_primitive_opt::<Decimal128Type>().ok_or_else(bad)?,
                *s,
            ),
            DataType::Decimal256(_, s) => Num::D256(
                array.as_primitive_opt::<Decimal256Type>().ok_or_else(bad)?,
                *s,
            ),
            DataType::Utf8 => Num::Utf8(array.as_string_opt::<i32>().ok_or_else(bad)?),
            DataType::LargeUtf8 => Num::LargeUtf8(array.as_string_opt::<i64>().ok_or_else(bad)?),
            DataType::Utf8View => Num::View(array.as_string_view_opt().ok_or_else(bad)?),
            _ => return Err(bad()),
        })
    }

    fn is_float(&self) -> bool {
        matches!(self, Num::F64(_) | Num::F32(_))
    }

    /// The value at `row` (None for null = no data).
    fn get(&self, row: usize, buf: &mut String) -> Option<NumResult> {
        fn prim<T: arrow_array::ArrowPrimitiveType>(
            a: &PrimitiveArray<T>,
            row: usize,
        ) -> Option<T::Native> {
            if row >= a.len() || a.is_null(row) {
                None
            } else {
                Some(a.value(row))
            }
        }
        fn text<'s>(
            a: &'s dyn Array,
            row: usize,
            v: impl FnOnce() -> &'s str,
        ) -> Option<NumResult> {
            if row >= a.len() || a.is_null(row) {
                None
            } else {
                Some(parse(v()))
            }
        }
        match self {
            Num::Nulls => None,
            Num::F64(a) => prim(*a, row).map(|f| from_f64(f, buf)),
            Num::F32(a) => prim(*a, row).map(|f| from_f32(f, buf)),
            Num::I8(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::I16(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::I32(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::I64(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::U8(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::U16(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::U32(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::U64(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::D128(a, s) => prim(*a, row).map(|v| from_unscaled(v, *s, buf)),
            Num::D256(a, s) => prim(*a, row).map(|v| match v.to_i128() {
                Some(v) => from_unscaled(v, *s, buf),
                None => {
                    let t = format!("{v}e{}", -(*s as i32));
                    parse(&t)
                }
            }),
            Num::Utf8(a) => text(*a, row, || a.value(row)),
            Num::LargeUtf8(a) => text(*a, row, || a.value(row)),
            Num::View(a) => text(*a, row, || a.value(row)),
        }
    }
}

/// A column of text (ids, indicator ids, group values), resolved once per batch.
enum Text<'a> {
    Nulls,
    Utf8(&'a StringArray),
    LargeUtf8(&'a LargeStringArray),
    View(&'a StringViewArray),
}

/// Normalise integer and dictionary columns to strings; refuse other types.
fn normalise_text(array: &ArrayRef) -> Result<ArrayRef, String> {
    let dt = array.data_type();
    let ok_source = |dt: &DataType| {
        dt.is_integer()
            || matches!(
                dt,
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
            )
    };
    match dt {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => {
            Ok(array.clone())
        }
        DataType::Dictionary(_, v) if ok_source(v) => {
            arrow_cast::cast(array, &DataType::Utf8).map_err(|e| e.to_string())
        }
        d if d.is_integer() => arrow_cast::cast(array, &DataType::Utf8).map_err(|e| e.to_string()),
        d => Err(format!(
            "a {d} column cannot hold ids or names: use strings or integers"
        )),
    }
}

impl<'a> Text<'a> {
    fn of(array: &'a ArrayRef) -> Result<Text<'a>, String> {
        let bad = || format!("a {} column cannot hold text", array.data_type());
        Ok(match array.data_type() {
            DataType::Null => Text::Nulls,
            DataType::Utf8 => Text::Utf8(array.as_string_opt::<i32>().ok_or_else(bad)?),
            DataType::LargeUtf8 => Text::LargeUtf8(array.as_string_opt::<i64>().ok_or_else(bad)?),
            DataType::Utf8View => Text::View(array.as_string_view_opt().ok_or_else(bad)?),
            _ => return Err(bad()),
        })
    }

    fn get(&self, row: usize) -> Option<&'a str> {
        match self {
            Text::Nulls => None,
            Text::Utf8(a) => (row < a.len() && !a.is_null(row)).then(|| a.value(row)),
            Text::LargeUtf8(a) => (row < a.len() && !a.is_null(row)).then(|| a.value(row)),
            Text::View(a) => (row < a.len() && !a.is_null(row)).then(|| a.value(row)),
        }
    }
}

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
    // The same rule as the input document's subject ids: 1 to 256 bytes.
    let ok = !id.is_empty() && id.len() <= 256;
    if !ok {
        problems.push(
            cell(row, column),
            Code::InvalidId,
            "a subject id has 1 to 256 bytes",
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
    strict: bool,
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
        Layout::Long => (long(plan, &names, batches, strict, &mut problems), None),
        _ => {
            let id = names
                .iter()
                .find(|n| (**n == "id" || **n == "subject") && plan.indicator_index(n).is_none())
                .map_or("id", |n| *n)
                .to_string();
            (wide(plan, &names, batches, strict, &mut problems), Some(id))
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

fn text_col<'a>(
    a: &'a ArrayRef,
    c: usize,
    names: &[&str],
    problems: &mut Problems,
) -> Option<Text<'a>> {
    match Text::of(a) {
        Ok(t) => Some(t),
        Err(m) => {
            problems.column(c, names.get(c).copied().unwrap_or(""), Code::WrongType, m);
            None
        }
    }
}

fn num_col<'a>(
    a: &'a ArrayRef,
    c: usize,
    names: &[&str],
    strict: bool,
    problems: &mut Problems,
) -> Option<Num<'a>> {
    let name = names.get(c).copied().unwrap_or("");
    match Num::of(a) {
        Ok(n) if strict && n.is_float() => {
            problems.column(c, name, Code::WrongType, float_refused(name));
            None
        }
        Ok(n) => Some(n),
        Err(m) => {
            problems.column(c, name, Code::WrongType, m);
            None
        }
    }
}

fn float_refused(name: &str) -> String {
    format!(
        "column {name:?} holds binary floats, refused in strict mode: use a decimal, integer or string column"
    )
}

fn wide(
    plan: &Plan,
    names: &[&str],
    batches: &[RecordBatch],
    strict: bool,
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
                    num = num_col(array, c, names, strict, problems);
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

fn long(
    plan: &Plan,
    names: &[&str],
    batches: &[RecordBatch],
    strict: bool,
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
            num_col(&actuals_a, ac, names, strict, problems),
        ) else {
            return Vec::new();
        };
        let targets = match (&targets_a, target_col) {
            (Some(a), Some(tc)) => match num_col(a, tc, names, strict, problems) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn via_text(f: f64) -> Option<Decimal> {
        parse(&format!("{f}")).ok()
    }

    #[test]
    fn fast_float_path_agrees_with_shortest_text() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            x >> 11
        };
        let mut checked = 0;
        for i in 0..400_000u64 {
            let r = next();
            let f = match i % 4 {
                // Decimals as a spreadsheet holds them: k / 10^s.
                0 => (r % 10_000_000_000) as f64 / POW10[(r % 11) as usize],
                1 => (r % 1_000_000_000_000_000) as f64 / POW10[(r % 11) as usize],
                // Arbitrary doubles in range, and results of arithmetic.
                2 => f64::from_bits(r | 0x3F00_0000_0000_0000) * 1e3,
                _ => (r % 100_000) as f64 * 0.1 + (r % 7) as f64 * 0.01,
            };
            let f = if r & 1 == 1 { -f } else { f };
            if let Some(fast) = shortest_decimal(f) {
                assert_eq!(Some(fast), via_text(f), "{f:?}");
                assert_eq!(
                    fast.to_string(),
                    format!("{f}").trim_end_matches(".0"),
                    "{f:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 200_000, "{checked}");
        for f in [
            0.1 + 0.2,
            1234.56,
            0.0,
            -0.0,
            1e-10,
            999_999_999_999_999.0,
            123_456_789_012_345.6,
        ] {
            if let Some(fast) = shortest_decimal(f) {
                assert_eq!(Some(fast), via_text(f), "{f:?}");
            }
        }
        assert_eq!(
            shortest_decimal(1234.56).map(|d| d.to_string()),
            Some("1234.56".to_string())
        );
        assert_eq!(shortest_decimal(0.1 + 0.2), None);
    }
}
