//! Quotation marks and their pairing into quotes: straight, curly,
//! low-high, guillemets, and single marks for nested or British-style
//! quotes, with apostrophes told apart by their neighbours. A quote whose
//! paragraph ends without a closing mark continues when the next paragraph
//! reopens it, the news convention for long quotes.

use std::ops::Range;

use crate::document::{Block, BlockKind, QuoteSpan, UnpairedMark};
use crate::lexicon::REPORTING_VERBS;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    pos: usize,
    ch: char,
    /// Two apostrophes standing for one double mark (`''` in archive copy
    /// of the New York Times, `’’` and `‘‘` in wire copy).
    doubled: bool,
    level: Level,
    can_open: bool,
    can_close: bool,
}

impl Mark {
    fn end(&self) -> usize {
        self.pos + self.ch.len_utf8() * if self.doubled { 2 } else { 1 }
    }

    /// Whether `self` closes a quote opened by `open`.
    fn closes(&self, open: &Mark) -> bool {
        if open.doubled || self.doubled {
            return self.can_close && self.level == open.level;
        }
        match (open.ch, self.ch) {
            ('„', '“') | ('„', '”') | ('‚', '‘') | ('‚', '’') => true,
            ('«', '»') | ('»', '«') | ('‹', '›') | ('›', '‹') => true,
            ('"', '"') | ('“', '”') | ('”', '”') => self.can_close,
            ('\'', '\'') | ('‘', '’') | ('’', '’') | ('\'', '’') | ('‘', '\'') => self.can_close,
            _ => self.can_close && self.level == open.level,
        }
    }
}

const OPEN_PUNCT: &str = "([{—–-/";

const CLOSE_PUNCT: &str = ".,;:!?)]}—–-/…";

pub(super) fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '\'' | '‘' | '’' | '‚' | '‹' | '›'
    )
}

/// Quotation marks in `text[range]`, apostrophes and inch marks left out.
fn marks(text: &str, range: Range<usize>) -> Vec<Mark> {
    let s = &text[range.clone()];
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Every quotation mark's UTF-8 opens with one of these bytes, none
        // of them inside a character: the scan reads bytes, and decodes
        // only there.
        if !matches!(bytes[i], b'"' | b'\'' | 0xC2 | 0xE2) {
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let mut end = i + c.len_utf8();
        if !is_quote_char(c) {
            i = end;
            continue;
        }
        let prev = s[..i].chars().next_back();
        let mut next = s[end..].chars().next();
        // Two apostrophes make one double mark.
        let doubled = matches!(c, '\'' | '’' | '‘') && next == Some(c);
        if doubled {
            end += c.len_utf8();
            next = s[end..].chars().next();
        }
        let left = next.is_some_and(|n| !n.is_whitespace())
            && prev.is_none_or(|p| p.is_whitespace() || OPEN_PUNCT.contains(p) || is_quote_char(p));
        let right = prev.is_some_and(|p| !p.is_whitespace())
            && next.is_none_or(|n| n.is_whitespace() || CLOSE_PUNCT.contains(n) || is_quote_char(n));
        let (level, can_open, can_close) = if doubled {
            // Opening when it starts a word, closing when it ends one.
            (Level::Double, left || !right, right || !left)
        } else {
            single_mark(c, prev, next, left, right)
        };
        if can_open || can_close {
            out.push(Mark {
                pos: range.start + i,
                ch: c,
                doubled,
                level,
                can_open,
                can_close,
            });
        }
        i = end;
    }
    out
}

/// Level and sides of one quotation mark between `prev` and `next`;
/// `left` and `right` say whether it opens or closes a word.
fn single_mark(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    left: bool,
    right: bool,
) -> (Level, bool, bool) {
    let between_letters = prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
    let digit_before = prev.is_some_and(|p| p.is_ascii_digit());
    let digit_after = next.is_some_and(|n| n.is_ascii_digit());
    match c {
        '"' if digit_before && !left => (Level::Double, false, false),
        '"' => (Level::Double, left, right),
        '“' => (Level::Double, !right || left, right && !left),
        '”' => (Level::Double, left && !right, true),
        '„' => (Level::Double, true, false),
        '«' => (Level::Double, left || !right, right && !left),
        '»' => (Level::Double, left && !right, right || !left),
        '‹' => (Level::Single, left || !right, right && !left),
        '›' => (Level::Single, left && !right, right || !left),
        '‚' => (Level::Single, true, false),
        '\'' | '’' | '‘' if between_letters => (Level::Single, false, false),
        '\'' | '‘' | '’' if left && digit_after => (Level::Single, false, false),
        '\'' if digit_before => (Level::Single, false, false),
        '‘' => (Level::Single, left || !right, right && !left),
        '’' => (Level::Single, left && !right, right),
        _ => (Level::Single, left, right),
    }
}

