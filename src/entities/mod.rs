//! Named entities: a trained sequence tagger finds people, organizations,
//! places and other names, rules fix what they reliably can, and mentions
//! are grouped into entities.
//!
//! The default model is embedded in the binary (`data/model.bin`, rebuilt
//! by `scripts/build-model.sh`) and parsed once, on first use.

pub mod clusters;
pub mod conll;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod hash;
pub mod model;
pub mod resolve;
mod rules;
pub mod tags;
pub mod tokenize;
pub mod train;

use std::ops::Range;
use std::sync::LazyLock;

pub use model::{Model, ModelError};
pub use tags::{Kind, TokenSpan};

static DEFAULT_MODEL: LazyLock<Model> = LazyLock::new(|| {
    let bytes: &[u8] = include_bytes!("../../data/model.bin");
    Model::from_bytes(bytes).unwrap_or_else(|_| Model::empty())
});

/// The model embedded in the binary.
pub fn default_model() -> &'static Model {
    &DEFAULT_MODEL
}

/// One mention found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte range into the decoded text.
    pub range: Range<usize>,
    /// What it names.
    pub kind: Kind,
    /// Index of the block it sits in.
    pub block: usize,
}

/// Tags tokenized sentences of one document, then applies the rules
/// (unless `rules` is false).
pub fn tag_tokens(model: &Model, sentences: &[Vec<&str>], rules: bool) -> Vec<Vec<TokenSpan>> {
    // Very long "sentences" (tables, text without punctuation) are tagged in
    // pieces so that memory and time stay proportional to the text.
    if sentences.iter().any(|s| s.len() > MAX_SENTENCE) {
        let mut pieces: Vec<Vec<&str>> = Vec::new();
        let mut owner: Vec<(usize, usize)> = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            for (k, chunk) in s.chunks(MAX_SENTENCE).enumerate() {
                pieces.push(chunk.to_vec());
                owner.push((i, k * MAX_SENTENCE));
            }
            if s.is_empty() {
                pieces.push(Vec::new());
                owner.push((i, 0));
            }
        }
        let tagged = tag_tokens(model, &pieces, rules);
        let mut out: Vec<Vec<TokenSpan>> = vec![Vec::new(); sentences.len()];
        for (spans, (i, offset)) in tagged.into_iter().zip(owner) {
            out[i].extend(spans.into_iter().map(|s| TokenSpan {
                start: s.start + offset,
                end: s.end + offset,
                kind: s.kind,
            }));
        }
        return out;
    }
    let tags = model.tag_document(sentences);
    let mut spans: Vec<Vec<TokenSpan>> = tags.iter().map(|t| tags::spans(t)).collect();
    if rules && !model.is_empty() {
        rules::apply(sentences, &mut spans, model.resources().gazetteer);
    }
    spans
}

/// Tokens tagged at once, at most.
const MAX_SENTENCE: usize = 256;

/// A sentence cut into tagger tokens, and the block it belongs to.
#[derive(Clone, Debug)]
pub struct TokenizedSentence {
    /// Index of the block (see [`crate::analyze::blocks`]).
    pub block: usize,
    /// Token byte ranges into the text.
    pub tokens: Vec<Range<usize>>,
}

/// Finds entity mentions in an article's sentences (in text order).
pub fn find_mentions(model: &Model, text: &str, sentences: &[TokenizedSentence]) -> Vec<Mention> {
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(|r| &text[r.clone()]).collect())
        .collect();
    let spans = tag_tokens(model, &words, true);
    let mut out = Vec::new();
    for (sentence, ss) in sentences.iter().zip(&spans) {
        for s in ss {
            out.push(Mention {
                range: sentence.tokens[s.start].start..sentence.tokens[s.end - 1].end,
                kind: s.kind,
                block: sentence.block,
            });
        }
    }
    out
}
