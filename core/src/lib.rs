//! # attain — deterministic, exact KPI scoring for sales teams
//!
//! A [`Plan`] (销售KPI绩效考核表: indicators, targets and tiers, scoring curves, a
//! weight tree, adjustments, ratings, payout) turns each subject's actuals into a
//! [`Scorecard`]: total, rating, rank, payout and an explanation of every node.
//! All arithmetic is decimal ([`rust_decimal`]); results are the same to the last
//! digit on every platform and in every binding. The formats are specified in
//! `docs/FORMAT.md`.
//!
//! ```
//! use attain::{Input, Plan};
//!
//! let plan = Plan::from_json(r#"{
//!   "id": "csm-2026", "name": "客户成功经理", "version": "1",
//!   "indicators": [
//!     {"id": "satisfaction", "name": "客户满意度", "unit": {"kind": "percent"},
//!      "direction": "higher_is_better", "target": {"value": 90},
//!      "curve": {"kind": "ratio", "cap": 120}},
//!     {"id": "renewal", "name": "续约率", "unit": {"kind": "percent"},
//!      "direction": "higher_is_better", "target": {"value": 85},
//!      "curve": {"kind": "pass_fail"}}],
//!   "tree": {"group": "root", "children": [
//!     {"indicator": "satisfaction", "weight": 50},
//!     {"indicator": "renewal", "weight": 50}]},
//!   "ratings": [{"name": "A", "min": 90}, {"name": "B", "min": 70}, {"name": "C"}]
//! }"#)?;
//! let input = Input::from_json(&plan, r#"{"subjects": [
//!   {"id": "li.si", "actuals": {"satisfaction": "94.5", "renewal": "80"}}]}"#)?;
//! let results = plan.score(&input)?;
//! let card = &results.subjects()[0];
//! // satisfaction 94.5 / 90 = 105 % → 105; renewal 80 < 85 → 0; (105 + 0) / 2
//! assert_eq!(card.total_text().as_deref(), Some("52.50"));
//! assert_eq!(results.rating(card), Some("C"));
//! # Ok::<(), attain::Error>(())
//! ```
//!
//! Bad plans are refused with every problem found, each with a JSON-pointer path
//! and a stable code:
//!
//! ```
//! let err = attain::Plan::from_json(r#"{"id": "p", "name": "p", "version": "1",
//!   "indicators": [{"id": "a", "name": "A", "unit": {"kind": "count"},
//!     "direction": "higher_is_better", "target": {"value": 0}, "curve": {"kind": "ratio"}}],
//!   "tree": {"group": "root", "children": [{"indicator": "a", "weight": 90}]}}"#).unwrap_err();
//! let codes: Vec<_> = err.problems().iter().map(|p| (p.path.as_str(), p.code.as_str())).collect();
//! assert_eq!(codes, [("/indicators/0/target/value", "zero_target"),
//!                    ("/tree/children", "weights_do_not_sum_to_100")]);
//! ```

#[cfg(feature = "run")]
mod accumulate;
mod arith;
#[cfg(feature = "run")]
mod calendar;
#[cfg(feature = "run")]
mod columns;
mod curve;
mod error;
#[cfg(feature = "run")]
mod facts;
mod flags;
mod input;
#[cfg_attr(not(feature = "run"), allow(dead_code))]
mod json_out;
pub mod limits;
#[cfg_attr(not(feature = "run"), allow(dead_code))]
mod measure;
mod next;
mod number;
mod output;
mod parse;
#[cfg(feature = "run")]
mod period;
#[cfg_attr(not(feature = "run"), allow(dead_code))]
mod plan;
mod preview;
mod reader;
#[cfg(feature = "run")]
mod roster;
mod rounding;
#[cfg(feature = "run")]
mod run;
mod schema;
mod score;
mod scorecard;
#[cfg(feature = "run")]
mod seen;
pub mod spec;
mod validate;
mod what_if;

#[cfg(feature = "run")]
pub use calendar::{parse_date, Calendar, When};
#[cfg(feature = "run")]
pub use columns::{FactBatch, Offsets, TextColumn};
pub use error::{Code, Error, ErrorKind, Problem};
#[cfg(feature = "run")]
pub use facts::FactsFormat;
pub use flags::Flags;
pub use input::{Input, SubjectInput};
pub use number::parse_decimal;
pub use output::{DECIMAL_KEYS, TEXT_KEYS};
#[cfg(feature = "run")]
pub use period::Period;
pub use plan::Plan;
pub use reader::join as pointer_join;
#[cfg(feature = "run")]
pub use roster::csv_rows;
pub use rounding::GUARD_SCALE;
#[cfg(feature = "run")]
pub use run::{run, run_bytes, run_columns, run_json, run_value, Ledger, RunResult, RunSetup};
pub use schema::plan_schema;
pub use scorecard::{Results, Scorecard, Status};
pub use spec::PlanSpec;
pub use what_if::WhatIf;

pub use rust_decimal::Decimal;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
