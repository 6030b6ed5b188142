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
mod place;
mod quantity;
mod quote;
mod set;
mod speaker;
mod time;
mod tokens;

use std::collections::BTreeMap;

use crate::claim::*;
use crate::lexicon::{Lexicon, Tag, Terms, TokKind, tokenize};
use crate::rules::{EntityType, LanguagePack, RuleError, RuleSet};
use crate::segment::{Cleaner, Segments, Span};

use tokens::*;

/// A language's lexicon, built at first use (or the error building it gave).
type LazyLexicon = std::sync::OnceLock<Result<Lexicon, RuleError>>;

/// Compiled rules for every language.
pub struct Extractor<'r> {
    pub rules: &'r RuleSet,
    /// Each language's lexicon, built when an article in that language is first read: a run
    /// over articles of one language never builds the others' automata (start-up time).
    langs: BTreeMap<String, (&'r LanguagePack, LazyLexicon)>,
    pub cleaner: Cleaner,
    /// The input is small (`hint_input_bytes`): lexicons not yet built are built quickly.
    quick: std::sync::atomic::AtomicBool,
    /// Every language's function words in one automaton; pattern → language index.
    stopwords: std::sync::OnceLock<Option<(Terms, Vec<Vec<usize>>)>>,
    /// Each language's month and weekday names by their lower-case form (`date::LowerCalendar`).
    lower_calendar: BTreeMap<String, date::LowerCalendar>,
    /// The rule ids claims carry, made once each (`rule_name`).
    rule_names: std::sync::RwLock<RuleNames>,
    /// Ids many claims hold (`Extractor::intern`).
    ids: std::sync::RwLock<foldhash::HashSet<SharedId>>,
}

/// Rule ids by language, kind and id (`Extractor::rule_name`), looked up once per claim: foldhash
/// maps (the keys are the rules' own ids, not chosen by an article).
type RuleNames = foldhash::HashMap<String, foldhash::HashMap<String, foldhash::HashMap<String, RuleName>>>;

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
    /// The dates and the years written in sentences that state figures, once per sentence:
    /// each figure's `Quantity::dates` and `Quantity::years` are ranges of them (normalisation
    /// resolves them once, ties figures to their incidents and empties them).
    pub sentence_dates: Vec<DateMention>,
    pub sentence_years: Vec<i32>,
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
    /// The claims of the previous sentence, as a range of `DocExtract::claims`.
    prev_claims: (usize, usize),
    /// The date the last stamped figure was stated for.
    last_stamp: Option<DateMention>,
}

/// The elements moved into a vector of exactly their number. (`shrink_to_fit` may keep the
/// block: allocators leave a block in place when it shrinks by less than half.)
fn exact<T>(v: Vec<T>) -> Vec<T> {
    if v.capacity() == v.len() {
        return v;
    }
    let mut out = Vec::with_capacity(v.len());
    out.extend(v);
    out
}

/// Every language's own words in one automaton (pattern → the languages that own it), for
/// `Extractor::detect`; built when an article first needs its language detected. A DFA (faster
/// to search, slower to build) unless the input is small (`quick`).
fn language_automaton(rules: &RuleSet, quick: bool) -> Option<(Terms, Vec<Vec<usize>>)> {
    let langs: Vec<&LanguagePack> = rules.languages.values().collect();
    // A word shared by several languages credits each of them.
    let mut owners: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (li, pack) in langs.iter().enumerate() {
        for w in language_words(pack) {
            // Symbols and one-letter abbreviations ("%", "$", "g") tell no language.
            if w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                continue;
            }
            let owned = owners.entry(w.to_lowercase()).or_default();
            if !owned.contains(&li) {
                owned.push(li);
            }
        }
    }
    let (pats, owner): (Vec<String>, Vec<Vec<usize>>) = owners.into_iter().unzip();
    Terms::build(&pats, quick).ok().map(|ac| (ac, owner))
}

/// Below this much input text, lexicons are built as contiguous NFAs, not DFAs.
const QUICK_BYTES: usize = 256 * 1024;

/// The language a text was read in when nothing named it, and how sure that is.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub language: String,
    /// The winner's share of the two best languages' words (0 to 1).
    pub confidence: f64,
    /// How many of the winner's words the text has.
    pub words: usize,
    pub sure: bool,
}

