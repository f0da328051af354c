//! Arrow out: `Results` → the summary table (one row per subject: id, status, total,
//! rating, rank, payout, flags, one decimal128 column per indicator score, at the
//! plan's scale), exported through the Arrow PyCapsule stream interface.

use crate::errors::{detached, Failure};
use crate::scaled::unscaled;
use crate::summary::indicator_columns;
use arrow_array::builder::{Decimal128Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use attain::Results;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::sync::Arc;

/// Arrow decimal precision of result figures: rust_decimal's 29 digits (below 2^96)
/// at up to `attain::limits::MAX_SCALE` (6) places need 35.
const PRECISION: u8 = 38;
const _: () = assert!(29 + attain::limits::MAX_SCALE <= PRECISION as u32);

/// The indicator scores of every card as unscaled integers at `scale`.
fn all_indicator_scores(results: &Results, scale: u32) -> Vec<Vec<Option<i128>>> {
    results
        .subjects()
        .iter()
        .map(|card| {
            results
                .indicator_scores(card)
                .into_iter()
                .map(|s| s.and_then(|d| unscaled(d, scale)))
                .collect()
        })
        .collect()
}

/// The summary table of a run as one record batch.
fn summary_batch(results: &Results) -> Result<RecordBatch, ArrowError> {
    let scale = results.plan().scale();
    let scale_i8 = i8::try_from(scale).unwrap_or(6);
    let cards = results.subjects();
    let n = cards.len();
    let dec = || Decimal128Builder::with_capacity(n).with_precision_and_scale(PRECISION, scale_i8);
    let mut id = StringBuilder::with_capacity(n, n * 8);
    let mut status = StringBuilder::with_capacity(n, n * 6);
    let mut total = dec()?;
    let mut rating = StringBuilder::with_capacity(n, n);
    let mut rank = Int64Builder::with_capacity(n);
    let mut payout = dec()?;
    let mut flags = ListBuilder::new(StringBuilder::new());
    let names = indicator_columns(results);
    let mut scores: Vec<Decimal128Builder> = Vec::with_capacity(names.len());
    for _ in &names {
        scores.push(dec()?);
    }
    let indicator_scores = all_indicator_scores(results, scale);
    if indicator_scores.len() != n {
        return Err(ArrowError::ComputeError(
            "a thread computing indicator scores failed".to_string(),
        ));
    }
    for (card, card_scores) in cards.iter().zip(indicator_scores) {
        id.append_value(card.id());
        status.append_value(card.status().as_str());
        total.append_option(card.total().and_then(|d| unscaled(d, scale)));
        rating.append_option(results.rating(card));
        rank.append_option(card.rank().map(i64::from));
        payout.append_option(card.payout().and_then(|d| unscaled(d, scale)));
        for f in card.flags() {
            flags.values().append_value(f);
        }
        flags.append(true);
        for (b, s) in scores.iter_mut().zip(card_scores) {
            b.append_option(s);
        }
    }
    let decimal = DataType::Decimal128(PRECISION, scale_i8);
    let mut fields = vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("status", DataType::Utf8, false),
        Field::new("total", decimal.clone(), true),
        Field::new("rating", DataType::Utf8, true),
        Field::new("rank", DataType::Int64, true),
        Field::new("payout", decimal.clone(), true),
        Field::new(
            "flags",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        ),
    ];
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(status.finish()),
        Arc::new(total.finish()),
        Arc::new(rating.finish()),
        Arc::new(rank.finish()),
        Arc::new(payout.finish()),
        Arc::new(flags.finish()),
    ];
    for (name, mut b) in names.iter().zip(scores) {
        fields.push(Field::new(name, decimal.clone(), true));
        columns.push(Arc::new(b.finish()));
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
}

/// The summary table of `results` as an Arrow PyCapsule stream (built with the GIL
/// released), honouring `requested_schema` as pyarrow does.
pub fn summary_stream<'py>(
    py: Python<'py>,
    results: Arc<Results>,
    requested_schema: Option<Bound<'py, PyCapsule>>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let batch = detached(py, move || {
        summary_batch(&results).map_err(|e| Failure::Py(PyValueError::new_err(e.to_string())))
    })?;
    let table = pyo3_arrow::PyTable::try_new(vec![batch.clone()], batch.schema())?;
    let table = Bound::new(py, table)?;
    let capsule = table.call_method1("__arrow_c_stream__", (requested_schema,))?;
    Ok(capsule.cast_into::<PyCapsule>()?)
}
