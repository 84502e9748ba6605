//! Text: word segments, tagger tokens, sentences and offsets, and pass 2 of
//! the analysis, which cuts every block of the document into sentences and
//! tokens.
//!
//! Word tokens follow Unicode word boundaries (UAX #29, [`segment`]); the
//! tagger's tokens keep `U.S.` and `Mr.` whole ([`tokens`]); the sentence
//! splitter is tuned for news ([`sentences`]). Offsets inside the library
//! are byte offsets into the decoded text; [`CharIndex`] turns them into the
//! code point offsets that records carry.

pub mod segment;
pub mod sentences;
pub mod tokens;

use std::borrow::Cow;

pub use segment::{count_words, is_word, next_char, segments, segments_into, words};
pub use sentences::sentences;
pub use tokens::{tokenize, tokens_from_segments, tokens_into};

use crate::document::{Document, Sentence};

/// Converts byte offsets of a text into code point offsets in O(1) amortized.
pub struct CharIndex<'a> {
    text: &'a str,
    /// Code points before each 64-byte block; empty when the text is ASCII.
    blocks: Vec<u32>,
}

const BLOCK: usize = 64;

impl<'a> CharIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let blocks = if text.is_ascii() {
            Vec::new()
        } else {
            let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
            let mut count = 0u32;
            for chunk in text.as_bytes().chunks(BLOCK) {
                blocks.push(count);
                count += chunk.iter().filter(|&&b| !is_continuation(b)).count() as u32;
            }
            blocks
        };
        CharIndex { text, blocks }
    }

    /// The code point offset of byte offset `byte` (which must lie on a
    /// character boundary or at the end).
    pub fn chars(&self, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return byte;
        }
        let block = byte / BLOCK;
        let Some(&before) = self.blocks.get(block) else {
            // At the very end of a text whose length is a multiple of BLOCK.
            return self.text.chars().count();
        };
        let start = block * BLOCK;
        let within = self.text.as_bytes()[start..byte]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count();
        before as usize + within
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Returns `s` with every whitespace run that holds a line break folded into
/// one space, so that a paragraph wrapped over several lines reads as one
/// line. A word hyphenated at a line end (`well-` / `known`) is rejoined
/// without a space and keeps its hyphen.
pub fn fold_lines(s: &str) -> Cow<'_, str> {
    // Bytes, not characters: both breaks are ASCII, and this runs for
    // every field of every record.
    if !s.as_bytes().contains(&b'\n') && !s.as_bytes().contains(&b'\r') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut breaks = c == '\n' || c == '\r';
        while let Some(&(j, d)) = chars.peek() {
            if !d.is_whitespace() {
                break;
            }
            breaks |= d == '\n' || d == '\r';
            end = j + d.len_utf8();
            chars.next();
        }
        if !breaks {
            out.push_str(&s[i..end]);
            continue;
        }
        let hyphenated = out.ends_with('-')
            && out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && s[end..].chars().next().is_some_and(char::is_lowercase);
        if !hyphenated {
            out.push(' ');
        }
    }
    Cow::Owned(out)
}

/// The lines of a table's text (the data read at every start: the
/// gazetteer, the casing table, the word clusters), each as its byte
/// range without the line break and
/// the position of its first tab, found in one pass over the bytes: at
/// some 280,000 lines, searching each line for its end and then its tab
/// by characters was a fifth of the start-up, and a loop over the bytes
/// a tenth.
pub fn tab_lines(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, Option<usize>)> + '_ {
    let bytes = text.as_bytes();
    // Every line break and tab, found by `memchr` in one pass.
    let mut marks = memchr::memchr2_iter(b'\n', b'\t', bytes);
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let mut tab = None;
        let end = loop {
            match marks.next() {
                Some(at) if bytes[at] == b'\t' => {
                    tab = tab.or(Some(at));
                }
                Some(at) => break at,
                None => break bytes.len(),
            }
        };
        let line = start..end;
        start = end + 1;
        Some((line, tab))
    })
}