/// The words of a language's rules that tell it from another: function words, numbers and
/// scales, qualifiers, units and counted things, calendar and time words, speech verbs.
fn language_words(pack: &LanguagePack) -> Vec<&String> {
    let mut w: Vec<&String> = pack.meta.iter().flat_map(|m| m.stopwords.iter()).collect();
    w.extend(pack.number_words.keys().chain(pack.multipliers.keys()).chain(pack.scales.keys()).chain(pack.ordinals.keys()));
    w.extend(pack.qualifiers.iter().flat_map(|q| q.terms.iter()));
    w.extend(pack.vague.iter().flat_map(|q| q.terms.iter()));
    w.extend(pack.units.iter().flat_map(|q| q.terms.iter()));
    w.extend(pack.concepts.iter().flat_map(|q| q.terms.iter()));
    w.extend(pack.months.keys().chain(pack.weekdays.keys()).chain(pack.time_units.keys()));
    w.extend(pack.speech.verbs.iter().chain(pack.count_links.iter()));
    w
}

impl<'r> Extractor<'r> {
    pub fn new(rules: &'r RuleSet) -> Result<Extractor<'r>, RuleError> {
        let mut langs = BTreeMap::new();
        for (code, pack) in &rules.languages {
            langs.insert(code.clone(), (pack, std::sync::OnceLock::new()));
        }
        let lower_calendar = rules.languages.iter().map(|(code, pack)| (code.clone(), date::LowerCalendar::new(pack))).collect();
        Ok(Extractor { rules, langs, cleaner: Cleaner::new(rules), stopwords: std::sync::OnceLock::new(), quick: std::sync::atomic::AtomicBool::new(false), lower_calendar, rule_names: Default::default(), ids: Default::default() })
    }

    /// The id "<language>/<kind>/<id>" of a rule, made once and shared by every claim it finds.
    fn rule_name(&self, pack: &LanguagePack, kind: &str, id: &str) -> RuleName {
        let found = |names: &RuleNames| names.get(pack.code.as_str()).and_then(|k| k.get(kind)).and_then(|i| i.get(id)).cloned();
        if let Some(n) = self.rule_names.read().ok().and_then(|names| found(&names)) {
            return n;
        }
        let Ok(mut names) = self.rule_names.write() else { return format!("{}/{kind}/{id}", pack.code).into() };
        let ids = names.entry(pack.code.clone()).or_default().entry(kind.to_string()).or_default();
        ids.entry(id.to_string()).or_insert_with(|| format!("{}/{kind}/{id}", pack.code).into()).clone()
    }

    /// The one shared string of an id many claims hold (a unit, a counted thing): made the first
    /// time it is wanted. The ids come from the rules and the nouns articles count, so there are
    /// far fewer than claims.
    fn intern(&self, id: &str) -> SharedId {
        if let Some(s) = self.ids.read().ok().and_then(|ids| ids.get(id).cloned()) {
            return s;
        }
        let Ok(mut ids) = self.ids.write() else { return id.into() };
        if let Some(s) = ids.get(id) {
            return s.clone();
        }
        let s: SharedId = id.into();
        ids.insert(s.clone());
        s
    }

    /// How much text is about to be read: below `QUICK_BYTES`, the lexicons still to be built
    /// are built quickly (`Lexicon::build`), as building a DFA would cost more than it saves.
    /// The matches, and so the claims, are the same either way.
    pub fn hint_input_bytes(&self, bytes: usize) {
        self.quick.store(bytes < QUICK_BYTES, std::sync::atomic::Ordering::Relaxed);
    }

    fn lexicon(&self, pack: &LanguagePack) -> Result<Lexicon, RuleError> {
        Lexicon::build(pack, self.quick.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// Build every language's lexicon now (what `new` leaves to first use): the first error.
    pub fn compile_all(&self) -> Result<(), RuleError> {
        for (pack, lex) in self.langs.values() {
            if let Err(e) = lex.get_or_init(|| self.lexicon(pack)) {
                return Err(e.clone());
            }
        }
        Ok(())
    }

    /// A language whose lexicon could not be built (it was needed and failed): its articles
    /// yield no claims. Only past the automaton's size limits; reported as a warning.
    pub fn lexicon_error(&self, lang: &str) -> Option<&RuleError> {
        self.langs.get(lang).and_then(|(_, l)| l.get()).and_then(|r| r.as_ref().err())
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.langs.keys().map(|s| s.as_str())
    }

    /// The language whose function words are most frequent in the text (one automaton pass
    /// over the first 20 kB, whole words only).
    pub fn detect_language(&self, text: &str) -> Option<String> {
        self.detect(text).map(|d| d.language)
    }

    /// The language whose own words (function words, numbers, units, counted things, calendar
    /// and speech words of its rules) are most frequent in the text, with how sure that is: the
    /// share of the two best languages' words that are the winner's. Unsure when the text has
    /// fewer than three such words or the share is under 2/3.
    pub fn detect(&self, text: &str) -> Option<Detected> {
        let sample = &text[..floor_char(text, text.len().min(20_000))];
        let (ac, owner) = self.stopwords.get_or_init(|| language_automaton(self.rules, self.quick.load(std::sync::atomic::Ordering::Relaxed))).as_ref()?;
        let mut score = vec![0usize; self.langs.len()];
        // Whole words only: at each word's start (past the last word counted), the longest
        // term that ends at a word's end.
        let b = sample.as_bytes();
        let mut at = 0;
        while at < b.len() {
            if at > 0 && b[at - 1].is_ascii_alphanumeric() {
                at += 1;
                continue;
            }
            let mut longest = None;
            ac.starting_at(b, at, |p, e| {
                if e == b.len() || !b[e].is_ascii_alphanumeric() {
                    longest = Some((p, e));
                }
            });
            match longest {
                Some((p, e)) => {
                    for &l in &owner[p.as_usize()] {
                        score[l] += 1;
                    }
                    at = e;
                }
                None => at += 1,
            }
        }
        let best = score.iter().enumerate().max_by_key(|(i, s)| (**s, usize::MAX - i))?.0;
        let second = score.iter().enumerate().filter(|(i, _)| *i != best).map(|(_, s)| *s).max().unwrap_or(0);
        let top = score[best];
        let confidence = if top == 0 { 0.0 } else { top as f64 / (top + second) as f64 };
        let language = self.langs.keys().nth(best).cloned()?;
        Some(Detected { language, confidence, words: top, sure: top >= 3 && confidence >= 2.0 / 3.0 })
    }

    /// Extract every claim of one article.
    pub fn extract(&self, doc: usize, text: &str, body_start: usize, has_title: bool, lang: &str) -> DocExtract {
        self.extract_shared(doc, &text.into(), body_start, has_title, lang)
    }

    /// `extract` of a text its claims may hold (quotations are ranges of it, not copies).
    pub fn extract_shared(&self, doc: usize, shared: &std::sync::Arc<str>, body_start: usize, has_title: bool, lang: &str) -> DocExtract {
        let text: &str = shared;
        let mut out = DocExtract { language: lang.to_string(), ..Default::default() };
        out.segments = self.cleaner.segment(text, body_start, has_title);
        let Some((pack, Ok(lex))) = self.langs.get(lang).map(|(pack, lex)| (*pack, lex.get_or_init(|| self.lexicon(pack)))) else { return out };
        let mut st = DocState::default();
        let sentences = std::mem::take(&mut out.segments.sentences);
        // One set of buffers for all sentences of the article: no allocation per sentence.
        let mut sent = Sent { text, shared, toks: Vec::new(), anns: Vec::new(), first: Vec::new(), used: Vec::new(), in_quote: Vec::new(), span: Span { start: 0, end: 0 }, is_title: false, cal: &self.lower_calendar[lang] };
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
        keep_named_places(&mut out.claims);
        // An article's vectors are kept to the end of the run: held at their length, not at the
        // capacity they grew to (up to twice it), the memory the rest frees serves the next
        // article.
        out.claims = exact(std::mem::take(&mut out.claims));
        out.segments.sentences = exact(std::mem::take(&mut out.segments.sentences));
        out.segments.paragraphs = exact(std::mem::take(&mut out.segments.paragraphs));
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
        let at = self.speaker(pack, s, &ents, st);
        // "Hal itu diungkapkan Kapolda …": the sentence attributes the one before it.
        if at.back_reference {
            if let Some(sp) = &at.speaker {
                for c in &mut out.claims[st.prev_claims.0..st.prev_claims.1] {
                    if c.speaker.is_none() {
                        c.speaker = Some(sp.clone());
                    }
                    if c.source.is_none() && c.kind == Kind::Quantity {
                        c.source = Some(sp.clone());
                    }
                }
            }
        }
        // This sentence's claims go straight after the article's others.
        let from = out.claims.len();
        let sentence_span = s.span;
        let base = move |kind: Kind, span: Span, value: Value, rule: RuleName| Claim {
            doc,
            span,
            sentence: sentence_span.into(),
            kind,
            value,
            rule,
            subject: None,
            speaker: None,
            source: None,
            hedged: false,
        };
        // Ages ("berusia 4 tahun", "a 10-year-old girl") before durations take their words.
        for (span, q) in self.ages(pack, s) {
            out.claims.push(base(Kind::Quantity, span, Value::Quantity(Box::new(q)), self.rule_name(pack, "quantity", "age")));
        }
        // Recency ("the first … in 30 years", "since 1995") and durations ("for a century").
        for c in self.recency(pack, s, &ents, &dates, at.speaker.as_ref()) {
            out.claims.push(base(Kind::Duration, c.0, Value::Recency(Box::new(c.1)), self.rule_name(pack, "duration", "recency")));
        }
        for (span, amount, unit) in self.durations(pack, s) {
            out.claims.push(base(Kind::Duration, span, Value::Duration { amount, unit }, self.rule_name(pack, "duration", "for")));
        }
        // Quotations, and who speaks in them.
        let whole = s.in_quote.iter().filter(|&&q| !q).count() <= 2;
        let quote_speaker = at.speaker.clone().or_else(|| if whole { st.last_speaker.clone() } else { None });
        for (span, q) in self.quotes(s, &ents) {
            let mut c = base(Kind::Quote, span, Value::Quote(q), self.rule_name(pack, "quote", "quotation"));
            c.speaker = quote_speaker.clone();
            out.claims.push(c);
        }
        if let Some((span, q)) = self.reported_speech(pack, s, &ents, &at) {
            let mut c = base(Kind::Statement, span, Value::Quote(q), self.rule_name(pack, "quote", "reported"));
            c.speaker = at.speaker.clone();
            out.claims.push(c);
        }
        let quantities = self.quantities(pack, s, &ents);
        // "Earlier this year, …", "Sebelumnya, …": the whole sentence tells what came before.
        let told_before = s.find(0, |t| matches!(t, Tag::Earlier)).is_some();
        // The sentence's years and dates, once for all its figures.
        let (years, sentence_dates) = if quantities.is_empty() {
            (0..0, 0..0)
        } else {
            let (y0, d0) = (out.sentence_years.len(), out.sentence_dates.len());
            out.sentence_years.extend(sentence_years(s, &dates));
            out.sentence_dates.extend(dates.iter().map(|d| d.2.clone()));
            let range = |a: usize, b: usize| a as u32..b as u32;
            (range(y0, out.sentence_years.len()), range(d0, out.sentence_dates.len()))
        };
        let running = |q: &Quantity| q.of.as_deref().is_some_and(|of| pack.concepts.iter().any(|c| c.running && of.split('.').any(|p| p == c.id)));
        let revision_words = (0..s.toks.len()).any(|p| s.find(p, |t| matches!(t, Tag::Revised)).is_some());
        let mut as_of_dates: Vec<Span> = Vec::new();
        for f in quantities {
            let mut q = f.q;
            q.earlier |= told_before;
            // When the figure is stated for: a date after "per"/"as of", the date of the
            // statement, or for a count the text says was revised the date nearest it. Any
            // other date in the sentence dates what happened, not the count.
            let marked = |p: usize| p > 0 && (p.saturating_sub(2)..p).any(|k| s.find(k, |t| matches!(t, Tag::AsOf)).is_some());
            let stamp = dates
                .iter()
                .find(|(ds, _, _)| marked(*ds))
                .or_else(|| at.verb.and_then(|v| dates.iter().find(|(ds, _, _)| *ds > v && *ds <= v + 8)))
                .or_else(|| if revision_words && running(&q) { dates.iter().min_by_key(|(ds, _, _)| ds.abs_diff(f.value_tok)) } else { None });
            if let Some((_, _, d)) = stamp {
                as_of_dates.push(d.span);
                q.as_of = Some(d.clone());
            }
            let timed = times.iter().find(|(ts, _, _)| marked(*ts)).or_else(|| if running(&q) { times.iter().min_by_key(|(ts, _, _)| ts.abs_diff(f.value_tok)) } else { None });
            q.as_of_time = timed.map(|t| t.2);
            // "Lalu pada pukul 10.30 WIB, …": a time alone keeps the date of the figure before it.
            if q.as_of.is_none() && q.as_of_time.is_some() {
                q.as_of = st.last_stamp.clone();
            }
            if q.as_of.is_some() {
                st.last_stamp = q.as_of.clone();
            }
            q.years = years.clone();
            q.dates = sentence_dates.clone();
            let in_quote = s.in_quote.get(f.value_tok).copied().unwrap_or(false);
            let mut c = base(Kind::Quantity, f.span, Value::Quantity(Box::new(q)), self.rule_name(pack, "quantity", &f.rule));
            let authority = self.authority(s, &ents, f.value_tok);
            // What the figure is about: a name just before it ("Russia sent 10,000 troops",
            // "MV Stolt Valor, with 18 sailors on board"), never who states it.
            let not_teller = |e: &&tokens::Ent| Some(&e.r) != at.source.as_ref() && Some(&e.r) != authority.as_ref() && Some(&e.r) != at.speaker.as_ref();
            // A name past a comma is what the figure is about only when it is a place ("in the
            // city of Thessaloniki, where another 20,000 marched").
            let place = |e: &tokens::Ent| matches!(e.kind, Some(EntityType::City | EntityType::Place | EntityType::Country));
            let comma_between = |e: &tokens::Ent| (e.end..f.toks.0).any(|k| s.is_punct(k, ",") || s.is_punct(k, ";") || s.is_punct(k, ":"));
            c.subject = ents
                .iter()
                .rev()
                .filter(|e| e.end <= f.toks.0 && f.toks.0 - e.end <= SUBJECT_REACH)
                .find(not_teller)
                .filter(|e| place(e) || !comma_between(e))
                .map(|e| e.r.clone());
            c.source = authority.or_else(|| if in_quote { quote_speaker.clone() } else { at.source.clone() });
            // "Di Cianjur, 14 orang tewas", "In Thessaloniki, 20,000 marched": a place the
            // sentence puts the figure in bounds it.
            if let Value::Quantity(q) = &mut c.value {
                if q.more().scope.is_none() {
                    // The preposition may stand a few lowercase words before the name ("in the
                    // northern city of Thessaloniki").
                    let after_prep = |e: &tokens::Ent| {
                        (e.start.saturating_sub(5)..e.start).rev().take_while(|&k| s.toks[k].kind == TokKind::Word && (k + 1 == e.start || !s.toks[k].cap)).any(|k| s.find(k, |t| matches!(t, Tag::PlacePrep)).is_some())
                    };
                    let introduced = ents.iter().rev().filter(|e| e.end <= f.toks.0 && f.toks.0 - e.end <= SUBJECT_REACH).find(|e| place(e)).filter(|e| after_prep(e));
                    if let Some(e) = introduced {
                        q.set_more(|m| &mut m.scope, Some(e.r.id().to_string()));
                    }
                }
            }
            c.speaker = if in_quote { quote_speaker.clone() } else { at.speaker.clone() };
            c.hedged = at.hedged;
            out.claims.push(c);
        }
        // Events, dated statements, clock times and places.
        let event_dates: Vec<(usize, usize, DateMention)> = dates.iter().filter(|d| !as_of_dates.contains(&d.2.span)).cloned().collect();
        // A time written right after an as-of date ("per Selasa (7/12) pukul 12.00") stamps the
        // figures too, never an event.
        let as_of_toks: Vec<usize> = dates.iter().filter(|d| as_of_dates.contains(&d.2.span)).map(|d| d.1).collect();
        let event_times: Vec<(usize, usize, TimeMention)> = times.iter().filter(|(ts, _, _)| !as_of_toks.iter().any(|&de| de <= *ts && ts - de <= 2)).cloned().collect();
        let events = self.events(doc, pack, s, &ents, &event_dates, &event_times, at.speaker.as_ref());
        // Every date is a claim of its own: what it dates is its anchor.
        for (ds, de, d) in &dates {
            if events.iter().any(|c| c.kind == Kind::Date && c.span == d.span) {
                continue;
            }
            let anchor = events
                .iter()
                .find_map(|c| match &c.value {
                    Value::Event(e) if e.date.as_ref().is_some_and(|x| x.span == d.span) => Some(e.event.clone()),
                    _ => None,
                })
                .or_else(|| as_of_dates.contains(&d.span).then(|| "figure".to_string()));
            let mut c = base(Kind::Date, s.span(*ds, *de), Value::Date { date: Box::new(d.clone()), anchor: anchor.map(Into::into), principal: None, place: None }, self.rule_name(pack, "date", "mention"));
            c.speaker = at.speaker.clone();
            out.claims.push(c);
        }
        for (ts, te, tm) in &times {
            // The date written next to the time, else the sentence's only date.
            // Only a date that names a day dates a clock time (not "in 1978", "next month").
            let days: Vec<&(usize, usize, DateMention)> = dates.iter().filter(|d| d.2.raw.names_day()).collect();
            let near = days.iter().copied().find(|(_, de, _)| *de <= *ts && ts - de <= 2).or_else(|| days.iter().copied().find(|(ds, _, _)| *ds >= *te && ds - te <= 1));
            let date = near.or_else(|| (dates.len() == 1).then(|| days.first().copied()).flatten());
            let (a, b) = match near {
                Some((ds, de, _)) => ((*ds).min(*ts), (*de).max(*te)),
                None => (*ts, *te),
            };
            let anchor = events.iter().find_map(|c| match &c.value {
                Value::Event(e) if e.time.is_some_and(|t| t.span == tm.span) => Some(e.event.clone()),
                _ => None,
            });
            let mut c = base(Kind::Time, s.span(a, b), Value::Time { time: *tm, date: date.map(|d| Box::new(d.2.clone())), anchor: anchor.map(Into::into) }, self.rule_name(pack, "time", "clock"));
            c.speaker = at.speaker.clone();
            out.claims.push(c);
        }
        out.claims.extend(events);
        for (span, place, within, unsure) in self.places(pack, s, &ents) {
            let rule = if unsure { UNSURE_PLACE } else { "place" };
            out.claims.push(base(Kind::Location, span, Value::Location { place, within: within.into(), anchor: None }, self.rule_name(pack, "location", rule)));
        }
        out.claims.extend(self.sets(doc, pack, s, &ents));
        for c in &mut out.claims[from..] {
            if c.speaker.is_none() && c.kind != Kind::Quote {
                c.speaker = at.speaker.clone();
            }
        }
        // "he said", "katanya" point back to the last person who spoke, never to a body.
        if let Some(sp) = at.speaker.filter(|_| !at.body) {
            st.last_speaker = Some(sp);
        }
        st.prev_claims = (from, out.claims.len());
    }

}

/// Each letter and digit of `s` lower-cased, in order, with whether anything else came between
/// it and the one before: `f(char, gap)`. ASCII by byte tests, the rest by Unicode's.
pub fn lower_alnum(s: &str, mut f: impl FnMut(char, bool)) {
    let mut gap = false;
    if s.is_ascii() {
        // Most text: bytes are its characters, no decoding.
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                f(char::from(b.to_ascii_lowercase()), gap);
                gap = false;
            } else {
                gap = true;
            }
        }
        return;
    }
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            f(c.to_ascii_lowercase(), gap);
            gap = false;
        } else if !c.is_ascii() && c.is_alphanumeric() {
            for l in c.to_lowercase() {
                f(l, gap);
                gap = false;
            }
        } else {
            gap = true;
        }
    }
}

