//! The interface every output format implements.

use std::io;

use serde_json::Value;

use crate::record::Article;

/// Renders analyzed articles in one output format.
///
/// Printers render into a buffer so that records from worker threads can be
/// written whole and in order; nothing half-written ever reaches the output.
pub trait Printer: Send + Sync {
    /// Renders one record.
    fn article(&self, record: &Article, out: &mut Vec<u8>) -> io::Result<()>;

    /// Renders the error record for an input line that could not be
    /// analyzed (JSON Lines input only).
    fn input_error(&self, id: &Value, message: &str, out: &mut Vec<u8>) -> io::Result<()>;
}
