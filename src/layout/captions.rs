//! Captions: each standalone credit paired with its caption sentence and
//! alt text, caption labels (`Image caption,`) with the line they label.

use std::ops::Range;

use super::lines::ends_sentence;
use super::paragraphs::{chars_len, Piece, Role};
use crate::document::{CaptionSpan, Layout};

/// Pairs each standalone credit with its caption sentence and alt text.
pub(super) fn pair_captions(text: &str, items: &mut [Piece], layout: &mut Layout) {
    let is_text = |it: &Piece| it.role == Role::Paragraph;
    // `Image source, X` then `Image caption, Y` (on one line or two): one
    // caption, the text joining the credit just before it.
    let add_text = |layout: &mut Layout, items: &[Piece], c: usize, text: Range<usize>| {
        let credit_only = c > 0
            && layout
                .captions
                .last()
                .is_some_and(|cap| cap.text.is_none() && cap.credit.as_ref() == Some(&items[c - 1].range));
        match layout.captions.last_mut() {
            Some(cap) if credit_only => cap.text = Some(text),
            _ => layout.captions.push(CaptionSpan {
                text: Some(text),
                credit: None,
            }),
        }
    };
    for c in 0..items.len() {
        match items[c].role {
            Role::Caption => {
                add_text(layout, items, c, items[c].range.clone());
                items[c].role = Role::Dropped;
                continue;
            }
            Role::CaptionLabel => {
                if let Some(n) = items.get(c + 1).filter(|it| is_text(it)).map(|_| c + 1) {
                    add_text(layout, items, c, items[n].range.clone());
                    items[n].role = Role::Dropped;
                }
                items[c].role = Role::Dropped;
                continue;
            }
            Role::Credit => {}
            _ => continue,
        }
        let credit = items[c].range.clone();
        items[c].role = Role::Dropped;
        // A caption line right after the credit (`Image copyright X`, then
        // `Image caption Y`) is the caption this credit is for.
        if items
            .get(c + 1)
            .is_some_and(|it| matches!(it.role, Role::Caption | Role::CaptionLabel))
        {
            layout.captions.push(CaptionSpan {
                text: None,
                credit: Some(credit),
            });
            continue;
        }
        // A caption just before, already paired only with its label, takes this credit.
        if let Some(prev) = layout.captions.last_mut() {
            let touches = c > 0
                && items[c - 1].role == Role::Dropped
                && prev.credit.is_none()
                && prev.text.as_ref() == Some(&items[c - 1].range);
            if touches {
                prev.credit = Some(credit);
                continue;
            }
        }
        let prev = (c > 0 && is_text(&items[c - 1])).then(|| c - 1);
        let next = items.get(c + 1).filter(|it| is_text(it)).map(|_| c + 1);
        let sentence_like = |i: usize| {
            let s = &text[items[i].range.clone()];
            ends_sentence(s) || s.chars().count() >= 60
        };
        let short = |i: usize| chars_len(text, &items[i].range) <= 300;
        let alt = prev.filter(|&p| !sentence_like(p) && chars_len(text, &items[p].range) <= 120);
        // Lines with no blank line between them belong together: alt text
        // right above its credit, apart from the paragraph below, is the
        // caption, and that paragraph is the article's.
        let tight = |a: usize, b: usize| {
            text[items[a].range.end..items[b].range.start]
                .matches('\n')
                .count()
                <= 1
        };
        let apart_below = prev.is_some_and(|p| tight(p, c)) && next.is_some_and(|n| !tight(c, n));
        // A laid-out page indents a figure's credit and caption alike; a
        // paragraph below the credit set further out is the article's.
        let outdented = next.is_some_and(|n| items[n].indent(text) < items[c].indent(text));
        let caption = match (prev, next) {
            (Some(p), _) if sentence_like(p) && short(p) => Some(p),
            // A single word above ("Shares") is no alt text.
            (Some(p), _)
                if apart_below && text[items[p].range.clone()].split_whitespace().nth(1).is_none() =>
            {
                None
            }
            (_, Some(n)) if short(n) && sentence_like(n) && !apart_below && !outdented => {
                if let Some(a) = alt {
                    items[a].role = Role::Dropped;
                }
                Some(n)
            }
            _ => alt,
        };
        if let Some(i) = caption {
            items[i].role = Role::Dropped;
        }
        layout.captions.push(CaptionSpan {
            text: caption.map(|i| items[i].range.clone()),
            credit: Some(credit),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces over the lines of `text` with the given roles, one per line,
    /// each after its line's indentation (as the layout cuts them).
    fn pieces(text: &str, roles: &[Role]) -> Vec<Piece> {
        let mut at = 0;
        text.split('\n')
            .zip(roles)
            .map(|(line, role)| {
                let indent = line.len() - line.trim_start().len();
                let p = Piece {
                    role: role.clone(),
                    range: at + indent..at + line.len(),
                    lines: 1,
                };
                at += line.len() + 1;
                p
            })
            .collect()
    }

    #[test]
    fn credit_takes_the_caption_before_it_and_drops_alt_text() {
        let text = "Mayor Elena Park\nTom Reyes / Coastline Photo Agency\nMayor Elena Park spoke after the vote on Tuesday.\nThe council voted.";
        let mut items = pieces(
            text,
            &[Role::Paragraph, Role::Credit, Role::Paragraph, Role::Paragraph],
        );
        let mut layout = Layout::default();
        pair_captions(text, &mut items, &mut layout);
        assert_eq!(layout.captions.len(), 1);
        let cap = &layout.captions[0];
        assert_eq!(
            &text[cap.text.clone().unwrap()],
            "Mayor Elena Park spoke after the vote on Tuesday."
        );
        assert_eq!(
            &text[cap.credit.clone().unwrap()],
            "Tom Reyes / Coastline Photo Agency"
        );
        let roles: Vec<Role> = items.iter().map(|p| p.role.clone()).collect();
        assert_eq!(
            roles,
            [Role::Dropped, Role::Dropped, Role::Dropped, Role::Paragraph]
        );
    }

    #[test]
    fn alt_text_right_above_a_credit_is_the_caption_not_the_paragraph_below_a_blank_line() {
        let text =
            "Rowing boats at dawn\nTom Reyes, Coastline Photo Agency\n\nThe club won the title on Saturday.";
        let mut items = pieces(text, &[Role::Paragraph, Role::Credit, Role::Paragraph]);
        // `pieces` gives one piece per line; the blank line has none.
        items[2].range = text.rfind("The club").unwrap()..text.len();
        let mut layout = Layout::default();
        pair_captions(text, &mut items, &mut layout);
        let cap = &layout.captions[0];
        assert_eq!(&text[cap.text.clone().unwrap()], "Rowing boats at dawn");
        assert_eq!(items[2].role, Role::Paragraph);
    }

    #[test]
    fn a_paragraph_set_further_out_than_the_credit_is_the_article_s() {
        let roles = [Role::Dropped, Role::Credit, Role::Paragraph];
        let caption_of = |text: &str| {
            let mut items = pieces(text, &roles);
            let mut layout = Layout::default();
            pair_captions(text, &mut items, &mut layout);
            layout.captions[0]
                .text
                .clone()
                .map(|r| text[r].trim().to_string())
        };
        // As inscriptis lays out a figure inside the article's column.
        let outdented = "      Posted by Ann Lee\n          Getty Images\n      The coach said the season is not over yet.";
        assert_eq!(caption_of(outdented), None);
        let level =
            "      Posted by Ann Lee\n          Getty Images\n          The coach at practice on Monday.";
        assert_eq!(
            caption_of(level).as_deref(),
            Some("The coach at practice on Monday.")
        );
    }

    #[test]
    fn source_then_caption_on_one_line_is_one_caption() {
        let text = "Reuters\nCommuters crossed the bridge on Monday.\nThe bridge reopened.";
        let mut items = pieces(text, &[Role::Credit, Role::Caption, Role::Paragraph]);
        let mut layout = Layout::default();
        pair_captions(text, &mut items, &mut layout);
        assert_eq!(layout.captions.len(), 1, "{:?}", layout.captions);
        let cap = &layout.captions[0];
        assert_eq!(&text[cap.credit.clone().unwrap()], "Reuters");
        assert_eq!(
            &text[cap.text.clone().unwrap()],
            "Commuters crossed the bridge on Monday."
        );
    }

    #[test]
    fn credit_then_caption_line_is_one_caption_not_the_paragraph_before() {
        let text =
            "The ferry will run all winter.\nGetty Images\nThe chain ferry at dawn\nThe council voted.";
        let mut items = pieces(
            text,
            &[Role::Paragraph, Role::Credit, Role::Caption, Role::Paragraph],
        );
        let mut layout = Layout::default();
        pair_captions(text, &mut items, &mut layout);
        assert_eq!(layout.captions.len(), 1, "{:?}", layout.captions);
        let cap = &layout.captions[0];
        assert_eq!(&text[cap.credit.clone().unwrap()], "Getty Images");
        assert_eq!(&text[cap.text.clone().unwrap()], "The chain ferry at dawn");
        assert_eq!(items[0].role, Role::Paragraph);
    }

    #[test]
    fn caption_label_takes_the_next_line() {
        let text = "Image caption,\nCommuters crossed the bridge on Monday.\nThe bridge reopened.";
        let mut items = pieces(text, &[Role::CaptionLabel, Role::Paragraph, Role::Paragraph]);
        let mut layout = Layout::default();
        pair_captions(text, &mut items, &mut layout);
        assert_eq!(layout.captions.len(), 1);
        assert_eq!(
            &text[layout.captions[0].text.clone().unwrap()],
            "Commuters crossed the bridge on Monday."
        );
        assert_eq!(items[2].role, Role::Paragraph);
    }
}
