//! Corpus reports: totals, the most frequent entities per kind, the most
//! quoted speakers and the articles missing a headline or quotes, over any
//! number of articles.
//!
//! Each article is reduced to a small [`ArticleSummary`] as soon as it is
//! analyzed, so a report over millions of articles holds only the distinct
//! names, never the records.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::document::Kind;
use crate::output::table::{display_width, pad, sanitize, truncate};
use crate::output::{plural, Style};
use crate::record::Article;

/// What a report needs from one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleSummary {
    /// Path or id.
    pub path: String,
    /// Word count.
    pub words: usize,
    /// Whether it has a headline.
    pub has_headline: bool,
    /// Entities: name, kind, mentions.
    pub entities: Vec<(String, Kind, usize)>,
    /// Quote speakers: name and kind (null speakers left out), one per quote.
    pub speakers: Vec<(String, Option<Kind>)>,
    /// Number of quotes.
    pub quotes: usize,
}

impl ArticleSummary {
    /// Summarizes a record.
    pub fn of(article: &Article) -> ArticleSummary {
        ArticleSummary {
            path: article
                .path
                .clone()
                .or_else(|| article.id.as_ref().map(|v| v.to_string()))
                .unwrap_or_default(),
            words: article.stats.words,
            has_headline: article.headline.is_some(),
            entities: article
                .entities
                .iter()
                .map(|e| (e.name.clone(), e.kind, e.count))
                .collect(),
            speakers: article
                .quotes
                .iter()
                .filter_map(|q| q.speaker.clone().map(|s| (s, q.speaker_kind)))
                .collect(),
            quotes: article.quotes.len(),
        }
    }
}

#[derive(Clone, Debug, Default)]
struct Tally {
    count: usize,
    articles: usize,
    kind: Option<Kind>,
}

/// Paths listed at most, per list, in a report.
const PATH_LIMIT: usize = 1000;

/// A report being accumulated.
#[derive(Clone, Debug, Default)]
pub struct Report {
    articles: usize,
    words: usize,
    quotes: usize,
    errors: usize,
    entities: HashMap<(Kind, String), Tally>,
    speakers: HashMap<String, Tally>,
    without_headline: (usize, Vec<String>),
    without_quotes: (usize, Vec<String>),
}

/// One ranked name in the JSON report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ranked {
    /// The name.
    pub name: String,
    /// Mentions, or quotes for speakers.
    pub count: usize,
    /// Articles it appears in.
    pub articles: usize,
    /// Kind of the speaker's entity (speakers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
}

/// Articles lacking something.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Missing {
    /// How many.
    pub count: usize,
    /// Their paths, the first thousand.
    pub paths: Vec<String>,
}

/// The entity lists of the JSON report, one per kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityLists {
    /// People.
    pub person: Vec<Ranked>,
    /// Organizations.
    pub organization: Vec<Ranked>,
    /// Places.
    pub location: Vec<Ranked>,
    /// Other names.
    pub misc: Vec<Ranked>,
}

/// The JSON report (documented in README.md).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportJson {
    /// Articles analyzed.
    pub articles: usize,
    /// Words in them.
    pub words: usize,
    /// Quotes in them.
    pub quotes: usize,
    /// Inputs that could not be analyzed.
    pub errors: usize,
    /// Most frequent entities per kind, by mentions.
    pub entities: EntityLists,
    /// Most quoted speakers.
    pub speakers: Vec<Ranked>,
    /// Articles without a headline.
    pub without_headline: Missing,
    /// Articles without any quote.
    pub without_quotes: Missing,
}

impl Report {
    /// Adds one article.
    pub fn add(&mut self, s: &ArticleSummary) {
        self.articles += 1;
        self.words += s.words;
        self.quotes += s.quotes;
        for (name, kind, count) in &s.entities {
            let t = self.entities.entry((*kind, name.clone())).or_default();
            t.count += count;
            t.articles += 1;
        }
        let mut seen: Vec<&str> = Vec::new();
        for (name, kind) in &s.speakers {
            let t = self.speakers.entry(name.clone()).or_default();
            t.count += 1;
            if !seen.contains(&name.as_str()) {
                t.articles += 1;
                seen.push(name);
            }
            if t.kind.is_none() {
                t.kind = *kind;
            }
        }
        let note = |list: &mut (usize, Vec<String>)| {
            list.0 += 1;
            if list.1.len() < PATH_LIMIT {
                list.1.push(s.path.clone());
            }
        };
        if !s.has_headline {
            note(&mut self.without_headline);
        }
        if s.quotes == 0 {
            note(&mut self.without_quotes);
        }
    }

