//! Re-score one subject with what it takes and write its card, N times (for
//! instruction counts under callgrind): `whatif 2000`.
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let Ok(plan) = attain_benches::plan() else {
        return;
    };
    let subjects = attain_benches::subjects(&plan, 1);
    let Some(one) = subjects.first() else { return };
    let mut bytes = 0;
    for _ in 0..n {
        let card = plan.score_one(one, true);
        bytes += plan.card_json(&card).len();
    }
    println!("{bytes}");
}
