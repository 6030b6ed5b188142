//! The HTML report in a real browser: headless Chromium (Debian's `chromium`, which `.ci/run`
//! installs when missing) renders the report of the seeds; the page logs nothing to the console
//! (no script error, no blocked resource, no CSP violation), the script ran, the facts and the
//! highlighted claims are in the DOM, a link to a fact highlights its claims, and the
//! screenshot is not blank. An article full of markup is shown as text. Without Chromium these
//! tests fail: a report nobody has seen rendered is not tested.
//!
//! `UPDATE_SCREENSHOT=1 cargo nextest run -E 'binary(html_report)'` also writes the README's
//! screenshot, `docs/report.png` (downscaled to stay small).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value as J;

/// The browser, or a failure that says how to get it.
fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser"] {
        if let Some(p) = std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file())) {
            return p;
        }
    }
    panic!("chromium is not installed: .ci/run installs it (apt-get install -y chromium); the HTML report is tested in a real browser");
}

/// Run headless Chromium on `url` with `extra` flags; its own profile in `profile`, no
/// network of its own (no updates, no sync, no QUIC).
fn browse(profile: &Path, extra: &[&str], url: &str) -> Output {
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--enable-logging=stderr",
        "--v=0",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    cmd.args(extra).arg(url).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let o = cmd.output().expect("run chromium");
    assert!(o.status.success(), "chromium failed: {}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Console messages the page caused (Chromium logs each as `…:CONSOLE(…)] "…", source: …`):
/// the report logs nothing, so any is an error, a blocked resource or a CSP violation.
fn console(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stderr).lines().filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught")).map(str::to_string).collect()
}

/// The opening tags of the highlighted claims (`<mark class=… id=… data-claims=… …`), cut
/// before the title attribute, which the report writes last.
fn marks(dom: &str) -> Vec<&str> {
    dom.match_indices("<mark ").map(|(i, _)| &dom[i..i + dom[i..].find(" title=").or_else(|| dom[i..].find('>')).unwrap_or(0)]).collect()
}

/// An attribute's value in an opening tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(&tag[i..j])
}

fn url(p: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", p.display())
}

/// Write the HTML report of `args` (run from `dir`) to `out/report.html`: outside the folder
/// checked, or the next run would read the report as an article.
fn report(dir: &Path, out: &Path, args: &[&str]) -> PathBuf {
    let path = out.join("report.html");
    let path_s = path.to_str().expect("UTF-8 temp path").to_string();
    let mut a = vec!["check", "--fail-on", "never", "--format", "html", "--output", &path_s];
    a.extend_from_slice(args);
    let o = common::run_in(dir, &a);
    assert_eq!(common::code(&o), 0, "{}", common::stderr(&o));
    assert!(path.is_file());
    path
}

/// Decoded RGBA pixels of a PNG: (width, height, bytes).
fn pixels(png_path: &Path) -> (u32, u32, Vec<u8>) {
    let file = std::io::BufReader::new(std::fs::File::open(png_path).expect("screenshot written"));
    let mut dec = png::Decoder::new(file);
    dec.set_transformations(png::Transformations::normalize_to_color8() | png::Transformations::ALPHA);
    let mut reader = dec.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    buf.truncate(info.buffer_size());
    assert_eq!(info.color_type, png::ColorType::Rgba);
    (info.width, info.height, buf)
}

/// Halve a screenshot (2×2 boxes), posterise it, and save it as a small RGB PNG for the README.
fn save_small(width: u32, height: u32, rgba: &[u8], to: &Path) {
    let (w, h) = (width / 2, height / 2);
    let mut rgb = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            for c in 0..3 {
                let at = |dx: u32, dy: u32| u32::from(rgba[(((2 * y + dy) * width + 2 * x + dx) * 4 + c) as usize]);
                let v = ((at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1) + 2) / 4) as u8;
                // 16 levels a channel: the page's flat colours survive, the file stays small.
                rgb.push((v & 0xf0) | (v >> 4));
            }
        }
    }
    let file = std::io::BufWriter::new(std::fs::File::create(to).expect("create screenshot"));
    let mut enc = png::Encoder::new(file, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::High);
    let mut writer = enc.write_header().expect("PNG header");
    writer.write_image_data(&rgb).expect("PNG data");
    writer.finish().expect("PNG written");
}

