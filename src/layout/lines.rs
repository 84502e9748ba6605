//! Lines: the text cut into physical lines, each classified by its shape
//! (blank, text, bullet, heading, rule, credit, caption label, boilerplate).

use std::sync::LazyLock;

use regex::Regex;

use super::credits::{credit_range, credit_then_caption, CAPTION_LABEL};
use crate::lexicon::BOILERPLATE_LINES;

/// One physical line: content range without indentation or trailing space.
#[derive(Clone, Copy, Debug)]
pub(super) struct Line {
    pub start: usize,
    pub end: usize,
    /// Indentation in columns (a tab counts as four).
    pub indent: usize,
    /// Length in characters, indentation included.
    pub width: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum LineKind {
    Blank,
    Text,
    /// A bullet item; `usize` is the byte length of marker and spacing.
    Bullet(usize),
    Credit,
    /// `Image caption,` and similar labels: the caption follows.
    CaptionLabel,
    Boilerplate,
    /// A Markdown `#` heading; `usize` is the byte length of the marker.
    Heading(usize),
    /// A horizontal rule or a setext underline.
    Rule,
    /// A wrapped line continuing the bullet above it.
    BulletCont,
    /// A byline or date line near the top, kept apart from the text around it.
    Meta,
    /// Consumed by front matter or the headline.
    Used,
}

pub(super) fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            lines.push(make_line(text, start, i));
            if at_end {
                break;
            }
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    lines
}

fn make_line(text: &str, start: usize, end: usize) -> Line {
    let raw = &text[start..end];
    let mut indent = 0;
    let mut content = start;
    for (i, c) in raw.char_indices() {
        match c {
            '\t' => indent += 4,
            c if c.is_whitespace() || c == '\u{feff}' => indent += 1,
            _ => {
                content = start + i;
                break;
            }
        }
        content = start + i + c.len_utf8();
    }
    let trimmed_end = content + text[content..end].trim_end().len();
    let width = indent + text[content..trimmed_end].chars().count();
    Line {
        start: content,
        end: trimmed_end,
        indent,
        width,
    }
}

/// Whole lines of page furniture, from the lexicon's patterns.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<&str> = BOILERPLATE_LINES.words().to_vec();
    Regex::new(&format!("(?i)^(?:{})$", alternatives.join("|"))).expect("boilerplate pattern")
});

static RULE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[-*_=]\s*){3,}$").expect("rule pattern"));

pub(super) fn classify(line: &str) -> LineKind {
    if line.is_empty() {
        return LineKind::Blank;
    }
    if RULE.is_match(line) {
        return LineKind::Rule;
    }
    if let Some(n) = heading_marker(line) {
        return LineKind::Heading(n);
    }
    if let Some(n) = bullet_marker(line) {
        return LineKind::Bullet(n);
    }
    // Before furniture: a credit's bars (`Name | Agency | Getty Images`)
    // are not a menu's.
    if line.contains('|') && credit_range(line).is_some() {
        return LineKind::Credit;
    }
    if furniture(line) {
        return LineKind::Boilerplate;
    }
    if CAPTION_LABEL
        .find(line)
        .is_some_and(|m| m.end() > 0 && line[..m.end()].to_lowercase().contains("caption"))
    {
        return LineKind::CaptionLabel;
    }
    if credit_range(line).is_some() || credit_then_caption(line).is_some() {
        return LineKind::Credit;
    }
    LineKind::Text
}

/// Longest line read as furniture; longer ones are text.
const FURNITURE_CHARS: usize = 130;

/// Longest line in parentheses read as furniture.
const NOTE_CHARS: usize = 320;

/// Whether a line is page furniture: a boilerplate pattern of the lexicon
/// ("Advertisement", "Copyright 2024 ...") or a menu line.
pub(crate) fn furniture(line: &str) -> bool {
    let chars = line.chars().count();
    // A note in parentheses may run long: an agency's credits (`(Reporting
    // by A, B and C; editing by D and E)`) name many people.
    let note = line.starts_with('(') && line.trim_end().ends_with(')');
    (chars <= FURNITURE_CHARS || note && chars <= NOTE_CHARS)
        && (BOILERPLATE.is_match(line)
            || navigation(line)
            // As a converter prints emphasis (`_Follow us on_ _Twitter_`).
            || line.bytes().any(|b| b == b'_' || b == b'*') && BOILERPLATE.is_match(&crate::text::field_text(line)))
}

