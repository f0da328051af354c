//! The whole run for people: the period, per plan a scorecard table best first, the
//! team summary, who was not scored, then the ledger and the early warnings.

use super::ledger::ledger;
use super::warnings::warnings;
use super::{array, members, plural, Context, LIST};
use crate::render::{indicator_nodes, layout, payout_currency, status_text, text, tree_indicators};
use attain::run::RunResult;
use serde_json::Value;
use std::fmt::Write;

/// The period line, and the period-to-date line with `as_of`.
fn period_text(doc: &Value) -> String {
    let p = &doc["period"];
    let last = p["end"]
        .as_str()
        .and_then(attain::run::parse_date)
        .and_then(|d| d.pred_opt())
        .map_or_else(|| text(&p["end"]), |d| d.to_string());
    let mut out = format!(
        "period {}: {} to {} ({} days, {})\n",
        text(&p["id"]),
        text(&p["start"]),
        last,
        text(&p["days"]),
        text(&p["time_zone"])
    );
    if !p["as_of"].is_null() {
        // elapsed is a share (0.50): shown in percent
        let elapsed = p["elapsed"]
            .as_str()
            .and_then(|e| attain::parse_decimal(e).ok())
            .map_or_else(
                || text(&p["elapsed"]),
                |e| (e * attain::Decimal::ONE_HUNDRED).normalize().to_string() + "%",
            );
        let _ = writeln!(
            out,
            "period to date: as of {}, {elapsed} of the period elapsed",
            text(&p["as_of"]),
        );
    }
    out
}

/// One plan's scorecards, best first.
fn scorecards(out: &mut String, plan: &Value, ctx: &Context) {
    let id = text(&plan["plan"]["id"]);
    let cards = array(&plan["subjects"]);
    let Some(spec) = ctx.spec(&id) else { return };
    let indicators = tree_indicators(spec);
    let _ = writeln!(
        out,
        "{} ({} v{}): {}\n",
        spec.name,
        spec.id,
        spec.version,
        plural(cards.len(), "subject", "subjects")
    );
    let mut header: Vec<String> = [
        "rank",
        "team rank",
        "subject",
        "name",
        "team",
        "total",
        "rating",
    ]
    .map(String::from)
    .to_vec();
    header.push(match payout_currency(spec) {
        Some(c) => format!("payout {c}"),
        None => "payout".into(),
    });
    header.extend(indicators.iter().map(|(_, name)| name.clone()));
    header.push("flags".into());
    let mut right = vec![true, true, false, false, false, true, false, true];
    right.extend(indicators.iter().map(|_| true));
    right.push(false);
    let shown = ctx.view.shown(cards);
    let hidden = cards.len() - shown.len();
    let rows: Vec<Vec<String>> = shown
        .into_iter()
        .map(|card| {
            let sid = text(&card["id"]);
            let mut row = vec![text(&card["rank"]), text(&card["team_rank"])];
            row.push(ctx.name(&sid).to_string());
            row.insert(2, sid);
            row.push(ctx.team(&card["team"]));
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
            row
        })
        .collect();
    out.push_str(&layout(&header, &right, &rows));
    if hidden > 0 {
        let _ = writeln!(out, "... and {hidden} more (--top)");
    }
}

/// Teams of every plan: by plan, then team rank.
fn teams(out: &mut String, doc: &Value, ctx: &Context) {
    let mut list: Vec<&Value> = array(&doc["teams"])
        .iter()
        .filter(|t| ctx.view.shows_plan(&text(&t["plan"])))
        .collect();
    if list.is_empty() {
        return;
    }
    list.sort_by_key(|t| {
        (
            text(&t["plan"]),
            t["scorecard"]["rank"].as_u64().unwrap_or(u64::MAX),
            text(&t["team"]),
        )
    });
    let _ = writeln!(
        out,
        "teams: {} (each team scored as one subject over its members' facts)\n",
        list.len()
    );
    let header: Vec<String> = [
        "plan",
        "team",
        "name",
        "members",
        "mean member total",
        "team total",
        "team rating",
        "team rank",
        "flags",
    ]
    .map(String::from)
    .to_vec();
    let right = [false, false, false, true, true, true, false, true, false];
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|t| {
            let card = &t["scorecard"];
            vec![
                text(&t["plan"]),
                text(&t["team"]),
                ctx.team(&t["team"]),
                members(&t["members"]),
                text(&t["mean_total"]),
                text(&card["total"]),
                text(&card["rating"]),
                text(&card["rank"]),
                status_text(card),
            ]
        })
        .collect();
    out.push_str(&layout(&header, &right, &rows));
}

fn unscored(out: &mut String, doc: &Value, ctx: &Context) {
    let list = array(&doc["unscored"]);
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "not scored: {}", list.len());
    for u in list.iter().take(LIST) {
        let id = text(&u["subject"]);
        let name = ctx.name(&id);
        let sep = if name.is_empty() { "" } else { " " };
        let _ = writeln!(
            out,
            "  {id}{sep}{name}: {}: {}",
            text(&u["code"]),
            text(&u["message"])
        );
    }
    if list.len() > LIST {
        let _ = writeln!(out, "  ... and {} more", list.len() - LIST);
    }
}

/// The whole run for people.
pub fn summary(result: &RunResult, ctx: &Context) -> String {
    let doc = result.to_value();
    let mut out = period_text(doc);
    for plan in array(&doc["results"]) {
        if ctx.view.shows_plan(&text(&plan["plan"]["id"])) {
            out.push('\n');
            scorecards(&mut out, plan, ctx);
        }
    }
    if !array(&doc["teams"]).is_empty() {
        out.push('\n');
        teams(&mut out, doc, ctx);
    }
    if !array(&doc["unscored"]).is_empty() {
        out.push('\n');
        unscored(&mut out, doc, ctx);
    }
    out.push('\n');
    ledger(&mut out, result, doc);
    if !doc["period"]["as_of"].is_null() {
        out.push('\n');
        warnings(&mut out, doc, ctx);
    }
    out
}
