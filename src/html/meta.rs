//! What a page states about its article outside the text: structured data
//! (JSON-LD `NewsArticle`, `Article` and their kin), Open Graph and other
//! `<meta>` tags, the `<title>` and `<time>` elements.

use std::sync::LazyLock;

use scraper::{Html, Selector};
use serde_json::Value;

/// The page's statements about its article.
#[derive(Clone, Debug, Default)]
pub(super) struct Meta {
    /// JSON-LD `headline`.
    pub headline: Option<String>,
    /// Open Graph or Twitter title.
    pub og_title: Option<String>,
    /// The `<title>` element's text.
    pub title: Option<String>,
    /// Author names (JSON-LD `author`, else `<meta name="author">`).
    pub authors: Vec<String>,
    /// Publication date (JSON-LD `datePublished`, `article:published_time`,
    /// else the first `<time datetime>`).
    pub date: Option<String>,
}

impl Meta {
    /// The headline the page states: JSON-LD's, else Open Graph's.
    pub fn stated_headline(&self) -> Option<&str> {
        self.headline.as_deref().or(self.og_title.as_deref())
    }
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

static JSON_LD: LazyLock<Selector> = LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));

/// JSON-LD types that describe an article.
fn article_type(v: &Value) -> bool {
    let is = |t: &str| {
        matches!(
            t,
            "NewsArticle"
                | "Article"
                | "ReportageNewsArticle"
                | "AnalysisNewsArticle"
                | "OpinionNewsArticle"
                | "BackgroundNewsArticle"
                | "BlogPosting"
                | "LiveBlogPosting"
                | "Report"
                | "ScholarlyArticle"
                | "TechArticle"
        )
    };
    match v.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(is)),
        _ => false,
    }
}

/// The first article object in a JSON-LD value (top level, arrays and
/// `@graph`), searched without recursion.
fn find_article(v: &Value) -> Option<&Value> {
    let mut stack = vec![v];
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > 10_000 {
            return None;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                if article_type(v) {
                    return Some(v);
                }
                if let Some(g) = map.get("@graph") {
                    stack.push(g);
                }
            }
            _ => {}
        }
    }
    None
}

/// Names in a JSON-LD `author` value: a string, a person, or a list.
fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.trim().to_string()),
        Value::Object(m) => {
            if let Some(Value::String(s)) = m.get("name") {
                out.push(s.trim().to_string());
            }
        }
        Value::Array(items) => items.iter().take(20).for_each(|i| names(i, out)),
        _ => {}
    }
    out.retain(|s| !s.is_empty());
}

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// The encoding a page declares: `<meta charset>` or the charset of a
/// `<meta http-equiv="content-type">`.
pub(super) fn declared_charset(html: &Html) -> Option<&'static encoding_rs::Encoding> {
    html.select(&META).find_map(|m| {
        let el = m.value();
        let label = el.attr("charset").map(str::to_string).or_else(|| {
            let content = el.attr("content")?.to_ascii_lowercase();
            let is_type = el.attr("http-equiv")?.eq_ignore_ascii_case("content-type");
            let at = content.find("charset=")?;
            is_type.then(|| {
                content[at + 8..]
                    .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
                    .to_string()
            })
        })?;
        encoding_rs::Encoding::for_label(label.trim().as_bytes())
    })
}

/// Reads what the page states about its article.
pub(super) fn read(html: &Html) -> Meta {
    let mut meta = Meta::default();
    for script in html.select(&JSON_LD) {
        let raw: String = script.text().collect();
        // JSON-LD blocks that do not parse are the site's problem, not ours.
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let Some(article) = find_article(&value) else {
            continue;
        };
        if meta.headline.is_none() {
            meta.headline = article.get("headline").and_then(Value::as_str).and_then(clean);
        }
        if meta.authors.is_empty() {
            if let Some(a) = article.get("author") {
                names(a, &mut meta.authors);
            }
        }
        if meta.date.is_none() {
            meta.date = article
                .get("datePublished")
                .and_then(Value::as_str)
                .and_then(clean);
        }
    }
    let mut author_meta = None;
    for m in html.select(&META) {
        let el = m.value();
        let key = el.attr("property").or_else(|| el.attr("name")).unwrap_or("");
        let Some(content) = el.attr("content").and_then(clean) else {
            continue;
        };
        match key.to_ascii_lowercase().as_str() {
            "og:title" | "twitter:title" if meta.og_title.is_none() => meta.og_title = Some(content),
            "article:published_time" | "datepublished" | "pubdate" | "date" if meta.date.is_none() => {
                meta.date = Some(content)
            }
            "author" | "article:author" if author_meta.is_none() && !content.starts_with("http") => {
                author_meta = Some(content)
            }
            _ => {}
        }
    }
    if meta.authors.is_empty() {
        meta.authors.extend(author_meta);
    }
    meta.title = html
        .select(&TITLE)
        .next()
        .and_then(|t| clean(&t.text().collect::<String>()));
    if meta.date.is_none() {
        meta.date = html
            .select(&TIME)
            .next()
            .and_then(|t| t.value().attr("datetime"))
            .and_then(clean);
    }
    meta
}
