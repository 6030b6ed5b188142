//! Dates, clock times and places as claims of their own. Articles that give the same day, the
//! same moment or the same place corroborate, and the explanation says what each one dates.
//! Disagreements are judged where the thing dated is known: an event that happens once
//! (`events`), a figure's time (`figures`), a weekday that does not fit its date (`lib`).

use std::collections::{BTreeMap, BTreeSet};


use crate::claim::*;

use super::*;

impl Judge<'_> {
    /// One block per day: every article that gives it, with what it dates.
    pub(super) fn dates(&self, b: &Block) -> Vec<Finding> {
        let day = b.key.split('|').nth(1).unwrap_or("").to_string();
        let what = |i: usize| {
            let c = &self.claims[i];
            match &c.value {
                Value::Date { anchor: Some(a), principal, .. } if &**a == "statement" => match principal.as_ref().or(c.speaker.as_ref()) {
                    Some(p) => format!("a statement by {}", p.id()),
                    None => "a statement".into(),
                },
                Value::Date { anchor: Some(a), .. } if &**a == "figure" => "when a figure was stated".into(),
                Value::Date { anchor: Some(a), .. } => format!("the {a}"),
                _ => "a mention".into(),
            }
        };
        // Only exact days corroborate; a month or a year is too vague to agree on.
        let ids: Vec<usize> = b.claims.iter().copied().filter(|&i| matches!(&self.claims[i].value, Value::Date { date, .. } if date.resolved.as_ref().is_some_and(|r| r.precision == Precision::Day && r.slack == 0))).collect();
        if self.docs(&ids) < 2 {
            return vec![];
        }
        let how: Vec<String> = ids.iter().map(|&i| format!("{} ({})", self.cite.cite(i), what(i))).collect();
        let ex = format!("{} sources give {day}: {}.", self.docs(&ids), how.join(", "));
        vec![finding(Verdict::Corroborated, Severity::Info, ids, &day, ex)]
    }

    /// Clock times of one day (after time zones), or of one event: the same moment — within
    /// what "about" allows — corroborates. An event's undated times join its day when the
    /// articles give it only one.
    pub(super) fn times(&self, b: &Block) -> Vec<Finding> {
        let t = |i: usize| match &self.claims[i].value {
            Value::Time { time, .. } => Some(*time),
            _ => None,
        };
        let day = |i: usize| match &self.claims[i].value {
            Value::Time { date, .. } => date.as_ref().and_then(|d| d.resolved.as_ref()).map(|r| r.iso()),
            _ => None,
        };
        let mut by_day: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
        for &i in &b.claims {
            by_day.entry(day(i)).or_default().push(i);
        }
        let days = by_day.keys().filter(|d| d.is_some()).count();
        if days == 1 {
            if let Some(undated) = by_day.remove(&None) {
                if let Some(list) = by_day.values_mut().next() {
                    list.extend(undated);
                    list.sort();
                }
            }
        }
        let topic = b.key.split('|').nth(1).unwrap_or("time").to_string();
        let mut out = Vec::new();
        for (d, ids) in by_day {
            // A time written without its zone, beside times that all give one zone, is read in
            // that zone ("sekitar pukul 15.20" among "15.20 WIB"): the match is then only
            // compatible.
            let zones: BTreeSet<i32> = ids.iter().filter_map(|&i| t(i).and_then(|x| x.zone)).collect();
            let lone = (zones.len() == 1).then(|| zones.iter().next().copied()).flatten();
            let read = |i: usize| t(i).map(|x| if x.zone.is_none() && !x.local && lone.is_some() { TimeMention { zone: lone, ..x } } else { x });
            // Moments: each time joins the first group whose first time it overlaps.
            let mut groups: Vec<Vec<usize>> = Vec::new();
            for &i in &ids {
                let Some(ti) = read(i) else { continue };
                let (a, z) = ti.interval();
                match groups.iter_mut().find(|g| read(g[0]).is_some_and(|t0| comparable(&t0, &ti) && t0.interval().0 <= z && a <= t0.interval().1)) {
                    Some(g) => g.push(i),
                    None => groups.push(vec![i]),
                }
            }
            for g in groups.into_iter().filter(|g| self.docs(g) >= 2) {
                let shown = t(g[0]).map(|x| x.describe()).unwrap_or_default();
                let exact = g.iter().all(|&i| t(i).zip(t(g[0])).is_some_and(|(x, y)| x.minutes == y.minutes && x.zone == y.zone && !x.approx && !y.approx));
                let on = match (&d, topic.contains('-') || topic.is_empty()) {
                    (Some(d), false) => format!(" for the {topic} on {d}"),
                    (None, false) => format!(" for the {topic}"),
                    _ => String::new(),
                };
                let verdict = if exact { Verdict::Corroborated } else { Verdict::Compatible };
                let ex = if exact {
                    format!("{} sources give {shown}{on}: {}.", self.docs(&g), self.cites(&g))
                } else {
                    format!("{} sources give about {shown}{on}, within what their wording allows: {}.", self.docs(&g), self.cites(&g))
                };
                out.push(finding(verdict, Severity::Info, g, &topic, ex));
            }
        }
        out
    }

    /// One block per place: every article that names it, and the places they put it in. A place
    /// lies in one place of each level: two articles that put it in two places of one level
    /// ("Desa Curah Kobokan, Kecamatan Candipuro" and "Curah Kobokan, Kecamatan Pronojiwo")
    /// conflict — unless one article itself gives both, which shows two places share the name.
    /// A place id as one of the claims writes it ("north_korea" → "North Korea"), else the id
    /// with spaces.
    pub(super) fn shown(&self, ids: &[usize], id: &str) -> String {
        let written_label = self.rules.languages.values().flat_map(|p| p.entities.iter()).find(|e| e.id == id).and_then(|e| e.label.clone());
        if let Some(label) = written_label.or_else(|| self.rules.entities.get(id).and_then(|e| e.label.clone())) {
            return label;
        }
        ids.iter().find_map(|&i| crate::places::as_written(&self.cite.text_of(i), id)).unwrap_or_else(|| id.replace('_', " "))
    }

    pub(super) fn locations(&self, b: &Block) -> Vec<Finding> {
        let place = b.key.split('|').nth(1).unwrap_or("").to_string();
        let levels = crate::places::Levels::new(self.rules);
        let within = |i: usize| match &self.claims[i].value {
            Value::Location { within, .. } => within.to_vec(),
            _ => vec![],
        };
        // Only claims that write the place's own name can contradict each other: a spelling
        // linked to it ("Curah Koboan") may be another place of a like name.
        let (_, base) = levels.parse(&place);
        let base: String = base.chars().filter(|c| *c != '_').collect();
        let written = |i: usize| crate::extract::slug(&self.cite.text_of(i)).replace('_', "").contains(&base);
        // Parents by level rank: (rank, parent) → claims.
        let mut by_rank: BTreeMap<u8, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
        for &i in b.claims.iter().filter(|&&i| written(i)) {
            for w in within(i) {
                if let Some(r) = levels.rank(&w) {
                    by_rank.entry(r).or_default().entry(w).or_default().push(i);
                }
            }
        }
        let mut out = Vec::new();
        for parents in by_rank.values() {
            if parents.len() < 2 {
                continue;
            }
            // An article that gives two parents of one level names two places.
            let docs_of = |ids: &[usize]| ids.iter().map(|&i| self.cite.doc_of(i)).collect::<BTreeSet<_>>();
            let all: Vec<BTreeSet<usize>> = parents.values().map(|ids| docs_of(ids)).collect();
            let shared = all.iter().enumerate().any(|(k, a)| all.iter().skip(k + 1).any(|b| !a.is_disjoint(b)));
            if shared {
                continue;
            }
            // Two parents that may be spellings of one name are no conflict.
            let list: Vec<(&String, &Vec<usize>)> = parents.iter().collect();
            let pair = list.iter().enumerate().flat_map(|(k, a)| list[k + 1..].iter().map(move |b| (*a, *b))).find(|((px, _), (py, _))| !crate::places::spellings_alike(&levels, px, py));
            let Some(((px, xs), (py, ys))) = pair else { continue };
            let Some((x, y)) = xs.iter().find_map(|&x| ys.iter().find(|&&y| self.apart_sources(x, y)).map(|&y| (x, y))) else { continue };
            let ex = format!(
                "{} puts {} in {} but {} puts it in {}; a place lies in one place of that level.",
                self.cite.cite(x),
                self.shown(&b.claims, &place),
                self.shown(xs, px),
                self.cite.cite(y),
                self.shown(ys, py)
            );
            let mut ids = vec![x, y];
            ids.sort();
            out.push(finding(Verdict::Conflict, Severity::Warning, ids, &place, ex));
        }
        if !out.is_empty() {
            return out;
        }
        // What the articles agree it lies in.
        let mut agreed: Vec<String> = Vec::new();
        for parents in by_rank.values() {
            for (p, ids) in parents {
                if self.docs(ids) >= 2 {
                    agreed.push(self.shown(ids, p));
                }
            }
        }
        let inside = if agreed.is_empty() { String::new() } else { format!(", in {}", agreed.join(", ")) };
        // One citation per source: its first mention.
        let mut seen = BTreeSet::new();
        let firsts: Vec<usize> = b.claims.iter().copied().filter(|&i| seen.insert(self.cite.group_of(i))).collect();
        let ex = format!("{} sources name {}{inside}: {}.", self.docs(&b.claims), self.shown(&b.claims, &place), self.cites(&firsts));
        vec![finding(Verdict::Corroborated, Severity::Info, b.claims.clone(), &place, ex)]
    }
}

