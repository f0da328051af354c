//! Properties of runs over random fact streams: the ledger always adds up, and
//! the order of the rows changes nothing but line numbers.

use proptest::prelude::*;
use serde_json::{json, Value};

const PLAN: &str = r#"{
  "id": "p", "name": "属性", "version": "1", "calendar": {"time_zone": "Asia/Shanghai"},
  "indicators": [
    {"id": "sales", "name": "销售额", "unit": {"kind": "money", "currency": "CNY"}, "direction": "higher_is_better",
     "target": {"value": 1000}, "curve": {"kind": "ratio", "cap": 150},
     "measure": {"kind": "sum", "fact": "deal", "date": "at", "field": "amount"}},
    {"id": "customers", "name": "客户数", "unit": {"kind": "count"}, "direction": "higher_is_better",
     "target": {"value": 3}, "curve": {"kind": "ratio", "cap": 150},
     "measure": {"kind": "distinct", "fact": "deal", "date": "at", "field": "customer",
                 "where": [{"field": "amount", "op": "gte", "value": 100}]}},
    {"id": "collection", "name": "回款率", "unit": {"kind": "percent"}, "direction": "higher_is_better",
     "target": {"value": 90}, "curve": {"kind": "ratio", "cap": 120},
     "measure": {"kind": "ratio", "numerator": {"kind": "sum", "fact": "payment", "date": "at", "field": "amount"},
                 "denominator": {"kind": "sum", "fact": "invoice", "date": "at", "field": "amount"}}},
    {"id": "latest", "name": "最新评分", "unit": {"kind": "points"}, "direction": "higher_is_better",
     "target": {"value": 4}, "curve": {"kind": "ratio", "cap": 120},
     "measure": {"kind": "latest", "fact": "survey", "date": "at", "field": "amount"}}
  ],
  "tree": {"group": "root", "children": [
    {"indicator": "sales", "weight": 40}, {"indicator": "customers", "weight": 20},
    {"indicator": "collection", "weight": 20}, {"indicator": "latest", "weight": 20}]}
}"#;

fn row() -> impl Strategy<Value = String> {
    let id = prop_oneof![
        (0u32..40).prop_map(|i| format!("f{i}")),
        Just(String::new())
    ];
    let subject = prop_oneof![Just("a"), Just("b"), Just("c"), Just("ghost")];
    let kind = prop_oneof![
        Just("deal"),
        Just("payment"),
        Just("invoice"),
        Just("survey"),
        Just("email")
    ];
    let at = prop_oneof![
        (7u32..=9, 1u32..=30, 0u32..24)
            .prop_map(|(m, d, h)| format!("2026-{m:02}-{d:02}T{h:02}:30:00+08:00")),
        Just("2026-09-30T16:00:00Z".to_string()),
        Just("2026-06-30".to_string()),
        Just("2026-02-30".to_string()),
        Just(String::new()),
    ];
    let amount = prop_oneof![
        (0u32..5000).prop_map(|n| format!("{n}.5")),
        Just("abc".to_string()),
        Just(String::new())
    ];
    let customer = prop_oneof![Just("c1"), Just("c2"), Just("c3"), Just("")];
    (id, subject, kind, at, amount, customer)
        .prop_map(|(i, s, k, t, a, c)| format!("{i},{s},{k},{t},{a},{c}"))
}

fn run(rows: &[String]) -> Result<Value, String> {
    let plan: Value = serde_json::from_str(PLAN).map_err(|e| e.to_string())?;
    let text = format!("id,subject,type,at,amount,customer\n{}\n", rows.join("\n"));
    let doc = json!({
        "plans": [plan],
        "roster": [{"subject": "a", "team": "t"}, {"subject": "b", "team": "t", "start": "2026-08-16"}, {"subject": "c"}],
        "facts": {"format": "csv", "text": text},
        "period": "2026-Q3",
    });
    attain::run::run_value(&doc)
        .map(|r| r.to_value().clone())
        .map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn ledger_adds_up_and_row_order_does_not_matter(rows in proptest::collection::vec(row(), 0..60), seed in any::<u64>()) {
        let a = run(&rows).map_err(TestCaseError::fail)?;
        let l = &a["ledger"];
        let n = |k: &str| l[k].as_u64().unwrap_or(u64::MAX);
        prop_assert_eq!(n("rows"), rows.len() as u64);
        prop_assert_eq!(n("used") + n("outside") + n("duplicate") + n("conflicting") + n("rejected"), n("rows"));
        // Every rejected row has at least one listed problem.
        let lines: std::collections::BTreeSet<u64> = l["rejections"].as_array().map(|r| r.iter().filter_map(|x| x["line"].as_u64()).collect()).unwrap_or_default();
        prop_assert_eq!(lines.len() as u64, n("rejected"));

        let mut shuffled = rows.clone();
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let b = run(&shuffled).map_err(TestCaseError::fail)?;
        let strip = |v: &Value| {
            let mut v = v.clone();
            v["ledger"]["rejections"] = Value::Null;
            v["ledger"]["conflicts"] = Value::Null;
            v
        };
        prop_assert_eq!(strip(&a), strip(&b));
    }
}

