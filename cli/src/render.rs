//! Printing results for people: an aligned table (Chinese characters count double
//! width), CSV with one row per subject, and the explanation tree of one subject.
//! Everything shown is read from the canonical result JSON, so the figures are the
//! same text as in `--format json`.

use crate::actuals::Actuals;
use crate::Failure;
use attain::spec::{AdjustmentSpec, NodeSpec, PayoutSpec, PlanSpec, UnitKind};
use attain::{Results, Status};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

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

fn pad(out: &mut String, s: &str, width: usize, right: bool) {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    if right {
        out.push_str(&fill);
        out.push_str(s);
    } else {
        out.push_str(s);
        out.push_str(&fill);
    }
}

/// Lay out rows under a header; `right[i]` aligns column i to the right.
pub(crate) fn layout(header: &[String], right: &[bool], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        let mut l = String::new();
        for (i, ((cell, w), r)) in cells.iter().zip(&widths).zip(right).enumerate() {
            if i > 0 {
                l.push_str("  ");
            }
            pad(&mut l, cell, *w, *r);
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule);
    for row in rows {
        line(row);
    }
    out
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
            let nodes = indicator_nodes(&card["tree"]);
            for (ind, name) in &indicators {
                let Some(node) = nodes.get(ind) else { continue };
                if node["next"].is_null() {
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

    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::Other(format!("cannot write CSV: {e}"));
    w.write_record(&header).map_err(fail)?;
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
        w.write_record(&row).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Failure::Other(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Failure::Other(format!("cannot write CSV: {e}")))
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

fn has_tiers(spec: &PlanSpec, indicator: &str) -> bool {
    spec.indicators
        .iter()
        .find(|i| i.id == indicator)
        .and_then(|i| i.target.as_ref())
        .is_some_and(|t| !t.tiers.is_empty())
}

/// A change or points with its sign (`+3.00`, `-1.00`; zero has none).
fn signed(s: &str) -> String {
    if s.starts_with('-') || s.trim_start_matches(['0', '.']).is_empty() {
        s.to_string()
    } else {
        format!("+{s}")
    }
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
        if has_tiers(spec, &id) {
            let _ = write!(figures, "  tier {}", text(&node["tier"]));
        }
        let _ = writeln!(
            out,
            "{inner}   {figures}  score {}  contribution {}",
            text(&node["score"]),
            text(&node["contribution"]),
        );
        let next = if !node["next"].is_null() {
            next_text(&node["next"], &unit)
        } else if node["actual"].is_null() {
            "- (no data)".into()
        } else {
            "- (no higher score to reach)".into()
        };
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
        explain_node(out, spec, child, &inner, i + 1 == children.len(), false);
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
    explain_node(&mut out, spec, &card["tree"], "", true, true);
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
                threshold,
                cap,
                group,
                ..
            } => {
                let scope = group.as_deref().unwrap_or("total");
                let effect = if adj["points"].is_null() {
                    "not applied".to_string()
                } else {
                    format!("applied, capped at {}", text(&adj["points"]))
                };
                format!(
                    "{} below {threshold} caps {scope} at {cap}: {effect}",
                    indicator_label(spec, indicator)
                )
            }
            AdjustmentSpec::Bonus { id, name, .. } | AdjustmentSpec::Deduction { id, name, .. } => {
                let label = name
                    .as_deref()
                    .map_or_else(|| id.clone(), |n| format!("{n} ({id})"));
                format!("{label} {}", signed(&text(&adj["points"])))
            }
        };
        with_flags(&mut line, &adj["flags"]);
        row(&mut out, &text(&adj["kind"]), &line);
    }
    row(&mut out, "total", &text(&card["total"]));
    row(&mut out, "rating", &text(&card["rating"]));
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
