//! Dates and datelines: date lines near the top (`Published: March 3,
//! 2024`, `Updated 5:02 PM EST`), wire dateline lines (`BRUSSELS
//! 1996-08-22`), and the dateline opening the first paragraph (`LONDON
//! (Reuters) -`, `WASHINGTON, March 3 (AP) —`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::{is_weekday, with_lower, DATE_LINE_MONTHS, DATE_LINE_WORDS};
use crate::text::{fold_lines, is_all_caps};

/// The words that label a date (`Published`, `Last updated`, `Date`).
const DATE_LABEL_WORDS: &str = r"(?:first\s+)?published|(?:last\s+)?updated|posted|date|modified";

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:{DATE_LABEL_WORDS})\s*(?:on|at)?|on\b)\s*[:\-]?\s*"
    ))
    .expect("date label")
});

/// A date label with its colon anywhere in a line, as a converter runs it
/// into the words before it (`Author:Dana WhitfieldPublish date:Nov 18`).
static INNER_DATE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)(?:{DATE_LABEL_WORDS})\s*:")).expect("inner date label"));

/// A short line that is only a date and time, possibly with a label such as
/// `Published:`.
pub(crate) fn date_line(line: &str) -> bool {
    // Every date line has a digit.
    if line.len() > 240
        || !line.bytes().any(|b| b.is_ascii_digit())
        || line.chars().count() > 80
        || line.contains(['\n', '\r'])
    {
        return false;
    }
    // An archive's link counts its posts in brackets (`January (3)`).
    if counted(line) {
        return false;
    }
    let mut signal = false;
    let words = line
        .split(|c: char| c.is_whitespace() || ",|·•()".contains(c))
        .flat_map(unglued);
    for word in words {
        let w = word.trim_matches(|c: char| c == '.' || c == ':');
        if w.is_empty() || w == "-" || w == "–" || w == "—" {
            continue;
        }
        // Some(true): a date's own word; Some(false): a word a date line
        // may have; None: no date line's word.
        let kind = with_lower(w, |w| {
            if DATE_LINE_MONTHS.contains(w) || is_iso_date(w) || is_slash_date(w) || is_kanji_date(w) {
                Some(true)
            } else {
                (DATE_LINE_WORDS.contains(w) || is_weekday(w) || is_time_or_number(w)).then_some(false)
            }
        });
        match kind {
            Some(date) => signal |= date,
            None => return false,
        }
    }
    signal
}

