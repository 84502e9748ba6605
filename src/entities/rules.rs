//! Rules applied after the tagger, where they are reliably right: legal
//! suffixes and head nouns make organizations, titles mark the person after
//! them (and are not part of the name), and one surface string keeps one
//! kind throughout an article.

use super::features::{Casing, LineCase};
use super::gazetteer::{Gazetteer, LOCATION_CLASSES, ORGANIZATION_CLASSES, SPORTS_CLUBS};
use super::tags::TokenSpan;
use crate::document::Kind;
use crate::hash::{lower_hash, mix, str_hash, FxHashMap, FxHashSet};
use crate::lexicon::{
    is_legal_suffix, is_weekday, lower, with_lower, COMPETITION_HEADS, DAY_NAME_WORDS, INTRO_WORDS,
    MONTHS_NEVER_NAMES, MONTH_ABBREVIATIONS, MONTH_NAMES, NAMES_WITH_THE, NAME_PARTICLES, ORG_HEADS,
    ORG_HEADS_NOT_PERSON, PERSON_TITLES, PERSON_TITLES_STRONG, PLACE_HEADS, PUBLICATION_NOUNS,
    REPORTING_VERBS, STOP_WORDS, US_STATES, WORK_DETERMINERS, WORK_NOUNS,
};

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Applies every rule to a document's tagged sentences, whose case
/// (see [`Casing::line_case`]) is told in `lines`.
pub fn apply(
    sentences: &[Vec<&str>],
    spans: &mut [Vec<TokenSpan>],
    lines: &[LineCase],
    gazetteer: &Gazetteer,
    casing: &Casing,
) {
    // The names the tagger found that join nothing with "and" or "or".
    let mut named: FxHashSet<u64> = FxHashSet::default();
    for (words, ss) in sentences.iter().zip(spans.iter()) {
        for s in ss {
            let name = &words[s.start..s.end];
            if !name.iter().any(|w| matches!(*w, "and" | "or")) {
                named.insert(phrase_hash(name, lower_hash));
            }
        }
    }
    let surnames = person_surnames(sentences, spans);
    for (words, spans) in sentences.iter().zip(spans.iter_mut()) {
        weekday_tails(words, spans, gazetteer, casing);
        trim(words, spans, gazetteer, &surnames);
        attributive_openers(words, spans);
        function_words(words, spans, gazetteer);
        split_pairs(words, spans, gazetteer, &named);
        strip_titles(words, spans, gazetteer);
        descriptions(words, spans, gazetteer, casing);
        listed_then_person(words, spans, gazetteer, casing);
        possessive_names(words, spans);
        organizations(words, spans, gazetteer);
        named_after_persons(words, spans);
        titled_persons(words, spans);
        first_names(words, spans, gazetteer);
        middle_initials(words, spans, gazetteer);
        given_then_surname(words, spans, gazetteer);
        generational_suffixes(words, spans);
        works(words, spans);
        foreign_quotes(words, spans, gazetteer, casing);
        capitals_common_words(words, spans, gazetteer, casing);
        uncapitalized(words, spans);
        // A legal suffix no name took ("Inc." alone), a time's compound
        // and a file's name are no names.
        spans.retain(|s| {
            let alone = (s.end - s.start == 1).then(|| words[s.start]);
            let no_name = alone.is_some_and(|w| is_legal_suffix(w) || time_compound(w))
                || words[s.start..s.end].iter().any(|w| file_name(w));
            !no_name
        });
        common_word_persons(words, spans, gazetteer, casing);
        rejoin_names(words, spans);
        states_after_places(words, spans);
        places_after_in(words, spans, gazetteer);
        remove_overlaps(spans);
        lists_agree(words, spans, gazetteer);
    }
    common_openers(sentences, spans, gazetteer, casing);
    common_noun_acronyms(sentences, spans);
    two_word_surnames(sentences, spans, gazetteer);
    listed_organizations(sentences, spans, gazetteer);
    one_kind_per_string(sentences, spans, lines);
    title_case_common_words(sentences, spans, lines);
    surnames_alone(sentences, spans);
    camel_case_organizations(sentences, spans, gazetteer);
    plurals_of_misc(sentences, spans, gazetteer);
}

/// Whether a word has a capital inside it after a prefix that opens no
/// person's name (`WeWork`, `YouTube`, `PayPal`), where `McCain`,
/// `MacLean`, `DeFreitas`, `LeBoeuf` and `O'Neill` open with one, and a
/// social-media handle with a first name (`MattBevin`) is a person's.
/// Only plain letters: a word garbled by a wrong encoding (`FranÃ§ois`)
/// has capitals inside too.
fn camel_cased_firm(word: &str, gazetteer: &Gazetteer) -> bool {
    if !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let b = word.as_bytes();
    let Some(i) = (1..b.len()).find(|&i| b[i - 1].is_ascii_lowercase() && b[i].is_ascii_uppercase()) else {
        return false;
    };
    with_lower(&word[..i], |prefix| {
        !(NAME_PARTICLES.contains(prefix)
            || matches!(prefix, "mac" | "fitz")
            || gazetteer.first_name(prefix) > 0)
    })
}

/// `WeWork` tagged a person: a word alone with a capital inside after a
/// prefix that opens no name is a firm's name (a person's is rarely
/// written so), unless the article names a person in full with it
/// (`LeBron James`) or the lists hold it as a first name.
fn camel_case_organizations(sentences: &[Vec<&str>], spans: &mut [Vec<TokenSpan>], gazetteer: &Gazetteer) {
    // (sentence, span) of each such word tagged a person alone.
    let found: Vec<(usize, usize)> = spans
        .iter()
        .enumerate()
        .flat_map(|(n, ss)| ss.iter().enumerate().map(move |(k, s)| (n, k, s)))
        .filter(|&(n, _, s)| {
            s.end == s.start + 1
                && s.kind == Kind::Person
                && camel_cased_firm(sentences[n][s.start], gazetteer)
        })
        .map(|(n, k, _)| (n, k))
        .collect();
    if found.is_empty() {
        return;
    }
    let mut in_full: FxHashSet<u64> = FxHashSet::default();
    for (words, ss) in sentences.iter().zip(spans.iter()) {
        for s in ss
            .iter()
            .filter(|s| s.kind == Kind::Person && s.end - s.start >= 2)
        {
            in_full.extend(words[s.start..s.end].iter().map(|w| lower_hash(w)));
        }
    }
    for (n, k) in found {
        let word = sentences[n][spans[n][k].start];
        if !in_full.contains(&lower_hash(word)) && gazetteer.first_name(&lower(word)) == 0 {
            spans[n][k].kind = Kind::Organization;
        }
    }
}

/// Hashes (by lower case) of the last words of the persons' names of two
/// words or more in `spans`: the surnames of the persons an article names
/// in full.
fn person_surnames(sentences: &[Vec<&str>], spans: &[Vec<TokenSpan>]) -> FxHashSet<u64> {
    let mut surnames = FxHashSet::default();
    for (words, ss) in sentences.iter().zip(spans) {
        for s in ss
            .iter()
            .filter(|s| s.kind == Kind::Person && s.end - s.start >= 2)
        {
            surnames.insert(lower_hash(words[s.end - 1]));
        }
    }
    surnames
}

/// `sea surface salinity (SSS)`, `post-traumatic stress disorder (PTSD)`:
/// an acronym the article defines by lower-case words whose initials spell
/// it stands for a common noun, and is no name anywhere in the article (a
/// body's name is written with capitals: `European Space Agency (ESA)`).
fn common_noun_acronyms(sentences: &[Vec<&str>], spans: &mut [Vec<TokenSpan>]) {
    let mut common: FxHashSet<u64> = FxHashSet::default();
    for words in sentences {
        for k in 1..words.len().saturating_sub(1) {
            let acronym = words[k];
            if words[k - 1] != "(" || words[k + 1] != ")" || !defined_in_lower_case(acronym, &words[..k - 1])
            {
                continue;
            }
            common.insert(str_hash(acronym));
            common.insert(str_hash(acronym.strip_suffix('s').unwrap_or(acronym)));
        }
    }
    if common.is_empty() {
        return;
    }
    for (words, ss) in sentences.iter().zip(spans.iter_mut()) {
        ss.retain(|s| !(s.end - s.start == 1 && common.contains(&str_hash(words[s.start]))));
    }
}

/// Whether `acronym` (two to six capitals, maybe a plural's `s`) spells the
/// initials of the lower-case words that end `before` (hyphenated parts
/// count apart, `of`, `and` and `the` may come between).
fn defined_in_lower_case(acronym: &str, before: &[&str]) -> bool {
    let letters = acronym.strip_suffix('s').unwrap_or(acronym);
    if !(2..=6).contains(&letters.len()) || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let mut wanted = letters.bytes().rev().map(|b| b.to_ascii_lowercase()).peekable();
    let parts = before
        .iter()
        .rev()
        .flat_map(|w| w.rsplit('-'))
        .filter(|p| !p.is_empty());
    for part in parts {
        let Some(&next) = wanted.peek() else { break };
        let first = part.as_bytes()[0];
        if !first.is_ascii_lowercase() {
            return false;
        }
        if first == next {
            wanted.next();
        } else if !matches!(part, "of" | "and" | "the") {
            return false;
        }
    }
    wanted.peek().is_none()
}

/// `Debbie Wasserman` `Schultz`: a person's name of two words opening with
/// a common first name and the one name right after it are one person when
/// the article names a person by the last word of the first and the second
/// (`Wasserman Schultz`): a surname of two words, which the tagger cut.
fn two_word_surnames(sentences: &[Vec<&str>], spans: &mut [Vec<TokenSpan>], gazetteer: &Gazetteer) {
    let mut pairs = FxHashSet::default();
    for (words, ss) in sentences.iter().zip(spans.iter()) {
        for s in ss
            .iter()
            .filter(|s| s.kind == Kind::Person && s.end - s.start == 2)
        {
            pairs.insert(phrase_hash(&words[s.start..s.end], lower_hash));
        }
    }
    if pairs.is_empty() {
        return;
    }
    for (words, ss) in sentences.iter().zip(spans.iter_mut()) {
        join_neighbours(ss, |a, b| {
            let joins = a.kind == Kind::Person
                && a.end - a.start == 2
                && b.start == a.end
                && b.end == b.start + 1
                && pairs.contains(&phrase_hash(&words[a.end - 1..b.end], lower_hash))
                && gazetteer.first_name(&words[a.start].to_lowercase()) == 1;
            joins.then_some(Kind::Person)
        });
    }
}

/// Whether a person's title comes right before the word at `start`
/// ("Vice President Pence", "Sen. Dole").
fn titled(words: &[&str], start: usize) -> bool {
    start > 0 && PERSON_TITLES.contains_lower(words[start - 1].trim_end_matches('.'))
}

/// Whether a reporting verb comes right after the word before `end`
/// ("Pence said").
fn speaks(words: &[&str], end: usize) -> bool {
    words.get(end).is_some_and(|w| REPORTING_VERBS.contains(w))
}

/// Joins each two spans in a row for which `join` gives a kind into one of
/// that kind, left to right (a joined span may join the next one too).
fn join_neighbours(spans: &mut Vec<TokenSpan>, mut join: impl FnMut(&TokenSpan, &TokenSpan) -> Option<Kind>) {
    spans.sort_by_key(|s| s.start);
    let mut k = 1;
    while k < spans.len() {
        match join(&spans[k - 1], &spans[k]) {
            Some(kind) => {
                spans[k - 1] = TokenSpan {
                    start: spans[k - 1].start,
                    end: spans[k].end,
                    kind,
                };
                spans.remove(k);
            }
            None => k += 1,
        }
    }
}

/// In a title-case line (a headline's `Lakeport Closes Beaches After
/// Algae Bloom`), a name whose every word the article writes in lower case
/// elsewhere, and never capitalized inside a sentence, is no name: the
/// title's capitals were all the tagger had. Lines in capitals are left
/// to the tagger, which reads them recased.
fn title_case_common_words(sentences: &[Vec<&str>], spans: &mut [Vec<TokenSpan>], lines: &[LineCase]) {
    let title: Vec<bool> = lines.iter().map(|&l| l == LineCase::Title).collect();
    // Only a name in a title line needs the article's words hashed.
    if !spans.iter().zip(&title).any(|(ss, &t)| t && !ss.is_empty()) {
        return;
    }
    // Per word of the sure lines: written in lower case, capitalized inside a sentence.
    let mut seen: FxHashMap<u64, (bool, bool)> = FxHashMap::default();
    for (words, _) in sentences.iter().zip(&title).filter(|(_, t)| !**t) {
        for (i, w) in words.iter().enumerate() {
            let Some(first) = w.chars().next() else { continue };
            let entry = seen.entry(lower_hash(w)).or_default();
            if first.is_lowercase() {
                entry.0 = true;
            } else if first.is_uppercase() && i > 0 {
                entry.1 = true;
            }
        }
    }
    for ((words, ss), _) in sentences
        .iter()
        .zip(spans.iter_mut())
        .zip(&title)
        .filter(|(_, t)| **t)
    {
        ss.retain(|s| {
            !words[s.start..s.end].iter().all(|w| {
                seen.get(&lower_hash(w))
                    .is_some_and(|&(lower, capital)| lower && !capital)
            })
        });
    }
}

