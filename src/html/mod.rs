//! Saved HTML pages: the article found in the page and written out as
//! plain text with its layout, so that the rest of the analysis runs on it
//! as on any article.
//!
//! The page is parsed by html5ever (through `scraper`), as browsers parse
//! it, broken markup included (a page nested too deep for that to stay
//! linear is read from its tokens, see [`tokens`]). Its blocks of text ([`dom`]) are scored by a
//! linear model over what the markup and the text say (the element,
//! ancestors such as `<article>` or `<nav>`, class and id words, link
//! density, words, function words, endings, neighbours, the container with
//! the most paragraph text), with weights learned from saved news pages
//! (`scripts/train_blocks.py --html`, `data/html-block-weights.tsv`). The
//! body is the region with the most article-like text, as for text pages
//! (see `layout::page`). The headline, authors and date come from what the
//! page states ([`meta`]: JSON-LD, Open Graph, `<h1>`, `<time>`), captions
//! from `<figcaption>`.

mod dom;
mod meta;
mod tokens;

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::LazyLock;

use scraper::Html;

use crate::document::{BlockClass, CaptionSpan, Layout, PageBlock};
use crate::hash::FxHashMap;
use crate::layout::edges::{self, EdgeInputs};
use crate::layout::page::{best_region, end_of, share_bucket, words_bucket, FunctionWords};
use crate::layout::stated_authors;
use dom::{flag, HtmlBlock};

/// The learned weights by feature name.
static WEIGHTS: LazyLock<FxHashMap<&'static str, f32>> =
    LazyLock::new(|| crate::weights::parse(include_str!("../../data/html-block-weights.tsv")));

fn weight(name: &str) -> f32 {
    WEIGHTS.get(name).copied().unwrap_or(0.0)
}

/// The article found in a page.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// The article as plain text: headline, summary points, paragraphs and
    /// captions, separated by blank lines. Record offsets index this text.
    pub text: String,
    /// Where the headline, bullets, captions and paragraphs are in `text`,
    /// with the byline, authors and date.
    pub layout: Layout,
}

/// What is measured on one block.
#[derive(Clone)]
struct Measure {
    words: usize,
    stop_share: f32,
    cap_share: f32,
    link_share: f32,
    end: &'static str,
    repeated: bool,
    /// May be article text (see [`candidate`]).
    candidate: bool,
}

fn measure(b: &HtmlBlock, function_words: &FunctionWords) -> Measure {
    let (mut words, mut stops, mut caps) = (0usize, 0usize, 0usize);
    for raw in b.text.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        words += 1;
        if function_words.contains(&crate::lexicon::lower(w)) {
            stops += 1;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        }
    }
    let share = |n: usize| if words > 0 { n as f32 / words as f32 } else { 0.0 };
    Measure {
        words,
        stop_share: share(stops),
        cap_share: share(caps),
        link_share: b.link_chars as f32 / b.text.chars().count().max(1) as f32,
        end: end_of(&b.text),
        repeated: false,
        candidate: candidate(b),
    }
}

fn link_bucket(x: f32) -> &'static str {
    match (x * 4.0) as u32 {
        0 if x == 0.0 => "0",
        0 => "<25",
        1 => "<50",
        2 => "<75",
        _ => "75+",
    }
}

/// The element whose paragraphs hold the most words: the article's
/// container, as Readability finds it (a paragraph counts fully for its
/// parent and half for the parent's parent).
fn best_container(walked: &dom::Walked, m: &[Measure]) -> usize {
    let mut score = vec![0f32; walked.elements.len()];
    for (b, mm) in walked.blocks.iter().zip(m) {
        // Paragraphs, and long runs of text straight in a `div` or cell
        // (older sites write articles without `<p>`).
        let text_block = match b.tag {
            "p" => mm.words >= 8,
            "div" | "td" | "tr" => mm.words >= 30 && mm.end == "stop",
            _ => false,
        };
        if text_block && mm.link_share < 0.5 {
            let w = mm.words as f32;
            score[b.parent] += w;
            let grand = walked.elements[b.parent].parent;
            if grand != b.parent {
                score[grand] += w / 2.0;
            }
        }
    }
    score
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
        .map_or(0, |(i, _)| i)
}

