//! `newsscan analyze`: one record per article, streamed in input order.

use std::io::{self, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::Value;

use newsscan::input::{self, Decoded};
use newsscan::output::{JsonLines, Printer, QuoteLines, Style, Table};
use newsscan::record::Article;
use newsscan::{analyze, Options};

use super::inputs::{InputArgs, InputLine, Inputs, Skipped};
use super::progress::Progress;
use super::{signals, ColorArg, Outcome};

/// Output format of `analyze`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// A readable block per article.
    Table,
}

/// What the inputs hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Each file is one article: text, or an HTML page when its name
    /// (`.html`, `.htm`, either gzipped) or its start says so.
    Text,
    /// Each file is an HTML page.
    Html,
    /// Each line is a JSON record `{"id": ..., "text": ...}`; other fields pass through as `meta`.
    Jsonl,
}

/// Flags of `newsscan analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub files: InputArgs,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,

    /// Indent JSON output.
    #[arg(long)]
    pub pretty: bool,

    /// Add the word tokens to each record.
    #[arg(long)]
    pub tokens: bool,

    /// Add the sentence spans to each record.
    #[arg(long)]
    pub sentences: bool,

    /// Add every block of the text with its class (body, bullet, caption,
    /// boilerplate...), its score and the features that decided it.
    #[arg(long)]
    pub blocks: bool,

    /// Print one line per quote (with the article's path or id) instead of one per article.
    #[arg(long)]
    pub quotes_only: bool,

    /// Use this entity model (from `newsscan train`) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// What the inputs hold: whole articles, or JSON Lines records.
    #[arg(long = "input", value_enum, default_value_t = InputFormat::Text)]
    pub input_format: InputFormat,

    /// Bytes of one article analyzed at most; the record says where it stopped.
    #[arg(long, value_name = "SIZE", value_parser = super::inputs::parse_size, hide = true)]
    pub max_analyzed: Option<u64>,

    #[command(flatten)]
    pub color: ColorArg,
}

/// The result of one unit of work, ready to print.
pub enum Done {
    /// A rendered record.
    Rendered {
        /// The output bytes.
        output: Vec<u8>,
        /// Size of the input, for the progress line.
        input_bytes: u64,
    },
    /// No record: a failure or a note for standard error.
    Skipped(Skipped),
    /// An error record for the output stream (JSON Lines input), and the
    /// message for standard error.
    Failed {
        /// The rendered error record.
        output: Vec<u8>,
        /// The message.
        message: String,
    },
}

pub fn run(args: AnalyzeArgs, quiet: bool) -> anyhow::Result<Outcome> {
    if args.format == Format::Table && (args.pretty || args.quotes_only) {
        anyhow::bail!(
            "--pretty and --quotes-only shape JSON output; they cannot be used with --format table"
        );
    }
    let jsonl = args.input_format == InputFormat::Jsonl;
    let mut inputs = args.files.inputs(if jsonl {
        &["jsonl", "ndjson"]
    } else {
        super::inputs::ARTICLE_EXTENSIONS
    })?;
    if args.input_format == InputFormat::Html {
        inputs.format = super::inputs::Format::Html;
    }
    let color = args.color.enabled();
    let options = Options {
        tokens: args.tokens,
        sentences: args.sentences,
        blocks: args.blocks,
        model: super::train::load_model(args.model.as_ref())?,
        max_analyzed_bytes: args
            .max_analyzed
            .map_or(newsscan::pipeline::MAX_ANALYZED_BYTES, |n| n as usize),
    };
    let printer: Box<dyn Printer> = match (args.format, args.quotes_only) {
        (Format::Jsonl, false) => Box::new(JsonLines { pretty: args.pretty }),
        (Format::Jsonl, true) => Box::new(QuoteLines { pretty: args.pretty }),
        (Format::Table, _) => Box::new(Table {
            style: Style {
                width: terminal_width(),
                color,
            },
        }),
    };
    let ctx = Context {
        options,
        printer: printer.as_ref(),
        inputs: &inputs,
    };
    match args.input_format {
        InputFormat::Text | InputFormat::Html => run_files(&ctx, quiet),
        InputFormat::Jsonl => run_lines(&ctx),
    }
}

