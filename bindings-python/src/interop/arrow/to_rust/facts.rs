//! Facts from an Arrow table (pyarrow, polars, pandas through the glue): every
//! column as text — string columns as they are, others by Arrow's own cast (dates
//! `2026-07-01`, timestamps ISO 8601 with their offset, decimals exactly, floats
//! as their shortest round-trip text) — handed to the core without a copy.

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;
use attain::run::{FactBatch, Offsets, TextColumn};
use attain::{Code, Problem};

/// One batch whose columns are all `Utf8` or `LargeUtf8`.
pub struct TextBatch {
    names: Vec<String>,
    arrays: Vec<ArrayRef>,
}

fn problem(column: &str, message: String) -> Problem {
    Problem::new(
        attain::pointer_join("/facts", column),
        Code::InvalidValue,
        message,
    )
}

/// Every column of every batch as text; a column that cannot be text (lists,
/// structs, binary) is refused with its name.
pub fn as_text(batches: &[RecordBatch]) -> Result<Vec<TextBatch>, Vec<Problem>> {
    let mut out = Vec::with_capacity(batches.len());
    for batch in batches {
        let schema = batch.schema();
        let mut problems = Vec::new();
        let mut arrays = Vec::with_capacity(batch.num_columns());
        for (field, column) in schema.fields().iter().zip(batch.columns()) {
            let name = field.name();
            let text = match column.data_type() {
                DataType::Utf8 | DataType::LargeUtf8 => Ok(column.clone()),
                DataType::List(_)
                | DataType::LargeList(_)
                | DataType::FixedSizeList(..)
                | DataType::Struct(_)
                | DataType::Map(..)
                | DataType::Union(..)
                | DataType::Binary
                | DataType::LargeBinary
                | DataType::BinaryView
                | DataType::FixedSizeBinary(_)
                // Their text (`PT1S`, `01:00:00`) is no number and no date: every
                // row would be rejected. A duration is given as a number of a unit.
                | DataType::Duration(_)
                | DataType::Interval(_)
                | DataType::Time32(_)
                | DataType::Time64(_) => Err(format!(
                    "column {name:?} is {}: a fact field is text, a number, a date or a timestamp",
                    column.data_type()
                )),
                _ => arrow_cast::cast(column, &DataType::Utf8)
                    .map_err(|e| format!("column {name:?} cannot be read as text: {e}")),
            };
            match text {
                Ok(a) => arrays.push(a),
                Err(m) => problems.push(problem(name, m)),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        out.push(TextBatch {
            names: schema.fields().iter().map(|f| f.name().clone()).collect(),
            arrays,
        });
    }
    Ok(out)
}

/// The core's view of one text batch (borrowing its buffers).
pub fn fact_batch(batch: &TextBatch) -> Result<FactBatch<'_>, Vec<Problem>> {
    let mut columns = Vec::with_capacity(batch.arrays.len());
    for (name, array) in batch.names.iter().zip(&batch.arrays) {
        let nulls = array
            .nulls()
            .map(|n| (n.validity(), n.offset()))
            .filter(|_| array.null_count() > 0);
        let column = if let Some(a) = array.as_string_opt::<i32>() {
            TextColumn::new(
                name.clone(),
                a.values().as_slice(),
                Offsets::Narrow(a.value_offsets()),
                nulls,
            )
        } else if let Some(a) = array.as_string_opt::<i64>() {
            TextColumn::new(
                name.clone(),
                a.values().as_slice(),
                Offsets::Wide(a.value_offsets()),
                nulls,
            )
        } else {
            Err(format!("column {name:?} is not text"))
        };
        columns.push(column.map_err(|m| vec![problem(name, m)])?);
    }
    FactBatch::new(columns).map_err(|m| vec![Problem::new("/facts", Code::InvalidValue, m)])
}
