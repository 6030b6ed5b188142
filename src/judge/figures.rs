//! Figures: counts and amounts of one thing across articles.
//!
//! A block holds every figure of one key (a concept such as `deaths`, or a noun the rules do not
//! name such as `n:jembatan`). It is partitioned before anything is concluded:
//! - by **measure**: units of one dimension are converted exactly; currencies only through a
//!   stated conversion, never through exchange rates;
//! - by **incident**: a figure whose clause names another year belongs to another incident;
//! - and inside the article: a smaller figure beside a larger one of the same key, source and
//!   time is a **part** of it ("34 died at the stadium" beside "127 died"), never its rival.
//!
//! Then three kinds of finding, each resting on the claims that show it:
//! - **corroborated / compatible**: the same value (or one interval holding another) from
//!   independent sources;
//! - **conflict**: values that cannot both hold, from independent sources, for the same scope
//!   at the same time — the same day for a running count (a death toll), the same clock time
//!   when one source gives both; one finding per group of such values, naming every source;
//! - **updated**: one source's figure over time, a figure the text says was revised, and a
//!   running count across days.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::align::Block;
use crate::claim::*;
use crate::normalise::days_between;
use crate::rules::{EntityType, QualifierOp, UnitRule};

use super::*;

/// Distinct values looked at when pairing rivals: the most supported ones.
const VALUE_SCAN: usize = 24;

/// One figure as the judge sees it: the value in its partition's measure, who states it, when.
/// Figures of a measure whose values lie further apart than `apart` (`distinct_beyond`) are of
/// different things: split where the sorted midpoints leave a wider gap.
fn split_apart(mut figs: Vec<Fig>, apart: Option<f64>) -> Vec<Vec<Fig>> {
    let Some(d) = apart else { return vec![figs] };
    let mid = |f: &Fig| mid(&f.iv);
    figs.sort_by(|a, b| mid(a).total_cmp(&mid(b)).then(a.id.cmp(&b.id)));
    let mut out: Vec<Vec<Fig>> = Vec::new();
    let mut last: Option<f64> = None;
    for f in figs {
        let m = mid(&f);
        match (out.last_mut(), last) {
            (Some(g), Some(l)) if m - l <= d => g.push(f),
            _ => out.push(vec![f]),
        }
        last = Some(m);
    }
    for g in &mut out {
        g.sort_by_key(|f| f.id);
    }
    out
}

#[derive(Debug, Clone)]
struct Fig {
    id: usize,
    q: Quantity,
    /// The value in the base unit of the partition's measure.
    iv: Interval,
    source: Option<String>,
    /// The day the figure is stated for, and whether the text states it (a date in the
    /// sentence, or the page's own date) rather than a guess.
    day: Option<Date>,
    firm: bool,
    /// Clock time in minutes (UTC when the zone is known).
    minute: Option<i32>,
    scope: Option<String>,
    actor: Option<String>,
    /// A part of a larger figure of its article, an earlier figure, another group, or vague:
    /// never a rival of a total.
    aside: bool,
    /// A part of a larger figure of its own article (see `figs`).
    inner: bool,
    /// `iv_key(&iv)`, made once.
    key: String,
}

