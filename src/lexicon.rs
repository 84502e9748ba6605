//! The lexicon: every word list the analysis relies on (titles, months,
//! legal suffixes, organization heads, reporting verbs, boilerplate
//! lines...) is a plain text file under `data/lexicon/`, one concept per
//! file, built into the binary.
//!
//! A file holds one entry per line, sorted, in lower case (export labels
//! excepted), after a `# ` line saying what the list is for. Users can read
//! and extend a list without reading Rust; the tests below keep every list
//! sorted and free of duplicates, and keep apart the lists that must not
//! overlap. Where the code needs several concepts at once (the sentence
//! splitter's abbreviations are titles, legal suffixes, months and
//! weekdays), it takes their union here rather than a copy.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::hash::{lower_hash, str_hash, FxHashMap};

/// A sorted list of words, looked up by hash (lists are read for every
/// token, and most lookups miss).
#[derive(Clone, Debug, Default)]
pub struct List {
    words: Vec<&'static str>,
    /// Each entry's hash to its index; an entry whose hash another entry
    /// already holds is found by binary search instead.
    index: FxHashMap<u64, u32>,
    /// The entries' first bytes, as a bit set: most lookups miss, and most
    /// misses are told by this and `lengths` without hashing the word.
    first_bytes: [u64; 4],
    /// The entries' lengths in bytes (63 for any longer), as a bit set.
    lengths: u64,
}

impl List {
    /// The list of sorted, distinct `words`.
    fn new(words: Vec<&'static str>) -> List {
        let mut index = FxHashMap::default();
        let (mut first_bytes, mut lengths) = ([0u64; 4], 0u64);
        for (i, w) in words.iter().enumerate() {
            index.entry(str_hash(w)).or_insert(i as u32);
            // As written and in lower case: `contains` reads a word's
            // byte as it is, `contains_lower` in lower case.
            if let Some(b) = w.bytes().next() {
                for b in [b, b.to_ascii_lowercase()] {
                    first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
                }
            }
            lengths |= 1 << w.len().min(63);
        }
        List {
            words,
            index,
            first_bytes,
            lengths,
        }
    }

    /// Whether an entry may be `word` (lower-cased when `lower`) by its
    /// first byte and length: false is sure, true only may be.
    #[inline]
    fn may_hold(&self, word: &str, lower: bool) -> bool {
        let Some(b) = word.bytes().next() else {
            return self.lengths & 1 != 0;
        };
        let b = if lower { b.to_ascii_lowercase() } else { b };
        self.first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0
            && self.lengths & (1 << word.len().min(63)) != 0
    }

    /// Reads a lexicon file: one entry per line, `# ` lines and blank
    /// lines skipped.
    fn parse(src: &'static str) -> List {
        let mut words: Vec<&'static str> = entries(src).collect();
        words.sort_unstable();
        words.dedup();
        List::new(words)
    }

    /// The union of several lists.
    fn union(lists: &[&List]) -> List {
        let mut words: Vec<&'static str> = lists.iter().flat_map(|l| l.words.iter().copied()).collect();
        words.sort_unstable();
        words.dedup();
        List::new(words)
    }

    /// The list with abbreviations (entries ending in a period) also
    /// present without their period, so `Mr` and `Mr.` both match `mr.`.
    fn with_undotted(&self) -> List {
        let mut words = self.words.clone();
        words.extend(self.words.iter().filter_map(|w| w.strip_suffix('.')));
        words.sort_unstable();
        words.dedup();
        List::new(words)
    }

    /// The abbreviations of the list (entries ending in a period), without
    /// their period.
    fn abbreviations(&self) -> List {
        let mut words: Vec<&'static str> = self.words.iter().filter_map(|w| w.strip_suffix('.')).collect();
        words.sort_unstable();
        List::new(words)
    }

