//! Document → validated model. A plan's JSON is read into the spec types
//! ([`spec`]) by [`parse`], checked by [`validate`] into the model ([`model`]),
//! with the measures and the calendar it declares.

#[cfg(feature = "run")]
pub(crate) mod calendar;
pub(crate) mod earnings;
#[cfg_attr(not(feature = "run"), allow(dead_code))]
pub(crate) mod measure;
#[cfg_attr(not(feature = "run"), allow(dead_code))]
mod model;
pub(crate) mod parse;
pub(crate) mod schema;
pub mod spec;
pub(crate) mod validate;

pub use model::Plan;
pub(crate) use model::*;
