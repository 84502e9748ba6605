//! Pass 1, layout: which lines are the headline, byline, dateline, bullets,
//! photo captions and credits, and which are the body paragraphs.
//!
//! Plain-text news comes in a handful of shapes: scraped web pages (headline,
//! repeated headline, image block, bullet summary, body), wire copy (byline,
//! `LONDON (Reuters) -` dateline), hard-wrapped archives, title-first dumps,
//! labelled archive exports and Markdown with front matter. The steps, in
//! order ([`parse`]):
//!
//! 1. [`lines`]: cut the text into lines and classify each by its shape;
//! 2. [`front_matter`]: fields the file states (front matter, export labels);
//! 3. [`headline`]: the headline, and the byline and date lines near it;
//! 4. [`paragraphs`]: join wrapped lines into paragraphs and bullets;
//! 5. [`roles`]: repeated headline, byline, dates, dateline ([`byline`],
//!    [`dates`]) and captions with their credits ([`captions`]).
//!
//! Every field keeps byte ranges into the text so later passes can report
//! offsets.

mod byline;
mod captions;
mod credits;
mod dates;
pub(crate) mod edges;
mod front_matter;
mod headline;
mod lines;
pub(crate) mod page;
mod paragraphs;
mod roles;

use std::ops::Range;

use crate::document::{Block, BlockKind, Document, Layout};
use front_matter::{front_matter, labelled_fields};
use headline::{find_headline, mark_bullet_continuations, mark_setext, mark_top_meta};
use lines::{classify, split_lines, LineKind};
use paragraphs::build_items;
use roles::{assign_roles, collect};

pub(crate) use byline::byline as read_byline;
pub(crate) use byline::byline_and_date as read_byline_and_date;
pub(crate) use byline::stated_authors;
pub(crate) use credits::credit_range;
pub(crate) use dates::date_line;
pub(crate) use dates::dateline as read_dateline;
pub(crate) use lines::furniture;

/// Pass 1: finds the layout of the document's text and the blocks that
/// later passes look for quotes and names in.
pub fn run(doc: &mut Document, explain: bool) {
    doc.layout = parse_explained(doc.text, explain);
    doc.blocks = blocks(&doc.layout);
}

/// Parses the layout of `text`.
pub fn parse(text: &str) -> Layout {
    parse_explained(text, false)
}

/// Parses the layout of `text`, keeping each page block's features when
/// `explain` is set.
pub fn parse_explained(text: &str, explain: bool) -> Layout {
    let lines = split_lines(text);
    let mut kinds: Vec<LineKind> = lines.iter().map(|l| classify(&text[l.start..l.end])).collect();
    let mut layout = Layout::default();

    let body_start = front_matter(text, &lines, &mut kinds, &mut layout);
    labelled_fields(text, &lines, &mut kinds, &mut layout, body_start);
    mark_setext(text, &lines, &mut kinds);
    // The first line is the headline of an article; on a page it may be
    // a menu's, so the page's blocks get to weigh it again below.
    let first_line = match layout.headline {
        None => find_headline(text, &lines, &mut kinds, body_start),
        Some(_) => None,
    };
    if let Some(piece) = &first_line {
        layout.headline = Some(piece.range.clone());
    }
    mark_bullet_continuations(text, &lines, &mut kinds);
    mark_top_meta(text, &lines, &mut kinds);
    let mut items = build_items(text, &lines, &kinds, body_start);
    assign_roles(text, &mut items, &mut layout);
    // In text order, among the pieces.
    let candidate = first_line.map(|piece| {
        let at = items.partition_point(|p| p.range.start < piece.range.start);
        items.insert(at, piece);
        at
    });
    let mut classified = page::classify(text, &mut items, explain);
    let page_headline = classified.headline.is_some();
    match classified.headline {
        Some(h) => layout.headline = Some(h),
        // Not cut out of a page: the first line stays the headline, and
        // not a block of the text.
        None => {
            if let Some(at) = candidate {
                items.remove(at);
                // Blocks are listed one per piece, or not at all.
                if at < classified.blocks.len() {
                    classified.blocks.remove(at);
                }
            }
        }
    }
    layout.page = classified.blocks;
    // On a page, the date stated under the headline is the article's; a
    // date line found before (any short line near running text) may be a
    // teaser's further down.
    let earlier_date = if page_headline { layout.date.take() } else { None };
    // The pieces just above the headline, nearest last.
    let above = classified
        .above
        .map_or(&items[..0], |i| &items[i.saturating_sub(ABOVE_REACH - 1)..=i]);
    roles::page_top_meta(text, above, &items[classified.top], &mut layout);
    // Only with a headline found, when no piece was removed above; it
    // fills only what the pieces under the headline left empty.
    if let Some(echo) = classified.echo {
        roles::page_top_meta(text, &[], &items[echo], &mut layout);
    }
    if layout.date.is_none() {
        layout.date = earlier_date;
    }
    collect(text, &items, &mut layout);
    layout
}

