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
}

/// Words of a clause, cut like the entity tagger's tokens so that "U.S."
/// and "Mr." keep their periods and do not read as sentence ends.
pub(super) fn clause_words(text: &str, range: Range<usize>) -> Vec<Word> {
    tokens_from_segments(text, &segments(text, range))
        .into_iter()
        .map(|r| Word {
            lower: text[r.clone()].to_lowercase(),
            range: r,
        })
        .collect()
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
