//! Dates as written: "Rabu (19/6/2024)", "19 Juni 2024", "June 19, 2024", weekdays and
//! relative words ("kemarin"). They stay unresolved until `normalise` knows the article's date.

use crate::claim::*;
use crate::lexicon::{Ann, Tag, TokKind};
use crate::rules::*;

use super::tokens::*;
use super::Extractor;

/// Tokens back from a weekday within which a future marker of its clause counts.
const CLAUSE_REACH: usize = 8;

impl<'r> Extractor<'r> {

    /// Date mentions in the sentence: (first token, end token, mention). Marks their tokens used.
    pub(super) fn dates(&self, pack: &LanguagePack, s: &mut Sent) -> Vec<(usize, usize, DateMention)> {
        let order = date_order(pack);
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            // Every date below starts at a word the rules tag, a number, an opening bracket or
            // a calendar name in lower case: any other token starts none.
            let t = &s.toks[i];
            let untagged = s.at(i).is_empty();
            if untagged && (t.kind == TokKind::Word && !s.cal.candidate(s, i) || t.kind == TokKind::Punct && !s.is_punct(i, "(")) {
                i += 1;
                continue;
            }
            let mut weekday = None;
            let mut j = i;
            if let Some((w, end)) = self.weekday_at(s, i) {
                weekday = Some(w);
                j = end;
                if s.is_punct(j, ",") {
                    j += 1;
                }
            }
            // "(3/3/2025)", "(4/3)", "3/3/2025".
            if let Some((d, m, y, end)) = self.slash_date(s, j, order) {
                if weekday.is_some() || y.is_some() || s.is_punct(j, "(") {
                    let raw = RawDate::Absolute { day: Some(d), month: m, year: y, weekday };
                    out.push((i, end, DateMention { span: s.span(i, end), raw, resolved: None }));
                    mark(s, i, end);
                    i = end;
                    continue;
                }
            }
            // "3 Maret 2025", "4 Maret", "15th March", "the 1st of March", "3 march 2025".
            if let Some((day, after)) = self.day_at(pack, s, j) {
                let after = if s.find(after, |t| matches!(t, Tag::Linker)).is_some_and(|l| l.end == after + 1) && self.month_at(pack, s, after + 1, true).is_some() { after + 1 } else { after };
                if let Some((m, month_end)) = self.month_at(pack, s, after, true) {
                    {
                        let mut end = month_end;
                        let mut year = None;
                        if let Some(y) = year_at(s, end) {
                            year = Some(y);
                            end += 1;
                        }
                        let (raw, end) = year_before(s, RawDate::Absolute { day: Some(day as u8), month: m, year, weekday }, end);
                        out.push((i, end, DateMention { span: s.span(i, end), raw, resolved: None }));
                        mark(s, i, end);
                        i = end;
                        continue;
                    }
                }
            }
            // "March 3, 2025", "Januari 2026", "March 1st", "june 19, 2024".
            if let Some((m, month_end)) = self.month_at(pack, s, j, false) {
                let written = s.find(j, |t| matches!(t, Tag::Month(_))).is_some();
                {
                    let mut end = month_end;
                    let mut day = None;
                    let mut year = None;
                    if let Some(y) = year_at(s, end) {
                        year = Some(y);
                        end += 1;
                    } else if let Some((d, after)) = self.day_at(pack, s, end) {
                        day = Some(d as u8);
                        end = after;
                        let k = if s.is_punct(end, ",") { end + 1 } else { end };
                        if let Some(y) = year_at(s, k) {
                            year = Some(y);
                            end = k + 1;
                        }
                    }
                    // A bare month name is a date after a date preposition ("in September",
                    // "pada Juni"): it places what the clause says in that month.
                    let introduced = written && i > 0 && s.find(i - 1, |t| matches!(t, Tag::DatePrep)).is_some();
                    if day.is_some() || year.is_some() || introduced {
                        let (raw, end) = year_before(s, RawDate::Absolute { day, month: m, year, weekday }, end);
                        out.push((i, end, DateMention { span: s.span(i, end), raw, resolved: None }));
                        mark(s, i, end);
                        i = end;
                        continue;
                    }
                }
            }
            if weekday.is_none() {
                if let Some((start, end, raw)) = self.holiday_at(pack, s, i).or_else(|| self.bare_day_at(pack, s, i)).or_else(|| self.year_alone_at(s, i)).or_else(|| self.offset_at(pack, s, i)) {
                    out.push((start, end, DateMention { span: s.span(start, end), raw, resolved: None }));
                    mark(s, start, end);
                    i = end;
                    continue;
                }
            }
            if let Some(w) = weekday {
                let end = j.min(n);
                let end = if end > i + 1 && s.is_punct(end - 1, ",") { end - 1 } else { end };
                // "Rabu mendatang", "next Wednesday", "akan … pada Rabu": the coming one. Only a
                // marker near the weekday: "who will meet X in the semifinals Saturday", written
                // on that Saturday, is the same day, not a week on.
                let future_at = |p: usize| s.find(p, |t| matches!(t, Tag::Future)).is_some();
                let future = (i.saturating_sub(3)..(end + 2).min(n)).any(future_at);
                // "The ceasefire will take effect on Friday": a marker further back in the same
                // clause (no punctuation between) puts it on or after the article's date.
                let or_today = !future && (i.saturating_sub(CLAUSE_REACH)..i).rev().take_while(|&p| s.toks[p].kind != TokKind::Punct).any(|p| s.find(p, |t| matches!(t, Tag::FutureClause)).is_some());
                out.push((i, end, DateMention { span: s.span(i, end), raw: RawDate::Weekday { day: w, future: future || or_today, or_today }, resolved: None }));
                mark(s, i, end);
                i = end.max(i + 1);
                continue;
            }
            if let Some(a) = s.find(i, |t| matches!(t, Tag::Relative(_))) {
                if let Tag::Relative(r) = a.tag {
                    let rule = &pack.relative_dates[r as usize];
                    let precision = rule.precision.map(|p| match p {
                        crate::rules::RelPrecision::Day => Precision::Day,
                        crate::rules::RelPrecision::Month => Precision::Month,
                        crate::rules::RelPrecision::Year => Precision::Year,
                    });
                    let raw = RawDate::Relative(Box::new(RelativeDate { id: rule.id.clone(), days: rule.days, months: rule.months, years: rule.years, precision, tolerance: rule.tolerance_days }));
                    out.push((i, a.end, DateMention { span: s.span(i, a.end), raw, resolved: None }));
                    mark(s, i, a.end);
                    i = a.end;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    /// "on Christmas Day", "pada Idul Fitri", "Idul Fitri 2024": a holiday's name after a
    /// holiday preposition or before a year. Returns the mention's first token, its end and the
    /// date: a fixed day, or the days of the holiday's table (of the year written, if any).
    fn holiday_at(&self, pack: &LanguagePack, s: &Sent, i: usize) -> Option<(usize, usize, RawDate)> {
        let (at, after_prep) = match s.find(i, |t| matches!(t, Tag::HolidayPrep)) {
            Some(p) if s.find(p.end, |t| matches!(t, Tag::Holiday(_))).is_some() => (p.end, true),
            _ => (i, false),
        };
        let Some(Ann { tag: Tag::Holiday(h), end, .. }) = s.find(at, |t| matches!(t, Tag::Holiday(_))) else { return None };
        let year = year_at(s, end);
        if !after_prep && year.is_none() {
            return None;
        }
        let end = if year.is_some() { end + 1 } else { end };
        // "Easter Sunday, April 8, 2012": the written date says it; the name adds nothing.
        let k = if s.is_punct(end, ",") { end + 1 } else { end };
        if self.month_at(pack, s, k, false).is_some() || self.day_at(pack, s, k).is_some_and(|(_, a)| self.month_at(pack, s, a, true).is_some()) || self.slash_date(s, k, date_order(pack)).is_some() {
            return None;
        }
        let rule = &pack.holidays[h as usize];
        let raw = match (rule.month, rule.day) {
            (Some(month), Some(day)) => RawDate::Absolute { day: Some(day), month, year, weekday: None },
            _ => {
                let days: Vec<jiff::civil::Date> = holiday_days(pack, rule).into_iter().filter(|d| year.is_none_or(|y| i32::from(d.year()) == y)).collect();
                if days.is_empty() {
                    return None;
                }
                RawDate::Holiday(Box::new(HolidayDate { id: rule.id.clone(), days }))
            }
        };
        Some((at, end, raw))
    }

    /// "on the 15th", "the evening of the 18th", "tanggal 15": a day of the month after a day
    /// marker, with no month after it, and no noun (not "the 15th floor", "the 15th century");
    /// without a marker only before a relative month ("20 of next month").
    fn bare_day_at(&self, pack: &LanguagePack, s: &Sent, i: usize) -> Option<(usize, usize, RawDate)> {
        // "on 20 of next month": a day with no marker is one only before a relative month.
        let Some(m) = s.find(i, |t| matches!(t, Tag::DayMark)) else {
            let (day, after) = self.day_at(pack, s, i)?;
            let linked = s.find(after, |t| matches!(t, Tag::Linker)).map_or(after, |l| l.end);
            let (months, end) = relative_month(pack, s, linked)?;
            return Some((i, end, RawDate::DayOfMonth { day: day as u8, future: false, months: Some(i32::try_from(months).ok()?) }));
        };
        let (day, after) = self.day_at(pack, s, m.end)?;
        if pack.bare_days.ordinal && after != m.end + 2 {
            return None;
        }
        let linked = s.find(after, |t| matches!(t, Tag::Linker)).map_or(after, |l| l.end);
        if self.month_at(pack, s, after, true).is_some() || self.month_at(pack, s, linked, true).is_some() || s.is_punct(after, "/") || s.is_punct(after, ".") && small_int(s, after + 1).is_some() {
            return None;
        }
        let future = (i.saturating_sub(6)..(after + 2).min(s.toks.len())).any(|p| s.find(p, |t| matches!(t, Tag::Future)).is_some());
        let start = if pack.bare_days.ordinal { m.end } else { i };
        // "the 20th of next month", "tanggal 20 bulan depan": the day of that month.
        if let Some((months, end)) = relative_month(pack, s, linked).or_else(|| relative_month(pack, s, after)) {
            return Some((start, end, RawDate::DayOfMonth { day: day as u8, future, months: Some(i32::try_from(months).ok()?) }));
        }
        let free = |t: &Tag| matches!(t, Tag::TimeMarker | Tag::AfterSpan | Tag::Conj | Tag::PlacePrep | Tag::DatePrep | Tag::RelClause | Tag::Complementizer | Tag::Speech | Tag::Am | Tag::Pm);
        let next_ok = match s.toks.get(after) {
            None => true,
            Some(t) if t.kind != TokKind::Word => t.kind != TokKind::Number,
            Some(_) => s.find(after, free).is_some(),
        };
        if !next_ok {
            return None;
        }
        Some((start, after, RawDate::DayOfMonth { day: day as u8, future, months: None }))
    }

    /// "in 2014", "pada tahun 2014", "the year 2014": a year after a date preposition or a year
    /// word, not after "since" (a recency's start) and not counting a thing after it.
    fn year_alone_at(&self, s: &Sent, i: usize) -> Option<(usize, usize, RawDate)> {
        let since = |p: usize| s.find(p, |t| matches!(t, Tag::Since)).is_some();
        let intro = s.find(i, |t| matches!(t, Tag::DatePrep | Tag::YearWord))?;
        if since(i) || i > 0 && since(i - 1) {
            return None;
        }
        let mut m = intro.end;
        let mut start = m;
        if matches!(intro.tag, Tag::YearWord) {
            start = i;
        } else if let Some(y) = s.find(m, |t| matches!(t, Tag::YearWord)) {
            m = y.end;
        }
        let year = year_at(s, m).filter(|y| (1800..=2100).contains(y))?;
        if s.find(m + 1, |t| matches!(t, Tag::Concept(_) | Tag::Unit(_))).is_some() || s.is_punct(m + 1, "-") {
            return None;
        }
        Some((start, m + 1, RawDate::Year { year }))
    }

    /// "three days ago", "tiga hari lalu"; "in three days", "dalam tiga hari" with a future
    /// marker before it: an offset from the article's date in days, weeks, months or years.
    fn offset_at(&self, pack: &LanguagePack, s: &Sent, i: usize) -> Option<(usize, usize, RawDate)> {
        let (start, iv, unit, end, sign) = if let Some(a) = s.find(i, |t| matches!(t, Tag::Ahead)) {
            let future = (i.saturating_sub(12)..i).any(|p| s.find(p, |t| matches!(t, Tag::Future)).is_some());
            let counted = (i.saturating_sub(16)..i).any(|p| s.find(p, |t| matches!(t, Tag::First | Tag::Ordinal(_) | Tag::Repeat(_) | Tag::Occasion)).is_some());
            if !future || counted {
                return None;
            }
            let (iv, unit, end) = self.span_of_time(pack, s, a.end)?;
            (i, iv, unit, end, 1)
        } else {
            // Not the tail of a qualified span ("a century" in "more than a century ago").
            if (i.saturating_sub(4)..i).any(|p| s.find(p, |t| matches!(t, Tag::Qualifier(_))).is_some_and(|a| a.end <= i && a.end + 2 > i)) {
                return None;
            }
            let (iv, unit, end) = self.span_of_time(pack, s, i)?;
            let ago = s.find(end, |t| matches!(t, Tag::Ago))?;
            (i, iv, unit, ago.end, -1)
        };
        // An open span ("more than a century ago") gives no date to compare.
        let (lo, hi) = (iv.low?, iv.high?);
        let mid = (lo + hi) / 2.0;
        if mid.fract() != 0.0 && (hi - lo) == 0.0 {
            return None;
        }
        let amount = mid.round() as i64 * sign;
        let spread = ((hi - lo) / 2.0).ceil() as i64;
        let (days, months, years, precision, tolerance) = match unit {
            TimeUnit::Day => (amount, 0, 0, Precision::Day, spread),
            TimeUnit::Week => (amount * 7, 0, 0, Precision::Day, 3 + spread * 7),
            TimeUnit::Month => (0, amount, 0, Precision::Month, 0),
            TimeUnit::Year => (0, 0, amount, Precision::Year, 0),
            TimeUnit::Decade => (0, 0, amount * 10, Precision::Year, 0),
            TimeUnit::Century => (0, 0, amount * 100, Precision::Year, 0),
            // Hours and minutes ago are the article's own day or the one before: no date.
            _ => return None,
        };
        let id = s.text[s.toks[start].start..s.toks[end - 1].end].to_string();
        Some((start, end, RawDate::Relative(Box::new(RelativeDate { id, days, months, years, precision: Some(precision), tolerance }))))
    }

    /// A day of the month at token `i`: "15", "15th", "1st" (digits glued to an ordinal ending
    /// the rules write, as in `4th`). Returns the day and the token after it.
    fn day_at(&self, pack: &LanguagePack, s: &Sent, i: usize) -> Option<(u32, usize)> {
        let d = small_int(s, i).filter(|d| (1..=31).contains(d))?;
        let glued = s.toks.get(i + 1).filter(|t| t.kind == TokKind::Word && t.start == s.toks[i].end);
        match glued {
            Some(_) => {
                let suffix = s.tok_text(i + 1);
                let ordinal = pack.ordinals.keys().any(|k| k.starts_with(|c: char| c.is_ascii_digit()) && k.trim_start_matches(|c: char| c.is_ascii_digit()).eq_ignore_ascii_case(suffix));
                ordinal.then_some((d, i + 2))
            }
            None => Some((d, i + 1)),
        }
    }

    /// A month name at token `i`, as the rules write it; where the language capitalises
    /// calendar names, a lower-case one ("3 march 2025") counts only `with_day` or before a day
    /// or a year (checked by the caller through what follows).
    fn month_at(&self, pack: &LanguagePack, s: &Sent, i: usize, with_day: bool) -> Option<(u8, usize)> {
        if let Some(a) = s.find(i, |t| matches!(t, Tag::Month(_))) {
            if let Tag::Month(m) = a.tag {
                return Some((m, a.end));
            }
        }
        let (m, end) = self.lower_calendar(s, i, |c| &c.months)?;
        (with_day || year_at(s, end).is_some() || self.day_at(pack, s, end).is_some()).then_some((m, end))
    }

    /// A weekday name at token `i`; a lower-case one ("pada senin", "last tuesday") only after
    /// a date preposition, and never where a relative date starts ("minggu lalu").
    fn weekday_at(&self, s: &Sent, i: usize) -> Option<(u8, usize)> {
        if let Some(a) = s.find(i, |t| matches!(t, Tag::Weekday(_))) {
            if let Tag::Weekday(w) = a.tag {
                return Some((w, a.end));
            }
        }
        if s.find(i, |t| matches!(t, Tag::Relative(_))).is_some() {
            return None;
        }
        let after_prep = i > 0 && s.find(i - 1, |t| matches!(t, Tag::DatePrep | Tag::Future)).is_some_and(|a| a.end == i);
        if !after_prep {
            return None;
        }
        self.lower_calendar(s, i, |c| &c.weekdays)
    }

    /// A calendar name of one word written in lower case where the language capitalises them
    /// ("march", "senin"): the rules' own names, compared without (ASCII) case.
    fn lower_calendar(&self, s: &Sent, i: usize, names: impl Fn(&LowerCalendar) -> &foldhash::HashMap<String, u8>) -> Option<(u8, usize)> {
        if !s.cal.candidate(s, i) {
            return None;
        }
        let cal = s.cal;
        let w = s.tok_text(i);
        let found = if w.bytes().any(|b| b.is_ascii_uppercase()) { names(cal).get(&w.to_ascii_lowercase()) } else { names(cal).get(w) };
        found.map(|v| (*v, i + 1))
    }

    pub(super) fn slash_date(&self, s: &Sent, j: usize, order: DateOrder) -> Option<(u8, u8, Option<i32>, usize)> {
        let paren = s.is_punct(j, "(");
        let k = if paren { j + 1 } else { j };
        let a = small_int(s, k)?;
        if !s.is_punct(k + 1, "/") {
            return None;
        }
        let b = small_int(s, k + 2)?;
        let mut end = k + 3;
        let mut year = None;
        if s.is_punct(end, "/") {
            let y = s.toks.get(end + 1).filter(|t| t.kind == TokKind::Number)?;
            let y: i32 = s.text[y.start..y.end].parse().ok()?;
            year = Some(if y < 100 { 2000 + y } else { y });
            end += 2;
        }
        if paren {
            if !s.is_punct(end, ")") {
                return None;
            }
            end += 1;
        }
        let (d, m) = match order {
            DateOrder::Dmy => (a, b),
            DateOrder::Mdy => (b, a),
        };
        if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
            return None;
        }
        Some((d as u8, m as u8, year, end))
    }

}

/// A language's month and weekday names of more than three letters by their ASCII lower-case
/// form, for names written in lower case (`Extractor::lower_calendar`); of names equal without
/// case, the first in the rules' order counts.
#[derive(Debug)]
pub(super) struct LowerCalendar {
    months: foldhash::HashMap<String, u8>,
    weekdays: foldhash::HashMap<String, u8>,
    /// The longest name, in bytes: a longer word is none.
    longest: usize,
    /// The shortest name indexed, in bytes, and the (lower-case) first bytes of the names: a
    /// word that fits neither is none, without a lookup.
    shortest: usize,
    first: [bool; 256],
}

impl LowerCalendar {
    /// Whether token `i` of `s` may be a calendar name in lower case (`Extractor::lower_calendar`):
    /// a lower-case word of a name's length and first letter (none where the language writes them
    /// all in lower case: `new`).
    pub(super) fn candidate(&self, s: &Sent, i: usize) -> bool {
        let Some(t) = s.toks.get(i) else { return false };
        if t.kind != TokKind::Word || t.cap {
            return false;
        }
        let w = s.tok_text(i);
        w.len() <= self.longest && w.len() >= self.shortest && w.as_bytes().first().is_some_and(|b| self.first[usize::from(b.to_ascii_lowercase())])
    }

    pub(super) fn new(pack: &LanguagePack) -> LowerCalendar {
        let index = |names: &std::collections::BTreeMap<String, u8>| {
            let mut m = foldhash::HashMap::default();
            for (k, v) in names.iter().filter(|(k, _)| k.chars().count() > 3) {
                m.entry(k.to_ascii_lowercase()).or_insert(*v);
            }
            m
        };
        // Where calendar names are not capitalised, the lexicon reads them all: none here.
        let caps = pack.meta.as_ref().is_none_or(|m| m.capitalised_calendar_names);
        let longest = if caps { pack.months.keys().chain(pack.weekdays.keys()).map(String::len).max().unwrap_or(0) } else { 0 };
        let (months, weekdays) = if caps { (index(&pack.months), index(&pack.weekdays)) } else { Default::default() };
        let shortest = months.keys().chain(weekdays.keys()).map(String::len).min().unwrap_or(usize::MAX);
        let mut first = [false; 256];
        for k in months.keys().chain(weekdays.keys()) {
            if let Some(&b) = k.as_bytes().first() {
                first[usize::from(b)] = true;
            }
        }
        LowerCalendar { months, weekdays, longest, shortest, first }
    }
}

/// The days of a holiday without a fixed day: its table, or the table of the holiday it is
/// counted from, moved by its offset (checked when the rules load).
fn holiday_days(pack: &LanguagePack, rule: &HolidayRule) -> Vec<jiff::civil::Date> {
    let (table, offset) = match &rule.from {
        Some(base) => match pack.holidays.iter().find(|h| &h.id == base) {
            Some(b) => (&b.dates, rule.days),
            None => return vec![],
        },
        None => (&rule.dates, rule.days),
    };
    table
        .iter()
        .filter_map(|d| d.parse::<jiff::civil::Date>().ok())
        .filter_map(|d| d.checked_add(jiff::Span::new().days(offset)).ok())
        .collect()
}

/// A relative month at token `k` ("next month", "bulan depan"): its offset in months and the
/// token after it.
fn relative_month(pack: &LanguagePack, s: &Sent, k: usize) -> Option<(i64, usize)> {
    match s.find(k, |t| matches!(t, Tag::Relative(_))) {
        Some(Ann { tag: Tag::Relative(r), end, .. }) => {
            let rule = &pack.relative_dates[r as usize];
            (rule.precision == Some(crate::rules::RelPrecision::Month) && rule.days == 0 && rule.years == 0).then_some((rule.months, end))
        }
        _ => None,
    }
}

/// "in September the year before": a date without a year, then a year-before phrase, is of the
/// year before the article's.
fn year_before(s: &Sent, raw: RawDate, end: usize) -> (RawDate, usize) {
    match (&raw, s.find(end, |t| matches!(t, Tag::YearBefore))) {
        (RawDate::Absolute { day, month, year: None, .. }, Some(a)) => (RawDate::InYearFrom { day: *day, month: *month, years: -1 }, a.end),
        _ => (raw, end),
    }
}
