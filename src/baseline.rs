//! Baselines: the findings known when a baseline file was written, named by fingerprint. A run
//! with a baseline hides those findings and reports the rest — the *new* ones, in ruff's and
//! SARIF's sense — so that a gate fails only on what a change brought in. An entry with a
//! `reason` is *accepted*: a person looked at it and decided it stands.
//!
//! The file is TOML, validated strictly (`deny_unknown_fields`); errors carry `path:line:col`.
//!
//! ```toml
//! version = 1
//!
//! [[finding]]
//! fingerprint = "3f1c0d9a4b7e2c55aa01b2c3d4e5f607"
//! verdict = "conflict"
//! key = "quantity|munitions"
//! summary = "002_5f81:15 'lebih dari 11.000 kontainer' and 004_c306:9 'sekitar 5.000 …' …"
//! reason = "the wire corrected its figure; both versions are on record"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::toml_error;
use crate::judge::{Finding, Verdict, truncate};
use crate::Report;

/// A baseline file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{path}: cannot read baseline: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid { path: String, line: usize, column: usize, message: String },
}

/// The current version of the file format.
pub const VERSION: u32 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    version: toml::Spanned<u32>,
    #[serde(default)]
    finding: Vec<EntryIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryIn {
    fingerprint: toml::Spanned<String>,
    #[serde(default)]
    verdict: Option<toml::Spanned<String>>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    reason: Option<toml::Spanned<String>>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    finding: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    fingerprint: &'a str,
    verdict: &'static str,
    key: &'a str,
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

/// A loaded baseline: fingerprint → the reason it was accepted, if it was.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// The file as named (for messages and the report).
    pub path: String,
    entries: BTreeMap<String, Option<String>>,
}

/// A finding hidden by the baseline.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub finding: Finding,
    /// Why it was accepted; `None` for a finding that was merely known.
    pub reason: Option<String>,
}

const VERDICTS: [Verdict; 5] = [Verdict::Conflict, Verdict::Updated, Verdict::Compatible, Verdict::Corroborated, Verdict::SingleSource];

impl Baseline {
    /// Read and validate a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file (`--write-baseline FILE` writes one)".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ => e.to_string(),
            };
            BaselineError::Read { path: shown.clone(), reason }
        })?;
        Self::parse(&shown, &text)
    }

    /// Validate the text of a baseline file named `shown`.
    pub fn parse(shown: &str, text: &str) -> Result<Baseline, BaselineError> {
        let at = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = crate::config::line_col(text, span.start);
            BaselineError::Invalid { path: shown.to_string(), line, column, message }
        };
        let file: FileIn = toml::from_str(text).map_err(|e| {
            let (line, column, message) = toml_error(text, &e);
            BaselineError::Invalid { path: shown.to_string(), line, column, message }
        })?;
        if *file.version.get_ref() != VERSION {
            return Err(at(file.version.span(), format!("unsupported baseline version {}; this claimcheck writes version {VERSION}", file.version.get_ref())));
        }
        let mut entries = BTreeMap::new();
        for e in file.finding {
            let fp = e.fingerprint.get_ref();
            if fp.len() < 16 || !fp.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
                return Err(at(e.fingerprint.span(), format!("fingerprint '{fp}' is not lower-case hex of at least 16 digits (as `--write-baseline` writes)")));
            }
            if let Some(v) = &e.verdict {
                if !VERDICTS.iter().any(|x| x.name() == v.get_ref()) {
                    let names: Vec<&str> = VERDICTS.iter().map(|x| x.name()).collect();
                    return Err(at(v.span(), format!("unknown verdict '{}'; expected one of {}", v.get_ref(), names.join(", "))));
                }
            }
            if let Some(r) = &e.reason {
                if r.get_ref().trim().is_empty() {
                    return Err(at(r.span(), "an accepted finding needs a reason that says why; remove `reason` to keep it merely known".into()));
                }
            }
            if entries.contains_key(fp) {
                return Err(at(e.fingerprint.span(), format!("fingerprint '{fp}' is listed twice")));
            }
            // `key` and `summary` are for people reading the file; matching uses the fingerprint.
            let _ = (&e.key, &e.summary);
            entries.insert(fp.clone(), e.reason.map(|r| r.into_inner()));
        }
        Ok(Baseline { path: shown.to_string(), entries })
    }

    /// How many findings the file holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Move the findings the baseline holds from `rep.findings` to `rep.suppressed`.
    pub fn apply(&self, rep: &mut Report) {
        let (hidden, kept): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut rep.findings).into_iter().partition(|f| self.entries.contains_key(&f.fingerprint));
        rep.findings = kept;
        rep.suppressed.extend(hidden.into_iter().map(|f| {
            let reason = self.entries.get(&f.fingerprint).cloned().flatten();
            Suppressed { finding: f, reason }
        }));
        rep.baseline = Some(self.path.clone());
    }
}

