//! Runs the built `attain` binary on the examples and on broken files.
#![allow(clippy::expect_used)]

use attain::Plan;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use unicode_width::UnicodeWidthStr;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn plan(name: &str) -> String {
    root()
        .join("examples/plans")
        .join(format!("{name}.json"))
        .display()
        .to_string()
}

fn actuals(file: &str) -> String {
    root()
        .join("examples/actuals")
        .join(file)
        .display()
        .to_string()
}

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

/// A scratch directory of this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attain-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn write(dir: &Path, file: &str, text: &str) -> String {
    let path = dir.join(file);
    std::fs::write(&path, text).expect("write scratch file");
    path.display().to_string()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).expect("read example")
}

#[test]
fn validate_examples_ok() {
    for (name, id, n) in [
        ("telesales", "telesales-2026", 5),
        ("key-account", "key-account-2026-q", 5),
        ("customer-success", "customer-success-2026-q", 6),
    ] {
        let o = attain(&["validate", &plan(name)]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        assert_eq!(stdout(&o), format!("plan {id} v1: ok ({n} indicators)\n"));
    }
}

#[test]
fn validate_broken_plan_lists_every_problem() {
    let dir = scratch("broken");
    let broken = write(
        &dir,
        "broken.json",
        r#"{"id": "p", "name": "坏的", "version": "1",
  "indicators": [{"id": "a", "name": "A", "unit": {"kind": "count"},
    "direction": "higher_is_better", "target": {"value": 0}, "curve": {"kind": "ratio"}}],
  "tree": {"group": "root", "children": [{"indicator": "a", "weight": 90}]}}"#,
    );
    let o = attain(&["validate", &broken]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(err.starts_with("attain: invalid plan "), "{err}");
    assert!(
        err.contains("\n/indicators/0/target/value: zero_target: "),
        "{err}"
    );
    assert!(
        err.contains("\n/tree/children: weights_do_not_sum_to_100: "),
        "{err}"
    );

    let not_json = write(&dir, "not-json.json", "{\"id\": ");
    let o = attain(&["validate", &not_json]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("\n/: invalid_json: "), "{}", stderr(&o));
}

#[test]
fn missing_file_is_an_io_error() {
    let o = attain(&["validate", "/nonexistent/plan.json"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).starts_with("attain: cannot read /nonexistent/plan.json"));
}

#[test]
fn score_json_is_the_core_result_for_json_and_csv() {
    let core = Plan::from_json(&read(&plan("telesales")))
        .expect("plan")
        .score_json(&read(&actuals("telesales.json")))
        .expect("score");
    for file in ["telesales.json", "telesales.csv"] {
        let o = attain(&[
            "score",
            &plan("telesales"),
            &actuals(file),
            "--format",
            "json",
        ]);
        assert_eq!(code(&o), 0, "{file}: {}", stderr(&o));
        assert_eq!(stdout(&o), format!("{core}\n"), "{file}");
    }
    // Not a terminal: JSON is the default.
    let o = attain(&["score", &plan("telesales"), &actuals("telesales.csv")]);
    assert_eq!(stdout(&o), format!("{core}\n"));
}

/// The customer-success CSV written out by hand as the FORMAT.md input document.
#[test]
fn csv_reads_as_the_same_input_document() {
    let input = r#"{"subjects": [
      {"id": "he.min", "name": "何敏", "groups": {"team": "cs-1"},
       "actuals": {"satisfaction": "94.5", "renewal_rate": "91", "onboarding_days": "26",
                   "health_checks": "10", "complaints": "0", "first_response_hours": "3.5"},
       "targets": {"renewal_rate": "90"}},
      {"id": "xu.lei", "name": "徐磊", "groups": {"team": "cs-1"},
       "actuals": {"satisfaction": "88", "renewal_rate": "82", "onboarding_days": null,
                   "health_checks": "14", "complaints": "1", "first_response_hours": "4.6"}},
      {"id": "ma.jing", "name": "马静", "groups": {"team": "cs-2"},
       "actuals": {"satisfaction": "91", "renewal_rate": "86.5", "onboarding_days": "19",
                   "health_checks": "7", "complaints": "2", "first_response_hours": "3.9"}}]}"#;
    let core = Plan::from_json(&read(&plan("customer-success")))
        .expect("plan")
        .score_json(input)
        .expect("score");
    let o = attain(&[
        "score",
        &plan("customer-success"),
        &actuals("customer-success.csv"),
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{core}\n"));
}

#[test]
fn every_example_scores() {
    for name in ["telesales", "key-account", "customer-success"] {
        let o = attain(&[
            "score",
            &plan(name),
            &actuals(&format!("{name}.csv")),
            "--format",
            "json",
        ]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).expect("result JSON");
        let subjects = v["subjects"].as_array().expect("subjects");
        assert!(subjects.iter().all(|s| s["status"] == "scored"), "{name}");
    }
}

#[test]
fn what_it_takes_is_asked_for() {
    let next = |args: &[&str]| -> Value {
        let o = attain(args);
        let v: Value = serde_json::from_str(&stdout(&o)).expect("result JSON");
        v["subjects"][0]["tree"]["children"][0]["children"][0]["next"].clone()
    };
    let (p, a) = (plan("telesales"), actuals("telesales.csv"));
    assert!(next(&["score", &p, &a, "--format", "json"]).is_null());
    let with = next(&["score", &p, &a, "--format", "json", "--what-it-takes"]);
    assert_eq!(with["goal"], "tier");
}

#[test]
fn csv_output_carries_what_it_takes_when_asked() {
    let (p, a) = (plan("telesales"), actuals("telesales.csv"));
    let o = attain(&["score", &p, &a, "--format", "csv", "--what-it-takes"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let header = rows.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name);
    for c in [
        "calls_next",
        "calls_next_actual",
        "calls_next_change",
        "calls_next_total",
        "calls_next_rating",
    ] {
        assert!(col(c).is_some(), "no column {c} in {header:?}");
    }
    // The same figures as the JSON result's `next` of the calls indicator.
    let json: Value = serde_json::from_str(&stdout(&attain(&[
        "score",
        &p,
        &a,
        "--format",
        "json",
        "--what-it-takes",
    ])))
    .expect("result JSON");
    let first = rows.records().next().expect("a row").expect("a record");
    let calls = &json["subjects"][0]["tree"]["children"][1]["children"][0];
    assert_eq!(calls["id"], "calls");
    let cell = |c: &str| {
        first
            .get(col(c).unwrap_or(usize::MAX))
            .unwrap_or("?")
            .to_string()
    };
    assert_eq!(
        cell("calls_next_actual"),
        calls["next"]["actual"].as_str().unwrap_or("-")
    );
    assert_eq!(
        cell("calls_next_total"),
        calls["next"]["total"].as_str().unwrap_or("-")
    );
    assert_eq!(
        cell("calls_next"),
        format!("tier {}", calls["next"]["tier"].as_str().unwrap_or("-"))
    );
    // Without the option, no such column.
    let plain = stdout(&attain(&["score", &p, &a, "--format", "csv"]));
    assert!(!plain.lines().next().unwrap_or("").contains("_next"));
}

#[test]
fn csv_output_has_one_row_per_subject() {
    let o = attain(&[
        "score",
        &plan("key-account"),
        &actuals("key-account.csv"),
        "--format",
        "csv",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some("subject,name,team,status,total,rating,rank,payout,score,new_customers,new_contract_amount,collection_rate,satisfaction,visits,flags")
    );
    let ids: Vec<&str> = lines
        .iter()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(ids, ["liu.yang", "sun.li", "wu.fang", "zhou.jie"]);
    assert!(
        out.contains("\nsun.li,孙丽,east,scored,60.00,D,2,15000.00,85.35,"),
        "{out}"
    );
}

#[test]
fn table_is_aligned_with_double_width_characters() {
    let o = attain(&[
        "score",
        &plan("telesales"),
        &actuals("telesales.csv"),
        "--format",
        "table",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().skip(2).collect();
    let header = lines.first().copied().unwrap_or("");
    assert!(header.starts_with("rank  subject"), "{out}");
    assert!(header.contains("外呼量"), "{out}");
    // The end of the `total` column, in display columns, is the same on every row.
    let end_of_total = |line: &str| -> usize {
        let cells: Vec<&str> = line.split_whitespace().collect();
        let total = cells.get(3).copied().unwrap_or("");
        let at = line
            .find(&format!(" {total}"))
            .map_or(0, |i| i + 1 + total.len());
        line.get(..at).map_or(0, UnicodeWidthStr::width)
    };
    let want = end_of_total(header);
    for line in lines.iter().skip(2) {
        assert_eq!(end_of_total(line), want, "{line}\n{out}");
    }
    // The tie shares rank 1 and the next rank is 3.
    let ranks: Vec<&str> = lines
        .iter()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(ranks, ["1", "1", "3", "4", "5"]);
}

#[test]
fn explain_prints_the_tree_with_next() {
    let o = attain(&[
        "explain",
        &plan("telesales"),
        &actuals("telesales.csv"),
        "--subject",
        "zhang.san",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "zhang.san 张三 — 电话销售 月度KPI 2026 (telesales-2026 v1)\n",
        "\n总分 (root)  score 106.15\n",
        "├─ 结果指标 (results)  weight 60.00 → 60.00  score 108.33  contribution 65.00\n",
        "   ├─ 外呼量 (calls)  weight 60.00 → 60.00\n",
        "actual 212.00 / target 200.00  achievement 106.00%  variance +12.00  tier 目标  score 104.80  contribution 25.15\n",
        "next: tier 挑战 at 250.00 (+38.00): score 120.00, total 109.80, rating A\n",
        "\ntotal     106.15\n",
        "\nrating    A\n",
        "\nrank      3 of 5\n",
        "\npayout    3600.00 CNY\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let nexts = out.lines().filter(|l| l.contains("   next: ")).count();
    assert_eq!(nexts, 5, "{out}");
}

#[test]
fn what_it_takes_says_clear_the_gate_first() {
    let dir = scratch("gate-first");
    let (p, a) = case_files(&dir, "what-it-takes-gate");
    let out = stdout(&attain(&["explain", &p, &a, "--subject", "s1"]));
    for want in [
        "variance -45.00%",
        "\nnext      clear the gate first: 客户投诉 (complaints) at 5.00 (-1.00): total 70.00, rating C\n",
        // Changes the gate's cap keeps from moving the total are not offered.
        "next: - (a gate caps the total: clear the gate first)\n",
        // The gate's own indicator still moves it.
        "next: score 50.00 at 5.00 (-1.00): total 70.00, rating C\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let o = attain(&["score", &p, &a, "--what-it-takes", "--format", "table"]);
    let table = stdout(&o);
    assert!(
        table.contains("  s2  clear the gate first: 回款率 (collection) at 54.01% (+9.01): total 122.00, rating S\n"),
        "{table}"
    );
    // s2's other indicators cannot move its capped total: none listed.
    assert!(!table.contains("  s2  回款"), "{table}");
    // Not gated: what it takes as before.
    assert!(table.contains("  s4  销售额: score 101.00"), "{table}");
}

/// A conformance case's plan and input, written as files for the CLI. `case` is
/// the file's slug, without its number (cases are renumbered as generators grow).
fn case_files(dir: &Path, case: &str) -> (String, String) {
    let folder = root().join("conformance/cases");
    let suffix = format!("-{case}.json");
    let path = std::fs::read_dir(&folder)
        .expect("cases folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.len() == suffix.len() + 3 && n.ends_with(&suffix))
        })
        .expect("a conformance case with this slug");
    let text = std::fs::read_to_string(path).expect("read case");
    let case: Value = serde_json::from_str(&text).expect("case JSON");
    (
        write(dir, "plan.json", &case["plan"].to_string()),
        write(dir, "input.json", &case["input"].to_string()),
    )
}

#[test]
fn explain_says_which_comparison_decided() {
    let dir = scratch("explain-boundary");
    let (p, a) = case_files(&dir, "boundary-exclusive-tiers");
    let o = attain(&["explain", &p, &a, "--subject", "c"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "decided: actual > 150 → tier 门槛; actual ≤ 200 → not 目标 (exclusive)\n",
        "decided: actual < 60 days → tier 门槛; actual ≥ 45 days → not 目标 (exclusive)\n",
        "decided: achievement > 100% → tier 达标; achievement ≤ 120% → not 卓越 (exclusive)\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let (p, a) = case_files(&dir, "boundary-exclusive-pass-fail-and-ratio-gate");
    let out = stdout(&attain(&["explain", &p, &a, "--subject", "a"]));
    for want in [
        "decided: actual ≤ target → not met (exclusive)\n",
        "decided: actual ≥ target → not met (exclusive)\n",
        "decided: achievement ≤ gate 60% → gated (exclusive)\n",
        "decided: achievement ≥ gate 60% → not gated (inclusive)\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let (p, a) = case_files(&dir, "boundary-exclusive-gates");
    let out = stdout(&attain(&["explain", &p, &a, "--subject", "s3"]));
    for want in [
        "回款率 (collection) at or below 60 caps total at 70: not applied\n",
        "客户投诉 (complaints) at or above 5 caps results at 50: applied, capped at 50.00  [gated]\n",
        "销售额 (sales) below 50 caps total at 80: not applied\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn explain_json_is_the_subjects_canonical_object() {
    let (p, a) = (plan("key-account"), actuals("key-account.csv"));
    let o = attain(&["explain", &p, &a, "--subject", "sun.li", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let card: Value = serde_json::from_str(&stdout(&o)).expect("card JSON");
    let all = attain(&["score", &p, &a, "--format", "json", "--what-it-takes"]);
    let all: Value = serde_json::from_str(&stdout(&all)).expect("result JSON");
    assert_eq!(card, all["subjects"][1]);
    assert_eq!(card["total"], "60.00");
    assert_eq!(card["flags"], serde_json::json!(["gated"]));

    let o = attain(&["explain", &p, &a, "--subject", "nobody"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with("attain: no subject \"nobody\""));
}

#[test]
fn schema_is_json() {
    let o = attain(&["schema"]);
    assert_eq!(code(&o), 0);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("schema JSON");
    assert!(v["$schema"].is_string());
    assert!(v["properties"]["indicators"].is_object());
}

#[test]
fn bad_csv_rows_are_reported_with_line_and_field() {
    let dir = scratch("bad-csv");
    let bad = write(
        &dir,
        "bad.csv",
        "subject,team,indicator,actual,target\n\
         a,n,calls,12x,\n\
         a,s,calls,14,\n\
         b,n,conversion,12,20\n\
         b,n,bogus,3,\n\
         b,n,deals,1e400,\n\
         b,n,deals,3\n",
    );
    let o = attain(&["score", &plan("telesales"), &bad, "--format", "json"]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    let lines: Vec<String> = err
        .lines()
        .skip(1)
        .map(|l| l.replacen(&bad, "bad.csv", 1))
        .collect();
    let starts: Vec<String> = lines
        .iter()
        .map(|l| l.splitn(4, ": ").take(3).collect::<Vec<_>>().join(": "))
        .collect();
    assert_eq!(
        starts,
        [
            "bad.csv:2: actual: not_a_number",
            "bad.csv:3: team: conflicting_value",
            "bad.csv:3: indicator: duplicate_row",
            "bad.csv:4: target: target_not_per_subject",
            "bad.csv:5: indicator: unknown_indicator",
            "bad.csv:6: actual: number_out_of_range",
            "bad.csv:7: invalid_csv: the row has 4 fields, the header 5",
        ],
        "{err}"
    );
    assert!(err.starts_with("attain: invalid input "), "{err}");

    let columns = write(
        &dir,
        "columns.csv",
        "subject,indicator,colour\na,calls,red\n",
    );
    let o = attain(&["score", &plan("telesales"), &columns]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("columns.csv:1: colour: unknown_field: "),
        "{err}"
    );
    assert!(
        err.contains("columns.csv:1: missing_field: the header has no \"actual\" column"),
        "{err}"
    );
}

#[test]
fn a_csv_that_is_not_utf8_is_refused_at_its_line() {
    let dir = scratch("gbk");
    let path = dir.join("gbk.csv");
    // "张三" in GBK.
    let bytes = b"subject,name,indicator,actual\nzhang.san,\xd5\xc5\xc8\xfd,calls,200\n";
    std::fs::write(&path, bytes).expect("write scratch file");
    let path = path.display().to_string();
    let o = attain(&["score", &plan("telesales"), &path]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains(&format!("{path}:2: not_utf8: ")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn points_and_subject_columns_from_csv() {
    let dir = scratch("points");
    let file = write(
        &dir,
        "ka.csv",
        "subject,team,base,active,indicator,actual\n\
         x,east,40000,0.5,new_customers,1\n\
         x,,,,strategic_win,2\n\
         x,,,,collection_rate,90\n",
    );
    let o = attain(&["score", &plan("key-account"), &file, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("result JSON");
    let card = &v["subjects"][0];
    assert_eq!(card["groups"], serde_json::json!({"team": "east"}));
    assert_eq!(card["adjustments"][1]["points"], "2.00");
    assert!(card["flags"]
        .as_array()
        .is_some_and(|f| f.contains(&Value::from("prorated"))));
}

#[test]
fn actuals_from_stdin() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_attain"))
        .args([
            "score",
            &plan("telesales"),
            "-",
            "--input-format",
            "csv",
            "--format",
            "csv",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn attain");
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(read(&actuals("telesales.csv")).as_bytes())
            .expect("write stdin");
    }
    let o = child.wait_with_output().expect("wait attain");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 6);
}

#[test]
fn explain_shows_adjustments_and_rank_within_team() {
    let (p, a) = (plan("key-account"), actuals("key-account.csv"));
    let o = attain(&["explain", &p, &a, "--subject", "sun.li"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "\ngate      回款率 (collection_rate) below 60 caps total at 60: applied, capped at 60.00  [gated]\n",
        "\nbonus     战略客户突破加分 (strategic_win) 0.00\n",
        "\ndeduction 合规扣分 (compliance) 0.00\n",
        "\nscore     85.35\n",
        "\ntotal     60.00\n",
        "\nrank      2 of 2\n",
        "\npayout    15000.00 CNY\n",
        "\nflags     gated\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

#[test]
fn a_plan_past_the_size_limit_is_refused_without_reading_it_whole() {
    let dir = scratch("huge");
    // 3 MiB, not UTF-8 after the first MiB: refused for its size, not its bytes.
    let mut text = vec![b' '; 3 << 20];
    text[0] = b'{';
    text[(1 << 20) + 10] = 0xFF;
    let path = dir.join("huge.json");
    std::fs::write(&path, &text).expect("write huge plan");
    let o = attain(&["validate", &path.display().to_string()]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("too_large"), "{err}");
}

#[test]
fn an_internal_failure_is_one_line_and_exit_code_3_not_a_backtrace() {
    let o = attain(&["internal-failure-test"]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with("attain: internal error (a bug in attain"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{err}");
    assert!(stdout(&o).is_empty());
    // Not listed among the commands a user sees.
    assert!(!stdout(&attain(&["--help"])).contains("internal-failure-test"));
}

#[test]
fn a_mistyped_command_or_flag_exits_2_with_a_suggestion() {
    let o = attain(&["scroe"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("'score'"), "{}", stderr(&o));
    let o = attain(&["score", "--what-it-take"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("--what-it-takes"), "{}", stderr(&o));
    let o = attain(&[]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(code(&attain(&["--help"])), 0);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_and_columns_stay_aligned() {
    let (p, a) = (plan("telesales"), actuals("telesales.csv"));
    let plain = stdout(&attain(&["score", &p, &a, "--format", "table"]));
    assert!(
        !plain.contains('\u{1b}'),
        "a pipe gets no colour by default"
    );
    let never = stdout(&attain(&[
        "score", &p, &a, "--format", "table", "--color", "never",
    ]));
    assert_eq!(never, plain);
    let always = stdout(&attain(&[
        "score", &p, &a, "--format", "table", "--color", "always",
    ]));
    assert!(always.contains("\u{1b}[1mrank\u{1b}[0m"), "{always}");
    // Without the colour codes, the very same text: widths were measured before painting.
    let mut stripped = String::new();
    let mut rest = always.as_str();
    while let Some(i) = rest.find('\u{1b}') {
        stripped.push_str(&rest[..i]);
        rest = &rest[i..];
        rest = &rest[rest.find('m').map_or(rest.len(), |m| m + 1)..];
    }
    stripped.push_str(rest);
    let trim = |s: &str| s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    assert_eq!(trim(&stripped), trim(&plain));
    // Errors: `attain:` in bold red only when colour is on for stderr.
    let o = attain(&["validate", "/nonexistent/plan.json", "--color", "always"]);
    assert!(
        stderr(&o).starts_with("\u{1b}[1;31mattain:\u{1b}[0m cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn csv_what_it_takes_names_the_gate_to_clear_first() {
    let dir = scratch("csv-gate");
    let (p, a) = case_files(&dir, "what-it-takes-gate");
    let o = attain(&["score", &p, &a, "--format", "csv", "--what-it-takes"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let header = rows.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let got: Vec<(String, String, String)> = rows
        .records()
        .filter_map(Result::ok)
        .map(|r| {
            let cell = |c: &str| r.get(col(c)).unwrap_or("?").to_string();
            (
                cell("subject"),
                cell("next_gate_indicator"),
                cell("next_gate_actual"),
            )
        })
        .collect();
    // The same as the case's `next_gate` (computed by the oracle).
    assert!(
        got.contains(&("s1".into(), "complaints".into(), "5.00".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("s2".into(), "collection".into(), "54.01".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("s4".into(), String::new(), String::new())),
        "{got:?}"
    );
}
