//! The command line: argument definitions and one module per command.

mod build;
mod check;
mod fix;
mod inputs;
mod rules;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::clean::output::OutputFormat;

/// How a command ended, as its exit code says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The text is normalized (or the command did its job).
    Clean = 0,
    /// The text is not normalized: findings remain.
    Findings = 1,
    /// dossier could not do its job: unreadable input, bad config, missing tool.
    Failure = 2,
}

impl Exit {
    /// The worse of two outcomes.
    pub fn max(self, other: Exit) -> Exit {
        if (other as i32) > (self as i32) {
            other
        } else {
            self
        }
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "dossier",
    version,
    about = "Arabic right-to-left publishing: clean pasted text, build a bilingual PDF dossier.",
    long_about = "Arabic right-to-left publishing.\n\n\
        dossier cleans the typography of Arabic text pasted from the web (quotes, spacing, \
        punctuation, dates, bidi controls, presentation forms) without changing a single word, \
        and builds a folder of articles into a shaped, bilingual PDF dossier.",
    after_help = "Examples:\n  \
        dossier check seeds/                 report what is not normalized (exit 1 if anything)\n  \
        dossier fix seeds/003.txt            apply the safe fixes in place\n  \
        dossier fix --diff seeds/            show what fix would change, write nothing\n  \
        pbpaste | dossier fix - | pbcopy     clean a snippet through a pipe\n  \
        dossier explain Q001                 why a rule exists and what it does\n  \
        dossier build seeds/                 build seeds/ into out/dossier.pdf"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Report typography problems; exit 1 when the text is not normalized.
    #[command(after_help = "Exit status: 0 normalized, 1 findings (errors; warnings too with --strict), 2 dossier could not do its job.")]
    Check(CheckArgs),
    /// Apply safe fixes in place (or to stdout with `-`).
    #[command(
        after_help = "Writes are atomic and keep what a file is: a symbolic link stays a link, a hard link keeps its other names, mode and owner stay; \
        read-only files need --force, and a file saved by someone else during the fix is not overwritten.\n\
        Exit status: 0 nothing left, 1 findings remain for a person (or --diff shows changes), 2 failure."
    )]
    Fix(FixArgs),
    /// List every rule with its code, fix and summary.
    Rules(RulesArgs),
    /// Explain a rule: what it finds, why, and what its fix does.
    Explain(ExplainArgs),
    /// Build a folder of articles into a bilingual PDF dossier (runs typst).
    #[command(after_help = "Writes OUT/dossier.pdf, OUT/dossier.typ + dossier.json + fonts/ (compile by hand with typst), \
        OUT/clean/*.md (the cleaned articles) and OUT/report.json; replaces only files listed in OUT/.dossier-manifest. \
        Reads only inside the dossier folder.\n\
        Needs the typst CLI: on PATH, or --typst PATH, or DOSSIER_TYPST; install with `cargo install typst-cli --locked`.")]
    Build(BuildArgs),
    /// Turn pasted article text into markdown (title, bylines, references, furniture removed).
    Import(ImportArgs),
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The dossier folder: dossier.toml (optional) and .txt/.md articles.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Where to write the PDF (default: OUT/dossier.pdf).
    #[arg(short = 'o', long = "output", value_name = "PDF")]
    pub output: Option<PathBuf>,
    /// Output folder (default: [build] out in dossier.toml, else ./out).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The typst binary to run (default: $DOSSIER_TYPST, then PATH).
    #[arg(long, value_name = "PATH")]
    pub typst: Option<PathBuf>,
    /// Stop typst after this many seconds (default: [build] timeout in dossier.toml, else 300).
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<std::time::Duration>,
    /// Write the PDF through a symbolic link given as -o (refused otherwise).
    #[arg(long)]
    pub follow_symlinks: bool,
}

fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    match s.parse::<f64>() {
        Ok(t) if t > 0.0 && t.is_finite() => Ok(std::time::Duration::from_secs_f64(t)),
        _ => Err(format!("`{s}` is not a number of seconds greater than 0")),
    }
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Pasted-text files (.txt) to import.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write the .md files here instead of next to each input.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Overwrite existing .md files.
    #[arg(long)]
    pub force: bool,
}

/// Options shared by `check` and `fix`.
#[derive(Args, Debug, Clone)]
pub struct CommonArgs {
    /// Files or folders (walked for .md and .txt, honouring .gitignore); `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Use this dossier.toml instead of the nearest one above the first path.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only these rules: codes (Q001), families or prefixes (Q, S01), names (curly-quotes). Comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Skip these rules (same forms as --select). Comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Name to show for standard input; its extension (.md) decides how it is read.
    #[arg(long, value_name = "NAME")]
    pub stdin_name: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Warnings count as findings too (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// Print only the summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct FixArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Also apply unsafe fixes (ambiguous dates with evidence, final Persian yeh, doubtful visual-order lines).
    #[arg(long = "unsafe")]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what would change; write nothing.
    #[arg(long)]
    pub diff: bool,
    /// Also fix read-only files (they stay read-only). Without it they are left alone.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule code (Q001) or name (curly-quotes).
    pub rule: String,
}

/// Parse the command line, run the command, return the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Rules(args) => rules::list(&args),
        Command::Explain(args) => rules::explain(&args),
        Command::Build(args) => build::run(&args),
        Command::Import(args) => build::import(&args),
    };
    exit as i32
}

/// Print an error the same way everywhere.
pub(crate) fn error(message: impl std::fmt::Display) {
    eprintln!("dossier: error: {message}");
}
