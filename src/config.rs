//! Configuration: `claimcheck.toml`, found from the working directory upwards (or named with
//! `--config`), merged with the command line. Every effective value remembers where it came
//! from (`--show-config`); a flag on the command line replaces the file's value, the file
//! replaces the built-in default.
//!
//! The file is validated strictly (`deny_unknown_fields`): a typo is an error with
//! `path:line:col`, never a silently ignored key. Relative paths in it (`rules`, `baseline`,
//! `output`) are relative to the folder holding the file; `exclude` globs are matched inside
//! each input folder, like `--exclude`.
//!
//! ```toml
//! rules = ["newsroom-rules"]          # extra rule folders, later ones override earlier
//! fail-on = "warning"                 # error | warning | never
//! format = "github"                   # table | json | jsonl | sarif | github | markdown | csv
//! exclude = ["drafts/", "*.draft.md"] # gitignore-style globs, on top of .ignore/.gitignore
//! baseline = "published/claimcheck-baseline.toml"
//! output = "claimcheck-report.txt"    # instead of standard output
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::judge::Severity;
use crate::report::Format;

/// The file name looked for in the working directory and each folder above it.
pub const FILE_NAME: &str = "claimcheck.toml";

/// When a run fails (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    pub fn name(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Never => "never",
        }
    }
    /// Whether the worst reported severity fails the run.
    pub fn fails(self, worst: Option<Severity>) -> bool {
        match self {
            FailOn::Error => worst == Some(Severity::Error),
            FailOn::Warning => worst.is_some_and(|w| w <= Severity::Warning),
            FailOn::Never => false,
        }
    }
}

/// A configuration file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read configuration: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid { path: String, line: usize, column: usize, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileIn {
    rules: Option<toml::Spanned<Vec<PathBuf>>>,
    fail_on: Option<toml::Spanned<FailOn>>,
    format: Option<toml::Spanned<Format>>,
    exclude: Option<toml::Spanned<Vec<String>>>,
    baseline: Option<toml::Spanned<PathBuf>>,
    output: Option<toml::Spanned<PathBuf>>,
}

/// Where an effective value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// The configuration file and the line of the key.
    File { path: String, line: usize },
    /// A command-line flag.
    Flag(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, line } => write!(f, "{path}:{line}"),
            Origin::Flag(flag) => f.write_str(flag),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

/// How the configuration file is chosen.
#[derive(Debug, Clone)]
pub enum Source {
    /// Look for `claimcheck.toml` in this folder and every folder above it.
    Discover(PathBuf),
    /// This file (`--config FILE`); it must exist.
    File(PathBuf),
    /// No file (`--no-config`).
    None,
}

/// Values given on the command line; `None` (or an empty list) leaves the file's or the
/// default value.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub rules: Vec<PathBuf>,
    pub fail_on: Option<FailOn>,
    pub format: Option<Format>,
    pub exclude: Vec<String>,
    pub baseline: Option<PathBuf>,
    pub output: Option<PathBuf>,
}

/// The effective configuration of a run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file read, as shown, and how it was chosen; `None` when no file applies.
    pub file: Option<(String, &'static str)>,
    pub rules: Setting<Vec<PathBuf>>,
    pub fail_on: Setting<FailOn>,
    pub format: Setting<Format>,
    pub exclude: Setting<Vec<String>>,
    pub baseline: Setting<Option<PathBuf>>,
    pub output: Setting<Option<PathBuf>>,
}

