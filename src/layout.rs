//! Article layout: which lines are the headline, byline, dateline, bullets,
//! photo captions and credits, and which are the body paragraphs.
//!
//! Plain-text news comes in a handful of shapes: scraped web pages (headline,
//! repeated headline, image block, bullet summary, body), wire copy (byline,
//! `LONDON (Reuters) -` dateline), hard-wrapped archives, title-first dumps and
//! Markdown with front matter. The parser works line by line: it classifies
//! every line, joins wrapped lines back into paragraphs, and then assigns
//! roles to the blocks at the top of the article. Every field keeps byte
//! ranges into the decoded text so later stages can report offsets.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::fold_lines;

/// The layout of one article. Ranges are byte ranges into the decoded text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The headline line (or the front matter title).
    pub headline: Option<Range<usize>>,
    /// The byline as written, such as `By Dana Whitfield and Omar Haddad`.
    pub byline: Option<String>,
    /// Author names taken from the byline or front matter.
    pub authors: Vec<String>,
    /// The dateline opening the first paragraph, such as `LONDON (Reuters)`.
    pub dateline: Option<String>,
    /// The place named by the dateline (`LONDON`), as a byte range.
    pub dateline_place: Option<Range<usize>>,
    /// A publication date found in front matter, a date line or the dateline.
    pub date: Option<String>,
    /// Bullet summary items, marker removed.
    pub bullets: Vec<Range<usize>>,
    /// Photo captions with their credits.
    pub captions: Vec<CaptionSpan>,
    /// Body paragraphs, wrapped lines joined.
    pub paragraphs: Vec<Range<usize>>,
}

/// A photo caption and its credit; either may be missing.
#[derive(Clone, Debug, PartialEq)]
pub struct CaptionSpan {
    /// The caption sentence.
    pub text: Option<Range<usize>>,
    /// The photo credit, label and parentheses removed.
    pub credit: Option<Range<usize>>,
}

/// One physical line: content range without indentation or trailing space.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    end: usize,
    /// Indentation in columns (a tab counts as four).
    indent: usize,
    /// Length in characters, indentation included.
    width: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum LineKind {
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

#[derive(Clone, Debug, PartialEq)]
enum Role {
    Paragraph,
    Bullet,
    Credit,
    CaptionLabel,
    Heading,
    /// A paragraph that carries its own credit at the end.
    Caption,
    Dropped,
}

#[derive(Clone, Debug)]
struct Item {
    role: Role,
    range: Range<usize>,
    /// Number of physical lines.
    lines: usize,
}

/// Parses the layout of `text`.
pub fn parse(text: &str) -> Layout {
    let lines = split_lines(text);
    let mut kinds: Vec<LineKind> = lines.iter().map(|l| classify(&text[l.start..l.end])).collect();
    let mut layout = Layout::default();

    let body_start = front_matter(text, &lines, &mut kinds, &mut layout);
    labelled_fields(text, &lines, &mut kinds, &mut layout, body_start);
    mark_setext(text, &lines, &mut kinds);
    if layout.headline.is_none() {
        layout.headline = find_headline(text, &lines, &mut kinds, body_start);
    }
    mark_bullet_continuations(text, &lines, &mut kinds);
    mark_top_meta(text, &lines, &mut kinds);
    let mut items = build_items(text, &lines, &kinds, body_start);
    assign_roles(text, &mut items, &mut layout);
    layout
}

fn split_lines(text: &str) -> Vec<Line> {
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

static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
        advertisement(?:\s*[-:–—].*)? | ad | sponsored(?:\ content)? | paid\ content
        | story\ continues(?:\ below)?(?:\ (?:the\ )?advertisement)? | continue\ reading.*
        | read\ more(?:\s*[:»>|›\-–—].*|\s+(?:here|at|on|about)\b.*)?
        | (?:also\ read|see\ also|related(?:\ articles|\ stories|\ coverage|\ content|\ reading)?|more\ on\ this(?:\ story)?|watch|listen|more)\s*[:»>|›\-–—].*
        | related(?:\ articles|\ stories|\ coverage|\ content)?
        | share(?:\ this(?:\ article|\ story|\ page|\ post)?)?(?:\ (?:on|via)\ .+)?
        | (?:tweet|email|e-mail|print|copy\ link|save|comments?|\d+\ comments?|reply|like|follow)
        | sign\ up\b.* | subscribe\b.* | click\ here\b.* | follow\ us\b.*
        | skip\ to\ (?:main\ )?content | most\ (?:read|popular|viewed|shared) | recommended(?:\ for\ you)?
        | listen\ to\ (?:this\ )?(?:article|story).* | \d+\s*min(?:ute)?s?\ read | reading\ time.*
        | supported\ by | loading\.* | image\ \d+\ of\ \d+ | photo\ gallery | back\ to\ top
        | more\ (?:from|in|on)\ [^.!?]+ | \d+\ of\ \d+\ documents | trending(?:\ now)? | you\ (?:may|might)\ also\ like | all\ rights\ reserved.*
        | ©.* | copyright\s+(?:©\s*)?\d{4}.*
        | this\ (?:article|story)\ (?:was|is|has\ been)\ (?:originally\ )?(?:published|updated|produced).*
        | \(?(?:reporting|writing|editing|additional\ reporting|compiled)\ by\ [^()]+\)?
        | purchase\ licensing\ rights | open\ in\ app | view\ comments | toggle\ caption
        | enlarge\ this\ image | hide\ caption | (?:close|expand)
        )$",
    )
    .expect("boilerplate pattern")
});

