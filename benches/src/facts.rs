//! A deterministic generator of CRM fact exports for benchmarks: a roster of `people`
//! key-account managers and about `per_person` facts each over one quarter, with
//! duplicates, out-of-window rows and a few bad rows.

use std::fmt::Write as _;

/// A plan that measures five indicators from facts (sum, count, distinct, ratio, duration).
pub const FACT_PLAN: &str = r#"{
  "id": "kam-facts", "name": "大客户经理 KPI", "version": "1",
  "calendar": {"time_zone": "Asia/Shanghai"},
  "indicators": [
    {"id": "sales", "name": "销售额", "unit": {"kind": "money", "currency": "CNY"}, "direction": "higher_is_better",
     "target": {"value": 3000000, "prorate": true}, "curve": {"kind": "ratio", "cap": 120},
     "measure": {"kind": "sum", "fact": "deal", "date": "at", "field": "amount"}},
    {"id": "new_customers", "name": "新客户", "unit": {"kind": "count"}, "direction": "higher_is_better",
     "target": {"value": 20, "tiers": [{"name": "基础", "at": 10, "score": 60}, {"name": "优秀", "at": 20, "score": 100}, {"name": "卓越", "at": 30, "score": 120}]},
     "curve": {"kind": "linear"},
     "measure": {"kind": "distinct", "fact": "deal", "date": "at", "field": "customer",
                 "where": [{"field": "amount", "op": "gte", "value": 50000}]}},
    {"id": "collection", "name": "回款率", "unit": {"kind": "percent"}, "direction": "higher_is_better",
     "target": {"value": 90}, "curve": {"kind": "ratio", "cap": 120},
     "measure": {"kind": "ratio", "numerator": {"kind": "sum", "fact": "payment", "date": "at", "field": "amount"},
                 "denominator": {"kind": "sum", "fact": "invoice", "date": "at", "field": "amount"}}},
    {"id": "calls", "name": "外呼量", "unit": {"kind": "count"}, "direction": "higher_is_better",
     "target": {"value": 300, "prorate": true}, "curve": {"kind": "ratio", "cap": 150},
     "measure": {"kind": "count", "fact": "call", "date": "at"}},
    {"id": "cycle", "name": "成交周期", "unit": {"kind": "days"}, "direction": "lower_is_better",
     "target": {"value": 30}, "curve": {"kind": "ratio", "cap": 120},
     "measure": {"kind": "duration", "fact": "deal", "date": "at", "from": "created", "to": "at"}}
  ],
  "tree": {"group": "root", "children": [
    {"indicator": "sales", "weight": 40}, {"indicator": "new_customers", "weight": 20},
    {"indicator": "collection", "weight": 20}, {"indicator": "calls", "weight": 10}, {"indicator": "cycle", "weight": 10}]},
  "ratings": [{"name": "S", "min": 110}, {"name": "A", "min": 95}, {"name": "B", "min": 80}, {"name": "C", "min": 60}, {"name": "D"}]
}"#;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, m: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % m.max(1)
    }
}

/// The roster as CSV: `subject,team,start`.
pub fn roster_csv(people: usize) -> String {
    let mut out = String::from("subject,team,start\n");
    for p in 0..people {
        let start = if p % 50 == 7 { "2026-08-16" } else { "" };
        let _ = writeln!(out, "rep{p:06},team{:02},{start}", p % 40);
    }
    out
}

/// About `people × per_person` fact rows as CSV (Q3 2026 plus some rows outside it).
pub fn facts_csv(people: usize, per_person: usize, seed: u64) -> String {
    let mut r = Lcg(seed);
    let mut out = String::with_capacity(people * per_person * 80);
    out.push_str("id,subject,type,at,created,amount,customer\n");
    let mut id = 0u64;
    for _ in 0..people * per_person {
        id += 1;
        let p = r.next(people as u64);
        let month = 7 + r.next(3);
        let day = 1 + r.next(28);
        // One row in fifty falls outside the quarter.
        let (year, month) = if r.next(50) == 0 {
            (2026, 10)
        } else {
            (2026, month)
        };
        let at = format!(
            "{year}-{month:02}-{day:02}T{:02}:{:02}:00+08:00",
            r.next(24),
            r.next(60)
        );
        let kind = match r.next(10) {
            0..=4 => "call",
            5 | 6 => "deal",
            7 => "invoice",
            _ => "payment",
        };
        let amount = if kind == "call" {
            String::new()
        } else {
            format!("{}.{:02}", 1_000 + r.next(200_000), r.next(100))
        };
        let created = if kind == "deal" {
            format!("2026-06-{:02}", 1 + r.next(28))
        } else {
            String::new()
        };
        let customer = if kind == "deal" {
            format!("c{}", r.next(5_000))
        } else {
            String::new()
        };
        let line = format!("f{id},rep{p:06},{kind},{at},{created},{amount},{customer}\n");
        out.push_str(&line);
        // One row in two hundred is sent twice.
        if r.next(200) == 0 {
            out.push_str(&line);
        }
    }
    out
}
