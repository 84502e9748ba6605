//! The tagger model: feature weights, learned casing, and greedy left-to-right
//! decoding with well-formed BILOU transitions.
//!
//! A model file is compact: weights are quantized to 16 bits and stored
//! sparsely (most features carry weight for only a few tags). In memory the
//! weights stay quantized, a row per feature in an open-addressing table,
//! and the scores of each distinct word are cached per thread, which is
//! what lets tagging keep up with the rest of the analysis. A word without
//! capitals after a token outside a name (most tokens) is tagged `O`
//! without looking up its context features.

use std::cell::RefCell;
use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use super::clusters::Clusters;
use super::features::{
    aggregate_features, memory_features, prev_tag_features, Aggregate, Casing, DocFeatures, LineCase, Memory,
    Prepared, Resources, FEATURE_VERSION, SLOTS,
};
use super::gazetteer::Gazetteer;
use super::tags::{allowed, may_end, split, Pos, Tag, NTAGS, O};
use crate::hash::FxHashMap;

/// Weights of one feature, one per tag.
pub type Row = [f32; NTAGS];

/// Scores while tagging: sums of quantized weights, in units of the
/// model's scale. Integer sums are exact, so they do not depend on the
/// order the features are added in.
type Scores = [i32; NTAGS];

/// A row quantized to 16 bits: each weight is `q as f32 * scale`.
type QRow = [i16; NTAGS];

/// Feature weights in an open-addressing hash table. Each slot is one
/// 32-bit word: a probe tag from the key's top bits and the index of the
/// key's entry, so that a probe of a feature the model lacks reads only the
/// slot array (most lookups are of such features), and one it has reads
/// one slot and one entry: the key and its quantized row share a cache
/// line, and the entries are stored back to back without the table's
/// empty slots.
pub struct Weights {
    /// Per slot, 0 when empty; else the probe tag (never 0) above
    /// `index_bits`, and below them the index of the entry.
    slots: Vec<u32>,
    entries: Vec<Entry>,
    index_bits: u32,
    mask: usize,
    scale: f32,
}

/// A feature's key and its row, aligned to a cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Entry {
    row: QRow,
    key: u64,
}

impl Weights {
    /// Builds the table from `(feature, row)` pairs, quantizing the
    /// weights to 16 bits against the largest.
    pub fn new(entries: Vec<(u64, Row)>) -> Weights {
        let max = entries
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let quantized = entries
            .into_iter()
            .map(|(key, row)| Entry {
                key,
                row: row.map(|w| (w / scale).round() as i16),
            })
            .collect();
        Weights::quantized(quantized, scale)
    }

    /// Builds the table from quantized rows and their scale (a later row
    /// of the same key replaces an earlier one).
    fn quantized(mut entries: Vec<Entry>, scale: f32) -> Weights {
        for e in entries.iter_mut() {
            e.key |= 1;
        }
        // A stable sort keeps the rows of one key in their order; of
        // those, the last is kept. A model file's rows come sorted.
        if !entries.is_sorted_by_key(|e| e.key) {
            entries.sort_by_key(|e| e.key);
        }
        entries.dedup_by(|later, kept| {
            if later.key == kept.key {
                kept.row = later.row;
            }
            later.key == kept.key
        });
        // An index needs this many bits; the tag has the rest (2^31
        // entries would be 128 GB, far more than any model).
        let index_bits = (usize::BITS - entries.len().leading_zeros()).clamp(1, 31);
        // At most half full: most lookups are of absent features, and
        // their probes stay short.
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut w = Weights {
            slots: vec![0; cap],
            entries: Vec::new(),
            index_bits,
            mask: cap - 1,
            scale,
        };
        for (index, e) in entries.iter().enumerate() {
            let mut i = (e.key as usize) & w.mask;
            while w.slots[i] != 0 {
                i = (i + 1) & w.mask;
            }
            w.slots[i] = (w.tag_of(e.key) << index_bits) | index as u32;
        }
        w.entries = entries;
        w
    }

    /// A key's probe tag: its top bits (the low ones pick the slot), never 0.
    #[inline]
    fn tag_of(&self, key: u64) -> u32 {
        ((key >> 32) as u32 >> self.index_bits) | 1
    }

    /// The entry a slot points to.
    #[inline]
    fn entry_of(&self, slot: u32) -> Option<&Entry> {
        self.entries.get((slot & ((1 << self.index_bits) - 1)) as usize)
    }

