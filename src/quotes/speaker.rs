//! The speaker of a quote, from the noun phrase in the attribution's
//! speaker slot. The phrase is read as a noun phrase, not a run of words:
//! introductory phrases ("In a statement,"), parentheticals ("(R-Fla.)"),
//! appositives ("Michael Ahrens, a Rubio spokesman,") and relative clauses
//! ("Mr. Kim, who was traveling in Europe,") are set aside, and the head is
//! taken: the last person (else organization) named in it that is neither
//! a possessive ("Trump's rival Marco Rubio") nor inside a prepositional
//! phrase ("a spokeswoman for the council"). A pronoun goes to the nearest
//! person or organization that fits, "the senator" or "the 29-year-old" to
//! the person named before, and any other noun phrase stays as written; a
//! spokesperson's phrase also names the body it speaks for.

use std::ops::Range;

use super::words::{is_mark, is_punct, Word};
use crate::document::{Attribution, Entities, EntityMention, Kind, QuoteSpan, Slot};
use crate::lexicon::{
    INTRO_WORDS, PERSON_ROLES, PERSON_TITLES, PREPOSITIONS, REPORTING_VERBS, SPEAKER_ROLES, STOP_WORDS,
};

/// Pronouns that stand for a speaker named before.
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// Words that open an appositive or relative clause after a name.
fn opens_appositive(w: &Word) -> bool {
    let c = w.lower.as_str();
    matches!(
        c,
        "a" | "an"
            | "the"
            | "who"
            | "whom"
            | "whose"
            | "which"
            | "that"
            | "now"
            | "also"
            | "then"
            | "his"
            | "her"
            | "its"
            | "their"
            | "one"
            | "both"
            | "himself"
            | "herself"
            | "former"
            | "itself"
    ) || c.chars().next().is_some_and(|ch| ch.is_ascii_digit())
        || c.starts_with("r-")
        || c.starts_with("d-")
        || c.starts_with("i-")
}

/// The words of `np` that can hold the speaker: trailing punctuation and
/// leading conjunctions dropped, parentheticals left out.
fn clean(np: &[Word]) -> Vec<&Word> {
    let mut depth = 0usize;
    let mut out: Vec<&Word> = Vec::new();
    for w in np {
        match w.lower.as_str() {
            "(" | "[" => depth += 1,
            ")" | "]" => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(w),
            _ => {}
        }
    }
    let lead = out
        .iter()
        .take_while(|w| {
            matches!(
                w.lower.as_str(),
                "and" | "but" | "so" | "," | "as" | "—" | "–" | "-"
            )
        })
        .count();
    out.drain(..lead);
    // Trailing punctuation is not part of the speaker, except the period of
    // an abbreviation ("U.S.").
    while let Some(last) = out.last() {
        if !is_punct(last) {
            break;
        }
        let abbreviation = last.lower == "."
            && out.len() >= 2
            && out[out.len() - 2].range.end == last.range.start
            && (out[out.len() - 2].lower.contains('.') || out[out.len() - 2].lower.chars().count() == 1);
        if abbreviation {
            break;
        }
        out.pop();
    }
    out
}

/// Whether `first`, opening a phrase of `len` words, opens an introductory
/// phrase before a sentence's subject: a listed word ("In a statement",
/// "Though she"), or a participle ("Asked about it", "Following a vote").
pub(super) fn opens_intro(first: &Word, len: usize) -> bool {
    let w = first.lower.as_str();
    INTRO_WORDS.contains(w) || len > 1 && (w.ends_with("ing") || w.ends_with("ed")) && w.len() > 4
}

/// The part of a phrase made of comma-separated parts that holds the
/// speaker: introductory phrases and appositives set aside, the first
/// part naming a person, else an organization, else the first part left.
fn head_part<'w>(words: &[&'w Word], entities: &Entities) -> Vec<&'w Word> {
    let parts: Vec<&[&Word]> = words
        .split(|w| w.lower == ",")
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() <= 1 {
        return words.to_vec();
    }
    let mut kept: Vec<&[&Word]> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        // "In a statement,", "Asked about it,", "Reaching for the jugular,".
        let intro = p.first().is_some_and(|w| opens_intro(w, p.len()))
            || p.len() == 1
                && matches!(
                    p[0].lower.as_str(),
                    "or" | "and" | "but" | "so" | "yet" | "still" | "now" | "then"
                );
        // An introductory phrase comes before anything kept; an appositive
        // after something kept.
        if intro && kept.is_empty() && i + 1 < parts.len() {
            continue;
        }
        if !kept.is_empty() && p.first().is_some_and(|w| opens_appositive(w)) {
            continue;
        }
        kept.push(p);
    }
    for kind in [Kind::Person, Kind::Organization] {
        if let Some(p) = kept.iter().find(|p| head_mention(p, entities, &[kind]).is_some()) {
            return p.to_vec();
        }
    }
    // A part that reads as a name (its words capitalized) over a phrase.
    let name_like = |p: &&&[&Word]| p.iter().all(|w| w.capitalized || is_punct(w));
    kept.iter()
        .find(name_like)
        .or(kept.first())
        .map_or_else(|| words.to_vec(), |p| p.to_vec())
}

