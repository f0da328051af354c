//! The summary of a scorecard (a row of `Results.to_dicts` and of the summary
//! table): its column names and each indicator's score.

use attain::{Results, Scorecard};

/// Fixed columns of the summary table, before the indicator scores.
pub const FIXED_COLUMNS: [&str; 7] = ["id", "status", "total", "rating", "rank", "payout", "flags"];

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

/// Each indicator's score as result text (`"84.50"`), in plan order; None when the
/// subject was refused, the indicator had no data, or it is not in the tree.
pub fn indicator_scores(results: &Results, card: &Scorecard) -> Vec<Option<String>> {
    let scale = results.plan().scale();
    results
        .indicator_scores(card)
        .into_iter()
        .map(|d| d.map(|d| crate::scaled::text(d, scale)))
        .collect()
}
