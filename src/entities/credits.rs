//! Names outside the tagged text: the authors of the byline and the
//! photographers and agencies of photo credits. Neither sits in a sentence
//! the tagger reads (a credit is `Tom Reyes / Coastline Photo Agency`, a
//! byline `By Dana Whitfield`), yet each names a person or a body, so they
//! become mentions here: a part of a credit that starts with a common
//! first name is a person, any other capitalized part an organization.

use std::ops::Range;

use super::gazetteer::Gazetteer;
use crate::document::Kind;

/// Words of a credit that name no one (`Photo: AP`, `AP Photo/Jane Doe`,
/// `Courtesy of`, `File`).
fn generic(word: &str) -> bool {
    matches!(
        word.to_lowercase().trim_end_matches(['.', ':', ',']),
        "photo"
            | "photos"
            | "photograph"
            | "photographer"
            | "image"
            | "images"
            | "picture"
            | "pictures"
            | "credit"
            | "courtesy"
            | "of"
            | "by"
            | "via"
            | "for"
            | "file"
            | "pool"
            | "handout"
            | "illustration"
            | "source"
            | "caption"
            | "staff"
            | "copyright"
            | "©"
    )
}

/// Generic words left off the end of a name.
fn trailing(word: &str) -> bool {
    matches!(
        word.to_lowercase().trim_end_matches(['.', ':', ',']),
        "photo" | "photos" | "file" | "pool" | "handout" | "staff" | "via" | "for" | "of" | "by" | "courtesy"
    )
}

/// The parts of a credit with their kinds, as ranges into `credit`.
pub fn credit_names(credit: &str, gazetteer: &Gazetteer) -> Vec<(Range<usize>, Kind)> {
    let mut out = Vec::new();
    let mut start = 0;
    let cuts = credit
        .char_indices()
        .filter(|(_, c)| matches!(c, '/' | '|' | ',' | ';' | ':' | '(' | ')' | '—' | '–'))
        .map(|(i, c)| (i, i + c.len_utf8()))
        .chain(std::iter::once((credit.len(), credit.len())));
    for (cut, next) in cuts {
        let part = &credit[start..cut];
        start = next;
        // Generic words at either end are not part of the name.
        let words: Vec<(usize, &str)> = part
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w))
            .collect();
        let Some(first) = words.iter().position(|(_, w)| !generic(w)) else {
            continue;
        };
        // At the end, only the words that never end a name ("AP Photo",
        // "Reuters File"); "Getty Images" keeps its second word.
        let Some(last) = words.iter().rposition(|(_, w)| !generic(w) || !trailing(w)) else {
            continue;
        };
        let name = &words[first..=last];
        let capitalized = name
            .iter()
            .all(|(_, w)| w.chars().next().is_some_and(|c| c.is_uppercase() || c == '&'));
        if !capitalized || name.len() > 6 {
            continue;
        }
        let from = cut - part.len() + name[0].0;
        let (at, w) = name[name.len() - 1];
        // A converter's escape is no part of the name ("Getty Images\\").
        let to = cut - part.len() + at + w.trim_end_matches('\\').len();
        let first_name = gazetteer.first_name(&name[0].1.to_lowercase()) == 1;
        let kind = if first_name && (2..=3).contains(&name.len()) {
            Kind::Person
        } else {
            Kind::Organization
        };
        out.push((from..to, kind));
    }
    out
}

/// The names of the byline (`authors`, found in `byline`) and of the
/// credits, with their ranges in `text` and their kinds.
pub fn names(
    text: &str,
    byline: Option<Range<usize>>,
    authors: &[String],
    credits: &[Range<usize>],
    gazetteer: &Gazetteer,
) -> Vec<(Range<usize>, Kind)> {
    let mut found: Vec<(Range<usize>, Kind)> = Vec::new();
    if let Some(b) = byline {
        let line = &text[b.clone()];
        for author in authors {
            if let Some(at) = line.find(author.as_str()) {
                found.push((b.start + at..b.start + at + author.len(), Kind::Person));
            }
        }
    }
    for c in credits {
        for (r, kind) in credit_names(&text[c.clone()], gazetteer) {
            found.push((c.start + r.start..c.start + r.end, kind));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(credit: &str) -> Vec<(&str, Kind)> {
        credit_names(credit, Gazetteer::embedded())
            .into_iter()
            .map(|(r, k)| (&credit[r], k))
            .collect()
    }

    #[test]
    fn photographers_and_agencies() {
        assert_eq!(
            names("Tom Reyes / Coastline Photo Agency"),
            vec![
                ("Tom Reyes", Kind::Person),
                ("Coastline Photo Agency", Kind::Organization)
            ]
        );
        assert_eq!(
            names("AP Photo/Jane Doe"),
            vec![("AP", Kind::Organization), ("Jane Doe", Kind::Person)]
        );
        assert_eq!(names("Photo: Reuters"), vec![("Reuters", Kind::Organization)]);
        assert_eq!(
            names("Maria Lopez | Harbor Post | Getty Images"),
            vec![
                ("Maria Lopez", Kind::Person),
                ("Harbor Post", Kind::Organization),
                ("Getty Images", Kind::Organization)
            ]
        );
        assert!(names("photo by staff").is_empty());
        assert_eq!(
            names("Getty Images\\"),
            vec![("Getty Images", Kind::Organization)]
        );
        assert!(names("\\").is_empty());
    }
}
