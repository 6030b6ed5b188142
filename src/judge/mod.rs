//! Judge: decides how the claims of one block relate — corroborated, compatible, conflict,
//! updated or single-source — with a severity and one sentence a person can check.
//!
//! "No false alarms" is the design goal: a conflict needs two claims that cannot both hold
//! for the same thing at the same time; anything unsure is compatible or a warning.
//!
//! One file per kind of judgement, each owning its explanations: `figures` (counts and
//! amounts: partitioned by measure and incident, then corroborations, conflicts between
//! sources at one time, and each source's timeline), `events` (events and their places),
//! `dates` (dates, clock times and places as claims), `quotes` (quotations and statements),
//! `recency`, `sets`.

mod dates;
mod events;
mod figures;
mod quotes;
mod recency;
mod sets;

use crate::align::Block;
use crate::claim::*;
use crate::rules::RuleSet;

pub use figures::stamp_of;
pub use quotes::similarity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Conflict,
    Updated,
    Compatible,
    Corroborated,
    SingleSource,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Updated => "updated",
            Verdict::Compatible => "compatible",
            Verdict::Corroborated => "corroborated",
            Verdict::SingleSource => "single_source",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub verdict: Verdict,
    pub severity: Severity,
    pub claims: Vec<usize>,
    /// One sentence a person can check, its claims' citations held as marks (`cite_mark`): read
    /// it through `Report::explanation`, which writes them out.
    pub explanation: String,
    /// What the finding is about, for grouping in the table ("munitions", "sign").
    pub topic: String,
    /// Rests on one document (a check inside one article).
    pub in_document: bool,
    /// The alignment key of the block the finding was judged in (`quantity|deaths`,
    /// `weekday`, `name`): what the finding is about, stable across runs.
    pub key: String,
    /// A stable name for what the finding says (`report::fingerprint`), filled when the
    /// report is assembled; baselines match findings by it.
    pub fingerprint: String,
}

/// A block's findings and the relations (claim, claim, verdict) they add to the graph.
pub type Judged = (Vec<Finding>, Vec<Edge>);

/// A judged relation between two claims (their indices, and the verdict that relates them): 12
/// bytes, a run holds about four per finding. (A run holds far fewer than `u32::MAX` claims: a
/// claim takes over a hundred bytes.)
pub type Edge = (u32, u32, Verdict);

/// A claim's index in an `Edge`.
pub fn edge_end(claim: usize) -> u32 {
    u32::try_from(claim).unwrap_or(u32::MAX)
}

/// The text in a block of its own length (as `extract::exact` for an article's vectors).
/// `format!` grows its buffer by doubling, and a finding's explanation is kept to the end of the
/// run: it would hold up to twice its length (a tenth of a large run's memory).
pub fn exact_text(s: String) -> String {
    if s.capacity() == s.len() { s } else { s.as_str().to_owned() }
}

/// A claim's citation as an explanation holds it until it is written out: NUL, the claim's
/// index, NUL (an article's text never holds NUL: such a file is refused as binary). The full
/// citation (`Report::cite`: file, line, column and words) is several times longer, and a run
/// holds every finding's explanation; `Report::explanation` writes each mark out.
pub fn cite_mark(claim: usize) -> String {
    format!("\0{claim}\0")
}