/// Days either side of the story's date within which another article's date for the same
/// weekday is taken to be the day a slipped date meant.
const SLIP_WINDOW_DAYS: i64 = 7;

impl Judge<'_> {
    /// The claims whose written weekday fits their day-precise date, with that weekday and
    /// date, in claim order: the candidates of `weekday_slip`, found in one pass.
    pub fn fitting_weekdays(&self) -> Vec<(usize, u8, jiff::civil::Date)> {
        (0..self.claims.len())
            .filter_map(|i| {
                let m = match &self.claims[i].value {
                    Value::Date { date, .. } => Some(date),
                    Value::Time { date: Some(d), .. } => Some(d),
                    _ => None,
                }?;
                let r = m.resolved.as_ref().filter(|r| r.precision == Precision::Day)?;
                let weekday = match m.raw {
                    RawDate::Absolute { weekday: Some(w), .. } => w,
                    RawDate::Weekday { day, .. } => day,
                    _ => return None,
                };
                let actual = r.date.weekday().to_monday_one_offset() as u8;
                (weekday == actual).then_some((i, weekday, r.date))
            })
            .collect()
    }

    /// A date whose weekday does not fit it ("Minggu (10/3/2022)": 10 March 2022 was a
    /// Thursday) beside other articles that give that weekday a date which fits, near the
    /// story's date ("Minggu (2/10/2022)"): a cross-article conflict naming both, since one of
    /// them has the date wrong. `slipped` is the claim holding the date, `stated` the weekday
    /// written (1 = Monday), `reference` the article's or else the corpus's date.
    /// `fitting` is `fitting_weekdays()`.
    pub fn weekday_slip(&self, slipped: usize, stated: u8, reference: Option<jiff::civil::Date>, fitting: &[(usize, u8, jiff::civil::Date)]) -> Option<Finding> {
        let reference = reference?;
        let fits = |&(i, w, d): &(usize, u8, jiff::civil::Date)| w == stated && crate::normalise::days_between(d, reference).abs() <= SLIP_WINDOW_DAYS && self.apart_sources(i, slipped);
        let others: Vec<usize> = fitting.iter().filter(|x| fits(x)).map(|x| x.0).collect();
        if others.is_empty() {
            return None;
        }
        let meant = fitting.iter().find(|x| x.0 == others[0]).map(|x| x.2)?;
        let mut ids = vec![slipped];
        ids.extend(others.iter().copied());
        let ex = format!(
            "{} names the same weekday as {} (the weekday of {meant}), but its date does not fall on that weekday: one of the articles has the date wrong.",
            self.cite.cite(slipped),
            self.cites(&others[..others.len().min(3)]),
        );
        Some(Finding { verdict: Verdict::Conflict, severity: Severity::Warning, claims: ids, explanation: exact_text(ex), topic: "weekday".into(), in_document: false, key: "date|weekday".into(), fingerprint: String::new() })
    }
}

/// Two times compare only when both zones are known, or both unstated.
fn comparable(a: &TimeMention, b: &TimeMention) -> bool {
    a.zone.is_some() == b.zone.is_some() && (a.local == b.local || (a.zone.is_some() && b.zone.is_some()))
}
