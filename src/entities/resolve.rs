//! One entity per real-world thing: mentions that name the same person or
//! body within an article are merged, and the fullest name is kept.
//!
//! Merged are: identical names (ignoring case, periods, a leading "the" and
//! legal suffixes such as "Inc"), a surname or first name with the full name
//! it belongs to (the nearest preceding one when two people share it),
//! acronyms defined in the text (`Coastline Transit Authority (CTA)`) or in
//! the committed list of well-known ones, and definite descriptions such as
//! "the agency" with the organization named before them. Each entity takes
//! the kind most of its mentions were tagged with.

use std::ops::Range;
use std::sync::LazyLock;

use super::gazetteer::Gazetteer;
use super::hash::FxHashMap;
use super::{Kind, Mention};
use crate::text::fold_lines;

/// A mention after resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedMention {
    /// Byte range into the text.
    pub range: Range<usize>,
    /// Index into [`Resolved::entities`].
    pub entity: usize,
    /// Index of the block it sits in.
    pub block: usize,
}

/// One real-world thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityInfo {
    /// The fullest name used in the article.
    pub name: String,
    /// The kind most mentions were tagged with.
    pub kind: Kind,
    /// Distinct surface forms, in order of first use.
    pub aliases: Vec<String>,
    /// Indices into [`Resolved::mentions`], in text order.
    pub mentions: Vec<usize>,
    /// For people: `Some(true)` when known to be a woman, `Some(false)` a man.
    pub female: Option<bool>,
}

/// Entities and their mentions for one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    /// Entities in order of first mention.
    pub entities: Vec<EntityInfo>,
    /// Mentions in text order.
    pub mentions: Vec<ResolvedMention>,
}

impl Resolved {
    /// The mention overlapping `range`, if any (the first one).
    pub fn mention_at(&self, range: &Range<usize>) -> Option<&ResolvedMention> {
        self.mentions
            .iter()
            .find(|m| m.range.start < range.end && range.start < m.range.end)
    }
}

