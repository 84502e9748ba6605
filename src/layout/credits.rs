//! Photo credits on one line: standalone credit lines (`Photo: AP`, `Tom
//! Reyes / Coastline Photo Agency`, `(Getty Images)`), credits at the end of
//! a caption (`... on Tuesday. (AP Photo/Jane Doe)`), and caption labels
//! (`Image caption,`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

static CREDIT_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:photo(?:graph)?s?|image|images|picture|pictures|illustration|credit|photo\s+credit|image\s+credit|image\s+source|video|graphic|photo\s+illustration|courtesy)\s*(?:[:,]|by\b|of\b|\.{2,}|…)|(?:image|photo|picture)\s+copyright\b\s*[:,]?)\s*(\S.*)$",
    )
    .expect("credit pattern")
});

static CREDIT_SLASH: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?:\p{Lu}[\p{L}\p{M}.'’&-]*|\p{Ll}\p{Lu}[\p{L}.'’&-]*)";
    let joiner = r"(?:for|of|the|via|and|de|van|von|da)";
    let phrase = format!(r"{word}(?:\s+(?:{word}|{joiner}))*");
    Regex::new(&format!(r"^{phrase}(?:\s*/\s*{phrase})+(?:,\s*(?:File|Pool))?$"))
        .expect("slash credit pattern")
});

static CREDIT_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:\p{Lu}[\p{L}.'’&-]*|via|for)\s+)*(?:Images|Photos?|Pictures|Photography|Stock\s+Photo|Photo\s+Agency|Archives?|Shutterstock|Alamy|iStock(?:photo)?)$",
    )
    .expect("agency credit pattern")
});

/// Inner text of a parenthesized credit: `(AP Photo/Evan Vucci)`, `(Getty Images)`.
static CREDIT_PAREN_INNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/|\b(?:photo|photos|photograph|image|images|credit|courtesy|pool|shutterstock|alamy|via)\b|^(?:AP|Reuters|AFP|EPA|Xinhua|PA|Bloomberg)$")
        .expect("paren credit pattern")
});

/// Inner text of a bracketed credit: `[Lunar Co via Nasa]`, `[Photo: AP]`.
static CREDIT_BRACKET_INNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:photo|photos|photograph|image|images|credit|courtesy|via|getty|shutterstock|alamy)\b",
    )
    .expect("bracket credit pattern")
});

pub(super) static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:image|photo|video)?\s*caption\s*[,:]?\s*").expect("caption label pattern")
});

/// A caption label inside a line, after a credit (`Image copyright X Image
/// caption Y`, `Image source, X Image caption, Y`).
static INNER_CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s(?:image|photo|picture|video)\s+caption\b\s*[,:]?\s*")
        .expect("inner caption label pattern")
});

/// A line holding a credit and then the caption it credits, after a
/// caption label: the byte ranges of the credit and of the caption.
pub(crate) fn credit_then_caption(line: &str) -> Option<(Range<usize>, Range<usize>)> {
    // Every line of a text comes here: refuse cheaply before the pattern
    // (a credit is short, and the label says "caption").
    if line.len() > 600
        || !line
            .as_bytes()
            .windows(7)
            .any(|w| w.eq_ignore_ascii_case(b"caption"))
    {
        return None;
    }
    let m = INNER_CAPTION_LABEL.find(line)?;
    let credit = credit_range(line[..m.start()].trim_end())?;
    (m.end() < line.len()).then(|| (credit, m.end()..line.len()))
}

