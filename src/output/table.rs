//! Tables for people: aligned, wrapped to the terminal width, and scrubbed of
//! control characters so that text from an article can never drive the
//! terminal.

use std::fmt::Write as _;
use std::io;

use serde_json::Value;

use super::plural;
use super::printer::Printer;
use crate::record::{Article, Kind};

/// Width and colour settings shared by every table.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Columns available; lines never exceed it.
    pub width: usize,
    /// Use ANSI bold for labels.
    pub color: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            width: 80,
            color: false,
        }
    }
}

impl Style {
    /// A label, bold when colour is on.
    pub fn label(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Prints each article as a readable block.
#[derive(Clone, Copy, Debug, Default)]
pub struct Table {
    /// Width and colour.
    pub style: Style,
}

/// Replaces control and bidirectional-override characters with U+FFFD, and
/// line breaks and tabs with spaces, so the text is one safe line.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Approximate terminal columns taken by `c`.
fn char_width(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F | 0x200B..=0x200D => 0,
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Approximate terminal columns taken by `s`.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Cuts `s` to at most `width` columns, ending with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Pads `s` with spaces to `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let w = display_width(s);
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Word-wraps `s` to `width` columns; words longer than a line are cut.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split_whitespace() {
        let w = display_width(word);
        if used > 0 && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w > width {
            let cut = truncate(word, width);
            used = display_width(&cut);
            line.push_str(&cut);
            continue;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

impl Table {
    /// Writes `label` then `value` wrapped under a hanging indent.
    fn field(&self, out: &mut String, label: &str, value: &str) {
        const LABEL: usize = 11;
        let lines = wrap(&sanitize(value), self.style.width.saturating_sub(LABEL));
        for (i, line) in lines.iter().enumerate() {
            let head = if i == 0 {
                pad(label, LABEL)
            } else {
                " ".repeat(LABEL)
            };
            let head = if i == 0 { self.style.label(&head) } else { head };
            let _ = writeln!(out, "{head}{line}");
        }
    }

    fn list(&self, out: &mut String, title: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(out, "{}", self.style.label(title));
        for item in items {
            for (i, line) in wrap(&sanitize(item), self.style.width.saturating_sub(4))
                .iter()
                .enumerate()
            {
                let bullet = if i == 0 { "  • " } else { "    " };
                let _ = writeln!(out, "{bullet}{line}");
            }
        }
    }

    /// The quotes as columns: speaker, cue, text.
    fn quotes(&self, s: &mut String, a: &Article) {
        let width = self.style.width;
        if a.quotes.is_empty() {
            return;
        }
        let _ = writeln!(s, "{}", self.style.label("Quotes"));
        let speaker_w = a
            .quotes
            .iter()
            .map(|q| display_width(&sanitize(q.speaker.as_deref().unwrap_or("?"))))
            .max()
            .unwrap_or(1)
            .clamp(7, 24);
        let cue_w = a
            .quotes
            .iter()
            .map(|q| display_width(q.cue.as_deref().unwrap_or("")))
            .max()
            .unwrap_or(0)
            .clamp(3, 14);
        let text_w = width.saturating_sub(2 + speaker_w + 2 + cue_w + 2).max(10);
        let _ = writeln!(s, "  {}  {}  QUOTE", pad("SPEAKER", speaker_w), pad("CUE", cue_w));
        for q in &a.quotes {
            let speaker = truncate(&sanitize(q.speaker.as_deref().unwrap_or("?")), speaker_w);
            let cue = truncate(&sanitize(q.cue.as_deref().unwrap_or("")), cue_w);
            let text = truncate(&sanitize(&q.text), text_w);
            let _ = writeln!(
                s,
                "  {}  {}  {}",
                pad(&speaker, speaker_w),
                pad(&cue, cue_w),
                text
            );
        }
    }

    /// With `--blocks`: every block's class, score and text, and under it
    /// the features that made the score.
    fn blocks(&self, s: &mut String, a: &Article) {
        let Some(blocks) = &a.blocks else {
            return;
        };
        let width = self.style.width;
        let _ = writeln!(s, "{}", self.style.label("Blocks"));
        for b in blocks {
            let head = format!("  {} {:>7.2}  ", pad(b.class.name(), 11), b.score);
            let text = truncate(&sanitize(&b.text), width.saturating_sub(display_width(&head)));
            let _ = writeln!(s, "{head}{text}");
            for line in wrap(&sanitize(&b.features.join(" ")), width.saturating_sub(6)) {
                let _ = writeln!(s, "      {line}");
            }
        }
    }

    /// The entity names by kind, with their mention counts.
    fn entities(&self, s: &mut String, a: &Article) {
        let width = self.style.width;
        if a.entities.is_empty() {
            return;
        }
        let _ = writeln!(s, "{}", self.style.label("Entities"));
        for kind in Kind::ALL {
            let names: Vec<String> = a
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| format!("{} ({})", e.name, e.count))
                .collect();
            if names.is_empty() {
                continue;
            }
            let lines = wrap(&sanitize(&names.join(", ")), width.saturating_sub(16));
            for (i, line) in lines.iter().enumerate() {
                let head = if i == 0 {
                    pad(kind.name(), 14)
                } else {
                    " ".repeat(14)
                };
                let _ = writeln!(s, "  {head}{line}");
            }
        }
    }
}

impl Printer for Table {
    fn article(&self, a: &Article, out: &mut Vec<u8>) -> io::Result<()> {
        let width = self.style.width;
        let mut s = String::new();
        let name = a
            .path
            .clone()
            .or_else(|| a.id.as_ref().map(|v| v.to_string()))
            .unwrap_or_default();
        let title = truncate(&format!("── {} ", sanitize(&name)), width);
        let rule = "─".repeat(width.saturating_sub(display_width(&title)));
        let _ = writeln!(s, "{title}{rule}");
        self.field(&mut s, "Headline", a.headline.as_deref().unwrap_or("(none)"));
        if let Some(b) = &a.byline {
            self.field(&mut s, "Byline", b);
        }
        if !a.authors.is_empty() {
            self.field(&mut s, "Authors", &a.authors.join(", "));
        }
        if let Some(d) = &a.dateline {
            self.field(&mut s, "Dateline", d);
        }
        if let Some(d) = &a.date {
            self.field(&mut s, "Date", d);
        }
        let st = &a.stats;
        let stats = [
            plural(st.words, "word"),
            plural(st.sentences, "sentence"),
            plural(st.paragraphs, "paragraph"),
            plural(a.quotes.len(), "quote"),
            plural(a.entities.len(), "entity"),
            plural(st.bytes, "byte"),
            a.encoding.clone(),
        ]
        .join(" · ");
        self.field(&mut s, "Stats", &stats);
        self.list(&mut s, "Bullets", &a.bullets);
        let captions: Vec<String> = a
            .captions
            .iter()
            .map(|c| match &c.credit {
                Some(credit) if c.text.is_empty() => format!("(no caption) [{credit}]"),
                Some(credit) => format!("{} [{credit}]", c.text),
                None => c.text.clone(),
            })
            .collect();
        self.list(&mut s, "Captions", &captions);
        self.quotes(&mut s, a);
        self.entities(&mut s, a);
        self.blocks(&mut s, a);
        for w in &a.warnings {
            self.field(&mut s, "Warning", &w.message);
        }
        s.push('\n');
        out.extend_from_slice(s.as_bytes());
        Ok(())
    }

    fn input_error(&self, id: &Value, message: &str, out: &mut Vec<u8>) -> io::Result<()> {
        let line = truncate(&sanitize(&format!("{id}: error: {message}")), self.style.width);
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_reach_the_terminal() {
        assert_eq!(
            sanitize("a\x1b[31mred\x07\u{202E}b\nc"),
            "a\u{FFFD}[31mred\u{FFFD}\u{FFFD}b c"
        );
    }

    #[test]
    fn wrapping_and_truncation() {
        assert_eq!(wrap("one two three four", 10), ["one two", "three four"]);
        assert_eq!(truncate("abcdefghij", 5), "abcd…");
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(display_width("日本"), 4);
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn table_lines_fit_the_width() {
        let mut a = Article {
            headline: Some("A headline long enough to need wrapping at eighty columns, which it does, twice over and more".into()),
            ..Article::default()
        };
        a.bullets.push("x".repeat(200));
        let mut out = Vec::new();
        Table::default().article(&a, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        for line in s.lines() {
            assert!(display_width(line) <= 80, "{line}");
        }
    }
}
