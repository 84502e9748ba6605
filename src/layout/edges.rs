//! The ends of a page's body. The body region is chosen by the sum of its
//! blocks' scores, so a short block just inside either end costs it little:
//! a menu's last item, a share button, a photo credit, a teaser's title.
//! The edge model, learned from the first and last blocks of the bodies
//! the block scores select on saved pages (`scripts/train_blocks.py`,
//! features `e:` beside the block weights), looks at those few blocks again
//! and trims the ones it scores below its line (`@edge`).

/// How many blocks at each end of the body the edge model may trim.
const EDGE_REACH: usize = 3;

/// The feature `--blocks` shows on a block the edge model trimmed.
pub(crate) const TRIMMED: &str = "edge=trimmed";

/// The fewest blocks a body must have for its ends to be trimmed: a short
/// article's last paragraph is often a short sentence after a caption.
const MIN_BODY: usize = 5;

/// An end of the body.
#[derive(Clone, Copy)]
enum Side {
    First,
    Last,
}

/// Emits the features of a block, by index, as the block model sees them.
pub(crate) type BlockFeatures<'a> = dyn Fn(usize, &mut dyn FnMut(&str)) + 'a;

/// What the edge model is given about a page's blocks, by block index.
pub(crate) struct EdgeInputs<'a> {
    /// A block's article score.
    pub score: &'a dyn Fn(usize) -> f32,
    /// Whether a block has letters (a share count has none).
    pub letters: &'a dyn Fn(usize) -> bool,
    /// Emits a block's features, as the block model sees them.
    pub features: &'a BlockFeatures<'a>,
    /// A learned weight by feature name (`e:...`, `@edge`).
    pub weight: &'a dyn Fn(&str) -> f32,
}

/// The blocks of `body` (the indices of the body's blocks, in order) that
/// the edge model trims from its ends: at most [`EDGE_REACH`] a side,
/// never the last two, and none of a body shorter than [`MIN_BODY`] blocks.
pub(crate) fn trim(body: &[usize], inputs: &EdgeInputs) -> Vec<usize> {
    let (mut lo, mut hi) = (0, body.len());
    if hi < MIN_BODY {
        return Vec::new();
    }
    let line = (inputs.weight)("@edge");
    for _ in 0..EDGE_REACH {
        if hi - lo <= 2 || edge_score(body, lo, Side::First, inputs) >= line {
            break;
        }
        lo += 1;
    }
    for _ in 0..EDGE_REACH {
        if hi - lo <= 2 || edge_score(body, hi - 1, Side::Last, inputs) >= line {
            break;
        }
        hi -= 1;
    }
    body[..lo].iter().chain(&body[hi..]).copied().collect()
}

/// The edge model's score of the body's block `j` as the first or last
/// block still kept: its own features seen from that side, its score, how
/// far in from the edge it stands, whether it has letters, and the score of
/// the block inside it.
fn edge_score(body: &[usize], j: usize, side: Side, inputs: &EdgeInputs) -> f32 {
    let weight = inputs.weight;
    let i = body[j];
    let (prefix, inner, from_edge) = match side {
        Side::First => ("e:first:", body[j + 1], j),
        Side::Last => ("e:last:", body[j - 1], body.len() - 1 - j),
    };
    let mut z = weight("e:bias");
    let mut name = String::with_capacity(48);
    (inputs.features)(i, &mut |f| {
        name.clear();
        name.push_str(prefix);
        name.push_str(f);
        z += weight(&name);
    });
    z += weight(&format!("e:score={}", score_bucket((inputs.score)(i))));
    z += weight(&format!("{prefix}k={}", from_edge.min(EDGE_REACH)));
    z += weight(&format!("{prefix}letters={}", (inputs.letters)(i)));
    z += weight(&format!("e:inner={}", score_bucket((inputs.score)(inner))));
    z
}

/// A block score in the edge model's steps.
fn score_bucket(x: f32) -> &'static str {
    const STEPS: [(f32, &str); 6] = [
        (-2.0, "<-2"),
        (-1.0, "<-1"),
        (0.0, "<0"),
        (1.0, "<1"),
        (2.0, "<2"),
        (3.0, "<3"),
    ];
    STEPS.iter().find(|(t, _)| x < *t).map_or("3+", |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs where a block's score is its index's entry in `scores`, its
    /// only feature `id=i`, and the model trims by the `id=` weights.
    fn run(scores: &[f32], weights: &[(&str, f32)], body: &[usize]) -> Vec<usize> {
        let score = |i: usize| scores[i];
        let letters = |_: usize| true;
        let features = |i: usize, emit: &mut dyn FnMut(&str)| emit(&format!("id={i}"));
        let weight = |name: &str| weights.iter().find(|(k, _)| *k == name).map_or(0.0, |(_, v)| *v);
        trim(
            body,
            &EdgeInputs {
                score: &score,
                letters: &letters,
                features: &features,
                weight: &weight,
            },
        )
    }

    #[test]
    fn ends_scored_below_the_line_are_trimmed() {
        let scores = [0.0; 8];
        let weights = [
            ("e:first:id=1", -3.0),
            ("e:last:id=6", -3.0),
            ("e:last:id=5", -3.0),
            ("@edge", -1.0),
        ];
        let body: Vec<usize> = (1..7).collect();
        // Blocks 1 (first) and 6, then 5 (last) go; 2 stops the front.
        assert_eq!(run(&scores, &weights, &body), [1, 5, 6]);
    }

    #[test]
    fn a_side_stops_at_its_reach_and_two_blocks_stay() {
        let scores = [0.0; 10];
        let weights = [("e:bias", -5.0), ("@edge", -1.0)];
        let body: Vec<usize> = (0..10).collect();
        assert_eq!(run(&scores, &weights, &body), [0, 1, 2, 7, 8, 9]);
        let short: Vec<usize> = (0..MIN_BODY).collect();
        assert_eq!(run(&scores, &weights, &short).len(), MIN_BODY - 2);
        // A shorter body is left as it is.
        assert!(run(&scores, &weights, &short[..MIN_BODY - 1]).is_empty());
    }

    #[test]
    fn score_steps() {
        assert_eq!(score_bucket(-2.5), "<-2");
        assert_eq!(score_bucket(-0.5), "<0");
        assert_eq!(score_bucket(2.99), "<3");
        assert_eq!(score_bucket(3.0), "3+");
    }
}
