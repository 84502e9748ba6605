//! Training the tagger: an averaged perceptron over the features in
//! [`super::features`], decoding greedily with its own predictions as
//! history (so it learns to recover from its mistakes), with a development
//! set choosing the best epoch.

use super::clusters::Clusters;
use super::conll::AnnotatedDoc;
use super::eval::{evaluate, Scores};
use super::features::{
    aggregate_features, history_features, word_features, Aggregate, Casing, DocFeatures, Memory, Resources,
    AGG_CLASSES, SLOTS,
};
use super::gazetteer::Gazetteer;
use super::model::{choose, starts_upper, Model, Row, Weights};
use super::tags::{split, Pos, Tag, NTAGS, O};
use crate::hash::FxHashMap;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Context features seen fewer times than this are dropped.
    pub min_count: u32,
    /// Averaged weights smaller than this (in absolute value) are dropped
    /// from the saved model.
    pub prune: f32,
    /// Seed for shuffling documents between epochs.
    pub seed: u64,
    /// How much an auxiliary-domain mistake moves the weights, relative to
    /// a target-domain one.
    pub aux_weight: f32,
    /// Word cluster counts per level, learned from the training text
    /// (empty: no clusters).
    pub clusters: Vec<usize>,
    /// How many documents at the end of the auxiliary text are informal
    /// (web, social media): trained on, but their capitalization is not
    /// taken for the usual casing of words.
    pub informal: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            min_count: 1,
            prune: 0.0,
            seed: 1,
            clusters: Vec::new(),
            aux_weight: 1.0,
            informal: 0,
        }
    }
}

/// One token as the trainer sees it.
struct Token {
    /// Range of its static feature ids in `Trainer::feats`.
    feats: std::ops::Range<u32>,
    gold: Tag,
    lower_h: u64,
    shape_h: u64,
    capitalized: bool,
}

/// Learns the usual casing of words from sentences not written in capitals,
/// ignoring sentence-initial words.
pub fn learn_casing<'a>(docs: impl IntoIterator<Item = &'a AnnotatedDoc>) -> Casing {
    let mut counts: FxHashMap<String, FxHashMap<String, u32>> = FxHashMap::default();
    for doc in docs {
        for s in doc {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            if crate::text::is_caps_line(&words) {
                continue;
            }
            for w in words.iter().skip(1) {
                if !w.chars().any(char::is_alphabetic) {
                    continue;
                }
                *counts
                    .entry(w.to_lowercase())
                    .or_default()
                    .entry(w.to_string())
                    .or_default() += 1;
            }
        }
    }
    let mut pairs = Vec::new();
    for (lower, forms) in counts {
        let best = forms
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(f, _)| f.clone())
            .unwrap_or_default();
        let mut chars = lower.chars();
        let title: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        if best != title {
            pairs.push((lower, best));
        }
    }
    Casing::from_pairs(pairs)
}

/// Salt that turns a feature into its copy specific to one domain.
const DOMAIN_SALT: [u64; 2] = [0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1];

/// Feature ids: every feature, and (when auxiliary data is used) its
/// per-domain copies, interned to dense indices.
struct Features {
    ids: FxHashMap<u64, u32>,
    keys: Vec<u64>,
    /// 0 for a shared feature, 1 for a target-domain copy, 2 for an
    /// auxiliary-domain copy.
    domain: Vec<u8>,
    adapt: bool,
}

impl Features {
    fn intern(&mut self, key: u64, domain: u8) -> u32 {
        *self.ids.entry(key).or_insert_with(|| {
            self.keys.push(key);
            self.domain.push(domain);
            self.keys.len() as u32 - 1
        })
    }

    /// Pushes the ids of feature `h` seen in a document of domain `aux`.
    fn push(&mut self, h: u64, aux: bool, out: &mut Vec<u32>) {
        out.push(self.intern(h, 0));
        if self.adapt {
            let d = aux as usize;
            out.push(self.intern(h ^ DOMAIN_SALT[d], 1 + d as u8));
        }
    }
}

