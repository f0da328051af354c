//! Core's integration tests, as one test binary (one link instead of one per file).
//!
//! The modules that need facts and runs are compiled only with the `run` feature
//! (on by default), as their own binaries once were (`required-features = ["run"]`).
//!
//! proptest keeps the seeds of past failures in `../proptest-regressions/<module>.txt`:
//! with this `main.rs` beside the modules, its default (`SourceParallel`) looks for
//! them there and replays them before any new case.

mod common;

mod conformance;
mod differential;
mod earnings;
mod earnings_properties;
mod group_modes;
mod limits;
mod plans;
mod preview;
mod properties;
mod subject_targets;
mod target_signs;

#[cfg(feature = "run")]
mod adjustment_points;
#[cfg(feature = "run")]
mod collisions;
#[cfg(feature = "run")]
mod columns;
#[cfg(feature = "run")]
mod proration;
#[cfg(feature = "run")]
mod run_properties;
#[cfg(feature = "run")]
mod runs;
#[cfg(feature = "run")]
mod strict_runs;
#[cfg(feature = "run")]
mod threads;
#[cfg(feature = "run")]
mod two_reads;
