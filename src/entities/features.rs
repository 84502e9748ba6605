//! Features of the entity tagger.
//!
//! Features come in three groups, and the split is what makes tagging fast:
//! - word features depend only on one word and its position relative to the
//!   token being tagged (-2..=2), so their scores are computed once per
//!   distinct word and cached;
//! - context features look at several tokens at once (word pairs, shape
//!   triples, gazetteer matches, the sentence position, the document);
//! - history features use the tags already predicted (the previous two tags,
//!   and what the same word was tagged earlier in the document);
//! - aggregate features, in a second pass over the document, use what the
//!   first pass tagged the word's other occurrences as, before and after it
//!   (the prediction aggregation of Ratinov and Roth 2009): a name is
//!   usually the same kind of thing throughout an article.
//!
//! Training and tagging call the same functions, so a model always sees the
//! features it was trained on. Every feature is a 64-bit hash.

use std::borrow::Cow;
use std::ops::Range;

use super::clusters::{Clusters, MAX_LEVELS};
use super::gazetteer::Gazetteer;
use super::tags::{Kind, Tag};
use crate::hash::{feature, lower_hash, str_hash, FxHashMap, FxHashSet};
use crate::lexicon::STOP_WORDS;
use crate::text::is_caps_line;

/// Bumped whenever a feature changes, so old models are refused.
pub const FEATURE_VERSION: u32 = 4;

/// Number of word slots: offsets -2, -1, 0, +1, +2.
pub const SLOTS: usize = 5;

// Template ids. Never reuse a number for a different feature.
const T_BIAS: u64 = 1;
const T_FORM: u64 = 2;
const T_LOWER: u64 = 3;
const T_SHAPE: u64 = 4;
const T_PREFIX: u64 = 5;
const T_SUFFIX: u64 = 6;
const T_LEN: u64 = 7;
const T_FLAG: u64 = 8;
const T_FIRST: u64 = 9;
const T_LCWORD: u64 = 10;
const T_BI_LEFT: u64 = 11;
const T_BI_RIGHT: u64 = 12;
const T_SHAPE3: u64 = 13;
const T_INITIAL: u64 = 14;
const T_CAPS_LINE: u64 = 15;
const T_GAZ: u64 = 16;
const T_DOC_LOWER: u64 = 17;
const T_PREV: u64 = 18;
const T_PREV2: u64 = 19;
const T_PREV_WORD: u64 = 20;
const T_PREV_SHAPE: u64 = 21;
const T_MEMORY: u64 = 22;
const T_MEMORY_SHAPE: u64 = 23;
const T_GAZ_SHAPE: u64 = 24;
const T_GAZ_LEFT: u64 = 25;
const T_GAZ_RIGHT: u64 = 26;
const T_CLUSTER: u64 = 27;
const T_LEFT_WORD_SHAPE: u64 = 28;
const T_SHAPE_RIGHT_WORD: u64 = 29;
const T_AGG: u64 = 30;
const T_AGG_SHAPE: u64 = 31;
const T_AGG_ANY: u64 = 32;

/// Hashes of [`BOS`] and [`EOS`], computed once.
static BOUNDARIES: std::sync::LazyLock<(u64, u64)> =
    std::sync::LazyLock::new(|| (str_hash(BOS), str_hash(EOS)));

/// Pseudo-words before and after a sentence.
pub const BOS: &str = "\0<s>";
/// See [`BOS`].
pub const EOS: &str = "\0</s>";

/// How a language usually writes its words: lower-cased word to its usual
/// form, for words whose usual form is not simply capitalized ("the",
/// "EU", "McDonald"). Learned from training text; used to recase ALL CAPS
/// headlines and to tell common words from names.
///
/// The table is kept as its text (`lower<TAB>form` lines, sorted) with an
/// index of hashes into it, so loading a model allocates nothing per word.
#[derive(Clone, Debug, Default)]
pub struct Casing {
    text: String,
    /// Hash of the lower-cased word to the byte range of its form in `text`.
    index: FxHashMap<u64, (u32, u32)>,
}

impl Casing {
    /// Builds from `(lower, form)` pairs.
    pub fn from_pairs<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Casing {
        let mut v: Vec<(String, String)> = pairs.into_iter().collect();
        v.sort_unstable();
        v.dedup_by(|a, b| a.0 == b.0);
        let text: String = v.iter().map(|(l, f)| format!("{l}\t{f}\n")).collect();
        Casing::from_text(text)
    }

