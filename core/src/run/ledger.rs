//! The ledger: every fact row read, counted once as used, outside, duplicate,
//! conflicting or rejected (with the field and the reason).

use crate::util::json_out::JsonOut;

/// One problem of a rejected row: the field (by position; None for the whole row)
/// and the code.
pub(super) type RowProblem = (Option<usize>, &'static str);

/// The message of each rejection and `unscored` code: fixed, so that every
/// implementation writes the same bytes.
pub(super) fn message(code: &str) -> &'static str {
    match code {
        "missing_id" => "the row has no id",
        "unknown_subject" => "the subject is not in the roster or has no plan",
        "unknown_type" => "no measure reads this type",
        "bad_number" => "not a decimal number",
        "bad_date" => "not a date or timestamp",
        "bad_boolean" => "not a boolean",
        "missing_value" => "a field a measure needs is empty",
        "negative_duration" => "the end of the duration is before its start",
        "bad_row" => "the row cannot be read",
        "no_plan" => "no plan has the subject's role",
        "inactive" => "the subject has no active day in the period",
        _ => "",
    }
}

/// Counts of the ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    pub rows: u64,
    pub used: u64,
    pub outside: u64,
    pub duplicate: u64,
    pub conflicting: u64,
    pub rejected: u64,
    pub(super) rejections: Vec<(u64, Option<String>, &'static str)>,
    pub(super) conflicts: Vec<(String, Vec<u64>)>,
}

impl Ledger {
    /// Whether the buckets add up to the rows read (always true).
    pub fn adds_up(&self) -> bool {
        self.used + self.outside + self.duplicate + self.conflicting + self.rejected == self.rows
    }

    /// Rejected rows: (line, field, code, message), sorted by line then field.
    pub fn rejections(&self) -> impl Iterator<Item = (u64, Option<&str>, &str, &str)> {
        self.rejections
            .iter()
            .map(|(l, f, c)| (*l, f.as_deref(), *c, message(c)))
    }

    pub(super) fn write(&self, j: &mut JsonOut) {
        j.begin_obj();
        j.field("rows").uint(self.rows);
        j.field("used").uint(self.used);
        j.field("outside").uint(self.outside);
        j.field("duplicate").uint(self.duplicate);
        j.field("conflicting").uint(self.conflicting);
        j.field("rejected").uint(self.rejected);
        j.field("rejections").begin_arr();
        for (line, field, code) in &self.rejections {
            j.begin_obj();
            j.field("line").uint(*line);
            j.field("field").opt_str(field.as_deref());
            j.field("code").str(code);
            j.field("message").str(message(code));
            j.end_obj();
        }
        j.end_arr();
        j.field("conflicts").begin_arr();
        for (id, lines) in &self.conflicts {
            j.begin_obj();
            j.field("id").str(id);
            j.field("lines").begin_arr();
            for l in lines {
                j.uint(*l);
            }
            j.end_arr();
            j.end_obj();
        }
        j.end_arr();
        j.end_obj();
    }
}
