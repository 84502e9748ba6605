//! newsscan turns news articles into structured records: headline, byline,
//! dateline, bullets, photo captions and credits, paragraphs, direct
//! quotes with their speakers, and named entities with their mentions.
//!
//! ```
//! use newsscan::{analyze, input::decode, Options};
//!
//! let text = "Tunnel approved\n\nBy Dana Whitfield\n\nThe council voted on Tuesday.\n";
//! let record = analyze(&decode(text.as_bytes()).unwrap(), &Options::default());
//! assert_eq!(record.headline.as_deref(), Some("Tunnel approved"));
//! assert_eq!(record.authors, ["Dana Whitfield"]);
//! assert_eq!(record.stats.paragraphs, 1);
//! ```
//!
//! The analysis ([`pipeline::analyze`]) runs numbered passes over one
//! [`document::Document`]: [`layout`], sentences and tokens ([`text`]),
//! mentions and entities ([`entities`]), [`quotes`]; [`record`] turns the
//! finished document into the output record, and [`output`] prints it.
//! The crate holds all the logic; the `newsscan` binary is a thin command
//! line over it.

#![warn(clippy::too_many_lines)]

pub mod check;
pub mod corpus;
pub mod document;
pub mod entities;
pub mod hash;
pub mod html;
pub mod input;
pub mod invariants;
pub mod layout;
pub mod lexicon;
pub mod output;
pub mod pipeline;
pub mod quote_eval;
pub mod quotes;
pub mod record;
pub mod report;
pub mod synth;
pub mod text;
pub mod weights;

pub use pipeline::{analyze, Options};
