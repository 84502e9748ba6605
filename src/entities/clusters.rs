//! Word clusters learned from running text, used as tagger features.
//!
//! Words that occur after the same words tend to be the same sort of word:
//! surnames cluster with surnames, club names with club names. The tagger
//! can then treat a name it never saw in annotated text like the names it
//! did see, if the name shares a cluster with them. Clusters come from the
//! predictive exchange algorithm (Uszkoreit and Brants, 2008), run at a few
//! granularities; it is deterministic, so a rebuilt model is identical.

use crate::hash::{str_hash, FxHashMap};
use crate::text::{line_text, tab_lines};

/// Cluster ids of a word, one per granularity.
pub type Ids = [u16; MAX_LEVELS];

/// Granularities at most.
pub const MAX_LEVELS: usize = 3;

/// Learned clusters. Kept as their text (for saving) and an index from the
/// hash of each word to its ids, so loading allocates nothing per word.
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    /// Number of clusters at each level (0 for an unused level).
    pub sizes: [u16; MAX_LEVELS],
    map: FxHashMap<u64, Ids>,
    text: String,
}

impl Clusters {
    /// Cluster ids of a word form, if it was clustered.
    pub fn get(&self, form: &str) -> Option<&Ids> {
        self.map.get(&str_hash(form))
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when nothing was clustered.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Serializes as text: a header line of sizes, then `word<TAB>id id id`
    /// lines sorted by word.
    pub fn to_text(&self) -> String {
        self.text.clone()
    }

    /// Parses [`Clusters::to_text`] output; `None` when malformed.
    pub fn from_text(text: &str) -> Option<Clusters> {
        let mut lines = tab_lines(text);
        let Some((header, _)) = lines.next() else {
            return Some(Clusters::default());
        };
        let sizes = parse_ids(line_text(text, header))?;
        let mut map = FxHashMap::default();
        for (line, tab) in lines {
            let tab = tab?;
            map.insert(
                str_hash(&text[line.start..tab]),
                parse_ids(line_text(text, tab + 1..line.end))?,
            );
        }
        Some(Clusters {
            sizes,
            map,
            text: text.to_string(),
        })
    }

    /// Learns clusters from sentences of word forms. `sizes` gives the
    /// number of clusters per level (at most [`MAX_LEVELS`]); words seen
    /// fewer than `min_count` times are not clustered.
    pub fn learn<'a>(
        sentences: impl IntoIterator<Item = &'a [&'a str]>,
        sizes: &[usize],
        min_count: u32,
        iterations: usize,
    ) -> Clusters {
        // Vocabulary: id 0 is the sentence boundary, id 1 rare words.
        let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
        let sentences: Vec<&[&str]> = sentences.into_iter().collect();
        for s in &sentences {
            for w in s.iter() {
                *counts.entry(w).or_default() += 1;
            }
        }
        let mut vocab: Vec<(&str, u32)> = counts.into_iter().filter(|(_, c)| *c >= min_count).collect();
        vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        for (i, (w, _)) in vocab.iter().enumerate() {
            ids.insert(w, i as u32 + 2);
        }
        let v = vocab.len() + 2;
        let id_of = |w: &str| ids.get(w).copied().unwrap_or(1);
        // Bigram counts, then each word's predecessors.
        let mut bigrams: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut total = 0usize;
        for s in &sentences {
            let mut prev = 0u32;
            for w in s.iter().map(|w| id_of(w)).chain(std::iter::once(0)) {
                *bigrams.entry((prev, w)).or_default() += 1;
                prev = w;
                total += 1;
            }
        }
        let mut pred: Vec<Vec<(u32, u32)>> = vec![Vec::new(); v];
        let mut succ_count = vec![0u32; v];
        let mut pairs: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
        pairs.sort_unstable();
        for ((p, w), c) in pairs {
            pred[w as usize].push((p, c));
            succ_count[w as usize] += c;
        }
        let table: Vec<f64> = (0..=total + 1)
            .map(|x| if x == 0 { 0.0 } else { x as f64 * (x as f64).ln() })
            .collect();
        let f = |x: u32| table[x as usize];

        let mut sizes_arr = [0u16; MAX_LEVELS];
        let mut assignment: Vec<Ids> = vec![[0; MAX_LEVELS]; v];
        for (level, &size) in sizes.iter().take(MAX_LEVELS).enumerate() {
            let k = size.clamp(2, u16::MAX as usize);
            sizes_arr[level] = k as u16;
            let class = exchange(&pred, &succ_count, v, k, iterations, &f);
            for (w, c) in class.into_iter().enumerate() {
                assignment[w][level] = c as u16;
            }
        }
        let mut entries: Vec<(&str, Ids)> = vocab
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (*w, assignment[i + 2]))
            .collect();
        entries.sort_unstable();
        let mut text = format!("{} {} {}\n", sizes_arr[0], sizes_arr[1], sizes_arr[2]);
        for (w, ids) in &entries {
            text.push_str(&format!("{w}\t{} {} {}\n", ids[0], ids[1], ids[2]));
        }
        Clusters::from_text(&text).unwrap_or_default()
    }
}

