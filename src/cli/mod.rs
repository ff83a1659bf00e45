//! The command line: argument definitions and one module per command.

mod build;
mod check;
mod fix;
mod import;
mod inputs;
mod rules;
mod settings;
mod tools;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    version = crate::VERSION,
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
        dossier build seeds/                 build seeds/ into out/dossier.pdf\n  \
        dossier server                       the editor server (LSP over stdio)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Say less: errors and a one-line summary only.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How to talk to the person: colours per stream, and how much to say.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub stdout_color: bool,
    pub stderr_color: bool,
    pub quiet: bool,
}

impl Ui {
    fn new(choice: ColorChoice, quiet: bool) -> Ui {
        Ui {
            stdout_color: wants_color(choice, std::io::stdout().is_terminal()),
            stderr_color: wants_color(choice, std::io::stderr().is_terminal()),
            quiet,
        }
    }
}

/// `--color` first; under `auto`, FORCE_COLOR (set, not `0`) turns colour
/// on and NO_COLOR (set, not empty) off, else a terminal decides.
fn wants_color(choice: ColorChoice, terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("FORCE_COLOR") => std::env::var_os("FORCE_COLOR").is_some_and(|v| v != "0" && v != "false"),
        ColorChoice::Auto => !set("NO_COLOR") && terminal,
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Report typography problems; exit 1 when the text is not normalized.
    #[command(after_help = "In a dossier (a folder holding dossier.toml, given or above a file given), check also reports what \
`dossier build` would refuse or leave out: characters no font draws (M005), images it cannot use (M006), articles \
dossier.toml does not list (M007). Switch them off as any rule: --ignore M005,M006,M007.\n\n\
Exit status: 0 normalized, 1 findings (errors; warnings too with --strict), 2 dossier could not do its job.")]
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
    /// Turn saved web pages (.html), Word documents (.docx) and pasted text into markdown articles.
    Import(ImportArgs),
    /// The editor server: Language Server Protocol over standard input and output.
    #[command(after_help = "Diagnostics for .md and .txt as you type, a quick fix per finding (safe ones preferred), \
        \"fix all\" (source.fixAll) and formatting (the safe fixes). Settings come from the nearest dossier.toml, as for `check`.")]
    Server,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Examples:\n  dossier completions bash > ~/.local/share/bash-completion/completions/dossier\n  \
        dossier completions zsh > ~/.zfunc/_dossier\n  dossier completions fish > ~/.config/fish/completions/dossier.fish")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one per command into a folder.
    #[command(after_help = "Examples:\n  dossier man | man -l -\n  dossier man --dir /usr/local/share/man/man1")]
    Man(ManArgs),
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write dossier.1 and dossier-COMMAND.1 here instead of printing dossier.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The dossier folder: dossier.toml (optional) and .txt/.md articles.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Where to write the PDF (default: OUT/dossier.pdf).
    #[arg(short = 'o', long = "output", value_name = "PDF")]
    pub output: Option<PathBuf>,
    /// Output folder (default: [build] out in dossier.toml, else out/ inside the dossier folder, never read as articles).
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
    /// Open the PDF once it is built, with the desktop's viewer (`open` on
    /// macOS, `xdg-open` elsewhere).
    #[arg(long)]
    pub open: bool,
    /// Build again whenever a file in the dossier folder changes (looked at
    /// twice a second; hidden files and build output aside), until Ctrl-C.
    /// A failed build is said and waited on, like a good one.
    #[arg(long)]
    pub watch: bool,
}

fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    match s.parse::<f64>().ok().filter(|t| *t > 0.0).and_then(|t| std::time::Duration::try_from_secs_f64(t).ok()) {
        Some(t) => Ok(t),
        None => Err(format!("`{s}` is not a number of seconds greater than 0 (and less than about 10^19)")),
    }
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Saved web pages (.html, .htm), Word documents (.docx), pasted text (.txt) or markdown articles (.md: front
    /// matter kept, cleaned and copied --into a dossier; an input is never replaced by its own article).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write the articles (and their images, under images/) into this
    /// dossier folder instead of next to each input.
    #[arg(long, visible_alias = "out", value_name = "DOSSIER")]
    pub into: Option<PathBuf>,
    /// Overwrite existing articles and the files under images/ they would write (never the input itself).
    #[arg(long)]
    pub force: bool,
}

/// Options shared by `check` and `fix`.
#[derive(Args, Debug, Clone)]
pub struct CommonArgs {
    /// Files or folders (walked for .md and .txt, honouring .gitignore); `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Use this dossier.toml for every file, instead of the nearest one above each.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only these rules: codes (Q001), families or prefixes (Q, S01), names (curly-quotes). Comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Skip these rules (same forms as --select). Comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Name for standard input: its extension (.md) decides how it is read, its folder which dossier.toml applies.
    #[arg(long, value_name = "NAME")]
    pub stdin_name: Option<PathBuf>,
    /// Leave out excluded files even when named on the command line (for pre-commit and editors).
    #[arg(long)]
    pub force_exclude: bool,
    /// Exit 0 even when findings remain (2 still means dossier could not do its job).
    #[arg(long)]
    pub exit_zero: bool,
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
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Count findings by rule instead of listing them (as JSON with --format json).
    #[arg(long)]
    pub statistics: bool,
    /// Print the house style that applies to PATH and where it comes from, then exit.
    #[arg(long)]
    pub show_settings: bool,
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
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to ignore has no preconditions.
    // Past a file-size limit (`ulimit -f`) a write then fails with EFBIG and
    // is reported, its temporary file removed, instead of the signal
    // killing dossier with no word.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = Cli::parse();
    let ui = Ui::new(cli.color, cli.quiet);
    let exit = match cli.command {
        Command::Check(args) => check::run(&args, &ui),
        Command::Fix(args) => fix::run(&args, &ui),
        Command::Rules(args) => rules::list(&args),
        Command::Explain(args) => rules::explain(&args),
        Command::Build(args) => build::run(&args, &ui),
        Command::Import(args) => import::run(&args, &ui),
        Command::Server => tools::server(),
        Command::Completions(args) => tools::completions(&args),
        Command::Man(args) => tools::man(&args),
    };
    exit as i32
}

/// Print an error the same way everywhere.
pub(crate) fn error(message: impl std::fmt::Display) {
    eprintln!("dossier: error: {message}");
}

/// Print a warning the same way everywhere.
pub(crate) fn warn(message: impl std::fmt::Display) {
    eprintln!("dossier: warning: {message}");
}
