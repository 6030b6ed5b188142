//! Claim: the types that flow from extraction to judgement. Core types carry no serialisation;
//! the wire format lives in `report::json`.

use jiff::civil::Date;

use crate::rules::{QualifierOp, TimeUnit};
use crate::segment::{Span, Span32};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Quantity,
    Date,
    Time,
    Duration,
    Event,
    Quote,
    /// Reported speech without quotation marks ("Ia menekankan, …", "he said that …").
    Statement,
    Location,
    Set,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Quantity => "quantity",
            Kind::Date => "date",
            Kind::Duration => "duration",
            Kind::Event => "event",
            Kind::Quote => "quote",
            Kind::Statement => "statement",
            Kind::Location => "location",
            Kind::Time => "time",
            Kind::Set => "set",
        }
    }
}

/// A closed or half-open interval of numbers; `None` ends are unbounded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The low end itself is excluded ("more than 10,000").
    pub low_open: bool,
    pub high_open: bool,
}

impl Interval {
    pub fn exact(v: f64) -> Interval {
        Interval { low: Some(v), high: Some(v), low_open: false, high_open: false }
    }
    pub fn is_point(&self) -> bool {
        matches!((self.low, self.high), (Some(a), Some(b)) if a == b)
    }
    /// True when some number lies in both.
    pub fn overlaps(&self, o: &Interval) -> bool {
        let below = |hi: Option<f64>, hi_open: bool, lo: Option<f64>, lo_open: bool| match (hi, lo) {
            (Some(h), Some(l)) => h < l || (h == l && (hi_open || lo_open)),
            _ => false,
        };
        !(below(self.high, self.high_open, o.low, o.low_open) || below(o.high, o.high_open, self.low, self.low_open))
    }
    /// True when `o` lies wholly inside `self`.
    pub fn contains(&self, o: &Interval) -> bool {
        let lo_ok = match (self.low, o.low) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => a < b || (a == b && (!self.low_open || o.low_open)),
        };
        let hi_ok = match (self.high, o.high) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => a > b || (a == b && (!self.high_open || o.high_open)),
        };
        lo_ok && hi_ok
    }
    /// Human form: "> 11000", "10000–12000", "= 24".
    pub fn describe(&self) -> String {
        let n = fmt_num;
        match (self.low, self.high) {
            (Some(a), Some(b)) if a == b => n(a),
            (Some(a), Some(b)) => format!("{}–{}", n(a), n(b)),
            (Some(a), None) => format!("{}{}", if self.low_open { "> " } else { "≥ " }, n(a)),
            (None, Some(b)) => format!("{}{}", if self.high_open { "< " } else { "≤ " }, n(b)),
            (None, None) => "an unstated amount".to_string(),
        }
    }
}

