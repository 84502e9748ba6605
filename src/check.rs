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

use crate::output::{escape_line, is_unsafe};
use crate::record::{Article, WarningCode};
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

/// A lint rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The article has no headline.
    MissingHeadline,
    /// The article has no body paragraphs.
    EmptyBody,
    /// A quotation mark has no partner.
    UnbalancedQuotes,
    /// Straight and curly double quotation marks are mixed.
    MixedQuotes,
    /// A quote has no speaker.
    UnattributedQuote,
    /// A photo caption has no credit.
    CaptionWithoutCredit,
    /// The byline names a job title, not a person.
    BylineJobTitle,
    /// A paragraph appears twice in the article.
    DuplicateParagraph,
    /// The same article appears earlier in the batch.
    DuplicateArticle,
}

impl Rule {
    /// Every rule, in the order they are listed.
    pub const ALL: [Rule; 9] = [
        Rule::MissingHeadline,
        Rule::EmptyBody,
        Rule::UnbalancedQuotes,
        Rule::MixedQuotes,
        Rule::UnattributedQuote,
        Rule::CaptionWithoutCredit,
        Rule::BylineJobTitle,
        Rule::DuplicateParagraph,
        Rule::DuplicateArticle,
    ];

    /// The rule id: `missing-headline`, ...
    pub fn id(self) -> &'static str {
        match self {
            Rule::MissingHeadline => "missing-headline",
            Rule::EmptyBody => "empty-body",
            Rule::UnbalancedQuotes => "unbalanced-quotes",
            Rule::MixedQuotes => "mixed-quotes",
            Rule::UnattributedQuote => "unattributed-quote",
            Rule::CaptionWithoutCredit => "caption-without-credit",
            Rule::BylineJobTitle => "byline-job-title",
            Rule::DuplicateParagraph => "duplicate-paragraph",
            Rule::DuplicateArticle => "duplicate-article",
        }
    }

    /// The rule with id `id`.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The level a rule has unless configured otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::MissingHeadline | Rule::EmptyBody | Rule::UnbalancedQuotes => Severity::Deny,
            _ => Severity::Warn,
        }
    }

    /// What the rule finds.
    pub fn description(self) -> &'static str {
        match self {
            Rule::MissingHeadline => "the article has no headline",
            Rule::EmptyBody => "the article has no body paragraphs",
            Rule::UnbalancedQuotes => "a quotation mark has no partner",
            Rule::MixedQuotes => "straight and curly double quotation marks are mixed",
            Rule::UnattributedQuote => "a quote has no speaker",
            Rule::CaptionWithoutCredit => "a photo caption has no credit",
            Rule::BylineJobTitle => "the byline names a job title, not a person",
            Rule::DuplicateParagraph => "a paragraph appears twice in the article",
            Rule::DuplicateArticle => "the same article appears earlier in the batch",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Which rules a level applies to: one rule, or all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSelector {
    /// Every rule.
    All,
    /// One rule.
    One(Rule),
}

impl RuleSelector {
    /// Parses a rule id or `all`.
    pub fn parse(s: &str) -> Result<RuleSelector, ConfigError> {
        if s == "all" {
            return Ok(RuleSelector::All);
        }
        Rule::from_id(s).map(RuleSelector::One).ok_or_else(|| {
            ConfigError(format!(
                "unknown rule {s:?} (rules: {})",
                Rule::ALL.map(Rule::id).join(", ")
            ))
        })
    }
}

/// Rule levels in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Levels {
    levels: [Severity; Rule::ALL.len()],
}

