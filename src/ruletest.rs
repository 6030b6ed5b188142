//! Rule examples: every rule file carries examples that must match (with the expected value)
//! and examples that must not. `claimcheck rules test` and `cargo test` run them all.

use serde_json::Value as J;

use crate::ingest::decode;
use crate::rules::{RuleSet, COMMON, locate};

/// One example that did not behave as its file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
    }
}

/// Totals of a run of the examples.
#[derive(Debug, Default, Clone)]
pub struct ExampleRun {
    pub passed: usize,
    pub known_gaps: usize,
    pub failures: Vec<ExampleFailure>,
}

/// Claims of `kind` that `text` yields in `language` (published on `published`), as JSON values.
pub fn claims_of(rules: &RuleSet, language: &str, text: &str, published: Option<&str>, kind: &str) -> Vec<J> {
    match crate::extract::Extractor::new(rules) {
        Ok(ex) => claims_with(&ex, language, text, published, kind),
        Err(_) => vec![],
    }
}

fn claims_with(ex: &crate::extract::Extractor<'_>, language: &str, text: &str, published: Option<&str>, kind: &str) -> Vec<J> {
    let mut body = String::new();
    // Front matter fixes the language and the article's date; the example text is the body.
    body.push_str("---\n");
    body.push_str(&format!("language: {language}\ntitle: example\n"));
    if let Some(p) = published {
        body.push_str(&format!("published: \"{p}\"\n"));
    }
    body.push_str("---\n");
    body.push_str(text);
    body.push('\n');
    let Ok(article) = decode("example.md", "example", body.into_bytes(), "md") else { return vec![] };
    let rep = crate::check_with(ex, vec![article]);
    rep.claims.iter().filter(|c| c.kind.name() == kind).map(crate::report::json::value).collect()
}

fn value_matches(want: &std::collections::BTreeMap<String, J>, got: &J) -> bool {
    want.iter().all(|(k, v)| {
        let g = got.get(k).unwrap_or(&J::Null);
        match (v, g) {
            (J::Number(a), J::Number(b)) => a.as_f64() == b.as_f64(),
            _ => v == g,
        }
    })
}

/// Run every example of every loaded rule file.
pub fn run(rules: &RuleSet) -> ExampleRun {
    let mut run = ExampleRun::default();
    // The rules are compiled once for all examples.
    let extractor = match crate::extract::Extractor::new(rules) {
        Ok(x) => x,
        Err(e) => {
            run.failures.push(ExampleFailure { path: e.path, line: e.line, column: e.column, message: e.message });
            return run;
        }
    };
    for lf in &rules.files {
        if lf.language == COMMON {
            continue;
        }
        let Some(ex) = &lf.file.examples else { continue };
        for m in &ex.matches {
            let got = claims_with(&extractor, &lf.language, &m.text, m.published.as_deref(), &m.kind);
            let ok = got.iter().any(|g| value_matches(&m.value, g));
            let (line, column) = locate(&lf.text, &m.text);
            match (&m.todo, ok) {
                (None, true) => run.passed += 1,
                (Some(_), false) => run.known_gaps += 1,
                (None, false) => run.failures.push(ExampleFailure {
                    path: lf.origin.clone(),
                    line,
                    column,
                    message: format!("expected a {} claim with {} in {:?}; got {}", m.kind, J::from(serde_json::Map::from_iter(m.value.clone())), m.text, J::Array(got)),
                }),
                (Some(why), true) => run.failures.push(ExampleFailure {
                    path: lf.origin.clone(),
                    line,
                    column,
                    message: format!("known gap now matches — remove `todo: {why}`"),
                }),
            }
        }
        for m in &ex.no_match {
            let got = claims_with(&extractor, &lf.language, &m.text, m.published.as_deref(), &m.kind);
            let (line, column) = locate(&lf.text, &m.text);
            if got.is_empty() {
                run.passed += 1;
            } else {
                run.failures.push(ExampleFailure { path: lf.origin.clone(), line, column, message: format!("expected no {} claim in {:?}; got {}", m.kind, m.text, J::Array(got)) });
            }
        }
    }
    run
}
