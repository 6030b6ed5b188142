//! docs/ci.md runs as written: in a scratch git repository laid out like a newsroom's, the
//! commands that build the archive index, the workflow's `git` and `claimcheck` steps (taken
//! from the YAML, which must parse) and the pre-commit hook are run against a harmless and a
//! contradicting article.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::TempDir;

/// (heading, info string, body) of every fenced block.
fn blocks(md: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut open: Option<(String, String)> = None;
    for line in md.lines() {
        if let Some((info, body)) = &mut open {
            if line.starts_with("```") {
                out.push((heading.clone(), info.clone(), std::mem::take(body)));
                open = None;
            } else {
                body.push_str(line);
                body.push('\n');
            }
        } else if let Some(info) = line.strip_prefix("```") {
            open = Some((info.trim().to_string(), String::new()));
        } else if let Some(h) = line.strip_prefix("## ") {
            heading = h.trim().to_string();
        }
    }
    out
}

fn block<'a>(all: &'a [(String, String, String)], heading: &str, info: &str) -> &'a str {
    &all.iter().find(|(h, i, _)| h == heading && i == info).unwrap_or_else(|| panic!("docs/ci.md has a ```{info} block under '## {heading}'")).2
}

fn bin_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_claimcheck")).parent().expect("binary folder").to_path_buf()
}

fn path_env() -> String {
    format!("{}:{}", bin_dir().display(), std::env::var("PATH").unwrap_or_default())
}

