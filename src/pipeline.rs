//! The analysis: one [`Document`] per article, extended by the passes in a
//! fixed order, then turned into the record.

use crate::document::Document;
use crate::entities::{self, Model};
use crate::input::Decoded;
use crate::layout;
use crate::quotes;
use crate::record::{self, Article};
use crate::text;

/// Switches for optional parts of the record, and the entity model.
#[derive(Clone, Copy)]
pub struct Options<'m> {
    /// Add the word tokens.
    pub tokens: bool,
    /// Add the sentence spans.
    pub sentences: bool,
    /// The entity model.
    pub model: &'m Model,
}

impl Default for Options<'static> {
    fn default() -> Self {
        Options {
            tokens: false,
            sentences: false,
            model: entities::default_model(),
        }
    }
}

/// Analyzes decoded article text into a record (without `path` or `id`).
///
/// The passes, in order; each reads what the ones before it added.
pub fn analyze(decoded: &Decoded, options: &Options) -> Article {
    let mut doc = Document::new(&decoded.text);
    layout::run(&mut doc); //                        1. lines -> blocks -> roles
    text::segment(&mut doc, options.tokens); //      2. sentences and tokens
    entities::tag(&mut doc, options.model); //       3. mentions: tagger, then rules
    let gazetteer = options.model.resources().gazetteer;
    entities::resolve::run(&mut doc, gazetteer); //  4. entities
    quotes::attribute(&mut doc); //                  5. quotes and speakers
    record::build(&doc, decoded, options.sentences)
}
