//! The page's text as blocks: the parsed tree walked once, in document
//! order and without recursion (so deep nesting cannot overflow the
//! stack), cutting a block at every block-level element and keeping with
//! each what its ancestors say about it (inside `<article>`, `<nav>`,
//! `<footer>`; class and id words such as `comment` or `related`; how much
//! of it is link text). Scripts, styles, forms' controls and hidden
//! elements give no text.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use crate::lexicon::HTML_HINTS;

/// Where a block sits, as bits of [`HtmlBlock::flags`].
pub(super) mod flag {
    pub const ARTICLE: u32 = 1;
    pub const MAIN: u32 = 1 << 1;
    pub const NAV: u32 = 1 << 2;
    pub const HEADER: u32 = 1 << 3;
    pub const FOOTER: u32 = 1 << 4;
    pub const ASIDE: u32 = 1 << 5;
    pub const FIGURE: u32 = 1 << 6;
    pub const FIGCAPTION: u32 = 1 << 7;
    pub const LIST: u32 = 1 << 8;
    pub const FORM: u32 = 1 << 9;
    pub const TABLE: u32 = 1 << 10;
    pub const QUOTE: u32 = 1 << 11;
    /// Names of the flags, for features.
    pub const NAMES: [(u32, &str); 12] = [
        (ARTICLE, "article"),
        (MAIN, "main"),
        (NAV, "nav"),
        (HEADER, "header"),
        (FOOTER, "footer"),
        (ASIDE, "aside"),
        (FIGURE, "figure"),
        (FIGCAPTION, "figcaption"),
        (LIST, "list"),
        (FORM, "form"),
        (TABLE, "table"),
        (QUOTE, "blockquote"),
    ];
}

/// A block of the page's text.
#[derive(Clone, Debug)]
pub(super) struct HtmlBlock {
    /// The text, white space collapsed.
    pub text: String,
    /// The block-level element it came from (`p`, `li`, `h2`, `div`...).
    pub tag: &'static str,
    /// Characters of the text inside links.
    pub link_chars: usize,
    /// Ancestor kinds ([`flag`]).
    pub flags: u32,
    /// Hint words from the class and id of its ancestors (see
    /// `data/lexicon/html-hints.txt`), nearest first, each once.
    pub hints: Vec<&'static str>,
    /// Hint words of the element itself and its parent.
    pub near: Vec<&'static str>,
    /// Index of the parent element of the block's element (see
    /// [`Walked::elements`]), for finding the article's container.
    pub parent: usize,
}

/// An element's place in document order: it spans the blocks from
/// `first_block` up to (not including) `end_block`.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Element {
    pub parent: usize,
    pub first_block: usize,
    pub end_block: usize,
}

/// The walked page.
pub(super) struct Walked {
    pub blocks: Vec<HtmlBlock>,
    /// Every block-level element, in document order.
    pub elements: Vec<Element>,
}

/// Elements whose content is never text a reader sees.
fn skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "button"
            | "input"
            | "textarea"
            | "head"
            | "title"
            | "video"
            | "audio"
            | "map"
            | "dialog"
    )
}

/// Elements that start a new block of text.
fn block_tag(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "p" => "p",
        "li" => "li",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "h5" => "h5",
        "h6" => "h6",
        "blockquote" => "blockquote",
        "pre" => "pre",
        "figcaption" => "figcaption",
        "td" | "th" => "td",
        "dt" | "dd" => "dd",
        "caption" => "figcaption",
        "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "nav" | "figure" | "ul"
        | "ol" | "dl" | "table" | "tr" | "tbody" | "thead" | "form" | "fieldset" | "address" | "center"
        | "body" | "html" | "hr" | "details" | "summary" => "div",
        _ => return None,
    })
}

fn tag_flag(tag: &str) -> u32 {
    match tag {
        "article" => flag::ARTICLE,
        "main" => flag::MAIN,
        "nav" => flag::NAV,
        "header" => flag::HEADER,
        "footer" => flag::FOOTER,
        "aside" => flag::ASIDE,
        "figure" => flag::FIGURE,
        "figcaption" => flag::FIGCAPTION,
        "ul" | "ol" | "li" => flag::LIST,
        "form" => flag::FORM,
        "table" => flag::TABLE,
        "blockquote" => flag::QUOTE,
        _ => 0,
    }
}