/// `text` with each citation mark (`cite_mark`) replaced by `cite` of its claim (a mark `cite`
/// gives nothing for is left as it is).
pub fn expand_cites(text: &str, cite: impl Fn(usize) -> Option<String>) -> std::borrow::Cow<'_, str> {
    if !text.contains('\0') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = rest.find('\0') {
        let after = &rest[at + 1..];
        let mark = after.find('\0').and_then(|end| {
            let digits = &after[..end];
            let claim = digits.parse::<usize>().ok().filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))?;
            Some((cite(claim)?, end))
        });
        match mark {
            Some((c, end)) => {
                out.push_str(&rest[..at]);
                out.push_str(&c);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[..=at]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// How to name a claim in an explanation, and which document and source group it is from.
pub trait Cite: Sync {
    /// The claim's citation as an explanation holds it (`cite_mark`, written out with the report).
    fn cite(&self, claim: usize) -> String;
    fn doc_of(&self, claim: usize) -> usize;
    /// The independent source the claim's document belongs to: documents with the same text
    /// are one source, so a copy never corroborates itself.
    fn group_of(&self, claim: usize) -> usize {
        self.doc_of(claim)
    }
    /// The document's file name, for "Only X states this".
    fn file_of(&self, claim: usize) -> String;
    /// The words the claim rests on, as written.
    fn text_of(&self, _claim: usize) -> String {
        String::new()
    }
}

pub struct Judge<'a> {
    pub rules: &'a RuleSet,
    pub claims: &'a [Claim],
    pub cite: &'a dyn Cite,
}

/// Pairwise checks look at no more than this many claims of one block, so cost stays linear in
/// the corpus however many articles repeat one fact.
const PAIR_SCAN: usize = 64;

fn finding(verdict: Verdict, severity: Severity, claims: Vec<usize>, topic: &str, explanation: String) -> Finding {
    Finding { verdict, severity, claims, explanation: exact_text(explanation), topic: topic.to_string(), in_document: false, key: String::new(), fingerprint: String::new() }
}

impl Judge<'_> {
    /// The figures stated in claim `i`'s sentence (claims of one sentence are adjacent).
    fn sentence_figures(&self, i: usize) -> Vec<&crate::claim::Quantity> {
        let c = &self.claims[i];
        let same = |j: usize| self.claims[j].doc == c.doc && self.claims[j].sentence == c.sentence;
        let from = (0..i).rev().take_while(|&j| same(j)).last().unwrap_or(i);
        let to = (i..self.claims.len()).take_while(|&j| same(j)).last().unwrap_or(i);
        (from..=to).filter_map(|j| match &self.claims[j].value {
            Value::Quantity(q) => Some(q.as_ref()),
            _ => None,
        }).collect()
    }

    /// Two claims whose sentences state one measure at values further apart than its
    /// `distinct_beyond` (a quake of 6.2 and one of 3.9): they speak of different things.
    fn measures_apart(&self, x: usize, y: usize) -> bool {
        let units = self.rules.languages.values().flat_map(|p| p.units.iter());
        let (fx, fy) = (self.sentence_figures(x), self.sentence_figures(y));
        let of = |fs: &[&crate::claim::Quantity], u: &str| fs.iter().filter(|q| q.unit.as_deref() == Some(u)).map(|q| figures::mid(&q.interval)).collect::<Vec<f64>>();
        units.filter_map(|u| u.distinct_beyond.map(|d| (u.id.as_str(), d))).any(|(u, d)| {
            let ys = of(&fy, u);
            of(&fx, u).iter().any(|a| ys.iter().any(|b| (a - b).abs() > d))
        })
    }

    /// How many independent sources the claims come from.
    fn docs(&self, ids: &[usize]) -> usize {
        // Most blocks and groups hold one or two claims: counted without a set.
        match ids {
            [] => 0,
            [_] => 1,
            [a, b] => 1 + usize::from(self.cite.group_of(*a) != self.cite.group_of(*b)),
            _ => {
                let mut groups: Vec<usize> = ids.iter().map(|&i| self.cite.group_of(i)).collect();
                groups.sort_unstable();
                groups.dedup();
                groups.len()
            }
        }
    }

    /// Two claims come from independent sources.
    fn apart_sources(&self, x: usize, y: usize) -> bool {
        self.cite.group_of(x) != self.cite.group_of(y)
    }

    /// Judge one block. Returns findings and the graph edges they rest on.
    pub fn block(&self, b: &Block) -> Judged {
        let topic = b.key.split('|').nth(1).unwrap_or("").to_string();
        let mut found = if self.docs(&b.claims) < 2 {
            let ex = format!("Only {} states this ({}).", self.cite.file_of(b.claims[0]), describe(&self.claims[b.claims[0]]));
            vec![finding(Verdict::SingleSource, Severity::Info, b.claims.clone(), &topic, ex)]
        } else {
            match &self.claims[b.claims[0]].value {
                Value::Quantity(_) => self.quantities(b, &topic),
                Value::Event(_) => self.events(b, &topic),
                Value::Date { .. } => self.dates(b),
                Value::Time { .. } => self.times(b),
                Value::Location { .. } => self.locations(b),
                Value::Recency(_) => self.recency(b, &topic),
                Value::Quote(_) => self.quotes(b, &topic),
                Value::Set { .. } => self.sets(b, &topic),
                Value::Duration { .. } => vec![],
            }
        };
        for f in &mut found {
            f.key = b.key.clone();
            f.claims.sort();
            f.claims.dedup();
        }
        let mut edges = Vec::new();
        for f in &found {
            for w in f.claims.windows(2) {
                edges.push((edge_end(w[0]), edge_end(w[1]), f.verdict));
            }
        }
        (found, edges)
    }

    fn cites(&self, ids: &[usize]) -> String {
        ids.iter().map(|&i| self.cite.cite(i)).collect::<Vec<_>>().join(", ")
    }
}

