//! Inputs, set up in one place for every corpus command: the flags that
//! choose files, the checked [`Inputs`] they turn into, the walk (folders,
//! globs, shards), reading and decoding each file, and the lines of JSON
//! Lines input.

use std::io::{self, BufRead, IsTerminal, Read};
use std::path::PathBuf;

use clap::Args;

use newsscan::corpus::{self, Source, WalkError, WalkOptions, Window};
use newsscan::input::{self, Decoded, InputError};

/// Flags that choose and read input files, shared by every corpus command.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files or folders to read; `-` is standard input. With none, standard
    /// input is read when it is not a terminal.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Worker threads, at least 1 (default: the number of cores). Output is identical for any value.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Only files matching this glob (repeatable; `!GLOB` excludes). Replaces the extension filter.
    #[arg(long = "glob", short = 'g', value_name = "GLOB")]
    pub globs: Vec<String>,

    /// File extensions taken from folders, comma separated [default: txt,text,md,html,htm,html.gz,htm.gz; jsonl,ndjson with --input jsonl].
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub ext: Option<Vec<String>>,

    /// Walk into hidden files and folders.
    #[arg(long)]
    pub hidden: bool,

    /// Do not follow symbolic links while walking folders.
    #[arg(long)]
    pub no_follow: bool,

    /// Refuse files larger than this (suffixes K, M, G; decimals allowed, such as 1.5M).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Only the files whose index in sorted order is K modulo N (for splitting a folder across jobs).
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
}

/// One of N shards of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// This shard's index, `0..count`.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

/// The inputs of a run, checked.
pub struct Inputs {
    /// Paths as given (standard input when none was and it is piped).
    pub paths: Vec<PathBuf>,
    /// Which files folders yield.
    pub walk: WalkOptions,
    /// This job's share of the inputs.
    pub shard: Shard,
    /// Largest input accepted, in bytes.
    pub limit: u64,
    /// Worker threads.
    pub threads: usize,
    /// Text or HTML.
    pub format: Format,
}

/// Extensions of article files taken from folders: text, Markdown and
/// HTML pages (gzipped too).
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "md", "html", "htm", "html.gz", "htm.gz"];

/// Whether inputs are read as text or as HTML pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// HTML when the file name says so (`.html`, `.htm`) or the content
    /// starts like a page; text otherwise.
    #[default]
    Detect,
    /// Every input is an HTML page.
    Html,
}

/// Input bytes in flight at most (an input larger than this runs alone):
/// memory stays bounded by the largest input, whatever the thread count.
pub const IN_FLIGHT_BYTES: u64 = 32 << 20;

/// An input read and decoded.
pub struct Loaded {
    /// The name used in records and messages.
    pub name: String,
    /// Its text.
    pub decoded: Decoded,
}

/// An input that gives no record: a failure, or something skipped on
/// purpose. Either is one line for standard error.
pub enum Skipped {
    /// The input could not be processed; the run ends with exit code 2.
    Failed(String),
    /// Skipped on purpose (a FIFO met while walking); a note only.
    Note(String),
}

impl InputArgs {
    /// Checks the flags and resolves the paths; `default_ext` are the
    /// extensions taken from folders unless `--ext` says otherwise.
    pub fn inputs(&self, default_ext: &[&str]) -> anyhow::Result<Inputs> {
        let extensions = match &self.ext {
            Some(ext) => ext
                .iter()
                .map(|e| e.trim_start_matches('.').to_string())
                .collect(),
            None => default_ext.iter().map(|e| e.to_string()).collect(),
        };
        let walk = WalkOptions {
            extensions,
            hidden: self.hidden,
            follow_links: !self.no_follow,
            ..WalkOptions::default()
        }
        .with_globs(&self.globs)?;
        let paths = if !self.paths.is_empty() {
            self.paths.clone()
        } else if io::stdin().is_terminal() {
            anyhow::bail!("no input: give files or folders, or pipe an article to standard input");
        } else {
            vec![PathBuf::from("-")]
        };
        let threads = self.threads.map_or_else(
            || std::thread::available_parallelism().map_or(1, |n| n.get()),
            usize::from,
        );
        Ok(Inputs {
            paths,
            walk,
            shard: self.shard.unwrap_or(Shard { index: 0, count: 1 }),
            limit: self.max_file_size,
            threads,
            format: Format::Detect,
        })
    }
}

