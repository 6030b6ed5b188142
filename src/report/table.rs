//! The table for people: one row per fact, conflicts first — who says what (each value with
//! the names that state it and how many articles; an updated figure as its timeline), why, and
//! every cited line once.
//!
//! It fits the width it is given (`Options::width`, else `DEFAULT_WIDTH`): from `WIDE` columns
//! on, verdict, fact, who says what and why each have a column; below, verdict and fact share
//! the first and the rest stack in the second, so 80 columns stay readable. Colour (verdicts
//! only) is an option the command line decides, never guessed here: same options, same bytes.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width};

use super::facts::{self, Fact, verdict_label};
use super::{DEFAULT_WIDTH, Options, only_note, visible};
use crate::Report;
use crate::judge::{Severity, Verdict};

/// From this many columns on, the table has a column each for verdict, fact, who and why.
pub const WIDE: u16 = 110;

fn colour(v: Verdict, s: Severity) -> Color {
    match (v, s) {
        (Verdict::Conflict, Severity::Error) => Color::Red,
        (_, Severity::Error | Severity::Warning) => Color::Yellow,
        (Verdict::Updated, _) => Color::Cyan,
        (Verdict::Conflict | Verdict::Compatible | Verdict::Corroborated, _) => Color::Green,
        (Verdict::SingleSource, _) => Color::Grey,
    }
}

fn verdict_cell(f: &Fact, extra: Option<&str>, color: bool) -> Cell {
    let text = match extra {
        Some(e) => format!("{}\n{e}", verdict_label(f.verdict, f.severity)),
        None => verdict_label(f.verdict, f.severity),
    };
    let cell = Cell::new(text);
    if color { cell.fg(colour(f.verdict, f.severity)).add_attribute(Attribute::Bold) } else { cell }
}

/// Who says what, one value a line; a timeline oldest first, the latest marked.
fn who_says_what(f: &Fact) -> String {
    let n = f.groups.len();
    let mut lines: Vec<String> = Vec::with_capacity(n);
    for (i, g) in f.groups.iter().enumerate() {
        let line = g.line();
        lines.push(match (f.timeline, i) {
            (false, _) => line,
            (true, 0) if n > 1 => line,
            (true, i) if i + 1 == n => format!("→ {line} ← latest"),
            (true, _) => format!("→ {line}"),
        });
    }
    lines.join("\n")
}

pub fn render(rep: &Report, opts: Options) -> String {
    let width = opts.width.unwrap_or(DEFAULT_WIDTH);
    let wide = width >= WIDE;
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::DynamicFullWidth).set_width(width);
    // The caller decides about colour; the terminal is never asked here.
    if opts.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    if wide {
        t.set_header(vec!["verdict", "fact", "who says what", "why"]);
        // Verdict and fact are short: fixed widths, so the rest goes to the values and the why.
        t.set_constraints(vec![
            ColumnConstraint::Absolute(Width::Fixed(20)),
            ColumnConstraint::Absolute(Width::Percentage(14)),
            ColumnConstraint::LowerBoundary(Width::Percentage(40)),
            ColumnConstraint::LowerBoundary(Width::Percentage(25)),
        ]);
    } else {
        t.set_header(vec!["fact", "who says what · why"]);
        t.set_constraints(vec![ColumnConstraint::Absolute(Width::Fixed(20)), ColumnConstraint::LowerBoundary(Width::Percentage(60))]);
    }
    let mut shown = 0usize;
    let mut single = 0usize;
    for f in &rep.findings {
        if !visible(f, opts) {
            if f.verdict == Verdict::SingleSource && opts.only.is_none() {
                single += 1;
            }
            continue;
        }
        shown += 1;
        let fact = facts::fact(rep, f);
        let tally = who_says_what(&fact);
        let at = format!("at {}", fact.cites);
        if wide {
            t.add_row(vec![verdict_cell(&fact, None, opts.color), Cell::new(&fact.title), Cell::new(format!("{tally}\n{at}")), Cell::new(&fact.why)]);
        } else {
            t.add_row(vec![verdict_cell(&fact, Some(&fact.title), opts.color), Cell::new(format!("{tally}\nwhy: {}\n{at}", fact.why))]);
        }
    }
    let mut out = String::new();
    if shown > 0 {
        out.push_str(&t.to_string());
        out.push('\n');
    }
    let mut notes: Vec<String> = Vec::new();
    notes.extend(only_note(opts));
    if single > 0 {
        notes.push("single-source rows hidden; --all shows them".into());
    }
    let notes = if notes.is_empty() { String::new() } else { format!(" ({})", notes.join("; ")) };
    let suppressed = super::suppressed_note(rep).map(|n| format!("; {n}")).unwrap_or_default();
    out.push_str(&format!("{}{notes}{suppressed}\n", super::counts(rep)));
    out
}
