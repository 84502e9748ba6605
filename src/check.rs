//! A linter for article files before publication.
//!
//! Each rule looks at one analyzed article (and the text, for line and
//! column numbers) and reports findings with a rule id and a severity.
//! Severities come from the defaults below, then a `newsscan.toml` at the
//! root of the checked folder, then `--deny`, `--warn` and `--allow` flags.
//! The configuration file holds one table of rule levels:
//!
//! ```toml
//! [rules]
//! unattributed-quote = "allow"
//! mixed-quotes = "deny"
//! ```

use std::fmt;

use serde::Serialize;

use crate::record::Article;
use crate::text::fold_lines;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Not reported.
    Allow,
    /// Reported; does not fail the run.
    Warn,
    /// Reported; the run exits with status 1.
    Deny,
}

impl Severity {
    /// Parses `allow`, `warn` or `deny`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "allow" | "off" => Some(Severity::Allow),
            "warn" | "warning" => Some(Severity::Warn),
            "deny" | "error" => Some(Severity::Deny),
            _ => None,
        }
    }

    /// The name used in output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Allow => "allow",
            Severity::Warn => "warning",
            Severity::Deny => "error",
        }
    }
}

/// The rules, with their ids, default severities and descriptions.
pub const RULES: &[(&str, Severity, &str)] = &[
    ("missing-headline", Severity::Deny, "the article has no headline"),
    ("empty-body", Severity::Deny, "the article has no body paragraphs"),
    (
        "unbalanced-quotes",
        Severity::Deny,
        "a quotation mark has no partner",
    ),
    (
        "mixed-quotes",
        Severity::Warn,
        "straight and curly double quotation marks are mixed",
    ),
    ("unattributed-quote", Severity::Warn, "a quote has no speaker"),
    (
        "caption-without-credit",
        Severity::Warn,
        "a photo caption has no credit",
    ),
    (
        "byline-job-title",
        Severity::Warn,
        "the byline names a job title, not a person",
    ),
    (
        "duplicate-paragraph",
        Severity::Warn,
        "a paragraph appears twice in the article",
    ),
    (
        "duplicate-article",
        Severity::Warn,
        "the same article appears earlier in the batch",
    ),
];

/// Rule levels in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Levels {
    levels: Vec<(String, Severity)>,
}

impl Default for Levels {
    fn default() -> Self {
        Levels {
            levels: RULES.iter().map(|(id, s, _)| (id.to_string(), *s)).collect(),
        }
    }
}

/// A problem in a configuration or a flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Levels {
    /// The level of a rule.
    pub fn get(&self, rule: &str) -> Severity {
        self.levels
            .iter()
            .find(|(r, _)| r == rule)
            .map_or(Severity::Allow, |(_, s)| *s)
    }

    /// Sets the level of a rule (`all` sets every rule).
    pub fn set(&mut self, rule: &str, level: Severity) -> Result<(), ConfigError> {
        if rule == "all" {
            for (_, s) in self.levels.iter_mut() {
                *s = level;
            }
            return Ok(());
        }
        match self.levels.iter_mut().find(|(r, _)| r == rule) {
            Some((_, s)) => {
                *s = level;
                Ok(())
            }
            None => Err(ConfigError(format!(
                "unknown rule {rule:?} (rules: {})",
                RULES.iter().map(|r| r.0).collect::<Vec<_>>().join(", ")
            ))),
        }
    }

    /// Applies a `newsscan.toml`: a `[rules]` table of `rule = "level"`.
    pub fn apply_toml(&mut self, src: &str) -> Result<(), ConfigError> {
        let mut section = String::new();
        for (n, raw) in src.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.trim().to_string();
                continue;
            }
            if section != "rules" {
                continue;
            }
            let (key, value) = line
                .split_once('=')
                .ok_or_else(|| ConfigError(format!("line {}: expected rule = \"level\"", n + 1)))?;
            let key = key.trim().trim_matches(['"', '\'']);
            let value = value.trim().trim_matches(['"', '\'']);
            let level = Severity::parse(value).ok_or_else(|| {
                ConfigError(format!(
                    "line {}: level must be allow, warn or deny, not {value:?}",
                    n + 1
                ))
            })?;
            self.set(key, level)
                .map_err(|e| ConfigError(format!("line {}: {e}", n + 1)))?;
        }
        Ok(())
    }
}

