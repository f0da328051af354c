//! `scorecards.csv` and `teams.csv`: one row per subject or per team, with the score
//! of every indicator of every plan.

use super::{array, members, Context, View};
use crate::render::{flags, indicator_nodes, is_refused, status_text, text, tree_indicators};
use crate::Failure;
use attain::run::RunResult;
use serde_json::Value;
use std::collections::HashSet;

/// Indicator ids of every plan, in plan then tree order, each once.
fn indicator_columns(doc: &Value, ctx: &Context) -> Vec<String> {
    let mut cols: Vec<String> = Vec::new();
    for plan in array(&doc["results"]) {
        if let Some(spec) = ctx.spec(&text(&plan["plan"]["id"])) {
            for (id, _) in tree_indicators(spec) {
                if !cols.contains(&id) {
                    cols.push(id);
                }
            }
        }
    }
    cols
}

fn blank(v: &Value) -> String {
    if v.is_null() {
        String::new()
    } else {
        text(v)
    }
}

fn csv_text(header: &[String], rows: &[Vec<String>]) -> Result<String, Failure> {
    crate::csv_out::table(header, rows)
}

/// One row per subject, plans in order, subjects by id; indicator columns hold the
/// indicator's score (empty: the plan has no such indicator, or no data). `view`
/// keeps one plan's rows, or each plan's first N best first.
pub fn subjects_csv(result: &RunResult, ctx: &Context, view: &View) -> Result<String, Failure> {
    let doc = result.to_value();
    let cols = indicator_columns(doc, ctx);
    let ptd = !doc["period"]["as_of"].is_null();
    let mut header: Vec<String> = [
        "plan",
        "subject",
        "name",
        "role",
        "team",
        "team_name",
        "status",
        "total",
        "rating",
        "rank",
        "team_rank",
        "payout",
        "score",
    ]
    .map(String::from)
    .to_vec();
    header.extend(cols.iter().cloned());
    header.push("flags".into());
    if ptd {
        header.push("warnings".into());
    }
    let mut rows = Vec::new();
    for plan in array(&doc["results"]) {
        let pid = text(&plan["plan"]["id"]);
        if !view.shows_plan(&pid) {
            continue;
        }
        let cards = array(&plan["subjects"]);
        let shown: HashSet<String> = view.shown(cards).iter().map(|c| text(&c["id"])).collect();
        for card in cards.iter().filter(|c| shown.contains(&text(&c["id"]))) {
            let sid = text(&card["id"]);
            let team_name = card["team"]
                .as_str()
                .and_then(|t| ctx.team_names.get(t))
                .cloned()
                .unwrap_or_default();
            let mut row = vec![
                pid.clone(),
                sid.clone(),
                ctx.name(&sid).to_string(),
                blank(&card["groups"]["role"]),
                blank(&card["team"]),
                team_name,
            ];
            for key in [
                "status",
                "total",
                "rating",
                "rank",
                "team_rank",
                "payout",
                "score",
            ] {
                row.push(blank(&card[key]));
            }
            let nodes = indicator_nodes(&card["tree"]);
            for c in &cols {
                row.push(
                    nodes
                        .get(c)
                        .map_or_else(String::new, |n| blank(&n["score"])),
                );
            }
            row.push(if is_refused(card) {
                status_text(card)
            } else {
                flags(&card["flags"]).join(";")
            });
            if ptd {
                let w: Vec<String> = array(&card["pace"])
                    .iter()
                    .filter(|p| p["warning"].as_bool() == Some(true))
                    .map(|p| text(&p["indicator"]))
                    .collect();
                row.push(w.join(";"));
            }
            rows.push(row);
        }
    }
    csv_text(&header, &rows)
}

/// One row per (plan, team): the team's own scorecard and its members' mean.
pub fn teams_csv(result: &RunResult, ctx: &Context) -> Result<String, Failure> {
    let doc = result.to_value();
    let cols = indicator_columns(doc, ctx);
    let mut header: Vec<String> = [
        "plan",
        "team",
        "team_name",
        "members",
        "mean_total",
        "total",
        "rating",
        "rank",
    ]
    .map(String::from)
    .to_vec();
    header.extend(cols.iter().cloned());
    header.push("flags".into());
    let mut rows = Vec::new();
    for t in array(&doc["teams"]) {
        let card = &t["scorecard"];
        let team = text(&t["team"]);
        let mut row = vec![
            text(&t["plan"]),
            team.clone(),
            ctx.team_names.get(&team).cloned().unwrap_or_default(),
            members(&t["members"]),
            blank(&t["mean_total"]),
            blank(&card["total"]),
            blank(&card["rating"]),
            blank(&card["rank"]),
        ];
        let nodes = indicator_nodes(&card["tree"]);
        for c in &cols {
            row.push(
                nodes
                    .get(c)
                    .map_or_else(String::new, |n| blank(&n["score"])),
            );
        }
        row.push(flags(&card["flags"]).join(";"));
        rows.push(row);
    }
    csv_text(&header, &rows)
}
