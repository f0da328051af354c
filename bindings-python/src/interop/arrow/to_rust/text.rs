//! Text from Arrow columns (subject ids, indicator ids, group values): string
//! columns as they are, integer and dictionary columns cast to strings.

use super::Problems;
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, LargeStringArray, StringArray, StringViewArray};
use arrow_schema::DataType;
use attain::Code;

/// A column of text (ids, indicator ids, group values), resolved once per batch.
pub(super) enum Text<'a> {
    Nulls,
    Utf8(&'a StringArray),
    LargeUtf8(&'a LargeStringArray),
    View(&'a StringViewArray),
}

/// Normalise integer and dictionary columns to strings; refuse other types.
pub(super) fn normalise_text(array: &ArrayRef) -> Result<ArrayRef, String> {
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

    pub(super) fn get(&self, row: usize) -> Option<&'a str> {
        match self {
            Text::Nulls => None,
            Text::Utf8(a) => (row < a.len() && !a.is_null(row)).then(|| a.value(row)),
            Text::LargeUtf8(a) => (row < a.len() && !a.is_null(row)).then(|| a.value(row)),
            Text::View(a) => (row < a.len() && !a.is_null(row)).then(|| a.value(row)),
        }
    }
}

pub(super) fn text_col<'a>(
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
