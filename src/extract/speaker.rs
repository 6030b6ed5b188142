//! Entities and speakers: known names, offices and unknown capitalised names; who speaks in a
//! sentence, to whom a figure is attributed, and whether it is hedged.

use crate::claim::*;
use crate::lexicon::{Tag, TokKind};
use crate::rules::*;

use super::tokens::*;
use super::Extractor;
use crate::lexicon::Lexicon;
use super::{DocState, slug};

impl<'r> Extractor<'r> {
    pub(super) fn entities(&self, pack: &LanguagePack, lex: &Lexicon, s: &Sent, st: &mut DocState) -> Vec<Ent> {
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
    pub(super) fn speaker(&self, s: &Sent, ents: &[Ent], st: &DocState) -> (Option<Ref>, Option<Ref>, bool) {
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

}
