//! Quantities: qualifier + amount + unit or concept, the thing counted, its scope and a stated
//! conversion ("lebih dari 11.000 kontainer amunisi", "85 million euros ($108 million)").
//!
//! A figure is read in steps, each a small function: the value (qualifier, prefix unit, amount,
//! range), then what it counts — a concept or unit after it (a few modifiers may stand between),
//! a word before it ("menewaskan 62", "luka berat 31 orang"), or a noun the rules do not name —
//! then what narrows the count (an outcome, a state, a restricting clause, an owner), whether it
//! is a part of a larger group ("dua di antaranya"), an earlier or a revised figure, its scope
//! and a bracketed conversion.

use crate::claim::*;
use crate::lexicon::{Ann, Tag, TokKind};
use crate::rules::*;
use crate::segment::Span;

use super::Extractor;
use super::tokens::*;

/// A figure found in a sentence, with the tokens it covers.
pub(super) struct Found {
    pub(super) span: Span,
    pub(super) q: Quantity,
    pub(super) rule: String,
    /// First and end token of the figure's words.
    pub(super) toks: (usize, usize),
    /// First token of the number itself.
    pub(super) value_tok: usize,
}

/// The value of a figure: its interval and how it was read.
struct Reading {
    interval: Interval,
    qualifier: Option<(String, QualifierOp)>,
    vague: Option<usize>,
    /// A unit written before the number ("Rp", "$").
    unit: Option<String>,
    /// Token where the number starts and the token after the value.
    num: usize,
    end: usize,
    rule: String,
}

/// What a figure counts.
#[derive(Default)]
struct Thing {
    unit: Option<String>,
    of: Option<String>,
    noun: Option<String>,
    predicate: Option<String>,
    clause: Option<String>,
    owner: Option<String>,
}