/// Whether a line holds a number alone in brackets: `(3)`.
fn counted(line: &str) -> bool {
    line.split('(').skip(1).any(|rest| {
        rest.split_once(')')
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

pub(super) fn strip_date_label(line: &str) -> &str {
    let m = DATE_LABEL.find(line).map_or(0, |m| m.end());
    line[m..].trim()
}

fn is_iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// A date as Chinese and Japanese write it: `2024年11月19日`.
fn is_kanji_date(w: &str) -> bool {
    /// What follows a number of one to four digits and then `unit`.
    fn after(s: &str, unit: char) -> Option<&str> {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=4).contains(&digits) {
            s[digits..].strip_prefix(unit)
        } else {
            None
        }
    }
    after(w, '年')
        .and_then(|s| after(s, '月'))
        .and_then(|s| after(s, '日'))
        .is_some_and(str::is_empty)
}

/// `11/19/2019`, `19/11/19`; and with dots when the year has four digits
/// (`18.11.2019`, `11.14.2019`), which a version number or a score has
/// not.
fn is_slash_date(w: &str) -> bool {
    // Most words are no date: only one opening with a digit is split.
    if !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let numeric = |sep: char| {
        let mut parts = 0;
        let mut years = 0;
        for p in w.split(sep) {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            parts += 1;
            years += usize::from(p.len() == 4);
        }
        (parts == 3).then_some(years)
    };
    numeric('/').is_some() || numeric('.') == Some(1)
}

/// How many words a line may have for [`date_in`] to look inside it, and
/// how many may come before its date.
const DATE_IN_WORDS: usize = 12;
const DATE_IN_LEAD: usize = 3;

/// The date inside a short line of page furniture, after at most a few
/// words (`Reuters November 18, 2019 11:03 PM`) and before anything
/// (`Nov 19, 2019 at 6:46 pm ET • 2 min read`): the longest run of words
/// from the first word where one starts that reads as a date line. On a
/// longer line, a date alone after a bar (see [`date_after_bar`]).
pub(crate) fn date_in(line: &str) -> Option<Range<usize>> {
    let words = word_ranges(line)?;
    if words.len() > DATE_IN_WORDS {
        return (words.len() <= DATE_BAR_WORDS)
            .then(|| date_after_bar(line))
            .flatten();
    }
    (0..words.len().min(DATE_IN_LEAD + 1))
        .find_map(|a| date_from(line, &words, a))
        .or_else(|| date_after_label(line))
}

/// The date right after the first date label with its colon inside a line
/// (see [`INNER_DATE_LABEL`]), however many words come before it.
fn date_after_label(line: &str) -> Option<Range<usize>> {
    let at = INNER_DATE_LABEL.find(line)?.end();
    let rest = &line[at..];
    let words = word_ranges(rest)?;
    date_from(rest, &words, 0).map(|r| r.start + at..r.end + at)
}

/// The date that opens a short line of page furniture, as [`date_in`]
/// finds it at the line's first byte (`2019-11-19T12:48:14Z Space`).
pub(crate) fn date_opening(line: &str) -> Option<Range<usize>> {
    let words = word_ranges(line)?;
    if words.len() > DATE_IN_WORDS {
        return None;
    }
    date_from(line, &words, 0).filter(|r| r.start == 0)
}

/// The byte ranges of a line's words, none for a line without a digit
/// (every date has one).
fn word_ranges(line: &str) -> Option<Vec<Range<usize>>> {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        line.split_whitespace()
            .flat_map(unglued)
            .map(|w| {
                let start = w.as_ptr() as usize - line.as_ptr() as usize;
                start..start + w.len()
            })
            .collect(),
    )
}

/// The words a converter ran together without a space, apart: a
/// capitalized word right after a digit (`18.11.2019Get`) or after an
/// abbreviation's period (`Nov.November`) starts a word; `U.S.` and
/// `2019-11-19T12:48:14Z` stay one.
fn unglued(word: &str) -> impl Iterator<Item = &str> {
    let b = word.as_bytes();
    let cut = move |i: usize| {
        b[i].is_ascii_uppercase()
            && b.get(i + 1).is_some_and(u8::is_ascii_lowercase)
            && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.' && i >= 2 && b[i - 2].is_ascii_lowercase())
    };
    let mut start = 0;
    (1..=b.len())
        .filter(move |&i| i == b.len() || cut(i))
        .map(move |i| {
            let part = &word[start..i];
            start = i;
            part
        })
}

/// The longest run of `words` from word `a` that reads as a date line (up
/// to a separator standing alone: `... 6:46 pm ET • 2 min read`).
fn date_from(line: &str, words: &[Range<usize>], a: usize) -> Option<Range<usize>> {
    let edge = |c: char| c.is_whitespace() || ",|·•-–—_".contains(c);
    let alone = |r: &Range<usize>| line[r.clone()].chars().all(|c| "|·•-–—".contains(c));
    let end = (a + 1..words.len())
        .find(|&b| alone(&words[b]))
        .unwrap_or(words.len());
    (a..end).rev().find_map(|b| {
        let span = &line[words[a].start..words[b].end];
        let lead = span.len() - span.trim_start_matches(edge).len();
        let date = span[lead..].trim_end_matches(edge);
        date_line(date).then(|| {
            let start = words[a].start + lead;
            start..start + date.len()
        })
    })
}

/// The date standing alone after a bar of a line of page furniture
/// (`New Delhi, News Bureau | Updated : 19 November 2019, 09:01 AM`).
fn date_after_bar(line: &str) -> Option<Range<usize>> {
    line.split('|').skip(1).find_map(|part| {
        let part = part.trim();
        date_line(part).then(|| {
            // A slice of `line`: its place in it.
            let date = strip_date_label(part);
            let at = date.as_ptr() as usize - line.as_ptr() as usize;
            at..at + date.len()
        })
    })
}

/// How many words a line may have for [`date_in`] to look for a date
/// after a bar in it (see [`date_after_bar`]).
const DATE_BAR_WORDS: usize = 20;

fn is_time_or_number(w: &str) -> bool {
    let w = w
        .trim_end_matches("am")
        .trim_end_matches("pm")
        .trim_end_matches(['h', 's']);
    !w.is_empty()
        && w.chars().all(|c| c.is_ascii_digit() || ":.tnrdh".contains(c))
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

static WIRE_DATELINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}\p{M} .'’-]+\s+(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})$")
        .expect("wire dateline line")
});

