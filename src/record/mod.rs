//! The output record: one [`Article`] per input, the contract that users and
//! every output format rely on. [`build`] makes it from a finished
//! [`crate::document::Document`], the only place where analysis meets the
//! record.
//!
//! Field names and order here are the JSON schema documented in README.md;
//! kinds and codes are enums whose serde names are the strings of that
//! schema.
//! All offsets are Unicode code point offsets into the decoded text (a
//! leading BOM not counted), end exclusive, so Python's `text[start:end]`
//! gives the span.

mod build;
mod schema;

pub use build::build;
pub use schema::*;