    /// True when `word` is in the list, exactly.
    pub fn contains(&self, word: &str) -> bool {
        if !self.may_hold(word, false) {
            return false;
        }
        match self.index.get(&str_hash(word)) {
            None => false,
            Some(&i) => self.words[i as usize] == word || self.words.binary_search(&word).is_ok(),
        }
    }

    /// True when `word`, lower-cased, is in the list. Short ASCII words are
    /// lower-cased on the stack: this runs for every token.
    pub fn contains_lower(&self, word: &str) -> bool {
        if !word.is_ascii() {
            return self.contains(&lower(word));
        }
        // ASCII keeps its length in lower case.
        if !self.may_hold(word, true) {
            return false;
        }
        // The hash of the lower case, computed without building it.
        match self.index.get(&lower_hash(word)) {
            None => false,
            Some(&i) => {
                let entry = self.words[i as usize];
                let same = entry.len() == word.len()
                    && entry
                        .bytes()
                        .zip(word.bytes())
                        .all(|(e, w)| e == w.to_ascii_lowercase());
                same || self.contains(&word.to_ascii_lowercase())
            }
        }
    }

    /// The entry equal to `word`, as stored (so it lives as long as the list).
    pub fn get(&self, word: &str) -> Option<&'static str> {
        match self.index.get(&str_hash(word)) {
            None => None,
            Some(&i) if self.words[i as usize] == word => Some(self.words[i as usize]),
            Some(_) => self.words.binary_search(&word).ok().map(|i| self.words[i]),
        }
    }

    /// The entries, sorted.
    pub fn words(&self) -> &[&'static str] {
        &self.words
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The longest word [`with_lower`] lower-cases on the stack.
const STACK_WORD: usize = 32;

/// Calls `f` with `word` in lower case, built on the stack for a short
/// ASCII word (nearly every word of English news) rather than in a new
/// string: checks that run for every word allocate nothing.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.len() <= STACK_WORD && word.is_ascii() {
        let mut buf = [0u8; STACK_WORD];
        let buf = &mut buf[..word.len()];
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        // ASCII stays ASCII, so this always holds a word.
        if let Ok(lower) = std::str::from_utf8(buf) {
            return f(lower);
        }
    }
    f(&word.to_lowercase())
}

/// `word` in lower case, borrowed when it already is.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The entries of a lexicon file's text.
fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
}

macro_rules! files {
    ($($name:ident = $file:literal: $doc:literal;)*) => {
        $(
            #[doc = $doc]
            #[doc = concat!("\n\nFrom `data/lexicon/", $file, ".txt`.")]
            pub static $name: LazyLock<List> =
                LazyLock::new(|| List::parse(include_str!(concat!("../data/lexicon/", $file, ".txt"))));
        )*
        /// Every lexicon file: name and text.
        pub const FILES: &[(&str, &str)] = &[
            $(($file, include_str!(concat!("../data/lexicon/", $file, ".txt"))),)*
        ];
    };
}

