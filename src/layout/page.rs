//! Pages: which blocks of a saved web page are the article. A text saved
//! from a page carries the site's menus, share buttons, teasers, comments
//! and footers around the article. Each block is described by what can be
//! measured on text (its words, the share of function words and of
//! capitalized words, how it ends, converter markup, indentation, whether
//! the page repeats it, and the same for its neighbours) and scored by a
//! linear model learned from saved pages (`scripts/train_blocks.py`,
//! weights in `data/block-weights.tsv`). The body is the stretch of blocks
//! with the most article-like words, as one region: blocks outside it are
//! the page's, and inside it only blocks scored far below the line drop out.
//! Clean article text scores as body throughout and keeps every paragraph.

use std::fmt::Write as _;
use std::hash::Hasher;
use std::sync::LazyLock;

use super::edges::{self, EdgeInputs};
use super::paragraphs::{Piece, Role};
use crate::document::{BlockClass, PageBlock};

use crate::hash::{FxHashMap, FxHashSet, FxHasher};
use crate::lexicon::{END_MARKERS, SOURCE_NOTES, STOP_WORDS};

/// The start of what follows an article: comments, related stories.
static END_MARKER: LazyLock<regex::Regex> = LazyLock::new(|| opening_pattern(&END_MARKERS));

/// A line saying where the article first appeared ("Originally published
/// on ...").
static SOURCE_NOTE: LazyLock<regex::Regex> = LazyLock::new(|| opening_pattern(&SOURCE_NOTES));

/// A case-insensitive pattern matching a text that opens with one of a
/// lexicon list's patterns.
fn opening_pattern(list: &crate::lexicon::List) -> regex::Regex {
    let alternatives: Vec<&str> = list.words().to_vec();
    regex::Regex::new(&format!("(?i)^(?:{})", alternatives.join("|"))).expect("lexicon pattern")
}

/// The learned weights by feature name, with the region's settings.
struct Weights {
    by_feature: FxHashMap<&'static str, f32>,
    bias: f32,
    /// Score above which a block counts for the body region.
    region: f32,
    /// Score below which a block inside the region is dropped.
    drop: f32,
}

static WEIGHTS: LazyLock<Weights> = LazyLock::new(|| {
    let by_feature = crate::weights::parse(include_str!("../../data/block-weights.tsv"));
    let get = |k: &str, default: f32| by_feature.get(k).copied().unwrap_or(default);
    Weights {
        bias: get("bias", 0.0),
        region: get("@region", 0.0),
        drop: get("@drop", -2.0),
        by_feature,
    }
});

/// What is measured on one block.
#[derive(Clone, Debug, Default)]
struct Measure {
    words: usize,
    stop_share: f32,
    cap_share: f32,
    end: &'static str,
    indent: usize,
    lines: usize,
    role: &'static str,
    repeated: bool,
    /// Mean word length in characters.
    word_len: f32,
    /// Sentence ends inside the block.
    sentences: usize,
    markup: Vec<&'static str>,
    /// The block opens what follows the article (comments, related stories).
    end_marker: bool,
    /// Lower-cased words: all of a short block's, the first of a long one's.
    vocabulary: Vec<String>,
    /// Capitalized words in a row at the start (words without letters
    /// aside), up to [`TITLE_RUN`]: a teaser opens with its title.
    title_run: usize,
}

/// The longest opening run of capitalized words counted.
const TITLE_RUN: usize = 8;

/// Texts with fewer classified blocks are kept whole.
const MIN_PAGE_BLOCKS: usize = 4;

/// Blocks of at most this many words contribute all their words as features.
const SHORT: usize = 6;

fn role_name(role: &Role) -> &'static str {
    match role {
        Role::Paragraph => "paragraph",
        Role::Bullet => "bullet",
        Role::Heading => "heading",
        Role::Credit | Role::Caption | Role::CaptionLabel => "caption",
        Role::Dropped => "meta",
    }
}

fn measure(text: &str, piece: &Piece, function_words: &FunctionWords) -> Measure {
    let content = &text[piece.range.clone()];
    let mut m = Measure {
        role: role_name(&piece.role),
        lines: piece.lines,
        ..Measure::default()
    };
    m.indent = piece.indent(text);
    let (mut stops, mut caps, mut chars) = (0usize, 0usize, 0usize);
    // One buffer for every word's lower case: this runs over the whole text.
    let mut lower = String::new();
    m.title_run = title_run(content);
    for raw in measured_words(content) {
        if raw.ends_with(SENTENCE_ENDS) {
            m.sentences += 1;
        }
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        m.words += 1;
        chars += w.chars().count();
        lower.clear();
        if w.is_ascii() {
            lower.push_str(w);
            lower.make_ascii_lowercase();
        } else {
            lower.push_str(&w.to_lowercase());
        }
        if function_words.contains(&lower) {
            stops += 1;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        }
        if m.vocabulary.len() < SHORT {
            m.vocabulary.push(lower.clone());
        }
    }
    if m.words > SHORT {
        m.vocabulary.truncate(1);
    }
    if m.words > 0 {
        m.word_len = chars as f32 / m.words as f32;
        m.stop_share = stops as f32 / m.words as f32;
        m.cap_share = caps as f32 / m.words as f32;
    }
    m.end = end_of(content);
    let checks: [(&'static str, bool); 6] = [
        ("bold", content.contains("**")),
        ("link", content.contains("](") || content.starts_with('[')),
        ("pipe", content.contains(" | ")),
        ("image", content.starts_with("![")),
        ("emphasis", content.starts_with('_') && content.ends_with('_')),
        ("copyright", content.contains('©')),
    ];
    let bare = content
        .trim_start_matches(['#', '*', '_', '>', ' '])
        .trim_end_matches(['*', '_', ' ']);
    m.end_marker = m.words <= 12 && END_MARKER.is_match(bare);
    m.markup = checks.iter().filter(|(_, on)| *on).map(|(n, _)| *n).collect();
    m
}

/// The markdown heading level of the piece starting at `start` ("# Title"
/// is 1; 0 when its line has no `#` marks).
fn heading_level(text: &str, start: usize) -> usize {
    super::paragraphs::line_lead(text, start)
        .trim_start()
        .bytes()
        .take_while(|&b| b == b'#')
        .count()
}

/// Capitalized words in a row at the start of `content` (words without
/// letters aside), up to [`TITLE_RUN`].
fn title_run(content: &str) -> usize {
    let mut run = 0;
    for raw in content.split_whitespace() {
        if run == TITLE_RUN {
            break;
        }
        match raw.chars().find(|c| c.is_alphabetic()) {
            Some(c) if c.is_uppercase() => run += 1,
            Some(_) => break,
            None => {}
        }
    }
    run
}

/// A title run as a feature value.
fn title_run_bucket(n: usize) -> &'static str {
    match n {
        0..=2 => "0-2",
        3..=4 => "3-4",
        5..=6 => "5-6",
        _ => "7+",
    }
}

/// Marks that end a sentence, the full-width ones of Chinese and Japanese
/// too.
const SENTENCE_ENDS: [char; 6] = ['.', '!', '?', '。', '！', '？'];