fn sh(dir: &Path, script: &str) -> Output {
    Command::new("sh").arg("-c").arg(script).current_dir(dir).env("PATH", path_env()).env("GITHUB_BASE_REF", "main").output().expect("sh runs")
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(["-c", "user.name=claimcheck", "-c", "user.email=dev@claimcheck.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("PATH", path_env())
        .output()
        .expect("git runs")
}

fn ok(o: &Output, what: &str) {
    assert!(o.status.success(), "{what}: {}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
}

/// The workflow's steps that run here: `git …` and `claimcheck …` commands, in order.
fn workflow_runs(yaml: &str) -> Vec<(String, String)> {
    let wf: serde_yaml::Value = serde_yaml::from_str(yaml).expect("the workflow is valid YAML");
    let steps = wf["jobs"]["gate"]["steps"].as_sequence().expect("jobs.gate.steps");
    let mut runs = Vec::new();
    for s in steps {
        let Some(run) = s["run"].as_str() else { continue };
        let name = s["name"].as_str().unwrap_or("").to_string();
        if run.starts_with("claimcheck ") || run.starts_with("git ") {
            runs.push((name, run.to_string()));
        } else {
            // Installing and commenting need the network and a token: not run here.
            assert!(run.starts_with("cargo install ") || run.starts_with("gh pr comment "), "an unexpected step: {run}");
        }
    }
    runs
}

#[test]
fn the_ci_page_runs_as_written() {
    let md = std::fs::read_to_string(common::root().join("docs/ci.md")).expect("docs/ci.md");
    let all = blocks(&md);
    let build = block(&all, "Build the index once", "sh");
    let workflow = block(&all, "GitHub Actions", "yaml");
    let hook = block(&all, "pre-commit hook", "sh");
    assert!(!md.contains("PLACEHOLDER"), "no placeholder is left");
    assert!(hook.contains("exec claimcheck check --against index.db $changed"), "the hook gates through the index");
    let runs = workflow_runs(workflow);
    assert_eq!(runs.len(), 5, "{runs:?}");
    assert!(runs.iter().any(|(_, r)| r.starts_with("claimcheck index add ")), "the workflow brings the index up to date");
    for (name, r) in runs.iter().filter(|(_, r)| r.starts_with("claimcheck check ")) {
        assert!(r.contains("--against index.db") && !r.contains("articles/"), "{name} checks against the index, not the folder: {r}");
    }
    // The pre-commit framework config parses too.
    let pc: serde_yaml::Value = serde_yaml::from_str(&all.iter().find(|(h, i, b)| h == "pre-commit hook" && i == "yaml" && b.contains("repos:")).expect("pre-commit config").2).expect("valid YAML");
    assert_eq!(pc["repos"][0]["hooks"][0]["id"], "claimcheck");

    // A newsroom repository: the seeds are the published articles.
    let repo = TempDir::new("ci-docs");
    let d = repo.path();
    for f in common::seed_files() {
        repo.write(&format!("articles/{}", f.file_name().unwrap().to_str().unwrap()), std::fs::read(&f).unwrap());
    }
    ok(&git(d, &["init", "-q", "-b", "main"]), "git init");
    ok(&sh(d, build), "build the index");
    assert!(d.join("index.db").is_file());
    ok(&git(d, &["add", "-A"]), "git add");
    let tracked = git(d, &["ls-files"]);
    assert!(!String::from_utf8_lossy(&tracked.stdout).contains("index.db"), "the index is kept out of git");
    ok(&git(d, &["commit", "-q", "-m", "published"]), "git commit");
    ok(&git(d, &["update-ref", "refs/remotes/origin/main", "HEAD"]), "origin/main");
    ok(&git(d, &["checkout", "-q", "-b", "pr"]), "branch");

    // A harmless article (it repeats a published figure): every step passes.
    repo.write("articles/wire-harmless.txt", "Pasokan amunisi\n\nNATO menuduh Korea Utara memasok lebih dari 11.000 kontainer amunisi ke Rusia.\n");
    ok(&git(d, &["add", "articles"]), "git add");
    ok(&git(d, &["commit", "-q", "-m", "a harmless article"]), "git commit");
    for (name, run) in &runs {
        let o = sh(d, run);
        ok(&o, name);
        assert!(!String::from_utf8_lossy(&o.stdout).contains("::error"), "{name}");
    }
    assert_eq!(std::fs::read_to_string(d.join("changed.txt")).unwrap(), "articles/wire-harmless.txt\n");
    let md_report = std::fs::read_to_string(d.join("claimcheck.md")).unwrap();
    assert!(md_report.contains("**0 errors, 0 warnings**"), "{md_report}");
    let sarif: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(d.join("claimcheck.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");

    // A contradicting article: the gate fails with an annotation on its line; the report steps
    // still pass and say why.
    repo.write("articles/wire-contradiction.txt", "Pasokan amunisi\n\nNATO menuduh Korea Utara memasok sekitar 5.000 kontainer amunisi ke Rusia.\n");
    ok(&git(d, &["add", "articles"]), "git add");
    ok(&git(d, &["commit", "-q", "-m", "a contradicting article"]), "git commit");
    for (name, run) in &runs {
        let o = sh(d, run);
        let out = String::from_utf8_lossy(&o.stdout);
        if run.contains("--format github") {
            assert_eq!(o.status.code(), Some(1), "{name} fails on the new conflict: {out}");
            assert!(out.lines().any(|l| l.starts_with("::error file=articles/wire-contradiction.txt,line=3,")), "{out}");
        } else {
            ok(&o, name);
        }
    }
    let md_report = std::fs::read_to_string(d.join("claimcheck.md")).unwrap();
    assert!(md_report.contains("### Conflicts and warnings") && md_report.contains("wire-contradiction.txt:3"), "{md_report}");

    // The pre-commit hook: a harmless staged article commits, a contradicting one is refused.
    ok(&git(d, &["checkout", "-q", "main"]), "back to main");
    let hook_path = d.join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook_path.parent().unwrap()).unwrap();
    std::fs::write(&hook_path, hook).unwrap();
    ok(&Command::new("chmod").arg("+x").arg(&hook_path).output().expect("chmod"), "chmod");
    repo.write("articles/wire-harmless.txt", "Pasokan amunisi\n\nNATO menuduh Korea Utara memasok lebih dari 11.000 kontainer amunisi ke Rusia.\n");
    ok(&git(d, &["add", "articles/wire-harmless.txt"]), "stage");
    ok(&git(d, &["commit", "-q", "-m", "harmless"]), "the hook lets a harmless article through");
    repo.write("articles/wire-contradiction.txt", "Pasokan amunisi\n\nNATO menuduh Korea Utara memasok sekitar 5.000 kontainer amunisi ke Rusia.\n");
    ok(&git(d, &["add", "articles/wire-contradiction.txt"]), "stage");
    let o = git(d, &["commit", "-q", "-m", "contradiction"]);
    assert!(!o.status.success(), "the hook refuses a contradicting article");
    // git sends a hook's standard output to its standard error.
    let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(said.contains("conflict (error)"), "{said}");
}

/// The README's test command is the one `.ci/run` runs, word for word.
#[test]
fn ci_runs_the_readmes_test_command() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let ci = std::fs::read_to_string(common::root().join(".ci/run")).unwrap();
    let (_, _, body) = blocks(&readme).into_iter().find(|(h, _, _)| h == "Two commands").expect("a 'Two commands' block");
    let test = body.lines().map(|l| l.split('#').next().unwrap().trim()).find(|l| l.starts_with("cargo nextest")).expect("a test command");
    assert!(ci.lines().any(|l| l.trim() == test), "{test:?} is not a line of .ci/run");
}