/// Page-wide facts the features of a block read.
struct Context {
    /// The article's likely container.
    best: dom::Element,
}

/// Emits the features of block `i`.
fn features(blocks: &[HtmlBlock], m: &[Measure], i: usize, ctx: &Context, emit: &mut dyn FnMut(&str)) {
    let best = &ctx.best;
    let b = &blocks[i];
    let mm = &m[i];
    let mut buf = String::with_capacity(48);
    let mut put = |args: std::fmt::Arguments| {
        buf.clear();
        let _ = buf.write_fmt(args);
        emit(&buf);
    };
    let words = words_bucket(mm.words);
    put(format_args!("tag={}", b.tag));
    if !mm.candidate {
        // Never article text; marked for the training script.
        put(format_args!("candidate=false"));
    }
    put(format_args!("words={words}"));
    put(format_args!("tag+words={}+{words}", b.tag));
    put(format_args!("end={}", mm.end));
    put(format_args!("end+words={}+{words}", mm.end));
    if mm.words >= 3 {
        put(format_args!("stops={}", share_bucket(mm.stop_share)));
        put(format_args!("caps={}", share_bucket(mm.cap_share / 2.0)));
    }
    let link = link_bucket(mm.link_share);
    put(format_args!("link={link}"));
    put(format_args!("link+words={link}+{words}"));
    put(format_args!("repeated={}", mm.repeated));
    for (bit, name) in flag::NAMES {
        if b.flags & bit != 0 {
            put(format_args!("in={name}"));
        }
    }
    for h in b.hints.iter().take(8) {
        put(format_args!("hint={h}"));
    }
    for h in &b.near {
        put(format_args!("near={h}"));
    }
    let inside = best.first_block <= i && i < best.end_block;
    put(format_args!("best={inside}"));
    put(format_args!("best+tag={inside}+{}", b.tag));
    for (name, j) in [("p1", i.checked_sub(1)), ("n1", Some(i + 1))] {
        match j.and_then(|j| m.get(j).map(|n| (n, &blocks[j]))) {
            Some((n, nb)) => {
                put(format_args!("{name}:words={}", words_bucket(n.words)));
                put(format_args!("{name}:end={}", n.end));
                put(format_args!("{name}:tag={}", nb.tag));
            }
            None => put(format_args!("{name}:none")),
        }
    }
    let lo = i.saturating_sub(5);
    let hi = (i + 6).min(m.len());
    let around = m[lo..hi]
        .iter()
        .filter(|n| n.words >= 10 && n.end == "stop" && n.link_share < 0.5)
        .count();
    put(format_args!("around={around}"));
    put(format_args!("position={}", i * 10 / m.len().max(1)));
}

/// Class and id words of readers' comments, never article text: on the 90
/// saved pages of the development data, 11 of 64,068 body words sat in
/// such elements, against 6,175 words of other text (threads longer than
/// the post among them).
const COMMENT_HINTS: [&str; 3] = ["comment", "comments", "reply"];

/// Elements that hold what surrounds an article, never its text: on the
/// same pages, 364 of the 64,068 body words sat in a `nav`, `header`,
/// `footer` or `aside` (mostly single words that the body also has),
/// against 26,800 words of other text. Held-out body F1
/// (`scripts/train_blocks.py --html --repeats 3`) 0.950 without this, 0.960
/// with it (0.956 counting an article's own `header` as article text).
const OUTSIDE_ARTICLE: u32 = flag::NAV | flag::HEADER | flag::FOOTER | flag::ASIDE;

/// Blocks that may be article text: not captions, not a date on its own,
/// and not lines that are page furniture in any page (see
/// [`crate::layout::furniture`]).
fn candidate(b: &HtmlBlock) -> bool {
    !matches!(b.tag, "figcaption")
        && !b.hints.iter().any(|h| COMMENT_HINTS.contains(h))
        && b.flags & OUTSIDE_ARTICLE == 0
        && b.flags & flag::FIGCAPTION == 0
        && !crate::layout::furniture(&b.text)
        && !crate::layout::date_line(&b.text)
}

