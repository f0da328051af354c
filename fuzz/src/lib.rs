//! What the fuzz targets share: the fixed run their facts go through, and the
//! checks more than one target makes.
//!
//! Every check panics (the fuzzer's "crash") with the input that broke it.

use attain::run::{FactsFormat, RunResult, RunSetup};
use serde_json::Value;

/// The fixed run of the facts targets: two plans (by role) whose measures read
/// every kind of field (sums, counts, distinct, durations, latest, mean, shares
/// with a time condition, ratios, booleans and `where` filters), in a zone with
/// daylight saving time, with hires and leavers in the roster and an as-of date.
pub const RUN: &str = r#"{
  "plans": [
    {"id": "sales", "name": "销售", "version": "1", "role": "sales",
     "calendar": {"time_zone": "America/New_York"},
     "indicators": [
      {"id": "revenue", "name": "销售额", "unit": {"kind": "money", "currency": "CNY"},
       "direction": "higher_is_better", "target": {"value": "1000"}, "curve": {"kind": "ratio", "cap": "150"},
       "measure": {"kind": "sum", "fact": "deal", "date": "closed_at", "field": "amount",
                   "where": [{"field": "won", "op": "eq", "value": true}]}},
      {"id": "cycle", "name": "成交周期", "unit": {"kind": "days"}, "direction": "lower_is_better",
       "target": {"value": "10"}, "curve": {"kind": "ratio", "cap": "120"},
       "measure": {"kind": "duration", "fact": "deal", "date": "closed_at", "from": "created_at", "to": "closed_at"}},
      {"id": "calls", "name": "外呼量", "unit": {"kind": "count"}, "direction": "higher_is_better",
       "target": {"value": "2"}, "curve": {"kind": "ratio", "cap": "150"},
       "measure": {"kind": "count", "fact": "call", "date": "called_at"}},
      {"id": "customers", "name": "客户数", "unit": {"kind": "count"}, "direction": "higher_is_better",
       "target": {"value": "3"}, "curve": {"kind": "ratio", "cap": "150"},
       "measure": {"kind": "distinct", "fact": "deal", "date": "closed_at", "field": "customer",
                   "where": [{"field": "stage", "op": "eq", "value": "won"}, {"field": "amount", "op": "gte", "value": "100"}]}},
      {"id": "nps", "name": "NPS", "unit": {"kind": "points"}, "direction": "higher_is_better",
       "target": {"value": "8"}, "curve": {"kind": "ratio", "cap": "120"},
       "measure": {"kind": "latest", "fact": "nps", "date": "at", "field": "score"}},
      {"id": "survey", "name": "满意度", "unit": {"kind": "points"}, "direction": "higher_is_better",
       "target": {"value": "4"}, "curve": {"kind": "ratio", "cap": "120"},
       "measure": {"kind": "mean", "fact": "survey", "date": "at", "field": "score"}},
      {"id": "fast", "name": "及时率", "unit": {"kind": "percent"}, "direction": "higher_is_better",
       "target": {"value": "90"}, "curve": {"kind": "ratio", "cap": "110"},
       "measure": {"kind": "share", "fact": "update", "date": "created_at",
                   "condition": [{"op": "within", "from": "created_at", "to": "updated_at", "hours": "24"}]}},
      {"id": "conversion", "name": "转化率", "unit": {"kind": "percent"}, "direction": "higher_is_better",
       "target": {"value": "20"}, "curve": {"kind": "ratio", "cap": "150"},
       "measure": {"kind": "ratio",
                   "numerator": {"kind": "count", "fact": "deal", "date": "closed_at", "where": [{"field": "stage", "op": "eq", "value": "won"}]},
                   "denominator": {"kind": "count", "fact": "lead", "date": "created_at"}}}
     ],
     "tree": {"group": "root", "children": [
      {"indicator": "revenue", "weight": 20}, {"indicator": "cycle", "weight": 10},
      {"indicator": "calls", "weight": 10}, {"indicator": "customers", "weight": 10},
      {"indicator": "nps", "weight": 10}, {"indicator": "survey", "weight": 10},
      {"indicator": "fast", "weight": 15}, {"indicator": "conversion", "weight": 15}]},
     "ratings": [{"name": "A", "min": 100}, {"name": "B", "min": 60}, {"name": "C"}]},
    {"id": "support", "name": "支持", "version": "1", "role": "support",
     "calendar": {"time_zone": "America/New_York"},
     "indicators": [
      {"id": "calls", "name": "外呼量", "unit": {"kind": "count"}, "direction": "higher_is_better",
       "target": {"value": "3"}, "curve": {"kind": "ratio", "cap": "150"},
       "measure": {"kind": "count", "fact": ["call", "update"], "date": "called_at"}},
      {"id": "worst", "name": "最低分", "unit": {"kind": "points"}, "direction": "higher_is_better",
       "target": {"value": "3"}, "curve": {"kind": "ratio", "cap": "120"},
       "measure": {"kind": "min", "fact": "survey", "date": "at", "field": "score"}}
     ],
     "tree": {"group": "root", "children": [{"indicator": "calls", "weight": 50}, {"indicator": "worst", "weight": 50}]}}
  ],
  "roster": [
    {"subject": "li", "role": "sales", "team": "east"},
    {"subject": "wang", "role": "sales", "team": "east", "start": "2026-08-10"},
    {"subject": "zhou", "role": "support", "team": "west", "end": "2026-08-15"},
    {"subject": "zhao", "role": "intern"},
    {"subject": "wu", "role": "sales", "end": "2026-06-30"}
  ],
  "period": "2026-Q3",
  "as_of": "2026-09-15"
}"#;

