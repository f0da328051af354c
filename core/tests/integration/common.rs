//! What the integration tests share: reading a folder of the conformance corpus.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.json` file of `conformance/<dir>`, sorted by name, with its file name;
/// a file that cannot be read or parsed is `Value::Null` (so a test fails on it).
pub fn corpus(dir: &str) -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../conformance")
        .join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&root)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap_or_default();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            (name, serde_json::from_str(&text).unwrap_or(Value::Null))
        })
        .collect()
}

/// The keys of a run corpus file that are the test's, not the run document's (the
/// file's `description` is the document's own free text).
#[cfg(feature = "run")]
pub const CASE_KEYS: &[&str] = &["derivation", "expected", "expected_error"];

/// The run document of a run corpus file: the file without [`CASE_KEYS`].
#[cfg(feature = "run")]
pub fn run_document(case: &Value) -> Value {
    let mut doc = case.clone();
    if let Some(m) = doc.as_object_mut() {
        for k in CASE_KEYS {
            m.remove(*k);
        }
    }
    doc
}
