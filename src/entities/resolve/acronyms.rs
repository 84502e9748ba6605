//! Acronyms: a name the text defines an acronym for (`Coastline Transit
//! Authority (CTA)`) is completed and joined by every later use of the
//! acronym; well-known acronyms (`data/acronyms.txt`) join their full names.

use std::ops::Range;
use std::sync::LazyLock;

use super::clustering::{key, org_key, Clustering, Node};
use super::taken::{overlaps, Taken};
use crate::document::{Block, Kind, TaggedMention};
use crate::hash::FxHashMap;

/// Well-known acronyms: acronym key to the keys of its full name (as
/// written, and without a legal suffix).
static ACRONYMS: LazyLock<FxHashMap<String, (String, String)>> = LazyLock::new(|| {
    include_str!("../../../data/acronyms.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, f)| {
            let full = key(f);
            let short = org_key(&full);
            (key(a), (full, short))
        })
        .collect()
});

/// Acronym definitions looked at per article, at most: enough for any real
/// article, and a bound on the work a hostile one can cause.
const MAX_DEFINITIONS: usize = 64;

/// A name the text defines an acronym for (`Parent Teacher Association
/// (PTA)`) is a name whatever the tagger found: the mention is widened to
/// the words whose initials make the acronym, or added.
pub(super) fn complete_defined_names(
    text: &str,
    mentions: &[TaggedMention],
    blocks: &[Block],
) -> Vec<TaggedMention> {
    let mut out: Vec<TaggedMention> = mentions.to_vec();
    let mut definitions = 0;
    for (block, b) in blocks.iter().enumerate() {
        let para = &b.range;
        let hay = &text[para.clone()];
        for (p, _) in hay.match_indices('(') {
            if definitions >= MAX_DEFINITIONS {
                break;
            }
            let abs = para.start + p;
            let Some(acr) = parenthesized_acronym(text, abs) else {
                continue;
            };
            // Capitalized words (and small joining words) before the bracket.
            let before = &hay[..p];
            let mut words: Vec<(usize, &str)> = Vec::new();
            let mut end = before.trim_end().len();
            while words.len() < 10 {
                let start = before[..end]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let w = &before[start..end];
                let small = matches!(w, "of" | "and" | "the" | "for" | "&" | "on" | "in" | "de");
                if w.is_empty() || !(small || w.chars().next().is_some_and(char::is_uppercase)) {
                    break;
                }
                words.push((start, w));
                if start == 0 {
                    break;
                }
                end = before[..start].trim_end().len();
            }
            // The shortest run ending at the bracket whose initials match.
            let found = (1..=words.len()).find_map(|n| {
                let run: Vec<&str> = words[..n].iter().rev().map(|(_, w)| *w).collect();
                let first = run.first()?;
                (!matches!(*first, "of" | "and" | "the" | "for" | "&" | "on" | "in" | "de")
                    && initials_match(&run.join(" "), &acr))
                .then(|| words[n - 1].0)
            });
            let Some(start) = found else { continue };
            definitions += 1;
            let range = para.start + start..para.start + before.trim_end().len();
            // Mentions inside the name give way to it; one reaching outside
            // means the tagger saw something else, and wins.
            if out.iter().any(|m| {
                overlaps(&m.range, &range) && (m.range.start < range.start || m.range.end > range.end)
            }) {
                continue;
            }
            let inside: Vec<Kind> = out
                .iter()
                .filter(|m| overlaps(&m.range, &range))
                .map(|m| m.kind)
                .collect();
            out.retain(|m| !overlaps(&m.range, &range));
            let kind = match inside.first() {
                Some(Kind::Location) => Kind::Location,
                _ => Kind::Organization,
            };
            out.push(TaggedMention { range, kind, block });
        }
    }
    out.sort_by_key(|m| (m.range.start, m.range.end));
    out
}

/// Finds the acronyms defined right after a name (`... Authority (CTA)`)
/// and adds every later bare use of them, linked to the name.
pub(super) fn add_defined_acronym_uses(c: &mut Clustering, text: &str, blocks: &[Block]) {
    for (i, node) in c.nodes.iter().enumerate() {
        if c.defined.len() >= MAX_DEFINITIONS {
            break;
        }
        if let Some(acr) = parenthesized_acronym(text, node.range.end) {
            if initials_match(&node.surface, &acr) {
                c.defined.push((acr, i));
            }
        }
    }
    let taken = Taken::new(c.nodes.iter().map(|n| n.range.clone()));
    let mut extra: Vec<(Node, usize)> = Vec::new();
    let mut extra_taken = Taken::default();
    for (acr, owner) in &c.defined {
        for (block, b) in blocks.iter().enumerate() {
            for r in whole_word_occurrences(text, b.range.clone(), acr) {
                if !taken.overlaps(&r) && !extra_taken.overlaps(&r) {
                    extra_taken.insert(r.clone());
                    let node = Node {
                        range: r,
                        kind: c.nodes[*owner].kind,
                        block,
                        surface: acr.clone(),
                        key: key(acr),
                        derived: true,
                    };
                    extra.push((node, *owner));
                }
            }
        }
    }
    for (node, owner) in extra {
        c.add_linked(node, owner);
    }
}

