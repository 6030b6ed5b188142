//! HTML pages: the article's text taken out of the markup, with a map from every byte of that
//! text back to the page's source, so that claims point into the HTML file.
//!
//! The page is tokenised by html5gum (a WHATWG-compliant tokenizer that reports byte spans);
//! no DOM is built. Scripts, styles, navigation, page headers and footers, asides, forms and
//! the like are dropped; block elements end a line (a line is a paragraph to the segmenter);
//! runs of whitespace collapse to one space as a browser shows them. The same furniture rules as
//! for text files then run on the result. `<title>` is the first line when the body has no
//! `<h1>`; `<meta property="article:published_time">`, `og:site_name` and `<html lang>` give the
//! date, outlet and language.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::front_matter::FrontMatter;
use super::offsets::OffsetMap;

/// The text of a page, with the map from text offsets to source offsets.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub text: String,
    pub map: OffsetMap,
    pub meta: FrontMatter,
}

/// Elements whose content is never article text.
const SKIP: &[&str] = &["script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template", "svg", "iframe", "select", "button"];

/// Elements that end a line before and after them.
const BLOCK: &[&str] = &[
    "address", "article", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "head", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "td", "th", "title", "tr", "ul",
];

/// An encoding a page declares in its first bytes (`<meta charset="windows-1252">` or the
/// `http-equiv` form), for pages that are not UTF-8.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let low: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = low.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &low[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))).unwrap_or(rest.len());
    let label = std::str::from_utf8(&rest[..end]).ok()?;
    (!label.is_empty()).then(|| label.to_string())
}

/// Text being built, with whitespace collapsed and each character's source recorded.
#[derive(Default)]
struct Builder {
    text: String,
    map: OffsetMap,
    at_line_start: bool,
    /// A whitespace run not yet written: its first character's source offset and length.
    pending_space: Option<(usize, usize)>,
}

impl Builder {
    fn new() -> Builder {
        Builder { at_line_start: true, ..Default::default() }
    }

    fn char(&mut self, c: char, src: usize, len: usize) {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
            if !self.at_line_start && self.pending_space.is_none() {
                self.pending_space = Some((src, len));
            }
            return;
        }
        if let Some((p, l)) = self.pending_space.take() {
            self.text.push(' ');
            self.map.push(1, p, l);
        }
        self.text.push(c);
        self.map.push(c.len_utf8(), src, len);
        self.at_line_start = false;
    }

    /// End the line: a line break that stands for the markup at `src`.
    fn newline(&mut self, src: usize) {
        self.pending_space = None;
        if !self.at_line_start {
            self.text.push('\n');
            self.map.push(1, src, 0);
            self.at_line_start = true;
        }
    }
}

