//! `score --format csv`: one row per subject in result order; with `--what-it-takes`,
//! five more columns per indicator (the next goal, the actual and change it takes, and
//! the total and rating it would give), and for a gated card the gate to clear first.

use super::{flags, indicator_nodes, is_refused, status_text, text, tree_indicators};
use crate::actuals::Actuals;
use crate::Failure;
use attain::Results;
use serde_json::Value;
use std::collections::BTreeSet;

/// The results as CSV, one row per subject in result order (by id).
pub fn csv(results: &Results, actuals: &Actuals, what_it_takes: bool) -> Result<String, Failure> {
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
    if what_it_takes {
        for (id, _) in &indicators {
            header.extend(NEXT_COLUMNS.map(|c| format!("{id}_{c}")));
        }
        header.extend(GATE_COLUMNS.map(String::from));
    }

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
        if what_it_takes {
            for (ind, _) in &indicators {
                let next = nodes.get(ind).map_or(&Value::Null, |n| &n["next"]);
                row.extend(next_cells(next, &blank));
            }
            let gate = &card["next_gate"];
            row.extend(GATE_KEYS.map(|k| blank(&gate[k])));
        }
        rows.push(row);
    }
    crate::csv_out::table(&header, &rows)
}

/// A gated card's gate to clear first (`next_gate`): blank when none.
const GATE_COLUMNS: [&str; 5] = [
    "next_gate_indicator",
    "next_gate_actual",
    "next_gate_change",
    "next_gate_total",
    "next_gate_rating",
];
const GATE_KEYS: [&str; 5] = ["indicator", "actual", "change", "total", "rating"];

/// The what-it-takes columns of each indicator, after its id.
const NEXT_COLUMNS: [&str; 5] = [
    "next",
    "next_actual",
    "next_change",
    "next_total",
    "next_rating",
];

/// One indicator's what it takes as cells: the goal (`tier 挑战` or `score 101.00`),
/// then actual, change, total and rating; all blank when nothing is next.
fn next_cells(next: &Value, blank: &dyn Fn(&Value) -> String) -> [String; 5] {
    if next.is_null() {
        return Default::default();
    }
    let goal = match next["goal"].as_str() {
        Some("tier") => format!("tier {}", text(&next["tier"])),
        _ => format!("score {}", text(&next["score"])),
    };
    [
        goal,
        blank(&next["actual"]),
        blank(&next["change"]),
        blank(&next["total"]),
        blank(&next["rating"]),
    ]
}
