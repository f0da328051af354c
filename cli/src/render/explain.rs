//! `explain`: one subject's scorecard as an indented tree, node by node, then its
//! score, adjustments, total, rating, rank and payout.

use super::{
    flags, is_refused, next_text, payout_currency, ranking_within, signed, text, unit_suffix,
};
use crate::actuals::Actuals;
use attain::spec::{AdjustmentSpec, PlanSpec};
use attain::Results;
use serde_json::Value;
use std::fmt::Write;

fn has_tiers(spec: &PlanSpec, indicator: &str) -> bool {
    spec.indicators
        .iter()
        .find(|i| i.id == indicator)
        .and_then(|i| i.target.as_ref())
        .is_some_and(|t| !t.tiers.is_empty())
}

fn indicator_label(spec: &PlanSpec, id: &str) -> String {
    match spec.indicators.iter().find(|i| i.id == id) {
        Some(i) if i.name != id => format!("{} ({id})", i.name),
        _ => id.to_string(),
    }
}

fn with_flags(line: &mut String, v: &Value) {
    let f = flags(v);
    if !f.is_empty() {
        let _ = write!(line, "  [{}]", f.join(", "));
    }
}

fn explain_node(
    out: &mut String,
    spec: &PlanSpec,
    card: &Value,
    node: &Value,
    prefix: &str,
    last: bool,
    root: bool,
) {
    let (head, inner) = if root {
        (String::new(), String::new())
    } else if last {
        (format!("{prefix}└─ "), format!("{prefix}   "))
    } else {
        (format!("{prefix}├─ "), format!("{prefix}│  "))
    };
    let id = text(&node["id"]);
    let label = match node["name"].as_str() {
        Some(name) if name != id => format!("{name} ({id})"),
        _ => id.clone(),
    };
    let mut line = format!("{head}{label}");
    if !root {
        let _ = write!(
            line,
            "  weight {} → {}",
            text(&node["weight"]),
            text(&node["effective_weight"])
        );
    }
    if node["kind"].as_str() == Some("indicator") {
        with_flags(&mut line, &node["flags"]);
        out.push_str(&line);
        out.push('\n');
        let unit = unit_suffix(spec, &id);
        let figure = |v: &Value| {
            if v.is_null() {
                "-".to_string()
            } else {
                format!("{}{unit}", text(v))
            }
        };
        let mut figures = format!("actual {}", figure(&node["actual"]));
        if !node["target"].is_null() {
            let _ = write!(figures, " / target {}", figure(&node["target"]));
        }
        if !node["achievement"].is_null() {
            let _ = write!(figures, "  achievement {}%", text(&node["achievement"]));
        }
        if !node["variance"].is_null() {
            let _ = write!(
                figures,
                "  variance {}{unit}",
                signed(&text(&node["variance"]))
            );
        }
        if has_tiers(spec, &id) {
            let _ = write!(figures, "  tier {}", text(&node["tier"]));
        }
        let _ = writeln!(
            out,
            "{inner}   {figures}  score {}  contribution {}",
            text(&node["score"]),
            text(&node["contribution"]),
        );
        let next = if super::held_by_gate(card, &node["next"]) {
            "- (a gate caps the total: clear the gate first)".into()
        } else if !node["next"].is_null() {
            next_text(&node["next"], &unit)
        } else if node["actual"].is_null() {
            "- (no data)".into()
        } else {
            "- (no higher score to reach)".into()
        };
        if let Some(line) = super::comparison::decided(spec, &id, node, &unit) {
            let _ = writeln!(out, "{inner}   {line}");
        }
        let _ = writeln!(out, "{inner}   next: {next}");
        return;
    }
    let _ = write!(line, "  score {}", text(&node["score"]));
    if !root {
        let _ = write!(line, "  contribution {}", text(&node["contribution"]));
    }
    with_flags(&mut line, &node["flags"]);
    out.push_str(&line);
    out.push('\n');
    let children = node["children"].as_array().map_or(&[][..], Vec::as_slice);
    for (i, child) in children.iter().enumerate() {
        explain_node(
            out,
            spec,
            card,
            child,
            &inner,
            i + 1 == children.len(),
            false,
        );
    }
}

