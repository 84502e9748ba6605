//! Direct quotes and who said them.
//!
//! Quotation marks are paired per block (straight, curly, low-high,
//! guillemets; single marks for nested quotes or British-style primary
//! quotes), with apostrophes told apart by their neighbours. A quote whose
//! paragraph ends without a closing mark continues when the next paragraph
//! reopens, the news convention for long quotes. Each quote is then
//! attributed by looking at the words right after it (`"...," Park said`,
//! `"...," said Park, the mayor`) and before it (`Park said: "..."`,
//! `according to Reuters, "..."`); pronouns go to the nearest fitting person
//! or organization, and a quote with no attribution of its own inherits the
//! speaker of the quote just before it in the same paragraph, or of the
//! previous paragraph when it stands alone.

use std::ops::Range;

use crate::analyze::{Block, BlockKind};
use crate::entities::resolve::Resolved;
use crate::entities::Kind;
use crate::text::{self, fold_lines};

/// A quote found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, from after the opening mark to before the closing
    /// one (byte range into the text).
    pub range: Range<usize>,
    /// One range per paragraph the quote runs through (one for most quotes).
    pub pieces: Vec<Range<usize>>,
    /// Index (into the blocks) of the block the quote starts in.
    pub block: usize,
    /// From the opening mark to the end of the closing one (to the end of
    /// the quoted words when the quote was never closed).
    pub marks: Range<usize>,
    /// Who said it, when the text says.
    pub attribution: Option<Attribution>,
}

impl Quote {
    /// The quoted words with line breaks folded; pieces from several
    /// paragraphs are joined with a space, without the reopening marks.
    pub fn text(&self, text: &str) -> String {
        self.pieces
            .iter()
            .map(|r| fold_lines(&text[r.clone()]).trim().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The speaker and reporting verb of a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The words naming the speaker at the attribution site.
    pub speaker: Range<usize>,
    /// The reporting verb or phrase as written ("said", "according to").
    pub cue: String,
    /// The entity the speaker resolves to, if any (index into
    /// [`Resolved::entities`]).
    pub entity: Option<usize>,
}

/// An unpaired quotation mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unpaired {
    /// Byte offset of the mark.
    pub offset: usize,
    /// The mark.
    pub mark: char,
    /// True for an opening mark that was never closed.
    pub opening: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    pos: usize,
    ch: char,
    level: Level,
    can_open: bool,
    can_close: bool,
}

impl Mark {
    fn end(&self) -> usize {
        self.pos + self.ch.len_utf8()
    }

    /// Whether `self` closes a quote opened by `open`.
    fn closes(&self, open: &Mark) -> bool {
        match (open.ch, self.ch) {
            ('„', '“') | ('„', '”') | ('‚', '‘') | ('‚', '’') => true,
            ('«', '»') | ('»', '«') | ('‹', '›') | ('›', '‹') => true,
            ('"', '"') | ('“', '”') | ('”', '”') => self.can_close,
            ('\'', '\'') | ('‘', '’') | ('’', '’') | ('\'', '’') | ('‘', '\'') => self.can_close,
            _ => self.can_close && self.level == open.level,
        }
    }
}

const OPEN_PUNCT: &str = "([{—–-/";
const CLOSE_PUNCT: &str = ".,;:!?)]}—–-/…";

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '\'' | '‘' | '’' | '‚' | '‹' | '›'
    )
}

/// Quotation marks in `text[range]`, apostrophes and inch marks left out.
fn marks(text: &str, range: Range<usize>) -> Vec<Mark> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        if is_quote_char(c) {
            let left = next.is_some_and(|n| !n.is_whitespace())
                && prev.is_none_or(|p| p.is_whitespace() || OPEN_PUNCT.contains(p) || is_quote_char(p));
            let right = prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| n.is_whitespace() || CLOSE_PUNCT.contains(n) || is_quote_char(n));
            let between_letters =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            let digit_before = prev.is_some_and(|p| p.is_ascii_digit());
            let digit_after = next.is_some_and(|n| n.is_ascii_digit());
            let (level, can_open, can_close) = match c {
                '"' if digit_before && !left => (Level::Double, false, false),
                '"' => (Level::Double, left, right),
                '“' => (Level::Double, !right || left, right && !left),
                '”' => (Level::Double, left && !right, true),
                '„' => (Level::Double, true, false),
                '«' => (Level::Double, left || !right, right && !left),
                '»' => (Level::Double, left && !right, right || !left),
                '‹' => (Level::Single, left || !right, right && !left),
                '›' => (Level::Single, left && !right, right || !left),
                '‚' => (Level::Single, true, false),
                '\'' | '’' | '‘' if between_letters => (Level::Single, false, false),
                '\'' | '‘' | '’' if left && digit_after => (Level::Single, false, false),
                '\'' if digit_before => (Level::Single, false, false),
                '‘' => (Level::Single, left || !right, right && !left),
                '’' => (Level::Single, left && !right, right),
                _ => (Level::Single, left, right),
            };
            if can_open || can_close {
                out.push(Mark {
                    pos: range.start + i,
                    ch: c,
                    level,
                    can_open,
                    can_close,
                });
            }
        }
        prev = Some(c);
    }
    out
}