    /// Reads the table written by [`Casing::text`].
    pub fn from_text(text: String) -> Casing {
        let mut index = FxHashMap::default();
        for (line, tab) in crate::text::tab_lines(&text) {
            if let Some(tab) = tab {
                index.insert(
                    str_hash(&text[line.start..tab]),
                    ((tab + 1) as u32, (line.end - tab - 1) as u32),
                );
            }
        }
        Casing { text, index }
    }

    /// The table as text, `lower<TAB>form` per line, sorted (for saving).
    pub fn text(&self) -> &str {
        &self.text
    }

    fn form(&self, lower: &str) -> Option<&str> {
        let &(start, len) = self.index.get(&str_hash(lower))?;
        self.text.get(start as usize..(start + len) as usize)
    }

    /// The usual form of an ALL CAPS word.
    pub fn recase<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if !word.chars().any(char::is_uppercase) {
            return Cow::Borrowed(word);
        }
        let lower = word.to_lowercase();
        if let Some(form) = self.form(&lower) {
            return Cow::Owned(form.to_string());
        }
        let mut chars = lower.chars();
        match chars.next() {
            Some(first) => Cow::Owned(first.to_uppercase().chain(chars).collect()),
            None => Cow::Borrowed(word),
        }
    }

    /// Whether a sentence is written in title case ("Does Marie Yovanovitch
    /// Have a Net Worth of $17 Million?"): at least four words, no
    /// lower-case word but short function words, and of the capitalized
    /// words after the first, at least three, at least half and more than
    /// the lower-case words are usually written in lower case (a list of
    /// names or results has few, a short sentence of prose more lower-case
    /// words). Its capitals then say as little about names as a capitals
    /// line's do.
    pub fn is_title_line(&self, words: &[&str]) -> bool {
        let first_letter = |w: &&str| w.chars().next().filter(|c| c.is_alphabetic());
        // Prose is told first, cheaply: a lower-case word that is no short
        // function word.
        let mut lower = 0;
        for w in words {
            if first_letter(w).is_some_and(char::is_lowercase) {
                // A brand ("my6sense", "iPhone") is no prose.
                let brand = w.chars().any(|c| c.is_ascii_digit() || c.is_uppercase());
                if w.chars().count() > 3 && !STOP_WORDS.contains(w) && !brand {
                    return false;
                }
                lower += 1;
            }
        }
        let (mut n, mut capitalized, mut raised) = (lower, 0, 0);
        for (i, w) in words.iter().enumerate() {
            if !first_letter(w).is_some_and(char::is_uppercase) {
                continue;
            }
            n += 1;
            if i > 0 {
                capitalized += 1;
                raised += self.is_common_word(&w.to_lowercase()) as usize;
            }
        }
        n >= 4 && raised >= 3 && raised * 2 >= capitalized && raised > lower
    }

    /// How a sentence is written (see [`LineCase`]).
    pub fn line_case(&self, words: &[&str]) -> LineCase {
        if is_caps_line(words) {
            LineCase::Capitals
        } else if self.is_title_line(words) {
            LineCase::Title
        } else {
            LineCase::Prose
        }
    }

    /// True when the word is usually written in lower case.
    pub fn is_common_word(&self, lower: &str) -> bool {
        self.form(lower).is_some_and(|f| f == lower)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// The shared data features are computed from.
#[derive(Clone, Copy)]
pub struct Resources<'a> {
    /// Gazetteer lists.
    pub gazetteer: &'a Gazetteer,
    /// Usual casing of words.
    pub casing: &'a Casing,
    /// Word clusters.
    pub clusters: &'a Clusters,
}

/// Word shape: upper case `X`, lower case `x`, digits `d`, other characters
/// as themselves, runs collapsed (`McDonald` -> `XxXx`, `U.S.` -> `X.X.`),
/// at most ten characters.
pub fn shape(word: &str) -> String {
    shape_chars(word).collect()
}

