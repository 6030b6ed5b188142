//! Lexicon: tokenises text and finds every rule word in it with one Aho-Corasick pass, so that
//! extraction works on tagged tokens instead of running one regex per rule.
//!
//! Matching is ASCII-case-insensitive and respects token boundaries: a term matches only when it
//! starts and ends on token edges ("dua" never matches inside "duanya").

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, PatternID, StartKind};

use crate::rules::{LanguagePack, RuleError, TimeUnit};

/// What a matched term means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tag {
    NumberWord(f64),
    Multiplier(f64),
    TeenSuffix,
    Scale(f64),
    Ordinal(u32),
    Qualifier(u16),
    Link,
    Vague(u16),
    Unit(u16),
    Concept(u16),
    /// A scope word that bounds what a figure counts ("in total", "nationwide").
    Scope(u16),
    /// A word naming the counted thing that stands before the number ("menewaskan 62").
    ConceptPre(u16),
    Month(u8),
    Weekday(u8),
    Relative(u16),
    /// A holiday's name, by its index in the pack's holidays.
    Holiday(u16),
    /// "on", "pada": before a holiday's name it makes the name a date.
    HolidayPrep,
    /// "the", "tanggal": before a day of the month written without its month.
    DayMark,
    /// "ago", "lalu": after a span of time, that long before the article's date.
    Ago,
    /// "in", "dalam": before a span of time with a future marker, that long after it.
    Ahead,
    /// "twice": a count of occurrences.
    Repeat(u32),
    /// "times", "kali": the occasion a number or an ordinal counts.
    Occasion,
    /// "sebulan", "month" standing alone: one of a time unit.
    OneUnit(TimeUnit),
    YearWord,
    TimeUnit(TimeUnit),
    First,
    Since,
    Within,
    Recent,
    For,
    /// "nine months after", "dua hari kemudian": a span of time before it is a duration.
    AfterSpan,
    Event(u16),
    Speech,
    SpeechBack,
    Citation,
    Negation,
    Hedge,
    Entity(u16),
    Role(u16),
    PlacePrep,
    DirPrep,
    Conj,
    Title,
    SetPred(u16),
    Future,
    /// "will", "akan": a future marker of the whole clause.
    FutureClause,
    /// "the year before", "tahun sebelumnya": after a yearless date, the year before.
    YearBefore,
    AsOf,
    Other,
    RangeWord,
    RangeOpen,
    Article,
    Conditional,
    TimeMarker,
    /// "di antaranya", "of them": the figure before is a part of the group just counted.
    PartAfter,
    /// "termasuk", "including": the figure after is a part.
    PartBefore,
    /// "terdiri atas", "consisting of": the figures after are parts.
    Consist,
    /// "semula", "initially": an earlier, superseded figure.
    Earlier,
    /// "direvisi menjadi", "revised to": a revised figure.
    Revised,
    /// "menurut", "data", "according to": the authority follows.
    SourceMark,
    /// "mencatat", "recorded": the authority stands before.
    Record,
    /// "yang", "who": a relative clause restricting a counted thing.
    RelClause,
    Aux,
    /// "milik", "belonging to": the owner follows.
    Owner,
    Holder,
    PlaceMod,
    /// "Hal itu", "This was": the sentence attributes the one before.
    BackRef,
    /// "Badan", "Ministry": a capitalised name with it is an organisation.
    OrgWord,
    /// "stadion", "hospital": a common noun of a place.
    PlaceNoun,
    /// "in", "pada", "since": a bare month name after it is a date.
    DatePrep,
    /// "of": links an amount to the thing ("containers of munitions").
    Linker,
    /// "ia", "he": the last person named.
    Pronoun,
    /// "bahwa", "that": reported speech follows.
    Complementizer,
    /// "berusia", "aged": a person's age follows.
    AgeMark,
    /// "seorang", "one": a number only after a verb that names the thing.
    Weak,
    /// "getaran", "vibrations": evidence of the event word after it.
    Evidence,
    /// "dari", "from": a place of origin follows.
    OriginPrep,
    /// "Kecamatan", "District": the name after it is a place of this level (`place_levels`).
    PlaceLevel(u8),
    Am,
    Pm,
    LocalTime,
    Zone(i32),
}

