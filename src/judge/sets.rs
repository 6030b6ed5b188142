//! Sets: the same members corroborate, a subset is compatible (one list may be partial), lists
//! with no member in common conflict (a warning).

use std::collections::BTreeSet;

use crate::align::Block;
use crate::claim::*;

use super::*;

impl Judge<'_> {
    pub(super) fn sets(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let m = |i: usize| -> BTreeSet<String> {
            match &self.claims[i].value {
                Value::Set { members, .. } => members.iter().cloned().collect(),
                _ => BTreeSet::new(),
            }
        };
        let ids = b.claims.clone();
        let first = m(ids[0]);
        if ids.iter().all(|&i| m(i) == first) {
            let list: Vec<String> = first.iter().cloned().collect();
            let ex = format!("{} sources list the same members ({}) as {topic}: {}.", self.docs(&ids), list.join(", "), self.cites(&ids));
            return vec![finding(Verdict::Corroborated, Severity::Info, ids, topic, ex)];
        }
        for &x in ids.iter().take(PAIR_SCAN) {
            for &y in ids.iter().take(PAIR_SCAN) {
                if x < y && self.cite.doc_of(x) != self.cite.doc_of(y) && m(x).is_disjoint(&m(y)) {
                    let ex = format!("{} and {} name no member in common for {topic}.", self.cite.cite(x), self.cite.cite(y));
                    return vec![finding(Verdict::Conflict, Severity::Warning, vec![x, y], topic, ex)];
                }
            }
        }
        let ex = format!("The lists for {topic} overlap; one may be partial: {}.", self.cites(&ids));
        vec![finding(Verdict::Compatible, Severity::Info, ids, topic, ex)]
    }
}