/// The encoding a page declares in its markup, if any.
pub fn declared_charset(html: &str) -> Option<&'static encoding_rs::Encoding> {
    meta::declared_charset(&Html::parse_document(html))
}

/// The article in a page, with each block's class, score and features when
/// `explain` is set.
pub fn extract(html: &str, explain: bool) -> Extracted {
    let (meta, walked) = if tokens::too_deep(html) {
        (meta::Meta::default(), tokens::walk(html))
    } else {
        let parsed = Html::parse_document(html);
        (meta::read(&parsed), dom::walk(&parsed))
    };
    let blocks = &walked.blocks;
    let function_words = FunctionWords::new(blocks.iter().map(|b| b.text.as_str()));
    let mut m: Vec<Measure> = blocks.iter().map(|b| measure(b, &function_words)).collect();
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for b in blocks {
        *counts.entry(b.text.as_str()).or_default() += 1;
    }
    for (mm, b) in m.iter_mut().zip(blocks) {
        mm.repeated = counts.get(b.text.as_str()).is_some_and(|&n| n > 1);
    }
    let ctx = Context {
        best: walked.elements[best_container(&walked, &m)],
    };
    let bias = weight("bias");
    let mut scored: Vec<PageBlock> = Vec::with_capacity(blocks.len());
    for i in 0..blocks.len() {
        let mut score = bias;
        let mut names = Vec::new();
        features(blocks, &m, i, &ctx, &mut |f| {
            score += weight(f);
            if explain {
                names.push(f.to_string());
            }
        });
        scored.push(PageBlock {
            range: 0..0,
            class: BlockClass::Boilerplate,
            score,
            features: names,
            source: Some(blocks[i].text.clone()),
        });
    }
    let gains = |line: f32| -> Vec<f32> {
        (0..blocks.len())
            .map(|i| {
                if m[i].candidate {
                    (scored[i].score - line) * ((m[i].words + 1) as f32).sqrt()
                } else {
                    0.0
                }
            })
            .collect()
    };
    let mut region = best_region(&gains(weight("@region")));
    let mut drop_line = weight("@drop");
    if region.is_empty() {
        // Nothing above the line: the page's best-scored stretch all the same.
        let top = (0..blocks.len())
            .filter(|&i| m[i].candidate && m[i].words >= 10)
            .map(|i| scored[i].score)
            .fold(None, |acc: Option<f32>, s| Some(acc.map_or(s, |a| a.max(s))));
        if let Some(top) = top {
            region = best_region(&gains(top - 1.0));
            drop_line = drop_line.min(top - 3.0);
        }
    }
    let mut keep: Vec<bool> = (0..blocks.len())
        .map(|i| m[i].candidate && region.contains(&i) && scored[i].score >= drop_line)
        .collect();
    trim_edges(blocks, &m, &ctx, &mut keep, &mut scored, explain);
    let in_best = ctx.best.first_block..ctx.best.end_block;
    if let Some(container) = container_fallback(blocks, &m, &keep, in_best.clone()) {
        keep = container;
        region = in_best;
        if explain {
            // Say why these blocks are body although they scored low.
            for (block, _) in scored.iter_mut().zip(&keep).filter(|(_, k)| **k) {
                block.features.push("fallback=container".to_string());
            }
        }
    }
    trim_link_tail(blocks, &m, &mut keep, &mut scored, explain);
    if let Some((t, cut)) = meta
        .stated_headline()
        .and_then(|s| cut_before_title(blocks, &m, &mut keep, s))
    {
        if explain {
            scored[t].features.push(TITLE_MARK.to_string());
            for i in cut {
                scored[i].features.push("before=title".to_string());
            }
        }
    }
    build(blocks, &m, &keep, &region, meta, scored)
}

