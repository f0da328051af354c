//! Nothing here: the crate is its test (`tests/embed.rs`), a CRM-like embedder of
//! attain with serde_json as it comes.