impl Default for Levels {
    fn default() -> Self {
        Levels {
            levels: Rule::ALL.map(Rule::default_severity),
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
    pub fn get(&self, rule: Rule) -> Severity {
        self.levels[rule as usize]
    }

    /// Sets the level of one rule or of all.
    pub fn set(&mut self, rules: RuleSelector, level: Severity) {
        match rules {
            RuleSelector::All => self.levels = [level; Rule::ALL.len()],
            RuleSelector::One(rule) => self.levels[rule as usize] = level,
        }
    }

    /// Applies a `newsscan.toml`: a `[rules]` table of `rule = "level"`.
    /// Anything else (an unknown table or key, a bad level, text that is
    /// not TOML) is an error naming the line.
    pub fn apply_toml(&mut self, src: &str) -> Result<(), ConfigError> {
        let file: ConfigFile = toml::from_str(src).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(src, s.start));
            ConfigError(format!("line {line}: {}", e.message().trim_end()))
        })?;
        for (key, value) in file.rules {
            let at = |span: std::ops::Range<usize>| line_of(src, span.start);
            let level = Severity::parse(value.get_ref()).ok_or_else(|| {
                ConfigError(format!(
                    "line {}: level must be allow, warn or deny, not {:?}",
                    at(value.span()),
                    value.get_ref()
                ))
            })?;
            let rules = RuleSelector::parse(key.get_ref())
                .map_err(|e| ConfigError(format!("line {}: {e}", at(key.span()))))?;
            self.set(rules, level);
        }
        Ok(())
    }
}

/// A configuration file: one table of rule levels.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    rules: std::collections::BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
}

