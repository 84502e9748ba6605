//! The words of a clause around a quote, cut like the tagger's tokens so
//! that "U.S." and "Mr." keep their periods and do not read as sentence
//! ends, each with its lower-case form.

use std::ops::Range;

use super::marks::is_quote_char;
use crate::text::{segments, tokens_from_segments};

/// A word of a clause: byte range and lower-cased text.
#[derive(Clone, Debug)]
pub(super) struct Word {
    pub range: Range<usize>,
    pub lower: String,
    /// Written with a capital first letter.
    pub capitalized: bool,
}

/// Most bytes of context read on one side of a quote: more than any real
/// clause, and a bound that keeps a sentence of thousands of quotes linear.
pub(super) const REACH: usize = 2_000;

/// The last [`REACH`] bytes of `range`, starting at a character boundary.
pub(super) fn near_end(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start.max(range.end.saturating_sub(REACH));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    start..range.end
}

/// The first [`REACH`] bytes of `range`, ending at a character boundary.
pub(super) fn near_start(text: &str, range: Range<usize>) -> Range<usize> {
    let mut end = range.end.min(range.start.saturating_add(REACH));
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    range.start..end
}

/// Words of a clause, cut like the entity tagger's tokens so that "U.S."
/// and "Mr." keep their periods and do not read as sentence ends.
/// A possessive apostrophe after a plural ("veterans' families") reads as
/// `'s`, never as a quotation mark; "9/11" stays one word.
pub(super) fn clause_words(text: &str, range: Range<usize>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for r in tokens_from_segments(text, &segments(text, range)) {
        let t = &text[r.clone()];
        if let Some(prev) = out.last_mut() {
            let touching = prev.range.end == r.start;
            let possessive = touching
                && matches!(t, "'" | "’")
                && prev.lower.ends_with('s')
                && text[r.end..].chars().next().is_none_or(char::is_whitespace);
            if possessive {
                out.push(Word {
                    lower: "'s".to_string(),
                    capitalized: false,
                    range: r,
                });
                continue;
            }
            // "9/11", "and/or": a slash between two words joins them.
            let slash_word = touching && prev.lower.ends_with('/');
            if touching && (t == "/" || slash_word) && t.chars().all(|c| c.is_alphanumeric() || c == '/') {
                prev.range.end = r.end;
                prev.lower.push_str(&t.to_lowercase());
                continue;
            }
        }
        out.push(Word {
            lower: t.to_lowercase(),
            capitalized: t.chars().next().is_some_and(char::is_uppercase),
            range: r,
        });
    }
    out
}

/// A quotation mark on its own (not the apostrophe of "'s").
pub(super) fn is_mark(w: &Word) -> bool {
    let mut chars = w.lower.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_quote_char(c))
}

pub(super) fn is_punct(w: &Word) -> bool {
    !w.lower.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_words_keep_abbreviations() {
        let text = "said Assistant U.S. Attorney Lena Hoffmann, \"Mr. Park\"";
        let words = clause_words(text, 0..text.len());
        let lower: Vec<&str> = words.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(
            lower,
            [
                "said",
                "assistant",
                "u.s.",
                "attorney",
                "lena",
                "hoffmann",
                ",",
                "\"",
                "mr.",
                "park",
                "\""
            ]
        );
        assert!(is_punct(&words[6]) && !is_mark(&words[6]));
        assert!(is_mark(&words[7]));
    }
}