files! {
    ABBREVIATIONS = "abbreviations": "Abbreviations that may end a sentence.";
    ABBREVIATIONS_CONTINUING = "abbreviations-continuing": "Abbreviations after which the sentence goes on.";
    AGENCIES = "agencies": "News agencies and outlets named in bylines.";
    BOILERPLATE_LINES = "boilerplate-lines": "Patterns of whole lines of page furniture.";
    BYLINE_ROLES = "byline-roles": "Job and desk words in bylines.";
    COMPANY_NOUNS = "company-nouns": "Nouns that stand for a company, besides the legal suffixes.";
    COMPETITION_HEADS = "competition-heads": "Last words of competitions' names.";
    DATE_WORDS = "date-words": "Words of date lines besides months, weekdays and time zones.";
    DAY_NAME_WORDS = "day-name-words": "Words that make the weekday after them the day's own name.";
    END_MARKERS = "end-markers": "Patterns of lines that open what follows an article on a page.";
    EXPORT_LABELS = "export-labels": "Metadata labels of archive exports.";
    LEGAL_SUFFIXES = "legal-suffixes": "Legal-form suffixes, without periods.";
    MONTH_ABBREVIATIONS = "month-abbreviations": "Abbreviated month names.";
    MONTHS = "months": "Month names.";
    MONTHS_NEVER_NAMES = "months-never-names": "Month names that are never names.";
    MONTHS_OTHER_LANGUAGES = "months-other-languages": "Month names in other languages, for date lines only.";
    NAME_PARTICLES = "name-particles": "Lower-case words allowed inside a person's name.";
    NAMES_WITH_THE = "names-with-the": "Last words of names that keep a leading The.";
    NAMING_VERBS = "naming-verbs": "Verbs that introduce a quoted phrase when they come first.";
    ORG_DESCRIPTION_GROUPS = "org-description-groups": "Groups of interchangeable generic nouns, one group per entry.";
    ORG_DESCRIPTIONS = "org-descriptions": "Generic nouns usable in a definite description.";
    ORG_HEADS = "org-heads": "Last words that make a name an organization.";
    ORG_HEADS_NOT_PERSON = "org-heads-not-person": "Last words of organizations that never end a person's name.";
    HTML_HINTS = "html-hints": "Words of HTML class and id names that say what an element holds.";
    INTRO_WORDS = "intro-words": "Words that open an introductory phrase.";
    PERSON_ROLES = "person-roles": "Nouns a definite description of a person ends with.";
    SPEAKER_ROLES = "speaker-roles": "Words for someone who speaks for a body.";
    SPEECH_NOUNS = "speech-nouns": "Nouns for something said, after a possessive name.";
    STOP_WORDS = "stop-words": "Common English function words.";
    PLACE_HEADS = "place-heads": "Last words of place names.";
    PUBLICATION_NOUNS = "publication-nouns": "Nouns for a publication whose name follows.";
    PREPOSITIONS = "prepositions": "Prepositions around speaker phrases.";
    QUOTE_PRECEDING_WORDS = "quote-preceding-words": "Words before a quotation mark that are features of their own.";
    REPORTING_VERBS = "reporting-verbs": "Reporting verbs.";
    SENTENCE_OPENERS = "sentence-openers": "Words that usually open a sentence.";
    SOURCE_NOTES = "source-notes": "Patterns of lines that say where an article first appeared.";
    SPEAKER_STOP_WORDS = "speaker-stop-words": "Words that end a speaker phrase after the verb.";
    TIME_PHRASE_ENDS = "time-phrase-ends": "Last words of an opening phrase of time.";
    TIME_ZONES = "time-zones": "Time-zone abbreviations.";
    TITLE_ABBREVIATIONS = "title-abbreviations": "Other abbreviated titles.";
    TITLES = "titles": "Titles before a name (not strong).";
    TITLES_STRONG = "titles-strong": "Titles that make the name after them a person's.";
    US_STATES = "us-states": "US states' postal codes and news-style abbreviations.";
    VERB_ADVERBS = "verb-adverbs": "Adverbs and auxiliaries between speaker and verb.";
    WEEKDAY_ABBREVIATIONS = "weekday-abbreviations": "Abbreviated weekday names.";
    WEEKDAYS = "weekdays": "Weekday names.";
    WORK_DETERMINERS = "work-determiners": "Words before a work noun that make it one.";
    WORK_NOUNS = "work-nouns": "Nouns for a work or product whose title follows.";
}

/// Strong titles, matched with or without an abbreviation's period.
pub static PERSON_TITLES_STRONG: LazyLock<List> = LazyLock::new(|| TITLES_STRONG.with_undotted());

/// Every title before a person's name, strong or not, matched with or
/// without an abbreviation's period.
pub static PERSON_TITLES: LazyLock<List> =
    LazyLock::new(|| List::union(&[&TITLES_STRONG, &TITLES]).with_undotted());

