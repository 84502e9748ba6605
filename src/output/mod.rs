//! Output formats. Each format implements [`Printer`] and sees only finished
//! [`Article`] records, never the analysis that produced them.

mod jsonl;
pub mod table;

use std::io;

use serde_json::Value;

use crate::record::Article;

pub use jsonl::{JsonLines, QuoteLines};
pub use table::{sanitize, Style, Table};

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
