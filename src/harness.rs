//! Invariant checks over arbitrary input, shared by the fuzz targets (`fuzz/`) and the bounded
//! random-input tests: each runs one entry point and returns the first broken invariant as an
//! `Err` instead of panicking, so there is one definition of "correct" for both.
//!
//! Checked: nothing panics; every span is inside its text and on a character boundary, and maps
//! into the file's bytes, in order; the same input gives the same report bytes; rule errors
//! carry a position.

use std::sync::OnceLock;

use crate::extract::Extractor;
use crate::ingest::{self, Article};
use crate::rules::{self, RuleSet};

/// The built-in rules, loaded once per process.
fn builtin() -> Result<&'static RuleSet, String> {
    static RULES: OnceLock<Result<RuleSet, String>> = OnceLock::new();
    RULES
        .get_or_init(|| RuleSet::builtin().map_err(|e| format!("built-in rules do not load: {e:?}")))
        .as_ref()
        .map_err(Clone::clone)
}

/// The extractor for the built-in rules, built once per process (its automata are not cheap).
pub fn extractor() -> Result<&'static Extractor<'static>, String> {
    static EX: OnceLock<Result<Extractor<'static>, String>> = OnceLock::new();
    let rules = builtin()?;
    EX.get_or_init(|| Extractor::new(rules).map_err(|e| e.to_string())).as_ref().map_err(Clone::clone)
}

/// The extension an input is read as, chosen by its first byte.
fn ext_of(selector: u8) -> &'static str {
    ["txt", "md", "html"][selector as usize % 3]
}

/// Ingest: `data[0]` picks the file type, the rest are the file's bytes.
pub fn ingest(data: &[u8]) -> Result<(), String> {
    let Some((&sel, bytes)) = data.split_first() else { return Ok(()) };
    let ext = ext_of(sel);
    match ingest::decode("fuzz", "fuzz", bytes.to_vec(), ext) {
        Err(e) if e.reason.is_empty() => Err("a refused input must say why".into()),
        Err(_) => Ok(()),
        Ok(a) => {
            article(&a, bytes)?;
            pipeline(vec![(a, bytes.to_vec())])
        }
    }
}

/// The invariants of one article as read from `file`.
pub fn article(a: &Article, file: &[u8]) -> Result<(), String> {
    if a.body_start > a.text.len() || !a.text.is_char_boundary(a.body_start) {
        return Err(format!("body_start {} is not a boundary of a text of {} bytes", a.body_start, a.text.len()));
    }
    // Every character boundary maps into the file, in order.
    let mut last = 0usize;
    for (i, _) in a.text.char_indices().chain(std::iter::once((a.text.len(), ' '))) {
        let (s, e) = a.origin.file_span(i, i);
        if s > file.len() || e > file.len() {
            return Err(format!("text offset {i} maps to {s}..{e}, past the file's {} bytes", file.len()));
        }
        if s < last {
            return Err(format!("text offset {i} maps to {s}, before the previous offset's {last}"));
        }
        last = s;
    }
    Ok(())
}

/// Run the whole pipeline on articles with their file bytes; check the report's spans and that
/// a second run gives the same bytes.
pub fn pipeline(inputs: Vec<(Article, Vec<u8>)>) -> Result<(), String> {
    let ex = extractor()?;
    let (articles, files): (Vec<Article>, Vec<Vec<u8>>) = inputs.into_iter().unzip();
    let first = crate::check_with(ex, articles.clone());
    let second = crate::check_with(ex, articles);
    let (a, b) = (crate::report::json::render(&first), crate::report::json::render(&second));
    if a != b {
        return Err("the same input gave different report bytes".into());
    }
    for c in &first.claims {
        let d = &first.documents[c.doc];
        for span in [c.span, c.sentence.span()] {
            if span.start > span.end || span.end > d.text.len() || !d.text.is_char_boundary(span.start) || !d.text.is_char_boundary(span.end) {
                return Err(format!("claim span {span:?} is not a range of character boundaries of a text of {} bytes", d.text.len()));
            }
        }
        let file = &files[c.doc];
        let (s, e) = d.file_span(c.span);
        if s > e || e > file.len() {
            return Err(format!("claim span {:?} maps to {s}..{e}, outside the file's {} bytes", c.span, file.len()));
        }
        // A UTF-8 file: the span is on its character boundaries too.
        if let Ok(t) = std::str::from_utf8(file) {
            if !t.is_char_boundary(s) || !t.is_char_boundary(e) {
                return Err(format!("claim span maps to {s}..{e}, not on character boundaries of the file"));
            }
            if d.origin.source.is_none() && d.origin.to_file.is_identity() && t.get(s..e) != d.text.get(c.span.start..c.span.end) {
                return Err(format!("claim span {s}..{e} does not hold the claim's text in the file"));
            }
        }
    }
    Ok(())
}

