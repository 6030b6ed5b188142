//! Place names across the corpus: one place written several ways becomes one id before
//! alignment. "Kecamatan Pronojiwo" and a bare "Pronojiwo" are one place when the corpus knows
//! only one level for that name; "Sumberwuluh" and "Sumber Wuluh" are one; a one-letter slip in
//! a long name ("Curah Koboan", "Candipiro") is the name written most often, and the report
//! notes the link. "Kota Malang" and "Kabupaten Malang" stay two places: a level is part of
//! the name. Ids the rules know (gazetteer entities) are left as they are.

use std::collections::{BTreeMap, BTreeSet};

use crate::claim::*;
use crate::extract::slug;
use crate::names::Variant;
use crate::rules::RuleSet;

/// Letters a name needs before a one-letter difference is taken for a slip, not another place.
const SLIP_MIN_LETTERS: usize = 8;
/// Letters at the start two spellings of one name share.
const SLIP_PREFIX: usize = 3;

/// The level words of every language, slugged: word → (level id, rank).
pub struct Levels(BTreeMap<String, (String, u8)>);

impl Levels {
    pub fn new(rules: &RuleSet) -> Levels {
        let mut m = BTreeMap::new();
        for pack in rules.languages.values() {
            for l in &pack.place_levels {
                for t in &l.terms {
                    m.entry(slug(t)).or_insert_with(|| (l.id.clone(), l.rank));
                }
            }
        }
        Levels(m)
    }

    /// A place id split into its level and its name: "kecamatan_pronojiwo" → (district,
    /// "pronojiwo"); "dusun_kampung_renteng" → (hamlet, "renteng"); "sonoma_county" → (county,
    /// "sonoma"). A name without a level word has none.
    pub fn parse<'a>(&'a self, id: &'a str) -> (Option<&'a (String, u8)>, String) {
        let words: Vec<&str> = id.split('_').filter(|w| !w.is_empty()).collect();
        let mut level = None;
        let mut k = 0;
        while k + 1 < words.len() {
            match self.0.get(words[k]) {
                Some(l) if level.is_none_or(|x: &(String, u8)| x.1 == l.1) => {
                    level = level.or(Some(l));
                    k += 1;
                }
                _ => break,
            }
        }
        let mut rest = &words[k..];
        if level.is_none() && rest.len() >= 2 {
            if let Some(l) = self.0.get(rest[rest.len() - 1]) {
                level = Some(l);
                rest = &rest[..rest.len() - 1];
            }
        }
        (level, rest.join("_"))
    }

    /// The rank of a place id's level, if it names one.
    pub fn rank(&self, id: &str) -> Option<u8> {
        self.parse(id).0.map(|l| l.1)
    }
}

/// The place ids a claim holds, to read or rewrite.
fn place_ids(c: &mut Claim) -> Vec<&mut String> {
    match &mut c.value {
        Value::Location { place, within, .. } => std::iter::once(place).chain(within.iter_mut()).collect(),
        Value::Event(e) => e.place.iter_mut().collect(),
        Value::Quantity(q) => q.more_if_any().into_iter().flat_map(|m| m.scope.iter_mut()).filter(|s| !s.starts_with('~')).collect(),
        _ => vec![],
    }
}

/// A place id as `text` writes it ("north_korea" in "… dari Korea Utara" → none; in "from North
/// Korea" → "North Korea"), for explanations people read.
pub fn as_written(text: &str, id: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).filter(|w| !w.is_empty()).collect();
    for a in 0..words.len() {
        // A run's id begins with its first word's (the words end in letters or digits, so the
        // space after one becomes the id's `_`): runs from a word that does not start `id` are
        // not tried.
        if !id.starts_with(slug(words[a]).as_str()) {
            continue;
        }
        for b in a + 1..=(a + 8).min(words.len()) {
            let cand = words[a..b].join(" ");
            if slug(&cand) == id {
                return Some(cand);
            }
        }
    }
    None
}

