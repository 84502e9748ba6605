//! Output formats. Each format implements [`Printer`] and sees only finished
//! [`crate::record::Article`] records, never the analysis that produced them.

mod jsonl;
mod printer;
pub mod table;

pub use jsonl::{JsonLines, QuoteLines};
pub use printer::Printer;
pub use table::{sanitize, Style, Table};

/// `n` and a noun, in the plural unless `n` is one: "1 quote", "2 quotes",
/// "3 entities".
pub fn plural(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// Text made safe for one line of a terminal: line breaks, escape
/// sequences, bidirectional overrides and other control characters (in
/// file names, say) are written as visible escapes (`\n`, `\u{1b}`).
pub fn escape_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Control characters and bidirectional overrides: never printed raw.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "quote"), "1 quote");
        assert_eq!(plural(0, "quote"), "0 quotes");
        assert_eq!(plural(3, "entity"), "3 entities");
        assert_eq!(plural(2, "day"), "2 days");
    }

    #[test]
    fn escapes_in_lines() {
        assert_eq!(
            escape_line("a\nb\x1b[31m\x07c\u{202E}"),
            "a\\nb\\u{1b}[31m\\u{7}c\\u{202e}"
        );
        assert_eq!(escape_line("plain café"), "plain café");
    }
}