/// The byte range of the credit inside a standalone credit line, if it is one.
pub(crate) fn credit_range(line: &str) -> Option<Range<usize>> {
    let chars = line.chars().count();
    if chars > 100 || line.split_whitespace().count() > 12 {
        return None;
    }
    if let Some(c) = CREDIT_LABELLED.captures(line) {
        let m = c.get(1)?;
        // "Image: Firefighters at the scene" is alt text, not a credit: after
        // a label that also introduces descriptions, the value must read as
        // names or agencies.
        let label = line[..m.start()].trim().to_ascii_lowercase();
        let describes = [
            "image",
            "images",
            "picture",
            "pictures",
            "video",
            "graphic",
            "illustration",
        ]
        .iter()
        .any(|l| {
            label.starts_with(l)
                && !label.contains("source")
                && !label.contains("credit")
                && !label.contains("copyright")
        });
        if describes && !names_only(m.as_str()) {
            return None;
        }
        return Some(m.start()..m.end());
    }
    if let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        if !inner.contains(['(', ')']) && CREDIT_PAREN_INNER.is_match(inner) {
            return Some(1..line.len() - 1);
        }
        return None;
    }
    if line.ends_with('.') && !line.ends_with(" Inc.") {
        return None;
    }
    if CREDIT_SLASH.is_match(line) || CREDIT_AGENCY.is_match(line) || barred_credit(line) {
        return Some(0..line.len());
    }
    // `Tom Reyes, Coastline Photo Agency`, `Jupiterimages, Getty
    // Images/Creatas RF`: a name, a comma, and what only a picture agency
    // is called (a news agency after the comma may be a byline's).
    if let Some((name, agency)) = line.rsplit_once(", ") {
        let name_words = name.split_whitespace().count();
        if (1..=4).contains(&name_words)
            && names_only(name)
            && (CREDIT_AGENCY.is_match(agency)
                || CREDIT_SLASH.is_match(agency) && CREDIT_BRACKET_INNER.is_match(agency))
        {
            return Some(0..line.len());
        }
    }
    None
}

/// `Tom Reyes | Bloomberg | Getty Images`: a photographer's name (two
/// words or more) and then names between bars, ending with what only a
/// picture agency is called (`Tom Reyes | Reuters` is a byline's form,
/// `Markets | Getty Images` a menu's).
fn barred_credit(line: &str) -> bool {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return false;
    };
    let named = |p: &str, least: usize| (least..=5).contains(&p.split_whitespace().count()) && names_only(p);
    named(first, 2) && middle.iter().all(|p| named(p, 1)) && CREDIT_AGENCY.is_match(last)
}

/// True when `value` reads as a credit: a few capitalized words (names,
/// agencies), joiners, and slashes or bars between them.
fn names_only(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    words.len() <= 8
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                || matches!(
                    *w,
                    "/" | "|" | "via" | "for" | "of" | "the" | "and" | "de" | "van" | "von"
                )
        })
}