/// Joins tagged mentions that are a defined acronym with its name.
pub(super) fn link_defined_acronyms(c: &mut Clustering) {
    let mut pairs = Vec::new();
    for (acr, owner) in &c.defined {
        let k = key(acr);
        for (i, node) in c.nodes.iter().enumerate() {
            if node.key == k {
                pairs.push((i, *owner));
            }
        }
    }
    for (a, b) in pairs {
        c.union(a, b);
    }
}

/// Joins well-known acronyms with their full names.
pub(super) fn link_known_acronyms(c: &mut Clustering) {
    let mut first_with_key: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, node) in c.nodes.iter().enumerate() {
        first_with_key.entry(node.key.as_str()).or_insert(i);
    }
    let mut pairs = Vec::new();
    for (i, node) in c.nodes.iter().enumerate() {
        if let Some((full, short)) = ACRONYMS.get(&node.key) {
            let f = first_with_key
                .get(full.as_str())
                .or_else(|| first_with_key.get(short.as_str()));
            if let Some(&f) = f {
                pairs.push((i, f));
            }
        }
    }
    for (a, b) in pairs {
        c.union(a, b);
    }
}

/// Distinct names of several words looked at as what an undefined
/// acronym stands for, at most: a bound on the work per article.
const MAX_SPELLED_NAMES: usize = 256;

/// Distinct undefined acronyms looked up per article, at most (with
/// [`MAX_SPELLED_NAMES`], a bound on the initials compared).
const MAX_SPELLED_ACRONYMS: usize = 256;

/// An acronym as written: two to six capital letters, with or without
/// periods (`FAA`, `U.N.`).
fn is_acronym(surface: &str) -> bool {
    // Counted without collecting: this runs for every name of an article.
    let (mut letters, mut capitals) = (0, 0);
    for c in surface.chars().filter(|c| *c != '.') {
        if c.is_ascii_uppercase() {
            capitals += 1;
        } else if c != '&' {
            return false;
        }
        letters += 1;
    }
    (2..=6).contains(&letters) && capitals >= 2
}

/// The name without a leading article or country ("the U.S. Federal
/// Aviation Administration" gives "Federal Aviation Administration").
fn without_prefix(name: &str) -> &str {
    let mut rest = name.trim();
    for prefix in ["the ", "The ", "U.S. ", "US ", "U.K. ", "UK "] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest).trim_start();
    }
    rest
}

/// Acronyms the text never defines join the name whose initials they spell
/// ("the FAA" after "the Federal Aviation Administration", with or without
/// "U.S." before it): of the names that fit, the one first written
/// nearest before the acronym, else the first after it.
pub(super) fn link_spelled_acronyms(c: &mut Clustering) {
    let defined: crate::hash::FxHashSet<String> = c.defined.iter().map(|(a, _)| key(a)).collect();
    // The first node of each distinct name of two words or more.
    let mut names: Vec<usize> = Vec::new();
    let mut seen: crate::hash::FxHashSet<&str> = crate::hash::FxHashSet::default();
    for (i, node) in c.nodes.iter().enumerate() {
        if names.len() == MAX_SPELLED_NAMES {
            break;
        }
        if !node.derived && node.surface.split_whitespace().count() >= 2 && seen.insert(node.key.as_str()) {
            names.push(i);
        }
    }
    let mut chosen: FxHashMap<String, Option<usize>> = FxHashMap::default();
    let mut pairs = Vec::new();
    for (i, node) in c.nodes.iter().enumerate() {
        if !is_acronym(&node.surface) || defined.contains(&node.key) {
            continue;
        }
        if !chosen.contains_key(&node.key) && chosen.len() == MAX_SPELLED_ACRONYMS {
            continue;
        }
        let target = *chosen.entry(node.key.clone()).or_insert_with(|| {
            let fits: Vec<usize> = names
                .iter()
                .copied()
                .filter(|&n| initials_match(without_prefix(&c.nodes[n].surface), &node.surface))
                .collect();
            fits.iter()
                .copied()
                .filter(|&n| n < i)
                .max()
                .or_else(|| fits.first().copied())
        });
        if let Some(t) = target {
            pairs.push((i, t));
        }
    }
    for (a, b) in pairs {
        c.union(a, b);
    }
}

/// The acronym in parentheses at or right after `end`: `(CTA)`.
fn parenthesized_acronym(text: &str, end: usize) -> Option<String> {
    let rest = text[end..].strip_prefix(' ').unwrap_or(&text[end..]);
    let inner = rest.strip_prefix('(')?;
    // An acronym is short: the closing bracket is looked for nearby only,
    // so a text of unclosed brackets stays linear.
    let close = inner.bytes().take(32).position(|b| b == b')')?;
    let acr = &inner[..close];
    let letters = acr.chars().filter(|c| c.is_alphabetic()).count();
    let ok = (2..=10).contains(&letters)
        && acr
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
        && acr.chars().next().is_some_and(char::is_uppercase);
    ok.then(|| acr.to_string())
}

