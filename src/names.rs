//! Names: links capitalised names the rules do not know to known people and to each other,
//! by spelling similarity (strsim). "Santosa" in an article that names Rahmat Santoso is Santoso;
//! "Lee Seong-kweun" in one article is "Lee Sung-kwon" in another; "Kim Yong Nam" is never
//! "Kim Jong Un" (every word must be alike, not just most of the string).
//!
//! Cost: names are blocked by their initials, so each is compared only with names of its block,
//! each name's words and skeletons are prepared once, and the names are linked in parallel.

use std::collections::{BTreeMap, BTreeSet};

use crate::claim::{Claim, Ref, Value};
use crate::extract::slug;
use crate::rules::{EntityType, RuleSet};

/// A name written differently from the form it was linked to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Variant {
    /// The name as written (slug) and the document it appears in.
    pub written: String,
    pub doc: usize,
    /// What it was linked to: an entity id or another name.
    pub canonical: String,
    pub similarity_pct: u32,
}

/// The references of a claim (see `refs`), to rewrite in place (no allocation per claim).
fn refs_mut(c: &mut Claim) -> [Option<&mut Option<Ref>>; 4] {
    let principal = match &mut c.value {
        Value::Date { principal, .. } => Some(principal),
        Value::Event(e) => Some(&mut e.principal),
        Value::Recency(r) => Some(&mut r.principal),
        _ => None,
    };
    [Some(&mut c.subject), Some(&mut c.speaker), Some(&mut c.source), principal]
}

/// What a claim refers to: whom it is about, who says it, on whose authority, the principal of
/// its date, event or recency.
pub fn refs(c: &Claim) -> [Option<&Ref>; 4] {
    let principal = match &c.value {
        Value::Date { principal, .. } => principal.as_ref(),
        Value::Event(e) => e.principal.as_ref(),
        Value::Recency(r) => r.principal.as_ref(),
        _ => None,
    };
    [c.subject.as_ref(), c.speaker.as_ref(), c.source.as_ref(), principal]
}

/// The unknown names (`Ref::Name`) a claim refers to (see `refs`).
pub fn unknown_names(c: &Claim) -> impl Iterator<Item = &str> {
    refs(c).into_iter().filter_map(|r| if let Some(Ref::Name(n)) = r { Some(n.as_str()) } else { None })
}

/// The blocks a name is compared in: the initials of its words ("lee_sung_kwon" → "i:lsk"),
/// where spellings of one name are linked, and its first word ("w:lee"), where a shorter form
/// is linked to a longer one. Two names are only ever linked inside a block they share, so what
/// links a name depends only on the names of its blocks (the archive index looks names up by
/// them).
pub fn block_keys(name: &str) -> Vec<String> {
    let w = words(name);
    let initials: String = w.iter().map(|w| w.chars().next().unwrap_or(' ')).collect();
    let mut out = vec![format!("i:{initials}")];
    if w.len() >= 2 {
        out.push(format!("w:{}", w[0]));
    }
    out
}

/// Whether `unify` could link the unknown names `a` and `b` across articles (they are alike word
/// by word, or one is a shorter form of the other): only such names can change what a name is
/// linked to.
pub fn may_link(rules: &RuleSet, a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    let shorter = |s: &[String], l: &[String]| s.len() >= 2 && l.len() > s.len() && s[0] == l[0] && subsequence(s, l);
    a == b || alike(&wa, &wb, rules.thresholds.name_similarity, &rules.thresholds.name_vowels).is_some() || shorter(&wa, &wb) || shorter(&wb, &wa)
}