/// Words fewer than this need an attribution to count as a quote.
const MIN_UNATTRIBUTED_WORDS: usize = 5;

/// Finds the quotes of an article's blocks (in text order) and attributes
/// them, given each block's sentences (see [`text::sentences`]). Returns
/// the quotes in text order and the unpaired marks.
pub fn find(
    text: &str,
    blocks: &[Block],
    sentences: &[Vec<Range<usize>>],
    resolved: &Resolved,
) -> (Vec<Quote>, Vec<Unpaired>) {
    let (mut quotes, unpaired) = pair(text, blocks);
    quotes.retain(|q| {
        q.pieces
            .iter()
            .any(|p| text[p.clone()].chars().any(char::is_alphanumeric))
    });
    for qi in 0..quotes.len() {
        let attribution = attribute(text, blocks, sentences, &quotes, qi, resolved);
        quotes[qi].attribution = attribution;
    }
    inherit(text, blocks, &mut quotes);
    quotes.retain(|q| keep(text, q));
    (quotes, unpaired)
}

/// Pairs marks into quotes, carrying an open quote into the next paragraph
/// when that paragraph reopens it.
fn pair(text: &str, blocks: &[Block]) -> (Vec<Quote>, Vec<Unpaired>) {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut single_quotes: Vec<Quote> = Vec::new();
    let mut unpaired = Vec::new();
    // An open double quote: its opening mark, the block it started in and the
    // pieces finished so far.
    let mut open: Option<(Mark, usize, Vec<Range<usize>>, usize)> = None;
    for (b, block) in blocks.iter().enumerate() {
        let all = marks(text, block.range.clone());
        let doubles: Vec<Mark> = all.iter().copied().filter(|m| m.level == Level::Double).collect();
        let mut skip_first = false;
        if let Some((_, _, _, ref mut piece_start)) = open {
            // Continuing from the previous paragraph: the reopening mark starts the piece.
            if let Some(first) = doubles
                .first()
                .filter(|m| m.can_open && m.pos == block.range.start)
            {
                *piece_start = first.end();
                skip_first = true;
            }
        }
        let mut spans: Vec<Range<usize>> = Vec::new();
        // A closing mark with nothing open, kept in case it is an opening
        // mark with the space on the wrong side (`said." Three hours ...,"`).
        let mut stray: Option<Mark> = None;
        for (k, m) in doubles.iter().enumerate() {
            if skip_first && k == 0 {
                continue;
            }
            match open.take() {
                None => {
                    if m.can_open {
                        open = Some((*m, b, Vec::new(), m.end()));
                        stray = None;
                    } else if let Some(st) = stray.take().filter(|st| st.ch == m.ch || m.closes(st)) {
                        let start = skip_spaces(text, st.end(), m.pos);
                        spans.push(st.pos..m.end());
                        let piece = start..m.pos;
                        quotes.push(make_quote(text, vec![piece], b, st.pos..m.end()));
                    } else {
                        unpaired.push(Unpaired {
                            offset: m.pos,
                            mark: m.ch,
                            opening: false,
                        });
                        stray = Some(*m);
                    }
                }
                Some((o, ob, mut pieces, piece_start)) => {
                    if m.closes(&o) {
                        pieces.push(piece_start..m.pos);
                        spans.push(o.pos..m.end());
                        quotes.push(make_quote(text, pieces, ob, o.pos..m.end()));
                    } else if m.can_open {
                        unpaired.push(Unpaired {
                            offset: o.pos,
                            mark: o.ch,
                            opening: true,
                        });
                        open = Some((*m, b, Vec::new(), m.end()));
                    } else {
                        open = Some((o, ob, pieces, piece_start));
                    }
                }
            }
        }
        // Single marks outside double quotes: British-style primary quotes.
        let singles: Vec<Mark> = all
            .iter()
            .copied()
            .filter(|m| m.level == Level::Single && !spans.iter().any(|s| s.start <= m.pos && m.pos < s.end))
            .filter(|m| {
                open.as_ref()
                    .is_none_or(|(o, ob, _, _)| *ob != b || m.pos < o.pos)
            })
            .collect();
        let mut single_open: Option<Mark> = None;
        for m in singles {
            match single_open {
                None if m.can_open => single_open = Some(m),
                Some(o) if m.closes(&o) => {
                    let piece = o.end()..m.pos;
                    single_quotes.push(make_quote(text, vec![piece], b, o.pos..m.end()));
                    single_open = None;
                }
                Some(_) if m.can_open => single_open = Some(m),
                _ => {}
            }
        }
        // A double quote still open at the end of the block.
        if let Some((o, ob, mut pieces, piece_start)) = open.take() {
            // Only the very next paragraph can continue a quote: nothing but
            // blank lines may sit between them.
            let next_reopens = block.kind == BlockKind::Paragraph
                && blocks.get(b + 1).is_some_and(|n| {
                    n.kind == BlockKind::Paragraph
                        && n.range.start >= block.range.end
                        && text[block.range.end..n.range.start].trim().is_empty()
                        && text[n.range.clone()]
                            .chars()
                            .next()
                            .is_some_and(|c| matches!(c, '"' | '“' | '„' | '«' | '»' | '‘' | '\''))
                });
            let end = block.range.end;
            if next_reopens {
                pieces.push(piece_start..end);
                open = Some((o, ob, pieces, end));
            } else {
                unpaired.push(Unpaired {
                    offset: o.pos,
                    mark: o.ch,
                    opening: true,
                });
                // Take the rest of the paragraph as the quote when it is long
                // enough to be speech rather than a stray mark, up to an
                // attribution if one follows a comma (`... sorry, said X`).
                let cut = attribution_comma(text, piece_start..end).unwrap_or(end);
                let rest = piece_start..cut;
                if text[rest.clone()].split_whitespace().count() >= 3 {
                    pieces.push(rest);
                    quotes.push(make_quote(text, pieces, ob, o.pos..cut));
                }
            }
        }
    }
    // Single marks only make a quote where no double-quoted one is.
    single_quotes.retain(|s| {
        !quotes
            .iter()
            .any(|d| s.marks.start < d.marks.end && d.marks.start < s.marks.end)
    });
    quotes.append(&mut single_quotes);
    quotes.sort_by_key(|q| q.range.start);
    unpaired.sort_by_key(|u| u.offset);
    (quotes, unpaired)
}

