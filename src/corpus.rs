//! Corpus walking and ordered parallel processing.
//!
//! Folders are walked lazily, depth first, with each folder's entries sorted
//! by name, so archives of millions of files start streaming at once and
//! memory stays flat. [`for_each_ordered`] fans work out to threads and hands
//! results back strictly in input order, with a bounded window of work in
//! flight, so the output is byte-identical whatever the thread count.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Condvar, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::WalkDir;

/// Which files a folder walk yields.
#[derive(Clone, Debug)]
pub struct WalkOptions {
    /// File name extensions (without dot) taken when no include glob is set.
    pub extensions: Vec<String>,
    /// Include globs; when present they replace the extension filter.
    pub include: Option<GlobSet>,
    /// Exclude globs, matched against files and folders.
    pub exclude: Option<GlobSet>,
    /// Walk into hidden files and folders (names starting with a dot).
    pub hidden: bool,
    /// Follow symbolic links (loops are detected and reported).
    pub follow_links: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            extensions: vec!["txt".into(), "text".into(), "md".into()],
            include: None,
            exclude: None,
            hidden: false,
            follow_links: true,
        }
    }
}

impl WalkOptions {
    /// Sets include and exclude globs from `--glob` values, where a leading
    /// `!` marks an exclusion.
    pub fn with_globs(mut self, globs: &[String]) -> Result<Self, globset::Error> {
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        let (mut n_in, mut n_ex) = (0, 0);
        for g in globs {
            if let Some(neg) = g.strip_prefix('!') {
                exclude.add(glob(neg)?);
                n_ex += 1;
            } else {
                include.add(glob(g)?);
                n_in += 1;
            }
        }
        self.include = (n_in > 0).then(|| include.build()).transpose()?;
        self.exclude = (n_ex > 0).then(|| exclude.build()).transpose()?;
        Ok(self)
    }

    fn wants_file(&self, relative: &Path) -> bool {
        if self.exclude.as_ref().is_some_and(|ex| ex.is_match(relative)) {
            return false;
        }
        match &self.include {
            Some(include) => include.is_match(relative),
            None => relative
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| self.extensions.iter().any(|x| has_extension(n, x))),
        }
    }
}

/// Whether file `name` ends with `.ext` (any case), so that `html.gz`
/// matches `page.html.gz`.
pub fn has_extension(name: &str, ext: &str) -> bool {
    let (name, ext) = (name.as_bytes(), ext.as_bytes());
    name.len() > ext.len() + 1
        && name[name.len() - ext.len() - 1] == b'.'
        && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext)
}

/// A glob that matches at any depth when it has no slash, like `.gitignore`.
fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    let pattern = pattern.trim_end_matches('/');
    if pattern.contains('/') {
        Glob::new(pattern)
    } else {
        Glob::new(&format!("**/{pattern}"))
    }
}

/// One input to analyze.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file; `named` when the user gave its path (not found by walking).
    File {
        /// The file's path.
        path: PathBuf,
        /// Given on the command line rather than found in a folder.
        named: bool,
    },
}

impl Source {
    /// The name printed in records and errors.
    pub fn display(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File { path, .. } => path.to_string_lossy().into_owned(),
        }
    }
}

/// A problem met while walking: reported, and the walk goes on.
#[derive(Debug)]
pub struct WalkError {
    /// The path concerned.
    pub path: String,
    /// What went wrong.
    pub reason: String,
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// The inputs named by `paths`, in order: files as given, folders walked
/// recursively, `-` for standard input.
pub fn sources<'a>(
    paths: &'a [PathBuf],
    options: &'a WalkOptions,
) -> impl Iterator<Item = Result<Source, WalkError>> + Send + 'a {
    paths
        .iter()
        .flat_map(move |p| -> Box<dyn Iterator<Item = _> + Send> {
            if p.as_os_str() == "-" {
                return Box::new(std::iter::once(Ok(Source::Stdin)));
            }
            match std::fs::metadata(p) {
                Ok(meta) if meta.is_dir() => Box::new(walk(p.clone(), options)),
                Ok(_) => Box::new(std::iter::once(Ok(Source::File {
                    path: p.clone(),
                    named: true,
                }))),
                Err(err) => Box::new(std::iter::once(Err(WalkError {
                    path: p.to_string_lossy().into_owned(),
                    reason: crate::input::io_reason(&err),
                }))),
            }
        })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