static CREDIT_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:photo(?:graph)?s?|image|images|picture|pictures|illustration|credit|photo\s+credit|image\s+credit|image\s+source|video|graphic|photo\s+illustration|courtesy)\s*(?:[:,]|by\b|of\b|\.{2,}|…)\s*(\S.*)$",
    )
    .expect("credit pattern")
});

static CREDIT_SLASH: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?:\p{Lu}[\p{L}\p{M}.'’&-]*|\p{Ll}\p{Lu}[\p{L}.'’&-]*)";
    let joiner = r"(?:for|of|the|via|and|de|van|von|da)";
    let phrase = format!(r"{word}(?:\s+(?:{word}|{joiner}))*");
    Regex::new(&format!(r"^{phrase}(?:\s*/\s*{phrase})+(?:,\s*(?:File|Pool))?$"))
        .expect("slash credit pattern")
});

static CREDIT_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:\p{Lu}[\p{L}.'’&-]*|via|for)\s+)*(?:Images|Photos?|Pictures|Photography|Stock\s+Photo|Photo\s+Agency|Archives?|Shutterstock|Alamy|iStock(?:photo)?)$",
    )
    .expect("agency credit pattern")
});

/// Inner text of a parenthesized credit: `(AP Photo/Evan Vucci)`, `(Getty Images)`.
static CREDIT_PAREN_INNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/|\b(?:photo|photos|photograph|image|images|credit|courtesy|pool|shutterstock|alamy|via)\b|^(?:AP|Reuters|AFP|EPA|Xinhua|PA|Bloomberg)$")
        .expect("paren credit pattern")
});

static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:image|photo|video)?\s*caption\s*[,:]?\s*").expect("caption label pattern")
});

static RULE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[-*_=]\s*){3,}$").expect("rule pattern"));

fn classify(line: &str) -> LineKind {
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
    if line.chars().count() <= 130 && (BOILERPLATE.is_match(line) || navigation(line)) {
        return LineKind::Boilerplate;
    }
    if CAPTION_LABEL
        .find(line)
        .is_some_and(|m| m.end() > 0 && line[..m.end()].to_lowercase().contains("caption"))
    {
        return LineKind::CaptionLabel;
    }
    if credit_range(line).is_some() {
        return LineKind::Credit;
    }
    LineKind::Text
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

/// The byte range of the credit inside a standalone credit line, if it is one.
fn credit_range(line: &str) -> Option<Range<usize>> {
    let chars = line.chars().count();
    if chars > 100 || line.split_whitespace().count() > 12 {
        return None;
    }
    if let Some(c) = CREDIT_LABELLED.captures(line) {
        let m = c.get(1)?;
        return Some(m.start()..m.end());
    }
    if let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        if !inner.contains(['(', ')']) && CREDIT_PAREN_INNER.is_match(inner) {
            return Some(1..line.len() - 1);
        }
        return None;
    }
    if line.ends_with('.') && !line.ends_with(" Inc.") {
        return None;
    }
    if CREDIT_SLASH.is_match(line) || CREDIT_AGENCY.is_match(line) {
        return Some(0..line.len());
    }
    None
}

/// Splits a trailing credit off a caption paragraph: returns the caption's
/// end and the credit's range, both relative to `para`.
fn inline_credit(para: &str) -> Option<(usize, Range<usize>)> {
    let trimmed = para.trim_end();
    if let Some(body) = trimmed.strip_suffix(')') {
        let open = body.rfind('(')?;
        let inner = &body[open + 1..];
        if inner.len() >= 2 && !inner.contains(['(', ')']) && CREDIT_PAREN_INNER.is_match(inner) && open > 0 {
            return Some((para[..open].trim_end().len(), open + 1..body.len()));
        }
        return None;
    }
    // `... on Tuesday. Photo: Tom Reyes` or `... on Tuesday. REUTERS/Jane Doe`
    for (i, _) in trimmed.match_indices(". ") {
        let tail_start = i + 2;
        let tail = &trimmed[tail_start..];
        if let Some(r) = credit_range(tail) {
            let labelled = CREDIT_LABELLED.is_match(tail);
            if labelled || tail.contains('/') {
                return Some((i + 1, tail_start + r.start..tail_start + r.end));
            }
        }
    }
    None
}