impl Judge<'_> {
    pub(super) fn quantities(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let q = |i: usize| match &self.claims[i].value {
            Value::Quantity(q) => Some(q),
            _ => None,
        };
        let measure = |i: usize| -> Option<String> {
            let u = q(i)?.unit.as_deref()?;
            Some(self.unit_rule(u).and_then(|r| r.dimension.clone()).unwrap_or_else(|| u.to_string()))
        };
        let concept = topic.split('.').next_back().unwrap_or(topic);
        let needs_unit = self.concepts().any(|c| (c.id == topic || c.id == concept) && c.needs_unit);
        let ids: Vec<usize> = b.claims.iter().copied().filter(|&i| !(needs_unit && q(i).is_some_and(|v| v.unit.is_none()))).collect();
        let mut parts: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
        for &i in &ids {
            parts.entry(measure(i)).or_default().push(i);
        }
        // Unit-less figures (a vague amount) join the one measure of the block, if there is one.
        let measured: Vec<Option<String>> = parts.keys().filter(|k| k.is_some()).cloned().collect();
        if measured.len() == 1 {
            if let Some(moved) = parts.remove(&None) {
                parts.entry(measured[0].clone()).or_default().extend(moved);
            }
        }
        // An amount with a stated conversion ("85 million euros ($108 million)") is also compared,
        // through that conversion, with figures in the other currency. Never through live rates.
        for &i in &ids {
            let Some((_, cu)) = q(i).and_then(|v| v.more().converted.as_deref()) else { continue };
            let m = Some(self.unit_rule(cu).and_then(|r| r.dimension.clone()).unwrap_or_else(|| cu.clone()));
            if let Some(p) = parts.get_mut(&m) {
                if !p.contains(&i) {
                    p.push(i);
                }
            }
        }
        let mut out = Vec::new();
        // Amounts in different currencies with no stated conversion between them: noted, never
        // compared (no live exchange rates).
        let currencies: BTreeSet<String> = parts.iter().filter(|(k, ids)| k.as_deref().is_some_and(|m| self.is_currency(m)) && !ids.is_empty()).filter_map(|(k, _)| k.clone()).collect();
        if currencies.len() > 1 {
            let mut ids: Vec<usize> = parts.iter().filter(|(k, _)| k.as_ref().is_some_and(|m| currencies.contains(m))).flat_map(|(_, v)| v.iter().copied()).collect();
            ids.sort();
            ids.dedup();
            if self.docs(&ids) >= 2 {
                let list: Vec<String> = currencies.iter().cloned().collect();
                let ex = format!("{topic} is given in {} without a stated conversion between them; amounts in different currencies are not compared: {}.", list.join(", "), self.cites(&ids));
                out.push(finding(Verdict::Compatible, Severity::Info, ids, topic, ex));
            }
        }
        for (m, mut ids) in parts {
            ids.sort();
            if self.docs(&ids) < 2 {
                continue;
            }
            let figs = self.figs(&ids, m.as_deref());
            // Incidents: a figure whose clause names another year is about another incident.
            let mut incidents: BTreeMap<Option<Box<str>>, Vec<Fig>> = BTreeMap::new();
            for f in figs {
                incidents.entry(f.q.more().incident.clone()).or_default().push(f);
            }
            let apart = m.as_deref().and_then(|u| self.unit_rule(u)).and_then(|u| u.distinct_beyond);
            for (_, figs) in incidents {
                for figs in split_apart(figs, apart) {
                    out.extend(self.judge_figures(figs, topic, b.key.contains("n:")));
                }
            }
        }
        out
    }

    fn concepts(&self) -> impl Iterator<Item = &crate::rules::ConceptRule> {
        self.rules.languages.values().flat_map(|p| p.concepts.iter())
    }

    /// A unit written before amounts of money in some language ("$", "Rp", "€").
    fn is_currency(&self, id: &str) -> bool {
        self.rules.languages.values().flat_map(|p| p.units.iter()).any(|u| u.id == id && u.prefix && u.dimension.is_none() && u.of.is_none())
    }

    fn unit_rule(&self, id: &str) -> Option<&UnitRule> {
        self.rules.languages.values().flat_map(|p| p.units.iter()).find(|u| u.id == id)
    }

    /// A figure's interval in the base unit of its dimension.
    fn base_interval(&self, q: &Quantity) -> Interval {
        let f = q.unit.as_deref().and_then(|u| self.unit_rule(u)).and_then(|r| r.dimension.as_ref().and(r.factor)).unwrap_or(1.0);
        Interval { low: q.interval.low.map(|v| v * f), high: q.interval.high.map(|v| v * f), ..q.interval }
    }

    /// The judge's view of each figure in the partition's measure, with parts marked.
    fn figs(&self, ids: &[usize], measure: Option<&str>) -> Vec<Fig> {
        let kind_of = |r: &Ref| match r {
            Ref::Entity(id) => self.rules.entities.get(&**id).and_then(|e| e.kind),
            _ => None,
        };
        let mut figs: Vec<Fig> = Vec::new();
        for &i in ids {
            let c = &self.claims[i];
            let Value::Quantity(q0) = &c.value else { continue };
            // Seen in the partition's measure: its own value, or its stated conversion.
            let own = q0.unit.as_deref().map(|u| self.unit_rule(u).and_then(|r| r.dimension.as_deref()).unwrap_or(u));
            let q = match (q0.more().converted.as_deref(), measure) {
                (Some((iv, cu)), Some(m)) if own != Some(m) && (cu == m || self.unit_rule(cu).and_then(|r| r.dimension.as_deref()) == Some(m)) => {
                    let mut q = (**q0).clone();
                    q.interval = *iv;
                    q.unit = Some(cu.as_str().into());
                    q.set_more(|m| &mut m.converted, None);
                    q
                }
                _ => (**q0).clone(),
            };
            let resolved = q.as_of.as_ref().and_then(|d| d.resolved.as_ref());
            // Who or what the figure is about: a name just before it that is not a place.
            let actor = c.subject.as_ref().filter(|r| !matches!(kind_of(r), Some(EntityType::City | EntityType::Place | EntityType::Outlet))).map(|r| r.id().to_string());
            let vague = q.more().vague.is_some() || (q.interval.low.is_none() && q.interval.high.is_none());
            let scope = q.more().scope.clone();
            let iv = self.base_interval(&q);
            figs.push(Fig {
                id: i,
                key: iv_key(&iv),
                iv,
                source: c.source.as_ref().or(c.speaker.as_ref()).map(|r| r.id().to_string()),
                day: resolved.map(|r| r.date),
                firm: resolved.is_some() && !(q.as_of_article && q.as_of_inferred),
                minute: q.as_of_time.map(|t| t.interval().0),
                scope: scope.clone(),
                actor,
                // "another 20,000 marched in Thessaloniki": another group, unless a place says
                // which one.
                aside: q.part || q.earlier || (q.other && scope.is_none()) || vague,
                inner: false,
                q,
            });
        }
        // A smaller figure beside a larger one of the same article, source, scope and time is a
        // part of it ("34 died in the stadium … 127 died"), unless the text marks it as an
        // earlier figure or a revision.
        // Only figures of one article are compared: grouped by document, not all pairs.
        let n = figs.len();
        let mut parts = vec![false; n];
        let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (k, f) in figs.iter().enumerate() {
            by_doc.entry(self.cite.doc_of(f.id)).or_default().push(k);
        }
        for (x, y) in by_doc.values().flat_map(|g| g.iter().flat_map(move |&x| g.iter().map(move |&y| (x, y)))) {
            {
                let (a, b) = (&figs[x], &figs[y]);
                if x == y || a.q.revised || b.q.earlier || b.q.part {
                    continue;
                }
                let smaller = matches!((a.iv.high, b.iv.low), (Some(h), Some(l)) if h < l);
                let same_source = a.source.is_none() || b.source.is_none() || a.source == b.source;
                let same_time = a.minute.is_none() || b.minute.is_none() || a.minute == b.minute;
                if smaller && same_source && same_time && self.scope_agrees(&a.scope, &b.scope) {
                    parts[x] = true;
                }
            }
        }
        for (f, p) in figs.iter_mut().zip(parts) {
            f.aside |= p;
            f.inner = p;
        }
        figs
    }

    /// Scopes that may name the same place: either unknown, one loose (a common noun), equal,
    /// or one inside the other (by the rules, or by its words: "stadion" in "stadion_kanjuruhan").
    fn scope_agrees(&self, a: &Option<String>, b: &Option<String>) -> bool {
        match (a, b) {
            (None, _) | (_, None) => true,
            (Some(x), Some(y)) => {
                x == y || x.starts_with('~') || y.starts_with('~') || self.rules.place_within(x, y) || self.rules.place_within(y, x) || {
                    let wx: BTreeSet<&str> = x.split('_').collect();
                    let wy: BTreeSet<&str> = y.split('_').collect();
                    wx.is_subset(&wy) || wy.is_subset(&wx)
                }
            }
        }
    }

    fn judge_figures(&self, figs: Vec<Fig>, topic: &str, open: bool) -> Vec<Finding> {
        let concept = topic.split('.').next().unwrap_or(topic);
        let rule = self.concepts().find(|c| c.id == concept);
        let running = rule.is_some_and(|c| c.running);
        let may_fall = rule.is_some_and(|c| c.may_fall);
        let attribute = self.concepts().any(|c| c.attribute && topic.split('.').any(|p| p == c.id));
        // Groups of equal values, most supported first.
        let mut by_value: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (k, f) in figs.iter().enumerate() {
            by_value.entry(f.key.clone()).or_default().push(k);
        }
        let mut groups: Vec<Vec<usize>> = by_value.into_values().collect();
        // Keys computed once per group (a key counts the sources of the whole group).
        groups.sort_by_cached_key(|g| (usize::MAX - self.docs(&g.iter().map(|&k| figs[k].id).collect::<Vec<_>>()), figs[g[0]].id));
        let mut out = self.agreements(&figs, &groups, topic);
        if !attribute {
            out.extend(self.rivals(&figs, &groups, topic, running, open));
        }
        out.extend(self.timelines(&figs, topic, running, may_fall));
        out
    }

    /// Equal values from independent sources corroborate; an interval from another source that
    /// holds the value ("sekitar 180" and "180", "more than 10,000" and "12,000") is compatible.
    fn agreements(&self, figs: &[Fig], groups: &[Vec<usize>], topic: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut used: BTreeSet<usize> = BTreeSet::new();
        // Only ranges can hold a value: the figures that are not points, once.
        let ranges: Vec<(usize, &Fig)> = figs.iter().enumerate().filter(|(_, f)| !f.iv.is_point()).collect();
        for g in groups {
            let f0 = &figs[g[0]];
            // A group splits by firm scopes that cannot be the same place; figures without one
            // join the largest.
            let mut by_scope: Vec<Vec<usize>> = Vec::new();
            for &k in g {
                let s = &figs[k].scope;
                let firm = s.as_ref().is_some_and(|x| !x.starts_with('~'));
                match by_scope.iter_mut().find(|sub| !firm || sub.iter().all(|&o| self.scope_agrees(s, &figs[o].scope))) {
                    Some(sub) => sub.push(k),
                    None => by_scope.push(vec![k]),
                }
            }
            for sub in by_scope {
                let exact: Vec<usize> = sub.iter().map(|&k| figs[k].id).collect();
                // Intervals from other figures that hold this value.
                let holders: Vec<usize> = ranges
                    .iter()
                    .copied()
                    .filter(|(k, f)| f.iv != f0.iv && f.iv.contains(&f0.iv) && near(&f.iv, &f0.iv) && !sub.contains(k) && self.scope_agrees(&f.scope, &f0.scope))
                    .map(|(_, f)| f.id)
                    .collect();
                let mut all = exact.clone();
                all.extend(holders.iter().copied());
                let exact_docs = self.docs(&exact);
                if self.docs(&all) < 2 || f0.q.more().vague.is_some() {
                    continue;
                }
                used.extend(all.iter().copied());
                let v = f0.iv.describe();
                let who = self.tally(figs, &sub);
                if exact_docs >= 2 {
                    let more = if holders.is_empty() { String::new() } else { format!("; {} more give a range that holds it ({})", holders.len(), self.cites(&holders)) };
                    let ex = format!("{exact_docs} sources agree on {topic}: {v} ({who}){more}.");
                    out.push(finding(Verdict::Corroborated, Severity::Info, all, topic, ex));
                } else {
                    let ex = format!("The figures for {topic} fit together: {v} ({who}) lies in {}.", self.ranges(figs, &holders));
                    out.push(finding(Verdict::Compatible, Severity::Info, all, topic, ex));
                }
            }
        }
        // What is left fits together when every range overlaps the first ("about 100" and
        // "nearly 100"; "in large quantities" and "more than 11,000").
        let rest: Vec<&Fig> = figs.iter().filter(|f| !used.contains(&f.id) && !f.iv.is_point()).collect();
        if !rest.is_empty() {
            // Greedily: each range joins when it overlaps every range already in.
            let mut chosen: Vec<&Fig> = Vec::new();
            for f in &rest {
                if chosen.iter().all(|c| c.iv.overlaps(&f.iv)) {
                    chosen.push(f);
                }
            }
            let fit: Vec<usize> = chosen.iter().map(|f| f.id).collect();
            if self.docs(&fit) >= 2 {
                let ex = format!("The figures for {topic} fit together — each range overlaps the others: {}.", self.ranges(figs, &fit));
                out.push(finding(Verdict::Compatible, Severity::Info, fit, topic, ex));
            }
        }
        out
    }

    /// Values that cannot both hold: from independent sources, for the same scope and actor,
    /// at the same time, neither an aside (a part, an earlier figure, another group, a vague
    /// amount), and no revision in the text between them. Values linked by such pairs form one
    /// finding that names every source and figure.
    fn rivals(&self, figs: &[Fig], groups: &[Vec<usize>], topic: &str, running: bool, open: bool) -> Vec<Finding> {
        let revisions = self.revisions(figs);
        // Values one article states side by side, one a part of the other: that article shows
        // both hold (two men's wives, a stadium's dead and the whole toll), so another article
        // giving one of them is no rival of the other.
        let explained = self.explained_pairs(figs);
        let top: Vec<&Vec<usize>> = groups.iter().filter(|g| g.iter().any(|&k| !figs[k].aside)).take(VALUE_SCAN).collect();
        // Union-find over value groups joined by rival pairs.
        let mut parent: Vec<usize> = (0..top.len()).collect();
        fn root(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        // Each group's figures that can be a rival at all, by what a rival pair must share: the
        // scope as written and, for a running count, the day. A figure is then compared only
        // with figures of its bucket, not with all of the other group (same pairs).
        type Bucket<'f> = (&'f Option<String>, Option<Date>);
        let bucket = |k: usize| -> Option<Bucket<'_>> {
            let f = &figs[k];
            if f.aside || f.scope.as_ref().is_some_and(|s| s.starts_with('~')) || (running && f.day.is_none()) {
                return None;
            }
            Some((&f.scope, if running { f.day } else { None }))
        };
        let buckets: Vec<foldhash::HashMap<Bucket<'_>, Vec<usize>>> = top
            .iter()
            .map(|g| {
                let mut m: foldhash::HashMap<Bucket<'_>, Vec<usize>> = foldhash::HashMap::default();
                for &k in g.iter() {
                    if let Some(key) = bucket(k) {
                        m.entry(key).or_default().push(k);
                    }
                }
                m
            })
            .collect();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut in_pair: BTreeSet<usize> = BTreeSet::new();
        let mut same_source_rivals: BTreeSet<String> = BTreeSet::new();
        for a in 0..top.len() {
            for b in a + 1..top.len() {
                let (fa, fb) = (&figs[top[a][0]], &figs[top[b][0]]);
                if fa.iv.overlaps(&fb.iv) || borderline(&fa.q, &fb.q) || (apart(&fa.q, &fb.q) && !slip(&fa.iv, &fb.iv)) {
                    continue;
                }
                let pair = (fa.key.clone(), fb.key.clone());
                let back = (pair.1.clone(), pair.0.clone());
                if revisions.contains(&pair) || revisions.contains(&back) || explained.contains(&pair) || explained.contains(&back) {
                    continue;
                }
                let mut found = false;
                for &x in top[a].iter() {
                    let Some(key) = bucket(x) else { continue };
                    for &y in buckets[b].get(&key).map(Vec::as_slice).unwrap_or(&[]) {
                        let (fx, fy) = (&figs[x], &figs[y]);
                        if fx.aside || fy.aside || !self.apart_sources(fx.id, fy.id) {
                            continue;
                        }
                        // The same place as written, and no two different subjects ("Russia sent",
                        // "North Korea sent"): an unknown subject is not a different one.
                        if !(same_scope(&fx.scope, &fy.scope) && (fx.actor.is_none() || fy.actor.is_none() || fx.actor == fy.actor)) {
                            continue;
                        }
                        // Things the rules do not name need more than a match of words: one
                        // source cited with both figures, or an outcome that says what happened
                        // to the things on both sides ("rumah rusak"); and a restricting clause
                        // on both sides must agree ("penonton yang turun ke lapangan" is not
                        // "penonton yang datang").
                        if open {
                            let one_source = fx.source.is_some() && fx.source == fy.source;
                            let outcome = fx.q.more().predicate.is_some() && fx.q.more().predicate == fy.q.more().predicate;
                            if !(one_source || outcome) || (fx.q.more().clause.is_some() && fy.q.more().clause.is_some() && fx.q.more().clause != fy.q.more().clause) {
                                continue;
                            }
                        }
                        if !same_time(fx, fy, running) {
                            continue;
                        }
                        found = true;
                        in_pair.insert(x);
                        in_pair.insert(y);
                        if fx.source.is_some() && fx.source == fy.source {
                            same_source_rivals.insert(fx.source.clone().unwrap_or_default());
                        }
                    }
                }
                if found {
                    pairs.push((a, b));
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    parent[ra] = rb;
                }
            }
        }
        let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &(a, b) in &pairs {
            let r = root(&mut parent, a);
            let c = components.entry(r).or_default();
            c.push(a);
            c.push(b);
        }
        let mut out = Vec::new();
        for (_, mut members) in components {
            members.sort();
            members.dedup();
            let claims: Vec<usize> = members.iter().flat_map(|&g| top[g].iter().filter(|&&k| in_pair.contains(&k)).map(|&k| figs[k].id)).collect();
            let hedged = claims.iter().any(|&i| self.claims[i].hedged);
            let unsure = open || members.iter().flat_map(|&g| top[g].iter()).filter(|&&k| in_pair.contains(&k)).any(|&k| !figs[k].firm && running);
            let side_ids: Vec<Vec<usize>> = members.iter().map(|&g| top[g].iter().copied().filter(|k| in_pair.contains(k)).collect()).collect();
            let sides: Vec<String> = side_ids.iter().map(|ks| self.side(figs, ks)).collect();
            let sources: BTreeSet<String> = side_ids.iter().flatten().filter_map(|&k| figs[k].source.clone()).collect();
            let when = side_ids.iter().flatten().find_map(|&k| figs[k].day).map(|d| format!(" on {d}")).unwrap_or_default();
            let who = match sources.len() {
                0 | 1 if same_source_rivals.is_empty() => String::new(),
                _ if !same_source_rivals.is_empty() => format!(" — {} is cited with more than one of them", same_source_rivals.iter().cloned().collect::<Vec<_>>().join(", ")),
                2 => format!(" — {} disagree", sources.iter().cloned().collect::<Vec<_>>().join(" and ")),
                n => format!(" — {n} sources disagree"),
            };
            let zero = if members.len() == 2 && slip(&figs[side_ids[0][0]].iv, &figs[side_ids[1][0]].iv) { "; they differ by a power of ten, a dropped or added zero?" } else { "" };
            let article_dated = running && side_ids.iter().flatten().any(|&k| figs[k].q.as_of_article);
            let ex = format!(
                "The figures for {topic}{when} cannot all hold: {}{who}{zero}{}{}.",
                sides.join(" vs "),
                if hedged { " (at least one is an accusation or estimate)" } else { "" },
                if article_dated { "; some are dated only by their article, so one may be a later update" } else { "" },
            );
            let unsure = unsure || article_dated;
            let severity = if unsure { Severity::Warning } else { Severity::Error };
            out.push(finding(Verdict::Conflict, severity, claims, topic, ex));
        }
        out
    }

    /// Pairs of values one article gives for the same key where the smaller is a part of the
    /// larger (same article, source and time; see `figs`).
    fn explained_pairs(&self, figs: &[Fig]) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        let mut by_doc: BTreeMap<usize, Vec<&Fig>> = BTreeMap::new();
        for f in figs {
            by_doc.entry(self.cite.doc_of(f.id)).or_default().push(f);
        }
        for a in figs.iter().filter(|f| f.q.part || f.inner) {
            let same_doc = by_doc.get(&self.cite.doc_of(a.id)).map(Vec::as_slice).unwrap_or(&[]);
            for b in same_doc.iter().copied().filter(|b| b.id != a.id && !b.aside) {
                if matches!((a.iv.high, b.iv.low), (Some(h), Some(l)) if h < l) {
                    out.insert((a.key.clone(), b.key.clone()));
                }
            }
        }
        out
    }

    /// Pairs of values (earlier, later) that the text says were revised: a figure marked as a
    /// revision ("direvisi menjadi 125") and the figure before it in its article, or a figure
    /// marked as earlier ("semula 174") and the one after it.
    fn revisions(&self, figs: &[Fig]) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        let mut by_doc: BTreeMap<usize, Vec<&Fig>> = BTreeMap::new();
        for f in figs {
            by_doc.entry(self.cite.doc_of(f.id)).or_default().push(f);
        }
        for list in by_doc.values_mut() {
            list.sort_by_key(|f| self.claims[f.id].span.start);
            for w in 0..list.len() {
                let f = list[w];
                if f.q.revised {
                    if let Some(prev) = list[..w].iter().rev().find(|p| p.iv != f.iv) {
                        out.insert((prev.key.clone(), f.key.clone()));
                    }
                }
                if f.q.earlier {
                    if let Some(next) = list[w + 1..].iter().find(|p| p.iv != f.iv && !p.q.earlier) {
                        out.insert((f.key.clone(), next.key.clone()));
                    }
                }
            }
        }
        out
    }

    /// Updates: each source's figure over time (firm stamps only), figures the text says were
    /// revised, and for a running count the figures day by day.
    fn timelines(&self, figs: &[Fig], topic: &str, running: bool, may_fall: bool) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut covered: Vec<BTreeSet<usize>> = Vec::new();
        // 1. One source over time.
        let mut by_source: BTreeMap<&str, Vec<&Fig>> = BTreeMap::new();
        for f in figs.iter().filter(|f| !f.aside && f.firm && f.iv.is_point()) {
            if let Some(s) = &f.source {
                by_source.entry(s.as_str()).or_default().push(f);
            }
        }
        for (source, mut list) in by_source {
            list.sort_by_key(|f| (f.day, f.minute, f.id));
            let stamps: BTreeSet<(Option<Date>, Option<i32>)> = list.iter().map(|f| (f.day, f.minute)).collect();
            let values: BTreeSet<String> = list.iter().map(|f| f.key.clone()).collect();
            let ids: Vec<usize> = list.iter().map(|f| f.id).collect();
            if stamps.len() < 2 || values.len() < 2 || self.docs(&ids) < 2 || !changes_with_time(&list) {
                continue;
            }
            let steps = steps(&list);
            let falls = !may_fall && falls(&list);
            let last = list.last().map(|f| self.cite.cite(f.id)).unwrap_or_default();
            let ex = format!("{source}'s figure for {topic} changed over time: {steps}; the latest is {last}{}.", if falls { " (a later figure is lower: a revision, check it)" } else { "" });
            covered.push(ids.iter().copied().collect());
            out.push(finding(Verdict::Updated, if falls { Severity::Warning } else { Severity::Info }, ids, topic, ex));
        }
        // 2. Revisions the text states.
        for (old, new) in self.revisions(figs) {
            let olds: Vec<usize> = figs.iter().filter(|f| f.key == old).map(|f| f.id).collect();
            let news: Vec<usize> = figs.iter().filter(|f| f.key == new).map(|f| f.id).collect();
            let mut ids = olds.clone();
            ids.extend(news.iter().copied());
            if self.docs(&ids) < 2 || olds.is_empty() || news.is_empty() {
                continue;
            }
            let marked = figs.iter().find(|f| (f.q.revised && f.key == new) || (f.q.earlier && f.key == old)).map(|f| self.cite.cite(f.id)).unwrap_or_default();
            let describe = |k: &str| figs.iter().find(|f| f.key == k).map(|f| f.iv.describe()).unwrap_or_default();
            let ex = format!("The {topic} figure {} was revised to {}, as {marked} says; {} and {} are one figure corrected, not two sources disagreeing.", describe(&old), describe(&new), self.cites(&olds), self.cites(&news));
            covered.push(ids.iter().copied().collect());
            out.push(finding(Verdict::Updated, Severity::Info, ids, topic, ex));
        }
        // 3. A running count, day by day, whoever gave it.
        if running {
            let mut days: BTreeMap<Date, Vec<&Fig>> = BTreeMap::new();
            for f in figs.iter().filter(|f| !f.aside && f.iv.is_point()) {
                if let Some(d) = f.day {
                    days.entry(d).or_default().push(f);
                }
            }
            let values: BTreeSet<String> = days.values().flatten().map(|f| f.key.clone()).collect();
            let ids: Vec<usize> = days.values().flatten().map(|f| f.id).collect();
            let set: BTreeSet<usize> = ids.iter().copied().collect();
            if days.len() >= 2 && values.len() >= 2 && self.docs(&ids) >= 2 && !covered.contains(&set) {
                let mut list: Vec<&Fig> = days.values().flatten().copied().collect();
                list.sort_by_key(|f| (f.day, f.minute, f.id));
                let maxes: Vec<f64> = days.values().map(|l| l.iter().filter_map(|f| f.iv.high).fold(f64::NEG_INFINITY, f64::max)).collect();
                let mins: Vec<f64> = days.values().map(|l| l.iter().filter_map(|f| f.iv.low).fold(f64::INFINITY, f64::min)).collect();
                let falls = !may_fall && maxes.windows(2).zip(mins.windows(2)).any(|(mx, mn)| mx[1] < mn[0]);
                let latest = list.last().map(|f| self.cite.cite(f.id)).unwrap_or_default();
                let ex = format!("The {topic} figure changed over time: {}; the latest is {latest}{}.", self.steps_with_files(&list), if falls { " (a later day's figure is lower: a revision, check it)" } else { "" });
                // A count that only grows, lower on a later day in another source's report: one
                // of the two is wrong or counts something else. When those two are the whole
                // timeline, the conflict says all there is.
                let fall = if falls { list.iter().find_map(|x| list.iter().find(|y| y.day > x.day && matches!((y.iv.high, x.iv.low), (Some(h), Some(l)) if h < l) && self.apart_sources(x.id, y.id)).map(|y| (*x, *y))) } else { None };
                if fall.is_none_or(|_| ids.len() > 2) {
                    out.push(finding(Verdict::Updated, if falls { Severity::Warning } else { Severity::Info }, ids, topic, ex));
                }
                {
                    if let Some((x, y)) = fall {
                        let on = |f: &Fig| f.day.map(|d| d.to_string()).unwrap_or_default();
                        let ex = format!(
                            "The {topic} count only grows, but {} gives {} on {} and {} gives {} on {}, a later day: one of them is wrong or counts something else.",
                            self.cite.cite(x.id),
                            x.iv.describe(),
                            on(x),
                            self.cite.cite(y.id),
                            y.iv.describe(),
                            on(y)
                        );
                        let mut pair = vec![x.id, y.id];
                        pair.sort();
                        out.push(finding(Verdict::Conflict, Severity::Warning, pair, topic, ex));
                    }
                }
            }
        }
        out
    }

    /// "nico_afinta: 01_kompas.txt, 02_jpnn.txt; 03_krjogja.txt": who gives a value, and where.
    fn tally(&self, figs: &[Fig], ks: &[usize]) -> String {
        let mut by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for &k in ks {
            let f = &figs[k];
            by.entry(f.source.clone().unwrap_or_default()).or_default().insert(self.cite.file_of(f.id));
        }
        by.into_iter().map(|(s, files)| {
            let files = files.into_iter().collect::<Vec<_>>().join(", ");
            if s.is_empty() { files } else { format!("{s}: {files}") }
        }).collect::<Vec<_>>().join("; ")
    }

    /// "62 as of 2022-11-21 20:00 UTC+07:00 (a.md: suharyanto) → 103 as of … (b.md)".
    fn steps_with_files(&self, list: &[&Fig]) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut k = 0;
        while k < list.len() {
            let mut e = k;
            while e + 1 < list.len() && list[e + 1].iv == list[k].iv && (list[e + 1].day, list[e + 1].minute) == (list[k].day, list[k].minute) {
                e += 1;
            }
            let files: BTreeSet<String> = list[k..=e].iter().map(|f| self.cite.file_of(f.id)).collect();
            let sources: BTreeSet<&str> = list[k..=e].iter().filter_map(|f| f.source.as_deref()).collect();
            let who = if sources.is_empty() { String::new() } else { format!(": {}", sources.into_iter().collect::<Vec<_>>().join(", ")) };
            out.push(format!("{} ({}{who})", steps(&[list[k]]), files.into_iter().collect::<Vec<_>>().join(", ")));
            k = e + 1;
        }
        out.join(" → ")
    }

    /// One value of a conflict: "162 — en.md:7:5 'killed 162 people' (bnpb; and 2 more)".
    fn side(&self, figs: &[Fig], ks: &[usize]) -> String {
        let first = &figs[ks[0]];
        let sources: BTreeSet<&str> = ks.iter().filter_map(|&k| figs[k].source.as_deref()).collect();
        let mut notes: Vec<String> = Vec::new();
        if !sources.is_empty() {
            notes.push(sources.into_iter().collect::<Vec<_>>().join(", "));
        }
        if ks.len() > 1 {
            let files: BTreeSet<String> = ks[1..].iter().map(|&k| self.cite.file_of(figs[k].id)).collect();
            notes.push(format!("and {} more in {}", ks.len() - 1, files.into_iter().collect::<Vec<_>>().join(", ")));
        }
        let notes = if notes.is_empty() { String::new() } else { format!(" ({})", notes.join("; ")) };
        format!("{} — {}{notes}", first.iv.describe(), self.cite.cite(first.id))
    }

    fn ranges(&self, figs: &[Fig], ids: &[usize]) -> String {
        // The first figure of each claim: a scan for a few claims, else through one map.
        let mut first: BTreeMap<usize, &Fig> = BTreeMap::new();
        if ids.len() > 4 {
            for f in figs {
                first.entry(f.id).or_insert(f);
            }
        }
        let find = |i: usize| if ids.len() > 4 { first.get(&i).copied() } else { figs.iter().find(|f| f.id == i) };
        ids.iter().filter_map(|&i| find(i)).map(|f| format!("{} ({})", self.cite.cite(f.id), f.iv.describe())).collect::<Vec<_>>().join("; ")
    }
}

