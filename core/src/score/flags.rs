//! Flags on a node or a subject: a small bit set, printed as sorted names.

/// A set of flags (capped, gated, prorated, missing, …).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags(u16);

impl Flags {
    /// A bonus or deduction changed the total (subject).
    pub const ADJUSTED: Flags = Flags(1);
    /// A cap, `max` or the total's ceiling limited the score.
    pub const CAPPED: Flags = Flags(1 << 1);
    /// A linear curve continued its last slope beyond the last tier.
    pub const EXTRAPOLATED: Flags = Flags(1 << 2);
    /// A curve's floor or the total's floor limited the score.
    pub const FLOORED: Flags = Flags(1 << 3);
    /// A gate capped the score, or a ratio curve's gate gave 0.
    pub const GATED: Flags = Flags(1 << 4);
    /// No data: scored 0 under `missing: zero`, or a subject with no data at all.
    pub const MISSING: Flags = Flags(1 << 5);
    /// The target was multiplied by an active share below 1.
    pub const PRORATED: Flags = Flags(1 << 6);
    /// The effective weight changed because a sibling had no data.
    pub const REWEIGHTED: Flags = Flags(1 << 7);

    /// Names in alphabetical order, which is also bit order.
    const NAMES: [&'static str; 8] = [
        "adjusted",
        "capped",
        "extrapolated",
        "floored",
        "gated",
        "missing",
        "prorated",
        "reweighted",
    ];

    /// Add the flags of `f`.
    pub fn set(&mut self, f: Flags) {
        self.0 |= f.0;
    }

    /// Whether every flag of `f` is set.
    pub fn contains(self, f: Flags) -> bool {
        self.0 & f.0 == f.0
    }

    /// Whether no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the flags set, sorted.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Self::NAMES
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, n)| *n)
    }
}