/// Front matter between `---` lines at the top fills headline, authors and
/// date. Returns the first line index after it.
fn front_matter(text: &str, lines: &[Line], kinds: &mut [LineKind], layout: &mut Layout) -> usize {
    let Some(first) = lines.iter().position(|l| l.start != l.end) else {
        return 0;
    };
    let line = &text[lines[first].start..lines[first].end];
    if line != "---" || lines[first].indent != 0 {
        return 0;
    }
    let Some(close) = (first + 1..lines.len().min(first + 200)).find(|&i| {
        &text[lines[i].start..lines[i].end] == "---" || &text[lines[i].start..lines[i].end] == "..."
    }) else {
        return 0;
    };
    let mut key = String::new();
    for l in &lines[first + 1..close] {
        let content = &text[l.start..l.end];
        if let Some(item) = content.strip_prefix("- ") {
            if key == "author" {
                push_author(&mut layout.authors, item);
            }
            continue;
        }
        let Some((k, _)) = content.split_once(':') else {
            continue;
        };
        key = match k.trim().to_lowercase().as_str() {
            "title" | "headline" => "title",
            "author" | "authors" | "byline" | "creator" | "by" => "author",
            "date" | "published" | "pubdate" | "publishdate" | "published_at" => "date",
            _ => "",
        }
        .to_string();
        let value_start = l.start + k.len() + 1;
        let raw = &text[value_start..l.end];
        let lead = raw.len() - raw.trim_start().len();
        let (vs, ve) = unquote(text, value_start + lead, l.end);
        let value = &text[vs..ve];
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "title" => layout.headline = Some(vs..ve),
            "author" => {
                let list = value.trim_start_matches('[').trim_end_matches(']');
                for name in list.split(',') {
                    push_author(&mut layout.authors, name);
                }
                layout.byline = Some(value.to_string());
            }
            "date" => layout.date = Some(value.to_string()),
            _ => {}
        }
    }
    if layout.byline.is_none() && !layout.authors.is_empty() {
        layout.byline = Some(layout.authors.join(", "));
    }
    for k in kinds.iter_mut().take(close + 1).skip(first) {
        *k = LineKind::Used;
    }
    close + 1
}

fn push_author(authors: &mut Vec<String>, raw: &str) {
    let name = raw.trim().trim_matches(['"', '\'']).trim();
    if !name.is_empty() && !authors.iter().any(|a| a == name) {
        authors.push(name.to_string());
    }
}

fn unquote(text: &str, start: usize, end: usize) -> (usize, usize) {
    let v = &text[start..end];
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return (start + 1, end - 1);
        }
    }
    (start, end)
}

/// The label of a labelled field line (`HEADLINE: ...`) and where its value
/// starts.
fn label_of(line: &str) -> Option<(&str, usize)> {
    let colon = line.as_bytes().iter().take(26).position(|&b| b == b':')?;
    let label = &line[..colon];
    let ok = label.len() >= 2
        && label.as_bytes()[0].is_ascii_uppercase()
        && label.bytes().all(|b| b.is_ascii_uppercase() || b == b'-');
    let rest = &line[colon + 1..];
    (ok && (rest.is_empty() || rest.starts_with(char::is_whitespace)))
        .then(|| (label, colon + 1 + (rest.len() - rest.trim_start().len())))
}

/// Labels of archive exports (LexisNexis and the like) that carry no text.
const META_LABELS: &[&str] = &[
    "SECTION",
    "LENGTH",
    "LOAD-DATE",
    "LANGUAGE",
    "PUBLICATION-TYPE",
    "DOCUMENT-TYPE",
    "JOURNAL-CODE",
    "ACC-NO",
    "BODY",
    "GRAPHIC",
    "HIGHLIGHT",
    "CORRECTION-DATE",
    "NOTES",
    "SOURCE",
    "TYPE",
    "SUBJECT",
    "ORGANIZATION",
    "PERSON",
    "GEOGRAPHIC",
    "COMPANY",
    "TICKER",
    "INDUSTRY",
    "COUNTRY",
    "CITY",
    "STATE",
    "URL",
    "PUBLICATION",
    "EDITION",
    "COPYRIGHT",
    "DISTRIBUTION",
    "SERIES",
    "DESK",
    "WORD-COUNT",
];

/// Archive exports label their fields: `HEADLINE: ...`, `BYLINE: ...`,
/// `DATELINE: ...`, then metadata such as `SECTION:` and `LOAD-DATE:`. A
/// labelled headline means the lines above the first label are the
/// export's header (publication name, date), not article text.
fn labelled_fields(text: &str, lines: &[Line], kinds: &mut [LineKind], layout: &mut Layout, from: usize) {
    let mut first_label = None;
    let mut i = from;
    while i < lines.len() {
        let l = lines[i];
        let content = &text[l.start..l.end];
        let Some((label, value_offset)) = (kinds[i] == LineKind::Text).then(|| label_of(content)).flatten()
        else {
            i += 1;
            continue;
        };
        let value_start = l.start + value_offset;
        let known = matches!(label, "HEADLINE" | "TITLE" | "BYLINE" | "AUTHOR" | "DATELINE")
            || META_LABELS.contains(&label);
        if !known {
            i += 1;
            continue;
        }
        first_label.get_or_insert(i);
        // The value runs on over the following lines of its block.
        let mut end = i + 1;
        while end < lines.len()
            && kinds[end] == LineKind::Text
            && label_of(&text[lines[end].start..lines[end].end]).is_none()
        {
            end += 1;
        }
        let value = value_start..lines[end - 1].end.max(value_start);
        let folded = fold_lines(&text[value.clone()]).trim().to_string();
        match label {
            "HEADLINE" | "TITLE" if layout.headline.is_none() && !folded.is_empty() => {
                layout.headline = Some(value)
            }
            "BYLINE" | "AUTHOR" if layout.byline.is_none() && !folded.is_empty() => {
                let with_by = if folded.to_lowercase().starts_with("by ") {
                    folded.clone()
                } else {
                    format!("By {folded}")
                };
                layout.authors = byline(&with_by).unwrap_or_default();
                layout.byline = Some(folded);
            }
            "DATELINE" if layout.dateline.is_none() && !folded.is_empty() => layout.dateline = Some(folded),
            _ => {}
        }
        for k in kinds.iter_mut().take(end).skip(i) {
            *k = LineKind::Used;
        }
        i = end;
    }
    // Above the first label: the export's header. Keep a date, drop the rest.
    if let (Some(first), Some(_)) = (first_label, &layout.headline) {
        for j in from..first {
            if kinds[j] != LineKind::Text {
                continue;
            }
            let content = &text[lines[j].start..lines[j].end];
            if date_line(content) && layout.date.is_none() {
                layout.date = Some(strip_date_label(content).to_string());
            }
            kinds[j] = LineKind::Used;
        }
    }
}

