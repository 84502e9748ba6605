//! JSON Lines: one record per line, or indented with `--pretty`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use super::printer::Printer;
use crate::record::{Article, Quote};

/// Prints each article as one JSON object per line.
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonLines {
    /// Indent the JSON (one object then spans several lines).
    pub pretty: bool,
}

fn write_json<T: Serialize>(value: &T, pretty: bool, out: &mut Vec<u8>) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a Value,
    error: &'a str,
}

impl Printer for JsonLines {
    fn article(&self, record: &Article, out: &mut Vec<u8>) -> io::Result<()> {
        write_json(record, self.pretty, out)
    }

    fn input_error(&self, id: &Value, message: &str, out: &mut Vec<u8>) -> io::Result<()> {
        write_json(&ErrorLine { id, error: message }, self.pretty, out)
    }
}

/// Prints one JSON object per quote, tagged with its article's path or id.
#[derive(Clone, Copy, Debug, Default)]
pub struct QuoteLines {
    /// Indent the JSON.
    pub pretty: bool,
}

#[derive(Serialize)]
struct QuoteLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    #[serde(flatten)]
    quote: &'a Quote,
}

impl Printer for QuoteLines {
    fn article(&self, record: &Article, out: &mut Vec<u8>) -> io::Result<()> {
        for quote in &record.quotes {
            let line = QuoteLine {
                path: record.path.as_deref(),
                id: record.id.as_ref(),
                quote,
            };
            write_json(&line, self.pretty, out)?;
        }
        Ok(())
    }

    fn input_error(&self, id: &Value, message: &str, out: &mut Vec<u8>) -> io::Result<()> {
        write_json(&ErrorLine { id, error: message }, self.pretty, out)
    }
}
