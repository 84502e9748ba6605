//! Tokens for the entity tagger, cut the way the CoNLL-2003 newswire the
//! tagger learns from was cut: Unicode word boundaries, then `U.S.`, `Mr.`
//! and initials keep their period, `AT&T` and `Jean-Pierre` stay whole, and
//! the possessive `'s` becomes its own token so `Salesforce's` yields
//! `Salesforce`.

use std::ops::Range;

/// Abbreviations that keep their period (lower case, without it).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "inc", "corp", "co", "ltd", "jr", "sr", "gen", "gov", "sen", "rep", "lt",
    "col", "sgt", "capt", "prof", "mt", "ft", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "bros", "messrs", "rev", "hon", "adm", "cmdr", "maj", "gov", "pres",
    "supt", "det", "insp", "ave", "blvd", "rd", "mme", "plc", "llc", "cos",
];

/// Tokens of `text[range]` as byte ranges into `text`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    tokens_from_segments(text, &crate::text::segments(text, range))
}

/// Tokens built from the word-boundary segments of a sentence (see
/// [`crate::text::segments`]).
pub fn tokens_from_segments(text: &str, segments: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(segments.len());
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
            if let Some(prev) = out.last() {
                let prev_text = &text[prev.clone()];
                let joins = adjacent(prev)
                    && next_start == end
                    && is_wordlike(prev_text)
                    && is_wordlike(next)
                    && (seg == "-" || starts_upper(prev_text) && starts_upper(next));
                if joins && !prev_text.ends_with("'s") {
                    let p = out.pop().expect("checked above");
                    out.push(p.start..next_start + next.len());
                    i += 2;
                    continue;
                }
            }
        }
        if seg == "." {
            if let Some(prev) = out.last() {
                let prev_text = &text[prev.clone()];
                if adjacent(prev) && keeps_period(prev_text) {
                    let p = out.pop().expect("checked above");
                    out.push(p.start..end);
                    i += 1;
                    continue;
                }
            }
        }
        push_word(start, seg, &mut out);
        i += 1;
    }
    out
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
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
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