/// A `===` line under a text line makes that line a level-one heading.
fn mark_setext(text: &str, lines: &[Line], kinds: &mut [LineKind]) {
    for i in 1..lines.len() {
        let l = &text[lines[i].start..lines[i].end];
        if kinds[i] == LineKind::Rule && l.starts_with("==") && kinds[i - 1] == LineKind::Text {
            kinds[i - 1] = LineKind::Heading(0);
        }
    }
}

/// Finds the headline: the first heading or text line that is not a byline,
/// a date or boilerplate. An ALL CAPS headline may continue on the next line.
fn find_headline(text: &str, lines: &[Line], kinds: &mut [LineKind], from: usize) -> Option<Range<usize>> {
    for i in from..lines.len() {
        let l = lines[i];
        let content = &text[l.start..l.end];
        match kinds[i] {
            LineKind::Heading(n) => {
                kinds[i] = LineKind::Used;
                let title = content[n..].trim_end_matches(['#', ' ']);
                let start = l.start + n;
                return Some(start..start + title.len());
            }
            LineKind::Text => {
                if byline(content).is_some() || date_line(content) || wire_dateline_line(content) {
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
                    let other = byline(second).is_some() || date_line(second) || wire_dateline_line(second);
                    if (caps || continues) && !other {
                        kinds[next] = LineKind::Used;
                        end = lines[next].end;
                    }
                }
                return Some(l.start..end);
            }
            _ => continue,
        }
    }
    None
}

/// True when the text has letters and none of them is lower case.
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Bylines and date lines above the body stand alone even when no blank
/// line separates them from their neighbours ("Published ..." then "By ...").
fn mark_top_meta(text: &str, lines: &[Line], kinds: &mut [LineKind]) {
    // The top of an article is its first couple of dozen lines.
    for (l, k) in lines.iter().zip(kinds.iter_mut()).take(25) {
        if *k != LineKind::Text {
            continue;
        }
        let content = &text[l.start..l.end];
        if content.chars().count() > 100 {
            break;
        }
        if byline(content).is_some() || date_line(content) {
            *k = LineKind::Meta;
        }
    }
}

