//! Consistency checks of a record against the text it came from. The fuzz
//! target and the property tests run them on every input they try; they
//! hold for every record newsscan produces.
//!
//! - every offset lies inside the text and `start <= end`;
//! - the text of each paragraph, sentence, token, mention and quote is
//!   `text[start:end]` with line breaks folded and converter marks left
//!   out (see [`crate::text::field_text`]; a quote running over
//!   several paragraphs leaves out the reopening marks between them, so
//!   there the words must agree, quotation marks aside);
//! - spans within one list are in order and do not overlap.

use crate::record::{Article, Quote, Span};
use crate::text::field_text;

/// Checks `record` against `text` (the decoded text, BOM removed).
pub fn verify(text: &str, record: &Article) -> Result<(), String> {
    let c = Checker {
        chars: text.chars().collect(),
    };
    c.spans(&record.paragraphs, "paragraph", true)?;
    if let Some(t) = &record.tokens {
        c.spans(t, "token", true)?;
    }
    if let Some(s) = &record.sentences {
        c.spans(s, "sentence", true)?;
    }
    c.quotes(&record.quotes)?;
    c.entities(record)?;
    for w in &record.warnings {
        if w.offset > c.chars.len() {
            return Err(format!("warning offset {} outside the text", w.offset));
        }
    }
    if record.stats.paragraphs != record.paragraphs.len() {
        return Err("stats.paragraphs disagrees with paragraphs".into());
    }
    Ok(())
}

/// The text as code points, which record offsets count.
struct Checker {
    chars: Vec<char>,
}

impl Checker {
    /// The folded text of `start..end`, or an error when it is out of range.
    fn slice(&self, start: usize, end: usize, what: &str) -> Result<String, String> {
        if start > end || end > self.chars.len() {
            return Err(format!(
                "{what}: offsets {start}..{end} outside 0..{}",
                self.chars.len()
            ));
        }
        let raw: String = self.chars[start..end].iter().collect();
        Ok(field_text(&raw).into_owned())
    }

    fn spans(&self, list: &[Span], what: &str, ordered: bool) -> Result<(), String> {
        let mut last_end = 0;
        for s in list {
            let got = self.slice(s.start, s.end, what)?;
            if got != s.text {
                return Err(format!(
                    "{what} at {}..{}: text {:?} but slice {:?}",
                    s.start, s.end, s.text, got
                ));
            }
            if ordered && s.start < last_end {
                return Err(format!(
                    "{what} at {}..{} overlaps the one before",
                    s.start, s.end
                ));
            }
            last_end = s.end;
        }
        Ok(())
    }

    fn quotes(&self, quotes: &[Quote]) -> Result<(), String> {
        let strip = |s: &str| -> Vec<String> {
            s.chars()
                .filter(|c| !"\"“”„«»‹›'‘’‚".contains(*c))
                .collect::<String>()
                .split_whitespace()
                .map(String::from)
                .collect()
        };
        let mut last_end = 0;
        for q in quotes {
            let got = self.slice(q.start, q.end, "quote")?;
            // A quote over several paragraphs leaves out the reopening marks.
            let multi = self.chars[q.start..q.end]
                .iter()
                .any(|c| *c == '\n' || *c == '\r');
            let same = if multi {
                strip(&got) == strip(&q.text)
            } else {
                got == q.text
            };
            if !same {
                return Err(format!(
                    "quote at {}..{}: text {:?} but slice {:?}",
                    q.start, q.end, q.text, got
                ));
            }
            if q.start < last_end {
                return Err(format!("quote at {}..{} overlaps the one before", q.start, q.end));
            }
            last_end = q.end;
            if let (Some(s), Some(e), Some(t)) = (q.speaker_start, q.speaker_end, &q.speaker_text) {
                let got = self.slice(s, e, "speaker")?;
                if &got != t {
                    return Err(format!("speaker at {s}..{e}: text {t:?} but slice {got:?}"));
                }
            }
        }
        Ok(())
    }

    fn entities(&self, record: &Article) -> Result<(), String> {
        let mut all_mentions: Vec<(usize, usize)> = Vec::new();
        for e in &record.entities {
            if e.count != e.mentions.len() {
                return Err(format!(
                    "entity {:?}: count {} but {} mentions",
                    e.name,
                    e.count,
                    e.mentions.len()
                ));
            }
            let mut last = 0;
            for m in &e.mentions {
                let got = self.slice(m.start, m.end, "mention")?;
                if got != m.text {
                    return Err(format!(
                        "mention at {}..{}: text {:?} but slice {:?}",
                        m.start, m.end, m.text, got
                    ));
                }
                if m.start < last {
                    return Err(format!("mentions of {:?} out of order", e.name));
                }
                last = m.end;
                all_mentions.push((m.start, m.end));
            }
        }
        all_mentions.sort_unstable();
        for w in all_mentions.windows(2) {
            if w[1].0 < w[0].1 {
                return Err(format!("mentions {:?} and {:?} overlap", w[0], w[1]));
            }
        }
        Ok(())
    }
}
