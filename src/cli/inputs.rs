//! Inputs, set up in one place for every corpus command: the flags that
//! choose files, the checked [`Inputs`] they turn into, the walk (folders,
//! globs, shards), reading and decoding each file, and the lines of JSON
//! Lines input.

use std::io::{self, BufRead, IsTerminal, Read};
use std::path::PathBuf;

use clap::Args;

use newsscan::corpus::{self, Source, WalkError, WalkOptions};
use newsscan::input::{self, Decoded, InputError};

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
}

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
    /// Checks the flags and resolves the paths.
    pub fn inputs(&self) -> anyhow::Result<Inputs> {
        let walk = WalkOptions {
            extensions: self
                .ext
                .iter()
                .map(|e| e.trim_start_matches('.').to_string())
                .collect(),
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
        let threads = self
            .threads
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        Ok(Inputs {
            paths,
            walk,
            shard: self.shard.unwrap_or(Shard { index: 0, count: 1 }),
            limit: self.max_file_size,
            threads,
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
                input::read_limited(io::stdin().lock(), self.limit).and_then(|b| input::decode(&b))
            }
            Source::File { path, named } => input::read_path(path, self.limit, *named),
        };
        match decoded {
            Ok(decoded) => Ok(Loaded { name, decoded }),
            Err(InputError::NotRegular) => Err(Skipped::Note(format!("{name}: {}", InputError::NotRegular))),
            Err(err) => Err(Skipped::Failed(format!("{name}: {err}"))),
        }
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

/// Parses a size with an optional unit: `64M`, `1K`, `2GiB`.
pub fn parse_size(s: &str) -> Result<u64, String> {
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
        assert!(parse_size("x").is_err());
        assert!(parse_size("5Q").is_err());
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
