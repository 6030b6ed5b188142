//! Events and dated statements: an event word with its date, time, place, destination,
//! parties and principal; a date near a speech verb dates the statement.

use crate::claim::*;
use crate::lexicon::{Ann, Tag, TokKind};
use crate::rules::*;

use super::tokens::*;
use super::Extractor;

/// Tokens between an event word and a date after it that dates the event itself.
const DATE_AFTER: usize = 30;
/// Tokens between a date and an event word after it that it dates.
const DATE_BEFORE: usize = 3;

impl<'r> Extractor<'r> {

    #[allow(clippy::too_many_arguments)]
    pub(super) fn events(&self, doc: usize, pack: &LanguagePack, s: &Sent, ents: &[Ent], dates: &[(usize, usize, DateMention)], times: &[(usize, usize, TimeMention)], speaker: Option<&Ref>) -> Vec<Claim> {
        let n = s.toks.len();
        // Anchors: event words anywhere, speech verbs outside quotations.
        let mut events: Vec<Ann> = Vec::new();
        let mut speech: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < n {
            if let Some(a) = s.find(i, |t| matches!(t, Tag::Event(_))) {
                events.push(a);
                i = a.end;
                continue;
            }
            if !s.in_quote[i] && s.find(i, |t| matches!(t, Tag::Speech | Tag::SpeechBack)).is_some() {
                speech.push(i);
            }
            i += 1;
        }
        // Places: a place preposition followed by a place entity ("di Bandung") or by a name the
        // rules do not know ("di Kabupaten Malang", "di Polres Malang"); unknown places are
        // shown and compared by name, never in conflict (see `judge::events`).
        let places: Vec<&Ent> = ents
            .iter()
            .filter(|e| matches!(e.kind, Some(EntityType::City | EntityType::Place | EntityType::Country | EntityType::Org) | None))
            .filter(|e| {
                // "di Bandung", "at the Betty Ford Center": the preposition, a determiner between.
                let prep = |k: usize| s.find(k, |t| matches!(t, Tag::PlacePrep)).is_some();
                (e.start > 0 && prep(e.start - 1)) || (e.start > 1 && is_determiner(pack, s, e.start - 1) && prep(e.start - 2))
            })
            .collect();
        // Attach each date (and place) to anchors: one date dates every event of the sentence;
        // several dates go each to its nearest anchor.
        let dist = |a: usize, b: usize| a.abs_diff(b) * 2 + usize::from(a > b);
        let mut event_dates: Vec<Option<DateMention>> = vec![None; events.len()];
        let mut event_date_end: Vec<usize> = vec![0; events.len()];
        let mut event_date_start: Vec<usize> = vec![0; events.len()];
        let mut statement_dates: Vec<(usize, usize, DateMention)> = Vec::new();
        for (ds, de, d) in dates {
            // The sentence's only date dates each of its events ("signed …, when they met …
            // on Wednesday"), unless a speech verb stands nearer: "X said on Thursday that the
            // summit agreed …" dates the statement.
            let nearest_event = events.iter().map(|a| dist(a.start, *ds)).min();
            // A trailing attribution ("…, kata X") does not take the date before it.
            let nearest_speech = speech.iter().filter(|&&p| p < *ds).map(|&p| dist(p, *ds)).min();
            let speech_first = matches!((nearest_event, nearest_speech), (Some(e), Some(sp)) if sp < e);
            if dates.len() == 1 && !events.is_empty() && !speech_first {
                for k in 0..events.len() {
                    event_dates[k] = Some(d.clone());
                    event_date_end[k] = *de;
                    event_date_start[k] = *ds;
                }
                continue;
            }
            let best_ev = events.iter().enumerate().map(|(k, a)| (dist(a.start, *ds), k)).min();
            let best_sp = speech.iter().map(|&p| dist(p, *ds)).min();
            match (best_ev, best_sp) {
                (Some((de_, k)), sp) if sp.is_none_or(|sp| de_ <= sp) => {
                    if event_dates[k].is_none() {
                        event_dates[k] = Some(d.clone());
                        event_date_end[k] = *de;
                        event_date_start[k] = *ds;
                    }
                }
                _ => statement_dates.push((*ds, *de, d.clone())),
            }
        }
        let mut out = Vec::new();
        let parties: Vec<String> = {
            let mut p: Vec<String> = ents
                .iter()
                .filter_map(|e| match &e.r {
                    Ref::Entity(id) => self.rules.country_of(id).map(str::to_string),
                    _ => None,
                })
                .collect();
            p.sort();
            p.dedup();
            p
        };
        for (k, a) in events.iter().enumerate() {
            let Tag::Event(ei) = a.tag else { continue };
            let rule = &pack.events[ei as usize];
            // "… to help each other if either country is attacked": a condition, not an event.
            if (a.start.saturating_sub(4)..a.start).any(|p| s.find(p, |t| matches!(t, Tag::Conditional)).is_some()) {
                continue;
            }
            // "getaran banjir lahar atau guguran awan panas", "vibrations of the flood": the
            // evidence of an event, not the event; a time there times the record.
            if evidence_before(s, a.start) {
                continue;
            }
            let place = places.iter().min_by_key(|e| dist(a.start, e.start)).copied();
            let place = place.filter(|p| {
                // The sentence's only place goes with each of its events ("signed …, when they met
                // at X"); several places go each to the nearest anchor.
                if places.len() == 1 && speech.iter().all(|&sp| events.iter().any(|o| dist(o.start, p.start) <= dist(sp, p.start))) {
                    return true;
                }
                let d = dist(a.start, p.start);
                events.iter().all(|o| dist(o.start, p.start) >= d) && speech.iter().all(|&sp| dist(sp, p.start) >= d)
            });
            let destination = destination_after(s, ents, a.end, (a.end + 6).min(n));
            let principal = ents
                .iter()
                .filter(|e| matches!(e.kind, Some(EntityType::Person | EntityType::Org) | None))
                .filter(|e| Some(e.start) != destination.as_ref().map(|d| d.start) && Some(e.start) != place.map(|p| p.start))
                .min_by_key(|e| dist(a.start, e.start))
                .map(|e| e.r.clone())
                .or_else(|| speaker.cloned());
            let years: Vec<(usize, i32)> = (a.end..n)
                .filter(|&p| s.find(p.saturating_sub(1), |t| matches!(t, Tag::YearWord)).is_some() || p <= a.end + 3)
                .filter_map(|p| year_at(s, p).map(|y| (p, y)))
                .collect();
            let date = event_dates[k].clone();
            // A clock time goes with the sentence's only event, or the nearest one.
            // A time after "as of"/"per" stamps a figure, not the event.
            let as_of = |ts: usize| (ts.saturating_sub(2)..=ts).any(|p| s.find(p, |t| matches!(t, Tag::AsOf)).is_some());
            let time = times.iter().filter(|(ts, _, _)| !as_of(*ts)).filter(|(ts, _, _)| events.iter().enumerate().min_by_key(|(_, o)| dist(o.start, *ts)).map(|(kk, _)| kk) == Some(k) || times.len() == 1 && events.len() == 1).map(|t| t.2).next();
            if !(rule.always || date.is_some() || place.is_some() || destination.is_some() || !years.is_empty()) {
                continue;
            }
            let mut end = a.end;
            // Cover the object right after the verb ("menandatangani perjanjian").
            if end < n && s.toks[end].kind == TokKind::Word {
                end += 1;
            }
            if date.is_some() {
                end = end.max(event_date_end[k]);
            }
            if let Some(p) = place {
                end = end.max(p.end);
            }
            if let Some(t) = &time {
                end = end.max(s.toks.iter().position(|x| x.end == t.span.end).map_or(end, |p| p + 1));
            }
            if let Some(d) = &destination {
                end = end.max(d.end);
            }
            if let Some((p, _)) = years.first() {
                end = end.max(p + 1);
            }
            // After the event word, the date closes its clause ("menandatangani … di Jakarta,
            // Rabu (13/3)", "the quake, which struck on Sunday"); before it, only a date right
            // there dates it ("Sunday's quake"), not one of another verb ("handed out blankets
            // Monday to survivors of the earthquake").
            let date_near = date.is_some() && ((event_date_start[k] >= a.end && event_date_start[k] - a.end <= DATE_AFTER) || (event_date_end[k] <= a.start && a.start - event_date_end[k] <= DATE_BEFORE));
            let ev = Event {
                event: rule.id.clone(),
                date,
                date_near,
                time,
                place: place.map(|p| p.r.id().to_string()),
                destination: destination.map(|d| d.r.id().to_string()),
                parties: if rule.key == EventKey::Parties { parties.clone() } else { vec![] },
                principal,
                years: years.iter().map(|(_, y)| *y).collect(),
            };
            out.push(Claim {
                doc,
                span: s.span(a.start, end),
                sentence: s.span.into(),
                kind: Kind::Event,
                value: Value::Event(Box::new(ev)),
                rule: self.rule_name(pack, "event", &rule.id),
                subject: None,
                speaker: None,
                source: None,
                hedged: false,
            });
        }
        for (ds, de, d) in statement_dates {
            // A statement is dated by a date after its verb ("kata BPS, Senin (3/3)"); a date
            // before a trailing attribution dates what was said, not the saying.
            let near_speech = speech.iter().any(|&p| p < ds);
            let place = places.iter().min_by_key(|e| e.start.abs_diff(ds)).map(|p| p.r.id().to_string());
            let anchor = if near_speech { Some("statement".to_string()) } else { None };
            // Who the date is about: the first name that is not where it happened.
            let principal = if near_speech { speaker.cloned() } else { ents.iter().find(|e| !places.iter().any(|p| p.start == e.start)).map(|e| e.r.clone()) };
            out.push(Claim {
                doc,
                span: s.span(ds, de),
                sentence: s.span.into(),
                kind: Kind::Date,
                value: Value::Date { date: Box::new(d), anchor: anchor.map(Into::into), principal, place: place.map(Into::into) },
                rule: self.rule_name(pack, "date", if near_speech { "statement" } else { "mention" }),
                subject: None,
                speaker: None,
                source: None,
                hedged: false,
            });
        }
        out
    }

}

/// Tokens back from an event word within which an evidence noun governs it.
const EVIDENCE_REACH: usize = 5;

/// An evidence noun before the event word, with only words, conjunctions and other event words
/// between ("getaran banjir lahar atau guguran awan panas").
fn evidence_before(s: &Sent, start: usize) -> bool {
    for p in (start.saturating_sub(EVIDENCE_REACH)..start).rev() {
        if s.find(p, |t| matches!(t, Tag::Evidence)).is_some() {
            return true;
        }
        if s.toks[p].kind != TokKind::Word {
            return false;
        }
    }
    false
}
