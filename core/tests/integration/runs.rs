//! Runs the fact-based conformance corpus (`conformance/runs/`): plans + roster +
//! facts + period → the expected canonical run result, byte for byte, also with the
//! fact rows in reverse order; invalid runs refused with exactly the listed problems.

use crate::common;

use serde_json::Value;
use std::collections::BTreeSet;

fn cases() -> Vec<(String, Value)> {
    common::corpus("runs")
}

/// The same facts with the data rows reversed (the CSV header stays first).
fn reversed_facts(case: &Value) -> Value {
    let mut c = common::run_document(case);
    let format = case["facts"]["format"].as_str().unwrap_or("csv");
    let text = case["facts"]["text"].as_str().unwrap_or("");
    let mut lines: Vec<&str> = text.lines().collect();
    let header = if format == "csv" && !lines.is_empty() {
        Some(lines.remove(0))
    } else {
        None
    };
    lines.reverse();
    let mut out: Vec<&str> = header.into_iter().collect();
    out.extend(lines);
    c["facts"]["text"] = Value::String(out.join("\n") + "\n");
    c
}

#[test]
fn run_cases_match_expected_bytes() {
    let all = cases();
    assert!(
        all.len() >= 25,
        "expected at least 25 run cases, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (name, case) in &all {
        let got = attain::run::run_value(&common::run_document(case));
        if let Some(want) = case.get("expected_error") {
            let want_set: BTreeSet<(String, String)> = want["problems"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            (
                                p["path"].as_str().unwrap_or("").into(),
                                p["code"].as_str().unwrap_or("").into(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            match got {
                Ok(_) => failures.push(format!("{name}: accepted, expected {want_set:?}")),
                Err(e) => {
                    let got_set: BTreeSet<(String, String)> = e
                        .problems()
                        .iter()
                        .map(|p| (p.path.clone(), p.code.as_str().to_string()))
                        .collect();
                    if got_set != want_set
                        || e.kind().as_str() != want["error"].as_str().unwrap_or("")
                    {
                        failures.push(format!(
                            "{name}: expected {want_set:?}\n   got {} {got_set:?}",
                            e.kind().as_str()
                        ));
                    }
                }
            }
            continue;
        }
        let expected = case["expected"].to_string();
        match got {
            Err(e) => failures.push(format!("{name}: refused: {e}")),
            Ok(r) => {
                if !r.ledger().adds_up() {
                    failures.push(format!(
                        "{name}: the ledger does not add up: {:?}",
                        r.ledger()
                    ));
                }
                let text = r.to_json();
                if text != expected {
                    failures.push(format!("{name}:\n  expected {expected}\n  got      {text}"));
                    continue;
                }
                // Row order must not change any figure (line numbers in the ledger do change).
                if let Ok(rev) = attain::run::run_value(&reversed_facts(case)) {
                    let strip = |v: &Value| {
                        let mut v = v.clone();
                        v["ledger"]["rejections"] = Value::Null;
                        v["ledger"]["conflicts"] = Value::Null;
                        v
                    };
                    if strip(rev.to_value()) != strip(r.to_value()) {
                        failures.push(format!("{name}: differs when the fact rows are reversed"));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} run cases failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// Every run case in the corpus gives the same bytes on one thread as on several,
/// with chunks cut anywhere (a few bytes each: every record boundary is a chunk end
/// somewhere), and refused cases the same problems.
#[test]
fn run_cases_are_the_same_bytes_on_one_thread_and_many_with_any_chunk_size() {
    use attain::run::{run_bytes, FactsFormat, RunSetup};
    let mut compared = 0;
    let mut failures = Vec::new();
    for (name, case) in cases() {
        if case["facts"]["format"].as_str().unwrap_or("csv") != "csv" {
            continue;
        }
        let text = case["facts"]["text"].as_str().unwrap_or("");
        let Ok(setup) = RunSetup::from_value(&common::run_document(&case)) else {
            continue;
        };
        let show = |r: Result<attain::run::RunResult, attain::Error>| match r {
            Ok(r) => r.to_json(),
            Err(e) => e.to_json(),
        };
        let one = show(run_bytes(
            &setup.clone().with_threads(1),
            FactsFormat::Csv,
            text.as_bytes(),
        ));
        for (threads, chunk) in [(2, 1), (3, 7), (4, 64), (8, 1 << 20)] {
            let many = show(run_bytes(
                &setup.clone().with_threads(threads).with_chunk_bytes(chunk),
                FactsFormat::Csv,
                text.as_bytes(),
            ));
            if many != one {
                failures.push(format!(
                    "{name}: {threads} threads, {chunk}-byte chunks:\n  {many}\n  one thread: {one}"
                ));
            }
        }
        compared += 1;
    }
    assert!(compared >= 25, "only {compared} CSV run cases compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