    /// Number of articles added.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// Counts an input that could not be analyzed.
    pub fn add_error(&mut self) {
        self.errors += 1;
    }

    fn ranked(items: Vec<(&String, &Tally)>, top: usize) -> Vec<Ranked> {
        let mut v: Vec<Ranked> = items
            .into_iter()
            .map(|(name, t)| Ranked {
                name: name.clone(),
                count: t.count,
                articles: t.articles,
                kind: t.kind,
            })
            .collect();
        // Ties by name, so the report never depends on hashing order.
        v.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(b.articles.cmp(&a.articles))
                .then(a.name.cmp(&b.name))
        });
        v.truncate(top);
        v
    }

    fn entities_of(&self, kind: Kind, top: usize) -> Vec<Ranked> {
        let items = self
            .entities
            .iter()
            .filter(|((k, _), _)| *k == kind)
            .map(|((_, n), t)| (n, t))
            .collect();
        let mut v = Self::ranked(items, top);
        for r in &mut v {
            r.kind = None;
        }
        v
    }

    /// The report as one JSON-serializable object, lists cut to `top`.
    pub fn json(&self, top: usize) -> ReportJson {
        ReportJson {
            articles: self.articles,
            words: self.words,
            quotes: self.quotes,
            errors: self.errors,
            entities: EntityLists {
                person: self.entities_of(Kind::Person, top),
                organization: self.entities_of(Kind::Organization, top),
                location: self.entities_of(Kind::Location, top),
                misc: self.entities_of(Kind::Misc, top),
            },
            speakers: Self::ranked(self.speakers.iter().collect(), top),
            without_headline: Missing {
                count: self.without_headline.0,
                paths: self.without_headline.1.clone(),
            },
            without_quotes: Missing {
                count: self.without_quotes.0,
                paths: self.without_quotes.1.clone(),
            },
        }
    }

    /// CSV: `section,kind,name,count,articles` rows.
    pub fn csv(&self, top: usize) -> String {
        let j = self.json(top);
        let mut s = String::from("section,kind,name,count,articles\n");
        let row = |s: &mut String, section: &str, kind: &str, name: &str, count: usize, articles: usize| {
            let _ = writeln!(s, "{section},{kind},{},{count},{articles}", csv_field(name));
        };
        row(&mut s, "total", "", "articles", j.articles, j.articles);
        row(&mut s, "total", "", "words", j.words, j.articles);
        row(&mut s, "total", "", "quotes", j.quotes, j.articles);
        row(&mut s, "total", "", "errors", j.errors, 0);
        for (kind, list) in [
            ("person", &j.entities.person),
            ("organization", &j.entities.organization),
            ("location", &j.entities.location),
            ("misc", &j.entities.misc),
        ] {
            for r in list {
                row(&mut s, "entity", kind, &r.name, r.count, r.articles);
            }
        }
        for r in &j.speakers {
            row(
                &mut s,
                "speaker",
                r.kind.map_or("", Kind::name),
                &r.name,
                r.count,
                r.articles,
            );
        }
        for p in &j.without_headline.paths {
            row(&mut s, "without_headline", "", p, 1, 1);
        }
        for p in &j.without_quotes.paths {
            row(&mut s, "without_quotes", "", p, 1, 1);
        }
        s
    }

    /// A table for people, with a bar beside each count.
    pub fn table(&self, top: usize, style: &Style) -> String {
        let j = self.json(top);
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}",
            style.label(
                &[
                    plural(j.articles, "article"),
                    plural(j.words, "word"),
                    plural(j.quotes, "quote"),
                    plural(j.errors, "error"),
                ]
                .join(" · ")
            )
        );
        let sections: [(&str, &Vec<Ranked>, &str); 5] = [
            ("People", &j.entities.person, "mentions"),
            ("Organizations", &j.entities.organization, "mentions"),
            ("Places", &j.entities.location, "mentions"),
            ("Other names", &j.entities.misc, "mentions"),
            ("Most quoted", &j.speakers, "quotes"),
        ];
        for (title, list, unit) in sections {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(s, "\n{}", style.label(title));
            table_rows(&mut s, list, unit, style.width);
        }
        for (title, m) in [
            ("Without a headline", &j.without_headline),
            ("Without quotes", &j.without_quotes),
        ] {
            if m.count == 0 {
                continue;
            }
            let _ = writeln!(s, "\n{} ({})", style.label(title), m.count);
            for p in m.paths.iter().take(top) {
                let _ = writeln!(s, "  {}", truncate(&sanitize(p), style.width.saturating_sub(2)));
            }
            if m.count > top.min(m.paths.len()) {
                let _ = writeln!(s, "  … and {} more", m.count - top.min(m.paths.len()));
            }
        }
        s
    }
}