    /// The entry of a feature, if the model has it.
    #[inline]
    fn entry(&self, key: u64) -> Option<&Entry> {
        let key = key | 1;
        let tag = self.tag_of(key);
        let mut i = (key as usize) & self.mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            if slot >> self.index_bits == tag {
                match self.entry_of(slot) {
                    Some(e) if e.key == key => return Some(e),
                    _ => {}
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The weights of a feature, if it has any.
    pub fn row(&self, key: u64) -> Option<Row> {
        self.entry(key).map(|e| e.row.map(|q| q as f32 * self.scale))
    }

    /// Adds a feature's quantized weights to `scores`.
    #[inline]
    fn add(&self, key: u64, scores: &mut Scores) {
        if let Some(e) = self.entry(key) {
            for (s, &q) in scores.iter_mut().zip(&e.row) {
                *s += q as i32;
            }
        }
    }

    /// Takes a feature's quantized weights from `scores` (integer sums, so
    /// adding and taking away a feature leaves them exactly as before).
    #[inline]
    fn sub(&self, key: u64, scores: &mut Scores) {
        if let Some(e) = self.entry(key) {
            for (s, &q) in scores.iter_mut().zip(&e.row) {
                *s -= q as i32;
            }
        }
    }

    /// Adds the weights of many features: those of `keys[ends[t - 1]..ends[t]]`
    /// to `scores[t]`. The first probe of every key is read before any
    /// key is looked up, so that their cache misses overlap; a key whose
    /// first probe is empty is known absent without more work.
    fn add_batch(&self, keys: &[u64], ends: &[usize], scores: &mut [Scores]) {
        const BATCH: usize = 64;
        let mut first = [0u32; BATCH];
        let mut token = 0;
        for (c, chunk) in keys.chunks(BATCH).enumerate() {
            for (f, &key) in first.iter_mut().zip(chunk) {
                *f = self.slots[((key | 1) as usize) & self.mask];
            }
            for (k, &key) in chunk.iter().enumerate() {
                let at = c * BATCH + k;
                while ends[token] <= at {
                    token += 1;
                }
                if first[k] != 0 {
                    self.add(key, &mut scores[token]);
                }
            }
        }
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no weights.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All `(feature, quantized row)` pairs, sorted by feature.
    fn entries(&self) -> Vec<(u64, &QRow)> {
        // Entries are stored sorted by key.
        self.entries.iter().map(|e| (e.key, &e.row)).collect()
    }
}

/// See [`Model::fixed`].
struct FixedScores {
    bias: Scores,
    /// By the tag before the previous one, then the previous one.
    history: [[Scores; NTAGS]; NTAGS],
}

impl FixedScores {
    fn new(weights: &Weights) -> Box<FixedScores> {
        let mut fixed = Box::new(FixedScores {
            bias: [0; NTAGS],
            history: [[[0; NTAGS]; NTAGS]; NTAGS],
        });
        weights.add(super::features::bias_feature(), &mut fixed.bias);
        for p2 in 0..NTAGS {
            for p in 0..NTAGS {
                for f in super::features::tag_history_features(p as Tag, p2 as Tag) {
                    weights.add(f, &mut fixed.history[p2][p]);
                }
            }
        }
        fixed
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A trained entity tagger.
pub struct Model {
    weights: Weights,
    /// The scores of the features every token has or that depend on the
    /// previous tags alone: the bias, and per previous two tags.
    fixed: Box<FixedScores>,
    casing: Casing,
    clusters: Clusters,
    gazetteer: &'static Gazetteer,
    /// What the model was trained on and how it scored, as written by `train`.
    pub info: String,
    gazetteer_fingerprint: u64,
    id: u64,
}

/// Why a model file could not be loaded.
#[derive(Debug)]
pub enum ModelError {
    /// Not a newsscan model file.
    NotAModel,
    /// Made for another feature set or tag set.
    Incompatible(String),
    /// Cut short or malformed.
    Corrupt(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a newsscan model file"),
            ModelError::Incompatible(why) => write!(f, "model made for another version of newsscan: {why}"),
            ModelError::Corrupt(what) => write!(f, "model file is damaged ({what})"),
        }
    }
}

impl std::error::Error for ModelError {}

const MAGIC: &[u8; 12] = b"NEWSSCAN-NER";
const FORMAT: u32 = 2;

thread_local! {
    static CACHE: RefCell<WordCache> = RefCell::new(WordCache::default());
}

/// Per-thread cache of word-feature scores, one entry per distinct form:
/// the scores in one array, found by the form's hash.
#[derive(Default)]
struct WordCache {
    model: u64,
    map: FxHashMap<u64, u32>,
    rows: Vec<[Scores; SLOTS]>,
    /// Per entry, whether the form is surely outside a name when the
    /// token before it is (see [`outside_form`]).
    outside: Vec<bool>,
    /// Per token of the sentence being tagged, whether its scores were
    /// left out of the batch (reused).
    skip: Vec<bool>,
    /// The entries of the sentence being tagged (reused).
    sentence: Vec<u32>,
    /// Feature keys of the sentence's tokens (reused).
    keys: Vec<u64>,
    /// Feature keys of a new word (reused).
    word_keys: Vec<u64>,
    /// Where each token's keys end in `keys` (reused).
    ends: Vec<usize>,
    /// Per token of the sentence, the scores that do not depend on the
    /// tags chosen (reused).
    fixed: Vec<Scores>,
}

/// What the second pass needs of each token of a document.
struct DocTokens {
    /// The scores that do not depend on the tags chosen.
    scores: Vec<Scores>,
    /// Tokens whose `scores` are not computed yet (see
    /// [`Model::sentence_scores`]).
    pending: Vec<bool>,
    lower_h: Vec<u64>,
    shape_h: Vec<u64>,
    capitalized: Vec<bool>,
    /// The token range of each sentence.
    sentences: Vec<Range<usize>>,
}

impl DocTokens {
    fn with_capacity(tokens: usize, sentences: usize) -> DocTokens {
        DocTokens {
            scores: Vec::with_capacity(tokens),
            pending: Vec::with_capacity(tokens),
            lower_h: Vec::with_capacity(tokens),
            shape_h: Vec::with_capacity(tokens),
            capitalized: Vec::with_capacity(tokens),
            sentences: Vec::with_capacity(sentences),
        }
    }
}

/// Entries kept before the cache starts over (about 17 MB).
const CACHE_LIMIT: usize = 50_000;

impl Model {
    /// A model from weights, casing and clusters, using the embedded
    /// gazetteer.
    pub fn new(weights: Weights, casing: Casing, clusters: Clusters, info: String) -> Model {
        let gazetteer = Gazetteer::embedded();
        Model {
            fixed: FixedScores::new(&weights),
            weights,
            casing,
            clusters,
            gazetteer,
            info,
            gazetteer_fingerprint: gazetteer.fingerprint,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// A model that finds nothing (when no model is available).
    pub fn empty() -> Model {
        Model::new(
            Weights::new(Vec::new()),
            Casing::default(),
            Clusters::default(),
            String::new(),
        )
    }

    /// True when the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.weights.len()
    }

    /// True when the model was trained with other gazetteer lists than the
    /// ones embedded in this binary (it still works, a little less well).
    pub fn gazetteer_mismatch(&self) -> bool {
        !self.is_empty() && self.gazetteer_fingerprint != self.gazetteer.fingerprint
    }

    /// The data features are computed from.
    pub fn resources(&self) -> Resources<'_> {
        Resources {
            gazetteer: self.gazetteer,
            casing: &self.casing,
            clusters: &self.clusters,
        }
    }

    /// The weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Tags every sentence of a document (sentences of word tokens), in two
    /// passes: the second sees what the first tagged each capitalized
    /// word's other occurrences in the document as.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let lines: Vec<LineCase> = sentences.iter().map(|w| self.casing.line_case(w)).collect();
        self.tag_lines(sentences, &lines)
    }

    /// [`Model::tag_document`] with each sentence's case (see
    /// [`Casing::line_case`]) already told.
    pub fn tag_lines(&self, sentences: &[Vec<&str>], lines: &[LineCase]) -> Vec<Vec<Tag>> {
        if self.is_empty() {
            return sentences.iter().map(|s| vec![O; s.len()]).collect();
        }
        let res = self.resources();
        let slices: Vec<&[&str]> = sentences.iter().map(|s| s.as_slice()).collect();
        let doc = DocFeatures::new(&slices, Some(lines));
        // Sized once: growing these by doubling copied them over and over.
        let n: usize = sentences.iter().map(Vec::len).sum();
        let mut tokens = DocTokens::with_capacity(n, sentences.len());
        let mut first = Vec::with_capacity(n);
        let mut p = Prepared::default();
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.model != self.id {
                cache.map.clear();
                cache.rows.clear();
                cache.outside.clear();
                cache.model = self.id;
            }
            let mut memory = Memory::default();
            // One sentence prepared at a time keeps memory small on huge
            // inputs; what the second pass needs is kept per token.
            for (i, words) in sentences.iter().enumerate() {
                doc.prepare_into(i, words, &res, &mut p);
                let start = tokens.lower_h.len();
                self.sentence_scores(&p, &mut cache);
                tokens.scores.extend_from_slice(&cache.fixed);
                tokens.pending.extend_from_slice(&cache.skip);
                tokens.lower_h.extend_from_slice(&p.lower_h);
                tokens.shape_h.extend_from_slice(&p.shape_h);
                tokens.capitalized.extend(p.forms.iter().map(|f| starts_upper(f)));
                tokens.sentences.push(start..tokens.lower_h.len());
                let mut fill = |t: usize| self.token_scores(&p, t - start, &mut cache);
                self.decode(
                    &mut tokens,
                    start..start + words.len(),
                    &mut memory,
                    None,
                    &mut first,
                    &mut fill,
                );
            }
            let agg =
                Aggregate::of((0..first.len()).map(|i| (tokens.lower_h[i], tokens.capitalized[i], first[i])));
            let mut memory = Memory::default();
            let ranges = std::mem::take(&mut tokens.sentences);
            let mut p = Prepared::default();
            ranges
                .iter()
                .zip(sentences)
                .enumerate()
                .map(|(k, (range, words))| {
                    let mut tags = Vec::with_capacity(range.len());
                    // Rarely needed: the sentence is prepared again only for
                    // a token the first pass did not score.
                    let mut prepared = false;
                    let mut fill = |t: usize| {
                        if !prepared {
                            doc.prepare_into(k, words, &res, &mut p);
                            prepared = true;
                        }
                        self.token_scores(&p, t - range.start, &mut cache)
                    };
                    self.decode(
                        &mut tokens,
                        range.clone(),
                        &mut memory,
                        Some((&agg, &first)),
                        &mut tags,
                        &mut fill,
                    );
                    tags
                })
                .collect()
        })
    }

    /// The index in the cache of a form's word-feature scores.
    fn word_rows(&self, form: &str, cache: &mut WordCache) -> u32 {
        let h = crate::hash::str_hash(form);
        if let Some(&i) = cache.map.get(&h) {
            return i;
        }
        let res = self.resources();
        let mut rows = [[0i32; NTAGS]; SLOTS];
        let mut keys = std::mem::take(&mut cache.word_keys);
        keys.clear();
        let mut ends = [0usize; SLOTS];
        super::features::word_features_all(form, &res, &mut |slot, f| {
            keys.push(f);
            ends[slot] = keys.len();
        });
        // A slot without features ends where the one before it does.
        for slot in 1..SLOTS {
            ends[slot] = ends[slot].max(ends[slot - 1]);
        }
        self.weights.add_batch(&keys, &ends, &mut rows);
        cache.word_keys = keys;
        let i = cache.rows.len() as u32;
        cache.rows.push(rows);
        cache.outside.push(outside_form(form));
        cache.map.insert(h, i);
        i
    }

    /// The scores of token `i` of a prepared sentence that do not depend
    /// on the tags chosen, looked up one by one: the scores
    /// [`Model::sentence_scores`] leaves out of its batch.
    fn token_scores(&self, p: &Prepared, i: usize, cache: &mut WordCache) -> Scores {
        let forms = window(i, p.len(), super::features::BOS, super::features::EOS, |j| {
            &*p.forms[j]
        });
        let entries = forms.map(|form| self.word_rows(form, cache) as usize);
        let mut scores = self.fixed.bias;
        add_window(&mut scores, &entries, &cache.rows);
        p.context_features_but_bias(i, &mut |f| self.weights.add(f, &mut scores));
        for f in prev_tag_features(p.lower_h[i], p.shape_h[i], O) {
            self.weights.add(f, &mut scores);
        }
        scores
    }

    /// Sums, into `cache.fixed`, the scores of each token of a sentence
    /// that do not depend on the tags chosen.
    fn sentence_scores(&self, p: &Prepared, cache: &mut WordCache) {
        let n = p.len();
        cache.fixed.clear();
        if n == 0 {
            return;
        }
        // Entries are only dropped between sentences, so that the indices
        // of one sentence stay valid.
        if cache.rows.len() >= CACHE_LIMIT {
            cache.map.clear();
            cache.rows.clear();
            cache.outside.clear();
        }
        let bos = self.word_rows(super::features::BOS, cache) as usize;
        let eos = self.word_rows(super::features::EOS, cache) as usize;
        let mut sentence = std::mem::take(&mut cache.sentence);
        sentence.clear();
        sentence.extend(p.forms.iter().map(|f| self.word_rows(f, cache)));
        let rows = &cache.rows;
        // The sentence's rows are read once, word by word, before they are
        // summed: these reads do not depend on one another, so their cache
        // misses overlap (the summing loop is too long for the processor
        // to run ahead into the next words' rows).
        let mut touched = 0i32;
        for &entry in sentence.iter() {
            let row = &rows[entry as usize];
            for slot in row {
                touched ^= slot[0] ^ slot[NTAGS - 1];
            }
        }
        std::hint::black_box(touched);
        // What does not depend on the tags chosen is summed first, for the
        // whole sentence: its lookups are independent of one another, so
        // the processor overlaps their cache misses.
        // A token surely outside a name when the one before it is (most
        // tokens) is left out of the batch: decoding tags it `O` after a
        // token outside a name, and looks its scores up only after one
        // inside a name. Never in a line of capitals, whose words are
        // recased, nor in a gazetteer's name.
        let mut skip = std::mem::take(&mut cache.skip);
        skip.clear();
        skip.extend(
            sentence
                .iter()
                .zip(&p.gaz)
                .map(|(&e, &gaz)| !p.caps_line && gaz == 0 && cache.outside[e as usize]),
        );
        let mut keys = std::mem::take(&mut cache.keys);
        let mut fixed = std::mem::take(&mut cache.fixed);
        fixed.clear();
        for (i, &skipped) in skip.iter().enumerate() {
            let mut scores = self.fixed.bias;
            if skipped {
                fixed.push(scores);
                continue;
            }
            let entries = window(i, n, bos, eos, |j| sentence[j] as usize);
            add_window(&mut scores, &entries, rows);
            fixed.push(scores);
        }
        keys.clear();
        let mut ends = std::mem::take(&mut cache.ends);
        ends.clear();
        // The features of the word with the previous tag are looked up in
        // the batch too, for `O`, the previous tag of most tokens; decoding
        // swaps them for the real tag's when it is another.
        for (i, &skipped) in skip.iter().enumerate() {
            if !skipped {
                p.context_features_but_bias(i, &mut |f| keys.push(f));
                keys.extend(prev_tag_features(p.lower_h[i], p.shape_h[i], O));
            }
            ends.push(keys.len());
        }
        self.weights.add_batch(&keys, &ends, &mut fixed);
        cache.skip = skip;
        cache.sentence = sentence;
        cache.keys = keys;
        cache.fixed = fixed;
        cache.ends = ends;
    }

    /// Decodes the tokens in `range` (one sentence) greedily into `out`,
    /// from their fixed scores; the second pass adds the aggregate features
    /// from the first pass's tags. A token whose fixed scores are pending
    /// is tagged `O` after a token outside a name; after one inside a name,
    /// `fill` gives its scores.
    fn decode(
        &self,
        tokens: &mut DocTokens,
        range: Range<usize>,
        memory: &mut Memory,
        agg: Option<(&Aggregate, &[Tag])>,
        out: &mut Vec<Tag>,
        fill: &mut impl FnMut(usize) -> Scores,
    ) {
        let end = range.end;
        let (mut prev, mut prev2) = (O, O);
        let mut start = range.start;
        for i in range {
            if tokens.pending[i] {
                if matches!(split(prev), None | Some((Pos::L | Pos::U, _))) {
                    out.push(O);
                    prev2 = prev;
                    prev = O;
                    continue;
                }
                tokens.scores[i] = fill(i);
                tokens.pending[i] = false;
            }
            let mut scores = tokens.scores[i];
            let (lower_h, shape_h) = (tokens.lower_h[i], tokens.shape_h[i]);
            for (s, h) in scores
                .iter_mut()
                .zip(&self.fixed.history[prev2 as usize][prev as usize])
            {
                *s += h;
            }
            if prev != O {
                for f in prev_tag_features(lower_h, shape_h, O) {
                    self.weights.sub(f, &mut scores);
                }
                for f in prev_tag_features(lower_h, shape_h, prev) {
                    self.weights.add(f, &mut scores);
                }
            }
            let capitalized = tokens.capitalized[i];
            if let Some(kind) = memory.get(lower_h, capitalized) {
                for f in memory_features(shape_h, kind) {
                    self.weights.add(f, &mut scores);
                }
            }
            if let Some((agg, first)) = agg.filter(|_| capitalized) {
                if let Some(others) = agg.others(lower_h, first[i]) {
                    aggregate_features(shape_h, others, &mut |f| self.weights.add(f, &mut scores));
                }
            }
            let tag = choose(&scores, prev, i + 1 == end);
            if let Some((pos, kind)) = split(tag) {
                if matches!(pos, Pos::B | Pos::U) {
                    start = i;
                }
                if matches!(pos, Pos::L | Pos::U) {
                    memory.remember(&tokens.lower_h[start..=i], kind);
                }
            }
            out.push(tag);
            prev2 = prev;
            prev = tag;
        }
    }

    /// Serializes the model (weights quantized to 16 bits).
    pub fn to_bytes(&self) -> Vec<u8> {
        let entries = self.weights.entries();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, FORMAT);
        put_u32(&mut out, FEATURE_VERSION);
        put_u32(&mut out, NTAGS as u32);
        out.extend_from_slice(&self.gazetteer_fingerprint.to_le_bytes());
        out.extend_from_slice(&self.weights.scale.to_le_bytes());
        put_u32(&mut out, entries.len() as u32);
        for (key, _) in &entries {
            out.extend_from_slice(&key.to_le_bytes());
        }
        // Sparse: the count of nonzero weights, then each one's tag and value.
        for (_, row) in &entries {
            out.push(row.iter().filter(|&&q| q != 0).count() as u8);
            for (t, q) in row.iter().enumerate().filter(|(_, &q)| q != 0) {
                out.push(t as u8);
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        put_bytes(&mut out, self.casing.text().as_bytes());
        put_bytes(&mut out, self.clusters.to_text().as_bytes());
        put_bytes(&mut out, self.info.as_bytes());
        out
    }

    /// Loads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len()).ok() != Some(&MAGIC[..]) {
            return Err(ModelError::NotAModel);
        }
        let format = r.u32()?;
        let version = r.u32()?;
        let ntags = r.u32()?;
        if format != FORMAT || version != FEATURE_VERSION || ntags as usize != NTAGS {
            return Err(ModelError::Incompatible(format!(
                "format {format}, features {version}, {ntags} tags; this build reads format {FORMAT}, features {FEATURE_VERSION}, {NTAGS} tags"
            )));
        }
        let fingerprint =
            u64::from_le_bytes(r.take(8)?.try_into().map_err(|_| ModelError::Corrupt("header"))?);
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Corrupt("header"))?);
        let n = r.u32()? as usize;
        let keys = r.take(n.checked_mul(8).ok_or(ModelError::Corrupt("size"))?)?;
        let mut entries = Vec::with_capacity(n);
        for chunk in keys.chunks_exact(8) {
            let key = u64::from_le_bytes(chunk.try_into().map_err(|_| ModelError::Corrupt("keys"))?);
            let nnz = r.take(1)?[0] as usize;
            let mut row = [0i16; NTAGS];
            for _ in 0..nnz {
                let b = r.take(3)?;
                let t = b[0] as usize;
                if t >= NTAGS {
                    return Err(ModelError::Corrupt("tag index"));
                }
                row[t] = i16::from_le_bytes([b[1], b[2]]);
            }
            entries.push(Entry { row, key });
        }
        let casing_text = std::str::from_utf8(r.bytes_field()?).map_err(|_| ModelError::Corrupt("casing"))?;
        let casing = Casing::from_text(casing_text.to_string());
        let clusters = std::str::from_utf8(r.bytes_field()?)
            .ok()
            .and_then(Clusters::from_text)
            .ok_or(ModelError::Corrupt("clusters"))?;
        let info = String::from_utf8_lossy(r.bytes_field()?).into_owned();
        let mut model = Model::new(Weights::quantized(entries, scale), casing, clusters, info);
        model.gazetteer_fingerprint = fingerprint;
        Ok(model)
    }
}

