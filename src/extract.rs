//! Extract: runs the compiled rules of an article's language over its cleaned sentences and
//! produces claims with byte spans. Never fails on odd text: what it cannot read it skips.
//!
//! Per sentence: tokens → lexicon annotations → date mentions → recency and durations →
//! quantities → entities and speakers → quotations → events and dated statements → sets.
//! Dates stay unresolved here (`RawDate`); `normalise` resolves them once the article's own
//! date is known.

use std::collections::BTreeMap;

use crate::claim::*;
use crate::lexicon::{Ann, Lexicon, Tag, TokKind, Token, tokenize};
use crate::rules::{DateOrder, EntityType, EventKey, LanguagePack, QualifierOp, RuleError, RuleSet, TimeUnit};
use crate::segment::{Cleaner, Segments, Span};

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

struct Sent<'a> {
    text: &'a str,
    toks: Vec<Token>,
    anns: Vec<Ann>,
    /// Index into `anns` of the first annotation starting at each token.
    first: Vec<usize>,
    used: Vec<bool>,
    in_quote: Vec<bool>,
    span: Span,
    /// The headline: every word is capitalised there, so no unknown names are read from it.
    is_title: bool,
}

impl<'a> Sent<'a> {
    fn at(&self, i: usize) -> &[Ann] {
        if i + 1 >= self.first.len() {
            return &[];
        }
        // `first` holds, for each token, where its annotations start; the next token's entry
        // is where they end (annotations are sorted by start).
        &self.anns[self.first[i]..self.first[i + 1]]
    }
    /// The longest annotation at token `i` whose tag satisfies `f`.
    fn find(&self, i: usize, f: impl Fn(&Tag) -> bool) -> Option<Ann> {
        self.at(i).iter().find(|a| f(&a.tag)).copied()
    }
    fn tok_text(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }
    fn is_punct(&self, i: usize, c: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokKind::Punct && self.tok_text(i) == c
    }
    fn span(&self, a: usize, b: usize) -> Span {
        Span { start: self.toks[a].start, end: self.toks[b.max(a + 1) - 1].end }
    }
}

/// What a recency phrase states: its end token, "within N units", "since YEAR".
type RecencyFound = (usize, Option<(Interval, TimeUnit)>, Option<i32>);

/// A found amount: value and the token after it.
struct Amount {
    value: f64,
    end: usize,
}

#[derive(Debug, Clone)]
struct Ent {
    start: usize,
    end: usize,
    r: Ref,
    kind: Option<EntityType>,
}