fn skip_spaces(text: &str, mut at: usize, end: usize) -> usize {
    while at < end {
        match text[at..].chars().next() {
            Some(c) if c.is_whitespace() => at += c.len_utf8(),
            _ => break,
        }
    }
    at
}

/// In an unclosed quote, the end of a comma followed closely by a reporting
/// verb: where the quote most likely stops.
fn attribution_comma(text: &str, range: Range<usize>) -> Option<usize> {
    let hay = &text[range.clone()];
    for (p, _) in hay.match_indices(", ") {
        let words: Vec<String> = hay[p + 2..]
            .split_whitespace()
            .take(4)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .collect();
        if words.iter().any(|w| CUES.contains(&w.as_str())) {
            return Some(range.start + p + 1);
        }
    }
    None
}

fn make_quote(text: &str, pieces: Vec<Range<usize>>, block: usize, marks: Range<usize>) -> Quote {
    // Guillemets are often set with spaces inside: « like this ».
    let pieces: Vec<Range<usize>> = pieces
        .into_iter()
        .map(|r| {
            let piece = &text[r.clone()];
            let start = r.start + (piece.len() - piece.trim_start().len());
            let end = r.start + piece.trim_end().len();
            start..end.max(start)
        })
        .collect();
    let start = pieces.first().map_or(0, |r| r.start);
    let end = pieces.last().map_or(start, |r| r.end);
    Quote {
        range: start..end,
        pieces,
        block,
        marks,
        attribution: None,
    }
}

/// Scare quotes and titles ("the so-called "reform"", "the film "Heat"")
/// are not quotes: short quoted phrases are kept only when attributed and
/// shaped like speech.
fn keep(text: &str, q: &Quote) -> bool {
    let t = q.text(text);
    let words = t.split_whitespace().count();
    if words == 0 {
        return false;
    }
    let speechlike = t
        .trim_end_matches(['"', '\'', '’', '”'])
        .ends_with(['.', ',', '!', '?', '…', '—', '-', ':', ';']);
    let capitalized = t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let title_like = t.split_whitespace().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            || matches!(
                w,
                "of" | "the" | "a" | "an" | "and" | "in" | "on" | "to" | "for" | "at"
            )
    }) && !speechlike;
    match (q.attribution.is_some(), words) {
        (true, 1) => speechlike && capitalized,
        (true, 2) => speechlike,
        (true, _) => !title_like || speechlike,
        (false, w) => w >= MIN_UNATTRIBUTED_WORDS && !title_like,
    }
}

/// Reporting verbs and phrases.
const CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "telling",
    "added",
    "adds",
    "adding",
    "wrote",
    "writes",
    "write",
    "writing",
    "asked",
    "asks",
    "ask",
    "noted",
    "notes",
    "argued",
    "argues",
    "explained",
    "explains",
    "warned",
    "warns",
    "insisted",
    "insists",
    "stated",
    "states",
    "announced",
    "announces",
    "tweeted",
    "tweets",
    "recalled",
    "recalls",
    "replied",
    "replies",
    "responded",
    "responds",
    "remarked",
    "observed",
    "observes",
    "declared",
    "declares",
    "claimed",
    "claims",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "conceded",
    "concedes",
    "continued",
    "continues",
    "suggested",
    "suggests",
    "cautioned",
    "cautions",
    "emphasized",
    "emphasised",
    "stressed",
    "stresses",
    "maintained",
    "maintains",
    "contended",
    "contends",
    "complained",
    "complains",
    "vowed",
    "vows",
    "promised",
    "promises",
    "predicted",
    "predicts",
    "urged",
    "urges",
    "joked",
    "jokes",
    "quipped",
    "shouted",
    "yelled",
    "whispered",
    "cried",
    "wondered",
    "wonders",
    "mused",
    "concluded",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "boasted",
    "agreed",
    "agrees",
    "testified",
    "posted",
    "texted",
    "commented",
    "comments",
    "reported",
    "reports",
    "recounted",
    "recounts",
    "reiterated",
    "affirmed",
    "demanded",
    "demands",
    "pleaded",
    "countered",
    "counters",
    "lamented",
    "answered",
    "answers",
    "asserted",
    "asserts",
    "read",
    "reads",
    "advised",
    "assured",
    "told",
    "emailed",
    "messaged",
    "tweeted",
    "wrote",
    "says",
];

