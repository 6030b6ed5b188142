//! Quotations and statements by one speaker: word for word corroborates, light rewording is
//! compatible, a negation or a changed number is a conflict.

use std::collections::BTreeSet;

use crate::align::Block;
use crate::claim::*;

use super::*;

impl Judge<'_> {
    pub(super) fn quotes(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let words = |i: usize| match &self.claims[i].value {
            Value::Quote(q) => q.words.clone(),
            _ => vec![],
        };
        let neg: BTreeSet<String> = self.rules.languages.values().flat_map(|p| p.speech.negations.iter().map(|n| n.to_lowercase())).collect();
        let threshold = self.rules.thresholds.quote_same;
        // Greedy clustering against each cluster's first quotation: linear in the block.
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        for &i in &b.claims {
            let wi = words(i);
            let hit = clusters.iter_mut().find(|c| similarity(&words(c[0]), &wi) >= threshold);
            match hit {
                Some(c) => c.push(i),
                None => clusters.push(vec![i]),
            }
        }
        let mut out = Vec::new();
        for c in clusters {
            if self.docs(&c) < 2 {
                continue;
            }
            let w0 = words(c[0]);
            let mut changed: Option<(usize, Vec<String>)> = None;
            for &i in &c[1..] {
                let wi = words(i);
                let diff = sym_diff(&w0, &wi);
                let meaning = diff.iter().any(|d| neg.contains(d) || d.chars().any(|ch| ch.is_ascii_digit()));
                if meaning && changed.is_none() {
                    changed = Some((i, diff));
                }
            }
            if let Some((i, diff)) = changed {
                let ex = format!("The quotation of {topic} differs in meaning between {} and {}: {}.", self.cite.cite(c[0]), self.cite.cite(i), diff.join(", "));
                out.push(finding(Verdict::Conflict, Severity::Error, vec![c[0], i], topic, ex));
                continue;
            }
            let identical = c.iter().all(|&i| words(i) == w0);
            if identical {
                let ex = format!("{} sources quote {topic} word for word: {}.", self.docs(&c), self.cites(&c));
                out.push(finding(Verdict::Corroborated, Severity::Info, c, topic, ex));
            } else {
                let sim = c[1..].iter().map(|&i| similarity(&w0, &words(i))).fold(1.0f64, f64::min);
                let ex = format!("{} sources quote {topic} with light rewording ({:.0}% of words aligned): {}.", self.docs(&c), sim * 100.0, self.cites(&c));
                out.push(finding(Verdict::Compatible, Severity::Info, c, topic, ex));
            }
        }
        out
    }

}

/// Word-level similarity: 1 − normalised Levenshtein distance over words (strsim).
pub fn similarity(a: &[String], b: &[String]) -> f64 {
    let n = a.len().max(b.len());
    if n == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(&a.to_vec(), &b.to_vec()) as f64 / n as f64
}

pub(super) fn sym_diff(a: &[String], b: &[String]) -> Vec<String> {
    let sa: BTreeSet<&String> = a.iter().collect();
    let sb: BTreeSet<&String> = b.iter().collect();
    sa.symmetric_difference(&sb).map(|s| (*s).clone()).collect()
}