/// A number for people: no trailing ".0", thousands grouped with a thin comma.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let s = format!("{}", v as i64);
        let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        format!("{sign}{out}")
    } else {
        format!("{}", (v * 1000.0).round() / 1000.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A date expression as written, before it is resolved against the article's date.
#[derive(Debug, Clone, PartialEq)]
pub enum RawDate {
    /// "Senin (3/3/2025)", "3 Maret 2025", "Selasa (4/3)", "Januari 2026".
    Absolute { day: Option<u8>, month: u8, year: Option<i32>, weekday: Option<u8> },
    /// "kemarin", "bulan depan": offsets from the article's date.
    Relative(Box<RelativeDate>),
    /// "Hari Rabu": the latest such weekday not after the article's date; with a future
    /// marker ("Rabu mendatang") the next one after it, or with one further back in the clause
    /// ("will take effect on Friday") the first on or after it (`or_today`).
    Weekday { day: u8, future: bool, or_today: bool },
    /// "on the 15th", "tanggal 15": that day of the month nearest the article's date; with a
    /// future marker the first one on or after it; "the 20th of next month": that day of the
    /// month `months` from the article's.
    DayOfMonth { day: u8, future: bool, months: Option<i32> },
    /// "in 2014", "pada tahun 2014": a year alone.
    Year { year: i32 },
    /// "in September the year before", "Juni tahun sebelumnya": a month (and day) of the year
    /// `years` from the article's.
    InYearFrom { day: Option<u8>, month: u8, years: i32 },
    /// "on Christmas Day", "pada Idul Fitri": the holiday's days (one per year of its table, or
    /// the one year written) of which the one nearest the article's date is meant.
    Holiday(Box<HolidayDate>),
}

// Every figure holds one (its date): the rare expressions with a name and offsets are boxed.
const _: () = assert!(std::mem::size_of::<RawDate>() <= 16);

/// "kemarin", "bulan depan", "three days ago": offsets from the article's date.
#[derive(Debug, Clone, PartialEq)]
pub struct RelativeDate {
    pub id: String,
    pub days: i64,
    pub months: i64,
    pub years: i64,
    pub precision: Option<Precision>,
    pub tolerance: i64,
}

/// A holiday's name and its days (one per year of its table, or the one year written).
#[derive(Debug, Clone, PartialEq)]
pub struct HolidayDate {
    pub id: String,
    pub days: Vec<Date>,
}

impl RawDate {
    /// Whether the expression names one day (not a month, a year or a week).
    pub fn names_day(&self) -> bool {
        match self {
            RawDate::Absolute { day, .. } => day.is_some(),
            RawDate::Relative(r) => r.precision.is_none_or(|p| p == Precision::Day) && (r.days != 0 || (r.months == 0 && r.years == 0)),
            RawDate::Year { .. } => false,
            RawDate::InYearFrom { day, .. } => day.is_some(),
            RawDate::Weekday { .. } | RawDate::DayOfMonth { .. } | RawDate::Holiday(_) => true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub date: Date,
    pub precision: Precision,
    /// Days either side the expression may mean ("last night", "last week").
    pub slack: i64,
    /// The year was not written: taken from the article's or the corpus's date.
    pub year_inferred: bool,
    /// Resolved from a relative word or a bare weekday, against the article's date.
    pub relative: bool,
    /// How it was resolved, for explanations ("'kemarin' from the article's date 2025-03-05 is
    /// 2025-03-04"); `None` for a date written in full, which its ISO form says (`how()`): no
    /// string is made for each of the many dates and figures' stamps that are only that.
    pub how: Option<Box<str>>,
}

impl Resolved {
    pub fn iso(&self) -> String {
        Iso(self).to_string()
    }
    /// How it was resolved: the steps, or the ISO form of a date written in full.
    pub fn how(&self) -> std::borrow::Cow<'_, str> {
        self.how.as_deref().map_or_else(|| std::borrow::Cow::Owned(self.iso()), std::borrow::Cow::Borrowed)
    }
}

/// A resolved date written in ISO form to its precision: `2025-03-04`, `2025-03`, `2025`.
pub struct Iso<'a>(pub &'a Resolved);

/// The last two decimal digits of `v`, zero-padded, as ASCII.
pub fn two_digits(v: u16) -> [u8; 2] {
    [b'0' + (v / 10 % 10) as u8, b'0' + (v % 10) as u8]
}

impl Iso<'_> {
    /// The ISO form in `buf` for a year of four digits (`None` for another year): digits written
    /// directly, as `Display` would write them (every figure's date is written so, twice).
    pub fn digits(&self, buf: &mut [u8; 10]) -> Option<usize> {
        let d = self.0.date;
        let y = u16::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
        buf[0..2].copy_from_slice(&two_digits(y / 100));
        buf[2..4].copy_from_slice(&two_digits(y % 100));
        buf[4] = b'-';
        buf[5..7].copy_from_slice(&two_digits(d.month() as u16));
        buf[7] = b'-';
        buf[8..10].copy_from_slice(&two_digits(d.day() as u16));
        Some(match self.0.precision {
            Precision::Day => 10,
            Precision::Month => 7,
            Precision::Year => 4,
        })
    }
}

impl std::fmt::Display for Iso<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut buf = [0; 10];
        if let Some(n) = self.digits(&mut buf) {
            // ASCII digits and dashes.
            return f.write_str(std::str::from_utf8(&buf[..n]).unwrap_or(""));
        }
        let d = self.0.date;
        match self.0.precision {
            Precision::Day => write!(f, "{d}"),
            Precision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Precision::Year => write!(f, "{:04}", d.year()),
        }
    }
}

/// A clock time as written: "pukul 09.55 WIB", "about 2:45 a.m.".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeMention {
    pub span: Span,
    /// Minutes after midnight, local to `zone`.
    pub minutes: i32,
    /// Offset of the stated zone from UTC in minutes; `None` when no zone is stated.
    pub zone: Option<i32>,
    /// "waktu setempat" / "local time".
    pub local: bool,
    /// "sekitar", "about": a wider interval.
    pub approx: bool,
    /// Only the hour was given ("3pm").
    pub hour_only: bool,
}