#[test]
fn a_byte_order_mark_before_the_header_is_not_part_of_the_first_name() {
    let plan: Value = serde_json::from_str(PLAN).unwrap_or_default();
    for text in [
        "\u{feff}id,subject,type,at,amount,customer\nf1,a,deal,2026-07-02,10,c1\n",
        "id,subject,type,at,amount,customer\nf1,a,deal,2026-07-02,10,c1\n",
    ] {
        let doc = json!({"plans": [plan.clone()], "roster": [{"subject": "a"}],
                         "facts": {"format": "csv", "text": text}, "period": "2026-Q3"});
        let out = attain::run::run_value(&doc)
            .map(|r| r.to_value().clone())
            .unwrap_or_default();
        assert_eq!(out["ledger"]["used"], 1, "{text:?}: {}", out["ledger"]);
    }
    let doc = json!({"plans": [plan], "roster": [{"subject": "a"}],
                     "facts": {"format": "jsonl", "text": "\u{feff}{\"id\":\"f1\",\"subject\":\"a\",\"type\":\"deal\",\"at\":\"2026-07-02\",\"amount\":10}\n"},
                     "period": "2026-Q3"});
    let out = attain::run::run_value(&doc)
        .map(|r| r.to_value().clone())
        .unwrap_or_default();
    assert_eq!(out["ledger"]["used"], 1, "jsonl: {}", out["ledger"]);
}

#[test]
fn a_quoted_copy_of_a_row_is_a_duplicate_and_a_changed_one_a_conflict() {
    let doc = |facts: &str| {
        serde_json::json!({
          "plans": [{"id": "ae", "name": "AE", "version": "1",
            "indicators": [{"id": "won", "name": "赢单", "unit": {"kind": "count"},
              "direction": "higher_is_better", "target": {"value": 2}, "curve": {"kind": "ratio"},
              "measure": {"kind": "sum", "fact": "deal", "date": "won_at", "field": "amount"}}],
            "tree": {"group": "root", "children": [{"indicator": "won", "weight": 100}]}}],
          "roster": [{"subject": "wang"}],
          "period": "2026-07",
          "facts": {"format": "csv", "text": facts}
        })
    };
    let ledger = |facts: &str| {
        attain::run::run_value(&doc(facts))
            .map(|r| {
                let l = r.ledger();
                (l.used, l.duplicate, l.conflicting)
            })
            .map_err(|e| e.to_string())
    };
    let head = "id,subject,type,won_at,amount,note\n";
    // The same fields, once quoted (a note with a comma is quoted in both).
    let same = "D1,wang,deal,2026-07-01,5,x\n\"D1\",\"wang\",deal,\"2026-07-01\",5,\"x\"\n";
    assert_eq!(ledger(&format!("{head}{same}")), Ok((1, 1, 0)));
    let comma = "D2,wang,deal,2026-07-02,1,\"a,b\"\n\"D2\",wang,deal,2026-07-02,1,\"a,b\"\n";
    assert_eq!(ledger(&format!("{head}{comma}")), Ok((1, 1, 0)));
    // Other fields: "a,b" is one field, not the two of a,b; 5 is not 5.0.
    let split = "D3,wang,deal,2026-07-03,1,\"a,b\"\nD3,wang,deal,2026-07-03,1,a\n";
    assert_eq!(ledger(&format!("{head}{split}")), Ok((0, 0, 2)));
    let changed = "D4,wang,deal,2026-07-04,5,x\n\"D4\",wang,deal,2026-07-04,5.0,x\n";
    assert_eq!(ledger(&format!("{head}{changed}")), Ok((0, 0, 2)));
}
