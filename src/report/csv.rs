//! CSV for spreadsheets: a header, then one row per claim of each reported finding —
//! `fingerprint, verdict, severity, key, document, path, line, column, text, value,
//! explanation` — with `value` the normalised value as compact canonical JSON. Quoting follows
//! RFC 4180 (the `csv` crate): fields with commas, quotes or line breaks are quoted.

use crate::Report;

const HEADER: [&str; 11] = ["fingerprint", "verdict", "severity", "key", "document", "path", "line", "column", "text", "value", "explanation"];

pub fn render(rep: &Report) -> String {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    // Writing to memory cannot fail; a failed row would only shorten the output.
    let _ = w.write_record(HEADER);
    for f in &rep.findings {
        let explanation = rep.explanation(f);
        for &ci in &f.claims {
            let l = super::locate(rep, ci);
            let value = super::value_json::report(&rep.claims[ci]).to_json();
            let _ = w.write_record([
                f.fingerprint.as_str(),
                f.verdict.name(),
                f.severity.name(),
                f.key.as_str(),
                l.doc.id.as_str(),
                l.doc.path.as_str(),
                &l.line.to_string(),
                &l.column.to_string(),
                l.text,
                &value,
                &explanation,
            ]);
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
