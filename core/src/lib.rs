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

#![warn(missing_docs)]
#![deny(clippy::arithmetic_side_effects)]

mod error;
pub mod limits;
mod output;
mod plan;
#[cfg(feature = "run")]
pub mod run;
mod score;
mod util;
mod what_if;

pub use error::{Code, Error, ErrorKind, Problem};
pub use output::results::{DECIMAL_KEYS, TEXT_KEYS};
pub use plan::schema::plan_schema;
pub use plan::spec;
pub use plan::spec::PlanSpec;
pub use plan::Plan;
pub use score::flags::Flags;
pub use score::input::{Input, SubjectInput};
pub use score::results::{Results, Scorecard, Status};
pub use util::json_reader::join as pointer_join;
pub use util::number::parse_decimal;
pub use what_if::WhatIf;

pub use rust_decimal::Decimal;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