/// Segmentation and extraction on any text: `data[0]` picks the language and whether the text
/// has a title; the rest, made UTF-8, is the text.
pub fn segment_extract(data: &[u8]) -> Result<(), String> {
    let Some((&sel, bytes)) = data.split_first() else { return Ok(()) };
    let ex = extractor()?;
    let text = String::from_utf8_lossy(bytes);
    let langs: Vec<&str> = ex.languages().collect();
    let Some(lang) = langs.get(sel as usize % langs.len().max(1)) else { return Ok(()) };
    let out = ex.extract(0, &text, 0, sel & 0x80 != 0, lang);
    let ok = |s: crate::segment::Span| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    for s in out.segments.sentences.iter().map(|s| s.span).chain(out.segments.paragraphs.iter().copied()).chain(out.segments.removed.iter().map(|r| r.span)).chain(out.segments.title) {
        if !ok(s) {
            return Err(format!("segment span {s:?} is not a range of character boundaries"));
        }
    }
    for c in &out.claims {
        if !ok(c.span) || !ok(c.sentence.span()) {
            return Err(format!("claim span {:?} / sentence {:?} is not a range of character boundaries", c.span, c.sentence.span()));
        }
    }
    Ok(())
}

/// Rule loading: the bytes are one rule file; `data[0]` picks where it goes (a new file of a
/// known language, a replacement of a built-in file, or `common/`). Errors must carry a position,
/// and rules that load must compile and run.
pub fn rule_file(data: &[u8]) -> Result<(), String> {
    let Some((&sel, bytes)) = data.split_first() else { return Ok(()) };
    let text = String::from_utf8_lossy(bytes).into_owned();
    let rel = ["id/fuzz.yaml", "en/numbers.yaml", "common/fuzz.yaml", "id/language.yaml"][sel as usize % 4];
    if let Err(e) = rules::parse_file("fuzz.yaml", &text) {
        if e.line == 0 || e.column == 0 || e.message.is_empty() {
            return Err(format!("a rule error without a position or message: {e}"));
        }
        return Ok(());
    }
    match RuleSet::with_files(&[(rel.to_string(), format!("fuzz/{rel}"), text)]) {
        Err(errs) => {
            if errs.is_empty() || errs.iter().any(|e| e.line == 0 || e.column == 0) {
                return Err(format!("rule errors without positions: {errs:?}"));
            }
            Ok(())
        }
        Ok(set) => {
            let ex = Extractor::new(&set).map_err(|e| format!("rules loaded but do not compile: {e}"))?;
            ex.compile_all().map_err(|e| format!("rules loaded but do not compile: {e}"))?;
            let lang = ex.languages().next().unwrap_or("id").to_string();
            let _ = ex.extract(0, "Sebanyak 62 orang tewas pada 20 Juni 2024. More than 60 officers searched.", 0, false, &lang);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_pass_every_check() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for e in std::fs::read_dir(dir).unwrap() {
            let bytes = std::fs::read(e.unwrap().path()).unwrap();
            for sel in 0..3u8 {
                let mut data = vec![sel];
                data.extend_from_slice(&bytes);
                ingest(&data).unwrap();
                segment_extract(&data).unwrap();
            }
        }
        rule_file(b"\x00about: x\nnumber_words:\n  satu: 1\n").unwrap();
        rule_file(b"\x03about: x\n").unwrap();
    }
}
