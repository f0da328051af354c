//! Limits that keep untrusted plans and inputs bounded in time and memory.
//!
//! Every limit is checked while parsing; going past one is an error with a path,
//! never a hang or a crash.

/// Largest plan document accepted, in bytes.
pub const MAX_PLAN_BYTES: usize = 1 << 20;
/// Deepest nesting of arrays and objects in a JSON document (serde_json's limit,
/// kept when the core began reading JSON itself): deeper is `invalid_json`.
pub const MAX_JSON_DEPTH: usize = 127;
/// Deepest nesting of groups in the weight tree (the root group is depth 1).
pub const MAX_DEPTH: usize = 8;
/// Most nodes (groups and indicator references) in the weight tree.
pub const MAX_NODES: usize = 512;
/// Most indicators in a plan.
pub const MAX_INDICATORS: usize = 256;
/// Most tiers on one target, rating bands, or payout points.
pub const MAX_TIERS: usize = 32;
/// Most lines in a plan's earnings.
pub const MAX_EARNINGS_LINES: usize = 64;
/// Most adjustments (gates, bonus and deduction items).
pub const MAX_ADJUSTMENTS: usize = 64;
/// Numbers must be below this in absolute value: 10^15.
pub const MAX_INTEGER_DIGITS: u32 = 15;
/// Most digits after the decimal point in a number read from a user.
pub const MAX_FRACTION_DIGITS: u32 = 10;
/// Longest id.
pub const MAX_ID_LEN: usize = 64;
/// Longest display name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Largest declared rounding scale.
pub const MAX_SCALE: u32 = 6;
/// Most rejections a run's ledger lists (the first, by line); the rest are counted
/// (`rejected`, `rejections_omitted`), so a file of bad rows cannot exhaust memory.
pub const MAX_REJECTIONS_KEPT: usize = 100_000;
/// Largest result text (canonical JSON) a batch or a run may produce, in bytes:
/// 256 MiB. A batch whose output is estimated above it (every subject scored, each
/// node explained, figures at a typical width) is refused before anything is
/// scored, and text that grows past it while being written is refused at once
/// (`output_too_large`); either way before memory runs out. Below the longest
/// string a JavaScript engine holds (V8: 2^29 − 24 characters).
pub const MAX_OUTPUT_BYTES: usize = 256 << 20;
/// Longest subject id, in bytes (subject ids come from CRMs and HR systems: e-mail
/// addresses, employee numbers; more room than plan ids).
pub const MAX_SUBJECT_ID_BYTES: usize = 256;

/// Whether a subject id is acceptable: 1 to [`MAX_SUBJECT_ID_BYTES`] bytes.
pub fn valid_subject_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_SUBJECT_ID_BYTES
}

/// What an unacceptable subject id is told (code `invalid_id`).
pub const SUBJECT_ID_RULE: &str = "a subject id has 1 to 256 bytes";