/// An id from a name: its letters and digits lower-cased, each run of anything else one `_`
/// (none at either end): "Kim Jong-un" → `kim_jong_un`. One allocation.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    lower_alnum(s, |c, gap| {
        if gap && !out.is_empty() {
            out.push('_');
        }
        out.push(c);
    });
    out
}

/// The rule suffix of a place after a direction or origin that the article must name as a place
/// elsewhere (`place::places`).
const UNSURE_PLACE: &str = "destination";

/// Keep a place after a direction or origin ("to Baytown") only when the article also writes it
/// as a place ("in Baytown", "Baytown, Texas"): else the name is likely a person ("to
/// Bodiford", "from Nichols").
fn keep_named_places(claims: &mut Vec<Claim>) {
    let unsure = |c: &Claim| c.kind == Kind::Location && c.rule.ends_with(UNSURE_PLACE);
    let mut named: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for c in claims.iter().filter(|c| !unsure(c)) {
        match &c.value {
            Value::Location { place, within, .. } => {
                named.insert(place.clone());
                named.extend(within.iter().cloned());
            }
            Value::Event(e) => named.extend(e.place.iter().cloned()),
            Value::Quantity(q) => named.extend(q.more().scope.iter().filter(|s| !s.starts_with('~')).cloned()),
            _ => {}
        }
    }
    // A name the article gives a speaker, subject or source of ("Maurice Cheeks said") is a
    // person or a body there, not a place ("in Maurice Cheeks").
    let people: std::collections::BTreeSet<&str> = claims.iter().flat_map(crate::names::unknown_names).filter(|n| n.contains('_')).collect();
    let person_place = |c: &Claim| matches!(&c.value, Value::Location { place, within, .. } if within.is_empty() && people.contains(place.as_str()));
    let drop: Vec<bool> = claims.iter().map(|c| c.kind == Kind::Location && (person_place(c) || (unsure(c) && !matches!(&c.value, Value::Location { place, .. } if named.contains(place))))).collect();
    let mut k = 0;
    claims.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    for c in claims.iter_mut().filter(|c| unsure(c)) {
        c.rule = c.rule.replace(UNSURE_PLACE, "place").into();
    }
}

