//! The HTML report: one self-contained page for a fact-checker who would rather look than
//! read — a summary, each fact as a card (verdict, who says what, why, the timeline of an
//! updated figure), the articles side by side with every claim highlighted and the contested
//! ones marked (click a claim: its facts; click a fact: its claims in every article), and the
//! claim graph drawn as SVG (documents on the left, facts on the right, an edge where a fact
//! rests on a claim of the document).
//!
//! Self-contained: the CSS and the small vanilla script (`html/report.css`, `html/report.js`)
//! are inlined and allowed by their SHA-256 in a Content-Security-Policy that forbids anything
//! else, so nothing is fetched and nothing an article says can run. Every piece of text goes
//! through `escape`. Same report, same bytes: no clock, no random ids, ids follow the JSON
//! report's (`f3`, `c12`, `d1`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::facts::{self, Fact, verdict_label};
use super::phrase::Phraser;
use super::{Options, counts, only_note, suppressed_note, visible};
use crate::claim::Value;
use crate::judge::{Severity, Verdict};
use crate::{Document, Report};

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// Height of one row of the claim graph, in pixels.
const ROW: usize = 24;
/// Width of the claim graph's node boxes and of the gap the edges cross.
const NODE_W: usize = 260;
const GAP: usize = 260;
/// How many characters of a label fit in a graph node.
const NODE_CHARS: usize = 40;

/// Text made inert in HTML, for element content and quoted attribute values alike.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Standard base64, for the CSP hashes.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(A[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn csp_hash(s: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(s.as_bytes())))
}

/// The class of a verdict (`v-conflict`), as CSS and the script know it.
fn vclass(v: Verdict) -> String {
    format!("v-{}", v.name())
}

fn fact_id(i: usize) -> String {
    format!("f{}", i + 1)
}

fn claim_id(i: usize) -> String {
    format!("c{}", i + 1)
}

fn doc_id(i: usize) -> String {
    format!("d{}", i + 1)
}

/// A span of an article's text and the claims (and furniture) covering it.
#[derive(Debug, PartialEq)]
struct Segment {
    start: usize,
    end: usize,
    /// Indices into the spans given, innermost (shortest) first.
    covering: Vec<usize>,
}

/// Cut `0..len` into non-overlapping segments at every span boundary, each with the spans
/// that cover it: overlapping and nested claims become runs of segments. Boundaries that do
/// not fall on a character of `text` are dropped.
fn segments(text: &str, spans: &[(usize, usize)]) -> Vec<Segment> {
    let len = text.len();
    let mut cuts: Vec<usize> = vec![0, len];
    for &(s, e) in spans {
        cuts.extend([s.min(len), e.min(len)]);
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        let mut covering: Vec<usize> = spans.iter().enumerate().filter(|(_, (s, e))| *s <= start && end <= *e && s < e).map(|(i, _)| i).collect();
        covering.sort_by_key(|&i| (spans[i].1 - spans[i].0, i));
        out.push(Segment { start, end, covering });
    }
    out
}

/// The part of a document shown: from its title or first paragraph (front matter is not part
/// of the article).
fn body_start(d: &Document) -> usize {
    let s = &d.extract.segments;
    let starts = s.title.iter().map(|t| t.start).chain(s.paragraphs.first().map(|p| p.start)).chain(s.sentences.first().map(|x| x.span.start));
    starts.min().unwrap_or(0).min(d.text.len())
}

struct Page<'a> {
    rep: &'a Report,
    p: Phraser<'a>,
    /// Shown findings, by index into `rep.findings`.
    shown: Vec<usize>,
    /// Claim → the shown findings resting on it.
    facts_of: BTreeMap<usize, Vec<usize>>,
    /// Claims in any conflict, and in any update.
    contested: std::collections::BTreeSet<usize>,
    updated: std::collections::BTreeSet<usize>,
}