/// 1-based line of byte `at` in `src`.
fn line_of(src: &str, at: usize) -> usize {
    src.as_bytes()[..at.min(src.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// One problem found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
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
    let mut add = |rule: Rule, offset: usize, message: String| {
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
        add(Rule::MissingHeadline, 0, "no headline found".into());
    }
    if record.paragraphs.is_empty() {
        add(Rule::EmptyBody, 0, "no body paragraphs found".into());
    }
    for w in &record.warnings {
        if w.code == WarningCode::UnpairedQuote {
            add(Rule::UnbalancedQuotes, w.offset, w.message.clone());
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
            Rule::MixedQuotes,
            s.max(c),
            "straight and curly double quotation marks are mixed".into(),
        );
    }
    for q in &record.quotes {
        if q.speaker.is_none() {
            add(
                Rule::UnattributedQuote,
                q.start,
                format!("no speaker for the quote {:?}", short(&q.text)),
            );
        }
    }
    for c in &record.captions {
        if c.credit.is_none() && !c.text.is_empty() {
            let offset = find_chars(text, &c.text).unwrap_or(0);
            add(
                Rule::CaptionWithoutCredit,
                offset,
                format!("no photo credit for the caption {:?}", short(&c.text)),
            );
        }
    }
    if let Some(byline) = &record.byline {
        if record.authors.is_empty() {
            let offset = find_chars(text, byline).unwrap_or(0);
            add(
                Rule::BylineJobTitle,
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
                    Rule::DuplicateParagraph,
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
    let severity = levels.get(Rule::DuplicateArticle);
    (severity != Severity::Allow).then(|| Finding {
        rule: Rule::DuplicateArticle,
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
    (!body.trim().is_empty()).then(|| crate::hash::str_hash(&body))
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

/// How findings are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingFormat {
    /// `path:line:col: level[rule] message`.
    Text,
    /// One JSON object per finding.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

/// Renders a finding in one of the formats; `color` marks the level in
/// the text format with ANSI colours. File names and messages never reach
/// a terminal raw: control characters are escaped.
pub fn render(f: &Finding, format: FindingFormat, color: bool) -> String {
    match format {
        FindingFormat::Json => serde_json::to_string(f).unwrap_or_default(),
        FindingFormat::Github => {
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
        FindingFormat::Text => {
            let level = f.severity.name();
            let level = match (color, f.severity) {
                (false, _) => level.to_string(),
                (true, Severity::Deny) => format!("\x1b[1;31m{level}\x1b[0m"),
                (true, _) => format!("\x1b[1;33m{level}\x1b[0m"),
            };
            format!(
                "{}:{}:{}: {level}[{}] {}",
                escape_line(&f.path),
                f.line,
                f.column,
                f.rule,
                crate::output::sanitize(&f.message)
            )
        }
    }
}

/// Escapes a workflow-command message: the workflow escapes, and every
/// other control character percent-encoded so none reaches a terminal.
fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if is_unsafe(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes a workflow-command property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::decode;
    use crate::{analyze, Options};

    fn findings(text: &str) -> Vec<(Rule, usize, usize)> {
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
        assert!(got.contains(&(Rule::UnbalancedQuotes, 5, 13)), "{got:?}");
        assert!(got.contains(&(Rule::BylineJobTitle, 3, 1)), "{got:?}");
        assert!(got.contains(&(Rule::DuplicateParagraph, 9, 1)), "{got:?}");
    }

    #[test]
    fn empty_article() {
        let got = findings("");
        assert!(got.contains(&(Rule::MissingHeadline, 1, 1)));
        assert!(got.contains(&(Rule::EmptyBody, 1, 1)));
    }

    #[test]
    fn levels_from_toml_and_flags() {
        let mut l = Levels::default();
        l.apply_toml("# comment\n[rules]\nunattributed-quote = \"allow\"\nmixed-quotes = 'deny'\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(l.get(Rule::UnattributedQuote), Severity::Allow);
        assert_eq!(l.get(Rule::MixedQuotes), Severity::Deny);
        let errors = [
            (
                "[rules]\nno-such-rule = \"deny\"\n",
                "line 2: unknown rule \"no-such-rule\"",
            ),
            (
                "[rules]\nmixed-quotes = \"loud\"\n",
                "line 2: level must be allow, warn or deny",
            ),
            ("[rules\nx = \"allow\"\n", "line 1:"),
            (
                "[ruels]\nmixed-quotes = \"allow\"\n",
                "line 1: unknown field `ruels`",
            ),
            ("[rules]\nmixed-quotes = \"allow\n", "line 2:"),
            ("\n\n[rules]\nmixed-quotes = 3\n", "line 4:"),
            ("not toml at all", "line 1:"),
        ];
        for (src, want) in errors {
            let got = l.apply_toml(src).map_err(|e| e.to_string());
            assert!(
                got.as_ref().is_err_and(|e| e.starts_with(want)),
                "{src:?}: {got:?}"
            );
        }
        // Inline tables and dotted keys are the same table in TOML.
        for src in [
            "rules = { mixed-quotes = \"allow\" }\n",
            "rules.mixed-quotes = \"allow\"\n",
        ] {
            let mut l = Levels::default();
            l.apply_toml(src).unwrap_or_else(|e| panic!("{src:?}: {e}"));
            assert_eq!(l.get(Rule::MixedQuotes), Severity::Allow, "{src:?}");
        }
        l.set(RuleSelector::parse("all").unwrap(), Severity::Warn);
        assert_eq!(l.get(Rule::MissingHeadline), Severity::Warn);
        assert!(
            RuleSelector::parse("mixed-quote").is_err(),
            "a typo is an error, not a rule switched off"
        );
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
            rule: Rule::EmptyBody,
            severity: Severity::Deny,
            path: "a,b:c.txt".into(),
            line: 2,
            column: 3,
            message: "50% done\nnext".into(),
        };
        assert_eq!(
            render(&f, FindingFormat::Github, false),
            "::error file=a%2Cb%3Ac.txt,line=2,col=3,title=empty-body::50%25 done%0Anext"
        );
        assert_eq!(
            render(&f, FindingFormat::Text, false),
            "a,b:c.txt:2:3: error[empty-body] 50% done next"
        );
        assert_eq!(
            render(&f, FindingFormat::Text, true),
            "a,b:c.txt:2:3: \x1b[1;31merror\x1b[0m[empty-body] 50% done next"
        );
        // Escape sequences and line breaks in a file name stay visible and on one line.
        let f = Finding {
            path: "evil\x1b]0;owned\x07\nname.txt".into(),
            ..f
        };
        assert_eq!(
            render(&f, FindingFormat::Text, false),
            "evil\\u{1b}]0;owned\\u{7}\\nname.txt:2:3: error[empty-body] 50% done next"
        );
        assert_eq!(
            render(&f, FindingFormat::Github, false),
            "::error file=evil%1B]0;owned%07%0Aname.txt,line=2,col=3,title=empty-body::50%25 done%0Anext"
        );
    }
}
