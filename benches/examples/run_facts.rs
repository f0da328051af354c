//! Generate and run N facts once (for timing, peak memory and callgrind):
//! `run_facts PEOPLE PER_PERSON` prints facts, seconds and facts/s.
use attain::run::{FactsFormat, RunSetup};
use attain::Plan;
use attain_benches::facts::{facts_csv, roster_csv, FACT_PLAN};
use std::time::Instant;

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().unwrap_or(0));
    let people = args.next().filter(|&n| n > 0).unwrap_or(1_000);
    let per = args.next().filter(|&n| n > 0).unwrap_or(100);
    let path = std::env::temp_dir().join(format!("attain-facts-{people}-{per}.csv"));
    if !path.exists() {
        let _ = std::fs::write(&path, facts_csv(people, per, 7));
    }
    let Ok(plan) = Plan::from_json(FACT_PLAN) else {
        return;
    };
    let roster = attain::run::csv_rows(&roster_csv(people)).unwrap_or_default();
    let Ok(setup) = RunSetup::new(
        vec![plan],
        &serde_json::json!({ "roster": roster }),
        "2026-Q3",
        None,
    ) else {
        return;
    };
    let start = Instant::now();
    let out = attain::run::run(&setup, FactsFormat::Csv, || {
        std::fs::File::open(&path).map(std::io::BufReader::new)
    });
    let secs = start.elapsed().as_secs_f64();
    match out {
        Ok(r) => {
            let l = r.ledger();
            println!(
                "rows {} used {} outside {} duplicate {} conflicting {} rejected {} | {:.2} s, {:.0} facts/s",
                l.rows, l.used, l.outside, l.duplicate, l.conflicting, l.rejected, secs, l.rows as f64 / secs
            );
        }
        Err(e) => eprintln!("{e}"),
    }
}
