//! Where and when one person works: the working days a fact of theirs can fall on.

use super::days::{Days, Ts, DAY};
use super::rng::Rng;

/// Where and when one person works, for drawing moments.
pub(super) struct Span<'d> {
    pub(super) days: &'d Days,
    /// Working days of the period while active.
    pub(super) work: &'d [usize],
    /// Working days just before and after the period, when active then (export edges).
    pub(super) pre: &'d [usize],
    pub(super) post: &'d [usize],
    /// Active share of the period's working days.
    pub(super) act: f64,
}

impl Span<'_> {
    /// A working day of the period, now and then one just outside it.
    pub(super) fn day(&self, rng: &mut Rng) -> Option<usize> {
        let x = rng.unit();
        let list = if x < 0.015 && !self.pre.is_empty() {
            self.pre
        } else if x > 0.985 && !self.post.is_empty() {
            self.post
        } else {
            self.work
        };
        if list.is_empty() {
            return None;
        }
        Some(*rng.pick(list))
    }

    /// A moment in office hours on a working day (3 % written in UTC).
    pub(super) fn moment(&self, rng: &mut Rng) -> Option<(i64, bool)> {
        let day = self.day(rng)? as i64;
        let t = day * DAY + 8 * 3600 + 30 * 60 + rng.below(10 * 3600) as i64;
        Some((t, rng.chance(0.03)))
    }

    /// A date `days` after a moment (date only, for contracts and payments).
    pub(super) fn date_after(&self, t: i64, days: i64) -> Ts {
        Ts::Date(self.days.clamp(t.div_euclid(DAY) + days))
    }
}