/// Leaves out the run of short links that ends a body, with the label
/// over them: an article's topic tags and "back" links ("Topics",
/// "Protests", "China", "Voltar") sit inside its element, after its last
/// paragraph, and score near the line.
fn trim_link_tail(
    blocks: &[HtmlBlock],
    m: &[Measure],
    keep: &mut [bool],
    scored: &mut [PageBlock],
    explain: bool,
) {
    let body = body_blocks(blocks, keep);
    // Never the whole body: a page of links has no article to keep. The
    // run goes on only over links, so `k` blocks after it are links.
    for (k, &i) in body.iter().skip(1).rev().enumerate() {
        let link = m[i].words <= LINK_TAIL_WORDS && m[i].link_share >= 0.75;
        // The label over the links ("Topics", "Tags") goes with them, and
        // ends the run.
        let label = k > 0 && m[i].words <= 2 && m[i].link_share == 0.0 && m[i].end == "word";
        if link || label {
            keep[i] = false;
            if explain {
                scored[i].features.push("tail=links".to_string());
            }
        }
        if !link {
            break;
        }
    }
}

/// Leaves out the kept blocks up to the first block that says what the
/// page states as its title (`stated`): what comes before an article's
/// title is the page's (menus, sidebars, tag clouds), when more of the
/// body's running text follows the title than precedes it (a title
/// repeated under the article, in a share box, cuts nothing). Returns the
/// title's block and the blocks left out.
fn cut_before_title(
    blocks: &[HtmlBlock],
    m: &[Measure],
    keep: &mut [bool],
    stated: &str,
) -> Option<(usize, Vec<usize>)> {
    let want = key(stated);
    let t = blocks.iter().position(|b| key(&b.text) == want)?;
    let mut cut = Vec::new();
    if stop_words(m, keep, t + 1..blocks.len()) > stop_words(m, keep, 0..t + 1) {
        cut.extend((0..=t).filter(|&i| keep[i]));
        keep[..=t].fill(false);
    }
    Some((t, cut))
}

/// Marks the title's block of [`cut_before_title`] in `--blocks` output (for the
/// training script, which replays the cut; not a feature).
const TITLE_MARK: &str = "title=stated";

/// Words of the kept blocks in `r` that end as sentences do.
fn stop_words(m: &[Measure], keep: &[bool], r: Range<usize>) -> usize {
    r.filter(|&i| keep[i] && m[i].end == "stop")
        .map(|i| m[i].words)
        .sum()
}

/// The most words of a link that ends a body and is left out.
const LINK_TAIL_WORDS: usize = 5;

/// Leaves out the blocks at the ends of the kept body that the edge model
/// scores below its line (see [`crate::layout::edges`]); list items before
/// the first paragraph are summary points, not the body's ends.
fn trim_edges(
    blocks: &[HtmlBlock],
    m: &[Measure],
    ctx: &Context,
    keep: &mut [bool],
    scored: &mut [PageBlock],
    explain: bool,
) {
    let body = body_blocks(blocks, keep);
    let trimmed = edges::trim(
        &body,
        &EdgeInputs {
            score: &|i| scored[i].score,
            letters: &|i| blocks[i].text.chars().any(char::is_alphabetic),
            features: &|i, emit| features(blocks, m, i, ctx, emit),
            weight: &weight,
        },
    );
    for i in trimmed {
        keep[i] = false;
        if explain {
            scored[i].features.push(edges::TRIMMED.to_string());
        }
    }
}

/// The blocks of the likely container when the kept body is much shorter
/// than its text: the scores then missed the article (a layout unlike the
/// pages they were learned on), and the container is what Readability
/// would take.
fn container_fallback(
    blocks: &[HtmlBlock],
    m: &[Measure],
    keep: &[bool],
    in_best: Range<usize>,
) -> Option<Vec<bool>> {
    let container = |i: usize| m[i].candidate && blocks[i].tag != "li" && in_best.contains(&i);
    let best_words: usize = in_best
        .clone()
        .filter(|&i| container(i))
        .map(|i| m[i].words)
        .sum();
    // A container holding most of the page's text is the page itself
    // (a wrapper around menus, sidebars and footer), no better a guess.
    let page_words: usize = m.iter().filter(|b| b.candidate).map(|b| b.words).sum();
    let wide = best_words as f32 > FALLBACK_WIDE * page_words as f32;
    (!wide && (body_words(blocks, m, keep) as f32) < FALLBACK_SHARE * best_words as f32)
        .then(|| (0..blocks.len()).map(container).collect())
}

/// Share of the page's words above which the likely container is the page
/// itself, and no fallback; picked by cross-validation over saved pages
/// (`scripts/train_blocks.py --html`: 0.5 to 0.85 score alike).
const FALLBACK_WIDE: f32 = 0.75;