/// Whether a character belongs to a script written without spaces between
/// words (Chinese characters, Japanese kana, and their punctuation).
fn spaceless(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff01}'..='\u{ff60}')
}

/// The words of a text as its measures count them: the runs between
/// spaces, except that each character of a script written without spaces
/// counts as a word, so that a paragraph of Chinese or Japanese reads as
/// the running text it is rather than as one long word.
pub(crate) fn measured_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .flat_map(|token| SpacelessSplit { rest: token })
}

/// Splits a token at every character of a script written without spaces.
struct SpacelessSplit<'a> {
    rest: &'a str,
}

impl<'a> Iterator for SpacelessSplit<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let first = self.rest.chars().next()?;
        let end = if spaceless(first) {
            first.len_utf8()
        } else if self.rest.is_ascii() {
            self.rest.len()
        } else {
            self.rest
                .char_indices()
                .find(|&(_, c)| spaceless(c))
                .map_or(self.rest.len(), |(i, _)| i)
        };
        let (word, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(word)
    }
}

/// How a block ends: `stop`, `colon`, `comma`, `word` or `other`.
pub(crate) fn end_of(content: &str) -> &'static str {
    let trimmed = content.trim_end_matches([
        '"', '\'', '”', '’', ')', ']', '*', '_', ' ', '\\', '」', '』', '）',
    ]);
    match trimmed.chars().last() {
        Some('.' | '!' | '?' | '…' | '。' | '！' | '？') => "stop",
        Some(':') => "colon",
        Some(',' | ';') => "comma",
        Some(c) if c.is_alphanumeric() => "word",
        _ => "other",
    }
}

/// A block's word count as a feature value.
pub(crate) fn words_bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4-5",
        6..=9 => "6-9",
        10..=19 => "10-19",
        20..=39 => "20-39",
        40..=79 => "40-79",
        _ => "80+",
    }
}

/// A share (0 to 1) in tenths, as a feature value; 0.5 and over are one.
pub(crate) fn share_bucket(x: f32) -> &'static str {
    match (x * 10.0) as u32 {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        _ => "5+",
    }
}

fn indent_bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1..=4 => "1-4",
        5..=8 => "5-8",
        9..=12 => "9-12",
        _ => "13+",
    }
}

/// What is known of the page around each block.
struct Page<'a> {
    blocks: &'a [Measure],
    /// Where each block starts, and the text's length.
    starts: Vec<usize>,
    total: usize,
    /// The block with the most words.
    longest: usize,
    /// Whether what follows the article has begun at or before each block.
    after_end: Vec<bool>,
    /// Whether a heading that opens what follows an article (comments,
    /// related stories) stands at or before each block, after running text.
    after_end_heading: Vec<bool>,
    /// The first first-level heading (`# Title`): a converter's mark of
    /// the page's title, which the article follows.
    first_title: Option<usize>,
    /// The first commenter's line after running text (a block of 20 words
    /// or more ending a sentence; see [`comment_header`]): the comments,
    /// which follow the article.
    comments: Option<usize>,
}

impl<'a> Page<'a> {
    /// Measures the page around `blocks` (the measures of `items`).
    fn new(text: &str, blocks: &'a [Measure], items: &[Piece]) -> Self {
        let longest = blocks
            .iter()
            .enumerate()
            .max_by_key(|(j, b)| (b.words, std::cmp::Reverse(*j)))
            .map_or(0, |(j, _)| j);
        let mut after_end = Vec::with_capacity(blocks.len());
        let mut after_end_heading = Vec::with_capacity(blocks.len());
        let (mut ended, mut heading_ended, mut text_seen) = (false, false, false);
        let mut comments = None;
        for (j, b) in blocks.iter().enumerate() {
            // The first commenter's line after running text.
            if comments.is_none()
                && text_seen
                && comment_header(
                    &text[items[j].range.clone()],
                    items.get(j + 1).map(|n| &text[n.range.clone()]),
                )
            {
                comments = Some(j);
            }
            // Such links sit in menus too; what follows the article comes
            // after its longest block, or as a heading after running text
            // (a comment thread can outgrow a short post).
            ended |= b.end_marker && j > longest;
            heading_ended |= b.end_marker && text_seen && b.role == "heading";
            text_seen |= b.words >= 20 && b.end == "stop";
            after_end.push(ended);
            after_end_heading.push(heading_ended);
        }
        let first_title = (0..blocks.len()).find(|&j| heading_level(text, items[j].range.start) == 1);
        Page {
            comments,
            blocks,
            starts: items.iter().map(|p| p.range.start).collect(),
            total: text.len(),
            first_title,
            longest,
            after_end,
            after_end_heading,
        }
    }
}

/// Most words a commenter's line has before its verb.
const COMMENT_HEADER_WORDS: usize = 16;

/// Whether a line heads a reader's comment, as blog and news sites print
/// them (with list markers and emphasis): `Name on September 12, 2018 at
/// 4:47 pm said:`, or `Name says:` over a line that is only its date. A
/// line that brings on a quotation (`He said:`) has neither a time nor a
/// date under it.
fn comment_header(line: &str, next: Option<&str>) -> bool {
    let line = line.trim_end();
    let Some(head) = ["said:", "says:", "wrote:"]
        .iter()
        .find_map(|verb| line.strip_suffix(verb))
    else {
        return false;
    };
    let words = head.split_whitespace().count();
    if words == 0 || words > COMMENT_HEADER_WORDS {
        return false;
    }
    static TIMED: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\bon\b.*\d\d?:\d\d").expect("comment time"));
    TIMED.is_match(head)
        || next.is_some_and(|n| n.split_whitespace().count() <= 8 && super::dates::date_line(n.trim()))
}

