//! The first pass's index of fact ids: for each id seen on more than one row, the
//! first line it is on and whether it came with two different contents.
//!
//! The sightings are the one part of a run that grows with the number of facts,
//! so they are kept small: a 96-bit key (the id's hash), a 62-bit content hash and
//! the line, 24 bytes a row. The first pass only appends them, by shard of the
//! key (1,024 shards); the shards are then folded one at a time in a table that
//! fits the caches, and only the repeated ids are kept for the second pass. (A
//! table of every id, probed once a row in each pass, outgrew the caches: at 4
//! million rows the two passes' lookups were half the run.)

use crate::run::facts::{BadRow, Row};
use crate::util::hash::hash128;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// An id's key: 96 bits of its 128-bit hash (ids collide with odds of about
/// n² / 2⁹⁷: 10⁻¹⁵ for 13 million ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IdKey([u32; 3]);

impl IdKey {
    pub fn of(id: &str) -> IdKey {
        let h = hash128(id.as_bytes());
        IdKey([(h >> 96) as u32, (h >> 64) as u32, (h >> 32) as u32])
    }

    /// The shard of the key (its top bits).
    fn shard(self) -> usize {
        (self.0[0] >> (32 - SHARD_BITS)) as usize
    }
}

impl Hash for IdKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // The key is a hash already: its low 64 bits are the table's hash.
        state.write_u64(u64::from(self.0[1]) << 32 | u64::from(self.0[2]));
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b) ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type KeyBuild = std::hash::BuildHasherDefault<KeyHasher>;

/// One id: the content hash of its rows (bit 0 set: two contents, a conflict; bit
/// 1 set: seen more than once) and its first line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seen {
    content: [u32; 2],
    first_line: u32,
}

impl Seen {
    const CONFLICT: u32 = 1;
    const REPEATED: u32 = 2;
    const FLAGS: u32 = Self::CONFLICT | Self::REPEATED;

    fn new(content: u64, line: u32) -> Seen {
        Seen {
            content: [(content as u32) & !Self::FLAGS, (content >> 32) as u32],
            first_line: line,
        }
    }

    /// Whether the id was on more than one row (same content or not).
    fn repeated(&self) -> bool {
        self.content[0] & Self::FLAGS != 0
    }

    /// Whether the id came with two different contents.
    pub fn conflict(&self) -> bool {
        self.content[0] & Self::CONFLICT != 0
    }

    /// The first line the id is on.
    pub fn first_line(&self) -> u32 {
        self.first_line
    }

    /// Fold in another sighting of the same id.
    fn add(&mut self, other: Seen) {
        let flags = (self.content[0] | other.content[0]) & Self::FLAGS;
        let same = (self.content[0] & !Self::FLAGS) == (other.content[0] & !Self::FLAGS)
            && self.content[1] == other.content[1];
        self.content[0] |= flags | Self::REPEATED;
        if !same {
            self.content[0] |= Self::CONFLICT;
        }
        self.first_line = self.first_line.min(other.first_line);
    }
}

/// 1,024 shards: at 100 million rows a shard holds about 100,000 (2.4 MB), so
/// each is deduplicated in a table that stays in the caches.
const SHARD_BITS: u32 = 10;
const SHARDS: usize = 1 << SHARD_BITS;

/// One reader's sightings of the first pass, appended by shard (no table lookup
/// per row: a hash table of every id outgrows the caches, and each insertion then
/// waits on memory).
pub(crate) struct SeenIndex {
    parts: Vec<Vec<(IdKey, Seen)>>,
    /// What the first pass read, to check the second read the same.
    pub(crate) tally: Tally,
}

impl Default for SeenIndex {
    fn default() -> Self {
        SeenIndex {
            parts: (0..SHARDS).map(|_| Vec::new()).collect(),
            tally: Tally::default(),
        }
    }
}

/// The ids seen on more than one row (duplicates and conflicts), by shard: an id
/// the index does not hold was on one row only, its first. Small (duplicates are
/// few), so the second pass's lookup of every row's id stays in the caches.
pub(crate) struct RepeatIndex {
    shards: Vec<HashMap<IdKey, Seen, KeyBuild>>,
    /// What the first pass read.
    pub(crate) tally: Tally,
}

impl Default for RepeatIndex {
    fn default() -> Self {
        RepeatIndex {
            shards: (0..SHARDS).map(|_| HashMap::default()).collect(),
            tally: Tally::default(),
        }
    }
}

/// An order-free summary of the rows a pass read: how many, the sum of their line
/// numbers and of their id keys. Two passes over the same facts give the same
/// tally; a source that cannot be read twice (a pipe) or changed between the reads
/// (a file being written) gives another.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) rows: u64,
    lines: u64,
    ids: u64,
}

impl Tally {
    /// Count a row (with its id's key, when it has an id).
    pub(crate) fn add(&mut self, line: u64, id: Option<IdKey>) {
        self.rows += 1;
        self.lines = self.lines.wrapping_add(line);
        if let Some(k) = id {
            self.ids = self
                .ids
                .wrapping_add(u64::from(k.0[0]) << 32 | u64::from(k.0[1]));
        }
    }

    pub(crate) fn merge(&mut self, other: Tally) {
        self.rows += other.rows;
        self.lines = self.lines.wrapping_add(other.lines);
        self.ids = self.ids.wrapping_add(other.ids);
    }
}

