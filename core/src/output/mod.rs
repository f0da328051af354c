//! Canonical JSON of results, one scorecard, and the compact preview a live view
//! redraws from.

pub(crate) mod card;
pub(crate) mod preview;