fn walk(root: PathBuf, options: &WalkOptions) -> impl Iterator<Item = Result<Source, WalkError>> + Send + '_ {
    let root_for_filter = root.clone();
    WalkDir::new(&root)
        .follow_links(options.follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            if e.depth() == 0 {
                return true;
            }
            if !options.hidden && is_hidden(e.file_name()) {
                return false;
            }
            if e.file_type().is_dir() {
                let rel = e.path().strip_prefix(&root_for_filter).unwrap_or(e.path());
                return !options.exclude.as_ref().is_some_and(|ex| ex.is_match(rel));
            }
            true
        })
        .filter_map(move |entry| match entry {
            Ok(e) => {
                if e.file_type().is_dir() {
                    return None;
                }
                let rel = e.path().strip_prefix(&root).unwrap_or(e.path());
                options.wants_file(rel).then(|| {
                    Ok(Source::File {
                        path: e.into_path(),
                        named: false,
                    })
                })
            }
            Err(err) => {
                let path = err.path().map_or_else(
                    || root.to_string_lossy().into_owned(),
                    |p| p.to_string_lossy().into_owned(),
                );
                let reason = if let Some(ancestor) = err.loop_ancestor() {
                    format!("symbolic link loop to {}, not followed", ancestor.display())
                } else if let Some(io) = err.io_error() {
                    crate::input::io_reason(io)
                } else {
                    err.to_string()
                };
                Some(Err(WalkError { path, reason }))
            }
        })
}

/// Keeps every `n`th item starting at `k` (for `--shard K/N`).
pub fn shard<T>(items: impl Iterator<Item = T>, k: usize, n: usize) -> impl Iterator<Item = T> {
    items
        .enumerate()
        .filter(move |(i, _)| n == 0 || i % n == k)
        .map(|(_, t)| t)
}

/// Items handed to a worker at once: fewer hand-offs between threads
/// (each costs a wake-up), while a slow file still holds back only a few.
const BATCH: usize = 16;

/// A batch closes once its items weigh this much, so large inputs travel
/// alone.
const BATCH_BYTES: u64 = 1 << 20;

/// How much work may be in flight at once: inputs handed out and results
/// not yet consumed.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// Items at most.
    pub items: usize,
    /// Total weight (input bytes) at most; an item heavier than this runs
    /// alone.
    pub bytes: u64,
}

/// The weight in flight, shared by the producer and the consumer.
struct Budget {
    state: Mutex<(u64, bool)>,
    freed: Condvar,
    limit: u64,
}

impl Budget {
    /// Waits until `weight` fits (or nothing else is in flight) and takes
    /// it; false once the run has ended.
    fn take(&self, weight: u64) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        while !state.1 && state.0 > 0 && state.0.saturating_add(weight) > self.limit {
            state = match self.freed.wait(state) {
                Ok(s) => s,
                Err(_) => return false,
            };
        }
        state.0 += weight;
        !state.1
    }

    fn give_back(&self, weight: u64) {
        if let Ok(mut state) = self.state.lock() {
            state.0 = state.0.saturating_sub(weight);
        }
        self.freed.notify_all();
    }

    fn close(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.1 = true;
        }
        self.freed.notify_all();
    }
}

