//! Arrow extension types (a storage type plus a name in the field's metadata): read
//! by their meaning, not their storage, or refused. pandas' `Period` is stored as
//! its ordinal (an int64 counting periods since 1970), which read as a number or
//! an id would be silently wrong: a daily Period is the date it names, any other
//! frequency is refused. An extension stored as text is that text (`arrow.json`);
//! any other is refused (its storage is not what it means).

use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_cast::{cast_with_options, CastOptions};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use std::sync::Arc;

const NAME: &str = "ARROW:extension:name";
const METADATA: &str = "ARROW:extension:metadata";

/// The frequency of a `pandas.period` field (its metadata is `{"freq": "M"}`).
fn period_frequency(field: &Field) -> String {
    field
        .metadata()
        .get(METADATA)
        .and_then(|m| serde_json::from_str::<serde_json::Value>(m).ok())
        .and_then(|v| v.get("freq").and_then(|f| f.as_str()).map(str::to_string))
        .unwrap_or_default()
}

/// What a column of an extension type is read as: None when it is read as it is.
fn resolve(field: &Field, array: &ArrayRef) -> Result<Option<(DataType, ArrayRef)>, String> {
    let Some(extension) = field.metadata().get(NAME) else {
        return Ok(None);
    };
    let storage = array.data_type();
    if extension == "pandas.period" {
        let freq = period_frequency(field);
        if freq == "D" && storage == &DataType::Int64 {
            // A daily period's ordinal is the day number since 1970-01-01: a date32.
            let strict = CastOptions {
                safe: false,
                ..CastOptions::default()
            };
            let days = cast_with_options(array, &DataType::Int32, &strict)
                .and_then(|d| cast_with_options(&d, &DataType::Date32, &strict))
                .map_err(|e| format!("pandas Periods that are not dates: {e}"))?;
            return Ok(Some((DataType::Date32, days)));
        }
        return Err(format!(
            "pandas Periods of frequency {freq:?} (a period is not a number, an id or a \
             date): give the dates (.dt.start_time, or daily Periods) or the text"
        ));
    }
    match storage {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => Ok(None),
        other => Err(format!(
            "the Arrow extension type {extension:?} (stored as {other}): give text, \
             numbers, dates or timestamps"
        )),
    }
}

/// The batches with extension columns resolved (same schema for every batch), or
/// the columns refused: (index, name, why).
#[allow(clippy::type_complexity)]
pub fn resolve_all(
    schema: &SchemaRef,
    batches: Vec<RecordBatch>,
) -> Result<(SchemaRef, Vec<RecordBatch>), Vec<(usize, String, String)>> {
    if !schema
        .fields()
        .iter()
        .any(|f| f.metadata().contains_key(NAME))
    {
        return Ok((schema.clone(), batches));
    }
    // No rows: the columns' types are still checked, on one empty batch.
    let batches = if batches.is_empty() {
        vec![RecordBatch::new_empty(schema.clone())]
    } else {
        batches
    };
    let mut refused = Vec::new();
    let mut out = Vec::with_capacity(batches.len());
    let mut new_schema: Option<SchemaRef> = None;
    for batch in batches {
        let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
        let mut fields: Vec<Field> = schema.fields().iter().map(|f| f.as_ref().clone()).collect();
        for (i, field) in schema.fields().iter().enumerate() {
            let Some(column) = columns.get(i).cloned() else {
                continue;
            };
            match resolve(field, &column) {
                Ok(None) => {}
                Ok(Some((data_type, array))) => {
                    if let (Some(slot), Some(f)) = (columns.get_mut(i), fields.get_mut(i)) {
                        *slot = array;
                        *f = Field::new(field.name(), data_type, field.is_nullable());
                    }
                }
                Err(why) => {
                    if !refused.iter().any(|(j, _, _)| *j == i) {
                        refused.push((i, field.name().clone(), why));
                    }
                }
            }
        }
        if !refused.is_empty() {
            continue;
        }
        let resolved = Arc::new(Schema::new(fields));
        let batch = RecordBatch::try_new(resolved.clone(), columns)
            .map_err(|e: ArrowError| vec![(0, String::new(), e.to_string())])?;
        new_schema = Some(resolved);
        out.push(batch);
    }
    if !refused.is_empty() {
        return Err(refused);
    }
    Ok((new_schema.unwrap_or_else(|| schema.clone()), out))
}
