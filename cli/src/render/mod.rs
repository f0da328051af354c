//! Printing results for people: an aligned table (Chinese characters count double
//! width), CSV with one row per subject, and the explanation tree of one subject.
//! Everything shown is read from the canonical result JSON, so the figures are the
//! same text as in `--format json`. This file holds what the views share: reading
//! fields of the result document and the plan's units.

mod comparison;
mod explain;
mod layout;
mod score_csv;
mod table;

pub use explain::explain;
pub(crate) use layout::layout;
pub use score_csv::csv;
pub use table::table;

use attain::spec::{NodeSpec, PayoutSpec, PlanSpec, UnitKind};
use attain::Status;
use serde_json::Value;
use std::collections::HashMap;

/// A result field as text: strings as they are, null as `-`.
pub(crate) fn text(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(crate) fn flags(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(text).collect())
        .unwrap_or_default()
}

/// Indicator ids and names in the order of the weight tree.
pub(crate) fn tree_indicators(spec: &PlanSpec) -> Vec<(String, String)> {
    fn walk(node: &NodeSpec, out: &mut Vec<String>) {
        match node {
            NodeSpec::Group(g) => g.children.iter().for_each(|c| walk(c, out)),
            NodeSpec::Indicator(i) => out.push(i.indicator.clone()),
        }
    }
    let mut ids = Vec::new();
    walk(&spec.tree, &mut ids);
    ids.into_iter()
        .map(|id| {
            let name = spec
                .indicators
                .iter()
                .find(|i| i.id == id)
                .map_or_else(|| id.clone(), |i| i.name.clone());
            (id, name)
        })
        .collect()
}

/// The indicator nodes of a result tree, by indicator id.
pub(crate) fn indicator_nodes(tree: &Value) -> HashMap<String, &Value> {
    fn walk<'a>(node: &'a Value, out: &mut HashMap<String, &'a Value>) {
        match node["kind"].as_str() {
            Some("indicator") => {
                out.insert(text(&node["id"]), node);
            }
            _ => {
                if let Some(children) = node["children"].as_array() {
                    children.iter().for_each(|c| walk(c, out));
                }
            }
        }
    }
    let mut out = HashMap::new();
    walk(tree, &mut out);
    out
}

fn ranking_within(spec: &PlanSpec) -> Vec<String> {
    spec.ranking
        .as_ref()
        .map(|r| r.within.clone())
        .unwrap_or_default()
}

pub(crate) fn payout_currency(spec: &PlanSpec) -> Option<&str> {
    match spec.payout.as_ref()? {
        PayoutSpec::Rating { currency, .. } | PayoutSpec::Score { currency, .. } => {
            currency.as_deref()
        }
    }
}

/// Whether a result card's status is the core's `refused`.
pub(crate) fn is_refused(card: &Value) -> bool {
    card["status"].as_str() == Some(Status::Refused.as_str())
}

/// A subject's flags, or why it was refused.
pub(crate) fn status_text(card: &Value) -> String {
    if is_refused(card) {
        let codes: Vec<String> = card["problems"]
            .as_array()
            .map(|a| a.iter().map(|p| text(&p["code"])).collect())
            .unwrap_or_default();
        return format!("refused: {}", codes.join(", "));
    }
    flags(&card["flags"]).join(", ")
}

/// What follows an indicator's figures: `%` for percent, the currency for money.
pub(crate) fn unit_suffix(spec: &PlanSpec, indicator: &str) -> String {
    let Some(ind) = spec.indicators.iter().find(|i| i.id == indicator) else {
        return String::new();
    };
    match ind.unit.kind {
        UnitKind::Percent => "%".into(),
        UnitKind::Money => ind
            .unit
            .currency
            .as_ref()
            .map_or_else(String::new, |c| format!(" {c}")),
        UnitKind::Days => " days".into(),
        _ => String::new(),
    }
}

/// A change or points with its sign (`+3.00`, `-1.00`; zero has none).
fn signed(s: &str) -> String {
    if s.starts_with('-') || s.trim_start_matches(['0', '.']).is_empty() {
        s.to_string()
    } else {
        format!("+{s}")
    }
}

/// What it takes when a total gate caps the total (`next_gate`), in words: the
/// gate to clear first and the actual that clears it. None when not gated.
pub(crate) fn gate_text(spec: &attain::spec::PlanSpec, card: &Value) -> Option<String> {
    let ng = &card["next_gate"];
    if ng.is_null() {
        return None;
    }
    let id = text(&ng["indicator"]);
    let label = match spec.indicators.iter().find(|i| i.id == id) {
        Some(i) if i.name != id => format!("{} ({id})", i.name),
        _ => id.clone(),
    };
    let unit = unit_suffix(spec, &id);
    Some(format!(
        "clear the gate first: {label} at {}{unit} ({}): total {}, rating {}",
        text(&ng["actual"]),
        signed(&text(&ng["change"])),
        text(&ng["total"]),
        text(&ng["rating"])
    ))
}

/// Whether an indicator's *what it takes* leaves a gated total where it is: a
/// total gate caps it (`next_gate` set) and the change gives the same total.
pub(crate) fn held_by_gate(card: &Value, next: &Value) -> bool {
    !card["next_gate"].is_null() && next["total"] == card["total"]
}

/// The *what it takes* of one indicator in words.
fn next_text(next: &Value, unit: &str) -> String {
    let at = format!(
        "at {}{unit} ({})",
        text(&next["actual"]),
        signed(&text(&next["change"]))
    );
    let then = format!(
        "total {}, rating {}",
        text(&next["total"]),
        text(&next["rating"])
    );
    match next["goal"].as_str() {
        Some("tier") => format!(
            "tier {} {at}: score {}, {then}",
            text(&next["tier"]),
            text(&next["score"])
        ),
        _ => format!("score {} {at}: {then}", text(&next["score"])),
    }
}