/// A double quote still open: its opening mark, the block it started in,
/// the pieces finished so far and where the current piece starts.
struct OpenQuote {
    mark: Mark,
    block: usize,
    pieces: Vec<Range<usize>>,
    piece_start: usize,
}

/// Marks paired so far over the blocks of an article.
struct Pairer<'a> {
    text: &'a str,
    blocks: &'a [Block],
    quotes: Vec<QuoteSpan>,
    single_quotes: Vec<QuoteSpan>,
    unpaired: Vec<UnpairedMark>,
    open: Option<OpenQuote>,
    /// Quotes wanted at most.
    limit: usize,
}

/// Pairs marks into quotes, carrying an open quote into the next paragraph
/// when that paragraph reopens it. Returns the quotes in text order and the
/// unpaired marks. Pairing stops soon after `limit` quotes are found.
pub(super) fn pair(text: &str, blocks: &[Block], limit: usize) -> (Vec<QuoteSpan>, Vec<UnpairedMark>) {
    let mut p = Pairer {
        text,
        blocks,
        quotes: Vec::new(),
        single_quotes: Vec::new(),
        unpaired: Vec::new(),
        open: None,
        limit,
    };
    for (b, block) in blocks.iter().enumerate() {
        if p.quotes.len() + p.single_quotes.len() > limit {
            break;
        }
        let all = marks(text, block.range.clone());
        let spans = p.doubles(b, &all);
        p.singles(b, &all, &spans);
        p.end_of_block(b);
    }
    let Pairer {
        mut quotes,
        mut single_quotes,
        mut unpaired,
        ..
    } = p;
    // Single marks only make a quote where no double-quoted one is. The
    // double quotes' marks, sorted with the furthest end reached so far,
    // answer each overlap test by binary search.
    let mut doubles: Vec<(usize, usize)> = quotes.iter().map(|d| (d.marks.start, d.marks.end)).collect();
    doubles.sort_unstable();
    let mut reach = 0;
    let furthest: Vec<usize> = doubles
        .iter()
        .map(|&(_, end)| {
            reach = reach.max(end);
            reach
        })
        .collect();
    single_quotes.retain(|s| {
        let i = doubles.partition_point(|&(start, _)| start < s.marks.end);
        !(i > 0 && furthest[i - 1] > s.marks.start)
    });
    quotes.append(&mut single_quotes);
    quotes.sort_by_key(|q| q.range.start);
    unpaired.sort_by_key(|u| u.offset);
    (quotes, unpaired)
}

