//! `claimcheck check`: configuration → inputs → report → baseline → output → exit code.
//!
//! Exit 0: no reported finding reached `fail-on` (or a baseline was just written); 1: one did;
//! 2: a usage error, a broken configuration, baseline or rule file, an unreadable input, an
//! input set with no article, or an output that could not be written.

use std::process::ExitCode;

use claimcheck::baseline::{self, Baseline};
use claimcheck::config::Overrides;
use claimcheck::ingest::WalkOptions;
use claimcheck::report;

use super::args::CheckArgs;
use super::output::{reason, write_atomic};

pub fn run(args: CheckArgs) -> ExitCode {
    let overrides = Overrides { fail_on: args.fail_on, format: args.format, baseline: args.baseline.clone(), output: args.output.clone(), ..Overrides::default() };
    let cfg = match super::configure(&args.setup, overrides) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if args.show_config {
        return match crate::emit(&cfg.show()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        };
    }
    let walk = WalkOptions { exclude: cfg.exclude.value.clone() };
    if let Err(e) = walk.validate() {
        crate::say(&format!("claimcheck: {e}"));
        return ExitCode::from(2);
    }
    // A broken baseline stops the run before anything is checked, like a broken rule file: a
    // gate that silently dropped its baseline would fail on every known finding.
    // Writing a baseline for the first time: the one it will replace may not exist yet.
    let first_write = |p: &std::path::Path| args.write_baseline.is_some() && !p.exists();
    let base = match cfg.baseline.value.as_ref().filter(|p| !args.no_baseline && !first_write(p)) {
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some(b),
            Err(e) => {
                crate::say(&format!("claimcheck: {e}"));
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let format = cfg.format.value;
    if args.timings {
        claimcheck::timings::enable();
    }
    let total = std::time::Instant::now();
    let (mut rep, had_errors) = match crate::run_pipeline(&args.paths, &cfg.rules.value, &walk, args.against.as_deref()) {
        Ok(x) => x,
        Err(crate::Stop::Rules(errs)) => {
            // Broken rules: nothing is checked. A script asking for JSON still gets JSON: an
            // empty report whose `errors` name each broken file with its line and column.
            if matches!(format, report::Format::Json) {
                let rep = claimcheck::Report { rule_errors: errs, ..Default::default() };
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                if let Err(code) = crate::written(report::json::write_with(&rep, report::json::JsonOptions { pretty: args.pretty, sentences: args.sentences }, &mut out).and_then(|()| std::io::Write::flush(&mut out))) {
                    return code;
                }
            }
            return ExitCode::from(2);
        }
        Err(crate::Stop::Code(code)) => return code,
    };
    if let Some(b) = &base {
        b.apply(&mut rep);
    }
    let mut code = if had_errors { 2 } else { u8::from(cfg.fail_on.value.fails(rep.worst())) };
    if let Some(path) = &args.write_baseline {
        let text = baseline::render(&rep);
        let n = rep.findings.len() + rep.suppressed.len();
        if let Err(e) = write_atomic(path, text.as_bytes()) {
            crate::say(&format!("claimcheck: cannot write baseline {}: {}", path.display(), reason(&e)));
            return ExitCode::from(2);
        }
        crate::say(&format!("claimcheck: wrote {n} finding{} to {}", if n == 1 { "" } else { "s" }, path.display()));
        // Every finding is now in the baseline: nothing is new.
        if code == 1 {
            code = 0;
        }
    }
    let to_file = cfg.output.value.is_some();
    let only = (!args.only.is_empty()).then(|| report::VerdictSet::of(&args.only.iter().map(|v| v.verdict()).collect::<Vec<_>>()));
    let opts = report::Options { show_single: args.all, only, width: Some(super::term::width(args.width, to_file)), color: super::term::color(args.color, to_file), json: report::json::JsonOptions { pretty: args.pretty, sentences: args.sentences } };
    let format = cfg.format.value;
    let t = claimcheck::timings::start();
    let written = write_report(&rep, format, opts, cfg.output.value.as_deref());
    // The process ends next and its memory goes back whole: not freed a claim at a time (a
    // second of one thread at 100 MB). The report holds nothing but memory.
    std::mem::forget(rep);
    t.stop("report");
    if args.timings {
        let stages = claimcheck::timings::take();
        let line: Vec<String> = stages
            .iter()
            .map(|st| match st.rss {
                Some(b) => format!("{} {:.3}s ({} MiB)", st.name, st.time.as_secs_f64(), b >> 20),
                None => format!("{} {:.3}s", st.name, st.time.as_secs_f64()),
            })
            .collect();
        crate::say(&format!("claimcheck: timings: {} · total {:.3}s", line.join(" · "), total.elapsed().as_secs_f64()));
    }
    match written {
        Ok(()) => ExitCode::from(code),
        Err(c) => c,
    }
}

/// The report in `format` to `path` (atomically) or standard output.
fn write_report(rep: &claimcheck::Report, format: report::Format, opts: report::Options, path: Option<&std::path::Path>) -> Result<(), ExitCode> {
    match path {
        Some(path) => {
            let mut buf = Vec::new();
            // Writing to memory cannot fail.
            let _ = report::write(rep, format, opts, &mut buf);
            if let Err(e) = write_atomic(path, &buf) {
                crate::say(&format!("claimcheck: cannot write {}: {}", path.display(), reason(&e)));
                return Err(ExitCode::from(2));
            }
            Ok(())
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe is not an error (`claimcheck … | head`); a full disk is.
            crate::written(report::write(rep, format, opts, &mut out).and_then(|()| std::io::Write::flush(&mut out)))
        }
    }
}