/// Text lines under a bullet that are indented past its marker, or that
/// continue its unfinished sentence in lower case, belong to the bullet.
fn mark_bullet_continuations(text: &str, lines: &[Line], kinds: &mut [LineKind]) {
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

/// Groups classified lines into items: wrapped text lines become paragraphs,
/// bullet lines absorb their indented continuation lines.
fn build_items(text: &str, lines: &[Line], kinds: &[LineKind], from: usize) -> Vec<Item> {
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
                    items.push(Item {
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
                items.push(Item {
                    role: Role::Bullet,
                    range: l.start + marker..lines[j - 1].end,
                    lines: j - i,
                });
                i = j;
            }
            LineKind::BulletCont => i += 1,
            LineKind::Meta => {
                items.push(Item {
                    role: Role::Paragraph,
                    range: l.start..l.end,
                    lines: 1,
                });
                i += 1;
            }
            LineKind::Credit => {
                let r = credit_range(&text[l.start..l.end]).unwrap_or(0..l.end - l.start);
                items.push(Item {
                    role: Role::Credit,
                    range: l.start + r.start..l.start + r.end,
                    lines: 1,
                });
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
                items.push(Item {
                    role,
                    range: l.start + skip..l.end,
                    lines: 1,
                });
                i += 1;
            }
            LineKind::Boilerplate => i += 1,
            LineKind::Heading(n) => {
                items.push(Item {
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

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*']);
    s.ends_with(['.', '!', '?', '…', ':'])
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
                    ends_sentence(cur) && run[i].width + 1 + first_word <= w
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

/// Folded text of a range, compared case-insensitively for repeated headlines.
fn comparable(text: &str, r: &Range<usize>) -> String {
    fold_lines(&text[r.clone()])
        .trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn chars_len(text: &str, r: &Range<usize>) -> usize {
    text[r.clone()].chars().count()
}

/// Assigns roles to items: repeated headline, byline, date lines, captions,
/// subheads, and the dateline of the first paragraph.
fn assign_roles(text: &str, items: &mut [Item], layout: &mut Layout) {
    let headline_key = layout.headline.as_ref().map(|r| comparable(text, r));
    let mut seen_body = false;
    for (n, item) in items.iter_mut().enumerate() {
        if item.role != Role::Paragraph && item.role != Role::Heading {
            continue;
        }
        // Only blocks of about the headline's length can repeat it.
        let similar_length = |h: &str| {
            let len = item.range.len();
            len + 8 >= h.len() && len <= h.len() * 2 + 8
        };
        if headline_key
            .as_deref()
            .is_some_and(|h| !h.is_empty() && similar_length(h) && comparable(text, &item.range) == h)
        {
            item.role = Role::Dropped;
            continue;
        }
        if item.role == Role::Heading {
            continue;
        }
        let content = &text[item.range.clone()];
        let near_top = n < 12 && item.lines <= 2;
        if near_top && layout.byline.is_none() {
            if let Some(authors) = byline(content) {
                layout.byline = Some(fold_lines(content).into_owned());
                layout.authors = authors;
                item.role = Role::Dropped;
                continue;
            }
        }
        if near_top && !seen_body && date_line(content) {
            if layout.date.is_none() {
                layout.date = Some(strip_date_label(content).to_string());
            }
            item.role = Role::Dropped;
            continue;
        }
        if near_top && !seen_body && wire_dateline_line(content) {
            layout.dateline.get_or_insert_with(|| content.to_string());
            item.role = Role::Dropped;
            continue;
        }
        if chars_len(text, &item.range) <= 500 {
            if let Some((cap_end, credit)) = inline_credit(content) {
                let s = item.range.start;
                layout.captions.push(CaptionSpan {
                    text: Some(s..s + cap_end),
                    credit: Some(s + credit.start..s + credit.end),
                });
                item.role = Role::Dropped;
                continue;
            }
        }
        seen_body |= item.lines > 1 || chars_len(text, &item.range) > 120;
    }
    pair_captions(text, items, layout);

    let mut dateline_checked = false;
    for item in items.iter() {
        match item.role {
            Role::Paragraph => {
                if !dateline_checked {
                    dateline_checked = true;
                    if layout.dateline.is_none() {
                        if let Some((dl, date, place)) = dateline(&text[item.range.clone()]) {
                            layout.dateline = Some(dl);
                            let s = item.range.start;
                            layout.dateline_place = Some(s + place.start..s + place.end);
                            if layout.date.is_none() {
                                layout.date = date;
                            }
                        }
                    }
                }
                layout.paragraphs.push(item.range.clone());
            }
            Role::Bullet => layout.bullets.push(item.range.clone()),
            _ => {}
        }
    }
    layout
        .captions
        .sort_by_key(|c| c.text.as_ref().or(c.credit.as_ref()).map_or(0, |r| r.start));
}

/// Pairs each standalone credit with its caption sentence and alt text.
fn pair_captions(text: &str, items: &mut [Item], layout: &mut Layout) {
    let is_text = |it: &Item| it.role == Role::Paragraph;
    for c in 0..items.len() {
        match items[c].role {
            Role::Caption => {
                layout.captions.push(CaptionSpan {
                    text: Some(items[c].range.clone()),
                    credit: None,
                });
                items[c].role = Role::Dropped;
                continue;
            }
            Role::CaptionLabel => {
                if let Some(n) = items.get(c + 1).filter(|it| is_text(it)).map(|_| c + 1) {
                    let text = Some(items[n].range.clone());
                    // `Image source, X` then `Image caption,`: one caption.
                    let credit_only = c > 0
                        && layout.captions.last().is_some_and(|cap| {
                            cap.text.is_none() && cap.credit.as_ref() == Some(&items[c - 1].range)
                        });
                    match layout.captions.last_mut() {
                        Some(cap) if credit_only => cap.text = text,
                        _ => layout.captions.push(CaptionSpan { text, credit: None }),
                    }
                    items[n].role = Role::Dropped;
                }
                items[c].role = Role::Dropped;
                continue;
            }
            Role::Credit => {}
            _ => continue,
        }
        let credit = items[c].range.clone();
        items[c].role = Role::Dropped;
        // A caption just before, already paired only with its label, takes this credit.
        if let Some(prev) = layout.captions.last_mut() {
            let touches = c > 0
                && items[c - 1].role == Role::Dropped
                && prev.credit.is_none()
                && prev.text.as_ref() == Some(&items[c - 1].range);
            if touches {
                prev.credit = Some(credit);
                continue;
            }
        }
        let prev = (c > 0 && is_text(&items[c - 1])).then(|| c - 1);
        let next = items.get(c + 1).filter(|it| is_text(it)).map(|_| c + 1);
        let sentence_like = |i: usize| {
            let s = &text[items[i].range.clone()];
            ends_sentence(s) || s.chars().count() >= 60
        };
        let short = |i: usize| chars_len(text, &items[i].range) <= 300;
        let alt = prev.filter(|&p| !sentence_like(p) && chars_len(text, &items[p].range) <= 120);
        let caption = match (prev, next) {
            (Some(p), _) if sentence_like(p) && short(p) => Some(p),
            (_, Some(n)) if short(n) && sentence_like(n) => {
                if let Some(a) = alt {
                    items[a].role = Role::Dropped;
                }
                Some(n)
            }
            _ => alt,
        };
        if let Some(i) = caption {
            items[i].role = Role::Dropped;
        }
        layout.captions.push(CaptionSpan {
            text: caption.map(|i| items[i].range.clone()),
            credit: Some(credit),
        });
    }
}

static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written by|words by|authors?|reporting by|story by)\s*[:\-]?\s+")
        .expect("byline prefix")
});

static BYLINE_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,|;|\||\s+and\s+|\s+&\s+|\s+[-–—]\s+|\s+/\s+)\s*").expect("byline split")
});

const ROLE_WORDS: &[&str] = &[
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "staff",
    "contributor",
    "columnist",
    "bureau",
    "chief",
    "photographer",
    "producer",
    "analyst",
    "journalist",
    "special",
    "news",
    "press",
    "service",
    "wire",
    "agency",
    "desk",
    "team",
    "times",
    "post",
    "herald",
    "tribune",
    "journal",
    "daily",
    "senior",
    "associate",
    "contributing",
    "reporters",
    "writers",
    "correspondents",
    "editors",
    "report",
    "newsroom",
    "media",
    "magazine",
];

const AGENCIES: &[&str] = &[
    "reuters",
    "ap",
    "afp",
    "associated press",
    "bloomberg",
    "upi",
    "cnn",
    "bbc",
    "xinhua",
    "dpa",
    "efe",
    "ansa",
    "kyodo",
    "tass",
    "pa",
    "aap",
    "cp",
    "the associated press",
    "agence france-presse",
    "bloomberg news",
    "reuters staff",
];

const NAME_PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "der", "den", "la", "le", "bin", "al", "el", "di", "du", "del", "dos", "das",
    "ter", "ten", "y", "mc", "st.", "jr.", "sr.", "ii", "iii",
];

