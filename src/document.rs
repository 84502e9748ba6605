//! The document the analysis passes read and extend, and the types they
//! hand to one another.
//!
//! The pipeline (`pipeline::analyze`) makes one [`Document`] per article and runs
//! the passes over it in a fixed order; each pass fills the fields listed
//! under its name below and reads only fields filled before it. This module
//! holds data only: it imports no pass, so every pass can import it.
//! All ranges are byte ranges into [`Document::text`].

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One article as the passes see it.
#[derive(Clone, Debug, Default)]
pub struct Document<'t> {
    /// The decoded text (an HTML page's extracted article text).
    pub text: &'t str,

    // 1. layout
    /// Headline, byline, bullets, captions, paragraphs.
    pub layout: Layout,
    /// The blocks quotes and entities are looked for in, in text order.
    pub blocks: Vec<Block>,

    // 2. sentences and tokens
    /// Sentences of the blocks, in text order.
    pub sentences: Vec<Sentence>,
    /// Per block, the range of its sentences in [`Document::sentences`].
    pub block_sentences: Vec<Range<usize>>,
    /// The tagger's tokens of every sentence (see [`Sentence::tokens`]).
    pub tokens: Vec<Range<usize>>,
    /// Word tokens counted in the blocks.
    pub words: usize,
    /// The word tokens themselves, when asked for.
    pub word_spans: Option<Vec<Range<usize>>>,

    // 3. mentions
    /// Names found by the tagger and its rules, in text order.
    pub mentions: Vec<TaggedMention>,

    // 4. entities
    /// Mentions grouped into one entity per real-world thing.
    pub entities: Entities,

    // 5. quotes
    /// Direct quotes with their attributions, in text order.
    pub quotes: Vec<QuoteSpan>,
    /// Quotation marks left without a partner.
    pub unpaired: Vec<UnpairedMark>,

    // any pass
    /// Limits a pass reached on this article (the record's warnings).
    pub limits: Vec<LimitReached>,
}

impl<'t> Document<'t> {
    /// A document over `text` that no pass has run on yet.
    pub fn new(text: &'t str) -> Document<'t> {
        Document {
            text,
            ..Document::default()
        }
    }

    /// The sentences of block `b`.
    pub fn sentences_of(&self, b: usize) -> &[Sentence] {
        self.block_sentences
            .get(b)
            .map_or(&[], |r| &self.sentences[r.clone()])
    }
}

/// The layout of one article.
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
    /// The place named by the dateline (`LONDON`).
    pub dateline_place: Option<Range<usize>>,
    /// A publication date found in front matter, a date line or the dateline.
    pub date: Option<String>,
    /// Bullet summary items, marker removed.
    pub bullets: Vec<Range<usize>>,
    /// Photo captions with their credits.
    pub captions: Vec<CaptionSpan>,
    /// Body paragraphs, wrapped lines joined.
    pub paragraphs: Vec<Range<usize>>,
    /// Every block of the text with its class and score (see `--blocks`).
    pub page: Vec<PageBlock>,
}

impl Layout {
    /// Drops every part that does not end by byte `end` (for a text cut
    /// at the analysis limit).
    pub fn keep_within(&mut self, end: usize) {
        let fits = |r: &Range<usize>| r.end <= end;
        if !self.headline.as_ref().is_some_and(fits) {
            self.headline = None;
        }
        self.bullets.retain(fits);
        self.paragraphs.retain(fits);
        self.captions
            .retain(|c| c.text.as_ref().is_none_or(fits) && c.credit.as_ref().is_none_or(fits));
    }
}

/// One block of the text as the layout classified it.
#[derive(Clone, Debug, PartialEq)]
pub struct PageBlock {
    /// The block's text.
    pub range: Range<usize>,
    /// What the block was taken for.
    pub class: BlockClass,
    /// The article score of the block (above the region's line: article).
    pub score: f32,
    /// The features that made the score, when asked for.
    pub features: Vec<String>,
    /// The block's text when it is not part of the analyzed text (a block
    /// of an HTML page left out of the article); `range` is then empty.
    pub source: Option<String>,
}