/// `str_hash(&shape(word))` without building the shape.
pub fn shape_hash(word: &str) -> u64 {
    let mut h = crate::hash::Fnv::default();
    if word.is_ascii() {
        // Byte by byte, as `shape_chars` reads an ASCII word (its classes
        // are ASCII's own), for the hash of every token.
        let (mut last, mut taken) = (0u8, 0);
        for b in word.bytes() {
            let s = match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                _ => b,
            };
            if s != last {
                h.byte(s);
                taken += 1;
                if taken == SHAPE_LEN {
                    break;
                }
            }
            last = s;
        }
    } else {
        for c in shape_chars(word) {
            h.char(c);
        }
    }
    h.finish()
}

/// The most characters a word's shape has.
const SHAPE_LEN: usize = 10;

/// The characters of a word's shape.
fn shape_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = '\0';
    word.chars()
        .map(|c| {
            if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else {
                c
            }
        })
        .filter(move |&s| {
            let new = s != last;
            last = s;
            new
        })
        .take(SHAPE_LEN)
}

/// Calls `emit` with every word feature of `form` in `slot` (0..SLOTS,
/// the word's place relative to the token being tagged, -2..=2).
pub fn word_features(form: &str, slot: usize, res: &Resources, emit: &mut impl FnMut(u64)) {
    let word = Word::new(form);
    word.features(slot, res, emit);
}

/// Calls `emit(slot, feature)` with the word features of `form` in every
/// slot, computing what they share once.
pub fn word_features_all(form: &str, res: &Resources, emit: &mut impl FnMut(usize, u64)) {
    let word = Word::new(form);
    for slot in 0..SLOTS {
        word.features(slot, res, &mut |f| emit(slot, f));
    }
}

/// What the word features of one form are made of.
struct Word<'a> {
    form: &'a str,
    lower: Cow<'a, str>,
    lower_h: u64,
    shape_h: u64,
    capitalized: bool,
}

impl<'a> Word<'a> {
    fn new(form: &'a str) -> Word<'a> {
        // Borrowed when lower-casing would change nothing.
        let lower: Cow<'a, str> = if form.chars().all(|c| c.is_lowercase() || !c.is_alphabetic()) {
            Cow::Borrowed(form)
        } else {
            Cow::Owned(form.to_lowercase())
        };
        Word {
            form,
            lower_h: str_hash(&lower),
            lower,
            shape_h: shape_hash(form),
            capitalized: form.chars().next().is_some_and(char::is_uppercase),
        }
    }

    fn features(&self, slot: usize, res: &Resources, emit: &mut impl FnMut(u64)) {
        let (form, lower) = (self.form, self.lower.as_ref());
        let s = slot as u64;
        emit(feature(T_LOWER, &[s, self.lower_h]));
        emit(feature(T_SHAPE, &[s, self.shape_h]));
        if form.starts_with('\0') {
            return;
        }
        let first = res.gazetteer.first_name(lower);
        let capitalized = self.capitalized;
        if first > 0 && capitalized {
            emit(feature(T_FIRST, &[s, first as u64]));
        }
        if (1..=3).contains(&slot) {
            if let Some(ids) = res.clusters.get(form) {
                for (level, &id) in ids.iter().enumerate().take(MAX_LEVELS) {
                    if res.clusters.sizes[level] > 0 {
                        emit(feature(T_CLUSTER, &[s, level as u64, id as u64]));
                    }
                }
            }
        }
        if slot != 2 {
            return;
        }
        emit(feature(T_FORM, &[str_hash(form)]));
        // Prefixes and suffixes of one to four characters, as slices of
        // the lower-case form (nothing built for each).
        let len = lower.chars().count();
        let mut prefix_ends = lower.char_indices().map(|(i, _)| i).skip(1).chain([lower.len()]);
        let mut suffix_starts = lower.char_indices().rev().map(|(i, _)| i);
        for _ in 0..4.min(len) {
            let (end, start) = (
                prefix_ends.next().unwrap_or(lower.len()),
                suffix_starts.next().unwrap_or(0),
            );
            emit(feature(T_PREFIX, &[str_hash(&lower[..end])]));
            emit(feature(T_SUFFIX, &[str_hash(&lower[start..])]));
        }
        let len_bucket = match len {
            0..=4 => len,
            5..=6 => 5,
            7..=9 => 6,
            _ => 7,
        };
        emit(feature(T_LEN, &[len_bucket as u64]));
        let flags = [
            form.chars().any(char::is_numeric),
            form.contains('-'),
            form.contains('.'),
            form.contains('&') || form.contains('\''),
            capitalized
                && form.chars().skip(1).any(char::is_uppercase)
                && form.chars().any(char::is_lowercase),
        ];
        for (i, on) in flags.into_iter().enumerate() {
            if on {
                emit(feature(T_FLAG, &[i as u64]));
            }
        }
        if res.casing.is_common_word(lower) {
            emit(feature(T_LCWORD, &[capitalized as u64]));
        }
    }
}

