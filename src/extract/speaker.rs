//! Entities and speakers: known names, offices and unknown capitalised names; who speaks in a
//! sentence, to whom a figure is attributed, and whether it is hedged.
//!
//! Structure, not lists of people: a capitalised run after a title ("Irjen Nico") is a person;
//! a run with an organisation word ("Badan …", "Ministry of …") or an acronym ("BPBD") is an
//! organisation; "menurut X", "data X", "X mencatat" make X the authority of a figure; "ia",
//! "he", "katanya", "added the doctor" point back to the last person named.

use crate::claim::*;
use crate::lexicon::{Lexicon, Tag, TokKind};
use crate::rules::*;

use super::tokens::*;
use super::{DocState, Extractor, slug};

/// Who speaks in a sentence and to whom its figures are attributed.
#[derive(Debug, Clone, Default)]
pub(super) struct Attribution {
    /// The person (or body) whose words the sentence reports.
    pub(super) speaker: Option<Ref>,
    /// The authority the sentence's figures come from ("menurut BNPB", "NATO menuduh"),
    /// else the speaker.
    pub(super) source: Option<Ref>,
    /// Stated as an accusation or estimate.
    pub(super) hedged: bool,
    /// The sentence only attributes the one before it ("Hal itu diungkapkan X").
    pub(super) back_reference: bool,
    /// Token of the speech verb outside quotations, if any.
    pub(super) verb: Option<usize>,
    /// The speaker is a body, not a person: "he said" later never points back to it.
    pub(super) body: bool,
}

