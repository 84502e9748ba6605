//! `newsscan analyze`: one record per article, streamed in input order.

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::Value;

use newsscan::analyze::{analyze, Options};
use newsscan::corpus::{self, for_each_ordered, Source, WalkError, WalkOptions};
use newsscan::input::{self, Decoded, InputError};
use newsscan::output::{JsonLines, Printer, QuoteLines, Style, Table};
use newsscan::record::Article;

use super::progress::Progress;
use super::{InputArgs, Outcome};

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
    /// Each file is one article.
    Text,
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

    /// Print one line per quote (with the article's path or id) instead of one per article.
    #[arg(long)]
    pub quotes_only: bool,

    /// Use this entity model (from `newsscan train`) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// What the inputs hold: whole articles, or JSON Lines records.
    #[arg(long = "input", value_enum, default_value_t = InputFormat::Text)]
    pub input_format: InputFormat,
}

/// The result of one unit of work, ready to print.
pub enum Done {
    /// Rendered output and the input size in bytes.
    Output(Vec<u8>, u64),
    /// An input that failed: one line for standard error.
    Failed(String),
    /// Something skipped on purpose: a note for standard error.
    Note(String),
}

pub fn run(args: AnalyzeArgs, color: bool, quiet: bool) -> anyhow::Result<Outcome> {
    let paths = args.files.resolved_paths()?;
    let walk = args.files.walk_options()?;
    let options = Options {
        tokens: args.tokens,
        sentences: args.sentences,
        model: super::train::load_model(args.model.as_ref())?,
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
        limit: args.files.max_file_size,
    };
    let threads = args.files.thread_count();
    match args.input_format {
        InputFormat::Text => run_files(&ctx, &paths, &walk, &args.files, threads, quiet),
        InputFormat::Jsonl => run_lines(&ctx, &paths, &walk, &args.files, threads),
    }
}

/// Columns for tables: `COLUMNS` when set, else 80.
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(80)
}

struct Context<'a> {
    options: Options<'a>,
    printer: &'a dyn Printer,
    limit: u64,
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

    fn file(&self, source: Result<Source, WalkError>) -> Done {
        let source = match source {
            Ok(s) => s,
            Err(err) => return Done::Failed(err.to_string()),
        };
        let name = source.display();
        let decoded = match &source {
            Source::Stdin => {
                input::read_limited(io::stdin().lock(), self.limit).and_then(|b| input::decode(&b))
            }
            Source::File { path, named } => input::read_path(path, self.limit, *named),
        };
        match decoded {
            Ok(d) => match self.render(&d, |r| r.path = Some(name.clone())) {
                Ok(out) => Done::Output(out, d.bytes as u64),
                Err(err) => Done::Failed(format!("{name}: {err}")),
            },
            Err(InputError::NotRegular) => Done::Note(format!("{name}: {}", InputError::NotRegular)),
            Err(err) => Done::Failed(format!("{name}: {err}")),
        }
    }
}

fn run_files(
    ctx: &Context,
    paths: &[PathBuf],
    walk: &WalkOptions,
    files: &InputArgs,
    threads: usize,
    quiet: bool,
) -> anyhow::Result<Outcome> {
    let mut progress = Progress::new(!quiet);
    if progress.enabled() {
        let totals = progress.totals.clone();
        let (paths, walk, shard) = (paths.to_vec(), walk.clone(), files.shard);
        std::thread::spawn(move || {
            let all = corpus::sources(&paths, &walk);
            let (k, n) = shard.unwrap_or((0, 1));
            for source in corpus::shard(all, k, n) {
                if let Ok(Source::File { path, .. }) = source {
                    totals.add(std::fs::metadata(&path).map_or(0, |m| m.len()));
                }
            }
            totals.finish();
        });
    }
    let items = corpus::sources(paths, walk);
    let (k, n) = files.shard.unwrap_or((0, 1));
    let items = corpus::shard(items, k, n);
    let stdout = io::stdout();
    let flush_each = stdout.is_terminal();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut errors = false;
    for_each_ordered(
        items,
        threads,
        threads * 16,
        |s| ctx.file(s),
        |done| {
            match done {
                Done::Output(bytes, size) => {
                    out.write_all(&bytes)?;
                    if flush_each {
                        out.flush()?;
                    }
                    progress.tick(size);
                }
                Done::Failed(msg) => {
                    errors = true;
                    out.flush()?;
                    progress.message(&format!("newsscan: {}", super::one_line(&msg)));
                }
                Done::Note(msg) => {
                    if !quiet {
                        out.flush()?;
                        progress.message(&format!("newsscan: {}", super::one_line(&msg)));
                    }
                }
            }
            Ok(())
        },
    )?;
    out.flush()?;
    progress.finish();
    Ok(if errors { Outcome::Errors } else { Outcome::Success })
}

/// Reads and decodes one input; the error is ready to print.
pub fn load(source: Result<Source, WalkError>, limit: u64) -> Result<(String, Decoded), Done> {
    let source = source.map_err(|err| Done::Failed(err.to_string()))?;
    let name = source.display();
    let decoded = match &source {
        Source::Stdin => input::read_limited(io::stdin().lock(), limit).and_then(|b| input::decode(&b)),
        Source::File { path, named } => input::read_path(path, limit, *named),
    };
    match decoded {
        Ok(d) => Ok((name, d)),
        Err(InputError::NotRegular) => Err(Done::Note(format!("{name}: {}", InputError::NotRegular))),
        Err(err) => Err(Done::Failed(format!("{name}: {err}"))),
    }
}

