//! `score --format table`: the results as an aligned table in reading order, and
//! with `--what-it-takes` the next tier or score point of every indicator.

use super::layout::{layout, pad};
use super::{
    indicator_nodes, next_text, payout_currency, ranking_within, status_text, text,
    tree_indicators, unit_suffix,
};
use crate::actuals::Actuals;
use attain::Results;
use serde_json::Value;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Cards in reading order: by ranking group, then rank (unranked last), then id.
fn reading_order<'a>(cards: &'a [Value], within: &[String]) -> Vec<&'a Value> {
    let mut order: Vec<&Value> = cards.iter().collect();
    order.sort_by_key(|c| {
        let groups: Vec<String> = within.iter().map(|k| text(&c["groups"][k])).collect();
        let rank = c["rank"].as_u64().unwrap_or(u64::MAX);
        (groups, rank, text(&c["id"]))
    });
    order
}

/// The results as an aligned table, best first.
pub fn table(results: &Results, actuals: &Actuals, what_it_takes: bool) -> String {
    let spec = results.plan().spec();
    let doc = results.to_value();
    let cards = doc["subjects"].as_array().map_or(&[][..], Vec::as_slice);
    let within = ranking_within(spec);
    let indicators = tree_indicators(spec);
    let names = actuals.has_names();

    let mut header: Vec<String> = within.clone();
    header.extend(["rank", "subject"].map(String::from));
    if names {
        header.push("name".into());
    }
    header.extend(["total", "rating"].map(String::from));
    header.push(match payout_currency(spec) {
        Some(c) => format!("payout {c}"),
        None => "payout".into(),
    });
    header.extend(indicators.iter().map(|(_, name)| name.clone()));
    header.push("flags".into());

    let mut right: Vec<bool> = within.iter().map(|_| false).collect();
    right.extend([true, false]);
    if names {
        right.push(false);
    }
    right.extend([true, false, true]);
    right.extend(indicators.iter().map(|_| true));
    right.push(false);

    let order = reading_order(cards, &within);
    let mut rows = Vec::with_capacity(order.len());
    for card in &order {
        let id = text(&card["id"]);
        let mut row: Vec<String> = within.iter().map(|k| text(&card["groups"][k])).collect();
        row.push(text(&card["rank"]));
        if names {
            let name = actuals.name(&id).unwrap_or("").to_string();
            row.push(id);
            row.push(name);
        } else {
            row.push(id);
        }
        row.extend([&card["total"], &card["rating"], &card["payout"]].map(text));
        let nodes = indicator_nodes(&card["tree"]);
        for (ind, _) in &indicators {
            row.push(
                nodes
                    .get(ind)
                    .map_or_else(|| "-".into(), |n| text(&n["score"])),
            );
        }
        row.push(status_text(card));
        rows.push(row);
    }
    let mut out = format!(
        "{} ({} v{}): {} subject{}\n\n",
        spec.name,
        spec.id,
        spec.version,
        cards.len(),
        if cards.len() == 1 { "" } else { "s" }
    );
    out.push_str(&layout(&header, &right, &rows));
    if what_it_takes {
        out.push_str("\nwhat it takes (next tier or score point, one indicator at a time):\n");
        let id_width = order
            .iter()
            .map(|c| text(&c["id"]).width())
            .max()
            .unwrap_or(0);
        for card in &order {
            if let Some(gate) = super::gate_text(spec, card) {
                let mut line = String::from("  ");
                pad(&mut line, &text(&card["id"]), id_width, false);
                let _ = writeln!(out, "{line}  {gate}");
            }
            let nodes = indicator_nodes(&card["tree"]);
            for (ind, name) in &indicators {
                let Some(node) = nodes.get(ind) else { continue };
                // A change the gate's cap keeps from moving the total is not listed.
                if node["next"].is_null() || super::held_by_gate(card, &node["next"]) {
                    continue;
                }
                let unit = unit_suffix(spec, ind);
                let mut line = String::from("  ");
                pad(&mut line, &text(&card["id"]), id_width, false);
                let _ = writeln!(out, "{line}  {name}: {}", next_text(&node["next"], &unit));
            }
        }
    }
    out
}