/// `Washington` after `MaliVai Washington`, `Dole` after `Bob Dole`: a
/// word alone that is the last word of a person's full name in the
/// article is that person, whatever the tagger read it as, unless a
/// preposition of place comes before it (`in Washington`).
fn surnames_alone(sentences: &[Vec<&str>], spans: &mut [Vec<TokenSpan>]) {
    let surnames = person_surnames(sentences, spans);
    if surnames.is_empty() {
        return;
    }
    for (words, ss) in sentences.iter().zip(spans.iter_mut()) {
        for s in ss.iter_mut() {
            let place = s.start > 0 && matches!(words[s.start - 1], "in" | "at" | "from" | "to" | "near");
            if s.end == s.start + 1
                && matches!(s.kind, Kind::Location | Kind::Organization)
                && !place
                && surnames.contains(&lower_hash(words[s.start]))
            {
                s.kind = Kind::Person;
            }
        }
    }
}

/// `Latinos` where the article also has `Latino`: a word alone whose
/// singular the article tags as misc (a people, a party's member) is the
/// plural of that, misc too, whatever the tagger read it as, unless the
/// lists hold it as a place (`Philippines` beside `Philippine`).
fn plurals_of_misc(sentences: &[Vec<&str>], spans: &mut [Vec<TokenSpan>], gazetteer: &Gazetteer) {
    let mut singular = FxHashSet::default();
    for (words, ss) in sentences.iter().zip(spans.iter()) {
        for s in ss.iter().filter(|s| s.kind == Kind::Misc && s.end == s.start + 1) {
            singular.insert(lower_hash(words[s.start]));
        }
    }
    if singular.is_empty() {
        return;
    }
    for (words, ss) in sentences.iter().zip(spans.iter_mut()) {
        for s in ss
            .iter_mut()
            .filter(|s| s.kind != Kind::Misc && s.end == s.start + 1)
        {
            let stem = words[s.start].strip_suffix('s');
            if stem.is_some_and(|w| w.chars().count() >= 3 && singular.contains(&lower_hash(w)))
                && gazetteer.phrase_classes(&words[s.start..s.end]) & LOCATION_CLASSES == 0
            {
                s.kind = Kind::Misc;
            }
        }
    }
}

/// `the Clinton Foundation`, `the Kennedy Center`: a person's name with an
/// organization's head noun right after it names the organization (the
/// tagger, seeing the person elsewhere in the article, may tag the name
/// alone and leave the head noun apart).
fn named_after_persons(words: &[&str], spans: &mut Vec<TokenSpan>) {
    let head = |k: usize| words.get(k).is_some_and(|w| capitalized(w) && org_head(w));
    join_neighbours(spans, |a, b| {
        (a.kind == Kind::Person && b.start == a.end && b.end == b.start + 1 && head(b.start))
            .then_some(Kind::Organization)
    });
    let untagged_head: Vec<usize> = (0..spans.len())
        .filter(|&i| spans[i].kind == Kind::Person && head(spans[i].end) && !covered(spans, spans[i].end))
        .collect();
    for i in untagged_head {
        spans[i].end += 1;
        spans[i].kind = Kind::Organization;
    }
}

/// Whether token `k` is inside one of `spans`.
fn covered(spans: &[TokenSpan], k: usize) -> bool {
    spans.iter().any(|s| s.start <= k && k < s.end)
}

/// Whether a phrase's gazetteer classes make it a place and not an
/// organization.
fn place_not_organization(classes: u32) -> bool {
    classes & LOCATION_CLASSES != 0 && classes & ORGANIZATION_CLASSES == 0
}

/// Sorts spans and drops any that overlaps one before it (the rules may
/// each add a span over the same words).
fn remove_overlaps(spans: &mut Vec<TokenSpan>) {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut end = 0;
    spans.retain(|s| {
        let keep = s.start >= end;
        if keep {
            end = s.end;
        }
        keep
    });
}

/// Names do not end with a lower-case word or stray punctuation ("KeyCorp
/// and", "the Gulf ;", a closing single quote), nor start with a lower-case
/// word other than a name particle. `surnames` are the last words of the article's persons' names.
fn trim(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer, surnames: &FxHashSet<u64>) {
    let loose = |w: &str, at_start: bool| {
        let first = w.chars().next().unwrap_or(' ');
        if first.is_alphabetic() {
            first.is_lowercase()
                && !w.contains('-')
                && !(at_start
                    && matches!(
                        w,
                        "de" | "van" | "von" | "da" | "di" | "del" | "della" | "le" | "la" | "al"
                    ))
        } else {
            !(first.is_numeric() || matches!(w, ")" | "."))
        }
    };
    // "McDonald's" keeps its 's: the listed name has it; but not the
    // surname of a person the article names ("Morrison's lawyer" after
    // "Tim Morrison", though a chain is listed so).
    let listed_with_s = |start: usize, end: usize| {
        if end == start + 1 && surnames.contains(&lower_hash(words[start])) {
            return false;
        }
        let stem = words[start..end].join(" ").to_lowercase();
        gazetteer.classes(&format!("{stem}'s")) != 0 || gazetteer.classes(&format!("{stem}s")) != 0
    };
    let listed_possessive = |s: &TokenSpan| listed_with_s(s.start, s.end - 1);
    // "Taylor Fritz 7-6", "90069", "John Milbank RRP: 49.95 Euro": a
    // person's name holds no number, and no lower-case word but a name
    // particle ("Alex on September", but "Richard von Weizsäcker") or the
    // "and" of two given names ("Robert and Rebekah Mercer"); nor does it
    // open with a lower-case compound ("singer-keyboardist McDonald", but
    // "al-Assad").
    let numeric = |w: &str| w.chars().next().is_some_and(char::is_numeric);
    let foreign = |w: &str| {
        w.chars().next().is_some_and(char::is_lowercase)
            && !NAME_PARTICLES.contains(w)
            && w.split_once('-').is_none_or(|(head, _)| head.chars().count() > 3)
    };
    for s in spans.iter_mut() {
        if s.kind == Kind::Person {
            while s.start < s.end && (numeric(words[s.start]) || foreign(words[s.start])) {
                s.start += 1;
            }
            if let Some(k) =
                (s.start + 1..s.end).find(|&k| numeric(words[k]) || foreign(words[k]) && words[k] != "and")
            {
                s.end = k;
            }
        }
        // "Karl Rove: Hit", "Country Club; Colony West": a clause's colon
        // or semicolon ends a name, but a work's title may hold one
        // ("Mission: Impossible").
        if s.kind != Kind::Misc {
            if let Some(k) = (s.start + 1..s.end).find(|&k| matches!(words[k], ":" | ";")) {
                s.end = k;
            }
        }
        // The possessive is not part of the name: Salesforce's -> Salesforce.
        // Nor is the period that ends a sentence ("Nixon."; an
        // abbreviation's, "Bros .", "Colo .", stays) or a bracket that
        // closes none the name opened ("(Odessa Oblast)").
        while s.end > s.start
            && (loose(words[s.end - 1], false)
                || matches!(words[s.end - 1], "'s" | "’s" | "'S" | "’S") && !listed_possessive(s)
                || words[s.end - 1] == "."
                    && s.end - s.start >= 2
                    && !(1..=4).contains(&words[s.end - 2].chars().filter(|c| c.is_alphabetic()).count())
                || words[s.end - 1] == ")" && !words[s.start..s.end].contains(&"("))
        {
            s.end -= 1;
        }
        while s.start < s.end && loose(words[s.start], true) {
            s.start += 1;
        }
        if s.end > s.start
            && words.get(s.end).is_some_and(|w| matches!(*w, "'s" | "’s"))
            && listed_with_s(s.start, s.end)
        {
            s.end += 1;
        }
        // A sentence-initial "The" is rarely part of the name.
        if s.end - s.start >= 3 && words[s.start] == "The" && !NAMES_WITH_THE.contains_lower(words[s.end - 1])
        {
            s.start += 1;
        }
    }
    // "Oct.", "Aug.": an abbreviated month is no name.
    let month = |w: &str| {
        w.strip_suffix('.')
            .is_some_and(|m| MONTH_ABBREVIATIONS.contains_lower(m))
    };
    spans.retain(|s| {
        s.start < s.end
            && !(s.end - s.start == 1
                && (MONTHS_NEVER_NAMES.contains_lower(words[s.start])
                    || is_weekday(words[s.start])
                    || month(words[s.start])
                    || era(words, s.start)))
    });
}

