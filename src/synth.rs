//! Synthetic articles for benchmarks and load tests.
//!
//! The generator writes plausible news text in every layout the parser
//! handles (scraped pages, wire copy, hard-wrapped archives, Markdown),
//! with names, organizations, places and quotes, from a seeded generator so
//! that the same seed always gives the same corpus. The text is nonsense
//! to a reader but has the statistics the analysis cares about.

/// Vocabulary of the generator, one entry per line in `data/synth/`, in the
/// order the seeded generator picks from (so it is not sorted).
struct Vocabulary {
    first: Vec<&'static str>,
    last: Vec<&'static str>,
    orgs: Vec<&'static str>,
    places: Vec<&'static str>,
    verbs: Vec<&'static str>,
    nouns: Vec<&'static str>,
    words: Vec<&'static str>,
}

static VOCABULARY: std::sync::LazyLock<Vocabulary> = std::sync::LazyLock::new(|| {
    let list = |src: &'static str| src.lines().filter(|l| !l.is_empty()).collect();
    Vocabulary {
        first: list(include_str!("../data/synth/first-names.txt")),
        last: list(include_str!("../data/synth/surnames.txt")),
        orgs: list(include_str!("../data/synth/organizations.txt")),
        places: list(include_str!("../data/synth/places.txt")),
        verbs: list(include_str!("../data/synth/reporting-phrases.txt")),
        nouns: list(include_str!("../data/synth/nouns.txt")),
        words: list(include_str!("../data/synth/words.txt")),
    }
});

/// A small deterministic random number generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// Seeds the generator (0 is replaced by a fixed constant).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A value in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A random element.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn person(r: &mut Rng) -> String {
    format!("{} {}", r.pick(&VOCABULARY.first), r.pick(&VOCABULARY.last))
}

fn clause(r: &mut Rng, words: usize) -> String {
    let mut out = Vec::with_capacity(words);
    for i in 0..words {
        let w = match r.below(10) {
            0 => r.pick(&VOCABULARY.nouns),
            1 if i > 2 => r.pick(&VOCABULARY.places),
            2 if i > 2 && r.below(3) == 0 => r.pick(&VOCABULARY.orgs),
            _ => r.pick(&VOCABULARY.words),
        };
        out.push(w);
    }
    out.join(" ")
}

fn sentence(r: &mut Rng) -> String {
    let n = 8 + r.below(14);
    let body = clause(r, n);
    let mut s = String::new();
    let mut chars = body.chars();
    if let Some(c) = chars.next() {
        s.extend(c.to_uppercase());
        s.push_str(chars.as_str());
    }
    s.push('.');
    s
}

fn quote_paragraph(r: &mut Rng, speaker: &str) -> String {
    let surname = speaker.rsplit(' ').next().unwrap_or(speaker).to_string();
    let q = sentence(r).trim_end_matches('.').to_string();
    match r.below(4) {
        0 => format!("\"{q},\" {surname} {}.", r.pick(&VOCABULARY.verbs)),
        1 => format!(
            "“{q},” said {speaker}, a spokesperson for the {}.",
            r.pick(&VOCABULARY.orgs)
        ),
        2 => format!("{speaker} {} on Tuesday: \"{q}.\"", r.pick(&VOCABULARY.verbs)),
        _ => format!(
            "{} {} \"{q},\" {surname} said, \"and {}.\"",
            sentence(r),
            sentence(r),
            clause(r, 6)
        ),
    }
}

fn paragraph(r: &mut Rng, people: &[String]) -> String {
    if r.below(3) == 0 {
        let speaker = &people[r.below(people.len())];
        return quote_paragraph(r, speaker);
    }
    let n = 1 + r.below(3);
    let mut p: Vec<String> = (0..n).map(|_| sentence(r)).collect();
    if r.below(2) == 0 {
        let who = &people[r.below(people.len())];
        p.push(format!(
            "{who}, who leads the {}, {} the {} would {}.",
            r.pick(&VOCABULARY.orgs),
            r.pick(&VOCABULARY.verbs),
            r.pick(&VOCABULARY.nouns),
            clause(r, 5)
        ));
    }
    p.join(" ")
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + 1 + word.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

/// One synthetic article in a layout chosen by the generator.
pub fn article(r: &mut Rng) -> String {
    let people: Vec<String> = (0..3).map(|_| person(r)).collect();
    let headline = {
        let h = sentence(r);
        h.trim_end_matches('.').to_string()
    };
    let count = 5 + r.below(10);
    let paragraphs: Vec<String> = (0..count).map(|_| paragraph(r, &people)).collect();
    let mut out = String::new();
    match r.below(5) {
        0 => {
            // Scraped web page.
            out.push_str(&format!(
                "{headline}\n\n{headline}\n\n{}\n\n{} / {}\n\n",
                people[0],
                person(r),
                r.pick(&VOCABULARY.orgs)
            ));
            out.push_str(&format!(
                "{} spoke on Tuesday in {}.\n\n",
                people[0],
                r.pick(&VOCABULARY.places)
            ));
            for _ in 0..3 {
                out.push_str(&format!("  • {}\n", sentence(r)));
            }
            out.push('\n');
            for (i, p) in paragraphs.iter().enumerate() {
                out.push_str(p);
                out.push_str("\n\n");
                if i == 2 {
                    out.push_str("Advertisement\n\n");
                }
            }
        }
        1 => {
            // Wire copy.
            out.push_str(&format!(
                "{}\n\nBy {} and {}\n\n",
                headline.to_uppercase(),
                person(r),
                person(r)
            ));
            out.push_str(&format!(
                "{} (Reuters) - ",
                r.pick(&VOCABULARY.places).to_uppercase()
            ));
            for p in &paragraphs {
                out.push_str(p);
                out.push_str("\n\n");
            }
        }
        2 => {
            // Hard-wrapped archive with indented paragraphs.
            out.push_str(&format!("{}\n\n", headline.to_uppercase()));
            for p in &paragraphs {
                out.push_str("     ");
                out.push_str(&wrap(p, 68));
                out.push('\n');
            }
        }
        3 => {
            // Markdown with front matter.
            out.push_str(&format!(
                "---\ntitle: \"{headline}\"\nauthor: {}\ndate: 2024-05-14\n---\n\n# {headline}\n\n",
                person(r)
            ));
            for p in &paragraphs {
                out.push_str(p);
                out.push_str("\n\n");
            }
        }
        _ => {
            // Title, blank line, paragraphs.
            out.push_str(&format!("{headline}\n\n"));
            for p in &paragraphs {
                out.push_str(p);
                out.push_str("\n\n");
            }
        }
    }
    out
}

/// Articles totalling at least `bytes` bytes, from `seed`.
pub fn corpus(seed: u64, bytes: usize) -> Vec<String> {
    let mut r = Rng::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let a = article(&mut r);
        total += a.len();
        out.push(a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        let a = corpus(7, 20_000);
        let b = corpus(7, 20_000);
        assert_eq!(a, b);
        assert!(a.iter().map(String::len).sum::<usize>() >= 20_000);
        assert_ne!(corpus(8, 5_000), a[..1].to_vec());
    }
}
