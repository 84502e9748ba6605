//! Entity kinds and the BILOU tag scheme the tagger predicts.
//!
//! Each token gets one of 17 tags: `O`, or Begin/Inside/Last/Unit of one of
//! four kinds. BILOU (rather than BIO) lets the tagger learn how names end as
//! well as how they start, and [`allowed`] keeps every decoded sequence
//! well formed.

pub use crate::document::Kind;

/// A tag index, `0..NTAGS`.
pub type Tag = u8;

/// Number of tags.
pub const NTAGS: usize = 17;

/// The outside tag.
pub const O: Tag = 0;

/// Position of a token in an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    /// First of several tokens.
    B = 0,
    /// Inside.
    I = 1,
    /// Last of several tokens.
    L = 2,
    /// A one-token entity.
    U = 3,
}

/// The tag for a position and kind.
pub fn tag(pos: Pos, kind: Kind) -> Tag {
    1 + kind as u8 * 4 + pos as u8
}

/// Splits a tag into position and kind; `None` for `O`.
#[inline]
pub fn split(t: Tag) -> Option<(Pos, Kind)> {
    if t == O || t as usize >= NTAGS {
        return None;
    }
    let k = (t - 1) / 4;
    let pos = match (t - 1) % 4 {
        0 => Pos::B,
        1 => Pos::I,
        2 => Pos::L,
        _ => Pos::U,
    };
    Some((pos, Kind::ALL[k as usize]))
}

/// Whether `next` may follow `prev` while decoding. A continuation
/// (`I`, `L`) must continue an open entity of its kind; an open entity may
/// also end without its `L`, so one early mistake never forces a runaway
/// span ("Lindsey said there").
#[inline]
pub fn allowed(prev: Tag, next: Tag) -> bool {
    match split(next) {
        Some((Pos::I | Pos::L, kind)) => matches!(split(prev), Some((Pos::B | Pos::I, k)) if k == kind),
        _ => true,
    }
}

/// Whether a sentence may end after `t` (always: an open entity ends with
/// the sentence).
#[inline]
pub fn may_end(_t: Tag) -> bool {
    true
}

/// A labelled span of tokens, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
}

/// Decodes BILOU tags into spans, tolerating ill-formed sequences.
pub fn spans(tags: &[Tag]) -> Vec<TokenSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Kind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            None => {
                if let Some((s, k)) = open.take() {
                    out.push(TokenSpan {
                        start: s,
                        end: i,
                        kind: k,
                    });
                }
            }
            Some((pos, kind)) => {
                let continues = matches!(pos, Pos::I | Pos::L) && open.is_some_and(|(_, k)| k == kind);
                if !continues {
                    if let Some((s, k)) = open.take() {
                        out.push(TokenSpan {
                            start: s,
                            end: i,
                            kind: k,
                        });
                    }
                    open = Some((i, kind));
                }
                if matches!(pos, Pos::L | Pos::U) {
                    if let Some((s, k)) = open.take() {
                        out.push(TokenSpan {
                            start: s,
                            end: i + 1,
                            kind: k,
                        });
                    }
                }
            }
        }
    }
    if let Some((s, k)) = open {
        out.push(TokenSpan {
            start: s,
            end: tags.len(),
            kind: k,
        });
    }
    out
}

/// Encodes spans as BILOU tags over `n` tokens.
pub fn encode(spans: &[TokenSpan], n: usize) -> Vec<Tag> {
    let mut tags = vec![O; n];
    for s in spans {
        if s.end > n || s.start >= s.end {
            continue;
        }
        if s.end - s.start == 1 {
            tags[s.start] = tag(Pos::U, s.kind);
        } else {
            tags[s.start] = tag(Pos::B, s.kind);
            for t in &mut tags[s.start + 1..s.end - 1] {
                *t = tag(Pos::I, s.kind);
            }
            tags[s.end - 1] = tag(Pos::L, s.kind);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let spans_in = vec![
            TokenSpan {
                start: 0,
                end: 2,
                kind: Kind::Person,
            },
            TokenSpan {
                start: 3,
                end: 4,
                kind: Kind::Location,
            },
            TokenSpan {
                start: 4,
                end: 7,
                kind: Kind::Organization,
            },
        ];
        let tags = encode(&spans_in, 8);
        assert_eq!(spans(&tags), spans_in);
        for w in tags.windows(2) {
            assert!(allowed(w[0], w[1]));
        }
    }

    #[test]
    fn transitions() {
        let b_per = tag(Pos::B, Kind::Person);
        assert!(allowed(b_per, tag(Pos::L, Kind::Person)));
        assert!(!allowed(b_per, tag(Pos::L, Kind::Location)));
        assert!(allowed(b_per, O));
        assert!(!allowed(O, tag(Pos::I, Kind::Misc)));
        assert!(allowed(tag(Pos::U, Kind::Misc), tag(Pos::B, Kind::Misc)));
    }

    #[test]
    fn ill_formed_sequences_still_decode() {
        let i_loc = tag(Pos::I, Kind::Location);
        let got = spans(&[i_loc, i_loc, O, tag(Pos::B, Kind::Person)]);
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].start, got[0].end), (0, 2));
        assert_eq!((got[1].start, got[1].end), (3, 4));
        for t in 0..NTAGS as u8 {
            assert_eq!(split(t).map_or(O, |(p, k)| tag(p, k)), t);
        }
    }
}