/// Verbs that introduce a quoted phrase only when they come before it
/// ("called the bill "a solution in search of a problem"").
const WEAK_CUES: &[&str] = &[
    "called",
    "calls",
    "described",
    "describes",
    "dubbed",
    "labeled",
    "labelled",
    "branded",
];

/// Words that end a speaker phrase after the cue.
const NP_STOP: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "adding",
    "who",
    "which",
    "while",
    "when",
    "as",
    "because",
    "since",
    "to",
    "from",
    "with",
    "that",
    "last",
    "this",
    "yesterday",
    "today",
    "tonight",
    "and",
    "but",
    "than",
    "about",
    "via",
    "by",
    "through",
    "earlier",
    "later",
    "then",
    "recently",
    "afterward",
    "afterwards",
];

/// Words that may sit between a speaker and the verb without being part of
/// the speaker ("Park also said", "Park has said").
const VERB_ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "previously",
    "earlier",
    "once",
    "now",
    "recently",
    "further",
    "simply",
    "finally",
    "flatly",
    "repeatedly",
    "has",
    "had",
    "have",
    "would",
    "will",
    "could",
    "might",
    "did",
    "does",
    "was",
    "were",
    "is",
    "quoted",
    "as",
    "once",
    "often",
    "told",
    "still",
    "only",
    "just",
    "publicly",
    "privately",
    "angrily",
    "quietly",
    "calmly",
    "firmly",
];

const PREPOSITIONS: &[&str] = &[
    "for", "of", "at", "with", "from", "in", "on", "to", "by", "near", "inside", "outside",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// A word of a clause: byte range and lower-cased text.
#[derive(Clone, Debug)]
struct Word {
    range: Range<usize>,
    lower: String,
}

/// Words of a clause, cut like the entity tagger's tokens so that "U.S."
/// and "Mr." keep their periods and do not read as sentence ends.
fn clause_words(text: &str, range: Range<usize>) -> Vec<Word> {
    crate::entities::tokenize::tokens_from_segments(text, &text::segments(text, range))
        .into_iter()
        .map(|r| Word {
            lower: text[r.clone()].to_lowercase(),
            range: r,
        })
        .collect()
}

/// A quotation mark on its own (not the apostrophe of "'s").
fn is_mark(w: &Word) -> bool {
    let mut chars = w.lower.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_quote_char(c))
}

fn is_punct(w: &Word) -> bool {
    !w.lower.chars().any(char::is_alphanumeric)
}

/// Index of a cue starting at `i`, and how many words it spans.
fn cue_at(words: &[Word], i: usize, weak: bool) -> Option<usize> {
    let w = words[i].lower.as_str();
    if w == "according" && words.get(i + 1).is_some_and(|n| n.lower == "to") {
        return Some(2);
    }
    if matches!(w, "pointed" | "points" | "went" | "goes")
        && words
            .get(i + 1)
            .is_some_and(|n| n.lower == "out" || n.lower == "on")
    {
        return Some(2);
    }
    if CUES.contains(&w) || weak && WEAK_CUES.contains(&w) {
        return Some(1);
    }
    None
}

fn cue_text(text: &str, words: &[Word], i: usize, n: usize) -> String {
    fold_lines(&text[words[i].range.start..words[i + n - 1].range.end]).into_owned()
}

/// The sentence of `sentences` holding byte `pos`.
fn sentence_at(sentences: &[Range<usize>], pos: usize) -> Option<Range<usize>> {
    let i = sentences.partition_point(|s| s.end.max(s.start + 1) <= pos);
    sentences.get(i).filter(|s| s.start <= pos).cloned()
}

fn attribute(
    text: &str,
    blocks: &[Block],
    sentences: &[Vec<Range<usize>>],
    quotes: &[Quote],
    qi: usize,
    resolved: &Resolved,
) -> Option<Attribution> {
    let q = &quotes[qi];
    let open_pos = q.marks.start;
    let close_end = q.marks.end;
    // Blocks and sentences are in text order: binary searches keep a text
    // full of quotation marks linear.
    let last_block = block_at(blocks, q.range.end).unwrap_or(q.block);
    let block = &blocks[last_block];
    let sents = &sentences[last_block];

    // After the quote: to the end of its sentence or the next quote.
    let tail_end = {
        let sentence_end = sentence_at(sents, q.range.end.min(block.range.end.saturating_sub(1)))
            .map_or(block.range.end, |s| s.end);
        // `"Are we done?" Park asked.`: a question or exclamation ends the
        // sentence at the closing mark, and the attribution is the next one.
        let sentence_end = if sentence_end <= close_end {
            let next = sents.partition_point(|s| s.start < close_end);
            sents.get(next).map_or(sentence_end, |s| s.end)
        } else {
            sentence_end
        };
        let next_quote = quotes
            .get(qi + 1)
            .map(|o| o.marks.start)
            .filter(|&s| s >= close_end && s < block.range.end);
        sentence_end.min(next_quote.unwrap_or(usize::MAX)).max(close_end)
    };
    if let Some(a) = after_quote(text, close_end..tail_end, q, resolved) {
        return Some(a);
    }
    // Before the quote: from the sentence start (or the previous quote) to the mark.
    let first_block = &blocks[q.block];
    let head_start = {
        let s = sentence_at(&sentences[q.block], q.range.start).map_or(first_block.range.start, |s| s.start);
        let prev_quote = qi
            .checked_sub(1)
            .map(|p| quotes[p].marks.end)
            .filter(|&e| e <= q.range.start && e >= s);
        prev_quote.unwrap_or(s).max(s).min(open_pos)
    };
    before_quote(text, head_start..open_pos, q, resolved)
}

