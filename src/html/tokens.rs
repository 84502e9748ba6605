//! Pages nested too deep for tree building. html5ever's tree builder scans
//! its stack of open elements for many tags, so a page of a hundred
//! thousand nested `<div>`s would cost the square of its length. Such
//! pages are measured first with the tokenizer alone (linear), and when
//! their nesting passes [`MAX_DEPTH`] their blocks are read straight from
//! the tokens, with a stack that stops growing at that depth.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::dom::{Walked, Walker};

/// Nesting past which a page is read from its tokens.
pub(super) const MAX_DEPTH: usize = 400;

/// Pages with fewer tags than this are never measured: even fully nested,
/// tree building costs little.
pub(super) const FEW_TAGS: usize = 4_000;

/// Elements that never hold others.
fn void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// The raw-text state the tokenizer must enter after a start tag, as the
/// tree builder would tell it.
fn raw_kind(name: &str) -> Option<TokenSinkResult<()>> {
    Some(match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => return None,
    })
}

/// Runs the tokenizer over `html`, handing each token to `sink`.
fn tokenize<S: TokenSink<Handle = ()>>(html: &str, sink: S) -> S {
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink
}

/// Measures nesting.
struct Depth {
    state: RefCell<(usize, usize)>,
}

impl TokenSink for Depth {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            let mut s = self.state.borrow_mut();
            match tag.kind {
                TagKind::StartTag if !tag.self_closing && !void(&tag.name) => {
                    s.0 += 1;
                    s.1 = s.1.max(s.0);
                    if let Some(raw) = raw_kind(&tag.name) {
                        return raw;
                    }
                }
                TagKind::EndTag => s.0 = s.0.saturating_sub(1),
                TagKind::StartTag => {}
            }
        }
        TokenSinkResult::Continue
    }
}

/// Whether a page must be read from its tokens: many tags, nested deeper
/// than [`MAX_DEPTH`].
pub(super) fn too_deep(html: &str) -> bool {
    if html.bytes().filter(|&b| b == b'<').count() < FEW_TAGS {
        return false;
    }
    let depth = tokenize(
        html,
        Depth {
            state: RefCell::new((0, 0)),
        },
    );
    depth.state.into_inner().1 > MAX_DEPTH
}

/// Reads blocks from tokens.
struct Reader {
    walker: RefCell<Walker>,
    /// Names of the elements open on the walker, innermost last.
    open: RefCell<Vec<String>>,
    /// Inside an element whose text is skipped by the tokenizer's raw state.
    raw: RefCell<Option<String>>,
}

impl TokenSink for Reader {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let mut walker = self.walker.borrow_mut();
                let mut open = self.open.borrow_mut();
                match tag.kind {
                    TagKind::StartTag => {
                        let raw = raw_kind(name);
                        if name == "br" {
                            walker.open("br", |_| None);
                        } else if !tag.self_closing && !void(name) && open.len() < MAX_DEPTH {
                            let attr =
                                |a: &str| tag.attrs.iter().find(|x| &*x.name.local == a).map(|x| &*x.value);
                            walker.open(name, attr);
                            open.push(name.to_string());
                        }
                        if let Some(raw) = raw {
                            *self.raw.borrow_mut() = Some(name.to_string());
                            return raw;
                        }
                    }
                    TagKind::EndTag => {
                        if self.raw.borrow().as_deref() == Some(name) {
                            *self.raw.borrow_mut() = None;
                        }
                        // Only an end tag that closes the innermost open
                        // element closes anything; others are dropped.
                        if open.last().is_some_and(|n| n == name) {
                            open.pop();
                            walker.close();
                        }
                    }
                }
            }
            Token::CharacterTokens(text) if self.raw.borrow().is_none() => {
                self.walker.borrow_mut().push_text(&text);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The page's blocks read from its tokens.
pub(super) fn walk(html: &str) -> Walked {
    let reader = tokenize(
        html,
        Reader {
            walker: RefCell::new(Walker::new()),
            open: RefCell::new(Vec::new()),
            raw: RefCell::new(None),
        },
    );
    reader.walker.into_inner().finish()
}
