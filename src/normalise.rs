//! Normalise: resolves dates against each article's own date (never the wall clock), fills
//! years that the text leaves out, resolves offices to their holders, and turns recency
//! ("the first in 30 years") into the year of the previous occurrence.
//!
//! The article's date comes from, in order: front matter, the page header ("Senin, 3 Maret
//! 2025 - 14:05 WIB"), else the latest date its body anchors (`inferred`). A date without a year
//! takes the year nearest the article's date (or, when the article has none, the corpus's),
//! preferring a year in which the stated weekday matches.

use jiff::civil::{Date, Weekday};
use jiff::{Span as JSpan, Unit};

use crate::claim::*;
use crate::extract::DocExtract;
use crate::rules::RuleSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// Front matter or the page header states it.
    Stated,
    /// The latest date the body anchors.
    Inferred,
}

impl DateSource {
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Stated => "stated",
            DateSource::Inferred => "inferred",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Published {
    pub date: Option<Date>,
    pub source: Option<DateSource>,
}

/// A weekday that does not match its date, inside one article.
#[derive(Debug, Clone)]
pub struct WeekdayMismatch {
    pub doc: usize,
    /// The claim holding the date, by span and kind (claims are re-ordered later).
    pub claim_span: crate::segment::Span,
    pub claim_kind: Kind,
    /// The written date's span.
    pub mention: crate::segment::Span,
    pub stated: u8,
    pub actual: u8,
    pub date: Date,
}

/// Days between a date in a figure's sentence and the article's date beyond which the figure
/// is taken to be about another incident.
const INCIDENT_DAYS: i64 = 45;

pub fn days_between(a: Date, b: Date) -> i64 {
    a.until((Unit::Day, b)).map(|s| i64::from(s.get_days())).unwrap_or(i64::MAX / 4)
}

fn weekday_num(d: Date) -> u8 {
    d.weekday().to_monday_one_offset() as u8
}

fn add(d: Date, days: i64, months: i64, years: i64) -> Option<Date> {
    let sp = JSpan::new().try_days(days).ok()?.try_months(months).ok()?.try_years(years).ok()?;
    d.checked_add(sp).ok()
}

/// The median of `known` (sorted) together with `other` (dates with how many articles have each,
/// sorted): the lower middle, as the corpus's date has always been taken.
pub fn median_with(known: &[Date], other: &[(Date, usize)]) -> Option<Date> {
    let total = known.len() + other.iter().map(|(_, n)| n).sum::<usize>();
    if total == 0 {
        return None;
    }
    let mut want = (total - 1) / 2;
    let (mut k, mut o) = (known.iter().peekable(), other.iter().filter(|(_, n)| *n > 0).peekable());
    loop {
        let take_known = match (k.peek(), o.peek()) {
            (Some(a), Some((b, _))) => *a <= b,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        if take_known {
            let d = *k.next()?;
            if want == 0 {
                return Some(d);
            }
            want -= 1;
        } else {
            let (d, n) = *o.next()?;
            if want < n {
                return Some(d);
            }
            want -= n;
        }
    }
}

/// Resolve the article dates of every document, then every date mention of its claims
/// (`claims[d]`: document `d`'s). `other` holds the dates of the corpus's other articles (stated
/// or read from their bodies, with how many articles have each, sorted), which count in the
/// corpus's median date as if those articles were here.
pub fn normalise_in(rules: &RuleSet, docs: &mut [DocExtract], claims: &mut [&mut [Claim]], front: &[Option<Date>], other: &[(Date, usize)]) -> (Vec<Published>, Vec<WeekdayMismatch>) {
    // 1. What each page states, and the full dates each body anchors.
    let mut published: Vec<Published> = Vec::with_capacity(docs.len());
    for (i, d) in docs.iter().enumerate() {
        let stated = front.get(i).copied().flatten().or_else(|| {
            d.header_dates.iter().find_map(|m| match m.raw {
                RawDate::Absolute { day: Some(day), month, year: Some(y), .. } => Date::new(y as i16, month as i8, day as i8).ok(),
                _ => None,
            })
        });
        published.push(Published { date: stated, source: stated.map(|_| DateSource::Stated) });
    }
    for (i, d) in docs.iter().enumerate() {
        if published[i].date.is_none() && !d.date_unknown {
            // A date whose weekday does not fit it is a slip: it never dates the article.
            let latest = d
                .body_dates
                .iter()
                .filter_map(|m| match m.raw {
                    RawDate::Absolute { day: Some(day), month, year: Some(y), weekday } => Date::new(y as i16, month as i8, day as i8).ok().filter(|d| weekday.is_none_or(|w| weekday_num(*d) == w)),
                    _ => None,
                })
                .max();
            if let Some(l) = latest {
                published[i] = Published { date: Some(l), source: Some(DateSource::Inferred) };
            }
        }
    }
    // 2. The corpus's date: the median of the article dates known so far. It only fills years
    //    that an article leaves out when the article itself has no date at all.
    let mut known: Vec<Date> = published.iter().filter_map(|p| p.date).collect();
    known.sort();
    let corpus = median_with(&known, other);
    for (i, d) in docs.iter().enumerate() {
        if published[i].date.is_some() || d.date_unknown {
            continue;
        }
        let Some(reference) = corpus else { continue };
        let fits = |m: &DateMention, r: &Resolved| match m.raw {
            RawDate::Absolute { weekday: Some(w), .. } => weekday_num(r.date) == w,
            _ => true,
        };
        let latest = d.body_dates.iter().filter_map(|m| resolve_absolute(&m.raw, reference).filter(|r| fits(m, r)).map(|r| r.date)).max();
        if let Some(l) = latest {
            published[i] = Published { date: Some(l), source: Some(DateSource::Inferred) };
        }
    }
    // 3. Every mention, against its own article's date (articles in parallel, the slips in
    //    article order).
    use rayon::prelude::*;
    let per_doc: Vec<Vec<WeekdayMismatch>> = docs.par_iter_mut().zip(claims.par_iter_mut()).enumerate().map(|(i, (d, cs))| resolve_article(rules, i, d, cs, &published[i], corpus)).collect();
    (published, per_doc.into_iter().flatten().collect())
}

/// Step 3 of `normalise_in` for one article: its mentions resolved against its date, its
/// figures stamped and tied to their incident, its roles resolved; the weekday slips it writes.
/// The page's and body's dates have served: not kept.
fn resolve_article(rules: &RuleSet, i: usize, d: &mut DocExtract, claims: &mut [Claim], published: &Published, corpus: Option<Date>) -> Vec<WeekdayMismatch> {
    let mut mismatches = Vec::new();
    d.body_dates = Vec::new();
    d.header_dates = Vec::new();
    let pubd = published.date;
    // The dates of the figures' sentences, each resolved once (figures index them).
    let mut sentence_dates = std::mem::take(&mut d.sentence_dates);
    for m in &mut sentence_dates {
        m.resolved = resolve(&m.raw, pubd);
    }
    let sentence_years = std::mem::take(&mut d.sentence_years);
    let at = |r: &std::ops::Range<u32>| r.start as usize..r.end as usize;
    let inferred = published.source == Some(DateSource::Inferred);
    for c in claims.iter_mut() {
        let (claim_span, claim_kind) = (c.span, c.kind);
        if let Value::Quantity(q) = &mut c.value {
            if q.as_of.is_none() {
                if let Some(p) = pubd {
                    q.as_of_article = true;
                    q.as_of_inferred = inferred;
                    q.as_of = Some(DateMention {
                        span: c.span,
                        raw: RawDate::Absolute { day: Some(p.day() as u8), month: p.month() as u8, year: Some(p.year() as i32), weekday: None },
                        resolved: None,
                    });
                    if q.as_of_time.is_none() {
                        q.as_of_time = d.header_time;
                    }
                }
            }
        }
        let mentions: Vec<&mut DateMention> = match &mut c.value {
            Value::Date { date, .. } => vec![date],
            Value::Time { date, .. } => date.iter_mut().map(|d| &mut **d).collect(),
            Value::Quantity(q) => q.as_of.iter_mut().collect(),
            Value::Event(e) => e.date.iter_mut().collect(),
            Value::Recency(r) => r.anchor.iter_mut().collect(),
            _ => vec![],
        };
        let slip = |m: &DateMention| match (&m.raw, &m.resolved) {
            (RawDate::Absolute { weekday: Some(w), year: Some(_), day: Some(_), .. }, Some(r)) if weekday_num(r.date) != *w => {
                Some(WeekdayMismatch { doc: i, claim_span, claim_kind, mention: m.span, stated: *w, actual: weekday_num(r.date), date: r.date })
            }
            _ => None,
        };
        for m in mentions {
            m.resolved = resolve(&m.raw, pubd);
            mismatches.extend(slip(m));
        }
        // A figure's sentence dates, after its own stamp.
        if let Value::Quantity(q) = &c.value {
            mismatches.extend(sentence_dates[at(&q.dates)].iter().filter_map(slip));
        }
        if let Value::Recency(r) = &mut c.value {
            since(r, pubd);
        }
        if let Value::Quantity(q) = &mut c.value {
            // A stamp whose weekday does not fit its date is a slip: the figure keeps only
            // the article's date.
            let slipped = q.as_of.as_ref().is_some_and(|m| matches!((&m.raw, &m.resolved), (RawDate::Absolute { weekday: Some(w), .. }, Some(r)) if weekday_num(r.date) != *w));
            if slipped && !q.as_of_article {
                q.as_of = pubd.map(|p| DateMention {
                    span: c.span,
                    raw: RawDate::Absolute { day: Some(p.day() as u8), month: p.month() as u8, year: Some(p.year() as i32), weekday: None },
                    resolved: resolve_absolute(&RawDate::Absolute { day: Some(p.day() as u8), month: p.month() as u8, year: Some(p.year() as i32), weekday: None }, p),
                });
                q.as_of_article = q.as_of.is_some();
                q.as_of_inferred = inferred;
            }
            // A year the clause names that is not the article's: another incident.
            let year = pubd.map(|p| p.year() as i32).or(corpus.map(|c| c.year() as i32));
            if let Some(y) = year {
                let incident = sentence_years[at(&q.years)].iter().find(|&&x| x != y).map(|x| format!("year:{x}").into());
                q.set_more(|m| &mut m.incident, incident);
            }
            // A date in the sentence weeks away from the article's: another incident
            // ("the hijacking … in September" in a December report).
            if q.more().incident.is_none() {
                if let Some(p) = pubd.or(corpus) {
                    let far = |r: &Resolved| match r.precision {
                        Precision::Day => days_between(r.date, p).abs() > INCIDENT_DAYS,
                        Precision::Month => r.date.year() != p.year() || r.date.month() != p.month(),
                        Precision::Year => r.date.year() != p.year(),
                    };
                    // A date whose weekday does not fit is a slip, not another incident.
                    let fits = |m: &DateMention| !matches!((&m.raw, &m.resolved), (RawDate::Absolute { weekday: Some(w), .. }, Some(r)) if weekday_num(r.date) != *w);
                    let incident = sentence_dates[at(&q.dates)].iter().filter(|m| fits(m)).filter_map(|m| m.resolved.as_ref()).find(|r| far(r)).map(|r| format!("date:{}", r.iso()).into());
                    q.set_more(|m| &mut m.incident, incident);
                } else {
                    // No date to compare with: a date the sentence writes out still ties the
                    // figure to it ("18 sailors … on September 15, 2008"), apart from figures
                    // whose sentences name no date or another one.
                    let incident = sentence_dates[at(&q.dates)].iter().find_map(|m| match m.raw {
                        RawDate::Absolute { day, month, year, .. } => Some(format!("date:{}-{month:02}-{}", year.map_or("?".into(), |y| y.to_string()), day.map_or("?".into(), |d| format!("{d:02}"))).into()),
                        _ => None,
                    });
                    q.set_more(|m| &mut m.incident, incident);
                }
            }
            // The sentence's years and dates served only to find the incident: not kept.
            q.years = 0..0;
            q.dates = 0..0;
        }
        resolve_roles(rules, c, pubd);
    }
    mismatches
}

/// A role ("Sekjen NATO") becomes its holder on the date of the claim or the article.
fn resolve_roles(rules: &RuleSet, c: &mut Claim, pubd: Option<Date>) {
    let on = match &c.value {
        Value::Date { date, .. } => date.resolved.as_ref().map(|r| r.date),
        Value::Event(e) => e.date.as_ref().and_then(|d| d.resolved.as_ref()).map(|r| r.date),
        _ => None,
    }
    .or(pubd);
    let fix = |r: &mut Option<Ref>| {
        if let Some(Ref::Role(role)) = r {
            if let Some(p) = rules.role_holder(role, on) {
                *r = Some(Ref::Entity(crate::claim::ref_id(p)));
            }
        }
    };
    fix(&mut c.speaker);
    fix(&mut c.subject);
    fix(&mut c.source);
    match &mut c.value {
        Value::Date { principal, .. } => fix(principal),
        Value::Event(e) => fix(&mut e.principal),
        Value::Recency(r) => fix(&mut r.principal),
        _ => {}
    }
}

fn since(r: &mut Recency, pubd: Option<Date>) {
    if let Some(y) = r.since_year {
        r.since = Some((y, y));
        r.since_how = Some(format!("since {y}"));
        return;
    }
    let Some((iv, unit)) = r.within else { return };
    let anchor = r.anchor.as_ref().and_then(|a| a.resolved.as_ref()).map(|x| x.date).or(pubd);
    let Some(anchor) = anchor else { return };
    let years = |v: f64| v * unit.years();
    let y = anchor.year() as f64 + (anchor.day_of_year() as f64 - 1.0) / 365.25;
    // The previous occurrence lies `amount` before the anchor: a range when the amount is one.
    let (lo, hi) = match (iv.low, iv.high) {
        (Some(a), Some(b)) => ((y - years(b)).floor() as i32, (y - years(a)).floor() as i32),
        (Some(a), None) => (i32::MIN / 2, (y - years(a)).floor() as i32),
        (None, Some(b)) => ((y - years(b)).floor() as i32, anchor.year() as i32),
        (None, None) => return,
    };
    r.since = Some((lo, hi));
    let amount = iv.describe();
    r.since_how = Some(if lo == hi {
        format!("{amount} {}(s) before {anchor} is {lo}", unit.name())
    } else {
        format!("{amount} {}(s) before {anchor} is between {lo} and {hi}", unit.name())
    });
}

/// An absolute date; a missing year is taken from `reference`.
fn resolve_absolute(raw: &RawDate, reference: Date) -> Option<Resolved> {
    let RawDate::Absolute { day, month, year, weekday } = raw else { return None };
    match (day, year) {
        (Some(d), Some(y)) => Date::new(i16::try_from(*y).ok()?, *month as i8, *d as i8).ok().map(|date| Resolved { date, precision: Precision::Day, slack: 0, year_inferred: false, relative: false, how: None }),
        (None, Some(y)) => Date::new(i16::try_from(*y).ok()?, *month as i8, 1).ok().map(|date| Resolved { date, precision: Precision::Month, slack: 0, year_inferred: false, relative: false, how: None }),
        (Some(d), None) => {
            // The candidate year nearest the reference, preferring one whose weekday matches.
            let ry = reference.year();
            let mut best: Option<(bool, i64, Date)> = None;
            for y in [ry - 1, ry, ry + 1] {
                let Ok(date) = Date::new(y, *month as i8, *d as i8) else { continue };
                let mismatch = weekday.is_some_and(|w| weekday_num(date) != w);
                let dist = days_between(date, reference).abs();
                if best.is_none_or(|b| (mismatch, dist) < (b.0, b.1)) {
                    best = Some((mismatch, dist, date));
                }
            }
            best.map(|(_, _, date)| Resolved { date, precision: Precision::Day, slack: 0, year_inferred: true, relative: false, how: Some(format!("{date} (year from {reference})").into()) })
        }
        (None, None) => {
            // "in September": the month nearest the reference (within half a year).
            let ry = reference.year();
            let best = [ry - 1, ry, ry + 1]
                .into_iter()
                .filter_map(|y| Date::new(y, *month as i8, 15).ok())
                .min_by_key(|d| days_between(*d, reference).abs())?;
            let date = Date::new(best.year(), best.month(), 1).ok()?;
            Some(Resolved { date, precision: Precision::Month, slack: 0, year_inferred: true, relative: false, how: Some(format!("{:04}-{:02} (year from {reference})", date.year(), date.month()).into()) })
        }
    }
}

/// Resolve a mention against its article's date.
pub fn resolve(raw: &RawDate, pubd: Option<Date>) -> Option<Resolved> {
    match raw {
        RawDate::Absolute { year: Some(_), .. } => resolve_absolute(raw, pubd.unwrap_or(Date::constant(2000, 1, 1))),
        RawDate::Absolute { .. } => resolve_absolute(raw, pubd?),
        RawDate::Relative(r) => {
            let RelativeDate { id, days, months, years, precision, tolerance } = &**r;
            let p = pubd?;
            let date = add(p, *days, *months, *years)?;
            let precision = if let Some(pr) = precision {
                *pr
            } else if *days != 0 || (*months == 0 && *years == 0) {
                Precision::Day
            } else if *months != 0 {
                Precision::Month
            } else {
                Precision::Year
            };
            let r = Resolved { date, precision, slack: *tolerance, year_inferred: false, relative: true, how: None };
            let within = if *tolerance > 0 { format!(" (± {tolerance} day(s))") } else { String::new() };
            let how = format!("'{id}' from the article's date {p} is {}{within}", r.iso());
            Some(Resolved { how: Some(how.into()), ..r })
        }
        RawDate::InYearFrom { day, month, years } => {
            let p = pubd?;
            let y = i32::from(p.year()) + years;
            let date = Date::new(i16::try_from(y).ok()?, *month as i8, day.unwrap_or(1) as i8).ok()?;
            let precision = if day.is_some() { Precision::Day } else { Precision::Month };
            let r = Resolved { date, precision, slack: 0, year_inferred: true, relative: true, how: None };
            let how = format!("the year {years:+} from the article's date {p}: {}", r.iso());
            Some(Resolved { how: Some(how.into()), ..r })
        }
        RawDate::Year { year } => {
            let date = Date::new(i16::try_from(*year).ok()?, 1, 1).ok()?;
            Some(Resolved { date, precision: Precision::Year, slack: 0, year_inferred: false, relative: false, how: None })
        }
        RawDate::DayOfMonth { day, months: Some(m), .. } => {
            let p = pubd?;
            let first = add(Date::new(p.year(), p.month(), 1).ok()?, 0, i64::from(*m), 0)?;
            let date = Date::new(first.year(), first.month(), *day as i8).ok()?;
            Some(Resolved { date, precision: Precision::Day, slack: 0, year_inferred: true, relative: true, how: Some(format!("day {day} of the month {m:+} from the article's date {p} is {date}").into()) })
        }
        RawDate::DayOfMonth { day, future, months: None } => {
            let p = pubd?;
            // The day in the article's month, the one before or the one after: the nearest
            // (the earlier on a tie), or with a future marker the first not before the article.
            let first = Date::new(p.year(), p.month(), 1).ok()?;
            let mut best: Option<(i64, Date)> = None;
            for m in [-1, 0, 1] {
                let Some(base) = add(first, 0, m, 0) else { continue };
                let Ok(date) = Date::new(base.year(), base.month(), *day as i8) else { continue };
                let dist = days_between(p, date);
                let rank = if *future { if dist < 0 { continue } else { dist } } else { dist.abs() * 2 + i64::from(dist > 0) };
                if best.is_none_or(|b| rank < b.0) {
                    best = Some((rank, date));
                }
            }
            let (_, date) = best?;
            let how = if *future { format!("the first {day} on or after the article's date {p} is {date}") } else { format!("the {day} nearest the article's date {p} is {date}") };
            Some(Resolved { date, precision: Precision::Day, slack: 0, year_inferred: true, relative: true, how: Some(how.into()) })
        }
        RawDate::Holiday(h) => {
            let HolidayDate { id, days } = &**h;
            let date = match (days.as_slice(), pubd) {
                ([one], _) => *one,
                (_, Some(p)) => *days.iter().min_by_key(|d| (days_between(**d, p).abs(), **d))?,
                _ => return None,
            };
            let how = match pubd {
                Some(p) if days.len() > 1 => format!("'{id}' nearest the article's date {p} is {date}"),
                _ => format!("'{id}' is {date}"),
            };
            Some(Resolved { date, precision: Precision::Day, slack: 0, year_inferred: days.len() > 1, relative: false, how: Some(how.into()) })
        }
        RawDate::Weekday { day, future, or_today } => {
            let p = pubd?;
            let target = Weekday::from_monday_one_offset(*day as i8).ok()?;
            if *future {
                let ahead = (target.to_monday_zero_offset() - p.weekday().to_monday_zero_offset()).rem_euclid(7);
                let ahead = if ahead == 0 && !*or_today { 7 } else { ahead };
                let date = add(p, ahead as i64, 0, 0)?;
                return Some(Resolved { date, precision: Precision::Day, slack: 0, year_inferred: false, relative: true, how: Some(format!("the {target:?} {} the article's date {p} is {date}", if *or_today { "on or after" } else { "after" }).into()) });
            }
            let back = (p.weekday().to_monday_zero_offset() - target.to_monday_zero_offset()).rem_euclid(7);
            let date = add(p, -(back as i64), 0, 0)?;
            Some(Resolved { date, precision: Precision::Day, slack: 0, year_inferred: false, relative: true, how: Some(format!("{target:?} on or before the article's date {p} is {date}").into()) })
        }
    }
}

/// Whether two resolved dates can be the same day (a month holds its days).
pub fn dates_compatible(a: &Resolved, b: &Resolved) -> bool {
    let p = a.precision.max(b.precision);
    match p {
        Precision::Day => days_between(a.date, b.date).abs() <= a.slack + b.slack,
        Precision::Month => a.date.year() == b.date.year() && a.date.month() == b.date.month(),
        Precision::Year => a.date.year() == b.date.year(),
    }
}
