//! Attribution: who said a quote. The words right after it are read first
//! (`"...," Park said`, `"...," said Park, the mayor`), then the words
//! before it (`Park said: "..."`, `according to Reuters, "..."`); the
//! speaker phrase then goes to [`super::speaker`].

use std::ops::Range;

use super::speaker::speaker;
use super::words::{clause_words, is_mark, is_punct, Word};
use crate::document::{Attribution, Block, Document, Entities, Kind, QuoteSpan, Sentence};
use crate::lexicon::{
    is_weekday, NAMING_VERBS, PREPOSITIONS, REPORTING_VERBS, SPEAKER_STOP_WORDS, VERB_ADVERBS,
};
use crate::text::fold_lines;

/// Index of a cue starting at `i`, and how many words it spans.
fn cue_at(words: &[Word], i: usize, weak: bool) -> Option<usize> {
    let w = words[i].lower.as_str();
    if w == "according" && words.get(i + 1).is_some_and(|n| n.lower == "to") {
        return Some(2);
    }
    if matches!(w, "pointed" | "points" | "went" | "goes")
        && words
            .get(i + 1)
            .is_some_and(|n| n.lower == "out" || n.lower == "on")
    {
        return Some(2);
    }
    if REPORTING_VERBS.contains(w) || weak && NAMING_VERBS.contains(w) {
        return Some(1);
    }
    None
}

fn cue_text(text: &str, words: &[Word], i: usize, n: usize) -> String {
    fold_lines(&text[words[i].range.start..words[i + n - 1].range.end]).into_owned()
}

/// The sentence of `sentences` holding byte `pos`.
fn sentence_at(sentences: &[Sentence], pos: usize) -> Option<Range<usize>> {
    let i = sentences.partition_point(|s| s.range.end.max(s.range.start + 1) <= pos);
    sentences
        .get(i)
        .filter(|s| s.range.start <= pos)
        .map(|s| s.range.clone())
}

/// The attribution of quote `qi` of `quotes`, if the text gives one.
pub(super) fn attribute(doc: &Document, quotes: &[QuoteSpan], qi: usize) -> Option<Attribution> {
    let (text, blocks, entities) = (doc.text, &doc.blocks, &doc.entities);
    let q = &quotes[qi];
    let open_pos = q.marks.start;
    let close_end = q.marks.end;
    // Blocks and sentences are in text order: binary searches keep a text
    // full of quotation marks linear.
    let last_block = block_at(blocks, q.range.end).unwrap_or(q.block);
    let block = &blocks[last_block];
    let sents = doc.sentences_of(last_block);

    // After the quote: to the end of its sentence or the next quote.
    let tail_end = {
        let sentence_end = sentence_at(sents, q.range.end.min(block.range.end.saturating_sub(1)))
            .map_or(block.range.end, |s| s.end);
        // `"Are we done?" Park asked.`: a question or exclamation ends the
        // sentence at the closing mark, and the attribution is the next one.
        let sentence_end = if sentence_end <= close_end {
            let next = sents.partition_point(|s| s.range.start < close_end);
            sents.get(next).map_or(sentence_end, |s| s.range.end)
        } else {
            sentence_end
        };
        let next_quote = quotes
            .get(qi + 1)
            .map(|o| o.marks.start)
            .filter(|&s| s >= close_end && s < block.range.end);
        sentence_end.min(next_quote.unwrap_or(usize::MAX)).max(close_end)
    };
    if let Some(a) = after_quote(text, close_end..tail_end, q, entities) {
        return Some(a);
    }
    // Before the quote: from the sentence start (or the previous quote) to the mark.
    let first_block = &blocks[q.block];
    let head_start = {
        let s = sentence_at(doc.sentences_of(q.block), q.range.start)
            .map_or(first_block.range.start, |s| s.start);
        let prev_quote = qi
            .checked_sub(1)
            .map(|p| quotes[p].marks.end)
            .filter(|&e| e <= q.range.start && e >= s);
        prev_quote.unwrap_or(s).max(s).min(open_pos)
    };
    before_quote(text, head_start..open_pos, q, entities)
}

