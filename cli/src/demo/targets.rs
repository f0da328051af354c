//! The team targets file (目标分解): a contract amount target for every other key
//! account team, to be split to its members.

use super::org::{Org, Role};
use super::rng::Rng;
use super::write::io_fail;
use super::writer::yuan;
use crate::Failure;
use std::fmt::Write as _;
use std::path::Path;

/// Team targets for the contract amount (合同金额, per subject) of every other key
/// account team: split to the members by share or evenly (目标分解).
pub(super) fn write_team_targets(path: &Path, org: &Org, seed: u64) -> Result<usize, Failure> {
    let mut rng = Rng::new(seed, u64::MAX);
    let mut out = String::from("team,indicator,target\n");
    let mut n = 0;
    let kam_teams = org
        .teams
        .iter()
        .enumerate()
        .filter(|(_, t)| t.role == Role::KeyAccount);
    for (k, (ti, team)) in kam_teams.enumerate() {
        let members = org.people.iter().filter(|p| p.team == ti).count() as f64;
        let factor = rng.range(0.9, 1.2);
        if k % 2 == 0 && members > 0.0 {
            let target = yuan(members * 3_000_000.0 * factor, 100_000).0;
            let _ = writeln!(out, "{},contract_amount,{target}", team.id);
            n += 1;
        }
    }
    std::fs::write(path, out).map_err(io_fail(path))?;
    Ok(n)
}
