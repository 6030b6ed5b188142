//! Clock times: "pukul 09.55 WIB", "2:22 a.m.", "23:47:57", "at about 3pm", with zones.

use crate::claim::*;
use crate::lexicon::{Tag, TokKind};

use super::tokens::*;
use super::Extractor;

impl<'r> Extractor<'r> {
    /// Clock times: "pukul 09.55 WIB", "2:22 a.m.", "23:47:57", "3 pagi waktu setempat",
    /// "about 3pm". A bare number is a time only with a marker, a day part or a zone.
    pub(super) fn times(&self, s: &mut Sent) -> Vec<(usize, usize, TimeMention)> {
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.used[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut approx = false;
            if let Some(q) = s.find(j, |t| matches!(t, Tag::Qualifier(_))) {
                approx = true;
                j = q.end;
            }
            let mut marker = false;
            if let Some(m) = s.find(j, |t| matches!(t, Tag::TimeMarker)) {
                marker = true;
                j = m.end;
            }
            if j < n && s.toks[j].kind != TokKind::Number {
                // A qualifier may also follow the marker: "pukul sekitar 3".
                if let Some(q) = s.find(j, |t| matches!(t, Tag::Qualifier(_))) {
                    approx = true;
                    j = q.end;
                }
            }
            let Some((mut h, m, mut k, colon)) = clock(s, j) else {
                i += 1;
                continue;
            };
            let mut daypart = false;
            if let Some(a) = s.find(k, |t| matches!(t, Tag::Am | Tag::Pm)) {
                daypart = true;
                if a.tag == Tag::Pm && h < 12 {
                    h += 12;
                }
                if a.tag == Tag::Am && h == 12 {
                    h = 0;
                }
                k = a.end;
            }
            let mut zone = None;
            let mut local = false;
            if let Some(a) = s.find(k, |t| matches!(t, Tag::Zone(_) | Tag::LocalTime)) {
                match a.tag {
                    Tag::Zone(z) => zone = Some(z),
                    _ => local = true,
                }
                k = a.end;
                // "GMT+7", "UTC-5": an offset written after the zone.
                if let (Some(z), true) = (zone, s.is_punct(k, "+") || s.is_punct(k, "-")) {
                    if let Some(h) = small_int(s, k + 1).filter(|h| *h <= 14) {
                        let sign = if s.is_punct(k, "-") { -1 } else { 1 };
                        zone = Some(z + sign * h as i32 * 60);
                        k += 2;
                    }
                }
            }
            // "by 15 cents", "at 20 percent", "around 5 km": a bare number a measure follows is
            // an amount, not an hour.
            let measured = m.is_none() && !(daypart || zone.is_some() || local) && s.at(k).iter().any(|a| matches!(a.tag, Tag::Unit(_) | Tag::Concept(_) | Tag::Scale(_) | Tag::TimeUnit(_)));
            if !(marker || daypart || zone.is_some() || local || colon) || h > 24 || measured {
                i += 1;
                continue;
            }
            let start = if approx || marker { i } else { j };
            let tm = TimeMention { span: s.span(start, k), minutes: h * 60 + m.unwrap_or(0), zone, local, approx, hour_only: m.is_none() };
            mark(s, start, k);
            out.push((start, k, tm));
            i = k;
        }
        out
    }

}