/// "500 BC", "AD 79", "1200 B.C.E.": an era's letters beside a year are no
/// name.
fn era(words: &[&str], k: usize) -> bool {
    // `B.C.E.` is the longest.
    if words[k].len() > 6 {
        return false;
    }
    let year = |w: Option<&&str>| {
        w.is_some_and(|w| (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
    };
    // The word's letters without periods (`B.C.E.`), compared in place:
    // this runs for every name of one word.
    let is = |era: &str| words[k].bytes().filter(|&b| b != b'.').eq(era.bytes());
    let after_year = year(k.checked_sub(1).and_then(|j| words.get(j)));
    if is("BC") || is("BCE") || is("CE") {
        after_year
    } else {
        is("AD") && (after_year || year(words.get(k + 1)))
    }
}

/// "The", "If I", "Do": function words alone are capitalized for the start
/// of a clause, never a name; but not an acronym written like one (`IT`,
/// `WHO`) nor a first name (`Will`).
fn function_words(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer) {
    let only_function_words =
        |s: &TokenSpan| words[s.start..s.end].iter().all(|w| STOP_WORDS.contains_lower(w));
    if !spans.iter().any(only_function_words) {
        return;
    }
    // In a line mostly written in capitals ("SIGN UP or LOG IN") every word
    // looks like an acronym. (`is_caps_line` wants no lower case at all,
    // which a menu line mixing the two fails.)
    let lettered = words.iter().filter(|w| w.chars().any(char::is_alphabetic));
    let (caps, all) = lettered.fold((0, 0), |(c, a), w| {
        (c + usize::from(!w.chars().any(char::is_lowercase)), a + 1)
    });
    let caps_line = caps * 2 > all;
    let plain = |w: &&str| {
        let acronym = !caps_line && w.chars().count() > 1 && !w.chars().any(char::is_lowercase);
        !acronym && gazetteer.first_name(&w.to_lowercase()) == 0
    };
    spans.retain(|s| !(only_function_words(s) && words[s.start..s.end].iter().all(plain)));
}

/// "Procter & Gamble and AT&T", "Goldman Sachs and Citibank": two names
/// joined by "and" (or "or") are two names, not one, when each is listed
/// or named on its own elsewhere in the article (`named`, hashes of
/// [`phrase_hash`]).
fn split_pairs(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer, named: &FxHashSet<u64>) {
    let known = |from: usize, to: usize| {
        from < to
            && (gazetteer.phrase_classes(&words[from..to]) != 0
                || named.contains(&phrase_hash(&words[from..to], lower_hash)))
    };
    let mut extra = Vec::new();
    for s in spans.iter_mut() {
        if s.end - s.start < 3 {
            continue;
        }
        let Some(k) = (s.start + 1..s.end - 1).find(|&i| words[i] == "and" || words[i] == "or") else {
            continue;
        };
        if known(s.start, k) && known(k + 1, s.end) {
            extra.push(TokenSpan {
                start: k + 1,
                end: s.end,
                kind: s.kind,
            });
            s.end = k;
        }
    }
    spans.extend(extra);
}

/// A hash of a name's words, each hashed by `hash` (`lower_hash` for a
/// name alike whatever its case, `str_hash` for the name as written).
fn phrase_hash(words: &[&str], hash: fn(&str) -> u64) -> u64 {
    words
        .iter()
        .fold(0x9e37_79b9_7f4a_7c15u64, |h, w| mix(h ^ hash(w)))
}

/// `President Jackson` -> `Jackson`: a title is not part of the name.
fn strip_titles(words: &[&str], spans: &mut [TokenSpan], gazetteer: &Gazetteer) {
    for s in spans.iter_mut() {
        // An honorific makes the rest a person whatever the tagger said;
        // so does a title before a listed first name ("Librarian Owen
        // Pryce").
        let titled_first_name = s.end - s.start > 2
            && PERSON_TITLES.contains_lower(words[s.start])
            && gazetteer.first_name(&words[s.start + 1].to_lowercase()) == 1;
        if s.end - s.start > 1 && PERSON_TITLES_STRONG.contains_lower(words[s.start]) || titled_first_name {
            s.kind = Kind::Person;
        }
        while s.kind == Kind::Person && s.end - s.start > 1 && PERSON_TITLES.contains_lower(words[s.start]) {
            s.start += 1;
        }
    }
}

/// `City Attorney Brad Holm`, `County Executive Mary Lopez`: a name that
/// ends in a title, or holds one, before a capitalized word describes the
/// person who follows and is no body's name. The name after the title is
/// the person's; what precedes the title (or a run of titles, `Executive
/// Director`) stays a name when it is two words or more (`Homeland
/// Security Secretary Jeh Johnson`), or one listed word (`Texas`, a place,
/// `Google`) or one with capitals inside (`PolitiFact`, `FBI`) that is not
/// usually written in lower case; any other word is a description
/// (`City Attorney`, `Transportation Commissioner`).
fn descriptions(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer, casing: &Casing) {
    let mut extra = Vec::new();
    let mut work = std::mem::take(spans);
    while let Some(mut s) = work.pop() {
        if s.kind == Kind::Person || s.end - s.start < 2 {
            spans.push(s);
            continue;
        }
        let followed = |k: usize| words.get(k + 1).is_some_and(|w| capitalized(w));
        let title = |k: usize| PERSON_TITLES.contains_lower(words[k]);
        let Some(last) = (s.start + 1..s.end).rev().find(|&k| title(k) && followed(k)) else {
            spans.push(s);
            continue;
        };
        let mut first = last;
        while first > s.start + 1 && title(first - 1) {
            first -= 1;
        }
        if last + 1 < s.end {
            extra.push(TokenSpan {
                start: last + 1,
                end: s.end,
                kind: Kind::Person,
            });
        }
        // "Federal Reserve Chairman Jerome Powell and Treasury Secretary":
        // a description starts after "and" or a comma; what precedes is a
        // name of its own, looked at again (unless the whole is a listed
        // name, "Johnson and Johnson").
        let joint = (s.start + 1..first)
            .rev()
            .find(|&k| matches!(words[k], "and" | ","));
        if let Some(c) = joint.filter(|_| gazetteer.phrase_classes(&words[s.start..first]) == 0) {
            work.push(TokenSpan {
                start: s.start,
                end: c,
                kind: s.kind,
            });
            s.start = c + 1;
            if s.start >= first {
                continue;
            }
        }
        s.end = first;
        let classes = gazetteer.phrase_classes(&words[s.start..s.end]);
        if s.end - s.start >= 2 {
            // `New York City Mayor Bill de Blasio`: a listed place before
            // the title is a place, whatever the whole was tagged as.
            if place_not_organization(classes) {
                s.kind = Kind::Location;
            }
            spans.push(s);
            continue;
        }
        if casing.is_common_word(&words[s.start].to_lowercase()) {
            continue;
        }
        if classes & LOCATION_CLASSES != 0 {
            s.kind = Kind::Location;
        }
        if classes != 0 || words[s.start].chars().skip(1).any(char::is_uppercase) {
            spans.push(s);
        }
    }
    // The tagger may have started the person's name inside the description
    // ("County Executive Mary" / "Lopez"): the two parts are one name.
    for e in &mut extra {
        if let Some(k) = spans
            .iter()
            .position(|p| p.kind == Kind::Person && p.start == e.end)
        {
            e.end = spans.swap_remove(k).end;
        }
    }
    spans.extend(extra);
}

/// `European Union Gordon Sondland`: a name that opens with a listed
/// organization or place of two words or more and ends with a common first
/// name given mostly to one sex ("Merrill" is not: "Bank of America
/// Merrill Lynch") and one more word, a surname (neither usually written in
/// lower case, nor an organization's head noun, and not listed together as
/// an organization), is two names: the listed one and a person. The listed
/// part may be a sports club of two words or more ("Minnesota Wild Jonas
/// Brodin" in a caption), and the whole may have been read as a person.
/// (One listed word is too often a city that names an institution:
/// "Chicago Symphony Orchestra".)
fn listed_then_person(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer, casing: &Casing) {
    let mut extra = Vec::new();
    for s in spans.iter_mut().filter(|s| s.end - s.start >= 4) {
        let (given, surname) = (s.end - 2, s.end - 1);
        let first = words[given].to_lowercase();
        let last = words[surname].to_lowercase();
        if gazetteer.first_name(&first) != 1
            || gazetteer.female(&first).is_none()
            || !capitalized(words[surname])
            || casing.is_common_word(&first)
            || casing.is_common_word(&last)
            || ORG_HEADS.contains(&last)
            || ORG_HEADS_NOT_PERSON.contains(&last)
            || gazetteer.phrase_classes(&words[s.start..s.end]) != 0
            || gazetteer.phrase_classes(&words[given..s.end]) & ORGANIZATION_CLASSES != 0
        {
            continue;
        }
        let listed = gazetteer.phrase_classes(&words[s.start..given]);
        if listed & (ORGANIZATION_CLASSES | SPORTS_CLUBS | LOCATION_CLASSES) == 0 {
            continue;
        }
        extra.push(TokenSpan {
            start: given,
            end: s.end,
            kind: Kind::Person,
        });
        // Read whole as a person ("Minnesota Wild Jonas Brodin"), the
        // listed part is the body or place the lists hold it as.
        if s.kind == Kind::Person {
            s.kind = if listed & (ORGANIZATION_CLASSES | SPORTS_CLUBS) != 0 {
                Kind::Organization
            } else {
                Kind::Location
            };
        }
        s.end = given;
    }
    spans.extend(extra);
}

/// Names the tagger cut in two are one: a person's name around name
/// particles (`Van` `der` `Westhuizen`), and a name right before a
/// competition's last word (`Hong Kong` `Open`), which is then the
/// competition's.
fn rejoin_names(words: &[&str], spans: &mut Vec<TokenSpan>) {
    join_neighbours(spans, |a, b| {
        let gap = &words[a.end..b.start.max(a.end)];
        let persons = a.kind == Kind::Person
            && b.kind == Kind::Person
            && (1..=2).contains(&gap.len())
            && gap.iter().all(|w| NAME_PARTICLES.contains(w));
        let competition = gap.is_empty()
            && b.end == b.start + 1
            && b.kind == Kind::Misc
            && COMPETITION_HEADS.contains_lower(words[b.start]);
        (persons || competition).then_some(b.kind)
    });
}

/// `Alpharetta, GA`, `Hayward, Calif.`: a US state's postal code (in
/// capitals) or news-style abbreviation (with its period) right after a
/// name and a comma is a place, and so is the name before it unless it is
/// a person's (`Rep. Jo Dale, Calif.` is not written so, but a person's
/// home may be).
fn states_after_places(words: &[&str], spans: &mut Vec<TokenSpan>) {
    let state = |k: usize| {
        let w = words[k];
        let code = w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase());
        let abbreviation = w.len() > 2
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase)
            && words.get(k + 1) == Some(&".");
        (code || abbreviation) && US_STATES.contains_lower(w)
    };
    let mut added = Vec::new();
    for i in 0..spans.len() {
        let k = spans[i].end + 1;
        if k >= words.len() || words[k - 1] != "," || !state(k) {
            continue;
        }
        if spans[i].kind != Kind::Person {
            spans[i].kind = Kind::Location;
        }
        match spans.iter_mut().find(|s| s.start == k && s.end == k + 1) {
            Some(s) => s.kind = Kind::Location,
            None => added.push(TokenSpan {
                start: k,
                end: k + 1,
                kind: Kind::Location,
            }),
        }
    }
    spans.extend(added);
}

/// `in Cleveland`: a name tagged as an organization right after `in` or
/// `near` that the lists hold as a place and not as an organization (a
/// city that names a team is not held so) is the place; the tagger learned
/// cities as teams from sports results.
fn places_after_in(words: &[&str], spans: &mut [TokenSpan], gazetteer: &Gazetteer) {
    for s in spans
        .iter_mut()
        .filter(|s| s.kind == Kind::Organization && s.start > 0)
    {
        if matches!(words[s.start - 1], "in" | "near")
            && place_not_organization(gazetteer.phrase_classes(&words[s.start..s.end]))
        {
            s.kind = Kind::Location;
        }
    }
}

/// `Magic Keyboard`, `Cucumber Salad`, `Strategy Officer`: a person's name
/// of words that are all usually written in lower case, the first no first
/// name, is a product, a dish or a job (persons with such names, `Grant
/// Hill`, `Rose Byrne`, open with a first name), unless a title precedes it
/// or a reporting verb follows it.
fn common_word_persons(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer, casing: &Casing) {
    spans.retain(|s| {
        if s.kind != Kind::Person || s.end - s.start < 2 {
            return true;
        }
        let first = lower(words[s.start]);
        titled(words, s.start)
            || speaks(words, s.end)
            || gazetteer.first_name(&first) != 0
            || !words[s.start..s.end].iter().all(|w| {
                let w = lower(w);
                casing.is_common_word(&w) && gazetteer.classes(&w) == 0
            })
    });
}

/// A name holds a capital letter: a span without one ("cross-sell",
/// "high-stakes", the characters of a Japanese sentence, which the tagger,
/// reading capitals, cannot read) is no name. On the CoNLL-2003 training
/// and development data, 14 of 29,441 names lack a capital.
fn uncapitalized(words: &[&str], spans: &mut Vec<TokenSpan>) {
    spans.retain(|s| {
        words[s.start..s.end]
            .iter()
            .any(|w| w.chars().any(char::is_uppercase))
    });
}

/// `ARGENTINA CRUISES`, `WILL THEY BASH THE BILLIONAIRES?`: in a line
/// written in capitals, a word alone that is usually written in lower case
/// (and is no first name nor listed) is no name. (Longer names keep their
/// common words: `EASTERN DIVISION`, `TOUR OF NETHERLANDS`.)
fn capitals_common_words(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer, casing: &Casing) {
    if !crate::text::is_caps_line(words) {
        return;
    }
    spans.retain(|s| {
        let lower = words[s.start].to_lowercase();
        s.end > s.start + 1
            || !casing.is_common_word(&lower)
            || gazetteer.first_name(&lower) != 0
            || gazetteer.classes(&lower) != 0
    });
}

/// Quoted words at least, for a quotation's language to be judged.
const FOREIGN_MIN_WORDS: usize = 4;

/// Whether a quotation mark token opens or closes a quote (a straight
/// mark does either).
fn quote_mark(w: &str) -> bool {
    matches!(w, "\"" | "“" | "”" | "„" | "«" | "»" | "''" | "``")
}

/// A quotation in another language ("Wir haben die Lage im Griff") is not
/// a list of names, although its nouns are capitalized: names inside a
/// quoted stretch of at least four words with almost no English function
/// words and whose lower-case words are mostly not English ones (by the
/// model's casing table, learned from English text) are dropped, unless
/// the gazetteers list them ("Berlin").
fn foreign_quotes(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer, casing: &Casing) {
    // Most sentences hold no name to drop (and a sentence without
    // quotation marks allocates no list of them).
    if spans.is_empty() {
        return;
    }
    let marks: Vec<usize> = (0..words.len()).filter(|&i| quote_mark(words[i])).collect();
    for pair in marks.chunks_exact(2) {
        let (open, close) = (pair[0], pair[1]);
        let inside: Vec<&str> = words[open + 1..close]
            .iter()
            .copied()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        if inside.len() < FOREIGN_MIN_WORDS {
            continue;
        }
        let english = inside.iter().filter(|w| STOP_WORDS.contains_lower(w)).count();
        // English runs about two function words in five; a quotation
        // with at most one in ten is in another language.
        if english * 10 > inside.len() {
            continue;
        }
        let lower: Vec<&str> = inside
            .iter()
            .copied()
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .collect();
        let known = lower.iter().filter(|w| casing.is_common_word(w)).count();
        if lower.len() < 3 || known * 10 >= lower.len() * 3 {
            continue;
        }
        spans.retain(|s| {
            let within = open < s.start && s.end <= close;
            !within || gazetteer.phrase_classes(&words[s.start..s.end]) != 0
        });
    }
}

/// A name tagged as a person that the organization lists hold, that no
/// common first name starts nor title precedes, and that is not the
/// surname of a person the article names in full ("McDonald's",
/// "Barclays", but not "Dole" after "Bob Dole"), is an organization:
/// brands and companies known by one word look like surnames to the
/// tagger.
fn listed_organizations(sentences: &[Vec<&str>], spans: &mut [Vec<TokenSpan>], gazetteer: &Gazetteer) {
    let surnames = person_surnames(sentences, spans);
    for (words, spans) in sentences.iter().zip(spans.iter_mut()) {
        for s in spans.iter_mut().filter(|s| s.kind == Kind::Person) {
            let listed = gazetteer.phrase_classes(&words[s.start..s.end]) & ORGANIZATION_CLASSES != 0;
            let first = words[s.start].to_lowercase();
            let first_name = gazetteer.first_name(&first) == 1;
            let surname = s.end - s.start == 1 && surnames.contains(&lower_hash(words[s.start]));
            if listed && !first_name && !titled(words, s.start) && !surname {
                s.kind = Kind::Organization;
            }
        }
    }
}