impl TimeMention {
    /// The interval of minutes (in UTC when the zone is known) the mention allows.
    pub fn interval(&self) -> (i32, i32) {
        let base = self.minutes - self.zone.unwrap_or(0);
        let tol = match (self.approx, self.hour_only) {
            (true, true) => 15,
            (true, false) => 5,
            (false, _) => 0,
        };
        (base - tol, base + tol)
    }
    pub fn describe(&self) -> String {
        let z = match self.zone {
            Some(z) => format!(" UTC{}{:02}:{:02}", if z < 0 { '-' } else { '+' }, z.abs() / 60, z.abs() % 60),
            None if self.local => " local time".to_string(),
            None => String::new(),
        };
        format!("{}{:02}:{:02}{z}", if self.approx { "about " } else { "" }, self.minutes / 60, self.minutes % 60)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub span: Span,
    pub raw: RawDate,
    pub resolved: Option<Resolved>,
}

/// An id many claims hold (a unit, a counted thing): one string, shared.
pub type SharedId = std::sync::Arc<str>;

/// The id a reference names: one string shared by its copies (a speaker is copied into every
/// claim of the sentence, and a copy only counts), behind a thin pointer (a `Ref` is 16 bytes).
pub type RefId = std::sync::Arc<String>;

/// Who or what is referred to, before roles are resolved against a date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ref {
    Entity(RefId),
    /// An office ("Sekjen NATO"): resolved to its holder on the article's date.
    Role(RefId),
    /// A capitalised name the rules do not know.
    Name(RefId),
}

impl Ref {
    pub fn id(&self) -> &str {
        match self {
            Ref::Entity(s) | Ref::Role(s) | Ref::Name(s) => s,
        }
    }
}

/// A `RefId` of a string.
pub fn ref_id(s: impl Into<String>) -> RefId {
    std::sync::Arc::new(s.into())
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub interval: Interval,
    /// The unit's id ("person", "km") and what is counted ("deaths", "houses"): few ids, each
    /// one string shared by every figure that names it (`Extractor::intern`).
    pub unit: Option<SharedId>,
    pub of: Option<SharedId>,
    /// The qualifier or vague-amount rule that shaped the interval.
    pub qualifier: Option<(String, QualifierOp)>,
    /// The time the figure is stated for: a date and clock time in its sentence
    /// ("per Selasa pukul 09.55 WIB"), else the article's date (filled by normalisation).
    pub as_of: Option<DateMention>,
    pub as_of_time: Option<TimeMention>,
    /// True when `as_of` is the article's date rather than a date in the sentence.
    pub as_of_article: bool,
    /// …and that date was inferred from the body, not stated by the page.
    pub as_of_inferred: bool,
    /// A separate group ("another 20,000", "five other workers"): never compared with totals.
    pub other: bool,
    /// A part of a larger group the sentence counts ("dua di antaranya anggota Polri",
    /// "including seven children"): never a rival of the total.
    pub part: bool,
    /// An earlier figure the text itself supersedes ("semula 174", "initially 30").
    pub earlier: bool,
    /// The text says this figure revises an earlier one ("direvisi menjadi 125", "revised down to").
    pub revised: bool,
    /// Years written in the figure's clause, for `incident`: a range of its article's
    /// `DocExtract::sentence_years` (emptied once normalisation has used them).
    pub years: std::ops::Range<u32>,
    /// Dates written in the figure's sentence, for `incident`: a range of its article's
    /// `DocExtract::sentence_dates`, held once per sentence however many figures it writes
    /// (emptied once normalisation has used them).
    pub dates: std::ops::Range<u32>,
    /// What only some figures state (`Particulars`): read with `more()`, set with `set_more()`.
    pub more: More,
}

/// What few figures state, held apart (a figure is a third of the claims, and most state none of
/// these): the figure is 144 bytes smaller, and one allocation more when it states one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Particulars {
    pub vague: Option<String>,
    /// What bounds the count ("in the province", "across Asia", "in total"): an entity or
    /// name id, or a scope rule id. Figures with different scopes are never compared.
    pub scope: Option<String>,
    /// The same amount converted in brackets ("85 million euros ($108 million)"): one claim.
    pub converted: Option<Box<(Interval, String)>>,
    /// The thing counted when the rules name no concept ("tujuh jembatan" → `jembatan`), as a
    /// lemma (plural and reduplication removed): aligned with the same thing in other articles.
    pub noun: Option<String>,
    /// What happened to counted things the rules do not name, when an outcome word says it
    /// ("12 jembatan rusak" → `damaged`): part of what is counted.
    pub predicate: Option<String>,
    /// The verb of a clause restricting the counted things ("penonton yang datang ke
    /// stadion" → `datang`): two such figures only conflict when their verbs agree.
    pub clause: Option<Box<str>>,
    /// Whose the counted things are ("kendaraan milik Polri" → `polri`), or `HOLDER` for what a
    /// person the sentence speaks of has ("her 12 children").
    pub owner: Option<Box<str>>,
    /// A year the clause names that is not the article's (filled by normalisation from
    /// `years`): the figure belongs to another incident ("the 2004 tsunami killed 170,000").
    pub incident: Option<Box<str>>,
}

