//! Paragraphs: runs of text lines joined back into paragraphs, whether the
//! text is hard-wrapped (a width estimate and indentation tell where
//! paragraphs break) or holds one paragraph per line; bullet lines with their
//! continuation lines; and every other line kind turned into a piece with a
//! role.

use std::ops::Range;

use super::credits::{credit_range, credit_then_caption, CAPTION_LABEL};
use super::lines::{ends_sentence, Line, LineKind};

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Role {
    Paragraph,
    Bullet,
    Credit,
    CaptionLabel,
    Heading,
    /// A paragraph that carries its own credit at the end.
    Caption,
    Dropped,
}

/// A run of lines with the role it plays in the article.
#[derive(Clone, Debug)]
pub(super) struct Piece {
    pub role: Role,
    pub range: Range<usize>,
    /// Number of physical lines.
    pub lines: usize,
}

/// What stands on the line of `start` before it: a piece's indentation
/// and a converter's marks (`# `, `  * `).
pub(super) fn line_lead(text: &str, start: usize) -> &str {
    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
    &text[line_start..start]
}

impl Piece {
    /// What stands on the piece's first line before it (see [`line_lead`]).
    pub(super) fn lead<'t>(&self, text: &'t str) -> &'t str {
        line_lead(text, self.range.start)
    }

    /// The whitespace before the piece on its first line, in characters.
    pub(super) fn indent(&self, text: &str) -> usize {
        self.lead(text).chars().take_while(|c| c.is_whitespace()).count()
    }
}

pub(super) fn chars_len(text: &str, r: &Range<usize>) -> usize {
    text[r.clone()].chars().count()
}