#[test]
fn the_report_of_the_seeds_renders_in_chromium() {
    let dir = common::copy_seeds("html");
    let out = common::TempDir::new("html-out");
    let html_path = report(dir.path(), out.path(), &["."]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    let o = common::run_in(dir.path(), &["check", "--format", "json", "."]);
    let rep: J = serde_json::from_slice(&o.stdout).unwrap();
    let profile = common::TempDir::new("chromium");

    // The DOM after the script ran, opened on the first fact.
    let dom = browse(profile.path(), &["--dump-dom"], &url(&html_path, "#focus=f1"));
    assert_eq!(console(&dom), Vec::<String>::new(), "the page logs nothing");
    let dom_text = String::from_utf8(dom.stdout.clone()).unwrap();
    assert!(dom_text.contains("<body class=\"focusing ready\">"), "the script ran and focused #f1");
    // Every shown fact is a card, with its id as in the JSON report.
    let shown: Vec<&J> = rep["findings"].as_array().unwrap().iter().filter(|f| f["verdict"] != "single_source").collect();
    assert!(!shown.is_empty());
    for f in &shown {
        let id = f["id"].as_str().unwrap();
        assert!(dom_text.contains(&format!("id=\"{id}\"")), "fact {id} is a card");
    }
    assert_eq!(dom_text.matches("<article class=\"fact ").count(), shown.len());
    // Every claim is highlighted in its article, reachable by its id.
    let tags = marks(&dom_text);
    let claims: BTreeSet<&str> = rep["claims"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    let marked: BTreeSet<&str> = tags.iter().flat_map(|t| attr(t, "data-claims").unwrap_or("").split(' ')).collect();
    let missing: Vec<&&str> = claims.iter().filter(|c| !marked.contains(**c)).collect();
    assert!(missing.is_empty(), "claims not highlighted: {missing:?}");
    for c in &claims {
        assert_eq!(dom_text.matches(&format!(" id=\"{c}\"")).count(), 1, "one anchor for {c}");
    }
    // The first fact's claims are focused in the articles.
    for c in shown[0]["claims"].as_array().unwrap() {
        let c = c.as_str().unwrap();
        let focused = tags.iter().any(|t| attr(t, "class").is_some_and(|k| k.split(' ').any(|w| w == "focus")) && attr(t, "data-claims").is_some_and(|v| v.split(' ').any(|x| x == c)));
        assert!(focused, "claim {c} of f1 is highlighted in its article");
    }
    // The claim graph is drawn: a node per document, an edge per document a fact rests on.
    assert_eq!(dom_text.matches("<g class=\"node doc\"").count(), 5);
    assert!(dom_text.matches("<path class=\"edge").count() >= shown.len());

    // The screenshot is not blank: many colours, none covering nearly everything.
    let shot = out.join("report.png");
    let arg = format!("--screenshot={}", shot.display());
    let o = browse(profile.path(), &[&arg, "--window-size=1280,1600", "--hide-scrollbars"], &url(&html_path, "#focus=f1"));
    assert_eq!(console(&o), Vec::<String>::new());
    let (w, h, px) = pixels(&shot);
    assert_eq!((w, h), (1280, 1600));
    let mut counts: std::collections::BTreeMap<[u8; 3], usize> = std::collections::BTreeMap::new();
    for p in px.chunks(4) {
        *counts.entry([p[0], p[1], p[2]]).or_default() += 1;
    }
    let most = counts.values().max().copied().unwrap_or(0);
    assert!(counts.len() > 200, "{} colours: a blank page?", counts.len());
    assert!(most * 100 < (w * h) as usize * 90, "one colour covers {most} of {} pixels", w * h);
    // The style sheet applied: a verdict colour on the cards, and claims highlighted.
    let near = |want: [u8; 3]| counts.keys().any(|c| c.iter().zip(want).all(|(a, b)| a.abs_diff(b) <= 6));
    let verdicts = [[0xc6, 0x28, 0x28], [0xb2, 0x6a, 0x00], [0x15, 0x65, 0xc0], [0x00, 0x79, 0x6b], [0x2e, 0x7d, 0x32]];
    assert!(verdicts.iter().any(|&v| near(v)), "no verdict colour in the screenshot");
    assert!(near([0xff, 0xf3, 0xbf]), "no highlighted claim in the screenshot");
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        let to = common::root().join("docs/report.png");
        save_small(w, h, &px, &to);
        let size = std::fs::metadata(&to).unwrap().len();
        assert!(size <= 200 * 1024, "docs/report.png is {size} bytes");
    }
    // Nothing in the page is fetched: no external URL in any attribute.
    for attr in ["src=", "href=", "url("] {
        for (i, _) in html.match_indices(attr) {
            let v = &html[i + attr.len()..(i + attr.len() + 12).min(html.len())];
            assert!(!v.contains("http") && !v.contains("//"), "{attr}{v}");
        }
    }
}

/// An article whose every part — title, body, quotation, file name — is markup.
const HOSTILE: &str = "<script>document.title='pwned-title'</script> Kontainer amunisi\n\nNATO menuduh Korea Utara memasok lebih dari 11.000 kontainer amunisi ke Rusia \"><img src=x onerror=\"document.title='pwned-img'\">.\n\n\"Kita perlu menyadari bahwa kekuatan otoriter <script>document.title='pwned-quote'</script> semakin selaras,\" kata Stoltenberg, Kamis (20/6/2024).\n\nTom & Jerry's <b>bold</b> claim: 5.000 kontainer amunisi.\n";

#[test]
fn article_markup_is_shown_as_text() {
    let dir = common::copy_seeds("html-hostile");
    dir.write("x\"><img src=y onerror=alert(2)>.txt", HOSTILE);
    let out = common::TempDir::new("html-hostile-out");
    let html_path = report(dir.path(), out.path(), &["."]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    // In the bytes: the markup is escaped wherever it appears.
    assert!(!html.contains("<img"), "no image element from an article");
    assert!(!html.contains("<script>document"), "no script element from an article");
    assert!(!html.contains("<b>bold"), "no markup from an article");
    assert_eq!(html.matches("<script>").count(), 1, "only the report's own script");
    // Claims may cut the text into highlighted runs: read it without them.
    let text = regex::Regex::new(r"<mark [^>]*>|</mark>").unwrap().replace_all(&html, "");
    assert!(text.contains("&lt;script&gt;document.title=&#39;pwned-title&#39;&lt;/script&gt;"));
    assert!(text.contains("&quot;&gt;&lt;img src=x onerror=&quot;document.title=&#39;pwned-img&#39;&quot;&gt;"), "{text}");
    assert!(text.contains("Tom &amp; Jerry&#39;s &lt;b&gt;bold&lt;/b&gt;"));
    assert!(text.contains("x&quot;&gt;&lt;img src=y onerror=alert(2)&gt;.txt"), "the file name is text");
    // In the browser: nothing ran, nothing was loaded, the text is there as text.
    let profile = common::TempDir::new("chromium-hostile");
    let dom = browse(profile.path(), &["--dump-dom"], &url(&html_path, ""));
    assert_eq!(console(&dom), Vec::<String>::new(), "nothing ran or was blocked");
    let dom_text = String::from_utf8(dom.stdout.clone()).unwrap();
    assert!(!dom_text.contains("pwned-title</title>") && !dom_text.contains("<title>pwned"), "the title was not rewritten");
    assert!(dom_text.contains("<title>claimcheck: 6 documents</title>"));
    assert!(!dom_text.contains("<img"), "no image element in the DOM");
    assert!(dom_text.contains("&lt;script&gt;document.title='pwned-title'&lt;/script&gt;"), "the script is text");
    assert!(dom_text.contains("&lt;img src=x onerror="), "the image tag is text");
}

#[test]
fn the_report_is_deterministic_and_follows_only() {
    let dir = common::mutated_seeds("004", "sejumlah besar amunisi", "sekitar 5.000 kontainer amunisi");
    let out = common::TempDir::new("html-det-out");
    let a = std::fs::read(report(dir.path(), out.path(), &["."])).unwrap();
    let b = std::fs::read(report(dir.path(), out.path(), &["."])).unwrap();
    assert!(a == b, "same input, same bytes");
    let html = String::from_utf8(a).unwrap();
    assert!(html.contains("class=\"claim contested\""), "the conflict's claims are marked contested");
    assert!(html.contains("<article class=\"fact v-conflict s-error\""));
    let only = std::fs::read_to_string(report(dir.path(), out.path(), &["--only", "conflict", "."])).unwrap();
    assert_eq!(only.matches("<article class=\"fact ").count(), 1, "--only conflict shows the conflict alone");
    assert!(only.contains("showing only conflict"));
    // The articles and every claim stay, filtered or not.
    assert_eq!(only.matches("<article class=\"doc\"").count(), 5);
    assert_eq!(only.matches("<mark class=\"claim").count(), html.matches("<mark class=\"claim").count());
}