/// The mention heading `words`: the last one of the wanted kinds that is
/// not followed by a possessive and not inside a prepositional phrase.
fn head_mention<'e>(words: &[&Word], entities: &'e Entities, kinds: &[Kind]) -> Option<&'e EntityMention> {
    let (first, last) = (words.first()?, words.last()?);
    let mut best = None;
    for m in entities.starting_in(&(first.range.start..last.range.end)) {
        if m.range.end > last.range.end || !kinds.contains(&entities.entities[m.entity].kind) {
            continue;
        }
        let before = words.iter().take_while(|w| w.range.start < m.range.start);
        if before.clone().any(|w| PREPOSITIONS.contains(&w.lower)) {
            break;
        }
        let next = words.iter().find(|w| w.range.start >= m.range.end);
        let possessive = next.is_some_and(|w| matches!(w.lower.as_str(), "'s" | "’s" | "'" | "’"));
        if !possessive {
            best = Some(m);
        }
    }
    best
}

/// Builds the attribution for a speaker phrase.
pub(super) fn speaker(
    text: &str,
    np: &[Word],
    cue: String,
    q: &QuoteSpan,
    entities: &Entities,
) -> Option<Attribution> {
    let cleaned = clean(np);
    if cleaned.iter().any(|w| is_mark(w)) {
        return None;
    }
    let np = head_part(&cleaned, entities);
    let (first, last) = (np.first()?, np.last()?);
    // A phrase opening with a preposition ("of Trump") is no subject.
    if PREPOSITIONS.contains(&first.lower) {
        return None;
    }
    let range = first.range.start..last.range.end;
    let attribution = |speaker: Range<usize>, entity: Option<usize>| Attribution {
        speaker,
        cue: cue.clone(),
        entity,
        speaks_for: None,
        slot: Slot::After,
    };
    // A pronoun: the nearest fitting person or organization before the quote.
    if np.len() == 1 && PRONOUNS.contains(&first.lower.as_str()) {
        let entity = pronoun_antecedent(&first.lower, q, entities);
        return Some(attribution(range, entity));
    }
    if let Some(m) = head_mention(&np, entities, &[Kind::Person]) {
        // A name the tagger cut short ("G.K." of "G.K. Butterfield") is
        // read to the end of its capitalized words.
        let run_end = np
            .iter()
            .skip_while(|w| w.range.end <= m.range.start)
            .take_while(|w| w.capitalized && !PERSON_TITLES.contains_lower(&text[w.range.clone()]))
            .last()
            .map_or(m.range.end, |w| w.range.end);
        if run_end > m.range.end {
            return Some(attribution(m.range.start..run_end, None));
        }
        return Some(attribution(m.range.clone(), Some(m.entity)));
    }
    if let Some(a) = description(text, &np, q, entities).map(|e| attribution(range.clone(), Some(e))) {
        return Some(a);
    }
    if let Some(m) = head_mention(&np, entities, &[Kind::Organization]) {
        let role = np.iter().any(|w| SPEAKER_ROLES.contains(&w.lower));
        if !role {
            return Some(attribution(m.range.clone(), Some(m.entity)));
        }
    }
    // A phrase must look like a noun phrase: not a bare verb or number.
    if np.len() > 12 || np.iter().all(|w| is_punct(w)) || !opens_noun_phrase(first) {
        return None;
    }
    let mut a = attribution(range, None);
    a.speaks_for = speaks_for(&np, entities);
    Some(a)
}

