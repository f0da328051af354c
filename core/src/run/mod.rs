//! Roster + facts + period → run result + ledger. A run is set up ([`setup`]) from
//! plans, a roster and tables; facts come from a [`source`] (CSV or JSON Lines
//! [`facts`], or [`facts::columns`]) read twice: the first pass builds the fact-id index
//! ([`id_index`]), the second [`select`]s what each measure reads and
//! [`accumulate`]s it, counting every row in the [`ledger`]. The [`engine`] ties the
//! passes; [`assemble`] scores every plan's subjects and [`teams`], with [`pace`]
//! for period-to-date views, into the [`result`].

pub(crate) mod accumulate;
pub(crate) mod assemble;
pub(crate) mod engine;
pub(crate) mod entry;
pub(crate) mod facts;
pub(crate) mod id_index;
pub(crate) mod ledger;
pub(crate) mod pace;
pub(crate) mod period;
pub(crate) mod result;
pub(crate) mod roster;
pub(crate) mod select;
pub(crate) mod setup;
pub(crate) mod source;
pub(crate) mod teams;