/// Whether `w` is a head noun that ends an organization's name
/// (`Hospital`, `Foundation`).
fn org_head(w: &str) -> bool {
    ORG_HEADS.contains_lower(w) || ORG_HEADS_NOT_PERSON.contains_lower(w)
}

/// Whether `w` is a saint's title (`St. Mary's`).
fn saint(w: &str) -> bool {
    matches!(w, "St." | "St" | "Saint")
}

/// Whether a word is a compound of a time (`mid-January`, `late-Friday`)
/// or of a title (`then-Sen.`, before the person's name): no name. A
/// compound of a place (`then-Arkansas`) or a party (`then-Republican`)
/// is one.
fn time_compound(w: &str) -> bool {
    w.split_once('-').is_some_and(|(head, rest)| {
        let rest = rest.trim_end_matches('.');
        match head {
            "then" => PERSON_TITLES.contains_lower(rest),
            "mid" | "early" | "late" => MONTH_NAMES.contains_lower(rest) || is_weekday(rest),
            _ => false,
        }
    })
}

/// Whether a word names a file (`Lisa_resume.doc`, `TEXT.htm`,
/// `Budget2019.pdf`): a file is no name, though a web address may be a
/// firm's (`Amazon.com`).
fn file_name(w: &str) -> bool {
    const EXTENSIONS: [&str; 18] = [
        "pdf", "doc", "docx", "htm", "html", "xls", "xlsx", "ppt", "pptx", "jpg", "jpeg", "png", "gif",
        "txt", "csv", "zip", "mp3", "mp4",
    ];
    w.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// `Supreme Court Tuesday`, `New Hampshire Monday`: a weekday after a
/// name says when, and is no part of it, unless the lists hold the whole
/// (`Sheffield Wednesday`, a club) or the name is the day's (`Super
/// Tuesday`, `Black Friday`: a common word and the day).
fn weekday_tails(words: &[&str], spans: &mut [TokenSpan], gazetteer: &Gazetteer, casing: &Casing) {
    for s in spans.iter_mut() {
        let n = s.end - s.start;
        if n < 2 || !is_weekday(words[s.end - 1]) {
            continue;
        }
        let first = words[s.start].to_lowercase();
        let days_name = n == 2 && (casing.is_common_word(&first) || DAY_NAME_WORDS.contains(&first));
        if !days_name && gazetteer.phrase_classes(&words[s.start..s.end]) == 0 {
            s.end -= 1;
        }
    }
}

/// Whether a word is an attributive compound of a past participle
/// (`Ontario-based`, `U.S.-led`, `industry-funded`, `Swiss-born`).
fn attributive_compound(w: &str) -> bool {
    w.rsplit_once('-').is_some_and(|(head, tail)| {
        !head.is_empty()
            && tail.chars().all(|c| c.is_ascii_lowercase())
            && (tail.len() > 3 && tail.ends_with("ed") || matches!(tail, "run" | "born" | "made" | "led"))
    })
}

/// `Minneapolis-based First Bank System Inc.`: a name does not open with an
/// attributive compound; one that opens with a name is a name of its own
/// (misc, as `Ontario-based` is in newswire annotation), any other
/// (`industry-funded`, `R-rated`) none.
fn attributive_openers(words: &[&str], spans: &mut Vec<TokenSpan>) {
    let mut misc = Vec::new();
    for s in spans.iter_mut() {
        if s.end - s.start >= 2 && attributive_compound(words[s.start]) {
            let letters = words[s.start]
                .chars()
                .take_while(|&c| c != '-')
                .filter(|c| c.is_alphabetic())
                .count();
            if capitalized(words[s.start]) && letters >= 2 {
                misc.push(TokenSpan {
                    start: s.start,
                    end: s.start + 1,
                    kind: Kind::Misc,
                });
            }
            s.start += 1;
        }
    }
    // A span moved one word on stays in order; a compound of its own
    // goes before it.
    if !misc.is_empty() {
        spans.extend(misc);
        spans.sort_by_key(|s| s.start);
    }
}

/// `Children's Hospital of Philadelphia`, `St. Mary's Church`: a name that
/// opens with an organization head noun right after a capitalized
/// possessive is one name with it, not two. A person's possessive stays
/// apart (`Obama's Department of Justice`) unless a saint's (`St.`).
fn possessive_names(words: &[&str], spans: &mut [TokenSpan]) {
    for k in 0..spans.len() {
        let s = spans[k];
        if s.start < 2
            || !matches!(words[s.start - 1], "'s" | "’s")
            || !capitalized(words[s.start - 2])
            || !org_head(words[s.start])
        {
            continue;
        }
        let mut start = s.start - 2;
        let possessor = spans.iter().find(|p| p.start <= start && p.end == s.start - 1);
        if let Some(p) = possessor {
            start = p.start;
        }
        if start > 0 && saint(words[start - 1]) {
            start -= 1;
        }
        if possessor.is_some_and(|p| p.kind == Kind::Person) && !saint(words[start]) {
            continue;
        }
        spans[k].start = start;
        if s.kind == Kind::Person {
            spans[k].kind = Kind::Organization;
        }
    }
    // `St. Mary's Hospital`, `St. Jude's Children's Research Hospital`
    // with only the saint's name tagged: the head noun after the
    // possessive, untagged, joins it.
    for k in 0..spans.len() {
        let s = spans[k];
        if s.start == 0
            || !saint(words[s.start - 1])
            || !words.get(s.end).is_some_and(|w| matches!(*w, "'s" | "’s"))
        {
            continue;
        }
        let run = words[s.end + 1..]
            .iter()
            .take(4)
            .take_while(|w| capitalized(w) || matches!(**w, "'s" | "’s"))
            .count();
        let Some(last) = (1..=run).rev().find(|&n| org_head(words[s.end + n])) else {
            continue;
        };
        let end = s.end + 1 + last;
        if (s.end..end).any(|i| covered(spans, i)) {
            continue;
        }
        spans[k] = TokenSpan {
            start: s.start - 1,
            end,
            kind: Kind::Organization,
        };
    }
}

/// Names ending in a legal suffix or an organization head noun, and
/// persons' names joined by an ampersand, are organizations (a
/// competition's name tagged as misc stays so); a suffix right after a name
/// joins it; names ending in a place's head noun are places, and a day's
/// name (`Election Day`) is misc.
fn organizations(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer) {
    // "Hillary & Chelsea Clinton": two given names joined by an ampersand
    // (at `k`) before a surname.
    let first_name = |w: &str| gazetteer.first_name(&lower(w)) != 0;
    let given = |k: usize| {
        k > 0
            && k + 2 < words.len()
            && words[k] == "&"
            && first_name(words[k - 1])
            && first_name(words[k + 1])
            && capitalized(words[k + 2])
    };
    // "American League": a competition tagged as such stays one, unless
    // an organization list holds it ("Arab League").
    let competition = |s: &TokenSpan| {
        COMPETITION_HEADS.contains_lower(words[s.end - 1])
            && gazetteer.phrase_classes(&words[s.start..s.end]) & ORGANIZATION_CLASSES == 0
    };
    // Two names with only an ampersand between them are one firm's.
    join_neighbours(spans, |a, b| {
        (b.start == a.end + 1 && words[a.end] == "&" && !given(a.end)).then_some(Kind::Organization)
    });
    for s in spans.iter_mut() {
        // A legal suffix right after the span joins it.
        if s.end < words.len() && capitalized(words[s.end]) && is_legal_suffix(words[s.end]) {
            s.end += 1;
            s.kind = Kind::Organization;
            continue;
        }
        // "Douglas & Lomason", "Marks & Spencer": names joined by an
        // ampersand are a firm's, never one person's.
        if s.kind == Kind::Person
            && words[s.start..s.end].contains(&"&")
            && !(s.start + 3 < s.end && given(s.start + 1))
        {
            s.kind = Kind::Organization;
            continue;
        }
        let last = words[s.end - 1];
        if s.end - s.start > 1 && capitalized(last) {
            if ORG_HEADS.contains_lower(last) || is_legal_suffix(last) {
                s.kind = Kind::Organization;
            } else if PLACE_HEADS.contains_lower(last) && matches!(s.kind, Kind::Person | Kind::Misc) {
                s.kind = Kind::Location;
            } else if ORG_HEADS_NOT_PERSON.contains_lower(last)
                && (s.kind == Kind::Person || s.kind == Kind::Misc && !competition(s))
            {
                s.kind = Kind::Organization;
            } else if last.eq_ignore_ascii_case("day")
                && gazetteer.first_name(&words[s.start].to_lowercase()) != 1
            {
                // `Election Day`, `Labour Day`: a day's name is misc (but
                // not `Doris Day`).
                s.kind = Kind::Misc;
            }
        }
    }
    // An untagged capitalized run ending in a legal suffix.
    for i in 1..words.len() {
        if !capitalized(words[i]) || !is_legal_suffix(words[i]) {
            continue;
        }
        if covered(spans, i) {
            continue;
        }
        let mut start = i;
        while start > 0 && i - start < 4 && capitalized(words[start - 1]) && !covered(spans, start - 1) {
            start -= 1;
        }
        if start < i {
            spans.push(TokenSpan {
                start,
                end: i + 1,
                kind: Kind::Organization,
            });
        }
    }
}

/// `U.S. Attorney Lena Hoffmann`: a common first name left out just before
/// a person's name is the name's start.
fn first_names(words: &[&str], spans: &mut [TokenSpan], gazetteer: &Gazetteer) {
    let mut covered = vec![false; words.len()];
    for s in spans.iter() {
        covered[s.start..s.end].fill(true);
    }
    for s in spans.iter_mut().filter(|s| s.kind == Kind::Person && s.start > 0) {
        let w = words[s.start - 1];
        if !covered[s.start - 1]
            && capitalized(w)
            && !PERSON_TITLES.contains_lower(w)
            && !PERSON_TITLES_STRONG.contains_lower(w)
            && gazetteer.first_name(&w.to_lowercase()) == 1
        {
            s.start -= 1;
        }
    }
}

/// `Leonard E.` `Burman`: no name ends with a middle initial, so a name
/// that does goes on over the capitalized word after it, which the tagger
/// tagged apart or left out; with a listed first name it is a person's.
fn middle_initials(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer) {
    let initial = |w: &str| {
        let mut c = w.chars();
        matches!((c.next(), c.next(), c.next()), (Some(l), Some('.'), None) if l.is_uppercase())
    };
    let open = |s: &TokenSpan| {
        s.end - s.start >= 2
            && initial(words[s.end - 1])
            && !initial(words[s.end - 2])
            && words.get(s.end).is_some_and(|w| {
                capitalized(w)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            })
    };
    let kind = |s: &TokenSpan| {
        if gazetteer.first_name(&words[s.start].to_lowercase()) != 0 {
            Kind::Person
        } else {
            s.kind
        }
    };
    join_neighbours(spans, |a, b| {
        (b.start == a.end && b.end == b.start + 1 && open(a)).then(|| kind(a))
    });
    let untagged: Vec<usize> = (0..spans.len())
        .filter(|&i| open(&spans[i]) && !covered(spans, spans[i].end))
        .collect();
    for i in untagged {
        spans[i].end += 1;
        spans[i].kind = kind(&spans[i]);
    }
}

/// `Mary` `Lopez`, `Councillor Marta` `Quinlan`: a listed first name
/// tagged as a person alone, or a word after titles only, and the one
/// capitalized word right after it, tagged as another name, are one
/// person's name (the tagger reads an unfamiliar surname as a place or a
/// thing, and a title with a given name as a body). The titles are no
/// part of it.
fn given_then_surname(words: &[&str], spans: &mut Vec<TokenSpan>, gazetteer: &Gazetteer) {
    let title = |w: &str| PERSON_TITLES.contains_lower(w);
    // The end and the given name of each name joined: the titles before
    // the given name then go.
    let mut joined: Vec<(usize, usize)> = Vec::new();
    join_neighbours(spans, |a, b| {
        let given = a.end - 1;
        let surname = words[b.start];
        let joins = b.start == a.end
            && b.end == b.start + 1
            && capitalized(words[given])
            && capitalized(surname)
            && surname.chars().all(char::is_alphabetic)
            && !title(surname)
            && if given > a.start {
                words[a.start..given].iter().all(|w| title(w))
            } else {
                a.kind == Kind::Person && gazetteer.first_name(&words[given].to_lowercase()) != 0
            };
        if joins {
            joined.push((b.end, given));
        }
        joins.then_some(Kind::Person)
    });
    for s in spans.iter_mut() {
        if let Some(&(_, given)) = joined.iter().find(|(end, _)| *end == s.end) {
            s.start = given;
        }
    }
}

/// `Vann R. Newkirk II`, `Martin Luther King Jr.`: a generational suffix
/// right after a person's name is part of it, never a name of its own.
fn generational_suffixes(words: &[&str], spans: &mut Vec<TokenSpan>) {
    let suffix = |w: &str| matches!(w, "II" | "III" | "IV" | "Jr." | "Jr" | "Sr." | "Sr");
    let mut taken = Vec::new();
    for s in spans.iter_mut() {
        if s.kind == Kind::Person && words.get(s.end).is_some_and(|w| suffix(w)) {
            taken.push(s.end);
            s.end += 1;
        }
    }
    // The suffix tagged apart goes.
    taken.sort_unstable();
    spans.retain(|s| !(s.end == s.start + 1 && taken.binary_search(&s.start).is_ok()));
}

/// `"Showing such favor..."`: a one-word name opening a sentence or a
/// quotation (where any word is capitalized) is no name when the word is
/// a common lower-case word unknown to the gazetteers and the article
/// names it nowhere else (`Pence` opens sentences after `Mike Pence`).
/// Nor is a one-word person elsewhere ("Hilly and mountainous areas",
/// "Power and Performance") whose word is such a common word, unless a
/// longer name of the article holds it, a title precedes it ("Vice
/// President Pence") or a reporting verb follows it ("Pence said").
fn common_openers(
    sentences: &[Vec<&str>],
    spans: &mut [Vec<TokenSpan>],
    gazetteer: &Gazetteer,
    casing: &Casing,
) {
    let opening = |words: &[&str], k: usize| {
        k == 0 || k == 1 && matches!(words[0], "\"" | "“" | "'" | "‘" | "''" | "``")
    };
    // Words of names found elsewhere than at an opening.
    let mut named: FxHashSet<u64> = FxHashSet::default();
    // Words of names of two words or more.
    let mut in_longer: FxHashSet<u64> = FxHashSet::default();
    for (words, ss) in sentences.iter().zip(spans.iter()) {
        for s in ss
            .iter()
            .filter(|s| s.end > s.start + 1 || !opening(words, s.start))
        {
            let hashes = words[s.start..s.end].iter().map(|w| lower_hash(w));
            if s.end > s.start + 1 {
                for h in hashes {
                    named.insert(h);
                    in_longer.insert(h);
                }
            } else {
                named.extend(hashes);
            }
        }
    }
    for (words, ss) in sentences.iter().zip(spans.iter_mut()) {
        ss.retain(|s| {
            if s.end != s.start + 1 {
                return true;
            }
            let h = lower_hash(words[s.start]);
            let doubtful = if opening(words, s.start) {
                !named.contains(&h)
            } else {
                s.kind == Kind::Person
                    && !in_longer.contains(&h)
                    && !titled(words, s.start)
                    && !speaks(words, s.end)
            };
            if !doubtful {
                return true;
            }
            let lower = words[s.start].to_lowercase();
            // "Fortunately, ...": an adverb set off by a comma, however
            // rare, is as common a word.
            let adverb = lower.ends_with("ly") && words.get(s.end) == Some(&",");
            // "Moreover, ...": a connective opening a sentence, too.
            let connective = opening(words, s.start) && INTRO_WORDS.contains(&lower);
            !((casing.is_common_word(&lower) || adverb && opening(words, s.start) || connective)
                && gazetteer.classes(&lower) == 0
                && gazetteer.first_name(&lower) == 0)
        });
    }
}

/// `Mayor Elena Park`: capitalized words after a strong title are a person.
fn titled_persons(words: &[&str], spans: &mut Vec<TokenSpan>) {
    for i in 0..words.len().saturating_sub(1) {
        // Only a capitalized word can start the name after a title.
        if !capitalized(words[i + 1]) || !PERSON_TITLES_STRONG.contains_lower(words[i]) {
            continue;
        }
        let next = i + 1;
        if let Some(s) = spans.iter_mut().find(|s| s.start == next) {
            let all_caps_words = words[s.start..s.end].iter().all(|w| capitalized(w));
            if s.kind != Kind::Person
                && s.end - s.start <= 3
                && all_caps_words
                && s.kind != Kind::Organization
            {
                s.kind = Kind::Person;
            }
            continue;
        }
        if covered(spans, next) {
            continue;
        }
        let mut end = next;
        while end < words.len()
            && end - next < 3
            && capitalized(words[end])
            && words[end]
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
        {
            end += 1;
        }
        if end > next {
            spans.push(TokenSpan {
                start: next,
                end,
                kind: Kind::Person,
            });
        }
    }
}

/// `the film Parasite`, `her novel "Beloved Island"`: a name right after a
/// work noun with its determiner is the work's title, never a person or a
/// body (the tagger takes titles for surnames and companies).
/// After a publication noun (`the journal Nature Astronomy`, `the
/// magazine The Nation`) the name is the publication's, an organization
/// as news annotation counts it; the run of capitalized words there is
/// one even when the tagger found none.
fn works(words: &[&str], spans: &mut Vec<TokenSpan>) {
    for s in spans.iter_mut() {
        let mut noun = s.start;
        if noun > 0 && quote_mark(words[noun - 1]) {
            noun -= 1;
        }
        if noun < 2 || !WORK_DETERMINERS.contains_lower(words[noun - 2]) {
            continue;
        }
        if WORK_NOUNS.contains(words[noun - 1]) {
            s.kind = Kind::Misc;
        } else if PUBLICATION_NOUNS.contains(words[noun - 1]) {
            s.kind = Kind::Organization;
        }
    }
    // `The band's new album, Midnight Harbor, was ...`: a name set off by
    // commas after a work's noun names the work (a name the sentence goes
    // on with, `the film, Tom Hanks said`, does not close with a comma).
    // A person's name is a maker's (`the author of the book, Mitchell
    // Zuckoff,`), and so is any name after `of the book`.
    for s in spans.iter_mut() {
        let (start, end) = (s.start, s.end);
        if s.kind == Kind::Person
            || start < 3
            || words[start - 1] != ","
            || !WORK_NOUNS.contains(words[start - 2])
            || !words.get(end).is_some_and(|w| matches!(*w, "," | "." | ";"))
        {
            continue;
        }
        // The two words before the noun.
        let before = &words[start.saturating_sub(4)..start - 2];
        if !before.contains(&"of")
            && before
                .iter()
                .any(|w| WORK_DETERMINERS.contains_lower(w) || matches!(*w, "'s" | "’s"))
        {
            s.kind = Kind::Misc;
        }
    }
    for i in 2..words.len() {
        // The capital first: most words have none, and it costs no lookup.
        if !(capitalized(words[i])
            && PUBLICATION_NOUNS.contains(words[i - 1])
            && WORK_DETERMINERS.contains_lower(words[i - 2]))
            || covered(spans, i)
        {
            continue;
        }
        let mut end = i + 1;
        while end < words.len() && end - i < 4 && capitalized(words[end]) && !covered(spans, end) {
            end += 1;
        }
        spans.push(TokenSpan {
            start: i,
            end,
            kind: Kind::Organization,
        });
    }
}

/// `Apple, Google, Microsoft, Amazon and Facebook`: the names of a list
/// (three or more, between commas and a last `and` or `or`) are mostly of
/// one kind, and a name tagged as another (not misc, which a list of
/// places holds as adjectives) that the lists hold as that kind (`Amazon`,
/// a river too) is of it.
///
/// The spans come in order, as `remove_overlaps` leaves them.
fn lists_agree(words: &[&str], spans: &mut [TokenSpan], gazetteer: &Gazetteer) {
    debug_assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    let joint = |a: &TokenSpan, b: &TokenSpan| {
        let gap = &words[a.end..b.start.max(a.end)];
        matches!(gap, [","] | ["and"] | ["or"] | [",", "and"] | [",", "or"])
    };
    let mut start = 0;
    while start < spans.len() {
        let mut end = start + 1;
        while end < spans.len() && joint(&spans[end - 1], &spans[end]) {
            end += 1;
        }
        let list = &mut spans[start..end];
        start = end;
        if list.len() < 3 {
            continue;
        }
        for (kind, classes) in [
            (Kind::Organization, ORGANIZATION_CLASSES),
            (Kind::Location, LOCATION_CLASSES),
        ] {
            let agree = list.iter().filter(|s| s.kind == kind).count();
            if agree * 3 < list.len() * 2 {
                continue;
            }
            for s in list.iter_mut().filter(|s| s.kind != kind && s.kind != Kind::Misc) {
                if gazetteer.phrase_classes(&words[s.start..s.end]) & classes != 0 {
                    s.kind = kind;
                }
            }
        }
    }
}

/// Every mention of the same string gets the kind most of its mentions got.
fn one_kind_per_string(sentences: &[Vec<&str>], spans: &mut [Vec<TokenSpan>], lines: &[LineCase]) {
    let span_key = |words: &[&str], s: &TokenSpan| phrase_hash(&words[s.start..s.end], str_hash);
    let mut votes: FxHashMap<u64, [usize; 4]> = FxHashMap::default();
    // Capitals and title-case lines (headlines, results tables) are where
    // the tagger is least sure; they neither vote nor get changed.
    let caps: Vec<bool> = lines.iter().map(|&l| l != LineCase::Prose).collect();
    for ((words, ss), _) in sentences
        .iter()
        .zip(spans.iter())
        .zip(&caps)
        .filter(|(_, c)| !**c)
    {
        for s in ss {
            votes.entry(span_key(words, s)).or_default()[s.kind as usize] += 1;
        }
    }
    for ((words, ss), _) in sentences
        .iter()
        .zip(spans.iter_mut())
        .zip(&caps)
        .filter(|(_, c)| !**c)
    {
        for s in ss.iter_mut() {
            if let Some(v) = votes.get(&span_key(words, s)) {
                let best = (0..4)
                    .max_by_key(|&k| (v[k], k == s.kind as usize))
                    .unwrap_or(s.kind as usize);
                if v[best] > v[s.kind as usize] {
                    s.kind = Kind::ALL[best];
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(words: &[&str], spans: Vec<TokenSpan>) -> Vec<(String, Kind)> {
        run_sentences(&[words.to_vec()], vec![spans]).remove(0)
    }

    /// The names and kinds the rules leave in each sentence.
    fn run_sentences(sentences: &[Vec<&str>], mut spans: Vec<Vec<TokenSpan>>) -> Vec<Vec<(String, Kind)>> {
        let model = crate::entities::default_model();
        let casing = model.resources().casing;
        let lines: Vec<LineCase> = sentences.iter().map(|w| casing.line_case(w)).collect();
        apply(sentences, &mut spans, &lines, Gazetteer::embedded(), casing);
        sentences
            .iter()
            .zip(&spans)
            .map(|(words, ss)| {
                ss.iter()
                    .map(|s| (words[s.start..s.end].join(" "), s.kind))
                    .collect()
            })
            .collect()
    }

    fn span(start: usize, end: usize, kind: Kind) -> TokenSpan {
        TokenSpan { start, end, kind }
    }

    /// The names the rules leave.
    fn names(words: &[&str], spans: Vec<TokenSpan>) -> Vec<String> {
        run(words, spans).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn title_case_words_the_article_writes_in_lower_case_are_no_names() {
        let headline = vec!["Lakeport", "Closes", "Two", "Beaches", "After", "Algae", "Bloom"];
        let body = vec![
            "Officials",
            "in",
            "Lakeport",
            "found",
            "a",
            "bloom",
            "of",
            "algae",
            "near",
            "the",
            "shore",
            ".",
        ];
        let found = run_sentences(
            &[headline.clone(), body.clone()],
            vec![
                vec![span(0, 1, Kind::Location), span(5, 7, Kind::Organization)],
                vec![span(2, 3, Kind::Location)],
            ],
        );
        assert_eq!(found[0], [("Lakeport".to_string(), Kind::Location)]);
        // A word the article also capitalizes inside a sentence stays a name.
        let body = vec!["A", "bloom", "of", "algae", "at", "Algae", "Bay", "."];
        let found = run_sentences(
            &[headline, body],
            vec![vec![span(5, 7, Kind::Organization)], vec![]],
        );
        assert_eq!(found[0], [("Algae Bloom".to_string(), Kind::Organization)]);
    }

    /// The names the rules leave, given the tagger's person spans.
    fn person_names(words: &[&str], spans: &[(usize, usize)]) -> Vec<String> {
        names(
            words,
            spans.iter().map(|&(a, b)| span(a, b, Kind::Person)).collect(),
        )
    }

    #[test]
    fn names_end_before_a_clause_and_its_punctuation() {
        let words = [
            "Karl", "Rove", ":", "Hit", "in", "Ukraine", "(", "Odessa", "Oblast", ")", ".",
        ];
        let found = names(&words, vec![span(0, 4, Kind::Person), span(7, 11, Kind::Person)]);
        assert_eq!(found, ["Karl Rove", "Odessa Oblast"]);
        // An abbreviation keeps its period, a bracketed letter its bracket,
        // a work its colon.
        let words = [
            "Warner",
            "Bros",
            ".",
            "and",
            "Rad",
            "(",
            "B",
            ")",
            "in",
            "Mission",
            ":",
            "Impossible",
        ];
        let found = names(
            &words,
            vec![
                span(0, 3, Kind::Organization),
                span(4, 8, Kind::Organization),
                span(9, 12, Kind::Misc),
            ],
        );
        assert_eq!(found, ["Warner Bros .", "Rad ( B )", "Mission : Impossible"]);
    }

    #[test]
    fn acronyms_of_common_nouns_are_no_names() {
        let first = vec![
            "the", "global", "sea", "surface", "salinity", "(", "SSS", ")", "and", "the", "European",
            "Space", "Agency", "(", "ESA", ")",
        ];
        let second = vec![
            "SSS",
            "rose",
            ",",
            "ESA",
            "said",
            ",",
            "and",
            "post-traumatic",
            "stress",
            "disorder",
            "(",
            "PTSD",
            ")",
            ".",
        ];
        let found = run_sentences(
            &[first, second],
            vec![
                vec![
                    span(6, 7, Kind::Organization),
                    span(10, 13, Kind::Organization),
                    span(14, 15, Kind::Organization),
                ],
                vec![
                    span(0, 1, Kind::Organization),
                    span(3, 4, Kind::Organization),
                    span(11, 12, Kind::Misc),
                ],
            ],
        );
        let names: Vec<Vec<String>> = found
            .iter()
            .map(|ss| ss.iter().map(|(n, _)| n.clone()).collect())
            .collect();
        assert_eq!(names, [vec!["European Space Agency", "ESA"], vec!["ESA"]]);
    }

    #[test]
    fn a_surname_of_two_words_the_tagger_cut_is_one_name() {
        let first = vec![
            "Rep.",
            "Debbie",
            "Wasserman",
            "Schultz",
            "spoke",
            "to",
            "John",
            "Smith",
            "Monday",
            ".",
        ];
        let second = vec!["Wasserman", "Schultz", "and", "Smith", "Monday", "agreed", "."];
        let found = run_sentences(
            &[first, second],
            vec![
                vec![
                    span(1, 3, Kind::Person),
                    span(3, 4, Kind::Location),
                    span(6, 8, Kind::Person),
                    span(8, 9, Kind::Misc),
                ],
                vec![span(0, 2, Kind::Person), span(3, 4, Kind::Person)],
            ],
        );
        assert_eq!(
            found[0][0],
            ("Debbie Wasserman Schultz".to_string(), Kind::Person)
        );
        // Two words named apart elsewhere are no surname.
        assert!(
            found[0].iter().all(|(n, _)| n != "John Smith Monday"),
            "{found:?}"
        );
    }

    #[test]
    fn file_names_and_time_compounds_are_no_names() {
        let words = [
            "See",
            "Lisa_resume.doc",
            "and",
            "CrudeStocks.pdf",
            "from",
            "Amazon.com",
            ".",
        ];
        let found = names(
            &words,
            vec![
                span(1, 2, Kind::Person),
                span(3, 4, Kind::Organization),
                span(5, 6, Kind::Organization),
            ],
        );
        assert_eq!(found, ["Amazon.com"]);
    }

    #[test]
    fn a_weekday_after_a_name_is_no_part_of_it() {
        let words = [
            "the",
            "Supreme",
            "Court",
            "Tuesday",
            "and",
            "Super",
            "Tuesday",
            "and",
            "Sheffield",
            "Wednesday",
        ];
        let found = names(
            &words,
            vec![
                span(1, 4, Kind::Organization),
                span(5, 7, Kind::Misc),
                span(8, 10, Kind::Organization),
            ],
        );
        assert_eq!(found, ["Supreme Court", "Super Tuesday", "Sheffield Wednesday"]);
    }

    #[test]
    fn attributive_compounds_open_no_name() {
        let words = [
            "Minneapolis-based",
            "First",
            "Bank",
            "System",
            "Inc.",
            "and",
            "an",
            "industry-funded",
            "National",
            "Safety",
            "Campaign",
        ];
        let found = run(
            &words,
            vec![span(0, 5, Kind::Organization), span(7, 11, Kind::Organization)],
        );
        assert_eq!(
            found,
            [
                ("Minneapolis-based".to_string(), Kind::Misc),
                ("First Bank System Inc.".to_string(), Kind::Organization),
                ("National Safety Campaign".to_string(), Kind::Organization),
            ]
        );
        // A hyphenated name stays whole (`Rolls-Royce Holdings`), and so
        // does a compound alone.
        let words = [
            "Rolls-Royce",
            "Holdings",
            "and",
            "U.S.-led",
            "forces",
            "in",
            "R-rated",
            "Star",
            "Trek",
        ];
        let found = run(
            &words,
            vec![
                span(0, 2, Kind::Organization),
                span(3, 4, Kind::Misc),
                span(6, 9, Kind::Organization),
            ],
        );
        assert_eq!(
            found,
            [
                ("Rolls-Royce Holdings".to_string(), Kind::Organization),
                ("U.S.-led".to_string(), Kind::Misc),
                ("Star Trek".to_string(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_name_goes_on_after_its_middle_initial() {
        let words = ["said", "Leonard", "E.", "Burman", ",", "director"];
        let got = run(&words, vec![span(1, 3, Kind::Organization)]);
        assert_eq!(got, vec![("Leonard E. Burman".to_string(), Kind::Person)]);
        // Initials alone are no middle initial (`U.S.` is spelled apart by
        // some texts).
        let words = ["the", "U.", "S.", "Senate"];
        let got = run(&words, vec![span(1, 3, Kind::Location)]);
        assert_eq!(got, vec![("U. S.".to_string(), Kind::Location)]);
    }

    #[test]
    fn a_first_name_and_the_word_after_it_are_one_person() {
        let words = ["County", "Executive", "Mary", "Lopez", "said", "so"];
        let got = run(&words, vec![span(2, 3, Kind::Person), span(3, 4, Kind::Location)]);
        assert_eq!(got, vec![("Mary Lopez".to_string(), Kind::Person)]);
        let words = ["Councillor", "Marta", "Quinlan", "voted"];
        let got = run(
            &words,
            vec![span(0, 2, Kind::Organization), span(2, 3, Kind::Misc)],
        );
        assert_eq!(got, vec![("Marta Quinlan".to_string(), Kind::Person)]);
        // Two places stay two.
        let words = ["from", "Jordan", "Israel", "and"];
        let got = run(
            &words,
            vec![span(1, 2, Kind::Location), span(2, 3, Kind::Location)],
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn an_era_beside_a_year_is_no_name() {
        let words = ["In", "500", "BC", "and", "AD", "79", "the", "BC", "Lions", "won"];
        let spans = vec![
            span(2, 3, Kind::Organization),
            span(4, 5, Kind::Organization),
            span(7, 9, Kind::Organization),
        ];
        assert_eq!(names(&words, spans), ["BC Lions"]);
    }

    #[test]
    fn a_month_alone_is_no_name() {
        let words = ["July", "19", "--", "Harbor", "Arena", ",", "June", "Lee", "said"];
        let spans = vec![
            span(0, 1, Kind::Person),
            span(3, 5, Kind::Location),
            span(6, 8, Kind::Person),
        ];
        assert_eq!(names(&words, spans), ["Harbor Arena", "June Lee"]);
    }

    #[test]
    fn states_after_a_place_are_places() {
        let words = [
            "at",
            "Verizon",
            "Amphitheatre",
            ",",
            "Alpharetta",
            ",",
            "GA",
            "on",
            "Oct.",
            "4",
        ];
        let spans = vec![
            span(1, 3, Kind::Organization),
            span(4, 5, Kind::Organization),
            span(6, 7, Kind::Organization),
            span(8, 9, Kind::Organization),
        ];
        assert_eq!(
            run(&words, spans),
            [
                ("Verizon Amphitheatre".to_string(), Kind::Organization),
                ("Alpharetta".to_string(), Kind::Location),
                ("GA".to_string(), Kind::Location),
            ]
        );
        // A news-style abbreviation with its period, found even untagged;
        // a person before it stays a person.
        let words = ["Dana", "Inman", ",", "Jackson", ",", "Miss", ".", "said"];
        let spans = vec![span(0, 2, Kind::Person), span(3, 4, Kind::Person)];
        assert_eq!(
            run(&words, spans),
            [
                ("Dana Inman".to_string(), Kind::Person),
                ("Jackson".to_string(), Kind::Person),
                ("Miss".to_string(), Kind::Location),
            ]
        );
        // Not a state after a comma: "Ind" without its period, "In" as a word.
        let words = ["Jackson", ",", "In", "short"];
        assert_eq!(run(&words, vec![span(0, 1, Kind::Location)]).len(), 1);
    }

    #[test]
    fn a_persons_possessive_is_not_a_listed_chains_name() {
        // "Morrisons" is a listed chain; after "Tim Morrison", "Morrison's"
        // is his.
        let first = vec!["Tim", "Morrison", "spoke"];
        let second = vec!["Morrison", "'s", "lawyer", "said"];
        let found = run_sentences(
            &[first, second.clone()],
            vec![vec![span(0, 2, Kind::Person)], vec![span(0, 2, Kind::Person)]],
        );
        assert_eq!(found[1], [("Morrison".to_string(), Kind::Person)]);
        // Alone, the listed name keeps its 's.
        let found = run_sentences(&[second], vec![vec![span(0, 2, Kind::Organization)]]);
        assert_eq!(found[0][0].0, "Morrison 's");
    }

    #[test]
    fn connectives_and_ampersands_are_no_names() {
        let words = ["Moreover", ",", "Lewis", "&", "Fennig", "agree", "."];
        let spans = vec![span(0, 1, Kind::Person), span(3, 5, Kind::Person)];
        assert_eq!(names(&words, spans), ["Fennig"]);
        // Within a name the ampersand stays.
        let words = ["at", "Martin", "&", "Clarke", "."];
        assert_eq!(
            names(&words, vec![span(1, 4, Kind::Organization)]),
            ["Martin & Clarke"]
        );
    }

    #[test]
    fn names_joined_by_an_ampersand_are_a_firm() {
        let words = ["Shares", "of", "Douglas", "&", "Lomason", "Co", "rose"];
        let spans = vec![span(2, 3, Kind::Person), span(4, 5, Kind::Person)];
        assert_eq!(
            run(&words, spans),
            [("Douglas & Lomason Co".to_string(), Kind::Organization)]
        );
        let words = ["at", "Marks", "&", "Spencer", "."];
        assert_eq!(
            run(&words, vec![span(1, 4, Kind::Person)]),
            [("Marks & Spencer".to_string(), Kind::Organization)]
        );
        // Two given names before a surname are two persons.
        let words = ["with", "Hillary", "&", "Chelsea", "Clinton", "."];
        let spans = vec![span(1, 2, Kind::Person), span(3, 5, Kind::Person)];
        assert_eq!(
            run(&words, spans),
            [
                ("Hillary".to_string(), Kind::Person),
                ("Chelsea Clinton".to_string(), Kind::Person)
            ]
        );
    }

    #[test]
    fn competitions_tagged_misc_stay_misc() {
        let words = [
            "leads", "the", "American", "League", "East", "and", "the", "Arab", "League", "met",
        ];
        let spans = vec![span(2, 4, Kind::Misc), span(7, 9, Kind::Misc)];
        assert_eq!(
            run(&words, spans),
            [
                ("American League".to_string(), Kind::Misc),
                ("Arab League".to_string(), Kind::Organization)
            ]
        );
    }

    #[test]
    fn a_legal_suffix_alone_is_no_name() {
        let words = ["Enron", "Broadband", ",", "Inc.", "and", "CCNG", "Inc."];
        let spans = vec![
            span(0, 2, Kind::Organization),
            span(3, 4, Kind::Person),
            span(5, 6, Kind::Organization),
        ];
        assert_eq!(names(&words, spans), ["Enron Broadband", "CCNG Inc."]);
    }

    #[test]
    fn names_cut_in_two_are_rejoined() {
        let words = [
            "Van",
            "der",
            "Westhuizen",
            "scored",
            "at",
            "the",
            "Hong",
            "Kong",
            "Open",
        ];
        let spans = vec![
            span(0, 1, Kind::Person),
            span(2, 3, Kind::Person),
            span(6, 8, Kind::Location),
            span(8, 9, Kind::Misc),
        ];
        assert_eq!(
            run(&words, spans),
            [
                ("Van der Westhuizen".to_string(), Kind::Person),
                ("Hong Kong Open".to_string(), Kind::Misc)
            ]
        );
        // Two persons with a word between them that is no particle stay two.
        let words = ["Ann", "and", "Bo", "Li"];
        assert_eq!(person_names(&words, &[(0, 1), (2, 4)]), ["Ann", "Bo Li"]);
    }

    #[test]
    fn a_persons_surname_alone_is_that_person() {
        let first = vec!["Bob", "Dole", "spoke", "in", "Washington"];
        let second = vec!["Dole", "said", "so", "in", "Washington"];
        let found = run_sentences(
            &[first, second],
            vec![
                vec![span(0, 2, Kind::Person), span(4, 5, Kind::Location)],
                vec![span(0, 1, Kind::Organization), span(4, 5, Kind::Location)],
            ],
        );
        assert_eq!(
            found[1],
            [
                ("Dole".to_string(), Kind::Person),
                ("Washington".to_string(), Kind::Location)
            ]
        );
    }

    #[test]
    fn camel_cased_words_alone_are_firms() {
        let first = vec!["WeWork", "said", "McCain", "and", "LeBron", "James", "agreed"];
        let second = vec!["LeBron", "and", "O'Neill", "met", "YouTube", "MattBevin"];
        let found = run_sentences(
            &[first, second],
            vec![
                vec![
                    span(0, 1, Kind::Person),
                    span(2, 3, Kind::Person),
                    span(4, 6, Kind::Person),
                ],
                vec![
                    span(0, 1, Kind::Person),
                    span(2, 3, Kind::Person),
                    span(4, 5, Kind::Person),
                    span(5, 6, Kind::Person),
                ],
            ],
        );
        assert_eq!(found[0][0], ("WeWork".to_string(), Kind::Organization));
        assert_eq!(found[0][1], ("McCain".to_string(), Kind::Person));
        assert_eq!(
            found[1],
            [
                ("LeBron".to_string(), Kind::Person),
                ("O'Neill".to_string(), Kind::Person),
                ("YouTube".to_string(), Kind::Organization),
                ("MattBevin".to_string(), Kind::Person)
            ]
        );
    }

    #[test]
    fn persons_of_common_words_are_no_persons() {
        let words = ["the", "Free", "Trade", "Agreement", "and", "Grant", "Hill", "."];
        assert_eq!(person_names(&words, &[(1, 4), (5, 7)]), ["Grant Hill"]);
        // A title or a reporting verb makes them persons.
        let words = ["Judge", "Free", "Trade", "said", "."];
        assert_eq!(person_names(&words, &[(1, 3)]), ["Free Trade"]);
    }

    #[test]
    fn names_hold_a_capital_letter() {
        let words = ["A", "cross-sell", "deal", "with", "Acme", "."];
        let spans = vec![span(1, 2, Kind::Misc), span(4, 5, Kind::Organization)];
        assert_eq!(names(&words, spans), ["Acme"]);
        // A caseless script: none of its characters is a name.
        let words = ["東京", "の", "Kindle", "。"];
        let spans = vec![
            span(0, 1, Kind::Location),
            span(1, 2, Kind::Misc),
            span(2, 3, Kind::Misc),
        ];
        assert_eq!(names(&words, spans), ["Kindle"]);
    }

    #[test]
    fn descriptions_joined_by_and_are_cut_apart() {
        let words = [
            "by",
            "Federal",
            "Reserve",
            "Chairman",
            "Jerome",
            "Powell",
            "and",
            "Treasury",
            "Secretary",
            "Steven",
            "Mnuchin",
        ];
        let spans = vec![span(1, 9, Kind::Organization), span(9, 11, Kind::Person)];
        assert_eq!(
            run(&words, spans),
            [
                ("Federal Reserve".to_string(), Kind::Organization),
                ("Jerome Powell".to_string(), Kind::Person),
                ("Steven Mnuchin".to_string(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_closing_single_quote_is_no_part_of_a_name() {
        let words = ["on", "'", "Prison", "Break", "'", "last", "year"];
        assert_eq!(names(&words, vec![span(2, 5, Kind::Misc)]), ["Prison Break"]);
    }

    #[test]
    fn a_listed_name_then_a_persons_name_are_two_names() {
        let words = ["to", "the", "European", "Union", "Gordon", "Sondland", "and"];
        let found = run(&words, vec![span(2, 6, Kind::Organization)]);
        assert_eq!(
            found,
            [
                ("European Union".to_string(), Kind::Organization),
                ("Gordon Sondland".to_string(), Kind::Person),
            ]
        );
        // A listed sports club, and a name the tagger read whole as a person.
        let words = ["Minnesota", "Wild", "Jonas", "Brodin", "scores"];
        for kind in [Kind::Organization, Kind::Person] {
            assert_eq!(
                run(&words, vec![span(0, 4, kind)]),
                [
                    ("Minnesota Wild".to_string(), Kind::Organization),
                    ("Jonas Brodin".to_string(), Kind::Person),
                ]
            );
        }
        // A city naming an institution stays one name.
        let words = ["the", "Chicago", "Symphony", "Orchestra"];
        assert_eq!(
            names(&words, vec![span(1, 4, Kind::Organization)]),
            ["Chicago Symphony Orchestra"]
        );
    }

    #[test]
    fn names_joined_by_and_are_two_when_each_stands_alone_elsewhere() {
        let sentences = [
            vec![
                "Talks", "with", "Podesta", "Group", "and", "Mercury", "failed", ".",
            ],
            vec!["Mercury", "declined", "."],
            vec!["Podesta", "Group", "agreed", "."],
            // Only "Ways" and "Means" alone are nowhere: one name.
            vec!["Ways", "and", "Means", "met", "."],
        ];
        let spans = vec![
            vec![span(2, 6, Kind::Organization)],
            vec![span(0, 1, Kind::Organization)],
            vec![span(0, 2, Kind::Organization)],
            vec![span(0, 3, Kind::Organization)],
        ];
        let names: Vec<Vec<String>> = run_sentences(&sentences, spans)
            .into_iter()
            .map(|ss| ss.into_iter().map(|(n, _)| n).collect())
            .collect();
        assert_eq!(
            names,
            [
                vec!["Podesta Group", "Mercury"],
                vec!["Mercury"],
                vec!["Podesta Group"],
                vec!["Ways and Means"]
            ]
        );
    }

    #[test]
    fn a_common_word_alone_in_a_capitals_line_is_no_name() {
        let words = ["ARGENTINA", "WINS", "ON", "THE", "ROAD"];
        let spans = vec![span(0, 1, Kind::Location), span(4, 5, Kind::Organization)];
        assert_eq!(names(&words, spans), ["ARGENTINA"]);
        // A longer name keeps its common words.
        let words = ["EASTERN", "DIVISION"];
        assert_eq!(names(&words, vec![span(0, 2, Kind::Misc)]), ["EASTERN DIVISION"]);
    }

    #[test]
    fn a_lone_common_word_is_no_person() {
        let words = ["The", "car", "has", "power", "and", "Performance", "."];
        assert!(person_names(&words, &[(5, 6)]).is_empty());
        // Unless a title precedes it, a reporting verb follows it or a
        // longer name of the article holds it.
        let words = ["Mayor", "Hope", "spoke", "and", "then", "Hope", "said", "no", "."];
        assert_eq!(person_names(&words, &[(1, 2), (5, 6)]), ["Hope", "Hope"]);
        let sentences = [
            vec!["Grace", "Hope", "arrived", "."],
            vec!["Later", ",", "Hope", "left", "."],
        ];
        let spans = vec![vec![span(0, 2, Kind::Person)], vec![span(2, 3, Kind::Person)]];
        let found = run_sentences(&sentences, spans);
        assert_eq!(found[1], [("Hope".to_string(), Kind::Person)]);
    }

    #[test]
    fn a_persons_name_holds_no_number() {
        let words = ["Shapovalov", "beat", "Taylor", "Fritz", "7-6", "6-3", "."];
        assert_eq!(
            person_names(&words, &[(0, 1), (2, 5)]),
            ["Shapovalov", "Taylor Fritz"]
        );
        // Only numbers: no name at all; an organization keeps its number.
        let words = ["John", "Milbank", "RRP", ":", "49.95", "Euro"];
        assert_eq!(person_names(&words, &[(0, 6)]), ["John Milbank RRP"]);
        // No lower-case word but a particle or the "and" of given names,
        // and no lower-case compound first.
        let words = [
            "Alex",
            "on",
            "September",
            "17",
            ",",
            "Richard",
            "von",
            "Weizsäcker",
        ];
        assert_eq!(
            person_names(&words, &[(0, 3), (5, 8)]),
            ["Alex", "Richard von Weizsäcker"]
        );
        let words = [
            "Robert",
            "and",
            "Rebekah",
            "Mercer",
            "met",
            "singer-keyboardist",
            "McDonald",
        ];
        assert_eq!(
            person_names(&words, &[(0, 4), (5, 7)]),
            ["Robert and Rebekah Mercer", "McDonald"]
        );
        let words = ["CA", "90069", "and", "7-Eleven"];
        let spans = vec![span(1, 2, Kind::Person), span(3, 4, Kind::Organization)];
        assert_eq!(names(&words, spans), ["7-Eleven"]);
    }

    #[test]
    fn a_title_inside_a_name_is_a_description() {
        let words = [
            "City",
            "Attorney",
            "Brad",
            "Holm",
            "and",
            "Homeland",
            "Security",
            "Secretary",
            "Jeh",
            "Johnson",
            "said",
        ];
        let got = run(
            &words,
            vec![
                span(0, 2, Kind::Organization),
                span(2, 4, Kind::Person),
                span(5, 10, Kind::Organization),
            ],
        );
        assert_eq!(
            got,
            [
                ("Brad Holm".to_string(), Kind::Person),
                ("Homeland Security".to_string(), Kind::Organization),
                ("Jeh Johnson".to_string(), Kind::Person),
            ]
        );
        let words = ["County", "Executive", "Mary", "Lopez", "said"];
        let got = run(
            &words,
            vec![span(0, 3, Kind::Organization), span(3, 4, Kind::Person)],
        );
        assert_eq!(got, [("Mary Lopez".to_string(), Kind::Person)]);
        // A listed place before the title is a place.
        let words = ["New", "York", "City", "Mayor", "Ines", "Albrecht", "said"];
        let got = run(&words, vec![span(0, 6, Kind::Organization)]);
        assert_eq!(
            got,
            [
                ("New York City".to_string(), Kind::Location),
                ("Ines Albrecht".to_string(), Kind::Person),
            ]
        );
        let words = [
            "PolitiFact",
            "Executive",
            "Director",
            "Aaron",
            "Sharockman",
            "said",
        ];
        let got = run(&words, vec![span(0, 5, Kind::Organization)]);
        assert_eq!(
            got,
            [
                ("PolitiFact".to_string(), Kind::Organization),
                ("Aaron Sharockman".to_string(), Kind::Person)
            ]
        );
        let words = ["Texas", "Attorney", "General", "Ken", "Paxton", "said"];
        let got = run(
            &words,
            vec![span(0, 3, Kind::Organization), span(3, 5, Kind::Person)],
        );
        assert_eq!(
            got,
            [
                ("Texas".to_string(), Kind::Location),
                ("Ken Paxton".to_string(), Kind::Person)
            ]
        );
        // A title at a name's end before a lower-case word stays.
        let words = ["the", "Inspector", "General", "said"];
        let got = run(&words, vec![span(1, 3, Kind::Organization)]);
        assert_eq!(got, [("Inspector General".to_string(), Kind::Organization)]);
    }

    #[test]
    fn a_possessive_before_a_head_noun_is_part_of_the_name() {
        let words = [
            "At",
            "Children",
            "'s",
            "Hospital",
            "of",
            "Philadelphia",
            "and",
            "St.",
            "Mary",
            "'s",
            "Church",
            ",",
            "Obama",
            "'s",
            "Department",
            "of",
            "Justice",
            "met",
            ".",
        ];
        let spans = vec![
            span(3, 6, Kind::Organization),
            span(8, 9, Kind::Person),
            span(10, 11, Kind::Organization),
            span(12, 13, Kind::Person),
            span(14, 17, Kind::Organization),
        ];
        assert_eq!(
            names(&words, spans),
            [
                "Children 's Hospital of Philadelphia",
                "St. Mary 's Church",
                "Obama",
                "Department of Justice"
            ]
        );
    }

    #[test]
    fn a_saints_name_tagged_alone_takes_the_head_noun_after_it() {
        let words = [
            "Doctors", "at", "St.", "Mary", "'s", "Hospital", "and", "Ann", "'s", "Cafe", "agreed", ".",
        ];
        // The tagger found only the saint's name, and a person elsewhere.
        let spans = vec![span(3, 4, Kind::Person), span(7, 8, Kind::Person)];
        assert_eq!(names(&words, spans), ["St. Mary 's Hospital", "Ann"]);
    }

    #[test]
    fn a_first_name_left_out_starts_the_name() {
        let words = [
            "Assistant",
            "Attorney",
            "Lena",
            "Hoffmann",
            "and",
            "Judge",
            "Olga",
            "Ruiz",
            "spoke",
            ".",
        ];
        // A title before a name ("Judge") stays out, though it is a first
        // name too.
        assert_eq!(
            person_names(&words, &[(3, 4), (6, 8)]),
            ["Lena Hoffmann", "Olga Ruiz"]
        );
    }

    #[test]
    fn function_words_alone_are_no_name() {
        let words = [
            "The", "IT", "staff", "told", "WHO", "that", "Will", "If", "I", "left", ".",
        ];
        let spans = vec![
            span(0, 1, Kind::Misc),
            span(1, 2, Kind::Organization),
            span(4, 5, Kind::Organization),
            span(6, 7, Kind::Person),
            span(7, 9, Kind::Organization),
        ];
        assert_eq!(names(&words, spans), ["IT", "WHO", "Will"]);
        // In a line mostly in capitals, capitals make no acronym.
        let words = ["SIGN", "UP", "or", "LOG", "IN"];
        let spans = vec![span(1, 2, Kind::Location), span(4, 5, Kind::Organization)];
        assert!(names(&words, spans).is_empty());
    }

    #[test]
    fn a_generational_suffix_belongs_to_the_name() {
        let words = [
            "Vann", "R.", "Newkirk", "II", "met", "Ann", "Lee", "Jr.", "and", "Pope", "John", "Paul", "II",
            ".",
        ];
        assert_eq!(
            person_names(&words, &[(0, 3), (3, 4), (5, 7), (10, 12)]),
            ["Vann R. Newkirk II", "Ann Lee Jr.", "John Paul II"]
        );
    }

    #[test]
    fn titles_after_a_work_noun_are_works() {
        let words = [
            "Lee", "starred", "in", "the", "film", "Parasite", "and", "wrote", "her", "novel", "\"",
            "Beloved", "Island", "\"", ";", "polls", "show", "Smith", "ahead", ".",
        ];
        let spans = vec![
            span(0, 1, Kind::Person),
            span(5, 6, Kind::Organization),
            span(11, 13, Kind::Person),
            span(17, 18, Kind::Person),
        ];
        let kinds: Vec<Kind> = run(&words, spans).into_iter().map(|(_, k)| k).collect();
        // "show" after "polls" is a verb: Smith stays a person.
        assert_eq!(kinds, [Kind::Person, Kind::Misc, Kind::Misc, Kind::Person]);
    }

    #[test]
    fn a_name_set_off_after_a_work_noun_is_the_work() {
        let words = [
            "Her",
            "new",
            "album",
            ",",
            "Midnight",
            "Harbor",
            ",",
            "sold",
            "well",
            ";",
            "the",
            "author",
            "of",
            "the",
            "book",
            ",",
            "Ann",
            "Lee",
            ",",
            "and",
            "the",
            "publisher",
            "of",
            "the",
            "book",
            ",",
            "Harbor",
            "Press",
            ",",
            "spoke",
            ".",
        ];
        let spans = vec![
            span(4, 6, Kind::Organization),
            span(16, 18, Kind::Person),
            span(26, 28, Kind::Organization),
        ];
        let kinds: Vec<Kind> = run(&words, spans).into_iter().map(|(_, k)| k).collect();
        // The book's author and its publisher stay what they were.
        assert_eq!(kinds, [Kind::Misc, Kind::Person, Kind::Organization]);
    }

    #[test]
    fn company_and_venue_words_end_names() {
        let words = [
            "Masten", "Space", "Systems", "played", "the", "Ak-Chin", "Pavilion", "with", "Ines", "Albrecht",
            ".",
        ];
        let spans = vec![
            span(0, 3, Kind::Person),
            span(5, 7, Kind::Person),
            span(8, 10, Kind::Person),
        ];
        let kinds: Vec<Kind> = run(&words, spans).into_iter().map(|(_, k)| k).collect();
        assert_eq!(kinds, [Kind::Organization, Kind::Location, Kind::Person]);
    }

    #[test]
    fn a_listed_place_after_in_is_a_place() {
        let words = [
            "Delegates",
            "met",
            "in",
            "Cleveland",
            "as",
            "Cleveland",
            "beat",
            "Boston",
            "in",
            "Congress",
            ".",
        ];
        let spans = vec![
            span(3, 4, Kind::Organization),
            span(5, 6, Kind::Organization),
            span(7, 8, Kind::Organization),
            span(9, 10, Kind::Organization),
        ];
        let kinds: Vec<Kind> = run(&words, spans).into_iter().map(|(_, k)| k).collect();
        // The team is left as the tagger read it, and so is a body that
        // no list holds as a place.
        assert_eq!(
            kinds,
            [
                Kind::Location,
                Kind::Organization,
                Kind::Organization,
                Kind::Organization
            ]
        );
    }

    #[test]
    fn a_day_s_name_is_misc() {
        let words = ["On", "Election", "Day", "Doris", "Day", "sang", "."];
        let spans = vec![span(1, 3, Kind::Organization), span(3, 5, Kind::Person)];
        assert_eq!(
            run(&words, spans),
            [
                ("Election Day".to_string(), Kind::Misc),
                ("Doris Day".to_string(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_player_s_position_is_no_part_of_the_name() {
        let words = ["Defenseman", "Jonas", "Brodin", "scored", "."];
        assert_eq!(
            run(&words, vec![span(0, 3, Kind::Person)]),
            [("Jonas Brodin".to_string(), Kind::Person)]
        );
    }

    #[test]
    fn a_person_s_name_before_a_head_noun_names_an_organization() {
        let words = [
            "the",
            "Clinton",
            "Foundation",
            "and",
            "the",
            "Simon",
            "Wiesenthal",
            "Center",
            "met",
            "Ines",
            "Albrecht",
            ".",
        ];
        // The head noun tagged apart, or not tagged at all.
        let spans = vec![
            span(1, 2, Kind::Person),
            span(2, 3, Kind::Misc),
            span(5, 7, Kind::Person),
            span(9, 11, Kind::Person),
        ];
        assert_eq!(
            run(&words, spans),
            [
                ("Clinton Foundation".to_string(), Kind::Organization),
                ("Simon Wiesenthal Center".to_string(), Kind::Organization),
                ("Ines Albrecht".to_string(), Kind::Person),
            ]
        );
    }

    #[test]
    fn plurals_of_a_misc_word_are_misc() {
        let sentences = vec![
            vec![
                "Latino",
                "voters",
                "and",
                "the",
                "Philippine",
                "envoy",
                "met",
                ".",
            ],
            vec!["Latinos", "in", "the", "Philippines", "cheered", "."],
        ];
        let spans = vec![
            vec![span(0, 1, Kind::Misc), span(4, 5, Kind::Misc)],
            vec![span(0, 1, Kind::Person), span(3, 4, Kind::Location)],
        ];
        let got = run_sentences(&sentences, spans);
        // A listed place keeps its kind.
        assert_eq!(
            got[1],
            [
                ("Latinos".to_string(), Kind::Misc),
                ("Philippines".to_string(), Kind::Location),
            ]
        );
    }

    #[test]
    fn names_in_a_list_agree() {
        let words = [
            "Apple", ",", "Google", ",", "Amazon", "and", "Facebook", "grew", ";", "Amazon", "floods", ".",
        ];
        let spans = vec![
            span(0, 1, Kind::Organization),
            span(2, 3, Kind::Organization),
            span(4, 5, Kind::Location),
            span(6, 7, Kind::Organization),
            span(9, 10, Kind::Location),
        ];
        let kinds: Vec<Kind> = run(&words, spans).into_iter().map(|(_, k)| k).collect();
        // The river outside the list stays a place.
        assert_eq!(
            kinds,
            [
                Kind::Organization,
                Kind::Organization,
                Kind::Organization,
                Kind::Organization,
                Kind::Location
            ]
        );
    }

    #[test]
    fn names_after_a_publication_noun_are_organizations() {
        let words = [
            "Lopes",
            "wrote",
            "in",
            "the",
            "journal",
            "Nature",
            "Astronomy",
            "and",
            "the",
            "magazine",
            "Science",
            "Weekly",
            "quoted",
            "by",
            "journal",
            "Editors",
            ".",
        ];
        // The tagger took the journal for a person and missed the magazine;
        // without a determiner before the noun nothing changes.
        let spans = vec![span(0, 1, Kind::Person), span(5, 7, Kind::Person)];
        assert_eq!(
            run(&words, spans),
            [
                ("Lopes".to_string(), Kind::Person),
                ("Nature Astronomy".to_string(), Kind::Organization),
                ("Science Weekly".to_string(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_common_word_opening_a_quote_is_no_name_unless_named_elsewhere() {
        let first = vec![
            "\"", "Showing", "favor", "is", "wrong", ",", "\"", "Mike", "Pence", "said", ".",
        ];
        let second = vec!["Pence", "left", "."];
        let spans = vec![
            vec![span(1, 2, Kind::Person), span(7, 9, Kind::Person)],
            vec![span(0, 1, Kind::Person)],
        ];
        let names: Vec<Vec<String>> = run_sentences(&[first, second], spans)
            .into_iter()
            .map(|ss| ss.into_iter().map(|(n, _)| n).collect())
            .collect();
        assert_eq!(names, [vec!["Mike Pence"], vec!["Pence"]]);
    }

    #[test]
    fn an_adverb_opening_a_sentence_is_no_name() {
        let words = ["Unsurprisingly", ",", "Italy", "won", "."];
        let spans = vec![span(0, 1, Kind::Organization), span(2, 3, Kind::Location)];
        assert_eq!(names(&words, spans), ["Italy"]);
        // A listed name ending in -ly stays.
        let words = ["Italy", ",", "Spain", "and", "France", "agreed", "."];
        assert_eq!(names(&words, vec![span(0, 1, Kind::Location)]), ["Italy"]);
    }

    #[test]
    fn quotations_in_another_language_hold_no_names() {
        let words = [
            "He", "said", "in", "Berlin", ":", "\"", "Wir", "haben", "die", "Sache", "im", "Griff", "und",
            "Berlin", "wird", "handeln", "\"", ".",
        ];
        let spans = vec![
            span(3, 4, Kind::Location),
            span(9, 10, Kind::Location),
            span(11, 12, Kind::Person),
            span(13, 14, Kind::Location),
        ];
        let got = run(&words, spans);
        assert_eq!(
            got,
            [
                ("Berlin".to_string(), Kind::Location),
                ("Berlin".to_string(), Kind::Location)
            ]
        );
        // An English quotation keeps its names.
        let words = [
            "\"", "Ask", "Tom", "Selleck", "about", "the", "contest", "today", "\"", "she", "said",
        ];
        assert_eq!(
            run(&words, vec![span(2, 4, Kind::Person)]),
            [("Tom Selleck".to_string(), Kind::Person)]
        );
    }

    #[test]
    fn suffix_makes_an_organization() {
        let words = ["Shares", "of", "Halden", "Rolling", "Stock", "Inc", "rose"];
        assert_eq!(
            run(&words, vec![span(2, 5, Kind::Person)]),
            [("Halden Rolling Stock Inc".to_string(), Kind::Organization)]
        );
        assert_eq!(
            run(&words, vec![]),
            [("Halden Rolling Stock Inc".to_string(), Kind::Organization)]
        );
    }

    #[test]
    fn head_noun_makes_an_organization() {
        let words = ["the", "Harbor", "City", "Council", "met"];
        assert_eq!(
            run(&words, vec![span(1, 4, Kind::Location)]),
            [("Harbor City Council".to_string(), Kind::Organization)]
        );
    }

    #[test]
    fn street_is_a_place() {
        let words = ["on", "Mercer", "Street", "today"];
        assert_eq!(
            run(&words, vec![span(1, 3, Kind::Person)]),
            [("Mercer Street".to_string(), Kind::Location)]
        );
    }

    #[test]
    fn titles() {
        let words = ["Mayor", "Elena", "Park", "spoke"];
        assert_eq!(run(&words, vec![]), [("Elena Park".to_string(), Kind::Person)]);
        assert_eq!(
            run(&words, vec![span(0, 3, Kind::Person)]),
            [("Elena Park".to_string(), Kind::Person)]
        );
        let words = ["Sen.", "Castillo", "said"];
        assert_eq!(
            run(&words, vec![span(1, 2, Kind::Location)]),
            [("Castillo".to_string(), Kind::Person)]
        );
    }
}
