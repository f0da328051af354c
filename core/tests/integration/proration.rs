//! A prorated target is exact: an actual at exactly a gate or a tier point of the
//! prorated target passes it, whatever the active days (a hire on the last day of
//! a 92-day quarter has 1/92 of the target, and half of that is half).

use attain::run::{run_bytes, FactsFormat, RunSetup};
use proptest::prelude::*;

/// One rep active `active` of the period's `days` days, target `target` prorated,
/// a ratio curve gated at `gate` %, and one fact of `amount` on the last day.
fn total(days: u32, active: u32, target: u64, gate: u32, amount: &str) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let last = start + chrono::Duration::days(i64::from(days) - 1);
    let hired = last - chrono::Duration::days(i64::from(active) - 1);
    let doc = serde_json::json!({
        "plans": [{"id": "ae", "name": "AE", "version": "1",
          "indicators": [{"id": "sales", "name": "销售额", "unit": {"kind": "count"},
            "direction": "higher_is_better", "target": {"value": target, "prorate": true},
            "curve": {"kind": "ratio", "cap": 150, "gate": gate},
            "measure": {"kind": "sum", "fact": "deal", "date": "won_at", "field": "amount"}}],
          "tree": {"group": "root", "children": [{"indicator": "sales", "weight": 100}]}}],
        "roster": [{"subject": "wang", "start": hired.to_string()}],
        "period": format!("{start}..{last}")
    });
    let setup = RunSetup::from_value(&doc).unwrap_or_else(|e| unreachable!("{e}"));
    let facts = format!("id,subject,type,won_at,amount\nd1,wang,deal,{last},{amount}\n");
    let r = run_bytes(&setup, FactsFormat::Csv, facts.as_bytes())
        .unwrap_or_else(|e| unreachable!("{e}"));
    r.to_value()["results"][0]["subjects"][0]["total"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_hire_on_the_last_day_at_exactly_the_gate_is_not_gated() {
    // 920 × 1/92 = 10; 5 is exactly 50 %.
    assert_eq!(total(92, 1, 920, 50, "5"), "50.00");
    assert_eq!(total(92, 1, 920, 50, "4.99"), "0.00");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn an_actual_at_exactly_the_prorated_gate_passes(
        days in 28u32..=366,
        active_pick in 0u32..10_000,
        k in 1u64..2_000,
        gate in prop::sample::select(vec![25u32, 50, 60, 75, 80, 100]),
    ) {
        let active = 1 + active_pick % days;
        // Target days × k: its prorated value active × k is whole; the gate's share
        // of it, active × k × gate / 100, is an exact decimal.
        let target = u64::from(days) * k;
        let at_gate = rust_decimal::Decimal::from(u64::from(active) * k * u64::from(gate))
            / rust_decimal::Decimal::from(100);
        let got = total(days, active, target, gate, &at_gate.normalize().to_string());
        prop_assert_eq!(got, format!("{gate}.00"));
    }
}