impl<'r> Extractor<'r> {
    pub(super) fn quantities(&self, pack: &LanguagePack, s: &mut Sent, ents: &[Ent]) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        let n = s.toks.len();
        // After "terdiri atas" ("consisting of") every figure is a part of the one before it.
        let mut consisting_from: Option<usize> = None;
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            if s.find(i, |t| matches!(t, Tag::Consist)).is_some() {
                consisting_from = Some(i);
            }
            let Some(r) = self.read_value(pack, s, i) else {
                i += 1;
                continue;
            };
            // "09" (of "2008-09"), "007": digits with a leading zero are a code, not a count.
            let leading_zero = s.toks.get(r.num).is_some_and(|t| t.kind == TokKind::Number && s.tok_text(r.num).len() > 1 && s.tok_text(r.num).starts_with('0') && !s.tok_text(r.num)[1..].starts_with(['.', ',']));
            // "M16", "MH17", "G20": digits glued to capital letters before them are part of a
            // name, unless those letters are the number's unit ("Rp19.200").
            let named = r.unit.is_none() && r.num > 0 && s.toks[r.num - 1].kind == TokKind::Word && s.toks[r.num - 1].cap && s.toks[r.num - 1].end == s.toks[r.num].start;
            if identifier_digits(s, r.num) || leading_zero || named {
                i = r.end.max(i + 1);
                continue;
            }
            let start = i;
            let mut k = r.end;
            // "another 20,000", "five other workers": a separate group.
            let mut other = (start.saturating_sub(2)..start).any(|p| s.find(p, |t| matches!(t, Tag::Other)).is_some());
            if let Some(a) = s.find(k, |t| matches!(t, Tag::Other)) {
                other = true;
                k = a.end;
            }
            // A time unit makes it a duration, handled elsewhere.
            if s.find(k, |t| matches!(t, Tag::TimeUnit(_))).is_some() {
                i = r.end.max(i + 1);
                continue;
            }
            // "dua di antaranya anggota Polri", "two of them police officers": a part of the
            // group counted just before, narrowed by the thing named after the marker.
            let mut part = false;
            if let Some(a) = s.find(k, |t| matches!(t, Tag::PartAfter)) {
                part = true;
                k = a.end;
                while s.find(k, |t| matches!(t, Tag::Aux)).is_some() {
                    k += 1;
                }
            }
            let mut thing = Thing { unit: r.unit.clone(), ..Default::default() };
            k = self.thing_after(pack, s, k, &mut thing);
            let mut span_start = start;
            // A word before the number names the thing only when no measure follows it ("luka
            // berat 31 orang"; not "ships some 13 miles", where the miles measure a distance).
            let measured = thing.unit.as_ref().is_some_and(|u| pack.units.iter().any(|x| &x.id == u && x.dimension.is_some()));
            if thing.of.is_none() && !measured {
                if let Some((of, unit, from)) = self.thing_before(pack, s, start, r.vague) {
                    thing.of = Some(of);
                    if thing.unit.is_none() {
                        thing.unit = unit;
                    }
                    span_start = from;
                }
            }
            // "seorang", "one": a number only as the object of a verb naming the thing
            // ("menewaskan seorang warga", "killing one person"); elsewhere an article.
            let governed = (start.saturating_sub(4)..start).flat_map(|p| s.at(p).iter().copied()).any(|a| matches!(a.tag, Tag::ConceptPre(_)) && a.end == start);
            if s.find(r.num, |t| matches!(t, Tag::Weak)).is_some() && !governed {
                i = r.end.max(i + 1);
                continue;
            }
            // After "terdiri atas" the parts belong to the figure before the marker, not to the
            // part listed just before.
            let whole = match consisting_from {
                Some(c) if c < start && !part => out.iter().rev().find(|f| f.toks.1 <= c),
                _ => out.last(),
            };
            let parent = whole.filter(|_| part || consisting_from.is_some_and(|c| c < start)).and_then(|f| f.q.of.as_deref().map(str::to_string).or_else(|| f.q.more().noun.clone()));
            // "termasuk 2 polisi", "including seven children": a part of the group before.
            let before_part = (start.saturating_sub(2)..start).any(|p| s.find(p, |t| matches!(t, Tag::PartBefore)).is_some_and(|a| a.end == start || s.find(a.end, |t| matches!(t, Tag::Qualifier(_))).is_some_and(|q| q.end == start)));
            let mut part = part || before_part || consisting_from.is_some_and(|c| c < start && !out.is_empty());
            // A count of something the rules do not name ("tujuh jembatan", "seven bridges"):
            // the noun itself is the thing, aligned by its lemma. A bare year ("pada 2019 lalu")
            // or a reference ("the two countries") is no count.
            if thing.of.is_none() && thing.unit.is_none() && !part {
                let year_like = s.toks[r.end - 1].end - s.toks[r.end - 1].start == 4 && year_at(s, r.end - 1).is_some();
                let referring = start > 0 && is_determiner(pack, s, start - 1);
                match self.open_noun(pack, s, k) {
                    Some((lemma, end)) if !year_like && !referring && r.vague.is_none() => {
                        thing.noun = Some(lemma);
                        k = end;
                    }
                    _ => {
                        // The noun left out because the sentence just named it: "Di antara 22
                        // korban, sembilan telah diidentifikasi, sedangkan enam lainnya …",
                        // "of the 22 dead, nine have been identified"; or a list of places
                        // and counts ("Kecamatan Pasirian 983 orang, Pronojiwo 525, …").
                        let before = out.iter().rev().find(|f| f.q.of.is_some() || f.q.more().noun.is_some() || f.q.unit.is_some());
                        let elided = !year_like && r.vague.is_none() && before.is_some() && (other || s.find(k, |t| matches!(t, Tag::Aux)).is_some());
                        let listed = !year_like && r.vague.is_none() && list_item(s, start, r.end) && before.is_some_and(|f| list_item(s, f.value_tok, f.value_tok + 1) || list_item(s, f.toks.0, f.toks.1));
                        match before.filter(|_| elided || listed) {
                            Some(f) => {
                                thing.of = f.q.of.as_deref().map(str::to_string);
                                thing.noun = f.q.more().noun.clone();
                                thing.unit = f.q.unit.as_deref().map(str::to_string);
                                part = elided && !other;
                            }
                            None => {
                                i = r.end.max(i + 1);
                                continue;
                            }
                        }
                    }
                }
            }
            if thing.of.is_none() && thing.noun.is_none() {
                thing.of = thing.unit.as_ref().and_then(|u| pack.units.iter().find(|x| &x.id == u)).and_then(|x| x.of.clone());
            }
            // "Seven people were still missing", "tujuh warga masih dalam pencarian": a count of
            // people takes an outcome a few words on.
            let person_unit = pack.concepts.iter().find(|c| c.outcome).and_then(|c| c.unit.as_deref());
            if thing.of.is_none() && thing.noun.is_none() && thing.unit.is_some() && thing.unit.as_deref() == person_unit {
                if let Some((c, end)) = self.outcome_near(pack, s, k) {
                    thing.of = Some(pack.concepts[c].id.clone());
                    k = end;
                }
            }
            // "2.000 demonstran lainnya": the marker may follow the thing counted.
            if let Some(a) = s.find(k, |t| matches!(t, Tag::Other)) {
                other = true;
                k = a.end;
            }
            k = self.narrow(pack, s, k, &mut thing);
            k = owner_after(s, ents, k, &mut thing);
            // "one of her 12 children", "mother of 12 children": what a person has.
            let held = (span_start.saturating_sub(3)..span_start).flat_map(|p| s.at(p).iter().copied()).any(|a| matches!(a.tag, Tag::Holder) && a.end == span_start);
            if held && thing.owner.is_none() {
                thing.owner = Some(crate::claim::HOLDER.to_string());
            }
            // "104 luka-luka, terdiri dari 32 luka berat …": a part named by a kind of the whole's
            // concept is the whole count of that kind, not a part of something else.
            let own_kind = parent.as_ref().zip(thing.of.as_ref()).is_some_and(|(p, o)| pack.concepts.iter().any(|c| &c.id == o && c.kind_of.iter().any(|k| k == p)));
            if own_kind {
                part = false;
            } else if let Some(p) = &parent {
                let own = thing.of.take().or_else(|| thing.noun.take().map(|n| format!("n:{n}")));
                thing.of = Some(match own {
                    Some(o) if o != *p && !p.ends_with(&format!(".{o}")) => format!("{p}.{o}"),
                    _ => p.clone(),
                });
            }
            // "a third" of people is a third person, not a third of one: a count of people or of
            // things the rules do not name is whole.
            let counted = thing.noun.is_some() || thing.unit.as_deref().is_some_and(|u| pack.concepts.iter().any(|c| c.unit.as_deref() == Some(u)));
            if counted && r.interval.high.is_some_and(|h| h < 1.0) {
                i = k.max(i + 1);
                continue;
            }
            let scope = scope_after(pack, s, ents, k);
            let (converted, after) = self.conversion(pack, s, k, thing.unit.as_ref());
            k = after;
            // "semula 174", "initially 30": an earlier figure; "direvisi menjadi 125": a revision.
            let marked = |tag: fn(&Tag) -> bool, reach: usize| (start.saturating_sub(reach)..start).any(|p| s.find(p, tag).is_some());
            // "12 AK-47s, three rifles": a broader thing listed after a kind of it is the rest.
            if let Some(of) = &thing.of {
                let narrower_before = out.iter().any(|f| f.q.of.as_ref().and_then(|o| pack.concepts.iter().find(|c| c.id == **o)).is_some_and(|c| c.kind_of.contains(of)));
                other |= narrower_before;
            }
            let earlier = marked(|t| matches!(t, Tag::Earlier), 4);
            let revised = marked(|t| matches!(t, Tag::Revised), 3);
            for u in &mut s.used[span_start..k] {
                *u = true;
            }
            let mut q = Quantity::new(r.interval);
            q.unit = thing.unit.map(|u| self.intern(&u));
            q.of = thing.of.map(|o| self.intern(&o));
            q.qualifier = r.qualifier;
            q.more = More::of(Particulars {
                vague: r.vague.map(|v| pack.vague[v].id.clone()),
                scope,
                converted: converted.map(Box::new),
                noun: thing.noun,
                predicate: thing.predicate,
                clause: thing.clause.map(String::into_boxed_str),
                owner: thing.owner.map(String::into_boxed_str),
                incident: None,
            });
            q.other = other;
            q.part = part;
            q.earlier = earlier;
            q.revised = revised;
            out.push(Found { span: s.span(span_start, k), q, rule: r.rule, toks: (span_start, k), value_tok: r.num });
            i = k.max(i + 1);
        }
        // "Dari sebelumnya 5.919 orang, kini 6.542 orang mengungsi": an earlier figure that
        // names no thing counts what the sentence's current figure of the same unit counts.
        let named: Vec<(Option<SharedId>, SharedId)> = out.iter().filter(|f| !f.q.earlier && f.q.of.is_some()).map(|f| (f.q.unit.clone(), f.q.of.clone().unwrap_or_default())).collect();
        for f in out.iter_mut().filter(|f| f.q.earlier && f.q.of.is_none() && f.q.more().noun.is_none() && f.q.unit.is_some()) {
            let same: Vec<&SharedId> = named.iter().filter(|(u, _)| *u == f.q.unit).map(|(_, o)| o).collect();
            if same.len() == 1 {
                f.q.of = Some(same[0].clone());
            }
        }
        out
    }

    /// The value at token `i`: an optional qualifier and prefix unit, then a vague amount, a
    /// range ("20 to 30", "20-30", "between 40 and 50") or an amount.
    fn read_value(&self, pack: &LanguagePack, s: &Sent, i: usize) -> Option<Reading> {
        let n = s.toks.len();
        let mut j = i;
        let mut qual = None;
        if let Some(Ann { tag: Tag::Qualifier(q), end, .. }) = s.find(j, |t| matches!(t, Tag::Qualifier(_))) {
            qual = Some(q as usize);
            j = end;
        }
        // A currency or unit written before the number ("Rp19.200", "$137").
        let mut unit = None;
        if let Some(Ann { tag: Tag::Unit(u), end, .. }) = s.find(j, |t| matches!(t, Tag::Unit(u) if pack.units[*u as usize].prefix)) {
            let rule = &pack.units[u as usize];
            let decimal_ok = |t: &str| rule.decimal_below.is_none_or(|max| t.contains(['.', ',']) && self.parse_digits(pack, t).is_some_and(|v| v < max));
            if s.toks.get(end).is_some_and(|t| t.kind == TokKind::Number) && decimal_ok(s.tok_text(end)) {
                unit = Some(rule.id.clone());
                j = end;
            }
        }
        if let Some(Ann { tag: Tag::Vague(v), end, .. }) = s.find(j, |t| matches!(t, Tag::Vague(_))) {
            let r = &pack.vague[v as usize];
            let iv = Interval { low: r.low, high: r.high, low_open: false, high_open: false };
            return Some(Reading { interval: iv, qualifier: None, vague: Some(v as usize), unit, num: j, end, rule: r.id.clone() });
        }
        let am = self.amount(pack, s, j)?;
        if (j..am.end).any(|k| s.used[k]) {
            return None;
        }
        let dash = s.is_punct(am.end, "-") || s.is_punct(am.end, "\u{2013}");
        let opened = j > 0 && s.find(j - 1, |t| matches!(t, Tag::RangeOpen)).is_some();
        let link = |t: &Tag| matches!(t, Tag::RangeWord) || (opened && matches!(t, Tag::Conj));
        // "20 milimeter-24 milimeter", "10 km to 15 km": the unit written after each end; the
        // reading ends before the second unit, which `thing_after` reads.
        if let Some(Ann { tag: Tag::Unit(u1), end: ue, .. }) = s.find(am.end, |t| matches!(t, Tag::Unit(u) if !pack.units[*u as usize].prefix)) {
            let next = if s.is_punct(ue, "-") || s.is_punct(ue, "\u{2013}") { Some(ue + 1) } else { s.find(ue, link).map(|a| a.end) };
            if let Some(b) = next.and_then(|k| self.amount(pack, s, k)).filter(|b| b.value > am.value) {
                if s.find(b.end, |t| matches!(t, Tag::Unit(u) if *u == u1)).is_some() && !(j..b.end).any(|k| s.used[k]) {
                    let iv = Interval { low: Some(am.value), high: Some(b.value), low_open: false, high_open: false };
                    return Some(Reading { interval: iv, qualifier: None, vague: None, unit, num: j, end: b.end, rule: "range".into() });
                }
            }
        }
        if dash || s.find(am.end, link).is_some() {
            let next = if dash { am.end + 1 } else { s.find(am.end, link).map_or(am.end, |a| a.end) };
            // The second end may repeat the prefix unit ("$10 to $20").
            let next = match s.find(next, |t| matches!(t, Tag::Unit(u) if pack.units[*u as usize].prefix)) {
                Some(a) if unit.is_some() => a.end,
                _ => next,
            };
            if let Some(b) = self.amount(pack, s, next).filter(|b| b.value > am.value) {
                // "10 to 20 million", "10 hingga 20 miliar": a scale written once, after the
                // second end, scales both ends when the first is smaller than the second's digits.
                let scale_in = |a: usize, b: usize| (a..b).find_map(|p| s.find(p, |t| matches!(t, Tag::Scale(_)))).and_then(|x| if let Tag::Scale(m) = x.tag { Some(m) } else { None });
                let low = match (scale_in(j, am.end), scale_in(next, b.end)) {
                    (None, Some(m)) if am.value < b.value / m => am.value * m,
                    _ => am.value,
                };
                let iv = Interval { low: Some(low), high: Some(b.value), low_open: false, high_open: false };
                return Some(Reading { interval: iv, qualifier: None, vague: None, unit, num: j, end: b.end, rule: "range".into() });
            }
        }
        let (mut value, mut end) = (am.value, am.end);
        // "€85m": a letter scale glued to an amount of money (case as written).
        if unit.is_some() && end < n && s.toks[end].kind == TokKind::Word && s.toks[end].start == s.toks[end - 1].end {
            if let Some(m) = pack.currency_scales.get(s.tok_text(end)) {
                value *= m;
                end += 1;
            }
        }
        let (iv, q) = self.qualify(pack, value, qual);
        let rule = q.as_ref().map_or("count".to_string(), |q| q.0.clone());
        Some(Reading { interval: iv, qualifier: q, vague: None, unit, num: j, end, rule })
    }

    /// A unit or concept after the value; up to two plain words (modifiers: "23 Somali pirates",
    /// "3,000 North Korean troops") and a hyphen ("8.6-magnitude") may stand between.
    fn thing_after(&self, pack: &LanguagePack, s: &Sent, mut k: usize, thing: &mut Thing) -> usize {
        let n = s.toks.len();
        if s.is_punct(k, "-") && s.toks.get(k + 1).is_some_and(|t| t.kind == TokKind::Word) && s.toks[k].start == s.toks[k - 1].end {
            k += 1;
        }
        let mut skipped = 0;
        while k < n {
            // A prefix read only before a decimal ("M 5,6") is no unit after a number ("5 M").
            if let Some(Ann { tag: Tag::Unit(u), end, .. }) = s.find(k, |t| matches!(t, Tag::Unit(u) if pack.units[*u as usize].decimal_below.is_none())) {
                let rule = &pack.units[u as usize];
                let word_next = s.toks.get(end).is_some_and(|t| t.kind == TokKind::Word) && s.find(end, |t| matches!(t, Tag::Linker | Tag::Unit(_))).is_none();
                if let (Some(of), true) = (&rule.before_noun, word_next) {
                    thing.of = Some(of.clone());
                    return end;
                }
                thing.unit = Some(rule.id.clone());
                k = end;
                skipped = 0;
                continue;
            }
            if let Some(Ann { tag: Tag::Concept(c), end, .. }) = s.find(k, |t| matches!(t, Tag::Concept(_))) {
                let rule = &pack.concepts[c as usize];
                thing.of = Some(rule.id.clone());
                if thing.unit.is_none() {
                    thing.unit = rule.unit.clone();
                }
                return end;
            }
            // Modifiers stand only before a concept; without one the words are not skipped.
            // Modifiers are names or their adjectives ("Somali", "North Korean"), and at most
            // one common noun right before the thing ("two Israeli tank shells"); "eleven times
            // after police" is no count of police, nor is "workers-two women" one phrase.
            let capital = |p: usize| p < n && s.toks[p].kind == TokKind::Word && s.toks[p].cap && s.at(p).iter().all(|a| matches!(a.tag, Tag::Entity(_)));
            let stop = |p: usize| pack.meta.as_ref().is_some_and(|m| m.stopwords.iter().any(|x| x.eq_ignore_ascii_case(s.tok_text(p))));
            let common = |p: usize| p < n && s.toks[p].kind == TokKind::Word && !s.toks[p].cap && s.at(p).is_empty() && !s.tok_text(p).contains('-') && !stop(p);
            let concept_at = |p: usize| p < n && s.find(p, |t| matches!(t, Tag::Concept(_))).is_some();
            // "74 million of diamond rings", "containers of munitions": a linker before the thing.
            if s.find(k, |t| matches!(t, Tag::Linker)).is_some() && concept_at(k + 1) {
                k += 1;
                continue;
            }
            // "residents were evacuated": auxiliaries before an outcome concept.
            let mut aux = k;
            while aux < n && aux - k < 2 && s.find(aux, |t| matches!(t, Tag::Aux)).is_some() {
                aux += 1;
            }
            if aux > k && concept_at(aux) {
                k = aux;
                continue;
            }
            // A measure ("satu meter", "a metre") names what it measures: no word is skipped
            // after it ("satu meter merendam rumah" measures no houses).
            let measured = thing.unit.as_ref().is_some_and(|u| pack.units.iter().any(|x| &x.id == u && x.dimension.is_some()));
            if skipped < 2 && !measured {
                let mut p = k;
                while p < n && p - k + skipped < 2 && capital(p) {
                    p += 1;
                }
                if !concept_at(p) && common(p) && concept_at(p + 1) && p + 1 - k + skipped <= 3 {
                    p += 1;
                }
                if p > k && concept_at(p) {
                    skipped += p - k;
                    k = p;
                    continue;
                }
            }
            break;
        }
        k
    }

    /// A word before the number that names the thing: a "preceding" word ("menewaskan 62
    /// orang", "killing 62"), a concept right before the number ("meninggal 125", "luka berat
    /// 31 orang"), or a concept a linking verb points back to ("korban tewas … mencapai 62").
    fn thing_before(&self, pack: &LanguagePack, s: &Sent, start: usize, vague: Option<usize>) -> Option<(String, Option<String>, usize)> {
        if start == 0 {
            return None;
        }
        let concept = |c: u16| {
            let rule = &pack.concepts[c as usize];
            (rule.id.clone(), rule.unit.clone())
        };
        let ending_here = |f: fn(&Tag) -> bool| (start.saturating_sub(4)..start).flat_map(|p| s.at(p).iter().copied()).filter(|a| f(&a.tag) && a.end == start).max_by_key(|a| a.end - a.start);
        if let Some(Ann { tag: Tag::ConceptPre(c), start: from, .. }) = ending_here(|t| matches!(t, Tag::ConceptPre(_))) {
            let (of, unit) = concept(c);
            return Some((of, unit, from));
        }
        // A postposed vague amount takes the thing before it ("beras dalam jumlah besar").
        if let Some(v) = vague {
            if !pack.vague[v].postposed {
                return None;
            }
        }
        if let Some(Ann { tag: Tag::Concept(c), start: from, .. }) = ending_here(|t| matches!(t, Tag::Concept(_))) {
            let (of, unit) = concept(c);
            return Some((of, unit, from));
        }
        if vague.is_some() {
            return None;
        }
        // "rose to", "direvisi menjadi": a linking or revision word points back to the thing;
        // "… yang dilaporkan sebanyak 253 orang": also when it opens the figure itself.
        let opens = s.find(start, |t| matches!(t, Tag::Link)).filter(|a| a.start == start).map(|a| Ann { start, end: start, tag: a.tag });
        let link = ending_here(|t| matches!(t, Tag::Link | Tag::Revised)).or(opens)?;
        for p in (link.start.saturating_sub(16)..link.start).rev() {
            if s.toks[p].kind == TokKind::Number || s.is_punct(p, ".") || s.is_punct(p, ";") {
                break;
            }
            if let Some(Ann { tag: Tag::Concept(c), .. }) = s.find(p, |t| matches!(t, Tag::Concept(_))) {
                let (of, unit) = concept(c);
                return Some((of, unit, p));
            }
        }
        None
    }

    /// A noun the rules do not name, right after the value, as its lemma: a lowercase word that
    /// is no function word, with reduplication ("rumah-rumah") and plural endings removed.
    fn open_noun(&self, pack: &LanguagePack, s: &Sent, k: usize) -> Option<(String, usize)> {
        let t = s.toks.get(k)?;
        // An occasion word ("11 times", "dua kali") is a noun too when no recency took it.
        if t.kind != TokKind::Word || t.cap || !s.at(k).iter().all(|a| matches!(a.tag, Tag::Occasion)) {
            return None;
        }
        let word = s.tok_text(k).to_lowercase();
        let stop = pack.meta.as_ref().is_some_and(|m| m.stopwords.iter().any(|x| x.eq_ignore_ascii_case(&word)));
        // Two letters are a suffix or an abbreviation ("6th", "3rd"), not a thing counted.
        if stop || word.chars().count() < 3 {
            return None;
        }
        Some((lemma(pack, &word), k + 1))
    }

    /// An outcome concept a few words on, inside the clause ("… were still missing").
    fn outcome_near(&self, pack: &LanguagePack, s: &Sent, k: usize) -> Option<(usize, usize)> {
        let n = s.toks.len();
        let found = (k..(k + 4).min(n))
            .take_while(|&p| !s.is_punct(p, ",") && !s.is_punct(p, ".") && s.toks[p].kind != TokKind::Number && s.find(p, |t| matches!(t, Tag::Conj)).is_none())
            .find_map(|p| s.find(p, |t| matches!(t, Tag::Concept(c) if pack.concepts[*c as usize].outcome)));
        match found {
            Some(Ann { tag: Tag::Concept(c), end, .. }) => Some((c as usize, end)),
            _ => None,
        }
    }

    /// What narrows the count after the thing: an outcome ("three crew members lost their
    /// lives" counts `deaths.crew`; "12 jembatan rusak" counts damaged bridges) or, for a
    /// thing the rules do not name, the verb of a restricting clause ("penonton yang datang
    /// ke stadion" → `datang`).
    fn narrow(&self, pack: &LanguagePack, s: &Sent, mut k: usize, thing: &mut Thing) -> usize {
        let n = s.toks.len();
        let is_outcome = |c: u16| pack.concepts[c as usize].outcome;
        let already_outcome = thing.of.as_ref().is_some_and(|cur| pack.concepts.iter().any(|c| &c.id == cur && c.outcome));
        if (thing.of.is_some() || thing.noun.is_some()) && !already_outcome {
            let found = (k..(k + 4).min(n))
                .take_while(|&p| !s.is_punct(p, ",") && !s.is_punct(p, ".") && s.find(p, |t| matches!(t, Tag::Conj | Tag::NumberWord(_))).is_none() && s.toks[p].kind != TokKind::Number)
                .find_map(|p| s.find(p, |t| matches!(t, Tag::Concept(c) if is_outcome(*c))));
            if let Some(Ann { tag: Tag::Concept(c), end, .. }) = found {
                let outcome = pack.concepts[c as usize].id.clone();
                match (&thing.of, &thing.noun) {
                    (Some(cur), _) => thing.of = Some(format!("{outcome}.{cur}")),
                    (None, Some(_)) => thing.predicate = Some(outcome),
                    _ => {}
                }
                return end;
            }
        }
        if thing.noun.is_some() && thing.predicate.is_none() && thing.clause.is_none() {
            if let Some(a) = s.find(k, |t| matches!(t, Tag::RelClause)) {
                let mut p = a.end;
                while p < n && s.find(p, |t| matches!(t, Tag::Aux)).is_some() {
                    p += 1;
                }
                if p < n && s.toks[p].kind == TokKind::Word && !s.toks[p].cap {
                    thing.clause = Some(lemma(pack, &s.tok_text(p).to_lowercase()));
                    k = p + 1;
                }
            }
        }
        k
    }

    /// "85 million euros ($108 million)": the bracketed conversion is part of this claim.
    fn conversion(&self, pack: &LanguagePack, s: &Sent, k: usize, unit: Option<&String>) -> (Option<(Interval, String)>, usize) {
        if !s.is_punct(k, "(") {
            return (None, k);
        }
        let mut m = k + 1;
        let mut cunit = None;
        if let Some(Ann { tag: Tag::Unit(u), end, .. }) = s.find(m, |t| matches!(t, Tag::Unit(u) if pack.units[*u as usize].prefix)) {
            cunit = Some(pack.units[u as usize].id.clone());
            m = end;
        }
        let cq = s.find(m, |t| matches!(t, Tag::Qualifier(_))).and_then(|a| if let Tag::Qualifier(q) = a.tag { Some((q as usize, a.end)) } else { None });
        if let Some((_, e)) = cq {
            m = e;
        }
        let Some(am) = self.amount(pack, s, m) else { return (None, k) };
        let mut e = am.end;
        if let Some(Ann { tag: Tag::Unit(u), end, .. }) = s.find(e, |t| matches!(t, Tag::Unit(_))) {
            cunit = Some(pack.units[u as usize].id.clone());
            e = end;
        }
        match (cunit, s.is_punct(e, ")")) {
            (Some(cu), true) if Some(&cu) != unit => (Some((self.qualify(pack, am.value, cq.map(|c| c.0)).0, cu)), e + 1),
            _ => (None, k),
        }
    }
}

