//! Issue 14, at the ingest/CLI edge: every input bounded, every failure named, nothing lost.
//! One test (or more) per row of the table; large and binary fixtures are made here.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value as J;

use common::{TempDir, code, run, run_with, stderr, stdout};

/// Run the binary, killing it after `limit`: an input that hangs fails the test instead of
/// hanging it.
fn run_bounded(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(common::root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn claimcheck");
    // Drain both pipes on threads so that a large report cannot block the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("claimcheck {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: t_out.join().expect("stdout thread"), stderr: t_err.join().expect("stderr thread") }
}

fn json(o: &Output) -> J {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}\nstderr: {}", stdout(o), stderr(o)))
}

fn doc_ids(rep: &J) -> Vec<String> {
    rep["documents"].as_array().expect("documents").iter().map(|d| d["id"].as_str().expect("id").to_string()).collect()
}

fn seed(i: usize) -> PathBuf {
    common::seed_files()[i].clone()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Each claim's span as file bytes.
fn claim_bytes<'a>(bytes: &'a [u8], c: &J) -> &'a [u8] {
    let (st, en) = (c["span"]["start"].as_u64().expect("start") as usize, c["span"]["end"].as_u64().expect("end") as usize);
    assert!(st <= en && en <= bytes.len(), "span {st}..{en} is inside the file of {} bytes: {c}", bytes.len());
    &bytes[st..en]
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(s(p)).expect("path");
    // SAFETY: a valid NUL-terminated path; mkfifo only reads it.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo {}", p.display());
}

// --- row: a FIFO, /dev/urandom, /dev/zero given or found in a folder ------------------------------

#[test]
fn fifo_and_devices_are_skipped_by_name_and_the_rest_reported() {
    let tmp = TempDir::new("special");
    let fifo = tmp.join("pipe.txt");
    mkfifo(&fifo);
    let o = run_bounded(&["check", "--format", "json", s(&fifo), "/dev/urandom", "/dev/zero", s(&seed(0))], Duration::from_secs(30));
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    for line in [
        format!("claimcheck: {}: not a regular file (a FIFO), skipped", fifo.display()),
        "claimcheck: /dev/urandom: not a regular file (a character device), skipped".to_string(),
        "claimcheck: /dev/zero: not a regular file (a character device), skipped".to_string(),
    ] {
        assert!(err.lines().any(|l| l == line), "stderr names it: {line}\n{err}");
    }
    let rep = json(&o);
    assert_eq!(doc_ids(&rep), vec!["000_97e606655609c318"], "the seed is still checked");
    assert_eq!(rep["errors"].as_array().expect("errors").len(), 3, "{}", rep["errors"]);
}

#[test]
fn fifo_and_device_links_found_in_a_folder_are_skipped_too() {
    let tmp = TempDir::new("special-dir");
    tmp.write("a.txt", std::fs::read(seed(1)).expect("seed"));
    mkfifo(&tmp.join("b.md"));
    std::os::unix::fs::symlink("/dev/zero", tmp.join("c.txt")).expect("symlink");
    std::os::unix::fs::symlink("/dev/urandom", tmp.join("d.html")).expect("symlink");
    let o = run_bounded(&["check", "--format", "json", s(tmp.path())], Duration::from_secs(30));
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("b.md: not a regular file (a FIFO), skipped"), "{err}");
    assert!(err.contains("c.txt: not a regular file (a character device), skipped"), "{err}");
    assert!(err.contains("d.html: not a regular file (a character device), skipped"), "{err}");
    assert_eq!(doc_ids(&json(&o)), vec!["a"]);
}

#[test]
fn standard_input_is_bounded_too() {
    // 64 MiB and one byte of text on standard input: refused, not read forever.
    let big = vec![b'a'; claimcheck::ingest::MAX_INPUT_BYTES + 1];
    let o = run_with(&["check", "--format", "json", "-", s(&seed(2))], Some(&big), &[]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), "claimcheck: -: larger than 64 MiB (the limit for one input), skipped\n");
    assert_eq!(doc_ids(&json(&o)).len(), 1, "the file is still checked");
}

