//! Which quoted stretches are quotes. Every pair of marks is a candidate;
//! scare quotes ("the so-called "reform""), titles ("the film "Heat"", "on
//! CBS's "60 Minutes""), slogans on signs and headline teasers are not
//! quotes. The decision is a linear score over features of the candidate
//! (its length and shape, the word before it, where its attribution was
//! found, who the speaker is, its block), with weights learned from
//! annotated news articles by `scripts/train_quote_keep.py` and kept in
//! `data/quote-keep.tsv`.

use std::sync::LazyLock;

use crate::document::{BlockKind, Document, Entities, Kind, QuoteSpan};
use crate::hash::FxHashMap;
use crate::lexicon::{with_lower, QUOTE_PRECEDING_WORDS};

use super::quote_text;

/// The learned weights, by feature.
static WEIGHTS: LazyLock<FxHashMap<&'static str, f32>> =
    LazyLock::new(|| crate::weights::parse(include_str!("../../data/quote-keep.tsv")));

/// Whether the candidate is a quote: its score is above zero.
pub(super) fn keep(doc: &Document, q: &QuoteSpan, has_double: bool) -> bool {
    score(&features(doc, q, has_double)) > 0.0
}

/// The candidate's score: the bias plus the weights of its features.
pub fn score(features: &[String]) -> f32 {
    let w = &*WEIGHTS;
    w.get("bias").copied().unwrap_or(0.0) + features.iter().filter_map(|f| w.get(f.as_str())).sum::<f32>()
}

/// The features of a candidate quote, as `name=value` strings;
/// `has_double` says whether the article has double-marked quotes.
pub fn features(doc: &Document, q: &QuoteSpan, has_double: bool) -> Vec<String> {
    let text = doc.text;
    let t = quote_text(text, q);
    let words: Vec<&str> = t.split_whitespace().collect();
    let mut out = Vec::with_capacity(16);
    let len = match words.len() {
        0..=4 => words.len().to_string(),
        5..=9 => "5-9".to_string(),
        _ => "10+".to_string(),
    };
    out.push(format!("len={len}"));
    let first = t.chars().next();
    let capitalized = first.is_some_and(|c| c.is_uppercase() || c.is_numeric());
    out.push(format!("cap={capitalized}"));
    let trimmed = t.trim_end_matches(['"', '\'', '’', '”']);
    let end = match trimmed.chars().last() {
        Some('.' | '!' | '?' | '…') => "stop",
        Some(',' | ';' | ':' | '—' | '-') => "comma",
        _ => "none",
    };
    out.push(format!("end={end}"));
    let small = |w: &str| {
        matches!(
            w,
            "of" | "the" | "a" | "an" | "and" | "in" | "on" | "to" | "for" | "at"
        )
    };
    let title_case = words.len() >= 2
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                || small(w)
        });
    out.push(format!("title={title_case}"));
    out.push(format!("title+len={title_case}+{len}"));
    let first_person = words.iter().any(|w| {
        with_lower(w.trim_matches(|c: char| !c.is_alphanumeric()), |w| {
            matches!(
                w,
                "i" | "we" | "my" | "our" | "me" | "us" | "i'm" | "i’m" | "we're" | "we’re"
            )
        })
    });
    out.push(format!("first_person={first_person}"));
    let block = match doc.blocks[q.block].kind {
        BlockKind::Headline => "headline",
        BlockKind::Bullet => "bullet",
        BlockKind::Caption => "caption",
        BlockKind::Paragraph => "paragraph",
    };
    out.push(format!("block={block}"));
    let before = text[..q.marks.start].trim_end();
    let prev_word: String = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    let prev = if before.ends_with(':') {
        ":"
    } else if before.ends_with(',') {
        ","
    } else if before.is_empty() || before.ends_with(['\n', '\r']) || before.ends_with(['.', '!', '?']) {
        "start"
    } else {
        QUOTE_PRECEDING_WORDS
            .words()
            .iter()
            .find(|w| **w == prev_word)
            .copied()
            .unwrap_or("other")
    };
    out.push(format!("prev={prev}"));
    out.push(format!("prev+len={prev}+{len}"));
    let in_brackets = before.ends_with('(') || text[q.marks.end..].trim_start().starts_with(')');
    out.push(format!("brackets={in_brackets}"));
    // Single marks in an article that also uses double ones mark nested or
    // scare quotes; in British style, where they are the only marks, they
    // are the quotes.
    let single = has_double && !is_double(text, q);
    out.push(format!("single={single}"));
    let (slot, speaker) = match &q.attribution {
        None => ("none", "none"),
        Some(a) => (
            a.slot.name(),
            speaker_kind(text, &doc.entities, a.entity, &a.speaker),
        ),
    };
    out.push(format!("slot={slot}"));
    out.push(format!("speaker={speaker}"));
    out.push(format!("slot+len={slot}+{len}"));
    out.push(format!("slot+cap={slot}+{capitalized}"));
    out
}

/// Whether any candidate of the article is marked with double marks.
pub fn has_double_marks(text: &str, quotes: &[QuoteSpan]) -> bool {
    quotes.iter().any(|q| is_double(text, q))
}

/// Whether a quote opens with a double mark (two apostrophes count).
fn is_double(text: &str, q: &QuoteSpan) -> bool {
    let at = &text[q.marks.start..];
    !matches!(at.chars().next(), Some('\'' | '‘' | '’' | '‹' | '›' | '‚'))
        || at.starts_with("''")
        || at.starts_with("’’")
        || at.starts_with("‘‘")
}

/// What kind of speaker an attribution names: a person, an organization,
/// a pronoun or a description.
fn speaker_kind(
    text: &str,
    entities: &Entities,
    entity: Option<usize>,
    speaker: &std::ops::Range<usize>,
) -> &'static str {
    match entity.map(|e| entities.entities[e].kind) {
        Some(Kind::Person) => "person",
        Some(Kind::Organization) => "organization",
        Some(_) => "other",
        None => {
            let words = text[speaker.clone()].split_whitespace().count();
            if words == 1
                && text[speaker.clone()]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            {
                "pronoun"
            } else if text[speaker.clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            {
                "name"
            } else {
                "description"
            }
        }
    }
}
