//! Aligned columns under a header; Chinese characters count double width.

use unicode_width::UnicodeWidthStr;

pub(super) fn pad(out: &mut String, s: &str, width: usize, right: bool) {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    if right {
        out.push_str(&fill);
        out.push_str(s);
    } else {
        out.push_str(s);
        out.push_str(&fill);
    }
}

/// Lay out rows under a header; `right[i]` aligns column i to the right.
pub(crate) fn layout(header: &[String], right: &[bool], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    // Cells are padded first, then painted: colour codes never count as width.
    let mut line = |cells: &[String], paint: &dyn Fn(&str) -> String| {
        let mut l = String::new();
        for (i, ((cell, w), r)) in cells.iter().zip(&widths).zip(right).enumerate() {
            if i > 0 {
                l.push_str("  ");
            }
            let mut padded = String::new();
            pad(&mut padded, cell, *w, *r);
            if i + 1 == cells.len() {
                padded.truncate(padded.trim_end().len());
            }
            l.push_str(&paint(&padded));
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(header, &|s| crate::paint::bold(s));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, &|s| crate::paint::dim(s));
    for row in rows {
        line(row, &|s| crate::paint::cell(s));
    }
    out
}