/// Emits the features of block `i` (`name=value` strings).
fn features(page: &Page, i: usize, emit: &mut dyn FnMut(&str)) {
    let blocks = page.blocks;
    let m = &blocks[i];
    let mut buf = String::with_capacity(48);
    let mut put = |buf: &mut String, args: std::fmt::Arguments| {
        buf.clear();
        let _ = buf.write_fmt(args);
        emit(buf);
    };
    let words = words_bucket(m.words);
    put(&mut buf, format_args!("role={}", m.role));
    put(&mut buf, format_args!("words={words}"));
    put(&mut buf, format_args!("role+words={}+{words}", m.role));
    put(&mut buf, format_args!("end={}", m.end));
    put(&mut buf, format_args!("end+words={}+{words}", m.end));
    if m.words >= 3 {
        put(&mut buf, format_args!("stops={}", share_bucket(m.stop_share)));
        put(&mut buf, format_args!("caps={}", share_bucket(m.cap_share / 2.0)));
    } else {
        put(&mut buf, format_args!("stops=short"));
    }
    put(&mut buf, format_args!("indent={}", indent_bucket(m.indent)));
    put(&mut buf, format_args!("lines={}", m.lines.min(3)));
    put(&mut buf, format_args!("repeated={}", m.repeated));
    for mk in &m.markup {
        put(&mut buf, format_args!("markup={mk}"));
    }
    for w in &m.vocabulary {
        put(&mut buf, format_args!("w={w}"));
    }
    let position = page.starts[i] * 10 / page.total.max(1);
    put(&mut buf, format_args!("position={position}"));
    put(
        &mut buf,
        format_args!("word_len={}", (m.word_len.round() as usize).clamp(2, 9)),
    );
    put(&mut buf, format_args!("sentences={}", m.sentences.min(5)));
    if m.words >= 10 {
        put(
            &mut buf,
            format_args!("title_run={}", title_run_bucket(m.title_run)),
        );
    }
    // Where the longest block is: the article is around it.
    let longest = page.longest;
    let distance = match i.abs_diff(longest) {
        0 => "0",
        1..=2 => "1-2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        _ => "21+",
    };
    let side = if i < longest { "before" } else { "after" };
    put(&mut buf, format_args!("longest={side}+{distance}"));
    put(&mut buf, format_args!("after_end={}", page.after_end[i]));
    put(
        &mut buf,
        format_args!("after_end_heading={}", page.after_end_heading[i]),
    );
    // The neighbours: running text comes in runs.
    for (name, j) in [
        ("p1", i.checked_sub(1)),
        ("p2", i.checked_sub(2)),
        ("n1", Some(i + 1)),
        ("n2", Some(i + 2)),
    ] {
        match j.and_then(|j| blocks.get(j)) {
            Some(n) => {
                put(&mut buf, format_args!("{name}:words={}", words_bucket(n.words)));
                put(&mut buf, format_args!("{name}:end={}", n.end));
                put(&mut buf, format_args!("{name}:role={}", n.role));
            }
            None => put(&mut buf, format_args!("{name}:none")),
        }
    }
    // Body-like blocks within five on each side.
    let lo = i.saturating_sub(5);
    let hi = (i + 6).min(blocks.len());
    let run = blocks[lo..hi]
        .iter()
        .filter(|b| b.words >= 10 && b.end == "stop")
        .count();
    put(&mut buf, format_args!("around={run}"));
}

/// Function words of a page, whatever its language: the English ones and
/// the page's own, its most frequent short lower-case words.
pub(crate) struct FunctionWords(FxHashSet<String>);

impl FunctionWords {
    /// The function words of a page of `blocks`.
    pub(crate) fn new<'a>(blocks: impl Iterator<Item = &'a str>) -> FunctionWords {
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        for block in blocks {
            for w in measured_words(block) {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                let short = (1..=4).contains(&w.chars().count());
                // A Chinese or Japanese character has no case; the most
                // frequent ones are particles and endings.
                if short && w.chars().all(|c| c.is_lowercase() || spaceless(c)) {
                    *counts.entry(w).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        FunctionWords(ranked.into_iter().take(16).map(|(w, _)| w.to_string()).collect())
    }

    /// Whether a lower-case word is one.
    pub(crate) fn contains(&self, lower: &str) -> bool {
        STOP_WORDS.contains(lower) || self.0.contains(lower)
    }
}

/// Which blocks have the same words as another block of the text.
fn repeated_blocks(text: &str, items: &[Piece]) -> Vec<bool> {
    let mut counts: FxHashMap<u64, usize> = FxHashMap::default();
    let keys: Vec<Option<u64>> = items.iter().map(|p| key(&text[p.range.clone()])).collect();
    for k in keys.iter().flatten() {
        *counts.entry(*k).or_default() += 1;
    }
    keys.iter()
        .map(|k| k.is_some_and(|k| counts.get(&k).is_some_and(|&n| n > 1)))
        .collect()
}

/// A key for repeated blocks: the hash of their lower-case words, none
/// for a block without words.
fn key(text: &str) -> Option<u64> {
    let mut h = FxHasher::default();
    let mut any = false;
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if !w.is_empty() {
            any = true;
            h.write_u8(b' ');
            for c in w.chars().flat_map(char::to_lowercase) {
                h.write_u32(c as u32);
            }
        }
    }
    any.then(|| h.finish())
}

/// Which pieces may be article text and are classified.
fn classified(role: &Role) -> bool {
    matches!(role, Role::Paragraph | Role::Bullet | Role::Heading)
}

/// Classifies the pieces of a page: those outside the article's region
/// (and those inside it scored far below the line) become dropped. Returns
/// each piece's class and score, with its features when `explain` is set.
pub(super) fn classify(text: &str, items: &mut [Piece], explain: bool) -> Classified {
    // A text of a few blocks is an article, not a page to cut; so is a
    // text without the marks a page leaves (menus, boilerplate lines,
    // converter markup, repeated blocks), however list-like its lines:
    // results tables and lists of names are the article's own text.
    let few = items.iter().filter(|p| classified(&p.role)).count() < MIN_PAGE_BLOCKS;
    let marks = if few { 0 } else { page_marks(text, items) };
    // Repeated blocks count only besides another mark (or for --blocks).
    let repeated = if explain || marks > 0 {
        repeated_blocks(text, items)
    } else {
        vec![false; items.len()]
    };
    let page_like = marks > 0 && marks + repeated.iter().filter(|r| **r).count() >= PAGE_MARKS;
    if !page_like && !explain {
        // Nothing to cut, and no one asked for the blocks' scores.
        return Classified::new(Vec::new(), None);
    }
    let function_words = FunctionWords::new(items.iter().map(|p| &text[p.range.clone()]));
    let mut blocks: Vec<Measure> = items.iter().map(|p| measure(text, p, &function_words)).collect();
    for (b, r) in blocks.iter_mut().zip(&repeated) {
        b.repeated = *r;
    }
    let page = Page::new(text, &blocks, items);
    let w = &*WEIGHTS;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let mut score = w.bias;
        let mut names = Vec::new();
        features(&page, i, &mut |f| {
            score += w.by_feature.get(f).copied().unwrap_or(0.0);
            if explain {
                names.push(f.to_string());
            }
        });
        out.push(PageBlock {
            range: item.range.clone(),
            class: class_of(&item.role),
            score,
            features: names,
            source: None,
        });
    }
    if !page_like {
        return Classified::new(out, None);
    }
    // The article follows the page's title: where a converter marked it
    // as a first-level heading, nothing before it joins the body.
    // Nor does anything from the first reader's comment on.
    let in_article = |i: usize| page.first_title.is_none_or(|t| i > t) && page.comments.is_none_or(|c| i < c);
    if explain {
        if let Some(t) = page.first_title {
            out[t].features.push(TITLE_HEADING_MARK.to_string());
        }
        if let Some(c) = page.comments {
            out[c].features.push(COMMENTS_MARK.to_string());
        }
    }
    let gains = |line: f32| -> Vec<f32> {
        (0..items.len())
            .map(|i| {
                if classified(&items[i].role) && in_article(i) {
                    (out[i].score - line) * ((blocks[i].words + 1) as f32).sqrt()
                } else {
                    0.0
                }
            })
            .collect()
    };
    let mut drop = w.drop;
    let mut region = best_region(&gains(w.region));
    if region.is_empty() {
        // Nothing above the line: the page's best-scored stretch all the
        // same, measured from its best block of running text.
        let best = |min_words: usize| {
            (0..items.len())
                .filter(|&i| classified(&items[i].role) && in_article(i) && blocks[i].words >= min_words)
                .map(|i| out[i].score)
                .fold(None, |m: Option<f32>, s| Some(m.map_or(s, |m| m.max(s))))
        };
        let top = best(10).or_else(|| best(1));
        if let Some(top) = top {
            region = best_region(&gains(top - 1.0));
            drop = drop.min(top - 3.0);
        }
    }
    keep_region(items, &mut out, &region, drop);
    let first_body = (0..items.len()).find(|&i| region.contains(&i) && items[i].role == Role::Paragraph);
    // Only a text cut out of a page has its headline among the page's
    // lines; an article's first line stays its headline.
    let cut = first_body.filter(|&first| (0..first).any(|i| out[i].class == BlockClass::Boilerplate));
    let found = cut.and_then(|first| {
        let body = opening_words(text, &out, &function_words);
        headline(text, &blocks, &mut out, first, &body, &function_words, explain).map(|(i, h)| (i, first, h))
    });
    let echo = found.as_ref().and_then(|(at, first, title)| {
        let key = super::roles::comparable(text, title);
        drop_title_repeats(text, items, &mut out, *first, &key);
        title_echo(text, items, *at, &key)
    });
    trim_edges(text, &page, region, items, &mut out, explain);
    drop_edge_pieces(text, &blocks, items, &mut out);
    join_source_note(text, &page, items, &mut out, explain);
    start_at_dateline(text, items, &mut out, explain);
    let found = found.map(|(at, first, h)| (at, top_end(items, at, first), h));
    Classified {
        echo,
        ..Classified::new(out, found)
    }
}