/// The first `claimcheck.toml` in `dir` or a folder above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// Resolve the configuration: the file chosen by `source` (if any) under the command line.
pub fn resolve(source: &Source, cli: Overrides) -> Result<Config, ConfigError> {
    let (file, how, base) = match source {
        Source::None => (None, "", PathBuf::new()),
        Source::File(p) => {
            let base = p.parent().map(Path::to_path_buf).unwrap_or_default();
            (Some(p.clone()), "--config", base)
        }
        Source::Discover(dir) => match discover(dir) {
            // Found in the working directory itself: paths stay relative, as a person wrote them.
            Some(p) if p.parent() == Some(dir.as_path()) => (Some(PathBuf::from(FILE_NAME)), "found in the working directory", PathBuf::new()),
            Some(p) => {
                let base = p.parent().map(Path::to_path_buf).unwrap_or_default();
                (Some(p), "found above the working directory", base)
            }
            None => (None, "", PathBuf::new()),
        },
    };
    let mut cfg = Config {
        file: None,
        rules: Setting { value: vec![], origin: Origin::Default },
        fail_on: Setting { value: FailOn::Error, origin: Origin::Default },
        format: Setting { value: Format::Table, origin: Origin::Default },
        exclude: Setting { value: vec![], origin: Origin::Default },
        baseline: Setting { value: None, origin: Origin::Default },
        output: Setting { value: None, origin: Origin::Default },
    };
    if let Some(path) = file {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::Read { path: shown.clone(), reason: e.to_string() })?;
        let f: FileIn = toml::from_str(&text).map_err(|e| {
            let (line, column, message) = toml_error(&text, &e);
            ConfigError::Invalid { path: shown.clone(), line, column, message }
        })?;
        let origin = |span: std::ops::Range<usize>| Origin::File { path: shown.clone(), line: line_col(&text, span.start).0 };
        let rel = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
        if let Some(v) = f.rules {
            cfg.rules = Setting { origin: origin(v.span()), value: v.into_inner().into_iter().map(rel).collect() };
        }
        if let Some(v) = f.fail_on {
            cfg.fail_on = Setting { origin: origin(v.span()), value: v.into_inner() };
        }
        if let Some(v) = f.format {
            cfg.format = Setting { origin: origin(v.span()), value: v.into_inner() };
        }
        if let Some(v) = f.exclude {
            cfg.exclude = Setting { origin: origin(v.span()), value: v.into_inner() };
        }
        if let Some(v) = f.baseline {
            cfg.baseline = Setting { origin: origin(v.span()), value: Some(rel(v.into_inner())) };
        }
        if let Some(v) = f.output {
            cfg.output = Setting { origin: origin(v.span()), value: Some(rel(v.into_inner())) };
        }
        cfg.file = Some((shown, how));
    }
    if !cli.rules.is_empty() {
        cfg.rules = Setting { value: cli.rules, origin: Origin::Flag("--rules") };
    }
    if let Some(v) = cli.fail_on {
        cfg.fail_on = Setting { value: v, origin: Origin::Flag("--fail-on") };
    }
    if let Some(v) = cli.format {
        cfg.format = Setting { value: v, origin: Origin::Flag("--format") };
    }
    if !cli.exclude.is_empty() {
        cfg.exclude = Setting { value: cli.exclude, origin: Origin::Flag("--exclude") };
    }
    if let Some(v) = cli.baseline {
        cfg.baseline = Setting { value: Some(v), origin: Origin::Flag("--baseline") };
    }
    if let Some(v) = cli.output {
        cfg.output = Setting { value: Some(v), origin: Origin::Flag("--output") };
    }
    Ok(cfg)
}

impl Config {
    /// The effective configuration as TOML, each value followed by where it came from.
    pub fn show(&self) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let list = |v: &[String]| format!("[{}]", v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", "));
        let paths = |v: &[PathBuf]| list(&v.iter().map(|p| p.display().to_string()).collect::<Vec<_>>());
        let mut out = match &self.file {
            Some((p, how)) => format!("# configuration file: {p} ({how})\n"),
            None => "# no configuration file\n".to_string(),
        };
        let mut line = |key: &str, value: Option<String>, origin: &Origin| {
            let left = match value {
                Some(v) => format!("{key} = {v}"),
                None => format!("# {key} is not set"),
            };
            out.push_str(&format!("{left:<40} # {origin}\n"));
        };
        line("rules", Some(paths(&self.rules.value)), &self.rules.origin);
        line("fail-on", Some(q(self.fail_on.value.name())), &self.fail_on.origin);
        line("format", Some(q(self.format.value.name())), &self.format.origin);
        line("exclude", Some(list(&self.exclude.value)), &self.exclude.origin);
        line("baseline", self.baseline.value.as_ref().map(|p| q(&p.display().to_string())), &self.baseline.origin);
        line("output", self.output.value.as_ref().map(|p| q(&p.display().to_string())), &self.output.origin);
        out
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Position and message of a TOML error; the library's own text repeats the position and a
/// picture of the line, so only its message is kept.
pub(crate) fn toml_error(text: &str, e: &toml::de::Error) -> (usize, usize, String) {
    let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
    (line, column, e.message().trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("", 0), (1, 1));
    }

    #[test]
    fn fail_on_levels() {
        assert!(FailOn::Error.fails(Some(Severity::Error)));
        assert!(!FailOn::Error.fails(Some(Severity::Warning)));
        assert!(FailOn::Warning.fails(Some(Severity::Warning)));
        assert!(!FailOn::Warning.fails(Some(Severity::Info)));
        assert!(!FailOn::Never.fails(Some(Severity::Error)));
        assert!(!FailOn::Error.fails(None));
    }
}