/// Trains a model. `train` is annotated text of the kind the model is for;
/// `aux` is optional annotated text from elsewhere with other conventions,
/// used through feature augmentation: every feature gets a shared copy and a
/// copy per domain, and the saved model keeps the shared and target copies
/// added together, so conventions that differ stay with the auxiliary copy.
/// `unlabeled` adds running text for the word clusters only.
/// `log` receives one line per epoch. Returns the model of the epoch that
/// scored best on `dev` (the last one when `dev` is empty) and its
/// development scores.
pub fn train(
    train: &[AnnotatedDoc],
    aux: &[AnnotatedDoc],
    unlabeled: &[AnnotatedDoc],
    dev: &[AnnotatedDoc],
    options: &TrainOptions,
    info: &str,
    log: &mut dyn FnMut(&str),
) -> (Model, Option<Scores>) {
    let all: Vec<&AnnotatedDoc> = train.iter().chain(aux).collect();
    let edited = all.len() - options.informal.min(aux.len());
    let casing = learn_casing(all[..edited].iter().copied());
    let clusters = learn_clusters(&all, unlabeled, options, log);
    let res = Resources {
        gazetteer: Gazetteer::embedded(),
        casing: &casing,
        clusters: &clusters,
    };
    let mut data = TrainingData::extract(&all, train.len(), &res, options.min_count, !aux.is_empty());
    log(&format!(
        "{} documents ({} auxiliary), {} tokens, {} features",
        all.len(),
        aux.len(),
        data.tokens.len(),
        data.fs.keys.len()
    ));
    let mut p = Perceptron::new(data.fs.keys.len(), options.aux_weight);
    let mut best: Option<(f64, Model, Scores)> = None;
    let mut last_model = None;
    let mut rng = options.seed.max(1);
    let mut order: Vec<usize> = (0..data.doc_sentences.len()).collect();
    for epoch in 1..=options.epochs {
        shuffle(&mut order, &mut rng);
        let (errors, seen) = p.epoch(&mut data, &order);
        let model = averaged(&data.fs, &p, (&casing, &clusters), options.prune, info);
        let mut line = format!(
            "epoch {epoch}: {:.2}% training tokens wrong, {} features kept",
            100.0 * errors as f64 / seen.max(1) as f64,
            model.features()
        );
        if !dev.is_empty() {
            let scores = evaluate(&model, dev);
            let f1 = scores.total.f1();
            line.push_str(&format!(", development F1 {f1:.2}"));
            if best.as_ref().is_none_or(|b| f1 > b.0) {
                best = Some((f1, model, scores));
            }
        } else {
            last_model = Some(model);
        }
        log(&line);
    }
    match best {
        Some((_, model, scores)) => (model, Some(scores)),
        None => (
            last_model.unwrap_or_else(|| averaged(&data.fs, &p, (&casing, &clusters), options.prune, info)),
            None,
        ),
    }
}

