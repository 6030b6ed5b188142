//! Extract: runs the compiled rules of an article's language over its cleaned sentences and
//! produces claims with byte spans. Never fails on odd text: what it cannot read it skips.
//!
//! Per sentence: tokens → lexicon annotations → date mentions → recency and durations →
//! quantities → entities and speakers → quotations → events and dated statements → sets.
//! Dates stay unresolved here (`RawDate`); `normalise` resolves them once the article's own
//! date is known.

mod date;
mod duration;
mod event;
mod number;
mod quantity;
mod quote;
mod set;
mod speaker;
mod time;
mod tokens;

use std::collections::BTreeMap;

use crate::claim::*;
use crate::lexicon::{Lexicon, Tag, TokKind, tokenize};
use crate::rules::{LanguagePack, RuleError, RuleSet};
use crate::segment::{Cleaner, Segments, Span};

use tokens::*;

/// Compiled rules for every language.
pub struct Extractor<'r> {
    pub rules: &'r RuleSet,
    langs: BTreeMap<String, (&'r LanguagePack, Lexicon)>,
    pub cleaner: Cleaner,
    /// Every language's function words in one automaton; pattern → language index.
    stopwords: Option<(aho_corasick::AhoCorasick, Vec<Vec<usize>>)>,
}

/// What extraction found in one article.
#[derive(Debug, Clone, Default)]
pub struct DocExtract {
    pub language: String,
    pub segments: Segments,
    pub claims: Vec<Claim>,
    /// Dates in the page header (before the first full sentence): the page's own date.
    pub header_dates: Vec<DateMention>,
    /// Absolute body dates, for inferring the article's date when the page states none.
    pub body_dates: Vec<DateMention>,
    /// The clock time in the page header ("14:05 WIB").
    pub header_time: Option<TimeMention>,
    /// The outlet a metadata line names ("Source: …").
    pub outlet: Option<String>,
    /// A metadata line says the page's date is not known ("Date: unknown"): nothing is inferred.
    pub date_unknown: bool,
}

#[derive(Default)]
struct DocState {
    last_speaker: Option<Ref>,
    /// Unknown names seen in full, by their last word, so "Santoso" resolves to "Rahmat Santoso".
    names: BTreeMap<String, String>,
    body_started: bool,
}

impl<'r> Extractor<'r> {
    pub fn new(rules: &'r RuleSet) -> Result<Extractor<'r>, RuleError> {
        let mut langs = BTreeMap::new();
        for (code, pack) in &rules.languages {
            langs.insert(code.clone(), (pack, Lexicon::new(pack)?));
        }
        // A word shared by several languages credits each of them.
        let mut owners: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (li, (_, (pack, _))) in langs.iter().enumerate() {
            for w in pack.meta.iter().flat_map(|m| m.stopwords.iter()) {
                owners.entry(w.to_lowercase()).or_default().push(li);
            }
        }
        let (pats, owner): (Vec<String>, Vec<Vec<usize>>) = owners.into_iter().unzip();
        let stopwords = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&pats)
            .ok()
            .map(|ac| (ac, owner));
        Ok(Extractor { rules, langs, cleaner: Cleaner::new(rules), stopwords })
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.langs.keys().map(|s| s.as_str())
    }

    /// The language whose function words are most frequent in the text (one automaton pass
    /// over the first 20 kB, whole words only).
    pub fn detect_language(&self, text: &str) -> Option<String> {
        let sample = &text[..floor_char(text, text.len().min(20_000))];
        let (ac, owner) = self.stopwords.as_ref()?;
        let mut score = vec![0usize; self.langs.len()];
        let b = sample.as_bytes();
        for m in ac.find_iter(sample) {
            let before = m.start() == 0 || !b[m.start() - 1].is_ascii_alphanumeric();
            let after = m.end() == b.len() || !b[m.end()].is_ascii_alphanumeric();
            if before && after {
                for &l in &owner[m.pattern().as_usize()] {
                    score[l] += 1;
                }
            }
        }
        let best = score.iter().enumerate().max_by_key(|(i, s)| (**s, usize::MAX - i))?.0;
        self.langs.keys().nth(best).cloned()
    }