/// A stable key for an interval (equal intervals, equal keys).
fn iv_key(iv: &Interval) -> String {
    // An integral value (most figures) as its digits and six zeros: what `{:.6}` writes, without
    // its exact-digits algorithm (the slow path of float formatting).
    let e = |v: Option<f64>| {
        v.map_or("-".to_string(), |x| {
            if x.fract() == 0.0 && x.abs() < 1e15 && !(x == 0.0 && x.is_sign_negative()) {
                format!("{}.000000", itoa::Buffer::new().format(x as i64))
            } else {
                format!("{x:.6}")
            }
        })
    };
    format!("{}{}|{}{}", if iv.low_open { "(" } else { "[" }, e(iv.low), e(iv.high), if iv.high_open { ")" } else { "]" })
}

/// A range holds a value closely enough to count as agreeing with it: a vague amount ("in
/// large quantities"), a bounded range, or an open one whose bound is within half the value
/// ("more than 10,000" holds 12,000, "at least 20" does not hold 127).
fn near(range: &Interval, v: &Interval) -> bool {
    let Some(x) = v.low else { return false };
    match (range.low, range.high) {
        (Some(_), Some(_)) | (None, None) => true,
        (Some(l), None) => x <= l * 1.5,
        (None, Some(h)) => x >= h / 1.5,
    }
}

