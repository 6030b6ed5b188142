//! The archive index's benchmark: archives of generated articles (`archive.rs`) of the sizes given
//! (default 1000), indexed with `Index::add`, then one new article checked against each with
//! `Index::gate`, timed after start-up (rules loaded, index open). Prints one Markdown row a size.
//!
//! `cargo bench --bench index -- 1000 10000 100000` (what `scripts/bench-index` runs).

#[path = "archive.rs"]
mod archive;

use std::time::Instant;

use claimcheck::index::{Index, Mode};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; a test runner listing or running every target (`cargo test
    // --all-targets`, nextest's `--list`) gets nothing: this is no test (tests/index.rs has the 1k case).
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let sizes: Vec<u64> = args.iter().filter_map(|a| a.replace('_', "").parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000] } else { sizes };
    let rules = match claimcheck::rules::RuleSet::builtin() {
        Ok(r) => r,
        Err(e) => return eprintln!("rules: {e:?}"),
    };
    let ex = match claimcheck::extract::Extractor::new(&rules) {
        Ok(x) => x,
        Err(e) => return eprintln!("rules: {e}"),
    };
    let root = std::env::temp_dir().join(format!("claimcheck-bench-index-{}", std::process::id()));
    println!("| archived articles | index add | add throughput | index file | gate: 1 new article (median of 9) | archived articles checked | keys looked up |");
    println!("|---|---|---|---|---|---|---|");
    for n in sizes {
        let dir = root.join(format!("n{n}"));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        let archive = dir.join("archive");
        archive::write_archive(&archive, n);
        let db = dir.join("index.db");
        let t = Instant::now();
        let added = Index::open(&db, Mode::Create).and_then(|mut ix| ix.add(&ex, std::slice::from_ref(&archive), &Default::default(), false));
        let add_s = t.elapsed().as_secs_f64();
        if let Err(e) = &added {
            eprintln!("index add: {e}");
            continue;
        }
        let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
        // A story from the middle of the archive: its eight articles share its keys.
        let story = n / 16;
        let new = dir.join("new.md");
        let _ = std::fs::write(&new, archive::new_article(story));
        let Ok(ix) = Index::open(&db, Mode::Existing) else { continue };
        let (articles, _) = claimcheck::ingest::read_inputs(std::slice::from_ref(&new), &mut std::io::empty());
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..9 {
            let t = Instant::now();
            let g = ix.gate(&ex, articles.clone());
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            last = g.ok();
        }
        times.sort_by(f64::total_cmp);
        let (archived, keys) = last.as_ref().map_or((0, 0), |g| (g.archived, g.keys + g.names));
        println!("| {n} | {add_s:.1} s | {:.0} articles/s | {:.1} MiB | {:.1} ms | {archived} | {keys} |", n as f64 / add_s, size as f64 / 1048576.0, times[4]);
        let _ = std::fs::remove_dir_all(&dir);
    }
    let _ = std::fs::remove_dir_all(&root);
}