/// The article text of an HTML page.
pub fn extract(source: &str) -> Page {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Switch to raw text inside <script>, <style>, <title>… as a browser does, so that their
    // content is one string and never read as tags.
    emitter.naively_switch_states(true);
    let mut body = Builder::new();
    let mut title = Builder::new();
    let mut meta = FrontMatter::default();
    let mut skip = [0usize; SKIP.len()];
    let mut in_title = false;
    let mut title_done = false;
    let mut in_article = 0usize;
    let mut saw_h1 = false;
    for token in Tokenizer::new_with_emitter(source, emitter).flatten() {
        let skipping = skip.iter().any(|&n| n > 0);
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let attr = |k: &str| tag.attributes.get(k.as_bytes()).map(|v| String::from_utf8_lossy(&v.value).trim().to_string());
                match name.as_str() {
                    "meta" => {
                        let key = attr("property").or_else(|| attr("name")).or_else(|| attr("itemprop")).unwrap_or_default().to_ascii_lowercase();
                        let content = attr("content").filter(|c| !c.is_empty());
                        match key.as_str() {
                            "article:published_time" | "datepublished" | "pubdate" => meta.published = meta.published.take().or(content),
                            "og:site_name" => meta.outlet = meta.outlet.take().or(content),
                            _ => {}
                        }
                    }
                    "html" => {
                        // "id-ID" → "id": rules are per language, not per region.
                        meta.language = attr("lang").and_then(|l| l.split(['-', '_']).next().map(str::to_ascii_lowercase)).filter(|l| !l.is_empty());
                    }
                    "title" => in_title = !tag.self_closing,
                    "article" | "main" => in_article += 1,
                    "h1" if !skipping => saw_h1 = true,
                    _ => {}
                }
                // A header inside an article is the article's own (headline, byline): kept.
                let skippable = !(name == "header" && in_article > 0);
                if let Some(i) = SKIP.iter().position(|s| *s == name) {
                    if skippable && !tag.self_closing {
                        skip[i] += 1;
                    }
                }
                if BLOCK.contains(&name.as_str()) {
                    body.newline(tag.span.start);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if let Some(i) = SKIP.iter().position(|s| *s == name) {
                    skip[i] = skip[i].saturating_sub(1);
                }
                match name.as_str() {
                    "title" => {
                        title_done |= in_title && !title.text.is_empty();
                        in_title = false;
                    }
                    "article" | "main" => in_article = in_article.saturating_sub(1),
                    _ => {}
                }
                if BLOCK.contains(&name.as_str()) {
                    body.newline(tag.span.start);
                }
            }
            Token::String(s) => {
                if skipping {
                    continue;
                }
                let (start, end) = (s.span.start.min(source.len()), s.span.end.min(source.len()));
                let src = source.get(start..end).unwrap_or("");
                let decoded = String::from_utf8_lossy(&s.value);
                if in_title && (title_done || !body.text.is_empty()) {
                    // Only a first <title> before any body text may become the first line: the
                    // text must stay in the source's order.
                    continue;
                }
                let out = if in_title { &mut title } else { &mut body };
                align(src, &decoded, start, &mut |c, at, len| out.char(c, at, len));
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    body.newline(source.len());
    if !saw_h1 && !title.text.is_empty() {
        // No headline in the body: the page title is the first line.
        let end = title.map.end(title.text.len());
        let mut text = std::mem::take(&mut title.text);
        let mut map = std::mem::take(&mut title.map);
        text.push('\n');
        map.push(1, end, 0);
        text.push_str(&body.text);
        map.append(&body.map);
        return Page { text, map, meta };
    }
    Page { text: body.text, map: body.map, meta }
}

/// Pair each character of a decoded string with the source bytes it came from. The tokenizer
/// gives the span of the whole string; inside it, character references (`&amp;`, `&#8217;`,
/// legacy `&copy` without `;`) and CR LF line ends are where the two differ.
fn align(src: &str, dec: &str, base: usize, out: &mut dyn FnMut(char, usize, usize)) {
    let (sb, db) = (src.as_bytes(), dec.as_bytes());
    let (mut i, mut j) = (0usize, 0usize);
    while let Some(dc) = dec[j..].chars().next() {
        let Some(sc) = src.get(i..).and_then(|s| s.chars().next()) else {
            // More text than source (should not happen): pin the rest to the end.
            out(dc, base + src.len(), 0);
            j += dc.len_utf8();
            continue;
        };
        if sc == '&' && !(dc == '&' && agree(sb, i + 1, db, j + 1)) {
            if let Some((k, m)) = reference(sb, i, dec, j) {
                for (n, c) in dec[j..j + m].chars().enumerate() {
                    if n == 0 {
                        out(c, base + i, k - i);
                    } else {
                        out(c, base + k, 0);
                    }
                }
                i = k;
                j += m;
                continue;
            }
        }
        if sc == '\r' && dc == '\n' {
            let n = if sb.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            out('\n', base + i, n);
            i += n;
            j += 1;
            continue;
        }
        out(dc, base + i, sc.len_utf8());
        i += sc.len_utf8();
        j += dc.len_utf8();
    }
}

/// The character reference at `src[i]` (`&…`): its end in the source and how many bytes of the
/// decoded text it became, chosen so that the text after it lines up again.
fn reference(sb: &[u8], i: usize, dec: &str, j: usize) -> Option<(usize, usize)> {
    let mut ends = Vec::new();
    let mut k = i + 1;
    if sb.get(k) == Some(&b'#') {
        k += 1;
        let hex = matches!(sb.get(k), Some(b'x' | b'X'));
        if hex {
            k += 1;
        }
        let digits = k;
        while sb.get(k).is_some_and(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }) {
            k += 1;
        }
        if k == digits {
            return None;
        }
        if sb.get(k) == Some(&b';') {
            k += 1;
        }
        ends.push(k);
    } else {
        while sb.get(k).is_some_and(u8::is_ascii_alphanumeric) {
            k += 1;
        }
        if k == i + 1 {
            return None;
        }
        if sb.get(k) == Some(&b';') {
            ends.push(k + 1);
        }
        // Legacy names match without `;` and by prefix ("&copy2024" is "©2024").
        ends.extend((i + 2..=k).rev());
    }
    let mut chars = dec[j..].chars();
    let l1 = chars.next()?.len_utf8();
    let l2 = chars.next().map_or(0, char::len_utf8);
    let db = dec.as_bytes();
    for e in ends {
        for m in [l1, l1 + l2] {
            if j + m <= dec.len() && agree(sb, e, db, j + m) {
                return Some((e, m));
            }
        }
    }
    None
}

/// Whether source from `e` and text from `jj` read the same for the next few bytes (up to the
/// next reference or CR, which are not compared).
fn agree(sb: &[u8], e: usize, db: &[u8], jj: usize) -> bool {
    let a = sb.get(e..).unwrap_or(&[]);
    let b = db.get(jj..).unwrap_or(&[]);
    let window = a.len().min(8);
    let n = a[..window].iter().position(|&c| c == b'&' || c == b'\r').unwrap_or(window);
    if n == 0 {
        return if a.is_empty() { b.is_empty() } else { !b.is_empty() };
    }
    b.len() >= n && a[..n] == b[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source bytes under the text of `needle`.
    fn source_of<'a>(src: &'a str, p: &Page, needle: &str) -> &'a str {
        let s = p.text.find(needle).unwrap_or_else(|| panic!("{needle:?} in {:?}", p.text));
        &src[p.map.start(s)..p.map.end(s + needle.len())]
    }

    #[test]
    fn text_without_furniture_and_spans_into_the_markup() {
        let src = "<!doctype html><html lang=\"id-ID\"><head><title>Judul | Portal</title>\
            <meta property=\"article:published_time\" content=\"2024-06-20T08:19:00+07:00\">\
            <meta property=\"og:site_name\" content=\"Portal\"><style>p{color:red}</style>\
            <script>var x = \"<p>62 orang</p>\";</script></head><body>\
            <nav><a href=\"/\">Beranda</a></nav><header>Portal Berita</header>\
            <article><header><h1>Gempa di Cianjur</h1></header>\
            <p>Sebanyak   <b>62</b>\n  orang tewas &amp; 11&nbsp;000 rumah rusak.</p>\
            <p>Kata dia, &#8220;kami berduka&#x201d;.</p></article>\
            <aside>Baca juga</aside><footer>Hak cipta</footer><form>Cari</form></body></html>";
        let p = extract(src);
        assert_eq!(p.text, "Gempa di Cianjur\nSebanyak 62 orang tewas & 11\u{a0}000 rumah rusak.\nKata dia, “kami berduka”.\n");
        assert_eq!(p.meta.published.as_deref(), Some("2024-06-20T08:19:00+07:00"));
        assert_eq!(p.meta.outlet.as_deref(), Some("Portal"));
        assert_eq!(p.meta.language.as_deref(), Some("id"));
        assert_eq!(source_of(src, &p, "62"), "62");
        assert_eq!(source_of(src, &p, "orang tewas &"), "orang tewas &amp;");
        assert_eq!(source_of(src, &p, "11\u{a0}000 rumah"), "11&nbsp;000 rumah");
        assert_eq!(source_of(src, &p, "“kami berduka”"), "&#8220;kami berduka&#x201d;");
        assert_eq!(source_of(src, &p, "Gempa di Cianjur"), "Gempa di Cianjur");
        assert_eq!(source_of(src, &p, "62 orang"), "62</b>\n  orang", "a span across markup covers it");
    }

    #[test]
    fn the_title_is_the_first_line_when_there_is_no_h1() {
        let src = "<html><head><title>62 orang tewas</title></head><body><p>Isi berita.</p></body></html>";
        let p = extract(src);
        assert_eq!(p.text, "62 orang tewas\nIsi berita.\n");
        assert_eq!(source_of(src, &p, "62 orang"), "62 orang");
        assert_eq!(source_of(src, &p, "Isi berita."), "Isi berita.");
    }

    #[test]
    fn crlf_legacy_references_and_unknown_ampersands() {
        let src = "<p>A &copy2024 B\r\nC &foo; D &amp;and &</p>";
        let p = extract(src);
        assert_eq!(p.text, "A ©2024 B C &foo; D &and &\n");
        assert_eq!(source_of(src, &p, "©2024"), "&copy2024");
        assert_eq!(source_of(src, &p, "&foo; D"), "&foo; D");
        assert_eq!(source_of(src, &p, "&and"), "&amp;and");
    }

    #[test]
    fn declared_charset_is_found() {
        assert_eq!(declared_charset(b"<meta charset=\"windows-1252\">").as_deref(), Some("windows-1252"));
        assert_eq!(declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>").as_deref(), Some("iso-8859-1"));
        assert_eq!(declared_charset(b"<p>no</p>"), None);
    }
}