/// Groups classified lines into items: wrapped text lines become paragraphs,
/// bullet lines absorb their indented continuation lines.
pub(super) fn build_items(text: &str, lines: &[Line], kinds: &[LineKind], from: usize) -> Vec<Piece> {
    // Runs of consecutive text lines, each a candidate paragraph group.
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut i = from;
    while i < lines.len() {
        if kinds[i] == LineKind::Text {
            let start = i;
            while i < lines.len() && kinds[i] == LineKind::Text {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    let mode = wrap_mode(text, lines, &runs);

    let mut items = Vec::new();
    let mut i = from;
    while i < lines.len() {
        let l = lines[i];
        match kinds[i] {
            LineKind::Blank | LineKind::Used | LineKind::Rule => i += 1,
            LineKind::Text => {
                let mut j = i;
                while j < lines.len() && kinds[j] == LineKind::Text {
                    j += 1;
                }
                let run = i..j;
                for para in split_run(text, &lines[run.clone()], mode) {
                    let (a, b) = (run.start + para.start, run.start + para.end - 1);
                    items.push(Piece {
                        role: Role::Paragraph,
                        range: lines[a].start..lines[b].end,
                        lines: b - a + 1,
                    });
                }
                i = run.end;
            }
            LineKind::Bullet(marker) => {
                let mut j = i + 1;
                while j < lines.len() && kinds[j] == LineKind::BulletCont {
                    j += 1;
                }
                items.push(Piece {
                    role: Role::Bullet,
                    range: l.start + marker..lines[j - 1].end,
                    lines: j - i,
                });
                i = j;
            }
            LineKind::BulletCont => i += 1,
            LineKind::Meta => {
                items.push(Piece {
                    role: Role::Paragraph,
                    range: l.start..l.end,
                    lines: 1,
                });
                i += 1;
            }
            LineKind::Credit => {
                push_credit(text, &l, &mut items);
                i += 1;
            }
            LineKind::CaptionLabel => {
                let content = &text[l.start..l.end];
                let skip = CAPTION_LABEL.find(content).map_or(0, |m| m.end());
                let role = if skip < content.len() {
                    Role::Caption
                } else {
                    Role::CaptionLabel
                };
                items.push(Piece {
                    role,
                    range: l.start + skip..l.end,
                    lines: 1,
                });
                i += 1;
            }
            LineKind::Boilerplate => i += 1,
            LineKind::Heading(n) => {
                items.push(Piece {
                    role: Role::Heading,
                    range: l.start + n..l.end,
                    lines: 1,
                });
                i += 1;
            }
        }
    }
    items
}

/// The piece of a credit line; and of its caption after it when the line
/// holds both (`Image copyright X Image caption Y`).
fn push_credit(text: &str, l: &Line, items: &mut Vec<Piece>) {
    let line = &text[l.start..l.end];
    let (r, caption) = match credit_then_caption(line) {
        Some((r, caption)) => (r, Some(caption)),
        None => (credit_range(line).unwrap_or(0..line.len()), None),
    };
    items.push(Piece {
        role: Role::Credit,
        range: l.start + r.start..l.start + r.end,
        lines: 1,
    });
    if let Some(c) = caption {
        items.push(Piece {
            role: Role::Caption,
            range: l.start + c.start..l.start + c.end,
            lines: 1,
        });
    }
}

/// How wrapped text lines are joined: `Some(width)` for hard-wrapped text,
/// `None` when every line is already a whole paragraph.
fn wrap_mode(text: &str, lines: &[Line], runs: &[Range<usize>]) -> Option<usize> {
    let mut widths = Vec::new();
    let mut terminal = 0usize;
    for run in runs.iter().filter(|r| r.len() > 1) {
        for l in &lines[run.start..run.end - 1] {
            widths.push(l.width);
            if ends_sentence(&text[l.start..l.end]) {
                terminal += 1;
            }
        }
    }
    if widths.is_empty() {
        return None;
    }
    widths.sort_unstable();
    let width = if widths.len() >= 20 {
        widths[(widths.len() - 1) * 95 / 100]
    } else {
        widths[widths.len() - 1]
    };
    // Paragraph-per-line text ends nearly every line with a full stop;
    // wrapped text breaks mostly inside sentences.
    let line_mode = width > 110 || terminal * 10 >= widths.len() * 6;
    (!line_mode).then_some(width)
}

/// Splits a run of text lines into paragraphs, as ranges of line indices
/// relative to the run.
fn split_run(text: &str, run: &[Line], width: Option<usize>) -> Vec<Range<usize>> {
    let base = run.iter().map(|l| l.indent).min().unwrap_or(0);
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..run.len().saturating_sub(1) {
        let cur = &text[run[i].start..run[i].end];
        let next = &text[run[i + 1].start..run[i + 1].end];
        let indented = run[i + 1].indent > base && run[i + 1].indent >= run[i].indent + 2;
        let breaks = indented
            || match width {
                Some(w) => {
                    let first_word = next.split_whitespace().next().map_or(0, |w| w.chars().count());
                    // A line far wider than the wrap width was never
                    // wrapped: it is a paragraph of its own.
                    let unwrapped = |l: &Line| l.width > w + w / 2;
                    unwrapped(&run[i])
                        || unwrapped(&run[i + 1])
                        || (ends_sentence(cur) && run[i].width + 1 + first_word <= w)
                }
                None => ends_sentence(cur) || !next.starts_with(char::is_lowercase),
            };
        if breaks {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < run.len() {
        out.push(start..run.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{parse, texts};

    #[test]
    fn hard_wrapped_paragraphs() {
        let text = "Title here\n\nThe council approved the harbor tunnel on Tuesday after a long\ndebate that ran late into the night and ended with a narrow vote.\n   Opponents said they would appeal the decision in the courts and\nkeep campaigning against the project until it is abandoned.\n\nA third paragraph that sits on its own after a blank line and ends.\n";
        let l = parse(text);
        assert_eq!(l.paragraphs.len(), 3, "{:?}", texts(text, &l.paragraphs));
        assert!(texts(text, &l.paragraphs)[0].ends_with("narrow vote."));
    }

    #[test]
    fn wrapped_without_indent_uses_width() {
        let text = "Title\n\nThe council approved the harbor tunnel on Tuesday after a long\ndebate that ran late into the night.\nOpponents said they would appeal the decision in the courts and\nkeep campaigning against the project until it is gone.\n";
        let l = parse(text);
        assert_eq!(l.paragraphs.len(), 2, "{:?}", texts(text, &l.paragraphs));
    }

    #[test]
    fn a_line_far_wider_than_the_wrap_stands_alone() {
        let long = "The agency said on Monday that its researchers had examined how a long sleep would affect the crew, and that the results were promising for missions that last for years.";
        let text = format!("Title\n\nThe council approved the harbor tunnel on Tuesday after a long\ndebate that ran late into the night and ended in a vote.\n\nLive coverage from the hall continues here\n{long}\n");
        let l = parse(&text);
        assert_eq!(texts(&text, &l.paragraphs).last().map(String::as_str), Some(long));
    }

    #[test]
    fn one_paragraph_per_line() {
        let text = "Title\nFirst paragraph is one line.\nSecond paragraph is one line too.\nThird one.\n";
        let l = parse(text);
        assert_eq!(
            texts(text, &l.paragraphs),
            [
                "First paragraph is one line.",
                "Second paragraph is one line too.",
                "Third one."
            ]
        );
    }
}
