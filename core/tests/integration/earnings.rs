//! Earnings (FORMAT.md "Earnings"): the plan part round-trips canonically and is
//! in the JSON Schema; a run's scorecards carry the statement, on the measure's
//! actual; a plan without earnings gives no `earnings` key.

use crate::common;
use attain::{Input, Plan};
use serde_json::Value;

fn earnings_cases() -> Vec<(String, Value)> {
    common::corpus("cases")
        .into_iter()
        .filter(|(_, c)| c["plan"].get("earnings").is_some())
        .collect()
}

#[test]
fn the_corpus_has_earnings_cases() {
    assert!(earnings_cases().len() >= 7);
}

#[test]
fn earnings_plans_round_trip_canonically_and_score_the_same() {
    for (name, case) in earnings_cases() {
        let plan = Plan::from_value(&case["plan"]).unwrap_or_else(|e| unreachable!("{name}: {e}"));
        let text = plan.to_json();
        let again = Plan::from_json(&text).unwrap_or_else(|e| unreachable!("{name}: {e}"));
        assert_eq!(text, again.to_json(), "{name}");
        let spec = Plan::from_spec(plan.spec()).unwrap_or_else(|e| unreachable!("{name}: {e}"));
        assert_eq!(text, spec.to_json(), "{name}");
        // Defaults are written out: the bounds' inclusiveness, the basis.
        let written: Value = serde_json::from_str(&text).unwrap_or_default();
        for line in written["earnings"]["lines"]
            .as_array()
            .into_iter()
            .flatten()
        {
            assert!(line["basis"].is_string(), "{name}: {line}");
            for band in line["table"]["bands"].as_array().into_iter().flatten() {
                if line["table"]["kind"] == "tiers" {
                    assert!(band["from_inclusive"].is_boolean(), "{name}: {band}");
                    assert!(band["to_inclusive"].is_boolean(), "{name}: {band}");
                }
            }
        }
        let score = |p: &Plan| {
            let input =
                Input::from_value(p, &case["input"]).unwrap_or_else(|e| unreachable!("{e}"));
            p.score(&input)
                .map(|r| r.to_json())
                .unwrap_or_else(|e| unreachable!("{e}"))
        };
        assert_eq!(score(&plan), score(&again), "{name}");
        assert_eq!(score(&plan), case["expected"].to_string(), "{name}");
    }
}

#[test]
fn the_schema_describes_earnings() {
    let schema = attain::plan_schema();
    assert!(schema["properties"]["earnings"].is_object());
    let defs = &schema["$defs"];
    for name in [
        "EarningsSpec",
        "EarningsLineSpec",
        "TableSpec",
        "TierBandSpec",
        "MultiplierSpec",
    ] {
        assert!(defs[name].is_object(), "no {name} in the schema");
    }
    let kinds = defs["TableSpec"].to_string();
    for kind in ["flat", "tiers", "marginal", "interpolated"] {
        assert!(
            kinds.contains(&format!("\"{kind}\"")),
            "no table kind {kind}"
        );
    }
}

#[test]
fn a_plan_without_earnings_writes_no_statement() {
    let case = &common::corpus("cases")[0].1;
    assert!(case["plan"].get("earnings").is_none());
    assert!(!case["expected"].to_string().contains("\"earnings\""));
}

#[cfg(feature = "run")]
#[test]
fn a_run_statement_pays_on_the_measure_actual() {
    let runs = common::corpus("runs");
    let (_, case) = runs
        .iter()
        .find(|(n, _)| n.contains("001-"))
        .unwrap_or_else(|| unreachable!("no run case 001"));
    let mut doc = common::run_document(case);
    let Some(plans) = doc["plans"].as_array_mut() else {
        unreachable!("no plans")
    };
    for plan in plans.iter_mut() {
        let first = plan["indicators"][0]["id"].clone();
        plan["earnings"] = serde_json::json!({"currency": "CNY", "lines": [
            {"id": "commission", "indicator": first,
             "table": {"kind": "marginal", "bands": [{"from": "0", "rate": "0.1"}, {"from": "5000", "rate": "0.2"}]}}]});
    }
    let result = attain::run::run_value(&doc).unwrap_or_else(|e| unreachable!("{e}"));
    let value = result.to_value();
    let mut seen = 0;
    for card in value["results"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["subjects"].as_array().into_iter().flatten())
    {
        let actual = card["tree"]["children"][0]["actual"]
            .as_str()
            .map(str::to_string);
        let line = &card["earnings"]["lines"][0];
        assert_eq!(
            line["amount"].as_str().map(str::to_string),
            actual,
            "{card}"
        );
        let Some(a) = actual.and_then(|a| a.parse::<attain::Decimal>().ok()) else {
            continue;
        };
        let five = attain::Decimal::from(5000);
        let tenth = attain::Decimal::new(1, 1);
        let fifth = attain::Decimal::new(2, 1);
        let want = if a <= five {
            a * tenth
        } else {
            five * tenth + (a - five) * fifth
        };
        let got: attain::Decimal = line["earnings"]
            .as_str()
            .unwrap_or("x")
            .parse()
            .unwrap_or_default();
        assert_eq!(got, want.round_dp(2), "{card}");
        seen += 1;
    }
    assert!(seen > 0, "no scorecard with an actual");
}