impl Tag {
    /// Proper names and calendar words must be written with a capital (see `needs_capital`).
    fn capital_policy(&self, calendar: bool) -> bool {
        match self {
            Tag::Entity(_) | Tag::Zone(_) => true,
            Tag::Month(_) | Tag::Weekday(_) => calendar,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// First character is uppercase.
    pub cap: bool,
}

/// A lexicon match over tokens `[start, end)`.
#[derive(Debug, Clone, Copy)]
pub struct Ann {
    pub start: usize,
    pub end: usize,
    pub tag: Tag,
}

pub struct Lexicon {
    ac: Option<Terms>,
    /// For each pattern: the tags it carries and whether it must match case exactly.
    meta: Vec<(Vec<Tag>, CaseRule)>,
    calendar_caps: bool,
    /// Entity ids in the order of `Tag::Entity` indices, each one string its references share.
    pub entity_ids: Vec<crate::claim::RefId>,
    /// Role ids in the order of `Tag::Role` indices (the pack's roles), shared the same way.
    pub role_ids: Vec<crate::claim::RefId>,
}

/// The rule terms as an automaton searched anchored at each token's start (no walk through
/// the inside of words): a DFA, or for small inputs a contiguous NFA, quicker to build.
pub(crate) enum Terms {
    Dfa(aho_corasick::dfa::DFA),
    Nfa(aho_corasick::nfa::contiguous::NFA),
}

impl Terms {
    /// `patterns` matched ASCII case-insensitively, every one that matches reported (`quick`: a
    /// contiguous NFA, else a DFA).
    pub(crate) fn build(patterns: &[String], quick: bool) -> Result<Terms, aho_corasick::BuildError> {
        Ok(if quick {
            Terms::Nfa(aho_corasick::nfa::contiguous::Builder::new().ascii_case_insensitive(true).match_kind(MatchKind::Standard).build(patterns)?)
        } else {
            Terms::Dfa(aho_corasick::dfa::Builder::new().ascii_case_insensitive(true).match_kind(MatchKind::Standard).start_kind(StartKind::Anchored).build(patterns)?)
        })
    }

    /// Every term that starts at `hay[at]`: `f(pattern, end)`, shortest first.
    pub(crate) fn starting_at(&self, hay: &[u8], at: usize, f: impl FnMut(PatternID, usize)) {
        match self {
            Terms::Dfa(a) => starting_at(a, hay, at, f),
            Terms::Nfa(a) => starting_at(a, hay, at, f),
        }
    }
}

fn starting_at<A: Automaton>(a: &A, hay: &[u8], at: usize, mut f: impl FnMut(PatternID, usize)) {
    let Ok(mut sid) = a.start_state(Anchored::Yes) else { return };
    let mut i = at;
    while i < hay.len() {
        sid = a.next_state(Anchored::Yes, sid, hay[i]);
        i += 1;
        if a.is_dead(sid) {
            return;
        }
        if a.is_match(sid) {
            // A state's matches include the terms that end there but start later (a suffix of
            // the text walked): only those of the whole length start at `at`.
            for k in 0..a.match_len(sid) {
                let p = a.match_pattern(sid, k);
                if a.pattern_len(p) == i - at {
                    f(p, i);
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    Any,
    /// The first letter must be uppercase in the text (proper names, calendar names).
    Capital,
    /// An acronym: exact case ("AS" is the United States, "as" is not).
    Exact,
    /// A one-letter abbreviation in lower case: the text is lower case too.
    Lower,
}

impl Lexicon {
    pub fn new(pack: &LanguagePack) -> Result<Lexicon, RuleError> {
        Lexicon::build(pack, false)
    }

    /// `quick`: a contiguous NFA instead of a DFA — about half the build time, slower to
    /// search; for small inputs, where building is most of the cost. The matches are the same.
    pub fn build(pack: &LanguagePack, quick: bool) -> Result<Lexicon, RuleError> {
        let mut terms: Vec<(String, Tag)> = Vec::new();
        let mut add = |t: &str, tag: Tag| {
            let t = t.trim();
            if !t.is_empty() {
                terms.push((t.to_string(), tag));
            }
        };
        for (w, v) in &pack.number_words {
            add(w, Tag::NumberWord(*v));
        }
        for (w, v) in &pack.multipliers {
            add(w, Tag::Multiplier(*v));
        }
        // Plain word lists, each with its one tag.
        let word_lists: [(&[String], Tag); 57] = [
            (&pack.linkers, Tag::Linker),
            (&pack.date_prepositions, Tag::DatePrep),
            (&pack.place_nouns, Tag::PlaceNoun),
            (&pack.pronouns, Tag::Pronoun),
            (&pack.complementizers, Tag::Complementizer),
            (&pack.age_markers, Tag::AgeMark),
            (&pack.weak_numbers, Tag::Weak),
            (&pack.evidence_nouns, Tag::Evidence),
            (&pack.origin_prepositions, Tag::OriginPrep),
            (&pack.place_modifiers, Tag::PlaceMod),
            (&pack.partitive_after, Tag::PartAfter),
            (&pack.partitive_before, Tag::PartBefore),
            (&pack.consisting_of, Tag::Consist),
            (&pack.earlier_markers, Tag::Earlier),
            (&pack.revision_markers, Tag::Revised),
            (&pack.source_markers, Tag::SourceMark),
            (&pack.record_verbs, Tag::Record),
            (&pack.relative_markers, Tag::RelClause),
            (&pack.auxiliaries, Tag::Aux),
            (&pack.owner_markers, Tag::Owner),
            (&pack.holder_markers, Tag::Holder),
            (&pack.back_references, Tag::BackRef),
            (&pack.org_words, Tag::OrgWord),
            (&pack.teen_suffixes, Tag::TeenSuffix),
            (&pack.count_links, Tag::Link),
            (&pack.year_words, Tag::YearWord),
            (&pack.holiday_prepositions, Tag::HolidayPrep),
            (&pack.bare_days.before, Tag::DayMark),
            (&pack.date_offsets.ago, Tag::Ago),
            (&pack.date_offsets.ahead, Tag::Ahead),
            (&pack.recency.first, Tag::First),
            (&pack.recency.since, Tag::Since),
            (&pack.recency.within, Tag::Within),
            (&pack.recency.recent, Tag::Recent),
            (&pack.recency.occasions, Tag::Occasion),
            (&pack.speech.verbs, Tag::Speech),
            (&pack.speech.anaphoric, Tag::SpeechBack),
            (&pack.speech.citation, Tag::Citation),
            (&pack.speech.negations, Tag::Negation),
            (&pack.speech.hedges, Tag::Hedge),
            (&pack.place_prepositions, Tag::PlacePrep),
            (&pack.direction_prepositions, Tag::DirPrep),
            (&pack.conjunctions, Tag::Conj),
            (&pack.future_markers, Tag::Future),
            (&pack.clause_future_markers, Tag::FutureClause),
            (&pack.year_before, Tag::YearBefore),
            (&pack.other_markers, Tag::Other),
            (&pack.range_words, Tag::RangeWord),
            (&pack.range_openers, Tag::RangeOpen),
            (&pack.articles, Tag::Article),
            (&pack.conditionals, Tag::Conditional),
            (&pack.as_of_markers, Tag::AsOf),
            (&pack.times.markers, Tag::TimeMarker),
            (&pack.times.am, Tag::Am),
            (&pack.times.pm, Tag::Pm),
            (&pack.times.local, Tag::LocalTime),
            (&pack.titles, Tag::Title),
        ];
        for (list, tag) in word_lists {
            for w in list {
                add(w, tag);
            }
        }
        for (w, v) in &pack.scales {
            add(w, Tag::Scale(*v));
        }
        for l in &pack.place_levels {
            for t in &l.terms {
                add(t, Tag::PlaceLevel(l.rank));
            }
        }
        for (w, v) in &pack.ordinals {
            add(w, Tag::Ordinal(*v));
        }
        for (i, q) in pack.qualifiers.iter().enumerate() {
            for t in &q.terms {
                add(t, Tag::Qualifier(i as u16));
            }
        }
        for (i, q) in pack.scopes.iter().enumerate() {
            for t in &q.terms {
                add(t, Tag::Scope(i as u16));
            }
        }
        for (i, q) in pack.vague.iter().enumerate() {
            for t in &q.terms {
                add(t, Tag::Vague(i as u16));
            }
        }
        for (i, q) in pack.units.iter().enumerate() {
            for t in &q.terms {
                add(t, Tag::Unit(i as u16));
            }
        }
        for (i, q) in pack.concepts.iter().enumerate() {
            for t in &q.terms {
                add(t, Tag::Concept(i as u16));
            }
            for t in &q.preceding {
                add(t, Tag::ConceptPre(i as u16));
            }
        }
        for (w, m) in &pack.months {
            add(w, Tag::Month(*m));
        }
        for (w, d) in &pack.weekdays {
            add(w, Tag::Weekday(*d));
        }
        for (i, q) in pack.relative_dates.iter().enumerate() {
            for t in &q.terms {
                add(t, Tag::Relative(i as u16));
            }
        }
        for (i, h) in pack.holidays.iter().enumerate() {
            for t in &h.terms {
                add(t, Tag::Holiday(i as u16));
            }
        }
        for (w, u) in &pack.single_time_units {
            add(w, Tag::OneUnit(*u));
        }
        for (w, u) in &pack.time_units {
            add(w, Tag::TimeUnit(*u));
        }
        for (w, v) in &pack.recency.counts {
            add(w, Tag::Repeat(*v));
        }
        for w in &pack.recency.r#for {
            add(w, Tag::For);
        }
        for w in &pack.recency.after {
            add(w, Tag::AfterSpan);
        }
        for (i, e) in pack.events.iter().enumerate() {
            for t in &e.terms {
                add(t, Tag::Event(i as u16));
            }
        }
        let mut entity_ids: Vec<crate::claim::RefId> = Vec::new();
        let mut entity_index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for e in &pack.entities {
            let idx = *entity_index.entry(e.id.as_str()).or_insert_with(|| {
                entity_ids.push(crate::claim::ref_id(e.id.as_str()));
                entity_ids.len() - 1
            });
            for a in &e.aliases {
                add(a, Tag::Entity(idx as u16));
            }
        }
        for (i, r) in pack.roles.iter().enumerate() {
            for a in &r.aliases {
                add(a, Tag::Role(i as u16));
            }
        }
        for (w, z) in &pack.times.zones {
            add(w, Tag::Zone(*z));
        }
        for (i, s) in pack.set_predicates.iter().enumerate() {
            for t in &s.terms {
                add(t, Tag::SetPred(i as u16));
            }
        }
        let calendar_caps = pack.meta.as_ref().is_none_or(|m| m.capitalised_calendar_names);
        // One pattern per distinct lowercase string, carrying every tag it has.
        terms.sort_by_key(|a| a.0.to_lowercase());
        let mut patterns: Vec<String> = Vec::new();
        let mut meta: Vec<(Vec<Tag>, CaseRule)> = Vec::new();
        for (t, tag) in terms {
            let low = t.to_lowercase();
            let case = if tag.capital_policy(calendar_caps) {
                let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
                if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
                    CaseRule::Exact
                } else if t.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(tag, Tag::Month(_) | Tag::Weekday(_)) {
                    CaseRule::Capital
                } else {
                    CaseRule::Any
                }
            } else if matches!(tag, Tag::Unit(_)) && t.chars().count() == 1 && t.chars().all(char::is_lowercase) {
                // A one-letter measure is written as the rules write it: "500 g", not "5G".
                CaseRule::Lower
            } else {
                CaseRule::Any
            };
            if patterns.last() == Some(&low) {
                if let Some(m) = meta.last_mut() {
                    if !m.0.contains(&tag) {
                        m.0.push(tag);
                    }
                    // The strictest case rule of any tag wins only for that tag; keep it simple:
                    // a shared pattern is as permissive as its most permissive tag.
                    if case == CaseRule::Any {
                        m.1 = CaseRule::Any;
                    }
                }
            } else {
                patterns.push(low);
                meta.push((vec![tag], case));
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            let error = |e: aho_corasick::BuildError| RuleError {
                path: format!("rules/{}", pack.code),
                line: 1,
                column: 1,
                message: format!("cannot build the lexicon: {e}"),
            };
            Some(Terms::build(&patterns, quick).map_err(error)?)
        };
        let role_ids = pack.roles.iter().map(|r| crate::claim::ref_id(r.id.as_str())).collect();
        Ok(Lexicon { ac, meta, calendar_caps, entity_ids, role_ids })
    }

    /// Every tagged term of `text[range]` that starts and ends on token edges, sorted by start
    /// token, longest first.
    pub fn annotate(&self, text: &str, tokens: &[Token]) -> Vec<Ann> {
        let mut out = Vec::new();
        self.annotate_into(text, tokens, &mut out);
        out
    }

    /// `annotate` into a reused buffer.
    pub fn annotate_into(&self, text: &str, tokens: &[Token], out: &mut Vec<Ann>) {
        out.clear();
        let Some(ac) = &self.ac else { return };
        if tokens.is_empty() {
            return;
        }
        let lo = tokens[0].start;
        let hi = tokens[tokens.len() - 1].end;
        let b = &text.as_bytes()[..hi];
        // Inside one word (letters on both sides, or digits on both sides): not a token edge.
        let inside = |x: u8, y: u8| x.is_ascii_alphanumeric() && y.is_ascii_alphanumeric() && x.is_ascii_digit() == y.is_ascii_digit();
        let mut found: Vec<(PatternID, usize)> = Vec::new();
        for (ti, t) in tokens.iter().enumerate() {
            let s = t.start;
            if s > lo && inside(b[s - 1], b[s]) {
                continue;
            }
            found.clear();
            ac.starting_at(b, s, |p, e| found.push((p, e)));
            for &(p, e) in &found {
                if e < hi && inside(b[e - 1], b[e]) {
                    continue;
                }
                let Ok(tj) = tokens.binary_search_by(|t| t.end.cmp(&e)) else { continue };
                if tj < ti {
                    continue;
                }
                let (tags, case) = &self.meta[p.as_usize()];
                let ok = match case {
                    CaseRule::Any => true,
                    CaseRule::Capital => tokens[ti].cap,
                    CaseRule::Exact => text[s..e].chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()),
                    CaseRule::Lower => text[s..e].chars().filter(|c| c.is_alphabetic()).all(|c| c.is_lowercase()),
                };
                for tag in tags {
                    let cap_ok = match tag {
                        Tag::Month(_) | Tag::Weekday(_) if self.calendar_caps => tokens[ti].cap,
                        _ => ok,
                    };
                    if cap_ok {
                        out.push(Ann { start: ti, end: tj + 1, tag: *tag });
                    }
                }
            }
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Split `text[start..end]` into tokens. Words may hold inner hyphens and apostrophes
/// ("Kim Jong-un", "negara-negara"); a digit run with inner `.`/`,` groups is one number token
/// ("12.500", "5,6"); everything else is one punctuation token per character.
/// Spaces that group thousands inside one number ("5 000"): thin, no-break, narrow no-break.
pub const GROUP_SPACES: [char; 3] = ['\u{2009}', '\u{a0}', '\u{202f}'];

/// `http://`, `https://` or `www.` at the start of `b` (case-insensitive).
fn starts_url(b: &[u8]) -> bool {
    let lower = |n: usize| b.get(..n).map(|p| p.to_ascii_lowercase());
    lower(7).is_some_and(|p| p == b"http://") || lower(8).is_some_and(|p| p == b"https://") || lower(4).is_some_and(|p| p == b"www.")
}

/// Whether the word `text[s..h]`, before a hyphen at `h`, stands between a number (`prev`) and
/// a number followed by the same word: "20 milimeter-24 milimeter".
fn unit_range(text: &str, prev: Option<&Token>, s: usize, h: usize, end: usize) -> bool {
    let after_number = prev.is_some_and(|t| t.kind == TokKind::Number && t.end < s && text[t.end..s].chars().all(char::is_whitespace));
    if !after_number {
        return false;
    }
    let word = &text[s..h];
    let rest = &text[h + 1..end];
    let digits = rest.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',').count();
    let rest = rest[digits..].trim_start();
    rest.starts_with(word) && !rest[word.len()..].chars().next().is_some_and(char::is_alphanumeric)
}

pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // A web address is one token, never words or numbers: "…/2/9/75470" dates nothing.
        if (b == b'h' || b == b'w' || b == b'H' || b == b'W') && starts_url(&bytes[i..end]) {
            let s = i;
            while i < end && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            while !text.is_char_boundary(i) {
                i += 1;
            }
            out.push(Token { start: s, end: i, kind: TokKind::Punct, cap: false });
            continue;
        }
        if b.is_ascii_digit() {
            let s = i;
            while i < end && bytes[i].is_ascii_digit() {
                i += 1;
            }
            // Inner separators followed by digits: "12.500", "5,6", "1.234.567".
            while i + 1 < end && (bytes[i] == b'.' || bytes[i] == b',') && bytes[i + 1].is_ascii_digit() {
                i += 1;
                while i < end && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
            // A thin or no-break space between groups of three digits: "5 000", "1 250 000".
            while let Some(sp) = text[i..end].chars().next().filter(|c| GROUP_SPACES.contains(c)) {
                let g = i + sp.len_utf8();
                let digits = bytes[g..end].iter().take_while(|b| b.is_ascii_digit()).count();
                if digits != 3 {
                    break;
                }
                i = g + 3;
            }
            // Digits glued to letters split in two ("3pm", "10km"): the letters are a unit or a
            // day part. Words that start with letters keep their digits ("F-16").
            out.push(Token { start: s, end: i, kind: TokKind::Number, cap: false });
            continue;
        }
        let Some(c) = text[i..end].chars().next() else { break };
        if is_word_char(c) {
            let s = i;
            let cap = c.is_uppercase();
            while let Some(c) = text[i..end].chars().next() {
                // Letters then digits split ("Rp19.200" → "Rp" "19.200"), so a prefixed unit
                // stays apart from its number.
                if c.is_ascii_digit() && i > s && !bytes[i - 1].is_ascii_digit() && bytes[i - 1] != b'-' {
                    break;
                }
                if is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
                // A possessive "'s" ends the word ("Somalia's" → "Somalia" "'" "s"), so the name
                // still matches.
                if (c == '\'' || c == '\u{2019}') && text[i + c.len_utf8()..end].starts_with(['s', 'S']) {
                    let after = i + c.len_utf8() + 1;
                    if after >= end || !text[after..end].chars().next().is_some_and(|n| n.is_alphanumeric()) {
                        break;
                    }
                }
                // Inner hyphen or apostrophe between word characters.
                if (c == '-' || c == '\'' || c == '\u{2019}') && i + c.len_utf8() < end {
                    let next = text[i + c.len_utf8()..end].chars().next();
                    // "20 milimeter-24 milimeter", "10 km-15 km": after a number, a word, a hyphen,
                    // a number and the same word again is a range with its unit on both ends, not
                    // one word ("12 Covid-19 patients", "4 F-16 jets" stay words).
                    if c == '-' && next.is_some_and(|n| n.is_ascii_digit()) && unit_range(text, out.last(), s, i, end) {
                        break;
                    }
                    if next.is_some_and(|n| n.is_alphanumeric()) {
                        i += c.len_utf8();
                        continue;
                    }
                }
                break;
            }
            out.push(Token { start: s, end: i, kind: TokKind::Word, cap });
        } else if c.is_whitespace() {
            i += c.len_utf8();
        } else {
            out.push(Token { start: i, end: i + c.len_utf8(), kind: TokKind::Punct, cap: false });
            i += c.len_utf8();
        }
    }
}
