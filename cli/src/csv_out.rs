//! CSV output: every table the CLI writes, with cells that a spreadsheet would run
//! as a formula made inert.

use crate::Failure;
use std::borrow::Cow;

/// A cell as written: text that starts like a formula (`=`, `+`, `-`, `@`, a tab or
/// a carriage return; names and ids come from tenants) gets a leading `'`, which
/// spreadsheets show as text (OWASP's advice for CSV injection). Numbers, negative
/// ones included, stay as they are.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && attain::parse_decimal(text).is_err() {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A whole CSV table as text: the header, then the rows, each cell through [`cell`].
pub fn table(header: &[String], rows: &[Vec<String>]) -> Result<String, Failure> {
    let fail = |e: csv::Error| Failure::Other(format!("cannot write CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header.iter().map(|c| cell(c).into_owned()))
        .map_err(fail)?;
    for row in rows {
        w.write_record(row.iter().map(|c| cell(c).into_owned()))
            .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Failure::Other(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Failure::Other(format!("cannot write CSV: {e}")))
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_made_text_and_numbers_are_kept() {
        for (given, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("-12.50", "-12.50"),
            ("+3", "+3"),
            ("王伟", "王伟"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(cell(given), written, "{given:?}");
        }
    }
}
