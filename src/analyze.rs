//! The analysis pipeline: decoded text in, [`Article`] record out.
//!
//! Layout comes first; quotes and entities then work on the article's text
//! blocks (headline, bullets, captions, paragraphs) so that boilerplate and
//! credits never produce quotes or names.

use std::ops::Range;

use crate::entities::{self, Model};
use crate::input::Decoded;
use crate::layout::{self, Layout};
use crate::quotes;
use crate::record::{Article, Caption, Entity, Mention, Quote, Span, Stats, Warning};
use crate::text::{self, fold_lines, CharIndex};

/// What part of the article a block of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// The headline.
    Headline,
    /// A bullet summary item.
    Bullet,
    /// A photo caption.
    Caption,
    /// A body paragraph.
    Paragraph,
}

impl BlockKind {
    /// The name used in records.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Headline => "headline",
            BlockKind::Bullet => "bullet",
            BlockKind::Caption => "caption",
            BlockKind::Paragraph => "paragraph",
        }
    }
}

/// A block of article text that quotes and entities are looked for in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Byte range into the decoded text.
    pub range: Range<usize>,
    /// Index among blocks of the same kind.
    pub index: usize,
}

/// The article's text blocks in text order.
pub fn blocks(layout: &Layout) -> Vec<Block> {
    let mut out = Vec::new();
    let mut push = |kind, range: &Range<usize>, index| {
        out.push(Block {
            kind,
            range: range.clone(),
            index,
        })
    };
    if let Some(h) = &layout.headline {
        push(BlockKind::Headline, h, 0);
    }
    for (i, b) in layout.bullets.iter().enumerate() {
        push(BlockKind::Bullet, b, i);
    }
    for (i, c) in layout.captions.iter().enumerate() {
        if let Some(t) = &c.text {
            push(BlockKind::Caption, t, i);
        }
    }
    for (i, p) in layout.paragraphs.iter().enumerate() {
        push(BlockKind::Paragraph, p, i);
    }
    out.sort_by_key(|b| b.range.start);
    out
}

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
pub fn analyze(decoded: &Decoded, options: &Options) -> Article {
    let text = decoded.text.as_str();
    let layout = layout::parse(text);
    let index = CharIndex::new(text);
    let span = |r: &Range<usize>| Span {
        text: fold_lines(&text[r.clone()]).into_owned(),
        start: index.chars(r.start),
        end: index.chars(r.end),
    };
    let fold = |r: &Range<usize>| fold_lines(&text[r.clone()]).into_owned();

    let blocks = blocks(&layout);
    let mut words = 0;
    let mut sentence_count = 0;
    let mut tokens = options.tokens.then(Vec::new);
    let mut sentences = options.sentences.then(Vec::new);
    // Each sentence is segmented once; the segments give the word count,
    // the --tokens list and the entity tagger's tokens.
    let mut tagged: Vec<entities::TokenizedSentence> = Vec::new();
    let mut segments = Vec::new();
    // Sentences per block, split once and shared with quote attribution.
    let block_sentences: Vec<Vec<Range<usize>>> = blocks
        .iter()
        .map(|b| text::sentences(text, b.range.clone()))
        .collect();
    for (b, block_sents) in block_sentences.iter().enumerate() {
        for s in block_sents.iter().cloned() {
            sentence_count += 1;
            if let Some(out) = sentences.as_mut() {
                out.push(span(&s));
            }
            segments.clear();
            text::segments_into(text, s, &mut segments);
            for seg in &segments {
                if text::is_word(&text[seg.clone()]) {
                    words += 1;
                    if let Some(t) = tokens.as_mut() {
                        t.push(span(seg));
                    }
                }
            }
            let toks = entities::tokenize::tokens_from_segments(text, &segments);
            if !toks.is_empty() {
                tagged.push(entities::TokenizedSentence {
                    block: b,
                    tokens: toks,
                });
            }
        }
    }

    let mut mentions = entities::find_mentions(options.model, text, &tagged);
    if let Some(place) = &layout.dateline_place {
        // The dateline names where the story was filed: always a place.
        for m in mentions.iter_mut() {
            if m.range.start < place.end && place.start < m.range.end {
                m.kind = entities::Kind::Location;
            }
        }
    }
    let block_ranges: Vec<(usize, Range<usize>)> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (i, b.range.clone()))
        .collect();
    let resolved = entities::resolve::resolve(
        text,
        &mentions,
        &block_ranges,
        options.model.resources().gazetteer,
    );
    let (found, unpaired) = quotes::find(text, &blocks, &block_sentences, &resolved);

    let mut entity_list: Vec<Entity> = resolved
        .entities
        .iter()
        .map(|e| Entity {
            name: e.name.clone(),
            kind: e.kind.name().to_string(),
            count: e.mentions.len(),
            aliases: e.aliases.clone(),
            quotes: 0,
            mentions: e
                .mentions
                .iter()
                .map(|&m| {
                    let r = &resolved.mentions[m].range;
                    Mention {
                        text: fold_lines(&text[r.clone()]).into_owned(),
                        start: index.chars(r.start),
                        end: index.chars(r.end),
                    }
                })
                .collect(),
        })
        .collect();
    let quote_records: Vec<Quote> = found
        .iter()
        .map(|q| {
            let block = &blocks[q.block];
            let a = q.attribution.as_ref();
            let entity = a.and_then(|a| a.entity);
            if let Some(e) = entity {
                entity_list[e].quotes += 1;
            }
            Quote {
                text: q.text(text),
                start: index.chars(q.range.start),
                end: index.chars(q.range.end),
                paragraph: (block.kind == BlockKind::Paragraph).then_some(block.index),
                block: block.kind.name().to_string(),
                speaker: a.map(|a| match a.entity {
                    Some(e) => resolved.entities[e].name.clone(),
                    None => fold_lines(&text[a.speaker.clone()]).into_owned(),
                }),
                speaker_kind: entity.map(|e| resolved.entities[e].kind.name().to_string()),
                speaker_text: a.map(|a| fold_lines(&text[a.speaker.clone()]).into_owned()),
                speaker_start: a.map(|a| index.chars(a.speaker.start)),
                speaker_end: a.map(|a| index.chars(a.speaker.end)),
                cue: a.map(|a| a.cue.clone()),
            }
        })
        .collect();
    let warnings = unpaired
        .iter()
        .map(|u| {
            let offset = index.chars(u.offset);
            Warning {
                code: "unpaired-quote".to_string(),
                message: format!(
                    "unpaired {} quotation mark {} at offset {offset}",
                    if u.opening { "opening" } else { "closing" },
                    u.mark
                ),
                offset,
            }
        })
        .collect();
    let organizations = entity_list
        .iter()
        .filter(|e| e.kind == "organization")
        .map(|e| e.name.clone())
        .collect();

    Article {
        path: None,
        id: None,
        encoding: decoded.encoding.name().to_string(),
        headline: layout.headline.as_ref().map(fold),
        byline: layout.byline.clone(),
        authors: layout.authors.clone(),
        dateline: layout.dateline.clone(),
        date: layout.date.clone(),
        bullets: layout.bullets.iter().map(fold).collect(),
        captions: layout
            .captions
            .iter()
            .map(|c| Caption {
                text: c.text.as_ref().map(fold).unwrap_or_default(),
                credit: c.credit.as_ref().map(fold),
            })
            .collect(),
        paragraphs: layout.paragraphs.iter().map(span).collect(),
        quotes: quote_records,
        entities: entity_list,
        organizations,
        warnings,
        stats: Stats {
            bytes: decoded.bytes,
            chars: index.chars(text.len()),
            words,
            sentences: sentence_count,
            paragraphs: layout.paragraphs.len(),
        },
        tokens,
        sentences,
        meta: None,
    }
}