/// Recognizes a byline and returns its author names.
fn byline(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    // Cheap refusal first: a byline opens with "By" (or a label) or names
    // a role after a separator.
    let opens = line.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("by"))
        || ["written", "words", "author", "reporting", "story"]
            .iter()
            .any(|w| line.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w)));
    if !opens && !line.contains([',', '|', '-', '–', '—', ';', '/']) {
        return None;
    }
    if line.chars().count() > 140 || line.contains(['\n', '\r']) && line.lines().count() > 2 {
        return None;
    }
    let line = fold_lines(line);
    let (has_by, rest) = match BYLINE_PREFIX.find(&line) {
        Some(m) => (true, &line[m.end()..]),
        None => (false, &line[..]),
    };
    if rest.ends_with(['.', '!', '?', ':']) && !rest.ends_with(" Jr.") && !rest.ends_with(" Sr.") {
        return None;
    }
    let mut names = Vec::new();
    let mut roles = 0;
    for part in BYLINE_SPLIT.split(rest) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if is_role(part) {
            roles += 1;
        } else if let Some(name) = person_name(part) {
            // Without "By", a lone word ("Home | News") is not a name.
            if !has_by && !name.contains(' ') {
                return None;
            }
            names.push(name);
        } else {
            return None;
        }
    }
    let ok = !names.is_empty() && (has_by || roles > 0) || has_by && roles > 0;
    ok.then_some(names)
}

fn is_role(part: &str) -> bool {
    let lower = part.to_lowercase();
    if AGENCIES.contains(&lower.as_str()) {
        return true;
    }
    if lower.starts_with("for ") || lower.starts_with("special to ") {
        return true;
    }
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ROLE_WORDS.contains(&w))
}

/// Returns the name if `part` reads as a person's name (`Dana Whitfield`,
/// `J. R. Smith`, `DANA WHITFIELD`), dropping a trailing `in London`.
fn person_name(part: &str) -> Option<String> {
    let part = match part.find(" in ") {
        Some(i) => &part[..i],
        None => part,
    };
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let capitalized = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let ok = words
        .iter()
        .all(|w| capitalized(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
        && capitalized(&words[0])
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c)));
    ok.then(|| words.join(" "))
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const DATE_WORDS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "bst",
    "utc",
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "et",
    "pt",
    "ct",
    "cet",
    "cest",
    "ist",
    "jst",
    "aest",
    "aedt",
    "on",
    "at",
    "published",
    "updated",
    "posted",
    "last",
    "first",
    "date",
    "modified",
    "ago",
    "hours",
    "hour",
    "minutes",
    "minute",
    "mins",
    "days",
    "day",
    "h",
    "hrs",
];

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:first\s+)?published|(?:last\s+)?updated|posted|date|modified)\s*(?:on|at)?\s*[:\-]?\s*",
    )
    .expect("date label")
});

/// A short line that is only a date and time, possibly with a label such as
/// `Published:`.
fn date_line(line: &str) -> bool {
    // Every date line has a digit.
    if line.len() > 240
        || !line.bytes().any(|b| b.is_ascii_digit())
        || line.chars().count() > 80
        || line.contains(['\n', '\r'])
    {
        return false;
    }
    let mut signal = false;
    for word in line.split(|c: char| c.is_whitespace() || ",|·•()".contains(c)) {
        let w = word.trim_matches(|c: char| c == '.' || c == ':').to_lowercase();
        if w.is_empty() || w == "-" || w == "–" || w == "—" {
            continue;
        }
        if MONTHS.contains(&w.as_str()) || is_iso_date(&w) || is_slash_date(&w) {
            signal = true;
        } else if !(DATE_WORDS.contains(&w.as_str()) || crate::text::is_weekday(&w) || is_time_or_number(&w))
        {
            return false;
        }
    }
    signal
}

