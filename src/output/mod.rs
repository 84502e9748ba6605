//! Output formats. Each format implements [`Printer`] and sees only finished
//! [`crate::record::Article`] records, never the analysis that produced them.

mod jsonl;
mod printer;
pub mod table;

pub use jsonl::{JsonLines, QuoteLines};
pub use printer::Printer;
pub use table::{sanitize, Style, Table};