impl Pairer<'_> {
    fn unpaired(&mut self, m: &Mark, opening: bool) {
        self.unpaired.push(UnpairedMark {
            offset: m.pos,
            mark: m.ch,
            opening,
        });
    }

    /// Pairs the double marks of block `b`; returns the spans of the quotes
    /// closed in it.
    fn doubles(&mut self, b: usize, all: &[Mark]) -> Vec<Range<usize>> {
        let text = self.text;
        let block = &self.blocks[b];
        let doubles: Vec<Mark> = all.iter().copied().filter(|m| m.level == Level::Double).collect();
        let mut skip_first = false;
        if let Some(open) = self.open.as_mut() {
            // Continuing from the previous paragraph: the reopening mark starts the piece.
            if let Some(first) = doubles
                .first()
                .filter(|m| m.can_open && m.pos == block.range.start)
            {
                open.piece_start = first.end();
                skip_first = true;
            }
        }
        let mut spans: Vec<Range<usize>> = Vec::new();
        // A closing mark with nothing open, kept in case it is an opening
        // mark with the space on the wrong side (`said." Three hours ...,"`).
        let mut stray: Option<Mark> = None;
        for (k, m) in doubles.iter().enumerate() {
            if skip_first && k == 0 {
                continue;
            }
            // Enough quotes for any record (see `pair`).
            if self.quotes.len() > self.limit {
                break;
            }
            match self.open.take() {
                None => {
                    if m.can_open {
                        self.open = Some(OpenQuote {
                            mark: *m,
                            block: b,
                            pieces: Vec::new(),
                            piece_start: m.end(),
                        });
                        stray = None;
                    } else if let Some(st) = stray.take().filter(|st| st.ch == m.ch || m.closes(st)) {
                        let start = skip_spaces(text, st.end(), m.pos);
                        spans.push(st.pos..m.end());
                        let piece = start..m.pos;
                        self.quotes
                            .push(make_quote(text, vec![piece], b, st.pos..m.end()));
                    } else {
                        self.unpaired(m, false);
                        stray = Some(*m);
                    }
                }
                Some(mut o) => {
                    if m.closes(&o.mark) {
                        o.pieces.push(o.piece_start..m.pos);
                        spans.push(o.mark.pos..m.end());
                        self.quotes
                            .push(make_quote(text, o.pieces, o.block, o.mark.pos..m.end()));
                    } else if m.can_open {
                        self.unpaired(&o.mark, true);
                        self.open = Some(OpenQuote {
                            mark: *m,
                            block: b,
                            pieces: Vec::new(),
                            piece_start: m.end(),
                        });
                    } else {
                        self.open = Some(o);
                    }
                }
            }
        }
        spans
    }

    /// Single marks outside double quotes: British-style primary quotes.
    fn singles(&mut self, b: usize, all: &[Mark], spans: &[Range<usize>]) {
        let open = self.open.as_ref();
        // `spans` are in text order and do not overlap: one pass walks them
        // beside the marks.
        let mut next_span = 0;
        let singles = all
            .iter()
            .copied()
            .filter(|m| {
                while next_span < spans.len() && spans[next_span].end <= m.pos {
                    next_span += 1;
                }
                let inside = spans.get(next_span).is_some_and(|s| s.start <= m.pos);
                m.level == Level::Single && !inside
            })
            .filter(|m| open.is_none_or(|o| o.block != b || m.pos < o.mark.pos));
        let mut single_open: Option<Mark> = None;
        let mut found = Vec::new();
        for m in singles {
            match single_open {
                None if m.can_open => single_open = Some(m),
                Some(o) if m.closes(&o) => {
                    let piece = o.end()..m.pos;
                    found.push(make_quote(self.text, vec![piece], b, o.pos..m.end()));
                    single_open = None;
                }
                Some(_) if m.can_open => single_open = Some(m),
                _ => {}
            }
        }
        self.single_quotes.append(&mut found);
    }

    /// A double quote still open at the end of block `b` continues into the
    /// next paragraph when that one reopens it; otherwise it is unpaired,
    /// and the rest of the paragraph is the quote when it reads as speech.
    fn end_of_block(&mut self, b: usize) {
        let Some(mut o) = self.open.take() else {
            return;
        };
        let text = self.text;
        let block = &self.blocks[b];
        // Only the very next paragraph can continue a quote: nothing but
        // blank lines may sit between them.
        let next_reopens = block.kind == BlockKind::Paragraph
            && self.blocks.get(b + 1).is_some_and(|n| {
                n.kind == BlockKind::Paragraph
                    && n.range.start >= block.range.end
                    && text[block.range.end..n.range.start].trim().is_empty()
                    && text[n.range.clone()]
                        .chars()
                        .next()
                        .is_some_and(|c| matches!(c, '"' | '“' | '„' | '«' | '»' | '‘' | '\''))
            });
        let end = block.range.end;
        if next_reopens {
            o.pieces.push(o.piece_start..end);
            o.piece_start = end;
            self.open = Some(o);
            return;
        }
        self.unpaired(&o.mark, true);
        // Take the rest of the paragraph as the quote when it is long
        // enough to be speech rather than a stray mark, up to an
        // attribution if one follows a comma (`... sorry, said X`).
        let cut = attribution_comma(text, o.piece_start..end).unwrap_or(end);
        let rest = o.piece_start..cut;
        if text[rest.clone()].split_whitespace().count() >= 3 {
            o.pieces.push(rest);
            self.quotes
                .push(make_quote(text, o.pieces, o.block, o.mark.pos..cut));
        }
    }
}

fn skip_spaces(text: &str, mut at: usize, end: usize) -> usize {
    while at < end {
        match text[at..].chars().next() {
            Some(c) if c.is_whitespace() => at += c.len_utf8(),
            _ => break,
        }
    }
    at
}