#[test]
fn a_file_over_the_size_limit_is_skipped_with_a_message() {
    let tmp = TempDir::new("big");
    let p = tmp.join("big.txt");
    // A sparse file: its size is over the limit, no disk is used.
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(claimcheck::ingest::MAX_INPUT_BYTES as u64 + 1).expect("set_len");
    let o = run_bounded(&["check", s(&p), s(&seed(0))], Duration::from_secs(30));
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), format!("claimcheck: {}: larger than 64 MiB (the limit for one input), skipped\n", p.display()));
    assert!(stdout(&o).contains("1 documents,"), "{}", stdout(&o));
}

// --- row: writing to a full disk; a closed pipe ------------------------------------------------------

#[test]
fn a_full_disk_is_an_error_with_a_message() {
    for args in [&["check", "seeds/"][..], &["check", "--format", "json", "seeds/"], &["debug", "claims", "seeds/"], &["rules", "list"]] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full exists on Linux");
        let o = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(args)
            .current_dir(common::root())
            .stdin(Stdio::null())
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .expect("run");
        assert_eq!(code(&o), 2, "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("claimcheck: cannot write the report: "), "{args:?}: {err}");
        assert!(err.contains("No space left on device"), "{args:?}: {err}");
    }
}

#[test]
fn a_closed_pipe_stays_quiet_and_successful() {
    for args in [&["check", "seeds/"][..], &["check", "--format", "json", "seeds/"], &["debug", "segments", "seeds/"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(args)
            .current_dir(common::root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Close the reading end before the report is written (`claimcheck … | head -0`).
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
    // A conflict still exits 1 through a closed pipe: the exit code is the findings'.
    let dir = common::mutated_seeds("001", "dalam 24 tahun", "dalam 18 tahun");
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck")).args(["check", s(dir.path())]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}

// --- row: a broken --rules file ---------------------------------------------------------------------

#[test]
fn broken_rules_give_no_report_but_json_errors_with_positions() {
    let tmp = TempDir::new("broken-json");
    tmp.write("id/broken.yaml", "about: a rule file with a typo\nnumber_words:\n  satu: one\n");
    let rules = s(tmp.path());
    let o = run(&["check", "--format", "json", "--rules", rules, "seeds/"]);
    assert_eq!(code(&o), 2);
    let rep = json(&o);
    let path = format!("{rules}/id/broken.yaml");
    assert_eq!(rep["version"], 1);
    for key in ["documents", "claims", "findings", "warnings"] {
        assert_eq!(rep[key], serde_json::json!([]), "nothing is checked with broken rules: {key}");
    }
    assert_eq!(rep["errors"].as_array().expect("errors").len(), 1);
    let e = &rep["errors"][0];
    assert_eq!((e["path"].as_str(), e["line"].as_u64(), e["column"].as_u64()), (Some(path.as_str()), Some(3), Some(9)), "{e}");
    assert!(e["reason"].as_str().expect("reason").contains("expected f64"), "{e}");
    // The same message on standard error, and no table with --format table.
    assert_eq!(stderr(&o), format!("claimcheck: {path}:3:9: {}\n", e["reason"].as_str().expect("reason")));
    let o = run(&["check", "--rules", rules, "seeds/"]);
    assert_eq!((code(&o), stdout(&o).as_str()), (2, ""));
    // The debug views stop the same way.
    let o = run(&["debug", "claims", "--rules", rules, "seeds/"]);
    assert_eq!((code(&o), stdout(&o).as_str()), (2, ""));
}

#[test]
fn a_holiday_without_its_days_or_with_a_bad_date_is_an_error_with_its_position() {
    let tmp = TempDir::new("holidays");
    tmp.write("common/feasts.yaml", "about: feasts\nholidays:\n  - id: harvest\n    dates: [2024-13-01]\n");
    tmp.write("en/feasts.yaml", "about: feast names\nholidays:\n  - {id: founders, terms: [Founders Day]}\n");
    let rules = s(tmp.path());
    let o = run(&["check", "--format", "json", "--rules", rules, "seeds/"]);
    assert_eq!(code(&o), 2);
    let errors = json(&o)["errors"].as_array().expect("errors").clone();
    let find = |file: &str| errors.iter().find(|e| e["path"].as_str() == Some(format!("{rules}/{file}").as_str())).cloned().unwrap_or_else(|| panic!("{file}: {errors:#?}"));
    let bad = find("common/feasts.yaml");
    assert_eq!((bad["line"].as_u64(), bad["column"].as_u64()), (Some(3), Some(5)), "{bad}");
    assert!(bad["reason"].as_str().unwrap().contains("'2024-13-01' must be YYYY-MM-DD"), "{bad}");
    let missing = find("en/feasts.yaml");
    assert_eq!(missing["line"].as_u64(), Some(3), "{missing}");
    assert!(missing["reason"].as_str().unwrap().contains("holiday 'founders': give exactly one of"), "{missing}");
}

#[test]
fn an_override_that_breaks_a_built_in_rule_is_blamed_not_the_built_in_file() {
    let tmp = TempDir::new("blame");
    // Replaces id/language.yaml and drops its required `language:` section.
    tmp.write("id/language.yaml", "about: my own language file\n");
    let rules = s(tmp.path());
    let o = run(&["check", "--format", "json", "--rules", rules, "seeds/"]);
    assert_eq!(code(&o), 2);
    let rep = json(&o);
    let e = &rep["errors"][0];
    assert_eq!(e["path"].as_str(), Some(format!("{rules}/id/language.yaml").as_str()), "the override is named: {e}");
    let reason = e["reason"].as_str().expect("reason");
    assert!(reason.contains("no `language:` section") && reason.contains("replaces the built-in rules/id/language.yaml"), "{reason}");
    assert!(!stderr(&o).contains("claimcheck: rules/"), "no built-in file is blamed: {}", stderr(&o));
    // A new language without a language section blames its own file, as before.
    let tmp = TempDir::new("blame-new");
    tmp.write("xx/words.yaml", "about: x\nnumber_words:\n  uno: 1\n");
    let o = run(&["check", "--format", "json", "--rules", s(tmp.path()), "seeds/"]);
    assert_eq!(json(&o)["errors"][0]["path"].as_str(), Some(format!("{}/xx/words.yaml", tmp.path().display()).as_str()));
}

// --- row: UTF-16 with a BOM ---------------------------------------------------------------------------

#[test]
fn utf16_with_a_bom_is_decoded_and_spans_index_its_bytes() {
    let tmp = TempDir::new("utf16");
    let text = std::fs::read_to_string(seed(2)).expect("seed is UTF-8");
    let (_, from_utf8, _) = common::check_json(&[s(&seed(2))]);
    for (name, le) in [("le.txt", true), ("be.txt", false)] {
        let mut bytes = if le { vec![0xff, 0xfe] } else { vec![0xfe, 0xff] };
        for u in text.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let p = tmp.write(name, &bytes);
        let (c, rep, err) = common::check_json(&[s(&p)]);
        assert_eq!((c, err.as_str()), (0, ""), "UTF-16 with a BOM is text, not binary");
        let claims = rep["claims"].as_array().expect("claims");
        let want = from_utf8["claims"].as_array().expect("claims");
        assert_eq!(claims.len(), want.len(), "the same claims as the UTF-8 file");
        for (c, w) in claims.iter().zip(want) {
            assert_eq!((&c["text"], &c["value"], &c["span"]["line"], &c["span"]["column"]), (&w["text"], &w["value"], &w["span"]["line"], &w["span"]["column"]));
            let units: Vec<u16> = claim_bytes(&bytes, c).chunks(2).map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) }).collect();
            assert_eq!(String::from_utf16(&units).expect("UTF-16"), c["text"].as_str().expect("text"), "span holds the claim in UTF-16");
        }
    }
}

// --- row: a UTF-8 BOM before front matter --------------------------------------------------------------

#[test]
fn a_utf8_bom_before_front_matter_is_stripped() {
    let tmp = TempDir::new("bom");
    let body = std::fs::read_to_string(seed(2)).expect("seed");
    let mut bytes = b"\xef\xbb\xbf---\ntitle: Judul dari front matter\noutlet: Portal\nlanguage: id\n---\n".to_vec();
    bytes.extend_from_slice(body.as_bytes());
    let p = tmp.write("bom.md", &bytes);
    let (c, rep, err) = common::check_json(&[s(&p)]);
    assert_eq!((c, err.as_str()), (0, ""));
    assert_eq!(rep["documents"][0]["title"], "Judul dari front matter", "front matter read, title not '\\u{{feff}}---'");
    assert_eq!(rep["documents"][0]["outlet"], "Portal");
    let claims = rep["claims"].as_array().expect("claims");
    assert!(!claims.is_empty());
    for c in claims {
        assert_eq!(claim_bytes(&bytes, c), c["text"].as_str().expect("text").as_bytes(), "offsets count the BOM: {c}");
    }
    // line:column as in the file (the front matter is 5 lines; the BOM is no column).
    let first = &claims[0];
    let s0 = first["span"]["start"].as_u64().expect("start") as usize;
    let line = bytes[..s0].iter().filter(|&&b| b == b'\n').count() + 1;
    assert_eq!(first["span"]["line"].as_u64(), Some(line as u64));
}

// --- row: NUL bytes after the first 8 KB ------------------------------------------------------------------

#[test]
fn nul_bytes_after_the_first_8_kb_make_a_binary_file() {
    let tmp = TempDir::new("late-nul");
    let mut bytes = std::fs::read(seed(0)).expect("seed");
    while bytes.len() < 20_000 {
        bytes.extend_from_slice(b"Lorem ipsum dolor sit amet.\n");
    }
    bytes.extend_from_slice(&[0, 0, 0, 1, 2, 3, 0]);
    let p = tmp.write("late.txt", &bytes);
    let o = run(&["check", "--format", "json", s(&p), s(&seed(1))]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), format!("claimcheck: {}: binary file (NUL bytes or mostly control characters), skipped\n", p.display()));
    assert_eq!(doc_ids(&json(&o)), vec!["001_7aec66c95eb54fa0"]);
}

