//! Gazetteers: lists of places, countries, companies, agencies and first
//! names, compiled into `data/gazetteers.txt` by
//! `scripts/build_gazetteers.py` and embedded in the binary.
//!
//! They feed the tagger as features (which tokens sit inside a listed
//! phrase, and where), never as final answers: "Apple" is a company in one
//! sentence and fruit in the next, and the tagger weighs the evidence.

use std::sync::LazyLock;

use crate::hash::{str_hash, Fnv, FxHashMap};

/// The bit of a phrase's entry that marks a prefix of a longer phrase
/// (above the class bits).
const PREFIX: u32 = 1 << 31;
const _: () = assert!(PHRASE_CLASSES.len() < 31, "class bits run into the prefix bit");

/// Classes of multi-token phrases, in bit order: the first four from the
/// place, company and agency lists, then one per kind of list from the
/// modern-news lists (brands, media, sports clubs, parties...). Each is
/// its own tagger feature, so training weighs a brand list apart from a
/// list of stock-market names.
pub const PHRASE_CLASSES: [&str; 19] = [
    "loc",
    "country",
    "org",
    "gov",
    "loc.town",
    "loc.venue",
    "misc.competition",
    "org.brand",
    "org.charity",
    "org.company",
    "org.international",
    "org.international_abbrev",
    "org.media",
    "org.mixed",
    "org.party",
    "org.party_abbrev",
    "org.sports",
    "org.university",
    "person.famous",
];

/// Class bits (see [`Gazetteer::classes`]) of the place lists.
pub const LOCATION_CLASSES: u32 = 0b11 | 0b11 << 4;

/// Class bits of the people lists.
pub const PERSON_CLASSES: u32 = 1 << 18;

/// Class bits of the organization lists (the abbreviation and brand lists,
/// and sports clubs, which are mostly named after their cities, too
/// ambiguous to settle a name's kind, left out).
pub const ORGANIZATION_CLASSES: u32 =
    0b1100 | 1 << 8 | 1 << 9 | 1 << 10 | 1 << 12 | 1 << 13 | 1 << 14 | 1 << 17;

/// Class bit of the media outlets' list (`org.media`).
pub const MEDIA: u32 = 1 << 12;

/// Class bit of the sports clubs' list.
pub const SPORTS_CLUBS: u32 = 1 << 16;

/// The longest phrase matched, in tokens.
const MAX_TOKENS: usize = 8;

/// Compiled gazetteer lists. Every table is keyed by the hash of the
/// lower-cased text, so parsing the lists allocates nothing per entry.
pub struct Gazetteer {
    /// Lower-cased phrase (tokens joined by one space) to class bits, and
    /// [`PREFIX`] for every proper token prefix of a phrase, so that
    /// matching stops early: one table, so one lookup per word.
    phrases: FxHashMap<u64, u32>,
    /// Lower-cased first names: 1 for common, 2 for rarer ones.
    first: FxHashMap<u64, u8>,
    /// First names given almost only to girls (true) or to boys (false).
    gender: FxHashMap<u64, bool>,
    /// A hash of the source text; models record the one they were trained with.
    pub fingerprint: u64,
}

static DEFAULT: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::parse(include_str!("../../data/gazetteers.txt")));