/// The baseline file for every finding of `rep`, reported or suppressed: entries sorted by
/// verdict, key and fingerprint (not by input order, so the file diffs cleanly); a reason is
/// carried over from a suppressing baseline, so rewriting a baseline keeps what was accepted.
pub fn render(rep: &Report) -> String {
    let mut entries: Vec<EntryOut<'_>> = rep
        .findings
        .iter()
        .map(|f| (f, None))
        .chain(rep.suppressed.iter().map(|s| (&s.finding, s.reason.as_deref())))
        .map(|(f, reason)| EntryOut { fingerprint: &f.fingerprint, verdict: f.verdict.name(), key: &f.key, summary: truncate(&rep.explanation(f), 160), reason })
        .collect();
    entries.sort_by(|a, b| (a.verdict, a.key, a.fingerprint).cmp(&(b.verdict, b.key, b.fingerprint)));
    entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let body = toml::to_string(&FileOut { version: VERSION, finding: entries }).unwrap_or_default();
    format!(
        "# claimcheck baseline: the findings known when it was written (`claimcheck check --write-baseline`).\n\
         # `--baseline FILE` hides them and reports only new ones. To accept a finding, add a line\n\
         # `reason = \"why it stands\"` under it. Matching uses the fingerprint only.\n\n{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match Baseline::parse("b.toml", text) {
            Ok(_) => "ok".into(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_valid_file_loads_with_its_reasons() {
        let b = Baseline::parse("b.toml", "version = 1\n\n[[finding]]\nfingerprint = \"0123456789abcdef0123\"\nverdict = \"conflict\"\nreason = \"known\"\n\n[[finding]]\nfingerprint = \"fedcba9876543210\"\n").unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b.entries.get("0123456789abcdef0123"), Some(&Some("known".to_string())));
        assert_eq!(b.entries.get("fedcba9876543210"), Some(&None));
    }

    #[test]
    fn errors_name_the_file_line_and_column() {
        assert_eq!(err("version = 1\n[[finding]]\nfingerprint = \"0123456789abcdef\"\nreson = \"typo\"\n"), "b.toml:4:1: unknown field `reson`, expected one of `fingerprint`, `verdict`, `key`, `summary`, `reason`");
        assert_eq!(err("version = 2\n"), "b.toml:1:11: unsupported baseline version 2; this claimcheck writes version 1");
        assert!(err("version = 1\n[[finding]]\nfingerprint = \"XYZ\"\n").starts_with("b.toml:3:15: fingerprint 'XYZ' is not lower-case hex"));
        assert!(err("version = 1\n[[finding]]\nfingerprint = \"0123456789abcdef\"\nverdict = \"clash\"\n").starts_with("b.toml:4:11: unknown verdict 'clash'"));
        assert!(err("version = 1\n[[finding]]\nfingerprint = \"0123456789abcdef\"\nreason = \" \"\n").starts_with("b.toml:4:10: an accepted finding needs a reason"));
        assert!(err("version = 1\n[[finding]]\nfingerprint = \"0123456789abcdef\"\n[[finding]]\nfingerprint = \"0123456789abcdef\"\n").starts_with("b.toml:5:15: fingerprint '0123456789abcdef' is listed twice"));
        assert!(err("fingerprint = 3\n").starts_with("b.toml:1:1: "), "{}", err("fingerprint = 3\n"));
    }
}
