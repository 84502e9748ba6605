//! Roles of the pieces at the top and through the article: the repeated
//! headline, the byline, date lines, captions with their credits, and the
//! dateline of the first paragraph; what is left are the paragraphs and
//! bullets.

use std::ops::Range;

use super::byline::{bare_name, byline, byline_and_date, byline_with_date};
use super::captions::pair_captions;
use super::credits::{credit_range, inline_credit};
use super::dates::{date_in, date_line, dateline, strip_date_label, wire_dateline_line};
use super::paragraphs::{chars_len, Piece, Role};
use crate::document::{CaptionSpan, Layout};
use crate::text::{field_text, fold_lines};

/// Folded text of a range, compared case-insensitively for repeated headlines.
pub(super) fn comparable(text: &str, r: &Range<usize>) -> String {
    fold_lines(&text[r.clone()])
        .trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether the text at `r` states again the title whose [`comparable`]
/// form is `key`; only text of about the title's length is compared.
pub(super) fn restates(text: &str, r: &Range<usize>, key: &str) -> bool {
    let len = r.len();
    !key.is_empty()
        && len + 8 >= key.len()
        && len <= key.len() * 2 + 8
        && opens_alike(&text[r.clone()], key)
        && comparable(text, r) == key
}

/// Whether a text's first letter or digit, lower-cased, is the first
/// character of a [`comparable`] form: a cheap test before building the
/// text's own form (a capital sigma, whose lower case depends on what
/// follows it, always passes).
fn opens_alike(text: &str, key: &str) -> bool {
    match text.chars().find(|c| c.is_alphanumeric()) {
        Some('Σ') | None => true,
        Some(c) => c.to_lowercase().next() == key.chars().next(),
    }
}

/// A byline that a converter's indentation cut into pieces: "By" alone,
/// then the name, then maybe the date, each a piece of its own. The first
/// such run near the top whose pieces read together as a byline (with or
/// without its date) is the byline, and its pieces leave the text.
fn split_byline(text: &str, items: &mut [Piece], layout: &mut Layout) {
    if layout.byline.is_some() {
        return;
    }
    let by =
        |it: &Piece| it.role == Role::Paragraph && text[it.range.clone()].trim().eq_ignore_ascii_case("by");
    let Some(n) = items.iter().take(40).position(by) else {
        return;
    };
    let ends: Vec<usize> = (n + 1..(n + 3).min(items.len()))
        .take_while(|&k| items[k].role == Role::Paragraph && items[k].lines <= 2)
        .collect();
    let joined = |k: usize| {
        let parts: Vec<String> = items[n..=k]
            .iter()
            .map(|it| fold_lines(text[it.range.clone()].trim()).into_owned())
            .collect();
        parts.join(" ")
    };
    // A byline with its date, the longest run first (the date after the
    // name); else a byline alone, the shortest run (the name once).
    let found = ends
        .iter()
        .rev()
        .find_map(|&k| {
            byline_and_date(&joined(k)).map(|(line, authors, date)| (k, line, authors, Some(date)))
        })
        .or_else(|| {
            ends.iter().find_map(|&k| {
                let line = joined(k);
                byline(&line).map(|authors| (k, line, authors, None))
            })
        });
    if let Some((k, line, authors, date)) = found.filter(|f| !f.2.is_empty()) {
        layout.byline = Some(line);
        layout.authors = authors;
        if layout.date.is_none() {
            layout.date = date;
        }
        for it in &mut items[n..=k] {
            it.role = Role::Dropped;
        }
    }
}

/// Assigns roles to items: repeated headline, byline, date lines, captions
/// and subheads.
pub(super) fn assign_roles(text: &str, items: &mut [Piece], layout: &mut Layout) {
    let headline_key = layout.headline.as_ref().map(|r| comparable(text, r));
    split_byline(text, items, layout);
    let mut seen_body = false;
    // On a saved page the article's top comes after the menus: a line
    // just before running text counts as near the top.
    let before_text: Vec<bool> = (0..items.len())
        .map(|n| {
            items[n + 1..(n + 4).min(items.len())]
                .iter()
                .any(|it| it.role == Role::Paragraph && chars_len(text, &it.range) >= 120)
        })
        .collect();
    for (n, item) in items.iter_mut().enumerate() {
        if item.role != Role::Paragraph && item.role != Role::Heading {
            continue;
        }
        if headline_key
            .as_deref()
            .is_some_and(|h| restates(text, &item.range, h))
        {
            item.role = Role::Dropped;
            continue;
        }
        if item.role == Role::Heading {
            continue;
        }
        let content = &text[item.range.clone()];
        let top = n < 12 || before_text[n];
        let near_top = top && item.lines <= 2;
        // A byline with its date may take a line each ("By" / name / date).
        if top && item.lines <= 3 && layout.byline.is_none() {
            if let Some(authors) = near_top.then(|| byline(content)).flatten() {
                layout.byline = Some(fold_lines(content).into_owned());
                layout.authors = authors;
                item.role = Role::Dropped;
                continue;
            }
            if let Some((line, authors, date)) = byline_and_date(content) {
                layout.byline = Some(line);
                layout.authors = authors;
                if layout.date.is_none() {
                    layout.date = Some(date);
                }
                item.role = Role::Dropped;
                continue;
            }
        }
        if near_top && (!seen_body || before_text[n]) && date_line(content) {
            if layout.date.is_none() {
                layout.date = Some(strip_date_label(content).to_string());
            }
            item.role = Role::Dropped;
            continue;
        }
        let wire_place = (near_top && (!seen_body || before_text[n]))
            .then(|| wire_dateline_line(content))
            .flatten();
        if let Some(place) = wire_place {
            if layout.dateline.is_none() {
                layout.dateline = Some(content.to_string());
                let s = item.range.start;
                layout.dateline_place = Some(s + place.start..s + place.end);
            }
            item.role = Role::Dropped;
            continue;
        }
        if chars_len(text, &item.range) <= 500 {
            if let Some((cap_end, credit)) = inline_credit(content) {
                let s = item.range.start;
                layout.captions.push(CaptionSpan {
                    text: Some(s..s + cap_end),
                    credit: Some(s + credit.start..s + credit.end),
                });
                item.role = Role::Dropped;
                continue;
            }
        }
        seen_body |= item.lines > 1 || chars_len(text, &item.range) > 120;
    }
    pair_captions(text, items, layout);
}

/// The date and byline a page states between its headline and the body,
/// when the lines near the top gave none: the first date line or date
/// inside a short line, and the first byline (with its date before or
/// after it, or alone) among those pieces; else a date line just above
/// the headline (or ending the piece there, which a converter may have
/// run into the menu above it).
pub(super) fn page_top_meta(text: &str, above: &[Piece], top: &[Piece], layout: &mut Layout) {
    for item in top.iter().filter(|it| it.lines <= TOP_PIECE_LINES) {
        let raw = &text[item.range.clone()];
        if item.lines <= 2 {
            // Read without a converter's escapes (`Name \- Nov 19, 2019`).
            top_line_meta(&field_text(raw), || plain_name(text, item), layout);
        } else {
            // A converter that sets no blank line between them runs the
            // section label, the date and the byline into one piece
            // (`NATIONAL /`, `Nov. 18, 2019 12:02 PM`, `By Dana Whitfield`):
            // each line is read alone, as the forms it holds are.
            for line in raw.lines() {
                top_line_meta(field_text(line).trim(), || None, layout);
            }
        }
    }
    if let Some(content) = above.last().map(|it| &text[it.range.clone()]) {
        let last = content.lines().next_back().unwrap_or_default().trim();
        if let Some(date) = [content, last].into_iter().find(|c| date_line(c)) {
            if layout.date.is_none() {
                layout.date = Some(strip_date_label(date).to_string());
            }
        }
    }
    // Some pages stack the author's name, the section and the date above
    // the title, one short line each (`Louise Matsakis`, `Business`,
    // `11.15.2019 10:09 AM`): a name alone in that stack is the byline.
    if layout.byline.is_none() {
        let stack = above.iter().rev().take_while(|it| {
            it.lines == 1 && text[it.range.clone()].split_whitespace().count() <= ABOVE_WORDS
        });
        if let Some((item, authors)) = stack
            .filter_map(|it| plain_name(text, it).map(|a| (it, a)))
            .next()
        {
            layout.byline = Some(text[item.range.clone()].trim().to_string());
            layout.authors = authors;
        }
    }
}

/// Lines of more words above a page's headline end the stack of labels
/// (author, section, date) over it.
const ABOVE_WORDS: usize = 6;

/// Pieces under the headline of more lines than this are no byline or
/// date lines.
const TOP_PIECE_LINES: usize = 6;

/// Fills the byline and date from one line or piece under a page's
/// headline: a photo credit gives neither; `name` reads a person's name
/// standing alone.
fn top_line_meta(content: &str, name: impl Fn() -> Option<Vec<String>>, layout: &mut Layout) {
    // A photo credit (`Name / Agency`) names no author.
    if credit_range(content).is_some() {
        return;
    }
    let (by, date) = if let Some((line, authors, date)) = byline_with_date(content) {
        (Some((line, authors)), Some(date))
    } else if date_line(content) {
        (None, Some(strip_date_label(content).to_string()))
    } else if let Some(authors) = byline(content) {
        (Some((content.to_string(), authors)), None)
    } else if let Some(authors) = name() {
        // A name alone on a plain line under the headline (`Tom
        // Varley`): a heading, list item or emphasis is a menu's or a
        // table's more often than an author's.
        (Some((content.trim().to_string(), authors)), None)
    } else {
        (
            None,
            date_in(content).map(|r| strip_date_label(&content[r]).to_string()),
        )
    };
    if let Some((line, authors)) = by.filter(|_| layout.byline.is_none()) {
        layout.byline = Some(line);
        layout.authors = authors;
    }
    if layout.date.is_none() {
        layout.date = date;
    }
}

/// The name on a plain line of one piece, without converter marks (of a
/// heading, list item or emphasis) before it or in it, when it reads as a
/// person's (see [`bare_name`]).
fn plain_name(text: &str, item: &Piece) -> Option<Vec<String>> {
    let raw = text[item.range.clone()].trim();
    let plain =
        item.lines == 1 && item.lead(text).trim().is_empty() && !raw.contains(['*', '_', '#', '\\', '|']);
    plain.then(|| bare_name(raw)).flatten()
}

/// Collects the paragraphs and bullets left, finding the dateline of the
/// first paragraph.
pub(super) fn collect(text: &str, items: &[Piece], layout: &mut Layout) {
    let mut dateline_checked = false;
    for item in items.iter() {
        match item.role {
            Role::Paragraph => {
                if !dateline_checked {
                    dateline_checked = true;
                    if layout.dateline.is_none() {
                        if let Some((dl, date, place)) = dateline(&text[item.range.clone()]) {
                            layout.dateline = Some(dl);
                            let s = item.range.start;
                            layout.dateline_place = Some(s + place.start..s + place.end);
                            if layout.date.is_none() {
                                layout.date = date;
                            }
                        }
                    }
                }
                layout.paragraphs.push(item.range.clone());
            }
            Role::Bullet => layout.bullets.push(item.range.clone()),
            _ => {}
        }
    }
    layout
        .captions
        .sort_by_key(|c| c.text.as_ref().or(c.credit.as_ref()).map_or(0, |r| r.start));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restated_title_is_found_whatever_its_case_and_wrapping() {
        let key = comparable("Ferry Fined Again", &(0..17));
        for (text, yes) in [
            ("** Ferry fined\n  again **", true),
            ("FERRY FINED AGAIN", true),
            ("Ferry fined again, and more", false),
            ("Fare fined again", false),
            ("Σ ferry", false),
        ] {
            assert_eq!(restates(text, &(0..text.len()), &key), yes, "{text}");
        }
    }

    /// One paragraph piece per line of `text`.
    fn line_pieces(text: &str) -> Vec<Piece> {
        let mut at = 0;
        text.split('\n')
            .map(|line| {
                let p = Piece {
                    role: Role::Paragraph,
                    range: at..at + line.len(),
                    lines: 1,
                };
                at += line.len() + 1;
                p
            })
            .collect()
    }

    /// The pieces of `text`, one per line, with roles assigned under a
    /// headline of its first `headline` bytes, and the layout they fill.
    fn roles_under_headline(text: &str, headline: usize) -> (Vec<Piece>, Layout) {
        let mut items = line_pieces(text);
        let mut layout = Layout {
            headline: Some(0..headline),
            ..Layout::default()
        };
        items[0].role = Role::Heading;
        assign_roles(text, &mut items, &mut layout);
        (items, layout)
    }

    #[test]
    fn top_of_article_roles() {
        let text = "Ferry fined\nBy Priya Shah\nPublished: June 6, 2024\nHARBOR CITY (AP) — A judge fined the ferry company on Wednesday.\nIt will appeal.";
        let (items, mut layout) = roles_under_headline(text, 11);
        collect(text, &items, &mut layout);
        assert_eq!(layout.byline.as_deref(), Some("By Priya Shah"));
        assert_eq!(layout.authors, ["Priya Shah"]);
        assert_eq!(layout.date.as_deref(), Some("June 6, 2024"));
        assert_eq!(layout.dateline.as_deref(), Some("HARBOR CITY (AP)"));
        assert_eq!(&text[layout.dateline_place.clone().unwrap()], "HARBOR CITY");
        assert_eq!(layout.paragraphs.len(), 2);
    }

    #[test]
    fn a_labelled_date_with_its_outlet_after_it_gives_the_day() {
        let text = "By Priya Shah\nUpdated on: November 20, 2019 / 1:07 AM / Harbor News\nLena Ortiz / Harbor Photos";
        let items = line_pieces(text);
        let mut layout = Layout::default();
        page_top_meta(text, &[], &items, &mut layout);
        assert_eq!(layout.authors, ["Priya Shah"]);
        assert_eq!(layout.date.as_deref(), Some("November 20, 2019"));
        // A credit without a date names no author and no date.
        let mut credit_only = Layout::default();
        page_top_meta(text, &[], &items[2..], &mut credit_only);
        assert_eq!(credit_only.byline, None);
        assert_eq!(credit_only.date, None);
    }

    #[test]
    fn a_date_line_ending_the_piece_above_the_headline_dates_the_page() {
        let text = "Business\n  Dana Whitfield\n  11.15.2019 10:09 AM";
        let above = Piece {
            role: Role::Paragraph,
            range: 0..text.len(),
            lines: 3,
        };
        let mut layout = Layout::default();
        page_top_meta(text, std::slice::from_ref(&above), &[], &mut layout);
        assert_eq!(layout.date.as_deref(), Some("11.15.2019 10:09 AM"));
        // A piece that ends in running text gives no date.
        let text = "Business\n11.15.2019 10:09 AM\nShares fell";
        let above = Piece {
            range: 0..text.len(),
            ..above
        };
        let mut layout = Layout::default();
        page_top_meta(text, std::slice::from_ref(&above), &[], &mut layout);
        assert_eq!(layout.date, None);
    }

    #[test]
    fn a_name_in_the_stack_of_labels_above_the_headline_is_the_byline() {
        let text = "Louise Whitfield\nBusiness\n11.15.2019 10:09 AM";
        let above = line_pieces(text);
        let mut layout = Layout::default();
        page_top_meta(text, &above, &[], &mut layout);
        assert_eq!(layout.byline.as_deref(), Some("Louise Whitfield"));
        assert_eq!(layout.date.as_deref(), Some("11.15.2019 10:09 AM"));
        // Running text between the name and the headline ends the stack.
        let text = "Louise Whitfield\nThe council met on Tuesday to vote on the new harbor wall\n11.15.2019";
        let mut layout = Layout::default();
        page_top_meta(text, &line_pieces(text), &[], &mut layout);
        assert_eq!(layout.byline, None);
    }

    #[test]
    fn repeated_headline_is_dropped() {
        let text = "Ferry fined\nFerry fined.\nA judge fined the company.";
        let mut items = vec![
            Piece {
                role: Role::Paragraph,
                range: 12..24,
                lines: 1,
            },
            Piece {
                role: Role::Paragraph,
                range: 25..text.len(),
                lines: 1,
            },
        ];
        let mut layout = Layout {
            headline: Some(0..11),
            ..Layout::default()
        };
        assign_roles(text, &mut items, &mut layout);
        collect(text, &items, &mut layout);
        assert_eq!(items[0].role, Role::Dropped);
        assert_eq!(layout.paragraphs.len(), 1);
        assert_eq!(layout.paragraphs[0], 25..text.len());
    }
}
