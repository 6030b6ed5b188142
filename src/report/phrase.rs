//! Phrase: a claim's normalised value as a person writes it — "more than 11,000 containers of
//! munitions", "about 700 injured", "between 20 and 30 deaths", "magnitude 5.6",
//! "Wed 19 Jun 2024", "14:52 WIB (07:52 UTC)" — and the names people know things by (outlets,
//! people, places). Words come from `Labels` (the rules); only the interface's own phrasing
//! ("more than", "between … and …", "on", "in") is written here.
//!
//! Built on the claim types, never on explanation text, so it follows the judge as it changes.

use crate::Report;
use crate::claim::{Claim, DateMention, Interval, Quantity, Ref, Resolved, TimeMention, Value, fmt_num};
use crate::judge::{Finding, truncate};
use crate::rules::QualifierOp;

use super::labels::{Labels, title_case, words_of};

/// How long a quotation may be in a value before it is cut.
const QUOTE_CHARS: usize = 60;

/// Phrases the claims of one report.
#[derive(Clone, Copy)]
pub struct Phraser<'a> {
    pub rep: &'a Report,
}

/// The text of `slug` as the sentence writes it ("bpbd" → "BPBD", "nico_afianta" → "Nico
/// Afianta"), when the words stand there in that order; `None` otherwise.
pub fn as_written(slug: &str, sentence: &str) -> Option<String> {
    let words: Vec<String> = slug.split('_').filter(|w| !w.is_empty()).map(regex::escape).collect();
    if words.is_empty() {
        return None;
    }
    let re = regex::RegexBuilder::new(&format!(r"\b{}\b", words.join(r"[\s\-]+"))).case_insensitive(true).build().ok()?;
    re.find(sentence).map(|m| m.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
}

/// "42" or "more than 11,000": an interval with its qualifier, and the count it stands for
/// (for singular and plural), or `None` for an unstated amount.
fn amount(iv: &Interval, op: Option<QualifierOp>) -> (Option<String>, Option<f64>) {
    let n = fmt_num;
    let mid = match (iv.low, iv.high) {
        (Some(a), Some(b)) => Some((a + b) / 2.0),
        _ => None,
    };
    let text = match (op, iv.low, iv.high) {
        (Some(QualifierOp::Gt), Some(a), _) => format!("more than {}", n(a)),
        (Some(QualifierOp::Ge), Some(a), _) => format!("at least {}", n(a)),
        (Some(QualifierOp::Lt), _, Some(b)) => format!("fewer than {}", n(b)),
        (Some(QualifierOp::Le), _, Some(b)) => format!("up to {}", n(b)),
        (Some(QualifierOp::About), Some(_), Some(_)) => format!("about {}", n(round_like(mid.unwrap_or(0.0)))),
        (Some(QualifierOp::Nearly), _, Some(b)) => format!("nearly {}", n(b)),
        (_, Some(a), Some(b)) if a == b => n(a),
        (_, Some(a), Some(b)) => format!("between {} and {}", n(a), n(b)),
        (_, Some(a), None) if iv.low_open => format!("more than {}", n(a)),
        (_, Some(a), None) => format!("at least {}", n(a)),
        (_, None, Some(b)) if iv.high_open => format!("fewer than {}", n(b)),
        (_, None, Some(b)) => format!("up to {}", n(b)),
        (_, None, None) => return (None, None),
    };
    let count = if iv.is_point() { iv.low } else { None };
    (Some(text), count)
}

/// The midpoint of "about N"'s interval is N up to rounding error: give it back as written.
fn round_like(v: f64) -> f64 {
    let r = (v * 1000.0).round() / 1000.0;
    if (r - r.round()).abs() < 1e-6 { r.round() } else { r }
}

/// Glue a unit written before the number: "US$137", "€85", but "Rp 19,200", "magnitude 5.6".
fn prefixed(unit: &str, number: &str) -> String {
    if unit.chars().last().is_some_and(char::is_alphanumeric) { format!("{unit} {number}") } else { format!("{unit}{number}") }
}

impl<'a> Phraser<'a> {
    pub fn new(rep: &'a Report) -> Phraser<'a> {
        Phraser { rep }
    }

    fn labels(&self) -> &'a Labels {
        &self.rep.labels
    }

    /// The outlet of a document: its front matter or `Source:` line, else its file name.
    pub fn outlet(&self, doc: usize) -> String {
        let d = &self.rep.documents[doc];
        d.outlet.clone().filter(|o| !o.trim().is_empty()).unwrap_or_else(|| d.file_name().to_string())
    }

    /// A name for an id met in a claim: the rules' label, else as the claim's sentence writes
    /// it, else title-cased.
    pub fn name(&self, id: &str, claim: &Claim) -> String {
        if let Some(l) = self.labels().entity(id).or_else(|| self.labels().role(id)) {
            return l.to_string();
        }
        // The claim's sentence first, then its article: the same name is written the same way
        // wherever the article has it.
        let d = &self.rep.documents[claim.doc];
        let sentence = d.text.get(claim.sentence.range()).unwrap_or("");
        as_written(id, sentence).or_else(|| as_written(id, &d.text)).unwrap_or_else(|| title_case(id))
    }

    pub fn reference(&self, r: &Ref, claim: &Claim) -> String {
        self.name(r.id(), claim)
    }

    /// Who states a claim: its source or speaker, else the outlet that prints it; "(alleged)"
    /// when stated as an accusation or estimate.
    pub fn who(&self, ci: usize) -> String {
        let c = &self.rep.claims[ci];
        let who = c.source.as_ref().or(c.speaker.as_ref()).map_or_else(|| self.outlet(c.doc), |r| self.reference(r, c));
        if c.hedged { format!("{who} (alleged)") } else { who }
    }

    /// "Wed 19 Jun 2024", "Jun 2024", "2024"; ISO when the rules name no months.
    pub fn date(&self, r: &Resolved) -> String {
        let l = self.labels();
        let d = r.date;
        let Some(month) = l.month(d.month()) else { return r.iso() };
        match r.precision {
            crate::claim::Precision::Day => {
                let wd = l.weekday(d.weekday().to_monday_one_offset()).map(|w| format!("{w} ")).unwrap_or_default();
                format!("{wd}{} {month} {}", d.day(), d.year())
            }
            crate::claim::Precision::Month => format!("{month} {}", d.year()),
            crate::claim::Precision::Year => d.year().to_string(),
        }
    }

    /// The date of a mention, if it was resolved.
    pub fn date_of(&self, m: Option<&DateMention>) -> Option<String> {
        m.and_then(|m| m.resolved.as_ref()).map(|r| self.date(r))
    }

    /// "14:52 WIB (07:52 UTC)", "about 02:45 local time", "09:30": the zone as the article
    /// writes it, when the rules of its language know it.
    pub fn time(&self, t: &TimeMention, doc: usize) -> String {
        let hm = |m: i32| {
            let m = m.rem_euclid(24 * 60);
            format!("{:02}:{:02}", m / 60, m % 60)
        };
        let about = if t.approx { "about " } else { "" };
        let local = hm(t.minutes);
        let d = &self.rep.documents[doc];
        match t.zone {
            Some(0) => format!("{about}{local} UTC"),
            Some(z) => {
                let written = d.text.get(t.span.start..t.span.end).unwrap_or("");
                let name = self.labels().zones(&d.language, z).find(|n| written.contains(n)).map(str::to_string).unwrap_or_else(|| {
                    format!("UTC{}{:02}:{:02}", if z < 0 { '-' } else { '+' }, z.abs() / 60, z.abs() % 60)
                });
                format!("{about}{local} {name} ({} UTC)", hm(t.minutes - z))
            }
            None if t.local => format!("{about}{local} local time"),
            None => format!("{about}{local}"),
        }
    }

    /// What a figure counts, for a count of `n`: "deaths", "containers"; parts of a compound
    /// key ("deaths.police") each labelled.
    pub fn thing(&self, q: &Quantity, n: Option<f64>) -> Option<String> {
        let l = self.labels();
        if let Some(of) = &q.of {
            let parts: Vec<String> = of.split('.').filter(|p| !p.is_empty()).map(|p| l.concept(p, n)).collect();
            return Some(parts.join(" · "));
        }
        q.more().noun.as_ref().map(|noun| match &q.more().predicate {
            Some(p) => format!("{noun} ({p})"),
            None => noun.clone(),
        })
    }

    /// A figure as a person writes it.
    pub fn quantity(&self, q: &Quantity, c: &Claim) -> String {
        let l = self.labels();
        let op = q.qualifier.as_ref().map(|(_, op)| *op);
        let (written, count) = amount(&q.interval, op);
        // The unit the thing is counted in is not repeated ("12 deaths", not "12 persons of
        // deaths"); a unit that measures the thing itself stands alone ("magnitude 5.6").
        let unit = q.unit.as_deref().filter(|u| !q.of.as_deref().is_some_and(|of| l.implied_unit(of.rsplit('.').next().unwrap_or(of), u)));
        let unit_measures_thing = unit.is_some_and(|u| l.unit_of(u).is_some_and(|m| q.of.as_deref().is_none_or(|of| of.rsplit('.').next() == Some(m))));
        let thing = if unit_measures_thing { None } else { self.thing(q, if unit.is_some() { None } else { count }) };
        let mut out = match (&q.more().vague, written) {
            (Some(v), _) => {
                let lead = l.vague(v).map_or_else(|| format!("{} of", words_of(v)), |x| x.form(None).to_string());
                match &thing {
                    Some(t) => format!("{lead} {t}"),
                    None => lead,
                }
            }
            (None, None) => match &thing {
                Some(t) => format!("an unstated amount of {t}"),
                None => "an unstated amount".to_string(),
            },
            (None, Some(a)) => {
                let measured = match unit.map(|u| (u, l.unit(u))) {
                    Some((_, Some(ul))) if ul.prefix => prefixed(ul.label.form(count), &a),
                    Some((_, Some(ul))) => format!("{a} {}", ul.label.form(count)),
                    Some((u, None)) => format!("{a} {}", words_of(u)),
                    None => a,
                };
                match (&thing, unit.is_some()) {
                    (Some(t), true) => format!("{measured} of {t}"),
                    (Some(t), false) => format!("{measured} {t}"),
                    (None, _) => measured,
                }
            }
        };
        if let Some(owner) = &q.more().owner {
            out.push_str(&owner_words(owner, self.name(owner, c)));
        }
        if let Some((iv, u)) = q.more().converted.as_deref() {
            let (a, count) = amount(iv, None);
            if let Some(a) = a {
                let conv = match l.unit(u) {
                    Some(ul) if ul.prefix => prefixed(ul.label.form(count), &a),
                    Some(ul) => format!("{a} {}", ul.label.form(count)),
                    None => format!("{a} {}", words_of(u)),
                };
                out.push_str(&format!(" ({conv})"));
            }
        }
        if q.earlier {
            out.push_str(" (earlier figure)");
        }
        if q.revised {
            out.push_str(" (revised)");
        }
        out
    }

    /// A place: the rules' name, else as written.
    pub fn place(&self, id: &str, c: &Claim) -> String {
        self.name(id, c)
    }

    /// A claim's value as a person writes it.
    pub fn value(&self, ci: usize) -> String {
        let c = &self.rep.claims[ci];
        let l = self.labels();
        match &c.value {
            Value::Quantity(q) => self.quantity(q, c),
            Value::Date { date, .. } => self.date_of(Some(date)).unwrap_or_else(|| "an unresolved date".into()),
            Value::Time { time, date, .. } => match self.date_of(date.as_deref()) {
                Some(d) => format!("{d}, {}", self.time(time, c.doc)),
                None => self.time(time, c.doc),
            },
            Value::Location { place, within, .. } => {
                let p = self.place(place, c);
                if within.is_empty() { p } else { format!("{p} ({})", within.iter().map(|w| self.place(w, c)).collect::<Vec<_>>().join(", ")) }
            }
            Value::Duration { amount: iv, unit } => {
                let (a, count) = amount(iv, None);
                let name = unit.name();
                let unit = if count == Some(1.0) {
                    name.to_string()
                } else if let Some(stem) = name.strip_suffix('y') {
                    format!("{stem}ies")
                } else {
                    format!("{name}s")
                };
                format!("{} {unit}", a.unwrap_or_else(|| "some".into()))
            }
            Value::Recency(r) => {
                let ev = r.event.as_deref().map_or_else(|| "occurrence".to_string(), |e| l.event(e));
                match r.since {
                    Some((a, b)) if a == b => format!("the previous {ev} was in {a}"),
                    Some((a, b)) if a < -100_000 => format!("the previous {ev} was before {b}"),
                    Some((a, b)) => format!("the previous {ev} was in {a}–{b}"),
                    None => format!("{ev} number {}", r.ordinal),
                }
            }
            Value::Event(e) => {
                let mut s = l.event(&e.event);
                if let Some(r) = e.date.as_ref().and_then(|m| m.resolved.as_ref()) {
                    // "on" a day, "in" a month or a year.
                    let on = if r.precision == crate::claim::Precision::Day { "on" } else { "in" };
                    s.push_str(&format!(" {on} {}", self.date(r)));
                }
                if let Some(t) = &e.time {
                    s.push_str(&format!(" at {}", self.time(t, c.doc)));
                }
                if let Some(p) = &e.place {
                    s.push_str(&format!(" in {}", self.place(p, c)));
                }
                if let Some(p) = &e.destination {
                    s.push_str(&format!(" to {}", self.place(p, c)));
                }
                s
            }
            Value::Quote(q) => format!("\u{201c}{}\u{201d}", truncate(q.text().trim(), QUOTE_CHARS)),
            Value::Set { members, predicate } => {
                format!("{}: {}", l.set_predicate(predicate), members.iter().map(|m| self.name(m, c)).collect::<Vec<_>>().join(", "))
            }
        }
    }

    /// What a finding is about, for people: "deaths", "earthquake", "quote · Ridwan Kamil".
    pub fn fact(&self, f: &Finding) -> String {
        let l = self.labels();
        // Checks inside one article and name links have no value of their own to name.
        if f.key == "weekday" {
            return "weekday of a date".into();
        }
        if f.key.starts_with("name|") {
            return "name spelling".into();
        }
        let Some(&ci) = f.claims.first() else { return f.topic.clone() };
        let c = &self.rep.claims[ci];
        let speaker = |c: &Claim| c.speaker.as_ref().map(|r| self.reference(r, c));
        match &c.value {
            Value::Quantity(q) => {
                let mut t = self.thing(q, None).unwrap_or_else(|| words_of(&f.topic));
                if let Some(owner) = &q.more().owner {
                    t.push_str(&owner_words(owner, self.name(owner, c)));
                }
                t
            }
            Value::Event(e) => l.event(&e.event),
            // A date, a time or a place is the fact itself: name it.
            Value::Date { date, .. } => self.date_of(Some(date)).map_or_else(|| "date".to_string(), |d| format!("date · {d}")),
            Value::Time { time, .. } => format!("time · {}", self.time(time, c.doc)),
            Value::Location { place, .. } => format!("place · {}", self.place(place, c)),
            Value::Duration { .. } => "duration".into(),
            Value::Recency(r) => format!("recency · {}", r.event.as_deref().map_or_else(|| "occurrence".to_string(), |e| l.event(e))),
            Value::Quote(_) => speaker(c).map_or_else(|| "quote".to_string(), |s| format!("quote · {s}")),
            Value::Set { predicate, .. } => l.set_predicate(predicate),
        }
    }
}

/// " (Polri)" after the thing counted; a person's own count says so.
fn owner_words(owner: &str, name: String) -> String {
    if owner == crate::claim::HOLDER { " (a person's own)".to_string() } else { format!(" ({name})") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_written() {
        let iv = |low, high, low_open, high_open| Interval { low, high, low_open, high_open };
        assert_eq!(amount(&Interval::exact(12.0), None), (Some("12".into()), Some(12.0)));
        assert_eq!(amount(&iv(Some(11000.0), None, true, false), Some(QualifierOp::Gt)).0.as_deref(), Some("more than 11,000"));
        assert_eq!(amount(&iv(Some(162.0), Some(198.0), false, false), Some(QualifierOp::About)).0.as_deref(), Some("about 180"));
        assert_eq!(amount(&iv(Some(20.0), Some(30.0), false, false), None).0.as_deref(), Some("between 20 and 30"));
        assert_eq!(amount(&iv(Some(90.0), Some(100.0), false, false), Some(QualifierOp::Nearly)).0.as_deref(), Some("nearly 100"));
        assert_eq!(amount(&iv(None, None, false, false), None).0, None);
    }

    #[test]
    fn names_are_found_as_written() {
        assert_eq!(as_written("bpbd", "menurut data BPBD Jawa Timur").as_deref(), Some("BPBD"));
        assert_eq!(as_written("nico_afianta", "kata Irjen Nico  Afianta kemarin").as_deref(), Some("Nico Afianta"));
        assert_eq!(as_written("nico_afianta", "kata Irjen Nico kemarin"), None);
        assert_eq!(prefixed("US$", "137"), "US$137");
        assert_eq!(prefixed("magnitude", "5.6"), "magnitude 5.6");
    }
}
