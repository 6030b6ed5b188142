//! claimcheck: reads several articles about one story and reports where their checkable claims
//! agree and where they contradict each other.
//!
//! The pipeline runs one way, each stage owning its output type:
//! `ingest` (files → `Article`) → `segment` (furniture removed, sentences) → `extract`
//! (`Claim`s with byte spans) → `normalise` (dates against each article's own date) → `align`
//! (blocks by key, petgraph) → `judge` (`Finding`s) → `report` (table, JSON). See
//! ARCHITECTURE.md.

pub mod align;
pub mod baseline;
pub mod claim;
pub mod config;
pub mod extract;
#[doc(hidden)]
pub mod harness;
pub mod index;
pub mod ingest;
pub mod judge;
pub mod lexicon;
pub mod names;
pub mod normalise;
pub mod places;
pub mod report;
pub mod rules;
pub mod ruletest;
pub mod segment;
pub mod timings;

use rayon::prelude::*;

use crate::claim::Claim;
use crate::extract::{DocExtract, Extractor};
use crate::ingest::{Article, InputError, Origin};
use crate::judge::{Cite, Finding, Judge, Severity, Verdict};
use crate::normalise::Published;
use crate::rules::{RuleError, RuleSet};

/// One checked article.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Published,
    pub language: String,
    /// The text the pipeline read; spans index it until they are rendered.
    pub text: std::sync::Arc<str>,
    /// How `text` maps to the file: spans are rendered through it.
    pub origin: Origin,
    /// Offset in the file's own text (`origin.source`, else `text`) of each line start, for
    /// line:column (a file is at most `ingest::MAX_INPUT_BYTES` long: offsets fit in `u32`).
    line_starts: Vec<u32>,
    /// The file's own text is ASCII: a column is a byte distance (no count of characters along
    /// a long line for each claim).
    ascii: bool,
    pub extract: DocExtract,
}

impl Document {
    /// The file's own text, decoded: the markup of an HTML page, else `text`.
    fn source(&self) -> &str {
        self.origin.source.as_deref().unwrap_or(&self.text)
    }

    /// 1-based line and column (in characters) in the file of a text offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.origin.to_source.start(offset);
        let line = self.line_starts.partition_point(|&s| s as usize <= offset).max(1);
        let start = self.line_starts.get(line - 1).map_or(0, |&s| s as usize);
        let col = if self.ascii { offset.saturating_sub(start) } else { self.source().get(start..offset).map_or(offset.saturating_sub(start), |s| s.chars().count()) } + 1;
        (line, col)
    }

    /// The byte range of the file that a text span came from: what reports print as a span.
    pub fn file_span(&self, span: segment::Span) -> (usize, usize) {
        self.origin.file_span(span.start, span.end)
    }
    /// The file name shown to people.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// Everything a run found.
#[derive(Debug, Default)]
pub struct Report {
    pub documents: Vec<Document>,
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
    /// Relations between claims: (claim, claim, verdict).
    pub edges: Vec<judge::Edge>,
    pub input_errors: Vec<InputError>,
    /// Broken rule files: when there are any, nothing was checked and the rest is empty.
    pub rule_errors: Vec<RuleError>,
    pub warnings: Vec<String>,
    /// Findings hidden by a baseline (`baseline::Baseline::apply`); not in `findings`.
    pub suppressed: Vec<baseline::Suppressed>,
    /// The baseline file applied, as named, if any.
    pub baseline: Option<String>,
    /// Display names from the rules (counted things, units, people, months) for the views
    /// people read.
    pub labels: report::Labels,
}

