//! Front matter: the YAML block at the top of a Markdown file (`title`, `outlet`, `published`,
//! `language`), read within bounds.
//!
//! The YAML parser's time grows much faster than linearly with nesting (100 KB of `[[[…]]]` took
//! 20 s), and a front matter holds four scalars, so a block larger than
//! [`MAX_FRONT_MATTER_BYTES`] or nested deeper than [`MAX_FRONT_MATTER_DEPTH`] is not parsed at
//! all: the article is read without it, with a warning.

use serde::Deserialize;

/// Metadata from a Markdown file's YAML front matter (or an HTML page's `<meta>` tags).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FrontMatter {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
}

/// Front matter larger than this is not parsed (real ones are well under 2 KB).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// Front matter nested deeper than this (indentation levels plus `[`/`{` levels) is not parsed.
pub const MAX_FRONT_MATTER_DEPTH: usize = 32;

/// `---\n<yaml>\n---\n` at the very start of a Markdown file: the metadata and the offset where
/// the body starts. No opening `---` is no front matter (not an error).
pub fn parse(text: &str) -> Result<(FrontMatter, usize), String> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return Ok((FrontMatter::default(), 0));
    };
    let head = text.len() - rest.len();
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..pos];
            let body_start = head + pos + line.len();
            if yaml.len() > MAX_FRONT_MATTER_BYTES {
                return Err(format!("front matter is larger than {} KiB", MAX_FRONT_MATTER_BYTES / 1024));
            }
            let depth = nesting_depth(yaml);
            if depth > MAX_FRONT_MATTER_DEPTH {
                return Err(format!("front matter is nested {depth} levels deep (at most {MAX_FRONT_MATTER_DEPTH})"));
            }
            return serde_yaml::from_str::<FrontMatter>(yaml)
                .map(|m| (m, body_start))
                .map_err(|e| format!("front matter is not valid YAML: {e}"));
        }
        pos += line.len();
        if pos > MAX_FRONT_MATTER_BYTES {
            return Err(format!("front matter is larger than {} KiB or not closed by `---`", MAX_FRONT_MATTER_BYTES / 1024));
        }
    }
    Err("front matter is not closed by `---`".into())
}

/// The nesting depth estimate shared with rule files (`rules` owns YAML).
fn nesting_depth(yaml: &str) -> usize {
    crate::rules::yaml_depth(yaml).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_four_fields() {
        let (m, body) = parse("---\ntitle: T\noutlet: O\npublished: 2024-06-20\nlanguage: id\n---\nBody").unwrap();
        assert_eq!((m.title.as_deref(), m.outlet.as_deref(), m.published.as_deref(), m.language.as_deref()), (Some("T"), Some("O"), Some("2024-06-20"), Some("id")));
        assert_eq!(body, 62);
    }

    #[test]
    fn depth_counts_indentation_and_brackets() {
        assert_eq!(nesting_depth("title: x\noutlet: y\n"), 1);
        assert_eq!(nesting_depth("a:\n  b:\n    c: [1, {d: 2}]\n"), 5);
        assert_eq!(nesting_depth("title: \"[[[[\"\n"), 1, "brackets inside quotes do not nest");
    }

    #[test]
    fn deep_or_large_front_matter_is_refused_quickly() {
        let deep = format!("---\ntitle: {}{}\n---\nBody", "[".repeat(30_000), "]".repeat(30_000));
        let t = std::time::Instant::now();
        let e = parse(&deep).unwrap_err();
        assert!(e.contains("nested"), "{e}");
        assert!(t.elapsed().as_millis() < 500, "{:?}", t.elapsed());
        let large = format!("---\n{}---\nBody", "k: v\n".repeat(20_000));
        assert!(parse(&large).unwrap_err().contains("larger than 64 KiB"));
    }
}
