//! The gate: new articles checked against the archive through the index. The new articles'
//! claims give their keys (and the unknown names they refer to); each key is one indexed lookup of the archived documents that share it (at most `MAX_PER_KEY`, the most recent); those
//! documents are rebuilt from their bytes and the normal pipeline (`claimcheck::check_in`) runs
//! over the new and matched articles, with the rest of the archive's dates as corpus context.
//! Only findings with a claim of a new article are kept.
//!
//! Why this gives the findings a full check of archive + new articles gives for the new ones:
//! a finding is judged inside one block, and every archived article with a claim in a block of
//! a new claim shares that key, so it is checked too; the corpus's median date counts the whole
//! archive; the archived names that could be linked to a new article's names (alike to them, in
//! their block) bring their articles in; document ids are assigned over every archived file of
//! the same name. What can differ is written down in README.md ("Archive index").

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::extract::Extractor;
use crate::ingest::{self, Article, FrontMatter, Origin};
use crate::{Corpus, Report, align, names};

use super::store;
use super::{Index, IndexError};

/// The most archived documents one key (or name block) brings in: the most recent ones by their
/// date (undated last). A key that many articles share ("location|jakarta") would otherwise pull
/// in the archive; the run says which keys were cut.
pub const MAX_PER_KEY: usize = 200;

/// A gate run.
#[derive(Debug)]
pub struct Gate {
    /// The findings with a claim of a new article, over the new articles and the archived ones
    /// those findings cite.
    pub report: Report,
    /// Archived documents checked with the new ones.
    pub archived: usize,
    /// Keys looked up.
    pub keys: usize,
    /// Unknown names looked up in their blocks.
    pub names: usize,
    /// Keys (and names) shared by more than `MAX_PER_KEY` archived documents.
    pub truncated: Vec<String>,
}

impl Index {
    /// Check `new` against the archive (see the module documentation).
    pub fn gate(&self, ex: &Extractor<'_>, new: Vec<Article>) -> Result<Gate, IndexError> {
        self.check_rules(ex)?;
        let sql = self.sql();
        // The index may hold a new article itself (an `index add` of the folder it is in): that
        // version is the new one, read from its file; the stored one is left out.
        let mut excluded: BTreeMap<i64, Option<String>> = BTreeMap::new();
        for a in new.iter().filter(|a| a.path != "-") {
            let key = self.path_key(Path::new(&a.path));
            for (id, path, published) in store::at_or_under(&self.conn, &key).map_err(&sql)? {
                if path == key {
                    excluded.insert(id, published);
                }
            }
        }
        let excluded_dates: Vec<Option<String>> = excluded.values().cloned().collect();

        // The new articles' keys, dated as a check of the whole archive would date them.
        let first = crate::check_in(ex, new.clone(), &Corpus { other_dates: self.other_dates(&excluded_dates)?, focus: None });
        let keys: BTreeSet<String> = first.claims.iter().filter_map(|c| align::key(ex.rules, c)).collect();
        let new_names = super::lookups(ex.rules, &first.claims);
        drop(first);

        let mut matched: BTreeSet<i64> = BTreeSet::new();
        let mut truncated = Vec::new();
        for k in &keys {
            let ids: Vec<i64> = store::with_key(&self.conn, k, MAX_PER_KEY + excluded.len() + 1).map_err(&sql)?.into_iter().filter(|id| !excluded.contains_key(id)).collect();
            if ids.len() > MAX_PER_KEY {
                truncated.push(k.clone());
            }
            matched.extend(ids.into_iter().take(MAX_PER_KEY));
        }
        // A name is linked to the names alike to it in its block: the archived articles with such
        // a name are checked too, so that it is linked as a check of the whole archive links it.
        let mut by_block: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for (n, blocks) in &new_names {
            for b in blocks {
                by_block.entry(b.clone()).or_default().push(n);
            }
        }
        let levels = crate::places::Levels::new(ex.rules);
        // A place meets every place of its blocks a check could link to it; a name the names
        // `may_link` says.
        let linkable = |m: &str, other: &str| match (m.strip_prefix(super::PLACE), other.strip_prefix(super::PLACE)) {
            (Some(a), Some(b)) => crate::places::may_link(&levels, a, b, &ex.rules.thresholds.name_vowels),
            (None, None) => names::may_link(ex.rules, m, other),
            _ => false,
        };
        for (block, mine) in &by_block {
            let mut ids: Vec<i64> = Vec::new();
            let mut seen = BTreeSet::new();
            for (id, name) in store::in_block(&self.conn, block).map_err(&sql)? {
                if !excluded.contains_key(&id) && !seen.contains(&id) && mine.iter().any(|m| linkable(m, &name)) {
                    seen.insert(id);
                    ids.push(id);
                }
            }
            if ids.len() > MAX_PER_KEY {
                truncated.push(format!("names like {}", mine.join(", ")));
            }
            matched.extend(ids.into_iter().take(MAX_PER_KEY));
        }

        // The matched articles, as a check reads their files.
        let mut run: Vec<(Article, bool)> = new.into_iter().map(|a| (a, true)).collect();
        let mut matched_dates = excluded_dates;
        let mut archived = 0;
        for &id in &matched {
            let Some(l) = store::load(&self.conn, id).map_err(&sql)? else { continue };
            if let Ok(mut a) = ingest::article_from_bytes(Path::new(&l.path), l.bytes) {
                // Said when the file was added.
                a.warnings.clear();
                matched_dates.push(l.published);
                run.push((a, false));
                archived += 1;
            }
        }
        let mut run = with_archive_ids(self, run, &matched, &excluded)?;
        let other_dates = self.other_dates(&matched_dates)?;
        let is_new: Vec<bool> = run.iter().map(|(_, n)| *n).collect();
        let articles: Vec<Article> = run.drain(..).map(|(a, _)| a).collect();
        let mut report = crate::check_in(ex, articles, &Corpus { other_dates, focus: Some(is_new.clone()) });
        keep_new(&mut report, &is_new);
        for k in &truncated {
            report.warnings.push(format!("{}: more than {MAX_PER_KEY} archived articles share '{k}'; only the {MAX_PER_KEY} most recent were checked", self.shown));
        }
        Ok(Gate { report, archived, keys: keys.len(), names: new_names.len(), truncated })
    }
}

