//! Named entities: pass 3 ([`tag`]) finds people, organizations, places and
//! other names with a trained sequence tagger ([`model`], [`features`],
//! [`gazetteer`], [`clusters`]) and fixes what rules reliably can
//! ([`rules`]); pass 4 ([`resolve`]) groups the mentions into entities.
//! [`train`], [`conll`] and [`eval`] build and score models.
//!
//! The default model is embedded in the binary (`data/model.bin`, rebuilt
//! by `scripts/build-model.sh`) and parsed once, on first use.

pub mod clusters;
pub mod conll;
pub mod credits;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod resolve;
pub mod rules;
pub mod tags;
pub mod train;

use std::sync::LazyLock;

use crate::document::{Document, LimitReached, Sentence, TaggedMention, WarningCode};

/// Mentions kept per article, at most (a long article has a few thousand).
const MAX_MENTIONS: usize = 50_000;

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
        let res = model.resources();
        rules::apply(sentences, &mut spans, res.gazetteer, res.casing);
    }
    spans
}

/// Tokens tagged at once, at most.
const MAX_SENTENCE: usize = 256;

/// Pass 3: tags the sentences of the document, applies the rules, and
/// makes the dateline's place a location (it names where the story was
/// filed).
pub fn tag(doc: &mut Document, model: &Model) {
    let text = doc.text;
    // Sentences without tokens are left out; the tagger never sees them.
    let tagged: Vec<&Sentence> = doc.sentences.iter().filter(|s| !s.tokens.is_empty()).collect();
    let words: Vec<Vec<&str>> = tagged
        .iter()
        .map(|s| {
            doc.tokens[s.tokens.clone()]
                .iter()
                .map(|r| &text[r.clone()])
                .collect()
        })
        .collect();
    let spans = tag_tokens(model, &words, true);
    let mut out = Vec::new();
    'sentences: for (sentence, ss) in tagged.iter().zip(&spans) {
        let tokens = &doc.tokens[sentence.tokens.clone()];
        for s in ss {
            if out.len() == MAX_MENTIONS {
                doc.limits.push(LimitReached {
                    code: WarningCode::TooMany,
                    message: format!(
                        "more than {MAX_MENTIONS} names; the rest of the article is not searched for names"
                    ),
                    offset: tokens[s.start].start,
                });
                break 'sentences;
            }
            out.push(TaggedMention {
                range: tokens[s.start].start..tokens[s.end - 1].end,
                kind: s.kind,
                block: sentence.block,
            });
        }
    }
    // Bylines and photo credits name people and agencies too.
    let byline = doc
        .layout
        .byline
        .as_ref()
        .and_then(|b| text.find(b.as_str()).map(|s| s..s + b.len()));
    let credits: Vec<std::ops::Range<usize>> = doc
        .layout
        .captions
        .iter()
        .filter_map(|c| c.credit.clone())
        .collect();
    credits::add(
        text,
        byline,
        &doc.layout.authors,
        &credits,
        model.resources().gazetteer,
        &mut out,
    );
    if let Some(place) = &doc.layout.dateline_place {
        let mut named = false;
        for m in out.iter_mut() {
            if m.range.start < place.end && place.start < m.range.end {
                m.kind = Kind::Location;
                named = true;
            }
        }
        // A dateline on a line of its own ("LONDON 1996-08-30") is in no
        // block the tagger reads; its place is a location all the same.
        let in_block = doc
            .blocks
            .iter()
            .any(|b| b.range.start <= place.start && place.end <= b.range.end);
        if !named && !in_block && out.len() < MAX_MENTIONS {
            let at = out.partition_point(|m| m.range.start < place.start);
            let block = doc.blocks.partition_point(|b| b.range.end <= place.start);
            out.insert(
                at,
                TaggedMention {
                    range: place.clone(),
                    kind: Kind::Location,
                    block: block.min(doc.blocks.len().saturating_sub(1)),
                },
            );
        }
    }
    doc.mentions = out;
}