/// The place ids a claim holds that the rules do not know: the ones `unify` links.
pub fn unknown_places<'c>(rules: &RuleSet, c: &'c Claim) -> Vec<&'c str> {
    let ids: Vec<&String> = match &c.value {
        Value::Location { place, within, .. } => std::iter::once(place).chain(within.iter()).collect(),
        Value::Event(e) => e.place.iter().collect(),
        Value::Quantity(q) => q.more().scope.iter().filter(|s| !s.starts_with('~')).collect(),
        _ => vec![],
    };
    ids.into_iter().filter(|id| !rules.entities.contains_key(id.as_str())).map(String::as_str).collect()
}

/// The blocks `unify` compares a place id in: its name without level and spaces (a bare name
/// meets its leveled form), and for long names the first letters and the consonants (where
/// slips are linked). Two ids are only linked inside a block they share (the archive index
/// looks places up by them).
pub fn block_keys(levels: &Levels, id: &str, vowels: &str) -> Vec<String> {
    let k = key_of(levels, id);
    let mut out = vec![format!("pb:{}", k.1)];
    out.extend(slip_blocks(&k, vowels));
    out
}

/// The blocks a long name's slips are found in: its first letters and its consonants.
fn slip_blocks(k: &Key, vowels: &str) -> Vec<String> {
    if k.1.chars().count() < SLIP_MIN_LETTERS {
        return vec![];
    }
    vec![format!("pp:{}", k.1.chars().take(SLIP_PREFIX).collect::<String>()), format!("ps:{}", skeleton(&k.1, vowels))]
}

/// Two keys that may be spellings of one name: long names that differ by one letter or only in
/// their vowels ("Supit Urang", "Sapiturang"), with the same first letter, at one level or one
/// of them without a level.
/// Keys two names `slip` could link always share: the name, the name less any one letter (one
/// letter changed, added or dropped leaves one such form in common) and its consonants.
fn slip_keys(base: &str, vowels: &str) -> Vec<String> {
    let mut out = vec![format!("s:{}", skeleton(base, vowels)), format!("d:{base}")];
    for (i, c) in base.char_indices() {
        out.push(format!("d:{}{}", &base[..i], &base[i + c.len_utf8()..]));
    }
    out
}

fn slip(a: &Key, b: &Key, vowels: &str) -> bool {
    let levels_fit = a.0 == b.0 || a.0.is_none() || b.0.is_none();
    let long = a.1.chars().count() >= SLIP_MIN_LETTERS && b.1.chars().count() >= SLIP_MIN_LETTERS;
    levels_fit && long && a.1.chars().next() == b.1.chars().next() && (strsim::levenshtein(&a.1, &b.1) == 1 || skeleton(&a.1, vowels) == skeleton(&b.1, vowels))
}

/// Two place ids `unify` may link: one name with or without its level, or a slip.
pub fn may_link(levels: &Levels, a: &str, b: &str, vowels: &str) -> bool {
    let (x, y) = (key_of(levels, a), key_of(levels, b));
    x.1 == y.1 || slip(&x, &y, vowels)
}

/// One key per place: its level and its name without spaces.
type Key = (Option<String>, String);

fn key_of(levels: &Levels, id: &str) -> Key {
    let (l, base) = levels.parse(id);
    (l.map(|x| x.0.clone()), base.replace('_', ""))
}

