//! Property tests over generated articles: every offset is inside the text,
//! `text[start:end]` is the reported text for paragraphs, sentences, tokens,
//! quotes and mentions, spans are ordered and do not overlap, analysis is
//! deterministic, and the JSON record reads back as the same record.

use newsscan::input::decode;
use newsscan::record::Article;
use newsscan::{analyze, Options};
use proptest::prelude::*;

const NAMES: &[&str] = &[
    "Elena Park",
    "Park",
    "David Ortiz",
    "Harbor City Council",
    "the council",
    "CTA",
    "Coastline Transit Authority (CTA)",
    "Jérôme Dufresne",
    "O'Connell",
    "McDonald's",
    "AT&T",
    "U.S.",
    "St. Louis",
    "Procter & Gamble",
    "Salesforce's",
];
const WORDS: &[&str] = &[
    "the",
    "vote",
    "on",
    "Tuesday",
    "said",
    "told",
    "reporters",
    "and",
    "it",
    "was",
    "a",
    "plan",
    "of",
    "employees'",
    "'90s",
    "rock 'n' roll",
    "don't",
    "Mr.",
    "Dr.",
    "Inc.",
    "3.5",
    "$2.1",
    "—",
    "-",
    "(",
    ")",
    "Café",
    "naïve",
    "日本",
    "🙂",
    "\u{a0}",
    "\t",
];
const SAYS: &[&str] = &["said", "told reporters", "added", "says", "wrote", "according to"];
const MARKS: &[(&str, &str)] = &[
    ("\"", "\""),
    ("“", "”"),
    ("‘", "’"),
    ("«", "»"),
    ("„", "“"),
    ("'", "'"),
    ("\"", ""),
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..8),
        prop::sample::select(NAMES),
        prop::sample::select(SAYS),
        prop::sample::select(MARKS),
        0..4u8,
    )
        .prop_map(|(words, name, say, (open, close), shape)| {
            let body = words.join(" ");
            match shape {
                0 => format!("{open}{body},{close} {name} {say}."),
                1 => format!("{name} {say}: {open}{body}.{close}"),
                2 => format!("{open}{body},{close} {say} {name}, {open}and more.{close}"),
                _ => format!("{name} met {body}."),
            }
        })
}

fn article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..6),
        prop::option::of(prop::sample::select(NAMES)),
        prop::collection::vec(prop::collection::vec(sentence(), 1..4), 0..6),
        0..5u8,
        any::<bool>(),
    )
        .prop_map(|(headline, byline, paragraphs, layout, crlf)| {
            let mut out = headline.join(" ");
            out.push_str("\n\n");
            if let Some(b) = byline {
                out.push_str(&format!("By {b}\n\n"));
            }
            for (i, p) in paragraphs.iter().enumerate() {
                let text = p.join(" ");
                match layout {
                    0 => out.push_str(&format!("{text}\n\n")),
                    1 => out.push_str(&format!("{text}\n")),
                    2 => {
                        // Hard-wrapped at about 40 columns.
                        let mut col = 0;
                        out.push_str("   ");
                        for w in text.split(' ') {
                            if col > 40 {
                                out.push('\n');
                                col = 0;
                            } else if col > 0 {
                                out.push(' ');
                            }
                            out.push_str(w);
                            col += w.len() + 1;
                        }
                        out.push('\n');
                    }
                    3 => out.push_str(&format!("  • {text}\n")),
                    _ => out.push_str(&format!("Photo: AP\n\n{text}\n\n{i}\n\n")),
                }
            }
            if crlf {
                out = out.replace('\n', "\r\n");
            }
            out
        })
}

fn check(text: &str) -> Result<Article, TestCaseError> {
    let decoded = decode(text.as_bytes()).map_err(|e| TestCaseError::fail(format!("decode: {e}")))?;
    let options = Options {
        tokens: true,
        sentences: true,
        ..Options::default()
    };
    let record = analyze(&decoded, &options);
    newsscan::invariants::verify(&decoded.text, &record).map_err(TestCaseError::fail)?;
    prop_assert_eq!(&record, &analyze(&decoded, &options), "deterministic");
    let json = serde_json::to_string(&record).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: Article = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, &record, "JSON round trip");
    Ok(record)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn generated_articles_keep_their_invariants(text in article()) {
        check(&text)?;
    }

    #[test]
    fn arbitrary_text_keeps_its_invariants(text in "\\PC{0,300}") {
        check(&text)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(decoded) = decode(&bytes) {
            let record = analyze(&decoded, &Options::default());
            newsscan::invariants::verify(&decoded.text, &record).map_err(TestCaseError::fail)?;
        }
    }
}