impl Report {
    /// A finding's explanation as people read it: each claim's citation mark written out as
    /// `cite` gives it.
    pub fn explanation<'a>(&self, f: &'a Finding) -> std::borrow::Cow<'a, str> {
        judge::expand_cites(&f.explanation, |i| (i < self.claims.len()).then(|| self.cite(i)))
    }

    /// `file:line:col 'text'` for a claim.
    pub fn cite(&self, i: usize) -> String {
        let c = &self.claims[i];
        let d = &self.documents[c.doc];
        let (l, col) = d.line_col(c.span.start);
        let text = d.text.get(c.span.start..c.span.end).unwrap_or("");
        format!("{}:{l}:{col} '{}'", d.file_name(), judge::truncate(text, 70))
    }

    /// The worst severity among the reported findings (suppressed ones do not count), if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().filter(|f| f.verdict != Verdict::SingleSource).map(|f| f.severity).min()
    }
}

/// For each of the `wanted` ids, the claims whose `ids` hold it, in order: one pass over the
/// claims (in parallel), not one per id.
fn claims_naming<'w>(claims: &[Claim], wanted: impl Iterator<Item = &'w str>, ids: impl Fn(&Claim) -> Vec<&str> + Sync) -> std::collections::HashMap<&'w str, Vec<usize>> {
    let wanted: std::collections::HashSet<&'w str> = wanted.collect();
    let mut out: std::collections::HashMap<&'w str, Vec<usize>> = std::collections::HashMap::new();
    if wanted.is_empty() {
        return out;
    }
    let hits: Vec<(usize, &'w str)> = claims.par_iter().enumerate().flat_map_iter(|(i, c)| ids(c).into_iter().filter_map(|id| wanted.get(id).map(|&w| (i, w))).collect::<Vec<_>>()).collect();
    for (i, w) in hits {
        let list = out.entry(w).or_default();
        if list.last() != Some(&i) {
            list.push(i);
        }
    }
    out
}

struct Citer<'a> {
    claims: &'a [Claim],
    docs: &'a [Document],
    /// The independent source each document belongs to (copies share one).
    groups: &'a [usize],
}

impl Cite for Citer<'_> {
    fn cite(&self, i: usize) -> String {
        // A mark, written out when the explanation is (`Report::explanation`): the citations
        // themselves, in every finding, cost 30 MiB of a 100 MB run's peak.
        judge::cite_mark(i)
    }
    fn doc_of(&self, i: usize) -> usize {
        self.claims[i].doc
    }
    fn group_of(&self, i: usize) -> usize {
        self.groups[self.claims[i].doc]
    }
    fn file_of(&self, i: usize) -> String {
        self.docs[self.claims[i].doc].file_name().to_string()
    }
    fn text_of(&self, i: usize) -> String {
        let c = &self.claims[i];
        self.docs[c.doc].text.get(c.span.start..c.span.end).unwrap_or("").to_string()
    }
}

/// Where the batch of articles that starts at `from` ends: enough articles for both workers to
/// share (`BATCH_ARTICLES`, or `BATCH_BYTES` of text if that is reached first), at least one.
/// (`sizes`: the articles' lengths in bytes.)
fn batch_end(sizes: &[usize], from: usize) -> usize {
    let mut bytes = 0;
    let mut end = from;
    while end < sizes.len() && end - from < BATCH_ARTICLES && bytes < BATCH_BYTES {
        bytes += sizes[end];
        end += 1;
    }
    end
}

/// Articles extracted together: enough that the workers share them evenly, few enough that the
/// claims awaiting their move are a small part of the run's.
const BATCH_ARTICLES: usize = 1024;
const BATCH_BYTES: usize = 4 << 20;

/// Which items repeat the last one kept before them (`same`): what `Vec::dedup_by` removes, as
/// flags, so a slice of a larger vector can be deduplicated in place of it.
fn repeats<T>(xs: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<bool> {
    let mut out = vec![false; xs.len()];
    let mut kept = 0;
    for i in 1..xs.len() {
        if same(&xs[i], &xs[kept]) {
            out[i] = true;
        } else {
            kept = i;
        }
    }
    out
}

/// The claims of each document: `claims[starts[d]..starts[d + 1]]`, as separate mutable slices.
fn claims_of_docs<'a, T>(mut claims: &'a mut [T], starts: &[usize]) -> Vec<&'a mut [T]> {
    let mut out = Vec::with_capacity(starts.len().saturating_sub(1));
    for w in starts.windows(2) {
        let (head, tail) = std::mem::take(&mut claims).split_at_mut(w[1] - w[0]);
        out.push(head);
        claims = tail;
    }
    out
}