/// Whether `acr` spells `name`: every word gives its initial, in order
/// (small words such as "of" may be skipped), and a word may give further
/// letters from inside it (FHWA for Federal HighWay Administration, USDA
/// for U.S. Department of Agriculture), two at most in all, as long as two
/// words at least give their initials.
pub(super) fn initials_match(name: &str, acr: &str) -> bool {
    if !may_open(name, acr) {
        return false;
    }
    let want: Vec<char> = acr
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<Vec<char>> = name
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '.' | '/'))
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    if want.len() < 2 || words.is_empty() || words.len() > 16 {
        return false;
    }
    let mut seen = crate::hash::FxHashSet::default();
    spells(&words, &want, (0, 0, 0, 0), &mut seen)
}

/// Words that an acronym may leave out.
const SMALL_WORDS: [&str; 10] = ["of", "the", "and", "for", "&", "de", "on", "in", "to", "at"];

/// Whether a word, as its lower-case letters, is one of [`SMALL_WORDS`].
fn small_word(w: &[char]) -> bool {
    let w: String = w.iter().collect();
    SMALL_WORDS.contains(&w.as_str())
}

/// Whether the acronym's first letter is the initial of the name's first
/// word, or of a word after small words only: what [`spells`] needs before
/// it reads on, checked without building anything (most names an article
/// holds spell no acronym of it).
fn may_open(name: &str, acr: &str) -> bool {
    let Some(first) = acr.chars().find(|c| c.is_alphabetic()) else {
        return false;
    };
    for w in name
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '.' | '/'))
        .filter(|w| !w.is_empty())
    {
        // Compared as `spells` compares: the first letter of each lower case.
        if w.chars().next().and_then(|c| c.to_lowercase().next()) == first.to_lowercase().next() {
            return true;
        }
        if !SMALL_WORDS.iter().any(|s| w.eq_ignore_ascii_case(s)) {
            return false;
        }
    }
    false
}

/// Whether `want[at..]` spells `words[word..]`, the current word being read
/// from its character `inner` (0 at its start), with `extra` inner letters
/// used so far. Failed states are remembered, so the search stays small.
fn spells(
    words: &[Vec<char>],
    want: &[char],
    state: (usize, usize, usize, usize),
    failed: &mut crate::hash::FxHashSet<(usize, usize, usize, usize)>,
) -> bool {
    let (word, inner, at, extra) = state;
    if failed.contains(&state) {
        return false;
    }
    let found = if word == words.len() {
        // Two words at least must give their initials.
        at == want.len() && at - extra >= 2
    } else if inner == 0 {
        let w = &words[word];
        let initial = at < want.len() && w.first() == Some(&want[at]);
        (initial && spells(words, want, (word, 1, at + 1, extra), failed))
            || (small_word(w) && spells(words, want, (word + 1, 0, at, extra), failed))
    } else {
        // Go on to the next word, or take a later letter of this one.
        let w = &words[word];
        spells(words, want, (word + 1, 0, at, extra), failed)
            || (extra < 2
                && at < want.len()
                && (inner..w.len())
                    .filter(|&k| w[k] == want[at])
                    .any(|k| spells(words, want, (word, k + 1, at + 1, extra + 1), failed)))
    };
    if !found {
        failed.insert(state);
    }
    found
}

/// Whole-word occurrences of `word` in `text[range]`.
fn whole_word_occurrences(text: &str, range: Range<usize>, word: &str) -> Vec<Range<usize>> {
    let hay = &text[range.clone()];
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = hay[from..].find(word) {
        let s = from + p;
        let e = s + word.len();
        let before_ok = hay[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push(range.start + s..range.start + e);
        }
        from = e;
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials() {
        let yes = [
            ("Coastline Transit Authority", "CTA"),
            ("Bureau of Labor Statistics", "BLS"),
            ("Federal Highway Administration", "FHWA"),
            ("U.S. Department of Agriculture", "USDA"),
            ("National Aeronautics and Space Administration", "NASA"),
            ("Parent-Teacher Association", "PTA"),
        ];
        for (name, acr) in yes {
            assert!(initials_match(name, acr), "{acr} spells {name}");
        }
        let no = [
            ("Coastline Transit Authority", "CT"),
            ("Coastline Transit Authority", "CTAX"),
            ("Federal Reserve", "FBI"),
            ("Harbor", "HB"),
        ];
        for (name, acr) in no {
            assert!(!initials_match(name, acr), "{acr} does not spell {name}");
        }
    }

    #[test]
    fn acronyms_in_parentheses() {
        let t = "the Parent Teacher Association (PTA) met";
        let at = t.find(" (").unwrap();
        assert_eq!(parenthesized_acronym(t, at).as_deref(), Some("PTA"));
        assert_eq!(parenthesized_acronym("x (a) y", 1), None);
        assert_eq!(
            whole_word_occurrences("PTA PTAS PTA", 0..12, "PTA"),
            [0..3, 9..12]
        );
    }
}