/// Index of the block holding byte `pos`.
fn block_at(blocks: &[Block], pos: usize) -> Option<usize> {
    let i = blocks.partition_point(|b| b.range.end < pos);
    blocks
        .get(i)
        .filter(|b| b.range.start <= pos && pos <= b.range.end)
        .map(|_| i)
}

/// Mentions starting inside `range`, via binary search (mentions are in
/// text order).
fn mentions_in<'r>(
    resolved: &'r Resolved,
    range: &Range<usize>,
) -> impl Iterator<Item = &'r crate::entities::resolve::ResolvedMention> {
    let first = resolved.mentions.partition_point(|m| m.range.start < range.start);
    let end = range.end;
    resolved.mentions[first..]
        .iter()
        .take_while(move |m| m.range.start < end)
}

/// `"...," Park said`, `"...," said Park, the mayor`, `"...," the agency said`.
fn after_quote(text: &str, tail: Range<usize>, q: &Quote, resolved: &Resolved) -> Option<Attribution> {
    if tail.is_empty() {
        return None;
    }
    let words = clause_words(text, tail);
    let mut start = 0;
    while start < words.len()
        && is_punct(&words[start])
        && matches!(words[start].lower.as_str(), "," | "—" | "–" | "-")
    {
        start += 1;
    }
    let words = &words[start..];
    if words.is_empty() || is_punct(&words[0]) {
        return None;
    }
    let limit = words.len().min(14);
    let k = (0..limit).find(|&i| cue_at(words, i, false).is_some())?;
    let n = cue_at(words, k, false)?;
    // Nothing that ends a clause may come between quote and cue.
    if words[..k]
        .iter()
        .any(|w| matches!(w.lower.as_str(), "." | "!" | "?" | ";" | ":"))
    {
        return None;
    }
    let subject_end = trim_adverbs(&words[..k]);
    let cue = cue_text(text, words, k, n);
    if subject_end == 0 {
        // Cue first: "said Park", "according to Reuters".
        let np = noun_phrase_after(&words[k + n..]);
        return speaker(text, &words[k + n..k + n + np], cue, q, resolved);
    }
    let subject = &words[..subject_end];
    if subject.len() > 12 {
        return None;
    }
    speaker(text, choose_segment(subject, resolved), cue, q, resolved)
}

/// `Park said: "..."`, `Park told reporters, "..."`, `according to Reuters, "..."`,
/// `the federation wrote that the plan would "..."`.
fn before_quote(text: &str, head: Range<usize>, q: &Quote, resolved: &Resolved) -> Option<Attribution> {
    if head.is_empty() {
        return None;
    }
    let words = clause_words(text, head);
    let k = (0..words.len())
        .rev()
        .find(|&i| cue_at(&words, i, true).is_some())?;
    let n = cue_at(&words, k, true)?;
    // The quote must follow the cue closely (its complement).
    if words.len() - (k + n) > 14 {
        return None;
    }
    let cue = cue_text(text, &words, k, n);
    if words[k].lower == "according" {
        let np = noun_phrase_after(&words[k + n..]);
        return speaker(text, &words[k + n..k + n + np], cue, q, resolved);
    }
    // The subject is the clause before the cue (adverbs aside).
    let mut end = k;
    while end > 0 && VERB_ADVERBS.contains(&words[end - 1].lower.as_str()) {
        end -= 1;
    }
    let mut from = end;
    while from > 0 {
        let w = &words[from - 1];
        if matches!(
            w.lower.as_str(),
            ";" | ":" | "." | "that" | "which" | "and" | "but" | "—" | "–" | "(" | ")"
        ) || is_mark(w)
        {
            break;
        }
        from -= 1;
    }
    if from == end {
        // Inverted: `Said Councilwoman Joyce Whitman: "..."`.
        let np = noun_phrase_after(&words[k + n..]);
        return speaker(text, &words[k + n..k + n + np], cue, q, resolved);
    }
    let subject = choose_segment(&words[from..end], resolved);
    speaker(text, subject, cue, q, resolved)
}

