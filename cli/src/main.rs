//! `attain`: validate KPI plans, score actuals against them and explain scorecards
//! from the command line. All scoring is done by the core crate; this binary reads
//! files, converts CSV to the input document of `docs/FORMAT.md` and prints results.

mod actuals;
mod csv_out;
mod demo;
mod paint;
mod progress;
mod render;
mod report;
mod run;

use actuals::{Actuals, InputFormat};
use attain::{Plan, Results};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "attain",
    version,
    about = "Deterministic, exact KPI scoring for sales teams (销售KPI绩效考核表)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour: on a terminal (auto; NO_COLOR turns it off), always or never
    #[arg(long, global = true, value_enum, default_value_t = paint::ColorChoice::Auto)]
    color: paint::ColorChoice,
}

#[derive(Subcommand)]
enum Command {
    /// Check a plan and report every problem in it
    Validate {
        /// The plan (JSON, see docs/FORMAT.md)
        plan: PathBuf,
    },
    /// Score the actuals of a team against a plan
    Score {
        /// The plan (JSON)
        plan: PathBuf,
        /// The actuals: CSV (subject,indicator,actual[,target,...]) or the JSON input document; `-` reads stdin
        actuals: PathBuf,
        /// Output: a table (default on a terminal), the canonical result JSON (default otherwise) or CSV
        #[arg(long, value_enum)]
        format: Option<ScoreFormat>,
        /// Also compute what it takes to reach the next tier or score point
        #[arg(long)]
        what_it_takes: bool,
        /// Read ACTUALS as CSV or JSON whatever its extension
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
    },
    /// Explain one subject's scorecard: every group and indicator, and what it takes
    Explain {
        /// The plan (JSON)
        plan: PathBuf,
        /// The actuals (CSV or JSON), as for `score`
        actuals: PathBuf,
        /// The subject to explain
        #[arg(long)]
        subject: String,
        /// Output: an indented tree (default) or the subject's canonical JSON object
        #[arg(long, value_enum, default_value_t = ExplainFormat::Tree)]
        format: ExplainFormat,
        /// Read ACTUALS as CSV or JSON whatever its extension
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
    },
    /// Print the JSON Schema of a plan
    Schema,
    /// Fail as a bug inside attain would (for the tests of exit code 3)
    #[command(name = "internal-failure-test", hide = true)]
    InternalFailureTest,
    /// Run a period: plans + roster + facts → scorecards, team summary and ledger
    Run {
        /// A plan (JSON) with a `role`; repeat for one plan per role
        #[arg(long = "plan", value_name = "PLAN", required = true)]
        plans: Vec<PathBuf>,
        /// Who is scored: CSV or JSON array (subject, name, role, team, start, end, share)
        #[arg(long, value_name = "FILE")]
        roster: PathBuf,
        /// The facts: CSV with a header row, or JSON Lines (.jsonl)
        #[arg(long, value_name = "FILE")]
        facts: PathBuf,
        /// The period: 2026-Q3, 2026-07, 2026-W27, 2026-H2, 2026, FY2027, 2026-07-01..2026-09-30
        #[arg(long)]
        period: String,
        /// Period to date: a day inside the period (pace, forecast, early warnings)
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Per-subject targets: CSV or JSON (subject, indicator, target)
        #[arg(long, value_name = "FILE")]
        targets: Option<PathBuf>,
        /// Team targets split to members (目标分解): CSV or JSON (team, indicator, target)
        #[arg(long, value_name = "FILE")]
        team_targets: Option<PathBuf>,
        /// Actuals of indicators without a measure: CSV or JSON (subject, indicator, actual)
        #[arg(long, value_name = "FILE")]
        actuals: Option<PathBuf>,
        /// Bonus / deduction points of adjustments without a measure: CSV or JSON (subject, adjustment, points)
        #[arg(long, value_name = "FILE")]
        points: Option<PathBuf>,
        /// Read the facts as csv or jsonl (JSON Lines) whatever the file's extension
        #[arg(long, value_name = "FORMAT", value_parser = run::parse_facts_format)]
        facts_format: Option<attain::run::FactsFormat>,
        /// Output: tables (default on a terminal or with --out), the canonical run JSON (default otherwise) or CSV
        #[arg(long, value_enum)]
        format: Option<run::RunFormat>,
        /// Also write scorecards.csv, teams.csv, ledger.json and run.json into this folder
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print each plan's first N subjects, best first (table and CSV; JSON and --out stay whole)
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// Print only this plan's scorecards and teams (a plan's id or role; table and CSV)
        #[arg(long, value_name = "ID")]
        plan_id: Option<String>,
    },
    /// Generate an example organisation and a quarter of its CRM facts, then run it
    Demo {
        /// How many people
        #[arg(long, default_value_t = 200)]
        people: usize,
        /// The seed: the same seed gives the same files, byte for byte
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Where to write plans/, roster.csv, facts.csv, team_targets.csv (and the run's outputs)
        #[arg(long, value_name = "DIR", default_value = "attain-demo")]
        out: PathBuf,
        /// The quarter to generate and run
        #[arg(long, default_value = "2026-Q3")]
        period: String,
        /// Run the quarter to date, as of this day (early warnings)
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Only generate the files
        #[arg(long)]
        no_run: bool,
        /// Output of the run: tables (default), the canonical run JSON, or CSV
        #[arg(long, value_enum)]
        format: Option<run::RunFormat>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoreFormat {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExplainFormat {
    Tree,
    Json,
}

/// Why a command failed, and so its exit code.
pub enum Failure {
    /// A refused plan or input (exit 2): a headline and one line per problem.
    Invalid {
        headline: String,
        lines: Vec<String>,
    },
    /// Anything else, such as a file that cannot be read (exit 1).
    Other(String),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // A mistake on the command line exits 2, as the convention is (BSD's
            // EX_USAGE is 64, but most tools, clap's own default among them, use 2).
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    paint::init(cli.color);
    // A bug (a panic anywhere, on any thread) is reported in one line, without a
    // backtrace, and exits 3, apart from the exit codes of refused inputs (2).
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "attain: internal error (a bug in attain; please report it with the command and its input): {what}"
        );
    }));
    let outcome = std::panic::catch_unwind(|| run(cli.command));
    let Ok(outcome) = outcome else {
        return ExitCode::from(3);
    };
    match outcome {
        Ok(out) => emit(&out),
        Err(Failure::Invalid { headline, lines }) => {
            let mut text = format!("{} {headline}\n", paint::error_prefix());
            for line in lines {
                text.push_str(&line);
                text.push('\n');
            }
            let _ = std::io::stderr().write_all(text.as_bytes());
            ExitCode::from(2)
        }
        Err(Failure::Other(message)) => {
            let _ = writeln!(std::io::stderr(), "{} {message}", paint::error_prefix());
            ExitCode::from(1)
        }
    }
}