/// Abbreviations a period after which never ends a sentence: abbreviated
/// titles and the abbreviations the sentence always goes on after.
pub static NEVER_FINAL: LazyLock<List> = LazyLock::new(|| {
    List::union(&[
        &TITLES_STRONG.abbreviations(),
        &TITLES.abbreviations(),
        &TITLE_ABBREVIATIONS.abbreviations(),
        &ABBREVIATIONS_CONTINUING.abbreviations(),
    ])
});

/// Abbreviations that may end a sentence: general ones, legal suffixes,
/// months and weekdays.
pub static MAY_END: LazyLock<List> = LazyLock::new(|| {
    List::union(&[
        &ABBREVIATIONS.abbreviations(),
        &LEGAL_SUFFIXES,
        &MONTH_ABBREVIATIONS,
        &WEEKDAY_ABBREVIATIONS,
    ])
});

/// Every abbreviation, without its period: tokens keep their period when
/// they are one of these (`Mr.`, `Inc.`, `Jan.`), as in newswire.
pub static KEEPS_PERIOD: LazyLock<List> = LazyLock::new(|| List::union(&[&NEVER_FINAL, &MAY_END]));

/// Words of a date line besides months and numbers: date words, weekday
/// abbreviations and time zones.
pub static DATE_LINE_WORDS: LazyLock<List> =
    LazyLock::new(|| List::union(&[&DATE_WORDS, &WEEKDAY_ABBREVIATIONS, &TIME_ZONES]));

/// Month names and their abbreviations.
pub static MONTH_NAMES: LazyLock<List> = LazyLock::new(|| List::union(&[&MONTHS, &MONTH_ABBREVIATIONS]));

/// The months a date line may name: in English, abbreviated, and in other
/// languages (which are never read as names).
pub static DATE_LINE_MONTHS: LazyLock<List> =
    LazyLock::new(|| List::union(&[&MONTH_NAMES, &MONTHS_OTHER_LANGUAGES]));

/// Last words that make a name an organization: the heads and the legal
/// suffixes.
pub static ORG_ENDINGS: LazyLock<List> = LazyLock::new(|| List::union(&[&ORG_HEADS, &LEGAL_SUFFIXES]));

/// Words that let "the company" refer to a name ending in them.
pub static COMPANY_WORDS: LazyLock<List> = LazyLock::new(|| List::union(&[&LEGAL_SUFFIXES, &COMPANY_NOUNS]));

/// True when `word` (any case, periods ignored) is a legal suffix:
/// `Inc.`, `S.A.`, `GmbH`.
pub fn is_legal_suffix(word: &str) -> bool {
    if !word.contains('.') {
        return LEGAL_SUFFIXES.contains_lower(word);
    }
    LEGAL_SUFFIXES.contains_lower(&word.replace('.', ""))
}

/// True for a day name, in any case, singular or plural ("Tuesdays").
pub fn is_weekday(word: &str) -> bool {
    let w = word
        .strip_suffix(['s', 'S'])
        .filter(|w| w.len() >= 6)
        .unwrap_or(word);
    WEEKDAYS.words().iter().any(|d| d.eq_ignore_ascii_case(w))
}

/// The groups of interchangeable generic nouns.
pub fn description_groups() -> impl Iterator<Item = impl Iterator<Item = &'static str>> {
    ORG_DESCRIPTION_GROUPS.words().iter().map(|g| g.split(' '))
}

#[cfg(test)]
mod tests {
    use super::with_lower;

    #[test]
    fn first_bytes_and_lengths_never_hide_an_entry() {
        let list = super::List::new(vec!["BYLINE:", "abc", "été"]);
        assert!(list.contains("BYLINE:") && list.contains("abc") && list.contains("été"));
        assert!(list.contains_lower("ABC") && list.contains_lower("Été"));
        assert!(!list.contains("ABC") && !list.contains("abd") && !list.contains("ab") && !list.contains(""));
        assert!(!super::List::default().contains_lower("abc"));
    }

