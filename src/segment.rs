//! Segment: removes page furniture (related-article lists, timestamps, footers, teasers) and
//! splits what is left into paragraphs and sentences, always as byte spans into the original
//! file. No claim is ever extracted from a removed span.

use regex::{Regex, RegexSet};

use crate::rules::RuleSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A span in 8 bytes, for spans held by the million (a claim's sentence). A text is at most
/// `ingest::MAX_INPUT_BYTES` (64 MiB) long, so its offsets fit in `u32`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span32 {
    start: u32,
    end: u32,
}

impl Span32 {
    pub fn span(self) -> Span {
        Span { start: self.start as usize, end: self.end as usize }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl From<Span> for Span32 {
    fn from(s: Span) -> Span32 {
        let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Span32 { start: at(s.start), end: at(s.end) }
    }
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph (kept line) it belongs to.
    pub para: usize,
}

/// Why a span was removed, for `debug segments`.
#[derive(Debug, Clone)]
pub struct Removed {
    pub span: Span,
    pub reason: String,
}

#[derive(Debug, Clone, Default)]
pub struct Segments {
    pub title: Option<Span>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub removed: Vec<Removed>,
}

/// Compiled boilerplate markers of every language: page furniture is often in another
/// language than the article ("Related", "Baca juga"), so all are applied.
pub struct Cleaner {
    cut_from: Markers,
    drop_line: Markers,
    widget_headings: Markers,
    drop_patterns: RegexSet,
    cut_patterns: RegexSet,
    abbreviations: std::collections::HashSet<String>,
    /// Only this many bytes of a line are lowercased to test the markers.
    longest_marker: usize,
}

/// A line this short without closing punctuation reads as a headline or a menu item.
const HEADLINE_MAX_BYTES: usize = 110;
/// How much longer than its marker a heading line may be ("Komentar (3)", "Related Articles »").
const HEADING_SLACK: usize = 16;
/// Words a line needs to be read as prose after a widget heading.
const PROSE_MIN_WORDS: usize = 10;
/// This many headline-like lines in a row at the end of the text are a link list.
const HEADLINE_RUN: usize = 3;

impl Cleaner {
    pub fn new(rules: &RuleSet) -> Cleaner {
        let mut c = Cleaner { cut_from: Markers::default(), drop_line: Markers::default(), widget_headings: Markers::default(), drop_patterns: RegexSet::empty(), cut_patterns: RegexSet::empty(), abbreviations: Default::default(), longest_marker: 0 };
        let (mut drops, mut cuts) = (Vec::new(), Vec::new());
        for pack in rules.languages.values() {
            let b = &pack.boilerplate;
            c.cut_from.list.extend(b.cut_from.iter().map(|s| s.to_lowercase()));
            c.drop_line.list.extend(b.drop_line.iter().map(|s| s.to_lowercase()));
            c.widget_headings.list.extend(b.widget_headings.iter().map(|s| s.to_lowercase()));
            // Patterns were validated when the rules were loaded.
            drops.extend(b.drop_line_patterns.iter().filter(|p| Regex::new(p).is_ok()).cloned());
            cuts.extend(b.cut_patterns.iter().filter(|p| Regex::new(p).is_ok()).cloned());
            if let Some(m) = &pack.meta {
                c.abbreviations.extend(m.abbreviations.iter().map(|s| s.to_lowercase()));
            }
        }
        // All patterns of a kind in one automaton: one pass per line.
        c.drop_patterns = RegexSet::new(&drops).unwrap_or_else(|_| RegexSet::empty());
        c.cut_patterns = RegexSet::new(&cuts).unwrap_or_else(|_| RegexSet::empty());
        // A marker must be followed by a non-word character: keep one more char, at a boundary.
        c.longest_marker = c.cut_from.list.iter().chain(&c.drop_line.list).chain(&c.widget_headings.list).map(|m| m.len()).max().unwrap_or(0) + 4;
        for m in [&mut c.cut_from, &mut c.drop_line, &mut c.widget_headings] {
            m.index();
        }
        c
    }

    /// Split the body of `text` (from `body_start`) into title, paragraphs and sentences.
    pub fn segment(&self, text: &str, body_start: usize, has_title: bool) -> Segments {
        let mut seg = Segments::default();
        let mut lines: Vec<Span> = Vec::new();
        let mut pos = body_start;
        let mut title_taken = has_title;
        let body = &text[body_start..];
        let mut cut_at: Option<(usize, String)> = None;
        // Inside a widget (after its heading, until the next line of prose).
        let mut widget: Option<String> = None;
        for raw in body.split_inclusive('\n') {
            let start = pos;
            pos += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            let lead = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            let span = Span { start: start + lead, end: start + lead + trimmed.len() };
            let low = trimmed.get(..trimmed.len().min(self.longest_marker)).map(str::to_lowercase).unwrap_or_else(|| trimmed.to_lowercase());
            // A cut marker is a heading ("Berita Terkait", "Related Articles"): it ends the
            // article only on a short line of its own, never at a sentence that happens to
            // start with the same word.
            if let Some(m) = self.cut_from.find(&low, |m| trimmed.len() <= m.len() + HEADING_SLACK || low[m.len()..].trim_start().starts_with(':')) {
                cut_at = Some((span.start, format!("furniture marker '{m}': the rest is not the article")));
                break;
            }
            // A widget heading on a line of its own: it and the link lines after it go; the
            // article resumes at the next line of prose (or the page simply ends).
            if let Some(m) = self.widget_headings.find(&low, |m| trimmed.len() <= m.len() + HEADING_SLACK) {
                seg.removed.push(Removed { span, reason: format!("widget heading '{m}'") });
                widget = Some(m.clone());
                continue;
            }
            if let Some(m) = &widget {
                if !is_prose(trimmed) {
                    seg.removed.push(Removed { span, reason: format!("link in the '{m}' widget") });
                    continue;
                }
                widget = None;
            }
            if self.cut_patterns.is_match(trimmed) {
                cut_at = Some((span.start, "furniture pattern: the rest is not the article".into()));
                break;
            }
            // A one-word marker ("Iklan", "Advertisement") drops only a short line; a phrase or a
            // label with a colon ("Baca juga:", "Reporting by") drops the line it starts.
            if let Some(m) = self.drop_line.find(&low, |m| m.contains([' ', ':']) || trimmed.len() <= m.len() + HEADING_SLACK) {
                seg.removed.push(Removed { span, reason: format!("furniture line '{m}'") });
                continue;
            }
            if self.drop_patterns.is_match(trimmed) {
                seg.removed.push(Removed { span, reason: "furniture line (pattern)".into() });
                continue;
            }
            if !title_taken {
                title_taken = true;
                seg.title = Some(span);
                continue;
            }
            if is_teaser(trimmed) {
                seg.removed.push(Removed { span, reason: "truncated teaser headline".into() });
                continue;
            }
            lines.push(span);
        }
        if let Some((at, reason)) = cut_at {
            seg.removed.push(Removed { span: Span { start: at, end: text.len() }, reason });
        }
        // Structural fallback: a trailing run of headline-like lines is a link list.
        let mut run = 0;
        for l in lines.iter().rev() {
            if is_headline_like(&text[l.start..l.end]) {
                run += 1;
            } else {
                break;
            }
        }
        if run >= HEADLINE_RUN && run < lines.len() {
            let first = lines.len() - run;
            let span = Span { start: lines[first].start, end: lines[lines.len() - 1].end };
            seg.removed.push(Removed { span, reason: format!("{run} headline-like lines after the body") });
            lines.truncate(first);
        }
        seg.removed.sort_by_key(|r| r.span);
        if let Some(t) = seg.title {
            push_bounded(&text[t.start..t.end], t.start, usize::MAX, &mut seg.sentences);
        }
        for (pi, l) in lines.iter().enumerate() {
            self.split_sentences(text, *l, pi, &mut seg.sentences);
        }
        seg.paragraphs = lines;
        seg
    }

    fn split_sentences(&self, text: &str, line: Span, para: usize, out: &mut Vec<Sentence>) {
        let s = &text[line.start..line.end];
        let mut start = 0usize;
        let mut in_curly = 0i32;
        let mut in_straight = false;
        // One pass over the line's characters, looking ahead without collecting them.
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            match c {
                '\u{201c}' => in_curly += 1,
                '\u{201d}' => in_curly = (in_curly - 1).max(0),
                '"' => in_straight = !in_straight,
                '.' | '!' | '?' if in_curly == 0 && !in_straight => {
                    // A boundary needs whitespace and then an uppercase letter, digit or quote.
                    if !it.peek().is_some_and(|(_, n)| n.is_whitespace()) {
                        continue;
                    }
                    let rest = &s[i + 1..];
                    let Some(after) = rest.trim_start().chars().next() else { continue };
                    if !(after.is_uppercase() || after.is_ascii_digit() || matches!(after, '"' | '\u{201c}' | '(')) {
                        continue;
                    }
                    if c == '.' && self.is_abbreviation(&s[start..i + 1]) {
                        continue;
                    }
                    let end = i + 1;
                    push_trimmed(line.start, s, start, end, para, out);
                    start = end;
                }
                _ => {}
            }
        }
        push_trimmed(line.start, s, start, s.len(), para, out);
    }

    fn is_abbreviation(&self, upto_dot: &str) -> bool {
        let word = upto_dot.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        let low = word.to_lowercase();
        // A single capital initial ("J. Smith") or a listed abbreviation.
        let letters = word.trim_end_matches('.');
        (letters.chars().count() == 1 && letters.chars().all(|c| c.is_uppercase()))
            || self.abbreviations.contains(&low)
    }
}

/// A sentence longer than this (a page saved without punctuation, a table of figures on one
/// line) is split at the last space before each bound, so that extraction, and the memory it
/// takes, stays linear in its length. Real sentences are far shorter (the longest in the test
/// corpora is about 530 bytes), so no sentence of an article is ever split.
pub const MAX_SENTENCE_BYTES: usize = 2000;

fn push_trimmed(base: usize, s: &str, start: usize, end: usize, para: usize, out: &mut Vec<Sentence>) {
    let piece = &s[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if t.is_empty() {
        return;
    }
    let st = base + start + lead;
    push_bounded(&s[start + lead..start + lead + t.len()], st, para, out);
}

/// Push the sentence `t` (starting at offset `st` of the text), split into pieces of at most
/// `MAX_SENTENCE_BYTES`.
fn push_bounded(t: &str, st: usize, para: usize, out: &mut Vec<Sentence>) {
    let mut off = 0;
    while t.len() - off > MAX_SENTENCE_BYTES {
        let mut e = off + MAX_SENTENCE_BYTES;
        while !t.is_char_boundary(e) {
            e -= 1;
        }
        // The last space in the window; a single word longer than the bound is cut inside.
        let window = &t[off..e];
        let cut = window.rfind(char::is_whitespace).filter(|&c| c > 0).unwrap_or(window.len());
        let chunk = window[..cut].trim_end();
        out.push(Sentence { span: Span { start: st + off, end: st + off + chunk.len() }, para });
        let rest = &t[off + cut..];
        off += cut + (rest.len() - rest.trim_start().len());
    }
    out.push(Sentence { span: Span { start: st + off, end: st + t.len() }, para });
}

/// The marker at the start of a line, as a whole word or phrase.
/// Boilerplate markers in rule order, indexed by their first byte: a line is tested only against
/// the markers it could start with (the first that fits wins, as in rule order).
#[derive(Default)]
struct Markers {
    list: Vec<String>,
    /// For each first byte, the indices in `list` of the markers that could start a line with it
    /// (an empty marker could start any).
    by_first: Vec<Vec<usize>>,
}

impl Markers {
    fn index(&mut self) {
        self.by_first = vec![Vec::new(); 256];
        for (i, m) in self.list.iter().enumerate() {
            match m.as_bytes().first() {
                Some(&b) => self.by_first[b as usize].push(i),
                None => self.by_first.iter_mut().for_each(|v| v.push(i)),
            }
        }
    }

    /// The first marker (in rule order) that `low_line` starts with and `fits` accepts.
    fn find(&self, low_line: &str, fits: impl Fn(&String) -> bool) -> Option<&String> {
        let first = *low_line.as_bytes().first()?;
        self.by_first[first as usize].iter().map(|&i| &self.list[i]).find(|m| starts_with_marker(low_line, m) && fits(m))
    }
}

fn starts_with_marker(low_line: &str, marker: &str) -> bool {
    if !low_line.starts_with(marker) {
        return false;
    }
    match low_line[marker.len()..].chars().next() {
        None => true,
        Some(c) => !c.is_alphanumeric() || !marker.chars().last().is_some_and(|m| m.is_alphanumeric()),
    }
}

/// A truncated teaser: a short line cut off with an ellipsis.
fn is_teaser(line: &str) -> bool {
    (line.ends_with("...") || line.ends_with('\u{2026}')) && line.len() <= HEADLINE_MAX_BYTES
}

/// A line of prose, not a link: a sentence of ten words or more that ends as sentences do.
fn is_prose(line: &str) -> bool {
    let last = line.chars().last().unwrap_or(' ');
    line.split_whitespace().count() >= PROSE_MIN_WORDS && matches!(last, '.' | '!' | '?' | '"' | '\u{201d}' | ')')
}

fn is_headline_like(line: &str) -> bool {
    let last = line.chars().last().unwrap_or(' ');
    line.len() <= HEADLINE_MAX_BYTES && !matches!(last, '.' | '!' | '?' | '"' | '\u{201d}' | ':' | ')')
}
