//! Command-line definitions and dispatch. Flags are checked and turned into
//! library options here; the library never sees raw flags.

mod analyze;
mod check;
mod progress;
mod report;
mod train;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use newsscan::corpus::WalkOptions;

/// Turns plain-text news articles into structured records: headline, byline,
/// dateline, bullets, captions, paragraphs, quotes with speakers, and named
/// entities.
#[derive(Debug, Parser)]
#[command(name = "newsscan", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,

    /// When to use colour in tables: auto (terminal and NO_COLOR unset), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,

    /// Print no progress bar and no notes on standard error (errors still print).
    #[arg(long, short, global = true)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyze articles and print one record per article.
    Analyze(analyze::AnalyzeArgs),
    /// Summarize a corpus: totals, top entities per kind, most quoted speakers.
    Report(report::ReportArgs),
    /// Lint article files before publication (exit 1 on findings at deny level).
    Check(check::CheckArgs),
    /// Train an entity model from CoNLL-format files.
    Train(train::TrainArgs),
    /// Score the entity recognizer against CoNLL-format files (exact span and kind).
    Eval(train::EvalArgs),
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions {
        /// The shell to generate completions for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output.
    Man,
    /// Write a synthetic corpus for benchmarks (FILES articles under DIR).
    #[command(hide = true)]
    Generate {
        /// Folder to write into (created if missing).
        dir: PathBuf,
        /// Number of articles.
        #[arg(long, default_value_t = 1000)]
        files: usize,
        /// Seed; the same seed writes the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// When to colour table output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
            }
        }
    }
}

/// Flags that choose and read input files, shared by every corpus command.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files or folders to read; `-` is standard input. With none, standard
    /// input is read when it is not a terminal.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Worker threads (default: the number of cores). Output is identical for any value.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Only files matching this glob (repeatable; `!GLOB` excludes). Replaces the extension filter.
    #[arg(long = "glob", short = 'g', value_name = "GLOB")]
    pub globs: Vec<String>,

    /// File extensions taken from folders, comma separated.
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "txt,text,md"
    )]
    pub ext: Vec<String>,

    /// Walk into hidden files and folders.
    #[arg(long)]
    pub hidden: bool,

    /// Do not follow symbolic links while walking folders.
    #[arg(long)]
    pub no_follow: bool,

    /// Refuse files larger than this (suffixes K, M, G).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Only the files whose index in sorted order is K modulo N (for splitting a folder across jobs).
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
}

impl InputArgs {
    /// The walk options these flags describe.
    pub fn walk_options(&self) -> anyhow::Result<WalkOptions> {
        let options = WalkOptions {
            extensions: self
                .ext
                .iter()
                .map(|e| e.trim_start_matches('.').to_string())
                .collect(),
            hidden: self.hidden,
            follow_links: !self.no_follow,
            ..WalkOptions::default()
        };
        Ok(options.with_globs(&self.globs)?)
    }

    /// Paths to read, standard input when none was given and it is piped.
    pub fn resolved_paths(&self) -> anyhow::Result<Vec<PathBuf>> {
        if !self.paths.is_empty() {
            return Ok(self.paths.clone());
        }
        if io::stdin().is_terminal() {
            anyhow::bail!("no input: give files or folders, or pipe an article to standard input");
        }
        Ok(vec![PathBuf::from("-")])
    }

    /// The thread count to use.
    pub fn thread_count(&self) -> usize {
        self.threads
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    };
    let n: u64 = digits.parse().map_err(|_| format!("not a size: {s:?}"))?;
    let mult: u64 = match unit
        .to_ascii_uppercase()
        .trim_end_matches("IB")
        .trim_end_matches('B')
    {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("unknown size unit in {s:?} (use K, M or G)")),
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("size too large: {s:?}"))
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N, such as 0/4")?;
    let k: usize = k.trim().parse().map_err(|_| "K must be a number")?;
    let n: usize = n.trim().parse().map_err(|_| "N must be a number")?;
    if n == 0 || k >= n {
        return Err(format!("need 0 <= K < N, got {k}/{n}"));
    }
    Ok((k, n))
}

/// What a run ended with, turned into the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was processed (exit 0).
    Success,
    /// `check` found a problem at deny level (exit 1).
    Findings,
    /// Some input could not be processed (exit 2).
    Errors,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
            Outcome::Errors => ExitCode::from(2),
        }
    }
}

/// A message made safe for one line of standard error: line breaks and
/// other control characters in file names are written as escapes.
pub fn one_line(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    for c in msg.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Prints an error or note on standard error, on one line.
pub fn report_line(msg: &str) {
    eprintln!("newsscan: {}", one_line(msg));
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(outcome) => outcome.into(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            report_line(&format!("{err:#}"));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let color = cli.color.enabled();
    match cli.command {
        Command::Analyze(args) => analyze::run(args, color, cli.quiet),
        Command::Report(args) => report::run(args, color, cli.quiet),
        Command::Check(args) => check::run(args),
        Command::Train(args) => train::run_train(args, cli.quiet),
        Command::Eval(args) => train::run_eval(args),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "newsscan", &mut io::stdout());
            Ok(Outcome::Success)
        }
        Command::Generate { dir, files, seed } => {
            let mut rng = newsscan::synth::Rng::new(seed);
            for i in 0..files {
                // A hundred articles per folder, like a dated archive.
                let sub = dir.join(format!("{:05}", i / 100));
                std::fs::create_dir_all(&sub)?;
                std::fs::write(
                    sub.join(format!("{i:07}.txt")),
                    newsscan::synth::article(&mut rng),
                )?;
            }
            Ok(Outcome::Success)
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(&mut io::stdout())?;
            Ok(Outcome::Success)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("10"), Ok(10));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert!(parse_size("x").is_err());
        assert!(parse_size("5Q").is_err());
    }

    #[test]
    fn shards() {
        assert_eq!(parse_shard("1/4"), Ok((1, 4)));
        assert!(parse_shard("4/4").is_err());
        assert!(parse_shard("1").is_err());
    }

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