    #[test]
    fn words_are_lowered_on_the_stack_or_off_it() {
        assert_eq!(with_lower("November", str::to_string), "november");
        assert_eq!(with_lower("ÉLAN", str::to_string), "élan");
        let long = "A".repeat(40);
        assert_eq!(with_lower(&long, str::len), 40);
    }

    use super::*;

    fn list(name: &str) -> Vec<&'static str> {
        let (_, src) = FILES.iter().find(|(n, _)| *n == name).expect("listed file");
        entries(src).collect()
    }

    fn disjoint(a: &str, b: &str) {
        let b_words = list(b);
        let both: Vec<&str> = list(a).into_iter().filter(|w| b_words.contains(w)).collect();
        assert!(both.is_empty(), "{a} and {b} share {both:?}");
    }

    #[test]
    fn every_file_is_sorted_without_duplicates() {
        for (name, src) in FILES {
            assert!(
                src.starts_with("# "),
                "{name}: starts with a '# ' line saying what it is"
            );
            let words: Vec<&str> = entries(src).collect();
            assert!(!words.is_empty(), "{name}: empty");
            for pair in words.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {:?} before {:?} (sorted, once each)",
                    pair[0],
                    pair[1]
                );
            }
            for w in &words {
                assert_eq!(w.trim(), *w, "{name}: spaces around {w:?}");
                if *name != "export-labels" && *name != "boilerplate-lines" {
                    assert_eq!(lower(w), *w, "{name}: {w:?} is not lower case");
                }
            }
        }
    }

    #[test]
    fn lists_that_must_not_overlap() {
        // A word is one kind of title, one kind of head, one kind of verb.
        disjoint("titles-strong", "titles");
        disjoint("titles-strong", "title-abbreviations");
        disjoint("titles", "title-abbreviations");
        disjoint("org-heads", "place-heads");
        disjoint("org-heads", "org-heads-not-person");
        disjoint("org-heads-not-person", "place-heads");
        disjoint("org-heads", "legal-suffixes");
        disjoint("reporting-verbs", "naming-verbs");
        disjoint("abbreviations", "abbreviations-continuing");
        disjoint("date-words", "months");
        disjoint("date-words", "weekday-abbreviations");
        disjoint("date-words", "time-zones");
        disjoint("company-nouns", "legal-suffixes");
    }

    #[test]
    fn subsets_stay_subsets() {
        for w in list("months-never-names") {
            assert!(MONTHS.contains(w), "{w} is not a month");
        }
        for group in description_groups() {
            for w in group {
                assert!(
                    ORG_DESCRIPTIONS.contains(w) || COMPANY_NOUNS.contains(w) || w == "firm",
                    "{w} in a description group but not a description"
                );
            }
        }
    }

    #[test]
    fn derived_lists() {
        assert!(PERSON_TITLES_STRONG.contains("mr") && PERSON_TITLES_STRONG.contains("mr."));
        assert!(PERSON_TITLES_STRONG.contains("mayor") && !PERSON_TITLES_STRONG.contains("mayor."));
        assert!(PERSON_TITLES.contains("gen") && PERSON_TITLES.contains("minister"));
        assert!(NEVER_FINAL.contains("mr") && NEVER_FINAL.contains("st") && !NEVER_FINAL.contains("mayor"));
        assert!(MAY_END.contains("inc") && MAY_END.contains("jan") && MAY_END.contains("etc"));
        assert!(KEEPS_PERIOD.contains("mr") && KEEPS_PERIOD.contains("corp"));
        assert!(is_legal_suffix("Inc.") && is_legal_suffix("S.A.") && is_legal_suffix("GmbH"));
        assert!(!is_legal_suffix("Council"));
        assert!(is_weekday("Tuesday") && is_weekday("SUNDAYS") && is_weekday("monday"));
        assert!(!is_weekday("Tues") && !is_weekday("Mondayx") && !is_weekday("s"));
        assert!(REPORTING_VERBS.contains("said") && REPORTING_VERBS.contains_lower("Said"));
    }
}
