//! Colour on a terminal (`--color auto|always|never`; `NO_COLOR` and `TERM=dumb`
//! turn `auto` off). Only what people read is painted: table headers, the status
//! words of a scorecard and the `attain:` of an error. Widths are measured before
//! painting, so columns stay aligned.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT: AtomicBool = AtomicBool::new(false);
static STDERR: AtomicBool = AtomicBool::new(false);

/// When to paint.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb
    Auto,
    /// Always, even into a pipe or a file
    Always,
    /// Never
    Never,
}

/// Decide once, at start, for stdout and stderr.
pub fn init(choice: ColorChoice) {
    let auto_ok = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb");
    let decide = |tty: bool| match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => auto_ok && tty,
    };
    STDOUT.store(decide(std::io::stdout().is_terminal()), Ordering::Relaxed);
    STDERR.store(decide(std::io::stderr().is_terminal()), Ordering::Relaxed);
}

fn wrap(on: bool, code: &str, s: &str) -> String {
    if on && !s.is_empty() {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// Bold, on stdout.
pub fn bold(s: &str) -> String {
    wrap(STDOUT.load(Ordering::Relaxed), "1", s)
}

/// Dim, on stdout.
pub fn dim(s: &str) -> String {
    wrap(STDOUT.load(Ordering::Relaxed), "2", s)
}

/// A table cell after padding: status words in colour (refused red; gated, missing
/// and inactive yellow), everything else as it is.
pub fn cell(padded: &str) -> String {
    let t = padded.trim();
    let code = if t.starts_with("refused") {
        "31"
    } else if t.starts_with("gated") || t.starts_with("missing") || t.starts_with("inactive") {
        "33"
    } else {
        return padded.to_string();
    };
    wrap(STDOUT.load(Ordering::Relaxed), code, padded)
}

/// The `attain:` that starts an error on stderr, bold red.
pub fn error_prefix() -> String {
    wrap(STDERR.load(Ordering::Relaxed), "1;31", "attain:")
}
