//! Tokens, sentences and offsets.
//!
//! Word tokens follow Unicode word boundaries (UAX #29). The sentence splitter
//! is rule-based and tuned for news: it does not break after titles and
//! abbreviations (`Mr.`, `U.S.`, `Inc.`, `Jan.`, `Ph.D.`), decimals or
//! initials, and it keeps a closing quotation mark with the sentence it ends.
//! Offsets inside the library are byte offsets into the decoded text;
//! [`CharIndex`] turns them into the code point offsets that records carry.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

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
    if !s.contains(['\n', '\r']) {
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

/// Appends the UAX #29 word-boundary segments of `text[range]` that are not
/// whitespace to `out`, as byte ranges into `text`.
///
/// Runs of ASCII between whitespace take a fast path that applies the
/// UAX #29 rules for ASCII directly; anything else goes through
/// `unicode-segmentation`. The two agree (a test compares them).
pub fn segments_into(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut i = range.start;
    let end = range.end;
    while i < end {
        // Skip whitespace.
        let c = next_char(text, i);
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // A chunk runs to the next whitespace.
        let mut j = i;
        let mut ascii = true;
        while j < end {
            let b = bytes[j];
            if b < 0x80 {
                if b.is_ascii_whitespace() || b == 0x0B {
                    break;
                }
                j += 1;
            } else {
                let c = next_char(text, j);
                if c.is_whitespace() {
                    break;
                }
                ascii = false;
                j += c.len_utf8();
            }
        }
        if ascii {
            ascii_segments(bytes, i, j, out);
        } else {
            out.extend(
                text[i..j]
                    .split_word_bound_indices()
                    .filter(|(_, s)| !s.chars().all(char::is_whitespace))
                    .map(|(k, s)| i + k..i + k + s.len()),
            );
        }
        i = j;
    }
}

/// Segments of `text[range]`, see [`segments_into`].
pub fn segments(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    segments_into(text, range, &mut out);
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cat {
    Letter,
    Numeric,
    MidLetter,
    MidNumLetQ,
    MidNum,
    ExtendNumLet,
    Other,
}

fn ascii_cat(b: u8) -> Cat {
    match b {
        b'A'..=b'Z' | b'a'..=b'z' => Cat::Letter,
        b'0'..=b'9' => Cat::Numeric,
        b':' => Cat::MidLetter,
        b'.' | b'\'' => Cat::MidNumLetQ,
        b',' | b';' => Cat::MidNum,
        b'_' => Cat::ExtendNumLet,
        _ => Cat::Other,
    }
}

/// UAX #29 word boundaries inside a whitespace-free ASCII run.
fn ascii_segments(bytes: &[u8], start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let cat = |k: usize| ascii_cat(bytes[k]);
    let mut seg = start;
    for i in start + 1..end {
        let (a, b) = (cat(i - 1), cat(i));
        let joined = match (a, b) {
            // WB5, WB8, WB9, WB10
            (Cat::Letter | Cat::Numeric, Cat::Letter | Cat::Numeric) => true,
            // WB13a, WB13b
            (Cat::Letter | Cat::Numeric | Cat::ExtendNumLet, Cat::ExtendNumLet) => true,
            (Cat::ExtendNumLet, Cat::Letter | Cat::Numeric) => true,
            // WB6, WB7
            (Cat::Letter, Cat::MidLetter | Cat::MidNumLetQ) => i + 1 < end && cat(i + 1) == Cat::Letter,
            (Cat::MidLetter | Cat::MidNumLetQ, Cat::Letter) => i >= start + 2 && cat(i - 2) == Cat::Letter,
            // WB11, WB12
            (Cat::Numeric, Cat::MidNum | Cat::MidNumLetQ) => i + 1 < end && cat(i + 1) == Cat::Numeric,
            (Cat::MidNum | Cat::MidNumLetQ, Cat::Numeric) => i >= start + 2 && cat(i - 2) == Cat::Numeric,
            _ => false,
        };
        if !joined {
            out.push(seg..i);
            seg = i;
        }
    }
    if seg < end {
        out.push(seg..end);
    }
}

/// Word tokens (UAX #29 segments holding a letter or digit) of
/// `text[range]`, as byte ranges into `text`.
pub fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    segments(text, range)
        .into_iter()
        .filter(move |r| is_word(&text[r.clone()]))
}

/// True when a segment is a word (holds a letter or digit).
pub fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Counts the word tokens of `text[range]`.
pub fn count_words(text: &str, range: Range<usize>) -> usize {
    words(text, range).count()
}

/// Names of the days of the week, lower case.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// True for a day name, in any case, singular or plural ("Tuesdays").
pub fn is_weekday(word: &str) -> bool {
    let w = word
        .strip_suffix(['s', 'S'])
        .filter(|w| w.len() >= 6)
        .unwrap_or(word);
    WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(w))
}