/// A line holding only a place in capitals and a date: `BRUSSELS 1996-08-22`.
/// Gives the place's range in the line.
pub(super) fn wire_dateline_line(line: &str) -> Option<Range<usize>> {
    if line.len() > 64 || !WIRE_DATELINE_LINE.is_match(line) {
        return None;
    }
    let date_at = line.trim_end().rfind(char::is_whitespace)?;
    Some(0..line[..date_at].trim_end().len())
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let place = r"\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3}";
    let month = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
    let date = format!(r"{month}\s+\d{{1,2}}(?:,\s*\d{{4}})?");
    let region = r"\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,2}";
    Regex::new(&format!(
        r"^(?:\*\*|__|\*|_)?(?P<place>{place})(?P<extra>(?:,\s*(?:(?P<date>{date})|{region}))*)(?:\s*\((?P<agency>[^()\n]+)\))?(?:\*\*|__|\*|_)?\s*(?:-{{1,3}}|—|–|_)\s+\S"
    ))
    .expect("dateline pattern")
});

/// The dateline opening a first paragraph (`LONDON (Reuters) -`,
/// `WASHINGTON, March 3 (AP) —`, also set in bold or italics) and its
/// date, if any.
pub(crate) fn dateline(para: &str) -> Option<(String, Option<String>, Range<usize>)> {
    let c = DATELINE.captures(para)?;
    let place_match = c.name("place")?;
    let place = place_match.as_str();
    if c.name("agency").is_some_and(|a| a.as_str().chars().count() > 40) {
        return None;
    }
    let has_agency = c.name("agency").is_some();
    let date = c.name("date").map(|m| m.as_str().to_string());
    if !(is_all_caps(place) || has_agency || date.is_some()) {
        return None;
    }
    let end = c
        .name("agency")
        .map_or_else(|| c.name("extra").map_or(0, |m| m.end()), |m| m.end() + 1);
    let end = end.max(c.name("place")?.end());
    // A converter may set the dateline in bold (`**CITY (AP)** —`).
    Some((
        fold_lines(para[place_match.start()..end].trim()).into_owned(),
        date,
        place_match.start()..place_match.end(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_and_dotted_dates() {
        for date in ["11/19/2019", "19/11/19", "1/2/2019", "18.11.2019", "11.14.2019"] {
            assert!(is_slash_date(date), "{date}");
        }
        // A version number, a score, a fraction, a time, words.
        for other in [
            "1.2.3",
            "2.0.11",
            "3/4",
            "11/19/2019/5",
            "12:30",
            "2019",
            "a/b/c",
            "/11/19",
            "",
        ] {
            assert!(!is_slash_date(other), "{other}");
        }
    }

    #[test]
    fn datelines() {
        let cases: &[(&str, Option<&str>)] = &[
            ("LONDON (Reuters) - Britain said", Some("LONDON (Reuters)")),
            (
                "WASHINGTON, March 3 (AP) — The Senate",
                Some("WASHINGTON, March 3 (AP)"),
            ),
            ("NEW YORK — Stocks fell", Some("NEW YORK")),
            ("SAN JOSE, Calif. -- Apple said", Some("SAN JOSE, Calif.")),
            ("Washington (AP) — The Senate", Some("Washington (AP)")),
            // Set in bold or italics by a converter.
            (
                "**ST. JOSEPH, Mich. (AP)** — Health officials",
                Some("ST. JOSEPH, Mich. (AP)"),
            ),
            ("_BERLIN_ — The court", Some("BERLIN")),
            ("Washington - The Senate", None),
            ("The council voted - narrowly", None),
        ];
        for (para, want) in cases {
            assert_eq!(dateline(para).map(|d| d.0), want.map(String::from), "case {para}");
        }
    }

    #[test]
    fn a_date_opening_a_line() {
        let line = "2019-11-19T12:48:14Z Space";
        assert_eq!(date_opening(line).map(|r| &line[r]), Some("2019-11-19T12:48:14Z"));
        // A date further in opens nothing, though date_in finds it.
        let line = "Reuters November 18, 2019 11:03 PM";
        assert_eq!(date_opening(line), None);
        assert_eq!(
            date_in(line).map(|r| &line[r]),
            Some("November 18, 2019 11:03 PM")
        );
        assert_eq!(date_opening("No date here"), None);
    }

    #[test]
    fn date_lines() {
        for yes in [
            "Published: March 3, 2024",
            "Updated 5:02 PM EST, Tue March 3, 2024",
            "2024-03-03",
            "Mon 4 Mar 2024 10.02 GMT",
            "2024年11月19日 10:30",
            "11.14.2019 09:00 AM",
        ] {
            assert!(date_line(yes), "{yes}");
        }
        for no in [
            "March is a month for change.",
            "Published by the council",
            "2024年11月",
            "11月19日に発表",
            "Version 2.1.3",
        ] {
            assert!(!date_line(no), "{no}");
        }
    }

    #[test]
    fn dates_inside_short_lines() {
        for (line, date) in [
            (
                "Reuters November 18, 2019 11:03 PM",
                Some("November 18, 2019 11:03 PM"),
            ),
            (
                "Nov 19, 2019 at 6:46 pm ET  • 2 min read",
                Some("Nov 19, 2019 at 6:46 pm ET"),
            ),
            (
                "__Nov 19, 2019 at 9:08 GMT __Share",
                Some("Nov 19, 2019 at 9:08 GMT"),
            ),
            ("21/06/2014 Tony Carter All, Books, News", Some("21/06/2014")),
            // A page in another language names its months in that language.
            ("Posted on Maret 30, 2015 by Admin", Some("Posted on Maret 30, 2015")),
            ("Aktualisiert 27. Oktober 2015", Some("27. Oktober 2015")),
            // An archive's link with its count of posts.
            ("Janeiro (3)", None),
            // Run into the next word by a converter.
            ("21:17 18.11.2019Get short URL", Some("21:17 18.11.2019")),
            ("Nov.November 18, 2019 12:02 PM", Some("Nov.November 18, 2019 12:02 PM")),
            // After a label a converter ran into the words before it.
            ("Author:Dana WhitfieldPublish date:Nov 18, 2019", Some("Nov 18, 2019")),
            // Alone after a bar, however many words come before it.
            (
                "**Bayview** , Metro Desk of the Harbor Daily Times | Updated : 19 November 2019, 09:01 AM",
                Some("19 November 2019, 09:01 AM"),
            ),
            ("The board met, as it does every month, and voted to spend more | March 3, 2024 and then later", None),
            // Too far in, too long a line, or no date.
            ("The harbor board met again on the evening of March 3, 2024", None),
            ("Today 12:01 AM", None),
        ] {
            assert_eq!(date_in(line).map(|r| &line[r]), date, "{line}");
        }
    }

    #[test]
    fn date_labels_are_stripped() {
        for (line, date) in [
            ("Published: March 3, 2024", "March 3, 2024"),
            ("Updated on 5:02 PM EST", "5:02 PM EST"),
            ("On 11/13/19 at 4:00 PM EST", "11/13/19 at 4:00 PM EST"),
            ("October 3, 2024", "October 3, 2024"),
        ] {
            assert_eq!(strip_date_label(line), date, "{line}");
        }
    }
}