/// How a sentence is written. The capitals of a line in capitals or in
/// title case are no guide to its names: the tagger reads such a line
/// recased, and the rules leave most of its names alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineCase {
    /// Running text.
    Prose,
    /// Every word in capitals (see [`is_caps_line`]).
    Capitals,
    /// Title case (see [`Casing::is_title_line`]).
    Title,
}

/// What the document knows before its sentences are prepared one by one:
/// which capitalized words it also writes in lower case, and each
/// sentence's capitals flag and lower-case hashes (computed once here and
/// handed to [`Prepared`], so no token is hashed twice).
pub struct DocFeatures {
    lower_seen: FxHashSet<u64>,
    /// Per sentence: written in capitals, and where the lower-case hashes
    /// of its words are in `hashes` (none for capitals lines, which are
    /// recased first).
    sentences: Vec<(bool, Range<usize>)>,
    hashes: Vec<u64>,
}

impl DocFeatures {
    /// Reads the document's sentences of tokens. With `lines` (each
    /// sentence's case), title-case lines are recased as capitals lines are;
    /// without, capitals lines alone.
    pub fn new(sentences: &[&[&str]], lines: Option<&[LineCase]>) -> DocFeatures {
        let mut lower_seen = FxHashSet::default();
        let mut hashes = Vec::with_capacity(sentences.iter().map(|s| s.len()).sum());
        let sentences = sentences
            .iter()
            .enumerate()
            .map(|(i, words)| {
                let caps = lines.map_or_else(|| is_caps_line(words), |l| l[i] != LineCase::Prose);
                let start = hashes.len();
                if caps {
                    return (true, start..start);
                }
                for w in words.iter() {
                    let h = lower_hash(w);
                    if w.chars().next().is_some_and(char::is_lowercase) {
                        lower_seen.insert(h);
                    }
                    hashes.push(h);
                }
                (false, start..hashes.len())
            })
            .collect();
        DocFeatures {
            lower_seen,
            sentences,
            hashes,
        }
    }

    /// Prepares sentence `i` (whose tokens are `words`) for tagging.
    pub fn prepare<'a>(&self, i: usize, words: &[&'a str], res: &Resources) -> Prepared<'a> {
        let mut p = Prepared::default();
        self.prepare_into(i, words, res, &mut p);
        p
    }

    /// Prepares sentence `i` into `p`, reusing its buffers (one
    /// [`Prepared`] serves every sentence of a document in turn).
    pub fn prepare_into<'a>(&self, i: usize, words: &[&'a str], res: &Resources, p: &mut Prepared<'a>) {
        let (caps, ref range) = self.sentences[i];
        p.fill(words, caps, &self.hashes[range.clone()], &self.lower_seen, res);
    }
}

/// A sentence ready for feature extraction.
#[derive(Default)]
pub struct Prepared<'a> {
    /// Token forms, recased when the sentence is in capitals.
    pub forms: Vec<Cow<'a, str>>,
    /// Hashes of the lower-cased forms.
    pub lower_h: Vec<u64>,
    /// Hashes of the shapes.
    pub shape_h: Vec<u64>,
    /// Gazetteer marks (see [`Gazetteer::mark_into`]).
    pub gaz: Vec<u128>,
    /// Capitalized tokens that the document also writes in lower case.
    pub doc_lower: Vec<bool>,
    /// The sentence was in capitals.
    pub caps_line: bool,
    /// Whether each form opens with a capital or a digit (reused).
    capitalized: Vec<bool>,
}