/// Index of the block holding byte `pos`.
fn block_at(blocks: &[Block], pos: usize) -> Option<usize> {
    let i = blocks.partition_point(|b| b.range.end < pos);
    blocks
        .get(i)
        .filter(|b| b.range.start <= pos && pos <= b.range.end)
        .map(|_| i)
}

/// `"...," Park said`, `"...," said Park, the mayor`, `"...," the agency said`.
fn after_quote(text: &str, tail: Range<usize>, q: &QuoteSpan, entities: &Entities) -> Option<Attribution> {
    if tail.is_empty() {
        return None;
    }
    let words = clause_words(text, tail);
    let mut start = 0;
    while start < words.len()
        && is_punct(&words[start])
        && matches!(words[start].lower.as_str(), "," | "—" | "–" | "-")
    {
        start += 1;
    }
    let words = &words[start..];
    if words.is_empty() || is_punct(&words[0]) {
        return None;
    }
    let limit = words.len().min(14);
    let k = (0..limit).find(|&i| cue_at(words, i, false).is_some())?;
    let n = cue_at(words, k, false)?;
    // Nothing that ends a clause may come between quote and cue.
    if words[..k]
        .iter()
        .any(|w| matches!(w.lower.as_str(), "." | "!" | "?" | ";" | ":"))
    {
        return None;
    }
    let subject_end = trim_adverbs(&words[..k]);
    let cue = cue_text(text, words, k, n);
    if subject_end == 0 {
        // Cue first: "said Park", "according to Reuters".
        let np = noun_phrase_after(&words[k + n..]);
        return speaker(text, &words[k + n..k + n + np], cue, q, entities);
    }
    let subject = &words[..subject_end];
    if subject.len() > 12 {
        return None;
    }
    speaker(text, choose_segment(subject, entities), cue, q, entities)
}

/// `Park said: "..."`, `Park told reporters, "..."`, `according to Reuters, "..."`,
/// `the federation wrote that the plan would "..."`.
fn before_quote(text: &str, head: Range<usize>, q: &QuoteSpan, entities: &Entities) -> Option<Attribution> {
    if head.is_empty() {
        return None;
    }
    let words = clause_words(text, head);
    let k = (0..words.len())
        .rev()
        .find(|&i| cue_at(&words, i, true).is_some())?;
    let n = cue_at(&words, k, true)?;
    // The quote must follow the cue closely (its complement).
    if words.len() - (k + n) > 14 {
        return None;
    }
    let cue = cue_text(text, &words, k, n);
    if words[k].lower == "according" {
        let np = noun_phrase_after(&words[k + n..]);
        return speaker(text, &words[k + n..k + n + np], cue, q, entities);
    }
    // The subject is the clause before the cue (adverbs aside).
    let mut end = k;
    while end > 0 && VERB_ADVERBS.contains(&words[end - 1].lower) {
        end -= 1;
    }
    let mut from = end;
    while from > 0 {
        let w = &words[from - 1];
        if matches!(
            w.lower.as_str(),
            ";" | ":" | "." | "that" | "which" | "and" | "but" | "—" | "–" | "(" | ")"
        ) || is_mark(w)
        {
            break;
        }
        from -= 1;
    }
    if from == end {
        // Inverted: `Said Councilwoman Joyce Whitman: "..."`.
        let np = noun_phrase_after(&words[k + n..]);
        return speaker(text, &words[k + n..k + n + np], cue, q, entities);
    }
    let subject = choose_segment(&words[from..end], entities);
    speaker(text, subject, cue, q, entities)
}

