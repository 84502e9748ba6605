//! Bylines: `By Dana Whitfield and Omar Haddad`, `Dana Whitfield, Staff
//! Writer`, `By DANA WHITFIELD | Reuters`, and the author names in them
//! (roles such as `Staff Writer` and agencies left out).

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::{AGENCIES, BYLINE_ROLES, NAME_PARTICLES};
use crate::text::fold_lines;

static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written by|words by|authors?|reporting by|story by)\s*[:\-]?\s+")
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
        || ["written", "words", "author", "reporting", "story"]
            .iter()
            .any(|w| line.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w)));
    if !opens && !line.contains([',', '|', '-', '–', '—', ';', '/']) {
        return None;
    }
    if line.chars().count() > 140 || line.contains(['\n', '\r']) && line.lines().count() > 2 {
        return None;
    }
    let line = fold_lines(line);
    let (has_by, rest) = match BYLINE_PREFIX.find(&line) {
        Some(m) => (true, &line[m.end()..]),
        None => (false, &line[..]),
    };
    if rest.ends_with(['.', '!', '?', ':']) && !rest.ends_with(" Jr.") && !rest.ends_with(" Sr.") {
        return None;
    }
    let mut names = Vec::new();
    let mut roles = 0;
    for part in BYLINE_SPLIT.split(rest) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if is_role(part) {
            roles += 1;
        } else if let Some(name) = person_name(part) {
            // Without "By", a lone word ("Home | News") is not a name.
            if !has_by && !name.contains(' ') {
                return None;
            }
            names.push(name);
        } else {
            return None;
        }
    }
    let ok = !names.is_empty() && (has_by || roles > 0) || has_by && roles > 0;
    ok.then_some(names)
}

fn is_role(part: &str) -> bool {
    let lower = part.to_lowercase();
    if AGENCIES.contains(&lower) {
        return true;
    }
    if lower.starts_with("for ") || lower.starts_with("special to ") {
        return true;
    }
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| BYLINE_ROLES.contains(w))
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
    ok.then(|| words.join(" "))
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
            ("By Dana Whitfield in London", Some(&["Dana Whitfield"])),
            ("By Reuters", Some(&[])),
            ("By the end of the year, prices rose.", None),
            ("Dana Whitfield and Omar Haddad", None),
            (
                "By Jean-Luc de la Croix and J. R. Smith",
                Some(&["Jean-Luc de la Croix", "J. R. Smith"]),
            ),
        ];
        for (line, want) in cases {
            let got = byline(line);
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(got, want, "case {line}");
        }
    }
}
