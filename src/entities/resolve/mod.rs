//! Pass 4, entities: one entity per real-world thing. Mentions that name
//! the same person or body within an article are joined, and the fullest
//! name is kept. The steps, in order ([`resolve`]):
//!
//! 1. [`acronyms`]: names the text defines an acronym for are completed,
//!    and later bare uses of the acronym added;
//! 2. [`descriptions`]: "the agency" after a "... Agency" is added;
//! 3. linking: defined and well-known acronyms with their names
//!    ([`acronyms`]), surnames and one-word short forms with the full name
//!    before them ([`short_forms`]), then identical names ignoring case,
//!    periods, a leading "the" and legal suffixes ([`clustering`]);
//! 4. [`naming`]: each set becomes an entity with a name, a kind and, for
//!    people, a sex when the text tells it.

mod acronyms;
mod clustering;
mod descriptions;
mod naming;
mod short_forms;
mod taken;

use crate::document::{Block, Document, Entities, TaggedMention};
use crate::entities::gazetteer::Gazetteer;

/// Pass 4: groups the document's mentions into entities.
pub fn run(doc: &mut Document, gazetteer: &Gazetteer) {
    doc.entities = resolve(doc.text, &doc.mentions, &doc.blocks, gazetteer);
}

/// Groups the mentions of one article (in text order) into entities;
/// `blocks` are where definite descriptions and bare acronyms are looked
/// for.
pub fn resolve(text: &str, mentions: &[TaggedMention], blocks: &[Block], gazetteer: &Gazetteer) -> Entities {
    let mentions = acronyms::complete_defined_names(text, mentions, blocks);
    let mut c = clustering::Clustering::new(text, &mentions);
    acronyms::add_defined_acronym_uses(&mut c, text, blocks);
    descriptions::add_definite_descriptions(&mut c, text, blocks);
    c.sort();
    acronyms::link_defined_acronyms(&mut c);
    acronyms::link_known_acronyms(&mut c);
    acronyms::link_spelled_acronyms(&mut c);
    short_forms::link_short_forms(&mut c, text, gazetteer);
    clustering::link_same_key(&mut c);
    naming::entities(&mut c, text, gazetteer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockKind, Kind};

    fn mention(text: &str, needle: &str, nth: usize, kind: Kind) -> TaggedMention {
        let start = text.match_indices(needle).nth(nth).expect("needle in text").0;
        TaggedMention {
            range: start..start + needle.len(),
            kind,
            block: 0,
        }
    }

    fn names(text: &str, mentions: Vec<TaggedMention>) -> Vec<(String, Kind, Vec<String>, usize)> {
        let blocks = [Block {
            kind: BlockKind::Paragraph,
            range: 0..text.len(),
            index: 0,
        }];
        let r = resolve(text, &mentions, &blocks, Gazetteer::embedded());
        r.entities
            .iter()
            .map(|e| (e.name.clone(), e.kind, e.aliases.clone(), e.mentions.len()))
            .collect()
    }

    #[test]
    fn undefined_acronyms_join_the_name_they_spell() {
        let t = "The U.S. Federal Aviation Administration acted. The FAA said so. \
                 The Port Authority met. Pennsylvania Avenue closed. The PA agreed.";
        let got = names(
            t,
            vec![
                mention(t, "U.S. Federal Aviation Administration", 0, Kind::Organization),
                mention(t, "FAA", 0, Kind::Organization),
                mention(t, "Port Authority", 0, Kind::Organization),
                mention(t, "Pennsylvania Avenue", 0, Kind::Location),
                mention(t, "PA", 0, Kind::Organization),
            ],
        );
        assert_eq!(got[0].2, vec!["U.S. Federal Aviation Administration", "FAA"]);
        // Two names fit "PA": the nearest before it wins.
        let avenue = got.iter().find(|g| g.0 == "Pennsylvania Avenue").expect("avenue");
        assert_eq!(avenue.3, 2, "{got:?}");
        let port = got.iter().find(|g| g.0 == "Port Authority").expect("port");
        assert_eq!(port.3, 1, "{got:?}");
    }

    #[test]
    fn a_name_without_its_first_name_joins_the_full_name() {
        let t = "Mario Vargas Llosa and George W. Bush met. Vargas Llosa spoke; W. Bush left. \
                 Crooked Hillary Clinton, he said. Hillary Clinton laughed.";
        let got = names(
            t,
            vec![
                mention(t, "Mario Vargas Llosa", 0, Kind::Person),
                mention(t, "George W. Bush", 0, Kind::Person),
                mention(t, "Vargas Llosa", 1, Kind::Person),
                mention(t, "W. Bush", 1, Kind::Person),
                mention(t, "Crooked Hillary Clinton", 0, Kind::Person),
                mention(t, "Hillary Clinton", 1, Kind::Person),
            ],
        );
        let aliases: Vec<Vec<String>> = got.iter().map(|g| g.2.clone()).collect();
        assert_eq!(
            aliases,
            [
                vec!["Mario Vargas Llosa", "Vargas Llosa"],
                vec!["George W. Bush", "W. Bush"],
                // A headline's word before a name is no first name.
                vec!["Crooked Hillary Clinton"],
                vec!["Hillary Clinton"],
            ]
        );
    }

    #[test]
    fn alike_short_forms_no_full_name_took_are_one_entity() {
        // Two later full names share "Park", so neither takes the early
        // mentions; those are still one person, not one each.
        let t = "Park spoke. Park left. Elena Park and Tom Park met.";
        let got = names(
            t,
            vec![
                mention(t, "Park", 0, Kind::Person),
                mention(t, "Park", 1, Kind::Person),
                mention(t, "Elena Park", 0, Kind::Person),
                mention(t, "Tom Park", 0, Kind::Person),
            ],
        );
        assert_eq!(got.len(), 3, "{got:?}");
        let park = got.iter().find(|g| g.0 == "Park").expect("park");
        assert_eq!(park.3, 2, "{got:?}");
    }

    #[test]
    fn surname_joins_full_name() {
        let t = "Mayor Elena Park spoke. Park said no. Ms. Park left.";
        let got = names(
            t,
            vec![
                mention(t, "Elena Park", 0, Kind::Person),
                mention(t, "Park", 1, Kind::Person),
                mention(t, "Park", 2, Kind::Location),
            ],
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Elena Park");
        assert_eq!(got[0].1, Kind::Person);
        assert_eq!(got[0].3, 3);
    }

    #[test]
    fn shared_surname_goes_to_the_nearest_preceding_full_name() {
        let t = "Elena Park won. David Park lost. Park conceded.";
        let got = names(
            t,
            vec![
                mention(t, "Elena Park", 0, Kind::Person),
                mention(t, "David Park", 0, Kind::Person),
                mention(t, "Park", 2, Kind::Person),
            ],
        );
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].0.as_str(), got[0].3), ("Elena Park", 1));
        assert_eq!((got[1].0.as_str(), got[1].3), ("David Park", 2));
    }

    #[test]
    fn shared_surname_before_any_full_name_stays_alone() {
        let t = "Park spoke. Elena Park won. David Park lost.";
        let got = names(
            t,
            vec![
                mention(t, "Park", 0, Kind::Person),
                mention(t, "Elena Park", 0, Kind::Person),
                mention(t, "David Park", 0, Kind::Person),
            ],
        );
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn defined_acronym_and_description() {
        let t = "The Coastline Transit Authority (CTA) met. The CTA said the authority's plan works.";
        let got = names(
            t,
            vec![mention(t, "Coastline Transit Authority", 0, Kind::Organization)],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Coastline Transit Authority");
        assert_eq!(got[0].2, ["Coastline Transit Authority", "CTA", "the authority"]);
        assert_eq!(got[0].3, 4);
    }

    #[test]
    fn spelling_variants_and_suffixes() {
        let t = "the U.S. Transit Agency and US Transit Agency; Acme Inc. and Acme.";
        let got = names(
            t,
            vec![
                mention(t, "U.S. Transit Agency", 0, Kind::Organization),
                mention(t, "US Transit Agency", 0, Kind::Organization),
                mention(t, "Acme Inc.", 0, Kind::Organization),
                mention(t, "Acme", 1, Kind::Organization),
            ],
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].0, "Acme Inc.");
    }

    #[test]
    fn well_known_acronyms() {
        let t = "The FBI said the Federal Bureau of Investigation would help.";
        let got = names(
            t,
            vec![
                mention(t, "FBI", 0, Kind::Organization),
                mention(t, "Federal Bureau of Investigation", 0, Kind::Organization),
            ],
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Federal Bureau of Investigation");
    }

    #[test]
    fn a_full_personal_name_outvotes_its_surname() {
        let t =
            "Gen. Norman Ham spoke. Ham left. Ham won. Ham said. Virginia Beach voted. Virginia Beach met.";
        let got = names(
            t,
            vec![
                mention(t, "Norman Ham", 0, Kind::Person),
                mention(t, "Ham", 1, Kind::Location),
                mention(t, "Ham", 2, Kind::Location),
                mention(t, "Ham", 3, Kind::Location),
                mention(t, "Virginia Beach", 0, Kind::Location),
                mention(t, "Virginia Beach", 1, Kind::Location),
            ],
        );
        assert_eq!(got[0].0, "Norman Ham");
        assert_eq!(got[0].1, Kind::Person);
        // Never tagged a person: a place that opens with a first name.
        assert_eq!(got[1].1, Kind::Location);
    }

    #[test]
    fn majority_kind_wins() {
        let t = "Jordan said. Jordan won. Jordan left.";
        let got = names(
            t,
            vec![
                mention(t, "Jordan", 0, Kind::Person),
                mention(t, "Jordan", 1, Kind::Location),
                mention(t, "Jordan", 2, Kind::Person),
            ],
        );
        assert_eq!(got[0].1, Kind::Person);
    }

    #[test]
    fn one_word_organization_name() {
        let t = "Kingsport City lost. City had led.";
        let got = names(
            t,
            vec![
                mention(t, "Kingsport City", 0, Kind::Organization),
                mention(t, "City", 1, Kind::Organization),
            ],
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Kingsport City");
    }
}