/// Below this share of the words of the likely container, a body is
/// replaced by that container's text; picked by cross-validation over
/// saved pages (`scripts/train_blocks.py --html`).
const FALLBACK_SHARE: f32 = 0.35;

/// The kept blocks that [`build`] makes paragraphs: list items before the
/// first `<p>` are summary points.
fn body_blocks(blocks: &[HtmlBlock], keep: &[bool]) -> Vec<usize> {
    let mut started = false;
    (0..blocks.len())
        .filter(|&i| {
            started |= keep[i] && blocks[i].tag == "p";
            keep[i] && (blocks[i].tag != "li" || started)
        })
        .collect()
}

/// The words of the kept blocks that [`build`] makes paragraphs.
fn body_words(blocks: &[HtmlBlock], m: &[Measure], keep: &[bool]) -> usize {
    body_blocks(blocks, keep).into_iter().map(|i| m[i].words).sum()
}

/// Writes the kept blocks out as the article's text and layout.
fn build(
    blocks: &[HtmlBlock],
    m: &[Measure],
    keep: &[bool],
    region: &Range<usize>,
    meta: meta::Meta,
    mut scored: Vec<PageBlock>,
) -> Extracted {
    let mut text = String::new();
    let mut layout = Layout::default();
    let push = |text: &mut String, s: &str| -> Range<usize> {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(s);
        start..text.len()
    };
    let first_body = (0..blocks.len()).find(|&i| keep[i] && blocks[i].tag == "p");
    // The headline: the heading that says what the page states as its
    // title, else the page's `<h1>` just before the body unless it is the
    // site's name (a blog's header), else the stated headline.
    let stated = meta.stated_headline().map(str::to_string);
    let site = meta.title.as_deref().and_then(site_name).map(key);
    let stated_heading = stated.as_deref().map(key).and_then(|want| {
        (0..blocks.len())
            .find(|&i| matches!(blocks[i].tag, "h1" | "h2" | "h3") && key(&blocks[i].text) == want)
    });
    let h1 = stated_heading.or_else(|| {
        (0..first_body.unwrap_or(blocks.len())).rev().find(|&i| {
            blocks[i].tag == "h1" && m[i].words >= 2 && site.as_deref() != Some(key(&blocks[i].text).as_str())
        })
    });
    let headline = h1
        .map(|i| {
            scored[i].class = BlockClass::Headline;
            blocks[i].text.clone()
        })
        .or(stated)
        .or_else(|| meta.title.as_deref().map(strip_site_name));
    if let Some(h) = headline {
        layout.headline = Some(push(&mut text, &h));
    }
    let byline = first_body.and_then(|first| page_byline(blocks, m, first));
    let mut line_date = None;
    match byline {
        Some((i, line, authors, date)) => {
            // In the text too, as a text file has it, so that its authors
            // are found as people.
            push(&mut text, &line);
            layout.byline = Some(line);
            // A byline of a desk or an agency alone (`By Staff | Nov 18`)
            // leaves the authors the markup states.
            layout.authors = if authors.is_empty() {
                stated_authors(&meta.authors)
            } else {
                authors
            };
            line_date = date;
            scored[i].class = BlockClass::Meta;
        }
        None => layout.authors = stated_authors(&meta.authors),
    }
    // The date the page states in its markup, else the byline's.
    layout.date = meta.date.clone().or(line_date);
    let mut body_started = false;
    for i in 0..blocks.len() {
        let b = &blocks[i];
        let after_caption = i > 0 && scored[i - 1].class == BlockClass::Caption;
        let near_region = region.start.saturating_sub(3) <= i && i < region.end;
        if let Some(credit) = caption_part(b, &m[i], keep[i], after_caption).filter(|_| near_region) {
            let r = push(&mut text, &b.text);
            match layout.captions.last_mut() {
                Some(c) if credit && c.credit.is_none() => c.credit = Some(r),
                _ if credit => layout.captions.push(CaptionSpan {
                    text: None,
                    credit: Some(r),
                }),
                _ => layout.captions.push(CaptionSpan {
                    text: Some(r),
                    credit: None,
                }),
            }
            scored[i].class = BlockClass::Caption;
            continue;
        }
        if !keep[i] || scored[i].class != BlockClass::Boilerplate {
            continue;
        }
        // A summary point is a sentence or most of one; a short list item
        // before the body is a share button or a tag ("Reddit").
        if b.tag == "li" && !body_started && m[i].words < BULLET_WORDS {
            continue;
        }
        let r = push(&mut text, &b.text);
        if b.tag == "p" {
            body_started = true;
        }
        if b.tag == "li" && !body_started {
            layout.bullets.push(r);
            scored[i].class = BlockClass::Bullet;
        } else {
            // The first paragraph's dateline (`WASHINGTON (AP) —`), as in text.
            if layout.paragraphs.is_empty() {
                if let Some((line, date, place)) = crate::layout::read_dateline(&b.text) {
                    layout.dateline = Some(line);
                    layout.dateline_place = Some(r.start + place.start..r.start + place.end);
                    layout.date = layout.date.take().or(date);
                }
            }
            layout.paragraphs.push(r);
            scored[i].class = BlockClass::Body;
        }
    }
    layout.page = scored;
    Extracted { text, layout }
}

