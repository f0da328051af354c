//! `attain run`: plans + roster + facts + a period → scorecards for every person and
//! team, and a ledger that accounts for every fact row. The core does the run
//! (`attain::run::run`, two passes over the facts file); this module reads the files,
//! reports refused input with file and line, and writes the outputs.

use crate::progress::{Bar, MIN_BYTES};
use crate::report::{self, Context};
use crate::{is_csv, read_text, Failure};
use attain::run::{FactsFormat, RunResult, RunSetup};
use attain::{Code, Plan};
use clap::ValueEnum;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::path::{Path, PathBuf};

/// The output of `run` (and `demo`).
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RunFormat {
    /// Scorecards, team summary, ledger and early warnings, for people
    Table,
    /// The canonical run result document (docs/FORMAT.md)
    Json,
    /// One row per subject
    Csv,
}

/// `--facts-format`: the names the core reads in a run document's `facts.format`.
pub fn parse_facts_format(name: &str) -> Result<FactsFormat, String> {
    FactsFormat::from_name(name)
        .ok_or_else(|| format!("{name:?}: give csv or jsonl (also ndjson, json, jsonlines)"))
}

/// Everything `attain run` is given.
pub struct RunArgs {
    pub plans: Vec<PathBuf>,
    pub roster: PathBuf,
    pub facts: PathBuf,
    pub period: String,
    pub as_of: Option<String>,
    pub targets: Option<PathBuf>,
    pub team_targets: Option<PathBuf>,
    pub actuals: Option<PathBuf>,
    pub points: Option<PathBuf>,
    pub facts_format: Option<FactsFormat>,
    pub format: Option<RunFormat>,
    pub out: Option<PathBuf>,
    pub view: report::View,
}

/// A table read from a file: its rows, and for CSV the line of each row and of
/// the header.
struct Table {
    file: String,
    rows: Value,
    lines: Option<Vec<u64>>,
    header: Option<u64>,
}

/// The tables of a run, keyed as in the run document (`roster`, `targets`, ...).
pub struct Tables {
    tables: Vec<(&'static str, Table)>,
}

impl Tables {
    /// The object handed to `RunSetup::new`.
    pub fn value(&self) -> Value {
        let mut m = Map::new();
        for (key, t) in &self.tables {
            m.insert((*key).to_string(), t.rows.clone());
        }
        Value::Object(m)
    }

    fn get(&self, key: &str) -> Option<&Table> {
        self.tables.iter().find(|(k, _)| *k == key).map(|(_, t)| t)
    }

