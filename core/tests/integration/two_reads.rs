//! A run reads its facts twice: facts that differ between the reads (a pipe read
//! dry by the first pass, a file being written) are refused, never scored.

use attain::run::{FactsFormat, RunSetup};
use std::cell::Cell;

fn setup() -> RunSetup {
    let doc = serde_json::json!({
        "plans": [{"id": "ae", "name": "AE", "version": "1",
          "indicators": [{"id": "won", "name": "赢单数", "unit": {"kind": "count"},
            "direction": "higher_is_better", "target": {"value": 2},
            "curve": {"kind": "ratio", "cap": 150},
            "measure": {"kind": "count", "fact": "deal", "date": "won_at"}}],
          "tree": {"group": "root", "children": [{"indicator": "won", "weight": 100}]}}],
        "roster": [{"subject": "wang"}],
        "period": "2026-07"
    });
    RunSetup::from_value(&doc).unwrap_or_else(|e| unreachable!("{e}"))
}

const FACTS: &[u8] = b"id,subject,type,won_at\nd1,wang,deal,2026-07-01\nd2,wang,deal,2026-07-02\n";

fn run_with(
    second: &'static [u8],
    threads: usize,
) -> Result<attain::run::RunResult, attain::Error> {
    let opened = Cell::new(0);
    attain::run::run(&setup().with_threads(threads), FactsFormat::Csv, || {
        opened.set(opened.get() + 1);
        Ok(if opened.get() == 1 { FACTS } else { second })
    })
}

#[test]
fn the_same_facts_twice_are_scored() {
    for threads in [1, 3] {
        let r = run_with(FACTS, threads).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(r.ledger().used, 2);
    }
}

#[test]
fn facts_that_change_between_the_reads_are_refused() {
    let changed: [&'static [u8]; 3] = [
        b"",
        b"id,subject,type,won_at\nd1,wang,deal,2026-07-01\n",
        b"id,subject,type,won_at\nd1,wang,deal,2026-07-01\nd3,wang,deal,2026-07-02\n",
    ];
    for second in changed {
        for threads in [1, 3] {
            let err = run_with(second, threads).err();
            let problem = err.as_ref().and_then(|e| e.problems().first());
            assert_eq!(
                problem.map(|p| (p.path.as_str(), p.code.as_str())),
                Some(("/facts", "invalid_value")),
                "{second:?}"
            );
            assert!(problem.is_some_and(|p| p.message.contains("changed between the two reads")));
        }
    }
}

#[test]
fn a_misnamed_header_is_one_problem_not_one_per_row() {
    let facts = b"id,who,type,won_at\nd1,wang,deal,2026-07-01\nd2,wang,deal,2026-07-02\n";
    let err = attain::run::run_bytes(&setup(), FactsFormat::Csv, facts).err();
    let problems = err.as_ref().map(|e| e.problems()).unwrap_or_default();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "/facts");
    assert!(
        problems[0].message.contains(r#"no column "subject""#),
        "{}",
        problems[0].message
    );
    // Columns of a table: the same rule.
    use attain::run::{FactBatch, Offsets, TextColumn};
    let col = |name, text: &'static [u8], offsets: &'static [i32]| {
        TextColumn::new(name, text, Offsets::Narrow(offsets), None)
            .unwrap_or_else(|e| unreachable!("{e}"))
    };
    let batch = FactBatch::new(vec![
        col("id", b"d1", &[0, 2]),
        col("who", b"wang", &[0, 4]),
        col("type", b"deal", &[0, 4]),
        col("won_at", b"2026-07-01", &[0, 10]),
    ])
    .unwrap_or_else(|e| unreachable!("{e}"));
    let err = attain::run::run_columns(&setup(), &[batch]).err();
    let problems = err.as_ref().map(|e| e.problems()).unwrap_or_default();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains(r#"no column "subject""#));
}

#[test]
fn rejections_past_the_cap_are_counted_not_kept_the_same_on_any_thread_count() {
    let cap = attain::limits::MAX_REJECTIONS_KEPT;
    let rows = 2 * cap + 5;
    let mut facts = String::from("id,subject,type,won_at\n");
    for i in 0..rows {
        facts.push_str(&format!("r{i},nobody,deal,2026-07-01\n"));
    }
    let mut texts = Vec::new();
    for threads in [1, 3] {
        let r = attain::run::run_bytes(
            &setup().with_threads(threads),
            FactsFormat::Csv,
            facts.as_bytes(),
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        let l = r.ledger();
        assert_eq!(l.rejected, rows as u64);
        assert_eq!(l.rejections().count(), cap);
        assert_eq!(l.rejections_omitted(), (rows - cap) as u64);
        let lines: Vec<u64> = l.rejections().map(|r| r.0).collect();
        assert_eq!((lines[0], lines[cap - 1]), (2, cap as u64 + 1));
        assert!(r
            .json()
            .contains(&format!("\"rejections_omitted\":{}", rows - cap)));
        texts.push(r.to_json());
    }
    assert_eq!(texts[0], texts[1]);
}

#[test]
fn a_team_target_split_that_overflows_is_a_typed_error_not_a_panic() {
    // 10^14 units of 10^-10 to split by shares of 10^14: 10^52 on the way.
    let doc = serde_json::json!({
        "plans": [{"id": "ae", "name": "AE", "version": "1",
          "indicators": [{"id": "won", "name": "赢单数",
            "unit": {"kind": "money", "currency": "CNY"}, "step": "0.0000000001",
            "direction": "higher_is_better", "target": {"per_subject": true},
            "curve": {"kind": "ratio", "cap": 150},
            "measure": {"kind": "sum", "fact": "deal", "date": "won_at", "field": "amount"}}],
          "tree": {"group": "root", "children": [{"indicator": "won", "weight": 100}]}}],
        "roster": [
          {"subject": "wang", "team": "t1", "share": "99999999999999"},
          {"subject": "li", "team": "t1", "share": "99999999999999"}],
        "team_targets": [{"team": "t1", "indicator": "won", "target": "99999999999999"}],
        "period": "2026-07"
    });
    let setup = RunSetup::from_value(&doc).unwrap_or_else(|e| unreachable!("{e}"));
    let facts = b"id,subject,type,won_at,amount\nd1,wang,deal,2026-07-01,5\n";
    let err = attain::run::run_bytes(&setup, FactsFormat::Csv, facts).err();
    let problem = err.as_ref().and_then(|e| e.problems().first());
    assert_eq!(
        problem.map(|p| (p.path.as_str(), p.code.as_str())),
        Some(("/team_targets/0/target", "overflow")),
        "{err:?}"
    );
}
