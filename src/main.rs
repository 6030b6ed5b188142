//! The `claimcheck` binary: parses arguments, runs the library, prints, and sets the exit code.
//! The only module that prints. Exit 0: nothing reached --fail-on; 1: a finding did;
//! 2: a usage error, an unreadable input or a broken rule file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use claimcheck::judge::Severity;
use claimcheck::rules::RuleSet;
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

/// Print, treating a closed pipe (`claimcheck … | head`) as success.
fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

fn load_rules(dir: Option<&PathBuf>) -> Option<RuleSet> {
    match RuleSet::load(dir.map(|p| p.as_path())) {
        Ok(r) => Some(r),
        Err(errs) => {
            for e in errs {
                eprintln!("claimcheck: {e}");
            }
            None
        }
    }
}

fn run_pipeline(inputs: &Inputs) -> Result<(claimcheck::Report, bool), ExitCode> {
    let rules = load_rules(inputs.rules.as_ref()).ok_or(ExitCode::from(2))?;
    let (articles, errors) = ingest::read_inputs(&inputs.paths, &mut std::io::stdin());
    for e in &errors {
        eprintln!("claimcheck: {e}");
    }
    let mut rep = claimcheck::check(articles, &rules).map_err(|e| {
        eprintln!("claimcheck: {e}");
        ExitCode::from(2)
    })?;
    for w in &rep.warnings {
        eprintln!("claimcheck: warning: {w}");
    }
    let had_errors = !errors.is_empty();
    rep.input_errors = errors;
    Ok((rep, had_errors))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Check(args) => {
            let (rep, had_errors) = match run_pipeline(&args.inputs) {
                Ok(x) => x,
                Err(code) => return code,
            };
            match args.format {
                Format::Table => emit(&report::table::render(&rep, args.all)),
                Format::Json => {
                    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                    // A closed pipe is not an error (`claimcheck … | head`).
                    let _ = report::json::write(&rep, &mut out).and_then(|()| std::io::Write::flush(&mut out));
                }
            }
            if had_errors {
                return ExitCode::from(2);
            }
            let worst = rep.worst();
            let fail = match args.fail_on {
                FailOn::Error => worst == Some(Severity::Error),
                FailOn::Warning => worst.is_some_and(|w| w <= Severity::Warning),
                FailOn::Never => false,
            };
            ExitCode::from(u8::from(fail))
        }
        Cmd::Rules { cmd } => match cmd {
            RulesCmd::List { rules } => {
                let Some(r) = load_rules(rules.as_ref()) else { return ExitCode::from(2) };
                let mut s = String::new();
                for e in r.entries() {
                    s.push_str(&format!("{:<40} {:<7} {:<12} {}\n", e.id, e.language, e.kind, e.summary));
                }
                emit(&s);
                ExitCode::SUCCESS
            }
            RulesCmd::Explain { id, rules } => {
                let Some(r) = load_rules(rules.as_ref()) else { return ExitCode::from(2) };
                if let Some(f) = r.files.iter().find(|f| f.rel == id) {
                    emit(&format!("{}\n\n{}", f.origin, f.text));
                    return ExitCode::SUCCESS;
                }
                let entries = r.entries();
                let Some(e) = entries.iter().find(|e| e.id == id) else {
                    eprintln!("claimcheck: no rule '{id}'; `claimcheck rules list` shows them all");
                    return ExitCode::from(2);
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
                emit(&s);
                ExitCode::SUCCESS
            }
            RulesCmd::Test { dir } => {
                let Some(r) = load_rules(dir.as_ref()) else { return ExitCode::from(2) };
                let run = ruletest::run(&r);
                for f in &run.failures {
                    eprintln!("{f}");
                }
                emit(&format!("{} passed, {} failed, {} known gaps\n", run.passed, run.failures.len(), run.known_gaps));
                ExitCode::from(if run.failures.is_empty() { 0 } else { 1 })
            }
        },
        Cmd::Debug { view } => {
            let (inputs, which) = match &view {
                DebugView::Segments(i) => (i, 0),
                DebugView::Claims(i) => (i, 1),
                DebugView::Graph(i) => (i, 2),
            };
            let (rep, had_errors) = match run_pipeline(inputs) {
                Ok(x) => x,
                Err(code) => return code,
            };
            emit(&match which {
                0 => report::debug::segments(&rep),
                1 => report::debug::claims(&rep),
                _ => report::debug::graph(&rep),
            });
            ExitCode::from(if had_errors { 2 } else { 0 })
        }
    }
}