/// A short description of a claim's value, for explanations and the table.
pub fn describe(c: &Claim) -> String {
    match &c.value {
        Value::Quantity(q) => {
            let unit = q.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
            let thing = q.of.as_deref().map(str::to_string).or_else(|| q.more().noun.as_ref().map(|n| q.more().predicate.as_ref().map_or(n.clone(), |p| format!("{n} ({p})")))).unwrap_or_else(|| "?".into());
            format!("{}{unit} of {thing}", q.interval.describe())
        }
        Value::Date { date, .. } => date.resolved.as_ref().map_or("an unresolved date".into(), |r| r.iso()),
        Value::Time { time, date, .. } => {
            let d = date.as_ref().and_then(|d| d.resolved.as_ref()).map(|r| format!("{} ", r.iso())).unwrap_or_default();
            format!("{d}{}", time.describe())
        }
        Value::Location { place, within, .. } => {
            if within.is_empty() {
                place.clone()
            } else {
                format!("{place} ({})", within.join(", "))
            }
        }
        Value::Duration { amount, unit } => format!("{} {}(s)", amount.describe(), unit.name()),
        Value::Recency(r) => match r.since {
            Some((a, b)) if a == b => format!("previous {} in {a}", r.event.as_deref().unwrap_or("occurrence")),
            Some((a, b)) => format!("previous {} in {a}–{b}", r.event.as_deref().unwrap_or("occurrence")),
            None => format!("ordinal {}", r.ordinal),
        },
        Value::Event(e) => {
            let d = e.date.as_ref().and_then(|d| d.resolved.as_ref()).map(|r| format!(" {} {}", if r.precision == Precision::Day { "on" } else { "in" }, r.iso())).unwrap_or_default();
            let p = e.place.as_ref().map(|p| format!(" in {p}")).unwrap_or_default();
            format!("{}{d}{p}", e.event)
        }
        Value::Quote(q) => format!("\u{201c}{}\u{201d}", truncate(q.text(), 60)),
        Value::Set { members, predicate } => format!("{predicate}: {}", members.join(", ")),
    }
}

pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let t: String = s.chars().take(n).collect();
    format!("{t}…")
}

#[cfg(test)]
mod cite_mark_tests {
    use super::{cite_mark, expand_cites};

    fn cite(i: usize) -> Option<String> {
        (i < 3).then(|| format!("a.txt:{i}:1 'w{i}'"))
    }

    #[test]
    fn marks_are_written_out_and_nothing_else_changes() {
        let text = format!("{} vs {}, and {}.", cite_mark(0), cite_mark(2), cite_mark(1));
        assert_eq!(expand_cites(&text, cite), "a.txt:0:1 'w0' vs a.txt:2:1 'w2', and a.txt:1:1 'w1'.");
        // No mark: the text itself, not a copy.
        assert!(matches!(expand_cites("no marks", cite), std::borrow::Cow::Borrowed("no marks")));
        // A mark of no claim, NULs around something else, a lone NUL: left as they are.
        for odd in [cite_mark(7), "\0x1\0".to_string(), "\0+1\0".to_string(), "\0\0".to_string(), "end \0".to_string()] {
            assert_eq!(expand_cites(&odd, cite), odd);
        }
        assert_eq!(expand_cites(&format!("\0{}", cite_mark(1)), cite), "\0a.txt:1:1 'w1'");
    }
}