impl Particulars {
    const NONE: Particulars = Particulars { vague: None, scope: None, converted: None, noun: None, predicate: None, clause: None, owner: None, incident: None };
}

/// A figure's `Particulars`, allocated only when one is set: equal when what they state is
/// equal (an emptied box is none).
#[derive(Debug, Clone, Default)]
pub struct More(Option<Box<Particulars>>);

impl PartialEq for More {
    fn eq(&self, o: &More) -> bool {
        self.get() == o.get()
    }
}

impl More {
    /// The particulars, boxed only when one is stated.
    pub fn of(p: Particulars) -> More {
        More((p != Particulars::NONE).then(|| Box::new(p)))
    }
    fn get(&self) -> &Particulars {
        self.0.as_deref().unwrap_or(&Particulars::NONE)
    }
}

/// The owner of a count a person has ("one of her 12 children", "mother of 12 children"): an
/// attribute of that person, never the story's count of the thing.
pub const HOLDER: &str = "holder";

impl Quantity {
    /// A figure with only its value: every other field empty.
    pub fn new(interval: Interval) -> Quantity {
        Quantity {
            interval,
            unit: None,
            of: None,
            qualifier: None,
            as_of: None,
            as_of_time: None,
            as_of_article: false,
            as_of_inferred: false,
            other: false,
            part: false,
            earlier: false,
            revised: false,
            years: 0..0,
            dates: 0..0,
            more: More::default(),
        }
    }
    /// What few figures state (all `None` for most).
    pub fn more(&self) -> &Particulars {
        self.more.get()
    }
    /// The same, to set: allocated on first use (so only to set something: `set_more`).
    fn more_mut(&mut self) -> &mut Particulars {
        self.more.0.get_or_insert_with(Box::default)
    }
    /// The particulars to change, when there are any.
    pub fn more_if_any(&mut self) -> Option<&mut Particulars> {
        self.more.0.as_deref_mut()
    }
    /// Set one of the particulars (`|m| &mut m.scope`): allocated only to hold a value.
    pub fn set_more<T>(&mut self, field: fn(&mut Particulars) -> &mut Option<T>, v: Option<T>) {
        if v.is_none() {
            if let Some(m) = self.more_if_any() {
                *field(m) = None;
            }
            return;
        }
        *field(self.more_mut()) = v;
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub event: String,
    pub date: Option<DateMention>,
    /// The date stands close to the event word (a few tokens), so it dates the event itself
    /// rather than something else the sentence tells ("handed out blankets Monday to survivors
    /// of an earthquake"): only such dates can make two articles conflict.
    pub date_near: bool,
    pub time: Option<TimeMention>,
    pub place: Option<String>,
    pub destination: Option<String>,
    pub parties: Vec<String>,
    pub principal: Option<Ref>,
    pub years: Vec<i32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recency {
    pub ordinal: u32,
    pub event: Option<String>,
    pub destination: Option<String>,
    pub principal: Option<Ref>,
    /// "dalam 30 tahun": amount and unit.
    pub within: Option<(Interval, TimeUnit)>,
    /// "sejak tahun 1995".
    pub since_year: Option<i32>,
    /// The date the count runs back from (the event's date, else the article's).
    pub anchor: Option<DateMention>,
    /// Filled by normalisation: the year of the previous occurrence, as an interval.
    pub since: Option<(i32, i32)>,
    pub since_how: Option<String>,
}

/// A quotation or reported statement: its words as written (`text()`) and normalised.
#[derive(Clone)]
pub struct Quote {
    /// The text it is a range of (`at`): its article's, shared by every quotation of the article
    /// (a third of the claims are statements, each most of a sentence long: not copied).
    src: std::sync::Arc<str>,
    at: Span32,
    /// Normalised words: lowercase, entity aliases replaced by their ids; one string, each word
    /// ended by `Quote::SEP` (one allocation per quotation, not one per word).
    words: String,
}

impl PartialEq for Quote {
    /// By the words, not by where they are held.
    fn eq(&self, other: &Quote) -> bool {
        self.text() == other.text() && self.words == other.words
    }
}

impl std::fmt::Debug for Quote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Quote").field("text", &self.text()).field("words", &self.words).finish()
    }
}