/// Tokens between a figure and a name before it that is what the figure is about.
const SUBJECT_REACH: usize = 8;

/// Years the sentence names: full dates and "pada/in 2004"-style years.
fn sentence_years(s: &Sent, dates: &[(usize, usize, DateMention)]) -> Vec<i32> {
    let mut out: Vec<i32> = dates
        .iter()
        .filter_map(|(_, _, d)| match d.raw {
            RawDate::Absolute { year: Some(y), .. } | RawDate::Year { year: y } => Some(y),
            _ => None,
        })
        .collect();
    for p in 0..s.toks.len() {
        if s.used[p] {
            continue;
        }
        // A four-digit number no figure took is a year ("pada 2004", "the 2004 tsunami").
        if let Some(y) = year_at(s, p).filter(|y| (1800..=2100).contains(y)) {
            out.push(y);
        }
    }
    out.sort();
    out.dedup();
    out
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod slug_tests {
    use proptest::prelude::*;

    /// The plain definition: lower-cased letters and digits, `_` for any run of other
    /// characters, none at the ends.
    fn reference(s: &str) -> String {
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

    proptest! {
        #[test]
        fn slug_is_the_plain_definition(s in "[a-zA-Z0-9 _.,'İıÉéßΣ-]{0,24}|\\PC{0,24}") {
            prop_assert_eq!(super::slug(&s), reference(&s));
        }
    }

    #[test]
    fn slug_examples() {
        assert_eq!(super::slug("  Kim Jong-un, "), "kim_jong_un");
        assert_eq!(super::slug("İstanbul"), reference("İstanbul"));
        assert_eq!(super::slug("--"), "");
    }
}

#[cfg(test)]
mod detect_tests {
    use super::Extractor;
    use crate::rules::RuleSet;

    /// Words count only whole: "the" inside "other", "di" inside "adik" credit no language;
    /// "the", "said" and "was" standing alone do; a longer term that would end inside a word
    /// ("at least" in "at leastways") leaves the whole word it starts with ("at").
    #[test]
    fn language_words_count_only_whole() {
        let rules = RuleSet::builtin().expect("built-in rules load");
        let ex = Extractor::new(&rules).expect("rules compile");
        let inside = ex.detect("othersaid adikdi wasn").expect("a language");
        assert_eq!(inside.words, 0, "{inside:?}");
        let prefix = ex.detect("at leastways").expect("a language");
        assert_eq!((prefix.language.as_str(), prefix.words), ("en", 1), "{prefix:?}");
        let whole = ex.detect("The minister said it was late.").expect("a language");
        assert_eq!(whole.language, "en");
        assert!(whole.words >= 4 && whole.sure, "{whole:?}");
        let id = ex.detect("Ia mengatakan bahwa banjir itu sudah surut di desa.").expect("a language");
        assert_eq!(id.language, "id", "{id:?}");
    }
}
