//! Native batch scoring, text to text, on the workload of `bindings-node/bench/batch.mjs`
//! (plan `kam-bench`, the same generated subjects): the figure the Node binding's
//! throughput is compared with.
//!
//!   cargo run --release -p attain-benches --example score_json -- [subjects=200000] [rounds=2]
use attain_benches::{plan, subjects};
use std::time::Instant;

fn main() -> Result<(), attain::Error> {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().ok());
    let n = args.next().flatten().unwrap_or(200_000);
    let rounds = args.next().flatten().unwrap_or(2).max(1);
    let plan = plan()?;
    let ids: Vec<&str> = plan.indicator_ids().collect();
    // The input document as batch.mjs writes it (decimals as strings).
    let mut text = String::from(r#"{"subjects":["#);
    for (k, s) in subjects(&plan, n).iter().enumerate() {
        if k > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"id":"{}","actuals":{{"#, s.id()));
        for (i, id) in ids.iter().enumerate() {
            let v = s.actual_at(i).map(|d| d.to_string()).unwrap_or_default();
            text.push_str(&format!(r#"{}"{id}":"{v}""#, if i > 0 { "," } else { "" }));
        }
        text.push_str("}}");
    }
    text.push_str("]}");
    let mut best = f64::MAX;
    let mut bytes = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        let out = plan.score_json(&text)?;
        best = best.min(start.elapsed().as_secs_f64());
        bytes = out.len();
    }
    println!(
        "score_json: {n} subjects, {} MB in, {} MB out: best of {rounds} {best:.2} s, {:.0} subjects/s",
        text.len() / 1_000_000,
        bytes / 1_000_000,
        n as f64 / best
    );
    Ok(())
}
