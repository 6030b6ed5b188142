//! The `claimcheck` binary: parses arguments, runs the library, prints, and sets the exit code.
//! With `src/cli/` (arguments, the `check` command, file output), the only code that prints.
//! Exit 0: nothing reached --fail-on; 1: a finding did; 2: a usage error, an unreadable input,
//! no article at all, or a broken rule, configuration or baseline file.

mod cli;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use claimcheck::rules::RuleSet;
use claimcheck::{ingest, report, ruletest};

use cli::args::{Cli, Cmd, DebugView, RulesCmd};

/// Print, treating a closed pipe (`claimcheck … | head`) as success.
fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

fn load_rules(dirs: &[PathBuf]) -> Option<RuleSet> {
    match RuleSet::load_all(dirs) {
        Ok(r) => Some(r),
        Err(errs) => {
            for e in errs {
                eprintln!("claimcheck: {e}");
            }
            None
        }
    }
}

fn run_pipeline(paths: &[PathBuf], rules: &[PathBuf], walk: &ingest::WalkOptions) -> Result<(claimcheck::Report, bool), ExitCode> {
    let rules = load_rules(rules).ok_or(ExitCode::from(2))?;
    let progress = cli::progress::Progress::start();
    progress.stage(format!("reading {} input{}", paths.len(), if paths.len() == 1 { "" } else { "s" }));
    let (articles, errors) = ingest::read_inputs_with(paths, &mut std::io::stdin(), walk);
    for e in &errors {
        progress.eprintln(&format!("claimcheck: {e}"));
    }
    // Checking nothing must not pass a gate.
    if articles.is_empty() {
        progress.finish();
        eprintln!("claimcheck: no article to check: the inputs hold no readable .txt, .md, .html or .htm file (folders skip what .ignore, .gitignore and --exclude leave out)");
        return Err(ExitCode::from(2));
    }
    progress.stage(format!("checking {} article{}", articles.len(), if articles.len() == 1 { "" } else { "s" }));
    let checked = claimcheck::check(articles, &rules);
    progress.finish();
    let mut rep = checked.map_err(|e| {
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
        Cmd::Check(args) => cli::check::run(args),
        Cmd::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "claimcheck", &mut buf);
            emit(&String::from_utf8_lossy(&buf));
            ExitCode::SUCCESS
        }
        Cmd::Rules { cmd } => match cmd {
            RulesCmd::List { rules } => {
                let Some(r) = load_rules(rules.as_slice()) else { return ExitCode::from(2) };
                let mut s = String::new();
                for e in r.entries() {
                    s.push_str(&format!("{:<40} {:<7} {:<12} {}\n", e.id, e.language, e.kind, e.summary));
                }
                emit(&s);
                ExitCode::SUCCESS
            }
            RulesCmd::Explain { id, rules } => {
                let Some(r) = load_rules(rules.as_slice()) else { return ExitCode::from(2) };
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
                let Some(r) = load_rules(dir.as_slice()) else { return ExitCode::from(2) };
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
            let cfg = match cli::configure(&inputs.setup, Default::default()) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let walk = ingest::WalkOptions { exclude: cfg.exclude.value.clone() };
            let (rep, had_errors) = match run_pipeline(&inputs.paths, &cfg.rules.value, &walk) {
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
