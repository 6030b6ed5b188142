//! Quotations: text between quotation marks, normalised to words with entity ids.

use crate::claim::*;
use crate::lexicon::TokKind;
use crate::segment::Span;

use super::tokens::*;
use super::Extractor;

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

}
