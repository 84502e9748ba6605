//! Word-boundary segments: the UAX #29 word segments of a text that are
//! not whitespace, with a fast path for ASCII that applies the same rules.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The character at byte `i` of `s` (a space past the end).
pub fn next_char(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or(' ')
}

/// Appends the UAX #29 word-boundary segments of `text[range]` that are not
/// whitespace to `out`, as byte ranges into `text`, with one change:
/// underscores at a segment's edges are segments of their own, since page
/// converters mark emphasis with them (`_Star Trek_`).
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
        let (mut ascii, mut underscore) = (true, false);
        while j < end {
            let b = bytes[j];
            if b < 0x80 {
                if b.is_ascii_whitespace() || b == 0x0B {
                    break;
                }
                underscore |= b == b'_';
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
        let from = out.len();
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
        if underscore {
            split_edge_underscores(bytes, out, from);
        }
        i = j;
    }
}

/// Splits the underscores at the edges of `out[from..]` into segments of
/// their own (a segment of underscores only stays whole).
fn split_edge_underscores(bytes: &[u8], out: &mut Vec<Range<usize>>, from: usize) {
    let chunk: Vec<Range<usize>> = out.drain(from..).collect();
    for r in chunk {
        let s = &bytes[r.clone()];
        let lead = s.iter().take_while(|&&b| b == b'_').count();
        if lead == s.len() {
            out.push(r);
            continue;
        }
        let trail = s.iter().rev().take_while(|&&b| b == b'_').count();
        if lead > 0 {
            out.push(r.start..r.start + lead);
        }
        out.push(r.start + lead..r.end - trail);
        if trail > 0 {
            out.push(r.end - trail..r.end);
        }
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

#[inline]
fn ascii_cat(b: u8) -> Cat {
    ASCII_CATS[(b & 0x7f) as usize]
}

/// The category of each ASCII byte, looked up once per byte of the text.
static ASCII_CATS: [Cat; 128] = {
    let mut cats = [Cat::Other; 128];
    let mut b = 0;
    while b < 128 {
        cats[b] = match b as u8 {
            b'A'..=b'Z' | b'a'..=b'z' => Cat::Letter,
            b'0'..=b'9' => Cat::Numeric,
            b':' => Cat::MidLetter,
            b'.' | b'\'' => Cat::MidNumLetQ,
            b',' | b';' => Cat::MidNum,
            b'_' => Cat::ExtendNumLet,
            _ => Cat::Other,
        };
        b += 1;
    }
    cats
};

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The segments by `unicode-segmentation` alone, underscores split.
    fn slow(text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<_> = text
            .split_word_bound_indices()
            .filter(|(_, s)| !s.chars().all(char::is_whitespace))
            .map(|(i, s)| i..i + s.len())
            .collect();
        split_edge_underscores(text.as_bytes(), &mut out, 0);
        out
    }

    #[test]
    fn emphasis_underscores_are_not_word_parts() {
        let text = "the _Star Trek_ film snake_case __x";
        let got: Vec<&str> = segments(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            ["the", "_", "Star", "Trek", "_", "film", "snake_case", "__", "x"]
        );
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
            assert_eq!(segments(text, 0..text.len()), slow(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_matches_on_any_ascii(text in "[ -~\t\n]{0,60}") {
            proptest::prop_assert_eq!(segments(&text, 0..text.len()), slow(&text));
        }
    }

    #[test]
    fn word_tokens() {
        let text = "Don't stop, U.S. 2.5 — ok";
        let got: Vec<&str> = words(text, 0..text.len()).map(|r| &text[r]).collect();
        assert_eq!(got, ["Don't", "stop", "U.S", "2.5", "ok"]);
    }
}
