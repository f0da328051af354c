//! Printing a run for people: per plan a scorecard table, the team summary, who was
//! not scored, the ledger (every fact row accounted for), and the early warnings of
//! a period-to-date run; and CSV files with one row per subject or per team. Every
//! figure is read from the canonical run document, so it is the same text as in
//! `--format json`.

use crate::render::{
    flags, indicator_nodes, is_refused, layout, payout_currency, status_text, text,
    tree_indicators, unit_suffix,
};
use crate::Failure;
use attain::spec::PlanSpec;
use attain::RunResult;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write;

/// How many rejected rows and conflicting ids the summary lists.
const LIST: usize = 10;

/// What the output needs besides the run document: the plans, and the names of
/// subjects and teams from the roster.
pub struct Context {
    pub specs: Vec<PlanSpec>,
    pub names: HashMap<String, String>,
    pub team_names: HashMap<String, String>,
}

impl Context {
    fn spec(&self, id: &str) -> Option<&PlanSpec> {
        self.specs.iter().find(|s| s.id == id)
    }

    fn name(&self, subject: &str) -> &str {
        self.names.get(subject).map_or("", String::as_str)
    }

    /// A team as people know it: its name from the roster, else its id.
    fn team(&self, team: &Value) -> String {
        match team.as_str() {
            Some(t) => self.team_names.get(t).cloned().unwrap_or_else(|| t.into()),
            None => "-".into(),
        }
    }
}

fn array(v: &Value) -> &[Value] {
    v.as_array().map_or(&[][..], Vec::as_slice)
}

