//! Shared fixtures for the benchmarks: a 5-indicator plan and generated subjects.

use attain::{Decimal, Plan, SubjectInput};

/// A key-account-manager plan with five indicators and every common curve form.
pub const FIVE_INDICATOR_PLAN: &str = r#"{
  "id": "kam-bench", "name": "大客户经理 KPI", "version": "1",
  "indicators": [
    {"id": "new_customers", "name": "新签客户", "unit": {"kind": "count"}, "direction": "higher_is_better",
     "target": {"value": 2, "tiers": [{"name": "基础", "at": 1, "score": 60}, {"name": "优秀", "at": 2, "score": 100}, {"name": "卓越", "at": 3, "score": 120}]},
     "curve": {"kind": "step"}},
    {"id": "contract_amount", "name": "合同金额", "unit": {"kind": "money", "currency": "CNY"}, "direction": "higher_is_better",
     "target": {"value": 500000, "prorate": true}, "curve": {"kind": "ratio", "cap": 120, "gate": 60}},
    {"id": "collection_rate", "name": "回款率", "unit": {"kind": "percent"}, "direction": "higher_is_better",
     "target": {"value": 90, "tier_basis": "achievement", "tiers": [{"name": "门槛", "at": 80, "score": 60}, {"name": "目标", "at": 100, "score": 100}, {"name": "挑战", "at": 120, "score": 120}]},
     "curve": {"kind": "linear", "below": "zero", "above": "cap"}},
    {"id": "deal_cycle", "name": "成交周期", "unit": {"kind": "days"}, "direction": "lower_is_better",
     "target": {"value": 45}, "curve": {"kind": "ratio", "cap": 120}},
    {"id": "complaints", "name": "投诉次数", "unit": {"kind": "count"}, "direction": "lower_is_better",
     "curve": {"kind": "deduction", "per_unit": 20}}
  ],
  "tree": {"group": "root", "children": [
    {"group": "results", "name": "结果指标", "weight": 70, "children": [
      {"indicator": "new_customers", "weight": 40}, {"indicator": "contract_amount", "weight": 30}, {"indicator": "collection_rate", "weight": 30}]},
    {"group": "process", "name": "过程指标", "weight": 30, "children": [
      {"indicator": "deal_cycle", "weight": 50}, {"indicator": "complaints", "weight": 50, "missing": "zero"}]}]},
  "adjustments": [{"kind": "gate", "indicator": "collection_rate", "threshold": 60, "cap": 60}],
  "ratings": [{"name": "S", "min": 110}, {"name": "A", "min": 95}, {"name": "B", "min": 80}, {"name": "C", "min": 60}, {"name": "D"}],
  "payout": {"by": "rating", "base": 20000, "coefficients": {"S": 1.5, "A": 1.2, "B": 1, "C": 0.6, "D": 0}}
}"#;

/// The benchmark plan.
pub fn plan() -> Result<Plan, attain::Error> {
    Plan::from_json(FIVE_INDICATOR_PLAN)
}

/// `n` subjects with varied actuals, deterministic (a simple LCG).
pub fn subjects(plan: &Plan, n: usize) -> Vec<SubjectInput> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |m: u64| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) % m
    };
    (0..n)
        .map(|i| {
            let mut s = SubjectInput::new(plan, format!("rep{i:07}"));
            s.set_actual_at(0, Some(Decimal::from(next(5))));
            s.set_actual_at(1, Some(Decimal::new(next(90_000_000) as i64, 2)));
            s.set_actual_at(2, Some(Decimal::new(5_000 + next(5_000) as i64, 2)));
            s.set_actual_at(3, Some(Decimal::new(2_000 + next(6_000) as i64, 2)));
            s.set_actual_at(4, Some(Decimal::from(next(4))));
            s
        })
        .collect()
}

pub mod facts;
