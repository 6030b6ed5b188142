//! Events and places: one-off events dated or placed differently by two articles conflict;
//! repeatable events further apart are other occurrences; a place inside another is the same place.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::align::Block;
use crate::claim::*;
use crate::normalise::{dates_compatible, days_between};

use super::*;

impl Judge<'_> {
    pub(super) fn events(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let ev = |i: usize| match &self.claims[i].value {
            Value::Event(e) => Some(e),
            _ => None,
        };
        let Some(first) = ev(b.claims[0]) else { return vec![] };
        let Some(rule) = self.rules.languages.values().flat_map(|p| p.events.iter()).find(|r| r.id == first.event) else { return vec![] };
        let resolved = |i: usize| ev(i).and_then(|e| e.date.as_ref()).and_then(|d| d.resolved.clone());
        let dated: Vec<usize> = b.claims.iter().copied().filter(|&i| resolved(i).is_some()).collect();
        let undated: Vec<usize> = b.claims.iter().copied().filter(|&i| resolved(i).is_none()).collect();
        let mut out = Vec::new();
        // Occurrences: dates further apart than the event's window are different events.
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        let mut sorted = dated.clone();
        sorted.sort_by_key(|&i| resolved(i).map(|r| r.date));
        for i in sorted {
            let d = resolved(i).map(|r| r.date);
            match clusters.last_mut() {
                Some(c) if {
                    let last = resolved(c[c.len() - 1]).map(|r| r.date);
                    matches!((last, d), (Some(a), Some(b)) if days_between(a, b).abs() <= rule.window_days)
                } =>
                {
                    c.push(i)
                }
                _ => clusters.push(vec![i]),
            }
        }
        let biggest = clusters.iter().enumerate().max_by_key(|(k, c)| (self.docs(c), usize::MAX - k)).map(|(k, _)| k);
        for (k, c) in clusters.iter().enumerate() {
            let mut ids = c.clone();
            if Some(k) == biggest {
                ids.extend(undated.iter().copied());
                ids.sort();
            }
            if self.docs(&ids) < 2 {
                continue;
            }
            let dates: Vec<Resolved> = c.iter().filter_map(|&i| resolved(i)).collect();
            let all_agree = dates.windows(2).all(|w| dates_compatible(&w[0], &w[1]));
            let places = self.place_conflict(&ids, |i| ev(i).and_then(|e| e.place.clone()));
            let how: Vec<String> = c
                .iter()
                .filter_map(|&i| resolved(i).map(|r| format!("{} → {}{}", self.cite.cite(i), r.iso(), if r.relative { format!(" ({})", r.how()) } else { String::new() })))
                .collect();
            if let Some((x, y, px, py)) = places {
                if rule.once {
                    let ex = format!("{} puts the {topic} in {px} but {} in {py}; one event cannot be in both places.", self.cite.cite(x), self.cite.cite(y));
                    out.push(finding(Verdict::Conflict, Severity::Error, vec![x, y], topic, ex));
                    continue;
                }
            }
            // One event, one day: two articles' clock times for it further apart than reports
            // round cannot both hold.
            if rule.once {
                let mut by_day: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
                for &i in c {
                    if let Some(r) = resolved(i).filter(|r| r.precision == Precision::Day) {
                        by_day.entry(r.date).or_default().push(i);
                    }
                }
                for (day, ids) in by_day {
                    let Some((x, y)) = self.time_conflict(&ids, |i| ev(i).and_then(|e| e.time)) else { continue };
                    let (Some(tx), Some(ty)) = (ev(x).and_then(|e| e.time), ev(y).and_then(|e| e.time)) else { continue };
                    let tol = self.rules.thresholds.time_tolerance_minutes;
                    let ex = format!(
                        "{} puts the {topic} of {day} at {} but {} at {}: more than {tol} minutes apart for one event.",
                        self.cite.cite(x),
                        tx.describe(),
                        self.cite.cite(y),
                        ty.describe()
                    );
                    out.push(finding(Verdict::Conflict, Severity::Error, vec![x, y], topic, ex));
                }
            }
            if all_agree {
                let dated_docs = self.docs(c);
                let verdict = if dated_docs >= 2 { Verdict::Corroborated } else { Verdict::Compatible };
                let d = dates.first().map(|r| r.iso()).unwrap_or_default();
                let extra = if undated.is_empty() || Some(k) != biggest { String::new() } else { format!("; {} more mention(s) give no date", undated.len()) };
                let places: BTreeSet<String> = ids.iter().filter_map(|&i| ev(i).and_then(|e| e.place.clone())).collect();
                let places: Vec<String> = places.into_iter().collect();
                // Places that lie inside one of the others are the same place, more precisely.
                let outer: Vec<&String> = places.iter().filter(|p| !places.iter().any(|o| o != *p && self.rules.place_within(p, o))).collect();
                let shown = |p: &str| self.shown(&ids, p);
                let inner: Vec<String> = places.iter().filter(|p| !outer.contains(p)).map(|p| format!("{} lies in {}", shown(p), outer.iter().find(|o| self.rules.place_within(p, o)).map_or(String::new(), |o| shown(o)))).collect();
                let place = match (outer.is_empty(), inner.is_empty()) {
                    (true, _) => String::new(),
                    (false, true) => format!(" in {}", outer.iter().map(|s| shown(s)).collect::<Vec<_>>().join(" / ")),
                    (false, false) => format!(" in {} ({})", outer.iter().map(|s| shown(s)).collect::<Vec<_>>().join(" / "), inner.join("; ")),
                };
                let ex = format!("{} sources date the {topic} to {d}{place}: {}{extra}.", self.docs(&ids), how.join(", "));
                out.push(finding(verdict, Severity::Info, ids, topic, ex));
            } else if rule.once {
                // Group the cluster by day; the day most articles give is the reference. Another
                // day from another article conflicts with it; a disagreement inside one article
                // is that article's problem, not a cross-article conflict.
                let mut days: Vec<Vec<usize>> = Vec::new();
                for &i in c {
                    let Some(ri) = resolved(i) else { continue };
                    match days.iter_mut().find(|g| resolved(g[0]).is_some_and(|r0| dates_compatible(&r0, &ri))) {
                        Some(g) => g.push(i),
                        None => days.push(vec![i]),
                    }
                }
                days.sort_by_key(|g| (usize::MAX - self.docs(g), g[0]));
                let Some(main) = days.first().cloned() else { continue };
                let mut agreeing = main.clone();
                if Some(k) == biggest {
                    agreeing.extend(undated.iter().copied());
                    agreeing.sort();
                }
                if self.docs(&agreeing) >= 2 {
                    let d = resolved(main[0]).map(|r| r.iso()).unwrap_or_default();
                    let verdict = if self.docs(&main) >= 2 { Verdict::Corroborated } else { Verdict::Compatible };
                    let ex = format!("{} sources date the {topic} to {d}: {}.", self.docs(&agreeing), self.cites(&main));
                    out.push(finding(verdict, Severity::Info, agreeing, topic, ex));
                }
                // Only dates written close to the event word date the event itself.
                let near = |i: usize| ev(i).is_some_and(|e| e.date_near);
                for g in &days[1..] {
                    for &y in g.iter().filter(|&&y| near(y)) {
                        let Some(x) = main.iter().copied().find(|&x| self.apart_sources(x, y) && near(x)) else { continue };
                        let (Some(rx), Some(ry)) = (resolved(x), resolved(y)) else { continue };
                        // "a 6.2-magnitude earthquake … on Sunday", "a quake measuring 3.9 … on
                        // Monday": measures too far apart to be of one event are two events.
                        if self.measures_apart(x, y) {
                            continue;
                        }
                        let ex = format!("{} dates the {topic} to {} but {} to {}; it happened once.", self.cite.cite(y), ry.iso(), self.cite.cite(x), rx.iso());
                        let unsure = rx.year_inferred || ry.year_inferred;
                        let (verdict, sev) = if unsure { (Verdict::Compatible, Severity::Warning) } else { (Verdict::Conflict, Severity::Error) };
                        let mut pair = vec![x, y];
                        pair.sort();
                        out.push(finding(verdict, sev, pair, topic, ex));
                        break;
                    }
                }
            } else {
                let span = dates.first().zip(dates.last()).map(|(a, b)| days_between(a.date, b.date).abs()).unwrap_or(0);
                if span <= rule.span_days {
                    let ex = format!("The {topic} is dated {}; a {topic} can last {} days, so the dates fit.", how.join(", "), rule.span_days);
                    out.push(finding(Verdict::Compatible, Severity::Info, c.clone(), topic, ex));
                }
                // Further apart: different occurrences of a repeatable event, no finding.
            }
        }
        if clusters.is_empty() && self.docs(&undated) >= 2 {
            let ex = format!("{} sources report the {topic} (no date given): {}.", self.docs(&undated), self.cites(&undated));
            out.push(finding(Verdict::Compatible, Severity::Info, undated, topic, ex));
        }
        out
    }

    /// Two claims from different articles whose clock times cannot be the same moment. Times
    /// compare only when both zones are known or both unstated.
    pub(super) fn time_conflict(&self, ids: &[usize], time: impl Fn(usize) -> Option<TimeMention>) -> Option<(usize, usize)> {
        // Only claims that state a time can clash; few do, and at most PAIR_SCAN are paired.
        let timed: Vec<usize> = ids.iter().copied().filter(|&i| time(i).is_some()).take(PAIR_SCAN).collect();
        for &x in &timed {
            for &y in &timed {
                if x >= y || self.cite.doc_of(x) == self.cite.doc_of(y) {
                    continue;
                }
                let (Some(tx), Some(ty)) = (time(x), time(y)) else { continue };
                if tx.zone.is_some() != ty.zone.is_some() || tx.local != ty.local && (tx.zone.is_none() || ty.zone.is_none()) {
                    continue;
                }
                // Reports round their times: within the tolerance they name one moment.
                let tol = self.rules.thresholds.time_tolerance_minutes;
                let (a, b) = (tx.interval(), ty.interval());
                if a.1 + tol < b.0 || b.1 + tol < a.0 {
                    return Some((x, y));
                }
            }
        }
        None
    }

    /// Two claims whose places cannot be the same (neither lies within the other).
    pub(super) fn place_conflict(&self, ids: &[usize], place: impl Fn(usize) -> Option<String>) -> Option<(usize, usize, String, String)> {
        // One claim per distinct place is enough to find two places that cannot both hold.
        let mut seen = BTreeSet::new();
        let placed: Vec<usize> = ids.iter().copied().filter(|&i| place(i).is_some_and(|p| seen.insert((p, self.cite.doc_of(i))))).take(PAIR_SCAN).collect();
        for &x in &placed {
            for &y in &placed {
                if x >= y || self.cite.doc_of(x) == self.cite.doc_of(y) {
                    continue;
                }
                if let (Some(px), Some(py)) = (place(x), place(y)) {
                    if !self.rules.place_within(&px, &py) && !self.rules.place_within(&py, &px) {
                        // Unknown places (no containment facts) are not judged.
                        if self.rules.entities.contains_key(&px) && self.rules.entities.contains_key(&py) {
                            let kx = self.rules.entities.get(&px).and_then(|e| e.kind);
                            let ky = self.rules.entities.get(&py).and_then(|e| e.kind);
                            // Two cities (or two sites) cannot both hold one event; two countries
                            // often can in a sentence ("jolts southern Iran, felt in Oman").
                            if kx == ky && matches!(kx, Some(crate::rules::EntityType::City | crate::rules::EntityType::Place)) {
                                return Some((x, y, px, py));
                            }
                        }
                    }
                }
            }
        }
        None
    }
}
