//! Argument definitions (clap derive). Every flag's help says what it does and gives an example.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use claimcheck::config::FailOn;
use claimcheck::judge::Verdict;
use claimcheck::report::Format;

#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Check several articles about one story against each other: where their figures, dates, quotations and events agree, and where they contradict.",
    after_help = "Examples:\n  claimcheck check seeds/\n  claimcheck check --format json new.txt published/ > report.json\n  claimcheck check --baseline published/claimcheck-baseline.toml --format github new.md published/\n  claimcheck index add index.db published/ && claimcheck check --against index.db new.md\n  claimcheck rules list\n  claimcheck debug claims seeds/000_97e606655609c318.txt\n  claimcheck completions bash > ~/.local/share/bash-completion/completions/claimcheck"
)]
pub struct Cli {
    #[command(subcommand)]
    pub cmd: Cmd,
}

#[derive(Subcommand)]
pub enum Cmd {
    /// Extract claims from articles, align them across articles and report agreements and conflicts.
    Check(CheckArgs),
    /// List, explain and test the rule files.
    Rules {
        #[command(subcommand)]
        cmd: RulesCmd,
    },
    /// Show what a pipeline stage saw.
    Debug {
        #[command(subcommand)]
        view: DebugView,
    },
    /// Keep an archive of articles in an index file (SQLite) to check new articles against it
    /// with `check --against`.
    /// Example: `claimcheck index add index.db articles/`
    Index {
        #[command(subcommand)]
        cmd: IndexCmd,
    },
    /// Print a shell completion script.
    /// Example: `claimcheck completions bash > ~/.local/share/bash-completion/completions/claimcheck`
    Completions {
        /// The shell: bash, zsh, fish (also elvish, powershell).
        shell: clap_complete::Shell,
    },
}

/// Flags shared by every command that reads articles: rules, folder walking, configuration.
#[derive(clap::Args)]
pub struct Setup {
    /// A folder of extra rule files laid out like `rules/` (`<lang>/NAME.yaml`); a file at the
    /// same path as a built-in one replaces it, others add to the built-in rules. Repeatable (a
    /// later folder overrides an earlier one); replaces `rules` of claimcheck.toml.
    /// Example: `--rules newsroom-rules/`
    #[arg(long, value_name = "DIR")]
    pub rules: Vec<PathBuf>,

