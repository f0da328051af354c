//! Ranks among peers: competition (1, 2, 2, 4) or dense (1, 2, 2, 3), by total from
//! high to low, within groups. The one ranking of scoring (the plan's `rank_within`
//! groups) and of runs (ranks within a team).

use crate::plan::spec::RankMethod;
use rust_decimal::Decimal;

/// The rank of each entry `(group, total)` among the entries of its group. Equal
/// totals share a rank (compared as exact decimals); the entries' order breaks no
/// tie, so the ranks do not depend on it.
pub(crate) fn ranks<K: Ord>(entries: &[(K, Decimal)], method: RankMethod) -> Vec<u32> {
    let mut order: Vec<(&K, Decimal, usize)> = entries
        .iter()
        .enumerate()
        .map(|(i, (k, t))| (k, *t, i))
        .collect();
    // Group, then total descending, then position (irrelevant to the rank).
    order.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out = vec![0; entries.len()];
    let (mut start, mut rank, mut dense) = (0usize, 0u32, 0u32);
    let mut prev: Option<(&K, Decimal)> = None;
    for (pos, &(key, total, i)) in order.iter().enumerate() {
        match prev {
            Some((k, t)) if k == key => {
                if t != total {
                    rank = (pos - start) as u32 + 1;
                    dense += 1;
                }
            }
            _ => {
                start = pos;
                rank = 1;
                dense = 1;
            }
        }
        prev = Some((key, total));
        if let Some(slot) = out.get_mut(i) {
            *slot = match method {
                RankMethod::Competition => rank,
                RankMethod::Dense => dense,
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ranks;
    use crate::plan::spec::RankMethod;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn ties_share_a_rank_within_each_group() {
        let entries = [
            ("a", d("90")),
            ("b", d("70")),
            ("a", d("95")),
            ("a", d("90.00")),
            ("a", d("80")),
            ("b", d("70")),
        ];
        assert_eq!(ranks(&entries, RankMethod::Competition), [2, 1, 1, 2, 4, 1]);
        assert_eq!(ranks(&entries, RankMethod::Dense), [2, 1, 1, 2, 3, 1]);
    }

    #[test]
    fn huge_totals_are_compared_exactly() {
        // Above 7.9e22 a total can no longer be rescaled to 6 places; it is still
        // compared exactly.
        let entries = [
            ((), d("79228162514264337593543950")),
            ((), d("79228162514264337593543949.5")),
        ];
        assert_eq!(ranks(&entries, RankMethod::Competition), [1, 2]);
    }
}