impl SeenIndex {
    /// First pass: remember a row's id with its line and content.
    pub fn index_row(&mut self, id_f: usize, row: Result<Row<'_>, BadRow>) {
        let row = match row {
            Ok(row) => row,
            Err(bad) => return self.tally.add(bad.line, None),
        };
        let Some(id) = row.get(id_f) else {
            return self.tally.add(row.line, None);
        };
        let line = u32::try_from(row.line).unwrap_or(u32::MAX);
        let key = IdKey::of(id);
        self.tally.add(row.line, Some(key));
        if let Some(part) = self.parts.get_mut(key.shard()) {
            part.push((key, Seen::new(row.content, line)));
        }
    }
}

impl RepeatIndex {
    /// The readers' sightings folded shard by shard (in one cache-sized table at a
    /// time; each shard's sightings are freed as soon as it is folded), keeping the
    /// repeated ids only. Exact in any order: folding sightings is commutative.
    pub fn build(readers: Vec<SeenIndex>) -> RepeatIndex {
        let mut index = RepeatIndex::default();
        let mut parts: Vec<std::vec::IntoIter<Vec<(IdKey, Seen)>>> = Vec::new();
        for r in readers {
            index.tally.merge(r.tally);
            parts.push(r.parts.into_iter());
        }
        let mut table: HashMap<IdKey, Seen, KeyBuild> = HashMap::default();
        for shard in &mut index.shards {
            let mut mine: Vec<Vec<(IdKey, Seen)>> = Vec::with_capacity(parts.len());
            for p in &mut parts {
                mine.extend(p.next());
            }
            table.clear();
            table.reserve(mine.iter().fold(0, |n, p| n.saturating_add(p.len())));
            for part in mine {
                for (k, s) in part {
                    table.entry(k).and_modify(|m| m.add(s)).or_insert(s);
                }
            }
            shard.extend(table.drain().filter(|(_, s)| s.repeated()));
        }
        index
    }

    /// What the first pass saw of an id seen on more than one row.
    pub fn get(&self, key: IdKey) -> Option<&Seen> {
        self.shards.get(key.shard()).and_then(|s| s.get(&key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_small_and_contents_compare_without_the_conflict_bit() {
        assert_eq!(std::mem::size_of::<(IdKey, Seen)>(), 24);
        let a = Seen::new(0b1011, 7);
        let mut b = Seen::new(0b1010, 3);
        // Bit 0 is the conflict flag, not content: 0b1011 and 0b1010 are one content.
        b.add(a);
        assert!(!b.conflict());
        assert_eq!(b.first_line(), 3);
        b.add(Seen::new(0b1110, 9));
        assert!(b.conflict());
        assert_eq!(b.first_line(), 3);
    }

    #[test]
    fn merging_shards_is_the_same_as_one_index() {
        let ids: Vec<String> = (0..5_000).map(|i| format!("D-{}", i % 3_700)).collect();
        let row = |i: usize| Row {
            line: i as u64 + 2,
            fields: &[],
            content: (i % 3_700 + usize::from(i == 4_321)) as u64 * 1_000,
        };
        let mut whole = SeenIndex::default();
        let (mut left, mut right) = (SeenIndex::default(), SeenIndex::default());
        for (i, id) in ids.iter().enumerate() {
            let fields = [Some(id.as_str())];
            let r = Row {
                fields: &fields,
                ..row(i)
            };
            whole.index_row(0, Ok(Row { ..r }));
            let half = if i % 2 == 0 { &mut left } else { &mut right };
            half.index_row(0, Ok(r));
        }
        let one = RepeatIndex::build(vec![whole]);
        let left = RepeatIndex::build(vec![left, right]);
        assert_eq!(one.tally, left.tally);
        for id in &ids {
            let key = IdKey::of(id);
            let (a, b) = (one.get(key), left.get(key));
            assert_eq!(
                a.map(|s| (s.conflict(), s.first_line())),
                b.map(|s| (s.conflict(), s.first_line()))
            );
        }
        let conflicts = ids
            .iter()
            .filter(|id| one.get(IdKey::of(id)).is_some_and(Seen::conflict))
            .count();
        assert_eq!(conflicts, 2); // D-621 (rows 621 and 4321) seen twice

        // Only repeated ids stay: D-0 … D-1299 are on two rows, the others on one.
        for (i, id) in ids.iter().enumerate().take(3_700) {
            let kept = left.get(IdKey::of(id));
            if i < 1_300 {
                assert_eq!(kept.map(|s| s.first_line()), Some(i as u32 + 2), "{id}");
            } else {
                assert!(kept.is_none(), "{id} is on one row");
            }
        }
    }

    #[test]
    fn a_repeat_with_the_same_content_is_not_a_conflict_whatever_the_merge_order() {
        let mut a = Seen::new(40, 5);
        a.add(Seen::new(40, 9)); // repeated, same content
        let mut b = Seen::new(40, 2);
        b.add(a);
        assert!(b.repeated() && !b.conflict());
        assert_eq!(b.first_line(), 2);
        let mut c = Seen::new(40, 1);
        assert!(!c.repeated());
        c.add(Seen::new(44, 3));
        assert!(c.repeated() && c.conflict());
    }
}
