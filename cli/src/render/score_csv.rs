//! `score --format csv`: one row per subject in result order.

use super::{flags, indicator_nodes, is_refused, status_text, text, tree_indicators};
use crate::actuals::Actuals;
use crate::Failure;
use attain::Results;
use serde_json::Value;
use std::collections::BTreeSet;

/// The results as CSV, one row per subject in result order (by id).
pub fn csv(results: &Results, actuals: &Actuals) -> Result<String, Failure> {
    let spec = results.plan().spec();
    let doc = results.to_value();
    let cards = doc["subjects"].as_array().map_or(&[][..], Vec::as_slice);
    let indicators = tree_indicators(spec);
    let group_keys: BTreeSet<String> = cards
        .iter()
        .filter_map(|c| c["groups"].as_object())
        .flat_map(|g| g.keys().cloned())
        .collect();
    let names = actuals.has_names();

    let mut header: Vec<String> = vec!["subject".into()];
    if names {
        header.push("name".into());
    }
    header.extend(group_keys.iter().cloned());
    header.extend(["status", "total", "rating", "rank", "payout", "score"].map(String::from));
    header.extend(indicators.iter().map(|(id, _)| id.clone()));
    header.push("flags".into());

    let mut rows = Vec::with_capacity(cards.len());
    for card in cards {
        let id = text(&card["id"]);
        let blank = |v: &Value| if v.is_null() { String::new() } else { text(v) };
        let mut row = vec![id.clone()];
        if names {
            row.push(actuals.name(&id).unwrap_or("").to_string());
        }
        row.extend(group_keys.iter().map(|k| blank(&card["groups"][k])));
        for key in ["status", "total", "rating", "rank", "payout", "score"] {
            row.push(blank(&card[key]));
        }
        let nodes = indicator_nodes(&card["tree"]);
        for (ind, _) in &indicators {
            row.push(
                nodes
                    .get(ind)
                    .map_or_else(String::new, |n| blank(&n["score"])),
            );
        }
        row.push(if is_refused(card) {
            status_text(card)
        } else {
            flags(&card["flags"]).join(";")
        });
        rows.push(row);
    }
    crate::csv_out::table(&header, &rows)
}
