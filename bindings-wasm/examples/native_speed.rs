fn main() {
    let plan = attain::Plan::from_json(include_str!("../demo/data/plan.json")).unwrap();
    let input = include_str!("../demo/data/actuals.json");
    let parsed = attain::Input::from_json(&plan, input).unwrap();
    let subject = parsed.subjects()[0].clone();
    let n = 20000;
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(plan.score_json(input).unwrap());
    }
    println!("score_json {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(plan.score_one(&subject, false));
    }
    println!("score_one(no next) {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(plan.score_one(&subject, true));
    }
    println!("score_one(next) {:?}", t.elapsed() / n);
    let card = plan.score_one(&subject, true);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(plan.card_value(&card).to_string());
    }
    println!("card_value+to_string {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(plan.card_value(&card));
    }
    println!("card_value {:?}", t.elapsed() / n);
    let v = plan.card_value(&card);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(v.to_string());
    }
    println!("to_string {:?}", t.elapsed() / n);
    let third = attain::Decimal::ONE / attain::Decimal::from(3) * attain::Decimal::from(100);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(
            std::hint::black_box(third)
                .round_dp(12)
                .round_dp(2)
                .to_string(),
        );
    }
    println!("round+text {:?}", t.elapsed() / n);
}
#[allow(dead_code)]
fn extra() {}