// --- row: windows-1252 / Latin-1 -----------------------------------------------------------------------------

#[test]
fn windows_1252_is_decoded_and_a_figure_is_no_longer_lost() {
    let tmp = TempDir::new("cp1252");
    // "€" is 0x80 in windows-1252; replaced by a placeholder, the figure lost its currency and
    // was not a claim at all.
    let bytes = b"Museum heist in Par\xeds\n\nThe thieves took jewels worth \x8088 million from the Louvre on Sunday, the caf\xe9 owner said.\nMore than 60 officers searched the museum.\n".to_vec();
    let p = tmp.write("cp1252.txt", &bytes);
    let (c, rep, err) = common::check_json(&[s(&p)]);
    assert_eq!(c, 0);
    assert_eq!(err, format!("claimcheck: warning: {}: not UTF-8; read as windows-1252 (guessed from its bytes), spans point at the file's bytes\n", p.display()));
    let claims = rep["claims"].as_array().expect("claims");
    let fig = claims.iter().find(|c| c["kind"] == "quantity" && c["text"].as_str().is_some_and(|t| t.contains("€88 million"))).unwrap_or_else(|| panic!("the € figure is a claim: {rep}"));
    assert_eq!(fig["value"]["unit"], "eur", "{fig}");
    assert_eq!(fig["value"]["low"], 88_000_000);
    // The span is the figure's bytes in the file, in windows-1252.
    for c in claims {
        let (want, _, _) = encoding_rs::WINDOWS_1252.encode(c["text"].as_str().expect("text"));
        assert_eq!(claim_bytes(&bytes, c), &*want, "{c}");
    }
    assert_eq!(fig["span"]["column"].as_u64(), Some(18), "columns count characters: {fig}");
}