/// Columns for tables: `COLUMNS` when set, else the terminal's width when
/// standard output is one, else 80.
pub fn terminal_width() -> usize {
    let terminal = io::stdout()
        .is_terminal()
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(w, _)| w.0 as usize);
    choose_width(std::env::var("COLUMNS").ok().as_deref(), terminal)
}

/// The table width from `COLUMNS` and the terminal's width (either may be
/// missing); never under 40 columns.
fn choose_width(columns: Option<&str>, terminal: Option<usize>) -> usize {
    columns
        .and_then(|c| c.trim().parse().ok())
        .filter(|&w: &usize| w >= 40)
        .or(terminal.filter(|&w| w >= 40))
        .unwrap_or(80)
}

struct Context<'a> {
    options: Options<'a>,
    printer: &'a dyn Printer,
    inputs: &'a Inputs,
}

impl Context<'_> {
    fn render(&self, decoded: &Decoded, fill: impl FnOnce(&mut Article)) -> Result<Vec<u8>, String> {
        let mut record = analyze_safely(decoded, &self.options)?;
        fill(&mut record);
        let mut out = Vec::new();
        match catch_unwind(AssertUnwindSafe(|| self.printer.article(&record, &mut out))) {
            Ok(Ok(())) => Ok(out),
            Ok(Err(err)) => Err(format!("cannot format record: {err}")),
            Err(_) => Err("internal error while formatting (this is a bug in newsscan)".to_string()),
        }
    }

    fn file(&self, source: Result<newsscan::corpus::Source, newsscan::corpus::WalkError>) -> Done {
        let loaded = match self.inputs.load(source) {
            Ok(l) => l,
            Err(skipped) => return Done::Skipped(skipped),
        };
        let name = loaded.name;
        match self.render(&loaded.decoded, |r| r.path = Some(name.clone())) {
            Ok(output) => Done::Rendered {
                output,
                input_bytes: loaded.decoded.bytes as u64,
            },
            Err(err) => Done::Skipped(Skipped::Failed(format!("{name}: {err}"))),
        }
    }
}

fn run_files(ctx: &Context, quiet: bool) -> anyhow::Result<Outcome> {
    let mut progress = Progress::new(!quiet);
    if progress.enabled() {
        ctx.inputs.count_in_background(progress.totals.clone());
    }
    let stdout = io::stdout();
    // On a terminal each record is shown at once, with the progress line
    // lifted away while it is written.
    let terminal = stdout.is_terminal();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let (mut errors, mut records) = (false, 0u64);
    let inputs = ctx.inputs;
    let result = inputs.for_each_source(
        |s| ctx.file(s),
        |done| {
            signals::check()?;
            match done {
                Done::Rendered { output, input_bytes } => {
                    records += 1;
                    if terminal {
                        progress.suspend(|| out.write_all(&output).and_then(|()| out.flush()))?;
                    } else {
                        out.write_all(&output)?;
                    }
                    progress.tick(input_bytes);
                }
                Done::Skipped(Skipped::Failed(msg)) => {
                    errors = true;
                    out.flush()?;
                    progress.message(&msg);
                }
                Done::Skipped(Skipped::Note(msg)) => {
                    if !quiet {
                        out.flush()?;
                        progress.message(&msg);
                    }
                }
                Done::Failed { .. } => {}
            }
            Ok(())
        },
    );
    let flushed = out.flush();
    progress.finish();
    if let Some(outcome) = super::finish_run(result, flushed)? {
        return Ok(outcome);
    }
    if records == 0 && !errors && !quiet {
        inputs.note_nothing_found();
    }
    Ok(if errors { Outcome::Errors } else { Outcome::Success })
}

/// Analyzes a decoded input, turning a panic into an error message.
pub fn analyze_safely(decoded: &Decoded, options: &Options) -> Result<Article, String> {
    catch_unwind(AssertUnwindSafe(|| analyze(decoded, options)))
        .map_err(|_| "internal error while analyzing (this is a bug in newsscan)".to_string())
}

