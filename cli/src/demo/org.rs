//! The generated organisation: roles, teams of about ten, people with names, start
//! and end dates (a few hires and leavers, one inactive), and target shares.

use super::names::{chinese_number, GIVEN, REGIONS, SURNAMES};
use super::rng::Rng;
use chrono::{Duration, NaiveDate};
use std::collections::HashSet;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Telesales,
    KeyAccount,
    Success,
}

impl Role {
    pub(super) fn id(self) -> &'static str {
        match self {
            Role::Telesales => "telesales",
            Role::KeyAccount => "kam",
            Role::Success => "csm",
        }
    }
}

pub(super) struct Team {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) role: Role,
}

pub(super) struct Person {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) role: Role,
    pub(super) team: usize,
    pub(super) start: NaiveDate,
    pub(super) end: Option<NaiveDate>,
    pub(super) share: Option<&'static str>,
}

pub(super) struct Org {
    pub(super) people: Vec<Person>,
    pub(super) teams: Vec<Team>,
    pub(super) hires: usize,
    pub(super) leavers: usize,
    pub(super) inactive: usize,
}

/// People per role, teams of about ten, names, start and end dates.
pub(super) fn organisation(n: usize, seed: u64, p0: NaiveDate) -> Org {
    let mut rng = Rng::new(seed, 0);
    let n_tele = (n as f64 * 0.2).round() as usize;
    let n_kam = (n as f64 * 0.4).round() as usize;
    let counts = [
        (Role::Telesales, n_tele, "tele", "电销"),
        (Role::KeyAccount, n_kam, "ka", "大客户"),
        (Role::Success, n - n_tele - n_kam, "cs", "客户成功"),
    ];
    let mut teams = Vec::new();
    let mut people = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let (mut hires, mut leavers, mut inactive) = (0, 0, 0);
    for (role, count, prefix, role_cn) in counts {
        let n_teams = count.div_ceil(10).max(1);
        let first_team = teams.len();
        for k in 0..n_teams {
            let (rid, rcn) = REGIONS[k % REGIONS.len()];
            let ord = k / REGIONS.len() + 1;
            teams.push(Team {
                id: format!("{prefix}-{rid}-{ord}"),
                name: format!("{rcn}{role_cn}{}组", chinese_number(ord)),
                role,
            });
        }
        for j in 0..count {
            let (sur, sur_py) = *rng.pick(&SURNAMES);
            let (g1, g1_py) = *rng.pick(&GIVEN);
            let (name, base) = if rng.chance(0.6) {
                let (g2, g2_py) = *rng.pick(&GIVEN);
                (format!("{sur}{g1}{g2}"), format!("{sur_py}.{g1_py}{g2_py}"))
            } else {
                (format!("{sur}{g1}"), format!("{sur_py}.{g1_py}"))
            };
            let mut id = base.clone();
            let mut k = 2;
            while !taken.insert(id.clone()) {
                id = format!("{base}{k}");
                k += 1;
            }
            let team = first_team + j * n_teams / count.max(1);
            let mut start = p0 - Duration::days(60 + rng.below(1800) as i64);
            let mut end = None;
            // One of each on purpose, and a few more by chance.
            let forced_hire = role == Role::Telesales && j == 1;
            let forced_leaver = role == Role::KeyAccount && j == 3;
            let forced_inactive = role == Role::Success && j == 2;
            let draw = rng.unit();
            if forced_inactive {
                end = Some(p0 - Duration::days(20 + rng.below(30) as i64));
                inactive += 1;
            } else if forced_hire || (j > 3 && draw < 0.03) {
                start = p0 + Duration::days(14 + rng.below(50) as i64);
                hires += 1;
            } else if forced_leaver || (j > 3 && draw < 0.06) {
                end = Some(p0 + Duration::days(20 + rng.below(55) as i64));
                leavers += 1;
            }
            people.push(Person {
                id,
                name,
                role,
                team,
                start,
                end,
                share: None,
            });
        }
    }
    // The first key account team splits its team target by share, not evenly.
    if let Some(t) = teams.iter().position(|t| t.role == Role::KeyAccount) {
        let shares = ["1.2", "1", "0.8", "1", "1.5"];
        for (i, p) in people.iter_mut().filter(|p| p.team == t).enumerate() {
            p.share = Some(shares[i % shares.len()]);
        }
    }
    Org {
        people,
        teams,
        hires,
        leavers,
        inactive,
    }
}
