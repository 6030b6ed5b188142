//! The command line: argument definitions (`args`), the `check` command with its configuration,
//! baseline and output handling (`check`), the archive index's commands (`index`), atomic file
//! output (`output`), what the terminal allows (`term`: width, colour) and progress on stderr
//! (`progress`). Part of the binary, not the library: only the binary prints.

pub mod args;
pub mod check;
pub mod index;
pub mod output;
pub mod progress;
pub mod term;

use std::path::PathBuf;
use std::process::ExitCode;

use claimcheck::config::{self, Config, Overrides, Source};

use args::Setup;

/// The effective configuration for `setup` and the other flags in `overrides`; a broken
/// configuration file is reported (`path:line:col: …`) and is exit 2.
pub fn configure(setup: &Setup, mut overrides: Overrides) -> Result<Config, ExitCode> {
    let source = if setup.no_config {
        Source::None
    } else if let Some(p) = &setup.config {
        Source::File(p.clone())
    } else {
        Source::Discover(std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))
    };
    overrides.rules = setup.rules.clone();
    overrides.exclude = setup.exclude.clone();
    config::resolve(&source, overrides).map_err(|e| {
        eprintln!("claimcheck: {e}");
        ExitCode::from(2)
    })
}