fn strip_date_label(line: &str) -> &str {
    let m = DATE_LABEL.find(line).map_or(0, |m| m.end());
    line[m..].trim()
}

fn is_iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

fn is_slash_date(w: &str) -> bool {
    let parts: Vec<&str> = w.split('/').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_time_or_number(w: &str) -> bool {
    let w = w
        .trim_end_matches("am")
        .trim_end_matches("pm")
        .trim_end_matches(['h', 's']);
    !w.is_empty()
        && w.chars().all(|c| c.is_ascii_digit() || ":.tnrdh".contains(c))
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

static WIRE_DATELINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}\p{M} .'’-]+\s+(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})$")
        .expect("wire dateline line")
});

/// A line holding only a place in capitals and a date: `BRUSSELS 1996-08-22`.
fn wire_dateline_line(line: &str) -> bool {
    line.len() <= 64 && WIRE_DATELINE_LINE.is_match(line)
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let place = r"\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3}";
    let month = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
    let date = format!(r"{month}\s+\d{{1,2}}(?:,\s*\d{{4}})?");
    let region = r"\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,2}";
    Regex::new(&format!(
        r"^(?P<place>{place})(?P<extra>(?:,\s*(?:(?P<date>{date})|{region}))*)(?:\s*\((?P<agency>[^()\n]+)\))?\s*(?:-{{1,3}}|—|–|_)\s+\S"
    ))
    .expect("dateline pattern")
});

