//! The speaker of a quote from the phrase at its attribution: a pronoun
//! goes to the nearest person or organization that fits, "the 29-year-old"
//! to the person before it, a phrase naming a person or body to that
//! entity, and any other noun phrase stays as written ("a spokeswoman for
//! the council").

use super::words::{is_mark, is_punct, Word};
use crate::document::{Attribution, Entities, Kind, QuoteSpan};
use crate::lexicon::PREPOSITIONS;

/// Pronouns that stand for a speaker named before.
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// Builds the attribution for a speaker phrase.
pub(super) fn speaker(
    text: &str,
    np: &[Word],
    cue: String,
    q: &QuoteSpan,
    entities: &Entities,
) -> Option<Attribution> {
    let mut np: Vec<&Word> = np
        .iter()
        .skip_while(|w| matches!(w.lower.as_str(), "and" | "but" | "so" | "," | "as"))
        .collect();
    // Trailing punctuation is not part of the speaker, except the period of
    // an abbreviation ("U.S.").
    while let Some(last) = np.last() {
        if !is_punct(last) {
            break;
        }
        let abbreviation = last.lower == "."
            && np.len() >= 2
            && np[np.len() - 2].range.end == last.range.start
            && (np[np.len() - 2].lower.contains('.') || np[np.len() - 2].lower.chars().count() == 1);
        if abbreviation {
            break;
        }
        np.pop();
    }
    let first = np.first()?;
    let last = np.last()?;
    if np.iter().any(|w| is_mark(w)) {
        return None;
    }
    let range = first.range.start..last.range.end;
    // A pronoun: the nearest fitting person or organization before the quote.
    if np.len() == 1 && PRONOUNS.contains(&first.lower.as_str()) {
        let entity = pronoun_antecedent(&first.lower, q, entities);
        return Some(Attribution {
            speaker: range,
            cue,
            entity,
        });
    }
    // "the 29-year-old" refers back to a person, like a pronoun.
    let phrase = text[range.clone()].to_lowercase();
    let age = phrase
        .strip_prefix("the ")
        .and_then(|r| r.split_once("-year-old"))
        .is_some_and(|(n, rest)| {
            n.chars().all(|c| c.is_ascii_digit()) && rest.split_whitespace().count() <= 1
        });
    if age {
        if let Some(entity) =
            pronoun_antecedent("i", q, entities).filter(|&e| entities.entities[e].kind == Kind::Person)
        {
            return Some(Attribution {
                speaker: range,
                cue,
                entity: Some(entity),
            });
        }
    }
    // A named speaker heads the phrase unless a preposition comes first
    // ("a spokeswoman for the council" is not the council).
    let mut entity_mention = None;
    for m in entities.starting_in(&range) {
        if m.range.end > range.end {
            continue;
        }
        let before_mention = np.iter().take_while(|w| w.range.start < m.range.start);
        if before_mention.clone().any(|w| PREPOSITIONS.contains(&w.lower)) {
            break;
        }
        let kind = entities.entities[m.entity].kind;
        let better = match entity_mention {
            None => true,
            Some((_, k)) => k != Kind::Person && kind == Kind::Person,
        };
        if matches!(kind, Kind::Person | Kind::Organization) && better {
            entity_mention = Some((m, kind));
        }
    }
    if let Some((m, _)) = entity_mention {
        return Some(Attribution {
            speaker: m.range.clone(),
            cue,
            entity: Some(m.entity),
        });
    }
    // A phrase must look like a noun phrase: not a bare verb or number.
    if np.len() > 10 || np.iter().all(|w| is_punct(w)) {
        return None;
    }
    Some(Attribution {
        speaker: range,
        cue,
        entity: None,
    })
}

/// The person (he, she, I) or organization (it, they, we) a pronoun most
/// likely refers to: the latest fitting mention before the quote, in its
/// paragraph or the two before.
fn pronoun_antecedent(pronoun: &str, q: &QuoteSpan, entities: &Entities) -> Option<usize> {
    let wants_person = matches!(pronoun, "he" | "she" | "i");
    let female = match pronoun {
        "she" => Some(true),
        "he" => Some(false),
        _ => None,
    };
    let earliest_block = q.block.saturating_sub(2);
    // The latest few hundred mentions before the quote are plenty.
    let before = entities
        .mentions
        .partition_point(|m| m.range.start < q.range.start);
    let candidates = entities.mentions[..before]
        .iter()
        .rev()
        .take(500)
        .filter(|m| m.range.end <= q.range.start && m.block >= earliest_block && m.block <= q.block);
    for m in candidates {
        let e = &entities.entities[m.entity];
        let fits = if wants_person {
            e.kind == Kind::Person && (female.is_none() || e.female.is_none() || e.female == female)
        } else {
            e.kind == Kind::Organization || (pronoun == "they" && e.kind == Kind::Person)
        };
        if fits {
            return Some(m.entity);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{EntityInfo, EntityMention};

    fn entity(name: &str, kind: Kind, female: Option<bool>) -> EntityInfo {
        EntityInfo {
            name: name.into(),
            kind,
            aliases: vec![name.into()],
            mentions: Vec::new(),
            female,
        }
    }

    #[test]
    fn pronouns_go_to_the_nearest_entity_that_fits() {
        let entities = Entities {
            entities: vec![
                entity("Elena Park", Kind::Person, Some(true)),
                entity("David Ortiz", Kind::Person, Some(false)),
                entity("Harbor Council", Kind::Organization, None),
            ],
            mentions: vec![
                EntityMention {
                    range: 0..10,
                    entity: 0,
                    block: 0,
                },
                EntityMention {
                    range: 20..31,
                    entity: 1,
                    block: 0,
                },
                EntityMention {
                    range: 40..54,
                    entity: 2,
                    block: 0,
                },
            ],
        };
        let q = QuoteSpan {
            range: 60..70,
            pieces: std::iter::once(60..70).collect(),
            block: 0,
            marks: 59..71,
            attribution: None,
        };
        assert_eq!(pronoun_antecedent("she", &q, &entities), Some(0));
        assert_eq!(pronoun_antecedent("he", &q, &entities), Some(1));
        assert_eq!(pronoun_antecedent("it", &q, &entities), Some(2));
        assert_eq!(pronoun_antecedent("they", &q, &entities), Some(2));
    }
}