/// Drops the classified pieces outside the body's `region` or scored
/// below `drop` inside it; on a page, the list items and subheads kept
/// after the body's first paragraph become paragraphs.
fn keep_region(items: &mut [Piece], out: &mut [PageBlock], region: &std::ops::Range<usize>, drop: f32) {
    // A page: some of its blocks fall outside the article.
    let page_cut = (0..items.len()).any(|i| classified(&items[i].role) && !region.contains(&i));
    let mut body_started = false;
    for i in 0..items.len() {
        if !classified(&items[i].role) {
            continue;
        }
        if !region.contains(&i) || out[i].score < drop {
            items[i].role = Role::Dropped;
            out[i].class = BlockClass::Boilerplate;
            continue;
        }
        // On a page, list items and subheads after the first paragraph are
        // the story's own text (the page's article body has them); before
        // it, bullets are its summary.
        if items[i].role == Role::Paragraph {
            body_started = true;
        } else if body_started && page_cut {
            items[i].role = Role::Paragraph;
            out[i].class = BlockClass::Body;
        }
    }
}

/// Where the top under the headline's piece `at` ends: at the body's
/// first paragraph `first`, or past it at the first paragraph left after
/// the body's ends were trimmed (a date line scored into the region and
/// trimmed off it is the article's).
fn top_end(items: &[Piece], at: usize, first: usize) -> usize {
    (at + 1..items.len())
        .find(|&i| items[i].role == Role::Paragraph)
        .map_or(first, |f| f.max(first))
}

/// How many pieces after a page's first statement of its title may hold
/// the byline and date (see [`title_echo`]).
const ECHO_REACH: usize = 3;

/// The pieces right after an earlier statement of the title (of
/// [`comparable`](super::roles::comparable) form `key`) than the
/// headline's piece `at`: a page may state its title twice, with the
/// byline and date under the first and a photo gallery between them and
/// the second, which is the one found just before the body.
fn title_echo(text: &str, items: &[Piece], at: usize, key: &str) -> Option<std::ops::Range<usize>> {
    let j = (0..at)
        .rev()
        .find(|&j| super::roles::restates(text, &items[j].range, key))?;
    Some(j + 1..(j + 1 + ECHO_REACH).min(at))
}

/// Drops the blocks at the ends of the body (the region's paragraphs) that
/// the edge model scores below its line (see [`edges`]).
fn trim_edges(
    text: &str,
    page: &Page,
    region: std::ops::Range<usize>,
    items: &mut [Piece],
    out: &mut [PageBlock],
    explain: bool,
) {
    let w = &*WEIGHTS;
    let body: Vec<usize> = (0..items.len())
        .filter(|&i| region.contains(&i) && items[i].role == Role::Paragraph)
        .collect();
    let trimmed = edges::trim(
        &body,
        &EdgeInputs {
            score: &|i| out[i].score,
            letters: &|i| text[items[i].range.clone()].chars().any(char::is_alphabetic),
            features: &|i, emit| features(page, i, emit),
            weight: &|f| w.by_feature.get(f).copied().unwrap_or(0.0),
        },
    );
    for i in trimmed {
        drop_marked(items, out, i, edges::TRIMMED, explain);
    }
}

/// Drops the pieces opening the body that state the headline's title
/// (of comparable form `key`) again (a page may repeat it under a photo
/// gallery): the title is the record's headline, not a paragraph. Further
/// in, the same words may be the title of a video the story embeds, which
/// the published body has.
fn drop_title_repeats(text: &str, items: &mut [Piece], out: &mut [PageBlock], first: usize, key: &str) {
    for i in first..items.len().min(first + TITLE_REPEAT_REACH) {
        if items[i].role == Role::Paragraph && super::roles::restates(text, &items[i].range, key) {
            items[i].role = Role::Dropped;
            out[i].class = BlockClass::Boilerplate;
        }
    }
}

/// How many pieces from the body's first may repeat the title.
const TITLE_REPEAT_REACH: usize = 3;

/// Drops what cannot open or close the body: a piece without a letter at
/// either end (an ellipsis, a row of asterisks, a share count, a
/// gallery's counter `1 / 23`), and subheads at its end: a subhead leads
/// into text, and one with no body text after it is the page's ("Paid
/// Content", "More on this story").
fn drop_edge_pieces(text: &str, blocks: &[Measure], items: &mut [Piece], out: &mut [PageBlock]) {
    let letterless = |p: &Piece| !text[p.range.clone()].chars().any(char::is_alphabetic);
    for i in 0..items.len() {
        if items[i].role != Role::Paragraph {
            continue;
        }
        if !letterless(&items[i]) {
            break;
        }
        items[i].role = Role::Dropped;
        out[i].class = BlockClass::Boilerplate;
    }
    for i in (0..items.len()).rev() {
        if items[i].role != Role::Paragraph {
            continue;
        }
        if blocks[i].role != "heading" && !letterless(&items[i]) {
            break;
        }
        items[i].role = Role::Dropped;
        out[i].class = BlockClass::Boilerplate;
    }
}

/// Drops the piece `i`, with `mark` among its features when the blocks are
/// explained (`--blocks`): the mark says which rule dropped it.
fn drop_marked(items: &mut [Piece], out: &mut [PageBlock], i: usize, mark: &str, explain: bool) {
    items[i].role = Role::Dropped;
    out[i].class = BlockClass::Boilerplate;
    if explain {
        out[i].features.push(mark.to_string());
    }
}

/// Among how many of the body's first paragraphs a dateline is looked for.
const DATELINE_REACH: usize = 4;

/// The feature `--blocks` shows on a paragraph dropped before the dateline.
const BEFORE_DATELINE_MARK: &str = "before=dateline";

