//! Reading annotated text in CoNLL format: one token per line with its tag
//! in the last column, a blank line between sentences, and `-DOCSTART-`
//! lines between documents. Tags may be IOB1, IOB2, BIOES or BILOU over the
//! kinds PER, ORG, LOC and MISC; other kinds are read as outside.

use std::fmt;

use super::tags::{self, encode, spans, Kind, Pos, Tag, O};

/// One annotated sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnotatedSentence {
    /// Tokens.
    pub words: Vec<String>,
    /// Gold BILOU tags, one per token.
    pub tags: Vec<Tag>,
}

/// Sentences of one document, in order.
pub type AnnotatedDoc = Vec<AnnotatedSentence>;

/// A malformed line.
#[derive(Debug)]
pub struct ConllError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConllError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConllError {}

/// Parses CoNLL text into documents.
pub fn parse(text: &str) -> Result<Vec<AnnotatedDoc>, ConllError> {
    let mut docs: Vec<AnnotatedDoc> = vec![Vec::new()];
    let mut words: Vec<String> = Vec::new();
    let mut labels: Vec<Tag> = Vec::new();
    let finish = |docs: &mut Vec<AnnotatedDoc>, words: &mut Vec<String>, labels: &mut Vec<Tag>| {
        if words.is_empty() {
            return;
        }
        // Decoding as BILOU accepts IOB1, IOB2 and BIOES alike: an I
        // that continues nothing starts an entity, E and S end one.
        let tags = encode(&spans(labels), words.len());
        if let Some(doc) = docs.last_mut() {
            doc.push(AnnotatedSentence {
                words: std::mem::take(words),
                tags,
            });
        }
        labels.clear();
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            finish(&mut docs, &mut words, &mut labels);
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or_default();
        if word == "-DOCSTART-" {
            finish(&mut docs, &mut words, &mut labels);
            if docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
            continue;
        }
        let tag = cols.last().ok_or_else(|| ConllError {
            line: n + 1,
            message: format!("expected a token and a tag, found {line:?}"),
        })?;
        labels.push(parse_label(tag).map_err(|message| ConllError { line: n + 1, message })?);
        words.push(word.to_string());
    }
    finish(&mut docs, &mut words, &mut labels);
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// Reads one label as a BILOU tag (`E` as `L`, `S` as `U`). A kind other
/// than PER, ORG, LOC and MISC (GEO and GPE read as LOC) is an error: a
/// model must not learn that names of an unknown kind are nothing.
fn parse_label(tag: &str) -> Result<Tag, String> {
    if tag == "O" {
        return Ok(O);
    }
    let not_a_tag = || format!("not an entity tag: {tag:?}");
    let (prefix, kind) = tag.split_once('-').ok_or_else(not_a_tag)?;
    let pos = match prefix {
        "B" => Pos::B,
        "I" => Pos::I,
        "E" | "L" => Pos::L,
        "S" | "U" => Pos::U,
        _ => return Err(not_a_tag()),
    };
    let kind = Kind::from_conll(kind)
        .ok_or_else(|| format!("unknown entity type {kind:?} in {tag:?} (types: PER, ORG, LOC, MISC)"))?;
    Ok(tags::tag(pos, kind))
}

#[cfg(test)]
mod tests {
    use super::super::tags::TokenSpan;
    use super::*;

    #[test]
    fn reads_documents_and_sentences() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\nPeter B-PER\nBlackburn I-PER\n\n-DOCSTART- O\n\nParis S-LOC\n";
        let docs = parse(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 2);
        let s = &docs[0][1];
        assert_eq!(s.words, ["Peter", "Blackburn"]);
        assert_eq!(
            spans(&s.tags),
            [TokenSpan {
                start: 0,
                end: 2,
                kind: Kind::Person
            }]
        );
        assert_eq!(spans(&docs[1][0].tags)[0].kind, Kind::Location);
    }

    #[test]
    fn iob1_and_unknown_kinds() {
        let err = parse("New I-LOC\nYork I-LOC\non O\nMonday B-DATE\n").unwrap_err();
        assert_eq!(err.line, 4);
        assert!(
            err.message.contains("unknown entity type \"DATE\""),
            "{}",
            err.message
        );
        let docs = parse("New I-LOC\nYork I-LOC\non O\nMonday O\n").unwrap();
        let s = &docs[0][0];
        assert_eq!(
            spans(&s.tags),
            [TokenSpan {
                start: 0,
                end: 2,
                kind: Kind::Location
            }]
        );
    }

    #[test]
    fn bad_lines_name_their_number() {
        let err = parse("ok O\nbad X-PER\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(parse("lonely\n").is_err());
    }
}
