//! The fuzz targets' checks (`claimcheck::harness`) run on stable in the normal test command:
//! a bounded loop of random and mutated inputs, seeded so a failure can be replayed. Each loop
//! stops after a count or a time budget (1 s per target), whichever comes first;
//! `CLAIMCHECK_FUZZ_SECS=600` runs each target for that long instead, with no count cap. `cargo fuzz` (docs/fuzzing.md) explores far more; inputs
//! that ever broke a check are kept as regression tests at the bottom of this file.

use std::time::{Duration, Instant};

use claimcheck::harness;

/// SplitMix64: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Pieces that matter to ingest, the segmenter and the extractor: encodings, markup, front
/// matter, quotes, numbers and their words.
const DICTIONARY: &[&[u8]] = &[
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\xff", b"\xe9", b"\x80", b"\x93", b"\r\n", b"\n\n", b"---\n", b"title: x\n",
    b"&amp;", b"&#8220;", b"&#x201d;", b"&nbsp;", b"&copy", b"&", b"<p>", b"</p>", b"<script>", b"</script>", b"<nav>", b"<h1>", b"<br>",
    b"<!--", b"-->", b"<meta charset=\"windows-1252\">", "\u{201c}".as_bytes(), "\u{201d}".as_bytes(), b"\"", b"[", b"{", b"]", b"}",
    b"12.500", b"5,6", b"lebih dari ", b"sekitar ", b"more than ", b"20 Juni 2024", b"Kamis, ", b"Rp ", "\u{20ac}".as_bytes(), b"%", b" juta",
    b" orang tewas", b" people died", b"Baca juga: ", b"Related", b"...", b". ", b" kata ", b" said ", b"24 tahun", b"pertama ",
];

fn corpus() -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v: Vec<Vec<u8>> = Vec::new();
    for dir in ["seeds", "tests/fixtures/pages", "tests/fixtures/newsroom"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir)).expect("fixture folder").map(|e| e.expect("entry").path()).collect();
        files.sort();
        v.extend(files.iter().filter(|p| p.is_file()).map(|p| std::fs::read(p).expect("fixture")));
    }
    v.push(b"<html lang=id><head><title>Judul</title></head><body><nav>Menu</nav><p>Sebanyak <b>62</b> orang tewas &amp; 11&nbsp;000 rumah rusak.</p></body></html>".to_vec());
    v
}

fn rule_corpus() -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut v = Vec::new();
    for lang in ["id", "en", "common"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(lang)).expect("rules folder").map(|e| e.expect("entry").path()).collect();
        files.sort();
        v.extend(files.iter().map(|p| std::fs::read(p).expect("rule file")));
    }
    v
}

/// One input: random bytes, or a corpus file with a few mutations.
fn input(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut data = vec![rng.next() as u8];
    if rng.below(8) == 0 {
        let n = rng.below(600);
        data.extend((0..n).map(|_| rng.next() as u8));
        return data;
    }
    let mut bytes = corpus[rng.below(corpus.len())].clone();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 => {
                if at < bytes.len() {
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
            1 | 2 => {
                let piece = DICTIONARY[rng.below(DICTIONARY.len())];
                bytes.splice(at..at, piece.iter().copied());
            }
            3 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(200)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            _ => bytes.truncate(at),
        }
    }
    data.extend(bytes);
    data
}

fn budget() -> Duration {
    let secs = std::env::var("CLAIMCHECK_FUZZ_SECS").ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(1.0);
    Duration::from_secs_f64(secs)
}

/// Run `check` on inputs until the count or the time budget runs out; report the first failure
/// with the input, so it can be added below as a regression test.
fn fuzz(name: &str, seed: u64, max: usize, corpus: &[Vec<u8>], check: fn(&[u8]) -> Result<(), String>) {
    let mut rng = Rng(seed);
    let start = Instant::now();
    let mut n = 0;
    // A longer run asked for by time is not capped by count.
    let max = if std::env::var_os("CLAIMCHECK_FUZZ_SECS").is_some() { usize::MAX } else { max };
    while n < max && start.elapsed() < budget() {
        let data = input(&mut rng, corpus);
        if let Err(e) = check(&data) {
            panic!("{name}: case {n} (seed {seed}) broke an invariant: {e}\ninput ({} bytes): {:?}", data.len(), String::from_utf8_lossy(&data));
        }
        n += 1;
    }
    assert!(n > 0, "{name}: no case ran");
    eprintln!("{name}: {n} cases in {:?}", start.elapsed());
}

#[test]
fn ingest_holds_its_invariants_on_random_input() {
    fuzz("ingest", 14, 2_000, &corpus(), harness::ingest);
}

#[test]
fn segment_and_extract_hold_their_invariants_on_random_input() {
    fuzz("segment+extract", 1414, 5_000, &corpus(), harness::segment_extract);
}

#[test]
fn rule_loading_holds_its_invariants_on_random_input() {
    fuzz("rules", 141414, 400, &rule_corpus(), harness::rule_file);
}

// --- regression inputs: each once broke a check -------------------------------------------------------

/// A second `<title>` after body text was taken into the title line, ahead of text that comes
/// before it in the page: text offsets mapped backwards into the file.
#[test]
fn regression_a_later_title_does_not_put_offsets_out_of_order() {
    let data = b"\x02<html lang=id><head><title>Judul</title></head><body><<html lang=id><head><title>Judul</title></head><body><nav>Menu</nav><p>Sebanyak";
    harness::ingest(data).unwrap_or_else(|e| panic!("{e}"));
}