/// "kendaraan milik Polri", "vehicles belonging to the army": the owner named after the thing.
fn owner_after(s: &Sent, ents: &[Ent], k: usize, thing: &mut Thing) -> usize {
    let Some(a) = s.find(k, |t| matches!(t, Tag::Owner)) else { return k };
    match ents.iter().find(|e| e.start >= a.end && e.start <= a.end + 1) {
        Some(e) => {
            thing.owner = Some(e.r.id().to_string());
            e.end
        }
        None => k,
    }
}

/// The scope: a place phrase right after the count ("in the province", "di Cianjur", "are
/// based in Puntland") or a scope word ("in total", "nationwide"). A named place is a firm
/// scope; a common noun ("di tempat kejadian", "in the stadium") is a loose one, written
/// with a leading `~`.
fn scope_after(pack: &LanguagePack, s: &Sent, ents: &[Ent], k: usize) -> Option<String> {
    let n = s.toks.len();
    for p in k..(k + 4).min(n) {
        if s.is_punct(p, ",") || s.is_punct(p, ".") || s.toks[p].kind == TokKind::Number {
            return None;
        }
        if let Some(Ann { tag: Tag::Scope(sc), .. }) = s.find(p, |t| matches!(t, Tag::Scope(_))) {
            return Some(pack.scopes[sc as usize].id.clone());
        }
        let Some(prep) = s.find(p, |t| matches!(t, Tag::PlacePrep)) else { continue };
        for q in prep.end..(prep.end + 4).min(n) {
            if let Some(e) = ents.iter().find(|e| e.start == q) {
                if matches!(e.kind, Some(EntityType::Person | EntityType::Outlet)) {
                    return None;
                }
                return Some(e.r.id().to_string());
            }
            // A common noun of a place ("di dalam stadion", "in the hospital"): a loose scope.
            if let Some(a) = s.find(q, |t| matches!(t, Tag::PlaceNoun)) {
                let words: Vec<String> = (a.start..a.end).map(|k| s.tok_text(k).to_lowercase()).collect();
                return Some(format!("~{}", words.join("_")));
            }
            let t = s.toks[q];
            let stop = pack.meta.as_ref().is_some_and(|m| m.stopwords.iter().any(|x| x.eq_ignore_ascii_case(s.tok_text(q))));
            let filler = stop || pack.articles.iter().any(|a| a.eq_ignore_ascii_case(s.tok_text(q)));
            if t.kind != TokKind::Word || t.cap || !filler {
                break;
            }
        }
        return None;
    }
    None
}