/// Both scopes unknown, or the same place.
fn same_scope(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => x == y && !x.starts_with('~'),
        _ => false,
    }
}

/// Two figures are stated for the same time. A running count needs the same known day (a day
/// inferred from the article makes the conflict a warning), and one source's figures at two
/// clock times are its timeline; other figures only part when their stated days are weeks
/// apart.
fn same_time(x: &Fig, y: &Fig, running: bool) -> bool {
    let same_source = x.source.is_some() && x.source == y.source;
    if running {
        let (Some(dx), Some(dy)) = (x.day, y.day) else { return false };
        if dx != dy {
            return false;
        }
        if same_source && x.firm && y.firm {
            if let (Some(a), Some(b)) = (x.minute, y.minute) {
                return a == b;
            }
        }
        return true;
    }
    match (x.day, y.day) {
        (Some(a), Some(b)) if x.firm && y.firm => days_between(a, b).abs() <= 30,
        _ => true,
    }
}

/// The figures move with time, not only across sources at one time.
fn changes_with_time(list: &[&Fig]) -> bool {
    let mut by_stamp: BTreeMap<(Option<Date>, Option<i32>), BTreeSet<String>> = BTreeMap::new();
    for f in list {
        by_stamp.entry((f.day, f.minute)).or_default().insert(f.key.clone());
    }
    let firsts: Vec<&BTreeSet<String>> = by_stamp.values().collect();
    firsts.windows(2).any(|w| w[0] != w[1])
}