fn parse_ids(s: &str) -> Option<Ids> {
    let mut ids = [0u16; MAX_LEVELS];
    let mut rest = Some(s);
    for id in ids.iter_mut() {
        // Cut at the next space by bytes, as `split(' ')` would.
        let part = rest?;
        let (this, after) = match part.as_bytes().iter().position(|&b| b == b' ') {
            Some(at) => (&part[..at], Some(&part[at + 1..])),
            None => (part, None),
        };
        *id = this.parse().ok()?;
        rest = after;
    }
    Some(ids)
}

/// Predictive exchange clustering into `k` classes; returns each word's class.
fn exchange(
    pred: &[Vec<(u32, u32)>],
    succ_count: &[u32],
    v: usize,
    k: usize,
    iterations: usize,
    f: &dyn Fn(u32) -> f64,
) -> Vec<usize> {
    // Words by frequency; the boundary and rare-word ids keep fixed classes.
    let mut order: Vec<usize> = (2..v).collect();
    order.sort_by(|&a, &b| succ_count[b].cmp(&succ_count[a]).then(a.cmp(&b)));
    let mut class = vec![0usize; v];
    class[1] = 1 % k;
    for (rank, &w) in order.iter().enumerate() {
        class[w] = rank % k;
    }
    // m[p * k + c]: times word p is followed by a word of class c.
    let mut m = vec![0u32; v * k];
    let mut n = vec![0u32; k];
    for w in 0..v {
        let c = class[w];
        n[c] += succ_count[w];
        for &(p, cnt) in &pred[w] {
            m[p as usize * k + c] += cnt;
        }
    }
    let mut gain = vec![0f64; k];
    for _ in 0..iterations {
        let mut moved = 0;
        for &w in &order {
            let a = class[w];
            let nw = succ_count[w];
            if nw == 0 {
                continue;
            }
            for &(p, cnt) in &pred[w] {
                m[p as usize * k + a] -= cnt;
            }
            n[a] -= nw;
            for (b, g) in gain.iter_mut().enumerate() {
                *g = f(n[b]) - f(n[b] + nw);
            }
            for &(p, cnt) in &pred[w] {
                let row = &m[p as usize * k..(p as usize + 1) * k];
                for (g, &x) in gain.iter_mut().zip(row) {
                    *g += f(x + cnt) - f(x);
                }
            }
            let mut best = a;
            for b in 0..k {
                if gain[b] > gain[best] + 1e-9 {
                    best = b;
                }
            }
            for &(p, cnt) in &pred[w] {
                m[p as usize * k + best] += cnt;
            }
            n[best] += nw;
            if best != a {
                class[w] = best;
                moved += 1;
            }
        }
        if moved == 0 {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_contexts_share_a_cluster() {
        let text =
            "Mr Smith said . Mr Jones said . Mr Brown said . the cat sat . the dog sat . the cow sat .";
        let words: Vec<&str> = text.split(' ').collect();
        let sentences: Vec<&[&str]> = words.chunks(4).collect();
        let sentences: Vec<&[&str]> = (0..20).flat_map(|_| sentences.iter().copied()).collect();
        let c = Clusters::learn(sentences, &[2], 1, 10);
        let id = |w: &str| c.get(w).unwrap()[0];
        assert_eq!(id("Smith"), id("Jones"));
        assert_eq!(id("cat"), id("dog"));
        assert_ne!(id("Smith"), id("cat"));
        let back = Clusters::from_text(&c.to_text()).unwrap();
        assert_eq!(back.get("Brown"), c.get("Brown"));
    }
}
