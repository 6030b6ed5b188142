//! Quotations and statements by one speaker: word for word corroborates, light rewording is
//! compatible, a negation or a changed number is a conflict.

use std::collections::BTreeSet;

use crate::align::Block;
use crate::claim::*;

use super::*;

impl Judge<'_> {
    pub(super) fn quotes(&self, b: &Block, topic: &str) -> Vec<Finding> {
        // Each claim's words once, not once per comparison.
        let all: foldhash::HashMap<usize, Vec<&str>> = b.claims.iter().map(|&i| (i, match &self.claims[i].value {
            Value::Quote(q) => q.words(),
            _ => vec![],
        })).collect();
        let wref = |i: usize| all[&i].as_slice();
        let words = wref;
        let direct = |i: usize| self.claims[i].kind == Kind::Quote;
        let neg: BTreeSet<String> = self.rules.languages.values().flat_map(|p| p.speech.negations.iter().map(|n| n.to_lowercase())).collect();
        let threshold = self.rules.thresholds.quote_same;
        // Two quotations are one when their words align; reported speech paraphrases, so a
        // statement is one with a quotation (or another statement) when most of the shorter
        // one's words are in the longer.
        let content: foldhash::HashMap<usize, BTreeSet<&str>> = b.claims.iter().map(|&i| (i, content_words(wref(i)))).collect();
        let same = |x: usize, y: usize| {
            if direct(x) && direct(y) {
                similarity(wref(x), wref(y)) >= threshold
            } else {
                contained_sets(&content[&x], &content[&y]) >= threshold
            }
        };
        // Greedy clustering against each cluster's first quotation: linear in the block.
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        for &i in &b.claims {
            match clusters.iter_mut().find(|c| same(c[0], i)) {
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
            // A negation or a number that changes between two direct quotations from
            // independent sources changes the meaning; paraphrase never does.
            let mut changed: Option<(usize, Vec<&str>)> = None;
            for &i in &c[1..] {
                if !(direct(c[0]) && direct(i) && self.apart_sources(c[0], i)) {
                    continue;
                }
                let wi = words(i);
                let diff = sym_diff(w0, wi);
                // A negation added or dropped (not merely moved: "I feel we weren't" is "I
                // didn't feel we were"), or numbers that both quotations write and that differ
                // ("11th hour" and "eleventh-hour" say the same).
                let negations = |w: &[&str]| w.iter().filter(|x| neg.contains(**x)).count() % 2;
                let numbers = |w: &[&str]| -> BTreeSet<String> { w.iter().filter(|x| x.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') && x.chars().any(|c| c.is_ascii_digit() && c != '0')).map(|x| x.to_string()).collect() };
                let (n0, ni) = (numbers(w0), numbers(wi));
                let meaning = negations(w0) != negations(wi) || (!n0.is_empty() && !ni.is_empty() && n0 != ni);
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
            } else if c.iter().all(|&i| direct(i)) {
                let sim = c[1..].iter().map(|&i| similarity(w0, words(i))).fold(1.0f64, f64::min);
                let ex = format!("{} sources quote {topic} with light rewording ({:.0}% of words aligned): {}.", self.docs(&c), sim * 100.0, self.cites(&c));
                out.push(finding(Verdict::Compatible, Severity::Info, c, topic, ex));
            } else {
                let ex = format!("{} sources report the same words of {topic}, quoted or in reported speech: {}.", self.docs(&c), self.cites(&c));
                out.push(finding(Verdict::Compatible, Severity::Info, c, topic, ex));
            }
        }
        out
    }
}

/// The words of four or more letters, so that function words do not make two sentences alike.
fn content_words<'a>(w: &[&'a str]) -> BTreeSet<&'a str> {
    w.iter().filter(|x| x.chars().count() >= 4).copied().collect()
}

/// How much of the shorter list of content words the longer one holds (0..1).
fn contained_sets(sa: &BTreeSet<&str>, sb: &BTreeSet<&str>) -> f64 {
    let n = sa.len().min(sb.len());
    // Too few words to tell a paraphrase from two sentences that name the same countries.
    if n < 6 {
        return 0.0;
    }
    sa.intersection(sb).count() as f64 / n as f64
}

/// Word-level similarity: 1 − normalised Levenshtein distance over words (strsim).
pub fn similarity(a: &[&str], b: &[&str]) -> f64 {
    let n = a.len().max(b.len());
    if n == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(&a.to_vec(), &b.to_vec()) as f64 / n as f64
}

pub(super) fn sym_diff<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<&'a str> {
    let sa: BTreeSet<&str> = a.iter().copied().collect();
    let sb: BTreeSet<&str> = b.iter().copied().collect();
    sa.symmetric_difference(&sb).copied().collect()
}
