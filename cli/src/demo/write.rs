//! Writing the demo's folder: the plans, the roster, the team targets and the facts.

use super::days::Days;
use super::facts::write_facts;
use super::org::{organisation, Org};
use super::roster::write_roster;
use super::targets::write_team_targets;
use super::{DemoArgs, PLANS};
use crate::Failure;
use chrono::NaiveDate;
use std::path::Path;

/// What was generated, for the summary.
pub(super) struct Generated {
    pub(super) org: Org,
    pub(super) rows: u64,
    pub(super) bytes: u64,
    pub(super) team_targets: usize,
}

pub(super) fn io_fail(path: &Path) -> impl Fn(std::io::Error) -> Failure + '_ {
    move |e| Failure::Other(format!("cannot write {}: {e}", path.display()))
}

pub(super) fn generate(
    args: &DemoArgs,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<Generated, Failure> {
    let dir = &args.out;
    let plans_dir = dir.join("plans");
    std::fs::create_dir_all(&plans_dir)
        .map_err(|e| Failure::Other(format!("cannot create {}: {e}", plans_dir.display())))?;
    for (name, text) in PLANS {
        let path = plans_dir.join(name);
        std::fs::write(&path, text).map_err(io_fail(&path))?;
    }
    let org = organisation(args.people, args.seed, start);
    write_roster(&dir.join("roster.csv"), &org)?;
    let team_targets = write_team_targets(&dir.join("team_targets.csv"), &org, args.seed)?;
    let days = Days::new(start, end);
    let facts = dir.join("facts.csv");
    let rows = write_facts(&facts, &org, &days, args.seed, args.people)?;
    let bytes = std::fs::metadata(&facts).map(|m| m.len()).unwrap_or(0);
    Ok(Generated {
        org,
        rows,
        bytes,
        team_targets,
    })
}