/// Well-known acronyms: acronym key to the keys of its full name (as
/// written, and without a legal suffix).
static ACRONYMS: LazyLock<FxHashMap<String, (String, String)>> = LazyLock::new(|| {
    include_str!("../../data/acronyms.txt")
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

const LEGAL_SUFFIXES: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "lp", "llp", "ag", "sa", "nv",
];

/// Generic nouns a definite description ("the agency") can use for an
/// organization whose name ends with them.
const ORG_DESCRIPTIONS: &[&str] = &[
    "agency",
    "council",
    "ministry",
    "department",
    "commission",
    "committee",
    "board",
    "authority",
    "court",
    "university",
    "bank",
    "party",
    "union",
    "association",
    "federation",
    "institute",
    "foundation",
    "group",
    "organization",
    "organisation",
    "bureau",
    "office",
    "administration",
    "cooperative",
    "museum",
    "library",
    "school",
    "hospital",
    "club",
    "service",
    "corporation",
    "airline",
    "company",
    "league",
    "fund",
    "college",
    "police",
    "army",
    "federation",
    "network",
];

/// Generic nouns that may stand for one another in a definite description:
/// "the agency" for a body named "... Authority".
const DESCRIPTION_GROUPS: &[&[&str]] = &[
    &[
        "agency",
        "authority",
        "administration",
        "commission",
        "department",
        "bureau",
        "service",
        "office",
    ],
    &["council", "board", "committee"],
    &["company", "firm", "corporation", "group"],
    &["union", "federation", "association", "league"],
    &["university", "college", "school", "institute"],
];

/// Legal suffixes that make "the company" and "the firm" refer to a name.
const COMPANY_WORDS: &[&str] = &[
    "inc",
    "corp",
    "co",
    "ltd",
    "llc",
    "plc",
    "corporation",
    "company",
    "group",
    "holdings",
];

/// Comparison key: lower case, periods and possessives dropped, a leading
/// "the" dropped, spaces collapsed.
fn key(surface: &str) -> String {
    let lower = surface.to_lowercase().replace(['.', '’'], "").replace('\'', "");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// Key of an organization name without a trailing legal suffix.
fn org_key(k: &str) -> String {
    let mut words: Vec<&str> = k.split(' ').collect();
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL_SUFFIXES.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }

    /// Joins the sets of `a` and `b`; the earlier mention's root wins.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

#[derive(Clone, Debug)]
struct Item {
    range: Range<usize>,
    kind: Kind,
    block: usize,
    surface: String,
    key: String,
    /// Added by resolution ("the agency", a defined acronym): no vote on kind
    /// and never the entity's name.
    derived: bool,
}

/// Merges the mentions of one article (in text order) into entities.
/// `paragraphs` are the byte ranges where definite descriptions and bare
/// acronyms are looked for.
pub fn resolve(
    text: &str,
    mentions: &[Mention],
    paragraphs: &[(usize, Range<usize>)],
    gazetteer: &Gazetteer,
) -> Resolved {
    let mentions = complete_defined_names(text, mentions, paragraphs);
    let mut items: Vec<Item> = mentions
        .iter()
        .map(|m| {
            let surface = fold_lines(&text[m.range.clone()]).into_owned();
            let k = key(&surface);
            Item {
                range: m.range.clone(),
                kind: m.kind,
                block: m.block,
                key: if m.kind == Kind::Organization {
                    org_key(&k)
                } else {
                    k
                },
                surface,
                derived: false,
            }
        })
        .collect();

    // Acronyms defined in the text: a name followed by its initials in
    // parentheses. Later bare uses of the acronym become mentions.
    let mut defined: Vec<(String, usize)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if defined.len() >= MAX_DEFINITIONS {
            break;
        }
        if let Some(acr) = parenthesized_acronym(text, it.range.end) {
            if initials_match(&it.surface, &acr) {
                defined.push((acr, i));
            }
        }
    }
    let taken = Taken::new(items.iter().map(|it| it.range.clone()));
    let mut extra: Vec<(Item, usize)> = Vec::new();
    let mut extra_taken = Taken::default();
    for (acr, owner) in &defined {
        for (block, para) in paragraphs {
            for r in whole_word_occurrences(text, para.clone(), acr) {
                if !taken.overlaps(&r) && !extra_taken.overlaps(&r) {
                    extra_taken.insert(r.clone());
                    extra.push((
                        Item {
                            range: r,
                            kind: items[*owner].kind,
                            block: *block,
                            surface: acr.clone(),
                            key: key(acr),
                            derived: true,
                        },
                        *owner,
                    ));
                }
            }
        }
    }
    let n0 = items.len();
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (k, (item, owner)) in extra.into_iter().enumerate() {
        links.push((n0 + k, owner));
        items.push(item);
    }

    // Definite descriptions: "the agency" after an organization ending in "Agency".
    let descriptions = definite_descriptions(text, &items, paragraphs);
    for (item, owner) in descriptions {
        links.push((items.len(), owner));
        items.push(item);
    }

    // Sort by position, keeping links valid.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].range.start, items[i].range.end));
    let mut new_index = vec![0; items.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let items: Vec<Item> = order.iter().map(|&i| items[i].clone()).collect();
    let links: Vec<(usize, usize)> = links.iter().map(|&(a, b)| (new_index[a], new_index[b])).collect();
    let defined: Vec<(String, usize)> = defined.into_iter().map(|(a, i)| (a, new_index[i])).collect();

    let n = items.len();
    let mut dsu = Dsu((0..n).collect());
    for &(a, b) in &links {
        dsu.union(a, b);
    }
    // Defined acronyms used as tagged mentions.
    for (acr, owner) in &defined {
        let k = key(acr);
        for (i, it) in items.iter().enumerate() {
            if it.key == k {
                dsu.union(i, *owner);
            }
        }
    }
    // Well-known acronyms with their full names.
    let mut first_with_key: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, it) in items.iter().enumerate() {
        first_with_key.entry(it.key.as_str()).or_insert(i);
    }
    for (i, it) in items.iter().enumerate() {
        if let Some((full, short)) = ACRONYMS.get(&it.key) {
            let f = first_with_key
                .get(full.as_str())
                .or_else(|| first_with_key.get(short.as_str()));
            if let Some(&f) = f {
                dsu.union(i, f);
            }
        }
    }
    // Surnames and first names with full names; a one-word organization
    // name with the longer name it shortens ("City" for "Kingsport City").
    // Each such mention joins the nearest preceding full name, so two people
    // who share a surname stay apart.
    let long_names: Vec<usize> = (0..n)
        .filter(|&i| {
            matches!(items[i].kind, Kind::Person | Kind::Organization)
                && items[i].key.split(' ').count() >= 2
                && !items[i].derived
        })
        .collect();
    let long_ends: Vec<(usize, &str, &str)> = long_names
        .iter()
        .map(|&f| {
            let k = items[f].key.as_str();
            (
                f,
                k.split(' ').next().unwrap_or(k),
                k.rsplit(' ').next().unwrap_or(k),
            )
        })
        .collect();
    let mut by_end: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for &(f, first, last) in &long_ends {
        by_end.entry(last).or_default().push(f);
        if first != last {
            by_end.entry(first).or_default().push(f);
        }
    }
    let mut short_form = vec![false; n];
    for i in 0..n {
        if items[i].key.contains(' ') || items[i].derived {
            continue;
        }
        let owners: Vec<usize> = by_end
            .get(items[i].key.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|&f| items[f].kind == Kind::Person || items[i].kind == Kind::Organization)
            .collect();
        if owners.is_empty() {
            continue;
        }
        short_form[i] = true;
        // "Ms. Park" is not David Park.
        let title_female = honorific_female(text, items[i].range.start);
        let owners: Vec<usize> = match title_female {
            Some(female) => {
                let fitting: Vec<usize> = owners
                    .iter()
                    .copied()
                    .filter(|&f| {
                        let first = items[f].key.split(' ').next().unwrap_or("");
                        gazetteer.female(first) != Some(!female)
                    })
                    .collect();
                if fitting.is_empty() {
                    owners
                } else {
                    fitting
                }
            }
            None => owners,
        };
        let distinct: Vec<usize> = {
            let mut roots: Vec<usize> = owners.iter().map(|&o| dsu.find(o)).collect();
            roots.sort_unstable();
            roots.dedup();
            roots
        };
        let preceding = owners
            .iter()
            .copied()
            .filter(|&o| items[o].range.start < items[i].range.start)
            .max();
        match (preceding, distinct.len()) {
            (Some(p), _) => dsu.union(i, p),
            (None, 1) => dsu.union(i, owners[0]),
            _ => {}
        }
    }
    // Same key (short forms excepted: "Park" may be two people).
    let mut by_key: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, it) in items.iter().enumerate() {
        if short_form[i] {
            continue;
        }
        match by_key.get(it.key.as_str()) {
            Some(&j) => dsu.union(i, j),
            None => {
                by_key.insert(&it.key, i);
            }
        }
    }

    // Build entities in order of first mention.
    let mut root_entity: FxHashMap<usize, usize> = FxHashMap::default();
    let mut entities: Vec<EntityInfo> = Vec::new();
    let mut resolved_mentions = Vec::with_capacity(n);
    let mut votes: Vec<[usize; 4]> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let root = dsu.find(i);
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
        resolved_mentions.push(ResolvedMention {
            range: it.range.clone(),
            entity: e,
            block: it.block,
        });
    }
    for (e, ent) in entities.iter_mut().enumerate() {
        let named: Vec<&Item> = ent
            .mentions
            .iter()
            .map(|&m| &items[m])
            .filter(|it| !it.derived)
            .collect();
        let best = named
            .iter()
            .enumerate()
            .max_by(|(ia, a), (ib, b)| {
                let score = |it: &Item| {
                    (
                        it.key.split(' ').count(),
                        !crate::layout::is_all_caps(&it.surface),
                    )
                };
                score(a).cmp(&score(b)).then(ib.cmp(ia))
            })
            .map(|(_, it)| it.surface.clone());
        ent.name = best.unwrap_or_else(|| items[ent.mentions[0]].surface.clone());
        ent.kind = majority_kind(&votes[e], &ent.name, gazetteer).unwrap_or(items[ent.mentions[0]].kind);
        if ent.kind == Kind::Person {
            ent.female = gender(
                text,
                &ent.name,
                ent.mentions.iter().map(|&m| &items[m].range),
                gazetteer,
            );
        }
    }
    Resolved {
        entities,
        mentions: resolved_mentions,
    }
}

