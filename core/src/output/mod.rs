//! Canonical JSON: the results document and its public forms ([`results`]), one
//! scorecard ([`card`]) with each node's figures ([`figure`]), and the compact
//! preview a live view redraws from ([`preview`]).

pub(crate) mod card;
pub(crate) mod figure;
pub(crate) mod preview;
pub(crate) mod results;
pub(crate) mod statement;
