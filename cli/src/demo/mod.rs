//! `attain demo`: a deterministic example organisation and one quarter of its CRM
//! facts, written as the files `attain run` reads, then run.
//!
//! The organisation has the three roles of `docs/DOMAIN.md`: telesales (电话销售),
//! key account managers (大客户经理) and customer success managers (客户成功经理),
//! in regional teams (华东电销一组, ...), with Chinese names, a few mid-quarter hires
//! and leavers and one person inactive the whole quarter. The facts are what a CRM
//! exports: calls, leads, visits, deals, contracts, invoices and payments, renewals,
//! surveys, record updates and complaints, with timestamps in Asia/Shanghai (some
//! in UTC), and on purpose: facts dated before and after the quarter, exact
//! duplicates, conflicting ids and rows that cannot be read.
//!
//! Everything comes from one small PRNG (SplitMix64), one stream per person, and
//! only IEEE-exact float operations (+ − × ÷, sqrt, rounding), so the same seed
//! gives the same bytes on every machine.

mod activity;
mod bad;
mod days;
mod facts;
mod names;
mod org;
mod rng;
mod roster;
mod span;
mod targets;
mod write;
mod writer;

use crate::run::{self, RunFormat};
use crate::Failure;
use attain::run::FactsFormat;
use attain::{Code, Problem};
use org::Role;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;
use write::generate;

/// The demo's plans, also the canonical examples in `examples/org/plans/`.
pub const PLANS: [(&str, &str); 3] = [
    (
        "telesales.json",
        include_str!("../../../examples/org/plans/telesales.json"),
    ),
    (
        "key-account.json",
        include_str!("../../../examples/org/plans/key-account.json"),
    ),
    (
        "customer-success.json",
        include_str!("../../../examples/org/plans/customer-success.json"),
    ),
];

/// What `attain demo` is given.
pub struct DemoArgs {
    pub people: usize,
    pub seed: u64,
    pub out: PathBuf,
    pub period: String,
    pub as_of: Option<String>,
    pub no_run: bool,
    pub format: Option<RunFormat>,
}

/// `YYYY-Qn`, with a year the generator's dates can be written in.
fn is_quarter(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b"1900".as_slice()..=b"9000".as_slice()).contains(&&b[..4])
        && &b[4..6] == b"-Q"
        && (b'1'..=b'4').contains(&b[6])
}

fn bad_period(message: String) -> Failure {
    Failure::Invalid {
        headline: "invalid input (1 problem)".into(),
        lines: vec![Problem::new("/period", Code::BadPeriod, message).to_string()],
    }
}

fn time_text(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.0} ms", seconds * 1000.0)
    } else {
        format!("{seconds:.1} s")
    }
}

fn size_text(bytes: u64) -> String {
    if bytes >= 10_000_000 {
        format!("{:.0} MB", bytes as f64 / 1e6)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// `attain demo`.
pub fn command(args: DemoArgs) -> Result<String, Failure> {
    if !(10..=1_000_000).contains(&args.people) {
        return Err(Failure::Other(format!(
            "--people {}: give 10 to 1000000 people",
            args.people
        )));
    }
    let period = attain::run::Period::parse(&args.period, &attain::run::Calendar::default())
        .map_err(bad_period)?;
    if !is_quarter(&period.id) {
        return Err(bad_period(format!(
            "{:?}: the demo's plans have quarterly targets, so give a quarter such as 2026-Q3 (years 1900 to 9000)",
            period.id
        )));
    }
    let started = Instant::now();
    let generated = generate(&args, period.start, period.end)?;
    let gen_time = started.elapsed().as_secs_f64();
    let dir = &args.out;
    let files: Vec<PathBuf> = PLANS
        .iter()
        .map(|(name, _)| dir.join("plans").join(name))
        .collect();
    let roster = dir.join("roster.csv");
    let facts = dir.join("facts.csv");
    let team_targets = dir.join("team_targets.csv");

    let org = &generated.org;
    let count = |r: Role| org.people.iter().filter(|p| p.role == r).count();
    let mut head = format!(
        "attain demo (seed {}): {} people in {} teams: {} telesales 电话销售, {} key account managers 大客户经理, {} customer success managers 客户成功经理\n",
        args.seed,
        org.people.len(),
        org.teams.len(),
        count(Role::Telesales),
        count(Role::KeyAccount),
        count(Role::Success),
    );
    let _ = writeln!(
        head,
        "{} joining and {} leaving during {}, {} inactive the whole quarter; {} team targets to split (目标分解)",
        org.hires, org.leavers, period.id, org.inactive, generated.team_targets
    );
    let _ = writeln!(
        head,
        "{} fact rows ({}), with facts dated outside the quarter, duplicates, conflicting ids and bad rows on purpose",
        generated.rows,
        size_text(generated.bytes)
    );
    let _ = writeln!(
        head,
        "wrote {} in {}: plans/telesales.json, plans/key-account.json, plans/customer-success.json, roster.csv, facts.csv, team_targets.csv",
        dir.display(),
        time_text(gen_time)
    );
    let mut command = String::from("attain run");
    for f in &files {
        let _ = write!(command, " --plan {}", f.display());
    }
    let _ = write!(
        command,
        " --roster {} --facts {} --team-targets {} --period {}",
        roster.display(),
        facts.display(),
        team_targets.display(),
        period.id
    );
    if let Some(a) = &args.as_of {
        let _ = write!(command, " --as-of {a}");
    }
    let _ = writeln!(head, "the same run by hand:\n  {command}");
    if args.no_run {
        return Ok(head);
    }

    let started = Instant::now();
    let plans = run::read_plans(&files)?;
    let tables = run::read_tables(&roster, None, Some(&team_targets), None, None)?;
    let ctx = run::context_of(&plans, &tables);
    let result = run::execute(
        plans,
        &files,
        &tables,
        &period.id,
        args.as_of.as_deref(),
        &facts,
        FactsFormat::Csv,
    )?;
    let run_time = started.elapsed().as_secs_f64();
    run::write_outputs(dir, &result, &ctx)?;
    let format = args.format.unwrap_or(RunFormat::Table);
    let body = run::render(&result, &ctx, format)?;
    if format != RunFormat::Table {
        return Ok(body);
    }
    let mut out = head;
    out.push('\n');
    out.push_str(&body);
    let _ = writeln!(
        out,
        "\nran {} over {} fact rows in {}; wrote scorecards.csv, teams.csv, ledger.json, run.json into {}",
        period.id,
        result.ledger().rows,
        time_text(run_time),
        dir.display()
    );
    Ok(out)
}
