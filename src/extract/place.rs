//! Places as claims: a place preposition and the place it names, with the places the text puts
//! it in ("di Stadion Kanjuruhan, Kabupaten Malang, Jawa Timur", "in eastern Russia").

use crate::lexicon::{Tag, TokKind};
use crate::rules::*;
use crate::segment::Span;

use super::tokens::*;
use super::{Extractor, slug};

/// Places a chain may name after the first ("X, Y, Z").
const CHAIN: usize = 3;

impl<'r> Extractor<'r> {
    /// (span, place id, the ids of the places it lies in as written).
    pub(super) fn places(&self, pack: &LanguagePack, s: &Sent, ents: &[Ent]) -> Vec<(Span, String, Vec<String>)> {
        let n = s.toks.len();
        let mut out = Vec::new();
        let placeish = |e: &Ent| !matches!(e.kind, Some(EntityType::Person | EntityType::Outlet));
        let id_of = |e: &Ent| match &e.r {
            crate::claim::Ref::Entity(id) => id.clone(),
            _ => slug(&(e.start..e.end).map(|k| s.tok_text(k)).collect::<Vec<_>>().join(" ")),
        };
        let mut p = 0;
        while p < n {
            let Some(prep) = s.find(p, |t| matches!(t, Tag::PlacePrep)) else {
                p += 1;
                continue;
            };
            // One lowercase word may stand before the name ("di kawasan Blimbing", "in eastern
            // Russia"); a function word may not.
            let mut q = prep.end;
            let lower = |k: usize| k < n && s.toks[k].kind == TokKind::Word && !s.toks[k].cap && s.at(k).is_empty();
            let stop = |k: usize| pack.meta.as_ref().is_some_and(|m| m.stopwords.iter().any(|x| x.eq_ignore_ascii_case(s.tok_text(k))));
            if lower(q) && !stop(q) {
                q += 1;
            }
            let Some(first) = ents.iter().find(|e| e.start == q && placeish(e)) else {
                p = prep.end;
                continue;
            };
            let mut end = first.end;
            let mut within = Vec::new();
            let mut last = first;
            for _ in 0..CHAIN {
                // "Stadion Kanjuruhan, Kabupaten Malang" or "Istana Kepresidenan Jakarta".
                let next = if s.is_punct(end, ",") { end + 1 } else { end };
                let Some(e) = ents.iter().find(|e| e.start == next && placeish(e) && e.kind != Some(EntityType::Org)) else { break };
                if next == end && last.kind.is_some() {
                    break;
                }
                within.push(id_of(e));
                end = e.end;
                last = e;
            }
            out.push((s.span(prep.start, end), id_of(first), within));
            p = end;
        }
        out
    }
}
