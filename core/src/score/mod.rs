//! Plan + input → results. The input's actuals ([`input`]) go through the curves
//! ([`curve`]) and the weight tree into one subject's scorecard ([`subject`]), whose
//! total decides gates, rating and payout ([`verdict`]); a whole input is scored in
//! [`batch`] and ranked ([`rank`]) into [`results`]; [`what_it_takes`] says how far
//! each indicator is from its next tier. [`flags`] mark what shaped a number.

pub(crate) mod batch;
pub(crate) mod budget;
pub(crate) mod curve;
pub(crate) mod earnings;
pub(crate) mod flags;
pub(crate) mod input;
pub(crate) mod next_gate;
pub(crate) mod proration;
pub(crate) mod rank;
pub(crate) mod results;
pub(crate) mod subject;
pub(crate) mod verdict;
pub(crate) mod what_it_takes;