/// A team's members: a list of ids (a count in older documents).
fn members(v: &Value) -> String {
    match v {
        Value::Array(a) => a.len().to_string(),
        other => text(other),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Subjects best first: by rank (unranked last), then id.
fn best_first(cards: &[Value]) -> Vec<&Value> {
    let mut order: Vec<&Value> = cards.iter().collect();
    order.sort_by_key(|c| (c["rank"].as_u64().unwrap_or(u64::MAX), text(&c["id"])));
    order
}

/// The period line, and the period-to-date line with `as_of`.
fn period_text(doc: &Value) -> String {
    let p = &doc["period"];
    let last = p["end"]
        .as_str()
        .and_then(attain::parse_date)
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
    let rows: Vec<Vec<String>> = best_first(cards)
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
}

/// Teams of every plan: by plan, then team rank.
fn teams(out: &mut String, doc: &Value, ctx: &Context) {
    let mut list: Vec<&Value> = array(&doc["teams"]).iter().collect();
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

/// The ledger: every row read is used, outside, duplicate, conflicting or rejected.
fn ledger(out: &mut String, result: &RunResult, doc: &Value) {
    let l = result.ledger();
    let _ = writeln!(out, "ledger: {} fact rows read", l.rows);
    let buckets = [
        ("used", l.used, "counted by a measure in the window"),
        (
            "outside",
            l.outside,
            "valid, counted by no measure (dated outside the window, or not selected)",
        ),
        (
            "duplicate",
            l.duplicate,
            "same id and content as an earlier row",
        ),
        (
            "conflicting",
            l.conflicting,
            "an id seen with different contents: none of its rows used",
        ),
        ("rejected", l.rejected, "cannot be read"),
    ];
    let width = buckets
        .iter()
        .map(|b| b.1.to_string().len())
        .max()
        .unwrap_or(1)
        .max(l.rows.to_string().len());
    for (name, n, what) in buckets {
        let _ = writeln!(out, "  {name:<11} {n:>width$}  {what}");
    }
    let sum = format!(
        "{} + {} + {} + {} + {} = {}",
        l.used, l.outside, l.duplicate, l.conflicting, l.rejected, l.rows
    );
    if l.adds_up() {
        let _ = writeln!(out, "  {sum}: adds up, every row is accounted for");
    } else {
        let _ = writeln!(
            out,
            "  the buckets do NOT add up to the {} rows read",
            l.rows
        );
    }
    let rejections = array(&doc["ledger"]["rejections"]);
    if !rejections.is_empty() {
        let _ = writeln!(
            out,
            "\nrejected rows ({}):",
            if rejections.len() > LIST {
                format!("the first {LIST} of {}", rejections.len())
            } else {
                rejections.len().to_string()
            }
        );
        for r in rejections.iter().take(LIST) {
            let field = text(&r["field"]);
            let field = if field.is_empty() || field == "-" {
                String::new()
            } else {
                format!("{field}: ")
            };
            let _ = writeln!(
                out,
                "  line {}: {field}{}: {}",
                text(&r["line"]),
                text(&r["code"]),
                text(&r["message"])
            );
        }
        if rejections.len() > LIST {
            let _ = writeln!(out, "  ... and {} more", rejections.len() - LIST);
        }
    }
    let conflicts = array(&doc["ledger"]["conflicts"]);
    if !conflicts.is_empty() {
        let _ = writeln!(
            out,
            "\nconflicting ids ({}):",
            if conflicts.len() > LIST {
                format!("the first {LIST} of {}", conflicts.len())
            } else {
                conflicts.len().to_string()
            }
        );
        for c in conflicts.iter().take(LIST) {
            let lines: Vec<String> = array(&c["lines"]).iter().map(text).collect();
            let _ = writeln!(out, "  {}: lines {}", text(&c["id"]), lines.join(", "));
        }
        if conflicts.len() > LIST {
            let _ = writeln!(out, "  ... and {} more", conflicts.len() - LIST);
        }
    }
}

/// Early warnings (预警): measured indicators whose pace is below the plan's
/// `pace.warn_below`, as of the run's `as_of`.
fn warnings(out: &mut String, doc: &Value, ctx: &Context) {
    let mut rows = Vec::new();
    let mut subjects = 0;
    for plan in array(&doc["results"]) {
        let Some(spec) = ctx.spec(&text(&plan["plan"]["id"])) else {
            continue;
        };
        for card in array(&plan["subjects"]) {
            let sid = text(&card["id"]);
            let nodes = indicator_nodes(&card["tree"]);
            let mut any = false;
            for p in array(&card["pace"]) {
                if p["warning"].as_bool() != Some(true) {
                    continue;
                }
                any = true;
                let ind = text(&p["indicator"]);
                let unit = unit_suffix(spec, &ind);
                let with_unit = |v: &Value| {
                    if v.is_null() {
                        "-".to_string()
                    } else {
                        format!("{}{unit}", text(v))
                    }
                };
                let name = spec
                    .indicators
                    .iter()
                    .find(|i| i.id == ind)
                    .map_or_else(|| ind.clone(), |i| i.name.clone());
                let actual = nodes.get(&ind).map_or(&Value::Null, |n| &n["actual"]);
                rows.push(vec![
                    sid.clone(),
                    ctx.name(&sid).to_string(),
                    ctx.team(&card["team"]),
                    name,
                    with_unit(actual),
                    with_unit(&p["expected"]),
                    format!("{}%", text(&p["pace"])),
                    with_unit(&p["forecast"]),
                ]);
            }
            subjects += usize::from(any);
        }
    }
    let as_of = text(&doc["period"]["as_of"]);
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "early warnings (预警) as of {as_of}: none, every subject is on pace"
        );
        return;
    }
    let _ = writeln!(
        out,
        "early warnings (预警) as of {as_of}: {} of {} behind pace\n",
        plural(rows.len(), "indicator", "indicators"),
        plural(subjects, "subject", "subjects"),
    );
    let header: Vec<String> = [
        "subject",
        "name",
        "team",
        "indicator",
        "actual",
        "expected by now",
        "pace",
        "forecast",
    ]
    .map(String::from)
    .to_vec();
    let right = [false, false, false, false, true, true, true, true];
    out.push_str(&layout(&header, &right, &rows));
}

/// The whole run for people.
pub fn summary(result: &RunResult, ctx: &Context) -> String {
    let doc = result.to_value();
    let mut out = period_text(doc);
    for plan in array(&doc["results"]) {
        out.push('\n');
        scorecards(&mut out, plan, ctx);
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
    let fail = |e: csv::Error| Failure::Other(format!("cannot write CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(fail)?;
    for row in rows {
        w.write_record(row).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Failure::Other(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Failure::Other(format!("cannot write CSV: {e}")))
}

/// One row per subject, plans in order, subjects by id; indicator columns hold the
/// indicator's score (empty: the plan has no such indicator, or no data).
pub fn subjects_csv(result: &RunResult, ctx: &Context) -> Result<String, Failure> {
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
        for card in array(&plan["subjects"]) {
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
