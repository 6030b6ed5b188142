//! GitHub Actions workflow commands: each shown finding becomes an annotation on **every** claim
//! it rests on, so the article a pull request changes is marked whichever source a finding
//! cites first:
//!
//! ```text
//! ::error file=seeds/002.txt,line=15,col=52,endLine=15,endColumn=86,title=claimcheck conflict (quantity%3A munitions)::<explanation>%0Athis claim (1 of 2): 'lebih dari 11.000 kontainer amunisi'
//! ```
//!
//! The command follows the severity: error → `::error`, warning → `::warning`, info →
//! `::notice`. Values are escaped as the runner expects (`%`, CR, LF everywhere; `:` and `,` in
//! properties too). A last plain line carries the summary counts. GitHub shows at most a few
//! dozen annotations per step; the log keeps them all.

use super::{Options, counts, fact, locate, shown, suppressed_note};
use crate::judge::Severity;
use crate::Report;

fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(rep: &Report, opts: Options) -> String {
    let mut out = String::new();
    for f in rep.findings.iter().filter(|f| shown(f, opts)) {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = format!("claimcheck {} ({})", f.verdict.name(), fact(rep, f));
        let n = f.claims.len();
        for (k, &ci) in f.claims.iter().enumerate() {
            let l = locate(rep, ci);
            let message = format!("{}\nthis claim ({} of {n}): '{}'", rep.explanation(f), k + 1, l.text);
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                property(&l.doc.path),
                l.line,
                l.column,
                l.end_line,
                l.end_column,
                property(&title),
                data(&message)
            ));
        }
    }
    let suppressed = suppressed_note(rep).map(|n| format!("; {n}")).unwrap_or_default();
    out.push_str(&format!("claimcheck: {}{suppressed}\n", counts(rep)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        assert_eq!(data("50% up\r\nnext"), "50%25 up%0D%0Anext");
        assert_eq!(property("a: b, c"), "a%3A b%2C c");
    }
}
