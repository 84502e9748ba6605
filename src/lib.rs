//! newsscan turns plain-text news articles into structured records: headline,
//! byline, dateline, bullets, photo captions and credits, paragraphs, direct
//! quotes with their speakers, and named entities with their mentions.
//!
//! ```
//! use newsscan::{analyze::{analyze, Options}, input::decode};
//!
//! let text = "Tunnel approved\n\nBy Dana Whitfield\n\nThe council voted on Tuesday.\n";
//! let record = analyze(&decode(text.as_bytes()).unwrap(), &Options::default());
//! assert_eq!(record.headline.as_deref(), Some("Tunnel approved"));
//! assert_eq!(record.authors, ["Dana Whitfield"]);
//! assert_eq!(record.stats.paragraphs, 1);
//! ```
//!
//! The crate holds all the logic; the `newsscan` binary is a thin command
//! line over it.

pub mod analyze;
pub mod check;
pub mod corpus;
pub mod entities;
pub mod input;
pub mod invariants;
pub mod layout;
pub mod output;
pub mod quote_eval;
pub mod quotes;
pub mod record;
pub mod report;
pub mod synth;
pub mod text;
