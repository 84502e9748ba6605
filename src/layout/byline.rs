//! Bylines: `By Dana Whitfield and Omar Haddad`, `Dana Whitfield, Staff
//! Writer`, `By DANA WHITFIELD | Reuters`, and the author names in them
//! (roles such as `Staff Writer` and agencies left out).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{date_line, date_opening, strip_date_label};
use crate::entities::gazetteer::{Gazetteer, LOCATION_CLASSES, MEDIA, ORGANIZATION_CLASSES, PERSON_CLASSES};
use crate::lexicon::{is_weekday, AGENCIES, BYLINE_ROLES, MONTH_NAMES, NAME_PARTICLES};
use crate::text::{field_text, fold_lines};

static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written by|words by|authors?|reporting by|story by|posted by)\s*[:\-]?\s+")
        .expect("byline prefix")
});

static BYLINE_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,|;|\||\s+and\s+|\s+&\s+|\s+[-–—]\s+|\s+/\s+)\s*").expect("byline split")
});

/// Recognizes a byline and returns its author names.
pub(crate) fn byline(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    // Cheap refusal first: a byline opens with "By" (or a label) or names
    // a role after a separator.
    let opens = line.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("by"))
        || ["written", "words", "author", "reporting", "story", "posted"]
            .iter()
            .any(|w| line.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w)));
    if !opens && !line.contains([',', '|', '-', '–', '—', ';', '/']) {
        return None;
    }
    if line.chars().count() > 140 || line.contains(['\n', '\r']) && line.lines().count() > 2 {
        return None;
    }
    // Without a converter's escapes and emphasis (`By Name \- Agency`),
    // nor the author's social-media handle.
    let unmarked = field_text(line);
    let line = without_handles(&unmarked);
    let (has_by, rest) = match BYLINE_PREFIX.find(&line) {
        Some(m) => (true, &line[m.end()..]),
        None => (false, &line[..]),
    };
    if rest.ends_with(['.', '!', '?', ':']) && !rest.ends_with(" Jr.") && !rest.ends_with(" Sr.") {
        return None;
    }
    // The parts between separators, in one pass that also tells whether
    // any separator is "and" (or "&"), which joins names: then every part
    // is a name.
    let (mut parts, mut joined, mut from) = (Vec::new(), false, 0);
    for m in BYLINE_SPLIT.find_iter(rest) {
        joined |= matches!(m.as_str().trim(), "and" | "&");
        parts.push(rest[from..m.start()].trim());
        from = m.end();
    }
    parts.push(rest[from..].trim());
    parts.retain(|p| !p.is_empty());
    let mut names: Vec<String> = Vec::new();
    let mut roles = 0;
    for (k, part) in parts.iter().enumerate() {
        // A converter may glue a name to the role after it
        // (`Michael HiltzikBusiness Columnist`).
        let (part, glued_role) = unglue_role(part);
        roles += usize::from(glued_role);
        if is_role(part) {
            // `By Michael Hiltzik Business Columnist`: a name before its
            // role, right after "By" (further on, such a part is an
            // outlet's desk: `Live Science Contributor`).
            if has_by && k == 0 {
                names.extend(name_before_role(part));
            }
            roles += 1;
        } else if let Some(name) = person_name(part) {
            if !name.contains(' ') {
                // One word last, after a full name, is the outlet the
                // author writes for (`Dana Whitfield, Futurism`).
                if k + 1 == parts.len() && !joined && names.last().is_some_and(|n| n.contains(' ')) {
                    roles += 1;
                    continue;
                }
                // Without "By", a lone word ("Home | News") is not a name.
                if !has_by {
                    return None;
                }
            }
            names.push(name);
        } else {
            return None;
        }
    }
    let ok = !names.is_empty() && (has_by || roles > 0) || has_by && roles > 0;
    ok.then_some(names)
}

