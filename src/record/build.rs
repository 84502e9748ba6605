//! The record made from a finished document: byte ranges become code point
//! offsets, ranges become folded text, entity and quote indices become
//! names, and the counts are taken.

use std::ops::Range;

use super::schema::{Article, Caption, Entity, Mention, PageBlock, Quote, Span, Stats, Warning, WarningCode};
use crate::document::{BlockKind, Document};
use crate::input::Decoded;
use crate::quotes::quote_text;
use crate::text::{field_text, CharIndex};

/// Builds the record of `doc`, decoded from `source`; `sentences` adds the
/// sentence spans. `path` and `id` are left for the caller.
pub fn build(doc: &Document, source: &Decoded, options: &crate::pipeline::Options) -> Article {
    let text = doc.text;
    let index = CharIndex::new(text);
    let span = |r: &Range<usize>| Span {
        text: field_text(&text[r.clone()]).into_owned(),
        start: index.chars(r.start),
        end: index.chars(r.end),
    };
    let fold = |r: &Range<usize>| field_text(&text[r.clone()]).into_owned();
    let layout = &doc.layout;
    let mut entities = entities(doc, &index);
    let quotes = quotes(doc, &index, &mut entities);
    let organizations = entities
        .iter()
        .filter(|e| e.kind == crate::document::Kind::Organization)
        .map(|e| e.name.clone())
        .collect();
    Article {
        path: None,
        id: None,
        encoding: source.encoding.name().to_string(),
        source_format: source.format.name().to_string(),
        headline: layout.headline.as_ref().map(fold),
        // A page keeps its runs of spaces (`by  Name`); a field has none.
        byline: layout
            .byline
            .as_deref()
            .map(|b| field_text(b).split_whitespace().collect::<Vec<_>>().join(" ")),
        authors: layout.authors.clone(),
        dateline: layout.dateline.clone(),
        date: layout.date.as_deref().map(|d| field_text(d).trim().to_string()),
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
        quotes,
        entities,
        organizations,
        warnings: warnings(doc, &index),
        stats: Stats {
            bytes: source.bytes,
            chars: if text.len() == source.text.len() {
                index.chars(text.len())
            } else {
                source.text.chars().count()
            },
            words: doc.words,
            sentences: doc.sentences.len(),
            paragraphs: layout.paragraphs.len(),
        },
        tokens: doc.word_spans.as_ref().map(|w| w.iter().map(span).collect()),
        sentences: options
            .sentences
            .then(|| doc.sentences.iter().map(|s| span(&s.range)).collect()),
        blocks: options.blocks.then(|| {
            layout
                .page
                .iter()
                .map(|b| PageBlock {
                    class: b.class,
                    text: b.source.clone().unwrap_or_else(|| fold(&b.range)),
                    start: b.source.is_none().then(|| index.chars(b.range.start)),
                    end: b.source.is_none().then(|| index.chars(b.range.end)),
                    score: (b.score * 1000.0).round() / 1000.0,
                    features: b.features.clone(),
                })
                .collect()
        }),
        text: None,
        meta: None,
    }
}

/// The entities with their mentions (quote counts are added by [`quotes`]).
fn entities(doc: &Document, index: &CharIndex) -> Vec<Entity> {
    let text = doc.text;
    let found = &doc.entities;
    found
        .entities
        .iter()
        .map(|e| Entity {
            name: e.name.clone(),
            kind: e.kind,
            count: e.mentions.len(),
            aliases: e.aliases.clone(),
            quotes: 0,
            mentions: e
                .mentions
                .iter()
                .map(|&m| {
                    let r = &found.mentions[m].range;
                    Mention {
                        text: field_text(&text[r.clone()]).into_owned(),
                        start: index.chars(r.start),
                        end: index.chars(r.end),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The quotes, counting each attributed one on its speaker's entity.
fn quotes(doc: &Document, index: &CharIndex, entities: &mut [Entity]) -> Vec<Quote> {
    let text = doc.text;
    let found = &doc.entities.entities;
    doc.quotes
        .iter()
        .map(|q| {
            let block = &doc.blocks[q.block];
            let a = q.attribution.as_ref();
            let entity = a.and_then(|a| a.entity);
            if let Some(e) = entity {
                entities[e].quotes += 1;
            }
            Quote {
                text: quote_text(text, q),
                start: index.chars(q.range.start),
                end: index.chars(q.range.end),
                paragraph: (block.kind == BlockKind::Paragraph).then_some(block.index),
                block: block.kind,
                partial: q.partial,
                speaker: a.map(|a| match a.entity {
                    Some(e) => found[e].name.clone(),
                    None => field_text(&text[a.speaker.clone()]).into_owned(),
                }),
                speaker_kind: entity.map(|e| found[e].kind),
                speaker_for: a.and_then(|a| a.speaks_for).map(|e| found[e].name.clone()),
                speaker_text: a.map(|a| field_text(&text[a.speaker.clone()]).into_owned()),
                speaker_start: a.map(|a| index.chars(a.speaker.start)),
                speaker_end: a.map(|a| index.chars(a.speaker.end)),
                // A speaker read from the sentence's subject has no verb.
                cue: a.map(|a| a.cue.clone()).filter(|c| !c.is_empty()),
            }
        })
        .collect()
}

/// Unpaired marks kept as warnings, at most: a text of nothing but
/// quotation marks gets this many and one more saying how many there were.
const MAX_UNPAIRED_WARNINGS: usize = 1000;

/// One warning per unpaired quotation mark (up to a limit), then one per
/// limit the passes reached, in text order.
fn warnings(doc: &Document, index: &CharIndex) -> Vec<Warning> {
    let mut out: Vec<Warning> = doc
        .unpaired
        .iter()
        .take(MAX_UNPAIRED_WARNINGS)
        .map(|u| {
            let offset = index.chars(u.offset);
            Warning {
                code: WarningCode::UnpairedQuote,
                message: format!(
                    "unpaired {} quotation mark {} at offset {offset}",
                    if u.opening { "opening" } else { "closing" },
                    u.mark
                ),
                offset,
            }
        })
        .collect();
    if doc.unpaired.len() > MAX_UNPAIRED_WARNINGS {
        let at = doc.unpaired[MAX_UNPAIRED_WARNINGS].offset;
        out.push(Warning {
            code: WarningCode::TooMany,
            message: format!(
                "{} unpaired quotation marks; only the first {MAX_UNPAIRED_WARNINGS} are listed",
                doc.unpaired.len()
            ),
            offset: index.chars(at),
        });
    }
    for limit in &doc.limits {
        out.push(Warning {
            code: limit.code,
            message: limit.message.clone(),
            offset: index.chars(limit.offset.min(doc.text.len())),
        });
    }
    out.sort_by_key(|w| w.offset);
    out
}