/// What a block of a page was taken for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockClass {
    /// The headline read from the page.
    Headline,
    /// A body paragraph.
    Body,
    /// A summary bullet.
    Bullet,
    /// A subheading inside the article.
    Heading,
    /// A photo caption or credit.
    Caption,
    /// The repeated headline, byline, date or dateline line.
    Meta,
    /// The page's own text: menus, teasers, share buttons, footers.
    Boilerplate,
}

impl BlockClass {
    /// The name used in records: `headline`, `body`, `bullet`, `heading`,
    /// `caption`, `meta`, `boilerplate`.
    pub fn name(self) -> &'static str {
        match self {
            BlockClass::Headline => "headline",
            BlockClass::Body => "body",
            BlockClass::Bullet => "bullet",
            BlockClass::Heading => "heading",
            BlockClass::Caption => "caption",
            BlockClass::Meta => "meta",
            BlockClass::Boilerplate => "boilerplate",
        }
    }
}

/// A photo caption and its credit; either may be missing.
#[derive(Clone, Debug, PartialEq)]
pub struct CaptionSpan {
    /// The caption sentence.
    pub text: Option<Range<usize>>,
    /// The photo credit, label and parentheses removed.
    pub credit: Option<Range<usize>>,
}

/// What part of the article a block of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The headline.
    Headline,
    /// A bullet summary item.
    Bullet,
    /// A photo caption.
    Caption,
    /// A body paragraph.
    Paragraph,
}

/// A block of article text that quotes and entities are looked for in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Where it is.
    pub range: Range<usize>,
    /// Index among blocks of the same kind.
    pub index: usize,
}

/// One sentence of a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Index of its block in [`Document::blocks`].
    pub block: usize,
    /// The sentence, trimmed.
    pub range: Range<usize>,
    /// The range of its tagger tokens in [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// What a named entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person.
    Person,
    /// A company, agency, party, team or other organization.
    Organization,
    /// A place.
    Location,
    /// Nationalities, groups, events, products, works, laws.
    Misc,
}

impl Kind {
    /// All kinds, in tag order.
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Location, Kind::Misc];

    /// The name used in records: `person`, `organization`, `location`, `misc`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Location => "location",
            Kind::Misc => "misc",
        }
    }

    /// The CoNLL label: `PER`, `ORG`, `LOC`, `MISC`.
    pub fn conll(self) -> &'static str {
        match self {
            Kind::Person => "PER",
            Kind::Organization => "ORG",
            Kind::Location => "LOC",
            Kind::Misc => "MISC",
        }
    }

    /// Parses a CoNLL label (case-insensitive; `GEO`, `GPE` count as places).
    pub fn from_conll(label: &str) -> Option<Kind> {
        match label.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => Some(Kind::Person),
            "ORG" | "ORGANIZATION" => Some(Kind::Organization),
            "LOC" | "LOCATION" | "GEO" | "GPE" => Some(Kind::Location),
            "MISC" => Some(Kind::Misc),
            _ => None,
        }
    }

    /// Parses a record kind name (`person`, ...).
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A name found by the tagger (and its rules).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaggedMention {
    /// Where it is.
    pub range: Range<usize>,
    /// What it names.
    pub kind: Kind,
    /// Index of the block it sits in.
    pub block: usize,
}

/// A mention after resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// Where it is.
    pub range: Range<usize>,
    /// Index into [`Entities::entities`].
    pub entity: usize,
    /// Index of the block it sits in.
    pub block: usize,
}

/// One real-world thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityInfo {
    /// The fullest name used in the article.
    pub name: String,
    /// The kind most mentions were tagged with.
    pub kind: Kind,
    /// Distinct surface forms, in order of first use.
    pub aliases: Vec<String>,
    /// Indices into [`Entities::mentions`], in text order.
    pub mentions: Vec<usize>,
    /// For people: `Some(true)` when known to be a woman, `Some(false)` a man.
    pub female: Option<bool>,
}

/// Entities and their mentions for one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entities {
    /// Entities in order of first mention.
    pub entities: Vec<EntityInfo>,
    /// Mentions in text order.
    pub mentions: Vec<EntityMention>,
}

