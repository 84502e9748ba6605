//! Ranges already taken by mentions, for overlap tests in O(log n) each.

use std::ops::Range;

/// Byte ranges already used by mentions, for overlap tests in O(log n).
#[derive(Default)]
pub(super) struct Taken {
    /// Disjoint-or-not ranges sorted by start, with the running maximum end.
    ranges: Vec<(usize, usize, usize)>,
}

impl Taken {
    pub fn new(ranges: impl Iterator<Item = Range<usize>>) -> Taken {
        let mut t = Taken::default();
        for r in ranges {
            t.insert(r);
        }
        t
    }

    pub fn insert(&mut self, r: Range<usize>) {
        let i = self.ranges.partition_point(|x| x.0 <= r.start);
        self.ranges.insert(i, (r.start, r.end, 0));
        let mut max_end = if i > 0 { self.ranges[i - 1].2 } else { 0 };
        for x in &mut self.ranges[i..] {
            max_end = max_end.max(x.1);
            x.2 = max_end;
        }
    }

    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        // Ranges starting before r.end; the latest of them reaching past r.start?
        let i = self.ranges.partition_point(|x| x.0 < r.end);
        i > 0 && self.ranges[i - 1].2 > r.start
    }
}

pub(super) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_ranges() {
        let t = Taken::new([10..20, 0..3, 30..40].into_iter());
        assert!(t.overlaps(&(15..16)));
        assert!(t.overlaps(&(19..25)));
        assert!(!t.overlaps(&(20..30)));
        assert!(!t.overlaps(&(3..10)));
        assert!(t.overlaps(&(0..1)));
        let t = Taken::new([0..100, 10..20].into_iter());
        assert!(t.overlaps(&(50..60)));
    }
}
