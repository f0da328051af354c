//! Results → Arrow (one row per subject: id, status, total, rating, rank, payout,
//! flags, one decimal column per indicator score) and per-subject summaries.

use arrow_array::builder::{Decimal128Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use attain::{Decimal, Results, Scorecard, Status};
use std::sync::Arc;

/// Fixed columns of the summary table, before the indicator scores.
pub const FIXED_COLUMNS: [&str; 7] = ["id", "status", "total", "rating", "rank", "payout", "flags"];

/// Arrow decimal precision of result figures (rust_decimal holds at most 28 digits).
const PRECISION: u8 = 38;

/// Column names of the indicator scores: the indicator ids, except that an id equal
/// to a fixed column is prefixed with `indicator.`.
pub fn indicator_columns(results: &Results) -> Vec<String> {
    results
        .plan()
        .indicator_ids()
        .map(|id| {
            if FIXED_COLUMNS.contains(&id) {
                format!("indicator.{id}")
            } else {
                id.to_string()
            }
        })
        .collect()
}

pub fn status_text(card: &Scorecard) -> &'static str {
    match card.status() {
        Status::Scored => "scored",
        Status::Refused => "refused",
    }
}

/// Each indicator's score as result text (`"84.50"`), in plan order; None when the
/// subject was refused, the indicator had no data, or it is not in the tree.
pub fn indicator_scores(results: &Results, card: &Scorecard) -> Vec<Option<String>> {
    results
        .indicator_scores(card)
        .into_iter()
        .map(|d| d.map(|d| d.to_string()))
        .collect()
}

/// The unscaled integer of `d` at `scale` digits (for Arrow decimal128).
fn unscaled(d: Decimal, scale: u32) -> Option<i128> {
    let mut d = d;
    d.rescale(scale);
    (d.scale() == scale).then(|| d.mantissa())
}

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
pub fn summary_batch(results: &Results) -> Result<RecordBatch, ArrowError> {
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
        status.append_value(status_text(card));
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