impl Page<'_> {
    fn summary(&self, opts: Options, out: &mut String) {
        let rep = self.rep;
        let _ = write!(out, "<p class=\"summary\">{}", escape(&counts(rep)));
        for n in only_note(opts).into_iter().chain(suppressed_note(rep)) {
            let _ = write!(out, " · {}", escape(&n));
        }
        out.push_str("</p>\n<p class=\"filters\">");
        for v in [Verdict::Conflict, Verdict::Updated, Verdict::Compatible, Verdict::Corroborated, Verdict::SingleSource] {
            let n = self.shown.iter().filter(|&&i| rep.findings[i].verdict == v).count();
            if n > 0 {
                let _ = write!(out, "<label><input type=\"checkbox\" checked data-verdict=\"{0}\"> {1} ({n})</label>", escape(v.name()), escape(&v.name().replace('_', "-")));
            }
        }
        out.push_str("</p>\n");
    }

    fn sources(&self, out: &mut String) {
        let rep = self.rep;
        out.push_str("<section id=\"sources\"><h2>Sources</h2>\n<table class=\"docs\"><thead><tr><th>outlet</th><th>title</th><th>published</th><th>language</th><th>file</th><th>claims</th></tr></thead><tbody>\n");
        let mut per_doc = vec![0usize; rep.documents.len()];
        for c in &rep.claims {
            if let Some(n) = per_doc.get_mut(c.doc) {
                *n += 1;
            }
        }
        for (i, d) in rep.documents.iter().enumerate() {
            let published = d.published.date.map(|x| x.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "<tr data-doc=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"#{}\">{}</a></td><td>{}</td></tr>",
                doc_id(i),
                escape(&self.p.outlet(i)),
                escape(d.title.as_deref().unwrap_or("")),
                escape(&published),
                escape(&d.language),
                doc_id(i),
                escape(&d.path),
                per_doc[i]
            );
        }
        out.push_str("</tbody></table>\n");
        if !rep.input_errors.is_empty() || !rep.warnings.is_empty() {
            out.push_str("<ul class=\"notes\">\n");
            for e in &rep.input_errors {
                let _ = writeln!(out, "<li>unreadable: {}: {}</li>", escape(&e.path), escape(&e.reason));
            }
            for w in &rep.warnings {
                let _ = writeln!(out, "<li>{}</li>", escape(w));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }

    /// Links to each claim of a group: "c.md:7".
    fn cites(&self, claims: &[usize]) -> String {
        let mut s = String::new();
        for &ci in claims {
            let c = &self.rep.claims[ci];
            let d = &self.rep.documents[c.doc];
            let (line, _) = d.line_col(c.span.start);
            let _ = write!(s, "<a class=\"cite\" href=\"#{}\">{}:{line}</a>", claim_id(ci), escape(d.file_name()));
        }
        s
    }

    fn card(&self, fi: usize, out: &mut String) {
        let f = &self.rep.findings[fi];
        let fact: Fact = facts::fact(self.rep, f);
        let claims: Vec<String> = f.claims.iter().map(|&c| claim_id(c)).collect();
        let sev = if f.severity == Severity::Info { String::new() } else { format!(" s-{}", f.severity.name()) };
        let _ = writeln!(
            out,
            "<article class=\"fact {}{sev}\" id=\"{}\" data-claims=\"{}\" data-fingerprint=\"{}\">",
            vclass(f.verdict),
            fact_id(fi),
            claims.join(" "),
            escape(&f.fingerprint)
        );
        let _ = writeln!(out, "<header><span class=\"verdict\">{}</span><h3>{}</h3></header>", escape(&verdict_label(f.verdict, f.severity)), escape(&fact.title));
        if fact.timeline {
            self.timeline_svg(&fact, out);
        }
        out.push_str(if fact.timeline { "<ol class=\"values\">\n" } else { "<ul class=\"values\">\n" });
        for (i, g) in fact.groups.iter().enumerate() {
            let n = g.docs.len();
            let when = g.when.as_ref().map(|w| format!(" <span class=\"when\">[{}]</span>", escape(w))).unwrap_or_default();
            let latest = if fact.timeline && i + 1 == fact.groups.len() && i > 0 { " <span class=\"when\">← latest</span>" } else { "" };
            let _ = writeln!(
                out,
                "<li><span class=\"value\">{}</span>{when} — {} <span class=\"n\">({n} article{})</span>{latest}{}</li>",
                escape(&g.value),
                escape(&g.who.join(", ")),
                if n == 1 { "" } else { "s" },
                self.cites(&g.claims)
            );
        }
        out.push_str(if fact.timeline { "</ol>\n" } else { "</ul>\n" });
        let _ = writeln!(out, "<p class=\"why\">{}</p>\n</article>", escape(&fact.why));
    }

    /// An updated figure over time: one point per step, evenly spaced (steps need not have
    /// dates), the value's height between the smallest and the largest.
    fn timeline_svg(&self, fact: &Fact, out: &mut String) {
        let values: Vec<Option<f64>> = fact
            .groups
            .iter()
            .map(|g| match g.claims.first().map(|&c| &self.rep.claims[c].value) {
                Some(Value::Quantity(q)) => match (q.interval.low, q.interval.high) {
                    (Some(a), Some(b)) => Some((a + b) / 2.0),
                    (Some(a), None) | (None, Some(a)) => Some(a),
                    (None, None) => None,
                },
                _ => None,
            })
            .collect();
        let known: Vec<f64> = values.iter().flatten().copied().collect();
        if known.len() < 2 {
            return;
        }
        let (lo, hi) = known.iter().fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
        let (w, h, pad) = (340.0_f64, 120.0_f64, 24.0_f64);
        let n = values.len();
        let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / (n.max(2) - 1) as f64;
        let y = |v: f64| if hi > lo { h - pad - (h - 2.0 * pad) * (v - lo) / (hi - lo) } else { h / 2.0 };
        let _ = write!(out, "<svg class=\"timeline\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">", escape(&format!("{} over time", fact.title)));
        let _ = write!(out, "<line class=\"axis\" x1=\"{pad}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\"/>", h - pad / 2.0, w - pad);
        let pts: Vec<String> = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x(i), y(v)))).collect();
        let _ = write!(out, "<polyline class=\"step\" points=\"{}\"/>", pts.join(" "));
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v {
                let label = crate::claim::fmt_num(*v);
                let _ = write!(out, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\"><title>{}</title></circle>", x(i), y(*v), escape(&fact.groups[i].line()));
                let _ = write!(out, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>", x(i), (y(*v) - 8.0).max(10.0), escape(&label));
            }
        }
        out.push_str("</svg>\n");
    }

    fn facts(&self, out: &mut String) {
        out.push_str("<section id=\"facts\"><h2>Facts</h2>\n");
        if self.shown.is_empty() {
            out.push_str("<p class=\"notes\">No finding to show.</p>\n");
        }
        out.push_str("<div class=\"facts\">\n");
        for &fi in &self.shown {
            self.card(fi, out);
        }
        out.push_str("</div></section>\n");
    }

    fn article(&self, di: usize, out: &mut String) {
        let rep = self.rep;
        let d = &rep.documents[di];
        let start = body_start(d);
        let text = d.text.get(start..).unwrap_or("");
        // Claims of this document and removed furniture, as spans relative to `start`.
        let claims: Vec<usize> = (0..rep.claims.len()).filter(|&ci| rep.claims[ci].doc == di && rep.claims[ci].span.start >= start).collect();
        let mut spans: Vec<(usize, usize)> = claims.iter().map(|&ci| (rep.claims[ci].span.start - start, rep.claims[ci].span.end.saturating_sub(start))).collect();
        let furniture: Vec<(usize, usize)> = d.extract.segments.removed.iter().filter(|r| r.span.start >= start).map(|r| (r.span.start - start, r.span.end - start)).collect();
        spans.extend(&furniture);
        let published = d.published.date.map(|x| format!(" · {x}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "<article class=\"doc\" id=\"{}\"><h3>{}</h3><p class=\"meta\">{}{} · {} · {} claims</p>",
            doc_id(di),
            escape(d.title.as_deref().unwrap_or(d.file_name())),
            escape(&self.p.outlet(di)),
            escape(&published),
            escape(&d.path),
            claims.len()
        );
        out.push_str("<div class=\"text\">");
        let mut started: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
        for seg in segments(text, &spans) {
            let piece = escape(&text[seg.start..seg.end]);
            let on_claims: Vec<usize> = seg.covering.iter().filter(|&&i| i < claims.len()).map(|&i| claims[i]).collect();
            let in_furniture = seg.covering.iter().any(|&i| i >= claims.len());
            if on_claims.is_empty() {
                if in_furniture {
                    let _ = write!(out, "<span class=\"furniture\" title=\"removed as page furniture\">{piece}</span>");
                } else {
                    out.push_str(&piece);
                }
                continue;
            }
            let mut class = String::from("claim");
            if on_claims.iter().any(|c| self.contested.contains(c)) {
                class.push_str(" contested");
            } else if on_claims.iter().any(|c| self.updated.contains(c)) {
                class.push_str(" updated");
            }
            let mut fs: Vec<usize> = on_claims.iter().flat_map(|c| self.facts_of.get(c).into_iter().flatten().copied()).collect();
            fs.sort_unstable();
            fs.dedup();
            // The first segment of a claim carries its id, so `#c12` links land on it; claims
            // that start in the same place get an empty anchor of their own before it.
            let fresh: Vec<usize> = on_claims.iter().copied().filter(|c| started.insert(*c)).collect();
            let id = fresh.first().map(|c| format!(" id=\"{}\"", claim_id(*c))).unwrap_or_default();
            for c in fresh.iter().skip(1) {
                let _ = write!(out, "<span class=\"anchor\" id=\"{}\"></span>", claim_id(*c));
            }
            let title: Vec<String> = on_claims.iter().map(|&c| format!("{} ({})", self.p.value(c), rep.claims[c].kind.name())).collect();
            let _ = write!(
                out,
                "<mark class=\"{class}\"{id} data-claims=\"{}\" data-facts=\"{}\" title=\"{}\">{piece}</mark>",
                on_claims.iter().map(|&c| claim_id(c)).collect::<Vec<_>>().join(" "),
                fs.iter().map(|&f| fact_id(f)).collect::<Vec<_>>().join(" "),
                escape(&title.join("; "))
            );
        }
        out.push_str("</div></article>\n");
    }

    fn articles(&self, out: &mut String) {
        out.push_str("<section id=\"articles\"><h2>Articles</h2>\n<p class=\"notes\">Every claim is highlighted: contested ones in red, updated figures in blue. Click a claim for its facts, a fact for its claims in every article.</p>\n<div class=\"docs-row\">\n");
        for di in 0..self.rep.documents.len() {
            self.article(di, out);
        }
        out.push_str("</div></section>\n");
    }

    /// The claim graph: documents in a column on the left in input order, facts on the right
    /// in report order, spread over the same height; an edge per (document, fact) the fact
    /// rests on, coloured by verdict, as thick as the number of claims.
    fn graph(&self, out: &mut String) {
        let rep = self.rep;
        let nd = rep.documents.len();
        let nf = self.shown.len();
        out.push_str("<section id=\"graph\"><h2>Claim graph</h2>\n<p class=\"notes\">Sources on the left, facts on the right; an edge where a fact rests on a claim of the source. Click a fact to see its claims.</p>\n");
        if nf == 0 || nd == 0 {
            out.push_str("<p class=\"notes\">No finding to draw.</p></section>\n");
            return;
        }
        let height = nd.max(nf) * ROW + ROW;
        let width = 2 * NODE_W + GAP + 20;
        let yd = |i: usize| ROW / 2 + (i * (height - ROW)) / nd + (height - ROW) / (2 * nd);
        let yf = |i: usize| ROW / 2 + (i * (height - ROW)) / nf + (height - ROW) / (2 * nf);
        let _ = writeln!(out, "<div class=\"graph\"><svg class=\"claims\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        let (x1, x2) = (10 + NODE_W, 10 + NODE_W + GAP);
        for (k, &fi) in self.shown.iter().enumerate() {
            let f = &rep.findings[fi];
            let mut per_doc: BTreeMap<usize, usize> = BTreeMap::new();
            for &ci in &f.claims {
                *per_doc.entry(rep.claims[ci].doc).or_default() += 1;
            }
            for (d, n) in per_doc {
                let (ya, yb) = (yd(d), yf(k));
                let mid = (x1 + x2) / 2;
                let _ = writeln!(
                    out,
                    "<path class=\"edge {}\" data-fact=\"{}\" data-doc=\"{}\" stroke-width=\"{}\" d=\"M{x1} {ya} C{mid} {ya} {mid} {yb} {x2} {yb}\"/>",
                    vclass(f.verdict),
                    fact_id(fi),
                    doc_id(d),
                    n.min(6)
                );
            }
        }
        for (i, _) in rep.documents.iter().enumerate() {
            let label = crate::judge::truncate(&self.p.outlet(i), NODE_CHARS);
            let y = yd(i);
            let _ = writeln!(
                out,
                "<g class=\"node doc\" data-doc=\"{}\"><rect x=\"10\" y=\"{}\" width=\"{NODE_W}\" height=\"{}\" rx=\"4\"/><text x=\"18\" y=\"{}\">{}</text><title>{}</title></g>",
                doc_id(i),
                y - ROW / 2 + 2,
                ROW - 4,
                y + 4,
                escape(&label),
                escape(&rep.documents[i].path)
            );
        }
        for (k, &fi) in self.shown.iter().enumerate() {
            let f = &rep.findings[fi];
            let title = self.p.fact(f);
            let label = crate::judge::truncate(&title, NODE_CHARS - 4);
            let y = yf(k);
            let _ = writeln!(
                out,
                "<g class=\"node fact\" data-fact=\"{}\"><rect x=\"{x2}\" y=\"{}\" width=\"{NODE_W}\" height=\"{}\" rx=\"4\"/><circle class=\"dot {}\" cx=\"{}\" cy=\"{y}\" r=\"5\"/><text x=\"{}\" y=\"{}\">{}</text><title>{}</title></g>",
                fact_id(fi),
                y - ROW / 2 + 2,
                ROW - 4,
                vclass(f.verdict),
                x2 + 12,
                x2 + 24,
                y + 4,
                escape(&label),
                escape(&format!("{}: {}", verdict_label(f.verdict, f.severity), title))
            );
        }
        out.push_str("</svg></div></section>\n");
    }
}

pub fn render(rep: &Report, opts: Options) -> String {
    let shown: Vec<usize> = (0..rep.findings.len()).filter(|&i| visible(&rep.findings[i], opts)).collect();
    let mut facts_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &fi in &shown {
        for &ci in &rep.findings[fi].claims {
            facts_of.entry(ci).or_default().push(fi);
        }
    }
    let mut contested = std::collections::BTreeSet::new();
    let mut updated = std::collections::BTreeSet::new();
    for f in &rep.findings {
        match f.verdict {
            Verdict::Conflict => contested.extend(f.claims.iter().copied()),
            Verdict::Updated => updated.extend(f.claims.iter().copied()),
            _ => {}
        }
    }
    let page = Page { rep, p: Phraser::new(rep), shown, facts_of, contested, updated };
    let mut out = String::with_capacity(64 * 1024 + rep.documents.iter().map(|d| d.text.len() * 2).sum::<usize>());
    let csp = format!("default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'", csp_hash(CSS), csp_hash(JS));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n<meta name=\"generator\" content=\"claimcheck {}\">\n<title>claimcheck: {} documents</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(&csp),
        escape(env!("CARGO_PKG_VERSION")),
        rep.documents.len()
    );
    out.push_str("<header class=\"top\"><h1>claimcheck</h1>\n");
    page.summary(opts, &mut out);
    out.push_str("<nav><a href=\"#facts\">Facts</a><a href=\"#articles\">Articles</a><a href=\"#graph\">Claim graph</a><a href=\"#sources\">Sources</a></nav></header>\n<main>\n");
    out.push_str("<div class=\"workspace\">\n");
    page.facts(&mut out);
    page.articles(&mut out);
    out.push_str("</div>\n");
    page.graph(&mut out);
    page.sources(&mut out);
    let _ = write!(out, "</main>\n<script>{JS}</script>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_markup_inert() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("\"><img src=x onerror=alert(1)>"), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(escape("Tom & Jerry's"), "Tom &amp; Jerry&#39;s");
        assert_eq!(escape("plain ünïcode"), "plain ünïcode");
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn overlapping_and_nested_spans_become_segments() {
        let text = "abcdefghij";
        // 1..5 and 3..8 overlap; 4..5 nests in both.
        let segs = segments(text, &[(1, 5), (3, 8), (4, 5)]);
        let got: Vec<(usize, usize, Vec<usize>)> = segs.into_iter().map(|s| (s.start, s.end, s.covering)).collect();
        assert_eq!(got, vec![(0, 1, vec![]), (1, 3, vec![0]), (3, 4, vec![0, 1]), (4, 5, vec![2, 0, 1]), (5, 8, vec![1]), (8, 10, vec![])]);
        // A boundary inside a character is dropped, never split.
        let segs = segments("aé", &[(2, 3)]);
        assert!(segs.iter().all(|s| "aé".is_char_boundary(s.start) && "aé".is_char_boundary(s.end)));
    }
}
