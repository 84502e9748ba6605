//! `newsscan report`: a corpus summary of articles, entities and speakers.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use newsscan::output::Style;
use newsscan::report::{ArticleSummary, Report};
use newsscan::Options;

use super::analyze::{analyze_safely, terminal_width};
use super::inputs::{InputArgs, Skipped};
use super::progress::Progress;
use super::{signals, ColorArg, Outcome};

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

    #[command(flatten)]
    pub color: ColorArg,
}

/// One article reduced to what the report needs.
struct Summarized {
    summary: ArticleSummary,
    /// Size of the input, for the progress line.
    input_bytes: u64,
}

pub fn run(args: ReportArgs, quiet: bool) -> anyhow::Result<Outcome> {
    let inputs = args.files.inputs(super::inputs::ARTICLE_EXTENSIONS)?;
    let options = Options {
        model: super::train::load_model(args.model.as_ref())?,
        ..Options::default()
    };
    let mut report = Report::default();
    let mut errors = false;
    let mut progress = Progress::new(!quiet);
    if progress.enabled() {
        inputs.count_in_background(progress.totals.clone());
    }
    let work = |source| -> Result<Summarized, Skipped> {
        let loaded = inputs.load(source)?;
        let name = loaded.name;
        let mut record = analyze_safely(&loaded.decoded, &options)
            .map_err(|err| Skipped::Failed(format!("{name}: {err}")))?;
        record.path = Some(name);
        Ok(Summarized {
            summary: ArticleSummary::of(&record),
            input_bytes: loaded.decoded.bytes as u64,
        })
    };
    let result = inputs.for_each_source(work, |item| {
        signals::check()?;
        match item {
            Ok(s) => {
                report.add(&s.summary);
                progress.tick(s.input_bytes);
            }
            Err(Skipped::Failed(msg)) => {
                errors = true;
                report.add_error();
                progress.message(&msg);
            }
            Err(Skipped::Note(msg)) => {
                if !quiet {
                    progress.message(&msg);
                }
            }
        }
        Ok(())
    });
    progress.finish();
    if let Some(outcome) = super::finish_run(result, Ok(()))? {
        return Ok(outcome);
    }
    let style = Style {
        width: terminal_width(),
        color: args.color.enabled(),
    };
    let text = match args.format {
        ReportFormat::Json => serde_json::to_string_pretty(&report.json(args.top))? + "\n",
        ReportFormat::Csv => report.csv(args.top),
        ReportFormat::Table => report.table(args.top, &style),
    };
    super::write_stdout(text.as_bytes())?;
    if report.articles() == 0 && !errors && !quiet {
        inputs.note_nothing_found();
    }
    Ok(if errors { Outcome::Errors } else { Outcome::Success })
}