fn table_rows(s: &mut String, list: &[Ranked], unit: &str, width: usize) {
    let name_w = list
        .iter()
        .map(|r| display_width(&sanitize(&r.name)))
        .max()
        .unwrap_or(4)
        .clamp(4, width / 3);
    let count_w = list
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1)
        .max(unit.len());
    let art_w = list
        .iter()
        .map(|r| r.articles.to_string().len())
        .max()
        .unwrap_or(1)
        .max("articles".len());
    let bar_w = width
        .saturating_sub(2 + name_w + 2 + count_w + 2 + art_w + 2)
        .max(4);
    let max = list.iter().map(|r| r.count).max().unwrap_or(1).max(1);
    let _ = writeln!(
        s,
        "  {}  {:>count_w$}  {:>art_w$}",
        pad("name", name_w),
        unit,
        "articles"
    );
    for r in list {
        let name = truncate(&sanitize(&r.name), name_w);
        let _ = writeln!(
            s,
            "  {}  {:>count_w$}  {:>art_w$}  {}",
            pad(&name, name_w),
            r.count,
            r.articles,
            bar(r.count, max, bar_w)
        );
    }
}

/// A bar of block characters, eighths included, `width` cells at `max`.
pub fn bar(value: usize, max: usize, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if max == 0 || width == 0 {
        return String::new();
    }
    let eighths = (value as u128 * width as u128 * 8 / max as u128) as usize;
    let mut out: String = std::iter::repeat_n('█', eighths / 8).collect();
    if eighths % 8 > 0 {
        out.push(EIGHTHS[eighths % 8]);
    }
    if out.is_empty() && value > 0 {
        out.push('▏');
    }
    out
}

/// A CSV field, quoted when it must be; control characters (line breaks
/// and escape sequences in a file name) are escaped, so one row stays one
/// line and nothing reaches a terminal raw.
fn csv_field(s: &str) -> String {
    let s = crate::output::escape_line(s);
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(path: &str, speakers: &[&str], entities: &[(&str, Kind, usize)]) -> ArticleSummary {
        ArticleSummary {
            path: path.into(),
            words: 100,
            has_headline: path != "c",
            entities: entities.iter().map(|(n, k, c)| (n.to_string(), *k, *c)).collect(),
            speakers: speakers
                .iter()
                .map(|s| (s.to_string(), Some(Kind::Person)))
                .collect(),
            quotes: speakers.len(),
        }
    }

    #[test]
    fn ranks_entities_and_speakers() {
        let mut r = Report::default();
        r.add(&summary(
            "a",
            &["Elena Park", "Elena Park"],
            &[("Elena Park", Kind::Person, 3), ("Acme", Kind::Organization, 1)],
        ));
        r.add(&summary(
            "b",
            &["David Ortiz"],
            &[("Elena Park", Kind::Person, 1), ("David Ortiz", Kind::Person, 2)],
        ));
        r.add(&summary("c", &[], &[]));
        let j = r.json(10);
        assert_eq!((j.articles, j.words, j.quotes), (3, 300, 3));
        assert_eq!(
            j.entities.person[0],
            Ranked {
                name: "Elena Park".into(),
                count: 4,
                articles: 2,
                kind: None
            }
        );
        assert_eq!(j.speakers[0].name, "Elena Park");
        assert_eq!((j.speakers[0].count, j.speakers[0].articles), (2, 1));
        assert_eq!(j.without_headline.paths, ["c"]);
        assert_eq!(j.without_quotes.count, 1);
        let table = r.table(10, &Style::default());
        assert!(table.contains("Elena Park") && table.contains('█'));
        for line in table.lines() {
            assert!(display_width(line) <= 80, "{line}");
        }
        assert!(r.csv(10).contains("entity,person,Elena Park,4,2"));
        assert_eq!(csv_field("a,\"b\"\n\x1b"), "\"a,\"\"b\"\"\\n\\u{1b}\"");
    }

    #[test]
    fn bars() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(1, 16, 2), "▏");
        assert_eq!(bar(0, 10, 4), "");
    }
}
