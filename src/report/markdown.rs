//! Markdown for a pull-request comment, written for the person reviewing the article: a summary
//! line, a table of the conflicts and warnings, then every other shown finding folded in a
//! `<details>` block. Article text is escaped (Markdown punctuation backslashed, `|` so tables
//! hold, line breaks flattened), so nothing an article says can break the comment's layout.

use super::{Options, counts, fact, locate, only_note, suppressed_note, visible};
use crate::judge::{Finding, Severity, describe, truncate};
use crate::Report;

/// Text made inert in Markdown (GitHub Flavored, in a table cell).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            // What can start emphasis, code, a link, an HTML tag or entity, or end a table cell
            // anywhere in a line ('#', '-', '+' and '.' only matter at a line's start, which a
            // cell never is).
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '>' | '<' | '&' => {
                out.push('\\');
                out.push(ch);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn table(rep: &Report, findings: &[&Finding]) -> String {
    let mut out = String::from("| verdict | fact | sources | why |\n| --- | --- | --- | --- |\n");
    for f in findings {
        let sources: Vec<String> = f
            .claims
            .iter()
            .map(|&ci| {
                let l = locate(rep, ci);
                format!("{}:{} — {} — “{}”", escape(l.doc.file_name()), l.line, escape(&describe(&rep.claims[ci])), escape(&truncate(l.text, 80)))
            })
            .collect();
        out.push_str(&format!(
            "| **{}** ({}) | {} | {} | {} |\n",
            f.verdict.name(),
            f.severity.name(),
            escape(&fact(rep, f)),
            sources.join("<br>"),
            escape(&rep.explanation(f))
        ));
    }
    out
}

pub fn render(rep: &Report, opts: Options) -> String {
    let shown_findings: Vec<&Finding> = rep.findings.iter().filter(|f| visible(f, opts)).collect();
    let (first, rest): (Vec<&Finding>, Vec<&Finding>) = shown_findings.iter().partition(|f| f.severity <= Severity::Warning);
    let errors = first.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = first.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut out = String::from("## claimcheck\n\n");
    out.push_str(&format!("**{}, {}** · {}", plural(errors, "error"), plural(warnings, "warning"), counts(rep)));
    if let Some(n) = suppressed_note(rep) {
        out.push_str(&format!(" · {n}"));
    }
    if let Some(n) = only_note(opts) {
        out.push_str(&format!(" · {n}"));
    }
    if !rep.input_errors.is_empty() {
        out.push_str(&format!(" · {} unreadable", plural(rep.input_errors.len(), "input")));
    }
    out.push_str("\n\n");
    if first.is_empty() {
        out.push_str("No conflicts or warnings.\n");
    } else {
        out.push_str("### Conflicts and warnings\n\n");
        out.push_str(&table(rep, &first));
    }
    if !rest.is_empty() {
        out.push_str(&format!("\n<details>\n<summary>{} more finding{} (updated, compatible, corroborated{})</summary>\n\n", rest.len(), if rest.len() == 1 { "" } else { "s" }, if opts.show_single { ", single-source" } else { "" }));
        out.push_str(&table(rep, &rest));
        out.push_str("\n</details>\n");
    }
    if !rep.input_errors.is_empty() {
        out.push_str("\n### Unreadable inputs\n\n");
        for e in &rep.input_errors {
            out.push_str(&format!("- {}: {}\n", escape(&e.path), escape(&e.reason)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markdown_in_article_text_is_inert() {
        assert_eq!(escape("a | b *c* [d](e) <b>\nx 11.000"), "a \\| b \\*c\\* \\[d\\](e) \\<b\\> x 11.000");
    }
}
