//! Differential test: the engine against the independent oracle
//! (`conformance/oracle.py`) on generated plans and inputs.
//!
//! `conformance/random_cases.py` writes `cases.jsonl` (one corpus case a line:
//! `{name, description, plan, input, expected}`, `expected` from the oracle) into a
//! folder; this test scores every case and compares the canonical result byte for
//! byte with `expected`. The folder is given by `ATTAIN_DIFF_DIR`. Plain `cargo test`
//! has no generated cases: the tests are ignored there (the reason is printed), and
//! `scripts/differential.sh` generates the cases and runs them with
//! `--include-ignored`; run without `ATTAIN_DIFF_DIR` they say so and pass.
//!
//! A case that differs is written to `<dir>/failures/<name>.json` (pretty, a corpus
//! case with the oracle's `expected`) for reproduction, with the engine's result
//! beside it (`<name>.engine.json`); the first few differences
//! are printed with the first differing position.

#[cfg(feature = "run")]
use crate::common;
use attain::{Error, Input, Plan};
use serde_json::Value;
#[cfg(feature = "run")]
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Differences printed in full (all are written to `failures/`).
const SHOWN: usize = 8;

fn run(plan: &Value, input: &Value) -> Result<String, Error> {
    let plan = Plan::from_value(plan)?;
    let input = Input::from_value(&plan, input)?;
    Ok(plan.score(&input)?.to_json())
}

/// `…` + the text around byte `at` of `s` (on character boundaries).
fn around(s: &str, at: usize) -> String {
    let mut start = at.saturating_sub(120);
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 120).min(s.len());
    while !s.is_char_boundary(end) {
        end += 1;
    }
    format!("…{}…", &s[start..end])
}

fn first_difference(a: &str, b: &str) -> usize {
    a.bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}

/// The generated cases of a JSON Lines file, one per non-blank line; a line that
/// is not JSON is a failure (its file and line), not a case.
fn read_cases(file: &Path, failures: &mut Vec<String>) -> Vec<Value> {
    let read = fs::read_to_string(file);
    assert!(read.is_ok(), "cannot read {}: {read:?}", file.display());
    let text = read.unwrap_or_default();
    let mut cases = Vec::new();
    for (line_no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str(line) {
            Ok(c) => cases.push(c),
            Err(e) => failures.push(format!("{}:{}: {e}", file.display(), line_no + 1)),
        }
    }
    cases
}

#[test]
#[ignore = "needs generated cases: scripts/differential.sh (ATTAIN_DIFF_DIR)"]
fn engine_agrees_with_the_oracle_on_generated_cases() {
    let Some(dir) = std::env::var_os("ATTAIN_DIFF_DIR") else {
        eprintln!(
            "differential test skipped: ATTAIN_DIFF_DIR is not set (scripts/differential.sh \
             generates the cases and sets it)"
        );
        return;
    };
    let dir = Path::new(&dir);
    let file = dir.join("cases.jsonl");
    let failures_dir = dir.join("failures");
    let mut compared = 0usize;
    let mut failures = Vec::new();
    for case in read_cases(&file, &mut failures) {
        let name = case["name"].as_str().unwrap_or("unnamed").to_string();
        let expected = case["expected"].to_string();
        compared += 1;
        let outcome = run(&case["plan"], &case["input"]);
        let report = match &outcome {
            Ok(got) if *got == expected => continue,
            Ok(got) => {
                let at = first_difference(&expected, got);
                format!(
                    "differs at byte {at}\n    oracle {}\n    engine {}",
                    around(&expected, at),
                    around(got, at)
                )
            }
            Err(e) => format!("refused by the engine: {e}"),
        };
        let _ = fs::create_dir_all(&failures_dir);
        let kept = failures_dir.join(format!("{name}.json"));
        let pretty = serde_json::to_string_pretty(&case).unwrap_or_default();
        let _ = fs::write(&kept, pretty + "\n");
        if let Ok(got) = &outcome {
            let _ = fs::write(failures_dir.join(format!("{name}.engine.json")), got);
        }
        failures.push(format!("{name} ({}): {report}", kept.display()));
    }
    assert!(compared > 0, "no case in {}", file.display());
    eprintln!(
        "differential: {compared} cases compared with the oracle, {} differ",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {compared} generated cases differ from the oracle (all kept in {}); first {}:\n{}",
        failures.len(),
        failures_dir.display(),
        SHOWN.min(failures.len()),
        failures
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The `(path, code)` pairs of an error document's problems.
#[cfg(feature = "run")]
fn problem_set(problems: &Value) -> BTreeSet<(String, String)> {
    problems
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["path"].as_str().unwrap_or("").to_string(),
                p["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The same for runs (`runs.jsonl`: run documents, `expected` or `expected_error`
/// from `conformance/oracle_run.py`); an error compares as in `runs.rs`.
#[cfg(feature = "run")]
#[test]
#[ignore = "needs generated runs: ATTAIN_DIFF_RUNS=N scripts/differential.sh"]
fn runs_agree_with_the_run_oracle_on_generated_cases() {
    let Some(dir) = std::env::var_os("ATTAIN_DIFF_DIR") else {
        eprintln!("differential runs skipped: ATTAIN_DIFF_DIR is not set");
        return;
    };
    let dir = Path::new(&dir);
    let file = dir.join("runs.jsonl");
    if !file.exists() {
        eprintln!("differential runs skipped: no {}", file.display());
        return;
    }
    let failures_dir = dir.join("failures");
    let mut compared = 0usize;
    let mut failures = Vec::new();
    for case in read_cases(&file, &mut failures) {
        let name = case["name"].as_str().unwrap_or("unnamed").to_string();
        let mut doc = common::run_document(&case);
        if let Some(m) = doc.as_object_mut() {
            m.remove("name");
        }
        compared += 1;
        let got = attain::run::run_value(&doc);
        let report = match (&got, case.get("expected_error")) {
            (Ok(r), None) => {
                let text = r.to_json();
                let expected = case["expected"].to_string();
                if text == expected {
                    continue;
                }
                let at = first_difference(&expected, &text);
                let _ = fs::create_dir_all(&failures_dir);
                let _ = fs::write(failures_dir.join(format!("{name}.engine.json")), &text);
                format!(
                    "differs at byte {at}\n    oracle {}\n    engine {}",
                    around(&expected, at),
                    around(&text, at)
                )
            }
            (Err(e), Some(want)) => {
                let mine: BTreeSet<(String, String)> = e
                    .problems()
                    .iter()
                    .map(|p| (p.path.clone(), p.code.as_str().to_string()))
                    .collect();
                if mine == problem_set(&want["problems"])
                    && e.kind().as_str() == want["error"].as_str().unwrap_or("")
                {
                    continue;
                }
                format!("refused differently: engine {} {mine:?}", e.kind().as_str())
            }
            (Ok(_), Some(want)) => format!("accepted, the oracle refuses: {want}"),
            (Err(e), None) => format!("refused by the engine: {e}"),
        };
        let _ = fs::create_dir_all(&failures_dir);
        let kept = failures_dir.join(format!("{name}.json"));
        let _ = fs::write(
            &kept,
            serde_json::to_string_pretty(&case).unwrap_or_default() + "\n",
        );
        failures.push(format!("{name} ({}): {report}", kept.display()));
    }
    eprintln!(
        "differential: {compared} runs compared with the run oracle, {} differ",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {compared} generated runs differ from the run oracle (all kept in {}); first {}:\n{}",
        failures.len(),
        failures_dir.display(),
        SHOWN.min(failures.len()),
        failures
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