/// In an unclosed quote, the end of a comma followed closely by a reporting
/// verb: where the quote most likely stops.
fn attribution_comma(text: &str, range: Range<usize>) -> Option<usize> {
    let hay = &text[range.clone()];
    for (p, _) in hay.match_indices(", ") {
        let words: Vec<String> = hay[p + 2..]
            .split_whitespace()
            .take(4)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .collect();
        if words.iter().any(|w| REPORTING_VERBS.contains(w)) {
            return Some(range.start + p + 1);
        }
    }
    None
}

fn make_quote(text: &str, pieces: Vec<Range<usize>>, block: usize, marks: Range<usize>) -> QuoteSpan {
    // Guillemets are often set with spaces inside: « like this ».
    let pieces: Vec<Range<usize>> = pieces
        .into_iter()
        .map(|r| {
            let piece = &text[r.clone()];
            let start = r.start + (piece.len() - piece.trim_start().len());
            let end = r.start + piece.trim_end().len();
            start..end.max(start)
        })
        .collect();
    let start = pieces.first().map_or(0, |r| r.start);
    let end = pieces.last().map_or(start, |r| r.end);
    QuoteSpan {
        range: start..end,
        pieces,
        block,
        marks,
        attribution: None,
        partial: false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{quote_text, test_doc};
    use super::*;

    #[test]
    fn apostrophes_and_inches_make_no_quotes() {
        let cases: &[(&str, &[&str])] = &[
            ("\"We won,\" she said.", &["We won,"]),
            ("The employees' letter from the '90s", &[]),
            ("Don't worry, it's fine", &[]),
            ("The 12\" pipe and a 5'6\" frame", &[]),
            ("‘We will appeal,’ said Park.", &["We will appeal,"]),
            ("„We won“, she said.", &["We won"]),
            ("''We won,'' she said.", &["We won,"]),
            ("’’We won,’’ she said.", &["We won,"]),
            ("He said ''it's the '90s'' again", &["it's the '90s"]),
        ];
        for (text, want) in cases {
            let blocks = [Block {
                kind: BlockKind::Paragraph,
                range: 0..text.len(),
                index: 0,
            }];
            let (quotes, _) = pair(text, &blocks, usize::MAX);
            let got: Vec<&str> = quotes.iter().map(|q| &text[q.range.clone()]).collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn continued_across_paragraphs() {
        let text = "\"We will build it this year and pay for it in full.\n\n\"Nobody will have to wait any longer,\" Park said.";
        let d = test_doc(text);
        let (quotes, unpaired) = (&d.quotes, &d.unpaired);
        assert!(unpaired.is_empty());
        assert_eq!(quotes.len(), 1);
        assert_eq!(
            quote_text(text, &quotes[0]),
            "We will build it this year and pay for it in full. Nobody will have to wait any longer,"
        );
        assert_eq!(quotes[0].pieces.len(), 2);
    }

    #[test]
    fn unpaired_marks_are_reported() {
        let text = "He said \"we will win the case in the end and more.\n\nThe hearing ended.";
        let d = test_doc(text);
        let (quotes, unpaired) = (&d.quotes, &d.unpaired);
        assert_eq!(unpaired.len(), 1);
        assert_eq!(unpaired[0].offset, 8);
        assert!(unpaired[0].opening);
        assert_eq!(quotes.len(), 1);
    }

    #[test]
    fn typos_in_marks_are_recovered_and_reported() {
        let text = "\"We got it wrong and we are sorry, said Aisha Bello on Sunday.\n\nFans were unimpressed.\" Three hours in the sun is a choice,\" said Liam Walsh.";
        let d = test_doc(text);
        let (quotes, unpaired) = (&d.quotes, &d.unpaired);
        let got: Vec<(String, Option<String>)> = quotes
            .iter()
            .map(|q| {
                (
                    quote_text(text, q),
                    q.attribution
                        .as_ref()
                        .map(|a| text[a.speaker.clone()].to_string()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "We got it wrong and we are sorry,".to_string(),
                    Some("Aisha Bello".to_string())
                ),
                (
                    "Three hours in the sun is a choice,".to_string(),
                    Some("Liam Walsh".to_string())
                ),
            ]
        );
        assert_eq!(unpaired.len(), 2);
    }
}