/// Word clusters learned from the annotated and unlabeled text, when asked for.
fn learn_clusters(
    all: &[&AnnotatedDoc],
    unlabeled: &[AnnotatedDoc],
    options: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Clusters {
    if options.clusters.is_empty() {
        return Clusters::default();
    }
    let sentences: Vec<Vec<&str>> = all
        .iter()
        .copied()
        .chain(unlabeled)
        .flat_map(|d| d.iter())
        .map(|s| s.words.iter().map(String::as_str).collect::<Vec<&str>>())
        .filter(|w| !crate::text::is_caps_line(w))
        .collect();
    let c = Clusters::learn(sentences.iter().map(|s| s.as_slice()), &options.clusters, 2, 20);
    log(&format!(
        "{} words clustered into {:?} clusters",
        c.len(),
        options.clusters
    ));
    c
}

/// Every training token with its static feature ids, by document and
/// sentence.
struct TrainingData {
    fs: Features,
    /// Static feature ids of all tokens, back to back.
    feats: Vec<u32>,
    tokens: Vec<Token>,
    /// Per document, the token range of each sentence.
    doc_sentences: Vec<Vec<std::ops::Range<usize>>>,
    /// Per document, whether it is auxiliary data.
    is_aux: Vec<bool>,
}

impl TrainingData {
    /// Computes the static features of every token, counts them, and keeps
    /// those seen at least `min_count` times. The first `n_train`
    /// documents are target-domain data, the rest auxiliary.
    fn extract(
        all: &[&AnnotatedDoc],
        n_train: usize,
        res: &Resources,
        min_count: u32,
        adapt: bool,
    ) -> TrainingData {
        let mut raw: Vec<Vec<u64>> = Vec::new();
        let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
        let mut meta: Vec<(Tag, u64, u64, bool)> = Vec::new();
        let mut doc_sentences: Vec<Vec<std::ops::Range<usize>>> = Vec::new();
        for doc in all {
            let words: Vec<Vec<&str>> = doc
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let slices: Vec<&[&str]> = words.iter().map(|w| w.as_slice()).collect();
            // The training text's headlines are in capitals; it has too few
            // title-case lines to learn from, and the tagger reads them
            // best recased, as the prose it was trained on.
            let prepared = DocFeatures::new(&slices, None);
            let mut sentences = Vec::new();
            for (k, (s, w)) in doc.iter().zip(&words).enumerate() {
                let p = prepared.prepare(k, w, res);
                let first = raw.len();
                for i in 0..p.len() {
                    let mut f = Vec::with_capacity(48);
                    for slot in 0..SLOTS {
                        word_features(p.slot_form(i, slot), slot, res, &mut |h| f.push(h));
                    }
                    p.context_features(i, &mut |h| f.push(h));
                    for &h in &f {
                        *counts.entry(h).or_default() += 1;
                    }
                    raw.push(f);
                    meta.push((s.tags[i], p.lower_h[i], p.shape_h[i], starts_upper(&p.forms[i])));
                }
                sentences.push(first..raw.len());
            }
            doc_sentences.push(sentences);
        }
        let is_aux: Vec<bool> = (0..all.len()).map(|d| d >= n_train).collect();
        let mut fs = Features {
            ids: FxHashMap::default(),
            keys: Vec::new(),
            domain: Vec::new(),
            adapt,
        };
        let mut feats: Vec<u32> = Vec::new();
        let mut tokens: Vec<Token> = Vec::with_capacity(raw.len());
        let mut raw = raw.into_iter().zip(meta);
        for (d, sentences) in doc_sentences.iter().enumerate() {
            let n = sentences.last().map_or(0, |s| s.end) - sentences.first().map_or(0, |s| s.start);
            for (f, (gold, lower_h, shape_h, capitalized)) in raw.by_ref().take(n) {
                let start = feats.len() as u32;
                for h in f {
                    if counts[&h] >= min_count {
                        fs.push(h, is_aux[d], &mut feats);
                    }
                }
                tokens.push(Token {
                    feats: start..feats.len() as u32,
                    gold,
                    lower_h,
                    shape_h,
                    capitalized,
                });
            }
        }
        TrainingData {
            fs,
            feats,
            tokens,
            doc_sentences,
            is_aux,
        }
    }
}

/// The perceptron's weights and the running sums for averaging.
struct Perceptron {
    w: Vec<Row>,
    u: Vec<[f64; NTAGS]>,
    c: f64,
    /// Feature ids of the token being scored (reused).
    fx: Vec<u32>,
    /// Step size for auxiliary-domain mistakes.
    aux_weight: f32,
}

/// A token being trained on: its document, its index, and whether it ends
/// its sentence.
#[derive(Clone, Copy)]
struct At {
    doc: usize,
    token: usize,
    last: bool,
}

impl Perceptron {
    fn new(features: usize, aux_weight: f32) -> Perceptron {
        Perceptron {
            w: vec![[0.0; NTAGS]; features],
            u: vec![[0.0; NTAGS]; features],
            c: 1.0,
            fx: Vec::with_capacity(64),
            aux_weight,
        }
    }

    /// One pass over the documents in `order`, decoding each twice, as the
    /// tagger does (see [`Model::tag_document`]), with the model's own
    /// predictions as history. Returns the second decoding's mistakes and
    /// the tokens.
    fn epoch(&mut self, data: &mut TrainingData, order: &[usize]) -> (usize, usize) {
        let (mut errors, mut seen) = (0usize, 0usize);
        let mut first = Vec::new();
        let mut second = Vec::new();
        for &d in order {
            self.decode(data, d, None, &mut first);
            let offset = data.doc_sentences[d].first().map_or(0, |s| s.start);
            let tokens = &data.tokens[offset..offset + first.len()];
            let agg = Aggregate::of(
                tokens
                    .iter()
                    .zip(&first)
                    .map(|(t, &tag)| (t.lower_h, t.capitalized, tag)),
            );
            self.decode(data, d, Some((&agg, &first)), &mut second);
            for (i, &tag) in second.iter().enumerate() {
                errors += (tag != data.tokens[offset + i].gold) as usize;
            }
            seen += second.len();
        }
        (errors, seen)
    }

    /// Decodes document `d` greedily, learning from each mistake, into
    /// `guesses`; the second decoding gets the first one's aggregate and
    /// tags.
    fn decode(
        &mut self,
        data: &mut TrainingData,
        d: usize,
        agg: Option<(&Aggregate, &[Tag])>,
        guesses: &mut Vec<Tag>,
    ) {
        guesses.clear();
        let offset = data.doc_sentences[d].first().map_or(0, |s| s.start);
        let mut memory = Memory::default();
        for si in 0..data.doc_sentences[d].len() {
            let sentence = data.doc_sentences[d][si].clone();
            let (mut prev, mut prev2, mut start) = (O, O, sentence.start);
            for t in sentence.clone() {
                let at = At {
                    doc: d,
                    token: t,
                    last: t + 1 == sentence.end,
                };
                let tok = &data.tokens[t];
                let others = match agg {
                    Some((agg, first)) if tok.capitalized => agg.others(tok.lower_h, first[t - offset]),
                    _ => None,
                };
                let guess = self.step(data, at, (prev, prev2), &memory, others);
                guesses.push(guess);
                if let Some((pos, kind)) = split(guess) {
                    if matches!(pos, Pos::B | Pos::U) {
                        start = t;
                    }
                    if matches!(pos, Pos::L | Pos::U) {
                        let hashes: Vec<u64> = data.tokens[start..=t].iter().map(|x| x.lower_h).collect();
                        memory.remember(&hashes, kind);
                    }
                }
                prev2 = prev;
                prev = guess;
            }
        }
    }

    /// Predicts the token `at` and updates the weights when the
    /// prediction is wrong; returns the prediction.
    fn step(
        &mut self,
        data: &mut TrainingData,
        at: At,
        (prev, prev2): (Tag, Tag),
        memory: &Memory,
        others: Option<[u32; AGG_CLASSES]>,
    ) -> Tag {
        let tok = &data.tokens[at.token];
        self.fx.clear();
        self.fx
            .extend_from_slice(&data.feats[tok.feats.start as usize..tok.feats.end as usize]);
        let mem = memory.get(tok.lower_h, tok.capitalized);
        let (fs, fx, aux) = (&mut data.fs, &mut self.fx, data.is_aux[at.doc]);
        history_features(tok.lower_h, tok.shape_h, prev, prev2, mem, &mut |h| {
            fs.push(h, aux, fx);
        });
        if let Some(others) = others {
            aggregate_features(tok.shape_h, others, &mut |h| fs.push(h, aux, fx));
        }
        if self.w.len() < fs.keys.len() {
            self.w.resize(fs.keys.len(), [0.0; NTAGS]);
            self.u.resize(fs.keys.len(), [0.0; NTAGS]);
        }
        let mut scores = [0f32; NTAGS];
        for &id in fx.iter() {
            for (s, x) in scores.iter_mut().zip(&self.w[id as usize]) {
                *s += x;
            }
        }
        let guess = choose(&scores, prev, at.last);
        if guess != tok.gold {
            let (g, p) = (tok.gold as usize, guess as usize);
            let step = if aux { self.aux_weight } else { 1.0 };
            let stepc = step as f64 * self.c;
            for &id in fx.iter() {
                let (wr, ur) = (&mut self.w[id as usize], &mut self.u[id as usize]);
                wr[g] += step;
                ur[g] += stepc;
                wr[p] -= step;
                ur[p] -= stepc;
            }
        }
        self.c += 1.0;
        guess
    }
}

/// The averaged weights as a model, quantized exactly as they will be saved.
/// With domain adaptation, each shared feature's row gets its target-domain
/// copy added and the auxiliary copies are left out.
fn averaged(
    fs: &Features,
    p: &Perceptron,
    (casing, clusters): (&Casing, &Clusters),
    prune: f32,
    info: &str,
) -> Model {
    let (w, u, c) = (&p.w, &p.u, p.c);
    let avg = |i: usize| -> Row {
        let mut row = [0f32; NTAGS];
        for t in 0..NTAGS {
            row[t] = (w[i][t] as f64 - u[i][t] / c) as f32;
        }
        row
    };
    let mut rows: Vec<(u64, Row)> = Vec::new();
    let mut max = 0f32;
    for (i, key) in fs.keys.iter().enumerate() {
        if fs.domain[i] != 0 || i >= w.len() {
            continue;
        }
        let mut row = avg(i);
        if fs.adapt {
            if let Some(&j) = fs.ids.get(&(key ^ DOMAIN_SALT[0])) {
                if (j as usize) < w.len() {
                    for (r, x) in row.iter_mut().zip(avg(j as usize)) {
                        *r += x;
                    }
                }
            }
        }
        for v in row.iter_mut() {
            if v.abs() < prune {
                *v = 0.0;
            }
            max = max.max(v.abs());
        }
        if row.iter().any(|&v| v != 0.0) {
            rows.push((*key, row));
        }
    }
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    rows.retain_mut(|(_, row)| {
        for v in row.iter_mut() {
            *v = (*v / scale).round() * scale;
        }
        row.iter().any(|&v| v != 0.0)
    });
    Model::new(
        Weights::new(rows),
        casing.clone(),
        clusters.clone(),
        info.to_string(),
    )
}

/// Fisher-Yates with xorshift64, so training is reproducible.
fn shuffle(v: &mut [usize], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = (*state % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::conll::AnnotatedSentence;

    fn doc(text: &str) -> AnnotatedDoc {
        let words: Vec<String> = text.split(' ').map(str::to_string).collect();
        vec![AnnotatedSentence {
            tags: vec![crate::entities::tags::O; words.len()],
            words,
        }]
    }

    #[test]
    fn informal_text_teaches_no_casing() {
        let train = [doc("Yesterday the mayor of Paris spoke .")];
        let aux = [doc("Lol i was in paris and paris was fun")];
        let casing_of = |informal: usize| {
            let options = TrainOptions {
                epochs: 1,
                informal,
                ..TrainOptions::default()
            };
            let (model, _) = super::train(&train, &aux, &[], &[], &options, "", &mut |_| {});
            model.resources().casing.is_common_word("paris")
        };
        assert!(casing_of(0), "formal auxiliary text teaches its casing");
        assert!(!casing_of(1), "informal auxiliary text does not");
    }
}