// --- row: deeply nested front matter ---------------------------------------------------------------------------

#[test]
fn deeply_nested_front_matter_is_bounded_with_a_warning() {
    let tmp = TempDir::new("nested");
    let body = std::fs::read_to_string(seed(2)).expect("seed");
    for (name, fm) in [
        // 100 KB of flow nesting: 20 s in the YAML parser before the bound.
        ("flow.md", format!("title: {}{}\n", "[".repeat(50_000), "]".repeat(50_000))),
        // Just under the size bound, but 30,000 levels deep.
        ("deep.md", format!("title: {}{}\n", "[".repeat(30_000), "]".repeat(30_000))),
    ] {
        let p = tmp.write(name, format!("---\n{fm}---\n{body}"));
        let t = Instant::now();
        let o = run_bounded(&["check", "--format", "json", s(&p)], Duration::from_secs(30));
        let took = t.elapsed();
        assert!(took < Duration::from_secs(5), "{name}: {took:?}");
        assert_eq!(code(&o), 0, "{name}: a warning, not an error: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.starts_with(&format!("claimcheck: warning: {}: front matter is ", p.display())) && err.contains("front matter ignored"), "{name}: {err}");
        assert!(!json(&o)["claims"].as_array().expect("claims").is_empty(), "{name}: the body is still checked");
    }
}

// --- row: a/x.txt and b/x.txt ----------------------------------------------------------------------------------------

#[test]
fn inputs_that_share_a_file_stem_get_ids_from_their_paths() {
    let tmp = TempDir::new("stems");
    tmp.write("a/x.txt", std::fs::read(seed(0)).expect("seed"));
    tmp.write("b/x.txt", std::fs::read(seed(1)).expect("seed"));
    tmp.write("b/x.md", std::fs::read(seed(2)).expect("seed"));
    tmp.write("c/y.txt", std::fs::read(seed(3)).expect("seed"));
    let (c, rep, err) = common::check_json(&[s(tmp.path())]);
    assert_eq!((c, err.as_str()), (0, ""));
    assert_eq!(doc_ids(&rep), vec!["a/x.txt", "b/x.md", "b/x.txt", "y"], "a shared stem takes the path; the extension when that still collides");
    let (_, rep, _) = common::check_json(&[s(&tmp.join("a/x.txt")), s(&tmp.join("b/x.txt"))]);
    assert_eq!(doc_ids(&rep), vec!["a/x", "b/x"]);
    // Claims cite their own document.
    let docs: std::collections::BTreeSet<&str> = rep["claims"].as_array().expect("claims").iter().map(|c| c["doc"].as_str().expect("doc")).collect();
    assert_eq!(docs.into_iter().collect::<Vec<_>>(), vec!["a/x", "b/x"]);
    // The seeds keep their ids.
    let (_, rep, _) = common::check_json(&["seeds/"]);
    assert_eq!(doc_ids(&rep)[0], "000_97e606655609c318");
}

// --- row: the same files in another argument order -------------------------------------------------------------------

#[test]
fn argument_order_does_not_change_the_output() {
    let files: Vec<PathBuf> = common::seed_files();
    let stdin = std::fs::read(&files[4]).expect("seed");
    let names: Vec<&str> = files[..4].iter().map(|p| s(p)).collect();
    let orders: [[usize; 4]; 3] = [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]];
    let mut outputs = Vec::new();
    for order in orders {
        for format in ["json", "table"] {
            let mut args = vec!["check", "--all", "--format", format];
            // Standard input among the files, at a different place each time.
            for (k, &i) in order.iter().enumerate() {
                if k == order[0] {
                    args.push("-");
                }
                args.push(names[i]);
            }
            let o = run_with(&args, Some(&stdin), &[]);
            assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
            outputs.push((format, o.stdout));
        }
    }
    for (format, out) in &outputs[2..] {
        let first = if *format == "json" { &outputs[0].1 } else { &outputs[1].1 };
        assert_eq!(out, first, "{format}: the same bytes whatever the order");
    }
    let rep: J = serde_json::from_slice(&outputs[0].1).expect("json");
    assert_eq!(doc_ids(&rep).last().map(String::as_str), Some("stdin"), "standard input comes last");
}

