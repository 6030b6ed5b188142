//! The table for people: one row per finding, grouped by what is claimed, conflicts first;
//! each source's value with file:line and who said it.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, ContentArrangement, Table};

use crate::claim::Value;
use crate::judge::{Verdict, describe};
use crate::Report;

pub fn render(rep: &Report, show_single: bool) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic).set_width(160);
    t.set_header(vec!["verdict", "fact", "sources (file:line — value — who)", "why"]);
    let mut shown = 0usize;
    let mut single = 0usize;
    for f in &rep.findings {
        if f.verdict == Verdict::SingleSource && !show_single {
            single += 1;
            continue;
        }
        shown += 1;
        let mut lines = Vec::new();
        let last = f.claims.last().copied();
        for &ci in &f.claims {
            let c = &rep.claims[ci];
            let d = &rep.documents[c.doc];
            let (l, _) = d.line_col(c.span.start);
            let who = c.source.as_ref().or(c.speaker.as_ref()).map(|r| format!(" — {}", r.id())).unwrap_or_default();
            let hedge = if c.hedged { " (alleged)" } else { "" };
            // An update reads as a timeline: each figure with the time it was stated.
            let when = match (&c.value, f.verdict) {
                (Value::Quantity(q), Verdict::Updated) => {
                    let date = q.as_of.as_ref().and_then(|m| m.resolved.as_ref()).map_or("?".to_string(), |r| r.iso());
                    let time = q.as_of_time.map(|t| format!(" {}", t.describe())).unwrap_or_default();
                    let latest = if Some(ci) == last { " ← latest" } else { "" };
                    format!(" — as of {date}{time}{latest}")
                }
                _ => String::new(),
            };
            lines.push(format!("{}:{l} — {}{who}{hedge}{when}", d.file_name(), describe(c)));
        }
        let verdict = format!("{} ({})", f.verdict.name(), f.severity.name());
        // What kind of claim the fact is, then what it is about: "quote: jens_stoltenberg".
        let fact = super::fact(rep, f);
        t.add_row(vec![Cell::new(verdict), Cell::new(fact), Cell::new(lines.join("\n")), Cell::new(&f.explanation)]);
    }
    let mut out = String::new();
    if shown > 0 {
        out.push_str(&t.to_string());
        out.push('\n');
    }
    let hidden = if single > 0 { " (single-source rows hidden; --all shows them)" } else { "" };
    let suppressed = super::suppressed_note(rep).map(|n| format!("; {n}")).unwrap_or_default();
    out.push_str(&format!("{}{hidden}{suppressed}\n", super::counts(rep)));
    out
}
