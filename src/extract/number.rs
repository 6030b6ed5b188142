//! Numbers: digits in either convention, number words, scales, and the qualifiers that turn a
//! number into an interval ("lebih dari 12.500" = more than 12,500).

use crate::claim::*;
use crate::lexicon::{Ann, Tag, TokKind};
use crate::rules::*;

use super::tokens::*;
use super::Extractor;

impl<'r> Extractor<'r> {
    pub(super) fn parse_digits(&self, pack: &LanguagePack, s: &str) -> Option<f64> {
        let (dec, thou) = pack.meta.as_ref().map_or(('.', ','), |m| (m.decimal_separator, m.thousands_separator));
        // "5 000": the tokenizer joins groups of three digits over a thin or no-break space.
        let grouped: String;
        let s = if s.contains(crate::lexicon::GROUP_SPACES) {
            grouped = s.replace(crate::lexicon::GROUP_SPACES, "");
            grouped.as_str()
        } else {
            s
        };
        let seps: Vec<char> = s.chars().filter(|c| !c.is_ascii_digit()).collect();
        let clean: String = if seps.is_empty() {
            s.to_string()
        } else {
            let groups: Vec<&str> = s.split(['.', ',']).collect();
            let all_thou = seps.iter().all(|&c| c == thou) && groups[1..].iter().all(|g| g.len() == 3);
            if all_thou {
                s.chars().filter(|c| c.is_ascii_digit()).collect()
            } else if seps.len() == 1 {
                // One separator that is not a thousands group: a decimal mark in either convention.
                s.replace([dec, thou], ".")
            } else if seps[..seps.len() - 1].iter().all(|&c| c == thou) && seps[seps.len() - 1] == dec {
                let mut t: String = String::new();
                let last = s.rfind(dec)?;
                t.extend(s[..last].chars().filter(|c| c.is_ascii_digit()));
                t.push('.');
                t.push_str(&s[last + 1..]);
                t
            } else {
                return None;
            }
        };
        clean.parse::<f64>().ok()
    }

    /// A number at token `i`: digits (with scale words) or number words ("dua puluh lima",
    /// "seperempat", "satu abad" → 1).
    pub(super) fn amount(&self, pack: &LanguagePack, s: &Sent, i: usize) -> Option<Amount> {
        if i >= s.toks.len() {
            return None;
        }
        if s.toks[i].kind == TokKind::Number {
            let mut v = self.parse_digits(pack, s.tok_text(i))?;
            let mut j = i + 1;
            // "137-million": a hyphen between the digits and the scale word.
            let hop = if s.is_punct(j, "-") { 1 } else { 0 };
            if let Some(a) = s.find(j + hop, |t| matches!(t, Tag::Scale(_))) {
                if let Tag::Scale(m) = a.tag {
                    v *= m;
                    j = a.end;
                }
            }
            return Some(Amount { value: v, end: j });
        }
        // "a century", "a million": an article counts as one before a time unit or a scale.
        if let Some(a) = s.find(i, |t| matches!(t, Tag::Article)) {
            if s.find(a.end, |t| matches!(t, Tag::TimeUnit(_))).is_some() {
                return Some(Amount { value: 1.0, end: a.end });
            }
            if let Some(Ann { tag: Tag::Scale(m), end, .. }) = s.find(a.end, |t| matches!(t, Tag::Scale(_))) {
                return Some(Amount { value: m, end });
            }
        }
        // Number words: total = Σ (small × scale); small accumulates units, teens, tens.
        let mut j = i;
        let mut total = 0.0;
        let mut small = 0.0;
        let mut any = false;
        while let Some(a) = s.find(j, |t| matches!(t, Tag::NumberWord(_) | Tag::Multiplier(_) | Tag::TeenSuffix | Tag::Scale(_))) {
            match a.tag {
                Tag::NumberWord(v) => small += v,
                Tag::Multiplier(m) if any => small = if small == 0.0 { m } else { small * m },
                Tag::TeenSuffix if any => small += 10.0,
                Tag::Scale(m) if any => {
                    total += if small == 0.0 { 1.0 } else { small } * m;
                    small = 0.0;
                }
                _ => break,
            }
            any = true;
            j = a.end;
        }
        if !any {
            return None;
        }
        Some(Amount { value: total + small, end: j })
    }

    pub(super) fn qualify(&self, pack: &LanguagePack, v: f64, q: Option<usize>) -> (Interval, Option<(String, QualifierOp)>) {
        let Some(qi) = q else { return (Interval::exact(v), None) };
        let rule = &pack.qualifiers[qi];
        let tol = rule.tolerance.unwrap_or(self.rules.thresholds.about_tolerance);
        let iv = match rule.op {
            QualifierOp::Gt => Interval { low: Some(v), high: None, low_open: true, high_open: false },
            QualifierOp::Ge => Interval { low: Some(v), high: None, low_open: false, high_open: false },
            QualifierOp::Lt => Interval { low: None, high: Some(v), low_open: false, high_open: true },
            QualifierOp::Le => Interval { low: None, high: Some(v), low_open: false, high_open: false },
            QualifierOp::About => {
                let d = (v * tol).max(if v >= 3.0 { 1.0 } else { 0.0 });
                Interval { low: Some(v - d), high: Some(v + d), low_open: false, high_open: false }
            }
            QualifierOp::Nearly => {
                let d = (v * tol).max(if v >= 3.0 { 1.0 } else { 0.0 });
                Interval { low: Some(v - d), high: Some(v), low_open: false, high_open: false }
            }
            QualifierOp::Exact => Interval::exact(v),
        };
        (iv, Some((rule.id.clone(), rule.op)))
    }

}