/// A count in a list of names and counts: right after a capitalised name, and followed by a
/// comma, a conjunction, a bracket or the end of the sentence ("Pronojiwo 525, Tempeh 554").
fn list_item(s: &Sent, num: usize, end: usize) -> bool {
    let n = s.toks.len();
    let named = num > 0 && s.toks[num - 1].kind == TokKind::Word && s.toks[num - 1].cap;
    let closed = end >= n || s.is_punct(end, ",") || s.is_punct(end, ".") || s.is_punct(end, ";") || s.is_punct(end, ")") || s.find(end, |t| matches!(t, Tag::Conj)).is_some();
    named && closed
}

/// Digits that are part of an identifier, a file name or an address ("41_1ecb", "…/2/9/75470",
/// "www.x.com/2010"): never a count.
fn identifier_digits(s: &Sent, num: usize) -> bool {
    let Some(t) = s.toks.get(num) else { return false };
    let b = s.text.as_bytes();
    let glued = |i: usize| b.get(i).is_some_and(|c| matches!(c, b'_' | b'/' | b'\\' | b'=' | b'#' | b'@'));
    (t.start > 0 && glued(t.start - 1)) || glued(t.end)
}

/// The lemma of a noun: reduplication ("rumah-rumah" → "rumah") and the language's plural
/// endings ("bridges" → "bridge") removed.
pub(super) fn lemma(pack: &LanguagePack, word: &str) -> String {
    if let Some((a, b)) = word.split_once('-') {
        if a == b {
            return a.to_string();
        }
    }
    for r in &pack.noun_suffixes {
        let Some(stem) = word.strip_suffix(r.strip.as_str()) else { continue };
        if word.chars().count() <= r.min_len || stem.is_empty() {
            continue;
        }
        if !r.after.is_empty() && !r.after.iter().any(|a| stem.ends_with(a.as_str())) {
            continue;
        }
        return format!("{stem}{}", r.add);
    }
    word.to_string()
}

