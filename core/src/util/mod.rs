//! Helpers with no domain knowledge: checked arithmetic, decimal text in and out,
//! rounding, hashing, thread counts, the JSON reader (a value that keeps numbers as
//! written and keys in order), the walker that reads it with paths, the JSON writer.

pub(crate) mod arith;
#[cfg(feature = "run")]
pub(crate) mod hash;
#[cfg_attr(not(feature = "run"), allow(dead_code))]
pub(crate) mod json;
#[cfg_attr(not(feature = "run"), allow(dead_code))]
pub(crate) mod json_out;
pub(crate) mod json_parse;
pub(crate) mod json_reader;
pub(crate) mod number;
pub(crate) mod rounding;
pub(crate) mod threads;
