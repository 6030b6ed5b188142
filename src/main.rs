//! The `claimcheck` binary: parses arguments, runs the library, prints, and sets the exit code.
//! With `src/cli/` (arguments, the `check` and `index` commands, file output), the only code that
//! prints.
//! Exit 0: nothing reached --fail-on; 1: a finding did; 2: a usage error, an unreadable input,
//! no article at all, a broken rule, configuration or baseline file, or a report that cannot be
//! written (a closed pipe is not a failure).

mod cli;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use claimcheck::rules::{RuleError, RuleSet};
use claimcheck::{ingest, report, ruletest};

use cli::args::{Cli, Cmd, DebugView, RulesCmd};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of `mimalloc.h` (15 in mimalloc 3, which libmimalloc-sys builds by
/// default, as in mimalloc 2; the crate's bindings leave this option out): -1 never purges.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A message on standard error. Never panics (unlike `eprintln!`): a failing stderr must not
/// turn a report into a crash.
pub(crate) fn say(msg: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{msg}");
}

/// The outcome of writing to standard output. A closed pipe (`claimcheck … | head`) is not an
/// error: quiet, and the exit code stays what the findings say. Any other failure (a full disk)
/// is named and exits 2.
pub(crate) fn written(r: std::io::Result<()>) -> Result<(), ExitCode> {
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
pub(crate) fn emit(s: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    written(out.write_all(s.as_bytes()).and_then(|()| out.flush()))
}

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, Vec<RuleError>> {
    RuleSet::load_all(dirs).inspect_err(|errs| {
        for e in errs {
            say(&format!("claimcheck: {e}"));
        }
    })
}

/// Why a run stopped before it had a report.
pub(crate) enum Stop {
    /// Broken rule files (already printed): nothing was checked.
    Rules(Vec<RuleError>),
    /// Anything else that ends the run (already printed), with its exit code.
    Code(ExitCode),
}

/// Read the inputs and check them: against each other, or with `against` against an archive
/// index (only findings that involve an input are kept).
pub(crate) fn run_pipeline(paths: &[PathBuf], rules: &[PathBuf], walk: &ingest::WalkOptions, against: Option<&std::path::Path>) -> Result<(claimcheck::Report, bool), Stop> {
    let rules = load_rules(rules).map_err(Stop::Rules)?;
    // A missing or foreign index stops the run before any article is read.
    let index = match against {
        Some(db) => Some(claimcheck::index::Index::open(db, claimcheck::index::Mode::Existing).map_err(|e| {
            say(&format!("claimcheck: {e}"));
            Stop::Code(ExitCode::from(2))
        })?),
        None => None,
    };
    let progress = cli::progress::Progress::start();
    progress.stage(format!("reading {} input{}", paths.len(), if paths.len() == 1 { "" } else { "s" }));
    let t = claimcheck::timings::start();
    let (articles, errors) = ingest::read_inputs_with(paths, &mut std::io::stdin(), walk);
    t.stop("ingest");
    for e in &errors {
        progress.eprintln(&format!("claimcheck: {e}"));
    }
    // Checking nothing must not pass a gate.
    if articles.is_empty() {
        progress.finish();
        say("claimcheck: no article to check: the inputs hold no readable .txt, .md, .html or .htm file (folders skip what .ignore, .gitignore and --exclude leave out)");
        return Err(Stop::Code(ExitCode::from(2)));
    }
    progress.stage(format!("checking {} article{}", articles.len(), if articles.len() == 1 { "" } else { "s" }));
    let ex = claimcheck::extract::Extractor::new(&rules).map_err(|e| {
        progress.finish();
        say(&format!("claimcheck: {e}"));
        Stop::Rules(vec![e])
    })?;
    let mut rep = match &index {
        None => claimcheck::check_with(&ex, articles),
        Some(index) => {
            progress.stage(format!("checking {} article{} against {}", articles.len(), if articles.len() == 1 { "" } else { "s" }, index.name()));
            let gate = index.gate(&ex, articles).map_err(|e| {
                progress.finish();
                say(&format!("claimcheck: {e}"));
                Stop::Code(ExitCode::from(2))
            })?;
            progress.eprintln(&format!(
                "claimcheck: against {}: {} archived article{} share{} a key or a name with the new ones ({} key{} and {} name{} looked up)",
                index.name(),
                gate.archived,
                if gate.archived == 1 { "" } else { "s" },
                if gate.archived == 1 { "s" } else { "" },
                gate.keys,
                if gate.keys == 1 { "" } else { "s" },
                gate.names,
                if gate.names == 1 { "" } else { "s" },
            ));
            gate.report
        }
    };
    progress.finish();
    for w in &rep.warnings {
        say(&format!("claimcheck: warning: {w}"));
    }
    let had_errors = !errors.is_empty();
    rep.input_errors = errors;
    Ok((rep, had_errors))
}

fn main() -> ExitCode {
    // Freed memory is kept for reuse, not returned to the system as it is freed (see Cargo.toml),
    // unless `MIMALLOC_PURGE_DELAY` says otherwise (mimalloc's own setting: `10` returns it after
    // 10 ms, about 5% less peak memory for 1–3% more time at 100 MB).
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a process-wide allocator option before any thread starts; no memory is
        // touched.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
    let cli = Cli::parse();
    let result = match cli.cmd {
        Cmd::Check(args) => Ok(cli::check::run(args)),
        Cmd::Index { cmd } => Ok(cli::index::run(cmd)),
        Cmd::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "claimcheck", &mut buf);
            emit(&String::from_utf8_lossy(&buf)).map(|()| ExitCode::SUCCESS)
        }
        Cmd::Rules { cmd } => rules(cmd),
        Cmd::Debug { view } => debug(&view),
    };
    result.unwrap_or_else(|code| code)
}

fn rules(cmd: RulesCmd) -> Result<ExitCode, ExitCode> {
    let broken = |_| ExitCode::from(2);
    match cmd {
        RulesCmd::List { rules } => {
            let r = load_rules(rules.as_slice()).map_err(broken)?;
            let mut s = String::new();
            for e in r.entries() {
                s.push_str(&format!("{:<40} {:<7} {:<12} {}\n", e.id, e.language, e.kind, e.summary));
            }
            emit(&s)?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCmd::Explain { id, rules } => {
            let r = load_rules(rules.as_slice()).map_err(broken)?;
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
            let r = load_rules(dir.as_slice()).map_err(broken)?;
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
    let cfg = cli::configure(&inputs.setup, Default::default())?;
    let walk = ingest::WalkOptions { exclude: cfg.exclude.value.clone() };
    let (rep, had_errors) = match run_pipeline(&inputs.paths, &cfg.rules.value, &walk, None) {
        Ok(x) => x,
        Err(Stop::Rules(_)) => return Ok(ExitCode::from(2)),
        Err(Stop::Code(code)) => return Ok(code),
    };
    emit(&match which {
        0 => report::debug::segments(&rep),
        1 => report::debug::claims(&rep),
        _ => report::debug::graph(&rep),
    })?;
    Ok(ExitCode::from(if had_errors { 2 } else { 0 }))
}