/// Picks the speaker out of a subject made of comma-separated parts:
/// "Hugh Hill, a doctor at the clinic," gives "Hugh Hill"; "Lumen's head
/// of content, Greta Holm," gives "Greta Holm"; "In a letter to the
/// committee, the federation" gives "the federation". The part naming a
/// person wins; otherwise the name before an appositive, or the last part
/// when the earlier ones are introductory phrases.
fn choose_segment<'w>(words: &'w [Word], resolved: &Resolved) -> &'w [Word] {
    let mut parts: Vec<&[Word]> = words
        .split(|w| w.lower == ",")
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() <= 1 {
        return parts.pop().unwrap_or(words);
    }
    let has_kind = |part: &[Word], kind: Kind| {
        let (Some(first), Some(last)) = (part.first(), part.last()) else {
            return false;
        };
        mentions_in(resolved, &(first.range.start..last.range.end)).any(|m| {
            m.range.end <= last.range.end
                && resolved.entities[m.entity].kind == kind
                && !part
                    .iter()
                    .take_while(|w| w.range.start < m.range.start)
                    .any(|w| PREPOSITIONS.contains(&w.lower.as_str()))
        })
    };
    for kind in [Kind::Person, Kind::Organization] {
        if let Some(p) = parts.iter().rev().find(|p| has_kind(p, kind)) {
            return p;
        }
    }
    // Introductory phrases start with a preposition ("In a letter ...").
    let intro = |p: &[Word]| {
        p.first().is_some_and(|w| {
            PREPOSITIONS.contains(&w.lower.as_str()) || w.lower == "after" || w.lower == "in"
        })
    };
    parts
        .iter()
        .find(|p| !intro(p))
        .copied()
        .unwrap_or(parts[parts.len() - 1])
}

/// Number of words ending the subject once trailing adverbs and auxiliaries
/// ("also", "has") are dropped.
fn trim_adverbs(words: &[Word]) -> usize {
    let mut end = words.len();
    while end > 0 && (VERB_ADVERBS.contains(&words[end - 1].lower.as_str()) || words[end - 1].lower == ",") {
        end -= 1;
    }
    end
}

/// Length of the noun phrase at the start of `words` (after a cue).
fn noun_phrase_after(words: &[Word]) -> usize {
    let mut n = 0;
    while n < words.len() && n < 10 {
        let w = &words[n];
        if is_punct(w) && !matches!(w.lower.as_str(), "'" | "’" | "-" | "&" | ".") {
            break;
        }
        if n > 0 && (NP_STOP.contains(&w.lower.as_str()) || text::is_weekday(&w.lower)) {
            break;
        }
        n += 1;
    }
    n
}

/// Builds the attribution for a speaker phrase.
fn speaker(text: &str, np: &[Word], cue: String, q: &Quote, resolved: &Resolved) -> Option<Attribution> {
    let mut np: Vec<&Word> = np
        .iter()
        .skip_while(|w| matches!(w.lower.as_str(), "and" | "but" | "so" | "," | "as"))
        .collect();
    // Trailing punctuation is not part of the speaker, except the period of
    // an abbreviation ("U.S.").
    while let Some(last) = np.last() {
        if !is_punct(last) {
            break;
        }
        let abbreviation = last.lower == "."
            && np.len() >= 2
            && np[np.len() - 2].range.end == last.range.start
            && (np[np.len() - 2].lower.contains('.') || np[np.len() - 2].lower.chars().count() == 1);
        if abbreviation {
            break;
        }
        np.pop();
    }
    let first = np.first()?;
    let last = np.last()?;
    if np.iter().any(|w| is_mark(w)) {
        return None;
    }
    let range = first.range.start..last.range.end;
    // A pronoun: the nearest fitting person or organization before the quote.
    if np.len() == 1 && PRONOUNS.contains(&first.lower.as_str()) {
        let entity = pronoun_antecedent(&first.lower, q, resolved);
        return Some(Attribution {
            speaker: range,
            cue,
            entity,
        });
    }
    // "the 29-year-old" refers back to a person, like a pronoun.
    let phrase = text[range.clone()].to_lowercase();
    let age = phrase
        .strip_prefix("the ")
        .and_then(|r| r.split_once("-year-old"))
        .is_some_and(|(n, rest)| {
            n.chars().all(|c| c.is_ascii_digit()) && rest.split_whitespace().count() <= 1
        });
    if age {
        if let Some(entity) =
            pronoun_antecedent("i", q, resolved).filter(|&e| resolved.entities[e].kind == Kind::Person)
        {
            return Some(Attribution {
                speaker: range,
                cue,
                entity: Some(entity),
            });
        }
    }
    // A named speaker heads the phrase unless a preposition comes first
    // ("a spokeswoman for the council" is not the council).
    let mut entity_mention = None;
    for m in mentions_in(resolved, &range) {
        if m.range.end > range.end {
            continue;
        }
        let before_mention = np.iter().take_while(|w| w.range.start < m.range.start);
        if before_mention
            .clone()
            .any(|w| PREPOSITIONS.contains(&w.lower.as_str()))
        {
            break;
        }
        let kind = resolved.entities[m.entity].kind;
        let better = match entity_mention {
            None => true,
            Some((_, k)) => k != Kind::Person && kind == Kind::Person,
        };
        if matches!(kind, Kind::Person | Kind::Organization) && better {
            entity_mention = Some((m, kind));
        }
    }
    if let Some((m, _)) = entity_mention {
        return Some(Attribution {
            speaker: m.range.clone(),
            cue,
            entity: Some(m.entity),
        });
    }
    // A phrase must look like a noun phrase: not a bare verb or number.
    if np.len() > 10 || np.iter().all(|w| is_punct(w)) {
        return None;
    }
    Some(Attribution {
        speaker: range,
        cue,
        entity: None,
    })
}