impl Inputs {
    /// Every input in order, folders walked, this shard's share only.
    pub fn sources(&self) -> impl Iterator<Item = Result<Source, WalkError>> + Send + '_ {
        corpus::shard(
            corpus::sources(&self.paths, &self.walk),
            self.shard.index,
            self.shard.count,
        )
    }

    /// Like [`Inputs::sources`], each with the index of the path argument
    /// it came from.
    pub fn sources_by_root(&self) -> impl Iterator<Item = (usize, Result<Source, WalkError>)> + Send + '_ {
        let all = self
            .paths
            .iter()
            .enumerate()
            .flat_map(|(i, p)| corpus::sources(std::slice::from_ref(p), &self.walk).map(move |s| (i, s)));
        corpus::shard(all, self.shard.index, self.shard.count)
    }

    /// Reads and decodes one input.
    pub fn load(&self, source: Result<Source, WalkError>) -> Result<Loaded, Skipped> {
        let source = source.map_err(|err| Skipped::Failed(err.to_string()))?;
        let name = source.display();
        let decoded = match &source {
            Source::Stdin => {
                input::read_limited(io::stdin().lock(), self.limit).and_then(|b| self.decode(None, b))
            }
            Source::File { path, named } => input::read_bytes(path, self.limit, *named)
                .and_then(|b| self.decode(path.file_name().and_then(|n| n.to_str()), b)),
        };
        match decoded {
            Ok(decoded) => Ok(Loaded { name, decoded }),
            Err(InputError::NotRegular) => Err(Skipped::Note(format!("{name}: {}", InputError::NotRegular))),
            Err(err) => Err(Skipped::Failed(format!("{name}: {err}"))),
        }
    }

    /// Decodes an input's bytes: gunzipped when its name ends in `.gz`,
    /// then as an HTML page when forced, named so or shaped so, else as
    /// text.
    fn decode(&self, name: Option<&str>, bytes: Vec<u8>) -> Result<Decoded, InputError> {
        let bytes = if name.is_some_and(input::gzip_name) {
            input::gunzip(&bytes, self.limit)?
        } else {
            bytes
        };
        let html = self.format == Format::Html
            || name.is_some_and(input::html_name)
            || input::looks_like_html(&bytes);
        if html {
            input::decode_html(&bytes)
        } else {
            input::decode_owned(bytes)
        }
    }

    /// Runs `work` on every item on the worker threads and hands the
    /// results to `sink` in input order; the items in flight are bounded by
    /// number and by weight (input bytes, see [`IN_FLIGHT_BYTES`]).
    pub fn for_each_weighted<T: Send, R: Send>(
        &self,
        items: impl Iterator<Item = (T, u64)> + Send,
        work: impl Fn(T) -> R + Sync,
        sink: impl FnMut(R) -> io::Result<()>,
    ) -> io::Result<()> {
        let window = Window {
            items: self.threads * 16,
            bytes: IN_FLIGHT_BYTES,
        };
        corpus::for_each_ordered(items, self.threads, window, work, sink)
    }

    /// [`Inputs::for_each_weighted`] over every input file.
    pub fn for_each_source<R: Send>(
        &self,
        work: impl Fn(Result<Source, WalkError>) -> R + Sync,
        sink: impl FnMut(R) -> io::Result<()>,
    ) -> io::Result<()> {
        let weighted = self.sources().map(|s| {
            let size = self.weight(&s);
            (s, size)
        });
        self.for_each_weighted(weighted, work, sink)
    }

    /// [`Inputs::for_each_weighted`] over the lines of JSON Lines input.
    pub fn for_each_line<R: Send>(
        &self,
        work: impl Fn(InputLine) -> R + Sync,
        sink: impl FnMut(R) -> io::Result<()>,
    ) -> io::Result<()> {
        let weighted = self.lines().map(|l| {
            let size = l.bytes.as_ref().map_or(0, |b| b.len() as u64);
            (l, size)
        });
        self.for_each_weighted(weighted, work, sink)
    }

    /// The weight of an input: its size, as far as it is known up front.
    /// One thread has no work in flight to bound, so it asks the file
    /// system nothing (a call per file that small files feel).
    pub fn weight(&self, source: &Result<Source, WalkError>) -> u64 {
        if self.threads <= 1 {
            return 0;
        }
        match source {
            Ok(Source::File { path, .. }) => std::fs::metadata(path).map_or(0, |m| m.len()),
            Ok(Source::Stdin) => self.limit,
            Err(_) => 0,
        }
    }

    /// Tells the user that the folders given held no file to read.
    pub fn note_nothing_found(&self) {
        let folders: Vec<String> = self
            .paths
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| p.display().to_string())
            .collect();
        if folders.is_empty() {
            return;
        }
        let what = if self.walk.include.is_some() {
            "matching the --glob patterns".to_string()
        } else {
            format!("with the extensions {}", self.walk.extensions.join(", "))
        };
        super::print_error_line(&format!(
            "no input: no file {what} under {} (see --ext, --glob and --hidden)",
            folders.join(", ")
        ));
    }

    /// Counts the inputs' files and bytes on a background thread, for the
    /// progress line's time estimate.
    pub fn count_in_background(&self, totals: std::sync::Arc<super::progress::Totals>) {
        let paths = self.paths.clone();
        let walk = self.walk.clone();
        let shard = self.shard;
        std::thread::spawn(move || {
            let all = corpus::sources(&paths, &walk);
            for source in corpus::shard(all, shard.index, shard.count) {
                if let Ok(Source::File { path, .. }) = source {
                    totals.add(std::fs::metadata(&path).map_or(0, |m| m.len()));
                }
            }
            totals.finish();
        });
    }

    /// The lines of every JSON Lines input, in order.
    pub fn lines(&self) -> impl Iterator<Item = InputLine> + Send + '_ {
        let limit = self.limit;
        self.sources()
            .flat_map(move |source| -> Box<dyn Iterator<Item = InputLine> + Send> {
                match source {
                    Err(err) => Box::new(std::iter::once(InputLine {
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
                                    return Box::new(std::iter::once(InputLine {
                                        number: 0,
                                        source: name,
                                        bytes: Err(input::io_reason(&err)),
                                    }))
                                }
                            },
                        };
                        Box::new(read_lines(
                            io::BufReader::with_capacity(1 << 16, reader),
                            name,
                            limit,
                        ))
                    }
                }
            })
    }
}

