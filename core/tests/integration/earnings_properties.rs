//! Properties of earnings statements (proptest), on amounts and rates exact at the
//! plan's scale (6), so that every figure can be compared exactly: a negative amount
//! mirrors the positive one, marginal slices add up to the line and to the amount
//! above the first band, the tiers band is the one a naive scan finds, the statement
//! adds its lines.

use attain::{Decimal, Input, Plan};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::str::FromStr;

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().and_then(|s| Decimal::from_str(s).ok())
}

/// Band starts (strictly increasing, ≥ 0), rates in ten-thousandths, and whether
/// each band includes its start.
fn table() -> impl Strategy<Value = Vec<(i64, i64, bool)>> {
    proptest::collection::vec((1i64..50_000, 0i64..2_000, any::<bool>()), 1..6).prop_map(|v| {
        let mut from = 0;
        v.into_iter()
            .enumerate()
            .map(|(k, (step, rate, incl))| {
                if k > 0 {
                    from += step;
                } else {
                    from = step % 1_000;
                }
                (from, rate, incl)
            })
            .collect()
    })
}

fn statement(bands: &[(i64, i64, bool)], a: i64) -> Value {
    let rate = |r: i64| Decimal::new(r, 4).to_string();
    let marginal: Vec<Value> = bands
        .iter()
        .map(|&(f, r, _)| json!({"from": f.to_string(), "rate": rate(r)}))
        .collect();
    // Band k ends where k + 1 starts, including that bound when k + 1 does not:
    // no overlap, no gap after the first start.
    let tiers: Vec<Value> = bands
        .iter()
        .enumerate()
        .map(|(k, &(f, r, incl))| {
            let mut b = json!({"from": f.to_string(), "from_inclusive": incl, "rate": rate(r)});
            if let Some(&(next, _, next_incl)) = bands.get(k + 1) {
                b["to"] = json!(next.to_string());
                b["to_inclusive"] = json!(!next_incl);
            }
            b
        })
        .collect();
    let plan = json!({"id": "p", "name": "p", "version": "1",
        "indicators": [{"id": "x", "name": "X", "unit": {"kind": "count"},
            "direction": "higher_is_better", "target": {"value": "1"}, "curve": {"kind": "pass_fail"}}],
        "tree": {"group": "root", "children": [{"indicator": "x", "weight": "100"}]},
        "rounding": {"scale": 6},
        "earnings": {"lines": [
            {"id": "m", "indicator": "x", "table": {"kind": "marginal", "bands": marginal}},
            {"id": "t", "indicator": "x", "table": {"kind": "tiers", "bands": tiers}}]}});
    let input = json!({"subjects": [
        {"id": "n", "actuals": {"x": (-a).to_string()}},
        {"id": "p", "actuals": {"x": a.to_string()}}]});
    let plan = Plan::from_value(&plan).unwrap_or_else(|e| unreachable!("{e}"));
    let input = Input::from_value(&plan, &input).unwrap_or_else(|e| unreachable!("{e}"));
    plan.score(&input)
        .unwrap_or_else(|e| unreachable!("{e}"))
        .to_value()
}

/// The band a naive scan finds for x ≥ 0 (None below the first start).
fn naive_band(bands: &[(i64, i64, bool)], x: i64) -> Option<usize> {
    let mut found = None;
    for (k, &(f, _, incl)) in bands.iter().enumerate() {
        if x > f || (x == f && incl) {
            found = Some(k);
        } else if x == f && k > 0 {
            found = Some(k - 1); // the band before includes this bound
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn statements_add_up_and_mirror(bands in table(), a in 0i64..300_000, on_bound in any::<bool>(), pick in 0usize..6) {
        // Half the time, the amount is exactly on a band start.
        let a = match bands.get(pick % bands.len()) {
            Some(&(f, _, _)) if on_bound => f,
            _ => a,
        };
        let doc = statement(&bands, a);
        let subjects = doc["subjects"].as_array().cloned().unwrap_or_default();
        prop_assert_eq!(subjects.len(), 2);
        let (n, p) = (&subjects[0]["earnings"], &subjects[1]["earnings"]);
        for k in 0..2 {
            let (ln, lp) = (&n["lines"][k], &p["lines"][k]);
            prop_assert_eq!(dec(&ln["earnings"]).map(|d| -d), dec(&lp["earnings"]), "{} {}", ln, lp);
            prop_assert_eq!(&ln["band"], &lp["band"]);
        }
        // Marginal: slices add up to the line, and to the amount above the first start.
        let m = &p["lines"][0];
        let slices = m["slices"].as_array().cloned().unwrap_or_default();
        let earned: Decimal = slices.iter().filter_map(|s| dec(&s["earnings"])).fold(Decimal::ZERO, |t, x| t + x);
        let amount: Decimal = slices.iter().filter_map(|s| dec(&s["amount"])).fold(Decimal::ZERO, |t, x| t + x);
        prop_assert_eq!(Some(earned), dec(&m["earnings"]));
        prop_assert_eq!(amount, Decimal::from((a - bands[0].0).max(0)));
        // Tiers: the band and its rate on the whole amount.
        let t = &p["lines"][1];
        let band = naive_band(&bands, a);
        prop_assert_eq!(t["band"].as_u64(), band.map(|b| b as u64), "{} for {}", t, a);
        let rate = band.map_or(Decimal::ZERO, |b| Decimal::new(bands[b].1, 4));
        prop_assert_eq!(dec(&t["earnings"]), Some(rate * Decimal::from(a)));
        // The statement adds its lines.
        prop_assert_eq!(dec(&p["total"]), Some(earned + rate * Decimal::from(a)));
    }
}
