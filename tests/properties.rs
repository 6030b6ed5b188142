//! Property tests over generated articles (proptest): no panic; every claim span is inside the
//! file and on its character boundaries; the same input gives the same bytes; permuting the
//! input files changes nothing. Case counts are modest so that the normal test command stays
//! fast; `PROPTEST_CASES=2000` runs more.

mod common;

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::Value as J;

use claimcheck::harness;
use claimcheck::ingest;

/// Sentence pieces in both built-in languages: figures with qualifiers, dates, quotations,
/// events, furniture, and odd text.
const PIECES: &[&str] = &[
    "Sebanyak 62 orang tewas akibat gempa tersebut.",
    "NATO menuduh Korea Utara memasok lebih dari 11.000 kontainer amunisi ke Rusia.",
    "Putin tiba di Pyongyang pada Rabu, 19 Juni 2024, kunjungan pertama dalam 24 tahun.",
    "\u{201c}Kami akan saling membantu,\u{201d} kata Kim Jong Un.",
    "Kerugian ditaksir mencapai Rp 5,6 miliar.",
    "Sekitar 5.000 warga mengungsi sejak Senin.",
    "More than 60 officers searched the museum on Sunday.",
    "The thieves took jewels worth \u{20ac}88 million, police said.",
    "\"We will not stop,\" the minister said on Tuesday.",
    "The death toll rose to 103 as of Wednesday evening.",
    "Between 40 and 50 people were injured.",
    "Baca juga: Gempa lain di Jawa Barat",
    "Related Articles",
    "Kamis, 20 Juni 2024 - 08:19 WIB",
    "Iklan",
    "caf\u{e9} na\u{ef}ve \u{2014} \u{1f600} \u{a0}12\u{a0}500",
    "1.2.3.4 5,6,7 -- ... ?! (())",
    "",
];

/// How a generated article is stored on disk.
#[derive(Debug, Clone, Copy)]
enum Form {
    Txt,
    TxtCrlf,
    MdFrontMatter,
    BomMd,
    Utf16Le,
    Windows1252,
    Html,
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![
        Just(Form::Txt),
        Just(Form::TxtCrlf),
        Just(Form::MdFrontMatter),
        Just(Form::BomMd),
        Just(Form::Utf16Le),
        Just(Form::Windows1252),
        Just(Form::Html),
    ]
}

/// An article: a title line and paragraphs of pieces.
fn article_text() -> impl Strategy<Value = String> {
    let para = prop::collection::vec(prop::sample::select(PIECES), 1..4).prop_map(|v| v.join(" "));
    (prop::sample::select(PIECES), prop::collection::vec(para, 1..6)).prop_map(|(title, paras)| format!("{title}\n\n{}\n", paras.join("\n\n")))
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('\u{a0}', "&nbsp;").replace('\u{201c}', "&#8220;")
}

/// The file's name and bytes for an article in a form.
fn render(text: &str, form: Form) -> (&'static str, Vec<u8>) {
    match form {
        Form::Txt => ("txt", text.as_bytes().to_vec()),
        Form::TxtCrlf => ("txt", text.replace('\n', "\r\n").into_bytes()),
        Form::MdFrontMatter => ("md", format!("---\ntitle: Judul\noutlet: Portal\npublished: 2024-06-20\n---\n{text}").into_bytes()),
        Form::BomMd => ("md", [&b"\xef\xbb\xbf---\ntitle: T\n---\n"[..], text.as_bytes()].concat()),
        Form::Utf16Le => ("txt", [0xff, 0xfe].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()),
        Form::Windows1252 => ("txt", encoding_rs::WINDOWS_1252.encode(text).0.into_owned()),
        Form::Html => {
            let mut lines = text.lines().filter(|l| !l.is_empty());
            let title = lines.next().unwrap_or("");
            let body: String = lines.map(|l| format!("<p>{}</p>\n", html_escape(l))).collect();
            ("html", format!("<html><head><title>x</title><script>var a = 99;</script></head><body><nav>Menu 7</nav><h1>{}</h1>\n{body}</body></html>", html_escape(title)).into_bytes())
        }
    }
}

/// Whether `at` is a character boundary of the file in its encoding.
fn on_boundary(bytes: &[u8], form: Form, at: usize) -> bool {
    match form {
        // After the BOM, at a 16-bit unit that is not the second half of a surrogate pair.
        Form::Utf16Le => at >= 2 && at % 2 == 0 && bytes.get(at + 1).is_none_or(|hi| !(0xdc..=0xdf).contains(hi)),
        Form::Windows1252 => at <= bytes.len(),
        _ => std::str::from_utf8(bytes).is_ok_and(|t| t.is_char_boundary(at)),
    }
}

fn report_of(articles: Vec<ingest::Article>) -> String {
    let ex = harness::extractor().expect("built-in rules");
    claimcheck::report::json::render(&claimcheck::check_with(ex, articles))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// One article in any form: the pipeline does not panic, every claim span is a range of the
    /// file on its character boundaries, and two runs give the same bytes.
    #[test]
    fn spans_stay_in_the_file_and_output_is_stable(text in article_text(), form in form()) {
        let (ext, bytes) = render(&text, form);
        let a = ingest::decode("gen", "gen", bytes.clone(), ext).map_err(|e| TestCaseError::fail(e.to_string()))?;
        harness::article(&a, &bytes).map_err(TestCaseError::fail)?;
        let first = report_of(vec![a.clone()]);
        prop_assert_eq!(&first, &report_of(vec![a]), "same input, same bytes");
        let rep: J = serde_json::from_str(&first).expect("JSON");
        for c in rep["claims"].as_array().expect("claims") {
            let (s, e) = (c["span"]["start"].as_u64().expect("start") as usize, c["span"]["end"].as_u64().expect("end") as usize);
            prop_assert!(s <= e && e <= bytes.len(), "{:?}: span {}..{} in a file of {} bytes", form, s, e, bytes.len());
            prop_assert!(on_boundary(&bytes, form, s) && on_boundary(&bytes, form, e), "{:?}: span {}..{} on character boundaries", form, s, e);
            if matches!(form, Form::Txt | Form::TxtCrlf | Form::MdFrontMatter | Form::BomMd) {
                prop_assert_eq!(&bytes[s..e], c["text"].as_str().expect("text").as_bytes());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Several files given in any order: the same report bytes.
    #[test]
    fn permuting_the_inputs_changes_nothing(
        texts in prop::collection::vec((article_text(), form()), 2..5),
        order in any::<u64>(),
    ) {
        let tmp = common::TempDir::new("perm");
        let mut paths: Vec<PathBuf> = Vec::new();
        for (i, (text, form)) in texts.iter().enumerate() {
            let (ext, bytes) = render(text, *form);
            paths.push(tmp.write(&format!("d{}/a{i}.{ext}", i % 2), bytes));
        }
        let read = |ps: &[PathBuf]| {
            let (articles, errors) = ingest::read_inputs(ps, &mut std::io::empty());
            assert!(errors.is_empty(), "{errors:?}");
            report_of(articles)
        };
        let sorted = read(&paths);
        // A permutation drawn from the seed (Fisher-Yates).
        let mut shuffled = paths.clone();
        let mut r = order;
        for i in (1..shuffled.len()).rev() {
            r = r.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (r >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(&sorted, &read(&shuffled), "the same bytes in any order");
        // The folder gives the same report as the files named one by one.
        prop_assert_eq!(&sorted, &read(&[tmp.path().to_path_buf()]));
    }
}