impl Gazetteer {
    /// The embedded gazetteer, parsed on first use.
    pub fn embedded() -> &'static Gazetteer {
        &DEFAULT
    }

    /// Parses `class<TAB>phrase` lines. This runs at every start, over
    /// some 160,000 lines: each line is read once (see
    /// [`tab_lines`](crate::text::tab_lines)), its prefixes' hashes taken
    /// on the way to the whole phrase's, and the tables are sized up front.
    pub fn parse(src: &str) -> Gazetteer {
        let lines = src.bytes().filter(|&b| b == b'\n').count() + 1;
        let mut g = Gazetteer {
            phrases: FxHashMap::with_capacity_and_hasher(lines, Default::default()),
            first: FxHashMap::default(),
            gender: FxHashMap::default(),
            fingerprint: str_hash(src),
        };
        // The lists come grouped by class: the last class's bit is reused.
        let mut last: (&str, Option<usize>) = ("", None);
        for (line, tab) in crate::text::tab_lines(src) {
            let Some(tab) = tab else {
                continue;
            };
            // Both cuts are at ASCII bytes, so at character boundaries.
            let class = &src[line.start..tab];
            let phrase = crate::text::line_text(src, tab + 1..line.end);
            match class {
                "first" => {
                    g.first.insert(str_hash(phrase), 1);
                }
                "first2" => {
                    g.first.entry(str_hash(phrase)).or_insert(2);
                }
                "female" | "male" => {
                    g.gender.insert(str_hash(phrase), class == "female");
                }
                _ => {
                    if class != last.0 {
                        last = (class, PHRASE_CLASSES.iter().position(|c| *c == class));
                    }
                    let Some(bit) = last.1 else {
                        continue;
                    };
                    g.add_phrase(phrase, bit);
                }
            }
        }
        g
    }

    /// Adds a phrase of class `bit`, and its proper token prefixes, unless
    /// it has more than [`MAX_TOKENS`] tokens.
    fn add_phrase(&mut self, phrase: &str, bit: usize) {
        let bytes = phrase.as_bytes();
        if bytes.iter().filter(|&&b| b == b' ').count() >= MAX_TOKENS {
            return;
        }
        let mut h = Fnv::default();
        for &b in bytes {
            if b == b' ' {
                // The hash so far is the prefix's, as `str_hash` gives it.
                *self.phrases.entry(h.finish()).or_insert(0) |= PREFIX;
            }
            h.byte(b);
        }
        *self.phrases.entry(h.finish()).or_insert(0) |= 1 << bit;
    }

    /// 1 when `lower` is a common first name, 2 for a rarer one, else 0.
    pub fn first_name(&self, lower: &str) -> u8 {
        self.first.get(&str_hash(lower)).copied().unwrap_or(0)
    }

    /// `Some(true)` for a first name given almost only to girls,
    /// `Some(false)` for one given almost only to boys.
    pub fn female(&self, lower: &str) -> Option<bool> {
        self.gender.get(&str_hash(lower)).copied()
    }

    /// Class bits (see [`PHRASE_CLASSES`]) of a lower-cased phrase.
    pub fn classes(&self, lower_phrase: &str) -> u32 {
        self.phrases
            .get(&str_hash(lower_phrase))
            .map_or(0, |b| b & !PREFIX)
    }

    /// Class bits of the phrase of tokens `words`, compared in lower case
    /// with a space between words and a possessive token written onto the
    /// word before it, as the lists write it (`McDonald 's` is
    /// `mcdonald's`), without building the phrase.
    pub fn phrase_classes(&self, words: &[&str]) -> u32 {
        let mut phrase = Fnv::default();
        for (k, w) in words.iter().enumerate() {
            if matches!(*w, "'s" | "’s") {
                phrase.bytes(b"'s");
                continue;
            }
            if k > 0 {
                phrase.byte(b' ');
            }
            phrase.lower(w);
        }
        self.phrases.get(&phrase.finish()).map_or(0, |b| b & !PREFIX)
    }

    /// Marks every token inside a listed phrase. Bit `class * 4 + pos` of a
    /// token's mask is set when it is at position `pos` (0 begin, 1 inside,
    /// 2 last, 3 unit) of a phrase of that class. Phrases must start with a
    /// capitalized token; tokens are compared in lower case.
    /// The marks go into `marks` (its buffer reused), one per word.
    pub fn mark_into(&self, words: &[&str], capitalized: &[bool], marks: &mut Vec<u128>) {
        let n = words.len();
        marks.clear();
        marks.resize(n, 0);
        for i in 0..n {
            if !capitalized[i] {
                continue;
            }
            // The phrase's hash grows word by word, as `str_hash` of the
            // lower-cased words joined by spaces would be.
            let mut phrase = Fnv::default();
            for j in i..n.min(i + MAX_TOKENS) {
                if j > i {
                    phrase.byte(b' ');
                }
                phrase.lower(words[j]);
                let h = phrase.finish();
                let found = self.phrases.get(&h).copied().unwrap_or(0);
                let bits = found & !PREFIX;
                if bits != 0 {
                    for class in 0..PHRASE_CLASSES.len() {
                        if bits & (1 << class) == 0 {
                            continue;
                        }
                        let base = class as u128 * 4;
                        if j == i {
                            marks[i] |= 1u128 << (base + 3);
                        } else {
                            marks[i] |= 1u128 << base;
                            for m in &mut marks[i + 1..j] {
                                *m |= 1u128 << (base + 1);
                            }
                            marks[j] |= 1u128 << (base + 2);
                        }
                    }
                }
                if found & PREFIX == 0 {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_multi_token_phrases() {
        let g = Gazetteer::parse("loc\tnew york\nloc\tyork\norg\tnew york times\nfirst\telena\n");
        let lowers = ["the", "new", "york", "times", "said"];
        let caps = [false, true, true, true, false];
        let mut m = Vec::new();
        g.mark_into(&lowers, &caps, &mut m);
        let loc_b = 1 << 0;
        let loc_l = 1 << 2;
        let loc_u = 1 << 3;
        let org_b = 1 << 8;
        let org_i = 1 << 9;
        let org_l = 1 << 10;
        assert_eq!(m[0], 0);
        assert_eq!(m[1], loc_b | org_b);
        assert_eq!(m[2], loc_l | loc_u | org_i);
        assert_eq!(m[3], org_l);
        assert_eq!(g.first_name("elena"), 1);
        assert_eq!(g.first_name("tunnel"), 0);
    }

    #[test]
    fn phrase_hash_fed_by_pieces_is_the_string_hash() {
        let mut h = Fnv::default();
        h.lower("New");
        h.byte(b' ');
        h.lower("YÖRK");
        assert_eq!(h.finish(), str_hash("new yörk"));
    }

    #[test]
    fn phrases_of_tokens_are_looked_up_as_written_in_the_lists() {
        let g = Gazetteer::embedded();
        assert_ne!(g.classes("new york"), 0);
        assert_ne!(g.classes("mcdonald's"), 0);
        assert_eq!(g.phrase_classes(&["New", "York"]), g.classes("new york"));
        assert_eq!(g.phrase_classes(&["McDonald", "'s"]), g.classes("mcdonald's"));
        assert_eq!(g.phrase_classes(&["McDonald", "’s"]), g.classes("mcdonald's"));
    }

    #[test]
    fn kind_masks_name_their_classes() {
        for (bit, class) in PHRASE_CLASSES.iter().enumerate() {
            let loc = LOCATION_CLASSES & (1 << bit) != 0;
            let org = ORGANIZATION_CLASSES & (1 << bit) != 0;
            assert_eq!(
                loc,
                matches!(*class, "loc" | "country" | "loc.town" | "loc.venue"),
                "{class}"
            );
            let ambiguous = class.ends_with("_abbrev") || matches!(*class, "org.brand" | "org.sports");
            assert_eq!(
                org,
                (class.starts_with("org") || *class == "gov") && !ambiguous,
                "{class}"
            );
        }
    }

    #[test]
    fn embedded_lists_load() {
        let g = Gazetteer::embedded();
        assert_eq!(g.classes("germany") & 0b11, 0b11);
        assert!(g.first_name("maria") > 0);
    }
}