/// One problem found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id.
    pub rule: &'static str,
    /// Level.
    pub severity: Severity,
    /// File.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Line and column of code point offsets in a text.
pub struct LineIndex {
    /// Code point offset at which each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text` (CRLF and lone CR count as one line end).
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut prev_cr = false;
        for (i, c) in text.chars().enumerate() {
            match c {
                '\n' if prev_cr => *starts.last_mut().expect("one line at least") = i + 1,
                '\n' | '\r' => starts.push(i + 1),
                _ => {}
            }
            prev_cr = c == '\r';
        }
        LineIndex { starts }
    }

    /// 1-based line and column of code point offset `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        (line, offset - self.starts[line - 1] + 1)
    }
}

/// Checks one article. `text` is its decoded text; `levels` filters and
/// grades the findings. `duplicate-article` is decided by the caller, who
/// sees the whole batch (see [`fingerprint`]).
pub fn check_article(path: &str, record: &Article, text: &str, levels: &Levels) -> Vec<Finding> {
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    let mut add = |rule: &'static str, offset: usize, message: String| {
        let severity = levels.get(rule);
        if severity == Severity::Allow {
            return;
        }
        let (line, column) = lines.position(offset);
        out.push(Finding {
            rule,
            severity,
            path: path.to_string(),
            line,
            column,
            message,
        });
    };
    if record.headline.is_none() {
        add("missing-headline", 0, "no headline found".into());
    }
    if record.paragraphs.is_empty() {
        add("empty-body", 0, "no body paragraphs found".into());
    }
    for w in &record.warnings {
        if w.code == "unpaired-quote" {
            add("unbalanced-quotes", w.offset, w.message.clone());
        }
    }
    // Straight and curly double quotes in the same body.
    let mut straight = None;
    let mut curly = None;
    for p in &record.paragraphs {
        for (i, c) in p.text.chars().enumerate() {
            match c {
                '"' if straight.is_none() => straight = Some(p.start + i),
                '“' | '”' if curly.is_none() => curly = Some(p.start + i),
                _ => {}
            }
        }
    }
    if let (Some(s), Some(c)) = (straight, curly) {
        add(
            "mixed-quotes",
            s.max(c),
            "straight and curly double quotation marks are mixed".into(),
        );
    }
    for q in &record.quotes {
        if q.speaker.is_none() {
            add(
                "unattributed-quote",
                q.start,
                format!("no speaker for the quote {:?}", short(&q.text)),
            );
        }
    }
    for c in &record.captions {
        if c.credit.is_none() && !c.text.is_empty() {
            let offset = find_chars(text, &c.text).unwrap_or(0);
            add(
                "caption-without-credit",
                offset,
                format!("no photo credit for the caption {:?}", short(&c.text)),
            );
        }
    }
    if let Some(byline) = &record.byline {
        if record.authors.is_empty() {
            let offset = find_chars(text, byline).unwrap_or(0);
            add(
                "byline-job-title",
                offset,
                format!("the byline {byline:?} names no person"),
            );
        }
    }
    let mut seen: Vec<(String, usize)> = Vec::new();
    for p in &record.paragraphs {
        let key = normalize(&p.text);
        if key.split_whitespace().count() < 4 {
            continue;
        }
        match seen.iter().find(|(k, _)| *k == key) {
            Some((_, first)) => {
                let (line, _) = lines.position(*first);
                add(
                    "duplicate-paragraph",
                    p.start,
                    format!("this paragraph repeats the one on line {line}"),
                );
            }
            None => seen.push((key, p.start)),
        }
    }
    out
}

/// A finding for an article whose text repeats an earlier one in the batch.
pub fn duplicate_article(path: &str, first: &str, levels: &Levels) -> Option<Finding> {
    let severity = levels.get("duplicate-article");
    (severity != Severity::Allow).then(|| Finding {
        rule: "duplicate-article",
        severity,
        path: path.to_string(),
        line: 1,
        column: 1,
        message: format!("same text as {first}"),
    })
}

