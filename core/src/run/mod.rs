//! Roster + facts + period → run result + ledger: the run document, the period
//! window, the roster and its tables, facts from CSV, JSON Lines or columns, the
//! fact-id index, accumulation per measure, and the engine that ties them.

pub(crate) mod accumulate;
pub(crate) mod columns;
pub(crate) mod engine;
pub(crate) mod facts;
pub(crate) mod id_index;
pub(crate) mod period;
pub(crate) mod roster;