/// A menu line: three or more short items between bars or bullets
/// ("Home | News | Sport | Business").
fn navigation(line: &str) -> bool {
    if !line.contains(['|', '·', '•', '›', '»']) {
        return false;
    }
    let parts: Vec<&str> = line.split(['|', '·', '•', '›', '»']).map(str::trim).collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.split_whitespace().count() <= 3 && !p.ends_with(['.', '!', '?']))
}

fn heading_marker(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t']) {
        let rest = &line[hashes..];
        return Some(hashes + (rest.len() - rest.trim_start().len()));
    }
    None
}

fn bullet_marker(line: &str) -> Option<usize> {
    let c = line.chars().next()?;
    let after = &line[c.len_utf8()..];
    let spaced = after.starts_with([' ', '\t', '\u{a0}']);
    let ok = match c {
        '•' | '·' | '▪' | '◦' | '‣' | '●' | '■' | '►' => true,
        '-' | '*' | '–' | '+' => spaced,
        _ => false,
    };
    let rest = after.trim_start();
    (ok && !rest.is_empty()).then(|| line.len() - rest.len())
}

pub(super) fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*']);
    s.ends_with(['.', '!', '?', '…', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_agency_credit_notes_are_furniture() {
        let note = "(Reporting by Ana Ferreira, Tomas Lindgren and Priya Raman in London; additional reporting by \
                    Kwame Mensah in Accra; writing by Ana Ferreira; editing by Lena Hartmann and Marc Dubois)";
        assert!(note.chars().count() > FURNITURE_CHARS);
        assert!(furniture(note));
        // html2text's emphasis inside the parentheses.
        assert!(furniture(&format!("(_{}_)", &note[1..note.len() - 1])));
        // The same words outside parentheses, or another long aside, are text.
        assert!(!furniture(&note[1..note.len() - 1]));
        assert!(!furniture(
            "(The council, which meets on Tuesdays, voted to delay the decision until the next budget \
             year, when the state is expected to send more money to the city for repairs to bridges.)"
        ));
    }

    #[test]
    fn line_kinds() {
        let cases: &[(&str, LineKind)] = &[
            ("", LineKind::Blank),
            ("---", LineKind::Rule),
            ("## Background", LineKind::Heading(3)),
            ("• The council voted.", LineKind::Bullet(4)),
            ("- The council voted.", LineKind::Bullet(2)),
            ("-5 degrees overnight", LineKind::Text),
            ("Advertisement", LineKind::Boilerplate),
            ("Home | News | Sport | Business", LineKind::Boilerplate),
            // A gallery's navigation.
            ("Back to Gallery", LineKind::Boilerplate),
            ("Image 1 of / 23", LineKind::Boilerplate),
            // A call to share, and furniture in a converter's emphasis.
            ("Like this story? Share it with a friend!", LineKind::Boilerplate),
            // The comment box's sign-in prompt.
            ("You must be logged in to post a comment.", LineKind::Boilerplate),
            // A call to follow the writer or the site.
            (
                "Follow Dana Whitfield on Twitter @dwhitfield.",
                LineKind::Boilerplate,
            ),
            (
                "Follow the Opinion desk on Facebook and Instagram.",
                LineKind::Boilerplate,
            ),
            (
                "Follow the money, the inspector said. It led to Twitter.",
                LineKind::Text,
            ),
            (
                "_Related:_ _Snapshots of the Harbor Through Time_",
                LineKind::Boilerplate,
            ),
            ("Image caption, Crowds gathered", LineKind::CaptionLabel),
            ("Photo: AP", LineKind::Credit),
            ("The council voted on Tuesday.", LineKind::Text),
        ];
        for (line, want) in cases {
            assert_eq!(classify(line), *want, "{line:?}");
        }
    }

    #[test]
    fn lines_keep_indent_and_every_line_end() {
        let text = "  One\r\n\tTwo  \rThree";
        let got: Vec<(&str, usize)> = split_lines(text)
            .iter()
            .map(|l| (&text[l.start..l.end], l.indent))
            .collect();
        assert_eq!(got, [("One", 2), ("Two", 4), ("Three", 0)]);
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("It ended.\"") && ends_sentence("Why?") && ends_sentence("Read this:"));
        assert!(!ends_sentence("It went on and"));
    }
}
