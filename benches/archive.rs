//! Deterministic archives of generated news articles for the archive index's benchmark and tests:
//! `n` English Markdown articles about `n / 8` stories (a flood, an earthquake, … in an invented
//! town on a given day), eight outlets each, with the figures, places, dates and a quotation of a
//! real report. Figures differ a little between outlets, so stories hold corroborations and
//! conflicts. Keys are shared the way an archive shares them: a few by every article
//! (`quantity|deaths`), some by one kind of event, by a day, and most by one story only.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const EVENTS: [&str; 4] = ["flood", "earthquake", "fire", "landslide"];
const SYLLABLES: [&str; 16] = ["vel", "mor", "ta", "dek", "ri", "san", "ko", "lum", "bra", "nio", "pel", "gar", "zu", "fen", "ost", "ira"];
const FIRST: [&str; 8] = ["Orin", "Mara", "Teodor", "Ilsa", "Bram", "Sefa", "Kiran", "Lotte"];
const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// A small deterministic generator (SplitMix64): the same seed gives the same archive everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn word(mut k: u64, parts: usize) -> String {
    let mut s = String::new();
    for _ in 0..parts {
        s.push_str(SYLLABLES[(k % 16) as usize]);
        k /= 16;
    }
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// The place of story `s`: an invented town name, unique per story.
pub fn place(s: u64) -> String {
    word(s * 7 + 3, 3) + &word(s / 4096, 1).to_lowercase()
}

/// The text of article `i` (of story `i / 8`). Stories are one day apart, 2000-01-01 on.
pub fn article(i: u64) -> String {
    article_with(i, None)
}

fn article_with(i: u64, deaths_told: Option<u64>) -> String {
    let story = i / 8;
    let outlet = i % 8;
    let mut rng = Rng(story.wrapping_mul(0x51_7CC1_B727_220A) ^ 0xC1A1_3C4E);
    let event = EVENTS[rng.below(4) as usize];
    let town = place(story);
    let deaths = 3 + rng.below(60);
    let injured = deaths * 3 + rng.below(20);
    let houses = 100 + rng.below(900);
    let displaced = 1000 + rng.below(9) * 500;
    let official = format!("{} {}", FIRST[rng.below(8) as usize], word(story * 13 + 5, 3));
    // Each outlet words the figures its own way; one in eight reports a different death toll.
    let mut own = Rng(i ^ 0xA5A5_5A5A);
    let told = if own.below(8) == 0 { deaths + 5 + own.below(10) } else { deaths };
    let told = deaths_told.unwrap_or(told);
    let date = jiff::civil::date(2000, 1, 1).checked_add(jiff::Span::new().days(story as i64)).unwrap_or(jiff::civil::date(2000, 1, 1));
    let day = DAYS[date.weekday().to_monday_zero_offset() as usize];
    let next = DAYS[(date.weekday().to_monday_zero_offset() as usize + 1) % 7];
    let mut t = String::new();
    let _ = writeln!(t, "---\ntitle: {} in {town} kills {told}\noutlet: Wire {outlet}\npublished: {date}\nlanguage: en\n---", cap(event));
    let qualifier = ["At least", "Some", "Exactly", "At least"][(outlet % 4) as usize];
    let _ = writeln!(t, "{qualifier} {told} people were killed and {injured} were injured when a {event} hit {town} on {day}, the disaster agency said.\n");
    let _ = writeln!(t, "More than {houses} houses were damaged in {town}, officials said.\n");
    let _ = writeln!(t, "\"The water rose very fast and many families in {town} lost everything,\" mayor {official} said on {next}.\n");
    let _ = writeln!(t, "About {} people were displaced.", fmt_thousands(displaced));
    t
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn fmt_thousands(n: u64) -> String {
    if n >= 1000 { format!("{},{:03}", n / 1000, n % 1000) } else { n.to_string() }
}

/// Write articles `0..n` under `dir` (in folders of 1,000) and return their paths.
pub fn write_archive(dir: &Path, n: u64) -> Vec<PathBuf> {
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        let folder = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            let _ = std::fs::create_dir_all(&folder);
        }
        let p = folder.join(format!("a{i:06}.md"));
        if std::fs::write(&p, article(i)).is_ok() {
            out.push(p);
        }
    }
    out
}

/// A new article: another outlet's report of story `story` that gives exactly 2 deaths, fewer
/// than any archived article gives (a conflict with the story's articles).
pub fn new_article(story: u64) -> String {
    article_with(story * 8 + 2, Some(2))
}