impl<'a> Prepared<'a> {
    /// Fills in one sentence of its document (see [`DocFeatures::prepare`]),
    /// from the lower-case hashes of its words unless it is in capitals.
    fn fill(
        &mut self,
        words: &[&'a str],
        caps_line: bool,
        lower_h: &[u64],
        lower_seen: &FxHashSet<u64>,
        res: &Resources,
    ) {
        self.caps_line = caps_line;
        self.forms.clear();
        if caps_line {
            self.forms.extend(words.iter().map(|w| res.casing.recase(w)));
        } else {
            self.forms.extend(words.iter().map(|w| Cow::Borrowed(*w)));
        }
        self.lower_h.clear();
        if lower_h.len() == words.len() {
            self.lower_h.extend_from_slice(lower_h);
        } else {
            self.lower_h.extend(self.forms.iter().map(|f| lower_hash(f)));
        }
        self.shape_h.clear();
        self.shape_h.extend(self.forms.iter().map(|f| shape_hash(f)));
        self.capitalized.clear();
        self.capitalized.extend(self.forms.iter().map(|f| {
            f.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        }));
        if caps_line {
            let recased: Vec<&str> = self.forms.iter().map(|f| f.as_ref()).collect();
            res.gazetteer
                .mark_into(&recased, &self.capitalized, &mut self.gaz);
        } else {
            res.gazetteer.mark_into(words, &self.capitalized, &mut self.gaz);
        }
        self.doc_lower.clear();
        self.doc_lower.extend(
            self.forms
                .iter()
                .zip(&self.lower_h)
                .enumerate()
                .map(|(i, (f, h))| {
                    i > 0 && f.chars().next().is_some_and(char::is_uppercase) && lower_seen.contains(h)
                }),
        );
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// True for an empty sentence.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// The form in `slot` around token `i`, or a boundary pseudo-word.
    pub fn slot_form(&self, i: usize, slot: usize) -> &str {
        let j = i as isize + slot as isize - 2;
        if j < 0 {
            BOS
        } else if j as usize >= self.len() {
            EOS
        } else {
            &self.forms[j as usize]
        }
    }

    /// Calls `emit` with the context features of token `i`.
    pub fn context_features(&self, i: usize, emit: &mut impl FnMut(u64)) {
        emit(bias_feature());
        self.context_features_but_bias(i, emit);
    }

    /// The context features of token `i` but the bias, which is the same
    /// for every token (the tagger adds its weights once).
    pub fn context_features_but_bias(&self, i: usize, emit: &mut impl FnMut(u64)) {
        let n = self.len();
        let (bos, eos) = *BOUNDARIES;
        // The hash at position j, or a boundary pseudo-word outside the sentence.
        let at = |values: &[u64], j: isize| {
            if j < 0 {
                bos
            } else if j as usize >= n {
                eos
            } else {
                values[j as usize]
            }
        };
        let lower = |j: isize| at(&self.lower_h, j);
        let shp = |j: isize| at(&self.shape_h, j);
        let ii = i as isize;
        emit(feature(T_BI_LEFT, &[lower(ii - 1), lower(ii)]));
        emit(feature(T_BI_RIGHT, &[lower(ii), lower(ii + 1)]));
        emit(feature(T_SHAPE3, &[shp(ii - 1), shp(ii), shp(ii + 1)]));
        // "in Xx", "Mr Xx", "Xx said": the word next to an unknown name.
        emit(feature(T_LEFT_WORD_SHAPE, &[lower(ii - 1), shp(ii)]));
        emit(feature(T_SHAPE_RIGHT_WORD, &[shp(ii), lower(ii + 1)]));
        if i == 0 {
            emit(feature(T_INITIAL, &[shp(ii)]));
        }
        if self.caps_line {
            emit(feature(T_CAPS_LINE, &[shp(ii)]));
        }
        let mut bits = self.gaz[i];
        while bits != 0 {
            let b = bits.trailing_zeros() as u64;
            bits &= bits - 1;
            emit(feature(T_GAZ, &[b]));
            emit(feature(T_GAZ_SHAPE, &[b, shp(ii)]));
        }
        if i > 0 {
            let mut bits = self.gaz[i - 1];
            while bits != 0 {
                let b = bits.trailing_zeros() as u64;
                bits &= bits - 1;
                emit(feature(T_GAZ_LEFT, &[b]));
            }
        }
        if i + 1 < n {
            let mut bits = self.gaz[i + 1];
            while bits != 0 {
                let b = bits.trailing_zeros() as u64;
                bits &= bits - 1;
                emit(feature(T_GAZ_RIGHT, &[b]));
            }
        }
        if self.doc_lower[i] {
            emit(feature(T_DOC_LOWER, &[]));
        }
    }
}

/// The bias feature, on for every token.
pub fn bias_feature() -> u64 {
    feature(T_BIAS, &[])
}

/// The features of the two previous tags alone, which the tagger adds
/// from a table rather than looking them up per token.
pub fn tag_history_features(prev: Tag, prev2: Tag) -> [u64; 2] {
    let (p, p2) = (prev as u64, prev2 as u64);
    [feature(T_PREV, &[p]), feature(T_PREV2, &[p2, p])]
}

/// Calls `emit` with the history features of a token (by its lower-case and
/// shape hashes), given the two previous tags and the kind the same word was
/// last tagged with in the document: [`tag_history_features`],
/// [`prev_tag_features`], then [`memory_features`] if the word was tagged
/// before. The tagger gathers the same features in its own order (see
/// `Model::tag_sentence`).
pub fn history_features(
    lower_h: u64,
    shape_h: u64,
    prev: Tag,
    prev2: Tag,
    memory: Option<Kind>,
    emit: &mut impl FnMut(u64),
) {
    let memory = memory.map(|kind| memory_features(shape_h, kind));
    tag_history_features(prev, prev2)
        .into_iter()
        .chain(prev_tag_features(lower_h, shape_h, prev))
        .chain(memory.into_iter().flatten())
        .for_each(emit);
}

/// The previous tag with the token's word and with its shape. Kept apart
/// from the rest of the history because the tagger looks them up ahead for
/// the likeliest previous tag, `O`.
pub fn prev_tag_features(lower_h: u64, shape_h: u64, prev: Tag) -> [u64; 2] {
    let p = prev as u64;
    [
        feature(T_PREV_WORD, &[p, lower_h]),
        feature(T_PREV_SHAPE, &[p, shape_h]),
    ]
}

/// The kind the document last tagged the same word as, alone and with the
/// token's shape.
pub fn memory_features(shape_h: u64, kind: Kind) -> [u64; 2] {
    [
        feature(T_MEMORY, &[kind as u64]),
        feature(T_MEMORY_SHAPE, &[kind as u64, shape_h]),
    ]
}

/// What the document has tagged each capitalized word as so far.
#[derive(Debug, Default)]
pub struct Memory {
    kinds: FxHashMap<u64, Kind>,
}

impl Memory {
    /// The kind the word (by lower-case hash) was last tagged with; only
    /// capitalized words are looked up.
    pub fn get(&self, lower_h: u64, capitalized: bool) -> Option<Kind> {
        if !capitalized {
            return None;
        }
        self.kinds.get(&lower_h).copied()
    }

    /// Records an entity's tokens.
    pub fn remember(&mut self, lower_h: &[u64], kind: Kind) {
        for &h in lower_h {
            self.kinds.insert(h, kind);
        }
    }
}

/// What the first pass over a document tagged each capitalized word's
/// occurrences as: counts per kind, and outside any name.
#[derive(Debug, Default)]
pub struct Aggregate {
    counts: FxHashMap<u64, [u32; AGG_CLASSES]>,
}

/// The four kinds and "outside any name".
pub const AGG_CLASSES: usize = 5;

/// The class of a first-pass tag: the kind of its name, or outside any.
fn agg_class(tag: Tag) -> usize {
    super::tags::split(tag).map_or(AGG_CLASSES - 1, |(_, k)| k as usize)
}

impl Aggregate {
    /// The aggregate of a document's tokens, each given as its lower-case
    /// hash, whether it is capitalized, and the first pass's tag.
    pub fn of(tokens: impl IntoIterator<Item = (u64, bool, Tag)>) -> Aggregate {
        let mut agg = Aggregate::default();
        for (lower_h, capitalized, tag) in tokens {
            if capitalized {
                agg.counts.entry(lower_h).or_default()[agg_class(tag)] += 1;
            }
        }
        agg
    }

    /// The counts of the word's other occurrences, given the first pass's
    /// tag of this one; `None` when it has none.
    pub fn others(&self, lower_h: u64, own: Tag) -> Option<[u32; AGG_CLASSES]> {
        let mut counts = *self.counts.get(&lower_h)?;
        let own = &mut counts[agg_class(own)];
        *own = own.saturating_sub(1);
        (counts.iter().any(|&c| c > 0)).then_some(counts)
    }
}

/// Calls `emit` with the aggregate features of a token: the class most of
/// the word's other occurrences got (alone and with the token's shape),
/// and every other class some of them got.
pub fn aggregate_features(shape_h: u64, others: [u32; AGG_CLASSES], emit: &mut impl FnMut(u64)) {
    let mut best = 0;
    for (k, &c) in others.iter().enumerate() {
        if c > others[best] {
            best = k;
        }
    }
    emit(feature(T_AGG, &[best as u64]));
    emit(feature(T_AGG_SHAPE, &[best as u64, shape_h]));
    for (k, &c) in others.iter().enumerate() {
        if c > 0 && k != best {
            emit(feature(T_AGG_ANY, &[k as u64]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let cases = [
            ("Park", "Xx"),
            ("McDonald", "XxXx"),
            ("U.S.", "X.X."),
            ("1996-08-22", "d-d-d"),
            ("AT&T", "X&X"),
            ("park", "x"),
            ("Élan", "Xx"),
        ];
        for (w, s) in cases {
            assert_eq!(shape(w), s, "{w}");
        }
    }

    #[test]
    fn shape_hash_matches_hash_of_shape() {
        for w in [
            "Park",
            "McDonald",
            "U.S.",
            "1996-08-22",
            "AT&T",
            "élan",
            "ÉTÉ",
            "x",
            "",
            "aaaaaaaaaaaaaaa-b-c-d-e-f-g",
            // A shape opens after a NUL as after nothing.
            "\0Ab",
            "2019年",
        ] {
            assert_eq!(shape_hash(w), str_hash(&shape(w)), "{w}");
        }
    }

    #[test]
    fn aggregate_counts_other_occurrences() {
        use super::super::tags::{tag, Pos, O};
        let (per, loc) = (tag(Pos::U, Kind::Person), tag(Pos::B, Kind::Location));
        // Word 4 is not capitalized: not counted.
        let agg = Aggregate::of([
            (1, true, per),
            (1, true, per),
            (1, true, O),
            (2, true, loc),
            (4, false, per),
        ]);
        assert_eq!(agg.others(1, O), Some([2, 0, 0, 0, 0]));
        assert_eq!(agg.others(1, per), Some([1, 0, 0, 0, 1]));
        assert_eq!(agg.others(2, loc), None, "its only occurrence");
        assert_eq!(agg.others(3, O), None);
        assert_eq!(agg.others(4, per), None);
        let feats = |others| {
            let mut f = Vec::new();
            aggregate_features(7, others, &mut |h| f.push(h));
            f
        };
        assert_eq!(
            feats([2, 0, 0, 0, 1]).len(),
            3,
            "majority, with shape, and the minority class"
        );
        assert_eq!(feats([2, 0, 0, 0, 0]).len(), 2);
        assert_ne!(feats([2, 0, 0, 0, 0]), feats([0, 2, 0, 0, 0]));
    }

    #[test]
    fn title_case_lines() {
        let casing = Casing::from_pairs(
            ["have", "net", "worth", "million", "stock", "exchange", "does"].map(|w| (w.into(), w.into())),
        );
        let title = |s: &str| casing.is_title_line(&s.split(' ').collect::<Vec<_>>());
        assert!(title("Does Marie Yovanovitch Have a Net Worth of $17 Million ?"));
        // A brand written in small letters is no prose.
        assert!(title("Does my6sense Have a Net Worth of $17 Million ?"));
        // Prose, however short, has lower-case words that are not function words...
        assert!(!title("Does Marie Yovanovitch have a net worth of $17 million ?"));
        // ... or more of them than capitalized common words.
        assert!(!title(
            "Magna was up 1/8 to 48-1/4 on the New York Stock Exchange ."
        ));
        // A list of names has few common words among its capitals.
        assert!(!title("Adams 123 , Barnett 87 , Moody 4-43 , Net Worth"));
        assert!(!title("Net Worth Million"));
    }

    #[test]
    fn recasing() {
        let casing = Casing::from_pairs([("the".into(), "the".into()), ("eu".into(), "EU".into())]);
        assert_eq!(casing.recase("THE"), "the");
        assert_eq!(casing.recase("EU"), "EU");
        assert_eq!(casing.recase("BRUSSELS"), "Brussels");
        assert!(casing.is_common_word("the"));
        assert!(!casing.is_common_word("eu"));
    }
}
