//! Quotations: text between quotation marks, normalised to words with entity ids.

use crate::claim::*;
use crate::lexicon::{Tag, TokKind};
use crate::rules::LanguagePack;
use crate::segment::Span;

use super::Extractor;
use super::speaker::Attribution;
use super::tokens::*;

/// Words a clause needs to be reported speech worth comparing.
const REPORTED_MIN_WORDS: usize = 6;

impl<'r> Extractor<'r> {
    pub(super) fn quotes(&self, s: &Sent, ents: &[Ent]) -> Vec<(Span, Quote)> {
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
                let norm = words_of(s, ents, i + 1, j);
                let span = s.span(i + 1, j);
                let text = s.text[span.start..span.end].trim_end_matches([',', '.', ' ']);
                out.push((span, Quote::in_text(s.shared, Span { start: span.start, end: span.start + text.len() }, norm)));
            }
            i = j + 1;
        }
        out
    }

    /// Reported speech without quotation marks: "Ia menekankan, pada data BPBD mungkin terjadi
    /// double counting", "He said that the bridge had collapsed", "…, kata Emil." The clause
    /// after the speech verb (or before a sentence-final attribution) is the statement.
    pub(super) fn reported_speech(&self, _pack: &LanguagePack, s: &Sent, ents: &[Ent], at: &Attribution) -> Option<(Span, Quote)> {
        let n = s.toks.len();
        let v = at.verb?;
        at.speaker.as_ref()?;
        if s.in_quote.iter().any(|&q| q) {
            return None;
        }
        let word_count = |a: usize, b: usize| (a..b).filter(|&k| s.toks[k].kind != TokKind::Punct).count();
        // The clause after the verb: skip the speaker's name, a comma or "bahwa"/"that".
        // The speaker's name right after the verb ("kata Kepala BNPB Suharyanto, …"), not a
        // name inside what was said ("Ia menekankan, pada data BPBD …").
        let speaker_end = ents.iter().filter(|e| e.start > v && e.start <= v + 3 && (v + 1..e.start).all(|k| !s.is_punct(k, ","))).map(|e| e.end).max();
        let mut a = speaker_end.unwrap_or(v + 1).max(v + 1);
        while a < n && (s.is_punct(a, ",") || s.is_punct(a, ":") || s.find(a, |t| matches!(t, Tag::Complementizer)).is_some()) {
            a += 1;
        }
        let end = if s.is_punct(n - 1, ".") { n - 1 } else { n };
        let (from, to) = if word_count(a, end) >= REPORTED_MIN_WORDS {
            (a, end)
        } else {
            // "…, kata Emil": the clause before the comma that precedes the verb.
            let comma = (0..v).rev().find(|&k| s.is_punct(k, ","))?;
            (0, comma)
        };
        if word_count(from, to) < REPORTED_MIN_WORDS {
            return None;
        }
        let span = s.span(from, to);
        Some((span, Quote::in_text(s.shared, span, words_of(s, ents, from, to))))
    }
}

/// Normalised words of tokens `[a, b)`: lowercase, entities replaced by their ids.
fn words_of(s: &Sent, ents: &[Ent], a: usize, b: usize) -> Vec<String> {
    let mut norm = Vec::new();
    let mut k = a;
    while k < b {
        if let Some(e) = ents.iter().find(|e| e.start == k && e.end <= b) {
            norm.push(e.r.id().to_string());
            k = e.end;
            continue;
        }
        if s.toks[k].kind != TokKind::Punct {
            norm.push(s.tok_text(k).to_lowercase());
        }
        k += 1;
    }
    norm
}