fn run_lines(ctx: &Context) -> anyhow::Result<Outcome> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut errors = false;
    let result = ctx.inputs.for_each_line(
        |line| ctx.line(line),
        |done| {
            signals::check()?;
            match done {
                Done::Rendered { output, .. } => out.write_all(&output)?,
                Done::Failed { output, message } => {
                    errors = true;
                    out.write_all(&output)?;
                    out.flush()?;
                    super::print_error_line(&message);
                }
                Done::Skipped(Skipped::Failed(msg) | Skipped::Note(msg)) => {
                    errors = true;
                    out.flush()?;
                    super::print_error_line(&msg);
                }
            }
            Ok(())
        },
    );
    let flushed = out.flush();
    if let Some(outcome) = super::finish_run(result, flushed)? {
        return Ok(outcome);
    }
    Ok(if errors { Outcome::Errors } else { Outcome::Success })
}

impl Context<'_> {
    fn line(&self, line: InputLine) -> Done {
        let where_ = format!("{}:{}", line.source, line.number);
        let bytes = match line.bytes {
            Ok(b) => b,
            Err(err) if line.number == 0 => {
                return Done::Skipped(Skipped::Failed(format!("{}: {err}", line.source)))
            }
            Err(err) => return self.error_record(&Value::Null, &format!("{where_}: {err}")),
        };
        // A byte order mark at the start of a file is not part of line 1.
        let bytes = if line.number == 1 {
            bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)
        } else {
            &bytes
        };
        let value: Value = match serde_json::from_slice(bytes) {
            Ok(v) => v,
            Err(err) => return self.error_record(&Value::Null, &format!("{where_}: invalid JSON: {err}")),
        };
        let Value::Object(mut map) = value else {
            return self.error_record(&Value::Null, &format!("{where_}: expected a JSON object"));
        };
        let id = map.remove("id").unwrap_or(Value::Null);
        // A page may come as "html" instead of "text".
        let (field, format) = if map.contains_key("text") || !map.contains_key("html") {
            ("text", input::SourceFormat::Text)
        } else {
            ("html", input::SourceFormat::Html)
        };
        let text = match map.remove(field) {
            Some(Value::String(t)) => t,
            Some(_) => return self.error_record(&id, &format!("{where_}: \"{field}\" is not a string")),
            None => return self.error_record(&id, &format!("{where_}: no \"text\" field")),
        };
        if text.contains('\0') {
            return self.error_record(&id, &format!("{where_}: text holds a NUL character"));
        }
        let decoded = Decoded {
            bytes: text.len(),
            text: text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text),
            encoding: input::Encoding::Utf8,
            format,
        };
        let meta = (!map.is_empty()).then_some(Value::Object(map));
        let id_for_record = id.clone();
        match self.render(&decoded, move |r| {
            r.id = Some(id_for_record);
            r.meta = meta;
        }) {
            Ok(output) => Done::Rendered {
                output,
                input_bytes: decoded.bytes as u64,
            },
            Err(err) => self.error_record(&id, &format!("{where_}: {err}")),
        }
    }

    /// An error record in the output stream, so no input line goes
    /// missing, and the same message on standard error.
    fn error_record(&self, id: &Value, message: &str) -> Done {
        let mut output = Vec::new();
        match self.printer.input_error(id, message, &mut output) {
            Ok(()) => Done::Failed {
                output,
                message: message.to_string(),
            },
            Err(err) => Done::Skipped(Skipped::Failed(format!("{message} ({err})"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_width() {
        assert_eq!(choose_width(None, Some(140)), 140, "a wide terminal is used");
        assert_eq!(choose_width(Some("100"), Some(140)), 100, "COLUMNS wins");
        assert_eq!(choose_width(Some("x"), None), 80);
        assert_eq!(choose_width(None, Some(20)), 80, "too narrow to be true");
        assert_eq!(choose_width(None, None), 80);
    }
}
