//! A progress line on standard error for long batches: files done, MB/s
//! and, once a background count of the inputs has finished, a bar and the
//! time left. The same line serves `analyze`, `report` and `check`.
//!
//! It appears only on a terminal, only after a moment (short runs never
//! flash it), and never on a line of output: messages are printed above it,
//! and output to a terminal is written while the line is lifted away.

use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsscan::output::plural;

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
    bar: Option<ProgressBar>,
    start: Instant,
    files: u64,
    shown: bool,
    sized: bool,
    /// Totals from the background count.
    pub totals: Arc<Totals>,
}

/// How long a run goes before the line appears.
const DELAY: Duration = Duration::from_millis(700);

impl Progress {
    /// A progress line, shown only when `wanted` and standard error is a terminal.
    pub fn new(wanted: bool) -> Self {
        let bar = (wanted && io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{msg}  {bytes}  {bytes_per_sec}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            files: 0,
            shown: false,
            sized: false,
            totals: Arc::default(),
        }
    }

    /// True when the line may be drawn (so a background count is worth it).
    pub fn enabled(&self) -> bool {
        self.bar.is_some()
    }

    /// Records one finished input.
    pub fn tick(&mut self, bytes: u64) {
        self.files += 1;
        let Some(bar) = &self.bar else { return };
        bar.inc(bytes);
        if !self.sized && self.totals.done.load(Ordering::Acquire) {
            self.sized = true;
            bar.set_length(self.totals.bytes.load(Ordering::Relaxed).max(bar.position()));
            bar.set_style(
                ProgressStyle::with_template("{bar:20} {percent:>3}%  {msg}  {bytes_per_sec}  {eta} left")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("█░░"),
            );
        }
        let total = self.totals.files.load(Ordering::Relaxed);
        bar.set_message(if self.sized {
            format!("{}/{} files", self.files, total.max(self.files))
        } else {
            plural(self.files as usize, "file")
        });
        if !self.shown && self.start.elapsed() >= DELAY {
            self.shown = true;
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Runs `write` with the line lifted off the screen, for output that
    /// goes to the same terminal.
    pub fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.shown => bar.suspend(write),
            _ => write(),
        }
    }

    /// Prints a message on its own line above the progress line.
    pub fn message(&self, msg: &str) {
        self.suspend(|| super::print_error_line(msg));
    }

    /// Clears the line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_line_is_silent() {
        let mut p = Progress::new(false);
        assert!(!p.enabled());
        p.tick(10);
        assert_eq!(p.suspend(|| 3), 3);
        p.finish();
    }
}