/// The articles in a check's order (by path, standard input last), with the ids a check of the
/// whole archive and the new articles gives them: an id is the file name without extension,
/// unless another file of the run or of the archive has the same name (then its path from the
/// folder they share, `ingest::unique_ids`). Archived files of the same name that are not in the
/// run take part in the naming and are then left out.
fn with_archive_ids(index: &Index, run: Vec<(Article, bool)>, matched: &BTreeSet<i64>, excluded: &BTreeMap<i64, Option<String>>) -> Result<Vec<(Article, bool)>, IndexError> {
    let stem = |a: &Article| if a.path == "-" { "stdin".to_string() } else { Path::new(&a.path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| a.path.clone()) };
    let stems: BTreeSet<String> = run.iter().map(|(a, _)| stem(a)).collect();
    // (article, new?, only there for its name?)
    let mut all: Vec<(Article, bool, bool)> = run.into_iter().map(|(mut a, n)| {
        a.id = stem(&a);
        (a, n, false)
    }).collect();
    for s in &stems {
        for (id, path, _) in store::with_stem(&index.conn, s).map_err(index.sql())? {
            if !matched.contains(&id) && !excluded.contains_key(&id) {
                let a = Article { id: s.clone(), path, text: "".into(), body_start: 0, meta: FrontMatter::default(), warnings: Vec::new(), origin: Origin::default() };
                all.push((a, false, true));
            }
        }
    }
    all.sort_by(|x, y| (x.0.path == "-", PathBuf::from(&x.0.path)).cmp(&(y.0.path == "-", PathBuf::from(&y.0.path))));
    let mut articles: Vec<Article> = Vec::with_capacity(all.len());
    let mut flags = Vec::with_capacity(all.len());
    for (a, n, phantom) in all {
        articles.push(a);
        flags.push((n, phantom));
    }
    ingest::unique_ids(&mut articles);
    Ok(articles.into_iter().zip(flags).filter(|(_, (_, phantom))| !phantom).map(|(a, (n, _))| (a, n)).collect())
}

/// Keep the findings with a claim of a new document, the new documents and the archived ones
/// those findings cite, and the claims of new documents or of kept findings; relations between
/// kept claims stay. Fingerprints were computed over the whole run and are kept as they are.
fn keep_new(rep: &mut Report, is_new: &[bool]) {
    let new_claim = |rep: &Report, c: usize| rep.claims.get(c).is_some_and(|c| is_new.get(c.doc).copied().unwrap_or(false));
    let mut findings: Vec<_> = std::mem::take(&mut rep.findings).into_iter().filter(|f| f.claims.iter().any(|&c| new_claim(rep, c))).collect();
    // An explanation's citations name claims by their index in the run (`judge::cite_mark`),
    // which changes below: each is written out first, while the run's claims are at hand.
    for f in &mut findings {
        f.explanation = rep.explanation(f).into_owned();
    }
    let mut keep_claim: Vec<bool> = (0..rep.claims.len()).map(|c| new_claim(rep, c)).collect();
    for f in &findings {
        for &c in &f.claims {
            if let Some(k) = keep_claim.get_mut(c) {
                *k = true;
            }
        }
    }
    let mut keep_doc: Vec<bool> = is_new.to_vec();
    keep_doc.resize(rep.documents.len(), false);
    for (c, claim) in rep.claims.iter().enumerate() {
        if keep_claim[c] {
            if let Some(k) = keep_doc.get_mut(claim.doc) {
                *k = true;
            }
        }
    }
    let mut doc_map = vec![usize::MAX; rep.documents.len()];
    let mut documents = Vec::new();
    for (i, d) in std::mem::take(&mut rep.documents).into_iter().enumerate() {
        if keep_doc[i] {
            doc_map[i] = documents.len();
            documents.push(d);
        }
    }
    let mut claim_map = vec![usize::MAX; rep.claims.len()];
    let mut claims = Vec::new();
    for (i, mut c) in std::mem::take(&mut rep.claims).into_iter().enumerate() {
        if keep_claim[i] {
            claim_map[i] = claims.len();
            c.doc = doc_map[c.doc];
            claims.push(c);
        }
    }
    rep.findings = findings
        .into_iter()
        .map(|mut f| {
            f.claims = f.claims.iter().map(|&c| claim_map[c]).collect();
            f
        })
        .collect();
    rep.edges = std::mem::take(&mut rep.edges).into_iter().filter(|&(a, b, _)| [a, b].iter().all(|&x| keep_claim.get(x as usize).copied().unwrap_or(false))).map(|(a, b, r)| (crate::judge::edge_end(claim_map[a as usize]), crate::judge::edge_end(claim_map[b as usize]), r)).collect();
    rep.documents = documents;
    rep.claims = claims;
}
