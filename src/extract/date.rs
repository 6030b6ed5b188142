//! Dates as written: "Rabu (19/6/2024)", "19 Juni 2024", "June 19, 2024", weekdays and
//! relative words ("kemarin"). They stay unresolved until `normalise` knows the article's date.

use crate::claim::*;
use crate::lexicon::{Tag, TokKind};
use crate::rules::*;

use super::tokens::*;
use super::Extractor;

impl<'r> Extractor<'r> {

    /// Date mentions in the sentence: (first token, end token, mention). Marks their tokens used.
    pub(super) fn dates(&self, pack: &LanguagePack, s: &mut Sent) -> Vec<(usize, usize, DateMention)> {
        let order = pack.meta.as_ref().map_or(DateOrder::Dmy, |m| m.date_order);
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            let mut weekday = None;
            let mut j = i;
            if let Some((w, end)) = self.weekday_at(pack, s, i) {
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
                        let raw = RawDate::Absolute { day: Some(day as u8), month: m, year, weekday };
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
                        let raw = RawDate::Absolute { day, month: m, year, weekday };
                        out.push((i, end, DateMention { span: s.span(i, end), raw, resolved: None }));
                        mark(s, i, end);
                        i = end;
                        continue;
                    }
                }
            }
            if let Some(w) = weekday {
                let end = j.min(n);
                let end = if end > i + 1 && s.is_punct(end - 1, ",") { end - 1 } else { end };
                // "Rabu mendatang", "next Wednesday", "akan … pada Rabu": the coming one. Only a
                // marker near the weekday: "who will meet X in the semifinals Saturday", written
                // on that Saturday, is the same day, not a week on.
                let future = (i.saturating_sub(3)..(end + 2).min(n)).any(|p| s.find(p, |t| matches!(t, Tag::Future)).is_some());
                out.push((i, end, DateMention { span: s.span(i, end), raw: RawDate::Weekday { day: w, future }, resolved: None }));
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
                    let raw = RawDate::Relative { id: rule.id.clone(), days: rule.days, months: rule.months, years: rule.years, precision, tolerance: rule.tolerance_days };
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
        let (m, end) = lower_calendar(pack, s, i, &pack.months)?;
        (with_day || year_at(s, end).is_some() || self.day_at(pack, s, end).is_some()).then_some((m, end))
    }

    /// A weekday name at token `i`; a lower-case one ("pada senin", "last tuesday") only after
    /// a date preposition, and never where a relative date starts ("minggu lalu").
    fn weekday_at(&self, pack: &LanguagePack, s: &Sent, i: usize) -> Option<(u8, usize)> {
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
        lower_calendar(pack, s, i, &pack.weekdays)
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

/// A calendar name of one word written in lower case where the language capitalises them
/// ("march", "senin"): the rules' own names, compared without case.
fn lower_calendar(pack: &LanguagePack, s: &Sent, i: usize, names: &std::collections::BTreeMap<String, u8>) -> Option<(u8, usize)> {
    let caps = pack.meta.as_ref().is_none_or(|m| m.capitalised_calendar_names);
    let t = s.toks.get(i)?;
    if !caps || t.kind != TokKind::Word || t.cap {
        return None;
    }
    let w = s.tok_text(i);
    // A name equal without case has the same bytes' length: compare lengths first, count
    // characters only for a match.
    names.iter().find(|(k, _)| k.len() == w.len() && k.eq_ignore_ascii_case(w) && k.chars().count() > 3).map(|(_, v)| (*v, i + 1))
}
