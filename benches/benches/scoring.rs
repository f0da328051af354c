//! Scorecards per second for a 5-indicator plan, plan parsing, and what-if.

use attain::Input;
use attain_benches::{plan, subjects, FIVE_INDICATOR_PLAN};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let Ok(plan) = plan() else { return };
    let mut g = c.benchmark_group("scoring");
    for n in [1_000usize, 100_000] {
        let input = Input::from_subjects(subjects(&plan, n));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(
            format!("score {n} scorecards (5 indicators, ranked)"),
            |b| b.iter(|| black_box(plan.score(black_box(&input)).map(|r| r.subjects().len()))),
        );
    }
    let one = subjects(&plan, 1);
    g.throughput(Throughput::Elements(1));
    g.bench_function("score_one (no rank)", |b| {
        b.iter(|| black_box(plan.score_one(black_box(&one[0]), false).total()))
    });
    g.bench_function("what-if: score_one with what it takes", |b| {
        b.iter(|| black_box(plan.score_one(black_box(&one[0]), true).total()))
    });
    g.bench_function("what-if: score_one with what it takes + card_json", |b| {
        b.iter(|| {
            let card = plan.score_one(black_box(&one[0]), true);
            black_box(plan.card_json(&card).len())
        })
    });
    g.finish();

    let mut g = c.benchmark_group("parsing");
    g.throughput(Throughput::Bytes(FIVE_INDICATOR_PLAN.len() as u64));
    g.bench_function("plan from JSON + validation", |b| {
        b.iter(|| black_box(attain::Plan::from_json(black_box(FIVE_INDICATOR_PLAN)).is_ok()))
    });
    let input = Input::from_subjects(subjects(&plan, 1_000));
    let json = plan.score(&input).map(|r| r.to_json()).unwrap_or_default();
    g.throughput(Throughput::Elements(1_000));
    g.bench_function("results to canonical JSON (1000 subjects)", |b| {
        b.iter_batched(
            || plan.score(&input),
            |r| black_box(r.map(|r| r.to_json().len())),
            BatchSize::LargeInput,
        )
    });
    black_box(json);
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