/// Acronym definitions looked at per article, at most: enough for any real
/// article, and a bound on the work a hostile one can cause.
const MAX_DEFINITIONS: usize = 64;

/// Byte ranges already used by mentions, for overlap tests in O(log n).
#[derive(Default)]
struct Taken {
    /// Disjoint-or-not ranges sorted by start, with the running maximum end.
    ranges: Vec<(usize, usize, usize)>,
}

impl Taken {
    fn new(ranges: impl Iterator<Item = Range<usize>>) -> Taken {
        let mut t = Taken::default();
        for r in ranges {
            t.insert(r);
        }
        t
    }

    fn insert(&mut self, r: Range<usize>) {
        let i = self.ranges.partition_point(|x| x.0 <= r.start);
        self.ranges.insert(i, (r.start, r.end, 0));
        let mut max_end = if i > 0 { self.ranges[i - 1].2 } else { 0 };
        for x in &mut self.ranges[i..] {
            max_end = max_end.max(x.1);
            x.2 = max_end;
        }
    }

    fn overlaps(&self, r: &Range<usize>) -> bool {
        // Ranges starting before r.end; the latest of them reaching past r.start?
        let i = self.ranges.partition_point(|x| x.0 < r.end);
        i > 0 && self.ranges[i - 1].2 > r.start
    }
}