impl Entities {
    /// Mentions starting inside `range`, found by binary search (mentions
    /// are in text order).
    pub fn starting_in(&self, range: &Range<usize>) -> impl Iterator<Item = &EntityMention> {
        let first = self.mentions.partition_point(|m| m.range.start < range.start);
        let end = range.end;
        self.mentions[first..]
            .iter()
            .take_while(move |m| m.range.start < end)
    }
}

/// A direct quote found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// The quoted words, from after the opening mark to before the closing
    /// one.
    pub range: Range<usize>,
    /// One range per paragraph the quote runs through (one for most quotes).
    pub pieces: Vec<Range<usize>>,
    /// Index of the block the quote starts in.
    pub block: usize,
    /// From the opening mark to the end of the closing one (to the end of
    /// the quoted words when the quote was never closed).
    pub marks: Range<usize>,
    /// Who said it, when the text says.
    pub attribution: Option<Attribution>,
    /// A fragment quoted inside the writer's sentence rather than a whole
    /// statement.
    pub partial: bool,
}

/// The speaker and reporting verb of a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The words naming the speaker at the attribution site.
    pub speaker: Range<usize>,
    /// The reporting verb or phrase as written ("said", "according to").
    pub cue: String,
    /// The entity the speaker resolves to, if any (index into
    /// [`Entities::entities`]).
    pub entity: Option<usize>,
    /// The organization a spokesperson speaks for, if the phrase names
    /// one (index into [`Entities::entities`]).
    pub speaks_for: Option<usize>,
    /// Where the attribution was read.
    pub slot: Slot,
}

/// Where an attribution was read (see `quotes::attribution`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// After the quote: `"...," Park said`.
    After,
    /// A dash and a name after the quote: `"..." ― Jane Roe`.
    Dash,
    /// Before the quote, the subject of a reporting verb: `Park said: "..."`.
    Before,
    /// An introduction ending with a colon: `Rubio fired back: "..."`.
    Colon,
    /// The subject of the sentence the phrase is quoted in.
    Embedded,
    /// The sentence before the quote's sentence.
    Previous,
    /// The quote before it, in the same or the previous paragraph.
    Inherited,
}

impl Slot {
    /// A short name, used as a feature.
    pub fn name(self) -> &'static str {
        match self {
            Slot::After => "after",
            Slot::Dash => "dash",
            Slot::Before => "before",
            Slot::Colon => "colon",
            Slot::Embedded => "embedded",
            Slot::Previous => "previous",
            Slot::Inherited => "inherited",
        }
    }
}

/// A quotation mark without a partner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnpairedMark {
    /// Where the mark is.
    pub offset: usize,
    /// The mark.
    pub mark: char,
    /// True for an opening mark that was never closed.
    pub opening: bool,
}

/// What a warning is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningCode {
    /// A quotation mark without a partner.
    UnpairedQuote,
    /// The article is larger than the analysis limit: only its beginning
    /// was analyzed.
    Truncated,
    /// More quotes, mentions or warnings than one record keeps.
    TooMany,
    /// An HTML page in which no article text was found.
    NoArticle,
}

impl WarningCode {
    /// The code as written in records.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::UnpairedQuote => "unpaired-quote",
            WarningCode::Truncated => "truncated",
            WarningCode::TooMany => "too-many",
            WarningCode::NoArticle => "no-article",
        }
    }
}

/// A limit a pass reached: the analysis went on without what lay past it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitReached {
    /// Which limit.
    pub code: WarningCode,
    /// What was left out.
    pub message: String,
    /// Where (byte offset into the text).
    pub offset: usize,
}

#[cfg(test)]
mod tests {
    use super::BlockClass;

    #[test]
    fn block_class_names_are_the_record_values() {
        for class in [
            BlockClass::Headline,
            BlockClass::Body,
            BlockClass::Bullet,
            BlockClass::Heading,
            BlockClass::Caption,
            BlockClass::Meta,
            BlockClass::Boilerplate,
        ] {
            assert_eq!(serde_json::to_value(class).ok(), Some(class.name().into()));
        }
    }
}