/// The person (he, she, I) or organization (it, they, we) a pronoun most
/// likely refers to: the latest fitting mention before the quote, in its
/// paragraph or the two before.
fn pronoun_antecedent(pronoun: &str, q: &Quote, resolved: &Resolved) -> Option<usize> {
    let wants_person = matches!(pronoun, "he" | "she" | "i");
    let female = match pronoun {
        "she" => Some(true),
        "he" => Some(false),
        _ => None,
    };
    let earliest_block = q.block.saturating_sub(2);
    // The latest few hundred mentions before the quote are plenty.
    let before = resolved
        .mentions
        .partition_point(|m| m.range.start < q.range.start);
    let candidates = resolved.mentions[..before]
        .iter()
        .rev()
        .take(500)
        .filter(|m| m.range.end <= q.range.start && m.block >= earliest_block && m.block <= q.block);
    for m in candidates {
        let e = &resolved.entities[m.entity];
        let fits = if wants_person {
            e.kind == Kind::Person && (female.is_none() || e.female.is_none() || e.female == female)
        } else {
            e.kind == Kind::Organization || (pronoun == "they" && e.kind == Kind::Person)
        };
        if fits {
            return Some(m.entity);
        }
    }
    None
}

/// A quote with no attribution of its own takes the speaker of the quote
/// before it in the same block, or of the previous paragraph's last quote
/// when its own paragraph is nothing but the quote.
fn inherit(text: &str, blocks: &[Block], quotes: &mut [Quote]) {
    // Whether each block holds nothing but its quotes (and punctuation).
    let mut only_quotes = vec![true; blocks.len()];
    let mut at = vec![0usize; blocks.len()];
    for (b, block) in blocks.iter().enumerate() {
        at[b] = block.range.start;
    }
    for q in quotes.iter() {
        let b = q.block;
        let start = q.marks.start.max(at[b]);
        if text[at[b]..start.min(blocks[b].range.end)]
            .chars()
            .any(char::is_alphanumeric)
        {
            only_quotes[b] = false;
        }
        at[b] = q.marks.end.max(at[b]).min(blocks[b].range.end.max(at[b]));
    }
    for (b, block) in blocks.iter().enumerate() {
        let from = at[b].min(block.range.end);
        if text[from..block.range.end].chars().any(char::is_alphanumeric) {
            only_quotes[b] = false;
        }
    }
    for i in 1..quotes.len() {
        if quotes[i].attribution.is_some() {
            continue;
        }
        let prev = &quotes[i - 1];
        let Some(a) = prev.attribution.clone() else {
            continue;
        };
        let b = quotes[i].block;
        let same_block = prev.block == b;
        let stands_alone = blocks[b].kind == BlockKind::Paragraph
            && (prev.block + 1 == b || prev.pieces.len() > 1)
            && only_quotes[b];
        if same_block || stands_alone {
            quotes[i].attribution = Some(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Block, BlockKind};

    fn paragraphs(text: &str) -> Vec<Block> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, part) in text.split("\n\n").enumerate() {
            out.push(Block {
                kind: BlockKind::Paragraph,
                range: start..start + part.len(),
                index: i,
            });
            start += part.len() + 2;
        }
        out
    }

    fn sentences_of(text: &str, blocks: &[Block]) -> Vec<Vec<Range<usize>>> {
        blocks
            .iter()
            .map(|b| text::sentences(text, b.range.clone()))
            .collect()
    }

    fn quote_texts(text: &str) -> Vec<String> {
        let blocks = paragraphs(text);
        let (quotes, _) = find(text, &blocks, &sentences_of(text, &blocks), &Resolved::default());
        quotes.iter().map(|q| q.text(text)).collect()
    }

    fn speakers(text: &str) -> Vec<(String, Option<String>)> {
        let blocks = paragraphs(text);
        let (quotes, _) = find(text, &blocks, &sentences_of(text, &blocks), &Resolved::default());
        quotes
            .iter()
            .map(|q| {
                (
                    q.text(text),
                    q.attribution
                        .as_ref()
                        .map(|a| fold_lines(&text[a.speaker.clone()]).into_owned()),
                )
            })
            .collect()
    }

    #[test]
    fn quotation_marks() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "straight",
                "\"We won the vote today,\" she said.",
                &["We won the vote today,"],
            ),
            (
                "curly",
                "“We won the vote today,” she said.",
                &["We won the vote today,"],
            ),
            (
                "guillemets",
                "« We won the vote today », she said.",
                &[" We won the vote today "],
            ),
            (
                "low-high",
                "„We won the vote today“, she said.",
                &["We won the vote today"],
            ),
            (
                "possessive",
                "The employees' letter was long and it was read out loud.",
                &[],
            ),
            (
                "decade",
                "Music of the '90s and rock 'n' roll filled the hall again.",
                &[],
            ),
            (
                "contraction",
                "Don't worry, it's fine, they're here and we've won.",
                &[],
            ),
            (
                "british",
                "‘We will appeal the ruling,’ said Park.",
                &["We will appeal the ruling,"],
            ),
            (
                "nested",
                "\"He told me 'never again' last week,\" she said.",
                &["He told me 'never again' last week,"],
            ),
            (
                "inches",
                "The 12\" pipe and 5'6\" frame were measured by the crew.",
                &[],
            ),
            (
                "scare",
                "Critics mocked the so-called \"reform\" on Tuesday.",
                &[],
            ),
            ("title", "She starred in \"Ice Cold in Alex\" long ago.", &[]),
        ];
        for (name, text, want) in cases {
            let got = quote_texts(text);
            let got: Vec<&str> = got.iter().map(String::as_str).collect();
            let want: Vec<&str> = want.to_vec();
            let got_trimmed: Vec<&str> = got.iter().map(|s| s.trim_matches(' ')).collect();
            let want_trimmed: Vec<&str> = want.iter().map(|s| s.trim_matches(' ')).collect();
            assert_eq!(got_trimmed, want_trimmed, "case {name}");
        }
    }

    #[test]
    fn continued_across_paragraphs() {
        let text = "\"We will build it this year and pay for it in full.\n\n\"Nobody will have to wait any longer,\" Park said.";
        let blocks = paragraphs(text);
        let (quotes, unpaired) = find(text, &blocks, &sentences_of(text, &blocks), &Resolved::default());
        assert!(unpaired.is_empty());
        assert_eq!(quotes.len(), 1);
        assert_eq!(
            quotes[0].text(text),
            "We will build it this year and pay for it in full. Nobody will have to wait any longer,"
        );
        assert_eq!(quotes[0].pieces.len(), 2);
    }

    #[test]
    fn unpaired_marks_are_reported() {
        let text = "He said \"we will win the case in the end and more.\n\nThe hearing ended.";
        let blocks = paragraphs(text);
        let (quotes, unpaired) = find(text, &blocks, &sentences_of(text, &blocks), &Resolved::default());
        assert_eq!(unpaired.len(), 1);
        assert_eq!(unpaired[0].offset, 8);
        assert!(unpaired[0].opening);
        assert_eq!(quotes.len(), 1);
    }

    #[test]
    fn typos_in_marks_are_recovered_and_reported() {
        let text = "\"We got it wrong and we are sorry, said Aisha Bello on Sunday.\n\nFans were unimpressed.\" Three hours in the sun is a choice,\" said Liam Walsh.";
        let blocks = paragraphs(text);
        let (quotes, unpaired) = find(text, &blocks, &sentences_of(text, &blocks), &Resolved::default());
        let got: Vec<(String, Option<String>)> = quotes
            .iter()
            .map(|q| {
                (
                    q.text(text),
                    q.attribution
                        .as_ref()
                        .map(|a| text[a.speaker.clone()].to_string()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "We got it wrong and we are sorry,".to_string(),
                    Some("Aisha Bello".to_string())
                ),
                (
                    "Three hours in the sun is a choice,".to_string(),
                    Some("Liam Walsh".to_string())
                ),
            ]
        );
        assert_eq!(unpaired.len(), 2);
    }

    #[test]
    fn attribution_patterns() {
        type Case<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);
        let cases: &[Case] = &[
            ("\"This is big,\" Park said.", &[("This is big,", Some("Park"))]),
            (
                "\"This is big,\" said Elena Park, the mayor.",
                &[("This is big,", Some("Elena Park"))],
            ),
            (
                "Park told reporters, \"This is big.\"",
                &[("This is big.", Some("Park"))],
            ),
            (
                "Hugh Hill, a doctor at the clinic, said: \"We are full.\"",
                &[("We are full.", Some("Hugh Hill"))],
            ),
            (
                "\"We are ready,\" the agency said in a statement.",
                &[("We are ready,", Some("the agency"))],
            ),
            (
                "\"We are ready,\" said a spokeswoman for the council.",
                &[("We are ready,", Some("a spokeswoman for the council"))],
            ),
            (
                "According to the report, \"costs will rise sharply next year.\"",
                &[("costs will rise sharply next year.", Some("the report"))],
            ),
            (
                "\"We will appeal,\" Park said, \"and we will win.\"",
                &[
                    ("We will appeal,", Some("Park")),
                    ("and we will win.", Some("Park")),
                ],
            ),
            (
                "\"Nobody believes it,\" he said. \"Nobody.\"",
                &[("Nobody believes it,", Some("he")), ("Nobody.", Some("he"))],
            ),
            (
                "\"This was not bad luck. It was a choice,\" Assistant U.S. Attorney Lena Hoffmann told the court.",
                &[("This was not bad luck. It was a choice,", Some("Assistant U.S. Attorney Lena Hoffmann"))],
            ),
            (
                "\"It will not pass this year at all,\" Park also said.",
                &[("It will not pass this year at all,", Some("Park"))],
            ),
            (
                "\"The water came up faster than expected.\" The crews left.",
                &[("The water came up faster than expected.", None)],
            ),
        ];
        for (text, want) in cases {
            let got = speakers(text);
            let want: Vec<(String, Option<String>)> = want
                .iter()
                .map(|(q, s)| (q.to_string(), s.map(String::from)))
                .collect();
            assert_eq!(got, want, "case {text}");
        }
    }
}