/// State carried across the sentences of one article.
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

    // -----------------------------------------------------------------------------------------
    // Numbers
    // -----------------------------------------------------------------------------------------

    fn parse_digits(&self, pack: &LanguagePack, s: &str) -> Option<f64> {
        let (dec, thou) = pack.meta.as_ref().map_or(('.', ','), |m| (m.decimal_separator, m.thousands_separator));
        let seps: Vec<char> = s.chars().filter(|c| !c.is_ascii_digit()).collect();
        let clean: String = if seps.is_empty() {
            s.to_string()
        } else {
            let groups: Vec<&str> = s.split(['.', ',']).collect();
            let all_thou = seps.iter().all(|&c| c == thou) && groups[1..].iter().all(|g| g.len() == 3);
            if all_thou {
                s.chars().filter(|c| c.is_ascii_digit()).collect()
            } else if seps.len() == 1 {
                // One separator that is not a thousands group: a decimal mark in either convention.
                s.replace([dec, thou], ".")
            } else if seps[..seps.len() - 1].iter().all(|&c| c == thou) && seps[seps.len() - 1] == dec {
                let mut t: String = String::new();
                let last = s.rfind(dec)?;
                t.extend(s[..last].chars().filter(|c| c.is_ascii_digit()));
                t.push('.');
                t.push_str(&s[last + 1..]);
                t
            } else {
                return None;
            }
        };
        clean.parse::<f64>().ok()
    }

    /// A number at token `i`: digits (with scale words) or number words ("dua puluh lima",
    /// "seperempat", "satu abad" → 1).
    fn amount(&self, pack: &LanguagePack, s: &Sent, i: usize) -> Option<Amount> {
        if i >= s.toks.len() {
            return None;
        }
        if s.toks[i].kind == TokKind::Number {
            let mut v = self.parse_digits(pack, s.tok_text(i))?;
            let mut j = i + 1;
            // "137-million": a hyphen between the digits and the scale word.
            let hop = if s.is_punct(j, "-") { 1 } else { 0 };
            if let Some(a) = s.find(j + hop, |t| matches!(t, Tag::Scale(_))) {
                if let Tag::Scale(m) = a.tag {
                    v *= m;
                    j = a.end;
                }
            }
            return Some(Amount { value: v, end: j });
        }
        // "a century", "a million": an article counts as one before a time unit or a scale.
        if let Some(a) = s.find(i, |t| matches!(t, Tag::Article)) {
            if s.find(a.end, |t| matches!(t, Tag::TimeUnit(_))).is_some() {
                return Some(Amount { value: 1.0, end: a.end });
            }
            if let Some(Ann { tag: Tag::Scale(m), end, .. }) = s.find(a.end, |t| matches!(t, Tag::Scale(_))) {
                return Some(Amount { value: m, end });
            }
        }
        // Number words: total = Σ (small × scale); small accumulates units, teens, tens.
        let mut j = i;
        let mut total = 0.0;
        let mut small = 0.0;
        let mut any = false;
        while let Some(a) = s.find(j, |t| matches!(t, Tag::NumberWord(_) | Tag::Multiplier(_) | Tag::TeenSuffix | Tag::Scale(_))) {
            match a.tag {
                Tag::NumberWord(v) => small += v,
                Tag::Multiplier(m) if any => small = if small == 0.0 { m } else { small * m },
                Tag::TeenSuffix if any => small += 10.0,
                Tag::Scale(m) if any => {
                    total += if small == 0.0 { 1.0 } else { small } * m;
                    small = 0.0;
                }
                _ => break,
            }
            any = true;
            j = a.end;
        }
        if !any {
            return None;
        }
        Some(Amount { value: total + small, end: j })
    }

    fn qualify(&self, pack: &LanguagePack, v: f64, q: Option<usize>) -> (Interval, Option<(String, QualifierOp)>) {
        let Some(qi) = q else { return (Interval::exact(v), None) };
        let rule = &pack.qualifiers[qi];
        let tol = rule.tolerance.unwrap_or(self.rules.thresholds.about_tolerance);
        let iv = match rule.op {
            QualifierOp::Gt => Interval { low: Some(v), high: None, low_open: true, high_open: false },
            QualifierOp::Ge => Interval { low: Some(v), high: None, low_open: false, high_open: false },
            QualifierOp::Lt => Interval { low: None, high: Some(v), low_open: false, high_open: true },
            QualifierOp::Le => Interval { low: None, high: Some(v), low_open: false, high_open: false },
            QualifierOp::About => {
                let d = (v * tol).max(if v >= 3.0 { 1.0 } else { 0.0 });
                Interval { low: Some(v - d), high: Some(v + d), low_open: false, high_open: false }
            }
            QualifierOp::Nearly => {
                let d = (v * tol).max(if v >= 3.0 { 1.0 } else { 0.0 });
                Interval { low: Some(v - d), high: Some(v), low_open: false, high_open: false }
            }
            QualifierOp::Exact => Interval::exact(v),
        };
        (iv, Some((rule.id.clone(), rule.op)))
    }

    fn quantities(&self, pack: &LanguagePack, s: &mut Sent, ents: &[Ent]) -> Vec<(Span, Quantity, String)> {
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            let start = i;
            let mut j = i;
            let mut qual = None;
            if let Some(a) = s.find(j, |t| matches!(t, Tag::Qualifier(_))) {
                if let Tag::Qualifier(q) = a.tag {
                    qual = Some(q as usize);
                    j = a.end;
                }
            }
            // A currency or unit written before the number ("Rp19.200", "$137").
            let mut unit: Option<String> = None;
            if let Some(a) = s.find(j, |t| matches!(t, Tag::Unit(u) if pack.units[*u as usize].prefix)) {
                if let Tag::Unit(u) = a.tag {
                    if s.toks.get(a.end).is_some_and(|t| t.kind == TokKind::Number) {
                        unit = Some(pack.units[u as usize].id.clone());
                        j = a.end;
                    }
                }
            }
            let vague_at = s.find(j, |t| matches!(t, Tag::Vague(_))).and_then(|a| match a.tag {
                Tag::Vague(v) => Some((a, v)),
                _ => None,
            });
            let (interval, qualifier, vague, val_end, rule_id) = if let Some((a, v)) = vague_at {
                let r = &pack.vague[v as usize];
                let iv = Interval { low: r.low, high: r.high, low_open: false, high_open: false };
                (iv, None, Some(v as usize), a.end, r.id.clone())
            } else if let Some(am) = self.amount(pack, s, j) {
                if (j..am.end).any(|k| s.used[k]) {
                    i += 1;
                    continue;
                }
                // "three or four", "20 to 30", "20-30": a range.
                let dash = s.is_punct(am.end, "-") || s.is_punct(am.end, "\u{2013}");
                // "between 40 and 50": after an opener, a conjunction closes the range.
                let opened = j > 0 && s.find(j - 1, |t| matches!(t, Tag::RangeOpen)).is_some();
                let link = |t: &Tag| matches!(t, Tag::RangeWord) || (opened && matches!(t, Tag::Conj));
                let range = if dash || s.find(am.end, link).is_some() {
                    let next = if dash { am.end + 1 } else { s.find(am.end, link).map_or(am.end, |a| a.end) };
                    self.amount(pack, s, next).filter(|b| b.value > am.value)
                } else {
                    None
                };
                if let Some(b) = range {
                    let iv = Interval { low: Some(am.value), high: Some(b.value), low_open: false, high_open: false };
                    (iv, None, None, b.end, "range".to_string())
                } else {
                        let (mut value, mut end) = (am.value, am.end);
                    // "€85m": a letter scale glued to an amount of money (case as written).
                    if unit.is_some() && end < n && s.toks[end].kind == TokKind::Word && s.toks[end].start == s.toks[end - 1].end {
                        if let Some(m) = pack.currency_scales.get(s.tok_text(end)) {
                            value *= m;
                            end += 1;
                        }
                    }
                    let (iv, q) = self.qualify(pack, value, qual);
                    let id = q.as_ref().map_or("count".to_string(), |q| q.0.clone());
                    (iv, q, None, end, id)
                }
            } else {
                i += 1;
                continue;
            };
            let mut k = val_end;
            // "another 20,000", "five other workers": a separate group.
            let other = (start.saturating_sub(2)..start).any(|p| s.find(p, |t| matches!(t, Tag::Other)).is_some()) || s.find(k, |t| matches!(t, Tag::Other)).is_some_and(|a| {
                k = a.end;
                true
            });
            // A time unit makes it a duration, handled elsewhere.
            if s.find(k, |t| matches!(t, Tag::TimeUnit(_))).is_some() {
                i = val_end.max(i + 1);
                continue;
            }
            let mut of: Option<String> = None;
            for _ in 0..3 {
                if k >= n {
                    break;
                }
                if let Some(a) = s.find(k, |t| matches!(t, Tag::Unit(_))) {
                    if let Tag::Unit(u) = a.tag {
                        unit = Some(pack.units[u as usize].id.clone());
                        k = a.end;
                        continue;
                    }
                }
                if let Some(a) = s.find(k, |t| matches!(t, Tag::Concept(_))) {
                    if let Tag::Concept(c) = a.tag {
                        let rule = &pack.concepts[c as usize];
                        of = Some(rule.id.clone());
                        if unit.is_none() {
                            unit = rule.unit.clone();
                        }
                        k = a.end;
                    }
                    break;
                }
                // One plain word may stand between the number and the thing ("23 Somali pirates").
                if s.toks[k].kind == TokKind::Word && s.at(k).is_empty() && s.find(k + 1, |t| matches!(t, Tag::Concept(_))).is_some() {
                    k += 1;
                    continue;
                }
                break;
            }
            let mut span_start = start;
            // A word before the number may name the thing ("menewaskan 62 orang", "killing 62").
            if of.is_none() && start > 0 {
                if let Some(a) = (start.saturating_sub(3)..start).flat_map(|p| s.at(p).to_vec()).find(|a| matches!(a.tag, Tag::ConceptPre(_)) && a.end == start) {
                    if let Tag::ConceptPre(c) = a.tag {
                        let rule = &pack.concepts[c as usize];
                        of = Some(rule.id.clone());
                        if unit.is_none() {
                            unit = rule.unit.clone();
                        }
                        span_start = a.start;
                    }
                }
            }
            // "Korban tewas akibat gempa mencapai 62 orang": a linking verb before the number
            // points back to the thing counted, within the clause.
            if of.is_none() && start > 0 {
                let link = (start.saturating_sub(3)..start).flat_map(|p| s.at(p).to_vec()).find(|a| a.tag == Tag::Link && a.end == start);
                if let Some(l) = link {
                    for p in (l.start.saturating_sub(16)..l.start).rev() {
                        if s.toks[p].kind == TokKind::Number || s.is_punct(p, ".") || s.is_punct(p, ";") {
                            break;
                        }
                        if let Some(Ann { tag: Tag::Concept(c), .. }) = s.find(p, |t| matches!(t, Tag::Concept(_))) {
                            let rule = &pack.concepts[c as usize];
                            of = Some(rule.id.clone());
                            if unit.is_none() {
                                unit = rule.unit.clone();
                            }
                            span_start = p;
                            break;
                        }
                    }
                }
            }
            if of.is_none() {
                if let Some(v) = vague {
                    if pack.vague[v].postposed {
                        // "beras dalam jumlah besar": the thing stands before the amount.
                        if let Some(a) = (start.saturating_sub(2)..start)
                            .flat_map(|p| s.at(p).to_vec())
                            .find(|a| matches!(a.tag, Tag::Concept(_)) && a.end == start)
                        {
                            if let Tag::Concept(c) = a.tag {
                                of = Some(pack.concepts[c as usize].id.clone());
                                span_start = a.start;
                            }
                        }
                    }
                }
            }
            // A count of something the rules do not name ("lima negara", "three villages"): a
            // claim with its noun, so it is reported, but it has no concept and is never aligned.
            // A bare year ("pada 2019 lalu") is not a count.
            let mut noun = None;
            if of.is_none() && unit.is_none() {
                let year_like = s.toks[val_end.saturating_sub(1)].end - s.toks[val_end.saturating_sub(1)].start == 4 && year_at(s, val_end.saturating_sub(1)).is_some();
                let stop = |w: &str| pack.meta.as_ref().is_some_and(|m| m.stopwords.iter().any(|x| x.eq_ignore_ascii_case(w)));
                let next = s.toks.get(k).filter(|t| t.kind == TokKind::Word && !t.cap && s.at(k).is_empty());
                let referring = start > 0 && pack.meta.as_ref().is_some_and(|m| m.determiners.iter().any(|d| d.eq_ignore_ascii_case(s.tok_text(start - 1))));
                match next {
                    Some(_) if !year_like && !referring && vague.is_none() && !stop(s.tok_text(k)) => {
                        noun = Some(s.tok_text(k).to_lowercase());
                        k += 1;
                    }
                    _ => {
                        i = val_end.max(i + 1);
                        continue;
                    }
                }
            }
            if of.is_none() {
                of = unit.as_ref().and_then(|u| pack.units.iter().find(|r| &r.id == u)).and_then(|r| r.of.clone());
            }
            // "Seven people were still missing", "tujuh warga masih dalam pencarian": a count of
            // people takes an outcome a few words on.
            if of.is_none() && unit.as_deref() == pack.concepts.iter().find(|c| c.outcome).and_then(|c| c.unit.as_deref()) && unit.is_some() {
                let found = (k..(k + 4).min(n))
                    .take_while(|&p| !s.is_punct(p, ",") && !s.is_punct(p, ".") && s.toks[p].kind != TokKind::Number && s.find(p, |t| matches!(t, Tag::Conj)).is_none())
                    .find_map(|p| s.find(p, |t| matches!(t, Tag::Concept(c) if pack.concepts[*c as usize].outcome)));
                if let Some(Ann { tag: Tag::Concept(c), end, .. }) = found {
                    of = Some(pack.concepts[c as usize].id.clone());
                    k = end;
                }
            }
            // "2.000 demonstran lainnya": the marker may follow the thing counted.
            let other = other || s.find(k, |t| matches!(t, Tag::Other)).is_some_and(|a| {
                k = a.end;
                true
            });
            // An outcome right after the thing narrows what is counted: "three crew members lost
            // their lives" counts deaths among crew (`deaths.crew`), compared only with the same.
            if let Some(cur) = of.clone() {
                let is_outcome = |c: u16| pack.concepts[c as usize].outcome;
                if !pack.concepts.iter().any(|c| c.id == cur && c.outcome) {
                    let found = (k..(k + 4).min(n))
                        .take_while(|&p| !s.is_punct(p, ",") && !s.is_punct(p, ".") && s.find(p, |t| matches!(t, Tag::Conj | Tag::NumberWord(_))).is_none() && s.toks[p].kind != TokKind::Number)
                        .find_map(|p| s.find(p, |t| matches!(t, Tag::Concept(c) if is_outcome(*c))));
                    if let Some(Ann { tag: Tag::Concept(c), end, .. }) = found {
                        of = Some(format!("{}.{cur}", pack.concepts[c as usize].id));
                        k = end;
                    }
                }
            }
            // The scope: a place phrase right after the count ("in the province", "di Cianjur",
            // "are based in Puntland") or a scope word ("in total", "nationwide").
            let mut scope = None;
            'scope: for p in k..(k + 4).min(n) {
                if s.is_punct(p, ",") || s.is_punct(p, ".") || s.toks[p].kind == TokKind::Number {
                    break;
                }
                if let Some(Ann { tag: Tag::Scope(sc), .. }) = s.find(p, |t| matches!(t, Tag::Scope(_))) {
                    scope = Some(pack.scopes[sc as usize].id.clone());
                    break;
                }
                if s.find(p, |t| matches!(t, Tag::PlacePrep)).is_some() {
                    for q in p + 1..(p + 4).min(n) {
                        if let Some(e) = ents.iter().find(|e| e.start == q) {
                            if !matches!(e.kind, Some(EntityType::Person | EntityType::Outlet)) {
                                scope = Some(e.r.id().to_string());
                            }
                            break 'scope;
                        }
                        if s.toks[q].kind != TokKind::Word || s.toks[q].cap {
                            break;
                        }
                    }
                }
            }
            // "85 million euros ($108 million)": the bracketed conversion is part of this claim.
            let mut converted = None;
            if s.is_punct(k, "(") {
                let mut m = k + 1;
                let mut cunit = None;
                if let Some(Ann { tag: Tag::Unit(u), end, .. }) = s.find(m, |t| matches!(t, Tag::Unit(u) if pack.units[*u as usize].prefix)) {
                    cunit = Some(pack.units[u as usize].id.clone());
                    m = end;
                }
                let cq = s.find(m, |t| matches!(t, Tag::Qualifier(_))).and_then(|a| if let Tag::Qualifier(q) = a.tag { Some((q as usize, a.end)) } else { None });
                if let Some((_, e)) = cq {
                    m = e;
                }
                if let Some(am) = self.amount(pack, s, m) {
                    let mut e = am.end;
                    if let Some(Ann { tag: Tag::Unit(u), end, .. }) = s.find(e, |t| matches!(t, Tag::Unit(_))) {
                        cunit = Some(pack.units[u as usize].id.clone());
                        e = end;
                    }
                    if let (Some(cu), true) = (cunit, s.is_punct(e, ")")) {
                        if Some(&cu) != unit.as_ref() {
                            converted = Some((self.qualify(pack, am.value, cq.map(|c| c.0)).0, cu));
                            k = e + 1;
                        }
                    }
                }
            }
            for u in &mut s.used[span_start..k] {
                *u = true;
            }
            let span = s.span(span_start, k);
            out.push((
                span,
                Quantity { interval, unit, of, qualifier, vague: vague.map(|v| pack.vague[v].id.clone()), as_of: None, as_of_time: None, as_of_article: false, as_of_inferred: false, scope, converted, other, noun },
                rule_id,
            ));
            i = k.max(i + 1);
        }
        out
    }

    // -----------------------------------------------------------------------------------------
    // Dates
    // -----------------------------------------------------------------------------------------

    /// Date mentions in the sentence: (first token, end token, mention). Marks their tokens used.
    fn dates(&self, pack: &LanguagePack, s: &mut Sent) -> Vec<(usize, usize, DateMention)> {
        let order = pack.meta.as_ref().map_or(DateOrder::Dmy, |m| m.date_order);
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            let mut weekday = None;
            let mut j = i;
            if let Some(a) = s.find(i, |t| matches!(t, Tag::Weekday(_))) {
                if let Tag::Weekday(w) = a.tag {
                    weekday = Some(w);
                    j = a.end;
                    if s.is_punct(j, ",") {
                        j += 1;
                    }
                }
            }
            // "(3/3/2025)", "(4/3)", "3/3/2025".
            if let Some((d, m, y, end)) = self.slash_date(s, j, order) {
                if weekday.is_some() || y.is_some() || s.is_punct(j, "(") {
                    let raw = RawDate::Absolute { day: Some(d), month: m, year: y, weekday };
                    out.push((i, end, DateMention { span: s.span(i, end), raw, resolved: None }));
                    mark(s, i, end);
                    i = end;
                    continue;
                }
            }
            // "3 Maret 2025", "4 Maret".
            if let Some(day) = small_int(s, j).filter(|d| (1..=31).contains(d)) {
                if let Some(a) = s.find(j + 1, |t| matches!(t, Tag::Month(_))) {
                    if let Tag::Month(m) = a.tag {
                        let mut end = a.end;
                        let mut year = None;
                        if let Some(y) = year_at(s, end) {
                            year = Some(y);
                            end += 1;
                        }
                        let raw = RawDate::Absolute { day: Some(day as u8), month: m, year, weekday };
                        out.push((i, end, DateMention { span: s.span(i, end), raw, resolved: None }));
                        mark(s, i, end);
                        i = end;
                        continue;
                    }
                }
            }
            // "March 3, 2025", "Januari 2026".
            if let Some(a) = s.find(j, |t| matches!(t, Tag::Month(_))) {
                if let Tag::Month(m) = a.tag {
                    let mut end = a.end;
                    let mut day = None;
                    let mut year = None;
                    if let Some(y) = year_at(s, end) {
                        year = Some(y);
                        end += 1;
                    } else if let Some(d) = small_int(s, end).filter(|d| (1..=31).contains(d)) {
                        day = Some(d as u8);
                        end += 1;
                        let k = if s.is_punct(end, ",") { end + 1 } else { end };
                        if let Some(y) = year_at(s, k) {
                            year = Some(y);
                            end = k + 1;
                        }
                    }
                    // A bare month name ("in June") dates nothing precisely enough to check.
                    if day.is_some() || year.is_some() {
                        let raw = RawDate::Absolute { day, month: m, year, weekday };
                        out.push((i, end, DateMention { span: s.span(i, end), raw, resolved: None }));
                        mark(s, i, end);
                        i = end;
                        continue;
                    }
                }
            }
            if let Some(w) = weekday {
                let end = j.min(n);
                let end = if end > i + 1 && s.is_punct(end - 1, ",") { end - 1 } else { end };
                // "Rabu mendatang", "next Wednesday", "akan … pada Rabu": the coming one.
                let future = (i.saturating_sub(3)..(end + 2).min(n)).any(|p| s.find(p, |t| matches!(t, Tag::Future)).is_some());
                out.push((i, end, DateMention { span: s.span(i, end), raw: RawDate::Weekday { day: w, future }, resolved: None }));
                mark(s, i, end);
                i = end.max(i + 1);
                continue;
            }
            if let Some(a) = s.find(i, |t| matches!(t, Tag::Relative(_))) {
                if let Tag::Relative(r) = a.tag {
                    let rule = &pack.relative_dates[r as usize];
                    let precision = rule.precision.map(|p| match p {
                        crate::rules::RelPrecision::Day => Precision::Day,
                        crate::rules::RelPrecision::Month => Precision::Month,
                        crate::rules::RelPrecision::Year => Precision::Year,
                    });
                    let raw = RawDate::Relative { id: rule.id.clone(), days: rule.days, months: rule.months, years: rule.years, precision, tolerance: rule.tolerance_days };
                    out.push((i, a.end, DateMention { span: s.span(i, a.end), raw, resolved: None }));
                    mark(s, i, a.end);
                    i = a.end;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    /// Clock times: "pukul 09.55 WIB", "2:22 a.m.", "23:47:57", "3 pagi waktu setempat",
    /// "about 3pm". A bare number is a time only with a marker, a day part or a zone.
    fn times(&self, s: &mut Sent) -> Vec<(usize, usize, TimeMention)> {
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut approx = false;
            if let Some(q) = s.find(j, |t| matches!(t, Tag::Qualifier(_))) {
                approx = true;
                j = q.end;
            }
            let mut marker = false;
            if let Some(m) = s.find(j, |t| matches!(t, Tag::TimeMarker)) {
                marker = true;
                j = m.end;
            }
            if j < n && s.toks[j].kind != TokKind::Number {
                // A qualifier may also follow the marker: "pukul sekitar 3".
                if let Some(q) = s.find(j, |t| matches!(t, Tag::Qualifier(_))) {
                    approx = true;
                    j = q.end;
                }
            }
            let Some((mut h, m, mut k, colon)) = clock(s, j) else {
                i += 1;
                continue;
            };
            let mut daypart = false;
            if let Some(a) = s.find(k, |t| matches!(t, Tag::Am | Tag::Pm)) {
                daypart = true;
                if a.tag == Tag::Pm && h < 12 {
                    h += 12;
                }
                if a.tag == Tag::Am && h == 12 {
                    h = 0;
                }
                k = a.end;
            }
            let mut zone = None;
            let mut local = false;
            if let Some(a) = s.find(k, |t| matches!(t, Tag::Zone(_) | Tag::LocalTime)) {
                match a.tag {
                    Tag::Zone(z) => zone = Some(z),
                    _ => local = true,
                }
                k = a.end;
                // "GMT+7", "UTC-5": an offset written after the zone.
                if let (Some(z), true) = (zone, s.is_punct(k, "+") || s.is_punct(k, "-")) {
                    if let Some(h) = small_int(s, k + 1).filter(|h| *h <= 14) {
                        let sign = if s.is_punct(k, "-") { -1 } else { 1 };
                        zone = Some(z + sign * h as i32 * 60);
                        k += 2;
                    }
                }
            }
            if !(marker || daypart || zone.is_some() || local || colon) || h > 24 {
                i += 1;
                continue;
            }
            let start = if approx || marker { i } else { j };
            let tm = TimeMention { span: s.span(start, k), minutes: h * 60 + m.unwrap_or(0), zone, local, approx, hour_only: m.is_none() };
            mark(s, start, k);
            out.push((start, k, tm));
            i = k;
        }
        out
    }

    fn slash_date(&self, s: &Sent, j: usize, order: DateOrder) -> Option<(u8, u8, Option<i32>, usize)> {
        let paren = s.is_punct(j, "(");
        let k = if paren { j + 1 } else { j };
        let a = small_int(s, k)?;
        if !s.is_punct(k + 1, "/") {
            return None;
        }
        let b = small_int(s, k + 2)?;
        let mut end = k + 3;
        let mut year = None;
        if s.is_punct(end, "/") {
            let y = s.toks.get(end + 1).filter(|t| t.kind == TokKind::Number)?;
            let y: i32 = s.text[y.start..y.end].parse().ok()?;
            year = Some(if y < 100 { 2000 + y } else { y });
            end += 2;
        }
        if paren {
            if !s.is_punct(end, ")") {
                return None;
            }
            end += 1;
        }
        let (d, m) = match order {
            DateOrder::Dmy => (a, b),
            DateOrder::Mdy => (b, a),
        };
        if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
            return None;
        }
        Some((d as u8, m as u8, year, end))
    }

    // -----------------------------------------------------------------------------------------
    // Recency and durations
    // -----------------------------------------------------------------------------------------

    fn recency(&self, pack: &LanguagePack, s: &mut Sent, ents: &[Ent], dates: &[(usize, usize, DateMention)], speaker: Option<&Ref>) -> Vec<(Span, Recency)> {
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            let ord = s.find(i, |t| matches!(t, Tag::First | Tag::Ordinal(_)));
            let Some(oa) = ord else {
                i += 1;
                continue;
            };
            let ordinal = match oa.tag {
                Tag::Ordinal(v) => v,
                _ => 1,
            };
            // (end token, "within N units", "since YEAR")
            let mut found: Option<RecencyFound> = None;
            let mut k = oa.end;
            while k < n && k < oa.end + 16 {
                if s.is_punct(k, ".") || s.find(k, |t| matches!(t, Tag::First | Tag::Ordinal(_))).is_some() {
                    break;
                }
                if let Some(a) = s.find(k, |t| matches!(t, Tag::Since)) {
                    let mut m = a.end;
                    if let Some(y) = s.find(m, |t| matches!(t, Tag::YearWord)) {
                        m = y.end;
                    }
                    if let Some(y) = year_at(s, m) {
                        found = Some((m + 1, None, Some(y)));
                        break;
                    }
                }
                if let Some(a) = s.find(k, |t| matches!(t, Tag::Within)) {
                    if let Some((iv, unit, mut end)) = self.span_of_time(pack, s, a.end) {
                        if let Some(r) = s.find(end, |t| matches!(t, Tag::Recent)) {
                            end = r.end;
                        }
                        found = Some((end, Some((iv, unit)), None));
                        break;
                    }
                }
                k += 1;
            }
            let Some((end, within, since_year)) = found else {
                i = oa.end;
                continue;
            };
            // The event counted: the nearest event word before the ordinal, or right after it.
            let ev = (0..oa.start)
                .rev()
                .take(12)
                .find_map(|p| s.find(p, |t| matches!(t, Tag::Event(_))))
                .or_else(|| (oa.end..(oa.end + 3).min(n)).find_map(|p| s.find(p, |t| matches!(t, Tag::Event(_)))));
            // An ordinal counts an event ("kunjungan … pertama", "the second meeting"); without
            // one it is just a number word ("kedua negara" = both countries).
            let Some(event) = ev.and_then(|a| if let Tag::Event(e) = a.tag { Some(pack.events[e as usize].id.clone()) } else { None }) else {
                i = oa.end;
                continue;
            };
            let event = Some(event);
            let destination = destination_after(s, ents, ev.map_or(oa.end, |a| a.end), end);
            let principal = ents
                .iter()
                .filter(|e| matches!(e.kind, Some(EntityType::Person) | None))
                .filter(|e| Some(&e.r) != destination.as_ref().map(|d| &d.r))
                .min_by_key(|e| e.start.abs_diff(oa.start))
                .map(|e| e.r.clone())
                .or_else(|| speaker.cloned());
            // The count runs back from the date of the event, when the sentence gives one.
            let anchor = dates.iter().map(|d| d.2.clone()).next();
            for u in &mut s.used[oa.start..end] {
                *u = true;
            }
            let rec = Recency {
                ordinal,
                event,
                destination: destination.map(|d| d.r.id().to_string()),
                principal,
                within,
                since_year,
                anchor,
                since: None,
                since_how: None,
            };
            out.push((s.span(oa.start, end), rec));
            i = end;
        }
        out
    }

    /// "[qualifier] amount time-unit" at token `m` ("hampir seperempat abad", "24 years"):
    /// the amount as an interval, the unit, and the token after it.
    fn span_of_time(&self, pack: &LanguagePack, s: &Sent, mut m: usize) -> Option<(Interval, TimeUnit, usize)> {
        let mut qual = None;
        if let Some(Ann { tag: Tag::Qualifier(qi), end, .. }) = s.find(m, |t| matches!(t, Tag::Qualifier(_))) {
            qual = Some(qi as usize);
            m = end;
        }
        let am = self.amount(pack, s, m)?;
        let Some(Ann { tag: Tag::TimeUnit(unit), end, .. }) = s.find(am.end, |t| matches!(t, Tag::TimeUnit(_))) else { return None };
        Some((self.qualify(pack, am.value, qual).0, unit, end))
    }

    fn durations(&self, pack: &LanguagePack, s: &mut Sent) -> Vec<(Span, Interval, TimeUnit)> {
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            let Some(f) = s.find(i, |t| matches!(t, Tag::For)) else {
                i += 1;
                continue;
            };
            if let Some((iv, unit, end)) = self.span_of_time(pack, s, f.end) {
                mark(s, i, end);
                out.push((s.span(i, end), iv, unit));
                i = end;
                continue;
            }
            i = f.end;
        }
        out
    }

    // -----------------------------------------------------------------------------------------
    // Entities, speakers, quotations
    // -----------------------------------------------------------------------------------------

    fn entities(&self, pack: &LanguagePack, lex: &Lexicon, s: &Sent, st: &mut DocState) -> Vec<Ent> {
        let mut out: Vec<Ent> = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        let mut after_citation = false;
        while i < n {
            if s.find(i, |t| matches!(t, Tag::Citation)).is_some() {
                after_citation = true;
            }
            let found = s.find(i, |t| matches!(t, Tag::Entity(_) | Tag::Role(_))).and_then(|a| match a.tag {
                Tag::Entity(e) => Some((a, Ref::Entity(lex.entity_ids[e as usize].clone()))),
                Tag::Role(r) => Some((a, Ref::Role(pack.roles[r as usize].id.clone()))),
                _ => None,
            });
            // Names run rightwards ("Pemimpin Kim Jong-un"): when a longer-reaching name starts
            // inside this one, take that one instead.
            if let Some((a, _)) = &found {
                let reaches = (a.start + 1..a.end).any(|p| s.at(p).iter().any(|b| matches!(b.tag, Tag::Entity(_)) && b.end > a.end));
                if reaches {
                    i += 1;
                    continue;
                }
            }
            if let Some((a, r)) = found {
                let kind = match &r {
                    Ref::Entity(id) => self.rules.entities.get(id).and_then(|e| e.kind),
                    Ref::Role(_) => Some(EntityType::Person),
                    Ref::Name(_) => None,
                };
                if after_citation && kind == Some(EntityType::Outlet) {
                    after_citation = false;
                }
                out.push(Ent { start: a.start, end: a.end, r, kind });
                i = a.end;
                continue;
            }
            // An unknown capitalised name: a run of capitalised, untagged words.
            let t = s.toks[i];
            if t.kind == TokKind::Word && t.cap && s.at(i).is_empty() && t.end - t.start > 1 && !s.is_title {
                let mut j = i;
                while j < n && s.toks[j].kind == TokKind::Word && s.toks[j].cap && s.at(j).is_empty() {
                    j += 1;
                }
                let sentence_start = i == 0 || (i > 0 && s.toks[i - 1].kind == TokKind::Punct && matches!(s.tok_text(i - 1), "." | "!" | "?" | ":" | "\"" | "\u{201c}" | "(" | "-" | "\u{2013}" | "\u{2014}"));
                if (sentence_start && j - i < 2) || after_citation {
                    after_citation = false;
                    i = j;
                    continue;
                }
                let mut full: Vec<&str> = (i..j).map(|k| s.tok_text(k)).collect();
                // A long capitalised run often starts with an unknown place or body ("BPBD
                // Sukamaju Asep Saepudin"): the person is its last two words.
                if full.len() >= 3 {
                    full.drain(..full.len() - 2);
                }
                let id = slug(&full.join(" "));
                let id = if full.len() == 1 {
                    st.names.get(&id).cloned().unwrap_or(id)
                } else {
                    // "kata Asep" and "Saepudin mengatakan" both mean Asep Saepudin.
                    for w in &full {
                        st.names.entry(slug(w)).or_insert_with(|| id.clone());
                    }
                    id
                };
                out.push(Ent { start: i, end: j, r: Ref::Name(id), kind: None });
                i = j;
                continue;
            }
            i += 1;
        }
        out
    }

    /// The speaker of the sentence: a speech verb outside quotations and the person it names,
    /// or the previous speaker for "katanya"/"he said". Also the attributed source and hedging.
    fn speaker(&self, s: &Sent, ents: &[Ent], st: &DocState) -> (Option<Ref>, Option<Ref>, bool) {
        let n = s.toks.len();
        let mut speaker = None;
        let mut hedged = false;
        let mut source = None;
        let person_like = |e: &Ent| matches!(e.kind, Some(EntityType::Person) | None);
        for i in 0..n {
            if s.in_quote[i] {
                continue;
            }
            for a in s.at(i) {
                match a.tag {
                    Tag::SpeechBack if speaker.is_none() => speaker = st.last_speaker.clone(),
                    Tag::Speech if speaker.is_none() => {
                        // "kata Menteri Luar Negeri Retno Marsudi": the first person named after the verb;
                        // "Santoso mengatakan": else the nearest person before it.
                        let after: Vec<&Ent> = ents.iter().filter(|e| e.start >= a.end && e.start < a.end + 8 && !s.in_quote[e.start]).collect();
                        let stop = (a.end..n).find(|&k| s.is_punct(k, ".") || s.in_quote[k]).unwrap_or(n);
                        let after: Vec<&Ent> = after.into_iter().filter(|e| e.start < stop).collect();
                        let pick = after
                            .iter()
                            .find(|e| matches!(e.r, Ref::Entity(_)) && e.kind == Some(EntityType::Person))
                            .or_else(|| after.iter().find(|e| person_like(e)))
                            .map(|e| e.r.clone());
                        let before = || ents.iter().rev().find(|e| e.end <= a.start && !s.in_quote[e.start] && person_like(e)).map(|e| e.r.clone());
                        speaker = pick.or_else(before);
                    }
                    Tag::Hedge => {
                        hedged = true;
                        if source.is_none() {
                            source = ents.iter().rev().find(|e| e.end <= a.start && !s.in_quote[e.start]).map(|e| e.r.clone());
                        }
                    }
                    _ => {}
                }
            }
        }
        if source.is_none() {
            source = speaker.clone();
        }
        (speaker, source, hedged)
    }

    fn quotes(&self, s: &Sent, ents: &[Ent]) -> Vec<(Span, Quote)> {
        let mut out = Vec::new();
        let min_words = self.rules.thresholds.quote_min_words;
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            let open = s.tok_text(i);
            if s.toks[i].kind != TokKind::Punct || !(open == "\u{201c}" || open == "\"") {
                i += 1;
                continue;
            }
            let close = if open == "\"" { "\"" } else { "\u{201d}" };
            let Some(j) = (i + 1..n).find(|&k| s.is_punct(k, close)) else { break };
            let inner: Vec<usize> = (i + 1..j).collect();
            let words = inner.iter().filter(|&&k| s.toks[k].kind != TokKind::Punct).count();
            if words >= min_words {
                let mut norm = Vec::new();
                let mut k = i + 1;
                while k < j {
                    if let Some(e) = ents.iter().find(|e| e.start == k && e.end <= j) {
                        norm.push(e.r.id().to_string());
                        k = e.end;
                        continue;
                    }
                    if s.toks[k].kind != TokKind::Punct {
                        norm.push(s.tok_text(k).to_lowercase());
                    }
                    k += 1;
                }
                let span = s.span(i + 1, j);
                let text = s.text[span.start..span.end].trim_end_matches([',', '.', ' ']).to_string();
                out.push((span, Quote { text, words: norm }));
            }
            i = j + 1;
        }
        out
    }

    // -----------------------------------------------------------------------------------------
    // Events, dated statements, sets
    // -----------------------------------------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn events(&self, doc: usize, pack: &LanguagePack, s: &Sent, ents: &[Ent], dates: &[(usize, usize, DateMention)], times: &[(usize, usize, TimeMention)], speaker: Option<&Ref>) -> Vec<Claim> {
        let lang = &pack.code;
        let n = s.toks.len();
        // Anchors: event words anywhere, speech verbs outside quotations.
        let mut events: Vec<Ann> = Vec::new();
        let mut speech: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < n {
            if let Some(a) = s.find(i, |t| matches!(t, Tag::Event(_))) {
                events.push(a);
                i = a.end;
                continue;
            }
            if !s.in_quote[i] && s.find(i, |t| matches!(t, Tag::Speech | Tag::SpeechBack)).is_some() {
                speech.push(i);
            }
            i += 1;
        }
        // Places: a place preposition followed by a place entity ("di Bandung").
        let places: Vec<&Ent> = ents
            .iter()
            .filter(|e| matches!(e.kind, Some(EntityType::City | EntityType::Place | EntityType::Country)))
            .filter(|e| e.start > 0 && s.find(e.start - 1, |t| matches!(t, Tag::PlacePrep)).is_some())
            .collect();
        // Attach each date (and place) to anchors: one date dates every event of the sentence;
        // several dates go each to its nearest anchor.
        let dist = |a: usize, b: usize| a.abs_diff(b) * 2 + usize::from(a > b);
        let mut event_dates: Vec<Option<DateMention>> = vec![None; events.len()];
        let mut event_date_end: Vec<usize> = vec![0; events.len()];
        let mut statement_dates: Vec<(usize, usize, DateMention)> = Vec::new();
        for (ds, de, d) in dates {
            // The sentence's only date dates each of its events ("signed …, when they met …
            // on Wednesday"), unless a speech verb stands nearer: "X said on Thursday that the
            // summit agreed …" dates the statement.
            let nearest_event = events.iter().map(|a| dist(a.start, *ds)).min();
            // A trailing attribution ("…, kata X") does not take the date before it.
            let nearest_speech = speech.iter().filter(|&&p| p < *ds).map(|&p| dist(p, *ds)).min();
            let speech_first = matches!((nearest_event, nearest_speech), (Some(e), Some(sp)) if sp < e);
            if dates.len() == 1 && !events.is_empty() && !speech_first {
                for k in 0..events.len() {
                    event_dates[k] = Some(d.clone());
                    event_date_end[k] = *de;
                }
                continue;
            }
            let best_ev = events.iter().enumerate().map(|(k, a)| (dist(a.start, *ds), k)).min();
            let best_sp = speech.iter().map(|&p| dist(p, *ds)).min();
            match (best_ev, best_sp) {
                (Some((de_, k)), sp) if sp.is_none_or(|sp| de_ <= sp) => {
                    if event_dates[k].is_none() {
                        event_dates[k] = Some(d.clone());
                        event_date_end[k] = *de;
                    }
                }
                _ => statement_dates.push((*ds, *de, d.clone())),
            }
        }
        let mut out = Vec::new();
        let parties: Vec<String> = {
            let mut p: Vec<String> = ents
                .iter()
                .filter_map(|e| match &e.r {
                    Ref::Entity(id) => self.rules.country_of(id).map(str::to_string),
                    _ => None,
                })
                .collect();
            p.sort();
            p.dedup();
            p
        };
        for (k, a) in events.iter().enumerate() {
            let Tag::Event(ei) = a.tag else { continue };
            let rule = &pack.events[ei as usize];
            // "… to help each other if either country is attacked": a condition, not an event.
            if (a.start.saturating_sub(4)..a.start).any(|p| s.find(p, |t| matches!(t, Tag::Conditional)).is_some()) {
                continue;
            }
            let place = places.iter().min_by_key(|e| dist(a.start, e.start)).copied();
            let place = place.filter(|p| {
                // The sentence's only place goes with each of its events ("signed …, when they met
                // at X"); several places go each to the nearest anchor.
                if places.len() == 1 && speech.iter().all(|&sp| events.iter().any(|o| dist(o.start, p.start) <= dist(sp, p.start))) {
                    return true;
                }
                let d = dist(a.start, p.start);
                events.iter().all(|o| dist(o.start, p.start) >= d) && speech.iter().all(|&sp| dist(sp, p.start) >= d)
            });
            let destination = destination_after(s, ents, a.end, (a.end + 6).min(n));
            let principal = ents
                .iter()
                .filter(|e| matches!(e.kind, Some(EntityType::Person | EntityType::Org) | None))
                .filter(|e| Some(e.start) != destination.as_ref().map(|d| d.start) && Some(e.start) != place.map(|p| p.start))
                .min_by_key(|e| dist(a.start, e.start))
                .map(|e| e.r.clone())
                .or_else(|| speaker.cloned());
            let years: Vec<(usize, i32)> = (a.end..n)
                .filter(|&p| s.find(p.saturating_sub(1), |t| matches!(t, Tag::YearWord)).is_some() || p <= a.end + 3)
                .filter_map(|p| year_at(s, p).map(|y| (p, y)))
                .collect();
            let date = event_dates[k].clone();
            // A clock time goes with the sentence's only event, or the nearest one.
            let time = times.iter().filter(|(ts, _, _)| events.iter().enumerate().min_by_key(|(_, o)| dist(o.start, *ts)).map(|(kk, _)| kk) == Some(k) || times.len() == 1 && events.len() == 1).map(|t| t.2).next();
            if !(rule.always || date.is_some() || place.is_some() || destination.is_some() || !years.is_empty()) {
                continue;
            }
            let mut end = a.end;
            // Cover the object right after the verb ("menandatangani perjanjian").
            if end < n && s.toks[end].kind == TokKind::Word {
                end += 1;
            }
            if date.is_some() {
                end = end.max(event_date_end[k]);
            }
            if let Some(p) = place {
                end = end.max(p.end);
            }
            if let Some(t) = &time {
                end = end.max(s.toks.iter().position(|x| x.end == t.span.end).map_or(end, |p| p + 1));
            }
            if let Some(d) = &destination {
                end = end.max(d.end);
            }
            if let Some((p, _)) = years.first() {
                end = end.max(p + 1);
            }
            let ev = Event {
                event: rule.id.clone(),
                date,
                time,
                place: place.map(|p| p.r.id().to_string()),
                destination: destination.map(|d| d.r.id().to_string()),
                parties: if rule.key == EventKey::Parties { parties.clone() } else { vec![] },
                principal,
                years: years.iter().map(|(_, y)| *y).collect(),
            };
            out.push(Claim {
                doc,
                span: s.span(a.start, end),
                sentence: s.span,
                kind: Kind::Event,
                value: Value::Event(ev),
                rule: format!("{lang}/event/{}", rule.id),
                subject: None,
                speaker: None,
                source: None,
                hedged: false,
            });
        }
        for (ds, de, d) in statement_dates {
            // A statement is dated by a date after its verb ("kata BPS, Senin (3/3)"); a date
            // before a trailing attribution dates what was said, not the saying.
            let near_speech = speech.iter().any(|&p| p < ds);
            let place = places.iter().min_by_key(|e| e.start.abs_diff(ds)).map(|p| p.r.id().to_string());
            let anchor = if near_speech { Some("statement".to_string()) } else { None };
            let principal = if near_speech { speaker.cloned() } else { ents.first().map(|e| e.r.clone()) };
            out.push(Claim {
                doc,
                span: s.span(ds, de),
                sentence: s.span,
                kind: Kind::Date,
                value: Value::Date { date: d, anchor, principal, place },
                rule: format!("{lang}/date/{}", if near_speech { "statement" } else { "mention" }),
                subject: None,
                speaker: None,
                source: None,
                hedged: false,
            });
        }
        out
    }

    fn sets(&self, doc: usize, pack: &LanguagePack, s: &Sent, ents: &[Ent]) -> Vec<Claim> {
        let mut out = Vec::new();
        let mut k = 0;
        while k < ents.len() {
            let kind = ents[k].kind;
            if kind.is_none() {
                k += 1;
                continue;
            }
            let mut chain = vec![k];
            let mut m = k;
            while m + 1 < ents.len() {
                let gap = ents[m].end..ents[m + 1].start;
                let joined = gap.len() == 1 && (s.is_punct(gap.start, ",") || s.find(gap.start, |t| matches!(t, Tag::Conj)).is_some())
                    || gap.len() == 2 && s.is_punct(gap.start, ",") && s.find(gap.start + 1, |t| matches!(t, Tag::Conj)).is_some();
                if joined && ents[m + 1].kind == kind {
                    chain.push(m + 1);
                    m += 1;
                } else {
                    break;
                }
            }
            if chain.len() >= 3 {
                let first = &ents[chain[0]];
                let last = &ents[chain[chain.len() - 1]];
                let pred = (last.end..(last.end + 4).min(s.toks.len()))
                    .find_map(|p| s.find(p, |t| matches!(t, Tag::SetPred(_))))
                    .or_else(|| (first.start.saturating_sub(4)..first.start).find_map(|p| s.find(p, |t| matches!(t, Tag::SetPred(_)))));
                if let Some(Ann { tag: Tag::SetPred(pi), end: pend, start: pstart }) = pred {
                    let mut members: Vec<String> = chain.iter().map(|&c| ents[c].r.id().to_string()).collect();
                    members.sort();
                    members.dedup();
                    let (a, b) = (first.start.min(pstart), last.end.max(pend));
                    out.push(Claim {
                        doc,
                        span: s.span(a, b),
                        sentence: s.span,
                        kind: Kind::Set,
                        value: Value::Set { members, predicate: pack.set_predicates[pi as usize].id.clone() },
                        rule: format!("{}/set/{}", pack.code, pack.set_predicates[pi as usize].id),
                        subject: None,
                        speaker: None,
                        source: None,
                        hedged: false,
                    });
                }
            }
            k = m + 1;
        }
        out
    }
}