/// Write the whole output at once; a closed pipe (`| head`) is not an error.
fn emit(out: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "attain: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<String, Failure> {
    match command {
        #[allow(clippy::panic)] // the one deliberate panic: it tests the bug path
        Command::InternalFailureTest => panic!("deliberate failure for the tests"),
        Command::Validate { plan } => {
            let plan = read_plan(&plan)?;
            Ok(format!(
                "plan {} v{}: ok ({} indicators)\n",
                plan.id(),
                plan.version(),
                plan.indicator_count()
            ))
        }
        Command::Score {
            plan,
            actuals,
            format,
            what_it_takes,
            input_format,
        } => {
            let plan = read_plan(&plan)?;
            let actuals = Actuals::read(&actuals, input_format, &plan)?;
            let results = score(&plan, &actuals, what_it_takes)?;
            let format = format.unwrap_or(if std::io::stdout().is_terminal() {
                ScoreFormat::Table
            } else {
                ScoreFormat::Json
            });
            Ok(match format {
                ScoreFormat::Json => {
                    let text = results.try_to_json();
                    text.map_err(|e| refused(actuals.file(), &e))? + "\n"
                }
                ScoreFormat::Table => render::table(&results, &actuals, what_it_takes),
                ScoreFormat::Csv => render::csv(&results, &actuals, what_it_takes)?,
            })
        }
        Command::Explain {
            plan,
            actuals,
            subject,
            format,
            input_format,
        } => {
            let plan = read_plan(&plan)?;
            let actuals = Actuals::read(&actuals, input_format, &plan)?;
            // The peers are scored for the ranks; what it takes, for this subject.
            let results = score(&plan, &actuals, false)?;
            let input = actuals.input(&plan)?;
            let one = input.subjects().iter().find(|s| s.id() == subject);
            let Some(card) = one.and_then(|s| results.explained(s)) else {
                return Err(Failure::Invalid {
                    headline: format!("no subject {subject:?} in {}", actuals.file()),
                    lines: Vec::new(),
                });
            };
            let value = results.card_value(&card);
            Ok(match format {
                ExplainFormat::Json => value.to_string() + "\n",
                ExplainFormat::Tree => render::explain(&results, &value, &actuals),
            })
        }
        Command::Run {
            plans,
            roster,
            facts,
            period,
            as_of,
            targets,
            team_targets,
            actuals,
            points,
            facts_format,
            format,
            out,
            top,
            plan_id,
        } => run::command(run::RunArgs {
            view: report::View { top, plan: plan_id },
            plans,
            roster,
            facts,
            period,
            as_of,
            targets,
            team_targets,
            actuals,
            points,
            facts_format,
            format,
            out,
        }),
        Command::Demo {
            people,
            seed,
            out,
            period,
            as_of,
            no_run,
            format,
        } => demo::command(demo::DemoArgs {
            people,
            seed,
            out,
            period,
            as_of,
            no_run,
            format,
        }),
        Command::Schema => serde_json::to_string_pretty(&attain::plan_schema())
            .map(|s| s + "\n")
            .map_err(|e| Failure::Other(format!("cannot print the schema: {e}"))),
    }
}

