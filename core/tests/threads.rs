//! The number of threads never changes a byte of the result.

use attain::{Decimal, FactsFormat, Input, Plan, RunSetup, SubjectInput};

const PLAN: &str = r#"{
  "id": "t", "name": "线程", "version": "1", "calendar": {"time_zone": "Asia/Shanghai"},
  "indicators": [
    {"id": "sales", "name": "销售额", "unit": {"kind": "money", "currency": "CNY"}, "direction": "higher_is_better",
     "target": {"value": 5000, "tiers": [{"name": "基础", "at": 2500, "score": 60}, {"name": "优秀", "at": 5000, "score": 100}, {"name": "卓越", "at": 7500, "score": 120}]},
     "curve": {"kind": "linear", "above": "extrapolate", "max": 150},
     "measure": {"kind": "sum", "fact": "deal", "date": "at", "field": "amount"}},
    {"id": "customers", "name": "客户数", "unit": {"kind": "count"}, "direction": "higher_is_better",
     "target": {"value": 5}, "curve": {"kind": "ratio", "cap": 150},
     "measure": {"kind": "distinct", "fact": "deal", "date": "at", "field": "customer"}},
    {"id": "latest", "name": "最新评分", "unit": {"kind": "points"}, "direction": "higher_is_better",
     "target": {"value": 4}, "curve": {"kind": "ratio", "cap": 120},
     "measure": {"kind": "latest", "fact": "survey", "date": "at", "field": "amount"}}
  ],
  "tree": {"group": "root", "children": [
    {"indicator": "sales", "weight": 50}, {"indicator": "customers", "weight": 30}, {"indicator": "latest", "weight": 20}]},
  "ratings": [{"name": "A", "min": 100}, {"name": "B", "min": 70}, {"name": "C"}]
}"#;

fn lcg(x: &mut u64) -> u64 {
    *x = x
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *x >> 33
}

#[test]
fn scoring_is_the_same_on_one_thread_and_many() {
    let plan = Plan::from_json(PLAN).unwrap_or_else(|e| unreachable!("{e}"));
    let mut x = 7u64;
    let subjects: Vec<SubjectInput> = (0..9_000)
        .map(|i| {
            let mut s = SubjectInput::new(&plan, format!("s{i:05}"));
            s.set_actual_at(0, Some(Decimal::new((lcg(&mut x) % 1_000_000) as i64, 2)));
            s.set_actual_at(1, Some(Decimal::from(lcg(&mut x) % 9)));
            s.set_actual_at(2, Some(Decimal::new((lcg(&mut x) % 50) as i64, 1)));
            s
        })
        .collect();
    let one = plan.score(
        &Input::from_subjects(subjects.clone())
            .with_threads(1)
            .with_what_it_takes(true),
    );
    let four = plan.score(
        &Input::from_subjects(subjects)
            .with_threads(4)
            .with_what_it_takes(true),
    );
    let (one, four) = (one.map(|r| r.to_json()), four.map(|r| r.to_json()));
    assert!(one.is_ok());
    assert_eq!(one, four);
}

#[test]
fn runs_are_the_same_on_one_thread_and_many() {
    let plan = Plan::from_json(PLAN).unwrap_or_else(|e| unreachable!("{e}"));
    let mut roster = String::from("subject,team\n");
    for p in 0..300 {
        roster.push_str(&format!("p{p},t{}\n", p % 7));
    }
    let rows = attain::csv_rows(&roster).unwrap_or_default();
    let mut facts = String::from("id,subject,type,at,amount,customer\n");
    let mut x = 11u64;
    // Enough rows for several 1 MiB chunks, with duplicates and conflicts across chunks.
    for i in 0..60_000u64 {
        let id = if i % 97 == 0 { i / 2 } else { i };
        let kind = if lcg(&mut x).is_multiple_of(4) {
            "survey"
        } else {
            "deal"
        };
        let line = format!(
            "f{id},p{},{kind},2026-0{}-{:02}T{:02}:00:00+08:00,{}.{},c{}\n",
            lcg(&mut x) % 300,
            7 + lcg(&mut x) % 3,
            1 + lcg(&mut x) % 28,
            lcg(&mut x) % 24,
            lcg(&mut x) % 9000,
            lcg(&mut x) % 100,
            lcg(&mut x) % 40
        );
        facts.push_str(&line);
    }
    let run = |threads: usize| {
        let setup = RunSetup::new(
            vec![plan.clone()],
            &serde_json::json!({ "roster": rows }),
            "2026-Q3",
            None,
        )
        .map(|s| s.with_threads(threads));
        setup.and_then(|s| {
            attain::run_bytes(&s, FactsFormat::Csv, facts.as_bytes()).map(|r| r.to_json())
        })
    };
    let one = run(1);
    assert!(one.as_ref().is_ok_and(|t| t.contains("\"conflicting\":")));
    assert_eq!(one, run(2));
    assert_eq!(one, run(5));
}
