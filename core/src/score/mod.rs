//! Plan + input → results: the input's actuals, the curves, one subject's
//! scorecard, what it takes to reach the next tier, and the results.

pub(crate) mod curve;
pub(crate) mod flags;
pub(crate) mod input;
pub(crate) mod rank;
pub(crate) mod results;
pub(crate) mod subject;
pub(crate) mod what_it_takes;
