//! The ledger for people: every fact row read is used, outside, duplicate,
//! conflicting or rejected, and the buckets add up; the first rejected rows and
//! conflicting ids.

use super::{array, LIST};
use crate::render::text;
use attain::run::RunResult;
use serde_json::Value;
use std::fmt::Write;

/// The ledger: every row read is used, outside, duplicate, conflicting or rejected.
pub(super) fn ledger(out: &mut String, result: &RunResult, doc: &Value) {
    let l = result.ledger();
    let _ = writeln!(out, "ledger: {} fact rows read", l.rows);
    let buckets = [
        ("used", l.used, "counted by a measure in the window"),
        (
            "outside",
            l.outside,
            "valid, counted by no measure (dated outside the window, or not selected)",
        ),
        (
            "duplicate",
            l.duplicate,
            "same id and content as an earlier row",
        ),
        (
            "conflicting",
            l.conflicting,
            "an id seen with different contents: none of its rows used",
        ),
        ("rejected", l.rejected, "cannot be read"),
    ];
    let width = buckets
        .iter()
        .map(|b| b.1.to_string().len())
        .max()
        .unwrap_or(1)
        .max(l.rows.to_string().len());
    for (name, n, what) in buckets {
        let _ = writeln!(out, "  {name:<11} {n:>width$}  {what}");
    }
    let sum = format!(
        "{} + {} + {} + {} + {} = {}",
        l.used, l.outside, l.duplicate, l.conflicting, l.rejected, l.rows
    );
    if l.adds_up() {
        let _ = writeln!(out, "  {sum}: adds up, every row is accounted for");
    } else {
        let _ = writeln!(
            out,
            "  the buckets do NOT add up to the {} rows read",
            l.rows
        );
    }
    let rejections = array(&doc["ledger"]["rejections"]);
    if !rejections.is_empty() {
        let _ = writeln!(
            out,
            "\nrejected rows ({}):",
            if rejections.len() > LIST {
                format!("the first {LIST} of {}", rejections.len())
            } else {
                rejections.len().to_string()
            }
        );
        for r in rejections.iter().take(LIST) {
            let field = text(&r["field"]);
            let field = if field.is_empty() || field == "-" {
                String::new()
            } else {
                format!("{field}: ")
            };
            let _ = writeln!(
                out,
                "  line {}: {field}{}: {}",
                text(&r["line"]),
                text(&r["code"]),
                text(&r["message"])
            );
        }
        if rejections.len() > LIST {
            let _ = writeln!(out, "  ... and {} more", rejections.len() - LIST);
        }
    }
    let conflicts = array(&doc["ledger"]["conflicts"]);
    if !conflicts.is_empty() {
        let _ = writeln!(
            out,
            "\nconflicting ids ({}):",
            if conflicts.len() > LIST {
                format!("the first {LIST} of {}", conflicts.len())
            } else {
                conflicts.len().to_string()
            }
        );
        for c in conflicts.iter().take(LIST) {
            let lines: Vec<String> = array(&c["lines"]).iter().map(text).collect();
            let _ = writeln!(out, "  {}: lines {}", text(&c["id"]), lines.join(", "));
        }
        if conflicts.len() > LIST {
            let _ = writeln!(out, "  ... and {} more", conflicts.len() - LIST);
        }
    }
}