/// "158 as of 2022-10-02 09:30 → 174 as of 2022-10-02 10:30".
fn steps(list: &[&Fig]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<String> = None;
    for f in list {
        let k = f.key.clone();
        if last.as_ref() == Some(&k) {
            continue;
        }
        let when = match (f.day, f.q.as_of_time) {
            (Some(d), Some(t)) => format!("{d} {}", t.describe()),
            (Some(d), None) => d.to_string(),
            (None, Some(t)) => t.describe(),
            (None, None) => "an unknown time".into(),
        };
        out.push(format!("{} as of {when}", f.iv.describe()));
        last = Some(k);
    }
    out.join(" → ")
}

fn falls(list: &[&Fig]) -> bool {
    list.windows(2).any(|w| matches!((w[0].iv.low, w[1].iv.high), (Some(lo), Some(hi)) if hi < lo))
}

/// Figures an order of magnitude apart, one of them qualified (an estimate, "more than") or
/// vague, most likely count different groups ("an estimated 1,500 pirates" in a region vs
/// "23 pirates" captured).
fn apart(a: &Quantity, b: &Quantity) -> bool {
    let approx = |q: &Quantity| q.more().vague.is_some() || q.qualifier.as_ref().is_some_and(|(_, op)| *op != QualifierOp::Exact);
    let (x, y) = (mid(&a.interval).abs(), mid(&b.interval).abs());
    (approx(a) || approx(b)) && x.min(y) > 0.0 && x.max(y) / x.min(y) >= 10.0
}