/// Starts the body at its dateline (`BUFFALO, N.Y. —`, `WASHINGTON (AP)
/// —`) when one of its first few paragraphs opens with one: a story is
/// datelined in its first paragraph, so the paragraphs kept before it
/// (a gallery's counter, a teaser, a credit) are the page's.
fn start_at_dateline(text: &str, items: &mut [Piece], out: &mut [PageBlock], explain: bool) {
    let first: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].role == Role::Paragraph)
        .take(DATELINE_REACH)
        .collect();
    let Some(k) = first
        .iter()
        .position(|&i| super::dates::dateline(&text[items[i].range.clone()]).is_some())
    else {
        return;
    };
    for &i in &first[..k] {
        drop_marked(items, out, i, BEFORE_DATELINE_MARK, explain);
    }
}

/// How many pieces after the body's last paragraph a source note may stand.
const NOTE_REACH: usize = 6;

/// The most words of a source note.
const NOTE_WORDS: usize = 25;

/// Among how many of the body's last paragraphs a source note ends it.
const NOTE_TAIL: usize = 3;

/// The feature `--blocks` shows on a paragraph dropped after the source note.
const AFTER_NOTE_MARK: &str = "after=note";

/// The feature `--blocks` shows on a source note joined to the body.
const NOTE_MARK: &str = "note=source";

/// Ends the body at its source note, the line saying where the article
/// first appeared ("Originally published on ...", "This article has been
/// adapted from its original source."): a syndicated story's last line,
/// which the published body has. One among the body's last paragraphs
/// drops the paragraphs kept after it (a syndicator's credit); one soon
/// after the body joins it, though the page may set a list of related
/// links between them.
fn join_source_note(text: &str, page: &Page, items: &mut [Piece], out: &mut [PageBlock], explain: bool) {
    let note = |i: usize| {
        let b = &page.blocks[i];
        b.role == "paragraph" && b.words <= NOTE_WORDS && source_note(&text[items[i].range.clone()])
    };
    let tail: Vec<usize> = (0..items.len())
        .rev()
        .filter(|&i| items[i].role == Role::Paragraph)
        .take(NOTE_TAIL)
        .collect();
    let Some(&last) = tail.first() else {
        return;
    };
    if let Some(k) = tail.iter().position(|&i| note(i)) {
        for &i in &tail[..k] {
            drop_marked(items, out, i, AFTER_NOTE_MARK, explain);
        }
        return;
    }
    let reach = (last + 1 + NOTE_REACH)
        .min(page.comments.unwrap_or(items.len()))
        .min(items.len());
    if let Some(i) = (last + 1..reach).find(|&i| note(i)) {
        items[i].role = Role::Paragraph;
        out[i].class = BlockClass::Body;
        if explain {
            out[i].features.push(NOTE_MARK.to_string());
        }
    }
}

/// Whether a block, after its opening markup, says where the article first
/// appeared. One with a digit is a date stamp ("First published on
/// November 19, 2019").
fn source_note(block: &str) -> bool {
    !block.contains(|c: char| c.is_ascii_digit())
        && SOURCE_NOTE.is_match(block.trim_start_matches(|c: char| !c.is_alphanumeric()))
}

/// Marks that make a page, repeated blocks included (see [`page_marks`]).
const PAGE_MARKS: usize = 2;

/// Short list items in a row that make a menu.
const MENU_ITEMS: usize = 4;

/// The marks a saved page leaves around an article, up to
/// [`PAGE_MARKS`]: furniture lines ("Advertisement", "Home | News |
/// Sport"), menus (runs of short list items), converter markup (links,
/// images, bold, `#` headings). Articles, even all-list ones, have none.
/// Blocks repeated on the page add to them, but articles repeat lines too
/// (the subheads of a results table), so repetition alone is no mark.
fn page_marks(text: &str, items: &[Piece]) -> usize {
    // A menu: a run of short list items without sentences.
    let mut marks = 0;
    let mut run = 0;
    for p in items {
        let content = &text[p.range.clone()];
        let short = || {
            content
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .nth(4)
                .is_none()
        };
        if p.role == Role::Bullet && end_of(content) != "stop" && short() {
            run += 1;
            if run == MENU_ITEMS {
                marks += 1;
            }
        } else {
            run = 0;
        }
    }
    // Markdown headings are one mark however many: articles have subheads.
    let mut heading = false;
    for line in text.lines() {
        if marks >= PAGE_MARKS {
            break;
        }
        let line = line.trim();
        if line.starts_with("# ") || line.starts_with("## ") {
            marks += usize::from(!heading);
            heading = true;
            continue;
        }
        let markup = line.contains("](") || line.starts_with("![") || line.contains("**");
        if markup || super::lines::furniture(line) {
            marks += 1;
        }
    }
    marks.min(PAGE_MARKS)
}

/// The blocks of a page with their classes, and the headline read from
/// the page when the body was cut out of one.
pub(super) struct Classified {
    /// Every piece's class, score and features.
    pub blocks: Vec<PageBlock>,
    /// The article's title found before the body.
    pub headline: Option<std::ops::Range<usize>>,
    /// The pieces between the headline and the body's first paragraph:
    /// where a page states the article's date and byline, which the
    /// classifier may count as page furniture.
    pub top: std::ops::Range<usize>,
    /// The piece just before the headline, where some pages state the
    /// date.
    pub above: Option<usize>,
    /// The pieces under an earlier statement of the headline's title,
    /// where a page that states it twice has the byline and date.
    pub echo: Option<std::ops::Range<usize>>,
}

impl Classified {
    /// The blocks with the headline found, if any: the headline's piece,
    /// the body's first piece and the title's range.
    fn new(blocks: Vec<PageBlock>, found: Option<(usize, usize, std::ops::Range<usize>)>) -> Self {
        match found {
            Some((at, first, headline)) => Classified {
                blocks,
                headline: Some(headline),
                top: at + 1..first,
                above: at.checked_sub(1),
                echo: None,
            },
            None => Classified {
                blocks,
                headline: None,
                top: 0..0,
                above: None,
                echo: None,
            },
        }
    }
}

/// How many pieces before the body may hold the headline.
const HEADLINE_REACH: usize = 30;

/// How many words of the body a headline candidate is compared with.
const BODY_WORDS: usize = 300;

/// The lower-case content words (not function words) among `words`.
fn content_words<'t>(
    words: impl Iterator<Item = &'t str> + 't,
    function_words: &'t FunctionWords,
) -> impl Iterator<Item = String> + 't {
    words
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(move |w| w.chars().count() >= 3 && !function_words.contains(w))
}

/// The content words of the body's opening: a title shares words with the
/// story it heads, where a menu item or a teaser for another story does
/// not.
fn opening_words(text: &str, out: &[PageBlock], function_words: &FunctionWords) -> FxHashSet<String> {
    let words = out
        .iter()
        .filter(|b| b.class == BlockClass::Body)
        .flat_map(|b| text[b.range.clone()].split_whitespace())
        .take(BODY_WORDS);
    content_words(words, function_words).collect()
}

