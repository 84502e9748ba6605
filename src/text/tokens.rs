//! Tokens for the entity tagger, cut the way the CoNLL-2003 newswire the
//! tagger learns from was cut: Unicode word boundaries, then `U.S.`, `Mr.`
//! and initials keep their period, `AT&T` and `Jean-Pierre` stay whole, and
//! the possessive `'s` becomes its own token so `Salesforce's` yields
//! `Salesforce`.

use std::ops::Range;

use crate::lexicon::KEEPS_PERIOD;

/// Tokens of `text[range]` as byte ranges into `text`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    tokens_from_segments(text, &super::segment::segments(text, range))
}

/// Tokens built from the word-boundary segments of a sentence (see
/// [`super::segment::segments`]).
pub fn tokens_from_segments(text: &str, segments: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(segments.len());
    tokens_into(text, segments, &mut out);
    out
}

/// Appends the tokens built from `segments` to `out` (see
/// [`tokens_from_segments`]); tokens already in `all` are left alone.
pub fn tokens_into(text: &str, segments: &[Range<usize>], all: &mut Vec<Range<usize>>) {
    let base = all.len();
    let mut i = 0;
    while i < segments.len() {
        let start = segments[i].start;
        let end = segments[i].end;
        let seg = &text[start..end];
        let adjacent = |r: &Range<usize>| r.end == start;
        // Joiners between two adjacent words: AT&T, Jean-Pierre, 9-4.
        if (seg == "-" || seg == "&") && i + 1 < segments.len() {
            let next_start = segments[i + 1].start;
            let next = &text[segments[i + 1].clone()];
            if let Some(prev) = all[base..].last() {
                let prev_text = &text[prev.clone()];
                let joins = adjacent(prev)
                    && next_start == end
                    && is_wordlike(prev_text)
                    && is_wordlike(next)
                    && (seg == "-" || starts_upper(prev_text) && starts_upper(next));
                if joins && !prev_text.ends_with("'s") {
                    let p = all.pop().expect("checked above");
                    all.push(p.start..next_start + next.len());
                    i += 2;
                    continue;
                }
            }
        }
        if seg == "." {
            if let Some(prev) = all[base..].last() {
                let prev_text = &text[prev.clone()];
                if adjacent(prev) && keeps_period(prev_text) {
                    let p = all.pop().expect("checked above");
                    all.push(p.start..end);
                    i += 1;
                    continue;
                }
            }
        }
        push_word(start, seg, all);
        i += 1;
    }
}

fn push_word(start: usize, seg: &str, out: &mut Vec<Range<usize>>) {
    let end = start + seg.len();
    for suffix in ["'s", "’s", "'S", "’S"] {
        if seg.len() > suffix.len() && seg.ends_with(suffix) {
            let stem = &seg[..seg.len() - suffix.len()];
            if stem.chars().next_back().is_some_and(char::is_alphanumeric) {
                out.push(start..end - suffix.len());
                out.push(end - suffix.len()..end);
                return;
            }
        }
    }
    for suffix in ["n't", "n’t"] {
        if seg.len() > suffix.len() + 1 && seg.ends_with(suffix) {
            out.push(start..end - suffix.len());
            out.push(end - suffix.len()..end);
            return;
        }
    }
    out.push(start..end);
}

fn is_wordlike(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn keeps_period(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    // An initial: J. R. Smith
    if first.is_some_and(char::is_uppercase) && chars.next().is_none() {
        return true;
    }
    // U.S, Ph.D, e.g
    if word.contains('.') && word.split('.').all(|p| !p.is_empty() && p.chars().count() <= 3) {
        return true;
    }
    KEEPS_PERIOD.contains_lower(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn newswire_tokens() {
        let cases: &[(&str, &[&str])] = &[
            ("the U.S. Senate", &["the", "U.S.", "Senate"]),
            ("Mr. Smith's car", &["Mr.", "Smith", "'s", "car"]),
            (
                "AT&T and Procter & Gamble",
                &["AT&T", "and", "Procter", "&", "Gamble"],
            ),
            ("Jean-Pierre won 9-4.", &["Jean-Pierre", "won", "9-4", "."]),
            ("J. R. Smith", &["J.", "R.", "Smith"]),
            ("Salesforce’s deal", &["Salesforce", "’s", "deal"]),
            ("McDonald's", &["McDonald", "'s"]),
            ("St. Louis", &["St.", "Louis"]),
            ("don't", &["do", "n't"]),
            ("\"Go,\" she said.", &["\"", "Go", ",", "\"", "she", "said", "."]),
            ("O'Brien left", &["O'Brien", "left"]),
            ("$2.1 billion", &["$", "2.1", "billion"]),
            ("Acme Inc. said", &["Acme", "Inc.", "said"]),
            ("end. Next", &["end", ".", "Next"]),
            ("Elena\nPark", &["Elena", "Park"]),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text), *want, "{text}");
        }
    }
}
