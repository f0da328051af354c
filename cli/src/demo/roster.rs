//! The roster file: one row per person, with team names and target shares.

use super::org::Org;
use super::write::io_fail;
use crate::Failure;
use std::fmt::Write as _;
use std::path::Path;

pub(super) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(super) fn write_roster(path: &Path, org: &Org) -> Result<(), Failure> {
    let mut out = String::from("subject,name,role,team,team_name,start,end,share\n");
    for p in &org.people {
        let team = &org.teams[p.team];
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            csv_field(&p.id),
            csv_field(&p.name),
            p.role.id(),
            team.id,
            team.name,
            p.start,
            p.end.map(|d| d.to_string()).unwrap_or_default(),
            p.share.unwrap_or("")
        );
    }
    std::fs::write(path, out).map_err(io_fail(path))
}
