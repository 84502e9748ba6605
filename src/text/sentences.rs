//! Sentences, split by rules tuned for news: no break after titles and
//! abbreviations (`Mr.`, `U.S.`, `Inc.`, `Jan.`, `Ph.D.`), decimals or
//! initials, and a closing quotation mark stays with the sentence it ends.

use std::ops::Range;

use super::segment::next_char;
use crate::lexicon::{MAY_END, NEVER_FINAL, SENTENCE_OPENERS};

const TERMINALS: [char; 4] = ['.', '!', '?', '…'];
const CLOSERS: [char; 9] = ['"', '\'', '”', '’', ')', ']', '»', '›', '*'];
const OPENERS: [char; 10] = ['"', '“', '‘', '\'', '(', '[', '«', '‹', '„', '‚'];

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
    let opener_follows = SENTENCE_OPENERS.contains(&next_word);
    if NEVER_FINAL.contains(&lower) && !(lower == "no" && opener_follows) {
        return false;
    }
    let single_letter = {
        let mut cs = word.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
    };
    let dotted = is_dotted_abbreviation(&lower);
    if single_letter || dotted || MAY_END.contains(&lower) {
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
    fn empty_and_blank() {
        assert!(split("").is_empty());
        assert!(split("   \n ").is_empty());
    }
}
