//! Command-line definitions and dispatch. Flags are checked and turned into
//! library options here; the library never sees raw flags.

mod analyze;
mod check;
mod inputs;
mod manual;
mod progress;
mod report;
mod signals;
mod train;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use newsscan::input;

/// Turns news articles into structured records: headline, byline, dateline,
/// bullets, captions, paragraphs, quotes with speakers, and named entities.
#[derive(Debug, Parser)]
#[command(name = "newsscan", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,

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
    /// Print a man page (roff): the overview, or one command's page.
    Man {
        /// The command whose page to print (analyze, report, check, train,
        /// eval, completions); the overview page when absent.
        command: Option<String>,
    },
    /// Print every candidate quote with its features, for learning which are quotes.
    #[command(hide = true)]
    QuoteFeatures {
        /// Article files.
        paths: Vec<PathBuf>,
    },
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

/// The `--color` flag, on the commands that colour their output.
#[derive(Debug, Args, Clone, Copy)]
pub struct ColorArg {
    /// When to use colour: auto (terminal and NO_COLOR unset), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorArg {
    /// Whether to colour output.
    pub fn enabled(self) -> bool {
        match self.color {
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
    /// Stopped by a signal after the last whole record (exit 128 + signal).
    Interrupted(i32),
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
            Outcome::Errors => ExitCode::from(2),
            Outcome::Interrupted(signal) => ExitCode::from((128 + signal).clamp(0, 255) as u8),
        }
    }
}

/// A message made safe for one line of a terminal (see
/// [`newsscan::output::escape_line`]).
pub fn one_line(msg: &str) -> String {
    newsscan::output::escape_line(msg)
}

/// Prints an error or note on standard error, on one line, as
/// `newsscan: message`. A closed standard error is ignored.
pub fn print_error_line(msg: &str) {
    let _ = writeln!(io::stderr().lock(), "newsscan: {}", one_line(msg));
}

/// Reads a small file the user named (a configuration, a model, annotated
/// text), refusing anything over `limit` bytes; errors read `PATH: reason`.
pub fn read_named_file(path: &Path, limit: u64) -> anyhow::Result<Vec<u8>> {
    input::read_bytes(path, limit, true).map_err(|e| match e {
        input::InputError::TooLarge { limit } => {
            anyhow::anyhow!(
                "{}: larger than {}, too large for this kind of file",
                path.display(),
                input::human_bytes(limit)
            )
        }
        e => anyhow::anyhow!("{}: {e}", path.display()),
    })
}

/// Like [`read_named_file`], decoded as text.
pub fn read_named_text(path: &Path, limit: u64) -> anyhow::Result<String> {
    let bytes = read_named_file(path, limit)?;
    input::decode_owned(bytes)
        .map(|d| d.text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// True when the error is a write to a closed pipe.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes on one line, I/O errors without their
/// "(os error N)".
fn describe(err: &anyhow::Error) -> String {
    err.chain()
        .map(|e| match e.downcast_ref::<io::Error>() {
            Some(io) => input::io_reason(io),
            None => e.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    signals::install();
    match run(cli) {
        Ok(outcome) => outcome.into(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            print_error_line(&describe(&err));
            ExitCode::from(2)
        }
    }
}

/// Ends a run over the inputs: a stop by a signal becomes its outcome
/// (the output having been flushed up to the last whole record), a write
/// error an error; `None` means the run went through.
pub fn finish_run(result: io::Result<()>, flushed: io::Result<()>) -> anyhow::Result<Option<Outcome>> {
    let stdout_error = |e: io::Error| anyhow::Error::new(e).context("cannot write to standard output");
    match result {
        Err(e) if signals::is_stop(&e) => {
            flushed.map_err(stdout_error)?;
            Ok(Some(Outcome::Interrupted(
                signals::stop_requested().unwrap_or(15),
            )))
        }
        Err(e) => Err(stdout_error(e)),
        Ok(()) => {
            flushed.map_err(stdout_error)?;
            Ok(None)
        }
    }
}

/// Writes bytes to standard output; errors say so.
pub fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| anyhow::Error::new(e).context("cannot write to standard output"))
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Analyze(args) => analyze::run(args, cli.quiet),
        Command::Report(args) => report::run(args, cli.quiet),
        Command::Check(args) => check::run(args, cli.quiet),
        Command::Train(args) => train::run_train(args, cli.quiet),
        Command::Eval(args) => train::run_eval(args),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut manual::public_command(), "newsscan", &mut out);
            write_stdout(&out)?;
            Ok(Outcome::Success)
        }
        Command::Man { command } => {
            write_stdout(&manual::page(command.as_deref())?)?;
            Ok(Outcome::Success)
        }
        Command::QuoteFeatures { paths } => {
            let options = newsscan::Options::default();
            let mut out = String::new();
            for path in paths {
                let decoded = input::read_path(&path, 64 << 20, true)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                for c in newsscan::pipeline::quote_candidates(&decoded, &options) {
                    let line = serde_json::json!({"path": path, "start": c.start, "end": c.end, "features": c.features});
                    out.push_str(&line.to_string());
                    out.push('\n');
                }
            }
            write_stdout(out.as_bytes())?;
            Ok(Outcome::Success)
        }
        Command::Generate { dir, files, seed } => {
            let mut rng = newsscan::synth::Rng::new(seed);
            for i in 0..files {
                // A hundred articles per folder, like a dated archive.
                let sub = dir.join(format!("{:05}", i / 100));
                std::fs::create_dir_all(&sub)
                    .map_err(|e| anyhow::anyhow!("{}: {}", sub.display(), input::io_reason(&e)))?;
                let path = sub.join(format!("{i:07}.txt"));
                std::fs::write(&path, newsscan::synth::article(&mut rng))
                    .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), input::io_reason(&e)))?;
            }
            Ok(Outcome::Success)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn escapes_in_messages() {
        assert_eq!(
            one_line("a\nb\x1b[31m\x07c\u{202E}"),
            "a\\nb\\u{1b}[31m\\u{7}c\\u{202e}"
        );
    }

    #[test]
    fn errors_read_without_os_codes() {
        let err = anyhow::Error::new(io::Error::from(io::ErrorKind::NotFound)).context("x.toml");
        assert_eq!(describe(&err), "x.toml: no such file or directory");
    }
}