/// The dateline opening a first paragraph (`LONDON (Reuters) -`,
/// `WASHINGTON, March 3 (AP) —`) and its date, if any.
fn dateline(para: &str) -> Option<(String, Option<String>, Range<usize>)> {
    let c = DATELINE.captures(para)?;
    let place_match = c.name("place")?;
    let place = place_match.as_str();
    if c.name("agency").is_some_and(|a| a.as_str().chars().count() > 40) {
        return None;
    }
    let has_agency = c.name("agency").is_some();
    let date = c.name("date").map(|m| m.as_str().to_string());
    if !(is_all_caps(place) || has_agency || date.is_some()) {
        return None;
    }
    let end = c
        .name("agency")
        .map_or_else(|| c.name("extra").map_or(0, |m| m.end()), |m| m.end() + 1);
    let end = end.max(c.name("place")?.end());
    Some((
        fold_lines(para[..end].trim()).into_owned(),
        date,
        place_match.start()..place_match.end(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
        ranges
            .iter()
            .map(|r| fold_lines(&text[r.clone()]).into_owned())
            .collect()
    }

    #[test]
    fn scraped_page() {
        let text = "City council approves tunnel\n\nCity council approves tunnel\n\nMayor Elena Park\n\nTom Reyes / Coastline Photo Agency\n\nMayor Elena Park spoke to reporters after the vote on Tuesday.\n\n  • The council voted 9-4.\n  • Work starts next spring.\n\nThe council approved a tunnel on Tuesday.\n\nAdvertisement\n\n\"This is big,\" Park said.\n";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "City council approves tunnel");
        assert_eq!(
            texts(text, &l.bullets),
            ["The council voted 9-4.", "Work starts next spring."]
        );
        assert_eq!(l.captions.len(), 1);
        let cap = &l.captions[0];
        assert_eq!(
            &text[cap.text.clone().unwrap()],
            "Mayor Elena Park spoke to reporters after the vote on Tuesday."
        );
        assert_eq!(
            &text[cap.credit.clone().unwrap()],
            "Tom Reyes / Coastline Photo Agency"
        );
        assert_eq!(
            texts(text, &l.paragraphs),
            [
                "The council approved a tunnel on Tuesday.",
                "\"This is big,\" Park said."
            ]
        );
    }

    #[test]
    fn wire_copy() {
        let text = "TUNNEL VOTE SPLITS HARBOR CITY\n\nBy Dana Whitfield and Omar Haddad\n\nLONDON (Reuters) - The council voted on Tuesday.\n\nMore followed.\n";
        let l = parse(text);
        assert_eq!(
            &text[l.headline.clone().unwrap()],
            "TUNNEL VOTE SPLITS HARBOR CITY"
        );
        assert_eq!(l.byline.as_deref(), Some("By Dana Whitfield and Omar Haddad"));
        assert_eq!(l.authors, ["Dana Whitfield", "Omar Haddad"]);
        assert_eq!(l.dateline.as_deref(), Some("LONDON (Reuters)"));
        assert_eq!(l.paragraphs.len(), 2);
    }

    #[test]
    fn bylines() {
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("By Dana Whitfield", Some(&["Dana Whitfield"])),
            ("Dana Whitfield, Staff Writer", Some(&["Dana Whitfield"])),
            ("By DANA WHITFIELD | Reuters", Some(&["DANA WHITFIELD"])),
            ("By Dana Whitfield in London", Some(&["Dana Whitfield"])),
            ("By Reuters", Some(&[])),
            ("By the end of the year, prices rose.", None),
            ("Dana Whitfield and Omar Haddad", None),
            (
                "By Jean-Luc de la Croix and J. R. Smith",
                Some(&["Jean-Luc de la Croix", "J. R. Smith"]),
            ),
        ];
        for (line, want) in cases {
            let got = byline(line);
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(got, want, "case {line}");
        }
    }

    #[test]
    fn datelines() {
        let cases: &[(&str, Option<&str>)] = &[
            ("LONDON (Reuters) - Britain said", Some("LONDON (Reuters)")),
            (
                "WASHINGTON, March 3 (AP) — The Senate",
                Some("WASHINGTON, March 3 (AP)"),
            ),
            ("NEW YORK — Stocks fell", Some("NEW YORK")),
            ("SAN JOSE, Calif. -- Apple said", Some("SAN JOSE, Calif.")),
            ("Washington (AP) — The Senate", Some("Washington (AP)")),
            ("Washington - The Senate", None),
            ("The council voted - narrowly", None),
        ];
        for (para, want) in cases {
            assert_eq!(dateline(para).map(|d| d.0), want.map(String::from), "case {para}");
        }
    }

    #[test]
    fn credits() {
        let yes = [
            "Photo: AP",
            "(Getty Images)",
            "Credit: Jane Doe",
            "Tom Reyes / Coastline Photo Agency",
            "AP Photo/Evan Vucci",
            "REUTERS/Kevin Lamarque",
            "Getty Images",
            "AFP via Getty Images",
            "Image source, Getty Images",
        ];
        for y in yes {
            assert!(credit_range(y).is_some(), "credit {y}");
        }
        let no = [
            "The council voted 9-4.",
            "Mayor Elena Park",
            "Harbor City",
            "(and more)",
        ];
        for n in no {
            assert!(credit_range(n).is_none(), "not credit {n}");
        }
    }

    #[test]
    fn inline_credits() {
        let cap = "Park speaks on Tuesday. (AP Photo/Jane Doe)";
        let (end, credit) = inline_credit(cap).unwrap();
        assert_eq!(
            (&cap[..end], &cap[credit]),
            ("Park speaks on Tuesday.", "AP Photo/Jane Doe")
        );
        let cap = "Park speaks on Tuesday. Photograph: Tom Reyes/Coastline";
        let (end, credit) = inline_credit(cap).unwrap();
        assert_eq!(
            (&cap[..end], &cap[credit]),
            ("Park speaks on Tuesday.", "Tom Reyes/Coastline")
        );
        assert!(inline_credit("The council met (again) on Tuesday.").is_none());
    }

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

    #[test]
    fn front_matter_fills_fields() {
        let text = "---\ntitle: \"Harbor tunnel approved\"\nauthor: Dana Whitfield\ndate: 2024-03-03\n---\n\n# Harbor tunnel approved\n\nBody text here.\n";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "Harbor tunnel approved");
        assert_eq!(l.authors, ["Dana Whitfield"]);
        assert_eq!(l.date.as_deref(), Some("2024-03-03"));
        assert_eq!(texts(text, &l.paragraphs), ["Body text here."]);
    }

    #[test]
    fn markdown_heading_is_headline() {
        let text = "# Harbor tunnel approved\n\n## Background\n\nBody text here.\n";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "Harbor tunnel approved");
        assert_eq!(texts(text, &l.paragraphs), ["Body text here."]);
    }

    #[test]
    fn date_lines() {
        for yes in [
            "Published: March 3, 2024",
            "Updated 5:02 PM EST, Tue March 3, 2024",
            "2024-03-03",
            "Mon 4 Mar 2024 10.02 GMT",
        ] {
            assert!(date_line(yes), "{yes}");
        }
        for no in ["March is a month for change.", "Published by the council"] {
            assert!(!date_line(no), "{no}");
        }
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

    #[test]
    fn navigation_and_stacked_meta_lines() {
        let text = "Skip to main content\nHome | News | Sport | Business\n\nFerry operator fined\n\nPublished 10:14 AM EDT, Thu June 6, 2024\nBy Priya Shah, Maritime Correspondent\n\nThe drifting ferry was towed home. (Coast Guard via AP)\n\nA judge fined the company on Wednesday for failing to repair an engine that broke down last August.\n\nMore from News\n";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "Ferry operator fined");
        assert_eq!(l.byline.as_deref(), Some("By Priya Shah, Maritime Correspondent"));
        assert_eq!(l.authors, ["Priya Shah"]);
        assert_eq!(l.date.as_deref(), Some("10:14 AM EDT, Thu June 6, 2024"));
        assert_eq!(l.captions.len(), 1);
        assert_eq!(l.paragraphs.len(), 1, "{:?}", texts(text, &l.paragraphs));
    }

    #[test]
    fn empty_text() {
        assert_eq!(parse(""), Layout::default());
        assert_eq!(parse("  \n\r\n  "), Layout::default());
    }

    #[test]
    fn crlf_and_lone_cr() {
        let text = "Title\r\n\r\nOne para.\r\rTwo para.\r";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "Title");
        assert_eq!(texts(text, &l.paragraphs), ["One para.", "Two para."]);
    }
}
