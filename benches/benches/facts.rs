//! Facts per second, end to end from CSV bytes: both passes, measures, scoring.

use attain::run::{FactsFormat, RunSetup};
use attain::Plan;
use attain_benches::facts::{facts_csv, roster_csv, FACT_PLAN};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let Ok(plan) = Plan::from_json(FACT_PLAN) else {
        return;
    };
    let people = 1_000;
    let roster = attain::run::csv_rows(&roster_csv(people)).unwrap_or_default();
    let tables = serde_json::json!({ "roster": roster });
    let Ok(setup) = RunSetup::new(vec![plan], &tables, "2026-Q3", None) else {
        return;
    };
    let facts = facts_csv(people, 200, 7);
    let rows = facts.lines().count() as u64 - 1;
    let mut g = c.benchmark_group("facts");
    g.sample_size(10);
    g.throughput(Throughput::Elements(rows));
    g.bench_function(
        format!("run from CSV ({rows} facts, {people} people)"),
        |b| {
            b.iter(|| {
                black_box(
                    attain::run::run_bytes(&setup, FactsFormat::Csv, facts.as_bytes())
                        .map(|r| r.ledger().used),
                )
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
