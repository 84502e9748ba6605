//! The entities: one per set of joined mentions, in order of first
//! mention, named by the fullest name used, of the kind most mentions were
//! tagged with, and for people the sex a first name or title tells.

use std::ops::Range;

use super::clustering::{Clustering, Node};
use super::short_forms::honorific_female;
use crate::document::{Entities, EntityInfo, EntityMention, Kind};
use crate::entities::gazetteer::{Gazetteer, LOCATION_CLASSES, ORGANIZATION_CLASSES};
use crate::hash::FxHashMap;
use crate::text::is_all_caps;

/// Builds the entities from the joined sets.
pub(super) fn entities(c: &mut Clustering, text: &str, gazetteer: &Gazetteer) -> Entities {
    let n = c.nodes.len();
    let mut root_entity: FxHashMap<usize, usize> = FxHashMap::default();
    let mut entities: Vec<EntityInfo> = Vec::new();
    let mut mentions = Vec::with_capacity(n);
    let mut votes: Vec<[usize; 4]> = Vec::new();
    for i in 0..n {
        let root = c.root(i);
        let it = &c.nodes[i];
        let e = *root_entity.entry(root).or_insert_with(|| {
            entities.push(EntityInfo {
                name: String::new(),
                kind: it.kind,
                aliases: Vec::new(),
                mentions: Vec::new(),
                female: None,
            });
            votes.push([0; 4]);
            entities.len() - 1
        });
        entities[e].mentions.push(i);
        // "The agency" at a sentence start is the same form as "the agency".
        let alias = match it.surface.strip_prefix("The ") {
            Some(rest) if it.derived => format!("the {rest}"),
            _ => it.surface.clone(),
        };
        if !entities[e].aliases.contains(&alias) {
            entities[e].aliases.push(alias);
        }
        if !it.derived {
            votes[e][it.kind as usize] += 1;
        }
        mentions.push(EntityMention {
            range: it.range.clone(),
            entity: e,
            block: it.block,
        });
    }
    let nodes = &c.nodes;
    for (e, ent) in entities.iter_mut().enumerate() {
        ent.name = fullest_name(nodes, &ent.mentions);
        ent.kind = majority_kind(&votes[e], &ent.name, gazetteer).unwrap_or(nodes[ent.mentions[0]].kind);
        if votes[e][Kind::Person as usize] > 0 && full_personal_name(&ent.name, gazetteer) {
            // "Gen. Norman Ham", then "Ham" six times as a place: the full
            // name says who it is.
            ent.kind = Kind::Person;
        }
        if ent.kind == Kind::Person {
            ent.female = gender(
                text,
                &ent.name,
                ent.mentions.iter().map(|&m| &nodes[m].range),
                gazetteer,
            );
        }
    }
    Entities { entities, mentions }
}

/// The name with the most words among the tagged mentions (not written in
/// capitals when another is), the earliest on a tie.
fn fullest_name(nodes: &[Node], members: &[usize]) -> String {
    let named: Vec<&Node> = members
        .iter()
        .map(|&m| &nodes[m])
        .filter(|it| !it.derived)
        .collect();
    let best = named
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| {
            let score = |it: &Node| (it.key.split(' ').count(), !is_all_caps(&it.surface));
            score(a).cmp(&score(b)).then(ib.cmp(ia))
        })
        .map(|(_, it)| it.surface.clone());
    best.unwrap_or_else(|| nodes[members[0]].surface.clone())
}

/// A name of two or three words opening with a common first name and
/// written in capitals only at word starts: a person's full name.
fn full_personal_name(name: &str, gazetteer: &Gazetteer) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (2..=3).contains(&words.len())
        && gazetteer.first_name(&words[0].to_lowercase()) == 1
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_all_caps(w))
}

/// The kind with the most votes; ties go to the kind the gazetteers give the name.
fn majority_kind(votes: &[usize; 4], name: &str, gazetteer: &Gazetteer) -> Option<Kind> {
    let max = *votes.iter().max()?;
    if max == 0 {
        return None;
    }
    let tied: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| votes[*k as usize] == max)
        .collect();
    if tied.len() == 1 {
        return Some(tied[0]);
    }
    let lower = name.to_lowercase();
    let classes = gazetteer.classes(&lower);
    let listed = |k: Kind| match k {
        Kind::Location => classes & LOCATION_CLASSES != 0,
        Kind::Organization => classes & ORGANIZATION_CLASSES != 0,
        Kind::Person => lower
            .split(' ')
            .next()
            .is_some_and(|f| gazetteer.first_name(f) > 0),
        Kind::Misc => false,
    };
    tied.iter().copied().find(|&k| listed(k)).or(Some(tied[0]))
}

/// A person's sex when the first name or an honorific says it.
fn gender<'a>(
    text: &str,
    name: &str,
    ranges: impl Iterator<Item = &'a Range<usize>>,
    gazetteer: &Gazetteer,
) -> Option<bool> {
    for r in ranges {
        if let Some(female) = honorific_female(text, r.start) {
            return Some(female);
        }
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() >= 2 {
        return gazetteer.female(&words[0].to_lowercase());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(surface: &str, derived: bool) -> Node {
        Node {
            range: 0..surface.len(),
            kind: Kind::Person,
            block: 0,
            surface: surface.into(),
            key: surface.to_lowercase(),
            derived,
        }
    }

    #[test]
    fn the_fullest_written_name_wins() {
        let nodes = [
            node("Park", false),
            node("ELENA PARK", false),
            node("Elena Park", false),
            node("the mayor elena park", true),
        ];
        assert_eq!(fullest_name(&nodes, &[0, 1, 2, 3]), "Elena Park");
        assert_eq!(fullest_name(&nodes, &[0]), "Park");
    }

    #[test]
    fn ties_go_to_the_gazetteer() {
        let g = Gazetteer::embedded();
        assert_eq!(majority_kind(&[2, 0, 1, 0], "Jordan", g), Some(Kind::Person));
        assert_eq!(majority_kind(&[0, 1, 1, 0], "London", g), Some(Kind::Location));
        assert_eq!(majority_kind(&[0, 0, 0, 0], "x", g), None);
    }
}