#[test]
fn a_file_given_twice_is_read_once_with_a_warning() {
    let tmp = common::copy_seeds("twice");
    let one = common::seed_in(tmp.path(), "001");
    let other = TempDir::new("twice-link");
    let link = other.join("link.txt");
    std::os::unix::fs::symlink(&one, &link).expect("symlink");
    let dotted = s(&link).to_string();
    let (c, rep, err) = common::check_json(&[s(tmp.path()), s(&one), &dotted, s(&one)]);
    assert_eq!(c, 0, "{err}");
    assert_eq!(doc_ids(&rep).len(), 5, "each file once");
    assert!(err.contains(&format!("{}: given more than once; read once", one.display())), "{err}");
    assert!(err.contains(&format!("{dotted}: the same file as {}; read once", one.display())), "{err}");
    assert_eq!(rep["warnings"].as_array().expect("warnings").len(), 2);
}

// --- row: .html pages ---------------------------------------------------------------------------------------------------

const PAGE: &str = "<!DOCTYPE html>
<html lang=\"en\">
<head>
  <meta charset=\"utf-8\">
  <title>Louvre heist | Daily Wire</title>
  <meta property=\"og:site_name\" content=\"Daily Wire\">
  <meta property=\"article:published_time\" content=\"2025-10-20T09:00:00Z\">
  <style>.x { content: \"More than 500 officers\" }</style>
  <script>var t = \"The toll rose to 900 people\";</script>
</head>
<body>
  <header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header>
  <article>
    <h1>Thieves take jewels from the Louvre</h1>
    <p>The thieves took jewels worth <b>€88 million</b> from the museum on Sunday,
       the prosecutor said.</p>
    <p>More than 60 officers searched the museum &amp; its gardens.</p>
  </article>
  <aside>Related: Another 300 jobs cut</aside>
  <footer>© 2025 Daily Wire. 1,000 subscribers.</footer>
</body>
</html>
";

#[test]
fn html_pages_are_read_without_furniture_and_spans_point_into_the_markup() {
    let tmp = TempDir::new("html");
    let p = tmp.write("page.html", PAGE);
    let o = run(&["check", "--format", "json", s(&p)]);
    assert_eq!((code(&o), stderr(&o).as_str()), (0, ""));
    let rep = json(&o);
    let d = &rep["documents"][0];
    assert_eq!((d["id"].as_str(), d["title"].as_str(), d["outlet"].as_str(), d["published"].as_str(), d["language"].as_str()), (Some("page"), Some("Thieves take jewels from the Louvre"), Some("Daily Wire"), Some("2025-10-20"), Some("en")), "{d}");
    let claims = rep["claims"].as_array().expect("claims");
    let texts: Vec<&str> = claims.iter().map(|c| c["text"].as_str().expect("text")).collect();
    for dropped in ["500", "900", "300", "1,000"] {
        assert!(!texts.iter().any(|t| t.contains(dropped)), "no claim from scripts, styles, asides or footers ({dropped}): {texts:?}");
    }
    let fig = claims.iter().find(|c| c["text"].as_str().is_some_and(|t| t.contains("€88 million"))).unwrap_or_else(|| panic!("{texts:?}"));
    let officers = claims.iter().find(|c| c["text"].as_str().is_some_and(|t| t.contains("More than 60 officers"))).unwrap_or_else(|| panic!("{texts:?}"));
    // The figures' spans are their bytes in the HTML file, with the file's line and column.
    for c in [fig, officers] {
        let bytes = claim_bytes(PAGE.as_bytes(), c);
        let st = c["span"]["start"].as_u64().expect("start") as usize;
        let line = PAGE[..st].matches('\n').count() + 1;
        let col = PAGE[PAGE[..st].rfind('\n').map_or(0, |i| i + 1)..st].chars().count() + 1;
        assert_eq!((c["span"]["line"].as_u64(), c["span"]["column"].as_u64()), (Some(line as u64), Some(col as u64)), "{c}");
        assert!(std::str::from_utf8(bytes).is_ok(), "{c}");
    }
    assert!(std::str::from_utf8(claim_bytes(PAGE.as_bytes(), officers)).expect("utf-8").starts_with("More than 60 officers"), "{officers}");
    let fig_bytes = std::str::from_utf8(claim_bytes(PAGE.as_bytes(), fig)).expect("utf-8");
    assert!(fig_bytes.contains("€88 million"), "the figure's bytes: {fig_bytes:?}");
    // A figure in one text node has exactly its bytes.
    let sixty = claims.iter().find(|c| c["text"] == "More than 60 officers").unwrap_or_else(|| panic!("{texts:?}"));
    assert_eq!(claim_bytes(PAGE.as_bytes(), sixty), b"More than 60 officers");
}

#[test]
fn html_pages_are_read_from_folders_and_in_windows_1252() {
    let tmp = TempDir::new("html-dir");
    tmp.write("a.html", PAGE);
    let latin = PAGE.replace("<meta charset=\"utf-8\">", "<meta charset=\"windows-1252\">");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
    tmp.write("b.htm", &bytes);
    let (c, rep, err) = common::check_json(&[s(tmp.path())]);
    assert_eq!(c, 0, "{err}");
    assert_eq!(doc_ids(&rep), vec!["a", "b"], "{err}");
    assert!(err.contains("b.htm: not UTF-8; read as windows-1252 (as the page declares)"), "{err}");
    // The windows-1252 page: a figure's span is its bytes, in windows-1252.
    let sixty = rep["claims"].as_array().expect("claims").iter().find(|c| c["doc"] == "b" && c["text"] == "More than 60 officers").expect("claim in b");
    assert_eq!(claim_bytes(&bytes, sixty), b"More than 60 officers");
    let euro = rep["claims"].as_array().expect("claims").iter().find(|c| c["doc"] == "b" && c["text"].as_str().is_some_and(|t| t.contains("€88"))).expect("€ claim in b");
    let text = euro["text"].as_str().expect("text");
    assert!(claim_bytes(&bytes, euro).windows(3).any(|w| w == b"\x8088"), "€ is byte 0x80 in the file: {text}");
    let b_claims: Vec<&J> = rep["claims"].as_array().expect("claims").iter().filter(|c| c["doc"] == "b").collect();
    let a_claims: Vec<&J> = rep["claims"].as_array().expect("claims").iter().filter(|c| c["doc"] == "a").collect();
    assert_eq!(b_claims.len(), a_claims.len(), "the same claims in either encoding");
}

// --- README promises not covered above -----------------------------------------------------------------------------------

#[test]
fn a_named_file_is_read_as_text_whatever_its_extension() {
    let tmp = TempDir::new("ext");
    let p = tmp.write("article.csv", std::fs::read(seed(1)).expect("seed"));
    let (c, rep, err) = common::check_json(&[s(&p)]);
    assert_eq!((c, err.as_str()), (0, ""));
    assert_eq!(doc_ids(&rep), vec!["article"]);
    assert!(!rep["claims"].as_array().expect("claims").is_empty());
}

#[test]
fn damaged_utf8_keeps_one_placeholder_per_byte_and_true_offsets() {
    let tmp = TempDir::new("damaged");
    let mut bytes = std::fs::read(seed(2)).expect("seed");
    // One stray byte early in a UTF-8 file that has other non-ASCII characters.
    let at = bytes.iter().position(|&b| b == b'\n').expect("a line") + 1;
    bytes.insert(at, 0xff);
    bytes.extend_from_slice("\nKata caf\u{e9}.\n".as_bytes());
    let p = tmp.write("damaged.txt", &bytes);
    let (c, rep, err) = common::check_json(&[s(&p)]);
    assert_eq!(c, 0);
    assert_eq!(err, format!("claimcheck: warning: {}: not valid UTF-8; 1 byte(s) replaced, offsets kept\n", p.display()));
    for c in rep["claims"].as_array().expect("claims") {
        assert_eq!(claim_bytes(&bytes, c), c["text"].as_str().expect("text").as_bytes(), "{c}");
    }
}
