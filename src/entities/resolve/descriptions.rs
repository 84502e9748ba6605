//! Definite descriptions: "the agency" or "The agency" after an
//! organization named "... Agency" (or "... Authority", a noun of the same
//! group) is a new mention of that organization.

use super::clustering::{Clustering, Node};
use super::taken::Taken;
use crate::document::{Block, Kind};
use crate::hash::FxHashMap;
use crate::lexicon::{description_groups, COMPANY_WORDS, ORG_DESCRIPTIONS};
use crate::text::fold_lines;

/// Organizations by the generic noun they can be called by, each list in
/// text order: (node, whether the noun is the name's own head).
fn organizations_by_noun(nodes: &[Node]) -> FxHashMap<&'static str, Vec<(usize, bool)>> {
    // (noun, organization, whether the noun is the name's own head).
    let mut heads: Vec<(&'static str, usize, bool)> = Vec::new();
    for (i, it) in nodes.iter().enumerate() {
        if it.kind != Kind::Organization || it.derived {
            continue;
        }
        let words: Vec<&str> = it.key.split(' ').collect();
        let full_lower = it.surface.to_lowercase();
        if words.len() < 2 && !COMPANY_WORDS.words().iter().any(|w| full_lower.ends_with(w)) {
            continue;
        }
        let last = *words.last().unwrap_or(&"");
        if let Some(&d) = ORG_DESCRIPTIONS.words().iter().find(|d| **d == last) {
            heads.push((d, i, true));
            for group in description_groups() {
                let group: Vec<&'static str> = group.collect();
                if group.contains(&d) {
                    heads.extend(group.iter().filter(|g| **g != d).map(|g| (*g, i, false)));
                }
            }
        }
        let company = full_lower
            .split_whitespace()
            .last()
            .is_some_and(|w| COMPANY_WORDS.contains(w.trim_end_matches('.')));
        if company {
            heads.push(("company", i, true));
            heads.push(("firm", i, true));
        }
    }
    let mut by_noun: FxHashMap<&'static str, Vec<(usize, bool)>> = FxHashMap::default();
    for (h, i, exact) in heads {
        by_noun.entry(h).or_default().push((i, exact));
    }
    for list in by_noun.values_mut() {
        list.sort_by_key(|(i, _)| nodes[*i].range.start);
    }
    by_noun
}

/// Adds "the agency" and its like as mentions, each linked to the nearest
/// preceding organization it can stand for.
pub(super) fn add_definite_descriptions(c: &mut Clustering, text: &str, blocks: &[Block]) {
    let by_noun = organizations_by_noun(&c.nodes);
    if by_noun.is_empty() {
        return;
    }
    let nodes = &c.nodes;
    let taken = Taken::new(nodes.iter().map(|it| it.range.clone()));
    let mut out: Vec<(Node, usize)> = Vec::new();
    for (block, b) in blocks.iter().enumerate() {
        let para = &b.range;
        let hay = &text[para.clone()];
        let mut starts: Vec<usize> = hay.match_indices("the ").map(|(p, _)| p).collect();
        starts.extend(hay.match_indices("The ").map(|(p, _)| p));
        starts.sort_unstable();
        for p in starts {
            if hay[..p].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let noun_start = p + 4;
            let rest = &hay[noun_start..];
            let noun = &rest[..rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len())];
            if noun.is_empty() {
                continue;
            }
            // Most nouns are written in lower case: no copy for them.
            let noun_lower = crate::lexicon::lower(noun);
            let start = para.start + p;
            let end = para.start + noun_start + noun.len();
            // "the agency's" is fine; "the agency chief" names someone else.
            let after = hay[noun_start + noun.len()..].chars().next();
            if after.is_some_and(|c| c.is_alphanumeric() || c == '-') {
                continue;
            }
            // A synonym ("the agency" for an "Authority") is trusted only
            // when no other, unnamed body of that noun came up in between
            // ("the state's environmental agency").
            let Some(list) = by_noun.get(noun_lower.as_ref()) else {
                continue;
            };
            let before = list.partition_point(|(i, _)| nodes[*i].range.start < start);
            let owner = list[..before]
                .iter()
                .rev()
                .take(8)
                .find(|(i, exact)| {
                    nodes[*i].range.end <= start
                        && (*exact || !bare_noun_between(text, nodes[*i].range.end..start, &noun_lower))
                })
                .map(|(i, _)| *i);
            let Some(owner) = owner else { continue };
            let range = start..end;
            if taken.overlaps(&range) {
                continue;
            }
            let node = Node {
                surface: fold_lines(&text[range.clone()]).into_owned(),
                key: noun_lower.to_string(),
                range,
                kind: Kind::Organization,
                block,
                derived: true,
            };
            out.push((node, owner));
        }
    }
    for (node, owner) in out {
        c.add_linked(node, owner);
    }
}

/// Whether `noun` occurs in `text[range]` other than as "the noun" (or the
/// range is too long to tell).
fn bare_noun_between(text: &str, range: std::ops::Range<usize>, noun: &str) -> bool {
    if range.len() > 20_000 {
        return true;
    }
    let hay = text[range].to_lowercase();
    hay.match_indices(noun).any(|(p, _)| {
        let before = hay[..p].trim_end();
        let after_ok = hay[p + noun.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        let start_ok = hay[..p].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        after_ok && start_ok && !before.ends_with("the")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockKind, TaggedMention};

    fn added(text: &str, org: &str) -> Vec<(String, String)> {
        let start = text.find(org).expect("org in text");
        let mentions = [TaggedMention {
            range: start..start + org.len(),
            kind: Kind::Organization,
            block: 0,
        }];
        let blocks = [Block {
            kind: BlockKind::Paragraph,
            range: 0..text.len(),
            index: 0,
        }];
        let mut c = Clustering::new(text, &mentions);
        add_definite_descriptions(&mut c, text, &blocks);
        c.nodes[1..]
            .iter()
            .map(|n| (n.surface.clone(), c.nodes[0].surface.clone()))
            .collect()
    }

    #[test]
    fn descriptions_of_named_bodies() {
        let t = "The Coastline Transit Authority met. The agency's plan and the authority-wide rule.";
        let got = added(t, "Coastline Transit Authority");
        assert_eq!(
            got,
            [(
                "The agency".to_string(),
                "Coastline Transit Authority".to_string()
            )],
            "a synonym of the head noun counts; a noun joined to another word does not"
        );
        let t = "Acme Holdings Inc. grew. The company said so.";
        assert_eq!(added(t, "Acme Holdings Inc.").len(), 1);
        let t = "The Harbor Council met, then the state's environmental agency spoke. The agency said no.";
        assert!(
            added(t, "Harbor Council").is_empty(),
            "no council word is used again"
        );
    }
}
