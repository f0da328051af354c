//! The ledger: every fact row read, counted once as used, outside, duplicate,
//! conflicting or rejected (with the field and the reason).

use crate::limits::MAX_REJECTIONS_KEPT;
use crate::util::json_out::JsonOut;

/// Why a fact row was rejected, or a roster member not scored. Declared in the
/// order of their codes' text, so sorting by either gives the same order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum RowCode {
    BadBoolean,
    BadDate,
    BadNumber,
    BadRow,
    Inactive,
    MissingId,
    MissingValue,
    NegativeDuration,
    NoPlan,
    UnknownSubject,
    UnknownType,
}

impl RowCode {
    /// The stable code (`bad_number`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RowCode::BadBoolean => "bad_boolean",
            RowCode::BadDate => "bad_date",
            RowCode::BadNumber => "bad_number",
            RowCode::BadRow => "bad_row",
            RowCode::Inactive => "inactive",
            RowCode::MissingId => "missing_id",
            RowCode::MissingValue => "missing_value",
            RowCode::NegativeDuration => "negative_duration",
            RowCode::NoPlan => "no_plan",
            RowCode::UnknownSubject => "unknown_subject",
            RowCode::UnknownType => "unknown_type",
        }
    }

    /// The fixed message, so that every implementation writes the same bytes.
    pub(crate) fn message(self) -> &'static str {
        match self {
            RowCode::MissingId => "the row has no id",
            RowCode::UnknownSubject => "the subject is not in the roster or has no plan",
            RowCode::UnknownType => "no measure reads this type",
            RowCode::BadNumber => "not a decimal number",
            RowCode::BadDate => "not a date or timestamp",
            RowCode::BadBoolean => "not a boolean",
            RowCode::MissingValue => "a field a measure needs is empty",
            RowCode::NegativeDuration => "the end of the duration is before its start",
            RowCode::BadRow => "the row cannot be read",
            RowCode::NoPlan => "no plan has the subject's role",
            RowCode::Inactive => "the subject has no active day in the period",
        }
    }
}

/// One problem of a rejected row: the field (by position; None for the whole row)
/// and the code.
pub(super) type RowProblem = (Option<usize>, RowCode);

/// One rejection, kept in 16 bytes: its line, the field (by position in the run's
/// field table; `NO_FIELD` for the whole row) and the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rejection {
    pub(super) line: u64,
    pub(super) field: u16,
    pub(super) code: RowCode,
}

/// The field of a rejection about the whole row.
pub(super) const NO_FIELD: u16 = u16::MAX;

/// Counts of the ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Ledger {
    /// Fact rows read: used + outside + duplicate + conflicting + rejected.
    pub rows: u64,
    /// Rows counted by at least one measure in the window.
    pub used: u64,
    /// Valid rows counted by no measure (dates outside every window, or no measure selects them).
    pub outside: u64,
    /// Rows with the id and content of an earlier row (counted once).
    pub duplicate: u64,
    /// Rows of an id that appears with different contents (none of them used).
    pub conflicting: u64,
    /// Rows that cannot be read (listed in the rejections).
    pub rejected: u64,
    /// The first [`MAX_REJECTIONS_KEPT`] rejections in (line, field, code) order.
    pub(super) rejections: Vec<Rejection>,
    /// Rejections counted but not kept (past the cap).
    pub(super) omitted: u64,
    /// The run's field names, which rejections name by position.
    pub(super) fields: Vec<String>,
    pub(super) conflicts: Vec<(String, Vec<u64>)>,
}

impl Ledger {
    /// Whether the buckets add up to the rows read (always true).
    pub fn adds_up(&self) -> bool {
        self.used + self.outside + self.duplicate + self.conflicting + self.rejected == self.rows
    }

    /// Rejected rows: (line, field, code, message), sorted by line then field; at
    /// most [`crate::limits::MAX_REJECTIONS_KEPT`] (see [`Ledger::rejections_omitted`]).
    pub fn rejections(&self) -> impl Iterator<Item = (u64, Option<&str>, &str, &str)> {
        self.rejections
            .iter()
            .map(|r| (r.line, self.field(r), r.code.as_str(), r.code.message()))
    }

    /// Rejections past the cap: counted in `rejected`, not listed.
    pub fn rejections_omitted(&self) -> u64 {
        self.omitted
    }

    fn field(&self, r: &Rejection) -> Option<&str> {
        self.fields.get(usize::from(r.field)).map(String::as_str)
    }

    /// Sort the rejections by line, then field name (none first), then code, and
    /// keep the first [`MAX_REJECTIONS_KEPT`]: the same ones whatever the thread
    /// count, since a worker only ever drops rejections that cannot be among them.
    pub(super) fn prune(&mut self, names: &[String]) {
        let name = |r: &Rejection| names.get(usize::from(r.field)).map(String::as_str);
        self.rejections
            .sort_by(|a, b| (a.line, name(a), a.code).cmp(&(b.line, name(b), b.code)));
        if self.rejections.len() > MAX_REJECTIONS_KEPT {
            self.omitted += (self.rejections.len() - MAX_REJECTIONS_KEPT) as u64;
            self.rejections.truncate(MAX_REJECTIONS_KEPT);
        }
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
        for (line, field, code, message) in self.rejections() {
            j.begin_obj();
            j.field("line").uint(line);
            j.field("field").opt_str(field);
            j.field("code").str(code);
            j.field("message").str(message);
            j.end_obj();
        }
        j.end_arr();
        if self.omitted > 0 {
            j.field("rejections_omitted").uint(self.omitted);
        }
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

#[cfg(test)]
mod tests {
    use super::RowCode::*;

    #[test]
    fn codes_sort_as_their_text() {
        let all = [
            BadBoolean,
            BadDate,
            BadNumber,
            BadRow,
            Inactive,
            MissingId,
            MissingValue,
            NegativeDuration,
            NoPlan,
            UnknownSubject,
            UnknownType,
        ];
        for pair in all.windows(2) {
            assert!(pair[0] < pair[1] && pair[0].as_str() < pair[1].as_str());
        }
    }
}
