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

use std::ops::Range;
use std::sync::LazyLock;

use crate::document::{Block, Document, LimitReached, Sentence, TaggedMention, WarningCode};

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
    // Each sentence's case, told once for the tagger and the rules.
    let res = model.resources();
    let lines: Vec<features::LineCase> = sentences.iter().map(|w| res.casing.line_case(w)).collect();
    let tags = model.tag_lines(sentences, &lines);
    let mut spans: Vec<Vec<TokenSpan>> = tags.iter().map(|t| tags::spans(t)).collect();
    if rules && !model.is_empty() {
        rules::apply(sentences, &mut spans, &lines, res.gazetteer, res.casing);
    }
    spans
}

/// Adds names found outside the tagged sentences (`found`, any order) to
/// the mentions (in text order, not overlapping), leaving out those that
/// overlap a mention or each other, in one sort.
fn add_outside(out: &mut Vec<TaggedMention>, blocks: &[Block], mut found: Vec<(Range<usize>, Kind)>) {
    found.sort_by_key(|(r, _)| r.start);
    let tagged = out.len();
    let mut last_end = 0;
    for (range, kind) in found {
        if out.len() >= MAX_MENTIONS {
            break;
        }
        // The mentions are sorted and apart: only the last one starting
        // before this name's end can overlap it.
        let before = out[..tagged].partition_point(|m| m.range.start < range.end);
        let overlaps = before > 0 && out[before - 1].range.end > range.start;
        if overlaps || range.start < last_end || range.is_empty() {
            continue;
        }
        last_end = range.end;
        // The block at or after the name, for the order of the record.
        let block = blocks.partition_point(|b| b.range.end <= range.start);
        out.push(TaggedMention {
            range,
            kind,
            block: block.min(blocks.len().saturating_sub(1)),
        });
    }
    out.sort_by_key(|m| m.range.start);
}

/// An emphasis mark of a page converter: a token of asterisks or
/// underscores only.
fn is_emphasis(word: &str) -> bool {
    word.bytes().all(|b| b == b'*' || b == b'_')
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
    // Emphasis marks (`**Denzel Ward**`, `_Star Trek_`) are markup, not
    // words: the tagger reads each sentence without them, and `kept` maps
    // its words back to the sentence's tokens (empty for a sentence
    // without marks, most of them, whose words are its tokens).
    let mut kept: Vec<Vec<usize>> = Vec::with_capacity(tagged.len());
    let words: Vec<Vec<&str>> = tagged
        .iter()
        .map(|s| {
            let tokens = &doc.tokens[s.tokens.clone()];
            let words: Vec<&str> = tokens.iter().map(|r| &text[r.clone()]).collect();
            if tokens.len() == 1 || !words.iter().any(|w| is_emphasis(w)) {
                kept.push(Vec::new());
                return words;
            }
            let at: Vec<usize> = (0..words.len()).filter(|&k| !is_emphasis(words[k])).collect();
            let words = at.iter().map(|&k| words[k]).collect();
            kept.push(at);
            words
        })
        .collect();
    let spans = tag_tokens(model, &words, true);
    let mut out = Vec::new();
    'sentences: for ((sentence, ss), at) in tagged.iter().zip(&spans).zip(&kept) {
        let all = &doc.tokens[sentence.tokens.clone()];
        let index = |i: usize| if at.is_empty() { i } else { at[i] };
        let token = |i: usize| &all[index(i)];
        for s in ss {
            if out.len() == MAX_MENTIONS {
                doc.limits.push(LimitReached {
                    code: WarningCode::TooMany,
                    message: format!(
                        "more than {MAX_MENTIONS} names; the rest of the article is not searched for names"
                    ),
                    offset: token(s.start).start,
                });
                break 'sentences;
            }
            // A name does not run across an emphasis mark ("John Milbank
            // **RRP"): of its parts between marks, the longest stands.
            let mut part = s.start..s.end;
            if !at.is_empty() {
                part = s.start..s.start;
                let mut from = s.start;
                for i in s.start..s.end {
                    if i + 1 == s.end || at[i + 1] != at[i] + 1 {
                        if i + 1 - from > part.len() {
                            part = from..i + 1;
                        }
                        from = i + 1;
                    }
                }
            }
            out.push(TaggedMention {
                range: token(part.start).start..token(part.end - 1).end,
                kind: s.kind,
                block: sentence.block,
            });
        }
    }
    // Bylines, photo credits and a dateline on a line of its own are in no
    // sentence the tagger reads, yet they name people, agencies and places.
    let byline = doc.layout.byline.as_ref().and_then(|b| {
        text.find(b.as_str()).map(|s| s..s + b.len()).or_else(|| {
            // A byline in pieces ("By" and the name on lines of their
            // own) is not written whole: its authors' first mentions
            // stand for it.
            let s = text.find(doc.layout.authors.first()?.as_str())?;
            let authors = doc.layout.authors.iter();
            let e = authors
                .filter_map(|a| text[s..].find(a.as_str()).map(|i| s + i + a.len()))
                .max()?;
            Some(s..e)
        })
    });
    let credits: Vec<std::ops::Range<usize>> = doc
        .layout
        .captions
        .iter()
        .filter_map(|c| c.credit.clone())
        .collect();
    let res = model.resources();
    let mut outside = credits::names(text, byline, &doc.layout.authors, &credits, res.gazetteer);
    if let Some(place) = &doc.layout.dateline_place {
        // The dateline's place is one place, whole: "HARBOR CITY", where
        // the tagger may see "HARBOR" alone or two names.
        let overlaps = |m: &TaggedMention| m.range.start < place.end && place.start < m.range.end;
        let block = doc
            .blocks
            .iter()
            .position(|b| b.range.start <= place.start && place.end <= b.range.end);
        match block {
            Some(block) => {
                out.retain(|m| !overlaps(m));
                // The mentions are in text order.
                let at = out.partition_point(|m| m.range.start < place.start);
                out.insert(
                    at,
                    TaggedMention {
                        range: place.clone(),
                        kind: Kind::Location,
                        block,
                    },
                );
            }
            None => outside.push((place.clone(), Kind::Location)),
        }
    }
    add_outside(&mut out, &doc.blocks, outside);
    doc.mentions = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    #[test]
    fn names_outside_the_sentences_join_in_text_order() {
        let mention = |range: Range<usize>, block| TaggedMention {
            range,
            kind: Kind::Person,
            block,
        };
        let blocks = [
            Block {
                kind: BlockKind::Paragraph,
                range: 20..40,
                index: 0,
            },
            Block {
                kind: BlockKind::Paragraph,
                range: 60..80,
                index: 1,
            },
        ];
        let mut out = vec![mention(22..26, 0), mention(62..66, 1)];
        let found = vec![
            (45..50, Kind::Organization),
            (0..5, Kind::Location),
            (24..30, Kind::Person), // overlaps a tagged mention
            (46..52, Kind::Person), // overlaps another found name
            (90..95, Kind::Person), // after the last block
        ];
        add_outside(&mut out, &blocks, found);
        let got: Vec<(Range<usize>, Kind, usize)> =
            out.iter().map(|m| (m.range.clone(), m.kind, m.block)).collect();
        assert_eq!(
            got,
            [
                (0..5, Kind::Location, 0),
                (22..26, Kind::Person, 0),
                (45..50, Kind::Organization, 1),
                (62..66, Kind::Person, 1),
                (90..95, Kind::Person, 1),
            ]
        );
    }
}