/// Read a file as UTF-8 text (`-` is stdin). A file that cannot be read is an I/O
/// error (exit 1); one that is not UTF-8 (a CSV saved as GBK) is refused (exit 2).
pub fn read_text(path: &Path, kind: &str) -> Result<String, Failure> {
    read_text_within(path, kind, None)
}

/// [`read_text`], reading at most one byte past `limit` (a plan past the core's
/// size limit is not read whole: the core refuses it as `too_large`).
pub fn read_text_within(path: &Path, kind: &str, limit: Option<usize>) -> Result<String, Failure> {
    let cap = limit.map_or(u64::MAX, |l| l as u64 + 1);
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().take(cap).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut bytes))
    };
    result.map_err(|e| Failure::Other(format!("cannot read {}: {e}", path.display())))?;
    if limit.is_some_and(|l| bytes.len() > l) {
        // Cut mid-character perhaps: the length is what the core checks first.
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e
            .as_bytes()
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or(&[]);
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        Failure::Invalid {
            headline: format!("invalid {kind} {} (1 problem)", path.display()),
            lines: vec![format!(
                "{}:{line}: not_utf8: the file is not UTF-8 text (save it as UTF-8)",
                path.display()
            )],
        }
    })
}

/// Whether a table or ACTUALS file is CSV by its name: `.csv` (any case), else JSON.
/// (Not the facts rule: facts are CSV or JSON Lines, see `FactsFormat::from_path`.)
pub fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

pub(crate) fn read_plan(path: &Path) -> Result<Plan, Failure> {
    let text = read_text_within(path, "plan", Some(attain::limits::MAX_PLAN_BYTES))?;
    Plan::from_json(&text).map_err(|e| refused(&format!("{}", path.display()), &e))
}

/// Score the actuals; `what_it_takes` turns the option on whatever the input says.
fn score(plan: &Plan, actuals: &Actuals, what_it_takes: bool) -> Result<Results, Failure> {
    let mut input = actuals.input(plan)?;
    if what_it_takes {
        input = input.with_what_it_takes(true);
    }
    plan.score(&input).map_err(|e| refused(actuals.file(), &e))
}

/// A refused document: `path: code: message` per problem.
pub fn refused(file: &str, error: &attain::Error) -> Failure {
    let n = error.problems().len();
    Failure::Invalid {
        headline: format!(
            "invalid {} {file} ({n} problem{})",
            error.kind().as_str(),
            if n == 1 { "" } else { "s" }
        ),
        lines: error.problems().iter().map(|p| p.to_string()).collect(),
    }
}