/// The text of `range`, a line or its end from [`tab_lines`], as
/// `str::lines` gives it: without the carriage return of a `\r\n` break.
pub fn line_text(text: &str, range: std::ops::Range<usize>) -> &str {
    let line = &text[range.clone()];
    if range.end < text.len() {
        line.strip_suffix('\r').unwrap_or(line)
    } else {
        line
    }
}

/// The text of a record field: [`fold_lines`], then the marks that page
/// converters (html2text, markdown exports) put around words left out:
/// emphasis (`**bold**`, `_italic_`) and backslash escapes (`\(`, a `\`
/// before a line break). Asterisks or underscores standing alone, and
/// underscores inside a word (`snake_case`), are text and stay. Last, a
/// drop cap that a converter set apart from its word ("H ong Kong") joins
/// it again.
pub fn field_text(s: &str) -> Cow<'_, str> {
    let text = unmarked(s);
    match drop_cap(&text) {
        Some(at) => Cow::Owned(format!("{}{}", &text[..at], &text[at + 1..])),
        None => text,
    }
}

/// Where the space after a drop cap stands: the text opens with a lone
/// capital letter that is not a word of its own (`A`, `I`, `O`), a space,
/// and a word in lower case.
fn drop_cap(text: &str) -> Option<usize> {
    let mut chars = text.chars();
    let first = chars.next()?;
    if !first.is_uppercase() || matches!(first, 'A' | 'I' | 'O') || chars.next() != Some(' ') {
        return None;
    }
    let mut rest = chars.take_while(|c| c.is_alphabetic()).peekable();
    (rest.peek().is_some() && rest.all(char::is_lowercase)).then_some(first.len_utf8())
}

