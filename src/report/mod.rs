//! Report: pure views of a `Report` — one file per format. Nothing here changes a finding;
//! every format is snapshot-tested on the same inputs (`tests/formats.rs`).
//!
//! Which findings a view shows: the people-facing views (`table`, `markdown`, `html`, `github`,
//! `sarif`) leave single-source findings out unless `--all`; the data views (`json`, `jsonl`,
//! `csv`) always have every reported finding. `--only` narrows what the views people read
//! (`table`, `markdown`, `html`) show, and their summary says so; the views machines read
//! (`json`, `jsonl`, `csv`, `sarif`, `github`) are never filtered, so a gate sees everything.
//! Findings a baseline suppressed are never shown as findings; each view says how many there
//! were.
//!
//! Words for people come from `labels` (the rules' display names) through `phrase` (a value
//! as a person writes it) and `facts` (who says what, timelines, citations once).

use serde::Deserialize;

use crate::judge::{Finding, Verdict};
use crate::{Document, Report};

pub mod csv;
pub mod debug;
pub mod facts;
pub mod fingerprint;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod labels;
pub mod markdown;
pub mod phrase;
pub mod sarif;
pub mod table;
pub mod value_json;

pub use labels::Labels;

/// An output format of `claimcheck check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A table for people (the default).
    Table,
    /// One JSON object, contract v1 (docs/report-contract.md).
    Json,
    /// JSON Lines: one typed record per line (documents, claims, findings, …).
    Jsonl,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the lines of each claim.
    Github,
    /// A Markdown pull-request comment.
    Markdown,
    /// One CSV row per claim of each finding.
    Csv,
    /// One self-contained HTML page: the facts, the articles with their claims highlighted,
    /// timelines and the claim graph.
    Html,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

/// A set of verdicts (`--only conflict,updated`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerdictSet(u8);

const VERDICTS: [Verdict; 5] = [Verdict::Conflict, Verdict::Updated, Verdict::Compatible, Verdict::Corroborated, Verdict::SingleSource];

impl VerdictSet {
    pub fn of(verdicts: &[Verdict]) -> VerdictSet {
        VerdictSet(verdicts.iter().fold(0, |m, v| m | (1 << *v as u8)))
    }
    pub fn contains(self, v: Verdict) -> bool {
        self.0 & (1 << v as u8) != 0
    }
    /// The verdicts in report order.
    pub fn verdicts(self) -> impl Iterator<Item = Verdict> {
        VERDICTS.into_iter().filter(move |v| self.contains(*v))
    }
}

/// What a view is asked to show.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Also show single-source findings in the people-facing views.
    pub show_single: bool,
    /// Show only findings with these verdicts in the views people read (table, markdown,
    /// html); single-source findings are shown when named here, `--all` or not.
    pub only: Option<VerdictSet>,
    /// The table's width in columns (`DEFAULT_WIDTH` when not given).
    pub width: Option<u16>,
    /// Colour the table's verdicts with ANSI escapes.
    pub color: bool,
    /// How the JSON and JSON Lines reports are written (`--pretty`, `--sentences`).
    pub json: json::JsonOptions,
}

/// The table's width when neither `--width`, the terminal nor `COLUMNS` gives one.
pub const DEFAULT_WIDTH: u16 = 100;

/// Write the report in `format` to `w`.
pub fn write(rep: &Report, format: Format, opts: Options, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    match format {
        Format::Json => json::write_with(rep, opts.json, w),
        Format::Jsonl => jsonl::write_with(rep, opts.json.sentences, w),
        _ => w.write_all(render(rep, format, opts).as_bytes()),
    }
}

/// The report in `format` as a string.
pub fn render(rep: &Report, format: Format, opts: Options) -> String {
    match format {
        Format::Table => table::render(rep, opts),
        Format::Json => json::render_with(rep, opts.json),
        Format::Jsonl => jsonl::render(rep),
        Format::Sarif => sarif::render(rep, opts),
        Format::Github => github::render(rep, opts),
        Format::Markdown => markdown::render(rep, opts),
        Format::Csv => csv::render(rep),
        Format::Html => html::render(rep, opts),
    }
}

/// Whether a people-facing view shows this finding.
pub fn shown(f: &Finding, opts: Options) -> bool {
    f.verdict != Verdict::SingleSource || opts.show_single
}

/// Whether a view people read (table, markdown, html) shows this finding: `--only` decides
/// when given.
pub fn visible(f: &Finding, opts: Options) -> bool {
    match opts.only {
        Some(set) => set.contains(f.verdict),
        None => shown(f, opts),
    }
}

/// "; showing only conflict, updated" for a summary line, or nothing without `--only`.
pub fn only_note(opts: Options) -> Option<String> {
    let set = opts.only?;
    Some(format!("showing only {}", set.verdicts().map(|v| v.name()).collect::<Vec<_>>().join(", ")))
}

/// Where a claim sits: the file as named, 1-based line and column (in characters) of its first
/// character and of the character after it, and its byte range.
#[derive(Debug, Clone, Copy)]
pub struct Loc<'a> {
    pub doc: &'a Document,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
    /// The words of the claim.
    pub text: &'a str,
}

/// The location of claim `i`.
pub fn locate(rep: &Report, i: usize) -> Loc<'_> {
    let c = &rep.claims[i];
    let doc = &rep.documents[c.doc];
    let (line, column) = doc.line_col(c.span.start);
    let (end_line, end_column) = doc.line_col(c.span.end);
    // Byte offsets of the file as read (a decoded or HTML file maps back to its own bytes).
    let (start, end) = doc.file_span(c.span);
    Loc { doc, line, column, end_line, end_column, start, end, text: doc.text.get(c.span.start..c.span.end).unwrap_or("") }
}

/// What a finding is about, for people: the kind of claim with its topic
/// (`quantity: munitions`, `quote: jens_stoltenberg`), or `weekday` / `name`.
pub fn fact(rep: &Report, f: &Finding) -> String {
    let kind = f.claims.first().map(|&c| rep.claims[c].kind.name()).unwrap_or("");
    if f.topic == "weekday" || f.topic == "name" { f.topic.clone() } else { format!("{kind}: {}", f.topic) }
}

/// The rule a finding falls under in SARIF and annotations: its verdict and the kind of its
/// alignment key (`conflict/quantity`, `corroborated/event`, `conflict/weekday`).
pub fn rule_id(f: &Finding) -> String {
    let kind = f.key.split('|').next().filter(|k| !k.is_empty()).unwrap_or("claim");
    format!("{}/{kind}", f.verdict.name())
}

/// "5 documents, 40 claims: 1 conflict, 0 updated, …" — the counts every summary line shares.
pub fn counts(rep: &Report) -> String {
    let count = |v: Verdict| rep.findings.iter().filter(|f| f.verdict == v).count();
    format!(
        "{} documents, {} claims: {} conflict, {} updated, {} compatible, {} corroborated, {} single-source",
        rep.documents.len(),
        rep.claims.len(),
        count(Verdict::Conflict),
        count(Verdict::Updated),
        count(Verdict::Compatible),
        count(Verdict::Corroborated),
        count(Verdict::SingleSource),
    )
}

/// "37 findings suppressed by the baseline (1 accepted)", or `None` without a baseline.
pub fn suppressed_note(rep: &Report) -> Option<String> {
    rep.baseline.as_ref()?;
    let n = rep.suppressed.len();
    let accepted = rep.suppressed.iter().filter(|s| s.reason.is_some()).count();
    Some(format!("{n} finding{} suppressed by the baseline ({accepted} accepted)", if n == 1 { "" } else { "s" }))
}