/// The author names in what a page's markup states as its authors
/// (`By TOM KRISHER, AP Auto Writer`, `Jill Disis, CNN Business`): read
/// as a byline, so that roles and agencies are left out as they are from
/// a byline in the text (an agency alone gives no name); a statement that
/// does not read as a byline is kept as it stands.
pub(crate) fn stated_authors(stated: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in stated {
        let names = byline(s)
            .or_else(|| byline(&format!("By {s}")))
            .unwrap_or_else(|| vec![s.clone()]);
        for name in names {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// Separators between a byline and a date on one line.
const DATE_SEPARATORS: &str = ",|·•-–—";

/// A byline with its date after it on the same line (`By Dana Whitfield |
/// Nov 18, 2019`, `By Dana Whitfield, Updated 3:04 PM ET Tue, 19 Nov
/// 2019`): the byline, its authors and the date (without a label such
/// as `Updated` or `On`), apart.
pub(crate) fn byline_and_date(line: &str) -> Option<(String, Vec<String>, String)> {
    split_byline_date(line, false)
}

/// A date with the byline after it (`September 10, 2018 | by Catherine
/// Ortiz`, `11/19/2019 by Lars Brandle`, `November 20, 2019 Emiliano
/// Bellini`): the byline, its authors and the date, apart.
pub(crate) fn date_and_byline(line: &str) -> Option<(String, Vec<String>, String)> {
    split_byline_date(line, true)
}

/// A byline and a date on one line in either order ([`byline_and_date`],
/// then [`date_and_byline`]).
pub(crate) fn byline_with_date(line: &str) -> Option<(String, Vec<String>, String)> {
    byline_and_date(line).or_else(|| date_and_byline(line))
}

/// A line cut at a word into a byline and a date, the date first when
/// `date_first`: the first cut that leaves a date on its side and a
/// byline (or a person's name alone) on the other.
fn split_byline_date(line: &str, date_first: bool) -> Option<(String, Vec<String>, String)> {
    // Every date has a digit; a byline line is short.
    if !line.bytes().any(|b| b.is_ascii_digit()) || line.chars().count() > 140 {
        return None;
    }
    let folded = fold_lines(line.trim());
    let line = without_handles(&folded);
    let separator = |c: char| c.is_whitespace() || DATE_SEPARATORS.contains(c);
    // The date's side of a cut must hold a digit: cuts before the first
    // digit leave none before them, cuts after the last none after them.
    let (Some(first_digit), Some(last_digit)) = (
        line.bytes().position(|b| b.is_ascii_digit()),
        line.bytes().rposition(|b| b.is_ascii_digit()),
    ) else {
        return None;
    };
    let mut prev_space = false;
    for (i, c) in line.char_indices() {
        let starts_word = prev_space && !c.is_whitespace();
        prev_space = c.is_whitespace();
        if !starts_word || date_first && i <= first_digit {
            continue;
        }
        if !date_first && i > last_digit {
            break;
        }
        let (head, tail) = (
            line[..i].trim_end_matches(separator),
            line[i..].trim_start_matches(separator),
        );
        let (mut date, by) = if date_first { (head, tail) } else { (tail, head) };
        if date.is_empty() {
            continue;
        }
        if !date_line(date) {
            // A date after the byline may have the page's furniture after
            // it (`By Dana Whitfield 2019-11-19T12:48:14Z Space`).
            match (!date_first).then(|| date_opening(date)).flatten() {
                Some(r) => date = &date[r],
                None => continue,
            }
        }
        // A byline of an agency or a desk alone (`By Staff | Nov 18,
        // 2019`) names no author but is a byline all the same.
        if let Some(authors) = byline(by).or_else(|| bare_name(by)) {
            return Some((by.to_string(), authors, strip_date_label(date).to_string()));
        }
    }
    None
}

/// A name alone before a date (`Randy Maniloff Nov. 18, 2019 7:04 pm
/// ET`) is an author's when it reads as a person's name of two or three
/// words opening with a known first name: the date is what tells it from
/// any other short line.
pub(crate) fn bare_name(head: &str) -> Option<Vec<String>> {
    let name = person_name(head)?;
    // Two names a converter glued together (`Ann LeeAnn Lee`) are no name.
    let glued = name.split(' ').any(|w| {
        let body = w
            .strip_prefix("Mac")
            .or_else(|| w.strip_prefix("Mc"))
            .unwrap_or(w);
        body.chars()
            .zip(body.chars().skip(1))
            .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
    });
    if glued {
        return None;
    }
    let words = name.split(' ').count();
    let first = name.split(' ').next()?;
    ((2..=3).contains(&words) && given_name(first)).then(|| vec![name])
}

/// Whether the lists hold `word` (any case) as a given name.
fn given_name(word: &str) -> bool {
    Gazetteer::embedded().first_name(&word.to_lowercase()) > 0
}

/// Whether a line is a byline, with or without its date after it.
pub(crate) fn is_byline(line: &str) -> bool {
    byline(line).is_some() || byline_and_date(line).is_some()
}

/// A line without social-media handles (`@dana`, or glued to a name as a
/// converter prints a linked one: `Dana Whitfield@dana`); an address
/// (`dana@example.com`) is kept.
fn without_handles(line: &str) -> Cow<'_, str> {
    if !line.contains('@') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('@') {
        let handle = rest[at + 1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len() - at - 1);
        let after = &rest[at + 1 + handle..];
        let ends = after
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || ",|;".contains(c));
        if (1..=15).contains(&handle) && ends {
            out.push_str(&rest[..at]);
        } else {
            out.push_str(&rest[..at + 1 + handle]);
        }
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A part cut where a name runs into a role without a space
/// (`Michael HiltzikBusiness Columnist`): the name, and whether a role
/// was cut off. A name with a capital inside (`DeSantis`, `McAvoy`) is
/// left whole, as the rest is then no role.
fn unglue_role(part: &str) -> (&str, bool) {
    let cut = part
        .char_indices()
        .zip(part.chars().skip(1))
        .find_map(|((i, a), b)| (a.is_lowercase() && b.is_uppercase()).then(|| i + a.len_utf8()));
    match cut {
        Some(c) if part[..c].contains(' ') && is_role(&part[c..]) => (&part[..c], true),
        _ => (part, false),
    }
}

/// Whether a part, in lower case, names an agency or a media outlet
/// (`business insider`, `the guardian`), or opens with one and names its
/// desk (`cnn business`, `cbs news`).
fn is_media(lower: &str) -> bool {
    let media = |s: &str| AGENCIES.contains(s) || Gazetteer::embedded().classes(s) & MEDIA != 0;
    if media(lower) {
        return true;
    }
    let mut words = lower.split(' ');
    let first = words.next().unwrap_or("");
    let rest: Vec<&str> = words.collect();
    (1..=2).contains(&rest.len()) && media(first) && first.len() > 1
}

fn is_role(part: &str) -> bool {
    let lower = part.to_lowercase();
    if is_media(&lower) {
        return true;
    }
    if lower.starts_with("for ") || lower.starts_with("special to ") {
        return true;
    }
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| BYLINE_ROLES.contains(w))
}

/// The name opening a part that ends in a role (`Michael Hiltzik Business
/// Columnist` gives Michael Hiltzik): the first two or more words with no
/// role word among them that read as a name opening with a given name
/// (not an outlet's, as `Practical Horseman Editorial Staff`), when the
/// words after them are a role.
fn name_before_role(part: &str) -> Option<String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    if !words.first().is_some_and(|w| given_name(w)) {
        return None;
    }
    (2..words.len()).find_map(|k| {
        let (name, role) = (words[..k].join(" "), words[k..].join(" "));
        (!is_role(&name) && is_role(&role))
            .then(|| person_name(&name))
            .flatten()
    })
}

/// Returns the name if `part` reads as a person's name (`Dana Whitfield`,
/// `J. R. Smith`, `DANA WHITFIELD`), dropping a trailing `in London`.
fn person_name(part: &str) -> Option<String> {
    let part = match part.find(" in ") {
        Some(i) => &part[..i],
        None => part,
    };
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let capitalized = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let ok = words
        .iter()
        .all(|w| capitalized(w) || NAME_PARTICLES.contains_lower(w))
        && capitalized(&words[0])
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c)));
    // A month or a weekday alone is no name (`By Staff | November 18`).
    if !ok || words.len() == 1 && (MONTH_NAMES.contains_lower(words[0]) || is_weekday(words[0])) {
        return None;
    }
    let name = words.join(" ");
    // A place is not an author: "New Delhi, News Nation Bureau" is where
    // the story was written.
    let classes = Gazetteer::embedded().classes(&name.to_lowercase());
    // Nor is a listed organization ("Dow Jones, a News Corp company").
    let other = LOCATION_CLASSES | ORGANIZATION_CLASSES;
    (classes & other == 0 || classes & PERSON_CLASSES != 0).then_some(name)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("By Dana Whitfield", Some(&["Dana Whitfield"])),
            ("Dana Whitfield, Staff Writer", Some(&["Dana Whitfield"])),
            ("By DANA WHITFIELD | Reuters", Some(&["DANA WHITFIELD"])),
            // A media outlet after the name, as a page prints it.
            ("Dana Whitfield, Business Insider", Some(&["Dana Whitfield"])),
            ("Tom Reyes | CNBC", Some(&["Tom Reyes"])),
            // A one-word outlet the lists do not know, after a full name.
            ("By Dana Whitfield, Harborwire", Some(&["Dana Whitfield"])),
            // A name and its role without a separator, as a converter
            // may run them together.
            ("By Dana Whitfield Business Columnist", Some(&["Dana Whitfield"])),
            ("By Senior Business Writer", Some(&[])),
            ("By The Harbor Press", Some(&[])),
            ("By Coastal Horseman Editorial Staff", Some(&[])),
            (
                "By Dana Whitfield - Harbor Science Contributor",
                Some(&["Dana Whitfield"]),
            ),
            ("DANA WHITFIELD, HARBORWIRE", Some(&["DANA WHITFIELD"])),
            ("By Dana Whitfield and Cher", Some(&["Dana Whitfield", "Cher"])),
            ("By Dana Whitfield in London", Some(&["Dana Whitfield"])),
            ("By Reuters", Some(&[])),
            ("New Delhi, News Bureau", None),
            ("Dow Jones, a News Corp company", None),
            ("By the end of the year, prices rose.", None),
            ("Dana Whitfield and Omar Haddad", None),
            (
                "By Jean-Luc de la Croix and J. R. Smith",
                Some(&["Jean-Luc de la Croix", "J. R. Smith"]),
            ),
            // A converter's escape and emphasis are not part of names.
            ("By Alan Pike \\- BBC News", Some(&["Alan Pike"])),
            ("By **Dana Whitfield**", Some(&["Dana Whitfield"])),
            // An outlet's desk, a handle, a role glued to the name, a
            // blog's "Posted by".
            ("By Dana Whitfield, CNN Business", Some(&["Dana Whitfield"])),
            ("By Dana Whitfield@dwhitfield", Some(&["Dana Whitfield"])),
            ("By Dana WhitfieldBusiness Columnist", Some(&["Dana Whitfield"])),
            ("By Ron DeSantis", Some(&["Ron DeSantis"])),
            ("Posted by Dana Whitfield", Some(&["Dana Whitfield"])),
            ("By Metro Staff | November", None),
        ];
        for (line, want) in cases {
            let got = byline(line);
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(got, want, "case {line}");
        }
    }

    #[test]
    fn authors_a_page_states() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["By TOM KRISHER, AP Auto Writer"], &["TOM KRISHER"]),
            (&["Jill Disis, CNN Business"], &["Jill Disis"]),
            (
                &["Dana Whitfield", "Omar Haddad"],
                &["Dana Whitfield", "Omar Haddad"],
            ),
            (
                &["By Dana Whitfield and Omar Haddad, Associated Press"],
                &["Dana Whitfield", "Omar Haddad"],
            ),
            // An agency alone names no author, as in a byline.
            (&["Reuters"], &[]),
            // A desk alone is no author either.
            (&["Staff"], &[]),
            // What reads as no byline (a user name) stands as the page
            // states it.
            (&["dana_w"], &["dana_w"]),
        ];
        for (stated, want) in cases {
            let stated: Vec<String> = stated.iter().map(|s| s.to_string()).collect();
            assert_eq!(stated_authors(&stated), *want, "case {stated:?}");
        }
    }

    /// A line's byline, authors and date, as a test writes them.
    type Split<'a> = Option<(&'a str, &'a [&'a str], &'a str)>;

    /// A function that cuts a line into its byline, authors and date.
    type Splitter = fn(&str) -> Option<(String, Vec<String>, String)>;

    /// Checks that `split` gives each line its byline, authors and date.
    fn check_splits(split: Splitter, cases: &[(&str, Split)]) {
        for (line, want) in cases {
            let want = want.map(|(b, a, d)| {
                (
                    b.to_string(),
                    a.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                    d.to_string(),
                )
            });
            assert_eq!(split(line), want, "case {line}");
        }
    }

    #[test]
    fn bylines_with_their_date() {
        // A line, then the byline, authors and date it gives.
        let cases: &[(&str, Split)] = &[
            (
                "By Dana Whitfield | Nov 18, 2019",
                Some(("By Dana Whitfield", &["Dana Whitfield"], "Nov 18, 2019")),
            ),
            (
                "By Dana Whitfield On 11/13/19 at 4:00 PM EST",
                Some((
                    "By Dana Whitfield",
                    &["Dana Whitfield"],
                    "11/13/19 at 4:00 PM EST",
                )),
            ),
            (
                "By Dana Whitfield Nov 18, 2019, 11:47am EST",
                Some((
                    "By Dana Whitfield",
                    &["Dana Whitfield"],
                    "Nov 18, 2019, 11:47am EST",
                )),
            ),
            (
                "By Dana Whitfield and Tom Reyes, Updated 3:04 PM ET Tue, 19 Nov 2019",
                Some((
                    "By Dana Whitfield and Tom Reyes",
                    &["Dana Whitfield", "Tom Reyes"],
                    "3:04 PM ET Tue, 19 Nov 2019",
                )),
            ),
            // A handle glued to the name, a blog's "Posted by", the page's
            // furniture after the date.
            (
                "By  Dana Whitfield@dwhitfield Nov 18, 2019, 11:47am EST",
                Some((
                    "By  Dana Whitfield",
                    &["Dana Whitfield"],
                    "Nov 18, 2019, 11:47am EST",
                )),
            ),
            (
                "Posted by Dana Whitfield on November 19, 2019, 6:21 AM EST",
                Some((
                    "Posted by Dana Whitfield",
                    &["Dana Whitfield"],
                    "November 19, 2019, 6:21 AM EST",
                )),
            ),
            (
                "By Dana Whitfield - Science Contributor 2019-11-19T12:48:14Z Space  __",
                Some((
                    "By Dana Whitfield - Science Contributor",
                    &["Dana Whitfield"],
                    "2019-11-19T12:48:14Z",
                )),
            ),
            // A byline without a date and a sentence with one are not; an
            // agency or a desk alone names no author.
            ("By Dana Whitfield", None),
            ("By the end of 2019, prices rose.", None),
            (
                "By Reuters | Nov 18, 2019",
                Some(("By Reuters", &[], "Nov 18, 2019")),
            ),
            (
                "By Metro Staff | November 18, 2019 at 2:26 PM HST",
                Some(("By Metro Staff", &[], "November 18, 2019 at 2:26 PM HST")),
            ),
            // A name alone before a date is a byline when it opens with a
            // first name; a place or a heading is not.
            (
                "Randy Maniloff Nov. 18, 2019 7:04 pm ET",
                Some(("Randy Maniloff", &["Randy Maniloff"], "Nov. 18, 2019 7:04 pm ET")),
            ),
            ("New Orleans Nov. 18, 2019", None),
            ("Market Update Nov. 18, 2019", None),
        ];
        check_splits(byline_and_date, cases);
    }

    #[test]
    fn dates_with_their_byline_after() {
        let cases: &[(&str, Split)] = &[
            (
                "September 10, 2018 |  by Dana Whitfield",
                Some(("by Dana Whitfield", &["Dana Whitfield"], "September 10, 2018")),
            ),
            (
                "5:45 AM PST 11/19/2019  by  Tom Reyes",
                Some(("by  Tom Reyes", &["Tom Reyes"], "5:45 AM PST 11/19/2019")),
            ),
            (
                "November 20, 2019 Randy Maniloff",
                Some(("Randy Maniloff", &["Randy Maniloff"], "November 20, 2019")),
            ),
            ("November 20, 2019 Markets", None),
            ("Nov 18, 2019", None),
        ];
        check_splits(date_and_byline, cases);
    }
}