    /// Extract every claim of one article.
    pub fn extract(&self, doc: usize, text: &str, body_start: usize, has_title: bool, lang: &str) -> DocExtract {
        let mut out = DocExtract { language: lang.to_string(), ..Default::default() };
        out.segments = self.cleaner.segment(text, body_start, has_title);
        let Some((pack, lex)) = self.langs.get(lang) else { return out };
        let mut st = DocState::default();
        let sentences = std::mem::take(&mut out.segments.sentences);
        // One set of buffers for all sentences of the article: no allocation per sentence.
        let mut sent = Sent { text, toks: Vec::new(), anns: Vec::new(), first: Vec::new(), used: Vec::new(), in_quote: Vec::new(), span: Span { start: 0, end: 0 }, is_title: false };
        for s in &sentences {
            sent.toks.clear();
            tokenize(text, s.span.start, s.span.end, &mut sent.toks);
            if sent.toks.is_empty() {
                continue;
            }
            lex.annotate_into(text, &sent.toks, &mut sent.anns);
            let n = sent.toks.len();
            // first[i] = index of the first annotation starting at token ≥ i; first[n] = len.
            sent.first.clear();
            let mut k = 0;
            for i in 0..=n {
                while k < sent.anns.len() && sent.anns[k].start < i {
                    k += 1;
                }
                sent.first.push(k);
            }
            sent.used.clear();
            sent.used.resize(n, false);
            sent.in_quote.clear();
            sent.in_quote.resize(n, false);
            sent.span = s.span;
            sent.is_title = s.para == usize::MAX;
            // The page header (before the body starts): a line that is mostly a date
            // ("Senin, 3 Maret 2025 - 14:05 WIB") or a `|`-separated metadata line. Its date is
            // the page's own date, not a claim.
            let is_header = !st.body_started && s.para != usize::MAX && self.is_header_line(pack, &mut sent);
            // Short lines before the first sentence of prose (a byline, "Share") keep the
            // header open, so a date line after them is still the page's date.
            let prose = sent.toks.iter().filter(|t| t.kind == TokKind::Word).count() >= 8;
            if s.para != usize::MAX && !is_header && prose {
                st.body_started = true;
            }
            self.sentence(doc, pack, lex, &mut sent, &mut st, is_header, &mut out);
        }
        out.segments.sentences = sentences;
        out
    }

    /// "Label: value" fields of a `|`-separated metadata line: the outlet.
    fn metadata_fields(&self, pack: &LanguagePack, s: &Sent, out: &mut DocExtract) {
        let line = &s.text[s.span.start..s.span.end];
        for field in line.split('|') {
            let Some((label, value)) = field.split_once(':') else { continue };
            let (label, value) = (label.trim(), value.trim());
            let unknown = pack.metadata.unknown.iter().any(|u| value.to_lowercase().starts_with(&u.to_lowercase()));
            if pack.metadata.outlet.iter().any(|l| l.eq_ignore_ascii_case(label)) && !unknown && !value.is_empty() && out.outlet.is_none() {
                out.outlet = Some(value.to_string());
            }
            if pack.metadata.date.iter().any(|l| l.eq_ignore_ascii_case(label)) && unknown {
                out.date_unknown = true;
            }
        }
    }

    /// A header line: its date and time expressions make up most of it, or it is a metadata
    /// line with `|` separators and labelled fields.
    fn is_header_line(&self, pack: &LanguagePack, s: &mut Sent) -> bool {
        let saved = s.used.clone();
        let dates = self.dates(pack, s);
        // Clock times count as part of a date line ("… - 08:19 WIB").
        self.times(s);
        let used = s.used.clone();
        s.used = saved;
        let piped = s.toks.iter().any(|t| t.kind == TokKind::Punct && &s.text[t.start..t.end] == "|");
        let labelled = piped
            && s.text[s.span.start..s.span.end].split('|').any(|f| {
                f.split_once(':').is_some_and(|(l, _)| pack.metadata.outlet.iter().chain(&pack.metadata.date).any(|m| m.eq_ignore_ascii_case(l.trim())))
            });
        if labelled {
            return true;
        }
        if dates.is_empty() {
            return false;
        }
        let other_words = (0..s.toks.len()).filter(|&k| !used[k] && s.toks[k].kind != TokKind::Punct).count();
        piped || other_words <= 3
    }

