//! Pass 5, quotes: direct quotes and who said them.
//!
//! 1. [`marks`]: quotation marks are paired per block, and a quote runs on
//!    into the next paragraph when that one reopens it;
//! 2. [`attribution`]: each quote is attributed from the words after it,
//!    then before it, and [`speaker`] turns the speaker phrase into a name,
//!    a pronoun's antecedent or a description;
//! 3. [`inherit`]: a quote with no attribution of its own takes the speaker
//!    of the quote before it;
//! 4. scare quotes and titles are dropped by a learned decision ([`keep`]).

mod attribution;
mod inherit;
pub mod keep;
mod marks;
mod speaker;
mod words;

use crate::document::{Document, LimitReached, QuoteSpan, UnpairedMark, WarningCode};

/// Quotes kept per article, at most (a long article has a few hundred).
const MAX_QUOTES: usize = 20_000;
use crate::text::field_text;

/// Pass 5: finds the quotes of the document's blocks, attributes them, and
/// records the unpaired marks.
pub fn attribute(doc: &mut Document) {
    let (mut quotes, unpaired) = find(doc);
    let d: &Document = doc;
    let double = keep::has_double_marks(d.text, &quotes);
    quotes.retain(|q| keep::keep(d, q, double));
    let text = doc.text;
    for q in &mut quotes {
        q.partial = is_partial(text, q);
    }
    doc.quotes = quotes;
    doc.unpaired = unpaired;
}

/// Every candidate quote of the document, attributed, with its features
/// for the keep decision (see [`keep`]).
pub fn candidates(doc: &mut Document) -> Vec<(QuoteSpan, Vec<String>)> {
    let (quotes, _) = find(doc);
    let d: &Document = doc;
    let double = keep::has_double_marks(d.text, &quotes);
    quotes
        .into_iter()
        .map(|q| {
            let f = keep::features(d, &q, double);
            (q, f)
        })
        .collect()
}

/// Pairs the marks and attributes every candidate.
fn find(doc: &mut Document) -> (Vec<QuoteSpan>, Vec<UnpairedMark>) {
    let (mut quotes, unpaired) = marks::pair(doc.text, &doc.blocks, 2 * MAX_QUOTES);
    let text = doc.text;
    quotes.retain(|q| {
        q.pieces
            .iter()
            .any(|p| text[p.clone()].chars().any(char::is_alphanumeric))
    });
    if quotes.len() > MAX_QUOTES {
        doc.limits.push(LimitReached {
            code: WarningCode::TooMany,
            message: format!("{} quotes; only the first {MAX_QUOTES} are kept", quotes.len()),
            offset: quotes[MAX_QUOTES].range.start,
        });
        quotes.truncate(MAX_QUOTES);
    }
    for qi in 0..quotes.len() {
        let a = attribution::attribute(doc, &quotes, qi);
        quotes[qi].attribution = a;
    }
    inherit::inherit(text, &doc.blocks, &mut quotes);
    (quotes, unpaired)
}

/// A fragment quoted inside the writer's sentence: it opens in lower case,
/// or it is a few words that do not end a sentence.
fn is_partial(text: &str, q: &QuoteSpan) -> bool {
    let t = quote_text(text, q);
    let lower_start = t.chars().next().is_some_and(char::is_lowercase);
    let short = t.split_whitespace().count() < 5;
    let ends = t
        .trim_end_matches(['"', '\'', '’', '”'])
        .ends_with(['.', '!', '?', '…']);
    lower_start || short && !ends
}

/// The quoted words with line breaks folded; pieces from several
/// paragraphs are joined with a space, without the reopening marks.
pub fn quote_text(text: &str, q: &QuoteSpan) -> String {
    q.pieces
        .iter()
        .map(|r| field_text(&text[r.clone()]).trim().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A document of paragraphs (split at blank lines) with no names, after
/// the sentence pass and this one (for the tests of every step).
#[cfg(test)]
fn test_doc(text: &str) -> Document<'_> {
    let mut d = Document::new(text);
    let mut start = 0;
    for (i, part) in text.split("\n\n").enumerate() {
        d.blocks.push(crate::document::Block {
            kind: crate::document::BlockKind::Paragraph,
            range: start..start + part.len(),
            index: i,
        });
        start += part.len() + 2;
    }
    crate::text::segment(&mut d, false);
    attribute(&mut d);
    d
}

/// Each quote's text and speaker phrase (for the tests of every step).
#[cfg(test)]
fn test_speakers(text: &str) -> Vec<(String, Option<String>)> {
    test_doc(text)
        .quotes
        .iter()
        .map(|q| {
            (
                quote_text(text, q),
                q.attribution
                    .as_ref()
                    .map(|a| field_text(&text[a.speaker.clone()]).into_owned()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote_texts(text: &str) -> Vec<String> {
        test_doc(text)
            .quotes
            .iter()
            .map(|q| quote_text(text, q))
            .collect()
    }

    #[test]
    fn quotation_marks() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "straight",
                "\"We won the vote today,\" she said.",
                &["We won the vote today,"],
            ),
            (
                "curly",
                "“We won the vote today,” she said.",
                &["We won the vote today,"],
            ),
            (
                "guillemets",
                "« We won the vote today », she said.",
                &[" We won the vote today "],
            ),
            (
                "low-high",
                "„We won the vote today“, she said.",
                &["We won the vote today"],
            ),
            (
                "possessive",
                "The employees' letter was long and it was read out loud.",
                &[],
            ),
            (
                "decade",
                "Music of the '90s and rock 'n' roll filled the hall again.",
                &[],
            ),
            (
                "contraction",
                "Don't worry, it's fine, they're here and we've won.",
                &[],
            ),
            (
                "british",
                "‘We will appeal the ruling,’ said Park.",
                &["We will appeal the ruling,"],
            ),
            (
                "nested",
                "\"He told me 'never again' last week,\" she said.",
                &["He told me 'never again' last week,"],
            ),
            (
                "inches",
                "The 12\" pipe and 5'6\" frame were measured by the crew.",
                &[],
            ),
            (
                "scare",
                "Critics mocked the so-called \"reform\" on Tuesday.",
                &[],
            ),
            ("title", "She starred in \"Ice Cold in Alex\" long ago.", &[]),
        ];
        for (name, text, want) in cases {
            let got = quote_texts(text);
            let got: Vec<&str> = got.iter().map(String::as_str).collect();
            let want: Vec<&str> = want.to_vec();
            let got_trimmed: Vec<&str> = got.iter().map(|s| s.trim_matches(' ')).collect();
            let want_trimmed: Vec<&str> = want.iter().map(|s| s.trim_matches(' ')).collect();
            assert_eq!(got_trimmed, want_trimmed, "case {name}");
        }
    }
}