/// One line of JSON Lines input.
pub struct InputLine {
    /// 1-based line number within its source; 0 when the source itself failed.
    pub number: usize,
    /// The source's name.
    pub source: String,
    /// The line, or why it could not be read.
    pub bytes: Result<Vec<u8>, String>,
}

/// Lines of a reader, each at most `limit` bytes; blank lines are skipped.
fn read_lines(
    mut reader: impl BufRead + Send,
    source: String,
    limit: u64,
) -> impl Iterator<Item = InputLine> + Send {
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
        let bytes = match read {
            Ok(0) => return None,
            Ok(_) if buf.len() as u64 > limit && !buf.ends_with(b"\n") => {
                skip_rest_of_line(&mut reader);
                Err(format!(
                    "line longer than the {} limit",
                    input::human_bytes(limit)
                ))
            }
            Ok(_) if buf.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(_) => Ok(buf),
            Err(err) => {
                finished = true;
                Err(input::io_reason(&err))
            }
        };
        return Some(InputLine {
            number,
            source: source.clone(),
            bytes,
        });
    })
}

/// Reads past the rest of an oversized line.
fn skip_rest_of_line(reader: &mut impl BufRead) {
    let mut sink = Vec::new();
    loop {
        sink.clear();
        match reader.take(1 << 20).read_until(b'\n', &mut sink) {
            Ok(0) => break,
            Ok(_) if sink.ends_with(b"\n") => break,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
}

/// Parses a size with an optional unit: `64M`, `1K`, `2GiB`, `1.5M`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, unit) = (&s[..split], s[split..].trim());
    let mult: u64 = match unit
        .to_ascii_uppercase()
        .trim_end_matches("IB")
        .trim_end_matches('B')
    {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("unknown size unit {unit:?} in {s:?} (use K, M or G)")),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() || fraction.contains('.') {
        return Err(format!("not a size: {s:?}"));
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| format!("not a size: {s:?}"))?
    };
    // The fraction in units of the multiplier, rounded down to a byte.
    let digits = &fraction[..fraction.len().min(9)];
    let numerator: u128 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| format!("not a size: {s:?}"))?
    };
    let part = (numerator * u128::from(mult) / 10u128.pow(digits.len() as u32)) as u64;
    if !fraction.is_empty() && mult == 1 {
        return Err(format!("a size in bytes has no fraction: {s:?}"));
    }
    whole
        .checked_mul(mult)
        .and_then(|n| n.checked_add(part))
        .ok_or_else(|| format!("size too large: {s:?}"))
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N, such as 0/4")?;
    let index: usize = k.trim().parse().map_err(|_| "K must be a number")?;
    let count: usize = n.trim().parse().map_err(|_| "N must be a number")?;
    if count == 0 || index >= count {
        return Err(format!("need 0 <= K < N, got {index}/{count}"));
    }
    Ok(Shard { index, count })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("10"), Ok(10));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("1.5M"), Ok(3 << 19));
        assert_eq!(parse_size("0.5K"), Ok(512));
        assert!(parse_size("x").is_err());
        assert!(parse_size("5Q").is_err());
        assert!(parse_size("1.5").is_err());
        assert!(parse_size("1.2.3M").is_err());
        assert!(parse_size(".M").is_err());
    }

    #[test]
    fn shards() {
        assert_eq!(parse_shard("1/4"), Ok(Shard { index: 1, count: 4 }));
        assert!(parse_shard("4/4").is_err());
        assert!(parse_shard("1").is_err());
    }

    #[test]
    fn lines_skip_blanks_and_refuse_long_ones() {
        let input = b"{\"a\":1}\n\n  \nxxxxxxxxxxxxxxxxxxxx\n{\"b\":2}\n";
        let lines: Vec<InputLine> = read_lines(&input[..], "in".into(), 10).collect();
        let got: Vec<(usize, bool)> = lines.iter().map(|l| (l.number, l.bytes.is_ok())).collect();
        assert_eq!(got, [(1, true), (4, false), (5, true)]);
    }
}
