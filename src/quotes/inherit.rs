//! Inheritance: a quote with no attribution of its own takes the speaker
//! of the quote before it in the same block, or of the previous paragraph's
//! last quote when its own paragraph is nothing but the quote.

use crate::document::{Attribution, Block, BlockKind, QuoteSpan, Slot};

/// A quote with no attribution of its own takes the speaker of the quote
/// before it in the same block, or of the previous paragraph's last quote
/// when its own paragraph is nothing but the quote.
pub(super) fn inherit(text: &str, blocks: &[Block], quotes: &mut [QuoteSpan]) {
    // Whether each block holds nothing but its quotes (and punctuation).
    let mut only_quotes = vec![true; blocks.len()];
    let mut at = vec![0usize; blocks.len()];
    for (b, block) in blocks.iter().enumerate() {
        at[b] = block.range.start;
    }
    for q in quotes.iter() {
        let b = q.block;
        let start = q.marks.start.max(at[b]);
        if text[at[b]..start.min(blocks[b].range.end)]
            .chars()
            .any(char::is_alphanumeric)
        {
            only_quotes[b] = false;
        }
        at[b] = q.marks.end.max(at[b]).min(blocks[b].range.end.max(at[b]));
    }
    for (b, block) in blocks.iter().enumerate() {
        let from = at[b].min(block.range.end);
        if text[from..block.range.end].chars().any(char::is_alphanumeric) {
            only_quotes[b] = false;
        }
    }
    for i in 1..quotes.len() {
        if quotes[i].attribution.is_some() {
            continue;
        }
        let prev = &quotes[i - 1];
        let Some(a) = prev.attribution.clone() else {
            continue;
        };
        let b = quotes[i].block;
        let same_block = prev.block == b;
        let stands_alone = blocks[b].kind == BlockKind::Paragraph
            && (prev.block + 1 == b || prev.pieces.len() > 1)
            && only_quotes[b];
        if same_block || stands_alone {
            quotes[i].attribution = Some(Attribution {
                slot: Slot::Inherited,
                ..a
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_speakers as speakers;

    #[test]
    fn follow_up_quotes_inherit() {
        let one = |q: &str, s: Option<&str>| (q.to_string(), s.map(String::from));
        // Same paragraph.
        let text = "\"We are done,\" Park said. \"Nobody will stop us now.\"";
        assert_eq!(
            speakers(text),
            [
                one("We are done,", Some("Park")),
                one("Nobody will stop us now.", Some("Park"))
            ]
        );
        // A paragraph that is nothing but the quote.
        let text = "\"We are done,\" Park said.\n\n\"Nobody will stop us now, not this year.\"";
        assert_eq!(speakers(text)[1].1.as_deref(), Some("Park"));
        // A paragraph with more than the quote keeps its own (absent) speaker.
        let text =
            "\"We are done,\" Park said.\n\nThe crowd left. \"Nobody will stop us now, not this year.\"";
        assert_eq!(speakers(text)[1].1, None);
    }
}