/// What stands in each slot of token `i`'s window, in a sentence of `n`
/// tokens (slot k holds the word k - 2 places away): `at(j)` for word `j`,
/// `bos` or `eos` past the sentence's ends.
#[inline]
fn window<T: Copy>(i: usize, n: usize, bos: T, eos: T, mut at: impl FnMut(usize) -> T) -> [T; SLOTS] {
    std::array::from_fn(|slot| {
        let j = i as isize + slot as isize - 2;
        if j < 0 {
            bos
        } else if j as usize >= n {
            eos
        } else {
            at(j as usize)
        }
    })
}

/// Adds the word rows of a token's window (`entries[k]`: the word `k - 2`
/// places away) to its scores.
fn add_window(scores: &mut Scores, entries: &[usize; SLOTS], rows: &[[Scores; SLOTS]]) {
    for (slot, &entry) in entries.iter().enumerate() {
        for (s, w) in scores.iter_mut().zip(&rows[entry][slot]) {
            *s += w;
        }
    }
}

/// Whether a word is surely outside a name when the token before it is:
/// it has no capital and no digit and is no particle of a person's name
/// (`de`, `van`). The tagger seldom opens a name with such a word, and the
/// rules take off the few it opens (BENCHMARKS.md, "Words without capitals
/// after a token outside a name", counts them), so decoding tags it `O`
/// there without looking up its features.
fn outside_form(form: &str) -> bool {
    !form.is_empty()
        && form.chars().all(|c| !c.is_uppercase() && !c.is_numeric())
        && !crate::lexicon::NAME_PARTICLES.contains(form)
}