impl<'r> Extractor<'r> {
    /// Ages: "berusia 4 tahun", "aged 45", "usia 18-45 tahun", "a 10-year-old girl",
    /// "Rasinah (48)". An age is a figure of `age` in years, about the person it follows.
    pub(super) fn ages(&self, pack: &LanguagePack, s: &mut Sent) -> Vec<(Span, Quantity)> {
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            let mut found: Option<(usize, Interval, usize)> = None;
            if let Some(m) = s.find(i, |t| matches!(t, Tag::AgeMark)) {
                if let Some(r) = self.read_value(pack, s, m.end).filter(|r| r.vague.is_none()) {
                    let end = s.find(r.end, |t| matches!(t, Tag::TimeUnit(TimeUnit::Year))).map_or(r.end, |a| a.end);
                    found = Some((i, r.interval, end));
                }
            } else if s.toks[i].kind == TokKind::Number && !(i > 0 && s.is_punct(i - 1, "(")) {
                // "10-year-old": the number, a hyphen or not, and an age word.
                let k = if s.is_punct(i + 1, "-") { i + 2 } else { i + 1 };
                if let (Some(v), Some(a)) = (small_int(s, i), s.find(k, |t| matches!(t, Tag::AgeMark))) {
                    if a.start == k && (1..=130).contains(&v) {
                        found = Some((i, Interval::exact(v as f64), a.end));
                    }
                }
            } else if s.toks[i].kind == TokKind::Word && s.toks[i].cap && s.is_punct(i + 1, "(") && s.is_punct(i + 3, ")") {
                // "Rasinah (48)": a capitalised name and a bracketed number.
                if let Some(v) = small_int(s, i + 2).filter(|v| (1..=130).contains(v)) {
                    found = Some((i + 1, Interval::exact(v as f64), i + 4));
                }
            }
            let Some((from, iv, end)) = found else {
                i += 1;
                continue;
            };
            mark(s, from, end);
            let mut q = Quantity::new(iv);
            q.of = Some("age".into());
            q.unit = Some("year".into());
            out.push((s.span(from, end), q));
            i = end;
        }
        out
    }
}