    #[allow(clippy::too_many_arguments)]
    fn sentence(&self, doc: usize, pack: &LanguagePack, lex: &Lexicon, s: &mut Sent, st: &mut DocState, is_header: bool, out: &mut DocExtract) {
        let lang = &pack.code;
        mark_quotes(s);
        let mut dates = self.dates(pack, s);
        let times = self.times(s);
        // A dateline ("SUKAMAJU, Indonesia, Feb 12 (Reuters) -", "JAKARTA, 5/3 -"): a date near
        // the start of the first paragraph followed by a dash is the report's date, not an
        // event's.
        if !is_header && s.toks.len() > 8 {
            let dash = |k: usize| s.is_punct(k, "-") || s.is_punct(k, "\u{2013}") || s.is_punct(k, "\u{2014}");
            if let Some(pos) = dates.iter().position(|(st_, en, _)| *st_ < 8 && (*en..(*en + 5).min(s.toks.len())).any(dash)) {
                let (_, _, d) = dates.remove(pos);
                if out.header_dates.is_empty() {
                    out.header_dates.push(d);
                }
            }
        }
        if is_header {
            self.metadata_fields(pack, s, out);
            out.header_dates.extend(dates.into_iter().map(|(_, _, d)| d));
            if out.header_time.is_none() {
                out.header_time = times.first().map(|t| t.2);
            }
            return;
        }
        for (_, _, d) in &dates {
            if let RawDate::Absolute { .. } = d.raw {
                out.body_dates.push(d.clone());
            }
        }
        let ents = self.entities(pack, lex, s, st);
        // Who speaks in this sentence (outside quotations), and who a figure is attributed to.
        let (speaker, source, hedged) = self.speaker(s, &ents, st);
        let mut claims: Vec<Claim> = Vec::new();
        let sentence_span = s.span;
        let base = move |kind: Kind, span: Span, value: Value, rule: String| Claim {
            doc,
            span,
            sentence: sentence_span,
            kind,
            value,
            rule,
            subject: None,
            speaker: None,
            source: None,
            hedged: false,
        };
        // Recency ("the first … in 30 years", "since 1995") and durations ("for a century").
        for c in self.recency(pack, s, &ents, &dates, speaker.as_ref()) {
            claims.push(base(Kind::Duration, c.0, Value::Recency(c.1), format!("{lang}/duration/recency")));
        }
        for (span, amount, unit) in self.durations(pack, s) {
            claims.push(base(Kind::Duration, span, Value::Duration { amount, unit }, format!("{lang}/duration/for")));
        }
        let quantities = self.quantities(pack, s, &ents);
        // Dates introduced by "per"/"as of", or nearer a figure than any event, date the figure.
        // Only running counts (a death toll) are stamped by a date; a magnitude describes its event.
        let running = |q: &Quantity| q.of.as_deref().is_some_and(|of| pack.concepts.iter().any(|c| c.running && of.split('.').next() == Some(c.id.as_str())));
        let figure_toks: Vec<usize> = quantities.iter().filter(|(_, q, _)| running(q)).filter_map(|(sp, _, _)| s.toks.iter().position(|t| t.start >= sp.start)).collect();
        for (span, mut q, rule) in quantities {
            // The figure is stated for the time its sentence names, if any.
            q.as_of = dates.first().map(|d| d.2.clone());
            q.as_of_time = times.first().map(|t| t.2);
            let mut c = base(Kind::Quantity, span, Value::Quantity(q), format!("{lang}/quantity/{rule}"));
            let tok = s.toks.iter().position(|t| t.start >= span.start).unwrap_or(0);
            c.subject = ents.iter().rev().find(|e| e.end <= tok && Some(&e.r) != source.as_ref()).map(|e| e.r.clone());
            c.source = source.clone();
            c.hedged = hedged;
            claims.push(c);
        }
        // Quotations.
        for (span, q) in self.quotes(s, &ents) {
            let mut c = base(Kind::Quote, span, Value::Quote(q), format!("{lang}/quote/quotation"));
            let whole = s.in_quote.iter().filter(|&&q| !q).count() <= 2;
            c.speaker = speaker.clone().or_else(|| if whole { st.last_speaker.clone() } else { None });
            claims.push(c);
        }
        // Events and dated statements.
        let event_dates: Vec<(usize, usize, DateMention)> = dates
            .iter()
            .filter(|(ds, _, _)| {
                let as_of = *ds > 0 && (ds.saturating_sub(2)..*ds).any(|p| s.find(p, |t| matches!(t, Tag::AsOf)).is_some());
                let near_figure = figure_toks.iter().map(|f| f.abs_diff(*ds)).min();
                let near_event = (0..s.toks.len()).filter(|&p| s.find(p, |t| matches!(t, Tag::Event(_))).is_some()).map(|p| p.abs_diff(*ds)).min();
                let figure_first = matches!((near_figure, near_event), (Some(f), Some(e)) if f < e);
                !(as_of || figure_first)
            })
            .cloned()
            .collect();
        claims.extend(self.events(doc, pack, s, &ents, &event_dates, &times, speaker.as_ref()));
        claims.extend(self.sets(doc, pack, s, &ents));
        for c in &mut claims {
            if c.speaker.is_none() && c.kind != Kind::Quote {
                c.speaker = speaker.clone();
            }
        }
        if let Some(sp) = speaker {
            st.last_speaker = Some(sp);
        }
        out.claims.extend(claims);
    }

}

pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
