//! Print the engine's canonical result for a conformance case file (for debugging):
//! `cargo run -p attain --example run_case -- conformance/cases/001-….json`
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: run_case CASE.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    let case: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    if case.get("plans").is_some() {
        // A run case: the run document is the file without the test's own keys.
        let mut doc = case.clone();
        if let Some(m) = doc.as_object_mut() {
            for k in ["derivation", "expected", "expected_error"] {
                m.remove(k);
            }
        }
        return match attain::run::run_value(&doc) {
            Ok(r) => {
                println!("{}", r.to_json());
                ExitCode::SUCCESS
            }
            Err(e) => {
                println!("{}", e.to_json_value());
                ExitCode::from(2)
            }
        };
    }
    let out = attain::Plan::from_value(&case["plan"]).and_then(|plan| {
        let input = attain::Input::from_value(&plan, &case["input"])?;
        Ok(plan.score(&input)?.to_json())
    });
    match out {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("{}", e.to_json_value());
            ExitCode::from(2)
        }
    }
}
