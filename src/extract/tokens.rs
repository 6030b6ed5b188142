//! The token stream of one sentence and the small readers every recogniser shares: tagged
//! tokens, used marks, quotation marks, small integers, years and clock digits.

use crate::claim::*;
use crate::lexicon::{Ann, Tag, TokKind, Token};
use crate::rules::{DateOrder, EntityType, LanguagePack, TimeUnit};
use crate::segment::Span;

pub(super) struct Sent<'a> {
    pub(super) text: &'a str,
    /// `text`, as the claims may hold it.
    pub(super) shared: &'a std::sync::Arc<str>,
    pub(super) toks: Vec<Token>,
    pub(super) anns: Vec<Ann>,
    /// Index into `anns` of the first annotation starting at each token.
    pub(super) first: Vec<usize>,
    pub(super) used: Vec<bool>,
    pub(super) in_quote: Vec<bool>,
    pub(super) span: Span,
    /// The headline: every word is capitalised there, so no unknown names are read from it.
    pub(super) is_title: bool,
    /// The language's calendar names by their lower-case form.
    pub(super) cal: &'a super::date::LowerCalendar,
}

impl<'a> Sent<'a> {
    pub(super) fn at(&self, i: usize) -> &[Ann] {
        if i + 1 >= self.first.len() {
            return &[];
        }
        // `first` holds, for each token, where its annotations start; the next token's entry
        // is where they end (annotations are sorted by start).
        &self.anns[self.first[i]..self.first[i + 1]]
    }
    /// The longest annotation at token `i` whose tag satisfies `f`.
    pub(super) fn find(&self, i: usize, f: impl Fn(&Tag) -> bool) -> Option<Ann> {
        self.at(i).iter().find(|a| f(&a.tag)).copied()
    }
    pub(super) fn tok_text(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }
    pub(super) fn is_punct(&self, i: usize, c: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokKind::Punct && self.tok_text(i) == c
    }
    pub(super) fn span(&self, a: usize, b: usize) -> Span {
        Span { start: self.toks[a].start, end: self.toks[b.max(a + 1) - 1].end }
    }
}

/// What a recency phrase states: its end token, "within N units", "since YEAR".
pub(super) type RecencyFound = (usize, Option<(Interval, TimeUnit)>, Option<i32>);

/// A found amount: value and the token after it.
pub(super) struct Amount {
    pub(super) value: f64,
    pub(super) end: usize,
}

#[derive(Debug, Clone)]
pub(super) struct Ent {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) r: Ref,
    pub(super) kind: Option<EntityType>,
}

/// State carried across the sentences of one article.
pub(super) fn mark(s: &mut Sent, a: usize, b: usize) {
    for u in &mut s.used[a..b.min(s.toks.len())] {
        *u = true;
    }
}

pub(super) fn mark_quotes(s: &mut Sent) {
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

pub(super) fn destination_after(s: &Sent, ents: &[Ent], from: usize, to: usize) -> Option<Ent> {
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
pub(super) fn clock(s: &Sent, i: usize) -> Option<(i32, Option<i32>, usize, bool)> {
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

/// Whether token `k` is one of the language's determiners ("the", "para", "ke").
pub(super) fn is_determiner(pack: &LanguagePack, s: &Sent, k: usize) -> bool {
    k < s.toks.len() && pack.meta.as_ref().is_some_and(|m| m.determiners.iter().any(|x| x.eq_ignore_ascii_case(s.tok_text(k))))
}

/// The order the language writes a slashed date in ("19/6/2024" day first by default).
pub(super) fn date_order(pack: &LanguagePack) -> DateOrder {
    pack.meta.as_ref().map_or(DateOrder::Dmy, |m| m.date_order)
}

pub(super) fn small_int(s: &Sent, i: usize) -> Option<u32> {
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

pub(super) fn year_at(s: &Sent, i: usize) -> Option<i32> {
    let t = s.toks.get(i)?;
    if t.kind != TokKind::Number || t.end - t.start != 4 {
        return None;
    }
    let y: i32 = s.text[t.start..t.end].parse().ok()?;
    (1000..=2200).contains(&y).then_some(y)
}

