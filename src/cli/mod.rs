//! Command-line definitions and dispatch. Flags are checked and turned into
//! library options here; the library never sees raw flags.

mod analyze;
mod check;
mod inputs;
mod progress;
mod report;
mod train;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

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
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