fn words(s: &str) -> Vec<String> {
    s.split('_').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// A word without its vowels: romanisations of one name differ mostly in vowels
/// ("sung"/"seong", "kwon"/"kweun", "suk"/"seok").
fn skeleton(w: &str, vowels: &str) -> String {
    let mut out: Vec<char> = w.chars().filter(|c| !vowels.contains(*c)).collect();
    out.dedup();
    out.into_iter().collect()
}

/// Two names are one when they have as many words, each word starts alike and is alike
/// (Jaro-Winkler ≥ threshold − 0.12, or the same consonant skeleton), and the whole is alike
/// (≥ threshold) or every skeleton matches.
fn alike(a: &[String], b: &[String], whole_min: f64, vowels: &str) -> Option<f64> {
    if a.len() != b.len() || a.is_empty() {
        return None;
    }
    if a.iter().zip(b).any(|(x, y)| x.chars().next() != y.chars().next()) {
        return None;
    }
    let word_min = whole_min - 0.12;
    let same_skeleton = |x: &String, y: &String| skeleton(x, vowels) == skeleton(y, vowels);
    if a.iter().zip(b).any(|(x, y)| strsim::jaro_winkler(x, y) < word_min && !same_skeleton(x, y)) {
        return None;
    }
    let w = strsim::jaro_winkler(&a.join(" "), &b.join(" "));
    (w >= whole_min || a.iter().zip(b).all(|(x, y)| same_skeleton(x, y))).then_some(w)
}

/// A name of a block with what `alike` needs of it, computed once.
struct Prepared {
    name: String,
    /// The known person it spells, if any.
    id: Option<String>,
    words: Vec<String>,
    skeletons: Vec<String>,
    joined: String,
    /// Characters of `joined`.
    chars: usize,
    /// How many of `joined`'s characters fall in each bucket (`bucket`): two names have at most
    /// as many characters in common as the sum of the smaller counts, which bounds their Jaro.
    counts: [u16; 32],
}

/// A character's bucket for `Prepared::counts`: letters a–z their own, the rest shared (shared
/// buckets only loosen the bound).
fn bucket(c: char) -> usize {
    match c {
        'a'..='z' => c as usize - 'a' as usize,
        ' ' => 26,
        '0'..='9' => 27,
        _ => 28 + (c as usize % 4),
    }
}

impl Prepared {
    fn new(name: String, id: Option<String>, vowels: &str) -> Prepared {
        let words = words(&name);
        let skeletons = words.iter().map(|w| skeleton(w, vowels)).collect();
        let joined = words.join(" ");
        let chars = joined.chars().count();
        let mut counts = [0u16; 32];
        for c in joined.chars() {
            counts[bucket(c)] = counts[bucket(c)].saturating_add(1);
        }
        Prepared { name, id, words, skeletons, joined, chars, counts }
    }
}

/// `alike` over prepared names: the same answer, without allocating per pair, and without any
/// Jaro-Winkler when the whole cannot reach `whole_min` and not every skeleton matches (the
/// characters two names have in common bound it).
fn alike_prepared(a: &Prepared, b: &Prepared, whole_min: f64) -> Option<f64> {
    if a.words.len() != b.words.len() || a.words.is_empty() {
        return None;
    }
    if a.words.iter().zip(&b.words).any(|(x, y)| x.chars().next() != y.chars().next()) {
        return None;
    }
    let word_min = whole_min - 0.12;
    let same_skeleton = |k: usize| a.skeletons[k] == b.skeletons[k];
    let all_skeletons = (0..a.words.len()).all(same_skeleton);
    // Unless every skeleton matches, the whole must reach `whole_min`: first the bound on it
    // (Jaro-Winkler is at most 0.6·Jaro + 0.4, and Jaro at most (m/|a| + m/|b| + 1)/3 with m,
    // the characters matched, at most the characters in common), before any word's.
    let (la, lb) = (a.chars as f64, b.chars as f64);
    if !all_skeletons && la > 0.0 && lb > 0.0 {
        let common = a.counts.iter().zip(&b.counts).map(|(x, y)| u32::from(*x.min(y))).sum::<u32>() as f64;
        let m = common.min(la).min(lb);
        if 0.6 * (m / la + m / lb + 1.0) / 3.0 + 0.4 < whole_min - 1e-9 {
            return None;
        }
    }
    if (0..a.words.len()).any(|k| !same_skeleton(k) && strsim::jaro_winkler(&a.words[k], &b.words[k]) < word_min) {
        return None;
    }
    let w = strsim::jaro_winkler(&a.joined, &b.joined);
    (w >= whole_min || all_skeletons).then_some(w)
}

/// Every word of `short`, in order, among the words of `long`.
fn subsequence(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

/// Link unknown names across the corpus; rewrite the claims' references in place.
pub fn unify(rules: &RuleSet, docs: &mut [&mut [Claim]]) -> Vec<Variant> {
    let threshold = rules.thresholds.name_similarity;
    // Known people by each of their spellings, in every language.
    let mut known: BTreeMap<String, String> = BTreeMap::new();
    for pack in rules.languages.values() {
        for e in &pack.entities {
            if rules.entities.get(&e.id).and_then(|i| i.kind) == Some(EntityType::Person) {
                for a in &e.aliases {
                    known.entry(slug(a)).or_insert_with(|| e.id.clone());
                }
            }
        }
    }
    // Known people's spellings as words, once (in the order of `known`).
    let known_words: Vec<(Vec<String>, &String)> = known.iter().map(|(alias, id)| (words(alias), id)).collect();
    // 1. Inside one article: a one-word name close to a person the article already names
    //    ("kata Santosa" after "Rahmat Santoso mengatakan"). Articles in parallel.
    // Per article: its one-word names and what they are linked to.
    let map: Vec<BTreeMap<String, (String, u32)>> = {
        use rayon::prelude::*;
        docs
            .par_iter()
            .map(|d| {
                let mut people: BTreeSet<&str> = BTreeSet::new();
                let mut names: BTreeSet<&str> = BTreeSet::new();
                for c in d.iter() {
                    for r in refs(c).into_iter().flatten() {
                        match r {
                            Ref::Entity(id) if rules.entities.get(&**id).and_then(|i| i.kind) == Some(EntityType::Person) => {
                                people.insert(id);
                            }
                            Ref::Name(n) => {
                                names.insert(n);
                            }
                            _ => {}
                        }
                    }
                }
                let mut out = BTreeMap::new();
                for n in names.into_iter().filter(|n| !n.contains('_')) {
                    let mut best: Option<(f64, &String)> = None;
                    for (ws, id) in known_words.iter().filter(|(_, id)| people.contains(id.as_str())) {
                        for w in ws {
                            if w.chars().next() != n.chars().next() {
                                continue;
                            }
                            let sim = strsim::normalized_levenshtein(n, w);
                            if sim >= 0.55 && best.as_ref().is_none_or(|b| sim > b.0) {
                                best = Some((sim, id));
                            }
                        }
                    }
                    if let Some((sim, id)) = best {
                        out.insert(n.to_string(), (id.clone(), (sim * 100.0).round() as u32));
                    }
                }
                out
            })
            .collect()
    };
    // 2. Across the corpus: names alike word by word, to a known person or to each other.
    let all_names: BTreeSet<String> = {
        use rayon::prelude::*;
        // Each article's names once (in parallel), then the corpus's once each, in order: names
        // recur in an article, so only its distinct names are sorted.
        let mut v: Vec<&str> = docs
            .par_iter()
            .flat_map_iter(|d| {
                let mut own: Vec<&str> = d.iter().flat_map(unknown_names).collect();
                own.sort_unstable();
                own.dedup();
                own
            })
            .collect();
        v.par_sort_unstable();
        v.dedup();
        v.into_iter().map(str::to_string).collect()
    };
    // Blocks by initials keep this near-linear.
    let initials = |n: &str| block_keys(n).swap_remove(0);
    let mut blocks: BTreeMap<String, Vec<(String, Option<String>)>> = BTreeMap::new();
    for (alias, id) in &known {
        blocks.entry(initials(alias)).or_default().push((alias.clone(), Some(id.clone())));
    }
    for n in &all_names {
        blocks.entry(initials(n)).or_default().push((n.clone(), None));
    }
    // Each name's words and skeletons once; the names of the corpus in parallel (each name's
    // link depends only on its block, so the result is the same in any order).
    let vowels = &rules.thresholds.name_vowels;
    let blocks: BTreeMap<String, Vec<Prepared>> = {
        use rayon::prelude::*;
        let prepared: Vec<(String, Vec<Prepared>)> = blocks.into_par_iter().map(|(k, v)| (k, v.into_iter().map(|(n, id)| Prepared::new(n, id, vowels)).collect())).collect();
        prepared.into_iter().collect()
    };
    let names: Vec<&String> = all_names.iter().collect();
    let links: Vec<Option<(String, (String, u32))>> = {
        use rayon::prelude::*;
        names
            .par_iter()
            .map(|n| {
                let block = blocks.get(&initials(n))?;
                let pn = Prepared::new((*n).clone(), None, vowels);
                let mut best: Option<(f64, &String)> = None;
                for cand in block {
                    if &cand.name == *n {
                        continue;
                    }
                    if let Some(sim) = alike_prepared(&pn, cand, threshold) {
                        // Link to a known person, or to the alphabetically first spelling of a name.
                        let target = match &cand.id {
                            Some(id) => id,
                            None if cand.name < **n => &cand.name,
                            None => continue,
                        };
                        if best.as_ref().is_none_or(|b| sim > b.0) {
                            best = Some((sim, target));
                        }
                    }
                }
                best.map(|(sim, t)| ((*n).clone(), (t.clone(), (sim * 100.0).round() as u32)))
            })
            .collect()
    };
    let mut global: BTreeMap<String, (String, u32)> = links.into_iter().flatten().collect();
    // 3. A shorter form of a longer name ("Emil Dardak", "Emil Elestianto Dardak"; "Budi
    //    Gunadi", "Budi Gunadi Sadikin"): the same first word and every word, in order, in the
    //    longer one. Blocked by the first word.
    let mut by_first: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for n in &all_names {
        let w = words(n);
        if w.len() >= 2 {
            by_first.entry(w[0].clone()).or_default().push(w);
        }
    }
    for group in by_first.values_mut() {
        group.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        for i in 0..group.len() {
            let short = &group[i];
            let long = group[..i].iter().filter(|l| l.len() > short.len()).find(|l| subsequence(short, l));
            if let Some(l) = long {
                let (s, l) = (short.join("_"), l.join("_"));
                if global.contains_key(&s) {
                    continue;
                }
                // The longer name may itself be linked to a known person.
                let target = global.get(&l).map(|(t, _)| t.clone()).unwrap_or(l);
                global.insert(s, (target, 100));
            }
        }
    }
    // Rewrite the references, articles in parallel; the variants in order. (Links looked up by
    // hash: every reference of the corpus is looked up.)
    let global: std::collections::HashMap<&str, &(String, u32)> = global.iter().map(|(k, v)| (k.as_str(), v)).collect();
    use rayon::prelude::*;
    let mut variants: Vec<Variant> = {
        let per_doc: Vec<Vec<Variant>> = docs
            .par_iter_mut()
            .enumerate()
            .map(|(di, d)| {
                // Each link once per article (a name recurs in its article's claims).
                let mut out = BTreeSet::new();
                for c in d.iter_mut() {
                    for r in refs_mut(c).into_iter().flatten() {
                        let Some(Ref::Name(n)) = r else { continue };
                        let hit = map[di].get(n.as_str()).or_else(|| global.get(n.as_str()).copied());
                        if let Some((target, pct)) = hit {
                            out.insert(Variant { written: n.to_string(), doc: di, canonical: target.clone(), similarity_pct: *pct });
                            let t = crate::claim::ref_id(target.as_str());
                            *r = Some(if rules.entities.contains_key(target) { Ref::Entity(t) } else { Ref::Name(t) });
                        }
                    }
                }
                out.into_iter().collect()
            })
            .collect();
        // Articles' variants are distinct (each names its article): sorted, they are the set.
        per_doc.into_iter().flatten().collect()
    };
    variants.par_sort_unstable();
    variants
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Names of one to three words from few letters, so that many pairs are alike.
    fn name() -> impl Strategy<Value = String> {
        prop::collection::vec("[aeioubdkls]{1,7}", 1..=3).prop_map(|w| w.join("_"))
    }

    proptest! {
        /// The prepared comparison (with its bounds that skip Jaro-Winkler) answers as `alike`.
        #[test]
        fn prepared_answers_as_alike(a in name(), other in name(), edits in prop::collection::vec((0usize..40, "[aeioubdkls]"), 0..4), near in any::<bool>(), min in 0.8f64..0.97) {
            let v = "aeiou";
            // Half the pairs a name and a few letters changed in it: near the threshold.
            let b = if near {
                let mut b: Vec<char> = a.chars().collect();
                for (at, c) in &edits {
                    let at = 1 + at % b.len().max(1);
                    if at < b.len() && b[at] != '_' && b[at - 1] != '_' {
                        b[at] = c.chars().next().unwrap();
                    }
                }
                b.into_iter().collect()
            } else {
                other
            };
            let slow = alike(&words(&a), &words(&b), min, v);
            let fast = alike_prepared(&Prepared::new(a.clone(), None, v), &Prepared::new(b.clone(), None, v), min);
            prop_assert_eq!(slow, fast, "{} / {}", a, b);
        }
    }

    #[test]
    fn alike_spellings_still_link() {
        let v = "aeiou";
        let p = |s: &str| Prepared::new(s.to_string(), None, v);
        assert!(alike_prepared(&p("lee_sung_kwon"), &p("lee_seong_kweun"), 0.9).is_some());
        assert!(alike_prepared(&p("kim_yong_nam"), &p("kim_jong_un"), 0.9).is_none());
    }
}