/// Class words of elements that caption other stories or videos
/// (`c-related__caption`, `c-trending__caption`), not the article's
/// pictures.
const ELSEWHERE_HINTS: [&str; 9] = [
    "related",
    "trending",
    "popular",
    "recommended",
    "promo",
    "teaser",
    "recirc",
    "video",
    "player",
];

/// The fewest words of a summary point before an HTML page's body.
const BULLET_WORDS: usize = 5;

/// The longest caption found by its class alone, in words.
const CAPTION_WORDS: usize = 60;

/// Whether a block is part of a picture's caption, and if so whether it is
/// the credit: a `<figcaption>`, or outside one a caption by its class
/// (`image-caption`, `wp-caption-text`) and a short credit right after a
/// caption. A credit is named so by its class or reads as one.
fn caption_part(b: &HtmlBlock, m: &Measure, kept: bool, after_caption: bool) -> Option<bool> {
    let credit = b.near.iter().any(|h| matches!(*h, "credit" | "copyright"))
        || crate::layout::credit_range(&b.text).is_some();
    let by_class = !kept
        && !crate::layout::furniture(&b.text)
        && !b.near.iter().any(|h| ELSEWHERE_HINTS.contains(h))
        && (b.near.contains(&"caption") && m.words <= CAPTION_WORDS
            || credit && m.words <= 8 && after_caption);
    (b.tag == "figcaption" || b.flags & flag::FIGCAPTION != 0 || by_class).then_some(credit)
}

/// A byline just before the body, or the body's first `<p>` when that is
/// one ("By Mara Lindqvist"): its block, its line, its authors and the date
/// on the same line, if any.
fn page_byline(
    blocks: &[HtmlBlock],
    m: &[Measure],
    first: usize,
) -> Option<(usize, String, Vec<String>, Option<String>)> {
    (first.saturating_sub(8)..=first)
        .filter(|&i| m[i].words <= 20)
        .find_map(|i| {
            let text = &blocks[i].text;
            // "Posted on March 2, 2024 by Ines Albrecht": the part from "by".
            let from_by = [" by ", " By ", " BY "]
                .iter()
                .filter_map(|k| text.rfind(k))
                .max()
                .map(|p| &text[p + 1..]);
            let whole = crate::layout::read_byline(text)
                .or_else(|| from_by.and_then(crate::layout::read_byline))
                .map(|a| (i, text.clone(), a, None));
            // "By Dana Whitfield | Nov 18, 2019": the byline and its date apart.
            whole.or_else(|| {
                crate::layout::read_byline_and_date(text).map(|(line, a, date)| (i, line, a, Some(date)))
            })
        })
}

/// Lower-case words, for comparing titles.
fn key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `<title>` cut into the headline and the site's name after a
/// separator ("Headline | Site", "Headline - Site").
fn split_title(title: &str) -> Option<(&str, &str)> {
    [" | ", " – ", " — ", " - ", " :: ", " · "]
        .iter()
        .find_map(|sep| {
            let p = title.rfind(sep)?;
            let (head, tail) = (&title[..p], &title[p + sep.len()..]);
            (tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3)
                .then(|| (head.trim(), tail.trim()))
        })
}