/// How many pieces above a page's headline may state its byline.
const ABOVE_REACH: usize = 3;

/// The article's text blocks (headline, bullets, captions, paragraphs) in
/// text order.
pub fn blocks(layout: &Layout) -> Vec<Block> {
    let mut out = Vec::new();
    let mut push = |kind, range: &Range<usize>, index| {
        out.push(Block {
            kind,
            range: range.clone(),
            index,
        })
    };
    if let Some(h) = &layout.headline {
        push(BlockKind::Headline, h, 0);
    }
    for (i, b) in layout.bullets.iter().enumerate() {
        push(BlockKind::Bullet, b, i);
    }
    for (i, c) in layout.captions.iter().enumerate() {
        if let Some(t) = &c.text {
            push(BlockKind::Caption, t, i);
        }
    }
    for (i, p) in layout.paragraphs.iter().enumerate() {
        push(BlockKind::Paragraph, p, i);
    }
    out.sort_by_key(|b| b.range.start);
    out
}

/// The folded text of each range (for tests).
#[cfg(test)]
fn texts(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
    ranges
        .iter()
        .map(|r| crate::text::fold_lines(&text[r.clone()]).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scraped_page() {
        let text = "City council approves tunnel\n\nCity council approves tunnel\n\nMayor Elena Park\n\nTom Reyes / Coastline Photo Agency\n\nMayor Elena Park spoke to reporters after the vote on Tuesday.\n\n  • The council voted 9-4.\n  • Work starts next spring.\n\nThe council approved a tunnel on Tuesday.\n\nAdvertisement\n\n\"This is big,\" Park said.\n";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "City council approves tunnel");
        assert_eq!(
            texts(text, &l.bullets),
            ["The council voted 9-4.", "Work starts next spring."]
        );
        assert_eq!(l.captions.len(), 1);
        let cap = &l.captions[0];
        assert_eq!(
            &text[cap.text.clone().unwrap()],
            "Mayor Elena Park spoke to reporters after the vote on Tuesday."
        );
        assert_eq!(
            &text[cap.credit.clone().unwrap()],
            "Tom Reyes / Coastline Photo Agency"
        );
        assert_eq!(
            texts(text, &l.paragraphs),
            [
                "The council approved a tunnel on Tuesday.",
                "\"This is big,\" Park said."
            ]
        );
    }

    #[test]
    fn wire_copy() {
        let text = "TUNNEL VOTE SPLITS HARBOR CITY\n\nBy Dana Whitfield and Omar Haddad\n\nLONDON (Reuters) - The council voted on Tuesday.\n\nMore followed.\n";
        let l = parse(text);
        assert_eq!(
            &text[l.headline.clone().unwrap()],
            "TUNNEL VOTE SPLITS HARBOR CITY"
        );
        assert_eq!(l.byline.as_deref(), Some("By Dana Whitfield and Omar Haddad"));
        assert_eq!(l.authors, ["Dana Whitfield", "Omar Haddad"]);
        assert_eq!(l.dateline.as_deref(), Some("LONDON (Reuters)"));
        assert_eq!(l.paragraphs.len(), 2);
    }

    #[test]
    fn navigation_and_stacked_meta_lines() {
        let text = "Skip to main content\nHome | News | Sport | Business\n\nFerry operator fined\n\nPublished 10:14 AM EDT, Thu June 6, 2024\nBy Priya Shah, Maritime Correspondent\n\nThe drifting ferry was towed home. (Coast Guard via AP)\n\nA judge fined the company on Wednesday for failing to repair an engine that broke down last August.\n\nMore from News\n";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "Ferry operator fined");
        assert_eq!(l.byline.as_deref(), Some("By Priya Shah, Maritime Correspondent"));
        assert_eq!(l.authors, ["Priya Shah"]);
        assert_eq!(l.date.as_deref(), Some("10:14 AM EDT, Thu June 6, 2024"));
        assert_eq!(l.captions.len(), 1);
        assert_eq!(l.paragraphs.len(), 1, "{:?}", texts(text, &l.paragraphs));
    }

    #[test]
    fn empty_text() {
        assert_eq!(parse(""), Layout::default());
        assert_eq!(parse("  \n\r\n  "), Layout::default());
    }

    #[test]
    fn crlf_and_lone_cr() {
        let text = "Title\r\n\r\nOne para.\r\rTwo para.\r";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "Title");
        assert_eq!(texts(text, &l.paragraphs), ["One para.", "Two para."]);
    }
}
