//! Align: puts claims that may state the same fact into one block, by key — concept and
//! subject for figures, event and parties for events, speaker for quotations and statements —
//! so that cost stays linear in the number of claims: no claim is ever compared with the whole
//! corpus. The alignment graph (petgraph) has claims as nodes and judged relations as edges.

use std::collections::BTreeMap;

use petgraph::graph::{NodeIndex, UnGraph};

use crate::claim::*;
use crate::rules::RuleSet;

/// Claims sharing a key, in input order.
#[derive(Debug, Clone)]
pub struct Block {
    pub key: String,
    pub claims: Vec<usize>,
}

fn ref_key(r: &Option<Ref>) -> Option<String> {
    r.as_ref().map(|r| r.id().to_string())
}

/// The blocking key of a claim, or `None` when the claim cannot be aligned (a date that dates
/// nothing, a duration of nothing in particular).
pub fn key(rules: &RuleSet, c: &Claim) -> Option<String> {
    match &c.value {
        Value::Quantity(q) => {
            // The key is the thing counted: a concept, or a noun the rules do not name with what
            // the sentence says of it ("n:jembatan", "rusak.n:jembatan"), and whose the things
            // are. Scope, source, time and incident partition the block in `judge`.
            let thing = match (&q.of, &q.more().noun) {
                (Some(of), _) => of.to_string(),
                (None, Some(n)) => match &q.more().predicate {
                    Some(p) => format!("{p}.n:{n}"),
                    None => format!("n:{n}"),
                },
                (None, None) => return None,
            };
            // An age is a fact about one person: without the person it aligns with nothing.
            let person = if thing == "age" { format!("|{}", ref_key(&c.subject)?) } else { String::new() };
            let owner = q.more().owner.as_ref().map(|o| format!("@{o}")).unwrap_or_default();
            Some(format!("quantity|{thing}{owner}{person}"))
        }
        Value::Event(e) => {
            let rule = rules.languages.values().flat_map(|p| p.events.iter()).find(|r| r.id == e.event)?;
            if rule.key == crate::rules::EventKey::Event {
                return Some(format!("event|{}", e.event));
            }
            if rule.key == crate::rules::EventKey::Parties {
                if e.parties.len() < 2 {
                    return None;
                }
                Some(format!("event|{}|{}", e.event, e.parties.join("+")))
            } else {
                let p = e.principal.as_ref()?.id().to_string();
                Some(format!("event|{}|{}|{}", e.event, p, e.destination.clone().unwrap_or_default()))
            }
        }
        // Dates by the day they give; clock times by their day; places by their id.
        Value::Date { date, .. } => Some(format!("date|{}", date.resolved.as_ref()?.iso())),
        // A time of an event by the event (its day partitions the block in `judge`); other
        // times by their day.
        Value::Time { anchor: Some(a), .. } => Some(format!("time|{a}")),
        Value::Time { date, .. } => Some(format!("time|{}", date.as_ref().and_then(|d| d.resolved.as_ref()).map(|r| r.iso()).unwrap_or_default())),
        Value::Location { place, .. } => Some(format!("location|{place}")),
        Value::Recency(r) => {
            let p = ref_key(&r.principal).unwrap_or_default();
            Some(format!("recency|{}|{}|{}", r.event.clone().unwrap_or_default(), r.ordinal, p))
        }
        Value::Quote(_) => Some(format!("quote|{}", ref_key(&c.speaker)?)),
        Value::Set { predicate, .. } => Some(format!("set|{predicate}")),
        Value::Duration { .. } => None,
    }
}

/// Group claims by key. BTreeMap order keeps the output deterministic.
pub fn blocks(rules: &RuleSet, claims: &[Claim]) -> Vec<Block> {
    use rayon::prelude::*;
    // Keys in parallel; the claims grouped by key in claim order (one hash lookup each, no sort
    // of every claim's key), then the groups sorted by key: blocks in key order, each block's
    // claims in order.
    let keys: Vec<Option<String>> = claims.par_iter().map(|c| key(rules, c)).collect();
    let mut index: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let Some(k) = k.as_deref() else { continue };
        let g = *index.entry(k).or_insert_with(|| {
            groups.push((k, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
    }
    drop(index);
    // Keys are unique: an unstable sort is the only order.
    groups.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    groups.into_iter().map(|(k, claims)| Block { key: k.to_string(), claims }).collect()
}

/// A block whose claims come from more documents than this is split by story (`stories`)
/// before it is judged: one story is told by a handful of outlets, so a block this wide holds
/// many unrelated stories of one kind (every flood's death toll), which must not be compared
/// with each other — and a block this wide would be judged on one thread, its findings citing
/// thousands of claims. Narrower blocks are judged whole, as the articles of one story are.
pub const STORY_SPLIT_DOCS: usize = 64;

/// Each document's story: documents that name a place in common (a place a location claim
/// gives, or the place of an event) tell one story, by union over the place ids — linear in
/// the claims, no pairs of documents compared. A story is named by its first document, so the
/// partition does not depend on input order or threads. Documents that name no place are each
/// a story of their own.
pub fn stories(n_docs: usize, claims: &[Claim]) -> Vec<usize> {
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut parent: Vec<usize> = (0..n_docs).collect();
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for c in claims {
        let place = match &c.value {
            Value::Location { place, .. } => place.as_str(),
            Value::Event(e) => match e.place.as_deref() {
                Some(p) => p,
                None => continue,
            },
            _ => continue,
        };
        let d = *first.entry(place).or_insert(c.doc);
        let (a, b) = (root(&mut parent, d), root(&mut parent, c.doc));
        // The smaller document index is the root: a story is named by its first document.
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            parent[hi] = lo;
        }
    }
    (0..n_docs).map(|d| root(&mut parent, d)).collect()
}

/// Split each block wider than `STORY_SPLIT_DOCS` documents into one block per story (same
/// key, claims in input order, stories in order of their first document).
pub fn split_by_story(blocks: Vec<Block>, claims: &[Claim], story: &[usize]) -> Vec<Block> {
    use rayon::prelude::*;
    // Blocks in parallel, collected in order.
    blocks
        .into_par_iter()
        .flat_map_iter(|b| {
            let mut docs: Vec<usize> = b.claims.iter().map(|&i| claims[i].doc).collect();
            docs.dedup();
            docs.sort_unstable();
            docs.dedup();
            if docs.len() <= STORY_SPLIT_DOCS {
                return vec![b];
            }
            let mut by: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &i in &b.claims {
                by.entry(story[claims[i].doc]).or_default().push(i);
            }
            by.into_values().map(|claims| Block { key: b.key.clone(), claims }).collect()
        })
        .collect()
}

/// The alignment graph: one node per claim, one edge per judged relation.
pub fn graph(n_claims: usize, edges: &[crate::judge::Edge]) -> UnGraph<usize, String> {
    let mut g = UnGraph::with_capacity(n_claims, edges.len());
    let nodes: Vec<NodeIndex> = (0..n_claims).map(|i| g.add_node(i)).collect();
    for &(a, b, rel) in edges {
        if let (Some(&a), Some(&b)) = (nodes.get(a as usize), nodes.get(b as usize)) {
            g.add_edge(a, b, rel.name().to_string());
        }
    }
    g
}
