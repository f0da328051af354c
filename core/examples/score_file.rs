//! Score an input document the way the bindings do (`Plan::score_json`, or
//! `Plan::explain_json` for one subject) and write the canonical text to stdout;
//! a refusal goes to stderr as `path: code: message`. Used by `scripts/limits.sh`
//! to measure the worst allowed inputs without the CLI's own reading.
//!
//! `cargo run --release -p attain --example score_file -- PLAN INPUT [SUBJECT]`
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(plan), Some(input)) = (args.first(), args.get(1)) else {
        eprintln!("usage: score_file PLAN INPUT [SUBJECT]");
        return ExitCode::from(2);
    };
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let text = read(plan).and_then(|plan| {
        let input = read(input)?;
        let plan = attain::Plan::from_json(&plan).map_err(|e| e.to_string())?;
        let out = match args.get(2) {
            Some(subject) => plan
                .explain_json(&input, subject)
                .map(Option::unwrap_or_default),
            None => plan.score_json(&input),
        };
        out.map_err(|e| {
            let problems: Vec<String> = e.problems().iter().map(|p| p.to_string()).collect();
            problems.join("\n")
        })
    });
    match text {
        Ok(t) => {
            let mut out = std::io::stdout().lock();
            if out.write_all(t.as_bytes()).is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