pub(super) fn mid(iv: &Interval) -> f64 {
    match (iv.low, iv.high) {
        (Some(l), Some(h)) => (l + h) / 2.0,
        (Some(l), None) => l,
        (None, Some(h)) => h,
        (None, None) => 0.0,
    }
}

/// Two figures exactly a power of ten apart ("40.000" and "empat ribu"): the classic dropped or
/// added zero, a slip worth flagging even when one is an estimate.
fn slip(a: &Interval, b: &Interval) -> bool {
    let (x, y) = (mid(a).abs(), mid(b).abs());
    if x.min(y) <= 0.0 {
        return false;
    }
    let r = (x.max(y) / x.min(y)).log10();
    r >= 0.99 && (r - r.round()).abs() < 0.005
}

/// Two qualified figures that only touch ("nearly 300" and "more than 300") or miss by a hair
/// (within 1 %) are read as compatible: such wording is not that precise.
fn borderline(a: &Quantity, b: &Quantity) -> bool {
    if a.qualifier.is_none() && b.qualifier.is_none() {
        return false;
    }
    let (x, y) = (a.interval, b.interval);
    let gap = match (x.high, y.low, y.high, x.low) {
        (Some(xh), Some(yl), _, _) if xh <= yl => yl - xh,
        (_, _, Some(yh), Some(xl)) if yh <= xl => xl - yh,
        _ => return false,
    };
    let scale = [x.low, x.high, y.low, y.high].iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    gap <= (scale * 0.01).max(0.0)
}

/// When a figure was stated: its date and, when given, its clock time in UTC minutes
/// (or local minutes when no zone is known).
pub fn stamp_of(q: &Quantity) -> Option<(jiff::civil::Date, Option<i32>)> {
    let d = q.as_of.as_ref()?.resolved.as_ref()?;
    Some((d.date, q.as_of_time.map(|t| t.interval().0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key's integral fast path writes what `{:.6}` writes, signs and zeros included.
    #[test]
    fn interval_keys_write_values_as_six_decimals_do() {
        for x in [0.0, -0.0, 1.0, -1.0, 11_000.0, 123_456_789_012_345.0, 999_999_999_999_999.0, 1e15, -7e14, 0.5, -2.25, 1e-7, 3.0e20] {
            let iv = Interval { low: Some(x), high: None, low_open: false, high_open: true };
            assert_eq!(iv_key(&iv), format!("[{x:.6}|-)"), "{x}");
        }
    }
}
