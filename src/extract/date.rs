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
            if let Some(a) = s.find(i, |t| matches!(t, Tag::Weekday(_))) {
                if let Tag::Weekday(w) = a.tag {
                    weekday = Some(w);
                    j = a.end;
                    if s.is_punct(j, ",") {
                        j += 1;
                    }
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
            // "3 Maret 2025", "4 Maret".
            if let Some(day) = small_int(s, j).filter(|d| (1..=31).contains(d)) {
                if let Some(a) = s.find(j + 1, |t| matches!(t, Tag::Month(_))) {
                    if let Tag::Month(m) = a.tag {
                        let mut end = a.end;
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
            // "March 3, 2025", "Januari 2026".
            if let Some(a) = s.find(j, |t| matches!(t, Tag::Month(_))) {
                if let Tag::Month(m) = a.tag {
                    let mut end = a.end;
                    let mut day = None;
                    let mut year = None;
                    if let Some(y) = year_at(s, end) {
                        year = Some(y);
                        end += 1;
                    } else if let Some(d) = small_int(s, end).filter(|d| (1..=31).contains(d)) {
                        day = Some(d as u8);
                        end += 1;
                        let k = if s.is_punct(end, ",") { end + 1 } else { end };
                        if let Some(y) = year_at(s, k) {
                            year = Some(y);
                            end = k + 1;
                        }
                    }
                    // A bare month name is a date after a date preposition ("in September",
                    // "pada Juni"): it places what the clause says in that month.
                    let introduced = i > 0 && s.find(i - 1, |t| matches!(t, Tag::DatePrep)).is_some();
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
                // "Rabu mendatang", "next Wednesday", "akan … pada Rabu": the coming one.
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
