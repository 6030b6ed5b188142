//! The `claimcheck` binary: parses arguments, runs the library, prints, and sets the exit code.
//! The only module that prints. Exit 0: nothing reached --fail-on; 1: a finding did;
//! 2: a usage error, an unreadable input, a broken rule file or a report that cannot be written
//! (a closed pipe is not a failure).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use claimcheck::judge::Severity;
use claimcheck::rules::{RuleError, RuleSet};
use claimcheck::{ingest, report, ruletest};

#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Check several articles about one story against each other: where their figures, dates, quotations and events agree, and where they contradict.",
    after_help = "Examples:\n  claimcheck check seeds/\n  claimcheck check --format json new.txt published/ > report.json\n  claimcheck rules list\n  claimcheck debug claims seeds/000_97e606655609c318.txt"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Extract claims from articles, align them across articles and report agreements and conflicts.
    Check(CheckArgs),
    /// List, explain and test the rule files.
    Rules {
        #[command(subcommand)]
        cmd: RulesCmd,
    },
    /// Show what a pipeline stage saw.
    Debug {
        #[command(subcommand)]
        view: DebugView,
    },
}

#[derive(clap::Args)]
struct Inputs {
    /// Articles: files (.txt, .md with YAML front matter), folders (read recursively, in sorted
    /// order) or `-` for standard input.
    /// Example: `claimcheck check seeds/ extra/article.md`
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// A folder of extra rule files laid out like `rules/` (`<lang>/NAME.yaml`); a file at the
    /// same path as a built-in one replaces it, others add to the built-in rules.
    /// Example: `--rules newsroom-rules/`
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    inputs: Inputs,

