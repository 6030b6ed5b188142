//! Places as claims: a place preposition ("di", "in"), a direction ("ke arah", "towards") or an
//! origin ("dari", "from") and the place it names, with the places the text puts it in ("di
//! Stadion Kanjuruhan, Kabupaten Malang, Jawa Timur", "Dusun Kampung Renteng (Desa
//! Sumberwuluh)"); and a name that starts with a place noun ("Balai Desa Penanggal", "Kecamatan
//! Pronojiwo") wherever it stands.

use crate::lexicon::{Tag, TokKind};
use crate::rules::*;
use crate::segment::Span;

use super::tokens::*;
use super::{Extractor, slug};

/// Places a chain may name after the first ("X, Y, Z").
const CHAIN: usize = 5;

impl<'r> Extractor<'r> {
    /// (span, place id, the ids of the places it lies in as written, whether the article must
    /// name it as a place elsewhere). "to Bodiford", "from Nichols": after a direction or an
    /// origin a name the rules do not know, with no place noun and no place it lies in, is a
    /// place only if the article also writes it where only a place stands ("in Baytown").
    pub(super) fn places(&self, pack: &LanguagePack, s: &Sent, ents: &[Ent]) -> Vec<(Span, String, Vec<String>, bool)> {
        let n = s.toks.len();
        let mut out = Vec::new();
        let placeish = |e: &Ent| !matches!(e.kind, Some(EntityType::Person | EntityType::Outlet));
        let id_of = |e: &Ent| match &e.r {
            crate::claim::Ref::Entity(id) => id.to_string(),
            _ => slug(&(e.start..e.end).map(|k| s.tok_text(k)).collect::<Vec<_>>().join(" ")),
        };
        // A name that starts with a place noun or a level ("Kecamatan …", "Balai Desa …").
        let place_named = |e: &Ent| s.find(e.start, |t| matches!(t, Tag::PlaceLevel(_) | Tag::PlaceNoun)).is_some_and(|a| a.end < e.end);
        let at = |k: usize| ents.iter().find(|e| e.start == k);
        // A name the rules do not know as a place, with no place noun or level in it.
        let unsure = |e: &Ent| !matches!(e.kind, Some(EntityType::Country | EntityType::City | EntityType::Place)) && !(e.start..e.end).any(|k| s.at(k).iter().any(|a| matches!(a.tag, Tag::PlaceNoun | Tag::PlaceLevel(_))));
        let mut p = 0;
        while p < n {
            let mut moving = false;
            let first = match s.find(p, |t| matches!(t, Tag::PlacePrep | Tag::DirPrep | Tag::OriginPrep)) {
                Some(prep) => {
                    moving = !matches!(prep.tag, Tag::PlacePrep);
                    // A determiner and a place modifier may stand before the name ("to the
                    // Riverton Community Hall", "di kawasan Blimbing", "in eastern Russia");
                    // another word may not ("to fire O'Brien" names no place).
                    let mut q = prep.end;
                    if is_determiner(pack, s, q) {
                        q += 1;
                    }
                    if let Some(m) = s.find(q, |t| matches!(t, Tag::PlaceMod)).filter(|_| !s.toks[q].cap) {
                        q = m.end;
                    }
                    match at(q).filter(|e| placeish(e)) {
                        Some(e) => Some((prep.start, e)),
                        None => {
                            p = prep.end;
                            continue;
                        }
                    }
                }
                None => at(p).filter(|e| placeish(e) && place_named(e)).map(|e| (p, e)),
            };
            let Some((from, first)) = first else {
                p += 1;
                continue;
            };
            let mut end = first.end;
            let mut within = Vec::new();
            let mut last = first;
            // "Curah Kobokan dan Kubuan, Kecamatan Pronojiwo": two places in one.
            let mut also: Option<&Ent> = None;
            if let Some(c) = s.find(end, |t| matches!(t, Tag::Conj)) {
                if let Some(e) = at(c.end).filter(|e| placeish(e) && e.kind != Some(EntityType::Org)) {
                    if s.is_punct(e.end, ",") && at(e.end + 1).is_some_and(&place_named) {
                        also = Some(e);
                        end = e.end;
                        last = e;
                    }
                }
            }
            let mut chain: Vec<&Ent> = vec![first];
            for _ in 0..CHAIN {
                // "Stadion Kanjuruhan, Kabupaten Malang", "Istana Kepresidenan Jakarta" or
                // "Dusun Kampung Renteng (Desa Sumberwuluh)".
                let bracket = s.is_punct(end, "(");
                let next = if s.is_punct(end, ",") || bracket { end + 1 } else { end };
                let Some(e) = at(next).filter(|e| placeish(e) && e.kind != Some(EntityType::Org)) else { break };
                if bracket && !s.is_punct(e.end, ")") {
                    break;
                }
                if next == end && last.kind.is_some() {
                    break;
                }
                within.push(id_of(e));
                chain.push(e);
                end = if bracket { e.end + 1 } else { e.end };
                last = e;
                if bracket {
                    break;
                }
            }
            // "from Malaysia, Singapore and Thailand", "Kecamatan Pronojiwo, Kecamatan Candipuro
            // dan Kecamatan Pasirian": a list of places, not each inside the next — another member
            // follows after "and", and the levels written do not rise along the chain.
            let member_after = |k: usize| -> Option<&Ent> {
                let mut q = if s.is_punct(k, ",") { k + 1 } else { k };
                match s.find(q, |t| matches!(t, Tag::Conj)) {
                    Some(c) => q = c.end,
                    None if q == k => return None,
                    None => {}
                }
                if q < n && s.toks[q].kind == TokKind::Word && !s.toks[q].cap {
                    q += 1;
                }
                at(q).filter(|e| placeish(e) && e.kind != Some(EntityType::Org))
            };
            let rank = |e: &Ent| s.find(e.start, |t| matches!(t, Tag::PlaceLevel(_))).and_then(|a| match a.tag {
                Tag::PlaceLevel(r) => Some(r),
                _ => None,
            });
            let rising = chain.len() >= 2 && chain.windows(2).all(|w| matches!((rank(w[0]), rank(w[1])), (Some(a), Some(b)) if a < b) || matches!((rank(w[0]), rank(w[1])), (Some(_), None)));
            let conj_next = |k: usize| s.find(if s.is_punct(k, ",") { k + 1 } else { k }, |t| matches!(t, Tag::Conj)).is_some();
            if also.is_none() && !rising && conj_next(end) && member_after(end).is_some() {
                let mut members = chain.clone();
                let mut k = end;
                while let Some(e) = member_after(k).filter(|_| members.len() < 2 * CHAIN) {
                    members.push(e);
                    k = e.end;
                }
                for e in &members {
                    out.push((s.span(if e.start == first.start { from } else { e.start }, e.end), id_of(e), Vec::new(), moving && unsure(e)));
                }
                p = k.max(p + 1);
                continue;
            }
            out.push((s.span(from, end), id_of(first), within.clone(), moving && within.is_empty() && unsure(first)));
            if let Some(e) = also {
                out.push((s.span(e.start, end), id_of(e), within, false));
            }
            p = end.max(p + 1);
        }
        out
    }
}
