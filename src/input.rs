//! Reading and decoding article files.
//!
//! Articles arrive as bytes in whatever encoding the archive used. This module
//! turns them into one `String` per article and says which encoding it found:
//! UTF-8 (a leading BOM is dropped), UTF-16 with a BOM, and anything that is
//! not valid UTF-8 as Windows-1252, the usual encoding of legacy news dumps.
//! A NUL byte marks a binary file, which is refused rather than garbled.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The encoding an article was decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// Windows-1252, used when the bytes are not valid UTF-8.
    Windows1252,
    /// UTF-16 little endian, recognized by its byte order mark.
    Utf16Le,
    /// UTF-16 big endian, recognized by its byte order mark.
    Utf16Be,
    /// Another encoding, declared by an HTML page's `<meta charset>`.
    Declared(&'static encoding_rs::Encoding),
}

/// What kind of document an input is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SourceFormat {
    /// Plain text (or Markdown): the article with whatever the page left.
    #[default]
    Text,
    /// An HTML page; the article is found in it.
    Html,
}

impl SourceFormat {
    /// The name used in records: `text` or `html`.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
        }
    }
}

impl Encoding {
    /// The name used in records: `utf-8`, `windows-1252`, `utf-16le`, `utf-16be`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Declared(e) => e.name(),
        }
    }
}

/// An article's text after decoding.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The decoded text, without a byte order mark. All offsets in a record
    /// count Unicode scalar values in this string.
    pub text: String,
    /// The encoding the bytes were decoded from.
    pub encoding: Encoding,
    /// The size of the input in bytes, before decoding.
    pub bytes: usize,
    /// Whether the text is plain text or an HTML page.
    pub format: SourceFormat,
}

/// Why an input could not be turned into text.
#[derive(Debug)]
pub enum InputError {
    /// The input holds a NUL byte, so it is not a text file.
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The input is larger than the configured limit.
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The path names something that is not a regular file (a FIFO, a device).
    NotRegular,
    /// The path is a directory where a file was expected.
    IsDirectory,
    /// Reading failed.
    Io(io::Error),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Binary { offset } => {
                write!(f, "binary file (NUL byte at offset {offset}), not analyzed")
            }
            InputError::TooLarge { limit } => write!(
                f,
                "file is larger than the {} limit; raise it with --max-file-size",
                human_bytes(*limit)
            ),
            InputError::NotRegular => write!(f, "not a regular file, skipped"),
            InputError::IsDirectory => write!(f, "is a directory"),
            InputError::Io(err) => write!(f, "{}", io_reason(err)),
        }
    }
}

impl std::error::Error for InputError {}

impl From<io::Error> for InputError {
    fn from(err: io::Error) -> Self {
        InputError::Io(err)
    }
}

/// A short reason for an I/O error, in lower case and without the "(os
/// error N)" suffix: `no such file or directory`.
pub fn io_reason(err: &io::Error) -> String {
    let text = match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    };
    let mut chars = text.chars();
    match chars.next() {
        // Lower-case a capital that starts a word, not an acronym ("EOF").
        Some(c) if c.is_uppercase() && chars.clone().next().is_some_and(char::is_lowercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text,
    }
}

/// Formats a byte count the way limits are written on the command line.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if n >= size && n % size == 0 {
            return format!("{} {unit}", n / size);
        }
    }
    format!("{n} bytes")
}

/// Reads a file, refusing anything above `limit` bytes.
///
/// `allow_special` lets a FIFO or character device through (a path the user
/// named, such as a shell process substitution); when walking folders such
/// files are refused because reading them may never end.
pub fn read_path(path: &Path, limit: u64, allow_special: bool) -> Result<Decoded, InputError> {
    decode_owned(read_bytes(path, limit, allow_special)?)
}

