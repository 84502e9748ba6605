//! SIGINT and SIGTERM: the first one asks the run to stop once the record
//! being written is whole, so output never ends with half a record; a
//! second one ends the process at once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

use signal_hook::consts::{SIGINT, SIGTERM};

/// The signal received, or 0.
static RECEIVED: LazyLock<Arc<AtomicUsize>> = LazyLock::new(Arc::default);

/// Installs the handlers.
pub fn install() {
    for signal in [SIGINT, SIGTERM] {
        let flag = Arc::clone(&RECEIVED);
        // Registered first, so it sees the flag as the previous signal left
        // it: set means this is the second signal.
        let second = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&second));
        let _ = signal_hook::flag::register(signal, second);
        let _ = signal_hook::flag::register_usize(signal, flag, signal as usize);
    }
}

/// The signal that asked the run to stop, if any.
pub fn stop_requested() -> Option<i32> {
    match RECEIVED.load(Ordering::Relaxed) {
        0 => None,
        s => Some(s as i32),
    }
}

/// An error that stops a run between two records after a signal.
#[derive(Debug)]
pub struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stopped by a signal")
    }
}

impl std::error::Error for Stopped {}

/// `Err(Stopped)` once a signal has arrived: sinks call it before each
/// record.
pub fn check() -> std::io::Result<()> {
    match stop_requested() {
        Some(_) => Err(std::io::Error::other(Stopped)),
        None => Ok(()),
    }
}

/// True when `err` is the stop [`check`] returns.
pub fn is_stop(err: &std::io::Error) -> bool {
    err.get_ref().is_some_and(|e| e.is::<Stopped>())
}