/// Independent sources: documents whose article text (the cleaned sentences, compared without
/// case, spacing or punctuation) is the same are one source, so a copy never corroborates
/// itself. Returns each document's group (the index of its first copy) and a note per copy.
fn source_groups(documents: &[Document]) -> (Vec<usize>, Vec<String>) {
    use std::hash::{BuildHasher, Hasher};
    // Each article's text reduced to its lower-case letters and digits, hashed with its length
    // (in characters): in parallel, one buffer per worker. The hash only groups (it is never
    // shown): a fixed-seed foldhash, fast over long texts.
    let keys: Vec<(u64, usize)> = documents
        .par_iter()
        .map_init(String::new, |buf, d| {
            buf.clear();
            let mut len = 0usize;
            for s in d.extract.segments.sentences.iter().filter(|s| s.para != usize::MAX) {
                extract::lower_alnum(&d.text[s.span.start..s.span.end], |c, _| {
                    buf.push(c);
                    len += 1;
                });
            }
            let mut h = foldhash::quality::FixedState::default().build_hasher();
            h.write(buf.as_bytes());
            (h.finish(), len)
        })
        .collect();
    let mut first: std::collections::HashMap<(u64, usize), usize> = std::collections::HashMap::new();
    let mut groups = Vec::with_capacity(documents.len());
    let mut notes = Vec::new();
    for (i, (d, key)) in documents.iter().zip(keys).enumerate() {
        if key.1 == 0 {
            groups.push(i);
            continue;
        }
        let g = *first.entry(key).or_insert(i);
        if g != i {
            notes.push(format!("{} has the same text as {}: counted as one source", d.path, documents[g].path));
        }
        groups.push(g);
    }
    (groups, notes)
}

/// Run the whole pipeline over articles already read.
pub fn check(articles: Vec<Article>, rules: &RuleSet) -> Result<Report, RuleError> {
    let ex = Extractor::new(rules)?;
    Ok(check_with(&ex, articles))
}

/// The pipeline with rules already compiled (to check many small inputs cheaply).
pub fn check_with(ex: &Extractor<'_>, articles: Vec<Article>) -> Report {
    check_in(ex, articles, &Corpus::default())
}

/// What a check knows of a corpus beyond the articles it reads: the archive index checks a few
/// articles out of a large archive, and the archive's other articles still count where the whole
/// corpus does.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The dates of the corpus's articles that are not checked (each with how many articles have
    /// it, sorted): they count in the corpus's median date, which dates articles that state none.
    pub other_dates: Vec<(jiff::civil::Date, usize)>,
    /// When set (one flag per article checked), only findings with a claim of a flagged article
    /// are wanted: blocks without one are not judged, other findings are dropped. What is
    /// judged is judged as without it (blocks are independent), only faster.
    pub focus: Option<Vec<bool>>,
}