/// Whether an element is hidden from readers.
fn hidden<'a>(attr: &impl Fn(&str) -> Option<&'a str>) -> bool {
    if attr("hidden").is_some() || attr("aria-hidden") == Some("true") {
        return true;
    }
    attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The hint words of an element's class and id ("article-body" gives
/// `article` and `body`; "relatedStories" gives `related`).
fn hints_of<'a>(attr: &impl Fn(&str) -> Option<&'a str>, out: &mut Vec<&'static str>) {
    for value in [attr("class"), attr("id"), attr("role"), attr("itemprop")]
        .into_iter()
        .flatten()
    {
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut Vec<&'static str>| {
            if let Some(hint) = HTML_HINTS.get(word) {
                if !out.contains(&hint) {
                    out.push(hint);
                }
            }
            word.clear();
        };
        let mut prev_lower = false;
        for c in value.chars() {
            if c.is_alphanumeric() {
                // camelCase: a new word at a capital after a small letter.
                if c.is_uppercase() && prev_lower {
                    flush(&mut word, out);
                }
                word.extend(c.to_lowercase());
                prev_lower = c.is_lowercase();
            } else {
                flush(&mut word, out);
                prev_lower = false;
            }
        }
        flush(&mut word, out);
    }
}

/// Joins the cells of a table row into one block (`tr`), their texts
/// apart by a space, as a reader copies a row and as a body written with
/// a table states it: cell by cell, a row's figures are short blocks that
/// read as boilerplate. Only cells holding their own text join (a cell
/// holding paragraphs or `div`s is a layout table's, and its blocks stay
/// apart), and only cells of the same row.
fn join_rows(walked: &mut Walked) {
    let blocks = std::mem::take(&mut walked.blocks);
    // The index each old block has after joining.
    let mut map = Vec::with_capacity(blocks.len());
    for b in blocks {
        let joins = walked.blocks.last().is_some_and(|last: &HtmlBlock| {
            b.tag == "td" && matches!(last.tag, "td" | "tr") && last.parent == b.parent
        });
        match walked.blocks.last_mut() {
            Some(last) if joins => {
                last.text.push(' ');
                last.text.push_str(&b.text);
                last.link_chars += b.link_chars;
                last.tag = "tr";
            }
            _ => walked.blocks.push(b),
        }
        map.push(walked.blocks.len() - 1);
    }
    let n = walked.blocks.len();
    for e in &mut walked.elements {
        let (first, end) = (e.first_block, e.end_block);
        e.first_block = map.get(first).copied().unwrap_or(n);
        e.end_block = if end > first {
            map[end - 1] + 1
        } else {
            e.first_block
        };
    }
}

/// One open element on the walk.
struct Frame {
    flags: u32,
    hints_len: usize,
    own_hints: Vec<&'static str>,
    /// The block-level element this one is or sits in.
    block: usize,
    tag: &'static str,
    is_block: bool,
    skip: bool,
    link: bool,
}

/// Walks the parsed page into blocks.
pub(super) fn walk(html: &Html) -> Walked {
    let mut w = Walker::new();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => w.open(el.name(), |a| el.attr(a)),
                Node::Text(t) if w.skip_depth == 0 => w.push_text(&t.text),
                _ => {}
            },
            Edge::Close(node) => {
                // A line break opened no frame.
                if let Node::Element(el) = node.value() {
                    if el.name() != "br" {
                        w.close();
                    }
                }
            }
        }
    }
    w.finish()
}

/// Cuts text into blocks from the events of a walk over elements (open,
/// close, text), whether they come from the tree or from tokens.
pub(super) struct Walker {
    blocks: Vec<HtmlBlock>,
    elements: Vec<Element>,
    text: String,
    link_chars: usize,
    stack: Vec<Frame>,
    /// Hint words of the open elements, outermost first.
    hints: Vec<&'static str>,
    skip_depth: usize,
    link_depth: usize,
}

impl Walker {
    /// A walker before the first element.
    pub(super) fn new() -> Self {
        Walker {
            blocks: Vec::new(),
            elements: vec![Element::default()],
            text: String::new(),
            link_chars: 0,
            stack: Vec::new(),
            hints: Vec::new(),
            skip_depth: 0,
            link_depth: 0,
        }
    }

    /// The blocks, once every element is walked.
    pub(super) fn finish(mut self) -> Walked {
        self.flush();
        self.elements[0].end_block = self.blocks.len();
        let mut walked = Walked {
            blocks: self.blocks,
            elements: self.elements,
        };
        join_rows(&mut walked);
        walked
    }