/// The share of a candidate's content words found in the body, bucketed.
fn overlap_bucket(candidate: &str, body: &FxHashSet<String>, function_words: &FunctionWords) -> &'static str {
    let (mut n, mut found) = (0usize, 0usize);
    for w in content_words(candidate.split_whitespace(), function_words) {
        n += 1;
        found += usize::from(body.contains(&w));
    }
    match (n, found * 3) {
        (0, _) => "none",
        (_, 0) => "0",
        (n, f) if f < n => "low",
        (n, f) if f < 2 * n => "mid",
        _ => "high",
    }
}

/// A headline candidate's indentation against the body's first block's:
/// converters that keep a page's indentation (inscriptis) set a title as
/// far in as the body and captions further; "flat" where neither is
/// indented (html2text), which says nothing.
fn indent_against_body(candidate: usize, body: usize) -> &'static str {
    match candidate.cmp(&body) {
        _ if candidate == 0 && body == 0 => "flat",
        std::cmp::Ordering::Less => "less",
        std::cmp::Ordering::Equal => "same",
        std::cmp::Ordering::Greater => "more",
    }
}

/// The page's headline: of the pieces shortly before the body, the one
/// that reads most like a title (learned weights under `h:`). Its features
/// join the block's when `explain` is set.
fn headline(
    text: &str,
    blocks: &[Measure],
    out: &mut [PageBlock],
    first_body: usize,
    body: &FxHashSet<String>,
    function_words: &FunctionWords,
    explain: bool,
) -> Option<(usize, std::ops::Range<usize>)> {
    let w = &*WEIGHTS;
    let mut best: Option<(f32, usize)> = None;
    let page_words = lower_words(text);
    let fits = |i: usize| {
        (2..=30).contains(&blocks[i].words) && matches!(blocks[i].role, "heading" | "paragraph" | "meta")
    };
    let level_of = |i: usize| heading_level(text, out[i].range.start);
    let reach = first_body.saturating_sub(HEADLINE_REACH);
    // A first-level heading with a stamp (a byline or a date) right under
    // it is a candidate however far before the body it stands: a page may
    // set a gallery or a video's playlist between its title and its text.
    let signed = |i: usize| {
        out.get(i + 1)
            .is_some_and(|next| stamp(text[next.range.clone()].trim()))
    };
    // Each candidate with its heading level.
    let candidates: Vec<(usize, usize)> = (0..reach)
        .filter(|&i| fits(i) && blocks[i].role == "heading")
        .map(|i| (i, level_of(i)))
        .filter(|&(i, level)| level == 1 && signed(i))
        .chain((reach..first_body).filter(|&i| fits(i)).map(|i| (i, level_of(i))))
        .collect();
    let top_level = candidates.iter().map(|&(_, l)| l).filter(|&l| l > 0).min();
    for (rank, &(i, level)) in candidates.iter().rev().enumerate() {
        let m = &blocks[i];
        let mut score = w.by_feature.get("h:bias").copied().unwrap_or(0.0);
        let title_case = text[out[i].range.clone()]
            .split_whitespace()
            .filter(|w| w.chars().count() > 3)
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
        let distance = match first_body - i {
            1 => "1",
            2 => "2",
            3..=4 => "3-4",
            5..=8 => "5-8",
            _ => "9+",
        };
        let words = words_bucket(m.words);
        let features = [
            format!(
                "h:indent={}",
                indent_against_body(m.indent, blocks[first_body].indent)
            ),
            format!("h:role={}", m.role),
            format!("h:words={words}"),
            format!("h:end={}", m.end),
            format!("h:end+words={}+{words}", m.end),
            format!("h:caps={}", share_bucket(m.cap_share / 2.0)),
            format!("h:stops={}", share_bucket(m.stop_share)),
            format!("h:level={level}"),
            format!("h:repeated={}", m.repeated),
            format!("h:distance={distance}"),
            format!("h:lines={}", m.lines.min(3)),
            format!("h:rank={}", rank.min(4)),
            format!("h:top_level={}", level > 0 && Some(level) == top_level),
            format!("h:title_case={title_case}+{words}"),
            format!(
                "h:overlap={}",
                overlap_bucket(&text[out[i].range.clone()], body, function_words)
            ),
            format!(
                "h:echoed={}",
                rank < ECHO_LOOKS && echoed(&page_words, &out[i].range, text)
            ),
        ];
        for f in &features {
            score += w.by_feature.get(f.as_str()).copied().unwrap_or(0.0);
        }
        for mk in &m.markup {
            score += w
                .by_feature
                .get(format!("h:markup={mk}").as_str())
                .copied()
                .unwrap_or(0.0);
        }
        if explain {
            out[i].features.extend(features);
            out[i]
                .features
                .extend(m.markup.iter().map(|mk| format!("h:markup={mk}")));
        }
        // A stamp stays among the candidates (their ranks count it) but
        // is never the title.
        let better = best.is_none_or(|(b, _)| score > b);
        if better || explain {
            let stamp = stamp(text[out[i].range.clone()].trim());
            if explain && stamp {
                out[i].features.push(STAMP_MARK.to_string());
            }
            if better && !stamp {
                best = Some((score, i));
            }
        }
    }
    let (_, i) = best?;
    let i = uncut(text, out, &candidates, i);
    out[i].class = BlockClass::Headline;
    Some((i, title_of(text, out[i].range.clone())))
}

/// The words of a page, lower-cased and joined by single spaces, with
/// where each word starts in the joined text and in the page.
struct PageWords {
    /// The words, as UTF-8.
    joined: Vec<u8>,
    /// Byte where each word starts in `joined`.
    at: Vec<usize>,
    /// Byte where each word starts in the page.
    starts: Vec<usize>,
}

