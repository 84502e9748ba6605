//! The headline: the first heading or text line that is not a byline, a
//! date or boilerplate (an ALL CAPS headline may wrap onto a second line),
//! and the lines around it that stand apart (bylines and date lines near the
//! top, wrapped bullet lines).

use super::byline::is_byline;
use super::dates::{date_line, wire_dateline_line};
use super::lines::{ends_sentence, Line, LineKind};
use super::paragraphs::{Piece, Role};
use crate::text::is_all_caps;

/// A `===` line under a text line makes that line a level-one heading.
pub(super) fn mark_setext(text: &str, lines: &[Line], kinds: &mut [LineKind]) {
    for i in 1..lines.len() {
        let l = &text[lines[i].start..lines[i].end];
        if kinds[i] == LineKind::Rule && l.starts_with("==") && kinds[i - 1] == LineKind::Text {
            kinds[i - 1] = LineKind::Heading(0);
        }
    }
}

/// Finds the headline: the first heading or text line that is not a byline,
/// a date or boilerplate. An ALL CAPS headline may continue on the next line.
/// Returns it as the piece its lines would have made (a heading or a
/// paragraph), for a page's blocks to weigh.
pub(super) fn find_headline(
    text: &str,
    lines: &[Line],
    kinds: &mut [LineKind],
    from: usize,
) -> Option<Piece> {
    for i in from..lines.len() {
        let l = lines[i];
        let content = &text[l.start..l.end];
        match kinds[i] {
            LineKind::Heading(n) => {
                kinds[i] = LineKind::Used;
                let title = content[n..].trim_end_matches(['#', ' ']);
                let start = l.start + n;
                return Some(Piece {
                    role: Role::Heading,
                    range: start..start + title.len(),
                    lines: 1,
                });
            }
            LineKind::Text => {
                if is_byline(content) || date_line(content) || wire_dateline_line(content).is_some() {
                    continue;
                }
                kinds[i] = LineKind::Used;
                let mut end = l.end;
                let next = i + 1;
                // A headline wrapped onto a second line: both in capitals, or
                // the second going on in lower case and ending its block.
                if next < lines.len()
                    && kinds[next] == LineKind::Text
                    && !content.ends_with(['.', '!', '?', ':'])
                {
                    let second = &text[lines[next].start..lines[next].end];
                    let ends_block = lines.get(next + 1).is_none_or(|l| l.start == l.end);
                    let caps = is_all_caps(content) && is_all_caps(second);
                    let continues =
                        second.starts_with(char::is_lowercase) && ends_block && second.chars().count() < 60;
                    let other =
                        is_byline(second) || date_line(second) || wire_dateline_line(second).is_some();
                    if (caps || continues) && !other {
                        kinds[next] = LineKind::Used;
                        end = lines[next].end;
                    }
                }
                return Some(Piece {
                    role: Role::Paragraph,
                    range: l.start..end,
                    lines: if end == l.end { 1 } else { 2 },
                });
            }
            _ => continue,
        }
    }
    None
}

/// Bylines and date lines above the body stand alone even when no blank
/// line separates them from their neighbours ("Published ..." then "By ...").
pub(super) fn mark_top_meta(text: &str, lines: &[Line], kinds: &mut [LineKind]) {
    // The top of an article is its first couple of dozen lines.
    for (l, k) in lines.iter().zip(kinds.iter_mut()).take(25) {
        if *k != LineKind::Text {
            continue;
        }
        let content = &text[l.start..l.end];
        if content.chars().count() > 100 {
            break;
        }
        if is_byline(content) || date_line(content) {
            *k = LineKind::Meta;
        }
    }
}

/// Text lines under a bullet that are indented past its marker, or that
/// continue its unfinished sentence in lower case, belong to the bullet.
pub(super) fn mark_bullet_continuations(text: &str, lines: &[Line], kinds: &mut [LineKind]) {
    for i in 0..lines.len() {
        if !matches!(kinds[i], LineKind::Bullet(_)) {
            continue;
        }
        let mut prev = i;
        for j in i + 1..lines.len() {
            if kinds[j] != LineKind::Text {
                break;
            }
            let content = &text[lines[j].start..lines[j].end];
            let indented = lines[j].indent > lines[i].indent;
            let continues = !ends_sentence(&text[lines[prev].start..lines[prev].end])
                && content.starts_with(char::is_lowercase);
            if !(indented || continues) {
                break;
            }
            kinds[j] = LineKind::BulletCont;
            prev = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse, texts};
    use crate::text::fold_lines;

    #[test]
    fn markdown_heading_is_headline() {
        let text = "# Harbor tunnel approved\n\n## Background\n\nBody text here.\n";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "Harbor tunnel approved");
        assert_eq!(texts(text, &l.paragraphs), ["Body text here."]);
    }

    #[test]
    fn headline_wrapped_or_followed_by_a_capitals_byline() {
        let text = "HARBOR TUNNEL VOTE\nBY DANA WHITFIELD\n\nThe council voted.\n";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "HARBOR TUNNEL VOTE");
        assert_eq!(l.authors, ["DANA WHITFIELD"]);
        let text = "City council approves harbor tunnel after a decade of\ndebate over costs\n\nThe council voted on Tuesday.\n";
        let l = parse(text);
        assert_eq!(
            fold_lines(&text[l.headline.clone().unwrap()]),
            "City council approves harbor tunnel after a decade of debate over costs"
        );
        let text = "Title line\nThe first paragraph follows without a blank line.\n";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "Title line");
        assert_eq!(l.paragraphs.len(), 1);
    }
}