    /// Output format: `table` for people, `json` for machines (see docs/report-contract.md).
    /// Example: `--format json > report.json`
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Exit with 1 when a finding reaches this severity: `error` (conflicts), `warning` (also
    /// unsure findings and in-article checks), or `never`.
    /// Example: `--fail-on warning` in CI to gate on anything suspicious
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,

    /// Also show single-source claims in the table (the JSON always has them).
    #[arg(long)]
    all: bool,
}

#[derive(Subcommand)]
enum RulesCmd {
    /// One line per rule: id, language, kind, summary.
    List {
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// The documentation and examples of one rule file or rule id.
    Explain {
        /// A rule id (`id/quantity/more-than`) or a file (`id/numbers.yaml`).
        id: String,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Run every example in every rule file; failures are reported as path:line.
    Test {
        /// A folder of extra rule files to test with the built-in ones.
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum DebugView {
    /// The cleaned sentences with their byte spans, and what was removed as page furniture.
    Segments(Inputs),
    /// Every claim with its rule id.
    Claims(Inputs),
    /// The alignment graph in Graphviz DOT.
    Graph(Inputs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Never,
}

/// A message on standard error. Never panics (unlike `eprintln!`): a failing stderr must not
/// turn a report into a crash.
fn say(msg: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{msg}");
}

/// The outcome of writing to standard output. A closed pipe (`claimcheck … | head`) is not an
/// error: quiet, and the exit code stays what the findings say. Any other failure (a full disk)
/// is named and exits 2.
fn written(r: std::io::Result<()>) -> Result<(), ExitCode> {
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            say(&format!("claimcheck: cannot write the report: {e}"));
            Err(ExitCode::from(2))
        }
    }
}

/// Print to standard output (see [`written`]).
fn emit(s: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    written(out.write_all(s.as_bytes()).and_then(|()| out.flush()))
}

fn load_rules(dir: Option<&PathBuf>) -> Result<RuleSet, Vec<RuleError>> {
    RuleSet::load(dir.map(|p| p.as_path())).inspect_err(|errs| {
        for e in errs {
            say(&format!("claimcheck: {e}"));
        }
    })
}

/// Why a run stopped before it had a report.
enum Stop {
    /// Broken rule files (already printed): nothing was checked.
    Rules(Vec<RuleError>),
}

fn run_pipeline(inputs: &Inputs) -> Result<(claimcheck::Report, bool), Stop> {
    let rules = load_rules(inputs.rules.as_ref()).map_err(Stop::Rules)?;
    let (articles, errors) = ingest::read_inputs(&inputs.paths, &mut std::io::stdin());
    for e in &errors {
        say(&format!("claimcheck: {e}"));
    }
    let mut rep = claimcheck::check(articles, &rules).map_err(|e| {
        say(&format!("claimcheck: {e}"));
        Stop::Rules(vec![e])
    })?;
    for w in &rep.warnings {
        say(&format!("claimcheck: warning: {w}"));
    }
    let had_errors = !errors.is_empty();
    rep.input_errors = errors;
    Ok((rep, had_errors))
}

/// Write the JSON report, buffered.
fn emit_json(rep: &claimcheck::Report) -> Result<(), ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    written(report::json::write(rep, &mut out).and_then(|()| out.flush()))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.cmd {
        Cmd::Check(args) => check(&args),
        Cmd::Rules { cmd } => rules(cmd),
        Cmd::Debug { view } => debug(&view),
    };
    result.unwrap_or_else(|code| code)
}

fn check(args: &CheckArgs) -> Result<ExitCode, ExitCode> {
    let (rep, had_errors) = match run_pipeline(&args.inputs) {
        Ok(x) => x,
        Err(Stop::Rules(errs)) => {
            // Broken rules: nothing is checked. A script asking for JSON still gets JSON: an
            // empty report whose `errors` name each broken file with its line and column.
            if let Format::Json = args.format {
                let rep = claimcheck::Report { rule_errors: errs, ..Default::default() };
                emit_json(&rep)?;
            }
            return Ok(ExitCode::from(2));
        }
    };
    match args.format {
        Format::Table => emit(&report::table::render(&rep, args.all))?,
        Format::Json => emit_json(&rep)?,
    }
    if had_errors {
        return Ok(ExitCode::from(2));
    }
    let worst = rep.worst();
    let fail = match args.fail_on {
        FailOn::Error => worst == Some(Severity::Error),
        FailOn::Warning => worst.is_some_and(|w| w <= Severity::Warning),
        FailOn::Never => false,
    };
    Ok(ExitCode::from(u8::from(fail)))
}

fn rules(cmd: RulesCmd) -> Result<ExitCode, ExitCode> {
    let broken = |_| ExitCode::from(2);
    match cmd {
        RulesCmd::List { rules } => {
            let r = load_rules(rules.as_ref()).map_err(broken)?;
            let mut s = String::new();
            for e in r.entries() {
                s.push_str(&format!("{:<40} {:<7} {:<12} {}\n", e.id, e.language, e.kind, e.summary));
            }
            emit(&s)?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCmd::Explain { id, rules } => {
            let r = load_rules(rules.as_ref()).map_err(broken)?;
            if let Some(f) = r.files.iter().find(|f| f.rel == id) {
                emit(&format!("{}\n\n{}", f.origin, f.text))?;
                return Ok(ExitCode::SUCCESS);
            }
            let entries = r.entries();
            let Some(e) = entries.iter().find(|e| e.id == id) else {
                say(&format!("claimcheck: no rule '{id}'; `claimcheck rules list` shows them all"));
                return Ok(ExitCode::from(2));
            };
            let mut s = format!("{}  ({} · {})\n{}\ndefined in {}\n", e.id, e.language, e.kind, e.summary, e.origin);
            if let Some(f) = r.files.iter().find(|f| f.origin == e.origin) {
                if let Some(about) = &f.file.about {
                    s.push_str(&format!("\n{about}\n"));
                }
                if let Some(ex) = &f.file.examples {
                    s.push_str("\nexamples that must match:\n");
                    for m in &ex.matches {
                        let value = serde_json::Value::Object(m.value.clone().into_iter().collect());
                        s.push_str(&format!("  {} → {} {value}\n", m.text, m.kind));
                    }
                    s.push_str("examples that must not match:\n");
                    for m in &ex.no_match {
                        s.push_str(&format!("  {} (no {})\n", m.text, m.kind));
                    }
                }
            }
            emit(&s)?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCmd::Test { dir } => {
            let r = load_rules(dir.as_ref()).map_err(broken)?;
            let run = ruletest::run(&r);
            for f in &run.failures {
                say(&f.to_string());
            }
            emit(&format!("{} passed, {} failed, {} known gaps\n", run.passed, run.failures.len(), run.known_gaps))?;
            Ok(ExitCode::from(if run.failures.is_empty() { 0 } else { 1 }))
        }
    }
}

fn debug(view: &DebugView) -> Result<ExitCode, ExitCode> {
    let (inputs, which) = match view {
        DebugView::Segments(i) => (i, 0),
        DebugView::Claims(i) => (i, 1),
        DebugView::Graph(i) => (i, 2),
    };
    let (rep, had_errors) = run_pipeline(inputs).map_err(|Stop::Rules(_)| ExitCode::from(2))?;
    emit(&match which {
        0 => report::debug::segments(&rep),
        1 => report::debug::claims(&rep),
        _ => report::debug::graph(&rep),
    })?;
    Ok(ExitCode::from(if had_errors { 2 } else { 0 }))
}
