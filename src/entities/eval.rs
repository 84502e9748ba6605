//! Entity scores the way conlleval computes them: a predicted entity counts
//! only when its span and kind both match a gold entity exactly.

use std::fmt::Write as _;

use super::tags::{Kind, TokenSpan};

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and right.
    pub tp: usize,
    /// Predicted but wrong.
    pub fp: usize,
    /// Missed.
    pub fn_: usize,
}

impl Counts {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.tp, self.tp + self.fp)
    }

    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.tp, self.tp + self.fn_)
    }

    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Scores accumulated over sentences.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Per kind, in [`Kind::ALL`] order.
    pub kinds: [Counts; 4],
    /// Over all kinds.
    pub total: Counts,
    /// Tokens seen.
    pub tokens: usize,
    /// Sentences seen.
    pub sentences: usize,
}

impl Scores {
    /// Adds one sentence's gold and predicted entities.
    pub fn add(&mut self, gold: &[TokenSpan], predicted: &[TokenSpan], tokens: usize) {
        self.tokens += tokens;
        self.sentences += 1;
        for p in predicted {
            let c = &mut self.kinds[p.kind as usize];
            if gold.contains(p) {
                c.tp += 1;
                self.total.tp += 1;
            } else {
                c.fp += 1;
                self.total.fp += 1;
            }
        }
        for g in gold {
            if !predicted.contains(g) {
                self.kinds[g.kind as usize].fn_ += 1;
                self.total.fn_ += 1;
            }
        }
    }

    /// A conlleval-style table.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let gold = self.total.tp + self.total.fn_;
        let found = self.total.tp + self.total.fp;
        let _ = writeln!(
            s,
            "{} tokens, {} sentences, {} gold entities, {} found, {} correct",
            self.tokens, self.sentences, gold, found, self.total.tp
        );
        let _ = writeln!(
            s,
            "{:<14}{:>10}{:>10}{:>10}{:>8}",
            "kind", "precision", "recall", "F1", "gold"
        );
        for k in Kind::ALL {
            let c = &self.kinds[k as usize];
            let _ = writeln!(
                s,
                "{:<14}{:>10.2}{:>10.2}{:>10.2}{:>8}",
                k.name(),
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp + c.fn_
            );
        }
        let t = &self.total;
        let _ = writeln!(
            s,
            "{:<14}{:>10.2}{:>10.2}{:>10.2}{:>8}",
            "overall",
            t.precision(),
            t.recall(),
            t.f1(),
            gold
        );
        s
    }
}

/// Tags the documents with `model` (rules included) and scores the result
/// against their gold tags.
pub fn evaluate(model: &super::Model, docs: &[super::conll::AnnotatedDoc]) -> Scores {
    evaluate_with(model, docs, true)
}

/// Like [`evaluate`], with the post-tagger rules switched on or off.
pub fn evaluate_with(model: &super::Model, docs: &[super::conll::AnnotatedDoc], rules: bool) -> Scores {
    let mut scores = Scores::default();
    for doc in docs {
        let words: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let predicted = super::tag_tokens(model, &words, rules);
        for (s, p) in doc.iter().zip(&predicted) {
            scores.add(&super::tags::spans(&s.tags), p, s.words.len());
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: Kind) -> TokenSpan {
        TokenSpan { start, end, kind }
    }

    #[test]
    fn exact_span_and_kind() {
        let mut s = Scores::default();
        let gold = [span(0, 2, Kind::Person), span(3, 4, Kind::Location)];
        let pred = [
            span(0, 2, Kind::Person),
            span(3, 4, Kind::Organization),
            span(5, 6, Kind::Misc),
        ];
        s.add(&gold, &pred, 6);
        assert_eq!(s.total, Counts { tp: 1, fp: 2, fn_: 1 });
        assert!((s.total.precision() - 100.0 / 3.0).abs() < 1e-9);
        assert!((s.total.recall() - 50.0).abs() < 1e-9);
        assert!((s.total.f1() - 40.0).abs() < 1e-9);
        assert_eq!(s.kinds[Kind::Location as usize].fn_, 1);
        assert!(s.report().contains("overall"));
    }
}
