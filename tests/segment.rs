//! Furniture without markers: a trailing run of headline-like lines is a link list; a short
//! subheading inside the body is not.

mod common;

#[test]
fn a_trailing_run_of_headlines_is_removed_and_a_subheading_kept() {
    let out = common::stdout(&common::run(&["debug", "segments", "tests/fixtures/structural/page.txt"]));
    assert!(out.lines().any(|l| l.contains("removed") && l.contains("4 headline-like lines after the body")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("5:1 [") && l.ends_with("Pos pengungsian")), "the subheading stays: {out}");
    let r = common::library_report(&[common::fixtures().join("structural")]);
    let texts: Vec<&str> = r["claims"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert!(texts.iter().any(|t| t.contains("1.200 warga")), "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains("40 Persen") && !t.contains("Tiga Tersangka")), "no claim from the link list: {texts:?}");
}

/// A widget of recommended or related articles in the middle of a page: its heading and links
/// go, and the article goes on at the next paragraph of prose; a comment form still ends it.
#[test]
fn a_widget_mid_article_is_dropped_and_the_article_goes_on() {
    let r = common::library_report(&[common::fixtures().join("widget")]);
    let claims = r["claims"].as_array().unwrap();
    for doc in ["id", "en"] {
        let texts: Vec<&str> = claims.iter().filter(|c| c["doc"] == doc && c["kind"] == "quantity").map(|c| c["text"].as_str().unwrap()).collect();
        // The quotation after the widget is read…
        assert!(texts.iter().any(|t| t.contains("sembilan warga meninggal") || t.contains("nine deaths")), "{doc}: {texts:?}");
        // …the widget's headlines are not, nor the comment after the comment heading.
        assert!(texts.iter().all(|t| !t.contains("20") && !t.contains('5') && !t.contains("100")), "{doc}: {texts:?}");
    }
    let out = common::stdout(&common::run(&["debug", "segments", "tests/fixtures/widget/id.txt"]));
    assert!(out.contains("widget heading 'berita rekomendasi'"), "{out}");
    assert!(out.contains("link in the 'berita rekomendasi' widget"), "{out}");
    assert!(out.contains("furniture marker 'komentar'"), "{out}");
}

/// A unit written after both ends of a range is split from the second number ("20 milimeter-24
/// milimeter", "10 km-15 km"); a name with digits after a number stays one word ("12 Covid-19
/// patients", "4 F-16 jets"), and so does a word-number pair without the unit repeated.
#[test]
fn a_range_with_its_unit_on_both_ends_splits_but_names_with_digits_do_not() {
    let words = |text: &str| {
        let mut out = Vec::new();
        claimcheck::lexicon::tokenize(text, 0, text.len(), &mut out);
        out.iter().map(|t| text[t.start..t.end].to_string()).collect::<Vec<_>>()
    };
    assert_eq!(words("20 milimeter-24 milimeter"), ["20", "milimeter", "-", "24", "milimeter"]);
    assert_eq!(words("10 km-15 km away"), ["10", "km", "-", "15", "km", "away"]);
    assert_eq!(words("12 Covid-19 patients"), ["12", "Covid-19", "patients"]);
    assert_eq!(words("4 F-16 jets"), ["4", "F-16", "jets"]);
    assert_eq!(words("2,129 points-13 more"), ["2,129", "points-13", "more"]);
}

/// A claim's sentence is held in two `u32`s: every span of a text (at most 64 MiB) comes back
/// as it went in; an offset past `u32` (never a text's) saturates instead of wrapping.
#[test]
fn compact_spans_round_trip() {
    use claimcheck::segment::{Span, Span32};
    let limit = claimcheck::ingest::MAX_INPUT_BYTES;
    for (start, end) in [(0, 0), (3, 17), (limit - 1, limit), (0, limit)] {
        let s = Span { start, end };
        assert_eq!(Span32::from(s).span(), s);
        assert_eq!(Span32::from(s).range(), start..end);
    }
    let far = Span32::from(Span { start: 1, end: u32::MAX as usize + 5 });
    assert_eq!(far.span(), Span { start: 1, end: u32::MAX as usize });
}