/// The fixed run's setup.
pub fn setup() -> RunSetup {
    let v: Value = serde_json::from_str(RUN).expect("the fixed run is JSON");
    RunSetup::from_value(&v).expect("the fixed run is valid")
}

/// Run the facts on `threads` threads; the result's canonical bytes, or the
/// error's. On several threads a CSV is cut into chunks of a few bytes (a fuzz
/// input is far below the default 1 MiB chunk), so record boundaries fall on chunk
/// ends everywhere and the threads really share the work.
pub fn run(setup: &RunSetup, format: FactsFormat, facts: &[u8], threads: usize) -> Outcome {
    let setup = setup.clone().with_threads(threads);
    let setup = if threads > 1 {
        setup.with_chunk_bytes(1 + facts.len() % 13)
    } else {
        setup
    };
    match attain::run::run_bytes(&setup, format, facts) {
        Ok(r) => Outcome::Ran(Box::new(r)),
        Err(e) => Outcome::Refused(e.to_json()),
    }
}

/// A run's outcome.
pub enum Outcome {
    /// The run went through.
    Ran(Box<RunResult>),
    /// The run was refused: the error as JSON.
    Refused(String),
}

impl Outcome {
    /// The bytes a host would see.
    pub fn bytes(&self) -> String {
        match self {
            Outcome::Ran(r) => r.to_json(),
            Outcome::Refused(e) => format!("error: {e}"),
        }
    }
}

/// The ledger adds up (checked both by the core's own sum and by ours), and its
/// JSON says what its counts say.
pub fn check_ledger(r: &RunResult, input: &[u8]) {
    let l = r.ledger();
    let sum = l.used + l.outside + l.duplicate + l.conflicting + l.rejected;
    assert!(
        l.adds_up() && sum == l.rows,
        "the ledger does not add up: {l:?} for {:?}",
        String::from_utf8_lossy(input)
    );
    let kept = l.rejections().count() as u64;
    assert!(
        kept + l.rejections_omitted() >= l.rejected,
        "a rejected row without a rejection: {l:?} for {:?}",
        String::from_utf8_lossy(input)
    );
    let v = r.to_value();
    assert_eq!(v["ledger"]["rows"], l.rows, "ledger rows in the JSON");
    assert_eq!(v["ledger"]["used"], l.used, "ledger used in the JSON");
}

