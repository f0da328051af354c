//! Score N subjects once, for profilers (callgrind) and for the native side of the
//! Python comparison (`bindings-python/bench.py`): `profile_score 1000000` prints the
//! subjects scored, the time and subjects/s of scoring alone (ranked, all cores).
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let Ok(plan) = attain_benches::plan() else {
        return;
    };
    let input = attain::Input::from_subjects(attain_benches::subjects(&plan, n));
    let start = Instant::now();
    let scored = plan.score(&input).map(|r| r.subjects().len()).unwrap_or(0);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{scored} subjects scored in {secs:.3} s: {:.0} subjects/s",
        scored as f64 / secs
    );
}