/// Whether `w` can open a noun phrase that names no one: a capital, a
/// number, a determiner or a noun (`officials`, `critics`), but not a
/// function word, a verb form or a clause's opener (`after Super Tuesday
/// balloting`, `saying Trump's`, `where she`), which a slot picks up when
/// the sentence is not the shape it reads.
fn opens_noun_phrase(w: &Word) -> bool {
    let lower = w.lower.as_str();
    let determiner = matches!(
        lower,
        "a" | "an"
            | "the"
            | "all"
            | "her"
            | "his"
            | "its"
            | "one"
            | "our"
            | "their"
            | "this"
            | "that"
            | "more"
    );
    let clause = matches!(
        lower,
        "where"
            | "whose"
            | "whom"
            | "why"
            | "how"
            | "while"
            | "whether"
            | "because"
            | "though"
            | "although"
            | "being"
            | "rather"
            | "given"
            | "yourself"
            | "himself"
            | "herself"
            | "themselves"
    ) || lower.contains("n't")
        || lower.contains("n’t");
    let verb_form = !w.capitalized && lower.len() > 4 && (lower.ends_with("ing") || lower.ends_with("ed"));
    w.capitalized
        || determiner
        || !(clause || verb_form || STOP_WORDS.contains(lower) || REPORTING_VERBS.contains(lower))
}

/// A definite description that refers back to a person: "the senator",
/// "the former secretary of state", "the 29-year-old". Written in lower
/// case only, since "the Wisconsin Republican" names a group the way the
/// article chose to.
fn description(text: &str, np: &[&Word], q: &QuoteSpan, entities: &Entities) -> Option<usize> {
    let first = np.first()?;
    if first.lower != "the" || np.len() > 5 {
        return None;
    }
    let phrase = &text[first.range.start..np.last()?.range.end];
    if phrase.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    let age = phrase
        .to_lowercase()
        .strip_prefix("the ")
        .and_then(|r| {
            r.split_once("-year-old")
                .map(|(n, rest)| (n.to_string(), rest.to_string()))
        })
        .is_some_and(|(n, rest)| {
            n.chars().all(|c| c.is_ascii_digit()) && rest.split_whitespace().count() <= 1
        });
    let role = np.last().is_some_and(|w| PERSON_ROLES.contains(&w.lower));
    if !(age || role) {
        return None;
    }
    pronoun_antecedent("i", q, entities).filter(|&e| entities.entities[e].kind == Kind::Person)
}

/// The organization a spokesperson's phrase speaks for: "a spokeswoman for
/// the Port Authority", "the agency's press officer", "a company
/// representative" (the company named before).
fn speaks_for(np: &[&Word], entities: &Entities) -> Option<usize> {
    let role = np.iter().position(|w| SPEAKER_ROLES.contains(&w.lower))?;
    let (first, last) = (np.first()?, np.last()?);
    entities
        .starting_in(&(first.range.start..last.range.end))
        .filter(|m| m.range.end <= last.range.end && entities.entities[m.entity].kind == Kind::Organization)
        .min_by_key(|m| {
            // The organization nearest the role word.
            let at = np
                .iter()
                .position(|w| w.range.start >= m.range.start)
                .unwrap_or(0);
            at.abs_diff(role)
        })
        .map(|m| m.entity)
}

/// The person (he, she, I) or organization (it, they, we) a pronoun most
/// likely refers to: the latest fitting mention before the quote, in its
/// paragraph or the two before.
pub(super) fn pronoun_antecedent(pronoun: &str, q: &QuoteSpan, entities: &Entities) -> Option<usize> {
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
    use crate::document::EntityInfo;

    #[test]
    fn a_speaker_phrase_opens_like_a_noun_phrase() {
        let opens = |phrase: &str| {
            let words = super::super::words::clause_words(phrase, 0..phrase.len());
            opens_noun_phrase(&words[0])
        };
        for good in [
            "officials in the city",
            "the agency",
            "a spokeswoman",
            "Park",
            "critics",
            "two aides",
        ] {
            assert!(opens(good), "{good}");
        }
        for bad in [
            "after Super Tuesday balloting",
            "saying Trump's",
            "where she",
            "didn't want to be named",
            "said",
        ] {
            assert!(!opens(bad), "{bad}");
        }
    }

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
            partial: false,
        };
        assert_eq!(pronoun_antecedent("she", &q, &entities), Some(0));
        assert_eq!(pronoun_antecedent("he", &q, &entities), Some(1));
        assert_eq!(pronoun_antecedent("it", &q, &entities), Some(2));
        assert_eq!(pronoun_antecedent("they", &q, &entities), Some(2));
    }
}