/// The pipeline over `articles` as part of a larger `corpus`.
pub fn check_in(ex: &Extractor<'_>, articles: Vec<Article>, corpus: &Corpus) -> Report {
    let rules = ex.rules;
    let default_lang = ex.languages().next().unwrap_or("").to_string();
    let mut warnings: Vec<String> = articles.iter().flat_map(|a| a.warnings.clone()).collect();
    let sizes: Vec<usize> = articles.iter().map(|a| a.text.len()).collect();
    ex.hint_input_bytes(sizes.iter().sum());
    // Extraction is per article and independent: run it in parallel, a batch of articles at a
    // time, in input order. Each batch's claims are moved into the run's one vector of claims
    // straight away (the later stages work on each article's range of it): an article's own
    // vector is freed while extraction goes on, and no pass at the end copies every claim.
    let t = timings::start();
    let mut claims: Vec<Claim> = Vec::new();
    let mut starts: Vec<usize> = Vec::with_capacity(articles.len() + 1);
    let mut extracted: Vec<(String, DocExtract, Option<extract::Detected>)> = Vec::with_capacity(articles.len());
    let mut next = 0;
    while next < articles.len() {
        let end = batch_end(&sizes, next);
        let batch: Vec<(String, DocExtract, Option<extract::Detected>)> = articles[next..end]
            .par_iter()
            .enumerate()
            .map(|(k, a)| {
                let named = a.meta.language.clone().filter(|l| rules.languages.contains_key(l));
                let detected = if named.is_none() { ex.detect(&a.text[a.body_start..]) } else { None };
                let lang = named.or_else(|| detected.as_ref().map(|d| d.language.clone())).unwrap_or_else(|| default_lang.clone());
                let e = ex.extract_shared(next + k, &a.text, a.body_start, a.meta.title.is_some(), &lang);
                (lang, e, detected)
            })
            .collect();
        for (lang, mut e, d) in batch {
            starts.push(claims.len());
            claims.append(&mut e.claims);
            e.claims = Vec::new();
            extracted.push((lang, e, d));
        }
        next = end;
    }
    starts.push(claims.len());
    // A language guessed from few words, or from words of several languages alike, decides how
    // digits are read ("5.000" is five thousand in one, five in another): say so.
    let extracted: Vec<(String, DocExtract)> = extracted
        .into_iter()
        .zip(&articles)
        .map(|((lang, e, d), a)| {
            if let Some(d) = d.filter(|d| !d.sure) {
                warnings.push(format!("{}: language unsure (read as '{}' from {} of its words, {:.0}% of the words of any language); name it with `language:` in front matter", a.path, d.language, d.words, d.confidence * 100.0));
            }
            (lang, e)
        })
        .collect();
    let mut used: Vec<&str> = extracted.iter().map(|(l, _)| l.as_str()).collect();
    used.sort_unstable();
    used.dedup();
    for l in used {
        if let Some(e) = ex.lexicon_error(l) {
            warnings.push(format!("{}: articles in '{l}' were not read: {}", e.path, e.message));
        }
    }
    for a in &articles {
        if let Some(l) = &a.meta.language {
            if !rules.languages.contains_key(l) {
                warnings.push(format!("{}: no rules for language '{l}'; detected from the text instead", a.path));
            }
        }
    }
    let (langs, mut exs): (Vec<String>, Vec<DocExtract>) = extracted.into_iter().unzip();
    t.stop("segment+extract");
    let t = timings::start();
    let front: Vec<Option<jiff::civil::Date>> = articles
        .iter()
        .map(|a| a.meta.published.as_deref().and_then(|p| p.get(..10)).and_then(|p| p.parse().ok()))
        .collect();
    let mut per_doc = claims_of_docs(&mut claims, &starts);
    let (published, mismatches) = normalise::normalise_in(rules, &mut exs, &mut per_doc, &front, &corpus.other_dates);
    t.stop("normalise");
    let t = timings::start();
    let variants = names::unify(rules, &mut per_doc);
    t.stop("names");
    let t = timings::start();
    let place_variants = places::unify(rules, &mut per_doc);
    t.stop("places");
    let t = timings::start();

    // Each document's claims sorted by position, without repeats (in parallel); then each
    // document on its own (in parallel, in input order): line starts, title.
    let repeats: Vec<Vec<bool>> = per_doc
        .into_par_iter()
        .map(|cs| {
            cs.sort_by_key(|a| (a.span, a.kind));
            repeats(cs, |a, b| a.span == b.span && a.kind == b.kind && a.value == b.value)
        })
        .collect();
    if repeats.iter().flatten().any(|&r| r) {
        let mut repeat = repeats.iter().flatten();
        claims.retain(|_| !repeat.next().copied().unwrap_or(false));
    }
    drop(repeats);
    let documents: Vec<Document> = articles.into_par_iter().zip(langs).zip(exs).zip(published).map(|(((a, lang), e), p)| {
        let mut line_starts = vec![0];
        let source = a.origin.source.as_deref().unwrap_or(&a.text);
        line_starts.extend(source.match_indices('\n').map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)));
        let ascii = source.is_ascii();
        let title = a.meta.title.clone().or_else(|| e.segments.title.map(|t| a.text[t.start..t.end].to_string()));
        Document {
            id: a.id,
            path: a.path,
            title,
            outlet: a.meta.outlet.or_else(|| e.outlet.clone()),
            published: p,
            language: lang,
            text: a.text,
            origin: a.origin,
            line_starts,
            ascii,
            extract: e,
        }
    }).collect();
    t.stop("documents");
    let t = timings::start();
    let in_focus = |c: usize| corpus.focus.as_ref().is_none_or(|f| claims.get(c).is_some_and(|c| f.get(c.doc).copied().unwrap_or(false)));
    let story = align::stories(documents.len(), &claims);
    let mut blocks = align::split_by_story(align::blocks(rules, &claims), &claims, &story);
    if corpus.focus.is_some() {
        blocks.retain(|b| b.claims.iter().any(|&c| in_focus(c)));
    }
    t.stop("align");
    let t = timings::start();
    let (groups, copies) = source_groups(&documents);
    warnings.extend(copies);
    let citer = Citer { claims: &claims, docs: &documents, groups: &groups };
    let judge = Judge { rules, claims: &claims, cite: &citer };
    // Blocks are independent: judge them in parallel, collected in block order.
    let judged: Vec<judge::Judged> = blocks.par_iter().map(|b| judge.block(b)).collect();
    // One allocation each, of the size they end at (the notes below included): a vector grown
    // by doubling would hold up to twice its findings, and copy them at every step.
    let notes = 2 * mismatches.len() + variants.len() + place_variants.len();
    let (found, edged) = judged.iter().fold((0, 0), |(f, e), (fs, es)| (f + fs.len(), e + es.len()));
    let mut findings = Vec::with_capacity(found + notes);
    let mut edges = Vec::with_capacity(edged);
    for (f, e) in judged {
        findings.extend(f);
        edges.extend(e);
    }
    t.stop("judge");
    let t = timings::start();
    // The corpus's date: the median of the articles' dates, for checks that need a story date.
    let mut known: Vec<jiff::civil::Date> = documents.iter().filter_map(|d| d.published.date).collect();
    known.sort();
    let corpus_date = normalise::median_with(&known, &corpus.other_dates);
    // Checks inside one article: a weekday that does not match its date.
    let mut seen_mismatch = std::collections::BTreeSet::new();
    // Claims are in document order: each document's claims are one range, searched alone.
    let doc_claims = |d: usize| claims.partition_point(|c| c.doc < d)..claims.partition_point(|c| c.doc <= d);
    let fitting = std::sync::OnceLock::new();
    for m in mismatches {
        // One finding per written date, resting on the claim that holds it.
        if !seen_mismatch.insert((m.doc, m.mention)) {
            continue;
        }
        // The finding rests on the claim of the date itself when there is one (a date or clock
        // time claim covering the written date), else on the claim that holds the date.
        let range = doc_claims(m.doc);
        let of_doc = &claims[range.clone()];
        let own = of_doc.iter().position(|c| c.doc == m.doc && matches!(c.kind, claim::Kind::Date | claim::Kind::Time) && c.span.start <= m.mention.start && m.mention.end <= c.span.end);
        let Some(ci) = own.or_else(|| of_doc.iter().position(|c| c.doc == m.doc && c.span == m.claim_span && c.kind == m.claim_kind)).map(|k| range.start + k) else { continue };
        let names = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        let ex = format!(
            "{} names a {} but {} was a {}.",
            citer.cite(ci),
            names.get(m.stated as usize).unwrap_or(&""),
            m.date,
            names.get(m.actual as usize).unwrap_or(&"")
        );
        findings.push(Finding { verdict: Verdict::Conflict, severity: Severity::Warning, claims: vec![ci], explanation: judge::exact_text(ex), topic: "weekday".into(), in_document: true, key: "weekday".into(), fingerprint: String::new() });
        // Across articles: others that give the weekday a date that fits show the slip.
        let reference = documents[m.doc].published.date.or(corpus_date);
        if let Some(f) = judge.weekday_slip(ci, m.stated, reference, fitting.get_or_init(|| judge.fitting_weekdays())) {
            findings.push(f);
        }
    }
    // Of claims in order (so in document order): the first of document `doc`, and the first of
    // any other document (binary searches: a name may be named in many articles).
    let in_doc_and_other = |list: &[usize], doc: usize| -> (Option<usize>, Option<usize>) {
        let from = list.partition_point(|&i| claims[i].doc < doc);
        let to = list.partition_point(|&i| claims[i].doc <= doc);
        let own = (from < to).then(|| list[from]);
        let other = if from > 0 { list.first().copied() } else { list.get(to).copied() };
        (own, other)
    };
    // Names written differently but linked: a note, so a reader can check the link.
    let by_ref = claims_naming(&claims, variants.iter().map(|v| v.canonical.as_str()), |c| names::refs(c).into_iter().flatten().map(claim::Ref::id).collect());
    let name_notes: Vec<Finding> = variants
        .par_iter()
        .filter_map(|v| {
            let list = by_ref.get(v.canonical.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let (written_claim, other) = in_doc_and_other(list, v.doc);
            let wc = written_claim?;
            let ids: Vec<usize> = std::iter::once(wc).chain(other).collect();
            let ex = format!("'{}' in {} is taken to be {} ({}% alike in spelling).", v.written.replace('_', " "), documents[v.doc].file_name(), v.canonical, v.similarity_pct);
            Some(Finding { verdict: Verdict::Compatible, severity: Severity::Info, in_document: ids.len() < 2, claims: ids, explanation: judge::exact_text(ex), topic: "name".into(), key: format!("name|{}", v.canonical), fingerprint: String::new() })
        })
        .collect();
    findings.extend(name_notes);
    // Places written differently but linked: the same note, resting on the claim that names the
    // place and one from another article.
    let names_place = |c: &claim::Claim, id: &str| match &c.value {
        claim::Value::Location { place, within, .. } => place == id || within.iter().any(|w| w == id),
        claim::Value::Event(e) => e.place.as_deref() == Some(id),
        _ => false,
    };
    let claim_text = |i: usize| documents[claims[i].doc].text.get(claims[i].span.start..claims[i].span.end).unwrap_or("");
    let naming = claims_naming(&claims, place_variants.iter().map(|v| v.canonical.as_str()), |c| match &c.value {
        claim::Value::Location { place, within, .. } => std::iter::once(place.as_str()).chain(within.iter().map(String::as_str)).collect(),
        claim::Value::Event(e) => e.place.as_deref().into_iter().collect(),
        _ => vec![],
    });
    let place_notes: Vec<Finding> = place_variants
        .par_iter()
        .filter_map(|v| {
            let list = naming.get(v.canonical.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            debug_assert!(list.iter().all(|&i| names_place(&claims[i], &v.canonical)));
            let (written_claim, other) = in_doc_and_other(list, v.doc);
            let (wc, oc) = (written_claim?, other?);
            let ex = format!(
                "'{}' in {} is taken to be the place {} ({}% alike in spelling).",
                places::as_written(claim_text(wc), &v.written).unwrap_or_else(|| v.written.replace('_', " ")),
                documents[v.doc].file_name(),
                places::as_written(claim_text(oc), &v.canonical).unwrap_or_else(|| v.canonical.replace('_', " ")),
                v.similarity_pct
            );
            Some(Finding { verdict: Verdict::Compatible, severity: Severity::Info, claims: vec![wc, oc], explanation: judge::exact_text(ex), topic: "place".into(), in_document: false, key: format!("location|{}", v.canonical), fingerprint: String::new() })
        })
        .collect();
    findings.extend(place_notes);
    if corpus.focus.is_some() {
        findings.retain(|f| f.claims.iter().any(|&c| in_focus(c)));
    }
    // Sorted stably by verdict, severity, first claim and topic, the topic as its rank among the
    // few topics there are: each key is a few numbers, sorted with the findings' positions, and
    // the findings are then moved in place (a merge sort would copy every finding).
    let topics: std::collections::BTreeSet<&str> = findings.iter().map(|f| f.topic.as_str()).collect();
    let rank: std::collections::HashMap<String, usize> = topics.into_iter().enumerate().map(|(i, t)| (t.to_string(), i)).collect();
    findings.sort_by_cached_key(|f| (f.verdict, f.severity, f.claims.first().copied(), rank.get(&f.topic).copied()));
    t.stop("notes");
    let t = timings::start();
    // Fingerprints: the findings in parallel.
    findings.par_iter_mut().for_each(|f| f.fingerprint = report::fingerprint::compute(&documents, &claims, f));
    t.stop("fingerprints");
    Report { documents, claims, findings, edges, input_errors: vec![], rule_errors: vec![], warnings, suppressed: vec![], baseline: None, labels: report::Labels::from_rules(rules) }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The flagged repeats are what `dedup_by` removes, which compares with the last item
        /// kept: a likeness that does not chain (1 ~ 2 ~ 3, not 1 ~ 3) tells the two apart.
        #[test]
        fn repeats_are_what_dedup_removes(xs in proptest::collection::vec(0u8..8, 0..30)) {
            let same = |a: &u8, b: &u8| a.abs_diff(*b) <= 1;
            let flags = super::repeats(&xs, same);
            let kept: Vec<u8> = xs.iter().zip(&flags).filter(|(_, r)| !**r).map(|(x, _)| *x).collect();
            let mut deduped = xs.clone();
            deduped.dedup_by(|a, b| same(a, b));
            prop_assert_eq!(kept, deduped);
        }

        /// Each document's slice is its range of the claims: every claim once, in order.
        #[test]
        fn claims_of_docs_are_the_ranges(lens in proptest::collection::vec(0usize..5, 0..40)) {
            let mut starts = vec![0];
            for l in &lens {
                starts.push(starts.last().unwrap() + l);
            }
            let mut items: Vec<usize> = (0..*starts.last().unwrap()).collect();
            let parts = super::claims_of_docs(&mut items, &starts);
            prop_assert_eq!(parts.len(), lens.len());
            for (d, p) in parts.iter().enumerate() {
                prop_assert_eq!(&**p, &(starts[d]..starts[d + 1]).collect::<Vec<_>>()[..]);
            }
        }
    }

    /// Batches cover the articles in order, each article once, none empty, none over its bounds
    /// (unless one article alone is larger).
    #[test]
    fn batches_cover_the_articles() {
        let mut articles = vec![0, 5, super::BATCH_BYTES, 1, super::BATCH_BYTES - 1, 2, 3];
        articles.extend((0..2 * super::BATCH_ARTICLES + 3).map(|_| 1));
        let mut from = 0;
        let mut batches = vec![];
        while from < articles.len() {
            let end = super::batch_end(&articles, from);
            assert!(end > from && end - from <= super::BATCH_ARTICLES);
            let bytes: usize = articles[from..end - 1].iter().sum();
            assert!(bytes < super::BATCH_BYTES, "only the last article may cross the bound");
            batches.push(end - from);
            from = end;
        }
        assert_eq!(from, articles.len());
        assert_eq!(&batches[..3], &[3, 2, super::BATCH_ARTICLES]);
    }
}
