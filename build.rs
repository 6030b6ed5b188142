//! Embeds every `rules/<lang>/*.yaml` file into the binary, so that the default rules need no
//! files at run time. `--rules DIR` adds to or overrides them.
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut entries = Vec::new();
    if let Ok(langs) = std::fs::read_dir(root) {
        for lang in langs.flatten() {
            if !lang.path().is_dir() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", lang.path().display());
            if let Ok(files) = std::fs::read_dir(lang.path()) {
                for f in files.flatten() {
                    let p = f.path();
                    if p.extension().and_then(|e| e.to_str()) == Some("yaml") {
                        println!("cargo:rerun-if-changed={}", p.display());
                        let rel = format!(
                            "{}/{}",
                            lang.file_name().to_string_lossy(),
                            f.file_name().to_string_lossy()
                        );
                        entries.push((rel, p.canonicalize().unwrap_or(p)));
                    }
                }
            }
        }
    }
    entries.sort();
    let mut out = String::from("&[\n");
    for (rel, path) in entries {
        let _ = writeln!(out, "    ({rel:?}, include_str!({:?})),", path.display().to_string());
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("embedded_rules.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        eprintln!("cannot write {}: {e}", dest.display());
        std::process::exit(1);
    }
}