/// Analyzes a decoded input, turning a panic into an error message.
pub fn analyze_safely(decoded: &Decoded, options: &Options) -> Result<Article, String> {
    catch_unwind(AssertUnwindSafe(|| analyze(decoded, options)))
        .map_err(|_| "internal error while analyzing (this is a bug in newsscan)".to_string())
}

/// One line of JSON Lines input.
struct Line {
    /// 1-based line number within its source.
    number: usize,
    source: String,
    bytes: Result<Vec<u8>, String>,
}

fn run_lines(
    ctx: &Context,
    paths: &[PathBuf],
    walk: &WalkOptions,
    files: &InputArgs,
    threads: usize,
) -> anyhow::Result<Outcome> {
    let limit = ctx.limit;
    let sources = corpus::sources(paths, walk);
    let (k, n) = files.shard.unwrap_or((0, 1));
    let lines =
        corpus::shard(sources, k, n).flat_map(move |source| -> Box<dyn Iterator<Item = Line> + Send> {
            match source {
                Err(err) => Box::new(std::iter::once(Line {
                    number: 0,
                    source: err.path.clone(),
                    bytes: Err(err.reason),
                })),
                Ok(source) => {
                    let name = source.display();
                    let reader: Box<dyn Read + Send> = match &source {
                        Source::Stdin => Box::new(io::stdin()),
                        Source::File { path, .. } => match std::fs::File::open(path) {
                            Ok(f) => Box::new(f),
                            Err(err) => {
                                return Box::new(std::iter::once(Line {
                                    number: 0,
                                    source: name,
                                    bytes: Err(input::io_reason(&err)),
                                }))
                            }
                        },
                    };
                    Box::new(read_lines(BufReader::with_capacity(1 << 16, reader), name, limit))
                }
            }
        });
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut errors = false;
    for_each_ordered(
        lines,
        threads,
        threads * 16,
        |line| ctx.line(line),
        |done| {
            match done {
                Done::Output(bytes, _) => out.write_all(&bytes)?,
                Done::Failed(msg) | Done::Note(msg) => {
                    errors = true;
                    out.flush()?;
                    super::report_line(&msg);
                }
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(if errors { Outcome::Errors } else { Outcome::Success })
}

/// Lines of a reader, each at most `limit` bytes; blank lines are skipped.
fn read_lines(
    mut reader: impl BufRead + Send,
    source: String,
    limit: u64,
) -> impl Iterator<Item = Line> + Send {
    let mut number = 0;
    let mut finished = false;
    std::iter::from_fn(move || loop {
        if finished {
            return None;
        }
        number += 1;
        let mut buf = Vec::new();
        let read = (&mut reader)
            .take(limit.saturating_add(1))
            .read_until(b'\n', &mut buf);
        match read {
            Ok(0) => return None,
            Ok(_) => {
                if buf.len() as u64 > limit && !buf.ends_with(b"\n") {
                    // Skip the rest of the oversized line.
                    let mut sink = Vec::new();
                    loop {
                        sink.clear();
                        match (&mut reader).take(1 << 20).read_until(b'\n', &mut sink) {
                            Ok(0) => break,
                            Ok(_) if sink.ends_with(b"\n") => break,
                            Ok(_) => continue,
                            Err(_) => break,
                        }
                    }
                    return Some(Line {
                        number,
                        source: source.clone(),
                        bytes: Err(format!(
                            "line longer than the {} limit",
                            input::human_bytes(limit)
                        )),
                    });
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Some(Line {
                    number,
                    source: source.clone(),
                    bytes: Ok(buf),
                });
            }
            Err(err) => {
                finished = true;
                return Some(Line {
                    number,
                    source: source.clone(),
                    bytes: Err(input::io_reason(&err)),
                });
            }
        }
    })
}

impl Context<'_> {
    fn line(&self, line: Line) -> Done {
        let where_ = format!("{}:{}", line.source, line.number);
        let bytes = match line.bytes {
            Ok(b) => b,
            Err(err) if line.number == 0 => return Done::Failed(format!("{}: {err}", line.source)),
            Err(err) => return self.error_record(&Value::Null, &format!("{where_}: {err}")),
        };
        let value: Value = match serde_json::from_slice(&bytes) {
            Ok(v) => v,
            Err(err) => return self.error_record(&Value::Null, &format!("{where_}: invalid JSON: {err}")),
        };
        let Value::Object(mut map) = value else {
            return self.error_record(&Value::Null, &format!("{where_}: expected a JSON object"));
        };
        let id = map.remove("id").unwrap_or(Value::Null);
        let text = match map.remove("text") {
            Some(Value::String(t)) => t,
            Some(_) => return self.error_record(&id, &format!("{where_}: \"text\" is not a string")),
            None => return self.error_record(&id, &format!("{where_}: no \"text\" field")),
        };
        if text.contains('\0') {
            return self.error_record(&id, &format!("{where_}: text holds a NUL character"));
        }
        let decoded = Decoded {
            bytes: text.len(),
            text: text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text),
            encoding: input::Encoding::Utf8,
        };
        let meta = (!map.is_empty()).then_some(Value::Object(map));
        let id_for_record = id.clone();
        match self.render(&decoded, move |r| {
            r.id = Some(id_for_record);
            r.meta = meta;
        }) {
            Ok(out) => Done::Output(out, decoded.bytes as u64),
            Err(err) => self.error_record(&id, &format!("{where_}: {err}")),
        }
    }

    /// An error record in the output stream, so no input line goes missing.
    fn error_record(&self, id: &Value, message: &str) -> Done {
        let mut out = Vec::new();
        match self.printer.input_error(id, message, &mut out) {
            Ok(()) => Done::Output(out, 0),
            Err(err) => Done::Failed(format!("{message} ({err})")),
        }
    }
}