/// A name the text defines an acronym for (`Parent Teacher Association
/// (PTA)`) is a name whatever the tagger found: the mention is widened to
/// the words whose initials make the acronym, or added.
fn complete_defined_names(
    text: &str,
    mentions: &[Mention],
    paragraphs: &[(usize, Range<usize>)],
) -> Vec<Mention> {
    let mut out: Vec<Mention> = mentions.to_vec();
    let mut definitions = 0;
    for (block, para) in paragraphs {
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
            out.push(Mention {
                range,
                kind,
                block: *block,
            });
        }
    }
    out.sort_by_key(|m| (m.range.start, m.range.end));
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
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
        Kind::Location => classes & 0b11 != 0,
        Kind::Organization => classes & 0b1100 != 0,
        Kind::Person => lower
            .split(' ')
            .next()
            .is_some_and(|f| gazetteer.first_name(f) > 0),
        Kind::Misc => false,
    };
    tied.iter().copied().find(|&k| listed(k)).or(Some(tied[0]))
}

/// `Some(true)` after "Ms."/"Mrs.", `Some(false)` after "Mr.", for the
/// mention starting at `start`.
fn honorific_female(text: &str, start: usize) -> Option<bool> {
    let before = text[..start].trim_end();
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    match word.trim_end_matches('.').to_lowercase().as_str() {
        "ms" | "mrs" | "miss" | "madam" | "madame" | "mme" | "dame" | "lady" | "queen" | "princess" => {
            Some(true)
        }
        "mr" | "sir" | "lord" | "king" | "prince" => Some(false),
        _ => None,
    }
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

/// The acronym in parentheses at or right after `end`: `(CTA)`.
fn parenthesized_acronym(text: &str, end: usize) -> Option<String> {
    let rest = text[end..].strip_prefix(' ').unwrap_or(&text[end..]);
    let inner = rest.strip_prefix('(')?;
    let close = inner.find(')')?;
    let acr = &inner[..close];
    let letters = acr.chars().filter(|c| c.is_alphabetic()).count();
    let ok = (2..=10).contains(&letters)
        && acr
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
        && acr.chars().next().is_some_and(char::is_uppercase);
    ok.then(|| acr.to_string())
}

/// Whether the capitals of `acr` are the initials of `name`'s words (small
/// words such as "of" may be skipped).
fn initials_match(name: &str, acr: &str) -> bool {
    let want: Vec<char> = acr
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    fn go(words: &[String], want: &[char]) -> bool {
        match (words.split_first(), want.split_first()) {
            (None, None) => true,
            (None, Some(_)) => false,
            (Some((w, rest)), _) => {
                let small = matches!(
                    w.as_str(),
                    "of" | "the" | "and" | "for" | "&" | "de" | "on" | "in"
                );
                let first = w.chars().next();
                (want.first().copied() == first && go(rest, &want[1..])) || (small && go(rest, want))
            }
        }
    }
    want.len() >= 2 && go(&words, &want)
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

/// "the agency" / "The agency" after an organization named "... Agency":
/// new mentions linked to the nearest preceding such organization.
fn definite_descriptions(
    text: &str,
    items: &[Item],
    paragraphs: &[(usize, Range<usize>)],
) -> Vec<(Item, usize)> {
    // Organizations by the generic noun they can be called by.
    // (noun, organization, whether the noun is the name's own head).
    let mut heads: Vec<(&str, usize, bool)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if it.kind != Kind::Organization || it.derived {
            continue;
        }
        let words: Vec<&str> = it.key.split(' ').collect();
        if words.len() < 2
            && !COMPANY_WORDS
                .iter()
                .any(|w| it.surface.to_lowercase().ends_with(w))
        {
            continue;
        }
        let last = *words.last().unwrap_or(&"");
        if let Some(d) = ORG_DESCRIPTIONS.iter().find(|d| **d == last) {
            heads.push((d, i, true));
            for group in DESCRIPTION_GROUPS.iter().filter(|g| g.contains(d)) {
                heads.extend(group.iter().filter(|g| *g != d).map(|g| (*g, i, false)));
            }
        }
        let full_lower = it.surface.to_lowercase();
        let company = full_lower
            .split_whitespace()
            .last()
            .is_some_and(|w| COMPANY_WORDS.contains(&w.trim_end_matches('.')));
        if company {
            heads.push(("company", i, true));
            heads.push(("firm", i, true));
        }
    }
    let mut out: Vec<(Item, usize)> = Vec::new();
    if heads.is_empty() {
        return out;
    }
    // Organizations by noun, in text order.
    let mut by_noun: FxHashMap<&str, Vec<(usize, bool)>> = FxHashMap::default();
    for (h, i, exact) in heads {
        by_noun.entry(h).or_default().push((i, exact));
    }
    for list in by_noun.values_mut() {
        list.sort_by_key(|(i, _)| items[*i].range.start);
    }
    let taken = Taken::new(items.iter().map(|it| it.range.clone()));
    for (block, para) in paragraphs {
        let hay = &text[para.clone()];
        let mut starts: Vec<usize> = hay.match_indices("the ").map(|(p, _)| p).collect();
        starts.extend(hay.match_indices("The ").map(|(p, _)| p));
        starts.sort_unstable();
        for p in starts {
            if hay[..p].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let noun_start = p + 4;
            let noun: String = hay[noun_start..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            let noun_lower = noun.to_lowercase();
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
            let Some(list) = by_noun.get(noun_lower.as_str()) else {
                continue;
            };
            let before = list.partition_point(|(i, _)| items[*i].range.start < start);
            let owner = list[..before]
                .iter()
                .rev()
                .take(8)
                .find(|(i, exact)| {
                    items[*i].range.end <= start
                        && (*exact || !bare_noun_between(text, items[*i].range.end..start, &noun_lower))
                })
                .map(|(i, _)| *i);
            let Some(owner) = owner else { continue };
            let range = start..end;
            if taken.overlaps(&range) {
                continue;
            }
            out.push((
                Item {
                    surface: fold_lines(&text[range.clone()]).into_owned(),
                    key: noun_lower.clone(),
                    range,
                    kind: Kind::Organization,
                    block: *block,
                    derived: true,
                },
                owner,
            ));
        }
    }
    out
}

/// Whether `noun` occurs in `text[range]` other than as "the noun" (or the
/// range is too long to tell).
fn bare_noun_between(text: &str, range: Range<usize>, noun: &str) -> bool {
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

    fn mention(text: &str, needle: &str, nth: usize, kind: Kind) -> Mention {
        let start = text.match_indices(needle).nth(nth).expect("needle in text").0;
        Mention {
            range: start..start + needle.len(),
            kind,
            block: 0,
        }
    }

    fn names(text: &str, mentions: Vec<Mention>) -> Vec<(String, Kind, Vec<String>, usize)> {
        let r = resolve(text, &mentions, &[(0, 0..text.len())], Gazetteer::embedded());
        r.entities
            .iter()
            .map(|e| (e.name.clone(), e.kind, e.aliases.clone(), e.mentions.len()))
            .collect()
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

    #[test]
    fn initials() {
        assert!(initials_match("Coastline Transit Authority", "CTA"));
        assert!(initials_match("Bureau of Labor Statistics", "BLS"));
        assert!(!initials_match("Coastline Transit Authority", "CT"));
    }
}
