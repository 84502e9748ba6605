//! Learned weights shipped as text: `feature<TAB>weight` lines, `#` lines
//! for comments (data/block-weights.tsv, data/html-block-weights.tsv,
//! data/quote-keep.tsv, each written by its script under scripts/).

use crate::hash::FxHashMap;

/// Reads a weights file; lines that are not `feature<TAB>number` are
/// skipped.
pub fn parse(src: &'static str) -> FxHashMap<&'static str, f32> {
    src.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(f, w)| Some((f, w.trim().parse().ok()?)))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn features_and_weights() {
        let w = super::parse("# comment\nbias\t-0.5\nw=share\t1.25\nbroken line\nw=x\tnot a number\n");
        assert_eq!(w.len(), 2);
        assert_eq!(w["bias"], -0.5);
        assert_eq!(w["w=share"], 1.25);
    }
}