/// Picks the speaker out of a subject made of comma-separated parts:
/// "Hugh Hill, a doctor at the clinic," gives "Hugh Hill"; "Lumen's head
/// of content, Greta Holm," gives "Greta Holm"; "In a letter to the
/// committee, the federation" gives "the federation". The part naming a
/// person wins; otherwise the name before an appositive, or the last part
/// when the earlier ones are introductory phrases.
fn choose_segment<'w>(words: &'w [Word], entities: &Entities) -> &'w [Word] {
    let mut parts: Vec<&[Word]> = words
        .split(|w| w.lower == ",")
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() <= 1 {
        return parts.pop().unwrap_or(words);
    }
    let has_kind = |part: &[Word], kind: Kind| {
        let (Some(first), Some(last)) = (part.first(), part.last()) else {
            return false;
        };
        entities
            .starting_in(&(first.range.start..last.range.end))
            .any(|m| {
                m.range.end <= last.range.end
                    && entities.entities[m.entity].kind == kind
                    && !part
                        .iter()
                        .take_while(|w| w.range.start < m.range.start)
                        .any(|w| PREPOSITIONS.contains(&w.lower))
            })
    };
    for kind in [Kind::Person, Kind::Organization] {
        if let Some(p) = parts.iter().rev().find(|p| has_kind(p, kind)) {
            return p;
        }
    }
    // Introductory phrases start with a preposition ("In a letter ...").
    let intro = |p: &[Word]| {
        p.first()
            .is_some_and(|w| PREPOSITIONS.contains(&w.lower) || w.lower == "after" || w.lower == "in")
    };
    parts
        .iter()
        .find(|p| !intro(p))
        .copied()
        .unwrap_or(parts[parts.len() - 1])
}

/// Number of words ending the subject once trailing adverbs and auxiliaries
/// ("also", "has") are dropped.
fn trim_adverbs(words: &[Word]) -> usize {
    let mut end = words.len();
    while end > 0 && (VERB_ADVERBS.contains(&words[end - 1].lower) || words[end - 1].lower == ",") {
        end -= 1;
    }
    end
}

/// Length of the noun phrase at the start of `words` (after a cue).
pub(super) fn noun_phrase_after(words: &[Word]) -> usize {
    let mut n = 0;
    while n < words.len() && n < 10 {
        let w = &words[n];
        if is_punct(w) && !matches!(w.lower.as_str(), "'" | "’" | "-" | "&" | ".") {
            break;
        }
        if n > 0 && (SPEAKER_STOP_WORDS.contains(&w.lower) || is_weekday(&w.lower)) {
            break;
        }
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::super::test_speakers as speakers;

    #[test]
    fn attribution_patterns() {
        type Case<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);
        let cases: &[Case] = &[
            ("\"This is big,\" Park said.", &[("This is big,", Some("Park"))]),
            (
                "\"This is big,\" said Elena Park, the mayor.",
                &[("This is big,", Some("Elena Park"))],
            ),
            (
                "Park told reporters, \"This is big.\"",
                &[("This is big.", Some("Park"))],
            ),
            (
                "Hugh Hill, a doctor at the clinic, said: \"We are full.\"",
                &[("We are full.", Some("Hugh Hill"))],
            ),
            (
                "\"We are ready,\" the agency said in a statement.",
                &[("We are ready,", Some("the agency"))],
            ),
            (
                "\"We are ready,\" said a spokeswoman for the council.",
                &[("We are ready,", Some("a spokeswoman for the council"))],
            ),
            (
                "According to the report, \"costs will rise sharply next year.\"",
                &[("costs will rise sharply next year.", Some("the report"))],
            ),
            (
                "\"We will appeal,\" Park said, \"and we will win.\"",
                &[
                    ("We will appeal,", Some("Park")),
                    ("and we will win.", Some("Park")),
                ],
            ),
            (
                "\"Nobody believes it,\" he said. \"Nobody.\"",
                &[("Nobody believes it,", Some("he")), ("Nobody.", Some("he"))],
            ),
            (
                "\"This was not bad luck. It was a choice,\" Assistant U.S. Attorney Lena Hoffmann told the court.",
                &[("This was not bad luck. It was a choice,", Some("Assistant U.S. Attorney Lena Hoffmann"))],
            ),
            (
                "\"It will not pass this year at all,\" Park also said.",
                &[("It will not pass this year at all,", Some("Park"))],
            ),
            (
                "\"The water came up faster than expected.\" The crews left.",
                &[("The water came up faster than expected.", None)],
            ),
        ];
        for (text, want) in cases {
            let got = speakers(text);
            let want: Vec<(String, Option<String>)> = want
                .iter()
                .map(|(q, s)| (q.to_string(), s.map(String::from)))
                .collect();
            assert_eq!(got, want, "case {text}");
        }
    }
}