/// Applies `work` to every item on `threads` threads and passes the results
/// to `sink` in input order. Items come with a weight (their size in
/// bytes); the work in flight is bounded by `window` in number and weight,
/// so memory grows neither with the number of items nor with the thread
/// count. `sink` errors stop the run early and are returned.
pub fn for_each_ordered<I, T, R, W, S>(
    items: I,
    threads: usize,
    window: Window,
    work: W,
    mut sink: S,
) -> io::Result<()>
where
    I: Iterator<Item = (T, u64)> + Send,
    T: Send,
    R: Send,
    W: Fn(T) -> R + Sync,
    S: FnMut(R) -> io::Result<()>,
{
    if threads <= 1 {
        for (item, _) in items {
            sink(work(item))?;
        }
        return Ok(());
    }
    // The item window counts batches.
    let batches = (window.items / BATCH).max(threads * 2);
    let budget = Budget {
        state: Mutex::new((0, false)),
        freed: Condvar::new(),
        limit: window.bytes,
    };
    let (work, budget) = (&work, &budget);
    let result = std::thread::scope(|scope| {
        let (job_tx, job_rx) = sync_channel::<(usize, Vec<T>, u64)>(threads);
        // Shared by the workers and dropped with the last of them, so the
        // producer never blocks on a queue nobody reads.
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (result_tx, result_rx) = channel::<(usize, Vec<R>, u64)>();
        let (permit_tx, permit_rx) = sync_channel::<()>(batches);
        for _ in 0..batches {
            let _ = permit_tx.send(());
        }
        scope.spawn(move || {
            let mut items = items.peekable();
            let mut n = 0;
            while items.peek().is_some() {
                let (mut batch, mut weight) = (Vec::with_capacity(BATCH), 0u64);
                while batch.len() < BATCH && weight < BATCH_BYTES {
                    let Some((item, w)) = items.next() else { break };
                    batch.push(item);
                    weight += w;
                }
                if permit_rx.recv().is_err()
                    || !budget.take(weight)
                    || job_tx.send((n, batch, weight)).is_err()
                {
                    break;
                }
                n += 1;
            }
        });
        for _ in 0..threads {
            let result_tx = result_tx.clone();
            let job_rx = Arc::clone(&job_rx);
            scope.spawn(move || loop {
                // A poisoned lock means another worker panicked: stop too.
                let job = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok((i, batch, weight)) = job else { break };
                let results: Vec<R> = batch.into_iter().map(work).collect();
                if result_tx.send((i, results, weight)).is_err() {
                    break;
                }
            });
        }
        drop(result_tx);
        drop(job_rx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        let consumed = (|| {
            for (i, results, weight) in result_rx.iter() {
                pending.insert(i, (results, weight));
                while let Some((results, weight)) = pending.remove(&next) {
                    for r in results {
                        sink(r)?;
                    }
                    next += 1;
                    budget.give_back(weight);
                    let _ = permit_tx.send(());
                }
            }
            Ok(())
        })();
        // Whatever happened, the producer must not wait for room any more.
        budget.close();
        drop(permit_tx);
        consumed
    });
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_whatever_the_threads() {
        let want: Vec<u64> = (0..500).map(|x| x * x).collect();
        for threads in [1, 2, 7] {
            let mut got = Vec::new();
            for_each_ordered(
                (0..500u64).map(|x| (x, x % 7)),
                threads,
                Window { items: 8, bytes: 20 },
                |x| {
                    // Uneven work so results finish out of order.
                    if x % 13 == 0 {
                        std::thread::yield_now();
                    }
                    x * x
                },
                |r| {
                    got.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(got, want, "threads {threads}");
        }
    }

    #[test]
    fn sink_error_stops_early() {
        let mut seen = 0;
        let err = for_each_ordered(
            (0..100_000u32).map(|x| (x, 1)),
            2,
            Window {
                items: 4,
                bytes: 1 << 20,
            },
            |x| x,
            |_| {
                seen += 1;
                if seen == 10 {
                    Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
                } else {
                    Ok(())
                }
            },
        );
        assert!(err.is_err());
        assert_eq!(seen, 10);
    }

    #[test]
    fn heavy_items_are_bounded_by_weight() {
        use std::sync::atomic::{AtomicU64, Ordering};
        let in_flight = AtomicU64::new(0);
        let most = AtomicU64::new(0);
        let mut seen = 0;
        for_each_ordered(
            (0..40u64).map(|x| (x, 1 << 20)),
            4,
            Window {
                items: 64,
                bytes: 2 << 20,
            },
            |x| {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::yield_now();
                x
            },
            |x| {
                assert_eq!(x, seen);
                seen += 1;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, 40);
        assert!(
            most.load(Ordering::SeqCst) <= 2,
            "{} in flight",
            most.load(Ordering::SeqCst)
        );
    }

    #[test]
    fn sharding_takes_every_nth() {
        let got: Vec<_> = shard(0..10, 1, 3).collect();
        assert_eq!(got, [1, 4, 7]);
    }

    #[test]
    fn extension_and_glob_filters() {
        let opts = WalkOptions::default();
        assert!(opts.wants_file(Path::new("a/b.txt")));
        assert!(opts.wants_file(Path::new("a/b.MD")));
        assert!(!opts.wants_file(Path::new("a/b.json")));
        let opts = WalkOptions::default()
            .with_globs(&["*.json".into(), "!skip/**".into()])
            .unwrap();
        assert!(opts.wants_file(Path::new("a/b.json")));
        assert!(!opts.wants_file(Path::new("a/b.txt")));
        assert!(!opts.wants_file(Path::new("skip/c.json")));
        let opts = WalkOptions::default().with_globs(&["!draft*".into()]).unwrap();
        assert!(opts.wants_file(Path::new("a/final.txt")));
        assert!(!opts.wants_file(Path::new("a/draft1.txt")));
    }
}