/// Link the corpus's spellings of each place; rewrite the claims' place ids in place. Returns
/// the slips linked (a place written differently, not just with or without its level).
pub fn unify(rules: &RuleSet, docs: &mut [&mut [Claim]]) -> Vec<Variant> {
    let levels = Levels::new(rules);
    let known = |id: &str| rules.entities.contains_key(id);
    let key_of = |id: &str| key_of(&levels, id);
    let vowels = &rules.thresholds.name_vowels;
    // How often each spelling is written, by key.
    // (Articles in parallel; each spelling's key computed once.)
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    {
        use rayon::prelude::*;
        let per_doc: Vec<Vec<&str>> = docs.par_iter().map(|d| d.iter().flat_map(|c| unknown_places(rules, c)).collect()).collect();
        for id in per_doc.into_iter().flatten() {
            *counts.entry(id).or_default() += 1;
        }
    }
    let mut forms: BTreeMap<Key, BTreeMap<String, usize>> = BTreeMap::new();
    for (id, n) in counts {
        *forms.entry(key_of(id)).or_default().entry(id.to_string()).or_default() += n;
    }
    let weights: BTreeMap<&Key, usize> = forms.iter().map(|(k, f)| (k, f.values().sum::<usize>())).collect();
    let weight = |k: &Key| weights.get(k).copied().unwrap_or(0);
    // Slips: names that differ by one letter, or only in their vowels ("Supit Urang",
    // "Sapiturang"), at one level or one of them without a level; blocked by first letter and
    // consonants so that no two names far apart are ever compared.
    let mut blocks: BTreeMap<String, Vec<Key>> = BTreeMap::new();
    for k in forms.keys() {
        for b in slip_blocks(k, vowels) {
            blocks.entry(b).or_default().push(k.clone());
        }
    }
    let mut target: BTreeMap<Key, Key> = BTreeMap::new();
    let mut slips: BTreeSet<Key> = BTreeSet::new();
    let alike = |a: &Key, b: &Key| slip(a, b, vowels);
    for group in blocks.values() {
        // Most written first (a level written counts first); ties by name, so the choice does not
        // depend on input order.
        let mut g = group.clone();
        g.sort_by(|a, b| b.0.is_some().cmp(&a.0.is_some()).then(weight(b).cmp(&weight(a))).then(a.cmp(b)));
        // Each name is linked to the first name before it that it is alike to. Only names that
        // share a slip key can be alike, so those are the only ones tried (the first of them in
        // block order, as a scan of every earlier name would find).
        let mut by_key: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (i, k) in g.iter().enumerate() {
            for sk in slip_keys(&k.1, vowels) {
                by_key.entry(sk).or_default().push(i);
            }
        }
        for i in 1..g.len() {
            if target.contains_key(&g[i]) {
                continue;
            }
            let mut cands: Vec<usize> = slip_keys(&g[i].1, vowels).iter().filter_map(|sk| by_key.get(sk)).flat_map(|v| v.iter().copied().take_while(|&j| j < i)).collect();
            cands.sort_unstable();
            cands.dedup();
            if let Some(t) = cands.into_iter().map(|j| &g[j]).find(|t| !target.contains_key(*t) && alike(t, &g[i])) {
                target.insert(g[i].clone(), t.clone());
                slips.insert(g[i].clone());
            }
        }
    }
    // A name without a level is the place of that name when the corpus knows it at one level only.
    let leveled: BTreeMap<String, BTreeSet<Key>> = forms.keys().filter(|k| k.0.is_some()).fold(BTreeMap::new(), |mut m, k| {
        let t = target.get(k).unwrap_or(k).clone();
        m.entry(k.1.clone()).or_default().insert(t);
        m
    });
    for k in forms.keys().filter(|k| k.0.is_none()) {
        let base = target.get(k).map_or(k.1.clone(), |t| t.1.clone());
        if let Some(only) = leveled.get(&base).filter(|s| s.len() == 1).and_then(|s| s.iter().next()) {
            target.entry(k.clone()).or_insert_with(|| only.clone());
        }
    }
    // Each key's id: the spelling written most often among every key it stands for.
    let mut members: BTreeMap<Key, BTreeMap<String, usize>> = BTreeMap::new();
    // The keys some leveled spelling stands for.
    let leveled_targets: BTreeSet<&Key> = forms.keys().filter(|o| o.0.is_some()).map(|o| target.get(o).unwrap_or(o)).collect();
    for (k, f) in &forms {
        let t = target.get(k).unwrap_or(k).clone();
        let m = members.entry(t).or_default();
        for (id, n) in f {
            // A level written is more precise than none: the leveled spellings name the place.
            if k.0.is_some() || !leveled_targets.contains(target.get(k).unwrap_or(k)) {
                *m.entry(id.clone()).or_default() += n;
            }
        }
    }
    let id_of = |k: &Key| -> Option<String> {
        let t = target.get(k).unwrap_or(k);
        // Most written; on a tie the spelling of the linked-to key (not the slip), then the
        // shorter, then by name.
        let own = |id: &str| key_of(id) == *t;
        members.get(t).and_then(|m| m.iter().max_by(|a, b| a.1.cmp(b.1).then(own(a.0).cmp(&own(b.0))).then(b.0.len().cmp(&a.0.len())).then(b.0.cmp(a.0))).map(|(id, _)| id.clone()))
    };
    // Each spelling's new id (and the note's similarity when the spelling changes) once; then
    // the claims rewritten, articles in parallel.
    let mut renamed: std::collections::HashMap<&str, (String, Option<u32>)> = std::collections::HashMap::new();
    for (k, f) in &forms {
        let Some(new) = id_of(k) else { continue };
        // A spelling, not just a level written or left out: the note says so.
        let spelling = key_of(&new).1 != k.1;
        for id in f.keys().filter(|id| **id != new) {
            let sim = spelling.then(|| (strsim::jaro_winkler(id, &new) * 100.0).round() as u32);
            renamed.insert(id.as_str(), (new.clone(), sim));
        }
    }
    let variants: BTreeSet<(String, usize, String, u32)> = {
        use rayon::prelude::*;
        let per_doc: Vec<Vec<(String, usize, String, u32)>> = docs
            .par_iter_mut()
            .enumerate()
            .map(|(di, d)| {
                let mut out = Vec::new();
                for c in d.iter_mut() {
                    for id in place_ids(c) {
                        if known(id) {
                            continue;
                        }
                        let Some((new, sim)) = renamed.get(id.as_str()) else { continue };
                        if let Some(sim) = sim {
                            out.push((id.clone(), di, new.clone(), *sim));
                        }
                        *id = new.clone();
                    }
                }
                out
            })
            .collect();
        per_doc.into_iter().flatten().collect()
    };
    variants.into_iter().map(|(written, doc, canonical, similarity_pct)| Variant { written, doc, canonical, similarity_pct }).collect()
}