/// The words of `text` (runs of letters and digits), ASCII letters
/// lower-cased, one space between them.
fn lower_words(text: &str) -> PageWords {
    let mut words = PageWords {
        joined: Vec::with_capacity(text.len()),
        at: Vec::new(),
        starts: Vec::new(),
    };
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        // Most pages are ASCII: a byte at a time without decoding.
        let (c, len) = if bytes[i].is_ascii() {
            (char::from(bytes[i]), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        let word = c.is_alphanumeric();
        if word && !in_word {
            if !words.joined.is_empty() {
                words.joined.push(b' ');
            }
            words.at.push(words.joined.len());
            words.starts.push(i);
        }
        in_word = word;
        if word && c.is_ascii() {
            words.joined.push(c.to_ascii_lowercase() as u8);
        } else if word {
            // Letters outside ASCII keep their case: scripts without case
            // make most of them, and a title's case seldom changes there.
            words.joined.extend_from_slice(&bytes[i..i + len]);
        }
        i += len;
    }
    words
}

/// How many candidates are looked for elsewhere on the page: each look
/// reads the whole page, so a bound keeps the cost linear.
const ECHO_LOOKS: usize = 64;

/// Whether the words of `range` (four or more) stand elsewhere on the
/// page inside other text: a page repeats its title in share buttons,
/// breadcrumbs and comment headers (`34 responses to “Title”`).
fn echoed(page: &PageWords, range: &std::ops::Range<usize>, text: &str) -> bool {
    let own = lower_words(&text[range.clone()]);
    if own.at.len() < 4 {
        return false;
    }
    // A title glued to the words around it (`Share on TwitterStar Trek
    // eyes ...`) is matched inside them.
    memchr::memmem::find_iter(&page.joined, &own.joined).any(|at| {
        // The word the match starts in.
        let k = page.at.partition_point(|&a| a <= at).saturating_sub(1);
        page.starts.get(k).is_some_and(|s| !range.contains(s))
    })
}

/// The candidate a teaser cut short (`Title heating up, scores twice
/// as…`) at `i` cuts, if there is one, else `i`.
fn uncut(text: &str, out: &[PageBlock], candidates: &[(usize, usize)], i: usize) -> usize {
    let Some(cut) = truncated(&text[out[i].range.clone()]) else {
        return i;
    };
    candidates
        .iter()
        .map(|&(j, _)| j)
        .find(|&j| j != i && text[out[j].range.clone()].trim().starts_with(cut))
        .unwrap_or(i)
}

/// The mark `--blocks` sets on a headline candidate that is a stamp.
const STAMP_MARK: &str = "title=stamp";

/// The mark `--blocks` puts on the page's first first-level heading, before
/// which no block is body.
const TITLE_HEADING_MARK: &str = "title=heading";

/// The mark `--blocks` puts on the first reader's comment, from which on no
/// block is body.
const COMMENTS_MARK: &str = "comments=start";

/// Whether a line is a stamp rather than a title: a date with little
/// around it (`Updated on: November 19, 2019 / 10:07 AM / CBS News`) or a
/// byline (`September 10, 2018 | by Catherine`).
fn stamp(line: &str) -> bool {
    let dated = super::dates::date_in(line).is_some_and(|r| {
        // A day's date, not a month's (`September 2018 open thread`).
        line[r]
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| (1..=2).contains(&n.len()))
    });
    dated || super::byline::is_byline(line) || super::byline::date_and_byline(line).is_some()
}

/// The text before the ellipsis that ends a line cut short, if it is.
fn truncated(line: &str) -> Option<&str> {
    let line = line.trim();
    let cut = line
        .strip_suffix('…')
        .or_else(|| line.strip_suffix("..."))?
        .trim_end();
    (cut.split_whitespace().count() >= 3).then_some(cut)
}

/// The title in a headline block, without what a converter or the page
/// set before it: a breadcrumb trail ("Home > Blog > Title"), an ordered
/// list's number ("3. Title") or a label of page furniture before a colon
/// ("Share All sharing options for: Title").
fn title_of(text: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = r.start;
    // A breadcrumb trail of three steps or more ("Home > Blog > Title"):
    // its last step.
    let whole = &text[r.clone()];
    let steps: Vec<usize> = whole
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '>' | '»')
                && whole[..i].ends_with(char::is_whitespace)
                && whole[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    if steps.len() >= 2 {
        let after = &whole[steps[steps.len() - 1]..];
        start += steps[steps.len() - 1] + (after.len() - after.trim_start().len());
    }
    let s = &text[start..r.end];
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) && s[digits..].starts_with(". ") {
        start += digits + 2;
    }
    let rest = &text[start..r.end];
    if let Some(c) = rest.find(": ") {
        if super::lines::furniture(rest[..c].trim()) && !rest[c + 2..].trim().is_empty() {
            start += c + 2;
        }
    }
    start..r.end
}

/// The stretch with the largest sum of gains (empty when none is positive).
pub(crate) fn best_region(gains: &[f32]) -> std::ops::Range<usize> {
    let (mut best, mut best_range) = (0.0f32, 0..0);
    let (mut sum, mut from) = (0.0f32, 0);
    for (i, g) in gains.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            from = i;
        }
        sum += g;
        if sum > best {
            best = sum;
            best_range = from..i + 1;
        }
    }
    best_range
}