/// Reads a file's bytes, refusing anything above `limit` bytes (see
/// [`read_path`]); reading stops at the limit, so `/dev/zero` is refused
/// rather than read forever.
pub fn read_bytes(path: &Path, limit: u64, allow_special: bool) -> Result<Vec<u8>, InputError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(InputError::IsDirectory);
    }
    if !meta.is_file() && !allow_special {
        return Err(InputError::NotRegular);
    }
    if meta.is_file() && meta.len() > limit {
        return Err(InputError::TooLarge { limit });
    }
    let file = File::open(path)?;
    // Size the buffer once from the metadata, so reading never doubles it.
    let expected = if meta.is_file() {
        meta.len().min(limit) as usize + 1
    } else {
        0
    };
    let mut bytes = Vec::with_capacity(expected);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Decodes raw bytes, reusing the buffer for UTF-8 text instead of copying.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, InputError> {
    let total = bytes.len();
    let utf8_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if utf16 || std::str::from_utf8(&bytes[if utf8_bom { 3 } else { 0 }..]).is_err() {
        return decode(&bytes);
    }
    if utf8_bom {
        bytes.drain(..3);
    }
    if let Some(offset) = memchr0(&bytes) {
        return Err(InputError::Binary {
            offset: offset + if utf8_bom { 3 } else { 0 },
        });
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| InputError::Io(io::Error::new(io::ErrorKind::InvalidData, e)))?;
    Ok(Decoded {
        text,
        encoding: Encoding::Utf8,
        bytes: total,
        format: SourceFormat::Text,
    })
}

/// Reads everything from `reader`, failing once more than `limit` bytes arrive.
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Decodes raw bytes into text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, InputError> {
    let total = bytes.len();
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(Decoded {
            text: decode_utf16(body, u16::from_le_bytes)?,
            encoding: Encoding::Utf16Le,
            bytes: total,
            format: SourceFormat::Text,
        });
    }
    if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(Decoded {
            text: decode_utf16(body, u16::from_be_bytes)?,
            encoding: Encoding::Utf16Be,
            bytes: total,
            format: SourceFormat::Text,
        });
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(offset) = memchr0(body) {
        let offset = offset + (total - body.len());
        return Err(InputError::Binary { offset });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: Encoding::Utf8,
            bytes: total,
            format: SourceFormat::Text,
        }),
        Err(_) => Ok(Decoded {
            text: body.iter().map(|&b| windows_1252(b)).collect(),
            encoding: Encoding::Windows1252,
            bytes: total,
            format: SourceFormat::Text,
        }),
    }
}

/// Whether bytes look like an HTML page: after a byte order mark and
/// white space, a doctype, `<html>`, `<head>` or a comment before one.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = &body[start..body.len().min(start + 512)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|p| lower.starts_with(p))
        || lower.starts_with(b"<!--") && lower.windows(5).any(|w| w == b"<html")
}

/// Whether a file name is an HTML page's: `.html`, `.htm`, and either
/// gzipped.
pub fn html_name(name: &str) -> bool {
    ["html", "htm", "html.gz", "htm.gz", "xhtml"]
        .iter()
        .any(|e| crate::corpus::has_extension(name, e))
}

/// Whether a file name is gzipped (`.gz`).
pub fn gzip_name(name: &str) -> bool {
    crate::corpus::has_extension(name, "gz")
}

/// Decompresses gzipped bytes, refusing more than `limit` bytes out.
pub fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, InputError> {
    read_limited(flate2::read::MultiGzDecoder::new(bytes), limit)
}

/// Decodes an HTML page: a byte order mark, else UTF-8 when the bytes are
/// valid UTF-8, else the charset the page declares (`<meta charset>` or
/// `http-equiv`), else Windows-1252.
pub fn decode_html(bytes: &[u8]) -> Result<Decoded, InputError> {
    let mut decoded = decode(bytes)?;
    decoded.format = SourceFormat::Html;
    if decoded.encoding != Encoding::Windows1252 {
        return Ok(decoded);
    }
    // Not UTF-8: read the declaration from the page parsed as it is.
    let Some(declared) = crate::html::declared_charset(&decoded.text) else {
        return Ok(decoded);
    };
    if declared == encoding_rs::WINDOWS_1252 || declared == encoding_rs::UTF_8 {
        return Ok(decoded);
    }
    let (text, _) = declared.decode_without_bom_handling(bytes);
    decoded.text = text.into_owned();
    decoded.encoding = Encoding::Declared(declared);
    Ok(decoded)
}