fn mark(s: &mut Sent, a: usize, b: usize) {
    for u in &mut s.used[a..b.min(s.toks.len())] {
        *u = true;
    }
}

fn mark_quotes(s: &mut Sent) {
    let n = s.toks.len();
    let mut i = 0;
    while i < n {
        let t = s.tok_text(i);
        if s.toks[i].kind == TokKind::Punct && (t == "\u{201c}" || t == "\"") {
            let close = if t == "\"" { "\"" } else { "\u{201d}" };
            if let Some(j) = (i + 1..n).find(|&k| s.is_punct(k, close)) {
                for q in &mut s.in_quote[i..=j] {
                    *q = true;
                }
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
}

fn destination_after(s: &Sent, ents: &[Ent], from: usize, to: usize) -> Option<Ent> {
    (from..to).find_map(|p| {
        if s.find(p, |t| matches!(t, Tag::DirPrep)).is_some() {
            ents.iter().find(|e| e.start == p + 1).cloned()
        } else {
            None
        }
    })
}

/// Hours and minutes at token `i`: "09.55" (one number token), "2:22", "23:47:57", or a bare
/// hour. Returns (hour, minutes, next token, written with a colon).
fn clock(s: &Sent, i: usize) -> Option<(i32, Option<i32>, usize, bool)> {
    let t = s.toks.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let txt = &s.text[t.start..t.end];
    if let Some((h, m)) = txt.split_once('.') {
        let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
        return (h <= 24 && m < 60 && txt.len() <= 5 && txt.len() - txt.find('.').unwrap_or(0) == 3).then_some((h, Some(m), i + 1, false));
    }
    let h: i32 = txt.parse().ok()?;
    if txt.len() > 2 {
        return None;
    }
    if s.is_punct(i + 1, ":") {
        let mt = s.toks.get(i + 2).filter(|t| t.kind == TokKind::Number)?;
        let mtxt = &s.text[mt.start..mt.end];
        let m: i32 = mtxt.parse().ok()?;
        if mtxt.len() != 2 || m >= 60 || h > 24 {
            return None;
        }
        let mut k = i + 3;
        // Seconds: "23:47:57".
        if s.is_punct(k, ":") && s.toks.get(k + 1).is_some_and(|t| t.kind == TokKind::Number && t.end - t.start == 2) {
            k += 2;
        }
        return Some((h, Some(m), k, true));
    }
    Some((h, None, i + 1, false))
}

fn small_int(s: &Sent, i: usize) -> Option<u32> {
    let t = s.toks.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let txt = &s.text[t.start..t.end];
    if txt.len() > 2 {
        return None;
    }
    txt.parse().ok()
}

fn year_at(s: &Sent, i: usize) -> Option<i32> {
    let t = s.toks.get(i)?;
    if t.kind != TokKind::Number || t.end - t.start != 4 {
        return None;
    }
    let y: i32 = s.text[t.start..t.end].parse().ok()?;
    (1000..=2200).contains(&y).then_some(y)
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