/// One subject's scorecard as an indented tree, then its total, rating, rank, payout.
pub fn explain(results: &Results, card: &Value, actuals: &Actuals) -> String {
    let spec = results.plan().spec();
    let id = text(&card["id"]);
    let mut out = id.clone();
    if let Some(name) = actuals.name(&id) {
        let _ = write!(out, " {name}");
    }
    let _ = writeln!(out, " — {} ({} v{})", spec.name, spec.id, spec.version);
    if let Some(groups) = card["groups"].as_object().filter(|g| !g.is_empty()) {
        let g: Vec<String> = groups
            .iter()
            .map(|(k, v)| format!("{k} {}", text(v)))
            .collect();
        let _ = writeln!(out, "{}", g.join(", "));
    }
    out.push('\n');
    if is_refused(card) {
        out.push_str("status    refused\n");
        for p in card["problems"].as_array().map_or(&[][..], Vec::as_slice) {
            let _ = writeln!(
                out,
                "  {}: {}: {}",
                text(&p["path"]),
                text(&p["code"]),
                text(&p["message"])
            );
        }
        return out;
    }
    explain_node(&mut out, spec, card, &card["tree"], "", true, true);
    out.push('\n');
    let row = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(out, "{label:<10}{value}");
    };
    row(&mut out, "score", &text(&card["score"]));
    let adjustments = card["adjustments"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    for (adj, spec_adj) in adjustments.iter().zip(&spec.adjustments) {
        let mut line = match spec_adj {
            AdjustmentSpec::Gate {
                indicator,
                basis,
                threshold,
                cap,
                group,
                boundary,
            } => {
                let scope = group.as_deref().unwrap_or("total");
                let effect = if adj["points"].is_null() {
                    "not applied".to_string()
                } else {
                    format!("applied, capped at {}", text(&adj["points"]))
                };
                let words = super::comparison::gate_words(
                    spec,
                    indicator,
                    *basis,
                    &threshold.to_string(),
                    *boundary,
                );
                format!(
                    "{} {words} caps {scope} at {cap}: {effect}",
                    indicator_label(spec, indicator)
                )
            }
            AdjustmentSpec::Bonus { id, name, .. } | AdjustmentSpec::Deduction { id, name, .. } => {
                let label = name
                    .as_deref()
                    .map_or_else(|| id.clone(), |n| format!("{n} ({id})"));
                let mut line = format!("{label} {}", signed(&text(&adj["points"])));
                // A measured bonus or deduction: the units measured × the points per unit.
                if !adj["measured"].is_null() {
                    let _ = write!(
                        line,
                        "  ({} × {})",
                        text(&adj["measured"]),
                        text(&adj["per_unit"])
                    );
                }
                line
            }
        };
        with_flags(&mut line, &adj["flags"]);
        row(&mut out, &text(&adj["kind"]), &line);
    }
    row(&mut out, "total", &text(&card["total"]));
    row(&mut out, "rating", &text(&card["rating"]));
    if let Some(gate) = super::gate_text(spec, card) {
        row(&mut out, "next", &gate);
    }
    let within = ranking_within(spec);
    // Peers: the ranked subjects of the same ranking group.
    let peers = results
        .subjects()
        .iter()
        .filter(|c| c.rank().is_some())
        .filter(|c| {
            within.is_empty() || {
                let groups = results.card_value(c);
                within
                    .iter()
                    .all(|k| groups["groups"][k] == card["groups"][k])
            }
        })
        .count();
    let rank = if card["rank"].is_null() {
        "-".to_string()
    } else {
        format!("{} of {peers}", text(&card["rank"]))
    };
    row(&mut out, "rank", &rank);
    let currency = payout_currency(spec).map_or_else(String::new, |c| format!(" {c}"));
    let payout = if card["payout"].is_null() {
        "-".into()
    } else {
        format!("{}{currency}", text(&card["payout"]))
    };
    row(&mut out, "payout", &payout);
    let f = flags(&card["flags"]);
    if !f.is_empty() {
        row(&mut out, "flags", &f.join(", "));
    }
    out
}