/// Splits a trailing credit off a caption paragraph: returns the caption's
/// end and the credit's range, both relative to `para`.
pub(super) fn inline_credit(para: &str) -> Option<(usize, Range<usize>)> {
    let trimmed = para.trim_end();
    let bracketed = [('(', ')'), ('[', ']')]
        .into_iter()
        .find_map(|(open, close)| Some((open, trimmed.strip_suffix(close)?)));
    if let Some((open_char, body)) = bracketed {
        let open = body.rfind(open_char)?;
        let inner = &body[open + 1..];
        // Brackets also hold a link's or a poll's sources ("[Bloomberg]",
        // "[NBC/WSJ/Marist]"): there a credit must say what it credits.
        let pattern = if open_char == '[' {
            &*CREDIT_BRACKET_INNER
        } else {
            &*CREDIT_PAREN_INNER
        };
        if inner.len() >= 2 && !inner.contains(['(', ')', '[', ']']) && pattern.is_match(inner) && open > 0 {
            return Some((para[..open].trim_end().len(), open + 1..body.len()));
        }
        return None;
    }
    // `... on Tuesday. Photo: Tom Reyes`, `... on Tuesday. REUTERS/Jane
    // Doe`, `... movement.’ Photograph: AFP`, and `... jackets.Photo: Getty
    // Images`, where a converter joined the caption and its credit.
    for (i, c) in trimmed.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let quotes = trimmed[i + 1..]
            .chars()
            .take_while(|q| matches!(q, '’' | '”' | '"' | '\''))
            .map(char::len_utf8)
            .sum::<usize>();
        let end = i + 1 + quotes;
        let rest = &trimmed[end..];
        let tail = rest.trim_start();
        if !tail.starts_with(char::is_uppercase) {
            continue;
        }
        let tail_start = trimmed.len() - tail.len();
        if let Some(r) = credit_range(tail) {
            let labelled = CREDIT_LABELLED.is_match(tail);
            let spaced = tail_start > end;
            if labelled || (spaced && tail.contains('/')) {
                return Some((end, tail_start + r.start..tail_start + r.end));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits() {
        let yes = [
            "Photo: AP",
            "(Getty Images)",
            "Credit: Jane Doe",
            "Tom Reyes / Coastline Photo Agency",
            "AP Photo/Evan Vucci",
            "REUTERS/Kevin Lamarque",
            "Getty Images",
            "AFP via Getty Images",
            "Image source, Getty Images",
            "Image: Reuters",
            "Picture: Jane Doe / AFP via Getty Images",
            "Tom Reyes, Coastline Photo Agency",
            "Jupiterimages, Getty Images/Creatas RF",
            "Image copyright Getty Images",
            "Image copyright Harriet Vole",
            "Tom Reyes | Bloomberg | Getty Images",
            "Jane Doe | Getty Images",
            "Courtesy of the Reyes family",
        ];
        for y in yes {
            assert!(credit_range(y).is_some(), "credit {y}");
        }
        let no = [
            "The council voted 9-4.",
            "Mayor Elena Park",
            "Harbor City",
            "(and more)",
            "Image: Firefighters at the scene",
            "Video: watch the moment the bridge opened",
            "Dana Whitfield, Harbor City Daily",
            "Dana Whitfield, Reuters",
            "Tom Reyes | Reuters",
            "Markets | Getty Images",
            "(a source close to the talks)",
        ];
        for n in no {
            assert!(credit_range(n).is_none(), "not credit {n}");
        }
    }

    #[test]
    fn credit_and_caption_on_one_line() {
        for (line, credit, caption) in [
            (
                "Image copyright Harriet Vole Image caption The ferry has crossed since 1952",
                "Harriet Vole",
                "The ferry has crossed since 1952",
            ),
            (
                "Image source, Getty Images Image caption, Crowds gathered at the port",
                "Getty Images",
                "Crowds gathered at the port",
            ),
        ] {
            let (c, t) = credit_then_caption(line).expect(line);
            assert_eq!((&line[c], &line[t]), (credit, caption));
        }
        // No credit before the label, or nothing after it.
        assert!(credit_then_caption("The town voted Image caption The ferry").is_none());
        assert!(credit_then_caption("Image copyright Getty Images Image caption").is_none());
    }

    #[test]
    fn inline_credits() {
        let cap = "Park speaks on Tuesday. (AP Photo/Jane Doe)";
        let (end, credit) = inline_credit(cap).unwrap();
        assert_eq!(
            (&cap[..end], &cap[credit]),
            ("Park speaks on Tuesday.", "AP Photo/Jane Doe")
        );
        let cap = "Park speaks on Tuesday. Photograph: Tom Reyes/Coastline";
        let (end, credit) = inline_credit(cap).unwrap();
        assert_eq!(
            (&cap[..end], &cap[credit]),
            ("Park speaks on Tuesday.", "Tom Reyes/Coastline")
        );
        for (cap, caption, credit) in [
            (
                "Ducks in a pond.Photo: Getty Images",
                "Ducks in a pond.",
                "Getty Images",
            ),
            (
                "He lost.Credit...Jane Doe/The Daily",
                "He lost.",
                "Jane Doe/The Daily",
            ),
            (
                "‘We will win.’ Photograph: AFP via Getty",
                "‘We will win.’",
                "AFP via Getty",
            ),
            (
                "A lander on the Moon [Lunar Co via Nasa]",
                "A lander on the Moon",
                "Lunar Co via Nasa",
            ),
        ] {
            let (end, r) = inline_credit(cap).unwrap_or_else(|| panic!("{cap}"));
            assert_eq!((&cap[..end], &cap[r]), (caption, credit));
        }
        assert!(inline_credit("The council met (again) on Tuesday.").is_none());
        assert!(inline_credit("He left the U.S.Army in 2001.").is_none());
        assert!(inline_credit("See the list [below].").is_none());
        assert!(inline_credit("Why the deal fell apart [Bloomberg]").is_none());
        assert!(inline_credit("Park leads in Ohio. [Daily, NBC/Marist]").is_none());
    }
}