fn memchr0(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn decode_utf16(body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, InputError> {
    let units = body.chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        // An odd trailing byte cannot be a character.
        _ => 0xFFFD,
    });
    let mut text = String::with_capacity(body.len() / 2);
    for (i, ch) in char::decode_utf16(units).enumerate() {
        let ch = ch.unwrap_or(char::REPLACEMENT_CHARACTER);
        if ch == '\0' {
            return Err(InputError::Binary { offset: 2 + 2 * i });
        }
        // A second BOM after the first is noise from concatenated files.
        if ch != '\u{FEFF}' || !text.is_empty() {
            text.push(ch);
        }
    }
    Ok(text)
}

/// Maps one Windows-1252 byte to its character (WHATWG mapping: the five
/// undefined bytes become the C1 controls of the same value).
pub fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
        '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
        '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
        '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
    ];
    match byte {
        0x80..=0x9F => HIGH[(byte - 0x80) as usize],
        _ => byte as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Café".as_bytes()).unwrap();
        assert_eq!(plain.text, "Café");
        assert_eq!(plain.encoding, Encoding::Utf8);
        let bom = decode(b"\xEF\xBB\xBFHi").unwrap();
        assert_eq!(bom.text, "Hi");
        assert_eq!(bom.bytes, 5);
    }

    #[test]
    fn invalid_utf8_is_windows_1252() {
        let d = decode(b"\x93Caf\xe9\x94 \x96 \x80").unwrap();
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert_eq!(d.text, "\u{201C}Café\u{201D} \u{2013} €");
    }

    #[test]
    fn nul_byte_is_binary_with_offset() {
        match decode(b"abc\0def") {
            Err(InputError::Binary { offset }) => assert_eq!(offset, 3),
            other => panic!("expected binary, got {other:?}"),
        }
        match decode(b"\xEF\xBB\xBFa\0") {
            Err(InputError::Binary { offset }) => assert_eq!(offset, 4),
            other => panic!("expected binary, got {other:?}"),
        }
    }

    #[test]
    fn utf16_both_orders() {
        let le = decode(b"\xFF\xFEH\0i\0").unwrap();
        assert_eq!((le.text.as_str(), le.encoding), ("Hi", Encoding::Utf16Le));
        let be = decode(b"\xFE\xFF\0H\0i").unwrap();
        assert_eq!((be.text.as_str(), be.encoding), ("Hi", Encoding::Utf16Be));
        let odd = decode(b"\xFF\xFEH\0i").unwrap();
        assert_eq!(odd.text, "H\u{FFFD}");
    }

    #[test]
    fn owned_and_borrowed_decoding_agree() {
        let samples: [&[u8]; 6] = [
            b"plain",
            b"\xEF\xBB\xBFbom",
            b"caf\xe9",
            b"\xFF\xFEH\0",
            b"a\0b",
            b"\xEF\xBB\xBFa\0",
        ];
        for s in samples {
            let a = decode(s)
                .map(|d| (d.text, d.encoding, d.bytes))
                .map_err(|e| e.to_string());
            let b = decode_owned(s.to_vec())
                .map(|d| (d.text, d.encoding, d.bytes))
                .map_err(|e| e.to_string());
            assert_eq!(a, b, "{s:?}");
        }
    }

    #[test]
    fn limit_is_enforced_while_reading() {
        let data = [b'a'; 10];
        assert!(read_limited(&data[..], 10).is_ok());
        assert!(matches!(
            read_limited(&data[..], 9),
            Err(InputError::TooLarge { limit: 9 })
        ));
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_bytes(64 << 20), "64 MiB");
        assert_eq!(human_bytes(1000), "1000 bytes");
    }
}
