//! Recency and durations: "the first … in 24 years", "sejak 2000", "for a century".

use crate::claim::*;
use crate::lexicon::{Ann, Tag};
use crate::rules::*;
use crate::segment::Span;

use super::tokens::*;
use super::Extractor;

/// Tokens after an occasion's window within which the event it counts may stand.
const OCCASION_REACH: usize = 12;

impl<'r> Extractor<'r> {
    pub(super) fn recency(&self, pack: &LanguagePack, s: &mut Sent, ents: &[Ent], dates: &[(usize, usize, DateMention)], speaker: Option<&Ref>) -> Vec<(Span, Recency)> {
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            let Some((ordinal, oa, occasion)) = self.occurrence_at(pack, s, i) else {
                i += 1;
                continue;
            };
            // (end token, "within N units", "since YEAR")
            let mut found: Option<RecencyFound> = None;
            let mut k = oa.end;
            while k < n && k < oa.end + 16 {
                if s.is_punct(k, ".") || s.find(k, |t| matches!(t, Tag::First | Tag::Ordinal(_))).is_some() {
                    break;
                }
                if let Some(a) = s.find(k, |t| matches!(t, Tag::Since)) {
                    let mut m = a.end;
                    if let Some(y) = s.find(m, |t| matches!(t, Tag::YearWord)) {
                        m = y.end;
                    }
                    if let Some(y) = year_at(s, m) {
                        found = Some((m + 1, None, Some(y)));
                        break;
                    }
                }
                if let Some(a) = s.find(k, |t| matches!(t, Tag::Within)) {
                    if let Some((iv, unit, mut end)) = self.span_of_time(pack, s, a.end) {
                        if let Some(r) = s.find(end, |t| matches!(t, Tag::Recent)) {
                            end = r.end;
                        }
                        found = Some((end, Some((iv, unit)), None));
                        break;
                    }
                }
                k += 1;
            }
            let Some((end, within, since_year)) = found else {
                i = oa.end;
                continue;
            };
            // The event counted: the nearest event word before the ordinal, or right after it.
            let ev = (0..oa.start)
                .rev()
                .take(12)
                .find_map(|p| s.find(p, |t| matches!(t, Tag::Event(_))))
                .or_else(|| (oa.end..(oa.end + 3).min(n)).find_map(|p| s.find(p, |t| matches!(t, Tag::Event(_)))))
                // "For the fourth time in two months, the navy foiled an attack": the clause
                // after an occasion says what happened.
                .or_else(|| if occasion { (end..(end + OCCASION_REACH).min(n)).take_while(|&p| !s.is_punct(p, ".")).find_map(|p| s.find(p, |t| matches!(t, Tag::Event(_)))) } else { None });
            // An ordinal counts an event ("kunjungan … pertama", "the second meeting"); without
            // one it is just a number word ("kedua negara" = both countries).
            let Some(event) = ev.and_then(|a| if let Tag::Event(e) = a.tag { Some(pack.events[e as usize].id.clone()) } else { None }) else {
                i = oa.end;
                continue;
            };
            let event = Some(event);
            let destination = destination_after(s, ents, ev.map_or(oa.end, |a| a.end), end);
            let principal = ents
                .iter()
                .filter(|e| matches!(e.kind, Some(EntityType::Person) | None))
                .filter(|e| Some(&e.r) != destination.as_ref().map(|d| &d.r))
                .min_by_key(|e| e.start.abs_diff(oa.start))
                .map(|e| e.r.clone())
                .or_else(|| speaker.cloned());
            // The count runs back from the date of the event, when the sentence gives one.
            let anchor = dates.iter().map(|d| d.2.clone()).next();
            for u in &mut s.used[oa.start..end] {
                *u = true;
            }
            let rec = Recency {
                ordinal,
                event,
                destination: destination.map(|d| d.r.id().to_string()),
                principal,
                within,
                since_year,
                anchor,
                since: None,
                since_how: None,
            };
            out.push((s.span(oa.start, end), rec));
            i = end;
        }
        out
    }

    /// What counts an occurrence at token `i`: an ordinal ("the second", "ketiga"), "first",
    /// a count word ("twice") or a number with the occasion word ("three times", "dua kali"),
    /// with whether the occasion word is written ("for the fourth time"). The annotation spans
    /// the words read.
    fn occurrence_at(&self, pack: &LanguagePack, s: &Sent, i: usize) -> Option<(u32, Ann, bool)> {
        let occasion_at = |k: usize| s.find(k, |t| matches!(t, Tag::Occasion));
        if let Some(a) = s.find(i, |t| matches!(t, Tag::First | Tag::Ordinal(_) | Tag::Repeat(_))) {
            let (v, repeat) = match a.tag {
                Tag::Ordinal(v) => (v, false),
                Tag::Repeat(v) => (v, true),
                _ => (1, false),
            };
            return Some(match occasion_at(a.end) {
                Some(o) => (v, Ann { end: o.end, ..a }, true),
                None => (v, a, repeat),
            });
        }
        let am = self.amount(pack, s, i)?;
        let o = occasion_at(am.end)?;
        let v = (am.value.fract() == 0.0 && (1.0..=1000.0).contains(&am.value)).then_some(am.value as u32)?;
        Some((v, Ann { start: i, end: o.end, tag: Tag::Occasion }, true))
    }

    /// A span of time, or a vague amount of a time unit: "for several hours", "over the next
    /// several weeks", "selama puluhan tahun" are their intervals. Durations only: a recency
    /// ("the first in several years") stays unread, so no vague span contradicts a figure.
    fn span_or_vague(&self, pack: &LanguagePack, s: &Sent, m: usize) -> Option<(Interval, TimeUnit, usize)> {
        if let Some(Ann { tag: Tag::Vague(v), end, .. }) = s.find(m, |t| matches!(t, Tag::Vague(_))) {
            let r = &pack.vague[v as usize];
            if let (Some(Ann { tag: Tag::TimeUnit(unit), end, .. }), Some(_)) = (s.find(end, |t| matches!(t, Tag::TimeUnit(_))), r.low.or(r.high)) {
                return Some((Interval { low: r.low, high: r.high, low_open: false, high_open: false }, unit, end));
            }
        }
        self.span_of_time(pack, s, m)
    }

    /// "[qualifier] amount time-unit" at token `m` ("hampir seperempat abad", "24 years"):
    /// the amount as an interval, the unit, and the token after it.
    pub(super) fn span_of_time(&self, pack: &LanguagePack, s: &Sent, mut m: usize) -> Option<(Interval, TimeUnit, usize)> {
        let mut qual = None;
        if let Some(Ann { tag: Tag::Qualifier(qi), end, .. }) = s.find(m, |t| matches!(t, Tag::Qualifier(_))) {
            qual = Some(qi as usize);
            m = end;
        }
        let (value, unit, mut end) = self.time_amount(pack, s, m)?;
        let (mut value, mut unit) = (value, unit);
        // "an hour and 45 minutes", "dua jam 30 menit": a smaller unit added to the larger one.
        let next = s.find(end, |t| matches!(t, Tag::Conj)).map_or(end, |a| a.end);
        if let Some((v2, u2, e2)) = self.time_amount(pack, s, next) {
            if let (Some(a), Some(b)) = (unit.seconds(), u2.seconds()) {
                if b < a {
                    value = value * a / b + v2;
                    unit = u2;
                    end = e2;
                }
            }
        }
        Some((self.qualify(pack, value, qual).0, unit, end))
    }

    /// "two-day" (one word: a number word, a hyphen, a time unit of the rules) or "3-day".
    fn hyphen_span(&self, pack: &LanguagePack, s: &Sent, i: usize) -> Option<(f64, TimeUnit, usize)> {
        let t = s.toks.get(i)?;
        let unit_of = |w: &str| pack.time_units.iter().find(|(k, _)| k.eq_ignore_ascii_case(w)).map(|(_, u)| *u);
        if t.kind == crate::lexicon::TokKind::Word {
            let (a, b) = s.tok_text(i).split_once('-')?;
            if b.contains('-') {
                return None;
            }
            let v = pack.number_words.iter().find(|(k, _)| k.eq_ignore_ascii_case(a)).map(|(_, v)| *v)?;
            return Some((v, unit_of(b)?, i + 1));
        }
        if t.kind != crate::lexicon::TokKind::Number || !s.is_punct(i + 1, "-") || s.toks[i + 1].start != t.end {
            return None;
        }
        let u = s.toks.get(i + 2).filter(|u| u.start == s.toks[i + 1].end && u.kind == crate::lexicon::TokKind::Word)?;
        let v = self.parse_digits(pack, s.tok_text(i))?;
        let unit = unit_of(&s.text[u.start..u.end])?;
        Some((v, unit, i + 3))
    }

    /// "45 minutes", "1,5 jam", "half an hour", "an hour": an amount and a time unit, an article
    /// allowed between a fraction and its unit.
    fn time_amount(&self, pack: &LanguagePack, s: &Sent, m: usize) -> Option<(f64, TimeUnit, usize)> {
        if let Some(Ann { tag: Tag::OneUnit(unit), end, .. }) = s.find(m, |t| matches!(t, Tag::OneUnit(_))) {
            return Some((1.0, unit, end));
        }
        let am = self.amount(pack, s, m)?;
        let at = match s.find(am.end, |t| matches!(t, Tag::Article)) {
            Some(a) if am.value < 1.0 => a.end,
            _ => am.end,
        };
        let Some(Ann { tag: Tag::TimeUnit(unit), end, .. }) = s.find(at, |t| matches!(t, Tag::TimeUnit(_))) else { return None };
        // "for a second time", "a second quake": a unit word that is also an ordinal, before a
        // word, is the ordinal.
        let ordinal = s.find(at, |t| matches!(t, Tag::Ordinal(_))).is_some();
        if ordinal && s.toks.get(end).is_some_and(|t| t.kind == crate::lexicon::TokKind::Word) {
            return None;
        }
        Some((am.value, unit, end))
    }

    pub(super) fn durations(&self, pack: &LanguagePack, s: &mut Sent) -> Vec<(Span, Interval, TimeUnit)> {
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            // "a two-day visit", "the 3-day festival": a number and a time unit joined by a hyphen.
            if let Some((v, unit, end)) = self.hyphen_span(pack, s, i) {
                if !(i..end).any(|k| s.used[k]) && s.find(end, |t| matches!(t, Tag::AgeMark)).is_none() {
                    mark(s, i, end);
                    out.push((s.span(i, end), Interval::exact(v), unit));
                    i = end;
                    continue;
                }
            }
            // "nine months after the quake", "dua hari kemudian": the span before the marker.
            if let Some((iv, unit, end)) = self.span_or_vague(pack, s, i) {
                if s.find(end, |t| matches!(t, Tag::AfterSpan)).is_some() && !(i..end).any(|k| s.used[k]) {
                    mark(s, i, end);
                    out.push((s.span(i, end), iv, unit));
                    i = end;
                    continue;
                }
            }
            let Some(f) = s.find(i, |t| matches!(t, Tag::For)) else {
                i += 1;
                continue;
            };
            if let Some((iv, unit, end)) = self.span_or_vague(pack, s, f.end) {
                mark(s, i, end);
                out.push((s.span(i, end), iv, unit));
                i = end;
                continue;
            }
            i = f.end;
        }
        out
    }

}