/// [`field_text`] but for drop caps.
fn unmarked(s: &str) -> Cow<'_, str> {
    /// How many open marks a closing mark may pair with, innermost first.
    const MARK_DEPTH: usize = 8;
    let folded = fold_lines(s);
    let marks = folded.as_bytes();
    if !marks.contains(&b'*') && !marks.contains(&b'_') && !marks.contains(&b'\\') {
        return folded;
    }
    let src = folded.as_ref();
    let bytes = src.as_bytes();
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // Emphasis marks come in pairs: one opening before a word, one closing
    // after one, alike (`**`, `_`). An unpaired run is text ("f***",
    // `___.`), and so is one inside a word (`snake_case`).
    let mut dropped: Vec<std::ops::Range<usize>> = Vec::new();
    let mut open: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'*' && b != b'_' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&x| x == b).count();
        // Nested marks of the other kind next to this run ("_**Title**_")
        // are looked through, one run each side, so that each run is
        // passed over at most twice.
        let other = if b == b'*' { b'_' } else { b'*' };
        let before_at = i - bytes[..i].iter().rev().take_while(|&&x| x == other).count();
        let after_at = i + run + bytes[i + run..].iter().take_while(|&&x| x == other).count();
        let (before, after) = (
            src[..before_at].chars().next_back(),
            src[after_at..].chars().next(),
        );
        let here = i..i + run;
        i += run;
        if (b == b'*' && run < 2) || (word(before) && word(after)) {
            continue;
        }
        // A mark opens before text, after anything but a word ("(_Reuters_)",
        // "Related:_Title_", "_._"), and closes after text, before a space
        // or punctuation ("_Dekalb, Ill. —_").
        let opens = !word(before) && !space(after);
        let closes = !space(before)
            && before.is_some_and(|c| c != '*' && c != '_')
            && (space(after) || after.is_some_and(|c| c.is_ascii_punctuation()));
        let same = |r: &std::ops::Range<usize>| bytes[r.clone()] == bytes[here.clone()];
        if closes {
            // Emphasis nests shallowly; looking further back than a few
            // marks would make a hostile text cost quadratic time.
            let from = open.len().saturating_sub(MARK_DEPTH);
            if let Some(k) = open[from..].iter().rposition(same).map(|k| from + k) {
                dropped.push(open[k].clone());
                dropped.push(here);
                open.truncate(k);
                continue;
            }
        }
        if opens {
            open.push(here);
        }
    }
    dropped.sort_unstable_by_key(|r| r.start);
    let mut out = String::with_capacity(src.len());
    let mut marks = dropped.iter().peekable();
    let mut i = 0;
    while i < bytes.len() {
        while marks.peek().is_some_and(|r| r.start < i) {
            marks.next();
        }
        if marks.peek().is_some_and(|r| r.start == i) {
            i = marks.next().map_or(i, |r| r.end);
            continue;
        }
        let c = next_char(src, i);
        i += c.len_utf8();
        if c == '\\' {
            // An escape gives the punctuation after it; a backslash before a
            // break (or at the end) is a converter's line break.
            let after = src[i..].chars().next();
            match after {
                Some(p) if p.is_ascii_punctuation() => {
                    out.push(p);
                    i += 1;
                }
                _ if space(after) => {}
                _ => out.push(c),
            }
            continue;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Counts letters in `chars` and stops at the first lower-case one: `None`
/// when there is one, else the number of letters.
fn capital_letters(chars: impl Iterator<Item = char>) -> Option<usize> {
    let mut letters = 0;
    for c in chars {
        if c.is_lowercase() {
            return None;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    Some(letters)
}

/// True when the text has letters and none of them is lower case.
pub fn is_all_caps(s: &str) -> bool {
    capital_letters(s.chars()).is_some_and(|n| n >= 2)
}

/// True when a sentence of words is written in capitals (a wire headline).
pub fn is_caps_line(words: &[&str]) -> bool {
    capital_letters(words.iter().flat_map(|w| w.chars())).is_some_and(|n| n >= 2)
}

/// Pass 2: cuts every block of the document into sentences, counts its
/// words, keeps the word tokens when `keep_words` is set, and cuts each
/// sentence into the tagger's tokens.
pub fn segment(doc: &mut Document, keep_words: bool) {
    let text = doc.text;
    let mut segments = Vec::new();
    let mut word_spans = keep_words.then(Vec::new);
    for (b, block) in doc.blocks.iter().enumerate() {
        let first = doc.sentences.len();
        for range in sentences(text, block.range.clone()) {
            segments.clear();
            segments_into(text, range.clone(), &mut segments);
            for seg in &segments {
                if is_word(&text[seg.clone()]) {
                    doc.words += 1;
                    if let Some(w) = word_spans.as_mut() {
                        w.push(seg.clone());
                    }
                }
            }
            let t0 = doc.tokens.len();
            tokens_into(text, &segments, &mut doc.tokens);
            doc.sentences.push(Sentence {
                block: b,
                range,
                tokens: t0..doc.tokens.len(),
            });
        }
        doc.block_sentences.push(first..doc.sentences.len());
    }
    doc.word_spans = word_spans;
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_lines_read_as_str_lines_reads_them() {
        let text = "a\tb\r\nno tab\n\nc\td\te\r";
        let lines: Vec<(&str, Option<&str>)> = tab_lines(text)
            .map(|(line, tab)| (line_text(text, line), tab.map(|t| &text[..t])))
            .collect();
        let expected: Vec<&str> = text.lines().collect();
        assert_eq!(lines.iter().map(|l| l.0).collect::<Vec<_>>(), expected);
        assert_eq!(lines[0].1, Some("a"));
        assert_eq!(lines[1].1, None);
        assert_eq!(lines[3].1.map(str::len), Some(14), "the first tab of the line");
    }

    proptest::proptest! {
        #[test]
        fn table_lines_are_str_lines_on_any_text(text in "[ab\t\r\n]{0,40}") {
            let lines: Vec<&str> = tab_lines(&text).map(|(line, _)| line_text(&text, line)).collect();
            proptest::prop_assert_eq!(lines, text.lines().collect::<Vec<_>>());
            for (line, tab) in tab_lines(&text) {
                proptest::prop_assert_eq!(tab, text[line.clone()].find('\t').map(|t| line.start + t));
            }
        }
    }

    use super::*;

    #[test]
    fn char_index_matches_chars() {
        let text = "Café – “naïve” ".repeat(20);
        let index = CharIndex::new(&text);
        for (byte, _) in text.char_indices() {
            assert_eq!(index.chars(byte), text[..byte].chars().count());
        }
        assert_eq!(index.chars(text.len()), text.chars().count());
        let ascii = CharIndex::new("abc");
        assert_eq!(ascii.chars(2), 2);
    }

    #[test]
    fn char_index_end_on_block_boundary() {
        let text = "é".repeat(32); // exactly 64 bytes
        assert_eq!(CharIndex::new(&text).chars(64), 32);
    }

    #[test]
    fn folding_lines() {
        assert_eq!(fold_lines("one line"), "one line");
        assert_eq!(fold_lines("wrapped\n   text\r\nhere"), "wrapped text here");
        assert_eq!(fold_lines("well-\nknown"), "well-known");
        assert_eq!(fold_lines("co-\nPresident"), "co- President");
        assert_eq!(fold_lines("two  spaces"), "two  spaces");
    }

    #[test]
    fn converter_marks_leave_fields() {
        assert_eq!(field_text("**Share** it"), "Share it");
        assert_eq!(field_text("H ong Kong is burning."), "Hong Kong is burning.");
        assert_eq!(field_text("T he cup began"), "The cup began");
        assert_eq!(field_text("A lot was said."), "A lot was said.");
        assert_eq!(field_text("I think so."), "I think so.");
        assert_eq!(field_text("T o be fair"), "To be fair");
        assert_eq!(
            field_text("the _Star Trek_ film, _Legion_."),
            "the Star Trek film, Legion."
        );
        assert_eq!(field_text("cosmic gas \\(in white\\)"), "cosmic gas (in white)");
        assert_eq!(field_text("a line\\\nwrapped"), "a line wrapped");
        assert_eq!(field_text("snake_case PFF_Browns"), "snake_case PFF_Browns");
        assert_eq!(field_text("a * b ** c _ d ___"), "a * b ** c _ d ___");
        assert_eq!(field_text("___."), "___.");
        // Many unclosed marks cost linear time and stay text.
        let hostile = "**a ".repeat(50_000) + &"a_ ".repeat(50_000);
        assert_eq!(field_text(&hostile), hostile);
        assert_eq!(
            field_text("“Go f*** yourself!” **Said** she"),
            "“Go f*** yourself!” Said she"
        );
        assert_eq!(
            field_text("**Portion:** 1 Green, _2 Red_"),
            "Portion: 1 Green, 2 Red"
        );
        assert_eq!(field_text("_Star Trek Beyond._ Then"), "Star Trek Beyond. Then");
        assert_eq!(field_text("*one* C:\\Users"), "*one* C:\\Users");
        assert_eq!(field_text("(_Reuters_) - x"), "(Reuters) - x");
        assert_eq!(field_text("_Dekalb, Ill. —_ Mike"), "Dekalb, Ill. — Mike");
        assert_eq!(field_text("on Live Science _._"), "on Live Science .");
        assert_eq!(field_text("Related:_**Big Bang**_"), "Related:Big Bang");
        assert_eq!(field_text("Complicated _[Bloomberg]_"), "Complicated [Bloomberg]");
        assert_eq!(field_text("**@tasty_cook_**"), "@tasty_cook_");
        assert_eq!(field_text("_**Share it!**_ Now"), "Share it! Now");
    }

    #[test]
    fn capitals() {
        assert!(is_all_caps("FLOODS HIT - 2024") && !is_all_caps("Floods HIT") && !is_all_caps("A"));
        assert!(is_caps_line(&["FLOODS", "HIT", "-", "2024"]));
        assert!(!is_caps_line(&["Floods", "HIT"]));
    }
}