const TERMINALS: [char; 4] = ['.', '!', '?', '…'];
const CLOSERS: [char; 9] = ['"', '\'', '”', '’', ')', ']', '»', '›', '*'];
const OPENERS: [char; 8] = ['"', '“', '‘', '\'', '(', '[', '«', '‹'];

/// Titles that always precede a name, so a period after them never ends a
/// sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm",
    "maj", "rev", "hon", "pres", "supt", "atty", "insp", "det", "fr", "messrs", "mme", "mlle", "no", "nos",
    "vs", "v", "st", "ste", "mt", "ft", "op", "pp", "ex", "brig", "cpl", "pvt", "gens", "reps", "sens",
    "amb",
];

/// Abbreviations that may also end a sentence: a period after them ends one
/// only when a typical sentence opener follows.
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "jr", "sr", "dept", "univ", "assn", "est", "approx",
    "etc", "al", "fig", "vol", "cf", "ave", "blvd", "rd", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "sun", "govt", "intl", "natl", "min", "max", "hr", "hrs", "mins", "sq", "km", "ft", "lb", "lbs", "oz",
    "no",
];

/// Capitalized words that usually open a sentence rather than continue a name.
const OPENER_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "with",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "since",
    "although",
    "though",
    "because",
    "however",
    "meanwhile",
    "also",
    "still",
    "then",
    "now",
    "some",
    "many",
    "most",
    "one",
    "both",
    "all",
    "no",
    "not",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "by",
    "from",
    "last",
    "earlier",
    "later",
    "other",
    "such",
    "according",
    "during",
    "under",
    "despite",
    "until",
    "about",
    "more",
    "each",
    "every",
    "neither",
    "nor",
    "once",
    "instead",
    "asked",
    "officials",
    "police",
];

/// Splits `text[range]` into sentences, returned as trimmed byte ranges into
/// `text`. Sentences never cross the range, so callers split each block
/// (headline, bullet, paragraph) on its own.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let base = range.start;
    let mut out = Vec::new();
    let mut start = skip_ws(s, 0);
    let mut i = start;
    while i < s.len() {
        let c = next_char(s, i);
        if !TERMINALS.contains(&c) {
            i += c.len_utf8();
            continue;
        }
        let mark = i;
        let mut j = i + c.len_utf8();
        while j < s.len() && TERMINALS.contains(&next_char(s, j)) {
            j += next_char(s, j).len_utf8();
        }
        while j < s.len() && CLOSERS.contains(&next_char(s, j)) {
            j += next_char(s, j).len_utf8();
        }
        i = j;
        if j >= s.len() || !next_char(s, j).is_whitespace() {
            continue;
        }
        let k = skip_ws(s, j);
        if k >= s.len() {
            break;
        }
        if breaks_at(s, start, mark, j - mark, k) {
            out.push(base + start..base + trim_end(s, start, j));
            start = k;
            i = k;
        }
    }
    let end = trim_end(s, start, s.len());
    if end > start {
        out.push(base + start..base + end);
    }
    out
}

/// Decides whether the terminal run at `mark` (of `run` bytes, closers
/// included) followed by text at `next` ends a sentence.
fn breaks_at(s: &str, start: usize, mark: usize, run: usize, next: usize) -> bool {
    let first = next_char(s, next);
    let starts_upper = if OPENERS.contains(&first) {
        let after = next + first.len_utf8();
        after < s.len() && {
            let c = next_char(s, after);
            c.is_uppercase() || c.is_numeric() || OPENERS.contains(&c)
        }
    } else {
        first.is_uppercase() || first.is_numeric()
    };
    if !starts_upper {
        return false;
    }
    // Only a lone period can be an abbreviation.
    if !s[mark..].starts_with('.') || s[mark..mark + run].starts_with("..") {
        return true;
    }
    let word_start = s[start..mark]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(start, |(p, c)| start + p + c.len_utf8());
    let word = s[word_start..mark].trim_start_matches(|c| OPENERS.contains(&c));
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let next_word = next_word_lower(s, next);
    let opener_follows = OPENER_WORDS.contains(&next_word.as_str());
    if TITLES.contains(&lower.as_str()) && !(lower == "no" && opener_follows) {
        return false;
    }
    let single_letter = {
        let mut cs = word.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
    };
    let dotted = is_dotted_abbreviation(&lower);
    if single_letter || dotted || ABBREVIATIONS.contains(&lower.as_str()) {
        if first.is_numeric() {
            return false;
        }
        return opener_follows;
    }
    true
}

