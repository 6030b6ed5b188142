//! Quantities: qualifier + amount + unit or concept, the thing counted, its scope and a stated
//! conversion ("lebih dari 11.000 kontainer amunisi", "85 million euros ($108 million)").

use crate::claim::*;
use crate::lexicon::{Ann, Tag, TokKind};
use crate::rules::*;
use crate::segment::Span;

use super::tokens::*;
use super::Extractor;

impl<'r> Extractor<'r> {
    pub(super) fn quantities(&self, pack: &LanguagePack, s: &mut Sent, ents: &[Ent]) -> Vec<(Span, Quantity, String)> {
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            let start = i;
            let mut j = i;
            let mut qual = None;
            if let Some(a) = s.find(j, |t| matches!(t, Tag::Qualifier(_))) {
                if let Tag::Qualifier(q) = a.tag {
                    qual = Some(q as usize);
                    j = a.end;
                }
            }
            // A currency or unit written before the number ("Rp19.200", "$137").
            let mut unit: Option<String> = None;
            if let Some(a) = s.find(j, |t| matches!(t, Tag::Unit(u) if pack.units[*u as usize].prefix)) {
                if let Tag::Unit(u) = a.tag {
                    if s.toks.get(a.end).is_some_and(|t| t.kind == TokKind::Number) {
                        unit = Some(pack.units[u as usize].id.clone());
                        j = a.end;
                    }
                }
            }
            let vague_at = s.find(j, |t| matches!(t, Tag::Vague(_))).and_then(|a| match a.tag {
                Tag::Vague(v) => Some((a, v)),
                _ => None,
            });
            let (interval, qualifier, vague, val_end, rule_id) = if let Some((a, v)) = vague_at {
                let r = &pack.vague[v as usize];
                let iv = Interval { low: r.low, high: r.high, low_open: false, high_open: false };
                (iv, None, Some(v as usize), a.end, r.id.clone())
            } else if let Some(am) = self.amount(pack, s, j) {
                if (j..am.end).any(|k| s.used[k]) {
                    i += 1;
                    continue;
                }
                // "three or four", "20 to 30", "20-30": a range.
                let dash = s.is_punct(am.end, "-") || s.is_punct(am.end, "\u{2013}");
                // "between 40 and 50": after an opener, a conjunction closes the range.
                let opened = j > 0 && s.find(j - 1, |t| matches!(t, Tag::RangeOpen)).is_some();
                let link = |t: &Tag| matches!(t, Tag::RangeWord) || (opened && matches!(t, Tag::Conj));
                let range = if dash || s.find(am.end, link).is_some() {
                    let next = if dash { am.end + 1 } else { s.find(am.end, link).map_or(am.end, |a| a.end) };
                    self.amount(pack, s, next).filter(|b| b.value > am.value)
                } else {
                    None
                };
                if let Some(b) = range {
                    let iv = Interval { low: Some(am.value), high: Some(b.value), low_open: false, high_open: false };
                    (iv, None, None, b.end, "range".to_string())
                } else {
                        let (mut value, mut end) = (am.value, am.end);
                    // "€85m": a letter scale glued to an amount of money (case as written).
                    if unit.is_some() && end < n && s.toks[end].kind == TokKind::Word && s.toks[end].start == s.toks[end - 1].end {
                        if let Some(m) = pack.currency_scales.get(s.tok_text(end)) {
                            value *= m;
                            end += 1;
                        }
                    }
                    let (iv, q) = self.qualify(pack, value, qual);
                    let id = q.as_ref().map_or("count".to_string(), |q| q.0.clone());
                    (iv, q, None, end, id)
                }
            } else {
                i += 1;
                continue;
            };
            let mut k = val_end;
            // "another 20,000", "five other workers": a separate group.
            let other = (start.saturating_sub(2)..start).any(|p| s.find(p, |t| matches!(t, Tag::Other)).is_some()) || s.find(k, |t| matches!(t, Tag::Other)).is_some_and(|a| {
                k = a.end;
                true
            });
            // A time unit makes it a duration, handled elsewhere.
            if s.find(k, |t| matches!(t, Tag::TimeUnit(_))).is_some() {
                i = val_end.max(i + 1);
                continue;
            }
            let mut of: Option<String> = None;
            for _ in 0..3 {
                if k >= n {
                    break;
                }
                if let Some(a) = s.find(k, |t| matches!(t, Tag::Unit(_))) {
                    if let Tag::Unit(u) = a.tag {
                        unit = Some(pack.units[u as usize].id.clone());
                        k = a.end;
                        continue;
                    }
                }
                if let Some(a) = s.find(k, |t| matches!(t, Tag::Concept(_))) {
                    if let Tag::Concept(c) = a.tag {
                        let rule = &pack.concepts[c as usize];
                        of = Some(rule.id.clone());
                        if unit.is_none() {
                            unit = rule.unit.clone();
                        }
                        k = a.end;
                    }
                    break;
                }
                // One plain word may stand between the number and the thing ("23 Somali pirates").
                if s.toks[k].kind == TokKind::Word && s.at(k).is_empty() && s.find(k + 1, |t| matches!(t, Tag::Concept(_))).is_some() {
                    k += 1;
                    continue;
                }
                break;
            }
            let mut span_start = start;
            // A word before the number may name the thing ("menewaskan 62 orang", "killing 62").
            if of.is_none() && start > 0 {
                if let Some(a) = (start.saturating_sub(3)..start).flat_map(|p| s.at(p).to_vec()).find(|a| matches!(a.tag, Tag::ConceptPre(_)) && a.end == start) {
                    if let Tag::ConceptPre(c) = a.tag {
                        let rule = &pack.concepts[c as usize];
                        of = Some(rule.id.clone());
                        if unit.is_none() {
                            unit = rule.unit.clone();
                        }
                        span_start = a.start;
                    }
                }
            }
            // "Korban tewas akibat gempa mencapai 62 orang": a linking verb before the number
            // points back to the thing counted, within the clause.
            if of.is_none() && start > 0 {
                let link = (start.saturating_sub(3)..start).flat_map(|p| s.at(p).to_vec()).find(|a| a.tag == Tag::Link && a.end == start);
                if let Some(l) = link {
                    for p in (l.start.saturating_sub(16)..l.start).rev() {
                        if s.toks[p].kind == TokKind::Number || s.is_punct(p, ".") || s.is_punct(p, ";") {
                            break;
                        }
                        if let Some(Ann { tag: Tag::Concept(c), .. }) = s.find(p, |t| matches!(t, Tag::Concept(_))) {
                            let rule = &pack.concepts[c as usize];
                            of = Some(rule.id.clone());
                            if unit.is_none() {
                                unit = rule.unit.clone();
                            }
                            span_start = p;
                            break;
                        }
                    }
                }
            }
            if of.is_none() {
                if let Some(v) = vague {
                    if pack.vague[v].postposed {
                        // "beras dalam jumlah besar": the thing stands before the amount.
                        if let Some(a) = (start.saturating_sub(2)..start)
                            .flat_map(|p| s.at(p).to_vec())
                            .find(|a| matches!(a.tag, Tag::Concept(_)) && a.end == start)
                        {
                            if let Tag::Concept(c) = a.tag {
                                of = Some(pack.concepts[c as usize].id.clone());
                                span_start = a.start;
                            }
                        }
                    }
                }
            }
            // A count of something the rules do not name ("lima negara", "three villages"): a
            // claim with its noun, so it is reported, but it has no concept and is never aligned.
            // A bare year ("pada 2019 lalu") is not a count.
            let mut noun = None;
            if of.is_none() && unit.is_none() {
                let year_like = s.toks[val_end.saturating_sub(1)].end - s.toks[val_end.saturating_sub(1)].start == 4 && year_at(s, val_end.saturating_sub(1)).is_some();
                let stop = |w: &str| pack.meta.as_ref().is_some_and(|m| m.stopwords.iter().any(|x| x.eq_ignore_ascii_case(w)));
                let next = s.toks.get(k).filter(|t| t.kind == TokKind::Word && !t.cap && s.at(k).is_empty());
                let referring = start > 0 && pack.meta.as_ref().is_some_and(|m| m.determiners.iter().any(|d| d.eq_ignore_ascii_case(s.tok_text(start - 1))));
                match next {
                    Some(_) if !year_like && !referring && vague.is_none() && !stop(s.tok_text(k)) => {
                        noun = Some(s.tok_text(k).to_lowercase());
                        k += 1;
                    }
                    _ => {
                        i = val_end.max(i + 1);
                        continue;
                    }
                }
            }
            if of.is_none() {
                of = unit.as_ref().and_then(|u| pack.units.iter().find(|r| &r.id == u)).and_then(|r| r.of.clone());
            }
            // "Seven people were still missing", "tujuh warga masih dalam pencarian": a count of
            // people takes an outcome a few words on.
            if of.is_none() && unit.as_deref() == pack.concepts.iter().find(|c| c.outcome).and_then(|c| c.unit.as_deref()) && unit.is_some() {
                let found = (k..(k + 4).min(n))
                    .take_while(|&p| !s.is_punct(p, ",") && !s.is_punct(p, ".") && s.toks[p].kind != TokKind::Number && s.find(p, |t| matches!(t, Tag::Conj)).is_none())
                    .find_map(|p| s.find(p, |t| matches!(t, Tag::Concept(c) if pack.concepts[*c as usize].outcome)));
                if let Some(Ann { tag: Tag::Concept(c), end, .. }) = found {
                    of = Some(pack.concepts[c as usize].id.clone());
                    k = end;
                }
            }
            // "2.000 demonstran lainnya": the marker may follow the thing counted.
            let other = other || s.find(k, |t| matches!(t, Tag::Other)).is_some_and(|a| {
                k = a.end;
                true
            });
            // An outcome right after the thing narrows what is counted: "three crew members lost
            // their lives" counts deaths among crew (`deaths.crew`), compared only with the same.
            if let Some(cur) = of.clone() {
                let is_outcome = |c: u16| pack.concepts[c as usize].outcome;
                if !pack.concepts.iter().any(|c| c.id == cur && c.outcome) {
                    let found = (k..(k + 4).min(n))
                        .take_while(|&p| !s.is_punct(p, ",") && !s.is_punct(p, ".") && s.find(p, |t| matches!(t, Tag::Conj | Tag::NumberWord(_))).is_none() && s.toks[p].kind != TokKind::Number)
                        .find_map(|p| s.find(p, |t| matches!(t, Tag::Concept(c) if is_outcome(*c))));
                    if let Some(Ann { tag: Tag::Concept(c), end, .. }) = found {
                        of = Some(format!("{}.{cur}", pack.concepts[c as usize].id));
                        k = end;
                    }
                }
            }
            // The scope: a place phrase right after the count ("in the province", "di Cianjur",
            // "are based in Puntland") or a scope word ("in total", "nationwide").
            let mut scope = None;
            'scope: for p in k..(k + 4).min(n) {
                if s.is_punct(p, ",") || s.is_punct(p, ".") || s.toks[p].kind == TokKind::Number {
                    break;
                }
                if let Some(Ann { tag: Tag::Scope(sc), .. }) = s.find(p, |t| matches!(t, Tag::Scope(_))) {
                    scope = Some(pack.scopes[sc as usize].id.clone());
                    break;
                }
                if s.find(p, |t| matches!(t, Tag::PlacePrep)).is_some() {
                    for q in p + 1..(p + 4).min(n) {
                        if let Some(e) = ents.iter().find(|e| e.start == q) {
                            if !matches!(e.kind, Some(EntityType::Person | EntityType::Outlet)) {
                                scope = Some(e.r.id().to_string());
                            }
                            break 'scope;
                        }
                        if s.toks[q].kind != TokKind::Word || s.toks[q].cap {
                            break;
                        }
                    }
                }
            }
            // "85 million euros ($108 million)": the bracketed conversion is part of this claim.
            let mut converted = None;
            if s.is_punct(k, "(") {
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
                if let Some(am) = self.amount(pack, s, m) {
                    let mut e = am.end;
                    if let Some(Ann { tag: Tag::Unit(u), end, .. }) = s.find(e, |t| matches!(t, Tag::Unit(_))) {
                        cunit = Some(pack.units[u as usize].id.clone());
                        e = end;
                    }
                    if let (Some(cu), true) = (cunit, s.is_punct(e, ")")) {
                        if Some(&cu) != unit.as_ref() {
                            converted = Some((self.qualify(pack, am.value, cq.map(|c| c.0)).0, cu));
                            k = e + 1;
                        }
                    }
                }
            }
            for u in &mut s.used[span_start..k] {
                *u = true;
            }
            let span = s.span(span_start, k);
            out.push((
                span,
                Quantity { interval, unit, of, qualifier, vague: vague.map(|v| pack.vague[v].id.clone()), as_of: None, as_of_time: None, as_of_article: false, as_of_inferred: false, scope, converted, other, noun },
                rule_id,
            ));
            i = k.max(i + 1);
        }
        out
    }

}