/// True when a form starts with an upper-case letter.
pub fn starts_upper(form: &str) -> bool {
    form.chars().next().is_some_and(char::is_uppercase)
}

/// The best tag after `prev` that keeps the sequence well formed (the
/// first of equal scores).
#[inline]
pub fn choose<T: PartialOrd + Copy>(scores: &[T; NTAGS], prev: Tag, last: bool) -> Tag {
    let mut best: Option<(Tag, T)> = None;
    for (t, &s) in scores.iter().enumerate() {
        let t = t as Tag;
        if best.is_none_or(|(_, b)| s > b) && allowed(prev, t) && (!last || may_end(t)) {
            best = Some((t, s));
        }
    }
    best.map_or(O, |(t, _)| t)
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u32(out, b.len() as u32);
    out.extend_from_slice(b);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Corrupt("size"))?;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or(ModelError::Corrupt("truncated"))?;
        self.at = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn bytes_field(&mut self) -> Result<&'a [u8], ModelError> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lookup() {
        let mut row = [0f32; NTAGS];
        row[3] = 1.5;
        let w = Weights::new((1..1000u64).map(|k| (k * 7919, row)).collect());
        assert_eq!(w.len(), 999);
        assert_eq!(w.row(7919 * 5).map(|r| r[3]), Some(1.5));
        assert!(w.row(12345678).is_none());
    }

    /// The table keeps every weight of the embedded model: written back,
    /// it is the same file byte for byte.
    #[test]
    fn embedded_model_round_trips() {
        let bytes: &[u8] = include_bytes!("../../data/model.bin");
        let model = Model::from_bytes(bytes).unwrap();
        assert!(model.features() > 100_000);
        assert!(model.to_bytes() == bytes);
    }

    /// Rows of every density are found whole, and a key given twice keeps
    /// its last row.
    #[test]
    fn rows_of_every_density() {
        let rows: Vec<(u64, Row)> = (0..=NTAGS as u64)
            .map(|n| {
                let mut row = [0f32; NTAGS];
                for (t, w) in row.iter_mut().enumerate().take(n as usize) {
                    *w = t as f32 + 1.0;
                }
                (n.wrapping_mul(0x9E37_79B9_7F4A_7C15), row)
            })
            .chain([(0x9E37_79B9_7F4A_7C15, [-1.0; NTAGS])])
            .collect();
        let w = Weights::new(rows);
        assert_eq!(w.len(), NTAGS + 1);
        for n in 2..=NTAGS as u64 {
            let row = w.row(n.wrapping_mul(0x9E37_79B9_7F4A_7C15)).unwrap();
            for (t, &v) in row.iter().enumerate() {
                let want = if (t as u64) < n { t as f32 + 1.0 } else { 0.0 };
                assert!((v - want).abs() < 1e-2, "row {n}, tag {t}: {v}");
            }
        }
        assert!(w
            .row(0x9E37_79B9_7F4A_7C15)
            .unwrap()
            .iter()
            .all(|&v| (v + 1.0).abs() < 1e-2));
    }

    #[test]
    fn save_and_load() {
        let mut row = [0f32; NTAGS];
        row[1] = 2.0;
        row[16] = -0.5;
        let casing = Casing::from_pairs([("the".to_string(), "the".to_string())]);
        let model = Model::new(
            Weights::new(vec![(42, row), (7, [0.25; NTAGS])]),
            casing,
            Clusters::default(),
            "info".into(),
        );
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.info, "info");
        assert_eq!(back.features(), 2);
        let r = back.weights().row(42).unwrap();
        assert!((r[1] - 2.0).abs() < 1e-3 && (r[16] + 0.5).abs() < 1e-3);
        assert!(back.resources().casing.is_common_word("the"));
        assert!(matches!(Model::from_bytes(b"nope"), Err(ModelError::NotAModel)));
        for cut in [13, 40, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    /// A word without capitals is tagged `O` after a token outside a name
    /// without its features, and scored in full after one inside a name,
    /// in the first pass and, when only the second pass opens the name
    /// before it, in the second.
    #[test]
    fn words_without_capitals_inside_names() {
        use super::super::features::shape_hash;
        use super::super::tags::tag;
        use crate::document::Kind;
        use crate::hash::lower_hash;
        let row = |t: Tag, w: f32| {
            let mut row = [0f32; NTAGS];
            row[t as usize] = w;
            row
        };
        let [b, i, l, u] = [Pos::B, Pos::I, Pos::L, Pos::U].map(|pos| tag(pos, Kind::Organization));
        let mut weights = Vec::new();
        let mut after = |word: &str, prev: Tag, t: Tag, w: f32| {
            for f in prev_tag_features(lower_hash(word), shape_hash(word), prev) {
                weights.push((f, row(t, w)));
            }
        };
        // "Reserve" opens a name and "Bank" is one; the word before "NW"
        // goes on a name (in the scores decoding has to look up), and "NW"
        // closes it.
        after("Reserve", O, b, 10.0);
        after("Bank", O, u, 10.0);
        after("NW", i, l, 10.0);
        let (casing, clusters) = (Casing::default(), Clusters::default());
        let res = Resources {
            gazetteer: Gazetteer::embedded(),
            casing: &casing,
            clusters: &clusters,
        };
        super::super::features::word_features("NW", 3, &res, &mut |f| weights.push((f, row(i, 10.0))));
        // A word written like "Bank" that is an organization elsewhere in
        // the document opens one.
        let mut others = [0; super::super::features::AGG_CLASSES];
        others[Kind::Organization as usize] = 1;
        aggregate_features(shape_hash("Bank"), others, &mut |f| {
            weights.push((f, row(b, 20.0)))
        });
        let model = Model::new(
            Weights::new(weights),
            casing.clone(),
            clusters.clone(),
            String::new(),
        );
        let tags = model.tag_document(&[vec!["Reserve", "of", "NW"], vec!["so", "of", "SW"]]);
        assert_eq!(tags, vec![vec![b, i, l], vec![O, O, O]]);
        // The first pass tags the second "Bank" a name of its own, so `of`
        // after it is not scored; the second pass opens a name there.
        let tags = model.tag_document(&[vec!["Bank"], vec!["Bank", "of", "NW"]]);
        assert_eq!(tags[1], vec![b, i, l]);
    }

    /// The second pass lets a later occurrence of a word decide an earlier
    /// one that has no context of its own.
    #[test]
    fn second_pass_sees_later_occurrences() {
        let u_loc = super::super::tags::tag(Pos::U, crate::document::Kind::Location) as usize;
        let mut strong = [0f32; NTAGS];
        strong[u_loc] = 10.0;
        let mut weights = Vec::new();
        // "in" makes the next word a place (slot 1 holds the previous word).
        let (casing, clusters) = (Casing::default(), Clusters::default());
        let res = Resources {
            gazetteer: Gazetteer::embedded(),
            casing: &casing,
            clusters: &clusters,
        };
        super::super::features::word_features("in", 1, &res, &mut |f| weights.push((f, strong)));
        let shape = super::super::features::shape_hash("Paris");
        let mut others = [0; super::super::features::AGG_CLASSES];
        others[crate::document::Kind::Location as usize] = 1;
        aggregate_features(shape, others, &mut |f| weights.push((f, strong)));
        let model = Model::new(
            Weights::new(weights),
            casing.clone(),
            clusters.clone(),
            String::new(),
        );
        let tags = model.tag_document(&[vec!["Paris", "!"], vec!["in", "Paris"]]);
        assert_eq!(tags, vec![vec![u_loc as Tag, O], vec![O, u_loc as Tag]]);
        // Without the other occurrence nothing marks the word.
        assert_eq!(model.tag_document(&[vec!["Paris", "!"]]), vec![vec![O, O]]);
    }

    #[test]
    fn choose_respects_transitions() {
        let mut scores = [0f32; NTAGS];
        scores[O as usize] = 1.0;
        scores[2] = 3.0; // I-PER
        scores[10] = 9.0; // I-LOC
        assert_eq!(choose(&scores, 1, false), 2, "I-LOC cannot continue B-PER");
        assert_eq!(choose(&scores, O, false), O, "no continuation after O");
        scores[O as usize] = 5.0;
        assert_eq!(choose(&scores, 1, false), O, "an open entity may end early");
    }
}