/// A name without its vowels, repeated letters once: spellings of one name differ mostly in
/// vowels.
fn skeleton(w: &str, vowels: &str) -> String {
    let mut out: Vec<char> = w.chars().filter(|c| !vowels.contains(*c)).collect();
    out.dedup();
    out.into_iter().collect()
}

/// Two place names alike enough to be spellings of one (compared without their levels and
/// spaces): a conflict never rests on them.
pub fn spellings_alike(levels: &Levels, a: &str, b: &str) -> bool {
    let (x, y) = (levels.parse(a).1.replace('_', ""), levels.parse(b).1.replace('_', ""));
    x == y || strsim::jaro_winkler(&x, &y) >= SAME_PLACE_SIMILARITY
}

/// Jaro-Winkler similarity at or above which two place names may be one place.
const SAME_PLACE_SIMILARITY: f64 = 0.85;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Two names `slip` links always share a slip key, so looking only at names that share
        /// one finds what a scan of every name would.
        #[test]
        fn slipped_names_share_a_key(a in "[aeioukmrst]{8,11}", edit in 0usize..3, at in 0usize..11, c in "[aeioukmrst]") {
            let c = c.chars().next().unwrap();
            let mut b: Vec<char> = a.chars().collect();
            let at = at.min(b.len() - 1);
            match edit {
                0 => b[at] = c,
                1 => b.insert(at, c),
                _ => { b.remove(at); }
            }
            let b: String = b.into_iter().collect();
            let (ka, kb) = ((None, a.clone()), (None, b.clone()));
            if slip(&ka, &kb, "aeiou") {
                let keys: BTreeSet<String> = slip_keys(&a, "aeiou").into_iter().collect();
                prop_assert!(slip_keys(&b, "aeiou").iter().any(|k| keys.contains(k)), "{} / {}", a, b);
            }
        }
    }
}