/// `u.s`, `ph.d`, `e.g`, `a.m`: letters separated by single periods.
fn is_dotted_abbreviation(lower: &str) -> bool {
    let parts: Vec<&str> = lower.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

fn next_word_lower(s: &str, at: usize) -> String {
    s[at..]
        .trim_start_matches(|c| OPENERS.contains(&c))
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn next_char(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or(' ')
}

fn skip_ws(s: &str, mut i: usize) -> usize {
    while i < s.len() {
        let c = next_char(s, i);
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

fn trim_end(s: &str, start: usize, end: usize) -> usize {
    start + s[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn sentence_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("plain", "One. Two!", &["One.", "Two!"]),
            (
                "title",
                "Mr. Smith left. He ran.",
                &["Mr. Smith left.", "He ran."],
            ),
            ("dr", "Dr. Jane Roe spoke.", &["Dr. Jane Roe spoke."]),
            ("us name", "The U.S. Senate voted.", &["The U.S. Senate voted."]),
            (
                "us end",
                "It hit the U.S. The rest followed.",
                &["It hit the U.S.", "The rest followed."],
            ),
            ("inc", "Acme Inc. said so.", &["Acme Inc. said so."]),
            (
                "inc end",
                "He joined Acme Inc. The firm grew.",
                &["He joined Acme Inc.", "The firm grew."],
            ),
            ("month", "On Jan. 5 it rained.", &["On Jan. 5 it rained."]),
            (
                "phd",
                "She has a Ph.D. from Yale.",
                &["She has a Ph.D. from Yale."],
            ),
            (
                "decimal",
                "It rose 2.5 percent. Then fell.",
                &["It rose 2.5 percent.", "Then fell."],
            ),
            (
                "initials",
                "J. R. Smith won. Fans cheered.",
                &["J. R. Smith won.", "Fans cheered."],
            ),
            (
                "quote opens",
                "He left. \"We won,\" she said.",
                &["He left.", "\"We won,\" she said."],
            ),
            (
                "quote closes",
                "\"We won.\" She smiled.",
                &["\"We won.\"", "She smiled."],
            ),
            ("curly", "“Go.” They went.", &["“Go.”", "They went."]),
            (
                "question in quote",
                "\"Why?\" she asked.",
                &["\"Why?\" she asked."],
            ),
            (
                "lowercase next",
                "It cost 5 p.m. prices. Really.",
                &["It cost 5 p.m. prices.", "Really."],
            ),
            (
                "wrapped",
                "First line\ncontinues. Second\nsentence.",
                &["First line\ncontinues.", "Second\nsentence."],
            ),
            ("no terminal", "Headline without stop", &["Headline without stop"]),
            ("ellipsis", "Wait... Then go.", &["Wait...", "Then go."]),
            (
                "number next",
                "He won. 2024 was good.",
                &["He won.", "2024 was good."],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(split(text), *want, "case {name}");
        }
    }

    #[test]
    fn weekdays() {
        assert!(is_weekday("Tuesday") && is_weekday("SUNDAYS") && is_weekday("monday"));
        assert!(!is_weekday("Tues") && !is_weekday("Mondayx") && !is_weekday("s"));
    }

    #[test]
    fn empty_and_blank() {
        assert!(split("").is_empty());
        assert!(split("   \n ").is_empty());
    }

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
    fn ascii_fast_path_matches_unicode_segmentation() {
        let samples = [
            "Don't stop, U.S. 2.5 -- ok",
            "a:b 3:30 1,000,000 1,a a,1 x.y.z 3.14.15 foo_bar _x x_ 9_a",
            "it's 'quoted' rock'n'roll ''double'' a''b 5'6 l'a",
            "end. (paren) [x] {y} <z> a-b -- ... ?! #tag @user http://x.y/z?q=1&r=2",
            "a.1 1.a 1'2 a:1 1:a ;;; ,,, a;b 1;2",
        ];
        for text in samples {
            let fast = segments(text, 0..text.len());
            let slow: Vec<_> = text
                .split_word_bound_indices()
                .filter(|(_, s)| !s.chars().all(char::is_whitespace))
                .map(|(i, s)| i..i + s.len())
                .collect();
            assert_eq!(fast, slow, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_matches_on_any_ascii(text in "[ -~\t\n]{0,60}") {
            let fast = segments(&text, 0..text.len());
            let slow: Vec<_> = text
                .split_word_bound_indices()
                .filter(|(_, s)| !s.chars().all(char::is_whitespace))
                .map(|(i, s)| i..i + s.len())
                .collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn word_tokens() {
        let text = "Don't stop, U.S. 2.5 — ok";
        let got: Vec<&str> = words(text, 0..text.len()).map(|r| &text[r]).collect();
        assert_eq!(got, ["Don't", "stop", "U.S", "2.5", "ok"]);
    }
}