    /// Subject → name and team id → team name, from the roster's `name` and
    /// `team_name` columns (display only; the core reads neither for scoring).
    pub fn names(&self) -> (HashMap<String, String>, HashMap<String, String>) {
        let mut names = HashMap::new();
        let mut teams = HashMap::new();
        let rows = self
            .get("roster")
            .and_then(|t| t.rows.as_array())
            .map_or(&[][..], Vec::as_slice);
        for row in rows {
            let get = |k: &str| row.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
            if let (Some(id), Some(name)) = (get("subject"), get("name")) {
                names.insert(id.to_string(), name.to_string());
            }
            if let (Some(team), Some(name)) = (get("team"), get("team_name")) {
                teams.insert(team.to_string(), name.to_string());
            }
        }
        (names, teams)
    }
}

/// Read a table: CSV (by `attain::run::csv_rows`) when the name ends in `.csv`, else a
/// JSON array of objects.
fn read_table(path: &Path) -> Result<Table, Failure> {
    let file = path.display().to_string();
    let text = read_text(path, "input")?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let invalid = |code: &str, message: String| Failure::Invalid {
        headline: format!("invalid input {file} (1 problem)"),
        lines: vec![format!("{file}: {code}: {message}")],
    };
    if is_csv(path) {
        let rows = attain::run::csv_rows(text).map_err(|m| invalid("invalid_csv", m))?;
        // The line of each row, for error messages (rows can span lines when quoted).
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = rdr
            .byte_headers()
            .ok()
            .and_then(|h| h.position().map(|p| p.line()));
        let lines = rdr
            .byte_records()
            .map(|r| r.ok().and_then(|r| r.position().map(|p| p.line())))
            .collect::<Option<Vec<u64>>>();
        Ok(Table {
            file,
            rows,
            lines,
            header,
        })
    } else {
        let rows: Value = serde_json::from_str(text)
            .map_err(|e| invalid(Code::InvalidJson.as_str(), format!("not valid JSON: {e}")))?;
        Ok(Table {
            file,
            rows,
            lines: None,
            header: None,
        })
    }
}

/// Read the tables given on the command line.
pub fn read_tables(
    roster: &Path,
    targets: Option<&Path>,
    team_targets: Option<&Path>,
    actuals: Option<&Path>,
    points: Option<&Path>,
) -> Result<Tables, Failure> {
    let mut tables = vec![("roster", read_table(roster)?)];
    for (key, path) in [
        ("targets", targets),
        ("team_targets", team_targets),
        ("actuals", actuals),
        ("points", points),
    ] {
        if let Some(path) = path {
            tables.push((key, read_table(path)?));
        }
    }
    Ok(Tables { tables })
}

/// The format of the facts file: the flag, else what the core reads in its name.
fn facts_format(path: &Path, given: Option<FactsFormat>) -> Result<FactsFormat, Failure> {
    given
        .or_else(|| FactsFormat::from_path(path))
        .ok_or_else(|| {
            Failure::Other(format!(
                "cannot tell the format of {}: name it .csv or .jsonl, or give --facts-format",
                path.display()
            ))
        })
}

/// A refused run: every problem as `path: code: message`, with the file and line of
/// table rows (`/roster/3/start` → `roster.csv:5`) and the file of a plan. An
/// unknown column of a CSV file is its header's (`/roster/0/rol` → `roster.csv:1,
/// header`): the core reports it once, at the first row that has a value in it.
fn run_refused(error: &attain::Error, tables: &Tables, plan_files: &[(String, String)]) -> Failure {
    let n = error.problems().len();
    let lines = error
        .problems()
        .iter()
        .map(|p| {
            let mut line = p.to_string();
            let mut parts = p.path.split('/').skip(1);
            let (key, index) = (parts.next(), parts.next().and_then(|i| i.parse().ok()));
            if let (Some(key), Some(index)) = (key, index) {
                let index: usize = index;
                if key == "plans" {
                    if let Some((_, file)) = plan_files.get(index) {
                        line.push_str(&format!(" ({file})"));
                    }
                } else if let Some(t) = tables.get(key) {
                    let header = t.header.filter(|_| p.code == Code::UnknownField);
                    if let Some(l) = header {
                        line.push_str(&format!(" ({}:{l}, header)", t.file));
                    } else {
                        match t.lines.as_ref().and_then(|l| l.get(index)) {
                            Some(l) => line.push_str(&format!(" ({}:{l})", t.file)),
                            None => line.push_str(&format!(" ({})", t.file)),
                        }
                    }
                }
            }
            line
        })
        .collect();
    Failure::Invalid {
        headline: format!(
            "the run was refused: invalid {} ({n} problem{})",
            error.kind().as_str(),
            if n == 1 { "" } else { "s" }
        ),
        lines,
    }
}

/// Read every plan file (each refused on its own, like `validate`).
pub fn read_plans(paths: &[PathBuf]) -> Result<Vec<Plan>, Failure> {
    paths.iter().map(|p| crate::read_plan(p)).collect()
}

/// Set up and do the run; the facts file is opened twice (two passes).
pub fn execute(
    plans: Vec<Plan>,
    plan_paths: &[PathBuf],
    tables: &Tables,
    period: &str,
    as_of: Option<&str>,
    facts: &Path,
    format: FactsFormat,
) -> Result<RunResult, Failure> {
    // Plan files in the core's order (sorted by id), to name them in errors.
    let mut plan_files: Vec<(String, String)> = plans
        .iter()
        .zip(plan_paths)
        .map(|(p, path)| (p.id().to_string(), path.display().to_string()))
        .collect();
    plan_files.sort();
    let setup = RunSetup::new(plans, &tables.value(), period, as_of)
        .map_err(|e| run_refused(&e, tables, &plan_files))?;
    let cannot =
        |e: std::io::Error| Failure::Other(format!("cannot read {}: {e}", facts.display()));
    let meta = File::open(facts)
        .and_then(|f| f.metadata())
        .map_err(cannot)?;
    // The core reads the facts twice. A pipe (`<(zcat facts.csv.gz)`, /dev/stdin)
    // can be read once: it is copied to a temporary file first, removed after.
    let spool = if meta.is_file() {
        None
    } else {
        Some(Spool::copy(facts).map_err(cannot)?)
    };
    let path = spool.as_ref().map_or(facts, |s| s.path.as_path());
    let size = std::fs::metadata(path).map(|m| m.len()).map_err(cannot)?;
    let bar = Bar::new("reading facts", size.saturating_mul(2), size > MIN_BYTES);
    // The core skips a leading byte-order mark (Excel's "CSV UTF-8") itself.
    let result = attain::run::run(&setup, format, || {
        Ok(BufReader::with_capacity(
            1 << 16,
            bar.reader(File::open(path)?),
        ))
    });
    bar.finish();
    drop(spool);
    result.map_err(|e| run_refused(&e, tables, &plan_files))
}

/// A copy of facts that can be read only once (a pipe), in a temporary file that
/// is removed when the copy is dropped.
struct Spool {
    path: PathBuf,
}

impl Spool {
    fn copy(from: &Path) -> std::io::Result<Spool> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path =
            std::env::temp_dir().join(format!("attain-facts-{}-{nanos}.tmp", std::process::id()));
        let spool = Spool { path };
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&spool.path)?;
        std::io::copy(&mut File::open(from)?, &mut out)?;
        Ok(spool)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What the output needs besides the run document.
fn context(plans: &[Plan], tables: &Tables) -> Context {
    let (names, team_names) = tables.names();
    Context {
        specs: plans.iter().map(|p| p.spec().clone()).collect(),
        names,
        team_names,
        view: report::View::default(),
    }
}

/// `attain run`.
pub fn command(args: RunArgs) -> Result<String, Failure> {
    let plans = read_plans(&args.plans)?;
    let tables = read_tables(
        &args.roster,
        args.targets.as_deref(),
        args.team_targets.as_deref(),
        args.actuals.as_deref(),
        args.points.as_deref(),
    )?;
    let format = facts_format(&args.facts, args.facts_format)?;
    let mut view = args.view.clone();
    if let Some(id) = &args.view.plan {
        // A plan's id, or its role (`--plan-id telesales`).
        match plans
            .iter()
            .find(|p| p.id() == id || p.role() == Some(id.as_str()))
        {
            Some(p) => view.plan = Some(p.id().to_string()),
            None => {
                let known: Vec<String> = plans
                    .iter()
                    .map(|p| match p.role() {
                        Some(r) => format!("{} (role {r})", p.id()),
                        None => p.id().to_string(),
                    })
                    .collect();
                return Err(Failure::Invalid {
                    headline: format!("--plan-id {id:?} is not the id or role of a plan given"),
                    lines: vec![format!("the plans: {}", known.join(", "))],
                });
            }
        }
    }
    let mut ctx = context(&plans, &tables);
    ctx.view = view;
    let result = execute(
        plans,
        &args.plans,
        &tables,
        &args.period,
        args.as_of.as_deref(),
        &args.facts,
        format,
    )?;
    let out_format =
        args.format
            .unwrap_or(if args.out.is_some() || std::io::stdout().is_terminal() {
                RunFormat::Table
            } else {
                RunFormat::Json
            });
    let mut text = String::new();
    if let Some(dir) = &args.out {
        write_outputs(dir, &result, &ctx)?;
    }
    text.push_str(&render(&result, &ctx, out_format)?);
    if let (Some(dir), RunFormat::Table) = (&args.out, out_format) {
        text.push_str(&format!(
            "\nwrote scorecards.csv, teams.csv, ledger.json, run.json into {}\n",
            dir.display()
        ));
    }
    Ok(text)
}

/// The run's output in one format.
pub fn render(result: &RunResult, ctx: &Context, format: RunFormat) -> Result<String, Failure> {
    Ok(match format {
        RunFormat::Json => result.to_json() + "\n",
        RunFormat::Csv => report::subjects_csv(result, ctx, &ctx.view)?,
        RunFormat::Table => report::summary(result, ctx),
    })
}

/// Write `scorecards.csv`, `teams.csv`, `ledger.json` and `run.json` into `dir`.
pub fn write_outputs(dir: &Path, result: &RunResult, ctx: &Context) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::Other(format!("cannot create {}: {e}", dir.display())))?;
    let ledger = serde_json::to_string_pretty(&result.to_value()["ledger"])
        .map_err(|e| Failure::Other(format!("cannot write the ledger: {e}")))?;
    let files = [
        (
            "scorecards.csv",
            report::subjects_csv(result, ctx, &report::View::default())?,
        ),
        ("teams.csv", report::teams_csv(result, ctx)?),
        ("ledger.json", ledger + "\n"),
        ("run.json", result.to_json() + "\n"),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text)
            .map_err(|e| Failure::Other(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}

/// The context of a run's output, for the demo (which has its plans and tables).
pub fn context_of(plans: &[Plan], tables: &Tables) -> Context {
    context(plans, tables)
}