/// The class of a piece by its role.
fn class_of(role: &Role) -> BlockClass {
    match role {
        Role::Paragraph => BlockClass::Body,
        Role::Bullet => BlockClass::Bullet,
        Role::Heading => BlockClass::Heading,
        Role::Credit | Role::Caption | Role::CaptionLabel => BlockClass::Caption,
        Role::Dropped => BlockClass::Meta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_notes() {
        for yes in [
            "_Originally published on_ __Live Science__ _._",
            "**This article was originally published by Futurism. Read the original article.**",
            "This article has been adapted from its original source.",
            "This story first appeared on Grist.",
            "Republished with permission from The Conversation.",
        ] {
            assert!(source_note(yes), "{yes}");
        }
        for no in [
            "First published on November 19, 2019 / 8:16 AM",
            "The findings were first published in the journal Nature.",
            "This article was updated to correct the mayor's title.",
        ] {
            assert!(!source_note(no), "{no}");
        }
    }

    /// One paragraph piece per blank-line block of `text`, each kept as
    /// body.
    fn body_paragraphs(text: &str) -> (Vec<Piece>, Vec<PageBlock>) {
        let mut at = 0;
        let items: Vec<Piece> = text
            .split("\n\n")
            .map(|s| {
                let p = Piece {
                    role: Role::Paragraph,
                    range: at..at + s.len(),
                    lines: 1,
                };
                at += s.len() + 2;
                p
            })
            .collect();
        let out = items
            .iter()
            .map(|p| PageBlock {
                range: p.range.clone(),
                class: BlockClass::Body,
                score: 0.0,
                features: Vec::new(),
                source: None,
            })
            .collect();
        (items, out)
    }

    #[test]
    fn the_body_starts_at_its_dateline() {
        // The roles of a text's paragraphs (one per blank-line block), all
        // kept, after the rule, and the features of the first.
        let run = |text: &str| {
            let (mut items, mut out) = body_paragraphs(text);
            start_at_dateline(text, &mut items, &mut out, true);
            let roles: Vec<Role> = items.iter().map(|p| p.role.clone()).collect();
            (roles, out[0].features.clone())
        };
        let (roles, features) = run("1 / 5\n\nDrone footage of the flooded valley\n\n\
             COLUMBIA, S.C. (AP) — The river crested on Monday.\n\n\
             LONDON — A second line that looks like a dateline.");
        assert_eq!(
            roles,
            [Role::Dropped, Role::Dropped, Role::Paragraph, Role::Paragraph]
        );
        assert_eq!(features, [BEFORE_DATELINE_MARK]);
        // A dateline further in than the first few paragraphs is a quoted
        // story's, or a teaser's: nothing goes.
        let (roles, _) = run("One.\n\nTwo.\n\nThree.\n\nFour.\n\nLONDON — Five.");
        assert!(roles.iter().all(|r| *r == Role::Paragraph));
    }

    #[test]
    fn a_source_note_past_related_links_joins_the_body() {
        let text = "The council voted on Tuesday to keep the ferry running all winter.\n\n\
                    Riders said the service was the only way to reach the mainland.\n\n\
                    12 Ferries Worth the Trip\n\n\
                    Originally published on Harbor Weekly.\n\n\
                    Sign up for the newsletter";
        let (mut items, mut out) = body_paragraphs(text);
        let function_words = FunctionWords::new(items.iter().map(|p| &text[p.range.clone()]));
        let blocks: Vec<Measure> = items.iter().map(|p| measure(text, p, &function_words)).collect();
        let page = Page::new(text, &blocks, &items);
        // The region ended after the second paragraph.
        for i in 2..items.len() {
            items[i].role = Role::Dropped;
            out[i].class = BlockClass::Boilerplate;
        }
        join_source_note(text, &page, &mut items, &mut out, true);
        let kept: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].role == Role::Paragraph)
            .collect();
        assert_eq!(kept, [0, 1, 3]);
        assert_eq!(out[3].class, BlockClass::Body);
        assert_eq!(out[3].features, [NOTE_MARK]);
        // Run again, the note is among the body's last paragraphs: what the
        // body kept after it goes (a syndicator's credit).
        items[4].role = Role::Paragraph;
        out[4].class = BlockClass::Body;
        join_source_note(text, &page, &mut items, &mut out, true);
        let kept: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].role == Role::Paragraph)
            .collect();
        assert_eq!(kept, [0, 1, 3]);
        assert_eq!(out[4].features, [AFTER_NOTE_MARK]);
    }

    #[test]
    fn spaceless_scripts_count_a_word_per_character() {
        let words: Vec<&str> = measured_words("Kindle for PCの設定。 Two words").collect();
        assert_eq!(
            words,
            ["Kindle", "for", "PC", "の", "設", "定", "。", "Two", "words"]
        );
        assert_eq!(end_of("時間を延長しました。"), "stop");
        assert_eq!(end_of("「延長へ」"), "word");
        // The most frequent kana of a Japanese page are its function words.
        let page = ["図書館の時間の延長の話", "市の予算の話"];
        let function_words = FunctionWords::new(page.iter().copied());
        assert!(function_words.contains("の"));
    }

    #[test]
    fn a_title_the_page_repeats_elsewhere_is_echoed() {
        let echo = |page: &str, line: &str| {
            let at = page.find(line).unwrap();
            echoed(&lower_words(page), &(at..at + line.len()), page)
        };
        let title = "Council backs the ferry plan";
        // Repeated in a share button, glued to the button's last word.
        let page = format!("Menu\n\n{title}\n\nBy Ann Lee\n\nShare on TwitterCouncil Backs the Ferry Plan\n");
        assert!(echo(&page, title));
        // Said once only, and a title of three words never counts.
        let page = format!("Menu\n\n{title}\n\nBy Ann Lee\n\nThe council met.\n");
        assert!(!echo(&page, title));
        let page = "Menu\n\nFerry plan passes\n\nFerry plan passes again\n";
        assert!(!echo(page, "Ferry plan passes"));
    }

    #[test]
    fn a_headline_leaves_what_comes_before_its_title() {
        let title = |s: &str| s[title_of(s, 0..s.len())].to_string();
        assert_eq!(title("3. Council backs ferry plan"), "Council backs ferry plan");
        assert_eq!(
            title("1. HOME >\n 2. Blog >\n 3. Council backs ferry plan"),
            "Council backs ferry plan"
        );
        assert_eq!(
            title("Share All sharing options for: Council backs ferry plan"),
            "Council backs ferry plan"
        );
        // A colon inside a title stays, and so does a number that is no list's.
        assert_eq!(
            title("Ferry plan: council says yes"),
            "Ferry plan: council says yes"
        );
        assert_eq!(title("2024 budget passes"), "2024 budget passes");
        assert_eq!(title("Profit > loss at the port"), "Profit > loss at the port");
    }

    #[test]
    fn stamps_are_no_titles() {
        for yes in [
            "Updated on: November 19, 2019 / 10:07 AM / CBS News",
            "September 10, 2018 | by Catherine",
            "By Dana Whitfield | Nov 18, 2019",
        ] {
            assert!(stamp(yes), "{yes}");
        }
        for no in [
            "September 2018 open thread",
            "Harbor City council delays vote on four-day week",
            "2019 Audi e-tron Review: Grading on a Curve",
        ] {
            assert!(!stamp(no), "{no}");
        }
    }

    #[test]
    fn a_teaser_cut_short_gives_its_words() {
        assert_eq!(
            truncated("Zach Parise heating up, scores twice as Wild…"),
            Some("Zach Parise heating up, scores twice as Wild")
        );
        assert_eq!(
            truncated("Council delays the vote ... "),
            Some("Council delays the vote")
        );
        assert_eq!(truncated("Read more…"), None);
        assert_eq!(truncated("Council delays the vote"), None);
    }

    #[test]
    fn a_candidate_is_indented_against_the_body() {
        assert_eq!(indent_against_body(0, 0), "flat");
        assert_eq!(indent_against_body(8, 8), "same");
        assert_eq!(indent_against_body(14, 8), "more");
        assert_eq!(indent_against_body(6, 8), "less");
    }

    #[test]
    fn comment_headers() {
        let date = Some("November 19, 2019 at 6:34 am");
        assert!(comment_header(
            "**Alex Moore** on September 17, 2018 at 6:34 am said: ",
            None
        ));
        assert!(comment_header(
            "Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:",
            None
        ));
        assert!(comment_header("1. thelastchargersfan says:", date));
        assert!(comment_header("**joetoronto** says:", date));
        // Lines that bring on a quotation.
        let quote = Some("\u{201c}We will not stop until the job is done,\u{201d} she said.");
        assert!(!comment_header("He said:", quote));
        assert!(!comment_header("Reporter Jane Doe says:", quote));
        assert!(!comment_header(
            "In a speech on July 4, 2019, the governor said:",
            quote
        ));
        assert!(!comment_header("joetoronto says:", None));
        assert!(!comment_header("said:", date));
        assert!(!comment_header("The comments below are from readers.", date));
    }

    #[test]
    fn title_runs() {
        assert_eq!(
            title_run("Customers Leave Without Paying $690 Bill At Troy Steakhouse Diners left"),
            8
        );
        assert_eq!(title_run("Dr. Joneigh Khaldun of the department said"), 3);
        assert_eq!(title_run("the council said"), 0);
    }

    #[test]
    fn a_title_shares_words_with_its_story() {
        let fw = FunctionWords::new(std::iter::empty());
        let lead = "Police arrested six people Monday during a narcotics investigation.";
        let body: FxHashSet<String> = content_words(lead.split_whitespace(), &fw).collect();
        assert_eq!(
            overlap_bucket("CPD arrests six in drug investigation", &body, &fw),
            "mid"
        );
        assert_eq!(overlap_bucket("Police arrested six", &body, &fw), "high");
        assert_eq!(
            overlap_bucket("Six drug arrests: what the CPD will not say", &body, &fw),
            "low"
        );
        assert_eq!(
            overlap_bucket("Receive the latest updates in your inbox", &body, &fw),
            "0"
        );
        assert_eq!(overlap_bucket("In it", &body, &fw), "none");
    }

    #[test]
    fn subheads_are_one_mark_and_furniture_another() {
        let article = "# Title\n\nText.\n\n## Part one\n\nText.\n\n## Part two\n\nText.\n";
        assert_eq!(page_marks(article, &[]), 1);
        let page = format!("Advertisement\n\n{article}");
        assert_eq!(page_marks(&page, &[]), 2);
    }
}