/// A problem path is empty or a JSON pointer.
pub fn check_error(e: &attain::Error, input: &[u8]) {
    assert!(
        !e.problems().is_empty(),
        "an error without problems for {:?}",
        String::from_utf8_lossy(input)
    );
    for p in e.problems() {
        assert!(
            p.path.is_empty() || p.path.starts_with('/'),
            "problem path {:?} is not a JSON pointer for {:?}",
            p.path,
            String::from_utf8_lossy(input)
        );
        assert!(
            attain::Code::ALL.contains(&p.code),
            "unknown code {:?}",
            p.code
        );
    }
}

/// The body lines (after the header) of a text in which every line is one record,
/// with the header; None when a record could span lines (a quote), a lone CR
/// ends a line or the first line is blank.
pub fn simple_lines(text: &[u8]) -> Option<(&[u8], Vec<&[u8]>)> {
    if text.contains(&b'"') || text.contains(&b'\r') {
        return None;
    }
    let mut lines: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    // Blank lines before the header are skipped (by the csv crate too): the
    // header is the first line only when it is not blank.
    if lines.first().is_none_or(|l| l.is_empty()) {
        return None;
    }
    let header = lines.remove(0);
    Some((header, lines))
}

/// A permutation of `n` items chosen by `seed` (a small LCG shuffle).
pub fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    let mut x = seed | 1;
    for i in (1..n).rev() {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = ((x >> 33) as usize) % (i + 1);
        p.swap(i, j);
    }
    p
}

/// Shuffle the body lines: the new text, and for each new line number the old one.
pub fn shuffled(header: &[u8], lines: &[&[u8]], seed: u64) -> (Vec<u8>, Vec<u64>) {
    let p = permutation(lines.len(), seed);
    let mut out = header.to_vec();
    out.push(b'\n');
    // Line 1 is the header; body line k (from 0) is line k + 2.
    let mut old_line = vec![0, 1];
    for &i in &p {
        out.extend_from_slice(lines[i]);
        out.push(b'\n');
        old_line.push(i as u64 + 2);
    }
    (out, old_line)
}

/// A run result with its conflicts' line numbers mapped back through `old_line`
/// (lists sorted; rejections without lines): what must not depend on the order of
/// the rows.
pub fn order_free(r: &RunResult, old_line: &[u64]) -> Value {
    let map = |l: &Value| -> Value {
        let n = l.as_u64().unwrap_or(0) as usize;
        Value::from(old_line.get(n).copied().unwrap_or(u64::MAX))
    };
    let mut v = r.to_value().clone();
    // Which of the rows with one id and one content is the first (the one read, the
    // others duplicates) depends on the order: rejections are compared without
    // their lines.
    if let Some(list) = v["ledger"]["rejections"].as_array_mut() {
        for x in list.iter_mut() {
            x["line"] = Value::Null;
        }
        list.sort_by_key(|x| x.to_string());
    }
    if let Some(list) = v["ledger"]["conflicts"].as_array_mut() {
        for x in list.iter_mut() {
            if let Some(lines) = x["lines"].as_array_mut() {
                for l in lines.iter_mut() {
                    *l = map(l);
                }
                lines.sort_by_key(|l| l.as_u64());
            }
        }
        list.sort_by_key(|x| x.to_string());
    }
    v
}

/// A run result without any line number (rejections and conflicts listed in
/// sorted order): what the same records give whatever their layout.
pub fn line_free(r: &RunResult) -> Value {
    let mut v = r.to_value().clone();
    for list in ["rejections", "conflicts"] {
        if let Some(list) = v["ledger"][list].as_array_mut() {
            for x in list.iter_mut() {
                x["line"] = Value::Null;
                x["lines"] = Value::Null;
            }
            list.sort_by_key(|x| x.to_string());
        }
    }
    v
}
