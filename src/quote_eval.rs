//! Scoring quote extraction against hand-annotated articles.
//!
//! The gold file is JSON Lines, one article per line:
//! `{"path": "...", "quotes": [{"text": "...", "speaker": "...", "named": true}]}`.
//! A predicted quote matches a gold one when their words agree (case, outer
//! punctuation and spacing aside) or one holds the other and covers at least
//! half of it, so a quote split by its attribution still finds its half.
//! Speaker accuracy counts matched quotes whose gold speaker is named in the
//! text (`named`, true by default).

use std::fmt::Write as _;

use serde::Deserialize;

use crate::record::Quote;

/// One annotated article.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldArticle {
    /// Path of the article file.
    pub path: String,
    /// Every direct quote in it.
    pub quotes: Vec<GoldQuote>,
}

/// One annotated quote.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldQuote {
    /// The quoted words.
    pub text: String,
    /// Who said it: the canonical name, or the phrase the text uses.
    pub speaker: Option<String>,
    /// Whether the text names the speaker (not just "the report").
    #[serde(default = "yes")]
    pub named: bool,
}

fn yes() -> bool {
    true
}

/// Counts over all articles.
#[derive(Clone, Debug, Default)]
pub struct QuoteScores {
    /// Gold quotes.
    pub gold: usize,
    /// Predicted quotes.
    pub predicted: usize,
    /// Gold quotes found.
    pub found: usize,
    /// Predicted quotes that match a gold one.
    pub correct: usize,
    /// Found gold quotes with a named speaker.
    pub named: usize,
    /// ... of which the predicted speaker is right.
    pub named_right: usize,
    /// Found gold quotes with an unnamed speaker phrase, and how many match.
    pub unnamed: (usize, usize),
    /// One line per miss, false quote or wrong speaker.
    pub problems: Vec<String>,
}

fn normalize(s: &str) -> String {
    s.trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('’', "'")
}

fn matches(gold: &str, predicted: &str) -> bool {
    let (g, p) = (normalize(gold), normalize(predicted));
    if g == p {
        return true;
    }
    let (short, long) = if g.len() < p.len() { (&g, &p) } else { (&p, &g) };
    !short.is_empty() && long.contains(short.as_str()) && short.len() * 2 >= long.len()
}

impl QuoteScores {
    /// Adds one article.
    pub fn add(&mut self, article: &GoldArticle, predicted: &[Quote]) {
        self.gold += article.quotes.len();
        self.predicted += predicted.len();
        let mut used = vec![false; predicted.len()];
        for g in &article.quotes {
            let hit = predicted
                .iter()
                .enumerate()
                .find(|(i, p)| !used[*i] && matches(&g.text, &p.text))
                .map(|(i, _)| i);
            let Some(i) = hit else {
                self.problems
                    .push(format!("{}: missed {:?}", article.path, g.text));
                continue;
            };
            used[i] = true;
            self.found += 1;
            let want = g.speaker.as_deref().map(normalize);
            let got = predicted[i].speaker.as_deref().map(normalize);
            let right = want == got;
            if g.named && want.is_some() {
                self.named += 1;
                self.named_right += right as usize;
            } else {
                self.unnamed.0 += 1;
                self.unnamed.1 += right as usize;
            }
            if !right {
                self.problems.push(format!(
                    "{}: speaker of {:?}: want {:?}, got {:?}",
                    article.path, g.text, g.speaker, predicted[i].speaker
                ));
            }
        }
        for (p, u) in predicted.iter().zip(&used) {
            if !u {
                // A second half of a quote the gold keeps whole is not false.
                if article.quotes.iter().any(|g| matches(&g.text, &p.text)) {
                    self.predicted -= 1;
                    continue;
                }
                self.problems
                    .push(format!("{}: not a gold quote {:?}", article.path, p.text));
            }
        }
        self.correct = self.predicted
            - self
                .problems
                .iter()
                .filter(|p| p.contains("not a gold quote"))
                .count();
    }

    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.found, self.gold)
    }

    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.correct, self.predicted)
    }

    /// Speaker accuracy on named speakers, in percent.
    pub fn speaker_accuracy(&self) -> f64 {
        pct(self.named_right, self.named)
    }

    /// A readable summary followed by the problems.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{} gold quotes, {} predicted", self.gold, self.predicted);
        let _ = writeln!(
            s,
            "recall              {:6.2}  ({} of {} gold quotes found)",
            self.recall(),
            self.found,
            self.gold
        );
        let _ = writeln!(
            s,
            "precision           {:6.2}  ({} of {} predicted quotes are quotes)",
            self.precision(),
            self.correct,
            self.predicted
        );
        let _ = writeln!(
            s,
            "speaker accuracy    {:6.2}  ({} of {} found quotes with a named speaker)",
            self.speaker_accuracy(),
            self.named_right,
            self.named
        );
        let _ = writeln!(
            s,
            "unnamed speakers    {:6.2}  ({} of {} phrases such as \"the report\" match)",
            pct(self.unnamed.1, self.unnamed.0),
            self.unnamed.1,
            self.unnamed.0
        );
        for p in &self.problems {
            let _ = writeln!(s, "  {p}");
        }
        s
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(text: &str, speaker: Option<&str>) -> Quote {
        Quote {
            text: text.into(),
            start: 0,
            end: 0,
            paragraph: None,
            block: crate::record::BlockKind::Paragraph,
            partial: false,
            speaker: speaker.map(String::from),
            speaker_kind: None,
            speaker_for: None,
            speaker_text: None,
            speaker_start: None,
            speaker_end: None,
            cue: None,
        }
    }

    #[test]
    fn scores_recall_precision_and_speakers() {
        let gold: GoldArticle = serde_json::from_str(
            r#"{"path": "a.txt", "quotes": [
                {"text": "We won,", "speaker": "Elena Park"},
                {"text": "We lost.", "speaker": "David Ortiz"},
                {"text": "It is fine,", "speaker": "the report", "named": false}]}"#,
        )
        .unwrap();
        let mut s = QuoteScores::default();
        s.add(
            &gold,
            &[
                quote("we won", Some("Elena Park")),
                quote("We lost.", Some("Park")),
                quote("Not a quote at all", None),
            ],
        );
        assert_eq!((s.gold, s.found, s.predicted, s.correct), (3, 2, 3, 2));
        assert_eq!((s.named, s.named_right), (2, 1));
        assert!((s.recall() - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.problems.len(), 3);
    }
}
