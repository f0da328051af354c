//! Flags on a node or a subject: a small bit set, printed as sorted names.

/// A set of flags (capped, gated, prorated, missing, …).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags(u16);

impl Flags {
    pub const ADJUSTED: Flags = Flags(1);
    pub const CAPPED: Flags = Flags(1 << 1);
    pub const EXTRAPOLATED: Flags = Flags(1 << 2);
    pub const FLOORED: Flags = Flags(1 << 3);
    pub const GATED: Flags = Flags(1 << 4);
    pub const MISSING: Flags = Flags(1 << 5);
    pub const PRORATED: Flags = Flags(1 << 6);
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

    pub fn set(&mut self, f: Flags) {
        self.0 |= f.0;
    }

    pub fn contains(self, f: Flags) -> bool {
        self.0 & f.0 == f.0
    }

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
