//! `attain run` and `attain demo`: the demo is deterministic, its run prints
//! scorecards, teams and a ledger that adds up, and `run --format json` is the
//! core's own run result, byte for byte.
#![allow(clippy::expect_used)]

use attain::run::{FactsFormat, RunSetup};
use attain::Plan;
use serde_json::{json, Value};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const PLANS: [&str; 3] = [
    "telesales.json",
    "key-account.json",
    "customer-success.json",
];

fn attain(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attain"))
        .args(args)
        .output()
        .expect("run attain")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// A scratch directory of this test process (emptied first).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attain-run-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// The default demo's files, generated once for all tests of this process.
fn demo_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = scratch("demo");
        let o = attain(&["demo", "--no-run", "--out", &s(&dir)]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        dir
    })
}

/// `attain run` arguments for the demo's files.
fn run_args(dir: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["run".to_string()];
    for p in PLANS {
        args.push("--plan".into());
        args.push(s(&dir.join("plans").join(p)));
    }
    for (flag, file) in [
        ("--roster", "roster.csv"),
        ("--facts", "facts.csv"),
        ("--team-targets", "team_targets.csv"),
    ] {
        args.push(flag.into());
        args.push(s(&dir.join(file)));
    }
    args.extend(extra.iter().map(|a| a.to_string()));
    args
}

fn run(dir: &Path, extra: &[&str]) -> Output {
    let args = run_args(dir, extra);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    attain(&refs)
}

/// The same run done in-process by the core.
fn core_run(dir: &Path, period: &str, as_of: Option<&str>) -> String {
    let plans: Vec<Plan> = PLANS
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(dir.join("plans").join(p)).expect("read plan");
            Plan::from_json(&text).expect("valid plan")
        })
        .collect();
    let table = |f: &str| {
        let text = std::fs::read_to_string(dir.join(f)).expect("read table");
        attain::run::csv_rows(&text).expect("csv rows")
    };
    let tables =
        json!({ "roster": table("roster.csv"), "team_targets": table("team_targets.csv") });
    let setup = RunSetup::new(plans, &tables, period, as_of).expect("run setup");
    let facts = dir.join("facts.csv");
    let result = attain::run::run(&setup, FactsFormat::Csv, || {
        File::open(&facts).map(BufReader::new)
    })
    .expect("run");
    result.to_json() + "\n"
}

fn ledger_adds_up(ledger: &Value) -> bool {
    let n = |k: &str| ledger[k].as_u64().expect("ledger count");
    n("used") + n("outside") + n("duplicate") + n("conflicting") + n("rejected") == n("rows")
}

fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("relative")
                    .display()
                    .to_string();
                out.push((rel, std::fs::read(&path).expect("read file")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn demo_files_are_deterministic() {
    let a = scratch("det-a");
    let b = scratch("det-b");
    for dir in [&a, &b] {
        let o = attain(&["demo", "--no-run", "--out", &s(dir)]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(stdout(&o).contains("fact rows"), "{}", stdout(&o));
    }
    let (fa, fb) = (files_of(&a), files_of(&b));
    let names: Vec<&str> = fa.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "facts.csv",
            "plans/customer-success.json",
            "plans/key-account.json",
            "plans/telesales.json",
            "roster.csv",
            "team_targets.csv"
        ]
    );
    assert!(fa == fb, "two demos with the same seed differ");

    // Another seed, another organisation.
    let c = scratch("det-c");
    let o = attain(&["demo", "--no-run", "--seed", "7", "--out", &s(&c)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let fc = files_of(&c);
    let facts = |f: &[(String, Vec<u8>)]| f.iter().find(|(n, _)| n == "facts.csv").cloned();
    assert_ne!(facts(&fa), facts(&fc));
}

#[test]
fn demo_plans_are_the_examples_and_validate() {
    let dir = demo_dir();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/org/plans");
    for p in PLANS {
        let written = std::fs::read(dir.join("plans").join(p)).expect("demo plan");
        let example = std::fs::read(examples.join(p)).expect("example plan");
        assert_eq!(written, example, "{p}");
        let o = attain(&["validate", &s(&examples.join(p))]);
        assert_eq!(code(&o), 0, "{p}: {}", stderr(&o));
        let plan = Plan::from_json(&String::from_utf8_lossy(&example)).expect("plan");
        assert!(plan.role().is_some(), "{p} has a role");
        let spec = plan.spec();
        assert!(spec.pace.is_some(), "{p} has pace");
        assert!(
            spec.indicators.iter().all(|i| i.measure.is_some()),
            "{p}: every indicator is measured"
        );
    }
}

#[test]
fn demo_has_the_organisation_it_says() {
    let dir = demo_dir();
    let roster =
        attain::run::csv_rows(&std::fs::read_to_string(dir.join("roster.csv")).expect("roster"))
            .expect("rows");
    let rows = roster.as_array().expect("array");
    assert_eq!(rows.len(), 200);
    let count = |role: &str| rows.iter().filter(|r| r["role"] == role).count();
    assert!(count("telesales") > 0 && count("kam") > 0 && count("csm") > 0);
    // Chinese names, ASCII ids, team names beside team ids.
    assert!(rows
        .iter()
        .all(|r| r["subject"].as_str().is_some_and(|s| s.is_ascii())));
    assert!(rows
        .iter()
        .all(|r| r["name"].as_str().is_some_and(|n| !n.is_ascii())));
    assert!(rows
        .iter()
        .any(|r| r["team_name"].as_str().is_some_and(|t| t.contains("华东"))));
    // Mid-quarter hires and leavers, and someone gone before the quarter.
    assert!(rows
        .iter()
        .any(|r| r["start"].as_str().is_some_and(|d| d > "2026-07-01")));
    assert!(rows.iter().any(|r| r["end"]
        .as_str()
        .is_some_and(|d| ("2026-07-01".."2026-10-01").contains(&d))));
    assert!(rows
        .iter()
        .any(|r| r["end"].as_str().is_some_and(|d| d < "2026-07-01")));

    let facts = std::fs::read_to_string(dir.join("facts.csv")).expect("facts");
    let lines = facts.lines().count() - 1;
    assert!((10_000..60_000).contains(&lines), "{lines} facts");
    for needle in [
        ",call,",
        ",lead,",
        ",visit,",
        ",deal,",
        ",contract,",
        ",invoice,",
        ",payment,",
        ",renewal,",
        ",survey,",
        ",record,",
        ",complaint,",
        "+08:00",
        "Z,",
        "2026-02-30",
        "50万",
    ] {
        assert!(facts.contains(needle), "the facts have no {needle:?}");
    }
    let targets = std::fs::read_to_string(dir.join("team_targets.csv")).expect("team targets");
    assert!(targets.starts_with("team,indicator,target\n"));
    assert!(targets.lines().count() > 1);
}

#[test]
fn demo_runs_and_prints_scorecards_teams_and_a_ledger_that_adds_up() {
    let dir = scratch("demo-run");
    let o = attain(&["demo", "--out", &s(&dir)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    for heading in [
        "电话销售 季度KPI 2026 (telesales-2026-q v1)",
        "大客户经理 季度KPI 2026 (key-account-2026-q v1)",
        "客户成功经理 季度KPI 2026 (customer-success-2026-q v1)",
        "teams: ",
        "ledger: ",
        "adds up, every row is accounted for",
        "rejected rows",
        "conflicting ids",
        "not scored: 1",
        "inactive",
    ] {
        assert!(out.contains(heading), "no {heading:?} in\n{out}");
    }
    // The ledger's numbers as printed add up to the rows, and match ledger.json.
    let number = |name: &str| -> u64 {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .expect("a ledger line");
        line.split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .expect("a count")
    };
    let rows: u64 = out
        .lines()
        .find_map(|l| l.strip_prefix("ledger: "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("rows");
    let (used, outside, duplicate, conflicting, rejected) = (
        number("used"),
        number("outside"),
        number("duplicate"),
        number("conflicting"),
        number("rejected"),
    );
    assert_eq!(used + outside + duplicate + conflicting + rejected, rows);
    assert!(used > 0 && outside > 0 && duplicate > 0 && conflicting > 0 && rejected > 0);
    let ledger: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ledger.json")).expect("ledger"))
            .expect("json");
    assert_eq!(ledger["rows"], rows);
    assert_eq!(ledger["rejected"], rejected);
    assert!(ledger_adds_up(&ledger));
    for f in ["scorecards.csv", "teams.csv", "run.json"] {
        assert!(dir.join(f).is_file(), "{f} written");
    }

    // A spread of ratings, some gated totals.
    let run: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("run.json")).expect("run"))
            .expect("json");
    let cards: Vec<&Value> = run["results"]
        .as_array()
        .expect("results")
        .iter()
        .flat_map(|r| r["subjects"].as_array().expect("subjects"))
        .collect();
    for rating in ["S", "A", "B", "C", "D"] {
        assert!(
            cards.iter().any(|c| c["rating"] == rating),
            "no subject rated {rating}"
        );
    }
    assert!(cards.iter().any(|c| c["flags"]
        .as_array()
        .is_some_and(|f| f.contains(&json!("gated")))));
    assert!(cards.iter().any(|c| c["flags"]
        .as_array()
        .is_some_and(|f| f.contains(&json!("prorated")))));
}

#[test]
fn run_json_is_the_cores_run_byte_for_byte() {
    let dir = demo_dir();
    let o = run(dir, &["--period", "2026-Q3", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), core_run(dir, "2026-Q3", None));
    // Without --format and piped, the output is the JSON too.
    let o = run(dir, &["--period", "2026-Q3"]);
    assert_eq!(stdout(&o), core_run(dir, "2026-Q3", None));
}

#[test]
fn run_ledger_adds_up_and_counts_every_line() {
    let dir = demo_dir();
    let o = run(dir, &["--period", "2026-Q3", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let ledger = &doc["ledger"];
    assert!(ledger_adds_up(ledger), "{ledger}");
    let facts = std::fs::read_to_string(dir.join("facts.csv")).expect("facts");
    assert_eq!(ledger["rows"], (facts.lines().count() - 1) as u64);
    let codes: Vec<&str> = ledger["rejections"]
        .as_array()
        .expect("rejections")
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    for c in [
        "missing_id",
        "unknown_subject",
        "unknown_type",
        "bad_number",
        "bad_date",
        "bad_boolean",
        "missing_value",
        "negative_duration",
        "bad_row",
    ] {
        assert!(codes.contains(&c), "no {c} in {codes:?}");
    }
    assert!(!ledger["conflicts"]
        .as_array()
        .expect("conflicts")
        .is_empty());
}

#[test]
fn as_of_prints_early_warnings() {
    let dir = demo_dir();
    let o = run(
        dir,
        &[
            "--period",
            "2026-Q3",
            "--as-of",
            "2026-08-15",
            "--format",
            "table",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("period to date: as of 2026-08-15"), "{out}");
    let warnings = out
        .split("early warnings (预警) as of 2026-08-15: ")
        .nth(1)
        .expect("a warnings section");
    assert!(warnings.contains("behind pace"), "{warnings}");
    assert!(warnings.contains("expected by now"));
    assert!(warnings.lines().filter(|l| l.contains('%')).count() > 3);

    // The JSON has the same warnings and equals the core's.
    let o = run(
        dir,
        &[
            "--period",
            "2026-Q3",
            "--as-of",
            "2026-08-15",
            "--format",
            "json",
        ],
    );
    assert_eq!(stdout(&o), core_run(dir, "2026-Q3", Some("2026-08-15")));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let warned = doc["results"]
        .as_array()
        .expect("results")
        .iter()
        .flat_map(|r| r["subjects"].as_array().expect("subjects"))
        .flat_map(|c| c["pace"].as_array().cloned().unwrap_or_default())
        .filter(|p| p["warning"] == true)
        .count();
    assert!(warned > 0);
    assert_eq!(
        warned,
        warnings
            .lines()
            .skip(4)
            .take_while(|l| !l.is_empty())
            .count()
    );
}

#[test]
fn a_bad_period_is_refused() {
    let dir = demo_dir();
    let o = run(dir, &["--period", "2026-Q5"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/period: bad_period:"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
    let o = run(dir, &["--period", "2026-Q3", "--as-of", "2026-10-02"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("/as_of: bad_period:"), "{}", stderr(&o));
    let o = attain(&[
        "demo",
        "--no-run",
        "--period",
        "2026-07",
        "--out",
        &s(&scratch("q")),
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("/period: bad_period:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn run_csv_has_one_row_per_subject_and_out_writes_files() {
    let dir = demo_dir();
    let out = scratch("out");
    let o = run(
        dir,
        &["--period", "2026-Q3", "--format", "csv", "--out", &s(&out)],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let csv = stdout(&o);
    let header = csv.lines().next().expect("header");
    assert!(header.starts_with(
        "plan,subject,name,role,team,team_name,status,total,rating,rank,team_rank,payout,score,"
    ));
    assert!(header.ends_with(",flags"));
    let doc: Value = serde_json::from_str(&core_run(dir, "2026-Q3", None)).expect("json");
    let scored: usize = doc["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["subjects"].as_array().expect("subjects").len())
        .sum();
    assert_eq!(csv.lines().count(), scored + 1);
    assert_eq!(
        std::fs::read_to_string(out.join("scorecards.csv")).expect("scorecards"),
        csv
    );
    let teams = std::fs::read_to_string(out.join("teams.csv")).expect("teams");
    assert_eq!(
        teams.lines().count(),
        doc["teams"].as_array().expect("teams").len() + 1
    );
    assert_eq!(
        std::fs::read_to_string(out.join("run.json")).expect("run.json"),
        core_run(dir, "2026-Q3", None)
    );
    let ledger: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("ledger.json")).expect("ledger"))
            .expect("json");
    assert_eq!(ledger, doc["ledger"]);
}

#[test]
fn table_rows_are_best_first_with_names_and_team_names() {
    let dir = demo_dir();
    let o = run(dir, &["--period", "2026-Q3", "--format", "table"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let section = out
        .split("电话销售 季度KPI 2026 (telesales-2026-q v1)")
        .nth(1)
        .expect("telesales section");
    let lines: Vec<&str> = section
        .lines()
        .skip(2)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(
        lines[0].starts_with("rank  team rank  subject"),
        "{}",
        lines[0]
    );
    let ranks: Vec<u64> = lines[2..]
        .iter()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(ranks.len() > 10);
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert!(lines[2].contains("电销"), "team names shown: {}", lines[2]);
}

#[test]
fn refused_tables_name_the_file_and_line() {
    let dir = scratch("bad-roster");
    let o = attain(&["demo", "--no-run", "--people", "10", "--out", &s(&dir)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let roster = std::fs::read_to_string(dir.join("roster.csv")).expect("roster");
    let mut lines: Vec<String> = roster.lines().map(String::from).collect();
    let mut cells: Vec<&str> = lines[3].split(',').collect();
    cells[5] = "2026-02-30"; // start
    lines[3] = cells.join(",");
    std::fs::write(dir.join("roster.csv"), lines.join("\n") + "\n").expect("write");
    let o = run(&dir, &["--period", "2026-Q3"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("/roster/2/"), "{err}");
    assert!(err.contains("roster.csv:4)"), "{err}");

    // A facts file that cannot be opened is an I/O error (exit 1).
    std::fs::write(dir.join("roster.csv"), roster).expect("write");

    let o = attain(&[
        "run",
        "--plan",
        &s(&dir.join("plans/telesales.json")),
        "--roster",
        &s(&dir.join("roster.csv")),
        "--facts",
        &s(&dir.join("missing.csv")),
        "--period",
        "2026-Q3",
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}

#[test]
fn a_misnamed_csv_column_is_one_problem_at_the_files_header() {
    let dir = scratch("bad-column");
    let o = attain(&["demo", "--no-run", "--people", "10", "--out", &s(&dir)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // `role` misspelled in the roster's header: not a run without roles, a refusal.
    let roster = std::fs::read_to_string(dir.join("roster.csv")).expect("roster");
    let (header, rest) = roster.split_once('\n').expect("header");
    assert!(header.contains(",role,"), "{header}");
    let misnamed = header.replace(",role,", ",rol,");
    std::fs::write(dir.join("roster.csv"), format!("{misnamed}\n{rest}")).expect("write");
    let o = run(&dir, &["--period", "2026-Q3"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    let problems: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("unknown_field"))
        .collect();
    assert_eq!(problems.len(), 1, "{err}");
    assert!(err.contains("(1 problem)"), "{err}");
    let line = problems[0];
    assert!(line.contains("/roster/0/rol: unknown_field:"), "{line}");
    assert!(line.contains(r#"did you mean "role"?"#), "{line}");
    assert!(line.contains("roster.csv:1, header)"), "{line}");
    assert!(stdout(&o).is_empty());

    // A required column misnamed (`target` in the team targets): one problem too,
    // not one missing target per row.
    std::fs::write(dir.join("roster.csv"), &roster).expect("write");
    let targets = std::fs::read_to_string(dir.join("team_targets.csv")).expect("targets");
    let (header, rest) = targets.split_once('\n').expect("header");
    let misnamed = header.replace("target", "targte");
    // Its rows twice, so that there are several rows without a target.
    std::fs::write(
        dir.join("team_targets.csv"),
        format!("{misnamed}\n{rest}{rest}"),
    )
    .expect("write");
    let o = run(&dir, &["--period", "2026-Q3"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("(1 problem)"), "{err}");
    assert!(
        err.contains("/team_targets/0/targte: unknown_field:"),
        "{err}"
    );
    assert!(err.contains(r#"did you mean "target"?"#), "{err}");
    assert!(err.contains("team_targets.csv:1, header)"), "{err}");
}

#[test]
fn facts_as_json_lines_give_the_same_scores() {
    let dir = scratch("jsonl");
    let o = attain(&["demo", "--no-run", "--people", "12", "--out", &s(&dir)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Convert the CSV facts to JSON Lines (bad and duplicate rows included).
    let text = std::fs::read_to_string(dir.join("facts.csv")).expect("facts");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let mut jsonl = String::new();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        if cells.len() != header.len() {
            jsonl.push_str("{not json\n");
            continue;
        }
        let obj: serde_json::Map<String, Value> = header
            .iter()
            .zip(&cells)
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect();
        jsonl.push_str(&Value::Object(obj).to_string());
        jsonl.push('\n');
    }
    std::fs::write(dir.join("facts.jsonl"), jsonl).expect("write");
    let mut args = run_args(&dir, &["--period", "2026-Q3", "--format", "json"]);
    let csv_out = {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        attain(&refs)
    };
    let at = args
        .iter()
        .position(|a| a == "--facts")
        .expect("facts flag")
        + 1;
    args[at] = s(&dir.join("facts.jsonl"));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let jsonl_out = attain(&refs);
    assert_eq!(code(&jsonl_out), 0, "{}", stderr(&jsonl_out));
    let a: Value = serde_json::from_str(&stdout(&csv_out)).expect("json");
    let b: Value = serde_json::from_str(&stdout(&jsonl_out)).expect("json");
    assert_eq!(a["results"], b["results"]);
    assert_eq!(a["teams"], b["teams"]);
    for k in [
        "rows",
        "used",
        "outside",
        "duplicate",
        "conflicting",
        "rejected",
    ] {
        assert_eq!(a["ledger"][k], b["ledger"][k], "{k}");
    }
}

#[test]
fn a_byte_order_mark_before_the_facts_header_is_skipped() {
    let dir = scratch("bom");
    let o = attain(&["demo", "--no-run", "--people", "10", "--out", &s(&dir)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let plain = run(&dir, &["--period", "2026-Q3", "--format", "json"]);
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(std::fs::read(dir.join("facts.csv")).expect("facts"));
    std::fs::write(dir.join("facts.csv"), bytes).expect("write");
    let bom = run(&dir, &["--period", "2026-Q3", "--format", "json"]);
    assert_eq!(code(&bom), 0, "{}", stderr(&bom));
    assert_eq!(stdout(&bom), stdout(&plain));
}

#[test]
fn facts_from_a_pipe_give_the_files_result() {
    let dir = demo_dir();
    let want = core_run(dir, "2026-Q3", None);
    // `--facts /dev/stdin` with the file piped in: a source that can be read once.
    let mut args = run_args(
        dir,
        &[
            "--period",
            "2026-Q3",
            "--format",
            "json",
            "--facts-format",
            "csv",
        ],
    );
    let at = args.iter().position(|a| a == "--facts").expect("--facts") + 1;
    args[at] = "/dev/stdin".into();
    let o = Command::new(env!("CARGO_BIN_EXE_attain"))
        .args(&args)
        .stdin(std::process::Stdio::from(
            File::open(dir.join("facts.csv")).expect("facts.csv"),
        ))
        .output()
        .expect("run attain");
    // A file given as stdin is still a file; a real pipe needs a second process.
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), want);
    let mut cat = Command::new("cat")
        .arg(dir.join("facts.csv"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("cat");
    let pipe = cat.stdout.take().expect("cat's stdout");
    let o = Command::new(env!("CARGO_BIN_EXE_attain"))
        .args(&args)
        .stdin(std::process::Stdio::from(pipe))
        .output()
        .expect("run attain");
    let _ = cat.wait();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), want);
}

#[test]
fn demo_writes_into_attain_demo_in_the_current_folder_and_says_so() {
    let dir = scratch("demo-cwd");
    let _ = std::fs::remove_dir_all(dir.join("attain-demo"));
    let o = Command::new(env!("CARGO_BIN_EXE_attain"))
        .args(["demo", "--no-run", "--people", "10"])
        .current_dir(&dir)
        .output()
        .expect("run attain");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(dir.join("attain-demo/roster.csv").is_file());
    assert!(!dir.join("target").exists());
    assert!(
        stdout(&o).contains("wrote attain-demo in "),
        "{}",
        stdout(&o)
    );
}

#[test]
fn top_and_plan_id_narrow_the_printed_table_and_csv_not_the_json() {
    let dir = demo_dir();
    let go = |extra: &[&str]| {
        let args = run_args(dir, extra);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        attain(&refs)
    };
    // The table: one plan (chosen by its role), its three best, and how many more.
    let o = go(&[
        "--period",
        "2026-Q3",
        "--format",
        "table",
        "--top",
        "3",
        "--plan-id",
        "kam",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("(key-account-2026-q v1)"), "{out}");
    assert!(!out.contains("(telesales-2026-q v1)"), "{out}");
    assert!(out.contains(" more (--top)\n"), "{out}");
    // CSV: per plan, the first 2 best first, the same subjects as the JSON ranks 1 and 2.
    let o = go(&["--period", "2026-Q3", "--format", "csv", "--top", "2"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let csv = stdout(&o);
    let json: Value = serde_json::from_str(&stdout(&go(&[
        "--period", "2026-Q3", "--format", "json", "--top", "2",
    ])))
    .expect("run JSON");
    let mut want: Vec<String> = Vec::new();
    for plan in json["results"].as_array().into_iter().flatten() {
        let mut cards: Vec<&Value> = plan["subjects"].as_array().into_iter().flatten().collect();
        // JSON stays whole.
        assert!(cards.len() > 2);
        cards.sort_by_key(|c| {
            (
                c["rank"].as_u64().unwrap_or(u64::MAX),
                c["id"].as_str().unwrap_or("").to_string(),
            )
        });
        want.extend(
            cards
                .iter()
                .take(2)
                .map(|c| c["id"].as_str().unwrap_or("").to_string()),
        );
    }
    let mut got: Vec<String> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .map(String::from)
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // A plan that is not given: refused, naming the plans.
    let o = go(&["--period", "2026-Q3", "--plan-id", "nope"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("telesales-2026-q (role telesales)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_bundled_example_org_is_what_demo_generates_for_ten_people() {
    let dir = scratch("org10");
    let o = attain(&[
        "demo",
        "--no-run",
        "--people",
        "10",
        "--seed",
        "42",
        "--out",
        &s(&dir),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let org = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/org");
    for file in [
        "roster.csv",
        "facts.csv",
        "team_targets.csv",
        "plans/telesales.json",
        "plans/key-account.json",
        "plans/customer-success.json",
    ] {
        let made = std::fs::read(dir.join(file)).unwrap_or_default();
        let kept = std::fs::read(org.join(file)).unwrap_or_default();
        assert!(
            !made.is_empty() && made == kept,
            "examples/org/{file} differs from `attain demo --people 10` (regenerate it)"
        );
    }
}

#[test]
fn run_takes_points_from_a_points_file_beside_measured_deductions() {
    let dir = scratch("points");
    let plan = r#"{"id": "cs", "name": "客服", "version": "1",
      "indicators": [{"id": "calls", "name": "外呼量", "unit": {"kind": "count"},
        "direction": "higher_is_better", "target": {"value": 1}, "curve": {"kind": "ratio", "cap": 150},
        "measure": {"kind": "count", "fact": "call", "date": "at"}}],
      "tree": {"group": "root", "children": [{"indicator": "calls", "weight": 100}]},
      "adjustments": [
        {"kind": "deduction", "id": "complaints", "max": "10", "per_unit": "2",
         "measure": {"kind": "count", "fact": "complaint", "date": "at"}},
        {"kind": "bonus", "id": "innovation", "max": "5"}]}"#;
    let files = [
        ("plan.json", plan),
        ("roster.csv", "subject\na\nb\n"),
        (
            "facts.csv",
            "id,subject,type,at\nC1,a,call,2026-07-01\nC2,b,call,2026-07-01\n\
             P1,a,complaint,2026-07-02\nP2,a,complaint,2026-07-03\n",
        ),
        ("points.csv", "subject,adjustment,points\nb,innovation,3\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write");
    }
    let f = |n: &str| s(&dir.join(n));
    let (plan, roster, facts, points) = (
        f("plan.json"),
        f("roster.csv"),
        f("facts.csv"),
        f("points.csv"),
    );
    let o = attain(&[
        "run", "--plan", &plan, "--roster", &roster, "--facts", &facts, "--points", &points,
        "--period", "2026-07", "--format", "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let cards = &v["results"][0]["subjects"];
    assert_eq!(cards[0]["adjustments"][0]["measured"], "2.00");
    assert_eq!(cards[0]["adjustments"][0]["points"], "-4.00");
    assert_eq!(cards[0]["adjustments"][1]["flags"], json!(["missing"]));
    assert_eq!(cards[0]["total"], "96.00");
    assert_eq!(cards[1]["adjustments"][1]["points"], "3.00");
    assert_eq!(cards[1]["total"], "103.00");
}