    /// An element opens; `attr` gives its attributes.
    pub(super) fn open<'a>(&mut self, name: &str, attr: impl Fn(&str) -> Option<&'a str>) {
        let skip = skipped(name) || hidden(&attr);
        let mut own_hints = Vec::new();
        hints_of(&attr, &mut own_hints);
        let (parent_block, parent_flags) = self.stack.last().map_or((0, 0), |f| (f.block, f.flags));
        // A credit inside a caption is a block of its own, so that the
        // caption and the credit come apart.
        let credit = parent_flags & (flag::FIGCAPTION | flag::FIGURE) != 0
            && own_hints.iter().any(|h| matches!(*h, "credit" | "copyright"));
        let block_tag = if credit {
            Some("figcaption")
        } else {
            block_tag(name)
        };
        if name == "br" {
            // A line break ends a line of text; it opens nothing.
            self.flush();
            return;
        }
        if block_tag.is_some() && self.skip_depth == 0 {
            self.flush();
        }
        let block = if block_tag.is_some() {
            self.elements.push(Element {
                parent: parent_block,
                first_block: self.blocks.len(),
                end_block: self.blocks.len(),
            });
            self.elements.len() - 1
        } else {
            parent_block
        };
        let hints_len = self.hints.len();
        self.hints.extend(own_hints.iter().copied());
        let link = name == "a";
        if skip {
            self.skip_depth += 1;
        }
        if link {
            self.link_depth += 1;
        }
        self.stack.push(Frame {
            flags: parent_flags | tag_flag(name),
            hints_len,
            own_hints,
            block,
            tag: block_tag.unwrap_or(""),
            is_block: block_tag.is_some(),
            skip,
            link,
        });
    }

    /// The innermost open element closes.
    pub(super) fn close(&mut self) {
        let Some(frame) = self.stack.last() else {
            return;
        };
        if frame.is_block && self.skip_depth == 0 {
            self.flush();
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if frame.is_block {
            self.elements[frame.block].end_block = self.blocks.len();
        }
        self.hints.truncate(frame.hints_len);
        if frame.skip {
            self.skip_depth -= 1;
        }
        if frame.link {
            self.link_depth -= 1;
        }
    }

    /// Text inside the open elements.
    pub(super) fn push_text(&mut self, t: &str) {
        // Counted as pushed: counting the whole block again at each piece
        // of text would cost the square of a long block.
        let mut pushed = 0;
        for c in t.chars() {
            if c.is_whitespace() {
                if !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.text.push(' ');
                    pushed += 1;
                }
            } else {
                self.text.push(c);
                pushed += 1;
            }
        }
        if self.link_depth > 0 {
            self.link_chars += pushed;
        }
    }

    /// Ends the block being collected, if it has any text.
    fn flush(&mut self) {
        let text = self.text.trim();
        if text.is_empty() {
            self.text.clear();
            self.link_chars = 0;
            return;
        }
        // The nearest block-level element holds the text.
        let frame = self.stack.iter().rev().find(|f| f.is_block);
        let (tag, flags, element) = frame.map_or(("div", 0, 0), |f| (f.tag, f.flags, f.block));
        let inner_flags = self.stack.last().map_or(flags, |f| f.flags);
        let mut hints: Vec<&'static str> = Vec::new();
        for h in self.hints.iter().rev() {
            if !hints.contains(h) {
                hints.push(h);
            }
        }
        let mut near: Vec<&'static str> = Vec::new();
        let blocks_up = self.stack.iter().rev().filter(|f| f.is_block).take(2);
        for f in blocks_up {
            for h in &f.own_hints {
                if !near.contains(h) {
                    near.push(h);
                }
            }
        }
        self.blocks.push(HtmlBlock {
            text: text.to_string(),
            tag,
            link_chars: self.link_chars,
            flags: inner_flags,
            hints,
            near,
            parent: self.elements[element].parent,
        });
        self.text.clear();
        self.link_chars = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(String, &'static str)> {
        walk(&Html::parse_document(html))
            .blocks
            .into_iter()
            .map(|b| (b.text, b.tag))
            .collect()
    }

    #[test]
    fn a_table_row_is_one_block() {
        let got = blocks(
            "<p>Snap counts below.</p><table><tr><th>Pos</th><th>Player</th></tr>\
             <tr><td>DL</td><td>Larry Ogunjobi</td></tr></table>",
        );
        assert_eq!(
            got,
            [
                ("Snap counts below.".to_string(), "p"),
                ("Pos Player".to_string(), "tr"),
                ("DL Larry Ogunjobi".to_string(), "tr"),
            ]
        );
    }

    #[test]
    fn a_layout_table_keeps_its_paragraphs_apart() {
        let got = blocks("<table><tr><td><p>First.</p></td><td><p>Second.</p></td></tr></table>");
        assert_eq!(got, [("First.".to_string(), "p"), ("Second.".to_string(), "p")]);
    }

    #[test]
    fn joined_rows_keep_element_ranges() {
        let walked = walk(&Html::parse_document(
            "<div><table><tr><td>a</td><td>b</td></tr></table></div><p>c</p>",
        ));
        assert_eq!(walked.blocks.len(), 2);
        for e in &walked.elements {
            assert!(e.first_block <= e.end_block && e.end_block <= walked.blocks.len());
        }
    }
}
