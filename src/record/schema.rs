//! The record's types: field names and order are the JSON schema
//! documented in README.md.

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::document::{BlockClass, BlockKind, Kind, WarningCode};

/// One analyzed article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The file the article came from (`-` for standard input); absent for
    /// JSON Lines input, which carries `id` instead.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    /// The `id` of a JSON Lines input record.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub id: Option<Value>,
    /// `utf-8`, `windows-1252`, `utf-16le` or `utf-16be`, or the charset an
    /// HTML page declares.
    pub encoding: String,
    /// `text`, or `html` for a page whose article was found in its markup.
    pub source_format: String,
    /// The headline, or null when the article has none.
    pub headline: Option<String>,
    /// The byline as written.
    pub byline: Option<String>,
    /// Author names from the byline.
    pub authors: Vec<String>,
    /// The dateline opening the first paragraph, such as `LONDON (Reuters)`.
    pub dateline: Option<String>,
    /// A publication date as written in the article, if one was found.
    pub date: Option<String>,
    /// Bullet summary items.
    pub bullets: Vec<String>,
    /// Photo captions and their credits.
    pub captions: Vec<Caption>,
    /// Body paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// Direct quotes with their speakers.
    pub quotes: Vec<Quote>,
    /// Named entities, one per real-world thing.
    pub entities: Vec<Entity>,
    /// Names of the organization entities, in order of first mention.
    pub organizations: Vec<String>,
    /// Problems found in the text that did not stop the analysis.
    pub warnings: Vec<Warning>,
    /// Counts.
    pub stats: Stats,
    /// Word tokens, with `--tokens`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tokens: Option<Vec<Span>>,
    /// Sentence spans, with `--sentences`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sentences: Option<Vec<Span>>,
    /// Every block of the text with its class, score and features, with
    /// `--blocks`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub blocks: Option<Vec<PageBlock>>,
    /// For an HTML page, the article's text as found in it: every offset in
    /// the record indexes this text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text: Option<String>,
    /// Fields of a JSON Lines input record other than `id` and `text`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub meta: Option<Value>,
}

/// A block of the text as the layout classified it (`--blocks`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageBlock {
    /// What the block was taken for: `body`, `bullet`, `heading`,
    /// `caption`, `meta` or `boilerplate`.
    pub class: BlockClass,
    /// The block's text, lines joined.
    pub text: String,
    /// Start of the block in the analyzed text (null for a block of an
    /// HTML page that is not in the article's text).
    pub start: Option<usize>,
    /// End of the block (exclusive).
    pub end: Option<usize>,
    /// The block's article score: the body is the region of blocks scored
    /// above the line.
    pub score: f32,
    /// The features that made the score.
    pub features: Vec<String>,
}

/// A photo caption.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Caption {
    /// The caption sentence; empty when only a credit was found.
    pub text: String,
    /// The photo credit, such as `Tom Reyes / Coastline Photo Agency`.
    pub credit: Option<String>,
}

/// A stretch of text with its offsets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// The text, with line breaks inside it folded into single spaces.
    pub text: String,
    /// Start offset (code points).
    pub start: usize,
    /// End offset (code points), exclusive.
    pub end: usize,
}

/// A body paragraph.
pub type Paragraph = Span;

/// A direct quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Start of the quoted words.
    pub start: usize,
    /// End of the quoted words (exclusive).
    pub end: usize,
    /// Index of the paragraph holding the quote's start, or null when the
    /// quote sits in the headline, a bullet or a caption.
    pub paragraph: Option<usize>,
    /// Where the quote sits: `paragraph`, `headline`, `bullet` or `caption`.
    pub block: BlockKind,
    /// A fragment quoted inside the writer's sentence (`called it "a
    /// disgrace"`) rather than a whole statement.
    pub partial: bool,
    /// Canonical name of who is quoted, or null when nothing attributes it.
    pub speaker: Option<String>,
    /// Kind of the speaker's entity (`person`, `organization`, ...), if any.
    pub speaker_kind: Option<Kind>,
    /// The organization a spokesperson speaks for ("a spokeswoman for the
    /// Port Authority" speaks for the Port Authority), if the text says.
    pub speaker_for: Option<String>,
    /// The words naming the speaker at the attribution site.
    pub speaker_text: Option<String>,
    /// Start of `speaker_text`.
    pub speaker_start: Option<usize>,
    /// End of `speaker_text` (exclusive).
    pub speaker_end: Option<usize>,
    /// The reporting verb or phrase, such as `said` or `according to`.
    pub cue: Option<String>,
}

/// A named entity and all its mentions in the article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The fullest name the article uses.
    pub name: String,
    /// `person`, `organization`, `location` or `misc`.
    pub kind: Kind,
    /// Number of mentions.
    pub count: usize,
    /// Distinct surface forms, in order of first use.
    pub aliases: Vec<String>,
    /// Number of quotes attributed to this entity.
    pub quotes: usize,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The words as written (possessive `'s` excluded).
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

/// A problem in the text that analysis worked around.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// A stable identifier, such as `unpaired-quote`.
    pub code: WarningCode,
    /// A human-readable description.
    pub message: String,
    /// Code point offset of the problem.
    pub offset: usize,
}

/// Counts for one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Size of the input in bytes.
    pub bytes: usize,
    /// Code points in the decoded text.
    pub chars: usize,
    /// Word tokens in the headline, bullets, captions and paragraphs.
    pub words: usize,
    /// Sentences in the headline, bullets, captions and paragraphs.
    pub sentences: usize,
    /// Number of paragraphs.
    pub paragraphs: usize,
}
