//! A progress line on standard error for long batches: files done, MB/s and,
//! once a background count of the inputs has finished, time left.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Totals found by the background count.
#[derive(Default)]
pub struct Totals {
    files: AtomicU64,
    bytes: AtomicU64,
    done: AtomicBool,
}

impl Totals {
    /// Adds one input of `bytes` bytes.
    pub fn add(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Marks the count complete.
    pub fn finish(&self) {
        self.done.store(true, Ordering::Release);
    }
}

/// The progress line. Disabled unless standard error is a terminal.
pub struct Progress {
    enabled: bool,
    start: Instant,
    last: Instant,
    files: u64,
    bytes: u64,
    drawn: bool,
    /// Totals from the background count.
    pub totals: Arc<Totals>,
}

const DELAY: Duration = Duration::from_millis(700);
const EVERY: Duration = Duration::from_millis(120);

impl Progress {
    /// A progress line, shown only when `wanted` and standard error is a terminal.
    pub fn new(wanted: bool) -> Self {
        let now = Instant::now();
        Progress {
            enabled: wanted && io::stderr().is_terminal(),
            start: now,
            last: now,
            files: 0,
            bytes: 0,
            drawn: false,
            totals: Arc::default(),
        }
    }

    /// True when the line may be drawn (so a background count is worth it).
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Records one finished input and redraws now and then.
    pub fn tick(&mut self, bytes: u64) {
        self.files += 1;
        self.bytes += bytes;
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.start) < DELAY || now.duration_since(self.last) < EVERY {
            return;
        }
        self.last = now;
        self.draw(now);
    }

    fn draw(&mut self, now: Instant) {
        let secs = now.duration_since(self.start).as_secs_f64().max(1e-3);
        let rate = self.bytes as f64 / secs / 1e6;
        let mut line = format!(
            "{} files  {:.1} MB  {:.1} MB/s",
            self.files,
            self.bytes as f64 / 1e6,
            rate
        );
        if self.totals.done.load(Ordering::Acquire) {
            let total_files = self.totals.files.load(Ordering::Relaxed).max(self.files);
            let total_bytes = self.totals.bytes.load(Ordering::Relaxed).max(self.bytes);
            let left = (total_bytes - self.bytes) as f64 / (self.bytes as f64 / secs).max(1.0);
            let pct = if total_bytes > 0 {
                100.0 * self.bytes as f64 / total_bytes as f64
            } else {
                100.0
            };
            let bar_len = 20;
            let filled = ((pct / 100.0) * bar_len as f64).round() as usize;
            line = format!(
                "{}{} {:>3.0}%  {}/{} files  {:.1} MB/s  {} left",
                "█".repeat(filled.min(bar_len)),
                "░".repeat(bar_len - filled.min(bar_len)),
                pct,
                self.files,
                total_files,
                rate,
                clock(left)
            );
        }
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
        self.drawn = true;
    }

    /// Clears the line.
    pub fn finish(&mut self) {
        if self.drawn {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.drawn = false;
        }
    }

    /// Prints a message on its own line, keeping the progress line intact.
    pub fn message(&mut self, msg: &str) {
        let was = self.drawn;
        self.finish();
        eprintln!("{msg}");
        if was {
            self.draw(Instant::now());
        }
    }
}

fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}
