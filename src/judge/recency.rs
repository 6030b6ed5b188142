//! Recency: "the first visit in 24 years" and "since 2000" name the year of the previous
//! occurrence; equal years corroborate, a year apart is rounding, further apart conflicts.

use std::collections::BTreeSet;

use crate::align::Block;
use crate::claim::*;

use super::*;

impl Judge<'_> {
    pub(super) fn recency(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let r = |i: usize| match &self.claims[i].value {
            Value::Recency(r) => Some(r),
            _ => None,
        };
        let ids: Vec<usize> = b.claims.iter().copied().filter(|&i| r(i).is_some_and(|r| r.since.is_some())).collect();
        if self.docs(&ids) < 2 {
            return vec![];
        }
        // Destinations, when both are stated, must match.
        let dest: BTreeSet<String> = ids.iter().filter_map(|&i| r(i).and_then(|r| r.destination.clone())).collect();
        if dest.len() > 1 {
            return vec![];
        }
        let since = |i: usize| r(i).and_then(|r| r.since).unwrap_or((0, 0));
        let how: Vec<String> = ids.iter().map(|&i| format!("{}: {}", self.cite.cite(i), r(i).and_then(|r| r.since_how.clone()).unwrap_or_default())).collect();
        let lo = ids.iter().map(|&i| since(i).0).max().unwrap_or(0);
        let hi = ids.iter().map(|&i| since(i).1).min().unwrap_or(0);
        let all_points_equal = ids.iter().all(|&i| since(i) == since(ids[0])) && since(ids[0]).0 == since(ids[0]).1;
        if all_points_equal {
            let ex = format!("The previous {topic} was in {}: {}.", since(ids[0]).0, how.join("; "));
            return vec![finding(Verdict::Corroborated, Severity::Info, ids, topic, ex)];
        }
        // Rounding "24 years" may shift the year by one.
        if lo <= hi + 1 {
            let ex = format!("The dates of the previous {topic} fit within a year: {}.", how.join("; "));
            return vec![finding(Verdict::Compatible, Severity::Info, ids, topic, ex)];
        }
        let ex = format!("The previous {topic} cannot be both: {}.", how.join("; "));
        vec![finding(Verdict::Conflict, Severity::Error, ids, topic, ex)]
    }

}