/// Tokens between an authority marker ("data resmi yang kami terima dari …") and the authority.
const SOURCE_REACH: usize = 7;

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
                Tag::Role(r) => Some((a, Ref::Role(lex.role_ids[r as usize].clone()))),
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
                    Ref::Entity(id) => self.rules.entities.get(&**id).and_then(|e| e.kind),
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
            let t = s.toks[i];
            let name_word = |k: usize| k < n && s.toks[k].kind == TokKind::Word && s.toks[k].cap && s.at(k).iter().all(|a| matches!(a.tag, Tag::OrgWord | Tag::PlaceNoun | Tag::PlaceLevel(_) | Tag::PlaceMod | Tag::SourceMark | Tag::Record | Tag::Owner | Tag::Linker | Tag::Aux | Tag::DatePrep));
            if !name_word(i) || t.end - t.start <= 1 || s.is_title {
                i += 1;
                continue;
            }
            // An unknown capitalised name: a run of capitalised words the rules do not tag
            // (organisation words such as "Badan" may be part of it).
            let mut j = i;
            while name_word(j) {
                j += 1;
            }
            // "The Gibe": a capitalised article is not part of the name.
            let article = |k: usize| pack.articles.iter().chain(pack.meta.iter().flat_map(|m| m.determiners.iter())).any(|a| a.eq_ignore_ascii_case(s.tok_text(k)));
            if j - i >= 2 && article(i) {
                i += 1;
            }
            let titled = i > 0 && s.find(i - 1, |t| matches!(t, Tag::Title)).is_some();
            let sentence_start = i == 0 || (s.toks[i - 1].kind == TokKind::Punct && matches!(s.tok_text(i - 1), "." | "!" | "?" | ":" | "\"" | "\u{201c}" | "(" | "-" | "\u{2013}" | "\u{2014}"));
            let org = (i..j).any(|k| s.find(k, |t| matches!(t, Tag::OrgWord)).is_some()) || is_acronym(s.tok_text(i));
            // One capitalised word starting a sentence is a name only when the article named
            // someone with it before ("Papandreou expressed shock …" after "George Papandreou").
            let known = j - i == 1 && st.names.contains_key(&slug(s.tok_text(i)));
            if (sentence_start && j - i < 2 && !titled && !org && !known) || after_citation {
                after_citation = false;
                i = j;
                continue;
            }
            if org {
                // "Badan Penanggulangan Bencana Daerah (BPBD)": the acronym in brackets names it;
                // "BPBD Provinsi Jawa Timur": the acronym it starts with.
                let bracketed = (s.is_punct(j, "(") && s.is_punct(j + 2, ")") && is_acronym(s.tok_text(j + 1))).then(|| s.tok_text(j + 1));
                // Two capitals are often a prefix ("MV Stolt Valor"), three name a body.
                let name = bracketed.or_else(|| (is_acronym(s.tok_text(i)) && s.tok_text(i).chars().count() >= 3).then(|| s.tok_text(i)));
                let id = match name {
                    Some(a) => slug(a),
                    None => slug(&(i..j).map(|k| s.tok_text(k)).collect::<Vec<_>>().join(" ")),
                };
                let end = if bracketed.is_some() { j + 3 } else { j };
                out.push(Ent { start: i, end, r: Ref::Name(id.into()), kind: Some(EntityType::Org) });
                i = end;
                continue;
            }
            let run: Vec<&str> = (i..j).map(|k| s.tok_text(k)).collect();
            let mut full = run.clone();
            // A long capitalised run often starts with an unknown place or body ("Sukamaju
            // Jaya Asep Saepudin"): past three words the person is the last two.
            if full.len() >= 4 {
                full.drain(..full.len() - 2);
            }
            let id = slug(&full.join(" "));
            let id = if full.len() == 1 {
                st.names.get(&id).cloned().unwrap_or(id)
            } else {
                // "kata Asep" and "Saepudin mengatakan" both mean Asep Saepudin; "Emil" after
                // "Emil Elestianto Dardak" is him too.
                for w in &run {
                    st.names.entry(slug(w)).or_insert_with(|| id.clone());
                }
                id
            };
            out.push(Ent { start: i, end: j, r: Ref::Name(id.into()), kind: if titled { Some(EntityType::Person) } else { None } });
            i = j;
        }
        // A title and a place with no name after them is an office ("Wagub Jatim kepada …",
        // "the Governor of Aceh said"): a person, though the rules may not know who holds it.
        // With a name after them the place is the office's jurisdiction ("Kapolda Jatim Irjen
        // Nico Afinta").
        for e in out.iter_mut() {
            // Countries stay countries: "Perdana Menteri Jepang" still makes Japan a party.
            if !matches!(e.kind, Some(EntityType::Place | EntityType::City)) || e.start == 0 {
                continue;
            }
            let Some(title) = (e.start.saturating_sub(3)..e.start).flat_map(|p| s.at(p).iter().copied()).find(|a| a.tag == Tag::Title && a.end == e.start) else { continue };
            let named_after = e.end < n && s.toks[e.end].kind == TokKind::Word && (s.toks[e.end].cap || s.find(e.end, |t| matches!(t, Tag::Title)).is_some());
            if named_after {
                continue;
            }
            let words: Vec<&str> = (title.start..e.end).map(|k| s.tok_text(k)).collect();
            *e = Ent { start: title.start, end: e.end, r: Ref::Name(slug(&words.join(" ")).into()), kind: Some(EntityType::Person) };
        }
        out
    }

    /// The speaker of the sentence: a speech verb outside quotations and the person it names,
    /// or the previous speaker for "katanya", "he said", "ia mengatakan", "added the doctor".
    /// Also the authority a figure is attributed to and whether it is hedged.
    pub(super) fn speaker(&self, pack: &LanguagePack, s: &Sent, ents: &[Ent], st: &DocState) -> Attribution {
        let n = s.toks.len();
        let mut at = Attribution { back_reference: s.find(0, |t| matches!(t, Tag::BackRef)).is_some(), ..Default::default() };
        let person_like = |e: &Ent| matches!(e.kind, Some(EntityType::Person) | None);
        let speaking = |e: &Ent| matches!(e.kind, Some(EntityType::Person | EntityType::Org) | None);
        let determiner = |w: &str| pack.meta.as_ref().is_some_and(|m| m.determiners.iter().any(|d| d.eq_ignore_ascii_case(w))) || pack.articles.iter().any(|d| d.eq_ignore_ascii_case(w));
        for i in 0..n {
            if s.in_quote[i] {
                continue;
            }
            for a in s.at(i) {
                match a.tag {
                    Tag::SpeechBack if at.speaker.is_none() => {
                        at.speaker = st.last_speaker.clone();
                        at.verb = Some(i);
                    }
                    Tag::Speech if at.speaker.is_none() => {
                        at.verb = Some(i);
                        // "kata Menteri Luar Negeri Retno Marsudi": the first person named after
                        // the verb; "Santoso mengatakan": else the nearest person before it.
                        // A period inside a sentence is an abbreviation ("Dr."): only a quotation ends
                        // the search.
                        let stop = (a.end..n).find(|&k| s.in_quote[k]).unwrap_or(n);
                        let after: Vec<&Ent> = ents.iter().filter(|e| e.start >= a.end && e.start < (a.end + 8).min(stop) && !s.in_quote[e.start]).collect();
                        // A person before a name the rules do not know, before a body ("kata
                        // Kepala BNPB Suharyanto" is Suharyanto speaking for BNPB).
                        let pick = after
                            .iter()
                            .find(|e| e.kind == Some(EntityType::Person))
                            .or_else(|| after.iter().find(|e| e.kind.is_none()))
                            .or_else(|| after.iter().find(|e| speaking(e)))
                            .map(|e| e.r.clone());
                        // "ia mengatakan", "added the doctor": the last person named.
                        let pronoun_before = (i.saturating_sub(2)..i).any(|p| s.find(p, |t| matches!(t, Tag::Pronoun)).is_some());
                        // "…, added the doctor.": a determiner and a common noun that end the clause.
                        let ends = |k: usize| k >= n || s.toks[k].kind == TokKind::Punct;
                        let role_noun_after = a.end + 1 < n && determiner(s.tok_text(a.end)) && s.toks[a.end + 1].kind == TokKind::Word && !s.toks[a.end + 1].cap && (ends(a.end + 2) || ends(a.end + 3));
                        // "Santoso mengatakan", "Governor Dewi Lestari said", "George Papandreou
                        // thundered in Parliament": a name right before the verb comes first.
                        // Past a comma ("… from the Louvre on Sunday, the café owner said") the
                        // name is what was said, not who said it.
                        let adjacent = ents
                            .iter()
                            .rev()
                            .find(|e| e.end <= a.start && !s.in_quote[e.start] && speaking(e))
                            .filter(|e| a.start - e.end <= 3 && !(e.end..a.start).any(|k| s.is_punct(k, ",") || s.is_punct(k, ";")))
                            .map(|e| e.r.clone());
                        // "…, the café owner said": someone the text does not name — a determiner
                        // after a comma (or starting the sentence) and common nouns up to the verb.
                        let noun = |k: usize| s.toks[k].kind == TokKind::Word && !s.toks[k].cap && s.at(k).is_empty();
                        let role_noun_before = (i.saturating_sub(4)..i.saturating_sub(1))
                            .any(|k| determiner(s.tok_text(k)) && (k == 0 || s.is_punct(k - 1, ",")) && (k + 1..i).all(noun));
                        // "X condemned the killings, saying: …": a participle after a comma
                        // speaks for the sentence's subject.
                        let after_comma = i > 0 && s.is_punct(i - 1, ",");
                        let subject = || ents.iter().find(|e| e.end <= i && !s.in_quote[e.start] && matches!(e.kind, Some(EntityType::Person) | None)).map(|e| e.r.clone());
                        at.speaker = if pronoun_before {
                            st.last_speaker.clone().or(pick)
                        } else if adjacent.is_some() {
                            adjacent
                        } else if role_noun_before || pick.is_some() {
                            // An unnamed speaker before the verb is nobody we can name; else
                            // the name after the verb ("kata Kapolda …").
                            pick
                        } else if role_noun_after {
                            st.last_speaker.clone()
                        } else if a.end < n && noun(a.end) && !determiner(s.tok_text(a.end)) {
                            // "…, kata petugas pos pengamatan": someone the text does not name
                            // right after the verb — not the sentence's subject.
                            None
                        } else if after_comma {
                            subject()
                        } else {
                            // "Papandreou expressed shock … and vowed …": the sentence's subject,
                            // a name that starts it with no comma before the verb.
                            ents.iter()
                                .find(|e| e.start <= 1 && e.end <= i && matches!(e.kind, Some(EntityType::Person) | None) && !(e.end..i).any(|k| s.is_punct(k, ",")))
                                .map(|e| e.r.clone())
                        };
                    }
                    Tag::Hedge => {
                        at.hedged = true;
                        if at.source.is_none() {
                            at.source = ents.iter().rev().find(|e| e.end <= a.start && !s.in_quote[e.start]).map(|e| e.r.clone());
                        }
                    }
                    _ => {}
                }
            }
        }
        let _ = person_like;
        if at.source.is_none() {
            at.source = at.speaker.clone();
        }
        at.body = at.speaker.as_ref().is_some_and(|r| ents.iter().any(|e| &e.r == r && matches!(e.kind, Some(EntityType::Org | EntityType::Outlet | EntityType::Country))));
        at
    }

    /// The authority a figure at token `f` is attributed to: "menurut X", "data X", "laporan
    /// X", "according to X" (the nearest before the figure), or the subject of a record verb
    /// ("BPBD mencatat 158").
    pub(super) fn authority(&self, s: &Sent, ents: &[Ent], f: usize) -> Option<Ref> {
        let n = s.toks.len();
        let named_after = |p: usize| -> Option<&Ent> {
            let stop = (p..n).find(|&k| s.is_punct(k, ".") || s.is_punct(k, ";") || s.toks[k].kind == TokKind::Number).unwrap_or(n);
            ents.iter().find(|e| e.start >= p && e.start < (p + SOURCE_REACH).min(stop) && e.kind != Some(EntityType::Country) && e.kind != Some(EntityType::City) && e.kind != Some(EntityType::Place))
        };
        let marks: Vec<usize> = (0..n).filter(|&p| s.find(p, |t| matches!(t, Tag::SourceMark)).is_some()).collect();
        // Only a marker before the figure: one after it ("… ujar Nico ketika memberikan
        // keterangan pers di Polres Malang") names where it was said, not whose figure it is.
        if let Some(e) = marks.iter().rev().filter(|&&p| p < f).find_map(|&p| named_after(p + 1)).filter(|e| e.start != f) {
            return Some(e.r.clone());
        }
        // "BPBD mencatat 158", "the agency recorded": the nearest body before a record verb.
        let verb = (0..f).rev().find(|&p| s.find(p, |t| matches!(t, Tag::Record)).is_some())?;
        ents.iter().rev().find(|e| e.end <= verb && verb - e.end <= 12 && !matches!(e.kind, Some(EntityType::Country | EntityType::City | EntityType::Place))).map(|e| e.r.clone())
    }
}

/// An acronym: two or more letters, all capitals ("BPBD", "USGS").
fn is_acronym(w: &str) -> bool {
    // Every character a capital letter, and at least two (no allocation: asked of every name).
    w.chars().all(|c| c.is_alphabetic() && c.is_uppercase()) && w.chars().nth(1).is_some()
}