/// A `<title>` without the site's name.
fn strip_site_name(title: &str) -> String {
    split_title(title)
        .map_or(title.trim(), |(head, _)| head)
        .to_string()
}

/// The site's name in a `<title>`, if it has one after a separator.
fn site_name(title: &str) -> Option<&str> {
    split_title(title).map(|(_, site)| site)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(tag: &'static str, words: usize) -> (HtmlBlock, Measure) {
        let b = HtmlBlock {
            text: vec!["word"; words].join(" "),
            tag,
            link_chars: 0,
            flags: 0,
            hints: Vec::new(),
            near: Vec::new(),
            parent: 0,
        };
        let m = measure(&b, &FunctionWords::new(std::iter::empty()));
        (b, m)
    }

    /// A block of `tag` holding `text`.
    fn with_text(tag: &'static str, text: &str) -> (HtmlBlock, Measure) {
        let (mut b, _) = block(tag, 1);
        b.text = text.to_string();
        let m = measure(&b, &FunctionWords::new(std::iter::empty()));
        (b, m)
    }

    #[test]
    fn short_links_ending_the_body_are_left_out() {
        let mut parts: Vec<(HtmlBlock, Measure)> = vec![
            block("p", 30),
            block("p", 20),
            block("p", 1),
            block("li", 2),
            block("li", 1),
        ];
        // A label and two topic links end the body; a link inside the text
        // does not.
        for (b, m) in parts.iter_mut().skip(3) {
            b.link_chars = b.text.len();
            *m = measure(b, &FunctionWords::new(std::iter::empty()));
        }
        parts[1].0.link_chars = 4;
        parts[1].1 = measure(&parts[1].0, &FunctionWords::new(std::iter::empty()));
        let (blocks, m): (Vec<HtmlBlock>, Vec<Measure>) = parts.into_iter().unzip();
        let mut keep = vec![true; 5];
        let mut scored: Vec<PageBlock> = (0..5)
            .map(|_| PageBlock {
                range: 0..0,
                class: BlockClass::Body,
                score: 0.0,
                features: Vec::new(),
                source: None,
            })
            .collect();
        trim_link_tail(&blocks, &m, &mut keep, &mut scored, true);
        assert_eq!(keep, [true, true, false, false, false]);
        assert_eq!(scored[2].features, ["tail=links"]);
        // A body of links alone keeps its first block.
        let links: Vec<HtmlBlock> = blocks[3..]
            .iter()
            .map(|b| HtmlBlock {
                tag: "p",
                ..b.clone()
            })
            .collect();
        let mut keep = vec![true, true];
        trim_link_tail(&links, &m[3..], &mut keep, &mut scored, false);
        assert_eq!(keep, [true, false]);
    }

    #[test]
    fn comments_and_page_furniture_are_never_article_text() {
        let (mut b, _) = block("p", 40);
        assert!(candidate(&b));
        for f in [flag::NAV, flag::HEADER, flag::FOOTER, flag::ASIDE] {
            b.flags = f | flag::ARTICLE;
            assert!(!candidate(&b), "flag {f}");
        }
        b.flags = flag::ARTICLE | flag::QUOTE;
        assert!(candidate(&b));
        b.hints = vec!["comment", "body"];
        assert!(!candidate(&b));
    }

    #[test]
    fn a_body_far_shorter_than_the_container_gives_way_to_it() {
        let (blocks, m): (Vec<_>, Vec<_>) = [
            block("li", 1),
            block("p", 50),
            block("div", 60),
            block("li", 9),
            block("p", 12),
            block("div", 40),
        ]
        .into_iter()
        .unzip();
        let best = 0..4;
        // Only the teaser after the container was kept: its 12 words are
        // under 35% of the container's 110.
        let teaser = [false, false, false, false, true, false];
        assert_eq!(
            container_fallback(&blocks, &m, &teaser, best.clone()),
            Some(vec![false, true, true, false, false, false])
        );
        // The container's paragraphs kept: no fallback.
        let kept = [false, true, true, false, false, false];
        assert_eq!(container_fallback(&blocks, &m, &kept, best.clone()), None);
        // A container of nearly all the page's text is the page: no fallback.
        assert_eq!(container_fallback(&blocks, &m, &teaser, 0..6), None);
        // List items before the first paragraph are summary points, not body.
        assert_eq!(
            body_words(&blocks, &m, &[true, false, false, true, true, false]),
            12
        );
        assert_eq!(
            body_words(&blocks, &m, &[true, true, false, true, false, false]),
            59
        );
    }

    #[test]
    fn what_comes_before_the_stated_title_is_not_the_article() {
        let sentence = "Crews began on Monday to replace the planks of the old pier.";
        let (blocks, m): (Vec<_>, Vec<_>) = [
            with_text("div", "Categories"),
            with_text("div", "Ferry news and notes from the harbor, every week."),
            with_text("p", "Crews repair the old pier"),
            with_text("p", sentence),
            with_text("p", sentence),
        ]
        .into_iter()
        .unzip();
        let mut keep = vec![true; 5];
        let cut = cut_before_title(&blocks, &m, &mut keep, "Crews Repair the Old Pier");
        assert_eq!(cut, Some((2, vec![0, 1, 2])));
        assert_eq!(keep, [false, false, false, true, true]);
        // More running text before the title than after: a title repeated
        // under the article cuts nothing.
        let (late, lm): (Vec<_>, Vec<_>) = [3, 4, 2]
            .iter()
            .map(|&i| (blocks[i].clone(), m[i].clone()))
            .unzip();
        let mut keep = vec![true; 3];
        let cut = cut_before_title(&late, &lm, &mut keep, "Crews repair the old pier");
        assert_eq!(cut, Some((2, vec![])));
        assert_eq!(keep, [true; 3]);
        // No block states the title.
        assert_eq!(
            cut_before_title(&blocks, &m, &mut keep, "Storm closes the pier"),
            None
        );
    }

    #[test]
    fn short_list_items_before_the_body_are_no_summary_points() {
        let (blocks, m): (Vec<_>, Vec<_>) = [
            with_text("li", "Reddit"),
            with_text("li", "The full timetable returns by Wednesday."),
            with_text(
                "p",
                "Ferries between Harbor City and Gull Island ran again on Monday.",
            ),
        ]
        .into_iter()
        .unzip();
        let scored = (0..3)
            .map(|_| PageBlock {
                range: 0..0,
                class: BlockClass::Boilerplate,
                score: 0.0,
                features: Vec::new(),
                source: None,
            })
            .collect();
        let out = build(&blocks, &m, &[true; 3], &(0..3), meta::Meta::default(), scored);
        let bullets: Vec<&str> = out.layout.bullets.iter().map(|r| &out.text[r.clone()]).collect();
        assert_eq!(bullets, ["The full timetable returns by Wednesday."]);
        assert_eq!(out.layout.paragraphs.len(), 1);
    }

    #[test]
    fn a_blog_header_is_not_the_headline() {
        let page = "<html><head><title>Crews repair the old pier | Harbor Notes</title></head><body>\
            <header><h1><a href=\"/\">Harbor Notes</a></h1></header><main><article>\
            <h2>Crews repair the old pier</h2><p>Crews began on Monday to replace the rotten planks of the \
            old pier, which the town closed in March after a storm broke its railing.</p>\
            <p>The work will take six weeks and cost about 40,000 dollars, the town said on Monday.</p>\
            </article></main></body></html>";
        let out = extract(page, false);
        let headline = out.layout.headline.map(|r| out.text[r].to_string());
        assert_eq!(headline.as_deref(), Some("Crews repair the old pier"));
        assert_eq!(
            site_name("Crews repair the old pier | Harbor Notes"),
            Some("Harbor Notes")
        );
        assert_eq!(site_name("Harbor Notes"), None);
    }

    #[test]
    fn site_names_leave_the_title() {
        assert_eq!(
            strip_site_name("Ferry fined after fire | Harbor Daily"),
            "Ferry fined after fire"
        );
        assert_eq!(
            strip_site_name("Ferry fined - a long story about the ferry"),
            "Ferry fined - a long story about the ferry"
        );
    }
}
