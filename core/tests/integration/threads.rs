//! The number of threads never changes a byte of the result.

use attain::run::{FactsFormat, RunSetup};
use attain::{Decimal, Input, Plan, SubjectInput};

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
    let rows = attain::run::csv_rows(&roster).unwrap_or_default();
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
            attain::run::run_bytes(&s, FactsFormat::Csv, facts.as_bytes()).map(|r| r.to_json())
        })
    };
    let one = run(1);
    assert!(one.as_ref().is_ok_and(|t| t.contains("\"conflicting\":")));
    assert_eq!(one, run(2));
    assert_eq!(one, run(5));
}

#[test]
fn chunk_boundaries_lose_no_line_with_quotes_blank_lines_and_bad_bytes() {
    let plan = Plan::from_json(PLAN).unwrap_or_else(|e| unreachable!("{e}"));
    let mut roster = String::from("subject\n");
    for p in 0..50 {
        roster.push_str(&format!("p{p}\n"));
    }
    let rows = attain::run::csv_rows(&roster).unwrap_or_default();
    let mut facts: Vec<u8> = b"id,subject,type,at,amount,customer\r\n".to_vec();
    let mut x = 5u64;
    let mut records = 0u64;
    // Several MiB: quoted fields with line breaks in some stretches (records cut one
    // by one), none in others (chunks cut at line ends), blank lines, CRLF, a row
    // that is not UTF-8 and a cut-short row now and then.
    for i in 0..120_000u64 {
        let stretch = (i / 20_000) % 2 == 1;
        let customer = if stretch && i % 7 == 0 {
            format!("\"c{}\nline two, \"\"quoted\"\"\"", lcg(&mut x) % 40)
        } else {
            format!("c{}", lcg(&mut x) % 40)
        };
        let line = format!(
            "f{i},p{},deal,2026-0{}-{:02}T10:00:00+08:00,{}.{},{customer}",
            lcg(&mut x) % 50,
            7 + lcg(&mut x) % 3,
            1 + lcg(&mut x) % 28,
            lcg(&mut x) % 9000,
            lcg(&mut x) % 100,
        );
        facts.extend_from_slice(line.as_bytes());
        records += 1;
        facts.extend_from_slice(if i % 3 == 0 { b"\r\n" } else { b"\n" });
        if i % 9_001 == 0 {
            facts.extend_from_slice(b"\n");
        }
        if i % 10_007 == 0 {
            facts.extend_from_slice(b"bad\xff,p1,deal,2026-07-01,1,c1\n");
            records += 1;
        }
        if i % 12_011 == 0 {
            facts.extend_from_slice(b"short,p1\n");
            records += 1;
        }
    }
    let run = |threads: usize| {
        let setup = RunSetup::new(
            vec![plan.clone()],
            &serde_json::json!({ "roster": rows }),
            "2026-Q3",
            None,
        )
        .map(|s| s.with_threads(threads));
        setup
            .and_then(|s| attain::run::run_bytes(&s, FactsFormat::Csv, &facts).map(|r| r.to_json()))
    };
    let one = run(1);
    let rows_read = format!("\"rows\":{records},");
    assert!(one
        .as_ref()
        .is_ok_and(|t| t.contains("\"bad_row\"") && t.contains(&rows_read)));
    // (not assert_eq: the documents are megabytes)
    assert!(one == run(2), "2 threads read other rows than 1");
    assert!(one == run(3), "3 threads read other rows than 1");
}