/// A fingerprint of an article's text (headline and paragraphs, case,
/// spacing and punctuation ignored) for finding the same article twice.
pub fn fingerprint(record: &Article) -> Option<u64> {
    let mut body = String::new();
    if let Some(h) = &record.headline {
        body.push_str(&normalize(h));
    }
    for p in &record.paragraphs {
        body.push(' ');
        body.push_str(&normalize(&p.text));
    }
    (!body.trim().is_empty()).then(|| crate::entities::hash::str_hash(&body))
}

fn normalize(s: &str) -> String {
    fold_lines(s)
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// Code point offset of the first occurrence of `needle` (line breaks in
/// the text matched by spaces in the needle).
fn find_chars(text: &str, needle: &str) -> Option<usize> {
    let first = needle.split_whitespace().next()?;
    for (byte, _) in text.match_indices(first) {
        let tail = &text[byte..];
        let folded = fold_lines(&tail[..tail.len().min(needle.len() * 2 + 16)]);
        if folded.starts_with(needle) {
            return Some(text[..byte].chars().count());
        }
    }
    None
}

/// Renders findings in the `text`, `json` or `github` format.
pub fn render(f: &Finding, format: &str) -> String {
    match format {
        "json" => serde_json::to_string(f).unwrap_or_default(),
        "github" => {
            let kind = if f.severity == Severity::Deny {
                "error"
            } else {
                "warning"
            };
            format!(
                "::{kind} file={},line={},col={},title={}::{}",
                escape_property(&f.path),
                f.line,
                f.column,
                f.rule,
                escape_data(&f.message)
            )
        }
        _ => format!(
            "{}:{}:{}: {}[{}] {}",
            f.path,
            f.line,
            f.column,
            f.severity.name(),
            f.rule,
            crate::output::sanitize(&f.message)
        ),
    }
}

/// Escapes a workflow-command message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze, Options};
    use crate::input::decode;

    fn findings(text: &str) -> Vec<(&'static str, usize, usize)> {
        let record = analyze(&decode(text.as_bytes()).unwrap(), &Options::default());
        check_article("a.txt", &record, text, &Levels::default())
            .into_iter()
            .map(|f| (f.rule, f.line, f.column))
            .collect()
    }

    #[test]
    fn rules_land_on_the_right_lines() {
        let text = "Headline\n\nBy Staff Writer\n\nThe council \"met on Tuesday and voted.\n\nThe council met on Tuesday and voted again.\n\nThe council met on Tuesday and voted again.\n";
        let got = findings(text);
        assert!(got.contains(&("unbalanced-quotes", 5, 13)), "{got:?}");
        assert!(got.contains(&("byline-job-title", 3, 1)), "{got:?}");
        assert!(got.contains(&("duplicate-paragraph", 9, 1)), "{got:?}");
    }

    #[test]
    fn empty_article() {
        let got = findings("");
        assert!(got.contains(&("missing-headline", 1, 1)));
        assert!(got.contains(&("empty-body", 1, 1)));
    }

    #[test]
    fn levels_from_toml_and_flags() {
        let mut l = Levels::default();
        l.apply_toml(
            "# comment\n[rules]\nunattributed-quote = \"allow\"\nmixed-quotes = 'deny'\n[other]\nx = 1\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(l.get("unattributed-quote"), Severity::Allow);
        assert_eq!(l.get("mixed-quotes"), Severity::Deny);
        assert!(l.apply_toml("[rules]\nno-such-rule = \"deny\"\n").is_err());
        assert!(l.apply_toml("[rules]\nmixed-quotes = \"loud\"\n").is_err());
        l.set("all", Severity::Warn).unwrap();
        assert_eq!(l.get("missing-headline"), Severity::Warn);
    }

    #[test]
    fn line_index_handles_every_line_end() {
        let idx = LineIndex::new("a\r\nb\rc\nd");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(5), (3, 1));
        assert_eq!(idx.position(7), (4, 1));
    }

    #[test]
    fn github_annotations_are_escaped() {
        let f = Finding {
            rule: "empty-body",
            severity: Severity::Deny,
            path: "a,b:c.txt".into(),
            line: 2,
            column: 3,
            message: "50% done\nnext".into(),
        };
        assert_eq!(
            render(&f, "github"),
            "::error file=a%2Cb%3Ac.txt,line=2,col=3,title=empty-body::50%25 done%0Anext"
        );
        assert_eq!(
            render(&f, "text"),
            "a,b:c.txt:2:3: error[empty-body] 50% done next"
        );
    }
}
