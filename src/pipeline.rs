//! The analysis: one [`Document`] per article, extended by the passes in a
//! fixed order, then turned into the record.

use crate::document::{Document, LimitReached, WarningCode};
use crate::entities::{self, Model};
use crate::input::{Decoded, SourceFormat};
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
    /// Add every block with its class, score and features.
    pub blocks: bool,
    /// The entity model.
    pub model: &'m Model,
    /// Bytes of one article analyzed at most ([`MAX_ANALYZED_BYTES`]).
    pub max_analyzed_bytes: usize,
}

/// Bytes of one article analyzed, at most: far beyond any news article,
/// and a bound on the memory one input can take (about 150 bytes per
/// analyzed byte in the worst case). Past it, the record keeps the
/// article's beginning and says where the analysis stopped.
pub const MAX_ANALYZED_BYTES: usize = 4 << 20;

impl Default for Options<'static> {
    fn default() -> Self {
        Options {
            tokens: false,
            sentences: false,
            blocks: false,
            model: entities::default_model(),
            max_analyzed_bytes: MAX_ANALYZED_BYTES,
        }
    }
}

/// Analyzes decoded article text into a record (without `path` or `id`).
///
/// The passes, in order; each reads what the ones before it added.
pub fn analyze(decoded: &Decoded, options: &Options) -> Article {
    if decoded.format == SourceFormat::Html {
        return analyze_html(decoded, options);
    }
    let text = decoded.text.as_str();
    let cut = analysis_end(text, options.max_analyzed_bytes);
    let mut doc = Document::new(&text[..cut]);
    if cut < text.len() {
        doc.limits.push(LimitReached {
            code: WarningCode::Truncated,
            message: format!(
                "the article is larger than the analysis limit: only its first {cut} bytes were analyzed"
            ),
            offset: cut,
        });
    }
    layout::run(&mut doc, options.blocks); //        1. lines -> blocks -> roles
    analyze_document(doc, decoded, options)
}

/// The sentences of an article as the entity tagger sees them (passes 1
/// and 2, words of headline, bullets, captions and paragraphs), for
/// learning word clusters from running text (`newsscan train --unlabeled`).
pub fn tagger_sentences(text: &str) -> Vec<Vec<String>> {
    let doc = segmented(text, Options::default().max_analyzed_bytes);
    doc.sentences
        .iter()
        .filter(|s| !s.tokens.is_empty())
        .map(|s| {
            doc.tokens[s.tokens.clone()]
                .iter()
                .map(|r| doc.text[r.clone()].to_string())
                .collect()
        })
        .collect()
}

/// Passes 2 to 5 and the record, on a document whose layout is known.
fn analyze_document(mut doc: Document, decoded: &Decoded, options: &Options) -> Article {
    text::segment(&mut doc, options.tokens); //      2. sentences and tokens
    entities::tag(&mut doc, options.model); //       3. mentions: tagger, then rules
    let gazetteer = options.model.resources().gazetteer;
    entities::resolve::run(&mut doc, gazetteer); //  4. entities
    quotes::attribute(&mut doc); //                  5. quotes and speakers
    record::build(&doc, decoded, options)
}

/// An HTML page: the article found in it ([`crate::html`]) stands for
/// pass 1, and the record carries the article's text, which its offsets
/// index.
fn analyze_html(decoded: &Decoded, options: &Options) -> Article {
    let mut extracted = crate::html::extract(&decoded.text, options.blocks);
    let cut = analysis_end(&extracted.text, options.max_analyzed_bytes);
    let truncated = cut < extracted.text.len();
    if truncated {
        extracted.text.truncate(cut);
        extracted.layout.keep_within(cut);
    }
    let text = extracted.text.as_str();
    let mut doc = Document::new(text);
    doc.layout = std::mem::take(&mut extracted.layout);
    if truncated {
        doc.limits.push(LimitReached {
            code: WarningCode::Truncated,
            message: format!(
                "the article is larger than the analysis limit: only its first {cut} bytes were analyzed"
            ),
            offset: cut,
        });
    }
    if doc.layout.paragraphs.is_empty() {
        // Without an article, a title found on the page names the site or
        // the menu, not a story.
        doc.layout.headline = None;
        doc.limits.push(LimitReached {
            code: WarningCode::NoArticle,
            message: "no article text was found in the page".to_string(),
            offset: 0,
        });
    }
    doc.blocks = layout::blocks(&doc.layout);
    let mut record = analyze_document(doc, decoded, options);
    record.text = Some(extracted.text);
    record
}

/// A candidate quote with the features its keep decision reads.
#[derive(Clone, Debug, serde::Serialize)]
pub struct QuoteCandidate {
    /// Start of the quoted words (code points).
    pub start: usize,
    /// End of the quoted words (code points).
    pub end: usize,
    /// The features (see [`quotes::keep`]).
    pub features: Vec<String>,
}

/// Every candidate quote of an article with its features, for learning the
/// keep decision (`scripts/train_quote_keep.py`).
pub fn quote_candidates(decoded: &Decoded, options: &Options) -> Vec<QuoteCandidate> {
    let mut doc = segmented(&decoded.text, options.max_analyzed_bytes);
    entities::tag(&mut doc, options.model);
    entities::resolve::run(&mut doc, options.model.resources().gazetteer);
    let index = crate::text::CharIndex::new(doc.text);
    quotes::candidates(&mut doc)
        .into_iter()
        .map(|(q, features)| QuoteCandidate {
            start: index.chars(q.range.start),
            end: index.chars(q.range.end),
            features,
        })
        .collect()
}

/// Passes 1 and 2 on the part of `text` within `limit` bytes, for the
/// tools that read the sentences (no limit warnings, no explanations).
fn segmented(text: &str, limit: usize) -> Document<'_> {
    let mut doc = Document::new(&text[..analysis_end(text, limit)]);
    layout::run(&mut doc, false);
    text::segment(&mut doc, false);
    doc
}

/// Where the analysis of `text` stops: its end, or for a text over
/// `limit` bytes the last line break (else space) before the limit.
fn analysis_end(text: &str, limit: usize) -> usize {
    if text.len() <= limit {
        return text.len();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    // Within the last 64 KiB before the limit: a paragraph break, a line
    // break, a space, in that order of preference.
    let floor = end.saturating_sub(64 << 10);
    for sep in ["\n\n", "\n", " "] {
        if let Some(p) = head.rfind(sep).filter(|&p| p >= floor) {
            return p + sep.len();
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analysis_stops_at_a_break_before_the_limit() {
        assert_eq!(analysis_end("short", 10), 5);
        assert_eq!(analysis_end("one two\nthree four", 12), 8);
        assert_eq!(analysis_end("one two three", 9), 8);
        assert_eq!(analysis_end("ééééé", 3), 2);
    }

    #[test]
    fn long_articles_are_cut_with_a_warning() {
        let text = "Headline\n\n".to_string() + &"The council met. ".repeat(100);
        let decoded = crate::input::decode(text.as_bytes()).unwrap();
        let options = Options {
            max_analyzed_bytes: 200,
            ..Options::default()
        };
        let record = analyze(&decoded, &options);
        assert_eq!(record.warnings.len(), 1);
        assert_eq!(record.warnings[0].code, WarningCode::Truncated);
        assert!(record.paragraphs.iter().all(|p| p.end <= 200));
        assert_eq!(
            record.stats.chars,
            text.chars().count(),
            "counts cover the whole input"
        );
    }
}