impl Quote {
    /// Ends each word in `words` (a control character no token or id holds).
    const SEP: char = '\u{1f}';

    /// A quotation of its own text (not a range of an article's).
    pub fn new(text: String, words: impl IntoIterator<Item = impl AsRef<str>>) -> Quote {
        let at = Span { start: 0, end: text.len() };
        Quote::in_text(&text.into(), at, words)
    }
    /// The quotation `src[at]`, holding `src` (shared, not copied).
    pub fn in_text(src: &std::sync::Arc<str>, at: Span, words: impl IntoIterator<Item = impl AsRef<str>>) -> Quote {
        let mut w = String::new();
        for x in words {
            debug_assert!(!x.as_ref().contains(Self::SEP));
            w.push_str(x.as_ref());
            w.push(Self::SEP);
        }
        debug_assert!(src.get(at.start..at.end).is_some());
        Quote { src: src.clone(), at: at.into(), words: w }
    }
    /// The words as written.
    pub fn text(&self) -> &str {
        self.src.get(self.at.range()).unwrap_or("")
    }
    /// The normalised words, in order.
    pub fn words(&self) -> Vec<&str> {
        self.words.split_terminator(Self::SEP).collect()
    }
    pub fn word_count(&self) -> usize {
        // `SEP` is one byte (ASCII): counting bytes is counting separators, and vectorises.
        const { assert!(Quote::SEP.is_ascii()) };
        self.words.bytes().filter(|&b| b == Self::SEP as u8).count()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Quantity(Box<Quantity>),
    /// A date and what it dates ("statement" for speech, an event id, or nothing).
    Date { date: Box<DateMention>, anchor: Option<Box<str>>, principal: Option<Ref>, place: Option<Box<str>> },
    Duration { amount: Interval, unit: TimeUnit },
    Recency(Box<Recency>),
    Event(Box<Event>),
    Quote(Quote),
    Set { members: Vec<String>, predicate: String },
    /// A clock time and what it times (an event id, a counted thing, "statement"), with the
    /// date its sentence gives.
    Time { time: TimeMention, date: Option<Box<DateMention>>, anchor: Option<Box<str>> },
    /// A place as written: its id (an entity id or the name's slug), the places the text puts it
    /// in ("Stadion Kanjuruhan, Kabupaten Malang" → within `kabupaten_malang`), and what it
    /// locates.
    Location { place: String, within: Box<[String]>, anchor: Option<Box<str>> },
}

/// The id of the rule that found a claim ("id/quantity/count"): one shared string per rule, not a
/// copy per claim, behind a thin pointer.
pub type RuleName = std::sync::Arc<String>;

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub doc: usize,
    pub span: Span,
    /// The sentence the claim is in (`Span32::span`).
    pub sentence: Span32,
    pub kind: Kind,
    pub value: Value,
    pub rule: RuleName,
    /// Who or what the claim is about, when the sentence says.
    pub subject: Option<Ref>,
    /// Who is quoted (for quotes) or who states the claim.
    pub speaker: Option<Ref>,
    /// The authority a figure is attributed to ("menurut BNPB", "NATO menuduh").
    pub source: Option<Ref>,
    /// Stated as an accusation or estimate.
    pub hedged: bool,
}

// A reference is a thin pointer and its kind: 16 bytes, `None` included (a claim holds three).
const _: () = assert!(std::mem::size_of::<Option<Ref>>() == 16);
// Every claim of a run is held to the end: kept small (its value's strings are boxed slices,
// not vectors: none grows once found).
const _: () = assert!(std::mem::size_of::<Value>() <= 64);
const _: () = assert!(std::mem::size_of::<Claim>() <= 160);
// A figure: a third of the claims, each boxed.
const _: () = assert!(std::mem::size_of::<Quantity>() <= 240);

#[cfg(test)]
mod iso_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The digits written directly are what formatting the date writes, at every precision
        /// and for years of any width.
        #[test]
        fn iso_is_the_formatted_date(y in -9999i16..=9999, m in 1i8..=12, d in 1i8..=28, p in 0..3) {
            let date = Date::new(y, m, d).expect("a valid date");
            let precision = [Precision::Day, Precision::Month, Precision::Year][p as usize];
            let r = Resolved { date, precision, slack: 0, year_inferred: false, relative: false, how: None };
            let reference = match precision {
                Precision::Day => date.to_string(),
                Precision::Month => format!("{:04}-{:02}", date.year(), date.month()),
                Precision::Year => format!("{:04}", date.year()),
            };
            prop_assert_eq!(Iso(&r).to_string(), reference);
        }
    }
}
