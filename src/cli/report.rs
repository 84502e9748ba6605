//! `newsscan report`: a corpus summary of articles, entities and speakers.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use newsscan::analyze::Options;
use newsscan::corpus::{self, for_each_ordered};
use newsscan::output::Style;
use newsscan::report::{ArticleSummary, Report};

use super::analyze::{analyze_safely, load, terminal_width, Done};
use super::progress::Progress;
use super::{InputArgs, Outcome};

/// Output format of `report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned columns with bars, for reading.
    Table,
    /// One JSON object (shape documented in README.md).
    Json,
    /// `section,kind,name,count,articles` rows.
    Csv,
}

/// Flags of `newsscan report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub files: InputArgs,

    /// Entries per list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Use this entity model instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

enum Item {
    Summary(ArticleSummary, u64),
    Skip(Done),
}

pub fn run(args: ReportArgs, color: bool, quiet: bool) -> anyhow::Result<Outcome> {
    let paths = args.files.resolved_paths()?;
    let walk = args.files.walk_options()?;
    let options = Options {
        model: super::train::load_model(args.model.as_ref())?,
        ..Options::default()
    };
    let limit = args.files.max_file_size;
    let (k, n) = args.files.shard.unwrap_or((0, 1));
    let items = corpus::shard(corpus::sources(&paths, &walk), k, n);
    let mut report = Report::default();
    let mut errors = false;
    let mut progress = Progress::new(!quiet);
    let work = |source| match load(source, limit) {
        Err(done) => Item::Skip(done),
        Ok((name, decoded)) => match analyze_safely(&decoded, &options) {
            Ok(mut record) => {
                record.path = Some(name);
                Item::Summary(ArticleSummary::of(&record), decoded.bytes as u64)
            }
            Err(err) => Item::Skip(Done::Failed(format!("{name}: {err}"))),
        },
    };
    let threads = args.files.thread_count();
    for_each_ordered(items, threads, threads * 16, work, |item| {
        match item {
            Item::Summary(s, bytes) => {
                report.add(&s);
                progress.tick(bytes);
            }
            Item::Skip(Done::Failed(msg)) => {
                errors = true;
                report.add_error();
                progress.message(&format!("newsscan: {}", super::one_line(&msg)));
            }
            Item::Skip(Done::Note(msg)) => {
                if !quiet {
                    progress.message(&format!("newsscan: {}", super::one_line(&msg)));
                }
            }
            Item::Skip(Done::Output(..)) => {}
        }
        Ok(())
    })?;
    progress.finish();
    let text = match args.format {
        ReportFormat::Json => serde_json::to_string_pretty(&report.json(args.top))? + "\n",
        ReportFormat::Csv => report.csv(args.top),
        ReportFormat::Table => report.table(
            args.top,
            &Style {
                width: terminal_width(),
                color,
            },
        ),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(if errors { Outcome::Errors } else { Outcome::Success })
}