    /// Leave files out of folder walking, on top of `.ignore` and (inside a git repository)
    /// `.gitignore` files: a gitignore-style glob matched inside each input folder. Repeatable;
    /// replaces `exclude` of claimcheck.toml. Files named on the command line are always read.
    /// Example: `--exclude 'drafts/' --exclude '*.draft.md'`
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Read this configuration file instead of looking for `claimcheck.toml` in the working
    /// directory and the folders above it.
    /// Example: `--config ci/claimcheck.toml`
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no configuration file: built-in defaults and flags only.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(clap::Args)]
pub struct Inputs {
    /// Articles: files (.txt, .md with YAML front matter), folders (read recursively, in sorted
    /// order) or `-` for standard input.
    /// Example: `claimcheck debug claims seeds/ extra/article.md`
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub setup: Setup,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Articles: files (.txt, .md with YAML front matter), folders (read recursively in sorted
    /// order, honouring .ignore/.gitignore; .txt, .md, .html, .htm) or `-` for standard input.
    /// An input set that yields no article is an error (exit 2).
    /// Example: `claimcheck check seeds/ extra/article.md`
    #[arg(value_name = "PATH", required_unless_present = "show_config")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub setup: Setup,

    /// Output format [default: table]: `table` for people, `json` for machines (see
    /// docs/report-contract.md), `jsonl` (one typed record a line), `sarif` (SARIF 2.1.0),
    /// `github` (Actions annotations), `markdown` (a PR comment), `csv` (a row per claim),
    /// `html` (one self-contained page: facts, articles with their claims highlighted, the
    /// claim graph).
    /// Example: `--format json > report.json`, `--format html --output report.html`
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Exit with 1 when a reported finding reaches this severity [default: error]: `error`
    /// (conflicts), `warning` (also unsure findings and in-article checks), or `never`.
    /// Findings hidden by a baseline do not count.
    /// Example: `--fail-on warning` in CI to gate on anything suspicious
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Also show single-source claims in the table, markdown, github and sarif formats (json,
    /// jsonl and csv always have them).
    #[arg(long)]
    pub all: bool,

    /// Show only findings with these verdicts in the table, markdown and html formats (comma
    /// separated or repeated); the summary line still counts everything and says what is
    /// shown. Naming `single-source` shows those without `--all`. Machine formats (json, jsonl,
    /// csv, sarif, github) and the exit code are not affected.
    /// Example: `--only conflict,updated`
    #[arg(long, value_enum, value_delimiter = ',', value_name = "VERDICT")]
    pub only: Vec<OnlyVerdict>,

    /// Colour the table's verdicts: `auto` when standard output is a terminal and `NO_COLOR`
    /// is unset or empty, `always`, or `never`.
    /// Example: `--color always | less -R`
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// The table's width in columns (at least 40) [default: the terminal's width when standard
    /// output is one, else `COLUMNS`, else 100]; below 110 the table stacks into two columns.
    /// Example: `--width 80`
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,

    /// Write the report to this file (atomically: a temporary file renamed into place) instead
    /// of standard output.
    /// Example: `--format sarif --output claimcheck.sarif`
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Hide the findings this baseline file holds and report only the others (new ones); the
    /// exit code follows the reported findings.
    /// Example: `--baseline published/claimcheck-baseline.toml`
    #[arg(long, value_name = "FILE", conflicts_with = "no_baseline")]
    pub baseline: Option<PathBuf>,

    /// Apply no baseline, even if claimcheck.toml names one.
    #[arg(long)]
    pub no_baseline: bool,

    /// Write every current finding (fingerprint, verdict, key, summary) to this baseline file,
    /// keeping the reasons of findings a `--baseline` accepted; the run then exits 0 unless an
    /// input could not be read.
    /// Example: `--write-baseline published/claimcheck-baseline.toml`
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Check the articles against an archive index (`claimcheck index add DB PATH...`) instead of
    /// against other articles named here: only archived articles that share a key or a name with
    /// the new ones are read, and only findings that involve a new article are reported (the exit
    /// code follows those).
    /// Example: `claimcheck check --against index.db new.md`
    #[arg(long, value_name = "DB")]
    pub against: Option<PathBuf>,

    /// Print the effective configuration, each value with where it came from (default,
    /// claimcheck.toml:LINE or a flag), and exit.
    #[arg(long)]
    pub show_config: bool,

    /// Indent the JSON report (`--format json`); it is compact by default.
    #[arg(long)]
    pub pretty: bool,

    /// Give each claim of the JSON and JSON Lines reports its whole sentence (`sentence`), for
    /// reading the report without the articles; left out by default, as the span locates it.
    #[arg(long)]
    pub sentences: bool,

    /// Print the wall time of each stage (ingest, segment+extract, normalise, names, documents,
    /// align, judge, report) to standard error when the run ends, each with the resident memory
    /// when it ended.
    #[arg(long)]
    pub timings: bool,
}

/// A verdict for `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnlyVerdict {
    Conflict,
    Updated,
    Compatible,
    Corroborated,
    #[value(alias = "single_source")]
    SingleSource,
}

impl OnlyVerdict {
    pub fn verdict(self) -> Verdict {
        match self {
            OnlyVerdict::Conflict => Verdict::Conflict,
            OnlyVerdict::Updated => Verdict::Updated,
            OnlyVerdict::Compatible => Verdict::Compatible,
            OnlyVerdict::Corroborated => Verdict::Corroborated,
            OnlyVerdict::SingleSource => Verdict::SingleSource,
        }
    }
}

/// When to colour the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
pub enum RulesCmd {
    /// One line per rule: id, language, kind, summary.
    List {
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// The documentation and examples of one rule file or rule id.
    Explain {
        /// A rule id (`id/quantity/more-than`) or a file (`id/numbers.yaml`).
        id: String,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Run every example in every rule file; failures are reported as path:line.
    Test {
        /// A folder of extra rule files to test with the built-in ones.
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum IndexCmd {
    /// Add articles to the index (creating it): extract each file's claims and store the file,
    /// its date and its claims' keys. An unchanged file is left alone; a changed one replaces
    /// its claims. Folders are walked as `check` walks them.
    /// Example: `claimcheck index add index.db articles/`
    Add {
        /// The index file (created when missing).
        #[arg(value_name = "DB")]
        db: PathBuf,
        /// Files or folders to add.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Also remove archived files under the folders given that are no longer there (deleted,
        /// or now ignored or excluded): the index then mirrors the folders.
        /// Example: `claimcheck index add --prune index.db articles/`
        #[arg(long)]
        prune: bool,
        #[command(flatten)]
        setup: Setup,
    },
    /// Remove articles from the index: files, or every archived file under a folder (the files
    /// need not exist any more).
    /// Example: `claimcheck index rm index.db articles/withdrawn.md`
    Rm {
        #[arg(value_name = "DB")]
        db: PathBuf,
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        setup: Setup,
    },
    /// What the index holds: documents, claims, keys, size, rules fingerprint, schema version.
    /// Example: `claimcheck index stats index.db`
    Stats {
        #[arg(value_name = "DB")]
        db: PathBuf,
        #[command(flatten)]
        setup: Setup,
    },
}

#[derive(Subcommand)]
pub enum DebugView {
    /// The cleaned sentences with their byte spans, and what was removed as page furniture.
    Segments(Inputs),
    /// Every claim with its rule id.
    Claims(Inputs),
    /// The alignment graph in Graphviz DOT.
    Graph(Inputs),
}
