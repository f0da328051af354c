//! Score N subjects once, for profilers (callgrind): `profile_score 20000`.
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let Ok(plan) = attain_benches::plan() else {
        return;
    };
    let input = attain::Input::from_subjects(attain_benches::subjects(&plan, n));
    let scored = plan.score(&input).map(|r| r.subjects().len()).unwrap_or(0);
    println!("{scored}");
}
