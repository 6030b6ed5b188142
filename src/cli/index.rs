//! `claimcheck index add|rm|stats`: keeps the archive index (`claimcheck::index`) and says what
//! it did. Exit 0 when done; 2 for an index that cannot be used (missing, not a claimcheck
//! index, a newer schema, locked), broken rules or configuration, or an input that could not be
//! read (the others are still added).

use std::process::ExitCode;

use claimcheck::config::Overrides;
use claimcheck::extract::Extractor;
use claimcheck::index::{Index, IndexError, Mode, Stats, rules_fingerprint};
use claimcheck::ingest::WalkOptions;
use claimcheck::rules::RuleSet;

use super::args::{IndexCmd, Setup};

pub fn run(cmd: IndexCmd) -> ExitCode {
    match cmd {
        IndexCmd::Add { db, paths, prune, setup } => with_rules(&setup, |rules, walk| {
            let ex = extractor(rules)?;
            let mut index = open(&db, Mode::Create)?;
            let progress = super::progress::Progress::start();
            progress.stage(format!("adding to {}", index.name()));
            let added = index.add(&ex, &paths, walk, prune).map_err(|e| fail(&e))?;
            progress.finish();
            for w in &added.warnings {
                crate::say(&format!("claimcheck: warning: {w}"));
            }
            for e in &added.errors {
                crate::say(&format!("claimcheck: {e}"));
            }
            let mut line = format!("{}: {} added, {} replaced, {} unchanged", index.name(), added.added.len(), added.replaced.len(), added.unchanged);
            if prune {
                line.push_str(&format!(", {} removed", added.pruned.len()));
            }
            if !added.errors.is_empty() {
                line.push_str(&format!(", {} not readable", added.errors.len()));
            }
            if added.refreshed > 0 {
                line.push_str(&format!("; {} extracted again with the rules in use", added.refreshed));
            }
            crate::emit(&format!("{line}\n")).map_err(|_| ExitCode::from(2))?;
            Ok(ExitCode::from(if added.errors.is_empty() { 0 } else { 2 }))
        }),
        IndexCmd::Rm { db, paths, setup } => with_rules(&setup, |rules, _| {
            let ex = extractor(rules)?;
            let mut index = open(&db, Mode::Existing)?;
            let removed = index.remove(&ex, &paths).map_err(|e| fail(&e))?;
            for p in &removed.absent {
                crate::say(&format!("claimcheck: {p}: not in {}", index.name()));
            }
            let n = removed.removed.len();
            crate::emit(&format!("{}: {n} removed\n", index.name())).map_err(|_| ExitCode::from(2))?;
            Ok(ExitCode::SUCCESS)
        }),
        IndexCmd::Stats { db, setup } => with_rules(&setup, |rules, _| {
            let index = open(&db, Mode::Existing)?;
            let stats = index.stats().map_err(|e| fail(&e))?;
            crate::emit(&render_stats(index.name(), &stats, &rules_fingerprint(rules))).map_err(|_| ExitCode::from(2))?;
            Ok(ExitCode::SUCCESS)
        }),
    }
}

/// Resolve the configuration, load the rules and run `f`; every failure is exit 2, said once.
fn with_rules(setup: &Setup, f: impl FnOnce(&RuleSet, &WalkOptions) -> Result<ExitCode, ExitCode>) -> ExitCode {
    let run = || {
        let cfg = super::configure(setup, Overrides::default())?;
        let walk = WalkOptions { exclude: cfg.exclude.value.clone() };
        if let Err(e) = walk.validate() {
            crate::say(&format!("claimcheck: {e}"));
            return Err(ExitCode::from(2));
        }
        let rules = crate::load_rules(&cfg.rules.value).map_err(|_| ExitCode::from(2))?;
        f(&rules, &walk)
    };
    run().unwrap_or_else(|code| code)
}

fn extractor(rules: &RuleSet) -> Result<Extractor<'_>, ExitCode> {
    Extractor::new(rules).map_err(|e| {
        crate::say(&format!("claimcheck: {e}"));
        ExitCode::from(2)
    })
}

fn open(db: &std::path::Path, mode: Mode) -> Result<Index, ExitCode> {
    Index::open(db, mode).map_err(|e| fail(&e))
}

fn fail(e: &IndexError) -> ExitCode {
    crate::say(&format!("claimcheck: {e}"));
    ExitCode::from(2)
}

fn size(n: u64) -> String {
    const KIB: f64 = 1024.0;
    let f = n as f64;
    if f < KIB {
        format!("{n} B")
    } else if f < KIB * KIB {
        format!("{:.1} KiB", f / KIB)
    } else if f < KIB * KIB * KIB {
        format!("{:.1} MiB", f / KIB / KIB)
    } else {
        format!("{:.1} GiB", f / KIB / KIB / KIB)
    }
}

fn render_stats(name: &str, s: &Stats, current: &str) -> String {
    let dated = match (&s.first_date, &s.last_date) {
        (Some(a), Some(b)) => format!(" ({} dated, {a} to {b})", s.dated),
        _ => " (none dated)".to_string(),
    };
    let rules = match &s.rules {
        Some(r) if r == current => format!("{r} (the rules in use)"),
        Some(r) => format!("{r} (not the rules in use, {current}: `claimcheck index add` refreshes it)"),
        None => "none yet".to_string(),
    };
    let rows = [
        ("index", name.to_string()),
        ("schema version", s.schema.to_string()),
        ("documents", format!("{}{dated}", s.documents)),
        ("claims", s.claims.to_string()),
        ("keys", format!("{} distinct, {} (document, key) pairs", s.distinct_keys, s.key_rows)),
        ("names", format!("{} (document, unknown name) pairs", s.name_rows)),
        ("articles", size(s.bytes)),
        ("file size", size(s.file_size)),
        ("rules", rules),
    ];
    rows.iter().map(|(k, v)| format!("{k:<16} {v}\n")).collect()
}
